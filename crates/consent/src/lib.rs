//! # krisesenter-consent
//!
//! Dated consent records, the retention schedule of a crisis shelter's case records, legal
//! holds, and disposal evidence that never re-identifies the person (DOMAIN.md §4-5).
//!
//! - [`Consent`]: storage or sharing, [written or oral](ConsentForm), given on a day,
//!   withdrawn on a day ([`Consent::withdraw`]); in force as docs/contract.md defines it;
//!   [`Consent::covers`].
//! - [`RetentionPolicy`]: years kept after the latest written storage consent (default 10),
//!   grace days after a contact without consent ends (default 0), and a [`PolicyVersion`].
//! - [`LegalHold`]: a police case, court case, child-welfare case or complaint; an active
//!   hold blocks every disposal.
//! - [`retain`]: the whole operation (the contract's `retention` command without its JSON):
//!   every record of a [`RetentionInput`] decided on a day, as a [`Retention`].
//! - [`decide_retention`] and [`sweep`]: one record, or many, decided without allocating:
//!   keep, delete or held, with the first day due (`until`), the rule, and the
//!   [`RetentionReason`]s; a delete gives a [`DisposalCertificate`].
//! - [`Register`] and [`sweep_register`]: many records laid out flat (one vector of
//!   fixed-size entries, consents and holds in one vector each, ids apart), built from
//!   [`CaseRecord`]s or straight from the contract's JSON, and swept by the same rules at
//!   memory speed.
//! - [`fhir`]: a sharing consent as an HL7 FHIR R4 `Consent` resource.
//!
//! No I/O, no clock: every decision takes the day it is made on, as the last argument
//! (docs/api.md). No rule of this crate changes with the law's versions: the citations of
//! the reasons name the provision versions in force on that day (krisesenterlova §5 a from
//! 2026-01-01), and a record's statistics opt-out is honoured whatever the day.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_consent::{
//!     decide_retention, Action, CaseRecord, Consent, ConsentForm, ConsentId, DisposalRule, RecordId, RetentionPolicy,
//! };
//!
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//! let policy = RetentionPolicy::default();
//!
//! // A written storage consent keeps the record for ten years after it was given.
//! let consent = Consent::storage(ConsentId::try_new("c1")?, d(2024, 2, 29)?, ConsentForm::Written);
//! let record = CaseRecord::try_new(RecordId::try_new("r1")?, Some(d(2024, 4, 1)?), vec![consent.clone()], vec![])?;
//! let kept = decide_retention(&record, &policy, d(2026, 3, 1)?);
//! assert_eq!((kept.action(), kept.until()), (Action::Keep, Some(d(2034, 2, 28)?)));
//!
//! // Withdrawn after the contact ended: due on the day of the withdrawal.
//! let withdrawn = consent.withdraw(d(2026, 2, 1)?)?;
//! let record = CaseRecord::try_new(RecordId::try_new("r1")?, Some(d(2024, 4, 1)?), vec![withdrawn], vec![])?;
//! let gone = decide_retention(&record, &policy, d(2026, 3, 1)?);
//! assert_eq!((gone.action(), gone.until()), (Action::Delete, Some(d(2026, 2, 1)?)));
//! let certificate = gone.certificate(&record, &policy).ok_or("a delete has a certificate")?;
//! assert_eq!(certificate.rule(), DisposalRule::ConsentWithdrawn);
//! assert_eq!(certificate.rule().as_str(), "consent_withdrawn");
//! assert_eq!(certificate.policy_version().as_str(), "consent-10y-grace-0d");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod case;
mod certificate;
mod decision;
pub mod fhir;
mod hold;
mod policy;
mod reason;
mod record;
mod register;
mod retain;
mod schedule;

pub use case::{CaseRecord, CaseRecordError};
pub use certificate::{DisposalCertificate, DisposalRule, StatisticalFact};
pub use decision::{Action, DecisionReport, RetentionDecision, StatisticsUse, decide_retention, sweep};
pub use hold::{HoldError, HoldReason, LegalHold};
pub use policy::{
    DEFAULT_CONSENT_RETENTION_YEARS, DEFAULT_NO_CONSENT_GRACE_DAYS, MAX_CONSENT_RETENTION_YEARS,
    MAX_NO_CONSENT_GRACE_DAYS, PolicyError, PolicyVersion, RetentionPolicy,
};
pub use reason::RetentionReason;
pub use record::{Consent, ConsentError, ConsentForm, ConsentKind, GivenBy, NotInForce};
pub use register::{Register, RegisterError, sweep_register};
pub use retain::{Retention, RetentionError, RetentionInput, retain};

krisesenter_core::id_type!(
    /// Identifies a case record kept about a user.
    RecordId
);
krisesenter_core::id_type!(
    /// Identifies a legal hold placed on a record.
    HoldId
);
/// The types of `krisesenter-core` this crate's API takes and gives, so an embedder needs one
/// `use` line.
pub use krisesenter_core::{ConsentId, EnumSet, IdError, Information, Party, PersonId, Reason, ReasonKind, Reasons};
