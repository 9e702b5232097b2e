//! # krisesenter-consent
//!
//! Dated consent records, the retention schedule of a crisis shelter's case records, legal
//! holds, and disposal evidence that never re-identifies the person (DOMAIN.md §4-5).
//!
//! - [`Consent`]: storage or sharing, written or oral, given on a day, withdrawn on a day
//!   ([`Consent::withdraw`]); in force as CONTRACT.md defines it; [`Consent::covers`].
//! - [`RetentionPolicy`]: years kept after the latest written storage consent (default 10),
//!   grace days after a contact without consent ends (default 0), and a [`PolicyVersion`].
//! - [`LegalHold`]: a police case, court case, child-welfare case or complaint; an active
//!   hold blocks every disposal.
//! - [`decide`] and [`sweep`]: keep, delete or held, with the first day due (`until`), the
//!   reasons and their citations; a delete carries a [`DisposalCertificate`].
//! - [`fhir`]: a sharing consent as an HL7 FHIR R4 `Consent` resource.
//! - [`RetentionRequest`] / [`RetentionReport`]: the `retention` command of the contract.
//!
//! No I/O, no clock: every decision takes the day it is made on.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_consent::{decide, Action, CaseRecord, Consent, DisposalRule, RetentionPolicy};
//! use krisesenter_core::{ConsentId, RecordId};
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let policy = RetentionPolicy::default();
//!
//! // A written storage consent keeps the record for ten years after it was given.
//! let consent = Consent::storage(ConsentId::try_new("c1")?, d(2024, 2, 29)?, true);
//! let record = CaseRecord::try_new(RecordId::try_new("r1")?, Some(d(2024, 4, 1)?), vec![consent.clone()], vec![])?;
//! let kept = decide(&record, d(2026, 3, 1)?, &policy);
//! assert_eq!((kept.action(), kept.until()), (Action::Keep, Some(d(2034, 2, 28)?)));
//!
//! // Withdrawn after the contact ended: due on the day of the withdrawal.
//! let withdrawn = consent.withdraw(d(2026, 2, 1)?)?;
//! let record = CaseRecord::try_new(RecordId::try_new("r1")?, Some(d(2024, 4, 1)?), vec![withdrawn], vec![])?;
//! let gone = decide(&record, d(2026, 3, 1)?, &policy);
//! assert_eq!((gone.action(), gone.until()), (Action::Delete, Some(d(2026, 2, 1)?)));
//! let certificate = gone.certificate().ok_or("a delete has a certificate")?;
//! assert_eq!(certificate.rule, DisposalRule::ConsentWithdrawn);
//! assert_eq!(certificate.policy_version.as_str(), "consent-10y-grace-0d");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod case;
mod certificate;
mod contract;
mod decision;
pub mod fhir;
mod hold;
mod policy;
mod reason;
mod record;
mod schedule;

pub use case::{CaseRecord, RecordError};
pub use certificate::{DisposalCertificate, DisposalRule, StatisticalFact};
pub use contract::{RetentionError, RetentionReport, RetentionRequest};
pub use decision::{Action, Decision, DecisionReport, decide, sweep};
pub use hold::{HoldError, HoldReason, LegalHold};
pub use policy::{
    DEFAULT_CONSENT_RETENTION_YEARS, DEFAULT_NO_CONSENT_GRACE_DAYS, MAX_CONSENT_RETENTION_YEARS,
    MAX_NO_CONSENT_GRACE_DAYS, PolicyError, PolicyVersion, RetentionPolicy,
};
pub use reason::{ReasonSet, RetentionReason};
pub use record::{Consent, ConsentError, ConsentKind, GivenBy, NotInForce};
