//! # krisesenter
//!
//! The facade of the krisesenter workspace: every domain crate under one name.
#![forbid(unsafe_code)]

pub mod cli;

pub use krisesenter_consent as consent;
pub use krisesenter_core as core;
pub use krisesenter_disclosure as disclosure;
pub use krisesenter_eligibility as eligibility;
pub use krisesenter_rooms as rooms;
pub use krisesenter_stats as stats;
