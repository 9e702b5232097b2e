//! `norway-year`: a simulated year at 45 Norwegian shelters, the national figures merged from
//! each shelter's own aggregate.
//!
//! ```text
//! cargo run --release --example norway-year -- [--seed N] [--year YYYY] [--out DIR] [--threads N]
//! ```
//!
//! Each shelter (Romerike with romerike-year's setup, 44 others sized by an assumed catchment,
//! README.md) lives its year day by day through romerike-year's loop (placement every day by
//! the exact solver), in parallel on the cores there are; each computes its statistics
//! aggregate, nights, casework and retention counts from its own records, and only those are
//! merged into the national report, published with small-cell suppression as Bufdir publishes
//! the national figures. It prints a national summary, with the national shape beside Bufdir's
//! published figures for 2024, and writes romerike-year's files for the country to DIR
//! (default `target/norway-year`). The same seed gives the same files, byte for byte, whatever
//! the number of threads.
#![forbid(unsafe_code)]

#[path = "../romerike-year/arrivals.rs"]
#[allow(dead_code, reason = "romerike-year's generator: this example uses part of it")]
mod arrivals;
#[path = "../romerike-year/cases.rs"]
mod cases;
mod country;
#[path = "../romerike-year/nights.rs"]
mod nights;
#[path = "../romerike-year/sim.rs"]
#[allow(dead_code, reason = "romerike-year's day loop: this example uses the loop and the records it needs")]
mod sim;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use krisesenter::stats::{DEFAULT_THRESHOLD, Period, Publication, PublishInput, ROMERIKE_OWNERS, publish};
use krisesenter_sim::files::{self, Figures, Place};
use krisesenter_sim::shell::{Options, Shell};
use krisesenter_sim::text::{self, Names, group, wrapped};
use serde_json::{Value, json};

use crate::country::{Local, National, SHELTERS, Shelter};
use crate::sim::BoxError;

const USAGE: &str = "usage: norway-year [--seed N] [--year YYYY (2016-2100)] [--out DIR] [--threads N] [--shelters N]";

const HELP: &str =
    "norway-year: a simulated year at 45 Norwegian shelters, national figures merged from each shelter's aggregate

usage: norway-year [--seed N] [--year YYYY] [--out DIR] [--threads N] [--shelters N]

options:
  --seed N      the random seed (default 2026); the same seed gives the same files, byte for byte,
                whatever the number of threads; Romerike's year is romerike-year's for that seed
  --year YYYY   the year to simulate, 2016-2100 (default 2026)
  --out DIR     where the files go (default target/norway-year)
  --threads N   worker threads (default: one per core); the files do not depend on it
  --shelters N  a smaller country: only the N shelters with the smallest catchments (default all 45)
  -h, --help    this text

It prints a national summary on standard output (with the national shape beside Bufdir's
published figures for 2024) and the time taken on standard error, and writes:
  report.json         the national published report (the publish output of the JSON contract),
                      built from the merge of the 45 shelters' aggregates
  report.csv          the same figures, one a line: figure,label,value
  report.md           the same figures as a table, with readable labels, and the national shape:
                      which numbers are Bufdir's facts and which are our assumptions
  occupancy.svg       beds occupied each night in the country, with the bed capacity
  room-occupancy.svg  rooms in use each night in the country, with the number of rooms
  stays-by-month.svg  stays begun each month (people who did not opt out of statistics)
  year.json           what a checker needs: every shelter's rooms, seed, aggregate (the stats
                      wire form), nights, counts, retention and casework figures, and the
                      national merge of each; no record leaves a shelter
  casework.md         the stay and after, the shelters' casework figures added up
";

/// The command line.
const SHELL: Shell = Shell {
    name: "norway-year",
    usage: USAGE,
    help: HELP,
    seed: 2026,
    year: 2026,
    out: "target/norway-year",
    country: true,
    db: false,
};

/// What the country's files and summary are made of.
struct Outputs {
    shelters: Vec<Shelter>,
    locals: Vec<Local>,
    national: National,
    published: Publication,
    period: Period,
    year: i32,
}

fn main() -> ExitCode {
    SHELL.main(run)
}

fn run(options: &Options) -> Result<String, BoxError> {
    let threads = options.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let started = Instant::now();
    let out = simulate(options.year, options.seed, threads, options.shelters)?;
    write(&options.out, options.seed, &out)?;
    eprintln!(
        "norway-year: {} shelters on {threads} thread{} in {:.2} s",
        out.shelters.len(),
        if threads == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64()
    );
    Ok(summary(options, &out))
}

/// The country's year: the shelters of [`SHELTERS`] (or only the `smallest` with the smallest
/// catchments, in table order) for `year` from `seed`, on `threads` threads, merged and
/// published.
fn simulate(year: i32, seed: u64, threads: usize, smallest: Option<usize>) -> Result<Outputs, BoxError> {
    let mut by_size: Vec<usize> = (0..SHELTERS.len()).collect();
    by_size.sort_by_key(|i| SHELTERS.get(*i).map_or(0, |s| s.thousands));
    let kept: Vec<usize> =
        by_size.get(..smallest.unwrap_or(SHELTERS.len()).min(SHELTERS.len())).unwrap_or_default().to_vec();
    let shelters = SHELTERS
        .iter()
        .enumerate()
        .filter(|(i, _)| kept.contains(i))
        .map(|(i, spec)| Shelter::new(*spec, i, seed))
        .collect::<Result<Vec<_>, _>>()?;
    let period = Period::year(year)?;
    let locals = country::run(&shelters, year, threads)?;
    let national = country::merge(period, &locals)?;
    let published = publish(&PublishInput::new(national.aggregate.report(), DEFAULT_THRESHOLD))?;
    Ok(Outputs { shelters, locals, national, published, period, year })
}

/// The municipalities' names: Romerike's owners and the other shelters' hosts.
fn names() -> Names<'static> {
    let owners = ROMERIKE_OWNERS.iter().map(|m| (m.municipality.to_string(), m.name));
    let hosts = SHELTERS.iter().flat_map(|s| s.municipalities.iter().map(|(code, _)| (format!("{code:04}"), s.name)));
    owners.chain(hosts).collect()
}

fn write(dir: &Path, seed: u64, out: &Outputs) -> Result<(), BoxError> {
    let national = &out.national;
    let notes = shape_markdown(out);
    let name = format!("Norway, {} simulated krisesentre", out.shelters.len());
    let figures = Figures {
        place: Place { name: &name, sleeping_at: "a shelter", year: out.year, seed },
        published: &out.published,
        names: &names(),
        nights: &national.nights,
        stays_by_month: national.stays_by_month,
        cases: &national.cases,
        to: out.period.to(),
        report_notes: &notes,
    };
    Ok(files::write_files(dir, &figures, &year_json(seed, out)?)?)
}

/// Bufdir's published national figures for 2024 (facts), quoted in the summary and report.md:
/// bufdir.no, statistikk og analyse, krisesentrene: «Om beboerne» and «Bo- og dagtilbud».
mod bufdir_2024 {
    /// Centres with an offer for women and men.
    pub(crate) const CENTRES: u64 = 43;
    /// Stays of adults (one form per stay).
    pub(crate) const STAYS: u64 = 2_715;
    /// Adult residents (counted by their first stay in the year), of whom women and men.
    pub(crate) const RESIDENTS: u64 = 2_340;
    pub(crate) const WOMEN: u64 = 2_123;
    pub(crate) const MEN: u64 = 210;
    /// Mean length of a stay, days.
    pub(crate) const MEAN_DAYS: u64 = 28;
}

/// The simulated national figures set beside Bufdir's, read from the published report only
/// (so that nothing hidden can be recomputed): the label, Bufdir's fact, ours.
fn shape(out: &Outputs) -> Vec<(&'static str, String, String)> {
    let rows: BTreeMap<String, String> = out.published.rows().into_iter().collect();
    // Whole numbers grouped as Bufdir's are; a hidden cell or a mean as published.
    let get = |path: &str| {
        rows.get(path).map_or_else(|| ":".to_owned(), |v| v.parse::<u64>().map_or_else(|_| v.clone(), group))
    };
    let adults = |what: &str| -> String {
        let n = |path: String| rows.get(&path).and_then(|v| v.parse::<u64>().ok());
        match (n(format!("{what}.total")), n(format!("{what}.children"))) {
            (Some(total), Some(children)) => group(total.saturating_sub(children)),
            _ => ":".to_owned(),
        }
    };
    use bufdir_2024 as b;
    vec![
        ("centres", group(b::CENTRES), out.shelters.len().to_string()),
        ("adult stays", group(b::STAYS), adults("stays")),
        ("adult residents", group(b::RESIDENTS), adults("residents")),
        ("of them women", group(b::WOMEN), get("residents.adults.female")),
        ("of them men", group(b::MEN), get("residents.adults.male")),
        ("mean length of stay, days", b::MEAN_DAYS.to_string(), get("length_of_stay.mean_days")),
    ]
}

/// report.md's closing section: the national shape, facts and assumptions said apart.
fn shape_markdown(out: &Outputs) -> String {
    let mut s = String::from(
        "\n## The national shape: Bufdir's facts beside this simulated year\n\n\
         | figure | Bufdir 2024 (published fact) | this simulated year |\n|---|---:|---:|\n",
    );
    for (label, fact, ours) in shape(out) {
        let _ = writeln!(s, "| {label} | {fact} | {ours} |");
    }
    s.push_str(
        "\nFacts: the Bufdir column only (krisesenterstatistikken 2024: 43 centres, 2,715 stays of adults, \
         2,340 adult residents of whom 2,123 women and 210 men, a mean stay of 28 days). Everything else is \
         an assumption of the simulation, not a result: 45 shelters (the issue's count, two more than Bufdir's), \
         their catchments, rooms and demand (Romerike's first contacts per inhabitant everywhere), the share \
         of men, every user living in the host municipality, and Romerike's own generator \
         (crates/sim/examples/norway-year/README.md). The simulated figures are read from the published \
         report above; children are counted as in the report (Bufdir counts them apart).\n",
    );
    s
}

/// What a checker needs: every shelter's rooms, seed and local figures (its aggregate in the
/// statistics' wire form), and the national merge of each. No record leaves a shelter.
fn year_json(seed: u64, out: &Outputs) -> Result<Value, BoxError> {
    let shelters = out
        .shelters
        .iter()
        .zip(&out.locals)
        .map(|(shelter, local)| {
            Ok(json!({
                "name": shelter.spec.name,
                "seed": shelter.seed,
                "policy": serde_json::to_value(shelter.policy)?,
                "rooms": {"women_or_all": shelter.rooms[0], "men": shelter.rooms[1], "screened": shelter.rooms[2]},
                "beds": shelter.inventory.total_beds(),
                "kennel_places": shelter.inventory.kennel_places(),
                "demand_scale": shelter.demand.scale,
                "placement_notes": local.placement_notes,
                "aggregate": serde_json::to_value(&local.aggregate)?,
                "nights": {"beds": local.nights.beds, "rooms": local.nights.rooms},
                "counts": counts_json(&local.counts),
                "retention": retention_json(&local.retention),
                "casework": local.cases.to_json(),
            }))
        })
        .collect::<Result<Vec<Value>, BoxError>>()?;
    let n = &out.national;
    let days: Vec<Value> = n
        .nights
        .dates
        .iter()
        .zip(n.nights.beds.iter().zip(&n.nights.rooms))
        .map(|(date, (beds, rooms))| json!({"date": date.to_string(), "beds_occupied": beds, "rooms_in_use": rooms}))
        .collect();
    Ok(json!({
        "seed": seed,
        "year": out.year,
        "period": {"from": out.period.from().to_string(), "to": out.period.to().to_string()},
        "shelters": shelters,
        "national": {
            "beds": n.nights.beds_capacity,
            "rooms": n.nights.rooms_capacity,
            "aggregate": serde_json::to_value(&n.aggregate)?,
            "days": days,
            "counts": counts_json(&n.counts),
            "retention": retention_json(&n.retention),
            "casework": n.cases.to_json(),
        },
    }))
}

fn counts_json(c: &country::Counts) -> Value {
    json!({
        "first_contacts": c.contacts,
        "refused_a_stay": c.refused,
        "households_placed": c.placed,
        "placed_after_waiting": c.waited,
        "referred": c.referred,
        "still_waiting_on_31_december": c.still_waiting,
        "placements_computed": c.allocations,
        "placements_unproven": c.unproven,
        "moves": c.moves,
        "disclosures": c.disclosures,
        "records": c.records,
        "consents_given": c.consents_given,
        "consents_withdrawn": c.consents_withdrawn,
        "holds_placed": c.holds_placed,
        "room_nights_over_capacity": c.over_capacity,
    })
}

fn retention_json(r: &krisesenter_sim::figures::Retention) -> Value {
    json!({"policy_version": r.policy, "kept": r.kept, "deleted": r.deleted, "held": r.held, "deleted_by_rule": r.by_rule})
}

fn summary(options: &Options, out: &Outputs) -> String {
    let mut s = String::new();
    let y = options.year;
    let n = &out.national;
    let _ = writeln!(s, "Norway, a simulated {y} (seed {}): {} shelters", options.seed, out.shelters.len());
    let integrated: Vec<&str> = out.shelters.iter().filter(|s| s.spec.integrated).map(|s| s.spec.name).collect();
    let rooms = |kind: usize| -> u32 { out.shelters.iter().map(|s| s.rooms.get(kind).copied().unwrap_or(0)).sum() };
    let (women, men, screened) = (rooms(0), rooms(1), rooms(2));
    let _ = writeln!(
        s,
        "{} rooms ({women} for women or anyone, {men} for men in units of their own, {screened} screened), {} beds, \
         {} kennel places",
        n.nights.rooms_capacity,
        group(u64::from(n.nights.beds_capacity)),
        out.shelters.iter().map(|s| u32::from(s.inventory.kennel_places())).sum::<u32>(),
    );
    let _ = writeln!(
        s,
        "{} keep women and men in separate units; integrated: {} (every placement there notes the departure \
         from krisesenterlova §2)",
        out.shelters.len() - integrated.len(),
        integrated.join(", ")
    );
    text::published_summary(&mut s, y, &out.published, &names());

    let nights = &n.nights;
    let days = nights.beds.len().max(1);
    let total: u64 = nights.beds.iter().map(|b| u64::from(*b)).sum();
    let mean = total as f64 / days as f64;
    let peak = nights.beds.iter().zip(&nights.dates).max_by_key(|(b, d)| (**b, std::cmp::Reverse(**d)));
    let room_nights: u64 = nights.rooms.iter().map(|r| u64::from(*r)).sum();
    let c = &n.counts;
    let _ = writeln!(s, "\nOccupancy (every night of {y}, all residents of every shelter counted)");
    let _ = writeln!(
        s,
        "  beds        {mean:.1} of {} in use on a mean night ({:.1} %), {} at the peak on {}",
        nights.beds_capacity,
        100.0 * mean / f64::from(nights.beds_capacity.max(1)),
        peak.map_or(0, |(b, _)| *b),
        peak.map_or_else(String::new, |(_, d)| d.to_string()),
    );
    let _ = writeln!(
        s,
        "  rooms       {:.0} % of room-nights in use; room-nights over a room's beds: {}",
        100.0 * room_nights as f64 / (days as f64 * f64::from(nights.rooms_capacity.max(1))),
        c.over_capacity
    );
    let _ = writeln!(
        s,
        "  households  {} placed ({} after waiting), {} still waiting on {}",
        c.placed,
        c.waited,
        c.still_waiting,
        out.period.to()
    );
    let proof = match c.unproven {
        0 => "each proven optimal".to_owned(),
        k => format!("{k} without a proof within the solver's node budget"),
    };
    let _ = writeln!(
        s,
        "  placement   {} shelter-days with someone waiting, placed by the exact solver ({proof}); residents moved {} times",
        c.allocations, c.moves
    );
    let referred: usize = c.referred.values().sum();
    let why: Vec<String> = c.referred.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let prefix = format!("  referred    {referred} to another shelter (at most {} days' wait): ", sim::WAIT_LIMIT_DAYS);
    let _ = writeln!(s, "{}", wrapped(&prefix, &why.join(" · ")));
    let _ = writeln!(s, "  first contacts {}; people exposed to violence refused a stay {}", c.contacts, c.refused);
    let r = &n.retention;
    let _ = writeln!(
        s,
        "\nRecords on {} ({} records, policy {}): kept {} · deleted {} · held {}; consents given {}, withdrawn {}; \
         holds placed {}; disclosures decided {}",
        out.period.to(),
        c.records,
        r.policy,
        r.kept,
        r.deleted,
        r.held,
        c.consents_given,
        c.consents_withdrawn,
        c.holds_placed,
        c.disclosures
    );
    let cw = &n.cases;
    let _ = writeln!(
        s,
        "The stay and after ({} cases; {} stays ended): need clarified {} · home found {} · plan made {} · settled \
         safely {}",
        cw.cases, cw.ended, cw.phase_1, cw.phase_2, cw.phase_3, cw.goal_reached
    );

    let _ = writeln!(s, "\nThe national shape (Bufdir's published 2024 figures are facts; ours come from assumptions)");
    let _ = writeln!(s, "  {:<28}{:>12}{:>14}", "", "Bufdir 2024", "simulated");
    for (label, fact, ours) in shape(out) {
        let _ = writeln!(s, "  {label:<28}{fact:>12}{ours:>14}");
    }
    let busiest = out
        .shelters
        .iter()
        .zip(&out.locals)
        .map(|(sh, l)| {
            let beds = f64::from(l.nights.beds_capacity.max(1)) * l.nights.beds.len().max(1) as f64;
            let used: u64 = l.nights.beds.iter().map(|b| u64::from(*b)).sum();
            (sh.spec.name, 100.0 * used as f64 / beds)
        })
        .map(|(name, pct)| format!("{name} {pct:.0} %"));
    let _ = writeln!(s, "{}", wrapped("  beds used   ", &busiest.collect::<Vec<_>>().join(" · ")));
    let _ = writeln!(
        s,
        "  seeds       Romerike {} (romerike-year's year for this seed), the others drawn from it",
        options.seed
    );
    let _ = writeln!(s, "\nWrote {}: {}", options.out.display(), files::FILE_NAMES);
    s
}
