//! The example payloads of `docs/examples/` and walking a JSON value: shared by the tests that
//! try malformed forms of every payload of every command.

#![allow(dead_code, reason = "each test file uses what it needs of this module")]
#![allow(clippy::unwrap_used, reason = "test support fails loudly")]

use std::path::PathBuf;

use krisesenter::cli;
use serde_json::Value;

/// `docs/examples/<command>*.json` for every command, as (command, payload), in file order;
/// at least one per command.
pub(crate) fn example_payloads() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if let Some(command) = cli::command_names().find(|c| name == *c || name.starts_with(&format!("{c}-"))) {
            out.push((command.to_owned(), serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()));
        }
    }
    assert!(out.len() >= cli::COMMANDS.len(), "a payload per command");
    out
}

/// The JSON pointer of every value inside `value` (not the root), appended to `out`.
pub(crate) fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(here.clone());
                pointers(v, &here, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let here = format!("{at}/{i}");
                out.push(here.clone());
                pointers(v, &here, out);
            }
        }
        _ => {}
    }
}

/// Removes the value at `parent`/`last` (a pointer from [`pointers`] split at its last `/`):
/// the key from an object, the element from an array.
pub(crate) fn remove_at(payload: &mut Value, parent: &str, last: &str) {
    match payload.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.remove(&last.replace("~1", "/").replace("~0", "~"));
        }
        Value::Array(items) => {
            items.remove(last.parse::<usize>().unwrap());
        }
        _ => {}
    }
}
