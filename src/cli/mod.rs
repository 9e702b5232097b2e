//! The JSON contract of `krisesenter-cli` (CONTRACT.md) as a pure function: a command name
//! and the bytes of one JSON document in, one JSON document or a contract error out.
//!
//! The example binary `examples/krisesenter-cli.rs` is only the shell around [`run`]: it
//! reads the input, prints the answer and sets the exit code. Keeping the contract here
//! lets tests and fuzzers drive every command in-process.
//!
//! # Example
//!
//! ```
//! use krisesenter::cli::{run, ErrorKind};
//! let err = run("nonsense", b"{}").unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::UnknownCommand);
//! let err = run("schema", b"no-such-schema").unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::UnknownCommand);
//! ```

use std::collections::BTreeSet;

use schemars::Schema;
use serde::Serialize;
use serde::de::DeserializeOwned;

mod allocate;
mod assess;
mod disclose;
mod error;
mod publish;
mod report;
mod retention;

pub use error::{CliError, ErrorKind, Locate};
pub use retention::RetentionRequest;

/// The commands that read a JSON document, in the order the contract lists them.
pub const COMMANDS: &[&str] = &["assess", "allocate", "disclose", "retention", "report", "publish"];

/// The names `schema NAME` accepts, in the order the contract lists them.
pub const SCHEMA_NAMES: &[&str] = &[
    "assess-input",
    "assess-output",
    "allocate-input",
    "allocate-output",
    "disclose-input",
    "disclose-output",
    "retention-input",
    "retention-output",
    "report-input",
    "report-output",
    "publish-input",
    "publish-output",
];

/// Runs one command on one input document and returns the output document.
///
/// For `schema`, `input` is the schema name (the binary passes its argument), not JSON.
///
/// # Errors
///
/// A [`CliError`] of kind `invalid_json` (the input is not JSON of the expected shape),
/// `invalid_input` (JSON of the right shape that the rules reject) or `unknown_command`.
/// No message repeats a value from the input.
pub fn run(command: &str, input: &[u8]) -> Result<String, CliError> {
    match command {
        "assess" => assess::run(input),
        "allocate" => allocate::run(input),
        "disclose" => disclose::run(input),
        "retention" => retention::run(input),
        "report" => report::run(input),
        "publish" => publish::run(input),
        "schema" => {
            let name = std::str::from_utf8(input).map_err(|_| CliError::unknown_schema())?.trim();
            let schema = schema(name).ok_or_else(CliError::unknown_schema)?;
            to_json(&schema)
        }
        _ => Err(CliError::unknown_command()),
    }
}

/// The JSON Schema (draft 2020-12) of one contract document, by its name in [`SCHEMA_NAMES`].
/// `None` for an unknown name, or for a command not yet available in this build.
pub fn schema(name: &str) -> Option<Schema> {
    let (command, direction) = name.rsplit_once('-')?;
    let input = match direction {
        "input" => true,
        "output" => false,
        _ => return None,
    };
    match command {
        "assess" => assess::schema(input),
        "allocate" => allocate::schema(input),
        "disclose" => disclose::schema(input),
        "retention" => retention::schema(input),
        "report" => report::schema(input),
        "publish" => publish::schema(input),
        _ => None,
    }
}

/// Every schema this build can produce, by name, in the order of [`SCHEMA_NAMES`].
pub fn all_schemas() -> Vec<(&'static str, Schema)> {
    SCHEMA_NAMES.iter().filter_map(|name| schema(name).map(|s| (*name, s))).collect()
}

/// Parses one input document, naming the path of the offending field on failure.
///
/// # Errors
///
/// [`CliError`] of kind `invalid_json` with the path of the offending field; the message
/// never repeats a value from the input.
pub fn parse<T: DeserializeOwned + schemars::JsonSchema>(input: &[u8]) -> Result<T, CliError> {
    let mut de = serde_json::Deserializer::from_slice(input);
    let value: T = serde_path_to_error::deserialize(&mut de)
        .map_err(|err| CliError::from_path_error(err).restrict_path(&known_names(&schema_of::<T>())))?;
    de.end().map_err(|e| CliError::from_json_error(&e, None))?;
    Ok(value)
}

/// Every name a document of this schema can hold by itself: property names and enum values.
/// A path segment outside this set (a map key, an unknown field) came from the input.
fn known_names(schema: &Schema) -> BTreeSet<String> {
    fn walk(value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    match (key.as_str(), child) {
                        ("properties", serde_json::Value::Object(props)) => out.extend(props.keys().cloned()),
                        ("enum", serde_json::Value::Array(values)) => {
                            out.extend(values.iter().filter_map(|v| v.as_str().map(str::to_owned)));
                        }
                        ("const", serde_json::Value::String(v)) => {
                            out.insert(v.clone());
                        }
                        _ => {}
                    }
                    walk(child, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(item, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(schema.as_value(), &mut out);
    out
}

/// Serialises one output document (pretty-printed).
///
/// # Errors
///
/// [`CliError`] when the value cannot be written as JSON (a map with non-string keys).
pub fn to_json<T: Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value).map_err(|_| CliError::internal())
}

/// The schema of a type, in the generator settings of the contract (draft 2020-12).
///
/// Descriptions come from the types' doc comments; the rustdoc sections after the summary
/// (`# Example`, `# Errors`) are for Rust readers and are left out of the schema.
pub fn schema_of<T: schemars::JsonSchema>() -> Schema {
    let schema =
        schemars::SchemaGenerator::new(schemars::generate::SchemaSettings::draft2020_12()).into_root_schema_for::<T>();
    let mut value = schema.clone().to_value();
    trim_descriptions(&mut value);
    Schema::try_from(value).unwrap_or(schema)
}

fn trim_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map.iter_mut() {
                if let (true, serde_json::Value::String(text)) = (key == "description", &mut *child) {
                    if let Some(cut) = text.find("\n\n# ") {
                        text.truncate(cut);
                    }
                } else {
                    trim_descriptions(child);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(trim_descriptions),
        _ => {}
    }
}
