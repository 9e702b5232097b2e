//! # krisesenter-consent
//!
//! Dated consent records, retention schedules, legal holds and disposal evidence.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_consent::Consent;
//! use krisesenter_core::ConsentId;
//!
//! let given = NaiveDate::from_ymd_opt(2026, 1, 10).ok_or("date")?;
//! let oral = Consent::storage(ConsentId::try_new("c1")?, given, false);
//! assert!(!oral.in_force_on(given), "an oral consent is never in force");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod record;

pub use record::{Consent, ConsentError, ConsentKind, GivenBy};
