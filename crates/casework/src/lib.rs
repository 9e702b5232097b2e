//! # krisesenter-casework
//!
//! The case over time at a crisis shelter, from the first contact to the end of follow-up:
//! a case is a fold over dated events ([`Case::replay`], [`Case::apply`]), its stage, its
//! stays, the children's own track and the re-establishment phases of "Fra krisesenter til
//! egen bolig" are derived from them, and [`next_steps`] lists what is due on a day.
//!
//! Events hold codes, dates and ids, never free text or names: notes stay in the embedding
//! case system. One case per adult user; the children who come along are members with
//! their own track.
//!
//! Each step says whether it is law (it cites a provision of krisesenterlova in the version
//! in force on the day) or professional practice (it cites a section of Bufdir's guide, the
//! work process or the shelter's platform, and nothing else). Practice deadlines are
//! [`CasePolicy`] parameters; rules that change with the law are the versioned [`RULES`].
//!
//! Returning to the perpetrator is the user's right (Romerike platform §4.2): it is recorded
//! as a destination, never refused, and it opens the safety-plan update and, with children,
//! the assessment of the duty to inform child welfare (an assessment, not a report: the
//! disclosure crate decides duties).
//!
//! ## Differs from the convention
//!
//! A case is a fold over dated events rather than one input decided on one day, so the
//! entry points are [`Case::replay`] (events in, [`Case`] out, [`CaseError`] naming the
//! event's index) and [`next_steps`]`(&case, &policy, as_of)`.
//!
//! # Example
//!
//! A mother and her child arrive; a week later, what is due?
//!
//! ```
//! use chrono::NaiveDate;
//! use krisesenter_casework::{
//!     next_steps, Basis, Caller, Case, CaseError, CaseEvent, CasePolicy, Channel, Destination, Event, PersonId,
//!     RoomId, Stage, StepKind, Subject,
//! };
//!
//! let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).ok_or("date");
//! let child = PersonId::try_new("c1")?;
//! let mut case = Case::replay(&[
//!     CaseEvent::new(day(2)?, Event::FirstContact { channel: Channel::Phone, interpreter: false, caller: Caller::Person }),
//!     CaseEvent::new(day(2)?, Event::InitialMapping {}),
//!     CaseEvent::new(day(2)?, Event::StayStarted { room: RoomId::try_new("r01")?, children: vec![child.clone()] }),
//!     CaseEvent::new(day(3)?, Event::ArrivalDone {}),
//!     CaseEvent::new(day(3)?, Event::SafetyPlan {}),
//! ])?;
//! assert_eq!(case.stage(), Stage::Stay);
//!
//! let steps = next_steps(&case, &CasePolicy::default(), day(9)?);
//! assert!(steps.contains(StepKind::ChildConversation, &Subject::Child(child.clone())));
//! assert!(steps.contains(StepKind::MakeStayPlan, &Subject::User));
//! // Practice is never presented as law: a practice step cites no statute.
//! assert!(steps.steps().iter().all(|s| (s.basis() == Basis::Law) == !s.citations().is_empty()));
//!
//! // A child who is not a member: refused, naming the event.
//! let stranger = PersonId::try_new("c9")?;
//! let err = case.apply(CaseEvent::new(day(9)?, Event::ChildMapping { child: stranger }));
//! assert_eq!(err, Err(CaseError::ChildNotMember { index: 5 }));
//!
//! // Going back to the perpetrator is recorded, never blocked, and opens steps.
//! case.apply(CaseEvent::new(day(20)?, Event::StayEnded { destination: Destination::ReturnedToPerpetrator }))?;
//! let steps = next_steps(&case, &CasePolicy::default(), day(20)?);
//! assert!(steps.contains(StepKind::UpdateSafetyPlan, &Subject::User));
//! assert!(steps.contains(StepKind::AssessChildWelfareDuty, &Subject::User));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod case;
mod event;
mod steps;
#[cfg(test)]
mod worked_examples;

pub use case::{Case, CaseError, CaseStay, ChildTrack, Phase, Stage, StayOutcome};
pub use event::{
    Caller, CaseEvent, Channel, Destination, EndReason, Event, FollowUpPlan, HomeSafety, HousingNeed, IndividualPlan,
    InformationTopic, LegalGround, NeedsOutcome, ProtectiveMeasure, ReferralKind, Service, SharingBasis,
    ShelterFollowUp,
};
pub use krisesenter_core::practice::{PracticeDocument, PracticeSource};
pub use krisesenter_core::{ConsentId, EnumSet, Information, Party, PersonId, RoomId};
pub use steps::{Basis, CasePolicy, CaseworkRules, NextSteps, RULES, Step, StepKind, StepStatus, Subject, next_steps};
