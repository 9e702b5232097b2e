//! # krisesenter-testkit
//!
//! Property-testing support for the krisesenter workspace, and for anyone who embeds its
//! crates: [`proptest`] strategies for every domain type, built through the real
//! constructors so that every generated value is valid, and (with the `stats` feature) a
//! seeded synthetic generator of a whole shelter-year.
//!
//! Testers of their own case systems can use these strategies to drive their code with the
//! same inputs the workspace's own properties use.
//!
//! The strategies of each domain crate sit behind a feature of the same name (`consent`,
//! `eligibility`, `rooms`, `disclosure`, `stats`, `casework`; `all` for every one), so a crate's own
//! tests build only what they need. The core strategies are always there.
//!
//! # Example
//!
//! ```
//! use krisesenter_testkit::core::{adult_age, date_between};
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let age = adult_age().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! assert!(age.is_adult());
//! let d = date_between(2020, 2030).new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! assert!((2020..=2030).contains(&chrono::Datelike::year(&d)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Case counts
//!
//! The workspace keeps the default number of cases modest so the suite stays fast on two
//! cores; [`config`] reads `PROPTEST_CASES` (as proptest itself does) to raise it.
#![forbid(unsafe_code)]

#[cfg(feature = "casework")]
pub mod casework;
#[cfg(feature = "consent")]
pub mod consent;
pub mod core;
#[cfg(feature = "disclosure")]
pub mod disclosure;
#[cfg(feature = "eligibility")]
pub mod eligibility;
#[cfg(feature = "rooms")]
pub mod rooms;
#[cfg(feature = "stats")]
pub mod stats;

/// A proptest configuration with `default_cases` cases unless the `PROPTEST_CASES`
/// environment variable says otherwise (proptest reads it when building the default config).
///
/// # Example
///
/// ```
/// let cfg = krisesenter_testkit::config(64);
/// assert!(cfg.cases >= 1);
/// ```
pub fn config(default_cases: u32) -> proptest::test_runner::Config {
    let mut cfg = proptest::test_runner::Config::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        cfg.cases = default_cases;
    }
    cfg
}
