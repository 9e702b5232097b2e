//! Strategies for the types of `krisesenter-casework`: single events, policies, and whole
//! event lists that replay into a valid case.
//!
//! [`valid_events`] draws candidate events (leaning towards the ones that move a case on:
//! stays with children, the three re-establishment phases, returns to the perpetrator,
//! reopenings) on non-decreasing days and keeps each one the real [`Case::apply`] accepts,
//! so every list it gives replays without error and reaches the states the rules turn on.
//!
//! # Example
//!
//! ```
//! use krisesenter_casework::Case;
//! use krisesenter_testkit::casework::valid_events;
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let events = valid_events().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! assert!(Case::replay(&events).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Days, NaiveDate};
use krisesenter_casework::{
    Caller, Case, CaseEvent, CasePolicy, Channel, Destination, EndReason, Event, FollowUpPlan, HomeSafety, HousingNeed,
    IndividualPlan, InformationTopic, LegalGround, NeedsOutcome, ProtectiveMeasure, ReferralKind, Service,
    SharingBasis, ShelterFollowUp,
};
use krisesenter_core::{ConsentId, EnumSet, Information, Party, PersonId, RoomId};
use proptest::prelude::*;
use proptest::sample::select;

use crate::core::date_between;

/// The ids of the children the strategies use: `c1`..`c3` join cases, `c9` never does.
pub fn child_id() -> impl Strategy<Value = PersonId> {
    select(&["c1", "c2", "c3", "c9"][..]).prop_filter_map("a valid id", |s| PersonId::try_new(s).ok())
}

fn set_of<T: krisesenter_core::SetMember + std::fmt::Debug>(all: &'static [T]) -> impl Strategy<Value = EnumSet<T>> {
    proptest::sample::subsequence(all, 0..=all.len()).prop_map(|v| EnumSet::of(&v))
}

/// Any [`SharingBasis`]: consents naming some recipients and categories, or a ground in law.
pub fn sharing_basis() -> impl Strategy<Value = SharingBasis> {
    prop_oneof![
        (set_of(Party::ALL), set_of(Information::ALL)).prop_map(|(recipients, information)| SharingBasis::Consent {
            consent: ConsentId::from_uuid(uuid::Uuid::nil()),
            recipients,
            information,
        }),
        select(LegalGround::ALL).prop_map(|ground| SharingBasis::Law { ground }),
    ]
}

/// Any [`FollowUpPlan`].
pub fn follow_up_plan() -> impl Strategy<Value = FollowUpPlan> {
    (
        any::<bool>(),
        set_of(ShelterFollowUp::ALL),
        set_of(Service::ALL),
        prop_oneof![3 => select(Service::ALL).prop_map(Some), 1 => Just(None)],
        select(IndividualPlan::ALL),
    )
        .prop_map(|(safety_plan_updated, shelter_continues, services, coordinator, individual_plan)| {
            FollowUpPlan { safety_plan_updated, shelter_continues, services, coordinator, individual_plan }
        })
}

/// Any [`Event`], weighted towards the ones that move a case on.
pub fn event() -> impl Strategy<Value = Event> {
    let room = || select(&["r01", "r02", "r03"][..]).prop_filter_map("a valid id", |s| RoomId::try_new(s).ok());
    prop_oneof![
        2 => (select(Channel::ALL), any::<bool>(), select(Caller::ALL))
            .prop_map(|(channel, interpreter, caller)| Event::FirstContact { channel, interpreter, caller }),
        2 => Just(Event::InitialMapping {}),
        2 => set_of(InformationTopic::ALL).prop_map(|topics| Event::InformationGiven { topics }),
        1 => select(NeedsOutcome::ALL).prop_map(|outcome| Event::NeedsAssessed { outcome }),
        2 => Just(Event::Registered {}),
        1 => Just(Event::DayConversation {}),
        4 => (room(), proptest::collection::vec(child_id(), 0..3))
            .prop_map(|(room, children)| Event::StayStarted { room, children }),
        1 => child_id().prop_map(|child| Event::ChildJoined { child }),
        2 => Just(Event::ArrivalDone {}),
        3 => Just(Event::SafetyPlan {}),
        2 => Just(Event::StayPlanMade {}),
        2 => Just(Event::SystematicMapping {}),
        3 => child_id().prop_map(|child| Event::ChildMapping { child }),
        3 => child_id().prop_map(|child| Event::ChildConversation { child }),
        2 => child_id().prop_map(|child| Event::ChildSafetyAssessment { child }),
        1 => child_id().prop_map(|child| Event::SchoolContact { child }),
        1 => Just(Event::ChildWelfareAssessed {}),
        1 => select(ProtectiveMeasure::ALL).prop_map(|measure| Event::MeasureNoted { measure }),
        2 => (select(ReferralKind::ALL), select(Service::ALL), set_of(Information::ALL),
              prop_oneof![4 => sharing_basis().prop_map(Some), 1 => Just(None)])
            .prop_map(|(kind, service, information, basis)| Event::Referral { kind, service, information, basis }),
        3 => select(HousingNeed::ALL).prop_map(|need| Event::HousingNeedClarified { need }),
        3 => select(HomeSafety::ALL).prop_map(|safety| Event::HomeFound { safety }),
        3 => follow_up_plan().prop_map(|plan| Event::FollowUpPlanMade { plan }),
        3 => select(Destination::ALL).prop_map(|destination| Event::StayEnded { destination }),
        2 => Just(Event::FollowUpConversation {}),
        2 => select(EndReason::ALL).prop_map(|reason| Event::ContactEnded { reason }),
        2 => Just(Event::CaseReopened {}),
    ]
}

/// A first day and up to `max` candidate events with gaps of 0 to 20 days.
fn candidates(max: usize) -> impl Strategy<Value = (NaiveDate, Vec<(u8, Event)>)> {
    (date_between(2015, 2030), proptest::collection::vec((0u8..=20, event()), 0..max))
}

/// Lists of dated events that replay into a valid case: half free walks ([`walk_events`]),
/// half a stay carried through the phases ([`stay_through_phases`]), each followed by more
/// free events.
pub fn valid_events() -> impl Strategy<Value = Vec<CaseEvent>> {
    prop_oneof![walk_events(), stay_through_phases()]
}

/// A first contact, then each candidate event the case accepts (dates never go back).
pub fn walk_events() -> impl Strategy<Value = Vec<CaseEvent>> {
    (select(Channel::ALL), select(Caller::ALL), candidates(40)).prop_map(|(channel, caller, (start, rest))| {
        let first = CaseEvent::new(start, Event::FirstContact { channel, interpreter: false, caller });
        let mut events = vec![first.clone()];
        let Ok(mut case) = Case::start(first) else { return events };
        let mut on = start;
        for (gap, event) in rest {
            on = on.checked_add_days(Days::new(u64::from(gap))).unwrap_or(on);
            let dated = CaseEvent::new(on, event);
            if case.apply(dated.clone()).is_ok() {
                events.push(dated);
            }
        }
        events
    })
}

/// Any [`CasePolicy`], each deadline from 0 to 60 days.
pub fn case_policy() -> impl Strategy<Value = CasePolicy> {
    proptest::collection::vec(0u16..=60, 18).prop_map(|d| {
        let mut p = CasePolicy::default();
        let mut it = d.into_iter();
        let mut next = |slot: &mut u16| {
            if let Some(v) = it.next() {
                *slot = v;
            }
        };
        next(&mut p.initial_mapping_days);
        next(&mut p.information_days);
        next(&mut p.needs_assessment_days);
        next(&mut p.registration_days);
        next(&mut p.arrival_days);
        next(&mut p.safety_plan_days);
        next(&mut p.stay_plan_days);
        next(&mut p.systematic_mapping_days);
        next(&mut p.housing_need_days);
        next(&mut p.safe_home_days);
        next(&mut p.child_mapping_days);
        next(&mut p.child_conversation_days);
        next(&mut p.child_safety_assessment_days);
        next(&mut p.follow_up_plan_days);
        next(&mut p.plan_completion_days);
        next(&mut p.follow_up_offer_days);
        next(&mut p.return_days);
        next(&mut p.return_window_days);
        p
    })
}

/// A stay with children carried through phases 1-3 with random choices (safe home or not,
/// coordinator or not, safety plan updated or not, any destination), then free events:
/// reaches a goal reached, returns to the perpetrator and closed cases often.
pub fn stay_through_phases() -> impl Strategy<Value = Vec<CaseEvent>> {
    (
        date_between(2015, 2030),
        proptest::collection::vec(child_id(), 0..3),
        select(HousingNeed::ALL),
        prop_oneof![2 => Just(HomeSafety::Safe), 1 => select(HomeSafety::ALL)],
        follow_up_plan(),
        prop_oneof![2 => select(&[Destination::NewHome, Destination::ReturnedHomeSafely][..]), 2 => select(Destination::ALL)],
        proptest::option::of(select(EndReason::ALL)),
        candidates(12),
    )
        .prop_map(|(start, children, need, safety, plan, destination, end, (_, more))| {
            let room = RoomId::try_new("r01").ok();
            let mut on = start;
            let mut script = vec![Event::FirstContact { channel: Channel::Phone, interpreter: false, caller: Caller::Person }];
            script.extend(room.map(|room| Event::StayStarted { room, children: children.clone() }));
            for child in &children {
                script.push(Event::ChildMapping { child: child.clone() });
                script.push(Event::ChildConversation { child: child.clone() });
            }
            script.extend([
                Event::SafetyPlan {},
                Event::HousingNeedClarified { need },
                Event::HomeFound { safety },
                Event::FollowUpPlanMade { plan },
                Event::StayEnded { destination },
            ]);
            script.extend(end.map(|reason| Event::ContactEnded { reason }));
            let mut events: Vec<CaseEvent> = Vec::new();
            let mut case: Option<Case> = None;
            let gaps = script.into_iter().map(|e| (3u8, e)).chain(more);
            for (gap, event) in gaps {
                let dated = CaseEvent::new(on, event);
                let accepted = match case.as_mut() {
                    None => Case::start(dated.clone()).map(|c| case = Some(c)).is_ok(),
                    Some(c) => c.apply(dated.clone()).is_ok(),
                };
                if accepted {
                    events.push(dated);
                }
                on = on.checked_add_days(Days::new(u64::from(gap))).unwrap_or(on);
            }
            events
        })
}
