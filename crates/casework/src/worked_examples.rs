//! Worked examples from the seeds: Bufdir's guide (seed 002), "Fra krisesenter til egen
//! bolig" (seed 004) and the Romerike platform (seed 000).

use chrono::NaiveDate;
use krisesenter_core::{ConsentId, EnumSet, Information, Party, PersonId, RoomId};

use crate::*;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn ev(on: NaiveDate, event: Event) -> CaseEvent {
    CaseEvent::new(on, event)
}

fn child(id: &str) -> PersonId {
    PersonId::try_new(id).unwrap()
}

fn contact(channel: Channel) -> Event {
    Event::FirstContact { channel, interpreter: false, caller: Caller::Person }
}

fn intake(on: NaiveDate) -> Vec<CaseEvent> {
    vec![
        ev(on, contact(Channel::Phone)),
        ev(on, Event::InitialMapping {}),
        ev(on, Event::InformationGiven { topics: EnumSet::all() }),
        ev(on, Event::NeedsAssessed { outcome: NeedsOutcome::StayOffered }),
        ev(on, Event::Registered {}),
    ]
}

fn codes(steps: &NextSteps) -> Vec<(&'static str, Subject)> {
    steps.steps().iter().map(|s| (s.code(), s.subject().clone())).collect()
}

/// Seed 004 in full: a woman with two children through all three phases to a safe home,
/// with a plan naming Nav as the coordinator; the goal is reached.
#[test]
fn woman_with_two_children_through_three_phases_to_a_safe_home() {
    let (a, b) = (child("c1"), child("c2"));
    let mut events = intake(d(2, 2));
    events.extend([
        ev(d(2, 2), Event::StayStarted { room: RoomId::try_new("r01").unwrap(), children: vec![a.clone(), b.clone()] }),
        ev(d(2, 3), Event::ArrivalDone {}),
        ev(d(2, 3), Event::SafetyPlan {}),
        ev(d(2, 4), Event::MeasureNoted { measure: ProtectiveMeasure::VisitingBan }),
    ]);
    let mid = Case::replay(&events).unwrap();
    let steps = next_steps(&mid, &CasePolicy::default(), d(2, 4));
    // Each child has their own mapping, conversation and safety assessment open.
    for c in [&a, &b] {
        for k in [StepKind::ChildMapping, StepKind::ChildConversation, StepKind::ChildSafetyAssessment] {
            assert!(steps.contains(k, &Subject::Child(c.clone())), "{k:?} for {c}");
        }
    }
    assert!(steps.contains(StepKind::ClarifyHousingNeed, &Subject::User));
    assert!(!steps.contains(StepKind::MakeSafetyPlan, &Subject::User));

    let consent = SharingBasis::Consent {
        consent: ConsentId::try_new("k1").unwrap(),
        recipients: EnumSet::of(&[Party::Nav, Party::School]),
        information: EnumSet::of(&[Information::Existence, Information::ContactDetails]),
    };
    for c in [&a, &b] {
        events.extend([
            ev(d(2, 5), Event::ChildMapping { child: c.clone() }),
            ev(d(2, 5), Event::ChildConversation { child: c.clone() }),
            ev(d(2, 5), Event::ChildSafetyAssessment { child: c.clone() }),
            ev(d(2, 5), Event::SchoolContact { child: c.clone() }),
        ]);
    }
    events.extend([
        ev(d(2, 8), Event::StayPlanMade {}),
        ev(d(2, 8), Event::HousingNeedClarified { need: HousingNeed::NewHomeNeeded }),
        ev(
            d(2, 9),
            Event::Referral {
                kind: ReferralKind::Referral,
                service: Service::Nav,
                information: EnumSet::of(&[Information::Existence]),
                basis: Some(consent),
            },
        ),
        ev(d(2, 15), Event::SystematicMapping {}),
        ev(d(3, 20), Event::HomeFound { safety: HomeSafety::Safe }),
    ]);
    let housed = Case::replay(&events).unwrap();
    assert_eq!(housed.phase(), Phase::HomeFound);
    let steps = next_steps(&housed, &CasePolicy::default(), d(3, 20));
    assert_eq!(codes(&steps), vec![("make_follow_up_plan", Subject::User)]);

    events.extend([
        ev(
            d(3, 24),
            Event::FollowUpPlanMade {
                plan: FollowUpPlan {
                    safety_plan_updated: true,
                    shelter_continues: EnumSet::of(&[ShelterFollowUp::Conversations, ShelterFollowUp::Groups]),
                    services: EnumSet::of(&[Service::Nav, Service::School, Service::Health]),
                    coordinator: Some(Service::Nav),
                    individual_plan: IndividualPlan::NotNeeded,
                },
            },
        ),
        ev(d(3, 28), Event::StayEnded { destination: Destination::NewHome }),
    ]);
    let left = Case::replay(&events).unwrap();
    assert_eq!(left.stage(), Stage::FollowUp);
    assert!(left.latest_stay().unwrap().goal_reached());
    // Follow-up in the re-establishment phase is offered (ksl §2): law.
    let steps = next_steps(&left, &CasePolicy::default(), d(4, 15));
    assert_eq!(codes(&steps), vec![("offer_follow_up", Subject::User)]);
    assert_eq!(steps.steps()[0].basis(), Basis::Law);
    assert_eq!(steps.steps()[0].status(), StepStatus::Overdue);

    events.extend([
        ev(d(4, 10), Event::FollowUpConversation {}),
        ev(d(9, 1), Event::ContactEnded { reason: EndReason::GoalReached }),
    ]);
    let closed = Case::replay(&events).unwrap();
    assert_eq!(closed.stage(), Stage::Closed);
    let outcome = closed.outcome().unwrap();
    assert_eq!(
        (outcome.destination(), outcome.phase(), outcome.goal_reached()),
        (Some(Destination::NewHome), Phase::PlanMade, true)
    );
    assert!(next_steps(&closed, &CasePolicy::default(), d(9, 2)).steps().is_empty());
}

/// Seed 002, "Samtaletilbudet": a man who only uses the day service; nothing of a stay is
/// ever due, and the intake steps close as they are done.
#[test]
fn man_who_only_uses_the_day_service() {
    let events = vec![
        ev(d(1, 10), Event::FirstContact { channel: Channel::InPerson, interpreter: true, caller: Caller::Person }),
        ev(d(1, 10), Event::InitialMapping {}),
        ev(d(1, 10), Event::NeedsAssessed { outcome: NeedsOutcome::StayNotOffered }),
    ];
    let case = Case::replay(&events).unwrap();
    assert_eq!(case.stage(), Stage::Intake);
    let steps = next_steps(&case, &CasePolicy::default(), d(1, 11));
    assert_eq!(codes(&steps), vec![("give_information", Subject::User), ("register_user", Subject::User)]);
    assert!(steps.steps().iter().all(|s| s.basis() == Basis::Practice && s.citations().is_empty()));

    let mut case = case;
    for e in [
        ev(
            d(1, 11),
            Event::InformationGiven { topics: EnumSet::of(&[InformationTopic::Rights, InformationTopic::Services]) },
        ),
        ev(d(1, 11), Event::Registered {}),
        ev(d(1, 20), Event::DayConversation {}),
        ev(d(2, 3), Event::DayConversation {}),
    ] {
        case.apply(e).unwrap();
    }
    assert_eq!(case.stage(), Stage::DayService);
    assert_eq!(case.day_conversations(), 2);
    // Two topics still untold: information stays open.
    assert_eq!(codes(&next_steps(&case, &CasePolicy::default(), d(2, 3))), vec![("give_information", Subject::User)]);
    case.apply(ev(
        d(2, 3),
        Event::InformationGiven {
            topics: EnumSet::of(&[InformationTopic::Confidentiality, InformationTopic::RecordConsent]),
        },
    ))
    .unwrap();
    assert!(next_steps(&case, &CasePolicy::default(), d(2, 3)).steps().is_empty());
    // A follow-up conversation needs a stay that ended: refused.
    assert_eq!(case.apply(ev(d(2, 4), Event::FollowUpConversation {})), Err(CaseError::NoEndedStay { index: 8 }));
    assert!(case.latest_stay().is_none());
}

/// Seed 000 §4.2 and seed 002 ("når beboeren vil dra tilbake til voldsutøver"): a resident
/// with children goes back; it is recorded, and it opens the safety-plan update and the
/// child-welfare assessment (an assessment, not a report).
#[test]
fn resident_returning_to_the_perpetrator_with_children() {
    let a = child("c1");
    let mut events = intake(d(5, 1));
    events.extend([
        ev(d(5, 1), Event::StayStarted { room: RoomId::try_new("r02").unwrap(), children: vec![a.clone()] }),
        ev(d(5, 2), Event::SafetyPlan {}),
        ev(d(5, 20), Event::StayEnded { destination: Destination::ReturnedToPerpetrator }),
    ]);
    let case = Case::replay(&events).unwrap();
    let outcome = case.outcome().unwrap();
    assert_eq!(outcome.destination(), Some(Destination::ReturnedToPerpetrator));
    assert!(!outcome.goal_reached());
    let steps = next_steps(&case, &CasePolicy::default(), d(5, 20));
    let open = codes(&steps);
    assert!(open.contains(&("update_safety_plan", Subject::User)), "{open:?}");
    assert!(open.contains(&("assess_child_welfare_duty", Subject::User)));
    assert!(open.contains(&("offer_follow_up", Subject::User)));
    let assess = steps.steps().iter().find(|s| s.kind() == StepKind::AssessChildWelfareDuty).unwrap();
    assert_eq!(assess.basis(), Basis::Law);
    let sections: Vec<_> = assess.citations().iter().map(|c| c.section().to_owned()).collect();
    assert_eq!(sections, ["6", "13-2"]);
    // No child step after the stay: the children's track belongs to the stay.
    assert!(!steps.steps().iter().any(|s| matches!(s.subject(), Subject::Child(_))));

    // A safety plan updated the day before leaving counts; the assessment is recorded.
    let mut done = events.clone();
    done.insert(done.len() - 1, ev(d(5, 19), Event::SafetyPlan {}));
    done.push(ev(d(5, 21), Event::ChildWelfareAssessed {}));
    let case = Case::replay(&done).unwrap();
    assert_eq!(codes(&next_steps(&case, &CasePolicy::default(), d(5, 21))), vec![("offer_follow_up", Subject::User)]);
}

/// Seed 004 ("En del brukere kommer derfor tilbake"): a closed case reopened for a repeated
/// stay; the children's track opens again for the new stay.
#[test]
fn repeated_stay_reopened() {
    let a = child("c1");
    let mut events = intake(d(1, 5));
    events.extend([
        ev(d(1, 5), Event::StayStarted { room: RoomId::try_new("r03").unwrap(), children: vec![a.clone()] }),
        ev(d(1, 6), Event::ChildMapping { child: a.clone() }),
        ev(d(1, 6), Event::ChildConversation { child: a.clone() }),
        ev(d(1, 6), Event::ChildSafetyAssessment { child: a.clone() }),
        ev(d(1, 30), Event::StayEnded { destination: Destination::ReturnedToPerpetrator }),
        ev(d(2, 10), Event::ContactEnded { reason: EndReason::UsersChoice }),
    ]);
    let closed = Case::replay(&events).unwrap();
    // Events on a closed case are refused.
    let mut tried = closed.clone();
    assert_eq!(tried.apply(ev(d(3, 1), Event::DayConversation {})), Err(CaseError::CaseClosed { index: 11 }));
    assert_eq!(tried, closed, "a refused event changes nothing");

    events.extend([
        ev(d(6, 1), Event::CaseReopened {}),
        ev(d(6, 1), Event::FirstContact { channel: Channel::Phone, interpreter: false, caller: Caller::Relative }),
        ev(d(6, 2), Event::StayStarted { room: RoomId::try_new("r07").unwrap(), children: vec![a.clone()] }),
    ]);
    let again = Case::replay(&events).unwrap();
    assert_eq!(again.reopened(), 1);
    assert_eq!(again.stays().len(), 2);
    assert_eq!(again.stage(), Stage::Stay);
    let steps = next_steps(&again, &CasePolicy::default(), d(6, 3));
    assert!(steps.contains(StepKind::ChildMapping, &Subject::Child(a.clone())), "a new stay, a new mapping");
    // The first contact's own steps were done in the first period.
    assert!(!steps.contains(StepKind::RegisterUser, &Subject::User));
}

/// Seed 002 ("når skal du avslutte kontakten?") and seed 000 §4.2: the user ends the contact
/// after a stay, before any follow-up plan; it is their choice and nothing is due after.
#[test]
fn case_ended_by_the_users_choice() {
    let mut events = intake(d(8, 1));
    events.extend([
        ev(d(8, 1), Event::StayStarted { room: RoomId::try_new("r04").unwrap(), children: vec![] }),
        ev(d(8, 3), Event::HousingNeedClarified { need: HousingNeed::ReturnHomeOnceSafe }),
        ev(d(8, 4), Event::MeasureNoted { measure: ProtectiveMeasure::SafetyAlarm }),
        ev(d(8, 10), Event::HomeFound { safety: HomeSafety::AcceptedWithRisk }),
        ev(d(8, 12), Event::StayEnded { destination: Destination::ReturnedHomeSafely }),
    ]);
    let left = Case::replay(&events).unwrap();
    let open = codes(&next_steps(&left, &CasePolicy::default(), d(8, 12)));
    assert!(open.contains(&("make_follow_up_plan", Subject::User)));
    // "Goal reached" is a fact of the events, not a label: refused here.
    let mut tried = left.clone();
    assert_eq!(
        tried.apply(ev(d(9, 1), Event::ContactEnded { reason: EndReason::GoalReached })),
        Err(CaseError::GoalNotReached { index: 10 })
    );
    events.push(ev(d(9, 1), Event::ContactEnded { reason: EndReason::UsersChoice }));
    let closed = Case::replay(&events).unwrap();
    assert_eq!(closed.end_reason(), Some(EndReason::UsersChoice));
    assert!(next_steps(&closed, &CasePolicy::default(), d(9, 30)).steps().is_empty());
    assert!(!closed.outcome().unwrap().goal_reached());
}

/// The errors the issue names, each naming the event's index.
#[test]
fn bad_events_name_their_index() {
    let start = ev(d(3, 1), contact(Channel::Phone));
    assert_eq!(Case::replay(&[]), Err(CaseError::NoEvents));
    assert_eq!(
        Case::replay(&[ev(d(3, 1), Event::Registered {})]),
        Err(CaseError::FirstEventNotFirstContact { index: 0 })
    );
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(2, 28), Event::Registered {})]),
        Err(CaseError::DateBeforePrevious { index: 1 })
    );
    let stay = ev(d(3, 1), Event::StayStarted { room: RoomId::try_new("r01").unwrap(), children: vec![] });
    assert_eq!(
        Case::replay(&[
            start.clone(),
            stay.clone(),
            ev(
                d(3, 2),
                Event::FollowUpPlanMade {
                    plan: FollowUpPlan {
                        safety_plan_updated: true,
                        shelter_continues: EnumSet::EMPTY,
                        services: EnumSet::EMPTY,
                        coordinator: Some(Service::Nav),
                        individual_plan: IndividualPlan::Requested,
                    },
                }
            )
        ]),
        Err(CaseError::PhaseThreeBeforePhaseOne { index: 2 })
    );
    assert_eq!(
        Case::replay(&[start.clone(), stay.clone(), ev(d(3, 2), Event::HomeFound { safety: HomeSafety::Safe })]),
        Err(CaseError::PhaseTwoBeforePhaseOne { index: 2 })
    );
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(3, 2), Event::ChildConversation { child: child("x") })]),
        Err(CaseError::ChildNotMember { index: 1 })
    );
    let referral = |basis| Event::Referral {
        kind: ReferralKind::Coordination,
        service: Service::ChildWelfare,
        information: EnumSet::of(&[Information::Children]),
        basis,
    };
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(3, 2), referral(None))]),
        Err(CaseError::ReferralWithoutBasis { index: 1 })
    );
    let nav_only = SharingBasis::Consent {
        consent: ConsentId::try_new("k").unwrap(),
        recipients: EnumSet::single(Party::Nav),
        information: EnumSet::all(),
    };
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(3, 2), referral(Some(nav_only)))]),
        Err(CaseError::ConsentDoesNotNameRecipient { index: 1 })
    );
    let too_narrow = SharingBasis::Consent {
        consent: ConsentId::try_new("k").unwrap(),
        recipients: EnumSet::single(Party::ChildWelfare),
        information: EnumSet::single(Information::Existence),
    };
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(3, 2), referral(Some(too_narrow)))]),
        Err(CaseError::ConsentDoesNotCoverInformation { index: 1 })
    );
    let duty = SharingBasis::Law { ground: LegalGround::ChildWelfareDuty };
    assert_eq!(Case::replay(&[start.clone(), ev(d(3, 2), referral(Some(duty)))]).unwrap().referrals(), 1);
    assert_eq!(
        Case::replay(&[start.clone(), stay.clone(), ev(d(3, 2), Event::ContactEnded { reason: EndReason::NoContact })]),
        Err(CaseError::StayStillOngoing { index: 2 })
    );
    assert_eq!(
        Case::replay(&[start.clone(), stay.clone(), stay.clone()]),
        Err(CaseError::StayAlreadyOngoing { index: 2 })
    );
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(3, 1), Event::ArrivalDone {})]),
        Err(CaseError::NoOngoingStay { index: 1 })
    );
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(3, 1), Event::CaseReopened {})]),
        Err(CaseError::NotClosed { index: 1 })
    );
    assert_eq!(Case::replay(&[start.clone(), start.clone()]), Err(CaseError::AlreadyContacted { index: 1 }));
    assert_eq!(
        Case::replay(&[start.clone(), ev(d(3, 1), Event::ChildWelfareAssessed {})]),
        Err(CaseError::NoChildren { index: 1 })
    );
    assert_eq!(
        Case::replay(&[start, ev(d(3, 1), Event::HousingNeedClarified { need: HousingNeed::NewHomeNeeded })]),
        Err(CaseError::NoStay { index: 1 })
    );
    // Messages are lower case and repeat no input.
    assert_eq!(CaseError::ChildNotMember { index: 4 }.to_string(), "event 4: the child is not a member of the case");
}

/// ksl §2 as amended from 2026-01-01: a follow-up plan that names no other service opens
/// `involve_other_services`; before 2026 the rule did not exist.
#[test]
fn involve_other_services_only_from_2026() {
    let plan = FollowUpPlan {
        safety_plan_updated: true,
        shelter_continues: EnumSet::single(ShelterFollowUp::Conversations),
        services: EnumSet::EMPTY,
        coordinator: None,
        individual_plan: IndividualPlan::NotNeeded,
    };
    let on = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let case = Case::replay(&[
        ev(on(2025, 11, 1), contact(Channel::Outreach)),
        ev(on(2025, 11, 1), Event::StayStarted { room: RoomId::try_new("r01").unwrap(), children: vec![] }),
        ev(on(2025, 11, 5), Event::HousingNeedClarified { need: HousingNeed::NewHomeNeeded }),
        ev(on(2025, 12, 1), Event::FollowUpPlanMade { plan }),
    ])
    .unwrap();
    let before = next_steps(&case, &CasePolicy::default(), on(2025, 12, 31));
    let after = next_steps(&case, &CasePolicy::default(), on(2026, 1, 1));
    assert!(!before.contains(StepKind::InvolveOtherServices, &Subject::User));
    assert_eq!(before.rules_version(), "2010-01-01");
    assert!(after.contains(StepKind::InvolveOtherServices, &Subject::User));
    assert_eq!(after.rules_version(), "2026-01-01");
    assert!(after.contains(StepKind::NameCoordinator, &Subject::User));
    let step = after.steps().iter().find(|s| s.kind() == StepKind::InvolveOtherServices).unwrap();
    let json = serde_json::to_value(step).unwrap();
    assert_eq!(json["basis"], "law");
    // ksl §2 as reworded from 2026-01-01 (LOV-2025-06-20-42) says so expressly; §4 in its
    // version from 2022-08-01 (LOV-2021-06-11-78) is the duty to cooperate.
    assert_eq!(json["citations"][0]["section"], "2");
    assert_eq!(json["citations"][0]["in_force_from"], "2026-01-01");
    assert_eq!(json["citations"][1]["section"], "4");
    assert_eq!(json["citations"][1]["in_force_from"], "2022-08-01");
    assert_eq!(json["practice"][0]["document"], "from_shelter_to_own_home");
    assert!(RULES.is_ordered());
}

/// Codes are snake_case and unique; every kind has a practice section; events round-trip.
#[test]
fn kinds_and_wire_forms() {
    use krisesenter_core::ReasonKind;
    let mut seen = std::collections::BTreeSet::new();
    for k in StepKind::ALL {
        assert!(krisesenter_core::ReasonCode::from_static(k.code()).is_ok());
        assert!(seen.insert(k.code()));
        assert!(!k.practice().is_empty(), "{k:?}");
    }
    let e = ev(d(1, 1), Event::StayStarted { room: RoomId::try_new("r1").unwrap(), children: vec![child("c")] });
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["event"]["type"], "stay_started");
    assert_eq!(json["event"]["type"], e.event.name());
    assert_eq!(serde_json::from_value::<CaseEvent>(json).unwrap(), e);
    assert!(
        serde_json::from_str::<CaseEvent>(r#"{"on":"2026-01-01","event":{"type":"registered","note":"x"}}"#).is_err()
    );
    assert_eq!(Destination::ALL.len(), 7);
    assert_eq!(Service::Housing.party(), Party::OtherService);
}
