//! Benchmarks of `krisesenter_stats`: the in-process aggregation rate over a million
//! generated stays (one core), the report derived from an aggregate, merging 45 shelters'
//! aggregates (Norway), and publishing a Romerike-size year.
//!
//! ```text
//! cargo bench --bench stats -- --warm-up-time 1 --measurement-time 3
//! cargo bench --bench stats -- --export target/stats-peer/data 1000000   # for benches/stats-peer
//! ```
//!
//! With `--export DIR N` the binary writes a generated year of N stays (seed 2026) as the
//! JSON input of the `report` command (`DIR/input.json`) and exits; the DuckDB peer script in
//! `benches/stats-peer/` reads it.
#![forbid(unsafe_code)]
#![expect(clippy::expect_used, reason = "benchmark setup: a failure should stop the run")]

use std::hint::black_box;
use std::io::Write;

use criterion::{Criterion, Throughput};
use krisesenter::stats::{Aggregate, PublishInput, publish};
use krisesenter_testkit::stats::{ShelterYearSpec, shelter_year};

fn aggregation(c: &mut Criterion) {
    let year = shelter_year(&ShelterYearSpec::scaled(1_000_000, 2026), 2026).expect("generated year");
    let mut group = c.benchmark_group("stats");
    group.throughput(Throughput::Elements(year.stays.len() as u64));
    group.bench_function("aggregate_1m_stays", |b| {
        b.iter(|| Aggregate::from_records(year.period, year.beds, black_box(&year.stays), []))
    });
    group.throughput(Throughput::Elements(year.day_contacts.len() as u64));
    group.bench_function("aggregate_4m_day_contacts", |b| {
        b.iter(|| Aggregate::from_records(year.period, year.beds, [], black_box(&year.day_contacts)))
    });
    group.finish();

    let aggregate = Aggregate::from_records(year.period, year.beds, &year.stays, &year.day_contacts);
    c.bench_function("stats/report_from_aggregate", |b| b.iter(|| black_box(&aggregate).report()));

    // Norway: 45 shelters of Romerike's size, merged into one national aggregate.
    let shelters: Vec<Aggregate> = (0..45)
        .map(|seed| {
            let y = shelter_year(&ShelterYearSpec::romerike_2025(), seed).expect("generated year");
            Aggregate::from_records(y.period, y.beds, &y.stays, &y.day_contacts)
        })
        .collect();
    c.bench_function("stats/merge_45_shelters", |b| {
        b.iter(|| {
            let first = shelters.first().expect("shelters").clone();
            shelters.iter().skip(1).try_fold(first, |acc, s| acc.merge(black_box(s))).expect("same period")
        })
    });

    let romerike = shelter_year(&ShelterYearSpec::romerike_2025(), 2025).expect("generated year");
    let report =
        Aggregate::from_records(romerike.period, romerike.beds, &romerike.stays, &romerike.day_contacts).report();
    let input = PublishInput::new(report, 5);
    c.bench_function("stats/publish_romerike_2025", |b| b.iter(|| publish(black_box(&input)).expect("publishable")));
}

fn export(dir: &std::path::Path, stays: u64) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let year = shelter_year(&ShelterYearSpec::scaled(stays, 2026), 2026)?;
    let path = dir.join("input.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    serde_json::to_writer(&mut out, &year.report_input())?;
    out.flush()?;
    eprintln!("wrote {} ({} stays, {} day contacts)", path.display(), year.stays.len(), year.day_contacts.len());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(pos) = args.iter().position(|a| a == "--export") {
        let dir = args.get(pos + 1).map_or("target/stats-peer/data", String::as_str);
        let stays = args.get(pos + 2).and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
        return export(std::path::Path::new(dir), stays);
    }
    let mut criterion = Criterion::default().configure_from_args();
    aggregation(&mut criterion);
    criterion.final_summary();
    Ok(())
}
