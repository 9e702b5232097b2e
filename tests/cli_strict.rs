//! The contract's input read exactly (issue: strict input): every object of the contract must
//! be a JSON object, and no object names a key twice. Each malformed form is `invalid_json`,
//! for every object of every example payload in `docs/examples/`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod payloads;

use krisesenter::cli::{self, ErrorKind};
use payloads::example_payloads as payloads;
use serde_json::Value;

/// The JSON pointer of every object in `value` (the root included).
fn objects(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            out.push(at.clone());
            for (k, v) in map {
                objects(v, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                objects(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// An array where an object belongs, holding the object's values in order (what a lenient
/// reader would take field by field), is `invalid_json`, at every object of every payload.
#[test]
fn an_array_in_place_of_any_object_is_invalid_json() {
    let mut checked = 0;
    for (command, payload) in payloads() {
        assert!(cli::run(&command, payload.to_string().as_bytes()).is_ok(), "{command}: the payload itself is valid");
        let mut pointers = Vec::new();
        objects(&payload, String::new(), &mut pointers);
        for pointer in pointers {
            let mut doc = payload.clone();
            let target = doc.pointer_mut(&pointer).unwrap();
            let values: Vec<Value> = target.as_object().unwrap().values().cloned().collect();
            *target = Value::Array(values);
            let err = cli::run(&command, doc.to_string().as_bytes()).expect_err(&format!("{command} {pointer}"));
            assert_eq!(err.kind(), ErrorKind::InvalidJson, "{command} {pointer}: {}", err.message());
            checked += 1;
        }
    }
    assert!(checked > 20, "every kind of object was tried ({checked})");
}

/// Writes `value` as JSON text, repeating the first key of the object at `target`.
fn with_repeated_key(value: &Value, at: &str, target: &str, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            if at == target {
                if let Some(first) = entries.first().copied() {
                    entries.push(first);
                }
            }
            out.push('{');
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                with_repeated_key(v, &format!("{at}/{k}"), target, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                with_repeated_key(v, &format!("{at}/{i}"), target, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// A key named twice in one object, a struct's field or a map's key (the publish report's
/// municipalities), is `invalid_json`: the last one never silently wins.
#[test]
fn a_repeated_key_in_any_object_is_invalid_json() {
    let mut checked = 0;
    for (command, payload) in payloads() {
        let mut pointers = Vec::new();
        objects(&payload, String::new(), &mut pointers);
        for pointer in pointers {
            if payload.pointer(&pointer).and_then(Value::as_object).is_none_or(serde_json::Map::is_empty) {
                continue;
            }
            let mut text = String::new();
            with_repeated_key(&payload, "", &pointer, &mut text);
            let err = cli::run(&command, text.as_bytes()).expect_err(&format!("{command} {pointer}"));
            assert_eq!(err.kind(), ErrorKind::InvalidJson, "{command} {pointer}: {}", err.message());
            checked += 1;
        }
    }
    assert!(checked > 20, "every kind of object was tried ({checked})");
}

/// The publish input's maps (municipalities and the like) were where the last key won.
#[test]
fn a_repeated_municipality_in_publish_is_refused() {
    let (_, payload) = payloads().into_iter().find(|(c, _)| c == "publish").unwrap();
    let text = payload.to_string();
    let map_start = text.find("\"municipalities\":{").unwrap() + "\"municipalities\":{".len();
    let first_entry_end = map_start + text[map_start..].find([',', '}']).unwrap();
    let entry = &text[map_start..first_entry_end];
    let doubled = format!("{}{entry},{}", &text[..map_start], &text[map_start..]);
    let err = cli::run("publish", doubled.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidJson);
    assert!(err.message().contains("duplicate key"), "{}", err.message());
}
