//! Robustness of the CLI contract: no input makes any command panic, every error follows the
//! error contract and never repeats input values, and the committed schemas accept every
//! example payload in `docs/examples/` and the output the CLI gives for it.
//!
//! The fuzzing is property-based: arbitrary bytes, arbitrary JSON values, and mutations of
//! the valid example payloads (a leaf replaced, a field removed, an unknown field added).
//! Raise the number of cases with `PROPTEST_CASES`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

use std::path::{Path, PathBuf};

use krisesenter::cli::{self, ErrorKind};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// A marker that must never appear in an error message: it stands for personal data.
const SECRET: &str = "Zqsecret Nordmann";

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("examples")
}

/// `docs/examples/<command>*.json` for every command, as (command, payload).
fn example_payloads() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(examples_dir()) else { return out };
    let mut paths: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(command) = cli::command_names().find(|c| name == *c || name.starts_with(&format!("{c}-"))) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        out.push((command.to_owned(), serde_json::from_str(&text).unwrap()));
    }
    out
}

fn available(command: &str) -> bool {
    cli::schema(&format!("{command}-input")).is_some()
}

fn check_contract(command: &str, input: &[u8]) -> Result<(), TestCaseError> {
    match cli::run(command, input) {
        Ok(out) => {
            let parsed: Result<Value, _> = serde_json::from_str(&out);
            prop_assert!(parsed.is_ok(), "{command}: output is not JSON");
        }
        Err(err) => {
            let expected_kinds = if available(command) {
                vec![ErrorKind::InvalidJson, ErrorKind::InvalidInput]
            } else {
                vec![ErrorKind::UnknownCommand]
            };
            prop_assert!(expected_kinds.contains(&err.kind()), "{command}: kind {:?}", err.kind());
            prop_assert!(!err.message().contains("Zqsecret"), "{command}: message repeats input: {}", err.message());
            prop_assert!(!err.path().unwrap_or("").contains("Zqsecret"), "{command}: path repeats input");
            let line: Value = serde_json::from_str(&err.to_json_line()).unwrap();
            prop_assert_eq!(line["error"].as_object().map(Map::len), Some(3));
        }
    }
    Ok(())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        Just(Value::from(SECRET)),
        Just(Value::from("2026-02-29")),
        Just(Value::from("2026-03-01")),
        "[a-z_]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z_]{1,10}|Zqsecret", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every leaf path of a JSON value.
fn leaf_paths(v: &Value, prefix: &mut Vec<PathSeg>, out: &mut Vec<Vec<PathSeg>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(PathSeg::Key(k.clone()));
                out.push(prefix.clone());
                leaf_paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(PathSeg::Index(i));
                out.push(prefix.clone());
                leaf_paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathSeg {
    Key(String),
    Index(usize),
}

fn get_mut<'a>(v: &'a mut Value, path: &[PathSeg]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |cur, seg| match seg {
        PathSeg::Key(k) => cur.get_mut(k.as_str()),
        PathSeg::Index(i) => cur.get_mut(*i),
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(Value),
    Remove,
    AddUnknownField,
}

fn mutate(mut payload: Value, which: usize, mutation: Mutation) -> Value {
    let mut paths = Vec::new();
    leaf_paths(&payload, &mut Vec::new(), &mut paths);
    if paths.is_empty() {
        return payload;
    }
    let path = paths[which % paths.len()].clone();
    match mutation {
        Mutation::Replace(new) => {
            if let Some(slot) = get_mut(&mut payload, &path) {
                *slot = new;
            }
        }
        Mutation::Remove => {
            let (last, parent) = path.split_last().unwrap();
            match (get_mut(&mut payload, parent), last) {
                (Some(Value::Object(m)), PathSeg::Key(k)) => {
                    m.remove(k);
                }
                (Some(Value::Array(a)), PathSeg::Index(i)) => {
                    a.remove(*i);
                }
                _ => {}
            }
        }
        Mutation::AddUnknownField => {
            let (_, parent) = path.split_last().unwrap();
            if let Some(Value::Object(m)) = get_mut(&mut payload, parent) {
                m.insert("Zqsecret".into(), Value::from(SECRET));
            }
        }
    }
    payload
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![json_value().prop_map(Mutation::Replace), Just(Mutation::Remove), Just(Mutation::AddUnknownField),]
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(96))]

    /// cli-1: arbitrary bytes never make a command panic; errors follow the contract.
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256), c in 0..cli::COMMANDS.len()) {
        check_contract(cli::COMMANDS[c].name(), &bytes)?;
    }

    /// cli-1: arbitrary JSON values never make a command panic; errors follow the contract.
    #[test]
    fn arbitrary_json_never_panics(v in json_value(), c in 0..cli::COMMANDS.len()) {
        check_contract(cli::COMMANDS[c].name(), v.to_string().as_bytes())?;
    }

    /// cli-2: mutated valid payloads never make a command panic, and no error repeats input.
    #[test]
    fn mutated_examples_never_panic(which in any::<usize>(), m in mutation(), pick in any::<usize>()) {
        let examples = example_payloads();
        if !examples.is_empty() {
            let (command, payload) = &examples[pick % examples.len()];
            let mutated = mutate(payload.clone(), which, m);
            check_contract(command, mutated.to_string().as_bytes())?;
        }
    }
}

/// cli-3: every example payload in docs/examples/ validates against the committed input
/// schema, is accepted by the CLI, and the output validates against the committed output schema.
#[test]
fn committed_schemas_validate_every_example_payload() {
    let schema_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let load = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(schema_dir.join(format!("{name}.json"))).unwrap()).unwrap()
    };
    for (command, payload) in example_payloads() {
        let input_schema = jsonschema::validator_for(&load(&format!("{command}-input"))).unwrap();
        let errors: Vec<String> = input_schema.iter_errors(&payload).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{command} example fails its input schema: {errors:?}");
        let out = cli::run(&command, payload.to_string().as_bytes()).unwrap_or_else(|e| panic!("{command}: {e}"));
        let out: Value = serde_json::from_str(&out).unwrap();
        let output_schema = jsonschema::validator_for(&load(&format!("{command}-output"))).unwrap();
        let errors: Vec<String> = output_schema.iter_errors(&out).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{command} output fails its output schema: {errors:?}");
    }
}
