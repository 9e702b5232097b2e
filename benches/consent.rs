//! Benchmarks of the retention sweep (`krisesenter_consent::sweep`) on a seeded synthetic
//! register of 1,000,000 case records: contacts that ended over 2012-2026 or are ongoing,
//! written, oral and withdrawn storage consents, sharing consents, and a few legal holds.
//!
//! ```text
//! cargo bench --bench consent -- --warm-up-time 1 --measurement-time 5
//! ```
//!
//! `register_sweep_1m` is the same sweep over the same records laid out flat
//! (`krisesenter_consent::Register`, `sweep_register`; building the register is not timed),
//! checked equal to `sweep_1m`'s decisions before timing.
//!
//! `sweep_1m` is the decision itself (owned `RetentionDecision`s: action, `until`, rule and
//! reason kinds, no allocation per record beyond the output vector); `scan_1m` only reads the same memory (the floor);
//! `sweep_1k_in_cache` is the rules alone; `report_100k` also builds the contract's output
//! for each record (reasons with their messages and citations, certificates), which
//! allocates. Before timing, the bench prints the mix of actions and the CPU time of one
//! sweep on the benchmarking thread (Linux), the figure that stays honest on a shared machine,
//! for both layouts.
//!
//! With `CONSENT_SWEEPS_ONLY=records|register|none` the bench builds the register, runs
//! three sweeps of that layout (or none) and stops, for counting instructions under
//! `valgrind --tool=callgrind` (a count that does not depend on the machine's load):
//!
//! ```text
//! CONSENT_SWEEPS_ONLY=register valgrind --tool=callgrind target/release/deps/consent-* --bench
//! ```
#![forbid(unsafe_code)]
#![expect(clippy::unwrap_used, reason = "benchmark setup: a failure should stop the run")]

use std::hint::black_box;

use chrono::{Duration, NaiveDate};
use criterion::{Criterion, Throughput};
use krisesenter::consent::{
    Action, CaseRecord, Consent, ConsentForm, HoldReason, LegalHold, Register, RetentionPolicy, sweep, sweep_register,
};
use krisesenter::consent::{HoldId, RecordId};
use krisesenter::core::{ConsentId, Information, Party};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn day(rng: &mut ChaCha8Rng, from: NaiveDate, span_days: i64) -> NaiveDate {
    from + Duration::days(rng.random_range(0..span_days))
}

/// One synthetic record, through the crate's own constructors.
fn record(i: usize, rng: &mut ChaCha8Rng) -> CaseRecord {
    let start = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap();
    let contact_start = day(rng, start, 15 * 365);
    // One contact in ten is ongoing.
    let ended = (!rng.random_bool(0.1)).then(|| contact_start + Duration::days(rng.random_range(1..180)));
    let mut consents = Vec::new();
    // Six in ten give written consent to storage, one in ten an oral one.
    let roll: f64 = rng.random();
    if roll < 0.7 {
        let given = contact_start + Duration::days(rng.random_range(0..30));
        let c = Consent::storage(ConsentId::try_new("c0").unwrap(), given, ConsentForm::from_written(roll < 0.6));
        // One in five withdraws it.
        let c = if rng.random_bool(0.2) {
            c.withdraw(given + Duration::days(rng.random_range(0..2000))).unwrap()
        } else {
            c
        };
        consents.push(c);
        // Some renew it later.
        if rng.random_bool(0.1) {
            let renewed = given + Duration::days(rng.random_range(365..3650));
            consents.push(Consent::storage(ConsentId::try_new("c1").unwrap(), renewed, ConsentForm::Written));
        }
    }
    // One in four consents to sharing with Nav.
    if rng.random_bool(0.25) {
        consents.push(
            Consent::sharing(
                ConsentId::try_new("s0").unwrap(),
                [Party::Nav],
                [Information::ContactDetails],
                contact_start,
                ConsentForm::Written,
            )
            .unwrap(),
        );
    }
    // Three in a hundred are under a legal hold, half of them released.
    let mut holds = Vec::new();
    if rng.random_bool(0.03) {
        let placed = day(rng, contact_start, 3 * 365);
        let hold = LegalHold::new(
            HoldId::try_new("h0").unwrap(),
            *HoldReason::ALL.get(i % HoldReason::ALL.len()).unwrap(),
            placed,
        );
        holds.push(if rng.random_bool(0.5) {
            hold.release(placed + Duration::days(rng.random_range(30..900))).unwrap()
        } else {
            hold
        });
    }
    CaseRecord::try_new(RecordId::try_new(format!("r{i}")).unwrap(), ended, consents, holds)
        .unwrap()
        .with_statistics_opt_out(rng.random_bool(0.05))
}

fn register(n: usize, seed: u64) -> Vec<CaseRecord> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..n).map(|i| record(i, &mut rng)).collect()
}

fn bench(c: &mut Criterion) {
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let policy = RetentionPolicy::default();
    let records = register(1_000_000, 7);
    let flat = Register::try_from_records(&records).unwrap();

    if let Ok(which) = std::env::var("CONSENT_SWEEPS_ONLY") {
        for _ in 0..3 {
            match which.as_str() {
                "records" => drop(black_box(sweep(black_box(&records), &policy, as_of))),
                "register" => drop(black_box(sweep_register(black_box(&flat), &policy, as_of))),
                _ => {}
            }
        }
        return;
    }

    // Print the mix once, so the figure can be read against it; the flat register must
    // decide exactly the same.
    let decisions = sweep(&records, &policy, as_of);
    assert_eq!(decisions, sweep_register(&flat, &policy, as_of), "the register decides as the records do");
    let count = |a: Action| decisions.iter().filter(|d| d.action() == a).count();
    eprintln!(
        "register of {}: keep {}, delete {}, held {}",
        records.len(),
        count(Action::Keep),
        count(Action::Delete),
        count(Action::Held)
    );
    drop(decisions);
    cpu_time_per_sweep("records", || drop(black_box(sweep(black_box(&records), &policy, as_of))));
    cpu_time_per_sweep("register", || drop(black_box(sweep_register(black_box(&flat), &policy, as_of))));

    let mut group = c.benchmark_group("retention");
    group.sample_size(10);
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("scan_1m", |b| {
        b.iter(|| {
            black_box(&records).iter().fold(0i64, |acc, r| {
                acc + r.consents().iter().map(|c| i64::from(c.written())).sum::<i64>() + r.holds().len() as i64
            })
        })
    });
    group.bench_function("sweep_1m", |b| b.iter(|| black_box(sweep(black_box(&records), &policy, as_of))));
    group.bench_function("register_sweep_1m", |b| {
        b.iter(|| black_box(sweep_register(black_box(&flat), &policy, as_of)))
    });
    let few = records.get(..1_000).unwrap();
    group.throughput(Throughput::Elements(few.len() as u64));
    group.bench_function("sweep_1k_in_cache", |b| b.iter(|| black_box(sweep(black_box(few), &policy, as_of))));
    let some = records.get(..100_000).unwrap();
    group.throughput(Throughput::Elements(some.len() as u64));
    group.bench_function("report_100k", |b| {
        b.iter(|| {
            let reports: Vec<_> =
                some.iter().zip(sweep(black_box(some), &policy, as_of)).map(|(r, d)| d.report(r, &policy)).collect();
            black_box(reports)
        })
    });
    group.finish();
}

/// CPU time this thread spent, in clock ticks (utime + stime of /proc/thread-self/stat), on
/// Linux; `None` elsewhere.
fn thread_cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// Wall time measures the machine's load as well as the code; on a shared machine the CPU
/// time the sweeping thread itself used is the figure "on one core". Clock ticks are 1/100 s.
fn cpu_time_per_sweep(layout: &str, mut sweep_once: impl FnMut()) {
    const RUNS: u32 = 30;
    let start_wall = std::time::Instant::now();
    let Some(start) = thread_cpu_ticks() else { return };
    for _ in 0..RUNS {
        sweep_once();
    }
    let Some(end) = thread_cpu_ticks() else { return };
    let wall = start_wall.elapsed() / RUNS;
    let cpu_ms = (end - start) as f64 * 10.0 / f64::from(RUNS);
    eprintln!("sweep of 1,000,000 {layout}: {cpu_ms:.1} ms CPU time per sweep on one thread ({wall:.1?} wall)");
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
