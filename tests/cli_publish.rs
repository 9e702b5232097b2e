//! The `publish` command of the CLI contract (CONTRACT.md `publish`): small counts hidden,
//! secondary suppression, zeros kept, every hidden path listed, errors with kind and path.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use krisesenter::cli::{ErrorKind, run};
use serde_json::{Value, json};

/// The report of 20 women, 2 men and 10 children, all from Lillestrøm, still staying on 31 December.
fn report() -> Value {
    let mut stays = Vec::new();
    for (prefix, kind, gender, age, n) in
        [("w", "adult", "female", 30, 20), ("m", "adult", "male", 40, 2), ("c", "child", "male", 5, 10)]
    {
        for i in 0..n {
            stays.push(json!({"id": format!("{prefix}{i}"),
                "person": {"kind": kind, "gender": gender, "age": age, "municipality": "3205"},
                "check_in": "2025-12-01", "check_out": null, "first_stay_this_year": true,
                "violence_types": [], "relation": null, "after_stay": null, "previous_stays": 0}));
        }
    }
    let input =
        json!({"period": {"from": "2025-01-01", "to": "2025-12-31"}, "beds": 62, "stays": stays, "day_contacts": []});
    serde_json::from_str(&run("report", input.to_string().as_bytes()).unwrap()).unwrap()
}

fn publish(input: &Value) -> Value {
    serde_json::from_str(&run("publish", input.to_string().as_bytes()).unwrap()).unwrap()
}

#[test]
fn one_small_cell_forces_a_second() {
    let out = publish(&json!({"report": report(), "threshold": 5}));
    assert_eq!(
        out["stays"],
        json!({"total": 32, "adults": {"female": 20, "male": null, "other": 0, "unknown": 0}, "children": null})
    );
    assert_eq!(out["residents"]["adults"]["male"], Value::Null);
    assert_eq!(out["residents"]["children"], Value::Null);
    assert_eq!(
        out["suppressed"],
        json!(["stays.adults.male", "stays.children", "residents.adults.male", "residents.children"])
    );
    assert_eq!(out["threshold"], 5);
    assert_eq!(out["municipalities"], json!({"3205": 32}));
    assert_eq!(out["nights"], json!({"total": 992, "adults": 682, "children": 310}));
    assert!(out["occupancy_rate"].as_f64().is_some());
    assert_eq!(out["length_of_stay"]["median_days"], Value::Null);
    assert_eq!(out["notes"][0]["code"], "small_cell_suppressed");
    assert_eq!(out["notes"][1]["code"], "secondary_suppression");
}

#[test]
fn threshold_is_required_and_configurable() {
    let missing = run("publish", json!({"report": report()}).to_string().as_bytes()).unwrap_err();
    assert_eq!((missing.kind(), missing.path()), (ErrorKind::InvalidJson, None));
    assert!(missing.message().contains("missing field `threshold`"), "{}", missing.message());
    let five = publish(&json!({"report": report(), "threshold": 5}));
    assert_eq!(five["threshold"], 5);
    // At SSB's threshold of 3 the two men are still hidden; at 2 they are published.
    let ssb = publish(&json!({"report": report(), "threshold": 3}));
    assert_eq!(ssb["stays"]["adults"]["male"], Value::Null);
    let two = publish(&json!({"report": report(), "threshold": 2}));
    assert_eq!(two["stays"]["adults"]["male"], 2);
    assert_eq!(two["suppressed"], json!([]));
}

#[test]
fn bad_input_names_the_kind_and_path() {
    let err = |v: &Value| run("publish", v.to_string().as_bytes()).unwrap_err();
    // A single-field range: in the schema, so `invalid_json` at the field.
    for low in [0, 1] {
        let e = err(&json!({"report": report(), "threshold": low}));
        assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidJson, Some("threshold")));
        assert!(e.message().starts_with("the threshold must be at least 2"), "{}", e.message());
    }

    // A report whose figures do not add up was not made by `report`.
    let mut forged = report();
    forged["stays"]["total"] = json!(33);
    let e = err(&json!({"report": forged, "threshold": 5}));
    assert_eq!((e.kind(), e.path()), (ErrorKind::InvalidInput, Some("report")));
    assert!(e.message().contains("stays"));

    let mut extra = report();
    extra["secret"] = json!(1);
    assert_eq!(err(&json!({"report": extra, "threshold": 5})).kind(), ErrorKind::InvalidJson);
    assert_eq!(err(&json!({"threshold": 5})).kind(), ErrorKind::InvalidJson);
}
