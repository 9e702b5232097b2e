//! Benchmarks of `krisesenter_eligibility::assess`: assessments per second on one core over a
//! seeded mix of inputs (victims and others, every observation, children, guardians, days
//! before and after 2026-01-01, zero to three alternatives), and the same with the JSON
//! output the CLI writes.
//!
//! ```text
//! cargo bench --bench eligibility -- --warm-up-time 1 --measurement-time 3
//! ```
#![forbid(unsafe_code)]
#![expect(clippy::unwrap_used, reason = "benchmark setup: a failure should stop the run")]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput};
use krisesenter::core::{Age, Gender, Relation, ViolenceType};
use krisesenter::eligibility::AlternativeId;
use krisesenter::eligibility::{
    Accepts, AccompanyingChild, AdaptationNeeds, Alternative, AlternativeModel, Applicant, AssessInput, Observations,
    Role, Violence, assess,
};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How many distinct inputs one iteration assesses.
const MIX: usize = 1024;

/// One value of `values`, chosen by `rng`.
fn pick<T: Copy>(rng: &mut ChaCha8Rng, values: &[T]) -> T {
    *values.choose(rng).unwrap()
}

/// The `i`th alternative of an input: random genders (at least one), answers and model.
fn alternative(rng: &mut ChaCha8Rng, i: usize) -> Alternative {
    let genders: Vec<Gender> = Gender::ALL.iter().copied().filter(|_| rng.random_bool(0.5)).collect();
    let genders = if genders.is_empty() { vec![Gender::Female] } else { genders };
    let mut accepts = Accepts::try_new(genders).unwrap();
    if rng.random_bool(0.5) {
        accepts = accepts.with_active_substance_use();
    }
    if rng.random_bool(0.5) {
        accepts = accepts.with_serious_mental_illness();
    }
    if rng.random_bool(0.5) {
        accepts = accepts.with_children();
    }
    let model = pick(rng, AlternativeModel::ALL);
    Alternative::new(AlternativeId::try_new(format!("alt-{i}")).unwrap(), model, accepts)
}

/// One seeded input and its day.
fn input(rng: &mut ChaCha8Rng) -> (AssessInput, NaiveDate) {
    let age = if rng.random_bool(0.9) { rng.random_range(18..=90) } else { rng.random_range(12..=17) };
    let role = pick(rng, &[Role::Victim, Role::Victim, Role::Victim, Role::Victim, Role::Relative, Role::Professional]);
    let gender = pick(rng, Gender::ALL);
    let types: Vec<ViolenceType> = (0..rng.random_range(0..=3)).map(|_| pick(rng, ViolenceType::ALL)).collect();
    let relation = pick(&mut *rng, Relation::ALL);
    let mut o = Observations::no_concerns();
    o.active_substance_use = rng.random_bool(0.2);
    o.can_care_for_self = !rng.random_bool(0.1);
    o.can_care_for_children = !rng.random_bool(0.1);
    o.danger_to_self = rng.random_bool(0.1);
    o.danger_to_others = rng.random_bool(0.1);
    o.frightening_behaviour = rng.random_bool(0.1);
    o.serious_mental_illness = rng.random_bool(0.2);
    o.needs_health_follow_up = rng.random_bool(0.15);
    let children: Vec<AccompanyingChild> =
        (0..rng.random_range(0..=3)).map(|_| AccompanyingChild::try_new(rng.random_range(0..18)).unwrap()).collect();
    let mut needs = AdaptationNeeds::default();
    needs.interpreter = rng.random_bool(0.2);
    needs.sami = rng.random_bool(0.1);
    needs.pet = rng.random_bool(0.1);
    let alternatives: Vec<Alternative> = (0..rng.random_range(0..=3)).map(|i| alternative(rng, i)).collect();
    let protection_need = rng.random_bool(0.8);
    let guardian = rng.random_bool(0.5);
    let mut assessment =
        AssessInput::new(Applicant::new(Age::try_new(age).unwrap(), gender, role), Violence::new(types, relation), o)
            .with_children(children)
            .with_adaptation_needs(needs)
            .with_alternatives(alternatives)
            .unwrap();
    if protection_need {
        assessment = assessment.in_need_of_protection();
    }
    if guardian {
        assessment = assessment.with_guardian();
    }
    let day = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Duration::days(rng.random_range(0..730));
    (assessment, day)
}

fn bench(c: &mut Criterion) {
    let mut rng = ChaCha8Rng::seed_from_u64(4);
    let mix: Vec<(AssessInput, NaiveDate)> = (0..MIX).map(|_| input(&mut rng)).collect();

    let mut group = c.benchmark_group("eligibility");
    group.throughput(Throughput::Elements(MIX as u64));
    group.bench_function("assess_mixed_1024", |b| {
        b.iter(|| {
            for (a, day) in &mix {
                black_box(assess(black_box(a), *day).unwrap());
            }
        });
    });
    group.bench_function("assess_and_json_mixed_1024", |b| {
        b.iter(|| {
            for (a, day) in &mix {
                black_box(serde_json::to_string(&assess(black_box(a), *day).unwrap()).unwrap());
            }
        });
    });
    group.throughput(Throughput::Elements(1));
    let ordinary = krisesenter_testkit::eligibility::example_victim().unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    group
        .bench_function("assess_ordinary_victim", |b| b.iter(|| black_box(assess(black_box(&ordinary), day).unwrap())));
    group.finish();
}

/// What `criterion_main!` would generate, written out so that every item is documented.
fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
