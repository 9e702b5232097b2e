//! The OpenAPI document: valid OpenAPI 3.1, an operation for every command with its request,
//! its response and the error contract, and schemas that accept what the commands accept.
//!
//! The validator is the official OpenAPI 3.1 JSON Schema (`schema-2022-10-07.json`,
//! published by the OpenAPI Initiative at https://spec.openapis.org/oas/3.1/schema/2022-10-07,
//! Apache License 2.0), vendored in `tests/openapi-3.1/` with its source in the README there.
//! It refers only to itself and to the JSON Schema 2020-12 meta-schema, which the
//! `jsonschema` crate bundles: no network is needed. It leaves Schema Objects to their
//! dialect, so each component schema is checked against the 2020-12 meta-schema as well.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

mod common;

use common::{example_payloads, get, runtime, send};
use krisesenter::cli;
use krisesenter_http::{Config, Token, openapi, router};
use serde_json::{Value, json};

fn official_schema() -> Value {
    serde_json::from_str(include_str!("openapi-3.1/schema-2022-10-07.json")).unwrap()
}

/// A validator for one component of the document, its references resolved in the document.
fn component_validator(document: &Value, component: &str) -> jsonschema::Validator {
    let mut root = document.clone();
    let map = root.as_object_mut().unwrap();
    map.insert(String::from("$schema"), json!("https://json-schema.org/draft/2020-12/schema"));
    map.insert(String::from("$ref"), json!(format!("#/components/schemas/{component}")));
    jsonschema::options().with_draft(jsonschema::Draft::Draft202012).build(&root).unwrap()
}

/// http-11: the served document (with and without a token) is valid OpenAPI 3.1.
#[test]
fn the_document_is_valid_openapi_3_1() {
    let validator = jsonschema::validator_for(&official_schema()).unwrap();
    let mut with_token = Config::default();
    with_token.token = Some(Token::new("0123456789abcdef0123").unwrap());
    for config in [Config::default(), with_token] {
        let served = send(&runtime(), &router(&config), get("/openapi.json")).json();
        assert_eq!(served, openapi(&config), "the served document is the one built at startup");
        let errors: Vec<String> =
            validator.iter_errors(&served).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "not valid OpenAPI 3.1: {errors:#?}");
        assert_eq!(served["openapi"], "3.1.0");
        for (name, schema) in served["components"]["schemas"].as_object().unwrap() {
            assert!(jsonschema::meta::is_valid(schema), "{name} is not a valid JSON Schema 2020-12");
        }
    }
    // The official schema does reject a broken document (the validator is not vacuous).
    let mut broken = openapi(&Config::default());
    broken["paths"]["/v1/assess"]["post"]["responses"]["200"] = json!({"content": 5});
    assert!(!validator.is_valid(&broken));
}

/// http-12: every command is an operation with its request, its response and every error
/// answer; every reference in the document points at something in it.
#[test]
fn the_document_lists_every_command_with_the_error_contract() {
    let doc = openapi(&Config::default());
    for command in cli::COMMANDS {
        let name = command.name();
        let op = &doc["paths"][format!("/v1/{name}")]["post"];
        assert_eq!(op["operationId"], name);
        assert_eq!(op["summary"], command.summary());
        assert_eq!(
            op["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            format!("#/components/schemas/{name}-input")
        );
        assert_eq!(
            op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            format!("#/components/schemas/{name}-output")
        );
        for status in ["400", "413", "415", "422", "500", "503"] {
            let reference = op["responses"][status]["$ref"].as_str().unwrap_or_else(|| panic!("{name} {status}"));
            let component = reference.trim_start_matches("#/components/responses/");
            assert_eq!(
                doc["components"]["responses"][component]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/Error"
            );
        }
    }
    let names: Vec<String> = cli::schema_names().collect();
    assert_eq!(doc["paths"]["/v1/schemas/{name}"]["get"]["parameters"][0]["schema"]["enum"], json!(names));
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(refs.len() > 50);
    for reference in refs {
        let pointer = reference.strip_prefix('#').unwrap();
        assert!(doc.pointer(pointer).is_some(), "{reference} points at nothing");
    }
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if let ("$ref", Value::String(target)) = (key.as_str(), child) {
                    out.push(target.clone());
                } else {
                    collect_refs(child, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, out)),
        _ => {}
    }
}

/// http-13: through the document's own components, every example payload is a valid request,
/// the CLI's answer a valid response, and a contract error a valid error body; a payload with
/// an unknown field is not a valid request.
#[test]
fn the_documents_schemas_accept_what_the_commands_accept() {
    let doc = openapi(&Config::default());
    let error = component_validator(&doc, "Error");
    for (command, name, payload) in example_payloads() {
        let input: Value = serde_json::from_slice(&payload).unwrap();
        let request = component_validator(&doc, &format!("{command}-input"));
        let errors: Vec<String> = request.iter_errors(&input).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        let output: Value = serde_json::from_str(&cli::run(command, &payload).unwrap()).unwrap();
        let response = component_validator(&doc, &format!("{command}-output"));
        let errors: Vec<String> = response.iter_errors(&output).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name} output: {errors:?}");
        let mut unknown = input.clone();
        unknown.as_object_mut().unwrap().insert(String::from("zq_unknown"), json!(1));
        assert!(!request.is_valid(&unknown), "{name}: unknown fields are rejected");
        let err: Value = serde_json::from_str(&cli::run(command, b"[]").unwrap_err().to_json_line()).unwrap();
        assert!(error.is_valid(&err), "{command}: the error line fits the Error schema");
    }
}
