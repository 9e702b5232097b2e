//! Strategies for the types of `krisesenter-eligibility`, built through its constructors so
//! every generated value is a valid input.
//!
//! The weights lean towards the cases the rules distinguish: most applicants are victims in
//! the target group, each observation is a concern about one time in five, and days cluster
//! around the amendment of 2026-01-01. Use them to drive your own case system with the same
//! inputs the workspace's properties use.
//!
//! # Example
//!
//! ```
//! use krisesenter_testkit::eligibility::{as_of, assessment};
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let a = assessment().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! let day = as_of().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! let offer = krisesenter_eligibility::assess(&a, day)?;
//! assert_eq!(*offer.phone().outcome(), krisesenter_eligibility::PhoneOutcome::Offered);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use krisesenter_core::{Age, AgeError, Gender, Redacted, Relation, ViolenceType};
use krisesenter_eligibility::AlternativeId;
use krisesenter_eligibility::{
    Accepts, AccompanyingChild, AdaptationNeeds, Alternative, AlternativeModel, Applicant, AssessInput, Observations,
    ProtectedAttributes, Role, Violence,
};
use proptest::prelude::*;
use proptest::sample::select;

use crate::core::{adult_age, child_age, date_between, gender, personal_name, relation, violence_type};

/// The ordinary case, for examples and tests: a woman of 34 exposed to physical violence by
/// a former partner, in need of protection, with no concerns, no children and no alternatives.
///
/// # Errors
///
/// Never in practice: [`AgeError`] only if 34 were not a valid age.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_eligibility::{assess, ResidentialOutcome};
/// let offer = assess(&krisesenter_testkit::eligibility::example_victim()?, NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?)?;
/// assert_eq!(*offer.residential().outcome(), ResidentialOutcome::Offered);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn example_victim() -> Result<AssessInput, AgeError> {
    Ok(AssessInput::new(
        Applicant::new(Age::try_new(34)?, Gender::Female, Role::Victim),
        Violence::new([ViolenceType::Physical], Relation::FormerPartner),
        Observations::no_concerns(),
    )
    .in_need_of_protection())
}

/// A day from 2010-01-01 (krisesenterlova took effect) to 2035, with one case in three in
/// the fortnight around the amendment of 2026-01-01.
pub fn as_of() -> impl Strategy<Value = NaiveDate> {
    let amendment = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or(NaiveDate::MIN);
    prop_oneof![
        2 => date_between(2010, 2035),
        1 => (-7i64..=7).prop_map(move |offset| amendment + chrono::Duration::days(offset)),
    ]
}

/// Any [`Role`], a victim four times in six.
pub fn role() -> impl Strategy<Value = Role> {
    prop_oneof![4 => Just(Role::Victim), 1 => Just(Role::Relative), 1 => Just(Role::Professional)]
}

fn free_text() -> impl Strategy<Value = Option<Redacted<String>>> {
    proptest::option::of(personal_name().prop_map(Redacted::new))
}

/// Protected attributes, each given or not, as searchable free text.
pub fn protected_attributes() -> impl Strategy<Value = ProtectedAttributes> {
    (free_text(), free_text(), free_text(), free_text(), free_text(), free_text()).prop_map(
        |(gender_identity, sexual_orientation, language, religion, disability, cultural_background)| {
            let mut p = ProtectedAttributes::default();
            p.gender_identity = gender_identity;
            p.sexual_orientation = sexual_orientation;
            p.language = language;
            p.religion = religion;
            p.disability = disability;
            p.cultural_background = cultural_background;
            p
        },
    )
}

/// An adult applicant of any gender and role, with protected attributes.
pub fn adult_applicant() -> impl Strategy<Value = Applicant> {
    (adult_age(), gender(), role(), protected_attributes())
        .prop_map(|(age, g, r, p)| Applicant::new(age, g, r).with_protected(p))
}

/// An applicant: an adult nine times in ten, otherwise a child (0 to 17).
pub fn applicant() -> impl Strategy<Value = Applicant> {
    let age: BoxedStrategy<Age> = prop_oneof![9 => adult_age(), 1 => child_age()].boxed();
    (age, gender(), role(), protected_attributes())
        .prop_map(|(age, g, r, p)| Applicant::new(age, g, r).with_protected(p))
}

/// Adaptation needs, each present one time in four.
pub fn adaptation_needs() -> impl Strategy<Value = AdaptationNeeds> {
    proptest::array::uniform4(proptest::bool::weighted(0.25)).prop_map(|[interpreter, accessible_room, sami, pet]| {
        let mut n = AdaptationNeeds::default();
        n.interpreter = interpreter;
        n.accessible_room = accessible_room;
        n.sami = sami;
        n.pet = pet;
        n
    })
}

/// A child of 0 to 17.
pub fn child() -> impl Strategy<Value = AccompanyingChild> {
    child_age().prop_filter_map("a child", |age| AccompanyingChild::try_new(u16::from(age.years())).ok())
}

/// Violence: none one time in seven, otherwise one to three types; any relation (six of
/// the seven are close).
pub fn violence() -> impl Strategy<Value = Violence> {
    let types = prop_oneof![1 => Just(Vec::new()), 6 => proptest::collection::vec(violence_type(), 1..=3)];
    (types, relation()).prop_map(|(types, r)| Violence::new(types, r))
}

/// Observations, each a concern (substance use, cannot care, danger, frightening, illness,
/// follow-up) one time in five.
pub fn observations() -> impl Strategy<Value = Observations> {
    proptest::array::uniform8(proptest::bool::weighted(0.2)).prop_map(|c| {
        let mut o = Observations::no_concerns();
        let [substance, self_care, child_care, to_self, to_others, frightening, illness, follow_up] = c;
        o.active_substance_use = substance;
        o.can_care_for_self = !self_care;
        o.can_care_for_children = !child_care;
        o.danger_to_self = to_self;
        o.danger_to_others = to_others;
        o.frightening_behaviour = frightening;
        o.serious_mental_illness = illness;
        o.needs_health_follow_up = follow_up;
        o
    })
}

/// Whom an alternative accepts: one to four genders and any answer on substance use,
/// serious mental illness and children.
pub fn accepts() -> impl Strategy<Value = Accepts> {
    (proptest::collection::btree_set(gender(), 1..=4), any::<bool>(), any::<bool>(), any::<bool>()).prop_filter_map(
        "at least one gender",
        |(g, substance_use, mental_illness, children)| {
            let mut accepts = Accepts::try_new(g).ok()?;
            if substance_use {
                accepts = accepts.with_active_substance_use();
            }
            if mental_illness {
                accepts = accepts.with_serious_mental_illness();
            }
            if children {
                accepts = accepts.with_children();
            }
            Some(accepts)
        },
    )
}

/// An alternative with the id `alt-{index}`.
pub fn alternative(index: usize) -> impl Strategy<Value = Alternative> {
    (select(AlternativeModel::ALL), accepts()).prop_filter_map("valid id", move |(model, accepts)| {
        AlternativeId::try_new(format!("alt-{index}")).ok().map(|id| Alternative::new(id, model, accepts))
    })
}

/// Zero to `max` alternatives with distinct ids, in order of preference.
pub fn alternatives(max: usize) -> impl Strategy<Value = Vec<Alternative>> {
    (0..=max).prop_flat_map(|n| (0..n).map(alternative).collect::<Vec<_>>())
}

/// Any assessment: an applicant (mostly adult victims), violence, a protection need four
/// times in five, observations, up to three children, a guardian or not, adaptation needs
/// and up to three alternatives.
pub fn assessment() -> impl Strategy<Value = AssessInput> {
    (
        applicant(),
        violence(),
        proptest::bool::weighted(0.8),
        observations(),
        proptest::collection::vec(child(), 0..=3),
        any::<bool>(),
        adaptation_needs(),
        alternatives(3),
    )
        .prop_filter_map("distinct alternative ids", |(ap, v, p, o, children, guardian, needs, alts)| {
            let mut input = AssessInput::new(ap, v, o).with_children(children).with_adaptation_needs(needs);
            if p {
                input = input.in_need_of_protection();
            }
            if guardian {
                input = input.with_guardian();
            }
            input.with_alternatives(alts).ok()
        })
}
