//! Named behaviours of krisesenter-casework that mutation testing found unpinned: each test's
//! doc comment names the mutants it kills.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests fail loudly")]

use chrono::NaiveDate;
use krisesenter_casework::{
    Caller, Case, CaseEvent, CasePolicy, Channel, Destination, EndReason, Event, FollowUpPlan, HomeSafety, HousingNeed,
    IndividualPlan, NeedsOutcome, NextSteps, Service, Step, StepKind, StepStatus, Subject, next_steps,
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

fn ev(on: NaiveDate, event: Event) -> CaseEvent {
    CaseEvent::new(on, event)
}

fn plan(coordinator: Option<Service>, safety_plan_updated: bool) -> FollowUpPlan {
    FollowUpPlan {
        safety_plan_updated,
        shelter_continues: EnumSet::EMPTY,
        services: EnumSet::EMPTY,
        coordinator,
        individual_plan: IndividualPlan::NotNeeded,
    }
}

/// The deadline of an open step for the user.
fn due(steps: &NextSteps, kind: StepKind) -> Option<NaiveDate> {
    steps.steps().iter().find(|s| s.kind() == kind && s.subject() == &Subject::User).map(Step::due_on)
}

/// The intake steps are due their policy's days after the first contact: the initial mapping
/// and the information a day after, the needs assessment and the registration two days
/// after (the defaults). Before the needs are assessed, `assess_needs` is open; once they
/// are, the case keeps the outcome. Kills `plus` replaced by `Default::default()` (every
/// deadline the first day of 1970), `Case::needs_assessed_on` replaced by a day (the step
/// never opens) and `Case::needs_outcome` replaced by `None`.
#[test]
fn intake_deadlines_count_from_the_first_contact() {
    let first = day(3, 2);
    let case = Case::replay(&[contact(first)]).unwrap();
    let steps = next_steps(&case, &CasePolicy::default(), first);
    assert_eq!(due(&steps, StepKind::InitialMapping), Some(day(3, 3)));
    assert_eq!(due(&steps, StepKind::GiveInformation), Some(day(3, 3)));
    assert_eq!(due(&steps, StepKind::AssessNeeds), Some(day(3, 4)));
    assert_eq!(due(&steps, StepKind::RegisterUser), Some(day(3, 4)));
    assert_eq!(case.needs_outcome(), None);

    let assessed =
        Case::replay(&[contact(first), ev(first, Event::NeedsAssessed { outcome: NeedsOutcome::StayOffered })])
            .unwrap();
    assert!(!next_steps(&assessed, &CasePolicy::default(), first).contains(StepKind::AssessNeeds, &Subject::User));
    assert_eq!(assessed.needs_outcome(), Some(NeedsOutcome::StayOffered));
}

/// A step is due up to and on its deadline and overdue from the day after; `overdue` lists
/// exactly the overdue steps. Kills `>` to `>=` in `Open::push`'s status, and
/// `NextSteps::overdue` replaced by an empty iterator or with `==` made `!=`.
#[test]
fn a_step_is_overdue_only_after_its_deadline() {
    let first = day(3, 2);
    let case = Case::replay(&[contact(first)]).unwrap();
    let on_the_day = next_steps(&case, &CasePolicy::default(), day(3, 3));
    let status = |steps: &NextSteps, kind| steps.steps().iter().find(|s| s.kind() == kind).unwrap().status();
    assert_eq!(status(&on_the_day, StepKind::InitialMapping), StepStatus::Due);
    let overdue: Vec<StepKind> = on_the_day.overdue().map(Step::kind).collect();
    assert_eq!(overdue, []);
    let day_after = next_steps(&case, &CasePolicy::default(), day(3, 4));
    assert_eq!(status(&day_after, StepKind::InitialMapping), StepStatus::Overdue);
    assert_eq!(status(&day_after, StepKind::AssessNeeds), StepStatus::Due);
    let overdue: Vec<StepKind> = day_after.overdue().map(Step::kind).collect();
    assert_eq!(overdue, [StepKind::InitialMapping, StepKind::GiveInformation]);
}

/// Phase 2 is due its policy's days (30 by default) after phase 1. Kills
/// `CaseStay::need_dated` replaced by `None` (the step never opens).
#[test]
fn a_safe_home_is_due_after_the_housing_need_is_clarified() {
    let case = Case::replay(&[
        contact(day(3, 1)),
        stay(day(3, 1), vec![]),
        ev(day(3, 5), Event::HousingNeedClarified { need: HousingNeed::NewHomeNeeded }),
    ])
    .unwrap();
    let steps = next_steps(&case, &CasePolicy::default(), day(3, 6));
    assert_eq!(due(&steps, StepKind::FindSafeHome), Some(day(4, 4)));
}

/// Follow-up is offered after every stay: a follow-up conversation after the stay ended
/// closes the offer, but one held after an earlier stay of the same period of contact does
/// not close the offer for the next. Kills `Case::follow_up_conversation_on` replaced by
/// `None` and `>=` to `<` in `after_stay_steps`.
#[test]
fn a_follow_up_conversation_counts_for_the_stay_before_it() {
    let mut events = vec![
        contact(day(3, 1)),
        stay(day(3, 1), vec![]),
        ev(day(3, 10), Event::StayEnded { destination: Destination::FamilyOrFriends }),
    ];
    let open = |events: &[CaseEvent], on| {
        next_steps(&Case::replay(events).unwrap(), &CasePolicy::default(), on)
            .contains(StepKind::OfferFollowUp, &Subject::User)
    };
    assert!(open(&events, day(3, 10)));
    events.push(ev(day(3, 12), Event::FollowUpConversation {}));
    assert!(!open(&events, day(3, 12)));
    events.extend([stay(day(4, 1), vec![]), ev(day(4, 20), Event::StayEnded { destination: Destination::Other })]);
    assert!(open(&events, day(4, 20)));
}

/// A step opened twice keeps the earlier deadline: after a return to the perpetrator the
/// safety plan is due on the day the stay ended, but a follow-up plan made earlier without
/// updating it made it due on the plan's day, which stays. Kills `<` to `>` and to `==` in
/// `Open::push`.
#[test]
fn a_step_opened_twice_keeps_the_earlier_deadline() {
    let case = Case::replay(&[
        contact(day(3, 1)),
        stay(day(3, 1), vec![]),
        ev(day(3, 3), Event::HousingNeedClarified { need: HousingNeed::ReturnHomeOnceSafe }),
        ev(day(3, 5), Event::FollowUpPlanMade { plan: plan(Some(Service::Nav), false) }),
        ev(day(3, 20), Event::StayEnded { destination: Destination::ReturnedToPerpetrator }),
    ])
    .unwrap();
    let steps = next_steps(&case, &CasePolicy::default(), day(3, 20));
    let step = steps.steps().iter().find(|s| s.kind() == StepKind::UpdateSafetyPlan).unwrap();
    assert_eq!((step.due_on(), step.status()), (day(3, 5), StepStatus::Overdue));
}

/// Under ksl §2 from 2026, a follow-up plan that names a coordinating service names a
/// service: `involve_other_services` opens only when the plan names none at all. Kills `&&`
/// to `||` in `re_establishment_steps`.
#[test]
fn a_coordinator_is_another_service() {
    let case = Case::replay(&[
        contact(day(3, 1)),
        stay(day(3, 1), vec![]),
        ev(day(3, 3), Event::HousingNeedClarified { need: HousingNeed::NewHomeNeeded }),
        ev(day(3, 5), Event::FollowUpPlanMade { plan: plan(Some(Service::Housing), true) }),
    ])
    .unwrap();
    let steps = next_steps(&case, &CasePolicy::default(), day(3, 6));
    assert!(!steps.contains(StepKind::InvolveOtherServices, &Subject::User));
    assert!(!steps.contains(StepKind::NameCoordinator, &Subject::User));
}

/// A case counts its reopenings from 0. Kills `Case::reopened` replaced by 1.
#[test]
fn a_case_never_reopened_counts_none() {
    let case = Case::replay(&[contact(day(3, 1))]).unwrap();
    assert_eq!(case.reopened(), 0);
    let case = Case::replay(&[
        contact(day(3, 1)),
        ev(day(3, 2), Event::ContactEnded { reason: EndReason::UsersChoice }),
        ev(day(4, 1), Event::CaseReopened {}),
        ev(day(4, 2), Event::ContactEnded { reason: EndReason::NoContact }),
        ev(day(5, 1), Event::CaseReopened {}),
    ])
    .unwrap();
    assert_eq!(case.reopened(), 2);
}

/// The schema of a step is its wire shape: every field the answer writes, required. Kills
/// `<Step as JsonSchema>::json_schema` replaced by the empty schema.
#[test]
fn the_schema_of_a_step_lists_its_wire_fields() {
    let schema = serde_json::to_value(schemars::schema_for!(Step)).unwrap();
    let mut required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    required.sort_unstable();
    assert_eq!(
        required,
        ["basis", "citations", "code", "due_on", "message_en", "message_nb", "practice", "status", "subject"]
    );
}
