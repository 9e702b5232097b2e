//! The `case` command (an addition to the contract): the worked payload in docs/examples and
//! each kind of bad event, answered as `invalid_input` naming the event's index.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use krisesenter::cli::{self, ErrorKind};
use serde_json::{Value, json};

fn example() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/case.json")).unwrap(),
    )
    .unwrap()
}

fn run(doc: &Value) -> Result<Value, cli::CliError> {
    cli::run("case", doc.to_string().as_bytes()).map(|out| serde_json::from_str(&out).unwrap())
}

/// Seed 004 through all three phases: a mother with two children settles in a safe new home
/// with a follow-up plan coordinated by Nav; the goal of re-establishment is reached.
#[test]
fn the_example_reaches_the_goal_of_re_establishment() {
    let out = run(&example()).unwrap();
    assert_eq!(out["stage"], "follow_up");
    assert_eq!(out["phase"], "plan_made");
    assert_eq!(out["closed"], false);
    assert_eq!(out["outcome"], json!({"destination": "new_home", "phase": "plan_made", "goal_reached": true}));
    assert_eq!(out["stays"].as_array().unwrap().len(), 1);
    assert_eq!(out["stays"][0]["children"].as_object().unwrap().len(), 2);
    assert_eq!(out["timeline"].as_array().unwrap().len(), example()["events"].as_array().unwrap().len());
    for step in out["next_steps"]["steps"].as_array().unwrap() {
        let law = step["basis"] == "law";
        assert_eq!(law, !step["citations"].as_array().unwrap().is_empty(), "practice never cites a statute: {step}");
    }
}

/// While the stay runs, the children's own steps are due for each child until done.
#[test]
fn during_the_stay_each_child_has_its_own_steps() {
    let mut doc = example();
    doc["as_of"] = json!("2026-03-20");
    doc["events"].as_array_mut().unwrap().truncate(8); // up to the safety plan: no child steps done
    let out = run(&doc).unwrap();
    let steps = out["next_steps"]["steps"].as_array().unwrap();
    for child in ["c1", "c2"] {
        for code in ["child_mapping", "child_conversation"] {
            assert!(
                steps.iter().any(|s| s["code"] == code && s["subject"] == json!({"child": child})),
                "{code} for {child}: {}",
                out["next_steps"]
            );
        }
    }
}

fn refused_at(doc: &Value, index: usize) {
    let err = run(doc).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{}", err.message());
    assert_eq!(err.path(), Some(format!("events[{index}]").as_str()), "{}", err.message());
}

#[test]
fn an_event_dated_before_the_previous_one_is_refused() {
    let mut doc = example();
    doc["events"][5]["on"] = json!("2026-03-01");
    refused_at(&doc, 5);
}

#[test]
fn an_event_on_a_closed_case_is_refused() {
    let mut doc = example();
    let events = doc["events"].as_array_mut().unwrap();
    events.push(json!({"on": "2026-05-15", "event": {"type": "contact_ended", "reason": "goal_reached"}}));
    events.push(json!({"on": "2026-05-16", "event": {"type": "day_conversation"}}));
    refused_at(&doc, 21);
}

#[test]
fn a_child_who_is_not_a_member_is_refused() {
    let mut doc = example();
    doc["events"][9]["event"]["child"] = json!("c9");
    refused_at(&doc, 9);
}

#[test]
fn a_phase_three_plan_before_phase_one_is_refused() {
    let mut doc = example();
    let events = doc["events"].as_array_mut().unwrap();
    let plan = events.remove(17);
    events.insert(14, plan); // the follow-up plan before the housing need is clarified
    events[14]["on"] = json!("2026-03-10");
    refused_at(&doc, 14);
}

#[test]
fn a_referral_without_a_basis_is_refused() {
    let mut doc = example();
    doc["events"][15]["event"]["basis"] = Value::Null;
    refused_at(&doc, 15);
}
