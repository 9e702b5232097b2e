//! Decisions per second of `krisesenter_disclosure::disclose` on a seeded mix of 1,024 requests
//! (every requester, both initiatives, 0-3 consents around the date, child concerns, orders,
//! feared offences on and off the §196 list, danger), on one core.
//!
//! ```text
//! cargo bench --bench disclosure -- --warm-up-time 1 --measurement-time 3
//! ```
//!
//! Three figures: the decision alone (outcome, recipients, information, steps, log entry);
//! the decision with its reasons and citations built; and the whole `disclose` command on
//! one JSON document (parse, decide, write).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "bench harness")]

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use krisesenter::consent::{Consent, ConsentForm, ConsentKind, GivenBy};
use krisesenter::core::{Age, ConsentId, Information, Party};
use krisesenter::disclosure::{ChildConcern, DiscloseInput, Initiative, Likelihood, SeriousOffence, disclose};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SECTIONS: [u16; 12] = [257, 258, 262, 263, 271, 275, 282, 291, 299, 303, 312, 355];

fn subset<T: Copy>(rng: &mut ChaCha8Rng, all: &[T], p: f64) -> Vec<T> {
    all.iter().copied().filter(|_| rng.random_bool(p)).collect()
}

fn input(rng: &mut ChaCha8Rng, as_of: NaiveDate) -> DiscloseInput {
    let requester = Party::ALL[rng.random_range(0..Party::ALL.len())];
    let initiative = if rng.random_bool(0.8) { Initiative::Request } else { Initiative::OwnInitiative };
    let asked = subset(rng, Information::ALL, 0.35);
    let consents: Vec<Consent> = (0..rng.random_range(0..=3))
        .map(|i| {
            let given = as_of - Duration::days(rng.random_range(-30..900));
            let kind = if rng.random_bool(0.2) { ConsentKind::Storage } else { ConsentKind::Sharing };
            let (mut to, mut what) = (subset(rng, Party::ALL, 0.25), subset(rng, Information::ALL, 0.4));
            if kind == ConsentKind::Sharing {
                to.push(requester);
                what.push(Information::Existence);
            } else {
                to.clear();
                what.clear();
            }
            let id = ConsentId::try_new(format!("c{i}")).unwrap();
            let form = ConsentForm::from_written(rng.random_bool(0.85));
            let c = Consent::new(id, kind, to, what, given, form, GivenBy::Person).unwrap();
            if rng.random_bool(0.2) { c.withdraw(given.max(as_of - Duration::days(10))).unwrap() } else { c }
        })
        .collect();
    let concern = if rng.random_bool(0.7) {
        ChildConcern::None
    } else {
        ChildConcern::ALL[rng.random_range(0..ChildConcern::ALL.len())]
    };
    let offence = rng.random_bool(0.3).then(|| {
        let o = SeriousOffence::try_new(
            SECTIONS[rng.random_range(0..SECTIONS.len())],
            Likelihood::ALL[rng.random_range(0..Likelihood::ALL.len())],
        )
        .unwrap()
        .with_peers_in_age_and_development(rng.random_bool(0.2));
        if rng.random_bool(0.5) { o.with_victim_age(Age::try_new(rng.random_range(10..20)).unwrap()) } else { o }
    });
    DiscloseInput::new(requester, initiative, asked)
        .with_consents(consents)
        .unwrap()
        .with_child_concern(concern)
        .with_child_welfare_order(rng.random_bool(0.05))
        .with_serious_offence(offence)
        .with_danger_to_life_or_health(rng.random_bool(0.15))
}

fn workload() -> Vec<(DiscloseInput, NaiveDate)> {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let start = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    (0..1024)
        .map(|_| {
            let as_of = start + Duration::days(rng.random_range(0..5000));
            (input(&mut rng, as_of), as_of)
        })
        .collect()
}

const CLI_INPUT: &str = r#"{
  "as_of": "2026-03-01", "requester": "police", "initiative": "request",
  "information": ["whereabouts", "case_notes"],
  "consents": [{"id": "c1", "kind": "sharing", "recipients": ["police"], "information": ["whereabouts"],
                "given_on": "2026-01-01", "written": true}],
  "child_concern": "mistreatment",
  "serious_offence": {"straffeloven_section": 282, "likelihood": "most_likely"}
}"#;

fn bench(c: &mut Criterion) {
    let requests = workload();
    let mut group = c.benchmark_group("disclosure");
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("decide/1024 mixed requests", |b| {
        b.iter(|| {
            for (input, as_of) in &requests {
                black_box(disclose(black_box(input), *as_of).unwrap());
            }
        });
    });
    group.bench_function("decide+reasons/1024 mixed requests", |b| {
        b.iter(|| {
            for (input, as_of) in &requests {
                black_box(disclose(black_box(input), *as_of).unwrap().reasons().explain());
            }
        });
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("cli disclose/one document", |b| {
        b.iter(|| black_box(krisesenter::cli::run("disclose", black_box(CLI_INPUT.as_bytes())).unwrap()));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
