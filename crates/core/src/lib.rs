//! # krisesenter-core
//!
//! The shared vocabulary of the krisesenter workspace: the closed vocabularies of the JSON
//! contract ([`Gender`], [`ViolenceType`], [`Relation`], [`Party`], [`Information`],
//! [`ServiceKind`]), validated ids, ages, [`Redacted`] personal data whose `Debug` never shows it, the law as versioned data ([`law`]), the [`Reason`] every decision
//! carries, and calendar helpers ([`calendar`]).
//!
//! This crate does no I/O and reads no clock: every date comes in as an argument.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_core::law::{Provision, Statute};
//! use krisesenter_core::{calendar, Redacted};
//!
//! // The law in force on a date.
//! let as_of = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
//! let ksl3 = Provision::KslAdaptation.cite(as_of).ok_or("not in force")?;
//! assert_eq!((ksl3.statute(), ksl3.section(), ksl3.in_force_from()), (Statute::Krisesenterlova, "3", as_of));
//!
//! // Personal data is redacted in Debug.
//! let name = Redacted::new("Kari Nordmann");
//! assert!(!format!("{name:?}").contains("Kari"));
//!
//! // Calendar: ten years after a leap day.
//! let leap = NaiveDate::from_ymd_opt(2024, 2, 29).ok_or("date")?;
//! assert_eq!(calendar::add_years(leap, 10), NaiveDate::from_ymd_opt(2034, 2, 28));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod age;
pub mod calendar;
pub mod date;
mod id;
pub mod law;
pub mod practice;
mod reason;
mod redact;
pub mod rules;
pub mod set;
mod vocab;
pub mod wire;

pub use age::{ADULT_AGE, Age, AgeError, MAX_AGE};
pub use id::{ConsentId, IdError, PersonId, RoomId, validate_id};

// Lets the docs of ids declared by `id_type!` link to core from inside core too.
extern crate self as krisesenter_core;

/// What the exported macros of this crate name; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use schemars;
    pub use serde;
    pub use uuid;
}
pub use law::{Citation, Provision, Statute};
pub use practice::{PracticeDocument, PracticeSource};
pub use reason::{Explained, Reason, ReasonCode, ReasonCodeError, ReasonKind, Reasons};
pub use redact::Redacted;
pub use rules::{RuleVersion, Versioned};
pub use set::{EnumSet, SetMember};
pub use vocab::{Gender, Information, Party, PersonKind, Relation, ServiceKind, ViolenceType};
