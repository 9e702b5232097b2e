//! # krisesenter-sim
//!
//! The seeded simulations of the workspace, as examples of this package: `romerike-year`
//! (a year at Romerike krisesenter, day by day through every crate), `norway-year` (45
//! shelters, each its own year in parallel, only their aggregates merged into the national
//! figures) and `alternatives-plan` (the equal alternative of krisesenterlova §3 planned under
//! each model). They are shells: every rule they apply is a domain crate's. They live in a
//! package of their own, with no dev-dependency, so that the main job builds only what it uses:
//!
//! ```text
//! cargo run --release --example romerike-year
//! cargo run --release --example norway-year
//! cargo run --release --example alternatives-plan
//! ```
//!
//! This library holds what the examples share: the files a simulated year writes
//! ([`files`]), the figures that travel between shelters as counts ([`figures`]), the text
//! of the summaries ([`text`]) and the command line ([`shell`]). The facade `krisesenter` is the API.
#![forbid(unsafe_code)]

pub mod figures;
pub mod files;
pub mod shell;
mod svg;
pub mod text;
