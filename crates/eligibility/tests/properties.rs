//! The invariants of `krisesenter-eligibility` (docs/invariants.md, section eligibility), each
//! a property over the strategies of `krisesenter_testkit::eligibility`.

use chrono::NaiveDate;
use krisesenter_core::law::{self, KSL_2026_AMENDMENT};
use krisesenter_core::{Gender, ReasonKind, Relation, ViolenceType};
use krisesenter_eligibility::{
    Accepts, Alternative, Applicant, AssessInput, DayOutcome, EligibilityReason, Observations, Offer, Reasons,
    Referral, ResidentialOutcome, Role, assess,
};
use krisesenter_testkit::core::{adult_age, child_age, gender};
use krisesenter_testkit::eligibility::{as_of, assessment, example_victim, protected_attributes};
use proptest::prelude::*;

/// Every reason set of an offer, named.
fn all_reasons(offer: &Offer) -> [(&'static str, Reasons<EligibilityReason>); 5] {
    [
        ("residential", *offer.residential().reasons()),
        ("day", *offer.day().reasons()),
        ("phone", *offer.phone().reasons()),
        ("alternative", *offer.alternative().reasons()),
        ("adaptations", *offer.adaptations()),
    ]
}

/// The outcomes that must not depend on a protected attribute: everything but which
/// alternative is chosen (alternatives say which genders they accept, ksl §2).
fn outcomes(offer: &Offer) -> impl PartialEq + std::fmt::Debug {
    (
        offer.residential(),
        offer.day(),
        offer.phone(),
        offer.alternative().required(),
        offer.adaptations(),
        offer.referrals(),
    )
}

/// Reference model of the target group of the stay, written from DOMAIN.md §1-2 without the
/// library's helpers: a victim, told of violence in a close relationship or of trafficking,
/// in need of protection, and not a child without a guardian.
fn in_target_group_reference(a: &AssessInput) -> bool {
    let types = a.violence().types();
    let trafficking = types.contains(&ViolenceType::HumanTrafficking);
    let close = a.violence().relation() != Relation::None && types.iter().any(|t| *t != ViolenceType::HumanTrafficking);
    let child_alone = a.applicant().age().years() < 18 && !a.accompanied_by_guardian();
    a.applicant().role() == Role::Victim && (trafficking || close) && a.protection_need() && !child_alone
}

/// Reference model of the choice of alternative: a plain loop over the configuration.
fn reference_choice(a: &AssessInput) -> Option<&Alternative> {
    let o = a.observations();
    for alt in a.alternatives() {
        let acc = alt.accepts();
        if !acc.genders().contains(&a.applicant().gender()) {
            continue;
        }
        if o.active_substance_use && !acc.active_substance_use() {
            continue;
        }
        if o.serious_mental_illness && !acc.serious_mental_illness() {
            continue;
        }
        if !a.children().is_empty() && !acc.children() {
            continue;
        }
        return Some(alt);
    }
    None
}

/// One more boevne or health concern, by number.
fn add_concern(mut o: Observations, which: u8) -> Observations {
    match which % 8 {
        0 => o.active_substance_use = true,
        1 => o.can_care_for_self = false,
        2 => o.can_care_for_children = false,
        3 => o.danger_to_self = true,
        4 => o.danger_to_others = true,
        5 => o.frightening_behaviour = true,
        6 => o.serious_mental_illness = true,
        _ => o.needs_health_follow_up = true,
    }
    o
}

/// The same alternative, accepting every gender.
#[expect(clippy::unwrap_used, reason = "test helper: every gender is a non-empty list")]
fn all_genders(alt: &Alternative) -> Alternative {
    let acc = alt.accepts();
    let mut accepts = Accepts::try_new(Gender::ALL.iter().copied()).unwrap();
    if acc.active_substance_use() {
        accepts = accepts.with_active_substance_use();
    }
    if acc.serious_mental_illness() {
        accepts = accepts.with_serious_mental_illness();
    }
    if acc.children() {
        accepts = accepts.with_children();
    }
    Alternative::new(alt.id().clone(), alt.model(), accepts)
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(128))]

    /// eligibility-1: nobody leaves without an offer.
    #[test]
    fn phone_always_offered_and_day_never_refused(a in assessment(), day in as_of()) {
        let offer = assess(&a, day).unwrap();
        let json = serde_json::to_value(&offer).unwrap();
        prop_assert_eq!(&json["phone"]["outcome"], "offered");
        prop_assert_ne!(&json["day"]["outcome"], "not_offered");
        prop_assert!(matches!(offer.day().outcome(), DayOutcome::Offered | DayOutcome::IndividualAssessment));
        prop_assert!(!offer.day().reasons().is_empty() && !offer.phone().reasons().is_empty());
    }

    /// eligibility-2: protected attributes and age among adults never change an outcome.
    #[test]
    fn protected_attributes_never_change_outcomes(
        a in assessment(),
        day in as_of(),
        protected in protected_attributes(),
        other_gender in gender(),
        other_age in adult_age(),
    ) {
        let before = assess(&a, day).unwrap();
        let ap = a.applicant();
        let age = if ap.age().is_adult() { other_age } else { ap.age() };
        // Everything but gender: the whole offer is the same.
        let same_gender = Applicant::new(age, ap.gender(), ap.role()).with_protected(protected.clone());
        let changed = assess(&a.clone().with_applicant(same_gender), day).unwrap();
        prop_assert_eq!(&before, &changed);
        // Gender too: every outcome is the same (only which alternative fits may differ).
        let other = Applicant::new(age, other_gender, ap.role()).with_protected(protected);
        let changed = assess(&a.clone().with_applicant(other.clone()), day).unwrap();
        prop_assert_eq!(outcomes(&before), outcomes(&changed));
        // With alternatives that accept every gender, the whole offer is the same.
        let neutral: Vec<Alternative> = a.alternatives().iter().map(all_genders).collect();
        let a = a.with_alternatives(neutral).unwrap();
        prop_assert_eq!(assess(&a, day).unwrap(), assess(&a.clone().with_applicant(other), day).unwrap());
    }

    /// eligibility-3: adding a concern never opens the stay (monotone).
    #[test]
    fn adding_a_concern_never_opens_the_stay(a in assessment(), day in as_of(), which in 0u8..8) {
        let before = *assess(&a, day).unwrap().residential().outcome();
        let more = a.clone().with_observations(add_concern(a.observations(), which));
        let after = *assess(&more, day).unwrap().residential().outcome();
        prop_assert!(after.openness() <= before.openness(), "{before} -> {after}");
        if before == ResidentialOutcome::NotOffered {
            prop_assert_eq!(after, ResidentialOutcome::NotOffered);
        }
    }

    /// eligibility-4: from 2026-01-01 a refused stay in the target group requires an equal
    /// alternative, never before, and never otherwise; the one chosen is the first that fits.
    #[test]
    fn equal_alternative_required_exactly_from_2026(a in assessment(), day in as_of()) {
        let offer = assess(&a, day).unwrap();
        let refused = *offer.residential().outcome() == ResidentialOutcome::NotOffered;
        let expected = day >= KSL_2026_AMENDMENT && refused && in_target_group_reference(&a);
        prop_assert_eq!(offer.alternative().required(), expected);
        if day < KSL_2026_AMENDMENT {
            prop_assert!(!offer.alternative().required());
        }
        let chosen = offer.alternative().offer().map(|c| (c.id().clone(), c.model()));
        let reference = reference_choice(&a).filter(|_| expected).map(|alt| (alt.id().clone(), alt.model()));
        prop_assert_eq!(chosen, reference);
        prop_assert_eq!(offer.alternative().reasons().len(), 1);
    }

    /// eligibility-5: a child without a guardian is never offered a stay, and child welfare is told.
    #[test]
    fn a_minor_without_a_guardian_is_never_offered_a_stay(a in assessment(), day in as_of(), age in child_age()) {
        prop_assume!(!a.accompanied_by_guardian());
        let ap = a.applicant();
        let minor = Applicant::new(age, ap.gender(), Role::Victim).with_protected(ap.protected().clone());
        let a = a.clone().with_applicant(minor);
        let offer = assess(&a, day).unwrap();
        prop_assert_eq!(*offer.residential().outcome(), ResidentialOutcome::NotOffered);
        prop_assert!(offer.referrals().contains(Referral::ChildWelfare));
        prop_assert!(!offer.alternative().required());
    }

    /// eligibility-6: every reason cites at least one provision, each in the version in force on the day.
    #[test]
    fn every_reason_cites_the_versions_in_force(a in assessment(), day in as_of()) {
        let offer = assess(&a, day).unwrap();
        let in_force: Vec<_> = law::in_force_on(day).map(|v| v.citation()).collect();
        for (field, reasons) in all_reasons(&offer) {
            for (kind, reason) in reasons.iter().zip(reasons.explain()) {
                prop_assert!(!reason.citations().is_empty(), "{field}: {}", reason.code());
                prop_assert_eq!(reason.citations().len(), kind.provisions().len());
                for c in reason.citations() {
                    prop_assert!(in_force.contains(c), "{field}: {} cites {c:?} not in force on {day}", reason.code());
                }
            }
            // The JSON is exactly the explained reasons.
            prop_assert_eq!(serde_json::to_value(reasons).unwrap(), serde_json::to_value(reasons.explain()).unwrap());
        }
    }

    /// eligibility-7: the same input gives the same output, also after a round trip through
    /// its JSON (the facade's `tests/cli_assess.rs` checks the contract document with `as_of`).
    #[test]
    fn same_input_same_output(a in assessment(), day in as_of()) {
        let first = assess(&a, day).unwrap();
        prop_assert_eq!(&first, &assess(&a.clone(), day).unwrap());
        let wire = serde_json::to_string(&a).unwrap();
        let back: AssessInput = serde_json::from_str(&wire).unwrap();
        prop_assert_eq!(&back, &a);
        let again = assess(&back, day).unwrap();
        prop_assert_eq!(serde_json::to_string(&first).unwrap(), serde_json::to_string(&again).unwrap());
    }

    /// eligibility-8: Sami users' rights are an adaptation only from 2026-01-01, and
    /// adaptations never change whether anything is offered.
    #[test]
    fn sami_rights_only_from_2026_and_adaptations_change_how_not_whether(a in assessment(), day in as_of()) {
        let offer = assess(&a, day).unwrap();
        let sami = offer.adaptations().codes().any(|c| c == "sami_users_rights");
        prop_assert_eq!(sami, a.adaptation_needs().sami && day >= KSL_2026_AMENDMENT);
        prop_assert!(offer.adaptations().len() <= 4);
        let plain = assess(&a.clone().with_adaptation_needs(Default::default()), day).unwrap();
        prop_assert_eq!(offer.residential(), plain.residential());
        prop_assert_eq!(offer.alternative(), plain.alternative());
        prop_assert_eq!(offer.referrals(), plain.referrals());
    }

    /// eligibility-9: Debug of an input never shows the protected attributes' free text.
    #[test]
    fn debug_never_shows_protected_attributes(a in assessment()) {
        let dbg = format!("{a:?}");
        prop_assert!(!dbg.contains("Zq"), "{dbg}");
    }
}

#[test]
fn dates_before_krisesenterlova_are_refused() {
    let a = example_victim().unwrap();
    let day = NaiveDate::from_ymd_opt(2009, 12, 31).unwrap();
    let err = assess(&a, day).unwrap_err();
    assert_eq!(err.to_string(), "the assessment date is before krisesenterlova took effect on 2010-01-01");
    assert!(assess(&a, day.succ_opt().unwrap()).is_ok());
}
