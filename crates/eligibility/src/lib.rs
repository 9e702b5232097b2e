//! # krisesenter-eligibility
//!
//! Who can be offered a stay at the ordinary crisis shelter (boevne), what is offered
//! instead, and how the offer is adapted: krisesenterlova §§1-3 in the version in force on
//! the day of the assessment (with the amendment of 2026-01-01), Romerike Krisesenter's
//! professional platform and the 2026 workshop on users with substance use and mental
//! illness.
//!
//! [`assess`] takes an [`Assessment`] and the day, and returns an [`Offer`]: an outcome
//! with reasons for the stay, the day service and the phone; the equal alternative
//! (required from 2026-01-01 for someone in the target group refused a stay, the first
//! configured alternative that fits, or a reason why none does); the adaptations; the
//! referrals. Every reason has a stable code, messages in bokmål and English, and the
//! citations of the provision versions in force on the day. The library recommends and
//! staff decide: a [`Decision`] that departs from the recommendation needs a justification.
//!
//! The rules live in one place (`rules.rs`), a comment per rule naming its source;
//! `docs/legal-basis.md` lists them and `docs/invariants.md` the properties they keep.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_core::{AlternativeId, Gender};
//! use krisesenter_eligibility::{
//!     assess, Accepts, Alternative, AlternativeModel, Assessment, DayOutcome, Observations, Referral,
//!     ResidentialOutcome,
//! };
//!
//! // A woman in active substance use, exposed to violence by a former partner.
//! let mut observations = Observations::no_concerns();
//! observations.active_substance_use = true;
//! let housing = Alternative::new(
//!     AlternativeId::try_new("bemannet-bolig")?,
//!     AlternativeModel::CooperationHousing,
//!     Accepts::try_new([Gender::Female], true, false, false)?,
//! );
//! let assessment = Assessment::example_victim().with_observations(observations).with_alternatives([housing])?;
//!
//! let day = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
//! let offer = assess(&assessment, day)?;
//! assert_eq!(offer.residential().outcome(), ResidentialOutcome::NotOffered);
//! assert_eq!(offer.day().outcome(), DayOutcome::IndividualAssessment);
//! assert!(offer.alternative().required());
//! assert_eq!(offer.alternative().offer().map(|o| o.id().as_str()), Some("bemannet-bolig"));
//! assert!(offer.referrals().contains(Referral::SubstanceTreatment));
//!
//! // The same person a day before the amendment: no duty of an equal alternative yet.
//! let before = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
//! assert!(!assess(&assessment, before)?.alternative().required());
//!
//! // The JSON of the contract, with citations of the versions in force.
//! let json = serde_json::to_value(&offer)?;
//! assert_eq!(json["residential"]["reasons"][0]["code"], "active_substance_use");
//! assert_eq!(json["alternative"]["reasons"][0]["citations"][0]["in_force_from"], "2026-01-01");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod decision;
mod input;
mod offer;
mod reason;
mod rules;

pub use decision::{Decision, DecisionError, FinalOutcome};
pub use input::{
    Accepts, AdaptationNeeds, Alternative, AlternativeModel, Applicant, AssessRequest, Assessment, AssessmentError,
    Child, Observations, ProtectedAttributes, Role, Violence,
};
pub use offer::{
    AlternativeOffer, ChosenAlternative, DayOutcome, Offer, PhoneOutcome, Referral, Referrals, ResidentialOutcome,
    ServiceOffer,
};
pub use reason::{EligibilityReason, Reasons};
pub use rules::{AssessError, assess, choose_alternative};

#[cfg(test)]
mod worked_examples;
