//! The `report` command of the CLI contract (docs/contract.md `report`): exact field names and
//! values on worked examples, and the error kind and path of bad input.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use krisesenter::cli::{ErrorKind, run};
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
