//! The `report` command of the CLI contract (docs/contract.md `report`): exact field names and
//! values on worked examples, and the error kind and path of bad input.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use krisesenter::cli::{self, CliError, ErrorKind, run};
use krisesenter::stats::{AggregatedInput, ReportInput};
use krisesenter_testkit::stats::report_input;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Value, json};

fn stay(id: &str, kind: &str, gender: &str, age: u8, check_in: &str, check_out: Option<&str>) -> Value {
    json!({"id": id, "person": {"kind": kind, "gender": gender, "age": age, "municipality": "3205"},
           "check_in": check_in, "check_out": check_out, "first_stay_this_year": true,
           "violence_types": ["physical", "psychological"], "relation": "former_partner",
           "after_stay": if check_out.is_some() { json!("new_home") } else { Value::Null },
           "previous_stays": 0})
}

fn report(input: &Value) -> Value {
    serde_json::from_str(&run("report", input.to_string().as_bytes()).unwrap()).unwrap()
}

#[test]
fn worked_example_of_a_january() {
    let input = json!({
        "period": {"from": "2025-01-01", "to": "2025-01-31"},
        "beds": 10,
        "stays": [
            // 4 nights in the period (1-4 January), 16 days in all, completed.
            stay("a", "adult", "female", 34, "2024-12-20", Some("2025-01-05")),
            // Open: runs to the end of the period, 4 nights.
            stay("b", "adult", "male", 41, "2025-01-28", None),
            // A child with the first: 4 nights, completed.
            stay("c", "child", "female", 6, "2024-12-20", Some("2025-01-05")),
            // Ended before the period: not counted.
            stay("d", "adult", "female", 50, "2024-11-01", Some("2024-12-31")),
        ],
        "day_contacts": [
            {"date": "2025-01-10", "mode": "in_person", "interpreter": true},
            {"date": "2025-01-11", "mode": "phone", "interpreter": false},
            {"date": "2025-02-01", "mode": "outreach", "interpreter": false}
        ]
    });
    let out = report(&input);
    assert_eq!(out["period"], json!({"from": "2025-01-01", "to": "2025-01-31"}));
    assert_eq!(
        out["stays"],
        json!({"total": 3, "adults": {"female": 1, "male": 1, "other": 0, "unknown": 0}, "children": 1})
    );
    assert_eq!(out["residents"], out["stays"]);
    assert_eq!(out["excluded_opt_out"], 0);
    assert_eq!(out["nights"], json!({"total": 12, "adults": 8, "children": 4}));
    assert_eq!(out["occupancy_rate"].as_f64().unwrap(), 12.0 / 310.0);
    assert_eq!(
        out["length_of_stay"],
        json!({"completed": 2, "median_days": 16.0, "mean_days": 16.0,
               "buckets": {"1-7": 0, "8-30": 2, "31-90": 0, "91+": 0}})
    );
    assert_eq!(out["violence_types"], json!({"physical": 2, "psychological": 2}));
    assert_eq!(out["relations"], json!({"former_partner": 2}));
    assert_eq!(out["municipalities"], json!({"3205": 3}));
    assert_eq!(out["after_stay"], json!({"new_home": 1}));
    assert_eq!(out["repeat_stays"], 0);
    assert_eq!(
        out["day_contacts"],
        json!({"total": 2, "in_person": 1, "phone": 1, "outreach": 0, "with_interpreter": 1})
    );
}

#[test]
fn opt_out_is_counted_only_as_excluded() {
    let mut opted = stay("a", "adult", "female", 34, "2026-02-01", Some("2026-02-11"));
    opted["statistics_opt_out"] = json!(true);
    let input = json!({"period": {"from": "2026-01-01", "to": "2026-12-31"}, "beds": 62,
                       "stays": [opted, stay("b", "adult", "female", 30, "2026-03-01", None)], "day_contacts": []});
    let out = report(&input);
    assert_eq!(out["excluded_opt_out"], 1);
    assert_eq!(out["stays"]["total"], 1);
    assert_eq!(out["length_of_stay"]["completed"], 0);
    assert_eq!(out["length_of_stay"]["median_days"], Value::Null);
    assert_eq!(out["notes"][0]["code"], "opted_out_of_statistics");
    assert_eq!(
        out["notes"][0]["citations"][0],
        json!({"statute": "krisesenterlova", "section": "5a", "in_force_from": "2026-01-01"})
    );
}

#[test]
fn bad_input_names_the_kind_and_path() {
    let good = json!({"period": {"from": "2025-01-01", "to": "2025-12-31"}, "beds": 62,
                      "stays": [stay("a", "adult", "female", 34, "2025-03-01", None)], "day_contacts": []});
    let err = |v: &Value| run("report", v.to_string().as_bytes()).unwrap_err();

    let mut no_beds = good.clone();
    no_beds["beds"] = json!(0);
    let e = err(&no_beds);
    // A single-field range, in the schema: invalid_json at the field.
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidJson, Some("beds")));

    let mut twice = good.clone();
    twice["stays"] = json!([
        stay("a", "adult", "female", 34, "2025-03-01", None),
        stay("a", "child", "male", 3, "2025-03-01", None)
    ]);
    let e = err(&twice);
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, Some("stays[1].id")));

    let mut backwards = good.clone();
    backwards["stays"][0]["check_out"] = json!("2025-02-01");
    // Rules over two fields of one stay: the document matches the schema, the rules reject it.
    let e = err(&backwards);
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, Some("stays[0]")));
    assert!(!e.message().contains("rejected by the rules"), "{}", e.message());

    let mut child_adult = good.clone();
    child_adult["stays"][0]["person"]["age"] = json!(12);
    assert_eq!((err(&child_adult).kind(), err(&child_adult).path()), (ErrorKind::InvalidInput, Some("stays[0]")));

    let mut municipality = good.clone();
    municipality["stays"][0]["person"]["municipality"] = json!("Lillestrøm");
    let e = err(&municipality);
    assert_eq!(e.path(), Some("stays[0].person.municipality"));
    assert!(!e.message().contains("Lillestrøm"));

    let mut unknown = good.clone();
    unknown["stays"][0]["name"] = json!("Kari Nordmann");
    let e = err(&unknown);
    assert_eq!(e.kind(), ErrorKind::InvalidJson);
    assert!(!e.message().contains("Kari"));

    let mut period = good;
    period["period"] = json!({"from": "2025-12-31", "to": "2025-01-01"});
    assert_eq!((err(&period).kind(), err(&period).path()), (ErrorKind::InvalidInput, Some("period")));
}

/// The `report` command as it read its input before the readers that count as they read
/// (docs/performance.md): the whole document as a `ReportInput`, without the path, then with
/// it on failure, then `report`. The present command must agree with it byte for byte.
fn present_reader(input: &[u8]) -> Result<String, CliError> {
    let parsed = match cli::parse_fast::<ReportInput>(input) {
        Ok(parsed) => parsed,
        Err(_) => cli::parse::<ReportInput>(input)?,
    };
    let report = krisesenter::stats::report(&parsed).map_err(|err| CliError::located(&err))?;
    cli::to_json(&report)
}

/// One edit of a document's text: what a hand-written or damaged input looks like to the
/// byte-level reader (escapes, non-ASCII text, numbers with fractions, repeats, stray bytes).
#[derive(Debug, Clone)]
enum Edit {
    /// Replace the `n`th occurrence of `from` by `to`.
    Replace { from: &'static str, to: &'static str, n: usize },
    /// Remove the byte at a position (of the text's length, modulo).
    Remove(usize),
    /// Insert a byte at a position.
    Insert(usize, u8),
    /// Give the second stay the first stay's id.
    RepeatId,
    /// Indent the document (serde_json's pretty form).
    Pretty,
    /// Sort the keys (the period after the records).
    SortKeys,
}

fn edit() -> impl Strategy<Value = Edit> {
    let replacements = select(vec![
        ("\"s0\"", "\"s\\u0030\""),
        ("\"s1\"", "\"s1é\""),
        ("\"age\":", "\"age\":1"),
        ("\"age\":3", "\"age\":3.0"),
        ("\"age\":", "\"age\":-"),
        ("\"beds\":", "\"beds\":0"),
        ("\"beds\":", "\"beds\":1e"),
        ("\"previous_stays\":0", "\"previous_stays\":00"),
        ("\"previous_stays\":", "\"previous_stays\":4294967296"),
        ("\"check_out\":null", "\"check_out\":nul"),
        ("\"check_out\":\"", "\"check_out\":\"1"),
        ("\"relation\":null", "\"relation\":\"partner\""),
        ("\"after_stay\":null", "\"after_stay\":\"unknown\""),
        ("\"interpreter\":false", "\"interpreter\":true,\"interpreter\":true"),
        ("\"first_stay_this_year\":true", "\"first_stay_this_year\":true,\"statistics_opt_out\":true"),
        ("\"first_stay_this_year\":", "\"statistics_opt_out\":false,\"first_stay_this_year\":"),
        ("\"violence_types\":[", "\"violence_types\":[\"physical\","),
        ("\"violence_types\":[]", "\"violence_types\":[\"digital\",\"sexual\"]"),
        ("\"municipality\":\"", "\"municipality\":\"0"),
        ("\"kind\":\"adult\"", "\"kind\":\"child\""),
        ("\"mode\":\"phone\"", "\"mode\":\"Phone\""),
        ("},{", "} , {"),
        ("\"stays\":[", "\"stays\":[],\"stays\":["),
        ("\"day_contacts\":[", "\"day_contacts\":[],\"x\":["),
        ("}", "},"),
        ("]", ",]"),
        ("\"period\":{", "\"period\":{\"to\":\"2099-12-31\","),
        ("\"id\":\"", "\"id\":\"\t"),
        (":", " :\n"),
    ]);
    prop_oneof![
        (replacements, 0usize..4).prop_map(|((from, to), n)| Edit::Replace { from, to, n }),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), select(b"\" \\,:{}[]0123456789.e-atfn\n\t\x7f\xc3".to_vec()))
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        Just(Edit::RepeatId),
        Just(Edit::Pretty),
        Just(Edit::SortKeys),
    ]
}

/// The `n`th occurrence of `from` in `bytes` replaced by `to` (nothing when there is none).
fn replace_nth(bytes: &mut Vec<u8>, from: &[u8], to: &[u8], n: usize) {
    let at = (0..bytes.len()).filter(|&i| bytes[i..].starts_with(from)).nth(n);
    if let Some(at) = at {
        bytes.splice(at..at + from.len(), to.iter().copied());
    }
}

/// The compact JSON of `input` with `edits` applied, as bytes (invalid UTF-8 included: the
/// CLI reads bytes).
fn apply(input: &ReportInput, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(input).unwrap();
    for edit in edits {
        match edit {
            Edit::Replace { from, to, n } => replace_nth(&mut bytes, from.as_bytes(), to.as_bytes(), *n),
            Edit::Remove(i) if !bytes.is_empty() => {
                let at = i % bytes.len();
                bytes.remove(at);
            }
            Edit::Remove(_) => {}
            Edit::Insert(i, b) => {
                let at = i % (bytes.len() + 1);
                bytes.insert(at, *b);
            }
            Edit::RepeatId => {
                if let [first, second, ..] = input.stays.as_slice() {
                    let (a, b) = (format!("\"id\":\"{}\"", first.id()), format!("\"id\":\"{}\"", second.id()));
                    replace_nth(&mut bytes, b.as_bytes(), a.as_bytes(), 0);
                }
            }
            Edit::Pretty | Edit::SortKeys => {
                if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
                    bytes = match edit {
                        // serde_json's map without preserve_order sorts the keys.
                        Edit::SortKeys => value.to_string().into_bytes(),
                        _ => serde_json::to_vec_pretty(&reordered(value)).unwrap(),
                    };
                }
            }
        }
    }
    bytes
}

/// The keys back in the contract's order (period first), for the pretty form.
fn reordered(value: Value) -> Value {
    let Value::Object(map) = value else { return value };
    let mut out = serde_json::Map::new();
    for key in ["period", "beds", "stays", "day_contacts"] {
        if let Some(v) = map.get(key) {
            out.insert(key.to_owned(), v.clone());
        }
    }
    for (k, v) in map {
        out.entry(k).or_insert(v);
    }
    Value::Object(out)
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(256))]

    /// cli-10: the `report` command (the byte-level reader for the plain form, serde's
    /// counting reader otherwise, the path-tracking reader for errors) gives the same bytes as
    /// the reader it replaced, on generated inputs and on edited ones: the same report, or
    /// the same error (kind, message, path).
    #[test]
    fn report_readers_agree(input in report_input(), edits in proptest::collection::vec(edit(), 0..3)) {
        let bytes = apply(&input, &edits);
        let present = run("report", &bytes);
        let before = present_reader(&bytes);
        match (&present, &before) {
            (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_json_line(), b.to_json_line()),
            _ => prop_assert!(false, "one reader accepted what the other refused: {present:?} / {before:?}"),
        }
        // The byte-level reader reads only what serde's reader accepts, to the same aggregate.
        if let Some(scanned) = AggregatedInput::scan(&bytes) {
            let parsed: ReportInput = serde_json::from_slice(&bytes).unwrap();
            prop_assert_eq!(scanned.aggregate(), parsed.aggregate());
        }
    }
}
