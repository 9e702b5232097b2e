//! Composition across the domain crates: what no single crate may do, because each stays
//! free of the others.
//!
//! - **A case in the statistics** ([`case_stays`], [`follow_up_contacts`]): the casework
//!   crate keeps the case over time and never personal data; the statistics crate counts
//!   stays of anonymously described people. The facade joins them: each stay of a case
//!   becomes one [`Stay`](crate::stats::Stay) for the adult and one for each child who was there, with the
//!   destination as the after-stay category, and each follow-up conversation after a stay
//!   becomes a [`DayContact`](crate::stats::DayContact), as Bufdir counts follow-up of former residents in the day
//!   service.
//! - **A referral's basis checked on its day** ([`check_referral`]): the casework crate
//!   refuses a referral without a basis and one whose consent does not name the service;
//!   whether the basis holds in law on the referral's day (the consent in force and covering
//!   those categories, or the duty or permission applying to that recipient) is the
//!   disclosure crate's decision, asked here with [`disclose`](crate::disclosure::disclose).
//!
//! # Example
//!
//! ```
//! use std::collections::BTreeMap;
//! use chrono::NaiveDate;
//! use krisesenter::casework::{Case, CaseEvent, Caller, Channel, Destination, Event};
//! use krisesenter::compose::{case_stays, CaseMember};
//! use krisesenter::core::{Age, Gender, PersonKind, RoomId};
//! use krisesenter::stats::{AfterStay, StayId, StayPerson};
//!
//! let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).ok_or("date");
//! let case = Case::replay(&[
//!     CaseEvent::new(day(3, 1)?, Event::FirstContact { channel: Channel::Phone, interpreter: false, caller: Caller::Person }),
//!     CaseEvent::new(day(3, 2)?, Event::StayStarted { room: RoomId::try_new("r01")?, children: vec![] }),
//!     CaseEvent::new(day(3, 20)?, Event::StayEnded { destination: Destination::NewHome }),
//! ])?;
//! let adult = CaseMember::new(StayPerson::new(PersonKind::Adult, Gender::Female, Age::try_new(34)?, "3205".parse()?));
//! let stays = case_stays(&case, &adult, &BTreeMap::new(), |n, _| StayId::try_new(format!("k7-{n}")))?;
//! assert_eq!(stays.len(), 1);
//! assert_eq!((stays[0].check_in(), stays[0].check_out()), (day(3, 2)?, Some(day(3, 20)?)));
//! assert_eq!(stays[0].after_stay(), Some(AfterStay::NewHome));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(feature = "stats")]
mod stays;
#[cfg(feature = "stats")]
pub use stays::{CaseMember, CaseStatsError, case_stays, follow_up_contacts};

#[cfg(feature = "disclosure")]
mod referral;
#[cfg(feature = "disclosure")]
pub use referral::{ReferralCheck, ReferralCheckError, ReferralFacts, ReferralRefusal, check_referral};
