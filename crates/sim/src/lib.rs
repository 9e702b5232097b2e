//! # krisesenter-sim
//!
//! The seeded simulations of the workspace, as examples of this package: `romerike-year`
//! (a year at Romerike krisesenter, day by day through every crate) and `alternatives-plan`
//! (the equal alternative of krisesenterlova §3 planned under each model). They are shells:
//! every rule they apply is a domain crate's. They live in a package of their own, with no
//! dev-dependency, so that the main job builds only what it uses:
//!
//! ```text
//! cargo run --release --example romerike-year
//! cargo run --release --example alternatives-plan
//! ```
//!
//! This library holds nothing; the facade `krisesenter` is the API.
#![forbid(unsafe_code)]
