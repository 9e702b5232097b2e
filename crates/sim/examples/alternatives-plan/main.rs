//! `alternatives-plan`: the equal alternative planned (issue 16). Which model serves the
//! owner municipalities, at what cost?
//!
//! ```text
//! cargo run --release --example alternatives-plan -- [--scenario FILE] [--seed N] [--out DIR]
//!                                                    [--write-schema FILE]
//! ```
//!
//! For a scenario (default: `romerike.json` beside this file, its assumptions in
//! `romerike.md`) it simulates the year with romerike-year's day loop once without any
//! alternative (today's baseline) and once under each model: eligibility chooses the
//! alternative for everyone refused a stay, the model's places are counted day by day (first
//! come, first served, a gap after the scenario's wait), an internal unit's rooms leave the
//! ordinary stay's inventory, and the stats crate shares each model's cost by the IKS key. The
//! comparison is made at the year's demand and at demand 50 % lower and 100 % higher.
//!
//! It prints the tables on standard output and writes to DIR (default
//! `target/alternatives-plan`): `comparison.md`, `comparison.csv` and `comparison.svg`. The
//! same scenario and seed give the same files, byte for byte.
#![forbid(unsafe_code)]

#[path = "../romerike-year/arrivals.rs"]
#[allow(dead_code, reason = "romerike-year's generator: this example uses part of it")]
mod arrivals;
mod plan;
mod report;
mod scenario;
#[path = "../romerike-year/sim.rs"]
#[allow(dead_code, reason = "romerike-year's day loop: this example uses the loop, not the year's records")]
mod sim;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::plan::{Factor, Outcome};
use crate::scenario::Scenario;
use crate::sim::BoxError;

const USAGE: &str = "usage: alternatives-plan [--scenario FILE] [--seed N] [--out DIR] [--write-schema FILE]";

struct Options {
    scenario: Option<PathBuf>,
    seed: u64,
    out: PathBuf,
    write_schema: Option<PathBuf>,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut o =
        Options { scenario: None, seed: 2026, out: PathBuf::from("target/alternatives-plan"), write_schema: None };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--scenario" => o.scenario = Some(PathBuf::from(value()?)),
            "--seed" => o.seed = value()?.parse().map_err(|_| "--seed takes a whole number".to_owned())?,
            "--out" => o.out = PathBuf::from(value()?),
            "--write-schema" => o.write_schema = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(o)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match options(&args) {
        Ok(o) => o,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("alternatives-plan: {message}");
            }
            eprintln!("{USAGE}");
            return if message.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(2) };
        }
    };
    match run(&options) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("alternatives-plan: {err}");
            ExitCode::from(1)
        }
    }
}

/// The JSON Schema of a scenario, as committed in `scenario.schema.json`.
fn schema() -> Result<String, BoxError> {
    Ok(serde_json::to_string_pretty(&schemars::schema_for!(Scenario))? + "\n")
}

fn run(options: &Options) -> Result<String, BoxError> {
    if let Some(path) = &options.write_schema {
        std::fs::write(path, schema()?).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        return Ok(format!("Wrote {}\n", path.display()));
    }
    let text = match &options.scenario {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?,
        None => scenario::ROMERIKE.to_owned(),
    };
    let scenario = Scenario::from_json(&text)?;
    let all = plan_all(&scenario, options.seed)?;
    let files = Files::new(&scenario, options.seed, &all);
    write_files(&options.out, &files)?;
    Ok(format!("{}\nWrote {}: comparison.md comparison.csv comparison.svg\n", files.text, options.out.display()))
}

/// The comparison at demand ×0.5, ×1 and ×2.
pub(crate) fn plan_all(scenario: &Scenario, seed: u64) -> Result<Vec<(Factor, Vec<Outcome>)>, BoxError> {
    Factor::ALL.iter().map(|f| Ok((*f, plan::compare(scenario, seed, *f)?))).collect()
}

/// The three outputs, as text.
struct Files {
    text: String,
    markdown: String,
    csv: String,
    svg: String,
}

impl Files {
    fn new(scenario: &Scenario, seed: u64, all: &[(Factor, Vec<Outcome>)]) -> Self {
        let head = format!("{} {} (seed {seed})", scenario.title, scenario.year);
        let mut text = format!("{head}\n\n");
        let mut markdown = format!(
            "# {head}\n\nSimulated with romerike-year's day loop. Which alternative fits is the eligibility \
             crate's; cost shares are the stats crate's. Costs, places and who each model accepts are \
             the scenario's assumptions.\n\n"
        );
        let mut csv = String::from("demand,table,row,column,value\n");
        let mut tables = Vec::new();
        if let Some((factor, outcomes)) = all.iter().find(|(f, _)| *f == Factor::ONE) {
            tables.push((factor.value(), report::models(outcomes, scenario)));
            tables.push((factor.value(), report::comparison(*factor, outcomes)));
            tables.push((factor.value(), report::shares(scenario, outcomes)));
        }
        tables.push(("all".to_owned(), report::sensitivity(all)));
        for (factor, outcomes) in all.iter().filter(|(f, _)| *f != Factor::ONE) {
            tables.push((factor.value(), report::comparison(*factor, outcomes)));
        }
        for (i, (demand, table)) in tables.iter().enumerate() {
            // The terminal shows the year as given, the shares and the sensitivity.
            if i < 4 {
                text.push_str(&table.text());
                text.push('\n');
            }
            markdown.push_str(&table.markdown());
            markdown.push('\n');
            table.csv(demand, &mut csv);
        }
        let svg = report::chart(&format!("Equal alternative offered or gap, {head}"), all);
        Self { text, markdown, csv, svg }
    }
}

fn write_files(dir: &Path, files: &Files) -> Result<(), BoxError> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for (name, text) in
        [("comparison.md", &files.markdown), ("comparison.csv", &files.csv), ("comparison.svg", &files.svg)]
    {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}
