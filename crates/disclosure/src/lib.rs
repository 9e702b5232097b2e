//! # krisesenter-disclosure
//!
//! Whether a crisis shelter refuses, shares, may share, must report or must respond when
//! someone asks about a user, or when staff consider telling someone on their own
//! initiative; to whom, what, on which legal basis, and what staff must do
//! (DOMAIN.md §4).
//!
//! - Confidentiality is the default (krisesenterlova §5 with forvaltningsloven §13): it
//!   covers even that a person is or was a user, so a refused question about existence or
//!   whereabouts is answered without confirming or denying.
//! - Consent (forvaltningsloven §13 a nr. 1) lifts confidentiality only for its recipients,
//!   its categories and its dates, and never beyond what was asked. Only written consent
//!   in force on the day counts ([`krisesenter_consent::Consent::in_force_on`]).
//! - Duties override consent and its absence: the duty to inform child welfare
//!   (barnevernsloven §13-2 from 2023-01-01, barnevernloven 1992 §6-4 before, through
//!   krisesenterlova §6) on own initiative or on an order, and the duty to avert
//!   (straffeloven §196, its list as it stood on the day). Several duties give all their
//!   recipients.
//! - Necessity (straffeloven §17) and forvaltningsloven §13 b nr. 7 permit sharing what
//!   averts danger to life or health with the police or health services when no duty applies.
//!
//! The entry point is [`disclose`]`(&input, as_of)`, as in every crate of the workspace
//! (docs/api.md). Its combining logic is one `match`, in priority order, a comment per arm
//! citing its source; what changes with the law (the §196 list, the act holding the
//! child-welfare duty, what passes under each basis) is data in [`rules::RULES`], one
//! version per change, chosen by `as_of`. Every decision other than refuse carries a
//! [`LogEntry`] holding only parties, categories, bases, citations, the date and consent ids.
//!
//! The crate does no I/O and reads no clock: the date of the decision is an argument.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_disclosure::{
//!     disclose, ChildConcern, Consent, ConsentForm, ConsentId, DiscloseInput, DisclosureReason, Information, Initiative,
//!     Outcome, Party, Step,
//! };
//!
//! let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
//! let given = NaiveDate::from_ymd_opt(2026, 1, 10).ok_or("date")?;
//! let consent = Consent::sharing(ConsentId::try_new("c1")?, [Party::Nav], [Information::ContactDetails], given, ConsentForm::Written)?;
//!
//! // Nav asks for contact details and case notes: the consent covers only the contact details.
//! let input = DiscloseInput::new(Party::Nav, Initiative::Request, [Information::ContactDetails, Information::CaseNotes])
//!     .with_consents(vec![consent])?;
//! let answer = disclose(&input, as_of)?;
//! assert_eq!(answer.outcome(), Outcome::Share);
//! assert_eq!(answer.information().iter().collect::<Vec<_>>(), vec![Information::ContactDetails]);
//! assert!(answer.log_entry().is_some());
//!
//! // A child is mistreated: staff must report to child welfare, consent or not.
//! let concern = input.with_child_concern(ChildConcern::Mistreatment);
//! let report = disclose(&concern, as_of)?;
//! assert_eq!(report.outcome(), Outcome::MustReport);
//! assert!(report.recipients().contains(Party::ChildWelfare));
//! assert!(report.steps().contains(Step::InformParentFirst));
//! assert!(report.reasons().contains(DisclosureReason::ChildMistreatment));
//! let reasons = report.reasons().explain();
//! let duty = reasons.first().ok_or("a reason")?;
//! assert_eq!(duty.code().as_str(), "child_welfare_duty_mistreatment");
//! assert!(duty.citations().iter().any(|c| c.section() == "13-2"), "barnevernsloven §13-2 in 2026");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod disclose;
mod input;
mod reason;
pub mod rules;

#[cfg(test)]
mod worked_examples;

pub use disclose::{Basis, DiscloseError, Disclosure, LogEntry, Outcome, Passage, Step, disclose};
pub use input::{ChildConcern, DiscloseInput, DiscloseInputError, Initiative, Likelihood, SeriousOffence};
pub use reason::DisclosureReason;

/// The types of other crates this crate's API takes and gives, so one `use` line serves.
pub use krisesenter_consent::{Consent, ConsentForm};
/// The types of krisesenter-core this crate's API takes and gives.
pub use krisesenter_core::{Age, Citation, ConsentId, EnumSet, Information, Party, Reason, Reasons, Statute};

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
