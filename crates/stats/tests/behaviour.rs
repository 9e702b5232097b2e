//! Named behaviours of krisesenter-stats that mutation testing found unpinned (issue 19):
//! each test's doc comment names the mutant it kills.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests fail loudly")]

use chrono::NaiveDate;
use krisesenter_core::{Age, Gender, PersonKind};
use krisesenter_stats::StayId;
use krisesenter_stats::{
    Aggregate, DEFAULT_THRESHOLD, MergeError, Period, PublishInput, Report, Stay, StayPerson, publish,
};
use serde_json::{Value, json};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, m, day).unwrap()
}

fn person(kind: PersonKind, gender: Gender, municipality: &str) -> StayPerson {
    let age = if kind == PersonKind::Adult { 35 } else { 7 };
    StayPerson::new(kind, gender, Age::try_new(age).unwrap(), municipality.parse().unwrap())
}

fn stay(id: &str, who: StayPerson, check_in: NaiveDate, check_out: Option<NaiveDate>) -> Stay {
    Stay::try_new(StayId::try_new(id).unwrap(), who, check_in, check_out).unwrap()
}

/// `n` open stays (still staying at the year's end) of adults of `gender` (or children).
fn open_stays(prefix: &str, n: usize, kind: PersonKind, gender: Gender) -> Vec<Stay> {
    (0..n).map(|i| stay(&format!("{prefix}{i}"), person(kind, gender, "3205"), d(12, 1), None)).collect()
}

fn year() -> Period {
    Period::year(2025).unwrap()
}

/// A report as JSON, edited, and read back (a hand-built report as a caller could send it).
fn edited(report: &Report, edit: impl FnOnce(&mut Value)) -> Report {
    let mut json = serde_json::to_value(report).unwrap();
    edit(&mut json);
    serde_json::from_value(json).unwrap()
}

fn codes(notes: &[krisesenter_core::Reason]) -> Vec<&str> {
    notes.iter().map(|n| n.code().as_str()).collect()
}

/// Zero beds give an occupancy rate of 0, not NaN or infinity (an empty aggregate is the
/// identity of merging, so it has no beds). Kills `capacity > 0.0` mutated to `>=` in
/// `Aggregate::report`.
#[test]
fn zero_beds_give_occupancy_zero() {
    let none = Aggregate::empty(year()).report();
    assert_eq!(none.occupancy_rate().to_bits(), 0.0f64.to_bits());
    let nights = Aggregate::from_records(year(), 0, &open_stays("w", 1, PersonKind::Adult, Gender::Female), []);
    let report = nights.report();
    assert_eq!(report.nights().total(), 31);
    assert_eq!(report.occupancy_rate().to_bits(), 0.0f64.to_bits());
}

/// `nights_by_municipality` lists only municipalities whose residents used nights: a stay in
/// and out on the same day counts as a stay of its municipality but gives it no entry here.
/// Kills `e.2 > 0` mutated to `>=` (and the filter removed) in `nights_by_municipality`.
#[test]
fn nights_by_municipality_lists_only_municipalities_with_nights() {
    let stays = [
        stay("a", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 1))),
        stay("b", person(PersonKind::Adult, Gender::Female, "3209"), d(3, 1), Some(d(3, 4))),
    ];
    let aggregate = Aggregate::from_records(year(), 62, &stays, []);
    assert_eq!(aggregate.report().municipalities().len(), 2);
    let nights = aggregate.nights_by_municipality();
    assert_eq!(nights.into_iter().map(|(m, n)| (m.to_string(), n)).collect::<Vec<_>>(), [("3209".to_owned(), 3)]);
}

/// An aggregate from its wire form with one municipality's stays and nights set.
fn with_home(stays: u64, nights: u64) -> Aggregate {
    let mut wire = serde_json::to_value(Aggregate::empty(year())).unwrap();
    wire["municipalities"] = json!({"3205": {"stays": stays, "nights": nights}});
    serde_json::from_value(wire).unwrap()
}

/// The beds an aggregate is for are the ones it was given (the occupancy rate divides by
/// them). Kills `Aggregate::beds` replaced by `0` or `1`.
#[test]
fn an_aggregate_keeps_its_beds() {
    assert_eq!(Aggregate::empty(year()).with_beds(62).beds(), 62);
    assert_eq!(Aggregate::empty(year()).beds(), 0);
}

/// A length of stay listed with a zero count in an aggregate's wire form counts nothing: the
/// aggregate equals the one without it and its wire form lists no zero count, for a short
/// stay and for one past the dense table (5,000 days). Kills `count > 0` mutated to `>=` in
/// `Aggregate::try_from`.
#[test]
fn a_zero_count_of_a_length_of_stay_is_not_kept() {
    let read = |lengths: Value| {
        let mut wire = serde_json::to_value(Aggregate::empty(year())).unwrap();
        wire["lengths_of_stay"] = lengths;
        serde_json::from_value::<Aggregate>(wire).unwrap()
    };
    let with_zeros = read(json!({"3": 0, "4": 2, "5000": 0}));
    let without = read(json!({"4": 2}));
    assert_eq!(with_zeros, without);
    assert_eq!(with_zeros.lengths_of_stay().into_iter().collect::<Vec<_>>(), [(4, 2)]);
    assert_eq!(serde_json::to_value(&with_zeros).unwrap()["lengths_of_stay"], json!({"4": 2}));
}

/// Merging aggregates whose stays or nights of one municipality would pass `u64::MAX` is
/// `MergeError::Overflow`, never a saturated count. Kills `MunicipalityCounts::get` replaced
/// by `(0, 0)` or `(1, 1)` and the overflow checks of `MunicipalityCounts::merge` removed.
#[test]
fn merging_municipality_counts_that_overflow_fails() {
    assert_eq!(with_home(u64::MAX, 0).merge(&with_home(1, 0)), Err(MergeError::Overflow));
    assert_eq!(with_home(1, u64::MAX).merge(&with_home(1, 1)), Err(MergeError::Overflow));
    let merged = with_home(3, 4).merge(&with_home(5, 6)).unwrap();
    assert_eq!(merged, with_home(8, 10));
    assert_eq!(merged.nights_by_municipality().into_values().collect::<Vec<_>>(), [10]);
}

/// 20 women, 2 men and 3 adults of another gender, all first stays, still staying: the two
/// small cells of each group sum to exactly the threshold (5).
fn exactly_the_threshold() -> Report {
    let mut stays = open_stays("w", 20, PersonKind::Adult, Gender::Female);
    stays.extend(open_stays("m", 2, PersonKind::Adult, Gender::Male));
    stays.extend(open_stays("o", 3, PersonKind::Adult, Gender::Other));
    Aggregate::from_records(year(), 62, &stays, []).report()
}

/// Hidden parts of a group that sum to exactly the threshold are not a small count, so they
/// trigger no further suppression: only the primary cells are hidden, and no note of
/// secondary suppression. Kills `hidden_sum < threshold` mutated to `<=` in `next_to_hide`.
#[test]
fn hidden_parts_summing_to_the_threshold_hide_nothing_more() {
    let published = publish(&PublishInput::new(exactly_the_threshold(), 5)).unwrap();
    assert_eq!(
        published.suppressed(),
        ["stays.adults.male", "stays.adults.other", "residents.adults.male", "residents.adults.other"]
    );
    assert_eq!(published.figures().stays().adults().female(), Some(20));
    assert_eq!(codes(published.figures().notes()), ["small_cell_suppressed"]);
    // One below the threshold (a sum of 5 at threshold 6) is a small count: more is hidden.
    let stricter = publish(&PublishInput::new(exactly_the_threshold(), 6)).unwrap();
    assert!(stricter.suppressed().len() > 4, "{:?}", stricter.suppressed());
    assert_eq!(codes(stricter.figures().notes()), ["small_cell_suppressed", "secondary_suppression"]);
}

/// A report whose `mean_days` alone disagrees with `completed` (or whose `median_days` alone
/// does) was not made by `report` and is refused. Kills `||` mutated to `&&` in `publish`'s
/// check of the length of stay.
#[test]
fn a_mean_or_median_without_completed_stays_is_refused() {
    let empty = Aggregate::empty(year()).with_beds(62).report();
    let mean_only = edited(&empty, |j| j["length_of_stay"]["mean_days"] = json!(3.0));
    assert!(matches!(
        publish(&PublishInput::new(mean_only, 5)),
        Err(krisesenter_stats::PublishError::Inconsistent { group: "length_of_stay" })
    ));
    let median_only = edited(&empty, |j| j["length_of_stay"]["median_days"] = json!(3.0));
    assert!(publish(&PublishInput::new(median_only, 5)).is_err());
    assert!(publish(&PublishInput::new(empty.clone(), 5)).is_ok());
}

/// The notes of a publication: `opted_out_of_statistics` exactly when a stay was left out,
/// `small_cell_suppressed` exactly when a count was hidden as small. Kills
/// `excluded_opt_out > 0` mutated to `>=` or `==` and `!primary.is_empty()` with the `!`
/// removed in `publish`.
#[test]
fn publication_notes_appear_when_they_should() {
    let big = |n| open_stays("w", n, PersonKind::Adult, Gender::Female);
    let clean = Aggregate::from_records(year(), 62, &big(30), []).report();
    assert!(publish(&PublishInput::new(clean, 5)).unwrap().figures().notes().is_empty());
    let mut stays = big(30);
    stays
        .push(stay("x", person(PersonKind::Adult, Gender::Male, "3205"), d(12, 1), None).with_statistics_opt_out(true));
    let opted = Aggregate::from_records(year(), 62, &stays, []).report();
    let published = publish(&PublishInput::new(opted, 5)).unwrap();
    assert_eq!(codes(published.figures().notes()), ["opted_out_of_statistics", "small_cell_suppressed"]);
    assert_eq!(published.suppressed(), ["excluded_opt_out"]);
    let small = publish(&PublishInput::new(exactly_the_threshold(), 5)).unwrap();
    assert_eq!(codes(small.figures().notes()), ["small_cell_suppressed"]);
}

/// A hidden occupancy rate, median or mean prints as `:` (hidden), not `.` (cannot be
/// given), in the rows, the CSV and the Markdown (until this test they printed `.`: the
/// rendering looked them up among the hidden counts, where they never are). Kills the guard
/// `base.is_none()` replaced by `false` in the rendering of real figures.
#[test]
fn hidden_rates_print_as_hidden() {
    let one = [stay("a", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 3)))];
    let report = Aggregate::from_records(year(), 62, &one, []).report();
    let published = publish(&PublishInput::new(report.clone(), 5)).unwrap();
    let rows: std::collections::BTreeMap<String, String> = published.rows().into_iter().collect();
    for path in ["occupancy_rate", "length_of_stay.median_days", "length_of_stay.mean_days"] {
        assert_eq!(rows[path], ":", "{path}");
    }
    assert!(published.to_csv().contains("length_of_stay.mean_days,:\n"));
    assert!(published.to_markdown().contains("| occupancy_rate | : |"));
    // With no completed stays at all, the median and mean cannot be given.
    let none = publish(&PublishInput::new(Aggregate::empty(year()).with_beds(62).report(), 5)).unwrap();
    let rows: std::collections::BTreeMap<String, String> = none.rows().into_iter().collect();
    assert_eq!((rows["length_of_stay.median_days"].as_str(), rows["occupancy_rate"].as_str()), (".", "0.000"));
}

/// A publish input names its threshold (the contract lists it as required); one below 2 is
/// refused while reading. Publishing at 5 hides counts from 1 to 4.
#[test]
fn the_threshold_is_required_and_at_least_two() {
    let report = exactly_the_threshold();
    assert!(serde_json::from_value::<PublishInput>(json!({"report": report})).is_err());
    assert!(serde_json::from_value::<PublishInput>(json!({"report": report, "threshold": 1})).is_err());
    let input: PublishInput = serde_json::from_value(json!({"report": report, "threshold": 5})).unwrap();
    assert_eq!(input.threshold, DEFAULT_THRESHOLD);
    assert_eq!(publish(&input).unwrap().threshold(), 5);
    assert_eq!(publish(&PublishInput::new(exactly_the_threshold(), 3)).unwrap().threshold(), 3);
    assert_eq!(publish(&input).unwrap(), publish(&PublishInput::new(report.clone(), 5)).unwrap());
}

/// A report whose complete group does not add up (a total one more than its parts) was not
/// made by `report` and is refused, naming the group; one whose parts exceed a total with a
/// residual is refused too. Kills the guard `l != r` replaced by `false` in `Table::build`.
#[test]
fn a_report_that_does_not_add_up_is_refused() {
    let report = exactly_the_threshold();
    let forged = edited(&report, |j| j["stays"]["total"] = json!(26));
    assert_eq!(
        publish(&PublishInput::new(forged, 5)),
        Err(krisesenter_stats::PublishError::Inconsistent { group: "stays" })
    );
    let too_many = edited(&report, |j| j["repeat_stays"] = json!(26));
    assert_eq!(
        publish(&PublishInput::new(too_many, 5)),
        Err(krisesenter_stats::PublishError::Inconsistent { group: "repeat_stays" })
    );
}

/// An aggregate with the lengths of stay `lengths` (days → count) from its wire form.
fn with_lengths(lengths: Value) -> Aggregate {
    let mut wire = serde_json::to_value(Aggregate::empty(year())).unwrap();
    wire["lengths_of_stay"] = lengths;
    serde_json::from_value(wire).unwrap()
}

/// Lengths of stay of 4096 days and more (beyond the dense histogram) count, merge, travel
/// and give the median like short ones; a stay of 4095 days stays in the dense part. Kills
/// mutants of `Aggregate::add_length` (the bound `d < DENSE_LENGTHS`, the resize of the
/// dense part) and of the merge of long lengths.
#[test]
fn very_long_stays_count_like_short_ones() {
    let woman = person(PersonKind::Adult, Gender::Female, "3205");
    let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    let long = stay("l", woman, day(2012, 1, 1), Some(d(3, 1)));
    let dense_edge = stay("e", woman, day(2013, 12, 14), Some(d(3, 1)));
    let sparse_edge = stay("f", woman, day(2013, 12, 13), Some(d(3, 1)));
    let short = stay("s", woman, d(3, 1), Some(d(3, 5)));
    let a = Aggregate::from_records(year(), 62, [&long], []);
    assert_eq!(a.lengths_of_stay().into_iter().collect::<Vec<_>>(), [(4808, 1)]);
    let edges = Aggregate::from_records(year(), 62, [&dense_edge, &sparse_edge, &short], []);
    assert_eq!(edges.lengths_of_stay().into_iter().collect::<Vec<_>>(), [(4, 1), (4095, 1), (4096, 1)]);
    let merged = a.merge(&a).unwrap().merge(&edges).unwrap();
    assert_eq!(merged.lengths_of_stay().into_iter().collect::<Vec<_>>(), [(4, 1), (4095, 1), (4096, 1), (4808, 2)]);
    assert_eq!(merged, Aggregate::from_records(year(), 186, [&long, &long, &dense_edge, &sparse_edge, &short], []));
    let report = merged.report();
    assert_eq!(report.length_of_stay().median_days(), Some(4096.0));
    assert_eq!(report.length_of_stay().buckets().days_91_plus(), 4);
    let travelled: Aggregate = serde_json::from_str(&serde_json::to_string(&merged).unwrap()).unwrap();
    assert_eq!(travelled, merged);
}

/// Merging lengths of stay whose counts would pass `u64::MAX` is `MergeError::Overflow`, in
/// the dense part and in the sparse part. Kills the overflow checks of `add_slices` and of
/// the long lengths in `Aggregate::merge` removed.
#[test]
fn merging_lengths_that_overflow_fails() {
    for days in ["4", "5000"] {
        let full = with_lengths(json!({days: u64::MAX}));
        let one = with_lengths(json!({days: 1}));
        assert_eq!(full.merge(&one), Err(MergeError::Overflow), "{days}");
        assert_eq!(one.merge(&one).unwrap(), with_lengths(json!({days: 2})));
    }
}

/// A key that divides by a total of zero is refused, and only that key: by population with
/// no inhabitants, by nights with no night used; the other key over the same members is
/// divided. Kills `pop_w > 0` mutated to `==`, `<` or `>=`, and `night_w > 0` mutated to `<`,
/// in `share_costs`.
#[test]
fn a_cost_key_refuses_only_a_total_of_zero_it_divides_by() {
    use krisesenter_stats::{CostKey, CostShareError, OwnerMunicipality, share_costs};
    use std::collections::BTreeMap;
    let m = |n: &str| n.parse::<krisesenter_stats::Municipality>().unwrap();
    let nobody = [OwnerMunicipality::new(m("3205"), "a", 0), OwnerMunicipality::new(m("3209"), "b", 0)];
    let nights = BTreeMap::from([(m("3205"), 3), (m("3209"), 1)]);
    assert_eq!(
        share_costs(400, &nobody, CostKey::Population, &nights),
        Err(CostShareError::NothingToDivideBy { key: "population" })
    );
    let by_nights = share_costs(400, &nobody, CostKey::Nights, &nights).unwrap();
    assert_eq!(by_nights.into_iter().collect::<Vec<_>>(), [(m("3205"), 300), (m("3209"), 100)]);

    let people = [OwnerMunicipality::new(m("3205"), "a", 1), OwnerMunicipality::new(m("3209"), "b", 3)];
    assert_eq!(
        share_costs(400, &people, CostKey::Nights, &BTreeMap::new()),
        Err(CostShareError::NothingToDivideBy { key: "nights" })
    );
    let by_people = share_costs(400, &people, CostKey::Population, &BTreeMap::new()).unwrap();
    assert_eq!(by_people.into_iter().collect::<Vec<_>>(), [(m("3205"), 100), (m("3209"), 300)]);
}

/// A report notes `opted_out_of_statistics` only when a stay was left out for an opt-out.
/// Kills `excluded_opt_out > 0` mutated to `>=` in `Aggregate::report`.
#[test]
fn a_report_notes_opt_outs_only_when_there_are_some() {
    use krisesenter_stats::{ReportInput, report};
    let kept = stay("s1", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 5)));
    let plain = report(&ReportInput::new(year(), 10, vec![kept.clone()], vec![])).unwrap();
    assert!(codes(plain.notes()).is_empty());
    let out = stay("s2", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 5)))
        .with_statistics_opt_out(true);
    let noted = report(&ReportInput::new(year(), 10, vec![kept, out], vec![])).unwrap();
    assert_eq!(codes(noted.notes()), ["opted_out_of_statistics"]);
}

/// A stay's JSON, with `check_in`, `check_out` and `person.municipality` replaced.
fn stay_json(check_in: Value, check_out: Value, municipality: Value) -> Value {
    json!({"id": "s1", "person": {"kind": "adult", "gender": "female", "age": 34, "municipality": municipality},
           "check_in": check_in, "check_out": check_out, "first_stay_this_year": true,
           "violence_types": ["physical"], "relation": "former_partner", "after_stay": "new_home",
           "previous_stays": 0})
}

/// The dates of a stay are read as written, a year of five digits is refused, and a date or
/// municipality of the wrong type names the form expected. Kills the digit arithmetic of
/// `wire_date::digits` (`+`/`*`/`-` swapped, `Some(0)`), the guard `y.len() == 4` of
/// `wire_date::fast` replaced by `true` or `!=`, and the `expecting` texts of the date and the
/// municipality replaced by an empty one.
#[test]
fn dates_and_municipalities_are_read_as_written() {
    let read = |v: Value| serde_json::from_value::<Stay>(v);
    let s = read(stay_json(json!("2025-01-03"), json!("2025-12-31"), json!("0301"))).unwrap();
    assert_eq!((s.check_in(), s.check_out()), (d(1, 3), Some(d(12, 31))));
    assert_eq!(s.person().municipality.number(), 301);
    assert!(read(stay_json(json!("12025-01-03"), Value::Null, json!("0301"))).is_err());
    let err = read(stay_json(json!(5), Value::Null, json!("0301"))).unwrap_err().to_string();
    assert!(err.contains("a date written YYYY-MM-DD"), "{err}");
    let err = read(stay_json(json!("2025-01-03"), json!(5), json!("0301"))).unwrap_err().to_string();
    assert!(err.contains("a date written YYYY-MM-DD"), "{err}");
    let err = read(stay_json(json!("2025-01-03"), Value::Null, json!(301))).unwrap_err().to_string();
    assert!(err.contains("a municipality number of four digits"), "{err}");
}

/// A stay keeps the relation and the after-stay category it was given. Kills `Stay::relation`
/// and `Stay::after_stay` replaced by `None`.
#[test]
fn a_stay_keeps_its_relation_and_after_stay() {
    let s = serde_json::from_value::<Stay>(stay_json(json!("2025-01-03"), Value::Null, json!("3205"))).unwrap();
    assert_eq!(s.relation(), Some(krisesenter_stats::Relation::FormerPartner));
    assert_eq!(s.after_stay(), Some(krisesenter_stats::AfterStay::NewHome));
}

/// The schema of a stay names its municipality and its violence types as the contract always
/// has (`Municipality`, four digits; `ViolenceTypes`, a list). Kills the `schema_name` and
/// `json_schema` mutants of both schema impls.
#[test]
fn a_stays_schema_names_municipality_and_violence_types() {
    let schema = serde_json::to_value(schemars::schema_for!(Stay)).unwrap();
    assert_eq!(schema["$defs"]["Municipality"], json!({"type": "string", "pattern": "^[0-9]{4}$"}));
    assert_eq!(schema["$defs"]["ViolenceTypes"]["type"], json!("array"));
    assert_eq!(schema["properties"]["violence_types"]["$ref"], json!("#/$defs/ViolenceTypes"));
}

/// `report` refuses a shelter without beds and two stays with one id, naming both positions.
/// Kills `ReportInput::validate` replaced by `Ok(())` and `==` mutated to `!=` in its
/// duplicate check.
#[test]
fn a_report_refuses_no_beds_and_a_repeated_stay() {
    use krisesenter_stats::{ReportError, ReportInput, report};
    let one = stay("s1", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 5)));
    let other = stay("s2", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 5)));
    assert_eq!(report(&ReportInput::new(year(), 0, vec![one.clone()], vec![])), Err(ReportError::NoBeds));
    let twice = ReportInput::new(year(), 10, vec![one.clone(), other.clone(), one.clone()], vec![]);
    assert!(matches!(report(&twice), Err(ReportError::DuplicateStay { first: 0, second: 2, .. })));
    assert!(report(&ReportInput::new(year(), 10, vec![one, other], vec![])).is_ok());
}

/// A stay of a trillion days (a made-up figure in an aggregate's wire form) is kept in the
/// sparse part and reported, not spread over a dense table of a trillion slots. Kills the
/// guard `d < DENSE_LENGTHS` of `Aggregate::add_length` replaced by `true` or mutated to `>`
/// (either would try to allocate terabytes).
#[test]
fn a_very_long_stay_is_kept_sparse() {
    let mut wire = serde_json::to_value(Aggregate::empty(year())).unwrap();
    wire["lengths_of_stay"] = json!({"3": 1, "1000000000000": 1});
    let aggregate: Aggregate = serde_json::from_value(wire).unwrap();
    assert_eq!(aggregate.lengths_of_stay().into_iter().collect::<Vec<_>>(), [(3, 1), (1_000_000_000_000, 1)]);
    assert_eq!(aggregate.report().length_of_stay().completed(), 2);
}

/// The schema of a report limits the keys of its maps to the vocabulary, as the reader does:
/// violence types, relations and after-stay categories. Kills `keyed_by` replaced by the
/// default schema.
#[test]
fn a_reports_maps_are_keyed_by_their_vocabulary() {
    let schema = serde_json::to_value(schemars::schema_for!(Report)).unwrap();
    for (map, keys) in [("violence_types", "ViolenceType"), ("relations", "Relation"), ("after_stay", "AfterStay")] {
        let property = &schema["properties"][map];
        assert_eq!(property["propertyNames"]["$ref"], json!(format!("#/$defs/{keys}")), "{map}: {property}");
        assert_eq!(property["type"], json!("object"), "{map}");
    }
}

/// Reading a report or published figures refuses a negative occupancy rate and a length of
/// stay beyond the dates the contract can hold, and keeps what it reads. Kills
/// `RateValue::rate` replaced by `None` or a constant (for `f64` and `Option<f64>`), the guard
/// `value < 0.0` of `non_negative_rate` replaced by `false`, and the range guard of
/// `nullable_days` replaced by `false`.
#[test]
fn reading_refuses_a_negative_rate_and_an_impossible_length() {
    use krisesenter_stats::{PublishedFigures, ReportInput, report};
    let one = stay("s1", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 5)));
    let made = report(&ReportInput::new(year(), 10, vec![one], vec![])).unwrap();
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut v = serde_json::to_value(&made).unwrap();
        edit(&mut v);
        v
    };
    let back: Report = serde_json::from_value(with(&|_| {})).unwrap();
    assert_eq!(back.occupancy_rate(), made.occupancy_rate());
    assert!(serde_json::from_value::<Report>(with(&|v| v["occupancy_rate"] = json!(-1.0))).is_err());
    assert!(serde_json::from_value::<Report>(with(&|v| v["length_of_stay"]["mean_days"] = json!(1e308))).is_err());
    assert!(serde_json::from_value::<Report>(with(&|v| v["length_of_stay"]["median_days"] = json!(-2.0))).is_err());

    let published: PublishedFigures = serde_json::from_value(with(&|_| {})).unwrap();
    assert_eq!(published.occupancy_rate(), Some(made.occupancy_rate()));
    assert!(serde_json::from_value::<PublishedFigures>(with(&|v| v["occupancy_rate"] = json!(-0.5))).is_err());
    let hidden: PublishedFigures = serde_json::from_value(with(&|v| v["occupancy_rate"] = Value::Null)).unwrap();
    assert_eq!(hidden.occupancy_rate(), None);
}

/// The least threshold is 2: read from JSON, 2 is kept and 1 refused. Kills `threshold < 2`
/// mutated to `<=` in `threshold_at_least_two`.
#[test]
fn the_least_threshold_is_two() {
    use krisesenter_stats::{ReportInput, report};
    let one = stay("s1", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 5)));
    let made = report(&ReportInput::new(year(), 10, vec![one], vec![])).unwrap();
    let input = |threshold: u64| json!({"report": serde_json::to_value(&made).unwrap(), "threshold": threshold});
    let two: PublishInput = serde_json::from_value(input(2)).unwrap();
    assert_eq!(publish(&two).unwrap().threshold(), 2);
    assert!(serde_json::from_value::<PublishInput>(input(1)).is_err());
}

/// `publish` refuses derived figures no report can hold, naming the figure: an occupancy rate
/// of 0 with nights, above 0 without any, or above what one bed allows; a median outside the
/// buckets of the completed stays or not a whole or half day; a mean outside them. A report as
/// `report` makes it is published. Kills `derived_figures_possible` replaced by `Ok(())` and
/// the mutants of its bound on the rate (`/` and `*` swapped), its `||` made `&&`, the filled
/// buckets (`>` to `>=`), the range test (`&&` made `||`) and the median's half-day test.
#[test]
fn publish_refuses_derived_figures_no_report_can_hold() {
    use krisesenter_stats::{PublishError, ReportInput, report};
    // Four nights at ten beds in 2025: a rate of 4 / 3650.
    let one = stay("s1", person(PersonKind::Adult, Gender::Female, "3205"), d(3, 1), Some(d(3, 5)));
    let made = report(&ReportInput::new(year(), 10, vec![one], vec![])).unwrap();
    let edited = |edit: &dyn Fn(&mut Value)| {
        let mut v = serde_json::to_value(&made).unwrap();
        edit(&mut v);
        publish(&PublishInput::new(serde_json::from_value::<Report>(v).unwrap(), 2))
    };
    assert!(edited(&|_| {}).is_ok());
    let refused = |edit: &dyn Fn(&mut Value)| match edited(edit) {
        Err(PublishError::Impossible { figure }) => figure,
        other => panic!("expected an impossible figure, got {other:?}"),
    };
    assert_eq!(refused(&|v| v["occupancy_rate"] = json!(0.0)), "occupancy_rate");
    // One bed all year gives at most 4 / 365: twice that is impossible at any number of beds.
    assert_eq!(refused(&|v| v["occupancy_rate"] = json!(8.0 / 365.0)), "occupancy_rate");
    assert!(edited(&|v| v["occupancy_rate"] = json!(4.0 / 365.0)).is_ok());
    assert_eq!(
        refused(&|v| {
            v["nights"] = json!({"total": 0, "adults": 0, "children": 0});
            v["occupancy_rate"] = json!(0.001);
        }),
        "occupancy_rate"
    );
    // The one completed stay is 4 days long (the 1-7 bucket).
    assert_eq!(refused(&|v| v["length_of_stay"]["median_days"] = json!(12.0)), "length_of_stay.median_days");
    assert_eq!(refused(&|v| v["length_of_stay"]["median_days"] = json!(4.25)), "length_of_stay.median_days");
    assert!(edited(&|v| v["length_of_stay"]["median_days"] = json!(4.5)).is_ok());
    assert_eq!(refused(&|v| v["length_of_stay"]["mean_days"] = json!(7.5)), "length_of_stay.mean_days");
    assert!(edited(&|v| v["length_of_stay"]["mean_days"] = json!(7.0)).is_ok());
}
