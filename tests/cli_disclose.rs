//! The `disclose` command of the CLI contract (CONTRACT.md `disclose`): exact field names and
//! values on worked examples, and the right error kind and path on bad input.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use krisesenter::cli::{self, ErrorKind};
use serde_json::{Value, json};

fn disclose(input: &Value) -> Value {
    let out = cli::run("disclose", input.to_string().as_bytes()).unwrap();
    serde_json::from_str(&out).unwrap()
}

fn error(input: &str) -> cli::CliError {
    cli::run("disclose", input.as_bytes()).unwrap_err()
}

fn codes(out: &Value) -> Vec<&str> {
    out["reasons"].as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect()
}

#[test]
fn output_has_exactly_the_contract_fields_plus_the_log_entry() {
    let out = disclose(&json!({
        "as_of": "2026-03-01", "requester": "unknown", "initiative": "request",
        "information": ["existence"], "consents": []
    }));
    let mut keys: Vec<&str> = out.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["information", "log_entry", "neither_confirm_nor_deny", "outcome", "reasons", "recipients", "steps"]
    );
    assert_eq!(out["outcome"], "refuse");
    assert_eq!(out["recipients"], json!([]));
    assert_eq!(out["information"], json!([]));
    assert_eq!(out["neither_confirm_nor_deny"], true);
    assert_eq!(out["steps"], json!([]));
    assert_eq!(out["log_entry"], Value::Null);
    let reason = &out["reasons"][0];
    let mut reason_keys: Vec<&str> = reason.as_object().unwrap().keys().map(String::as_str).collect();
    reason_keys.sort_unstable();
    assert_eq!(reason_keys, ["citations", "code", "message_en", "message_nb"]);
    assert_eq!(codes(&out), ["unidentified_requester", "confidentiality", "neither_confirm_nor_deny"]);
    assert_eq!(
        reason["citations"][0],
        json!({"statute": "krisesenterlova", "section": "5", "in_force_from": "2010-01-01"})
    );
}

#[test]
fn partial_consent_shares_what_both_cover() {
    let out = disclose(&json!({
        "as_of": "2026-03-01", "requester": "nav", "initiative": "request",
        "information": ["contact_details", "case_notes", "whereabouts"],
        "consents": [
            {"id": "c1", "kind": "sharing", "recipients": ["nav"], "information": ["contact_details", "health"],
             "given_on": "2026-01-10", "written": true, "withdrawn_on": null},
            {"id": "c2", "kind": "sharing", "recipients": ["nav"], "information": ["case_notes"],
             "given_on": "2026-01-10", "written": false},
            {"id": "s1", "kind": "storage", "recipients": [], "information": [], "given_on": "2026-01-10", "written": true}
        ]
    }));
    assert_eq!(out["outcome"], "share");
    assert_eq!(out["recipients"], json!(["nav"]));
    assert_eq!(out["information"], json!(["contact_details"]));
    assert_eq!(out["neither_confirm_nor_deny"], true);
    assert_eq!(out["steps"], json!(["record_disclosure"]));
    assert_eq!(
        codes(&out),
        [
            "consent_covers_request",
            "consent_covers_part_of_request",
            "consent_not_written",
            "storage_consent_does_not_permit_sharing",
            "confidentiality",
            "neither_confirm_nor_deny"
        ]
    );
    assert_eq!(
        out["log_entry"],
        json!({"date": "2026-03-01", "outcome": "share", "passages": [{
            "recipient": "nav", "information": ["contact_details"], "basis": "consent",
            "citations": [{"statute": "forvaltningsloven", "section": "13a", "in_force_from": "1970-01-01"}],
            "consents": ["c1"]
        }]})
    );
}

#[test]
fn child_welfare_ground_cites_the_act_in_force() {
    for (as_of, statute, section) in
        [("2022-12-31", "barnevernloven_1992", "6-4"), ("2023-01-01", "barnevernsloven", "13-2")]
    {
        let out = disclose(&json!({
            "as_of": as_of, "requester": "child_welfare", "initiative": "own_initiative",
            "information": [], "consents": [], "child_concern": "serious_care_deficiency"
        }));
        assert_eq!(out["outcome"], "must_report");
        assert_eq!(out["recipients"], json!(["child_welfare"]));
        assert_eq!(out["information"], json!(["existence", "contact_details", "case_notes", "children"]));
        assert_eq!(
            out["steps"],
            json!(["inform_parent_first", "encourage_parent_to_contact_child_welfare", "record_disclosure"])
        );
        assert_eq!(out["reasons"][0]["code"], "child_welfare_duty_serious_care_deficiency");
        assert_eq!(out["reasons"][0]["citations"][1]["statute"], statute);
        assert_eq!(out["reasons"][0]["citations"][1]["section"], section);
    }
}

#[test]
fn order_and_averting_duty_together() {
    let out = disclose(&json!({
        "as_of": "2026-03-01", "requester": "child_welfare", "initiative": "request",
        "information": ["children"], "consents": [], "child_welfare_order": true,
        "serious_offence": {"straffeloven_section": 312, "likelihood": "certain", "victim_age": 14,
                            "peers_in_age_and_development": false},
        "danger_to_life_or_health": true
    }));
    assert_eq!(out["outcome"], "must_report");
    assert_eq!(out["recipients"], json!(["police", "child_welfare"]));
    assert_eq!(out["neither_confirm_nor_deny"], false);
    assert_eq!(codes(&out), ["child_welfare_order_must_be_answered", "duty_to_avert"]);
    assert_eq!(out["steps"], json!(["avert_together_with_user_where_safe", "record_disclosure"]));
}

#[test]
fn possible_offence_with_danger_is_a_permission() {
    let out = disclose(&json!({
        "as_of": "2026-03-01", "requester": "police", "initiative": "request",
        "information": ["whereabouts", "case_notes"], "consents": [],
        "serious_offence": {"straffeloven_section": 275, "likelihood": "possible"},
        "danger_to_life_or_health": true
    }));
    assert_eq!(out["outcome"], "may_share");
    assert_eq!(out["information"], json!(["whereabouts"]));
    assert_eq!(out["reasons"][0]["code"], "danger_to_life_or_health_permits_sharing");
    let sections: Vec<&str> =
        out["reasons"][0]["citations"].as_array().unwrap().iter().map(|c| c["section"].as_str().unwrap()).collect();
    assert_eq!(sections, ["17", "13b"]);
    assert!(codes(&out).contains(&"offence_not_certain_or_most_likely"));
}

#[test]
fn a_date_before_the_penal_code_is_invalid_input_at_as_of() {
    let err = error(
        r#"{"as_of": "2015-09-30", "requester": "police", "initiative": "request", "information": [], "consents": []}"#,
    );
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.path(), Some("as_of"));
    assert!(err.message().contains("2015-10-01"));
}

#[test]
fn bad_shapes_are_invalid_json_with_a_path() {
    let cases = [
        (
            r#"{"as_of": "2026-03-01", "requester": "Kari Zqsecret", "initiative": "request", "information": [], "consents": []}"#,
            Some("requester"),
        ),
        (
            r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": ["diary"], "consents": []}"#,
            Some("information[0]"),
        ),
        (
            r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [], "consents": [], "name": "Zqsecret"}"#,
            None,
        ),
        (
            r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [], "consents": [],
                "serious_offence": {"straffeloven_section": 282, "likelihood": "maybe"}}"#,
            Some("serious_offence.likelihood"),
        ),
        (
            r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [], "consents": [],
                "serious_offence": {"straffeloven_section": 282, "likelihood": "certain", "victim_age": 400}}"#,
            Some("serious_offence.victim_age"),
        ),
        (r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": []}"#, None),
    ];
    for (input, path) in cases {
        let err = error(input);
        assert_eq!(err.kind(), ErrorKind::InvalidJson, "{input}");
        if let Some(path) = path {
            assert_eq!(err.path(), Some(path), "{input}");
        }
        assert!(!err.message().contains("Zqsecret") && !err.message().contains("Kari"), "{}", err.message());
    }
}

#[test]
fn rule_violations_in_the_request_are_rejected() {
    let dup = r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [],
        "consents": [
          {"id": "c1", "kind": "storage", "recipients": [], "information": [], "given_on": "2026-01-01", "written": true},
          {"id": "c1", "kind": "storage", "recipients": [], "information": [], "given_on": "2026-01-02", "written": true}
        ]}"#;
    let err = error(dup);
    assert_eq!(err.kind(), ErrorKind::InvalidJson);
    assert!(err.message().contains("unique"), "{}", err.message());
    let zero = r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [], "consents": [],
        "serious_offence": {"straffeloven_section": 0, "likelihood": "certain"}}"#;
    assert_eq!(error(zero).kind(), ErrorKind::InvalidJson);
}

#[test]
fn schemas_are_available() {
    assert!(cli::schema("disclose-input").is_some());
    assert!(cli::schema("disclose-output").is_some());
}
