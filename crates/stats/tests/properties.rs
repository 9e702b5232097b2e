//! The invariants of krisesenter-stats (docs/invariants.md, section stats), as properties.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use krisesenter_stats::{
    Aggregate, AggregatedInput, CostKey, Municipality, OwnerMunicipality, Period, PublishInput, ROMERIKE_OWNERS,
    Report, ReportInput, Stay, publish, share_costs,
};
use krisesenter_testkit::stats::{
    ShelterYearSpec, day_contacts_around, period, report, report_input, shelter_year, stays_in,
};
use proptest::prelude::*;
use serde_json::Value;

/// A deliberately simple model of the counting rules of docs/contract.md `report`, day by day.
#[derive(Debug, Default, PartialEq)]
struct Model {
    stays: [u64; 5],
    residents: [u64; 5],
    excluded: u64,
    nights: [u64; 2],
    lengths: Vec<u64>,
    violence: BTreeMap<String, u64>,
    relations: BTreeMap<String, u64>,
    municipalities: BTreeMap<String, u64>,
    after: BTreeMap<String, u64>,
    repeat: u64,
}

fn model(input: &ReportInput) -> Model {
    let (from, to) = (input.period.from(), input.period.to());
    let mut m = Model::default();
    for s in &input.stays {
        if s.check_in() > to || s.check_out().is_some_and(|out| out < from) {
            continue;
        }
        if s.statistics_opt_out() {
            m.excluded += 1;
            continue;
        }
        let p = s.person();
        let adult = p.kind == krisesenter_core::PersonKind::Adult;
        let slot = if adult { krisesenter_core::Gender::ALL.iter().position(|g| *g == p.gender).unwrap() } else { 4 };
        m.stays[slot] += 1;
        if s.first_stay_this_year() {
            m.residents[slot] += 1;
        }
        let mut day = from;
        while day <= to {
            if s.check_in() <= day && s.check_out().is_none_or(|out| day < out) {
                m.nights[usize::from(!adult)] += 1;
            }
            day = day.succ_opt().unwrap();
        }
        if let Some(out) = s.check_out().filter(|out| from <= *out && *out <= to) {
            m.lengths.push(((out - s.check_in()).num_days() as u64).max(1));
        }
        *m.municipalities.entry(p.municipality.to_string()).or_default() += 1;
        if adult {
            for v in s.violence_types().iter() {
                *m.violence.entry(v.to_string()).or_default() += 1;
            }
            if let Some(r) = s.relation() {
                *m.relations.entry(r.to_string()).or_default() += 1;
            }
            if let Some(a) = s.after_stay() {
                *m.after.entry(a.as_str().to_owned()).or_default() += 1;
            }
            if s.previous_stays() > 0 {
                m.repeat += 1;
            }
        }
    }
    m.lengths.sort_unstable();
    m
}

fn model_median(lengths: &[u64]) -> Option<f64> {
    let n = lengths.len();
    if n == 0 {
        return None;
    }
    Some((lengths[(n - 1) / 2] as f64 + lengths[n / 2] as f64) / 2.0)
}

fn aggregate_of(period: Period, beds: u64, stays: &[Stay]) -> Aggregate {
    Aggregate::from_records(period, beds, stays, [])
}

/// Reads a figure by its dotted path from published or raw JSON.
fn at<'a>(json: &'a Value, path: &str) -> &'a Value {
    path.split('.').fold(json, |v, key| v.get(key).unwrap_or(&Value::Null))
}

/// The additive groups of docs/contract.md `report`, written here independently of the crate:
/// (total paths, part paths, whether the parts may fall short of the total).
fn groups(raw: &Value) -> Vec<(Vec<String>, Vec<String>, bool)> {
    let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
    let keys = |map: &str| -> Vec<String> {
        raw[map].as_object().map(|o| o.keys().map(|k| format!("{map}.{k}")).collect()).unwrap_or_default()
    };
    let adults = s(&["stays.adults.female", "stays.adults.male", "stays.adults.other", "stays.adults.unknown"]);
    let mut g = vec![];
    for p in ["stays", "residents"] {
        let parts = ["adults.female", "adults.male", "adults.other", "adults.unknown", "children"];
        g.push((vec![format!("{p}.total")], parts.iter().map(|x| format!("{p}.{x}")).collect(), false));
    }
    for c in ["adults.female", "adults.male", "adults.other", "adults.unknown", "children"] {
        g.push((vec![format!("stays.{c}")], vec![format!("residents.{c}")], true));
    }
    g.push((s(&["nights.total"]), s(&["nights.adults", "nights.children"]), false));
    g.push((
        s(&["length_of_stay.completed"]),
        s(&[
            "length_of_stay.buckets.1-7",
            "length_of_stay.buckets.8-30",
            "length_of_stay.buckets.31-90",
            "length_of_stay.buckets.91+",
        ]),
        false,
    ));
    g.push((s(&["stays.total"]), s(&["length_of_stay.completed"]), true));
    g.push((s(&["stays.total"]), keys("municipalities"), false));
    g.push((adults.clone(), keys("relations"), true));
    g.push((adults.clone(), keys("after_stay"), true));
    g.push((adults, s(&["repeat_stays"]), true));
    g.push((
        s(&["day_contacts.total"]),
        s(&["day_contacts.in_person", "day_contacts.phone", "day_contacts.outreach"]),
        false,
    ));
    g.push((s(&["day_contacts.total"]), s(&["day_contacts.with_interpreter"]), true));
    g
}

/// Rank of a matrix by Gaussian elimination in floating point (the entries are small integers).
fn rank(mut rows: Vec<Vec<f64>>) -> usize {
    let cols = rows.first().map_or(0, Vec::len);
    let mut r = 0;
    for c in 0..cols {
        let Some(p) = (r..rows.len()).max_by(|a, b| rows[*a][c].abs().total_cmp(&rows[*b][c].abs())) else { break };
        if rows[p][c].abs() < 1e-9 {
            continue;
        }
        rows.swap(r, p);
        for i in 0..rows.len() {
            if i != r {
                let f = rows[i][c] / rows[r][c];
                let pivot = rows[r].clone();
                for (x, p) in rows[i].iter_mut().zip(&pivot) {
                    *x -= f * p;
                }
            }
        }
        r += 1;
    }
    r
}

/// The hidden cells an outsider could recompute exactly from the published figures: a hidden
/// cell x_h is determined iff removing its column from the equations (restricted to the
/// unknowns) lowers the rank.
fn recoverable(raw: &Value, published: &Value) -> Vec<String> {
    let mut unknowns: Vec<String> = vec![];
    let mut equations: Vec<Vec<(String, f64)>> = vec![];
    for (i, (lhs, rhs, residual)) in groups(raw).into_iter().enumerate() {
        let mut eq: Vec<(String, f64)> =
            lhs.iter().map(|p| (p.clone(), 1.0)).chain(rhs.iter().map(|p| (p.clone(), -1.0))).collect();
        if residual {
            let total: u64 = lhs.iter().map(|p| at(raw, p).as_u64().unwrap()).sum();
            let parts: u64 = rhs.iter().map(|p| at(raw, p).as_u64().unwrap()).sum();
            if total > parts {
                let name = format!("residual{i}");
                unknowns.push(name.clone());
                eq.push((name, -1.0));
            }
        }
        for (p, _) in &eq {
            if at(published, p).is_null() && !p.starts_with("residual") && !unknowns.contains(p) {
                unknowns.push(p.clone());
            }
        }
        equations.push(eq);
    }
    let matrix = |skip: Option<&str>| -> Vec<Vec<f64>> {
        equations
            .iter()
            .map(|eq| {
                unknowns
                    .iter()
                    .filter(|u| Some(u.as_str()) != skip)
                    .map(|u| eq.iter().filter(|(p, _)| p == u).map(|(_, c)| *c).sum())
                    .collect()
            })
            .collect()
    };
    let full = rank(matrix(None));
    unknowns
        .iter()
        .filter(|u| !u.starts_with("residual"))
        .filter(|u| rank(matrix(Some(u.as_str()))) < full)
        .cloned()
        .collect()
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(64))]

    /// stats-1: merge is associative and commutative, and the empty aggregate is its identity.
    #[test]
    fn merge_is_a_commutative_monoid(
        (p, a, b, c) in period().prop_flat_map(|p| (Just(p), stays_in(p, 0..15), stays_in(p, 0..15), stays_in(p, 0..15))),
        beds in (0u64..40, 0u64..40, 0u64..40),
    ) {
        let (a, b, c) = (aggregate_of(p, beds.0, &a), aggregate_of(p, beds.1, &b), aggregate_of(p, beds.2, &c));
        prop_assert_eq!(a.merge(&b).unwrap(), b.merge(&a).unwrap());
        prop_assert_eq!(a.merge(&b).unwrap().merge(&c).unwrap(), a.merge(&b.merge(&c).unwrap()).unwrap());
        prop_assert_eq!(&a.merge(&Aggregate::empty(p)).unwrap(), &a);
        prop_assert_eq!(&Aggregate::empty(p).merge(&a).unwrap(), &a);
    }

    /// stats-2: the report of a union of disjoint record sets equals the report of the merge.
    #[test]
    fn union_of_disjoint_sets_is_the_merge(
        (p, stays, contacts, split) in period().prop_flat_map(|p| (Just(p), stays_in(p, 0..40), day_contacts_around(p, 0..20), 0usize..40)),
        beds in (1u64..40, 1u64..40),
    ) {
        let cut = split.min(stays.len());
        let cut_c = split.min(contacts.len());
        let whole = Aggregate::from_records(p, beds.0 + beds.1, &stays, &contacts);
        let left = Aggregate::from_records(p, beds.0, &stays[..cut], &contacts[..cut_c]);
        let right = Aggregate::from_records(p, beds.1, &stays[cut..], &contacts[cut_c..]);
        let merged = left.merge(&right).unwrap();
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(merged.report(), whole.report());
    }

    /// stats-3: the report agrees with a day-by-day model of the contract's counting rules.
    #[test]
    fn report_matches_the_model(input in report_input()) {
        let report = krisesenter_stats::report(&input).unwrap();
        let m = model(&input);
        let st = &report.stays();
        prop_assert_eq!([st.adults().female(), st.adults().male(), st.adults().other(), st.adults().unknown(), st.children()], m.stays);
        prop_assert_eq!(st.total(), m.stays.iter().sum::<u64>());
        let r = &report.residents();
        prop_assert_eq!([r.adults().female(), r.adults().male(), r.adults().other(), r.adults().unknown(), r.children()], m.residents);
        prop_assert_eq!(report.excluded_opt_out(), m.excluded);
        prop_assert_eq!([report.nights().adults(), report.nights().children()], m.nights);
        let los = &report.length_of_stay();
        prop_assert_eq!(los.completed(), m.lengths.len() as u64);
        prop_assert_eq!(los.median_days(), model_median(&m.lengths));
        let buckets = [
            m.lengths.iter().filter(|l| **l <= 7).count(),
            m.lengths.iter().filter(|l| (8..=30).contains(*l)).count(),
            m.lengths.iter().filter(|l| (31..=90).contains(*l)).count(),
            m.lengths.iter().filter(|l| **l > 90).count(),
        ].map(|n| n as u64);
        let b = &los.buckets();
        prop_assert_eq!([b.days_1_7(), b.days_8_30(), b.days_31_90(), b.days_91_plus()], buckets);
        let json = serde_json::to_value(&report).unwrap();
        let map = |k: &str| -> BTreeMap<String, u64> {
            json[k].as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_u64().unwrap())).collect()
        };
        prop_assert_eq!(map("violence_types"), m.violence);
        prop_assert_eq!(map("relations"), m.relations);
        prop_assert_eq!(map("municipalities"), m.municipalities);
        prop_assert_eq!(map("after_stay"), m.after);
        prop_assert_eq!(report.repeat_stays(), m.repeat);
        let expected_rate = (m.nights[0] + m.nights[1]) as f64 / (input.beds as f64 * input.period.days() as f64);
        prop_assert!((report.occupancy_rate() - expected_rate).abs() < 1e-12);
        let inside = input.day_contacts.iter().filter(|c| input.period.contains(c.date)).count() as u64;
        prop_assert_eq!(report.day_contacts().total(), inside);
    }

    /// stats-4: no count from 1 to threshold-1 is ever published; zeros stay zero; every hidden
    /// figure is null and listed in `suppressed`, and every published count is the report's.
    #[test]
    fn no_small_count_is_published(report in report(), threshold in 2u64..8) {
        let published = publish(&PublishInput::new(report.clone(), threshold)).unwrap();
        let raw = serde_json::to_value(&report).unwrap();
        let out = serde_json::to_value(&published).unwrap();
        for (path, value) in krisesenter_stats::cells(&report) {
            let shown = at(&out, &path);
            if value == 0 {
                prop_assert_eq!(shown.as_u64(), Some(0), "{} is zero and must stay zero", path);
            } else if value < threshold {
                prop_assert!(shown.is_null(), "{} = {} published at threshold {}", path, value, threshold);
            }
            prop_assert_eq!(shown.is_null(), published.suppressed().contains(&path), "{}", path);
            if let Some(v) = shown.as_u64() {
                prop_assert_eq!(Some(v), at(&raw, &path).as_u64());
            }
        }
        // A rate, median or mean is hidden exactly with its count, and otherwise the report's.
        let f = published.figures();
        let rate = f.nights().total().map(|_| report.occupancy_rate());
        prop_assert_eq!(f.occupancy_rate(), rate);
        let (los, raw) = (f.length_of_stay(), report.length_of_stay());
        let shown = los.completed().is_some();
        prop_assert_eq!(los.median_days(), raw.median_days().filter(|_| shown));
        prop_assert_eq!(los.mean_days(), raw.mean_days().filter(|_| shown));
    }

    /// stats-5: no hidden cell can be recomputed exactly from the published figures through
    /// the additive groups (checked by an independent rank test).
    #[test]
    fn no_hidden_cell_is_recoverable(report in report(), threshold in 2u64..8) {
        let published = publish(&PublishInput::new(report.clone(), threshold)).unwrap();
        let raw = serde_json::to_value(&report).unwrap();
        let out = serde_json::to_value(&published).unwrap();
        let exposed = recoverable(&raw, &out);
        prop_assert!(exposed.is_empty(), "recoverable: {:?}; suppressed: {:?}", exposed, published.suppressed());
    }

    /// stats-6: cost shares always sum to the budget exactly, and each is within one øre of its
    /// exact proportional share.
    #[test]
    fn cost_shares_sum_to_the_budget(
        budget in 0u64..=u64::MAX / 2,
        populations in proptest::collection::vec(0u64..2_000_000, 1..15),
        nights in proptest::collection::vec(0u64..100_000, 15),
        percent in 0u8..=100,
    ) {
        let members: Vec<OwnerMunicipality> = populations
            .iter()
            .enumerate()
            .map(|(i, p)| OwnerMunicipality::new(Municipality::try_from_number(3200 + i as u16).unwrap(), "m", *p))
            .collect();
        let night_map: BTreeMap<Municipality, u64> = members.iter().zip(&nights).map(|(m, n)| (m.municipality, *n)).collect();
        let key = CostKey::Weighted { population_percent: percent };
        match share_costs(budget, &members, key, &night_map) {
            Ok(shares) => {
                prop_assert_eq!(shares.values().map(|v| u128::from(*v)).sum::<u128>(), u128::from(budget));
                let total_p: f64 = populations.iter().sum::<u64>() as f64;
                let total_n: f64 = members.iter().map(|m| night_map[&m.municipality]).sum::<u64>() as f64;
                for m in &members {
                    let w = f64::from(percent) / 100.0;
                    let exact = budget as f64
                        * (if w > 0.0 { w * m.population as f64 / total_p } else { 0.0 }
                            + if w < 1.0 { (1.0 - w) * night_map[&m.municipality] as f64 / total_n } else { 0.0 });
                    let got = shares[&m.municipality] as f64;
                    prop_assert!((got - exact).abs() <= 1.0 + exact * 1e-9, "{} vs {}", got, exact);
                }
            }
            Err(_) => {
                // Only when a key with weight sums to zero.
                let zero_pop = populations.iter().all(|p| *p == 0) && percent > 0;
                let zero_nights = nights.iter().take(members.len()).all(|n| *n == 0) && percent < 100;
                prop_assert!(zero_pop || zero_nights);
            }
        }
    }

    /// stats-7: the generator is deterministic per seed and gives the spec's counts.
    #[test]
    fn generator_is_deterministic_and_shaped(seed in any::<u64>(), stays in 0u64..400) {
        let spec = ShelterYearSpec::scaled(stays, 2026);
        let year = shelter_year(&spec, seed).unwrap();
        prop_assert_eq!(&year, &shelter_year(&spec, seed).unwrap());
        prop_assert_eq!(year.stays.len() as u64, stays);
        let report = krisesenter_stats::report(&year.report_input()).unwrap();
        prop_assert_eq!(report.stays().total() + report.excluded_opt_out(), stays);
        prop_assert!(year.stays.iter().all(|s| year.period.contains(s.check_in())));
    }

    /// stats-8: records, inputs and aggregates survive a JSON round trip (aggregates are
    /// what travels between shelters), and a travelled aggregate still merges the same.
    #[test]
    fn report_input_and_aggregate_round_trip(input in report_input()) {
        let json = serde_json::to_string(&input).unwrap();
        let back: ReportInput = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &input);
        let aggregate = input.aggregate().unwrap();
        let travelled: Aggregate = serde_json::from_str(&serde_json::to_string(&aggregate).unwrap()).unwrap();
        prop_assert_eq!(&travelled, &aggregate);
        prop_assert_eq!(travelled.merge(&aggregate).unwrap().report(), aggregate.merge(&aggregate).unwrap().report());
    }
}

#[test]
fn romerike_2025_is_shaped_like_the_real_year() {
    let year = shelter_year(&ShelterYearSpec::romerike_2025(), 2025).unwrap();
    let report: Report = krisesenter_stats::report(&year.report_input()).unwrap();
    assert_eq!(report.stays().total(), 287);
    assert_eq!(
        (report.stays().adults().female(), report.stays().adults().male(), report.stays().children()),
        (136, 22, 129)
    );
    let mean = report.length_of_stay().mean_days().unwrap();
    assert!((15.0..40.0).contains(&mean), "mean length {mean}");
    assert_eq!(report.excluded_opt_out(), 0);
    // Owners are most of the municipalities.
    let owners: u64 = ROMERIKE_OWNERS.iter().filter_map(|m| report.municipalities().get(&m.municipality)).sum();
    assert!(owners * 10 >= report.stays().total() * 8);
    // And the published year keeps the large figures.
    let published = publish(&PublishInput::new(report.clone(), 5)).unwrap();
    assert_eq!(published.figures().stays().total(), Some(287));
    assert_eq!(published.figures().stays().adults().female(), Some(136));
}

#[test]
fn merge_refuses_different_periods() {
    let a = Aggregate::empty(Period::year(2025).unwrap());
    let b = Aggregate::empty(
        Period::try_new(NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 6, 30).unwrap())
            .unwrap(),
    );
    assert!(a.merge(&b).is_err());
}

/// Every numeric leaf of a JSON value, by its path of keys.
fn numeric_leaves(value: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                path.push(k.clone());
                numeric_leaves(v, path, out);
                path.pop();
            }
        }
        Value::Number(_) => out.push(path.clone()),
        _ => {}
    }
}

fn leaf_mut<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, k| &mut v[k.as_str()])
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(32))]

    /// stats-9: two different aggregates are unequal: adding one to any single count of the
    /// wire form (beds, every count, every length, every municipality's stays and nights)
    /// gives an aggregate that is not `==` to the original, while the unchanged round trip
    /// is. Without it the monoid laws (stats-1, stats-2) could not fail. Kills
    /// `Aggregate::eq -> true` and `Aggregate::eq -> false`.
    #[test]
    fn different_aggregates_are_unequal(input in report_input()) {
        let aggregate = input.aggregate().unwrap();
        let wire = serde_json::to_value(&aggregate).unwrap();
        prop_assert_eq!(&serde_json::from_value::<Aggregate>(wire.clone()).unwrap(), &aggregate);
        let mut leaves = Vec::new();
        numeric_leaves(&wire, &mut Vec::new(), &mut leaves);
        prop_assert!(leaves.len() >= 14, "every fixed count is a leaf: {:?}", leaves);
        for leaf in leaves {
            let mut changed = wire.clone();
            let slot = leaf_mut(&mut changed, &leaf);
            *slot = Value::from(slot.as_u64().unwrap() + 1);
            let other: Aggregate = serde_json::from_value(changed).unwrap();
            prop_assert!(other != aggregate, "{:?} changed, still equal", leaf);
        }
    }

    /// stats-10: the wire form of an aggregate lists only non-zero counts in its maps (lengths,
    /// violence types, relations, destinations) and only municipalities with stays. Kills
    /// `> 0` mutated to `>=` in `nonzero_map` and `lengths_of_stay`.
    #[test]
    fn aggregate_wire_lists_only_non_zero_counts(input in report_input()) {
        let wire = serde_json::to_value(input.aggregate().unwrap()).unwrap();
        for map in ["lengths_of_stay", "violence_types", "relations", "after_stay"] {
            for (k, v) in wire[map].as_object().unwrap() {
                prop_assert!(v.as_u64().unwrap() > 0, "{}.{} is zero", map, k);
            }
        }
        for (k, v) in wire["municipalities"].as_object().unwrap() {
            prop_assert!(v["stays"].as_u64().unwrap() > 0, "municipalities.{} has no stays", k);
        }
    }
}

/// Every figure of a contract document by path: numbers and nulls, outside `period`, `notes`
/// and the publication's own fields.
fn figure_paths(json: &Value) -> std::collections::BTreeSet<String> {
    fn walk(value: &Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    let sub = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                    if !["period", "notes", "suppressed", "threshold"].contains(&sub.as_str()) {
                        walk(v, &sub, out);
                    }
                }
            }
            Value::Number(_) | Value::Null => {
                out.insert(path.to_owned());
            }
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(json, "", &mut out);
    out
}

const DERIVED: [&str; 3] = ["occupancy_rate", "length_of_stay.median_days", "length_of_stay.mean_days"];

proptest! {
    #![proptest_config(krisesenter_testkit::config(32))]

    /// stats-11: the figures are listed once and every use covers all of them: every figure of
    /// the report's JSON is a cell that suppression works on (or a rate, median or mean hidden
    /// with its count), every figure of the published JSON is rendered in `rows` (CSV and
    /// Markdown), in the same order, and every path of an additive group is a cell (a
    /// misspelt path would silently drop out of an equation).
    #[test]
    fn every_figure_is_covered(report in report(), threshold in 2u64..8) {
        let cells: Vec<String> = krisesenter_stats::cells(&report).into_iter().map(|(p, _)| p).collect();
        let mut covered: std::collections::BTreeSet<String> = cells.iter().cloned().collect();
        prop_assert_eq!(covered.len(), cells.len(), "a cell listed twice");
        covered.extend(DERIVED.iter().map(|p| (*p).to_owned()));
        prop_assert_eq!(&figure_paths(&serde_json::to_value(&report).unwrap()), &covered);

        let published = publish(&PublishInput::new(report.clone(), threshold)).unwrap();
        let rows: Vec<String> = published.rows().into_iter().map(|(p, _)| p).collect();
        prop_assert_eq!(&rows[..2], ["period.from", "period.to"]);
        let rendered: std::collections::BTreeSet<String> = rows[2..].iter().cloned().collect();
        prop_assert_eq!(&figure_paths(&serde_json::to_value(&published).unwrap()), &rendered);
        prop_assert_eq!(rendered, covered);
        let counts: Vec<&String> = rows[2..].iter().filter(|p| !DERIVED.contains(&p.as_str())).collect();
        prop_assert_eq!(counts, cells.iter().collect::<Vec<_>>(), "rows and cells in one order");
        for path in published.suppressed() {
            prop_assert!(cells.contains(path), "{} is not a cell", path);
        }

        for group in krisesenter_stats::additive_groups(&report) {
            for path in group.lhs.iter().chain(&group.rhs) {
                prop_assert!(cells.contains(path), "group {}: {} is not a cell", group.name, path);
            }
        }
    }
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(64))]

    /// stats-20: a report input read as it arrives, by the byte-level reader (compact JSON)
    /// or through serde (the same document indented, or with the period after the records),
    /// counts to the same aggregate as the input read whole, and its report is `report`'s.
    #[test]
    fn counting_readers_agree_with_the_input_read_whole(input in report_input()) {
        let compact = serde_json::to_vec(&input).unwrap();
        let whole = input.aggregate();
        let scanned = AggregatedInput::scan(&compact);
        prop_assert!(scanned.is_some(), "the compact form is the plain form");
        let scanned = scanned.unwrap();
        prop_assert_eq!(scanned.report(), krisesenter_stats::report(&input));
        prop_assert_eq!(scanned.clone().aggregate(), whole.clone());
        prop_assert_eq!(AggregatedInput::scan_in_two(&compact), Some(scanned.clone()));
        let pretty = serde_json::to_vec_pretty(&input).unwrap();
        prop_assert_eq!(AggregatedInput::scan(&pretty), Some(scanned.clone()));
        prop_assert_eq!(AggregatedInput::scan_in_two(&pretty), Some(scanned.clone()));
        prop_assert_eq!(serde_json::from_slice::<AggregatedInput>(&pretty).unwrap(), scanned);
        // serde_json's `Value` sorts the keys: the period after `day_contacts`; the byte-level
        // reader leaves that to serde's, which keeps the records until the period comes.
        let sorted = serde_json::to_vec(&serde_json::to_value(&input).unwrap()).unwrap();
        prop_assert!(AggregatedInput::scan(&sorted).is_none());
        prop_assert!(AggregatedInput::scan_in_two(&sorted).is_none());
        prop_assert_eq!(serde_json::from_slice::<AggregatedInput>(&sorted).unwrap().aggregate(), whole);
    }
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(256))]

    /// stats-21: read by two threads, a document gives what one thread's reading gives, for
    /// every document: generated inputs with a byte changed, inserted or removed anywhere (a
    /// stay turned into a day contact, a brace in a string, a record cut short at the split),
    /// so that the second thread's reading is used only when the first arrives at its record.
    #[test]
    fn two_threads_read_as_one((input, edits) in (report_input(), proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, proptest::sample::select(EDIT_BYTES.to_vec())), 0..3))) {
        let mut json = serde_json::to_vec(&input).unwrap();
        for (at, how, byte) in edits {
            let at = at.index(json.len() + 1);
            match how {
                0 if at < json.len() => json[at] = byte,
                1 => json.insert(at, byte),
                _ if at < json.len() => drop(json.remove(at)),
                _ => {}
            }
        }
        prop_assert_eq!(AggregatedInput::scan_in_two(&json), AggregatedInput::scan(&json));
    }
}

/// Bytes that matter to the split: braces, quotes, commas, brackets, white space, and the
/// letters of the keys it looks for.
const EDIT_BYTES: &[u8] = b"{}[]\",: \n\"idat0";
