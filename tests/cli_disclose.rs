//! The `disclose` command of the CLI contract (docs/contract.md `disclose`): exact field names and
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

/// The whole output of one decision, so that any change of the wire form is a visible diff.
#[test]
fn whole_output_of_a_duty_to_avert() {
    let out = disclose(&json!({
        "as_of": "2020-06-01", "requester": "police", "initiative": "request",
        "information": ["whereabouts"], "consents": [],
        "serious_offence": {"straffeloven_section": 282, "likelihood": "most_likely"}
    }));
    let citation = json!({"statute": "straffeloven", "section": "196", "in_force_from": "2015-10-01"});
    assert_eq!(
        out,
        json!({
            "outcome": "must_report",
            "recipients": ["police"],
            "information": ["existence", "whereabouts", "contact_details", "violence_history"],
            "neither_confirm_nor_deny": false,
            "reasons": [{
                "code": "duty_to_avert",
                "message_nb": "Det er sikkert eller mest sannsynlig at en straffbar handling som omfattes av avvergingsplikten er eller vil bli begått: den skal søkes avverget ved anmeldelse til politiet eller på annen måte, uten hinder av taushetsplikt.",
                "message_en": "It is certain or most likely that an offence under the duty to avert has been or will be committed: staff must try to avert it, by reporting to the police or otherwise, whatever confidentiality says.",
                "citations": [citation]
            }],
            "steps": ["avert_together_with_user_where_safe", "record_disclosure"],
            "log_entry": {
                "date": "2020-06-01",
                "outcome": "must_report",
                "passages": [{
                    "recipient": "police",
                    "information": ["existence", "whereabouts", "contact_details", "violence_history"],
                    "basis": "averting_duty",
                    "citations": [citation],
                    "consents": []
                }]
            }
        })
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

/// The citations of the first reason, as `[statute, section, in_force_from]` triples.
fn first_citations(out: &Value) -> Vec<[String; 3]> {
    out["reasons"][0]["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| ["statute", "section", "in_force_from"].map(|k| c[k].as_str().unwrap().to_owned()))
        .collect()
}

fn cites(list: &[[&str; 3]]) -> Vec<[String; 3]> {
    list.iter().map(|c| c.map(str::to_owned)).collect()
}

#[test]
fn the_child_welfare_duty_cites_the_2018_versions_on_both_sides_of_2018_07_01() {
    for (as_of, ksl6, bvl) in [
        ("2018-06-30", "2010-01-01", "1993-01-01"),
        ("2018-07-01", "2018-07-01", "2018-07-01"),
        ("2020-06-01", "2018-07-01", "2018-07-01"),
    ] {
        let out = disclose(&json!({
            "as_of": as_of, "requester": "child_welfare", "initiative": "own_initiative",
            "information": [], "consents": [], "child_concern": "serious_care_deficiency"
        }));
        assert_eq!(out["outcome"], "must_report", "{as_of}");
        assert_eq!(
            first_citations(&out),
            cites(&[["krisesenterlova", "6", ksl6], ["barnevernloven_1992", "6-4", bvl]]),
            "{as_of}"
        );
    }
}

#[test]
fn the_danger_permission_rests_on_fvl_13b_nr_7_only_from_2021_07_01() {
    for (as_of, expected) in [
        ("2021-06-30", cites(&[["straffeloven", "17", "2015-10-01"]])),
        ("2021-07-01", cites(&[["straffeloven", "17", "2015-10-01"], ["forvaltningsloven", "13b", "2021-07-01"]])),
    ] {
        let out = disclose(&json!({
            "as_of": as_of, "requester": "police", "initiative": "request",
            "information": ["whereabouts"], "consents": [], "danger_to_life_or_health": true
        }));
        assert_eq!(out["outcome"], "may_share", "the permission itself does not change on {as_of}");
        assert_eq!(out["reasons"][0]["code"], "danger_to_life_or_health_permits_sharing");
        assert_eq!(first_citations(&out), expected, "{as_of}");
    }
}

#[test]
fn the_averting_duty_cites_the_2025_wording_from_2025_07_01() {
    for (as_of, from) in [("2025-06-30", "2021-01-01"), ("2025-07-01", "2025-07-01")] {
        let out = disclose(&json!({
            "as_of": as_of, "requester": "police", "initiative": "request",
            "information": ["whereabouts"], "consents": [],
            "serious_offence": {"straffeloven_section": 282, "likelihood": "most_likely"}
        }));
        assert_eq!(out["outcome"], "must_report", "{as_of}");
        assert_eq!(first_citations(&out), cites(&[["straffeloven", "196", from]]), "{as_of}");
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
        (
            r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [], "consents": [],
                "serious_offence": {"straffeloven_section": 282, "likelihood": "certain", "Zqsecret": 1}}"#,
            Some("serious_offence"),
        ),
        (
            r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [], "consents": [
                {"id": "c1", "kind": "storage", "recipients": [], "information": [], "given_on": "2026-01-01",
                 "written": true, "Zq.secret": 1}]}"#,
            Some("consents[0]"),
        ),
    ];
    for (input, path) in cases {
        let err = error(input);
        assert_eq!(err.kind(), ErrorKind::InvalidJson, "{input}");
        if let Some(path) = path {
            assert_eq!(err.path(), Some(path), "{input}");
        }
        assert!(!err.path().unwrap_or("").contains("Zq"), "{input}");
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
    // The document matches the schema; the rules reject it, at the second consent's id (never
    // "line 0 column 0" and a null path).
    let err = error(dup);
    assert_eq!((err.kind(), err.path()), (ErrorKind::InvalidInput, Some("consents[1].id")));
    assert!(err.message().contains("unique"), "{}", err.message());
    assert!(!err.message().contains("line"), "{}", err.message());
    let zero = r#"{"as_of": "2026-03-01", "requester": "police", "initiative": "request", "information": [], "consents": [],
        "serious_offence": {"straffeloven_section": 0, "likelihood": "certain"}}"#;
    assert_eq!(error(zero).kind(), ErrorKind::InvalidJson);
}

#[test]
fn schemas_are_available() {
    assert!(cli::schema("disclose-input").is_some());
    assert!(cli::schema("disclose-output").is_some());
}

/// Valid `disclose` documents covering every optional field.
fn payloads() -> Vec<Value> {
    vec![
        json!({"as_of": "2026-03-01", "requester": "unknown", "initiative": "request",
               "information": ["existence"], "consents": []}),
        json!({"as_of": "2022-06-01", "requester": "nav", "initiative": "own_initiative",
               "information": ["contact_details", "case_notes"],
               "consents": [{"id": "c1", "kind": "sharing", "recipients": ["nav"], "information": ["contact_details"],
                             "given_on": "2022-01-10", "written": true, "withdrawn_on": "2022-07-01"},
                            {"id": "s1", "kind": "storage", "recipients": [], "information": [],
                             "given_on": "2022-01-10", "written": true}],
               "child_concern": "general_worry", "child_welfare_order": false,
               "serious_offence": null, "danger_to_life_or_health": false}),
        json!({"as_of": "2020-12-31", "requester": "police", "initiative": "request",
               "information": ["whereabouts", "violence_history"], "consents": [],
               "child_concern": "trafficking", "child_welfare_order": true,
               "serious_offence": {"straffeloven_section": 312, "likelihood": "most_likely", "victim_age": 14,
                                   "peers_in_age_and_development": true},
               "danger_to_life_or_health": true}),
    ]
}

const SECRET: &str = "Zqsecret Nordmann";

/// Every leaf of a document (an empty array counts as a leaf).
fn leaves_of(v: &mut Value) -> Vec<&mut Value> {
    let inner = v.is_object() || v.as_array().is_some_and(|a| !a.is_empty());
    if !inner {
        return vec![v];
    }
    match v {
        Value::Object(m) => m.values_mut().flat_map(leaves_of).collect(),
        Value::Array(a) => a.iter_mut().flat_map(leaves_of).collect(),
        _ => Vec::new(),
    }
}

proptest::proptest! {
    #![proptest_config(krisesenter_testkit::config(256))]

    /// A valid document with one leaf replaced never makes `disclose` panic; an error is
    /// `invalid_json` or `invalid_input` and never repeats the input; an answer is JSON that
    /// never repeats it either.
    #[test]
    fn mutated_documents_never_panic_or_leak(
        pick in 0usize..3,
        which in proptest::prelude::any::<usize>(),
        replacement in proptest::prop_oneof![
            proptest::strategy::Just(Value::from(SECRET)),
            proptest::strategy::Just(Value::Null),
            proptest::strategy::Strategy::prop_map(proptest::prelude::any::<bool>(), Value::from),
            proptest::strategy::Strategy::prop_map(proptest::prelude::any::<i64>(), Value::from),
            proptest::strategy::Just(Value::from("2015-09-30")),
            proptest::strategy::Just(Value::from("2024-02-30")),
            proptest::strategy::Just(json!([SECRET])),
            proptest::strategy::Just(json!({"Zqsecret": SECRET})),
        ],
    ) {
        let mut doc = payloads()[pick].clone();
        let mut spots = leaves_of(&mut doc);
        let n = spots.len();
        *spots.swap_remove(which % n) = replacement;
        match cli::run("disclose", doc.to_string().as_bytes()) {
            Ok(out) => {
                proptest::prop_assert!(serde_json::from_str::<Value>(&out).is_ok());
                proptest::prop_assert!(!out.contains("Zqsecret"));
            }
            Err(err) => {
                proptest::prop_assert!(matches!(err.kind(), ErrorKind::InvalidJson | ErrorKind::InvalidInput));
                proptest::prop_assert!(!err.message().contains("Zqsecret"), "{}", err.message());
                proptest::prop_assert!(!err.path().unwrap_or("").contains("Zqsecret"));
            }
        }
    }
}
