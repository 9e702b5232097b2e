//! Properties of the casework crate (docs/invariants.md, casework-1..n).

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "test code fails loudly")]

use chrono::{Days, NaiveDate};
use krisesenter_casework::{
    Basis, Case, CaseError, CaseEvent, Destination, EnumSet, Event, HomeSafety, ReferralKind, Service, StepKind,
    Subject, next_steps,
};
use krisesenter_testkit::casework::{case_policy, valid_events};
use krisesenter_testkit::config;
use krisesenter_testkit::core::date_between;
use proptest::prelude::*;

fn as_of_after(events: &[CaseEvent], extra: u16) -> NaiveDate {
    let last = events.last().map(|e| e.on).unwrap();
    last.checked_add_days(Days::new(u64::from(extra))).unwrap()
}

proptest! {
    #![proptest_config(config(64))]

    /// casework-1: replaying the same events gives the same case, applying them one by one
    /// gives the same case, and so do the events after a JSON round trip.
    #[test]
    fn replay_is_deterministic(events in valid_events()) {
        let a = Case::replay(&events).unwrap();
        let b = Case::replay(&events).unwrap();
        prop_assert_eq!(&a, &b);
        let mut stepwise = Case::start(events[0].clone()).unwrap();
        for e in &events[1..] {
            stepwise.apply(e.clone()).unwrap();
        }
        prop_assert_eq!(&a, &stepwise);
        let json = serde_json::to_string(&events).unwrap();
        let back: Vec<CaseEvent> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&a, &Case::replay(&back).unwrap());
        prop_assert_eq!(a.events(), &events[..]);
    }

    /// casework-2: while a stay is ongoing, every child of the stay has their own mapping,
    /// conversation and safety-assessment steps open exactly until each is done.
    #[test]
    fn every_child_of_a_stay_has_own_steps_until_done(events in valid_events(), policy in case_policy(), extra in 0u16..60) {
        let case = Case::replay(&events).unwrap();
        let steps = next_steps(&case, &policy, as_of_after(&events, extra));
        match case.ongoing_stay() {
            Some(stay) if !case.is_closed() => {
                for (child, track) in stay.children() {
                    let s = Subject::Child(child.clone());
                    prop_assert_eq!(steps.contains(StepKind::ChildMapping, &s), track.mapping_on().is_none());
                    prop_assert_eq!(steps.contains(StepKind::ChildConversation, &s), track.conversation_on().is_none());
                    prop_assert_eq!(steps.contains(StepKind::ChildSafetyAssessment, &s), track.safety_assessment_on().is_none());
                }
            }
            _ => prop_assert!(!steps.steps().iter().any(|s| matches!(s.subject(), Subject::Child(_)))),
        }
    }

    /// casework-3: a stay whose goal is reached has a safe home of the user's own, a phase-3
    /// plan with a coordinator and an updated safety plan; a contact ended as goal reached
    /// after a stay always has such a stay.
    #[test]
    fn goal_reached_has_a_plan_with_a_coordinator_and_an_updated_safety_plan(events in valid_events()) {
        let case = Case::replay(&events).unwrap();
        for stay in case.stays() {
            if stay.goal_reached() {
                let plan = stay.follow_up_plan().unwrap();
                prop_assert!(plan.coordinator.is_some());
                prop_assert!(stay.safety_plan_updated_for_follow_up());
                prop_assert_eq!(stay.home(), Some(HomeSafety::Safe));
                prop_assert!(stay.destination().is_some_and(Destination::is_own_home));
            }
        }
        if case.end_reason() == Some(krisesenter_casework::EndReason::GoalReached) {
            if let Some(stay) = case.stay_in_period() {
                prop_assert!(stay.goal_reached());
            }
        }
    }

    /// casework-4: no step is ever due on a closed case, whatever the day and the policy.
    #[test]
    fn no_step_on_a_closed_case(events in valid_events(), policy in case_policy(), as_of in date_between(2010, 2040)) {
        let case = Case::replay(&events).unwrap();
        if case.is_closed() {
            prop_assert!(next_steps(&case, &policy, as_of).steps().is_empty());
        }
    }

    /// casework-5: a referral without a basis is never accepted, on any case; every
    /// referral a case counts came with a basis.
    #[test]
    fn no_referral_without_a_basis(events in valid_events(), service in proptest::sample::select(Service::ALL)) {
        let mut case = Case::replay(&events).unwrap();
        let before = case.clone();
        let referral = Event::Referral { kind: ReferralKind::Referral, service, information: EnumSet::EMPTY, basis: None };
        let result = case.apply(CaseEvent::new(as_of_after(&events, 0), referral));
        prop_assert!(result.is_err());
        if !before.is_closed() {
            prop_assert_eq!(result, Err(CaseError::ReferralWithoutBasis { index: events.len() }));
        }
        prop_assert_eq!(&case, &before);
        let with_basis = events.iter().filter(|e| matches!(&e.event, Event::Referral { basis: Some(_), .. })).count();
        let without = events.iter().filter(|e| matches!(&e.event, Event::Referral { basis: None, .. })).count();
        prop_assert_eq!(without, 0);
        prop_assert_eq!(case.referrals(), with_basis);
    }

    /// casework-6: every open step has a source: a law step cites at least one provision in
    /// the version in force on the day; a practice step cites none (practice is never
    /// presented as law) and names a practice section; deadlines follow the status.
    #[test]
    fn every_due_step_has_a_source(events in valid_events(), policy in case_policy(), extra in 0u16..400) {
        let case = Case::replay(&events).unwrap();
        let as_of = as_of_after(&events, extra);
        let steps = next_steps(&case, &policy, as_of);
        for step in steps.steps() {
            prop_assert!(!step.practice().is_empty());
            match step.basis() {
                Basis::Law => {
                    prop_assert!(!step.citations().is_empty());
                    for c in step.citations() {
                        prop_assert!(c.in_force_from() <= as_of);
                    }
                }
                Basis::Practice => prop_assert!(step.citations().is_empty()),
            }
            prop_assert_eq!(step.status() == krisesenter_casework::StepStatus::Overdue, as_of > step.due_on());
        }
    }

    /// casework-7: an event dated before the event before it is rejected, naming its index,
    /// and nothing after it is applied.
    #[test]
    fn out_of_order_events_are_rejected(events in valid_events(), pick in any::<prop::sample::Index>(), back in 1u64..30) {
        prop_assume!(events.len() >= 2);
        let i = 1 + pick.index(events.len() - 1);
        let mut bad = events.clone();
        bad[i].on = events[i - 1].on.checked_sub_days(Days::new(back)).unwrap();
        prop_assert_eq!(Case::replay(&bad), Err(CaseError::DateBeforePrevious { index: i }));
    }
}

/// The strategy reaches the states the properties above turn on, so none holds vacuously.
#[test]
fn strategies_reach_the_states_the_rules_turn_on() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut goal, mut closed, mut children, mut returned, mut reopened) = (0, 0, 0, 0, 0);
    for _ in 0..300 {
        let events = valid_events().new_tree(&mut runner).unwrap().current();
        let case = Case::replay(&events).unwrap();
        goal += usize::from(case.stays().iter().any(|s| s.goal_reached()));
        closed += usize::from(case.is_closed());
        children += usize::from(case.ongoing_stay().is_some_and(|s| !s.children().is_empty()));
        returned +=
            usize::from(case.stays().iter().any(|s| s.destination() == Some(Destination::ReturnedToPerpetrator)));
        reopened += usize::from(case.reopened() > 0);
    }
    for (what, n) in
        [("goal", goal), ("closed", closed), ("children", children), ("returned", returned), ("reopened", reopened)]
    {
        assert!(n >= 3, "{what}: {n}");
    }
}
