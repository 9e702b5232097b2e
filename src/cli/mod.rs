//! The JSON contract of `krisesenter-cli` (docs/contract.md) as a pure function: a command name
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
mod case;
mod disclose;
mod error;
mod publish;
mod report;
mod retention;
mod shape;
mod strict;

pub use error::{CliError, ErrorKind, Locate};
pub use retention::RetentionRequest;

/// One command of the contract: its name, what it does, its handler and its schemas.
///
/// [`COMMANDS`] is the one table of commands: dispatch ([`run`]), help ([`help`]) and the
/// schema export ([`all_schemas`]) all read it, so a command is added in one place.
#[derive(Clone, Copy)]
pub struct Command {
    name: &'static str,
    summary_en: &'static str,
    handler: fn(&[u8], &mut dyn std::io::Write) -> Result<(), RunError>,
    schema: fn(bool) -> Option<Schema>,
}

impl Command {
    /// The command's name, as the binary's first argument.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// One line on what the command decides, in English.
    pub const fn summary(&self) -> &'static str {
        self.summary_en
    }

    /// Runs the command on one input document (see [`run`]).
    ///
    /// # Errors
    ///
    /// A [`CliError`] as [`run`] describes.
    pub fn run(&self, input: &[u8]) -> Result<String, CliError> {
        let mut out = Vec::new();
        match (self.handler)(input, &mut out) {
            Ok(()) => String::from_utf8(out).map_err(|_| CliError::internal()),
            Err(RunError::Input(err)) => Err(err),
            Err(RunError::Output(_)) => Err(CliError::internal()),
        }
    }

    /// Runs the command on one input document and writes the output document to `out` as it
    /// is serialised (no string of the whole document is built); the bytes are those of
    /// [`Command::run`].
    ///
    /// # Errors
    ///
    /// [`RunError::Input`] as [`run`] describes, before any byte is written;
    /// [`RunError::Output`] when `out` refuses a write.
    pub fn run_to(&self, input: &[u8], out: &mut dyn std::io::Write) -> Result<(), RunError> {
        (self.handler)(input, out)
    }

    /// The JSON Schema of the command's input document.
    pub fn input_schema(&self) -> Option<Schema> {
        (self.schema)(true)
    }

    /// The JSON Schema of the command's output document.
    pub fn output_schema(&self) -> Option<Schema> {
        (self.schema)(false)
    }
}

impl std::fmt::Debug for Command {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Command").field("name", &self.name).finish_non_exhaustive()
    }
}

/// The commands that read a JSON document, in the order the contract lists them.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "assess",
        summary_en: "eligibility and needs: the offer for every service and the equal alternative",
        handler: assess::run,
        schema: assess::schema,
    },
    Command {
        name: "allocate",
        summary_en: "rooms and beds: households placed optimally, the unplaced with reasons",
        handler: allocate::run,
        schema: allocate::schema,
    },
    Command {
        name: "disclose",
        summary_en: "confidentiality, sharing and duties: who may learn what",
        handler: disclose::run,
        schema: disclose::schema,
    },
    Command {
        name: "retention",
        summary_en: "keep, delete or hold each record on a day",
        handler: retention::run,
        schema: retention::schema,
    },
    Command {
        name: "report",
        summary_en: "statistics of a period from stays and day contacts",
        handler: report::run,
        schema: report::schema,
    },
    Command {
        name: "publish",
        summary_en: "a report made safe to publish, small cells suppressed",
        handler: publish::run,
        schema: publish::schema,
    },
    Command {
        name: "case",
        summary_en: "the case over time: stage, plans, outcome of the stay and the steps due (an addition to the contract)",
        handler: case::run,
        schema: case::schema,
    },
];

/// Why a command gave no output document: the input (the error contract, exit 2) or the
/// writer (exit 1).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The input was not acceptable; nothing was written.
    #[error(transparent)]
    Input(#[from] CliError),
    /// The output could not be written (a full disk, a closed pipe).
    #[error("the output could not be written")]
    Output(#[source] std::io::Error),
}

/// The command of this name, if there is one.
pub fn command(name: &str) -> Option<&'static Command> {
    COMMANDS.iter().find(|c| c.name == name)
}

/// The names of the commands, in the order of [`COMMANDS`].
pub fn command_names() -> impl Iterator<Item = &'static str> {
    COMMANDS.iter().map(Command::name)
}

/// The names `schema NAME` accepts (`<command>-input`, `<command>-output`), in the order of
/// [`COMMANDS`].
pub fn schema_names() -> impl Iterator<Item = String> {
    COMMANDS.iter().flat_map(|c| [format!("{}-input", c.name), format!("{}-output", c.name)])
}

/// Runs one command on one input document and returns the output document.
///
/// For `schema`, `input` is the schema name (the binary passes its argument), not JSON.
///
/// # Errors
///
/// A [`CliError`] of kind `invalid_json` (the input is not JSON of the expected shape),
/// `invalid_input` (JSON of the right shape that the rules reject) or `unknown_command`.
/// No message repeats a value from the input.
pub fn run(command_name: &str, input: &[u8]) -> Result<String, CliError> {
    if command_name == "schema" {
        let name = std::str::from_utf8(input).map_err(|_| CliError::unknown_schema())?.trim();
        let schema = schema(name).ok_or_else(CliError::unknown_schema)?;
        return to_json(&schema);
    }
    command(command_name).ok_or_else(CliError::unknown_command)?.run(input)
}

/// Runs one command as [`run`] does and writes the output document to `out` while it is
/// serialised: the same bytes as [`run`]'s string, without building it.
///
/// # Errors
///
/// [`RunError::Input`] with the [`CliError`] of [`run`] (nothing written);
/// [`RunError::Output`] when `out` refuses a write.
pub fn run_to(command_name: &str, input: &[u8], out: &mut dyn std::io::Write) -> Result<(), RunError> {
    if command_name == "schema" {
        let name = std::str::from_utf8(input).map_err(|_| CliError::unknown_schema())?.trim();
        let schema = schema(name).ok_or_else(CliError::unknown_schema)?;
        return write_json(&schema, out);
    }
    command(command_name).ok_or_else(CliError::unknown_command)?.run_to(input, out)
}

/// The JSON Schema (draft 2020-12) of one contract document, by its name in [`schema_names`].
/// `None` for an unknown name.
pub fn schema(name: &str) -> Option<Schema> {
    let (name, direction) = name.rsplit_once('-')?;
    let command = command(name)?;
    match direction {
        "input" => command.input_schema(),
        "output" => command.output_schema(),
        _ => None,
    }
}

/// Every schema this build can produce, by name, in the order of [`schema_names`].
pub fn all_schemas() -> Vec<(String, Schema)> {
    schema_names().filter_map(|name| schema(&name).map(|s| (name, s))).collect()
}

/// The usage text of the binary: the commands from [`COMMANDS`], how input is given, the
/// schemas and the exit codes.
pub fn help() -> String {
    let mut out = String::from(
        "krisesenter-cli: the rules of Norwegian crisis shelters as a JSON contract\n\n\
         usage:\n  krisesenter-cli <command> [--input FILE]   read one JSON document from FILE or standard input\n  \
         krisesenter-cli schema [NAME]              print the JSON Schema NAME, or list the names\n  \
         krisesenter-cli help [<command>]           this text, or one command's\n  \
         krisesenter-cli --version\n\ncommands:\n",
    );
    for c in COMMANDS {
        out.push_str(&format!("  {:<10} {}\n", c.name, c.summary_en));
    }
    out.push_str(
        "\nexit codes:\n  0  success: one JSON document on standard output\n  \
         2  the input was not acceptable: one JSON line {\"error\": {\"kind\", \"message\", \"path\"}} on standard error\n  \
         1  the output could not be written\n",
    );
    out
}

/// The help text of one command: what it decides and where its schemas are.
pub fn command_help(name: &str) -> Option<String> {
    let c = command(name)?;
    Some(format!(
        "krisesenter-cli {name} [--input FILE]\n\n{summary}.\n\n\
         Reads one JSON document (schema: `krisesenter-cli schema {name}-input`, or schemas/{name}-input.json)\n\
         and writes one (schema: `krisesenter-cli schema {name}-output`).\n\
         Without --input it reads standard input. Working payloads: docs/examples/.\n",
        summary = c.summary_en
    ))
}

/// Parses one input document as strictly as [`parse`] (objects only from objects, no
/// repeated key) but without tracking the path, for large documents: on failure, parse again
/// with [`parse`] to name the offending field.
///
/// # Errors
///
/// The serde_json error, which may hold input values: never show it, parse again with [`parse`].
pub fn parse_fast<T: DeserializeOwned>(input: &[u8]) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(input);
    let value = T::deserialize(strict::Strict(&mut de))?;
    de.end()?;
    Ok(value)
}

/// Parses one input document, naming the path of the offending field on failure.
///
/// # Errors
///
/// [`CliError`] of kind `invalid_json` with the path of the offending field; the message
/// never repeats a value from the input.
pub fn parse<T: DeserializeOwned + schemars::JsonSchema>(input: &[u8]) -> Result<T, CliError> {
    match parse_once::<T>(input) {
        Err(rule) if rule.kind() == ErrorKind::InvalidInput => Err(shape::first_shape_error::<T>(input, rule)),
        other => other,
    }
}

fn parse_once<T: DeserializeOwned + schemars::JsonSchema>(input: &[u8]) -> Result<T, CliError> {
    let mut de = serde_json::Deserializer::from_slice(input);
    let value: T = serde_path_to_error::deserialize(strict::Strict(&mut de))
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

/// Writes one output document (pretty-printed, as [`to_json`]) to `out` while serialising it.
///
/// # Errors
///
/// [`RunError::Output`] when `out` refuses a write; [`RunError::Input`] (internal) when the
/// value cannot be written as JSON.
pub fn write_json<T: Serialize>(value: &T, out: &mut dyn std::io::Write) -> Result<(), RunError> {
    serde_json::to_writer_pretty(out, value).map_err(|err| {
        if err.is_io() { RunError::Output(std::io::Error::from(err)) } else { RunError::Input(CliError::internal()) }
    })
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
    pattern_dates(&mut value);
    bound_integers(&mut value);
    Schema::try_from(value).unwrap_or(schema)
}

/// The pattern of a contract date, `YYYY-MM-DD` exactly (docs/contract.md conventions).
pub const DATE_PATTERN: &str = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/// Gives every `"format": "date"` a `pattern` beside it: the CLI reads a date only when
/// written exactly `YYYY-MM-DD` ([`krisesenter_core::date::exact`]), and a validator that
/// does not check formats (most do not by default) then rejects what the CLI rejects.
fn pattern_dates(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("format").and_then(serde_json::Value::as_str) == Some("date") && !map.contains_key("pattern") {
                map.insert("pattern".to_owned(), serde_json::Value::from(DATE_PATTERN));
            }
            map.values_mut().for_each(pattern_dates);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(pattern_dates),
        _ => {}
    }
}

/// Gives every integer of a fixed width the bounds of its width where schemars leaves them out
/// (`uint64` has no `maximum`): a number the CLI cannot read as that integer (`1e300`) is then
/// one the schema rejects.
fn bound_integers(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            let bounds: Option<(serde_json::Value, serde_json::Value)> =
                match map.get("format").and_then(serde_json::Value::as_str) {
                    Some("uint8") => Some((0.into(), u8::MAX.into())),
                    Some("uint16") => Some((0.into(), u16::MAX.into())),
                    Some("uint32") => Some((0.into(), u32::MAX.into())),
                    Some("uint64") => Some((0.into(), u64::MAX.into())),
                    Some("int8") => Some((i8::MIN.into(), i8::MAX.into())),
                    Some("int16") => Some((i16::MIN.into(), i16::MAX.into())),
                    Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
                    Some("int64") => Some((i64::MIN.into(), i64::MAX.into())),
                    _ => None,
                };
            if let Some((min, max)) = bounds {
                map.entry("minimum").or_insert(min);
                map.entry("maximum").or_insert(max);
            }
            map.values_mut().for_each(bound_integers);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(bound_integers),
        _ => {}
    }
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
