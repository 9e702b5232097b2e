//! The facade's composition of casework with statistics and disclosure: worked examples from
//! the seeds and the properties "the stats conversion counts each stay once" and "no referral
//! is accepted without a basis" (docs/invariants.md, compose-1 and compose-2).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use krisesenter::casework::{
    Caller, Case, CaseEvent, Channel, Destination, EndReason, Event, LegalGround, ReferralKind, Service, SharingBasis,
};
use krisesenter::compose::{
    CaseMember, CaseStatsError, ReferralCheckError, ReferralFacts, ReferralRefusal, case_stays, check_referral,
    follow_up_contacts,
};
use krisesenter::consent::{Consent, ConsentForm};
use krisesenter::core::{Age, ConsentId, EnumSet, Gender, Information, Party, PersonId, PersonKind, RoomId};
use krisesenter::disclosure::{ChildConcern, Likelihood, SeriousOffence};
use krisesenter::stats::{AfterStay, ContactMode, Period, ReportInput, StayId, StayPerson, report};
use krisesenter_testkit::casework as strat;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn person(kind: PersonKind, gender: Gender, age: u16) -> StayPerson {
    StayPerson::new(kind, gender, Age::try_new(age).unwrap(), "3205".parse().unwrap())
}

fn adult() -> CaseMember {
    CaseMember::new(person(PersonKind::Adult, Gender::Female, 34))
}

fn child(id: &str) -> PersonId {
    PersonId::try_new(id).unwrap()
}

fn children() -> BTreeMap<PersonId, CaseMember> {
    [("b1", 6), ("b2", 9)]
        .into_iter()
        .map(|(id, age)| (child(id), CaseMember::new(person(PersonKind::Child, Gender::Male, age))))
        .collect()
}

fn ids(n: usize, child: Option<&PersonId>) -> Result<StayId, krisesenter::core::IdError> {
    StayId::try_new(format!("s{n}-{}", child.map_or("a", PersonId::as_str)))
}

fn first_contact(on: NaiveDate, interpreter: bool) -> CaseEvent {
    CaseEvent::new(on, Event::FirstContact { channel: Channel::Phone, interpreter, caller: Caller::Person })
}

fn stay_started(on: NaiveDate, kids: &[&str]) -> CaseEvent {
    CaseEvent::new(
        on,
        Event::StayStarted { room: RoomId::try_new("r01").unwrap(), children: kids.iter().map(|k| child(k)).collect() },
    )
}

/// A woman with two children (seed 004): one stay, ended in a new home; three records, each
/// counted once, with the destination as the after-stay category.
#[test]
fn a_mother_and_two_children_give_three_records_of_one_stay() {
    let case = Case::replay(&[
        first_contact(day(2026, 3, 1), false),
        stay_started(day(2026, 3, 2), &["b1", "b2"]),
        CaseEvent::new(day(2026, 4, 30), Event::StayEnded { destination: Destination::NewHome }),
    ])
    .unwrap();
    let stays = case_stays(&case, &adult(), &children(), ids).unwrap();
    let got: Vec<_> =
        stays.iter().map(|s| (s.id().as_str().to_owned(), s.person().kind, s.check_in(), s.check_out())).collect();
    assert_eq!(
        got,
        vec![
            ("s0-a".to_owned(), PersonKind::Adult, day(2026, 3, 2), Some(day(2026, 4, 30))),
            ("s0-b1".to_owned(), PersonKind::Child, day(2026, 3, 2), Some(day(2026, 4, 30))),
            ("s0-b2".to_owned(), PersonKind::Child, day(2026, 3, 2), Some(day(2026, 4, 30))),
        ]
    );
    assert!(stays.iter().all(|s| s.after_stay() == Some(AfterStay::NewHome) && s.previous_stays() == 0));
    let r = report(&ReportInput::new(Period::year(2026).unwrap(), 62, stays, vec![])).unwrap();
    assert_eq!((r.stays().total(), r.residents().total(), r.residents().children()), (3, 3, 2));
    assert_eq!(r.nights().total(), 3 * 59);
}

/// A repeated stay the same year (the case reopened): the second stay's records say one
/// earlier stay and not the first this year, so residents count once and stays twice; a
/// stay still going has no check-out and no after-stay category.
#[test]
fn a_reopened_case_counts_the_resident_once_and_the_stays_twice() {
    let case = Case::replay(&[
        first_contact(day(2026, 1, 10), false),
        stay_started(day(2026, 1, 11), &[]),
        CaseEvent::new(day(2026, 2, 1), Event::StayEnded { destination: Destination::ReturnedToPerpetrator }),
        CaseEvent::new(day(2026, 2, 20), Event::ContactEnded { reason: EndReason::UsersChoice }),
        CaseEvent::new(day(2026, 6, 1), Event::CaseReopened {}),
        first_contact(day(2026, 6, 1), false),
        stay_started(day(2026, 6, 2), &[]),
    ])
    .unwrap();
    let stays = case_stays(&case, &adult(), &BTreeMap::new(), ids).unwrap();
    assert_eq!(stays.len(), 2);
    assert_eq!(stays[0].after_stay(), Some(AfterStay::ReturnedToPerpetrator));
    assert_eq!((stays[1].previous_stays(), stays[1].first_stay_this_year()), (1, false));
    assert_eq!((stays[1].check_out(), stays[1].after_stay()), (None, None));
    let r = report(&ReportInput::new(Period::year(2026).unwrap(), 62, stays, vec![])).unwrap();
    assert_eq!((r.stays().total(), r.residents().total(), r.repeat_stays()), (2, 1, 1));
}

/// A child of a stay with no description is an error naming the stay, never a record with
/// made-up data.
#[test]
fn a_child_without_description_is_refused_with_the_stay() {
    let case = Case::replay(&[first_contact(day(2026, 3, 1), false), stay_started(day(2026, 3, 1), &["b3"])]).unwrap();
    assert_eq!(case_stays(&case, &adult(), &children(), ids), Err(CaseStatsError::ChildNotDescribed { stay: 0 }));
    let bad = |_: usize, _: Option<&PersonId>| StayId::try_new("no spaces");
    assert!(matches!(
        case_stays(&case, &adult(), &BTreeMap::new(), bad),
        Err(CaseStatsError::ChildNotDescribed { .. })
    ));
    let described: BTreeMap<_, _> =
        [(child("b3"), CaseMember::new(person(PersonKind::Child, Gender::Male, 34)))].into_iter().collect();
    assert!(matches!(case_stays(&case, &adult(), &described, ids), Err(CaseStatsError::Record { stay: 0, .. })));
    assert!(matches!(
        case_stays(&case, &adult(), &described, |_, _| StayId::try_new("")),
        Err(CaseStatsError::StayId { stay: 0, .. })
    ));
}

/// Follow-up conversations after the stay are the day service's contacts, with the
/// interpreter of their period's first contact; other events are not.
#[test]
fn follow_up_conversations_are_day_contacts() {
    let case = Case::replay(&[
        first_contact(day(2026, 3, 1), true),
        stay_started(day(2026, 3, 2), &[]),
        CaseEvent::new(day(2026, 3, 3), Event::DayConversation {}),
        CaseEvent::new(day(2026, 4, 1), Event::StayEnded { destination: Destination::NewHome }),
        CaseEvent::new(day(2026, 4, 15), Event::FollowUpConversation {}),
        CaseEvent::new(day(2026, 5, 15), Event::FollowUpConversation {}),
        CaseEvent::new(day(2026, 6, 1), Event::ContactEnded { reason: EndReason::UsersChoice }),
        CaseEvent::new(day(2026, 9, 1), Event::CaseReopened {}),
        first_contact(day(2026, 9, 1), false),
        stay_started(day(2026, 9, 1), &[]),
        CaseEvent::new(day(2026, 9, 10), Event::StayEnded { destination: Destination::NewHome }),
        CaseEvent::new(day(2026, 9, 20), Event::FollowUpConversation {}),
    ])
    .unwrap();
    let contacts = follow_up_contacts(&case, ContactMode::Outreach);
    let got: Vec<_> = contacts.iter().map(|c| (c.date, c.mode, c.interpreter)).collect();
    assert_eq!(
        got,
        vec![
            (day(2026, 4, 15), ContactMode::Outreach, true),
            (day(2026, 5, 15), ContactMode::Outreach, true),
            (day(2026, 9, 20), ContactMode::Outreach, false),
        ]
    );
}

fn referral(on: NaiveDate, service: Service, info: &[Information], basis: Option<SharingBasis>) -> CaseEvent {
    CaseEvent::new(
        on,
        Event::Referral { kind: ReferralKind::Referral, service, information: info.iter().copied().collect(), basis },
    )
}

fn consent_basis(id: &str, party: Party, info: &[Information]) -> Option<SharingBasis> {
    Some(SharingBasis::Consent {
        consent: ConsentId::try_new(id).unwrap(),
        recipients: EnumSet::from_iter([party]),
        information: info.iter().copied().collect(),
    })
}

fn nav_consent(given: NaiveDate, info: &[Information]) -> Consent {
    Consent::sharing(ConsentId::try_new("c1").unwrap(), [Party::Nav], info.iter().copied(), given, ConsentForm::Written)
        .unwrap()
}

/// A referral to Nav on the user's written consent: accepted while the consent is in force and
/// covers the categories; refused once it is withdrawn, when it covers less than is shared,
/// and when the consent named is not among the user's.
#[test]
fn a_consent_carries_a_referral_only_while_in_force_and_as_far_as_it_covers() {
    let info = [Information::ContactDetails, Information::CaseNotes];
    let on = day(2026, 5, 4);
    let event = referral(on, Service::Nav, &info, consent_basis("c1", Party::Nav, &info));
    let given = nav_consent(day(2026, 5, 1), &info);
    let check = check_referral(&event, &ReferralFacts::new().with_consents(vec![given.clone()])).unwrap();
    assert!(check.accepted(), "{check:?}");
    assert!(check.disclosure().is_some_and(|d| d.information_for(Party::Nav) == info.iter().copied().collect()));

    let withdrawn = given.withdraw(day(2026, 5, 3)).unwrap();
    let check = check_referral(&event, &ReferralFacts::new().with_consents(vec![withdrawn])).unwrap();
    assert_eq!(check.refusal(), Some(ReferralRefusal::BasisNotAccepted));

    let narrow = nav_consent(day(2026, 5, 1), &[Information::ContactDetails]);
    let check = check_referral(&event, &ReferralFacts::new().with_consents(vec![narrow])).unwrap();
    assert_eq!(check.refusal(), Some(ReferralRefusal::InformationBeyondBasis));

    let check = check_referral(&event, &ReferralFacts::new()).unwrap();
    assert_eq!(check.refusal(), Some(ReferralRefusal::BasisNotAccepted));

    let twice = ReferralFacts::new().with_consents(vec![given.clone(), given]);
    assert!(matches!(check_referral(&event, &twice), Err(ReferralCheckError::Facts(_))));
}

/// Grounds in law: the duty to avert carries a referral to the police when the offence is
/// likely, not to Nav; danger to life carries one to health; an order from child welfare is
/// answered; a referral with no basis is refused without asking; another event is an error.
#[test]
fn a_ground_in_law_carries_a_referral_only_where_it_applies() {
    let on = day(2026, 5, 4);
    let info = [Information::Whereabouts];
    let law = |ground| Some(SharingBasis::Law { ground });
    let likely =
        ReferralFacts::new().with_serious_offence(Some(SeriousOffence::try_new(275, Likelihood::MostLikely).unwrap()));
    let police = referral(on, Service::Police, &info, law(LegalGround::DutyToAvert));
    assert!(check_referral(&police, &likely).unwrap().accepted());
    let nav = referral(on, Service::Nav, &info, law(LegalGround::DutyToAvert));
    assert_eq!(check_referral(&nav, &likely).unwrap().refusal(), Some(ReferralRefusal::BasisNotAccepted));
    let unlikely =
        ReferralFacts::new().with_serious_offence(Some(SeriousOffence::try_new(275, Likelihood::Possible).unwrap()));
    assert_eq!(check_referral(&police, &unlikely).unwrap().refusal(), Some(ReferralRefusal::BasisNotAccepted));

    let health = referral(on, Service::Health, &[Information::Health], law(LegalGround::DangerToLifeOrHealth));
    assert!(check_referral(&health, &ReferralFacts::new().with_danger_to_life_or_health(true)).unwrap().accepted());
    assert!(!check_referral(&health, &ReferralFacts::new()).unwrap().accepted());

    let order = referral(on, Service::ChildWelfare, &[Information::Children], law(LegalGround::ChildWelfareOrder));
    assert!(check_referral(&order, &ReferralFacts::new()).unwrap().accepted());
    let duty = referral(on, Service::ChildWelfare, &[Information::Children], law(LegalGround::ChildWelfareDuty));
    assert!(
        !check_referral(&duty, &ReferralFacts::new().with_child_concern(ChildConcern::GeneralWorry))
            .unwrap()
            .accepted()
    );

    let none = referral(on, Service::Nav, &info, None);
    let check = check_referral(&none, &ReferralFacts::new().with_danger_to_life_or_health(true)).unwrap();
    assert_eq!((check.refusal(), check.disclosure().is_none()), (Some(ReferralRefusal::NoBasis), true));
    assert!(matches!(
        check_referral(&first_contact(on, false), &ReferralFacts::new()),
        Err(ReferralCheckError::NotAReferral { event: "first_contact" })
    ));
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(64))]

    /// compose-1: the facade's stats conversion counts each stay once: one record per person
    /// per stay of the case, with the stay's own days, and the report counts exactly those.
    #[test]
    fn each_stay_of_a_case_is_counted_once(events in strat::valid_events()) {
        let case = Case::replay(&events).unwrap();
        let members: BTreeMap<PersonId, CaseMember> = case
            .stays()
            .iter()
            .flat_map(|s| s.children().keys())
            .map(|c| (c.clone(), CaseMember::new(person(PersonKind::Child, Gender::Other, 8))))
            .collect();
        let stays = case_stays(&case, &adult(), &members, ids).unwrap();
        let expected: usize = case.stays().iter().map(|s| 1 + s.children().len()).sum();
        prop_assert_eq!(stays.len(), expected);
        let mut records = stays.iter();
        for (n, stay) in case.stays().iter().enumerate() {
            for _ in 0..=stay.children().len() {
                let record = records.next().unwrap();
                prop_assert_eq!((record.check_in(), record.check_out()), (stay.started_on(), stay.ended_on()));
                let prefix = format!("s{n}-");
                prop_assert!(record.id().as_str().starts_with(&prefix));
            }
        }
        let ids: std::collections::BTreeSet<_> = stays.iter().map(|s| s.id().clone()).collect();
        prop_assert_eq!(ids.len(), stays.len());
        if let Some(first) = stays.first() {
            let year = chrono::Datelike::year(&first.check_in());
            let in_year = stays.iter().filter(|s| chrono::Datelike::year(&s.check_in()) == year).count() as u64;
            let r = report(&ReportInput::new(Period::year(year).unwrap(), 62, stays.clone(), vec![])).unwrap();
            prop_assert_eq!(r.stays().total(), in_year);
        }
    }

    /// compose-2: no referral is accepted without a basis, and a consent basis is never
    /// accepted when the user gave no consent.
    #[test]
    fn no_referral_is_accepted_without_a_basis(
        on in krisesenter_testkit::core::date_between(2016, 2030),
        service in proptest::sample::select(Service::ALL),
        info in proptest::collection::vec(proptest::sample::select(Information::ALL), 1..4),
        basis in strat::sharing_basis(),
        danger in any::<bool>(),
    ) {
        let facts = ReferralFacts::new().with_danger_to_life_or_health(danger);
        let without = check_referral(&referral(on, service, &info, None), &facts).unwrap();
        prop_assert_eq!(without.refusal(), Some(ReferralRefusal::NoBasis));
        if matches!(basis, SharingBasis::Consent { .. }) {
            let check = check_referral(&referral(on, service, &info, Some(basis)), &facts).unwrap();
            prop_assert!(!check.accepted());
        }
    }
}
