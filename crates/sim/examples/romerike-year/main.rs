//! `romerike-year`: one simulated year at Romerike Krisesenter, end to end.
//!
//! ```text
//! cargo run --release --example romerike-year -- [--seed N] [--year YYYY] [--out DIR] [--db FILE]
//! ```
//!
//! On the embedded Romerike default (16 rooms, 62 beds, a kennel, a screened unit, the 12
//! owner municipalities) it simulates a year day by day from a seed: first contacts are
//! assessed (`eligibility`); the households offered a stay are placed every day by the exact
//! solver with the current residents kept (`rooms`); those who cannot be placed wait at most
//! two days and are then referred to another shelter; those refused a stay keep the phone and
//! the day service and, from 2026-01-01, get an equal alternative or a gap reason; stays end
//! on their planned day; a handful of disclosure situations are decided (`disclosure`);
//! consents are given and some withdrawn, and the retention sweep runs on 31 December over
//! every record (`consent`); the annual report is built from one stay record per person,
//! published with small-cell suppression, and the owners' cost shares computed (`stats`).
//!
//! It prints a short summary on standard output, one progress line per month on standard
//! error, and writes to DIR (default `target/romerike-year`): `report.json`, `report.csv`,
//! `report.md` (the published figures), `occupancy.svg` (beds occupied each night),
//! `stays-by-month.svg`, and `year.json` with what a checker needs. The same seed gives the
//! same files, byte for byte: every random draw comes from the seed, every map is ordered,
//! and no clock is read.
#![forbid(unsafe_code)]

mod arrivals;
mod cases;
mod nights;
mod register;
mod sim;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use krisesenter::consent::RetentionPolicy;
use krisesenter::disclosure::Outcome;
use krisesenter::eligibility::{DayOutcome, FinalOutcome, PhoneOutcome, ResidentialOutcome};
use krisesenter::stats::{
    CostKey, DEFAULT_THRESHOLD, Period, Publication, PublishInput, ROMERIKE_OWNERS, ReportInput, billable_nights,
    publish, report, share_costs,
};
use krisesenter_sim::figures::{CaseFigures, Retention};
use krisesenter_sim::files::{self, Figures, Place};
use krisesenter_sim::shell::{Options, Shell};
use krisesenter_sim::text::{self, Names, nok, tally, wrapped};
use serde_json::{Value, json};

use crate::arrivals::Role;
use crate::sim::{BoxError, Year};

/// The seed when none is given.
const DEFAULT_SEED: u64 = 2026;
/// The year when none is given: the first year of the equal-alternative duty.
const DEFAULT_YEAR: i32 = 2026;
/// The owners' yearly budget for the shelter, in øre: about NOK 75 per inhabitant of the 12
/// owners (334,624), inside the national range of NOK 69-79 per inhabitant (2018-2022).
const BUDGET_ORE: u64 = 25_000_000 * 100;
/// The cost key: half by population, half by the nights used by each owner's residents.
const COST_KEY: CostKey = CostKey::Weighted { population_percent: 50 };

const USAGE: &str = "usage: romerike-year [--seed N] [--year YYYY (2016-2100)] [--out DIR] [--db FILE]";

const HELP: &str = "romerike-year: a simulated year at Romerike krisesenter, day by day through every crate

usage: romerike-year [--seed N] [--year YYYY] [--out DIR] [--db FILE]

options:
  --seed N      the random seed (default 2026); the same seed gives the same files, byte for byte
  --year YYYY   the year to simulate, 2016-2100 (default 2026); before 2026 there is no duty to
                offer an equal alternative and no opting out of statistics
  --out DIR     where the files go (default target/romerike-year)
  --db FILE     also write the year's case records to a new register (one SQLite file) and run
                the sweep there; the summary then says what was deleted from the file
  -h, --help    this text

It prints one line per month on standard error and a summary on standard output, and writes:
  report.json         the published report (the publish output of the JSON contract)
  report.csv          the same figures, one a line: figure,label,value
  report.md           the same figures as a table, with readable labels
  occupancy.svg       beds occupied each night, with the bed capacity
  room-occupancy.svg  rooms in use each night, with the number of rooms
  stays-by-month.svg  stays begun each month (people who did not opt out of statistics)
  year.json           what a checker needs: every night, stay, household, refusal, decision,
                      disclosure, retention decision and cost share, and the casework figures
  casework.md         the stay and after: phases reached, destinations, nights waiting for a home
";

/// The command line.
const SHELL: Shell = Shell {
    name: "romerike-year",
    usage: USAGE,
    help: HELP,
    seed: DEFAULT_SEED,
    year: DEFAULT_YEAR,
    out: "target/romerike-year",
    country: false,
    db: true,
};

fn main() -> ExitCode {
    SHELL.main(run)
}

/// Everything computed after the simulation.
struct Outputs {
    published: Publication,
    shares: BTreeMap<krisesenter::stats::Municipality, u64>,
    nights: BTreeMap<krisesenter::stats::Municipality, u64>,
    retention: Retention,
    cases: CaseFigures,
}

fn run(options: &Options) -> Result<String, BoxError> {
    eprintln!(
        "Simulating {} at Romerike krisesenter (seed {}): {} days before the year to fill the house, then month by month",
        options.year,
        options.seed,
        sim::WARM_UP_DAYS
    );
    let year = sim::run(options.year, options.seed)?;

    // Statistics: one stay record per person, the report, the published tables, the costs.
    let period = Period::year(year.year)?;
    let input =
        ReportInput::new(period, u64::from(year.inventory.total_beds()), year.stays.clone(), year.day_contacts.clone());
    let published = publish(&PublishInput::new(report(&input)?, DEFAULT_THRESHOLD))?;
    // The cost key counts every night used, also those of people who opted out of statistics
    // (the stats crate's billing rule).
    let nights = billable_nights(period, &year.stays);
    let shares = share_costs(BUDGET_ORE, &ROMERIKE_OWNERS, COST_KEY, &nights)?;

    // Retention: the sweep on the last day of the year over every record.
    let retention = Retention::sweep(&year.records, year.to, true)?;

    // With --db: the same records in a register file, swept there on the same day.
    let swept = match &options.db {
        Some(path) => {
            let swept = register::write_and_sweep(path, &year.records, &RetentionPolicy::default(), year.to)?;
            if swept.deleted != retention.deleted || swept.held != retention.held {
                return Err("the sweep in the register file disagrees with the sweep in memory".into());
            }
            Some((path, swept))
        }
        None => None,
    };

    // Casework: every household's case replayed, and what it says of the stay and after.
    let cases = cases::cases(&year)?;
    let outputs = Outputs { published, shares, nights, retention, cases };
    write_files(&options.out, options.seed, &year, &outputs)?;
    let mut text = summary(options, &year, &outputs);
    if let Some((path, swept)) = swept {
        let _ = writeln!(
            text,
            "\nRegister {}: {} records written, one transaction each; the sweep on {} deleted {} from the file \
             with their certificates and kept {} under a hold; WAL {}; {} bytes",
            path.display(),
            swept.records,
            year.to,
            swept.deleted,
            swept.held,
            if swept.checkpointed { "checkpointed and truncated" } else { "not yet checkpointed" },
            swept.bytes
        );
    }
    Ok(text)
}

/// The wire name of a serialisable enum value.
fn code_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        _ => String::from("unknown"),
    }
}

/// The names of Romerike's owner municipalities, by number.
fn owner_names() -> Names<'static> {
    ROMERIKE_OWNERS.iter().map(|m| (m.municipality.to_string(), m.name)).collect()
}

fn write_files(dir: &Path, seed: u64, year: &Year, out: &Outputs) -> Result<(), BoxError> {
    let period = Period::year(year.year)?;
    let nights = nights::nights(year)?;
    let figures = Figures {
        place: Place { name: "Romerike krisesenter", sleeping_at: "the shelter", year: year.year, seed },
        published: &out.published,
        names: &owner_names(),
        nights: &nights,
        stays_by_month: files::stays_by_month(&year.stays, period),
        cases: &out.cases,
        to: year.to,
        report_notes: "",
    };
    Ok(files::write_files(dir, &figures, &year_json(seed, year, out))?)
}

/// What a checker needs, in one file: the rooms, every night, every stay record, every
/// refusal with what was offered instead, the decisions, disclosures, retention and costs.
fn year_json(seed: u64, year: &Year, out: &Outputs) -> Value {
    let rooms: BTreeMap<String, u16> =
        year.inventory.rooms().iter().map(|r| (r.id().as_str().to_owned(), r.beds())).collect();
    let days: Vec<Value> = year
        .days
        .iter()
        .map(|d| {
            let rooms: BTreeMap<&str, u32> = d.rooms.iter().map(|(r, n)| (r.as_str(), *n)).collect();
            json!({"date": d.date.to_string(), "beds_occupied": d.beds_occupied, "rooms": rooms, "waiting": d.waiting})
        })
        .collect();
    let stays: Vec<Value> = year
        .stays
        .iter()
        .map(|s| {
            json!({
                "id": s.id().as_str(),
                "household": year.stay_households.get(s.id()).map(|h| h.as_str()),
                "kind": code_of(&s.person().kind),
                "check_in": s.check_in().to_string(),
                "check_out": s.check_out().map(|d| d.to_string()),
                "first_stay_this_year": s.first_stay_this_year(),
                "statistics_opt_out": s.statistics_opt_out(),
            })
        })
        .collect();
    let opted_out = year.stays.iter().filter(|s| s.statistics_opt_out()).count();
    let in_year = |date: NaiveDate| year.contains(date);
    let refusals: Vec<Value> = year
        .assessed
        .iter()
        .filter(|a| in_year(a.date) && a.final_outcome == FinalOutcome::NotOffered)
        .map(|a| {
            json!({
                "contact": a.contact,
                "date": a.date.to_string(),
                "role": sim::eligibility_role(a.role).as_str(),
                "recommendation": a.recommendation.as_str(),
                "residential_reasons": a.residential_reasons,
                "day": a.day.as_str(),
                "phone": PhoneOutcome::Offered.as_str(),
                "alternative_required": a.alternative_required,
                "alternative": a.alternative.as_ref().map(|(id, model)| json!({"id": id, "model": model.as_str()})),
                "gap": a.gap,
                "not_required": a.not_required,
                "referrals": a.referrals,
                "adaptations": a.adaptations,
            })
        })
        .collect();
    let decisions: Vec<Value> = year
        .assessed
        .iter()
        .filter(|a| in_year(a.date))
        .filter_map(|a| a.decision.as_ref().map(|d| (a, d)))
        .map(|(a, d)| {
            json!({
                "contact": a.contact,
                "date": a.date.to_string(),
                "recommendation": d.recommendation().as_str(),
                "final_outcome": d.final_outcome().as_str(),
                "decided_by": d.decided_by().as_str(),
                "justified": d.justification().is_some(),
            })
        })
        .collect();
    let households: Vec<Value> = year
        .households
        .iter()
        .filter(|h| {
            in_year(h.offered_on)
                || h.check_in.is_some_and(in_year)
                || h.check_out.is_some_and(in_year)
                || h.resident_on(year.from)
        })
        .map(|h| {
            json!({
                "id": h.id.as_str(),
                "people": h.size,
                "offered_on": h.offered_on.to_string(),
                "check_in": h.check_in.map(|d| d.to_string()),
                "check_out": h.check_out.filter(|d| *d <= year.to).map(|d| d.to_string()),
                "moves": h.moves,
                "referred": h.referred.as_ref().map(|(d, why)| json!({"date": d.to_string(), "reason": why})),
            })
        })
        .collect();
    let disclosures: Vec<Value> = year
        .disclosures
        .iter()
        .map(|d| {
            json!({
                "date": d.date.to_string(),
                "situation": d.situation.code(),
                "household": d.household.as_str(),
                "requester": d.requester.as_str(),
                "outcome": d.outcome.as_str(),
                "neither_confirm_nor_deny": d.neither_confirm_nor_deny,
                "recipients": d.recipients.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
                "information": d.information.iter().map(|i| i.as_str()).collect::<Vec<_>>(),
                "reasons": d.reasons,
                "steps": d.steps.iter().map(code_of).collect::<Vec<_>>(),
            })
        })
        .collect();
    let shares: Vec<Value> = ROMERIKE_OWNERS
        .iter()
        .map(|m| {
            json!({
                "municipality": m.municipality.to_string(),
                "name": m.name,
                "population": m.population,
                "nights": out.nights.get(&m.municipality).copied().unwrap_or(0),
                "share_ore": out.shares.get(&m.municipality).copied().unwrap_or(0),
            })
        })
        .collect();
    json!({
        "seed": seed,
        "year": year.year,
        "period": {"from": year.from.to_string(), "to": year.to.to_string()},
        "shelter": {
            "beds": year.inventory.total_beds(),
            "kennel_places": year.inventory.kennel_places(),
            "rooms": rooms,
            "policy": serde_json::to_value(year.policy).unwrap_or(Value::Null),
            "placement_notes": year.placement_notes,
        },
        "days": days,
        "stays_simulated": year.stays.len(),
        "opted_out": opted_out,
        "stays": stays,
        "households": households,
        "refusals": refusals,
        "individual_assessments": decisions,
        "disclosures": disclosures,
        "retention": {
            "as_of": year.to.to_string(),
            "policy_version": out.retention.policy,
            "records": year.records.len(),
            "kept": out.retention.kept,
            "deleted": out.retention.deleted,
            "held": out.retention.held,
            "deleted_by_rule": out.retention.by_rule,
            "certificates": out.retention.certificates,
            "consents_given": year.consents_given,
            "consents_withdrawn": year.consents_withdrawn,
            "holds_placed": year.holds_placed,
        },
        "costs": {"budget_ore": BUDGET_ORE, "key": "50% population, 50% nights", "shares": shares},
        "casework": out.cases.to_json(),
    })
}

fn summary(options: &Options, year: &Year, out: &Outputs) -> String {
    let mut s = String::new();
    let y = year.year;
    let _ = writeln!(s, "Romerike krisesenter, a simulated {y} (seed {})", options.seed);
    let rooms = year.inventory.rooms();
    let _ = writeln!(
        s,
        "{} rooms ({} screened), {} beds, {} kennel places; {}",
        rooms.len(),
        rooms.iter().filter(|r| r.screened()).count(),
        year.inventory.total_beds(),
        year.inventory.kennel_places(),
        if year.placement_notes.contains("integrated_departs_from_ksl_2") {
            "integrated trial\n(every placement notes that housing women and men together departs from krisesenterlova §2)"
        } else {
            "women and men in separate units"
        }
    );

    // The published report.
    text::published_summary(&mut s, y, &out.published, &owner_names());

    // Occupancy.
    let days = year.days.len().max(1);
    let total_beds: u64 = year.days.iter().map(|d| u64::from(d.beds_occupied)).sum();
    let peak = year.days.iter().max_by_key(|d| (d.beds_occupied, std::cmp::Reverse(d.date)));
    let ordinary: Vec<&krisesenter::core::RoomId> = rooms.iter().filter(|r| !r.screened()).map(|r| r.id()).collect();
    let full = year.days.iter().filter(|d| ordinary.iter().all(|r| d.rooms.get(*r).is_some_and(|n| *n > 0))).count();
    let room_nights: usize = year.days.iter().map(|d| d.rooms.values().filter(|n| **n > 0).count()).sum();
    let in_year = |d: NaiveDate| year.contains(d);
    let placed = year.households.iter().filter(|h| h.check_in.is_some_and(in_year)).count();
    let waited = year.households.iter().filter(|h| h.check_in.is_some_and(|i| in_year(i) && i > h.offered_on)).count();
    let referred: Vec<&str> = year
        .households
        .iter()
        .filter_map(|h| h.referred.as_ref().filter(|(d, _)| in_year(*d)).map(|(_, why)| why.as_str()))
        .collect();
    let moves: u32 = year.households.iter().map(|h| h.moves).sum();
    let still_waiting = year.days.last().map_or(0, |d| d.waiting);
    let _ = writeln!(s, "\nOccupancy (every night of {y}, all residents counted)");
    let mean_beds = total_beds as f64 / days as f64;
    let _ = writeln!(
        s,
        "  beds        {:.1} of {} in use on a mean night ({:.1} %), {} at the peak on {}",
        mean_beds,
        year.inventory.total_beds(),
        100.0 * mean_beds / f64::from(year.inventory.total_beds().max(1)),
        peak.map_or(0, |d| d.beds_occupied),
        peak.map_or_else(String::new, |d| d.date.to_string()),
    );
    let _ = writeln!(
        s,
        "              (every resident; the published share of beds above leaves out the nights of those who opted out)"
    );
    let _ = writeln!(
        s,
        "  rooms       {:.0} % of room-nights in use; all {} ordinary rooms taken on {} nights",
        100.0 * room_nights as f64 / (days * rooms.len().max(1)) as f64,
        ordinary.len(),
        full,
    );
    let _ = writeln!(
        s,
        "  households  {placed} placed ({waited} after waiting), {still_waiting} still waiting on {}",
        year.to
    );
    let idle = days.saturating_sub(year.allocations);
    let proof = match year.unproven {
        0 => "each proven optimal".to_owned(),
        n => format!("{n} without a proof within the solver's node budget"),
    };
    let _ = writeln!(
        s,
        "  placement   someone waited on {} days, placed by the exact solver ({proof}); nobody waited on the other {idle}; residents moved {moves} times",
        year.allocations
    );
    let prefix =
        format!("  referred    {} to another shelter (at most {} days' wait): ", referred.len(), sim::WAIT_LIMIT_DAYS);
    let _ = writeln!(s, "{}", wrapped(&prefix, &tally(referred.iter().copied())));

    // Refusals and what was offered instead.
    let assessed: Vec<&sim::Assessed> = year.assessed.iter().filter(|a| in_year(a.date)).collect();
    let victims = assessed.iter().filter(|a| a.role == Role::Victim).count();
    let refused: Vec<&&sim::Assessed> =
        assessed.iter().filter(|a| a.role == Role::Victim && a.final_outcome == FinalOutcome::NotOffered).collect();
    let others = assessed.len() - victims;
    let individual: Vec<&&sim::Assessed> =
        assessed.iter().filter(|a| a.recommendation == ResidentialOutcome::IndividualAssessment).collect();
    let _ = writeln!(
        s,
        "\nFirst contacts {}: {} exposed to violence, {} relatives and professionals (conversations, phone)",
        assessed.len(),
        victims,
        others
    );
    let _ = writeln!(s, "  adapted     {}", tally(assessed.iter().flat_map(|a| a.adaptations.iter().copied())));
    let _ = writeln!(
        s,
        "  individual assessments {} (health follow-up): staff offered {}, refused {}, each decision justified",
        individual.len(),
        individual.iter().filter(|a| a.final_outcome == FinalOutcome::Offered).count(),
        individual.iter().filter(|a| a.final_outcome == FinalOutcome::NotOffered).count(),
    );
    let _ = writeln!(
        s,
        "  refused a stay {}; all kept the phone and the day service ({})",
        refused.len(),
        tally(refused.iter().map(|a| if a.day == DayOutcome::Offered { "offered" } else { "individually assessed" }))
    );
    let why = tally(refused.iter().flat_map(|a| a.residential_reasons.iter().copied()).filter(|c| {
        !matches!(*c, "serious_mental_illness_tolerated" | "human_trafficking_victim" | "needs_health_follow_up")
    }));
    let _ = writeln!(s, "{}", wrapped("    why       ", &why));
    let alternatives: Vec<String> =
        refused.iter().filter_map(|a| a.alternative.as_ref().map(|(id, m)| format!("{id} ({})", m.as_str()))).collect();
    let prefix = format!("    instead   equal alternative {}: ", alternatives.len());
    let _ = writeln!(s, "{}", wrapped(&prefix, &tally(alternatives.iter().map(String::as_str))));
    let gaps: Vec<&str> = refused.iter().filter_map(|a| a.gap).collect();
    let _ = writeln!(s, "              gap, escalated by staff {}: {}", gaps.len(), tally(gaps.iter().copied()));
    let not_required: Vec<&str> = refused.iter().filter_map(|a| a.not_required).collect();
    let prefix = format!("              no alternative required {}: ", not_required.len());
    let _ = writeln!(s, "{}", wrapped(&prefix, &tally(not_required.iter().copied())));
    let referrals = tally(refused.iter().flat_map(|a| a.referrals.iter().copied()));
    let _ = writeln!(s, "{}", wrapped("    referred  ", &referrals));

    // Disclosures.
    let _ = writeln!(
        s,
        "\nDisclosures {}: {}",
        year.disclosures.len(),
        tally(year.disclosures.iter().map(|d| d.outcome.as_str()))
    );
    for d in &year.disclosures {
        let what: Vec<&str> = d.information.iter().map(|i| i.as_str()).collect();
        let to: Vec<&str> = d.recipients.iter().map(|p| p.as_str()).collect();
        let detail = match d.outcome {
            Outcome::Refuse if d.neither_confirm_nor_deny => "neither confirm nor deny".to_owned(),
            Outcome::Refuse => "nothing passes".to_owned(),
            _ => format!("{} to {}", what.join("+"), to.join("+")),
        };
        let _ = writeln!(s, "  {}  {:<40} {:<12} {detail}", d.date, d.situation.describe(), d.outcome.as_str());
    }

    // Retention.
    let r = &out.retention;
    let _ = writeln!(
        s,
        "\nRecords on {} ({} records, policy {}): kept {} · deleted {} · held {}",
        year.to,
        year.records.len(),
        r.policy,
        r.kept,
        r.deleted,
        r.held
    );
    let rules: Vec<String> = r.by_rule.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(s, "  deleted     {}, each with a disposal certificate", rules.join(" · "));
    let _ = writeln!(
        s,
        "  consents given {}, withdrawn {}; legal holds placed {}",
        year.consents_given, year.consents_withdrawn, year.holds_placed
    );

    // Casework.
    let c = &out.cases;
    let _ = writeln!(
        s,
        "\nThe stay and after ({} cases; {} stays ended in {y}): need clarified {} · home found {} · plan made {} · \
         settled safely with a plan and a coordinator {}",
        c.cases, c.ended, c.phase_1, c.phase_2, c.phase_3, c.goal_reached
    );
    let destinations: Vec<String> = c.destinations.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(s, "  destinations  {}", destinations.join(" · "));
    let _ = writeln!(
        s,
        "  nights only waiting for a new home {} of {} ({} households stayed past their planned day)",
        c.nights_waiting_for_home, c.nights, c.households_waiting_for_home
    );

    // Costs.
    let _ = writeln!(s, "\nOwners' shares of NOK {} (half by population, half by nights used)", nok(BUDGET_ORE));
    let _ =
        writeln!(s, "  {:<16}{:>11}{:>8}{:>14}{:>10}", "municipality", "population", "nights", "share NOK", "per inh.");
    let mut owners: Vec<_> = ROMERIKE_OWNERS.iter().collect();
    owners.sort_by_key(|m| std::cmp::Reverse(out.shares.get(&m.municipality).copied().unwrap_or(0)));
    for m in owners {
        let share = out.shares.get(&m.municipality).copied().unwrap_or(0);
        let _ = writeln!(
            s,
            "  {:<16}{:>11}{:>8}{:>14}{:>10.1}",
            m.name,
            m.population,
            out.nights.get(&m.municipality).copied().unwrap_or(0),
            nok(share),
            share as f64 / 100.0 / m.population.max(1) as f64
        );
    }
    let _ = writeln!(
        s,
        "\nWrote {}: report.json report.csv report.md occupancy.svg room-occupancy.svg stays-by-month.svg year.json casework.md",
        options.out.display()
    );
    s
}
