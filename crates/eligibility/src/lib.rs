//! # krisesenter-eligibility
//!
//! Who can be offered a stay at the ordinary crisis shelter (boevne), what is offered
//! instead, and how the offer is adapted: krisesenterlova §§1-3 in the version in force on
//! the day of the assessment (with the amendment of 2026-01-01), Romerike Krisesenter's
//! professional platform and the 2026 workshop on users with substance use and mental
//! illness.
//!
//! [`assess`] takes an [`AssessInput`] and the day, and returns an [`Offer`]: an outcome
//! with reasons for the stay, the day service and the phone; the equal alternative
//! (required from 2026-01-01 for someone in the target group refused a stay, the first
//! configured alternative that fits, or a reason why none does); the adaptations; the
//! referrals. Every reason has a stable code, messages in bokmål and English, and the
//! citations of the provision versions in force on the day. The library recommends and
//! staff decide: a [`StaffDecision`] that departs from the recommendation needs a
//! justification, and [`alternative_if_refused`] says which alternative applies when staff
//! refuse a stay.
//!
//! The rules live in one place (`rules.rs`), a comment per rule naming its source; what
//! changed with the law is data ([`RULES`], one [`EligibilityRules`] per version, chosen by
//! the day). `docs/legal-basis.md` lists the rules and `docs/invariants.md` the properties
//! they keep.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_eligibility::{
//!     assess, Accepts, Age, Alternative, AlternativeId, AlternativeModel, Applicant, AssessInput, DayOutcome, Gender,
//!     Observations, Referral, Relation, ResidentialOutcome, Role, Violence, ViolenceType,
//! };
//!
//! // A woman in active substance use, exposed to violence by a former partner.
//! let mut observations = Observations::no_concerns();
//! observations.active_substance_use = true;
//! let housing = Alternative::new(
//!     AlternativeId::try_new("bemannet-bolig")?,
//!     AlternativeModel::CooperationHousing,
//!     Accepts::try_new([Gender::Female])?.with_active_substance_use(),
//! );
//! let input = AssessInput::new(
//!     Applicant::new(Age::try_new(34)?, Gender::Female, Role::Victim),
//!     Violence::new([ViolenceType::Physical], Relation::FormerPartner),
//!     observations,
//! )
//! .in_need_of_protection()
//! .with_alternatives([housing])?;
//!
//! let day = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
//! let offer = assess(&input, day)?;
//! assert_eq!(*offer.residential().outcome(), ResidentialOutcome::NotOffered);
//! assert_eq!(*offer.day().outcome(), DayOutcome::IndividualAssessment);
//! assert!(offer.alternative().required());
//! assert_eq!(offer.alternative().offer().map(|o| o.id().as_str()), Some("bemannet-bolig"));
//! assert!(offer.referrals().contains(Referral::SubstanceTreatment));
//!
//! // The same person a day before the amendment: no duty of an equal alternative yet.
//! let before = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("date")?;
//! assert!(!assess(&input, before)?.alternative().required());
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

pub use decision::{DecisionError, FinalOutcome, StaffDecision};
pub use input::{
    Accepts, AccompanyingChild, AdaptationNeeds, Alternative, AlternativeModel, Applicant, AssessInput,
    AssessInputError, Observations, ProtectedAttributes, Role, Violence,
};
pub use offer::{
    AlternativeOffer, ChosenAlternative, DayOutcome, Offer, PhoneOutcome, Referral, ResidentialOutcome, ServiceOffer,
};
pub use reason::EligibilityReason;
pub use rules::{
    AssessError, EligibilityRules, RULES, V2010, V2026, alternative_if_refused, assess, choose_alternative,
};

krisesenter_core::id_type!(
    /// Identifies an alternative crisis-shelter offer configured by a municipality.
    AlternativeId
);
krisesenter_core::id_type!(
    /// Identifies a member of staff (who decided).
    StaffId
);
/// The core types this crate's API takes and returns, so an embedder needs one `use` line.
pub use krisesenter_core::{
    Age, EnumSet, Explained, Gender, Reason, ReasonKind, Reasons, Redacted, Relation, ViolenceType,
};

#[cfg(test)]
mod worked_examples;
