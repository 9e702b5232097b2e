//! # krisesenter
//!
//! The facade of the krisesenter workspace: the rules Norwegian crisis shelters
//! (krisesentre) work under, every domain crate under one name, and the JSON contract of
//! `krisesenter-cli` as a pure function ([`cli`]).
//!
//! | module | crate | what it decides |
//! |---|---|---|
//! | [`core`] | `krisesenter-core` | nothing: vocabulary, ids, people, the law as versioned data, reasons |
//! | [`eligibility`] | `krisesenter-eligibility` | who is offered a stay, and what instead (ksl §3) |
//! | [`rooms`] | `krisesenter-rooms` | which household goes in which room, optimally |
//! | [`disclosure`] | `krisesenter-disclosure` | who may learn what: confidentiality, consent, duties |
//! | [`consent`] | `krisesenter-consent` | how long records are kept; keep, delete or hold |
//! | [`stats`] | `krisesenter-stats` | what is counted and published |
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter::disclosure::{disclose, DiscloseInput, Information, Initiative, Outcome, Party};
//!
//! // The alleged perpetrator asks where she is: refused, without confirming she is a user.
//! let input = DiscloseInput::new(Party::AllegedPerpetrator, Initiative::Request, [Information::Whereabouts]);
//! let answer = disclose(&input, NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?)?;
//! assert_eq!(answer.outcome(), Outcome::Refuse);
//! assert!(answer.neither_confirm_nor_deny());
//!
//! // The same through the JSON contract, as a front end in any language sees it.
//! let out = krisesenter::cli::run("disclose", br#"{
//!     "as_of": "2026-03-01", "requester": "alleged_perpetrator", "initiative": "request",
//!     "information": ["whereabouts"], "consents": []
//! }"#)?;
//! let json: serde_json::Value = serde_json::from_str(&out)?;
//! assert_eq!(json["outcome"], "refuse");
//! assert_eq!(json["neither_confirm_nor_deny"], true);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

pub mod cli;

pub use krisesenter_consent as consent;
pub use krisesenter_core as core;
pub use krisesenter_disclosure as disclosure;
pub use krisesenter_eligibility as eligibility;
pub use krisesenter_rooms as rooms;
pub use krisesenter_stats as stats;

/// The README's examples, run as doctests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
