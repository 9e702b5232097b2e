//! The `assess` command of the JSON contract (docs/contract.md `assess`): exact field names and
//! values on the worked examples, and the error kind and path of bad input.

#![expect(clippy::unwrap_used, reason = "test helpers fail loudly")]

use krisesenter::cli::{ErrorKind, run};
use serde_json::{Value, json};

/// A request in the contract's shape: an ordinary victim on 2026-03-01.
fn request() -> Value {
    json!({
        "as_of": "2026-03-01",
        "applicant": {"age": 34, "gender": "female", "role": "victim"},
        "adaptation_needs": {"interpreter": false, "accessible_room": false, "sami": false, "pet": false},
        "accompanied_by_guardian": false,
        "children": [{"age": 5}],
        "violence": {"types": ["physical"], "relation": "former_partner"},
        "protection_need": true,
        "observations": {
            "active_substance_use": false, "can_care_for_self": true, "can_care_for_children": true,
            "danger_to_self": false, "danger_to_others": false, "frightening_behaviour": false,
            "serious_mental_illness": false, "needs_health_follow_up": false
        },
        "alternatives": [
            {"id": "skjermet", "model": "internal_unit",
             "accepts": {"genders": ["female", "male"], "active_substance_use": false,
                         "serious_mental_illness": true, "children": true}},
            {"id": "bemannet-bolig", "model": "cooperation_housing",
             "accepts": {"genders": ["female"], "active_substance_use": true,
                         "serious_mental_illness": false, "children": true}}
        ]
    })
}

fn assess(input: &Value) -> Value {
    serde_json::from_str(&run("assess", input.to_string().as_bytes()).unwrap()).unwrap()
}

fn codes(reasons: &Value) -> Vec<&str> {
    reasons.as_array().unwrap().iter().map(|r| r["code"].as_str().unwrap()).collect()
}

#[test]
fn an_ordinary_victim_gets_every_field_of_the_contract() {
    let out = assess(&request());
    let keys: Vec<&str> = out.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["adaptations", "alternative", "day", "phone", "referrals", "residential"]);
    assert_eq!(out["residential"]["outcome"], "offered");
    assert_eq!(codes(&out["residential"]["reasons"]), ["stay_offered"]);
    assert_eq!(out["day"]["outcome"], "offered");
    assert_eq!(out["phone"]["outcome"], "offered");
    assert_eq!(codes(&out["phone"]["reasons"]), ["phone_always_offered"]);
    assert_eq!(out["alternative"]["required"], false);
    assert_eq!(out["alternative"]["offer"], Value::Null);
    assert_eq!(out["adaptations"], json!([]));
    assert_eq!(out["referrals"], json!([]));
    // A Reason: code, messages in both languages, citations of the versions in force.
    let reason = &out["residential"]["reasons"][0];
    let fields: Vec<&str> = reason.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["citations", "code", "message_en", "message_nb"]);
    assert_eq!(
        reason["citations"],
        json!([
            {"statute": "krisesenterlova", "section": "1", "in_force_from": "2010-01-01"},
            {"statute": "krisesenterlova", "section": "2", "in_force_from": "2026-01-01"},
            {"statute": "krisesenterlova", "section": "3", "in_force_from": "2026-01-01"}
        ])
    );
    assert!(reason["message_nb"].as_str().unwrap().starts_with("Botilbud tilbys"));
}

#[test]
fn active_substance_use_gets_the_first_alternative_that_fits_from_2026() {
    let mut input = request();
    input["observations"]["active_substance_use"] = json!(true);
    let out = assess(&input);
    assert_eq!(out["residential"]["outcome"], "not_offered");
    assert_eq!(codes(&out["residential"]["reasons"]), ["active_substance_use"]);
    assert_eq!(out["day"]["outcome"], "individual_assessment");
    assert_eq!(out["alternative"]["required"], true);
    assert_eq!(out["alternative"]["offer"], json!({"id": "bemannet-bolig", "model": "cooperation_housing"}));
    assert_eq!(codes(&out["alternative"]["reasons"]), ["equal_alternative_offered"]);
    assert_eq!(out["referrals"], json!(["substance_treatment", "police"]));

    input["as_of"] = json!("2025-12-31");
    let out = assess(&input);
    assert_eq!(out["alternative"]["required"], false);
    assert_eq!(out["alternative"]["offer"], Value::Null);
    assert_eq!(codes(&out["alternative"]["reasons"]), ["alternative_not_a_duty_before_2026"]);
    assert_eq!(out["alternative"]["reasons"][0]["citations"][0]["in_force_from"], "2010-01-01");
}

#[test]
fn a_man_refused_with_no_alternative_for_men_is_a_gap_to_escalate() {
    let mut input = request();
    input["applicant"]["gender"] = json!("male");
    input["observations"]["active_substance_use"] = json!(true);
    let out = assess(&input);
    assert_eq!(out["alternative"]["required"], true);
    assert_eq!(out["alternative"]["offer"], Value::Null);
    assert_eq!(codes(&out["alternative"]["reasons"]), ["no_alternative_fits"]);
}

#[test]
fn a_relative_a_minor_and_adaptations() {
    let mut relative = request();
    relative["applicant"]["role"] = json!("relative");
    let out = assess(&relative);
    assert_eq!(out["residential"]["outcome"], "not_offered");
    assert_eq!(codes(&out["residential"]["reasons"]), ["stay_for_victims_only"]);
    assert_eq!(out["day"]["outcome"], "offered");

    let mut minor = request();
    minor["applicant"]["age"] = json!(15);
    minor.as_object_mut().unwrap().remove("accompanied_by_guardian");
    let out = assess(&minor);
    assert_eq!(codes(&out["residential"]["reasons"]), ["minor_without_guardian"]);
    assert_eq!(out["referrals"], json!(["child_welfare", "police"]));

    let mut adapted = request();
    adapted["adaptation_needs"] = json!({"interpreter": true, "accessible_room": false, "sami": true, "pet": true});
    adapted["applicant"]["protected"] = json!({"language": "nordsamisk", "religion": "Zq-tro"});
    let out = assess(&adapted);
    assert_eq!(codes(&out["adaptations"]), ["interpreter", "sami_users_rights", "pet_kennel"]);
    assert_eq!(out["residential"], assess(&request())["residential"]);
    assert!(!out.to_string().contains("Zq-tro"), "the output never repeats input text");
}

#[test]
fn optional_fields_may_be_left_out() {
    let mut input = request();
    let obj = input.as_object_mut().unwrap();
    obj.remove("adaptation_needs");
    obj.remove("accompanied_by_guardian");
    assert_eq!(assess(&input)["residential"]["outcome"], "offered");
}

fn error(input: &Value) -> (ErrorKind, Option<String>, String) {
    let err = run("assess", input.to_string().as_bytes()).unwrap_err();
    (err.kind(), err.path().map(str::to_owned), err.message().to_owned())
}

#[test]
fn bad_input_names_the_kind_and_the_path() {
    let mut unknown = request();
    unknown["observations"]["mood"] = json!("Kari Nordmann");
    let (kind, path, message) = error(&unknown);
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidJson, Some("observations")));
    assert!(!message.contains("Kari"));

    let mut top = request();
    top["Kari Nordmann"] = json!(1);
    let (kind, path, message) = error(&top);
    assert_eq!((kind, path), (ErrorKind::InvalidJson, None), "the path never names an unknown key");
    assert!(!message.contains("Kari"));

    let mut missing = request();
    missing["observations"].as_object_mut().unwrap().remove("danger_to_self");
    assert_eq!(error(&missing).0, ErrorKind::InvalidJson);

    let mut adult_child = request();
    adult_child["children"][0]["age"] = json!(18);
    let (kind, path, _) = error(&adult_child);
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidJson, Some("children[0].age")));

    let mut no_gender = request();
    no_gender["alternatives"][1]["accepts"]["genders"] = json!([]);
    let (kind, path, _) = error(&no_gender);
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidJson, Some("alternatives[1].accepts.genders")));

    // Two alternatives with one id match the schema; the rules reject the document.
    let mut twice = request();
    twice["alternatives"][1]["id"] = json!("skjermet");
    let (kind, path, message) = error(&twice);
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidInput, Some("alternatives[1].id")));
    assert!(message.contains("configured twice"), "{message}");

    let mut role = request();
    role["applicant"]["role"] = json!("perpetrator");
    let (kind, path, _) = error(&role);
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidJson, Some("applicant.role")));

    let mut early = request();
    early["as_of"] = json!("2009-12-31");
    let (kind, path, message) = error(&early);
    assert_eq!((kind, path.as_deref()), (ErrorKind::InvalidInput, Some("as_of")));
    assert!(message.contains("before krisesenterlova"), "{message}");
}

#[test]
fn schemas_are_available() {
    for name in ["assess-input", "assess-output"] {
        let schema: Value = serde_json::from_str(&run("schema", name.as_bytes()).unwrap()).unwrap();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
}

#[test]
fn worked_examples_validate_against_the_committed_schemas() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let load = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap()).unwrap()
    };
    let input_schema = jsonschema::validator_for(&load("assess-input")).unwrap();
    let output_schema = jsonschema::validator_for(&load("assess-output")).unwrap();
    let mut inputs = vec![request()];
    for (pointer, value) in [
        ("/observations/active_substance_use", json!(true)),
        ("/observations/needs_health_follow_up", json!(true)),
        ("/applicant/role", json!("professional")),
        ("/applicant/age", json!(16)),
        ("/as_of", json!("2025-06-01")),
    ] {
        let mut input = request();
        *input.pointer_mut(pointer).unwrap() = value;
        inputs.push(input);
    }
    for input in inputs {
        let errors: Vec<String> = input_schema.iter_errors(&input).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "input fails its schema: {errors:?}");
        let out = assess(&input);
        let errors: Vec<String> = output_schema.iter_errors(&out).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "output fails its schema: {errors:?}");
    }
    // The schema rejects what the parser rejects.
    let mut adult_child = request();
    adult_child["children"][0]["age"] = json!(18);
    assert!(!input_schema.is_valid(&adult_child));
    let mut unknown = request();
    unknown["observations"]["mood"] = json!(1);
    assert!(!input_schema.is_valid(&unknown));
}

/// The whole output document of one request, byte for byte: a change to the wire format,
/// a code, a message or a citation shows here as a diff.
#[test]
fn snapshot_of_a_professional_before_the_amendment() {
    let input = r#"{"as_of":"2025-12-31","applicant":{"age":47,"gender":"male","role":"professional"},"children":[],"violence":{"types":["psychological"],"relation":"family"},"protection_need":false,"observations":{"active_substance_use":false,"can_care_for_self":true,"can_care_for_children":true,"danger_to_self":false,"danger_to_others":false,"frightening_behaviour":false,"serious_mental_illness":false,"needs_health_follow_up":false},"adaptation_needs":{"interpreter":true,"accessible_room":false,"sami":true,"pet":false},"alternatives":[]}"#;
    let out = run("assess", input.as_bytes()).unwrap();
    assert_eq!(out, SNAPSHOT);
}

/// The output of `snapshot_of_a_professional_before_the_amendment` (Sami rights are not yet
/// an adaptation on 2025-12-31; ksl §3 is cited in its version of 2010-01-01).
const SNAPSHOT: &str = r#"{
  "residential": {
    "outcome": "not_offered",
    "reasons": [
      {
        "code": "stay_for_victims_only",
        "message_nb": "Botilbudet er for voldsutsatte; pårørende og ansatte i hjelpeapparatet får samtaler og telefon.",
        "message_en": "The stay is for those exposed to violence; relatives and professionals get conversations and the phone.",
        "citations": [
          {
            "statute": "krisesenterlova",
            "section": "1",
            "in_force_from": "2010-01-01"
          },
          {
            "statute": "krisesenterlova",
            "section": "2",
            "in_force_from": "2010-01-01"
          }
        ]
      }
    ]
  },
  "day": {
    "outcome": "offered",
    "reasons": [
      {
        "code": "day_for_relatives_and_professionals",
        "message_nb": "Pårørende og ansatte i hjelpeapparatet kan få samtaler med råd og veiledning.",
        "message_en": "Relatives and professionals may have conversations with advice and guidance.",
        "citations": [
          {
            "statute": "krisesenterlova",
            "section": "2",
            "in_force_from": "2010-01-01"
          }
        ]
      }
    ]
  },
  "phone": {
    "outcome": "offered",
    "reasons": [
      {
        "code": "phone_always_offered",
        "message_nb": "Telefontilbudet er åpent hele døgnet, hele året, for alle.",
        "message_en": "The phone service is open day and night, all year, to everyone.",
        "citations": [
          {
            "statute": "krisesenterlova",
            "section": "2",
            "in_force_from": "2010-01-01"
          }
        ]
      }
    ]
  },
  "alternative": {
    "required": false,
    "offer": null,
    "reasons": [
      {
        "code": "alternative_not_required_outside_target_group",
        "message_nb": "Likeverdig alternativt tilbud kreves for voldsutsatte i målgruppen som ikke kan bruke botilbudet.",
        "message_en": "An equal alternative is required for people in the target group who cannot use the stay.",
        "citations": [
          {
            "statute": "krisesenterlova",
            "section": "1",
            "in_force_from": "2010-01-01"
          },
          {
            "statute": "krisesenterlova",
            "section": "3",
            "in_force_from": "2010-01-01"
          }
        ]
      }
    ]
  },
  "adaptations": [
    {
      "code": "interpreter",
      "message_nb": "Tolk skal brukes ved behov.",
      "message_en": "An interpreter is used when needed.",
      "citations": [
        {
          "statute": "krisesenterlova",
          "section": "2",
          "in_force_from": "2010-01-01"
        },
        {
          "statute": "krisesenterlova",
          "section": "3",
          "in_force_from": "2010-01-01"
        }
      ]
    }
  ],
  "referrals": []
}"#;
