//! Strategies for the types of `krisesenter-disclosure`: inputs, the consents they carry,
//! feared offences, and whole `disclose` inputs with the day they are decided on.
//!
//! Every value is built through the crate's real constructors ([`DiscloseInput::new`],
//! [`DiscloseInput::with_consents`], [`SeriousOffence::try_new`], [`Consent::new`]), so it is
//! always valid. The distributions lean towards the cases the rules turn on: sections of the
//! penal code on and around the §196 list (the 2021 additions, the qualified sections),
//! consents around the decision date (given the day before, on the day, the day after;
//! withdrawn on the day), oral consents and consents for other recipients.
//!
//! # Example
//!
//! ```
//! use krisesenter_disclosure::disclose;
//! use krisesenter_testkit::disclosure::disclose_input;
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let (input, as_of) = disclose_input().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! let decision = disclose(&input, as_of)?;
//! assert_eq!(decision.log_entry().is_some(), decision.outcome() != krisesenter_disclosure::Outcome::Refuse);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Duration, NaiveDate};
use krisesenter_consent::{Consent, ConsentForm, ConsentKind, GivenBy};
use krisesenter_core::{Age, ConsentId, EnumSet, Information, Party};
use krisesenter_disclosure::{ChildConcern, DiscloseInput, Initiative, Likelihood, SeriousOffence};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

use crate::core::{date_between, party};

/// Any [`Initiative`].
pub fn initiative() -> impl Strategy<Value = Initiative> {
    select(Initiative::ALL)
}

/// Any [`ChildConcern`].
pub fn child_concern() -> impl Strategy<Value = ChildConcern> {
    select(ChildConcern::ALL)
}

/// A concern that is one of the grounds of the duty to inform child welfare.
pub fn reporting_ground() -> impl Strategy<Value = ChildConcern> {
    select(ChildConcern::REPORTING_GROUNDS)
}

/// A concern that is not a ground of the duty (`none` or `general_worry`).
pub fn no_reporting_ground() -> impl Strategy<Value = ChildConcern> {
    select(&[ChildConcern::None, ChildConcern::GeneralWorry][..])
}

/// Any [`Likelihood`].
pub fn likelihood() -> impl Strategy<Value = Likelihood> {
    select(Likelihood::ALL)
}

/// Sections of straffeloven 2005 the §196 rules turn on: listed ones, the 2021 additions,
/// the qualified ones (§§262, 299, 303, 312, 314) and well-known unlisted ones (§§257, 263, 271).
pub const INTERESTING_SECTIONS: &[u16] = &[
    111, 131, 133, 144, 192, 223, 240, 253, 255, 256, 257, 258, 259, 262, 263, 271, 274, 275, 279, 281, 282, 283, 284,
    288, 291, 295, 299, 303, 308, 312, 314, 327, 329, 355, 357,
];

/// A section of straffeloven 2005: mostly [`INTERESTING_SECTIONS`], sometimes any from 1 to 420.
pub fn straffeloven_section() -> impl Strategy<Value = u16> {
    prop_oneof![4 => select(INTERESTING_SECTIONS), 1 => 1u16..=420]
}

/// A feared serious offence, with or without a victim age (biased to 12-17) and a peers flag.
pub fn serious_offence() -> impl Strategy<Value = SeriousOffence> {
    (
        straffeloven_section(),
        likelihood(),
        proptest::option::of(prop_oneof![3 => 12u16..=17, 1 => 0u16..=80]),
        any::<bool>(),
    )
        .prop_filter_map("valid offence", |(section, likelihood, age, peers)| {
            let offence = SeriousOffence::try_new(section, likelihood).ok()?.with_peers_in_age_and_development(peers);
            match age {
                Some(a) => Some(offence.with_victim_age(Age::try_new(a).ok()?)),
                None => Some(offence),
            }
        })
}

/// A set of information categories (possibly empty).
pub fn information_set() -> impl Strategy<Value = EnumSet<Information>> {
    subsequence(Information::ALL, 0..=Information::ALL.len()).prop_map(|v| v.into_iter().collect())
}

/// A decision date: from 2015-10-01 (straffeloven 2005) to 2030, with extra weight on the
/// days the law changed and the days either side (2020-12-31/2021-01-01, 2022-12-31/2023-01-01).
pub fn as_of() -> impl Strategy<Value = NaiveDate> {
    let edges: Vec<NaiveDate> =
        [(2015, 10, 1), (2020, 12, 31), (2021, 1, 1), (2022, 12, 31), (2023, 1, 1), (2026, 1, 1)]
            .iter()
            .filter_map(|(y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d))
            .collect();
    let from = NaiveDate::from_ymd_opt(2015, 10, 1).unwrap_or(NaiveDate::MIN);
    prop_oneof![
        1 => select(edges),
        4 => date_between(2016, 2030),
        1 => (0i64..92).prop_map(move |days| from + Duration::days(days)),
    ]
}

/// A day relative to `as_of`, leaning to the edges: the day before, the day itself, the day after.
fn around(as_of: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        2 => Just(as_of),
        2 => Just(as_of - Duration::days(1)),
        2 => Just(as_of + Duration::days(1)),
        3 => (-2000i64..=60).prop_map(move |days| as_of + Duration::days(days)),
    ]
}

/// A consent with id `id`, dated around `as_of`: storage or sharing, written or oral, given
/// before, on or after the day, sometimes withdrawn (on the day, before it or after it).
pub fn consent_around(id: ConsentId, as_of: NaiveDate) -> impl Strategy<Value = Consent> {
    (
        prop_oneof![1 => Just(ConsentKind::Storage), 4 => Just(ConsentKind::Sharing)],
        subsequence(Party::ALL, 1..=3),
        subsequence(Information::ALL, 1..=4),
        around(as_of),
        prop_oneof![1 => Just(false), 5 => Just(true)],
        proptest::option::of(around(as_of)),
        select(&[GivenBy::Person, GivenBy::Guardian][..]),
    )
        .prop_filter_map("valid consent", move |(kind, to, what, given, written, withdrawn, by)| {
            let (to, what) = match kind {
                ConsentKind::Storage => (Vec::new(), Vec::new()),
                ConsentKind::Sharing => (to, what),
            };
            let consent =
                Consent::new(id.clone(), kind, to, what, given, ConsentForm::from_written(written), by).ok()?;
            match withdrawn {
                Some(day) if day >= given => consent.withdraw(day).ok(),
                _ => Some(consent),
            }
        })
}

/// Up to `max` consents around `as_of` with distinct ids `c0`, `c1`, ….
pub fn consents_around(as_of: NaiveDate, max: usize) -> impl Strategy<Value = Vec<Consent>> {
    (0..=max).prop_flat_map(move |n| {
        let parts: Vec<_> = (0..n)
            .filter_map(|i| ConsentId::try_new(format!("c{i}")).ok())
            .map(|id| consent_around(id, as_of))
            .collect();
        parts
    })
}

/// A written sharing consent in force on `as_of` that names `requester` and covers some of
/// `asked` (plus perhaps more), so it lets something pass.
pub fn covering_consent(
    id: ConsentId,
    requester: Party,
    asked: EnumSet<Information>,
    as_of: NaiveDate,
) -> impl Strategy<Value = Consent> {
    let asked: Vec<Information> = asked.iter().collect();
    (
        subsequence(asked.clone(), 1..=asked.len().max(1)),
        subsequence(Information::ALL, 0..=2),
        subsequence(Party::ALL, 0..=2),
        0i64..2000,
        proptest::option::of(1i64..400),
    )
        .prop_filter_map("covering consent", move |(some, extra, others, ago, withdrawn_in)| {
            let given = as_of - Duration::days(ago);
            let mut to = others;
            to.push(requester);
            let consent =
                Consent::sharing(id.clone(), to, some.into_iter().chain(extra), given, ConsentForm::Written).ok()?;
            match withdrawn_in {
                Some(days) => consent.withdraw(as_of + Duration::days(days)).ok(),
                None => Some(consent),
            }
        })
}

/// An input and the day it is decided on, with every fact varied: requester, initiative,
/// categories, up to four consents around the day, a child concern, sometimes an order,
/// sometimes a feared offence, sometimes danger.
pub fn disclose_input() -> impl Strategy<Value = (DiscloseInput, NaiveDate)> {
    as_of().prop_flat_map(|day| {
        (
            Just(day),
            party(),
            initiative(),
            information_set(),
            consents_around(day, 4),
            prop_oneof![3 => Just(ChildConcern::None), 2 => child_concern()],
            prop_oneof![5 => Just(false), 1 => Just(true)],
            proptest::option::weighted(0.4, serious_offence()),
            prop_oneof![3 => Just(false), 1 => Just(true)],
        )
            .prop_filter_map(
                "valid request",
                |(day, who, init, asked, consents, concern, order, offence, danger)| {
                    let input = DiscloseInput::new(who, init, asked.iter())
                        .with_consents(consents)
                        .ok()?
                        .with_child_concern(concern)
                        .with_child_welfare_order(order)
                        .with_serious_offence(offence)
                        .with_danger_to_life_or_health(danger);
                    Some((input, day))
                },
            )
    })
}

/// An input with no duty and no permission, and its day: no reporting ground, no order, no
/// feared offence, no danger; consents and everything else as in [`disclose_input`].
pub fn input_without_duty_or_permission() -> impl Strategy<Value = (DiscloseInput, NaiveDate)> {
    (disclose_input(), no_reporting_ground()).prop_map(|((input, day), concern)| {
        let input = input
            .with_child_concern(concern)
            .with_child_welfare_order(false)
            .with_serious_offence(None)
            .with_danger_to_life_or_health(false);
        (input, day)
    })
}
