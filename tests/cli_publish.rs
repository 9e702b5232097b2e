//! The `publish` command of the CLI contract (docs/contract.md `publish`): small counts hidden,
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

/// The example report of docs/examples/publish.json (31 nights in 2025, three completed stays:
/// two of 1-7 days, one of 31-90), with one figure replaced.
fn example_with(pointer: &str, value: Value) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/publish.json");
    let mut input: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    *input.pointer_mut(pointer).unwrap() = value;
    input
}

fn refused(input: &Value) -> (ErrorKind, Option<String>) {
    let err = run("publish", input.to_string().as_bytes()).unwrap_err();
    (err.kind(), err.path().map(str::to_owned))
}

#[test]
fn made_up_figures_out_of_any_range_are_invalid_json_at_the_figure() {
    // A negative occupancy rate, and a mean no stay between dates of the contract can have.
    assert_eq!(
        refused(&example_with("/report/occupancy_rate", json!(-1))),
        (ErrorKind::InvalidJson, Some("report.occupancy_rate".to_owned()))
    );
    assert_eq!(
        refused(&example_with("/report/length_of_stay/mean_days", json!(1e308))),
        (ErrorKind::InvalidJson, Some("report.length_of_stay.mean_days".to_owned()))
    );
    assert_eq!(
        refused(&example_with("/report/length_of_stay/median_days", json!(-0.5))),
        (ErrorKind::InvalidJson, Some("report.length_of_stay.median_days".to_owned()))
    );
}

#[test]
fn made_up_figures_its_counts_cannot_give_are_invalid_input_at_the_figure() {
    let impossible = |pointer: &str, value: Value, path: &str| {
        assert_eq!(
            refused(&example_with(pointer, value.clone())),
            (ErrorKind::InvalidInput, Some(path.to_owned())),
            "{pointer} = {value}"
        );
    };
    // 31 nights in 365 days: with at least one bed the rate is at most 31/365 ≈ 0.085.
    impossible("/report/occupancy_rate", json!(0.5), "report.occupancy_rate");
    // Nights but a rate of zero.
    impossible("/report/occupancy_rate", json!(0.0), "report.occupancy_rate");
    // Buckets 1-7 and 31-90 hold the completed stays: a mean or median of 95 days cannot be.
    impossible("/report/length_of_stay/mean_days", json!(95.0), "report.length_of_stay.mean_days");
    impossible("/report/length_of_stay/median_days", json!(95.0), "report.length_of_stay.median_days");
    // A median is a stay's length or the mean of two: a whole or half number of days.
    impossible("/report/length_of_stay/median_days", json!(4.25), "report.length_of_stay.median_days");
    // The rate at its largest (one bed) and figures inside the buckets pass.
    assert!(run("publish", example_with("/report/occupancy_rate", json!(31.0 / 365.0)).to_string().as_bytes()).is_ok());
    assert!(
        run("publish", example_with("/report/length_of_stay/median_days", json!(4.5)).to_string().as_bytes()).is_ok()
    );
}

#[test]
fn an_empty_report_publishes_a_rate_of_zero_and_no_lengths() {
    let mut input = example_with("/report/occupancy_rate", json!(0.0));
    let report = &mut input["report"];
    report["nights"] = json!({"total": 0, "adults": 0, "children": 0});
    assert!(run("publish", input.to_string().as_bytes()).is_ok());
    input["report"]["occupancy_rate"] = json!(0.001);
    assert_eq!(refused(&input), (ErrorKind::InvalidInput, Some("report.occupancy_rate".to_owned())));
}
