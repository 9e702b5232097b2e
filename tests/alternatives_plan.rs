//! alternatives-plan (issue 16), in process: its modules are compiled into this test with
//! `#[path]`, so the checks read the simulation's own records, not the printed tables.
//!
//! - Under every model and demand, the people refused a stay and owed an alternative are
//!   exactly those the demand brings, each given a place or a gap with a known code; the
//!   demand does not depend on the model.
//! - Each model's cost is shared to the øre.
//! - A model with no places gives the baseline (the same people, gaps and ordinary stay).
//! - The baseline's ordinary stay is romerike-year's.
//! - More places never serve fewer people (a property over generated scenarios).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

#[path = "../crates/sim/examples/romerike-year/arrivals.rs"]
#[allow(dead_code, unreachable_pub, reason = "romerike-year's generator, partly used")]
mod arrivals;
#[path = "../crates/sim/examples/alternatives-plan/plan.rs"]
#[allow(dead_code, reason = "the example's planner, partly used")]
mod plan;
#[path = "../crates/sim/examples/alternatives-plan/report.rs"]
#[allow(dead_code, reason = "the example's tables, partly used")]
mod report;
#[path = "../crates/sim/examples/alternatives-plan/scenario.rs"]
#[allow(dead_code, reason = "the example's scenario, partly used")]
mod scenario;
#[path = "../crates/sim/examples/romerike-year/sim.rs"]
#[allow(dead_code, reason = "romerike-year's day loop, partly used")]
mod sim;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::NaiveDate;
use krisesenter::eligibility::{AlternativeModel, FinalOutcome};
use proptest::prelude::*;
use serde_json::{Value, json};

use plan::{Factor, Got, NO_PLACE_IN_TIME, Outcome};
use scenario::{Model, Scenario};

const SEED: u64 = 2026;

fn romerike() -> Scenario {
    Scenario::from_json(scenario::ROMERIKE).unwrap()
}

/// The default scenario compared at the three demands, computed once for the tests.
fn all() -> &'static Vec<(Factor, Vec<Outcome>)> {
    static ALL: OnceLock<Vec<(Factor, Vec<Outcome>)>> = OnceLock::new();
    ALL.get_or_init(|| Factor::ALL.iter().map(|f| (*f, plan::compare(&romerike(), SEED, *f).unwrap())).collect())
}

/// The people of the year the demand brings, counted apart from the planner: every contact
/// inside the year that eligibility refuses a stay and owes an alternative.
fn demand_in_year(scenario: &Scenario, factor: Factor) -> usize {
    let from = NaiveDate::from_ymd_opt(scenario.year, 1, 1).unwrap();
    plan::contacts(scenario, SEED, factor)
        .unwrap()
        .iter()
        .filter(|c| c.date >= from && c.role == arrivals::Role::Victim)
        .map(|c| sim::assess(c, &[]).unwrap())
        .filter(|a| a.final_outcome == FinalOutcome::NotOffered && a.alternative_required)
        .count()
}

#[test]
fn refused_are_alternative_plus_gap_under_every_model() {
    let known: BTreeSet<&str> = ["no_alternatives_configured", "no_alternative_fits", NO_PLACE_IN_TIME].into();
    let mut per_factor = BTreeMap::new();
    for (factor, outcomes) in all() {
        let demand = demand_in_year(&romerike(), *factor);
        assert!(demand > 0);
        per_factor.insert(factor.value(), demand);
        for o in outcomes {
            assert_eq!(o.refused.len(), demand, "{} at {}", o.id, factor.label());
            let offered = o.refused.iter().filter(|r| matches!(r.got, Got::Place { .. })).count();
            let gaps: Vec<&str> =
                o.refused.iter().filter_map(|r| if let Got::Gap(code) = r.got { Some(code) } else { None }).collect();
            assert_eq!(offered + gaps.len(), demand);
            assert!(gaps.iter().all(|g| known.contains(g)), "{gaps:?}");
            // Today: nobody is offered anything, every gap says no alternative exists.
            if o.id == "none" {
                assert_eq!(offered, 0);
                assert!(gaps.iter().all(|g| *g == "no_alternatives_configured"));
            } else {
                assert!(!gaps.contains(&"no_alternatives_configured"));
            }
            // A place is used at most every night of the year.
            assert!(o.place_nights() <= u64::from(o.places) * 365);
            assert!(o.refused.iter().all(|r| match r.got {
                Got::Place { waited } => (0..=i64::from(romerike().wait_days)).contains(&waited),
                Got::Gap(_) => true,
            }));
        }
    }
    // The demand scales: ×2 doubles it exactly, ×0.5 halves it (rounded down).
    assert_eq!(per_factor["2"], 2 * per_factor["1"]);
    assert_eq!(per_factor["0.5"], per_factor["1"] / 2);
}

#[test]
fn shares_sum_to_the_total_cost_to_the_ore() {
    let scenario = romerike();
    for (_, outcomes) in all() {
        for o in outcomes {
            assert_eq!(o.shares.values().sum::<u64>(), o.cost_ore, "{}", o.id);
            assert_eq!(o.shares.len(), scenario.owners.members.len());
            let Some(m) = scenario.models.iter().find(|m| m.id.as_str() == o.id) else {
                assert_eq!(o.cost_ore, 0, "today costs nothing extra");
                continue;
            };
            let expected = (u64::from(m.places) * m.nok_per_place_year + o.place_nights() * m.nok_per_night) * 100;
            assert_eq!(o.cost_ore, expected, "{}", o.id);
        }
    }
}

fn gaps_by_gender(o: &Outcome) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in o.refused.iter().filter(|r| matches!(r.got, Got::Gap(_))) {
        *out.entry(format!("{:?}", r.gender)).or_insert(0) += 1;
    }
    out
}

#[test]
fn a_model_with_no_places_gives_the_baseline() {
    let scenario = romerike();
    let contacts = plan::contacts(&scenario, SEED, Factor::ONE).unwrap();
    let baseline = plan::run(&scenario, SEED, None, contacts.clone()).unwrap();
    for m in &scenario.models {
        let mut nobody = m.clone();
        nobody.places = 0;
        nobody.rooms.clear();
        let o = plan::run(&scenario, SEED, Some(&nobody), contacts.clone()).unwrap();
        assert_eq!(o.offered(), 0, "{}", m.id);
        assert_eq!(o.refused.len(), baseline.refused.len());
        assert_eq!(gaps_by_gender(&o), gaps_by_gender(&baseline));
        assert_eq!(o.ordinary, baseline.ordinary, "{}", m.id);
        assert_eq!((o.place_nights(), o.cost_ore), (0, 0));
        assert!(o.shares.values().all(|s| *s == 0));
    }
    // With its rooms, the internal unit takes from the ordinary stay.
    let internal = scenario.models.iter().find(|m| m.model == AlternativeModel::InternalUnit).unwrap();
    let o = plan::run(&scenario, SEED, Some(internal), contacts).unwrap();
    assert_eq!(o.ordinary.rooms, baseline.ordinary.rooms - internal.rooms.len());
    assert!(o.ordinary.beds < baseline.ordinary.beds);
}

#[test]
fn the_baseline_runs_romerike_years_day_loop() {
    let scenario = romerike();
    let baseline = &all().iter().find(|(f, _)| *f == Factor::ONE).unwrap().1[0];
    let year = sim::simulate(scenario.year, sim::Setup::romerike(scenario.year, SEED).unwrap(), &mut ()).unwrap();
    // romerike-year's alternatives change nothing for the ordinary stay.
    assert_eq!(baseline.ordinary, plan::ordinary(&year));
    // And its refusals owed an alternative are the baseline's.
    let owed = year.assessed.iter().filter(|a| year.contains(a.date) && plan::in_demand(a)).count();
    assert_eq!(baseline.refused.len(), owed);
}

#[test]
fn the_outputs_are_consistent_and_deterministic() {
    let text = |all: &[(Factor, Vec<Outcome>)]| {
        let mut csv = String::new();
        for (f, o) in all {
            report::comparison(*f, o).csv(&f.value(), &mut csv);
        }
        (csv, report::chart("t", all))
    };
    let (csv, svg) = text(all());
    let again: Vec<(Factor, Vec<Outcome>)> =
        Factor::ALL.iter().map(|f| (*f, plan::compare(&romerike(), SEED, *f).unwrap())).collect();
    assert_eq!(text(&again), (csv.clone(), svg.clone()));
    // Every row of the CSV has five fields; the SVG is well-formed with one bar pair per model
    // and demand.
    for line in csv.lines() {
        assert!(line.split(',').count() >= 5, "{line}");
    }
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let rects = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
    // Background, two legend boxes, two rects per bar.
    assert_eq!(rects, 3 + 2 * 3 * all()[0].1.len());
}

#[test]
fn the_committed_schema_is_the_scenarios_and_the_default_follows_it() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/sim/examples/alternatives-plan");
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("scenario.schema.json")).unwrap()).unwrap();
    let generated = serde_json::to_value(schemars::schema_for!(Scenario)).unwrap();
    assert_eq!(
        committed, generated,
        "run alternatives-plan --write-schema examples/alternatives-plan/scenario.schema.json"
    );
    let validator = jsonschema::validator_for(&committed).unwrap();
    let default: Value = serde_json::from_str(scenario::ROMERIKE).unwrap();
    assert!(validator.is_valid(&default));
    // What the reader refuses.
    let mut bad = Vec::new();
    for (pointer, value) in [
        ("/owners/population_as_of", json!("2023-4-01")),
        ("/year", json!(2025)),
        ("/models/0/rooms", json!(["r15"])),
        ("/models/0/rooms", json!(["r15", "r99"])),
        ("/models/1/rooms", json!(["r01"])),
        ("/models/0/accepts/genders", json!([])),
        ("/owners/population_percent", json!(101)),
        (
            "/demand",
            json!({"figures": [{"per_year": 3, "gender": "female", "children": 0,
            "active_substance_use": false, "serious_mental_illness": false}]}),
        ),
    ] {
        let mut v = default.clone();
        *v.pointer_mut(pointer).unwrap() = value;
        bad.push(v);
    }
    let mut extra = default.clone();
    extra["models"][0]["colour"] = json!("red");
    bad.push(extra);
    let mut twice = default.clone();
    twice["models"][1]["id"] = json!("internmodell");
    bad.push(twice);
    for v in bad {
        assert!(Scenario::from_json(&v.to_string()).is_err(), "{v}");
    }
}

fn figures_scenario(groups: &[(u16, &str, u8, bool, bool)], model: Value, wait: u8) -> Scenario {
    let mut v: Value = serde_json::from_str(scenario::ROMERIKE).unwrap();
    v["wait_days"] = json!(wait);
    v["demand"] = json!({"figures": groups.iter().map(|(n, g, c, sud, smi)| json!({
        "per_year": n, "gender": g, "children": c, "active_substance_use": sud, "serious_mental_illness": smi
    })).collect::<Vec<_>>()});
    v["models"] = json!([model]);
    Scenario::from_json(&v.to_string()).unwrap()
}

#[test]
fn given_figures_are_the_demand() {
    let model = json!({"id": "rusbolig", "name": "r", "model": "cooperation_housing",
        "accepts": {"genders": ["female"], "active_substance_use": true, "serious_mental_illness": false, "children": false},
        "places": 1, "rooms": [], "nok_per_place_year": 100, "nok_per_night": 1});
    let s = figures_scenario(
        &[(6, "female", 0, true, false), (4, "male", 0, true, true), (2, "female", 1, false, true)],
        model,
        2,
    );
    let o = plan::compare(&s, SEED, Factor::ONE).unwrap();
    for outcome in &o {
        assert_eq!(outcome.refused.len(), 12, "{}", outcome.id);
    }
    // Only the women in substance use without children fit: at most those 6 get a place.
    let model = &o[1];
    assert!((1..=6).contains(&model.offered()));
    let fits = model.refused.iter().filter(|r| r.got == Got::Gap("no_alternative_fits")).count();
    assert_eq!(fits, 6);
}

fn with_places(m: &Model, places: u16) -> Model {
    let mut m = m.clone();
    m.places = places;
    m.rooms.truncate(usize::from(places));
    m
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(6))]

    /// More places never serve fewer people: the same scenario with `extra` more places (an
    /// internal unit with more of the shelter's rooms) offers at least as many a place.
    #[test]
    fn more_places_never_serve_fewer(
        groups in proptest::collection::vec(
            (1u16..=12, prop_oneof![Just("female"), Just("male")], 0u8..=1, any::<bool>(), any::<bool>()), 1..=3),
        internal in any::<bool>(),
        genders in prop_oneof![Just(vec!["female"]), Just(vec!["male"]), Just(vec!["female", "male"])],
        sud in any::<bool>(),
        smi in any::<bool>(),
        children in any::<bool>(),
        places in 0u16..=2,
        extra in 1u16..=2,
        wait in 0u8..=3,
    ) {
        let groups: Vec<_> = groups.into_iter().map(|(n, g, c, a, b)| (n, g, c, a || !b, b)).collect();
        let rooms: Vec<String> = if internal { (0..places + extra).map(|i| format!("r{:02}", 16 - i)).collect() } else { vec![] };
        let model = json!({"id": "m", "name": "m",
            "model": if internal { "internal_unit" } else { "specialised_centre" },
            "accepts": {"genders": genders, "active_substance_use": sud, "serious_mental_illness": smi, "children": children},
            "places": places + extra, "rooms": rooms, "nok_per_place_year": 1000, "nok_per_night": 10});
        let s = figures_scenario(&groups, model, wait);
        let contacts = plan::contacts(&s, SEED, Factor::ONE).unwrap();
        let more = &s.models[0];
        let fewer = with_places(more, places);
        let a = plan::run(&s, SEED, Some(&fewer), contacts.clone()).unwrap();
        let b = plan::run(&s, SEED, Some(more), contacts).unwrap();
        prop_assert_eq!(a.refused.len(), b.refused.len());
        prop_assert!(b.offered() >= a.offered(), "{} places served {}, {} served {}", places, a.offered(), places + extra, b.offered());
    }
}
