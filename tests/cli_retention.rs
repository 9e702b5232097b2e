//! The `retention` command of the CLI contract (docs/contract.md): exact field names and values
//! on worked examples, decisions in input order, and errors with the right kind and path.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use krisesenter::cli::{self, ErrorKind};
use proptest::prelude::*;
use serde_json::{Value, json};

fn run(input: &Value) -> Value {
    let out = cli::run("retention", input.to_string().as_bytes()).unwrap();
    serde_json::from_str(&out).unwrap()
}

fn err(input: &str) -> cli::CliError {
    cli::run("retention", input.as_bytes()).unwrap_err()
}

#[test]
fn the_contract_example_is_deleted_with_a_certificate() {
    let out = run(&json!({
        "as_of": "2026-03-01",
        "records": [{"id": "r1", "contact_ended_on": "2025-11-30", "consents": [], "holds": []}]
    }));
    let decision = &out["decisions"][0];
    let mut keys: Vec<&str> = decision.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["action", "certificate", "policy_version", "reasons", "record", "until"]);
    assert_eq!(decision["record"], "r1");
    assert_eq!(decision["action"], "delete");
    assert_eq!(decision["until"], "2025-11-30");
    assert_eq!(decision["policy_version"], "consent-10y-grace-0d");
    let reason = &decision["reasons"][0];
    assert_eq!(reason["code"], "contact_ended_without_consent");
    assert!(reason["message_nb"].as_str().unwrap().contains("samtykke"));
    assert!(reason["message_en"].as_str().unwrap().contains("consent"));
    assert_eq!(
        reason["citations"],
        json!([
            {"statute": "gdpr", "section": "art-5", "in_force_from": "2018-07-20"},
            {"statute": "gdpr", "section": "art-17", "in_force_from": "2018-07-20"}
        ])
    );
    assert_eq!(decision["reasons"][1]["code"], "statistics_kept_anonymous");
    assert_eq!(
        decision["reasons"][1]["citations"][1],
        json!({"statute": "krisesenterlova", "section": "5a", "in_force_from": "2026-01-01"})
    );
    assert_eq!(
        decision["certificate"],
        json!({
            "record": "r1", "rule": "contact_ended_without_consent", "date": "2026-03-01",
            "policy_version": "consent-10y-grace-0d",
            "statistics": ["stays", "residents", "nights", "length_of_stay", "violence_types", "relations",
                           "municipalities", "after_stay", "repeat_stays", "day_contacts"]
        })
    );
}

#[test]
fn decisions_follow_input_order_with_keep_held_and_delete() {
    let out = run(&json!({
        "as_of": "2026-03-01",
        "policy": {"consent_retention_years": 10, "no_consent_grace_days": 14, "version": "romerike-2026"},
        "records": [
            {"id": "z-consent", "contact_ended_on": "2020-05-01", "holds": [],
             "consents": [{"id": "c1", "kind": "storage", "recipients": [], "information": [],
                           "given_on": "2016-03-02", "written": true, "withdrawn_on": null}]},
            {"id": "a-held", "contact_ended_on": "2025-11-30", "consents": [],
             "holds": [{"id": "h1", "reason": "police_case", "placed_on": "2026-01-10", "released_on": null}]},
            {"id": "m-ongoing", "contact_ended_on": null, "consents": [], "holds": []},
            {"id": "b-grace", "contact_ended_on": "2026-02-20", "consents": [], "holds": []},
            {"id": "c-oral", "contact_ended_on": "2025-11-30", "holds": [], "statistics_opt_out": true,
             "consents": [{"id": "c1", "kind": "storage", "recipients": [], "information": [],
                           "given_on": "2025-11-01", "written": false}]}
        ]
    }));
    let got: Vec<(String, String, Value)> = out["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["record"].as_str().unwrap().into(), d["action"].as_str().unwrap().into(), d["until"].clone()))
        .collect();
    let want: Vec<(String, String, Value)> = [
        ("z-consent", "keep", json!("2026-03-02")),
        ("a-held", "held", Value::Null),
        ("m-ongoing", "keep", Value::Null),
        ("b-grace", "keep", json!("2026-03-06")),
        ("c-oral", "delete", json!("2025-12-14")),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c))
    .collect();
    assert_eq!(got, want);
    let decisions = out["decisions"].as_array().unwrap();
    assert!(decisions.iter().all(|d| d["policy_version"] == "romerike-2026"));
    assert_eq!(decisions[1]["reasons"][0]["code"], "legal_hold_police_case");
    assert_eq!(decisions[1]["certificate"], Value::Null);
    assert_eq!(decisions[3]["reasons"][0]["code"], "contact_grace_period");
    let oral_codes: Vec<&str> =
        decisions[4]["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(oral_codes, ["contact_ended_without_consent", "oral_consent_not_counted", "statistics_opt_out"]);
    assert_eq!(decisions[4]["certificate"]["statistics"], json!([]));
}

#[test]
fn shape_errors_are_invalid_json_with_a_path() {
    let unknown = err(
        r#"{"as_of":"2026-03-01","records":[{"id":"r1","contact_ended_on":null,"consents":[],"holds":[],"name":"x"}]}"#,
    );
    assert_eq!(unknown.kind(), ErrorKind::InvalidJson);
    assert_eq!(unknown.path(), Some("records[0]"), "an unknown field is reported at its object, never by its name");

    let missing = err(r#"{"as_of":"2026-03-01","records":[{"id":"r1","consents":[],"holds":[]}]}"#);
    assert_eq!(missing.kind(), ErrorKind::InvalidJson, "contact_ended_on is required (null is explicit)");

    let bad_reason = err(r#"{"as_of":"2026-03-01","records":[{"id":"r1","contact_ended_on":null,"consents":[],
            "holds":[{"id":"h1","reason":"gossip","placed_on":"2026-01-01"}]}]}"#);
    assert_eq!(bad_reason.kind(), ErrorKind::InvalidJson);
    assert_eq!(bad_reason.path(), Some("records[0].holds[0].reason"));

    let early_release = err(r#"{"as_of":"2026-03-01","records":[{"id":"r1","contact_ended_on":null,"consents":[],
            "holds":[{"id":"h1","reason":"complaint","placed_on":"2026-01-05","released_on":"2026-01-04"}]}]}"#);
    // A rule over two fields of the hold: the schema accepts the document, the rules do not.
    assert_eq!(early_release.kind(), ErrorKind::InvalidInput);
    assert_eq!(early_release.path(), Some("records[0].holds[0]"));
    assert_eq!(early_release.message(), "a hold is released before it was placed");

    let bad_policy =
        err(r#"{"as_of":"2026-03-01","policy":{"consent_retention_years":0,"no_consent_grace_days":0},"records":[]}"#);
    assert_eq!(bad_policy.kind(), ErrorKind::InvalidJson);
    assert_eq!(bad_policy.path(), Some("policy"));
}

#[test]
fn duplicate_records_are_invalid_input_at_the_repeat() {
    let e = err(r#"{"as_of":"2026-03-01","records":[
            {"id":"r1","contact_ended_on":null,"consents":[],"holds":[]},
            {"id":"r2","contact_ended_on":null,"consents":[],"holds":[]},
            {"id":"r1","contact_ended_on":null,"consents":[],"holds":[]}]}"#);
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert_eq!(e.path(), Some("records[2].id"));
}

#[test]
fn schemas_are_available() {
    for name in ["retention-input", "retention-output"] {
        let schema = cli::run("schema", name.as_bytes()).unwrap();
        assert!(schema.contains("\"$schema\""), "{name}");
    }
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(64))]

    /// A name put where an id, an enum value or an unknown field goes never reaches the error.
    #[test]
    fn errors_never_repeat_personal_data(name in krisesenter_testkit::core::personal_name(), slot in 0usize..4) {
        let quoted = serde_json::to_string(&name).unwrap();
        let input = match slot {
            0 => format!(r#"{{"as_of":"2026-03-01","records":[{{"id":{quoted},"contact_ended_on":null,"consents":[],"holds":[]}}]}}"#),
            1 => format!(r#"{{"as_of":"2026-03-01","records":[{{"id":"r1","contact_ended_on":null,"consents":[],"holds":[{{"id":"h1","reason":{quoted},"placed_on":"2026-01-01"}}]}}]}}"#),
            2 => format!(r#"{{"as_of":"2026-03-01","records":[{{"id":"r1","contact_ended_on":null,"consents":[],"holds":[],{quoted}:1}}]}}"#),
            _ => format!(r#"{{"as_of":"2026-03-01","policy":{{"consent_retention_years":10,"no_consent_grace_days":0,"version":{quoted}}},"records":[]}}"#),
        };
        let e = cli::run("retention", input.as_bytes()).unwrap_err();
        let line = e.to_json_line();
        for part in name.split_whitespace() {
            prop_assert!(!line.contains(part), "{} leaks into {}", part, line);
        }
    }
}

/// The contract's example payload (`docs/examples/retention.json`): the leap-day consent,
/// a contact that ended without consent, a withdrawal after the contact ended, a police hold
/// and an ongoing contact.
#[test]
fn the_docs_example_payload() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/examples/retention.json");
    let text = std::fs::read_to_string(path).unwrap();
    let out = run(&serde_json::from_str(&text).unwrap());
    let got: Vec<(&str, &str, &Value)> = out["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["record"].as_str().unwrap(), d["action"].as_str().unwrap(), &d["until"]))
        .collect();
    assert_eq!(
        got,
        [
            ("k0001", "keep", &json!("2034-02-28")),
            ("k0002", "delete", &json!("2026-02-14")),
            ("k0003", "delete", &json!("2026-01-15")),
            ("k0004", "held", &Value::Null),
            ("k0005", "keep", &Value::Null),
        ]
    );
    assert_eq!(out["decisions"][2]["certificate"]["rule"], "consent_withdrawn");
    assert_eq!(out["decisions"][3]["reasons"][0]["code"], "legal_hold_police_case");
}
