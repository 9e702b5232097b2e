//! Worked examples from the seeds (Romerike platform §§2-3, workshop 2026) and the issue,
//! one test each, asserting outcomes, reason codes, the alternative and the referrals.

use crate::AlternativeId;
use chrono::NaiveDate;
use krisesenter_core::law::Statute;
use krisesenter_core::{Age, Gender, Relation, ViolenceType};

use crate::{
    Accepts, AccompanyingChild as Child, AdaptationNeeds, Alternative, AlternativeModel, Applicant, AssessInput,
    DayOutcome, EligibilityReason as R, Observations, Offer, Reasons, Referral, ResidentialOutcome as Stay, Role,
    Violence, assess,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A day after the amendment of 2026-01-01.
fn spring() -> NaiveDate {
    d(2026, 3, 1)
}

/// The ordinary case: a woman of 34 exposed to physical violence by a former partner, in
/// need of protection, with no concerns, no children and no alternatives (the testkit's
/// `example_victim`, built here because unit tests cannot share the testkit's copy of the crate).
fn victim_without_protection_need() -> AssessInput {
    AssessInput::new(
        Applicant::new(Age::try_new(34).unwrap(), Gender::Female, Role::Victim),
        Violence::new([ViolenceType::Physical], Relation::FormerPartner),
        Observations::no_concerns(),
    )
}

fn victim() -> AssessInput {
    victim_without_protection_need().in_need_of_protection()
}

fn with(f: impl FnOnce(&mut Observations)) -> AssessInput {
    let mut o = Observations::no_concerns();
    f(&mut o);
    victim().with_observations(o)
}

fn codes(r: &Reasons<R>) -> Vec<&'static str> {
    r.codes().collect()
}

fn referrals(offer: &Offer) -> Vec<Referral> {
    offer.referrals().iter().collect()
}

/// The workshop's three models, in the order a municipality might configure them.
fn romerike_alternatives() -> Vec<Alternative> {
    vec![
        Alternative::new(
            AlternativeId::try_new("skjermet-enhet").unwrap(),
            AlternativeModel::InternalUnit,
            Accepts::try_new([Gender::Female, Gender::Male, Gender::Other, Gender::Unknown])
                .unwrap()
                .with_serious_mental_illness()
                .with_children(),
        ),
        Alternative::new(
            AlternativeId::try_new("bemannet-bolig-kvinner").unwrap(),
            AlternativeModel::CooperationHousing,
            Accepts::try_new([Gender::Female]).unwrap().with_active_substance_use(),
        ),
    ]
}

fn assert_never_left_without_an_offer(offer: &Offer) {
    assert_eq!(codes(offer.phone().reasons()), ["phone_always_offered"]);
    assert!(!offer.day().reasons().is_empty());
}

#[test]
fn an_ordinary_victim_is_offered_a_stay() {
    let offer = assess(&victim().with_children([Child::try_new(5).unwrap()]), spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::Offered);
    assert_eq!(codes(offer.residential().reasons()), ["stay_offered"]);
    assert_eq!(*offer.day().outcome(), DayOutcome::Offered);
    assert_eq!(codes(offer.day().reasons()), ["day_offered"]);
    assert!(!offer.alternative().required());
    assert_eq!(codes(offer.alternative().reasons()), ["stay_offered_no_alternative"]);
    assert!(offer.referrals().is_empty() && offer.adaptations().is_empty());
    assert_never_left_without_an_offer(&offer);
    // The stay cites ksl §§1-3; §2 and §3 in the versions of 2026-01-01 (LOV-2025-06-20-42).
    let explained = offer.residential().reasons().explain();
    let cited: Vec<(Statute, &str, NaiveDate)> =
        explained[0].citations().iter().map(|c| (c.statute(), c.section(), c.in_force_from())).collect();
    assert_eq!(
        cited,
        [
            (Statute::Krisesenterlova, "1", d(2010, 1, 1)),
            (Statute::Krisesenterlova, "2", d(2026, 1, 1)),
            (Statute::Krisesenterlova, "3", d(2026, 1, 1)),
        ]
    );
}

#[test]
fn active_substance_use_before_on_and_after_the_amendment() {
    let a = with(|o| o.active_substance_use = true).with_alternatives(romerike_alternatives()).unwrap();
    for (day, required) in [(d(2025, 12, 31), false), (d(2026, 1, 1), true), (d(2026, 6, 1), true)] {
        let offer = assess(&a, day).unwrap();
        assert_eq!(*offer.residential().outcome(), Stay::NotOffered, "{day}");
        assert_eq!(codes(offer.residential().reasons()), ["active_substance_use"]);
        // Conversations are never refused: their form is an individual assessment.
        assert_eq!(*offer.day().outcome(), DayOutcome::IndividualAssessment);
        assert_eq!(codes(offer.day().reasons()), ["day_individual_assessment_substance_use"]);
        assert_eq!(offer.alternative().required(), required, "{day}");
        assert_eq!(referrals(&offer), [Referral::SubstanceTreatment, Referral::Police]);
        assert_never_left_without_an_offer(&offer);
        if required {
            // The screened unit does not accept active use; the women's staffed housing does.
            let chosen = offer.alternative().offer().unwrap();
            assert_eq!(chosen.id().as_str(), "bemannet-bolig-kvinner");
            assert_eq!(chosen.model(), AlternativeModel::CooperationHousing);
            assert_eq!(codes(offer.alternative().reasons()), ["equal_alternative_offered"]);
        } else {
            assert!(offer.alternative().offer().is_none());
            assert_eq!(codes(offer.alternative().reasons()), ["alternative_not_a_duty_before_2026"]);
        }
        let ksl3 = offer.alternative().reasons().explain()[0].citations()[0].in_force_from();
        assert_eq!(ksl3, if required { d(2026, 1, 1) } else { d(2010, 1, 1) });
    }
}

#[test]
fn each_boevne_criterion_refuses_the_stay_with_its_own_reason() {
    let child = [Child::try_new(7).unwrap()];
    let cases: [(AssessInput, R, &[Referral]); 6] = [
        (with(|o| o.active_substance_use = true), R::ActiveSubstanceUse, &[Referral::SubstanceTreatment]),
        (with(|o| o.can_care_for_self = false), R::CannotCareForSelf, &[Referral::Health]),
        (
            with(|o| o.can_care_for_children = false).with_children(child),
            R::CannotCareForChildren,
            &[Referral::ChildWelfare],
        ),
        (with(|o| o.danger_to_self = true), R::DangerToSelf, &[Referral::Health]),
        (with(|o| o.danger_to_others = true), R::DangerToOthers, &[Referral::Health]),
        (with(|o| o.frightening_behaviour = true), R::FrighteningBehaviour, &[]),
    ];
    for (a, reason, expected) in cases {
        let offer = assess(&a, spring()).unwrap();
        assert_eq!(*offer.residential().outcome(), Stay::NotOffered, "{reason:?}");
        assert_eq!(offer.residential().reasons().iter().collect::<Vec<_>>(), [reason]);
        assert!(offer.alternative().required(), "{reason:?}");
        assert_eq!(codes(offer.alternative().reasons()), ["no_alternatives_configured"], "{reason:?}");
        // The police for protective measures, since the shelter's protection is not available.
        let mut want = expected.to_vec();
        want.push(Referral::Police);
        assert_eq!(referrals(&offer), want, "{reason:?}");
        assert_never_left_without_an_offer(&offer);
    }
}

#[test]
fn cannot_care_for_children_matters_only_with_children() {
    let offer = assess(&with(|o| o.can_care_for_children = false), spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::Offered);
    assert!(offer.referrals().is_empty());
}

#[test]
fn mental_illness_is_tolerated_unless_health_follow_up_is_needed() {
    let tolerated = assess(&with(|o| o.serious_mental_illness = true), spring()).unwrap();
    assert_eq!(*tolerated.residential().outcome(), Stay::Offered);
    assert_eq!(codes(tolerated.residential().reasons()), ["stay_offered", "serious_mental_illness_tolerated"]);
    assert!(tolerated.referrals().is_empty());

    let follow_up = with(|o| {
        o.serious_mental_illness = true;
        o.needs_health_follow_up = true;
    })
    .with_alternatives(romerike_alternatives())
    .unwrap();
    let offer = assess(&follow_up, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::IndividualAssessment);
    assert_eq!(codes(offer.residential().reasons()), ["needs_health_follow_up"]);
    assert_eq!(referrals(&offer), [Referral::Health]);
    // Not refused (yet): no alternative is required, but it would be if staff refuse.
    assert!(!offer.alternative().required());
    assert!(offer.alternative().offer().is_none());
    assert_eq!(codes(offer.alternative().reasons()), ["alternative_required_if_refused"]);
    assert!(offer.alternative_required_if_refused());
    // Should staff refuse, the screened unit accepts serious mental illness.
    assert_eq!(crate::choose_alternative(&follow_up).map(|a| a.id().as_str()), Some("skjermet-enhet"));

    let before = assess(&follow_up, d(2025, 12, 31)).unwrap();
    assert_eq!(codes(before.alternative().reasons()), ["alternative_not_a_duty_before_2026"]);
    assert!(!before.alternative_required_if_refused());
}

#[test]
fn a_boevne_concern_outweighs_the_individual_assessment() {
    let a = with(|o| {
        o.needs_health_follow_up = true;
        o.danger_to_self = true;
    });
    let offer = assess(&a, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::NotOffered);
    assert_eq!(codes(offer.residential().reasons()), ["danger_to_self", "needs_health_follow_up"]);
    assert!(offer.alternative().required());
}

#[test]
fn a_minor_without_a_guardian_is_referred_to_child_welfare() {
    let age = Age::try_new(16).unwrap();
    let minor = victim().with_applicant(Applicant::new(age, Gender::Female, Role::Victim));
    let offer = assess(&minor, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::NotOffered);
    assert_eq!(codes(offer.residential().reasons()), ["minor_without_guardian"]);
    assert!(!offer.alternative().required());
    assert_eq!(codes(offer.alternative().reasons()), ["alternative_child_welfare_responsible"]);
    assert_eq!(referrals(&offer), [Referral::ChildWelfare, Referral::Police]);
    assert_eq!(*offer.day().outcome(), DayOutcome::Offered);
    assert_never_left_without_an_offer(&offer);

    let with_guardian = assess(&minor.with_guardian(), spring()).unwrap();
    assert_eq!(*with_guardian.residential().outcome(), Stay::Offered);
    assert!(with_guardian.referrals().is_empty());
}

#[test]
fn a_parent_who_cannot_care_for_the_children() {
    let a = with(|o| o.can_care_for_children = false)
        .with_children([Child::try_new(2).unwrap(), Child::try_new(9).unwrap()])
        .with_alternatives(romerike_alternatives())
        .unwrap();
    let offer = assess(&a, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::NotOffered);
    assert_eq!(codes(offer.residential().reasons()), ["cannot_care_for_children"]);
    assert_eq!(referrals(&offer), [Referral::ChildWelfare, Referral::Police]);
    // The children come along, so only an alternative that accepts children fits.
    assert_eq!(offer.alternative().offer().map(|o| o.id().as_str()), Some("skjermet-enhet"));
}

#[test]
fn relatives_and_professionals_get_conversations_and_the_phone() {
    for role in [Role::Relative, Role::Professional] {
        let a = victim().with_applicant(Applicant::new(Age::try_new(52).unwrap(), Gender::Male, role));
        let offer = assess(&a, spring()).unwrap();
        assert_eq!(*offer.residential().outcome(), Stay::NotOffered);
        assert_eq!(codes(offer.residential().reasons()), ["stay_for_victims_only"]);
        assert_eq!(*offer.day().outcome(), DayOutcome::Offered);
        assert_eq!(codes(offer.day().reasons()), ["day_for_relatives_and_professionals"]);
        assert!(!offer.alternative().required());
        assert_eq!(codes(offer.alternative().reasons()), ["alternative_not_required_outside_target_group"]);
        assert!(offer.referrals().is_empty());
        assert!(!offer.alternative_required_if_refused());
        assert_never_left_without_an_offer(&offer);
    }
}

#[test]
fn outside_the_target_group_keeps_conversations_and_the_phone() {
    let street = victim().with_violence(Violence::new([ViolenceType::Physical], Relation::None));
    let offer = assess(&street, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::NotOffered);
    assert_eq!(codes(offer.residential().reasons()), ["no_violence_in_close_relation"]);
    assert!(!offer.alternative().required());
    assert_eq!(*offer.day().outcome(), DayOutcome::Offered);

    let safe = victim_without_protection_need();
    let offer = assess(&safe, spring()).unwrap();
    assert_eq!(codes(offer.residential().reasons()), ["no_protection_need"]);
    assert!(!offer.alternative().required());
    assert!(offer.referrals().is_empty());

    let nothing_told = victim().with_violence(Violence::new([], Relation::Partner));
    assert_eq!(*assess(&nothing_told, spring()).unwrap().residential().outcome(), Stay::NotOffered);
}

#[test]
fn a_trafficking_victim_is_in_the_target_group_whatever_the_relation() {
    let a = victim().with_violence(Violence::new([ViolenceType::HumanTrafficking], Relation::None));
    let offer = assess(&a, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::Offered);
    assert_eq!(codes(offer.residential().reasons()), ["stay_offered", "human_trafficking_victim"]);
    assert_eq!(referrals(&offer), [Referral::Police]);
}

#[test]
fn a_man_gets_the_same_offer_as_a_woman() {
    let woman = victim().with_children([Child::try_new(3).unwrap()]);
    let man = woman.clone().with_applicant(woman.applicant().clone().with_gender(Gender::Male));
    assert_eq!(assess(&woman, spring()).unwrap(), assess(&man, spring()).unwrap());
    // Refused for substance use: the same outcomes, but the women-only housing does not fit him.
    let mut o = Observations::no_concerns();
    o.active_substance_use = true;
    let man = man.with_observations(o).with_alternatives(romerike_alternatives()).unwrap();
    let offer = assess(&man, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::NotOffered);
    assert!(offer.alternative().required());
    assert!(offer.alternative().offer().is_none());
    assert_eq!(codes(offer.alternative().reasons()), ["no_alternative_fits"]);
}

#[test]
fn an_alternative_that_fits_and_one_that_does_not() {
    let mut o = Observations::no_concerns();
    o.active_substance_use = true;
    o.serious_mental_illness = true;
    let both = [
        Alternative::new(
            AlternativeId::try_new("kvinner-rus").unwrap(),
            AlternativeModel::CooperationHousing,
            Accepts::try_new([Gender::Female]).unwrap().with_active_substance_use(),
        ),
        Alternative::new(
            AlternativeId::try_new("spesialisert").unwrap(),
            AlternativeModel::SpecialisedCentre,
            Accepts::try_new([Gender::Female, Gender::Male])
                .unwrap()
                .with_active_substance_use()
                .with_serious_mental_illness(),
        ),
    ];
    let a = victim().with_observations(o).with_alternatives(both.clone()).unwrap();
    let offer = assess(&a, spring()).unwrap();
    // The first does not accept serious mental illness; the second accepts both reasons.
    assert_eq!(offer.alternative().offer().map(|c| c.id().as_str()), Some("spesialisert"));
    assert_eq!(offer.alternative().offer().map(|c| c.model()), Some(AlternativeModel::SpecialisedCentre));

    // With a child, neither fits: a gap to escalate.
    let offer = assess(&a.with_children([Child::try_new(1).unwrap()]), spring()).unwrap();
    assert!(offer.alternative().required() && offer.alternative().offer().is_none());
    assert_eq!(codes(offer.alternative().reasons()), ["no_alternative_fits"]);
}

#[test]
fn adaptations_one_per_need_and_sami_rights_only_from_2026() {
    let needs = AdaptationNeeds { interpreter: true, accessible_room: true, sami: true, pet: true };
    let a = victim().with_adaptation_needs(needs);
    let after = assess(&a, d(2026, 1, 1)).unwrap();
    assert_eq!(codes(after.adaptations()), ["interpreter", "accessible_room", "sami_users_rights", "pet_kennel"]);
    let before = assess(&a, d(2025, 12, 31)).unwrap();
    assert_eq!(codes(before.adaptations()), ["interpreter", "accessible_room", "pet_kennel"]);
    // Adaptations change how, not whether.
    assert_eq!(after.residential(), assess(&victim(), d(2026, 1, 1)).unwrap().residential());
}

#[test]
fn every_concern_at_once_lists_every_reason() {
    let o = Observations {
        active_substance_use: true,
        can_care_for_self: false,
        can_care_for_children: false,
        danger_to_self: true,
        danger_to_others: true,
        frightening_behaviour: true,
        serious_mental_illness: true,
        needs_health_follow_up: true,
    };
    let a = victim().with_observations(o).with_children([Child::try_new(4).unwrap()]);
    let offer = assess(&a, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::NotOffered);
    assert_eq!(
        codes(offer.residential().reasons()),
        [
            "active_substance_use",
            "cannot_care_for_self",
            "cannot_care_for_children",
            "danger_to_self",
            "danger_to_others",
            "frightening_behaviour",
            "needs_health_follow_up",
        ]
    );
    assert_eq!(
        referrals(&offer),
        [Referral::ChildWelfare, Referral::Health, Referral::SubstanceTreatment, Referral::Police]
    );
}

#[test]
fn the_alternative_after_staff_refuse_a_stay() {
    use crate::alternative_if_refused;
    let follow_up = with(|o| o.needs_health_follow_up = true);
    let configured = follow_up.clone().with_alternatives(romerike_alternatives()).unwrap();

    // After an individual assessment staff refuse: the duty applies as if assess had refused.
    let offer = assess(&configured, spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::IndividualAssessment);
    let after = alternative_if_refused(&configured, &offer);
    assert!(after.required());
    assert_eq!(after.offer().map(|c| c.id().as_str()), Some("skjermet-enhet"));
    assert_eq!(codes(after.reasons()), ["equal_alternative_offered"]);
    assert_eq!(after.reasons().as_of(), spring());

    // No alternative configured, or none that fits: a gap staff must escalate.
    let offer = assess(&follow_up, spring()).unwrap();
    let after = alternative_if_refused(&follow_up, &offer);
    assert!(after.required() && after.offer().is_none());
    assert_eq!(codes(after.reasons()), ["no_alternatives_configured"]);
    let women_only = romerike_alternatives().split_off(1);
    let man = follow_up
        .clone()
        .with_applicant(Applicant::new(Age::try_new(40).unwrap(), Gender::Male, Role::Victim))
        .with_alternatives(women_only)
        .unwrap();
    let offer = assess(&man, spring()).unwrap();
    let after = alternative_if_refused(&man, &offer);
    assert!(after.required() && after.offer().is_none());
    assert_eq!(codes(after.reasons()), ["no_alternative_fits"]);

    // Before the amendment there is no duty to refuse into.
    let offer = assess(&configured, d(2025, 12, 31)).unwrap();
    let after = alternative_if_refused(&configured, &offer);
    assert!(!after.required() && after.offer().is_none());
    assert_eq!(codes(after.reasons()), ["alternative_not_a_duty_before_2026"]);

    // A stay the rules refused already: the offer's own alternative.
    let refused = with(|o| o.active_substance_use = true).with_alternatives(romerike_alternatives()).unwrap();
    let offer = assess(&refused, spring()).unwrap();
    assert_eq!(&alternative_if_refused(&refused, &offer), offer.alternative());

    // Staff depart from an offered stay: the duty applies too.
    let offer = assess(&victim().with_alternatives(romerike_alternatives()).unwrap(), spring()).unwrap();
    assert_eq!(*offer.residential().outcome(), Stay::Offered);
    let after = alternative_if_refused(&victim().with_alternatives(romerike_alternatives()).unwrap(), &offer);
    assert!(after.required());
    assert_eq!(after.offer().map(|c| c.id().as_str()), Some("skjermet-enhet"));

    // Outside the target group nothing is owed, whatever staff decide.
    let relative = victim().with_applicant(Applicant::new(Age::try_new(50).unwrap(), Gender::Female, Role::Relative));
    let offer = assess(&relative, spring()).unwrap();
    assert_eq!(&alternative_if_refused(&relative, &offer), offer.alternative());
}
