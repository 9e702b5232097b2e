//! Every date of every command's input is read exactly `YYYY-MM-DD` (docs/contract.md conventions):
//! a month or day without its leading zero, a sign, surrounding spaces or an impossible day is
//! `invalid_json` at the date's path, with a message that says the expected form, and the
//! committed input schema rejects the same document.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod payloads;

use std::path::PathBuf;

use krisesenter::cli::{self, ErrorKind};
use payloads::example_payloads as payloads;
use serde_json::Value;

fn input_schema(command: &str) -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("schemas/{command}-input.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// Every string leaf that is a date, as (JSON pointer, the CLI's path of it).
fn dates(value: &Value, pointer: String, path: String, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let sub = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                dates(v, format!("{pointer}/{k}"), sub, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                dates(v, format!("{pointer}/{i}"), format!("{path}[{i}]"), out);
            }
        }
        Value::String(s) if krisesenter::core::date::parse_exact(s).is_some() => out.push((pointer, path)),
        _ => {}
    }
}

/// The malformed spellings of a correct date `YYYY-MM-DD` that a lenient reader accepts, and
/// two it cannot (another separator, a day that does not exist).
fn malformed(date: &str) -> Vec<String> {
    let (y, rest) = date.split_at(4);
    let (m, d) = (&rest[1..3], &rest[4..6]);
    let unpadded = |s: &str| s.trim_start_matches('0').to_owned();
    let forms = vec![
        format!("{y}-{}-{}", unpadded(m), unpadded(d)),
        format!("{y}-{m}-{}", unpadded(d)),
        format!("{y}-{}-{d}", unpadded(m)),
        format!("+{date}"),
        format!(" {date}"),
        format!("{date} "),
        format!("{y}/{m}/{d}"),
        format!("{y}-02-30"),
    ];
    forms.into_iter().filter(|form| form != date).collect()
}

/// Each malformed form of each date of every example payload, every command.
#[test]
fn every_date_of_every_command_is_read_exactly() {
    let mut commands = std::collections::BTreeSet::new();
    let mut checked = 0;
    for (command, payload) in payloads() {
        let schema = input_schema(&command);
        let mut found = Vec::new();
        dates(&payload, String::new(), String::new(), &mut found);
        for (pointer, path) in found {
            let date = payload.pointer(&pointer).unwrap().as_str().unwrap().to_owned();
            for bad in malformed(&date) {
                let mut doc = payload.clone();
                *doc.pointer_mut(&pointer).unwrap() = Value::from(bad.clone());
                let err =
                    cli::run(&command, doc.to_string().as_bytes()).expect_err(&format!("{command} {path} {bad:?}"));
                assert_eq!(err.kind(), ErrorKind::InvalidJson, "{command} {path} {bad:?}: {}", err.message());
                assert_eq!(err.path(), Some(path.as_str()), "{command} {bad:?}: {}", err.message());
                assert!(err.message().contains("YYYY-MM-DD"), "{command} {path}: {}", err.message());
                assert!(!err.message().contains(bad.trim()), "{command} {path}: the message repeats the value");
                if bad != format!("{}-02-30", &date[..4]) {
                    assert!(!schema.is_valid(&doc), "{command} {path} {bad:?}: the schema accepts it");
                }
                checked += 1;
            }
            commands.insert(command.clone());
        }
    }
    for command in ["assess", "allocate", "disclose", "retention", "report", "publish", "case"] {
        assert!(commands.contains(command), "{command}: a payload with a date was tried");
    }
    assert!(checked > 100, "{checked}");
}

/// Worked examples on several commands: the issue's forms, at the field that holds them.
#[test]
fn the_issues_malformed_dates_are_invalid_json_with_the_expected_form() {
    let cases: [(&str, &str, &str, &str); 5] = [
        ("retention", "/as_of", "as_of", "2026-3-1"),
        ("assess", "/as_of", "as_of", "2026-03-1"),
        ("disclose", "/consents/0/given_on", "consents[0].given_on", "+2026-03-01"),
        ("report", "/stays/0/check_in", "stays[0].check_in", " 2025-01-03"),
        ("publish", "/report/period/to", "report.period.to", "2025-12-31 "),
    ];
    let payloads = payloads();
    for (command, pointer, path, bad) in cases {
        let (_, payload) = payloads.iter().find(|(c, p)| c == command && p.pointer(pointer).is_some()).unwrap();
        let mut doc = payload.clone();
        *doc.pointer_mut(pointer).unwrap() = Value::from(bad);
        let err = cli::run(command, doc.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidJson, "{command}");
        assert_eq!(err.path(), Some(path), "{command}");
        assert!(err.message().starts_with("expected a date written YYYY-MM-DD"), "{command}: {}", err.message());
    }
}
