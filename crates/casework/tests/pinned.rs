//! Named behaviours of krisesenter-casework that mutation testing found unpinned: each test's
//! doc comment names the mutants it kills.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests fail loudly")]

use chrono::NaiveDate;
use krisesenter_casework::{
    Caller, Case, CaseEvent, Channel, Destination, EndReason, Event, FollowUpPlan, HomeSafety, HousingNeed,
    IndividualPlan,
};
use krisesenter_core::{EnumSet, PersonId, RoomId};

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn contact(on: NaiveDate) -> CaseEvent {
    CaseEvent::new(on, Event::FirstContact { channel: Channel::Phone, interpreter: false, caller: Caller::Person })
}

fn stay(on: NaiveDate, children: Vec<PersonId>) -> CaseEvent {
    CaseEvent::new(on, Event::StayStarted { room: RoomId::try_new("r01").unwrap(), children })
}

/// A rejected event is named by its index: the out-of-order one at 2, a first event that is
/// not a first contact at 0. Kills `CaseError::index` replaced by `None`, `Some(0)` or `Some(1)`.
#[test]
fn a_rejected_event_is_named_by_its_index() {
    let late =
        Case::replay(&[contact(day(3, 2)), stay(day(3, 3), vec![]), CaseEvent::new(day(3, 1), Event::ArrivalDone {})]);
    assert_eq!(late.unwrap_err().index(), Some(2));
    let first = Case::replay(&[stay(day(3, 3), vec![])]);
    assert_eq!(first.unwrap_err().index(), Some(0));
}

/// A child's school contact is kept with its day; a stay after a reopening belongs to the
/// second period of contact. Kills `ChildTrack::school_contact_on` replaced by `None` and
/// `CaseStay::period` replaced by 0 or 1.
#[test]
fn school_contact_and_the_period_of_a_stay_are_kept() {
    let child = PersonId::try_new("b1").unwrap();
    let case = Case::replay(&[
        contact(day(1, 2)),
        stay(day(1, 3), vec![child.clone()]),
        CaseEvent::new(day(1, 9), Event::SchoolContact { child: child.clone() }),
        CaseEvent::new(day(2, 1), Event::StayEnded { destination: Destination::FamilyOrFriends }),
        CaseEvent::new(day(2, 2), Event::ContactEnded { reason: EndReason::UsersChoice }),
        CaseEvent::new(day(5, 1), Event::CaseReopened {}),
        contact(day(5, 1)),
        stay(day(5, 2), vec![]),
    ])
    .unwrap();
    let stays = case.stays();
    assert_eq!(stays[0].children()[&child].school_contact_on(), Some(day(1, 9)));
    assert_eq!((stays[0].period(), stays[1].period()), (0, 1));
}

/// A follow-up plan that does not update the safety plan, with no safety plan after it, leaves
/// the safety plan not updated for the time after the stay (so the goal is not reached). Kills
/// `CaseStay::safety_plan_updated_for_follow_up` replaced by `true`.
#[test]
fn a_plan_without_a_safety_plan_update_is_not_one() {
    let plan = FollowUpPlan {
        safety_plan_updated: false,
        shelter_continues: EnumSet::EMPTY,
        services: EnumSet::EMPTY,
        coordinator: None,
        individual_plan: IndividualPlan::NotNeeded,
    };
    let case = Case::replay(&[
        contact(day(3, 1)),
        stay(day(3, 2), vec![]),
        CaseEvent::new(day(3, 5), Event::HousingNeedClarified { need: HousingNeed::NewHomeNeeded }),
        CaseEvent::new(day(3, 20), Event::HomeFound { safety: HomeSafety::Safe }),
        CaseEvent::new(day(3, 25), Event::FollowUpPlanMade { plan }),
    ])
    .unwrap();
    assert!(!case.stays()[0].safety_plan_updated_for_follow_up());
}
