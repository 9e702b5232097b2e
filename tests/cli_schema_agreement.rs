//! The kinds of error mean one thing each (docs/contract.md "Errors"): the committed input
//! schema rejects a document exactly when the CLI answers `invalid_json`. Every single-field
//! constraint (a range, a pattern, a required field, a date's form) is in the schema; what the
//! CLI refuses beyond it is `invalid_input`, a rule over the document as a whole.
//!
//! Two properties for every command: arbitrary JSON values, and the valid payloads of
//! `docs/examples/` mutated (a leaf replaced by a value near a boundary, a field removed, an
//! unknown field added, an array element repeated). Raise the number of cases with
//! `PROPTEST_CASES`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod payloads;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use krisesenter::cli::{self, ErrorKind};
use payloads::{example_payloads, pointers, remove_at};
use proptest::prelude::*;
use serde_json::Value;

/// The committed input schema of every command, with format validation on (a `date` must be a
/// real calendar day, as the CLI reads it).
fn validators() -> &'static BTreeMap<String, jsonschema::Validator> {
    static VALIDATORS: OnceLock<BTreeMap<String, jsonschema::Validator>> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas");
        cli::command_names()
            .map(|command| {
                let text = std::fs::read_to_string(dir.join(format!("{command}-input.json"))).unwrap();
                let schema: Value = serde_json::from_str(&text).unwrap();
                let validator = jsonschema::options().should_validate_formats(true).build(&schema).unwrap();
                (command.to_owned(), validator)
            })
            .collect()
    })
}

/// `docs/examples/<command>*.json` for every command, as (command, payload).
fn payloads() -> &'static [(String, Value)] {
    static PAYLOADS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    PAYLOADS.get_or_init(example_payloads)
}

/// The schema and the CLI agree on `value`: the schema rejects it exactly when the CLI answers
/// `invalid_json`.
fn agree(command: &str, value: &Value) -> Result<(), TestCaseError> {
    let schema_accepts = validators()[command].is_valid(value);
    let answer = cli::run(command, value.to_string().as_bytes());
    let invalid_json = matches!(&answer, Err(e) if e.kind() == ErrorKind::InvalidJson);
    if schema_accepts == invalid_json {
        let schema_says: Vec<String> =
            validators()[command].iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        let cli_says = answer.err().map(|e| e.to_json_line());
        return Err(TestCaseError::fail(format!(
            "{command}: the schema says {schema_says:?}, the CLI {cli_says:?}, for {value}"
        )));
    }
    Ok(())
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![
            Just(-1i64),
            Just(0),
            Just(1),
            Just(2),
            Just(4),
            Just(5),
            Just(6),
            Just(17),
            Just(18),
            Just(100),
            Just(101),
            Just(120),
            Just(121),
            Just(255),
            Just(256),
            Just(65_535),
            Just(65_536),
            Just(i64::from(u32::MAX) + 1),
            any::<i64>()
        ]
        .prop_map(Value::from),
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!(3.0)),
        Just(serde_json::json!(2.5)),
        Just(serde_json::json!(-0.5)),
        Just(serde_json::json!(1e300)),
        (-1e6f64..1e6).prop_map(Value::from),
        prop_oneof![
            Just(""),
            Just("a"),
            Just("r01"),
            Just("3205"),
            Just("320"),
            Just("Zq Nordmann"),
            Just("2026-03-01"),
            Just("2026-3-1"),
            Just("2026-02-30"),
            Just("female"),
            Just("physical"),
            Just("police"),
            Just("straffeloven"),
        ]
        .prop_map(Value::from),
        "[a-z_0-9.-]{0,12}".prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(Value),
    Remove,
    AddUnknownField,
    RepeatElement,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => leaf().prop_map(Mutation::Replace),
        1 => json_value().prop_map(Mutation::Replace),
        2 => Just(Mutation::Remove),
        1 => Just(Mutation::AddUnknownField),
        1 => Just(Mutation::RepeatElement),
    ]
}

/// Applies `mutation` at the `which`-th value of `payload`.
fn mutate(mut payload: Value, which: usize, mutation: &Mutation) -> Value {
    let mut all = Vec::new();
    pointers(&payload, "", &mut all);
    let Some(pointer) = all.get(which % all.len().max(1)).cloned() else { return payload };
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    match mutation {
        Mutation::Replace(new) => *payload.pointer_mut(&pointer).unwrap() = new.clone(),
        Mutation::Remove => remove_at(&mut payload, parent, last),
        Mutation::AddUnknownField => {
            if let Some(Value::Object(map)) = payload.pointer_mut(parent) {
                map.insert("zq_unknown".to_owned(), Value::from(1));
            }
        }
        Mutation::RepeatElement => {
            if let Some(Value::Array(items)) = payload.pointer_mut(parent) {
                let element = items[last.parse::<usize>().unwrap()].clone();
                items.push(element);
            }
        }
    }
    payload
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(128))]

    /// cli-4: for arbitrary JSON values, every command: the committed schema rejects the
    /// value exactly when the CLI answers `invalid_json`.
    #[test]
    fn the_schema_rejects_exactly_what_is_invalid_json(v in json_value(), c in 0..cli::COMMANDS.len()) {
        agree(cli::COMMANDS[c].name(), &v)?;
    }

    /// cli-4: likewise for the example payloads, mutated once or twice.
    #[test]
    fn the_schema_rejects_exactly_what_is_invalid_json_in_mutated_payloads(
        pick in any::<usize>(),
        edits in proptest::collection::vec((any::<usize>(), mutation()), 1..3),
    ) {
        let (command, payload) = &payloads()[pick % payloads().len()];
        let mut doc = payload.clone();
        for (which, m) in &edits {
            doc = mutate(doc, *which, m);
        }
        agree(command, &doc)?;
    }
}

/// Every example payload is accepted by both (the base the mutations start from).
#[test]
fn every_example_payload_is_accepted_by_both() {
    for (command, payload) in payloads() {
        agree(command, payload).unwrap();
        assert!(cli::run(command, payload.to_string().as_bytes()).is_ok(), "{command}");
    }
}
