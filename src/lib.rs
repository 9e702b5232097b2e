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
//! | [`casework`] | `krisesenter-casework` | the case over time: what is due next, and how the stay ended |
//! | [`compose`] | (this crate) | a case's stays in the statistics, a referral's basis checked by the disclosure rules |
//! | [`cli`] | (this crate) | the JSON contract of `krisesenter-cli` (docs/contract.md) as a pure function |
//!
//! # Features
//!
//! Each domain crate sits behind a feature of its own name (`consent`, `eligibility`,
//! `rooms`, `disclosure`, `stats`, `casework`); `core` is always there; `compose` joins
//! casework with the statistics and disclosure crates that are on. The feature `cli` (the
//! default) takes them all and adds the JSON contract. An embedder who needs only sharing decisions
//! writes `krisesenter = { git = "…", default-features = false, features = ["disclosure"] }`.
//!
//! # Documents
//!
//! The architecture, the API convention, the contract, the legal basis of every rule, the
//! invariants and the performance figures are compiled in under [`_documentation`].
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

#[cfg(feature = "cli")]
pub mod cli;

#[cfg(feature = "casework")]
pub use krisesenter_casework as casework;
#[cfg(all(feature = "compose", any(feature = "stats", feature = "disclosure")))]
pub mod compose;
#[cfg(feature = "consent")]
pub use krisesenter_consent as consent;
pub use krisesenter_core as core;
#[cfg(feature = "disclosure")]
pub use krisesenter_disclosure as disclosure;
#[cfg(feature = "eligibility")]
pub use krisesenter_eligibility as eligibility;
#[cfg(feature = "rooms")]
pub use krisesenter_rooms as rooms;
#[cfg(feature = "stats")]
pub use krisesenter_stats as stats;

pub mod _documentation;

/// The README's examples, run as doctests so they stay true.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
