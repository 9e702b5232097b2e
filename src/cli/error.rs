//! The error contract: kind, message and path, never a value from the input.

use std::collections::BTreeSet;

use serde::Serialize;
use thiserror::Error;

/// The kind of a contract error, as CONTRACT.md spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Not JSON, or JSON of the wrong shape (a missing or unknown field, a wrong type).
    InvalidJson,
    /// JSON of the right shape that the rules reject.
    InvalidInput,
    /// No such command (or, for `schema`, no such schema).
    UnknownCommand,
    /// An addition to the contract: the binary could not write its output (a full disk, a
    /// closed pipe); it exits 1.
    OutputFailed,
}

/// An error of the CLI contract: `{"error": {"kind", "message", "path"}}` on standard error.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
#[error("{kind:?} at {path:?}: {message}")]
pub struct CliError {
    kind: ErrorKind,
    message: String,
    path: Option<String>,
}

#[derive(Serialize)]
struct Envelope<'a> {
    error: &'a CliError,
}

impl CliError {
    /// An error of `kind`. The message must not repeat values from the input.
    pub fn new(kind: ErrorKind, message: impl Into<String>, path: Option<String>) -> Self {
        Self { kind, message: message.into(), path }
    }

    /// Input the rules reject; `message` comes from a domain error, which never holds personal data.
    pub fn invalid_input(message: impl std::fmt::Display, path: Option<&str>) -> Self {
        Self::new(ErrorKind::InvalidInput, message.to_string(), path.map(str::to_owned))
    }

    /// The error for a command name that is not in the table (the name is never repeated).
    pub fn unknown_command_name() -> Self {
        Self::unknown_command()
    }

    pub(crate) fn unknown_command() -> Self {
        Self::new(
            ErrorKind::UnknownCommand,
            format!(
                "unknown command; expected one of {}, schema",
                super::command_names().collect::<Vec<_>>().join(", ")
            ),
            None,
        )
    }

    pub(crate) fn unknown_schema() -> Self {
        Self::new(
            ErrorKind::UnknownCommand,
            format!("unknown schema name; expected one of {}", super::schema_names().collect::<Vec<_>>().join(", ")),
            None,
        )
    }

    pub(crate) fn internal() -> Self {
        Self::new(ErrorKind::InvalidInput, "the output could not be written as JSON", None)
    }

    pub(crate) fn from_path_error(err: serde_path_to_error::Error<serde_json::Error>) -> Self {
        let mut path = err.path().to_string();
        // An unknown field's name comes from the input; serde_path_to_error ends the path in
        // it. Point at the object that holds it instead.
        let message = err.inner().to_string();
        if let Some(name) = message.strip_prefix("unknown field `").and_then(|rest| rest.split('`').next()) {
            if path == name {
                path.clear();
            } else if let Some(parent) = path.strip_suffix(name).and_then(|p| p.strip_suffix('.')) {
                path = parent.to_owned();
            }
        }
        let path = if path == "." || path.is_empty() { None } else { Some(sanitise_path(&path)) };
        Self::from_json_error(err.inner(), path)
    }

    pub(crate) fn from_json_error(err: &serde_json::Error, path: Option<String>) -> Self {
        use serde_json::error::Category;
        let position = format!("line {} column {}", err.line(), err.column());
        let message = match err.classify() {
            Category::Io | Category::Syntax => format!("malformed JSON at {position}"),
            Category::Eof => format!("the JSON document ends early at {position}"),
            Category::Data => format!("{} at {position}", sanitise_message(&err.to_string())),
        };
        Self::new(ErrorKind::InvalidJson, message, path)
    }

    /// Keeps only the path segments that are names of the contract (`known`), indices, and
    /// short numbers (municipality numbers); any other segment came from the input (a map
    /// key) and becomes `<redacted>`.
    pub(crate) fn restrict_path(mut self, known: &BTreeSet<String>) -> Self {
        if let Some(path) = self.path.take() {
            let restricted: Vec<String> = path
                .split('.')
                .map(|segment| {
                    let name = segment.split('[').next().unwrap_or("");
                    let index = segment.get(name.len()..).unwrap_or("");
                    let short_number = !name.is_empty() && name.len() <= 4 && name.bytes().all(|b| b.is_ascii_digit());
                    if known.contains(name) || short_number || name == "?" || name == "<redacted>" {
                        segment.to_owned()
                    } else {
                        format!("<redacted>{index}")
                    }
                })
                .collect();
            self.path = Some(restricted.join("."));
        }
        self
    }

    /// The kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message (never holds values from the input).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The path of the offending field, such as `records[2].consents[0].given_on`.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The one JSON line the binary writes on standard error.
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(&Envelope { error: self })
            .unwrap_or_else(|_| String::from(r#"{"error":{"kind":"invalid_input","message":"error","path":null}}"#))
    }
}

/// Keeps the parts of a serde message that come from our own types (field names, the
/// expected variants) and replaces everything quoted from the input with `<redacted>`.
/// serde quotes input strings in double quotes and names in backticks; a backticked name
/// right after "unknown variant" or "unknown field" came from the input.
/// Where in the contract's input document a domain error points: the one way the CLI
/// locates the errors of every domain crate (domain crates know nothing of JSON paths).
///
/// Each command module implements it for the error of its domain entry point; the path is a
/// field path such as `households[3].current_room`, or `None` when no single field is to blame.
pub trait Locate {
    /// The path of the offending field in the command's input document, if there is one.
    fn locate(&self) -> Option<String>;
}

impl CliError {
    /// An `invalid_input` error for a domain error, located by its [`Locate`] implementation.
    pub fn located<E: Locate + std::fmt::Display>(err: &E) -> Self {
        Self::invalid_input(err, err.locate().as_deref())
    }
}

fn sanitise_message(raw: &str) -> String {
    // Drop serde_json's own position suffix; the caller adds one.
    let raw = raw.split(" at line ").next().unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(start) = rest.find(['"', '`']) {
        let (before, tail) = rest.split_at(start);
        out.push_str(before);
        let quote = if tail.starts_with('"') { '"' } else { '`' };
        let body = tail.get(1..).unwrap_or("");
        let Some(end) = body.find(quote) else {
            out.push_str("<redacted>");
            return out;
        };
        let quoted = body.get(..end).unwrap_or("");
        let from_input = quote == '"' || before.ends_with("unknown variant ") || before.ends_with("unknown field ");
        if from_input || !is_identifier(quoted) {
            out.push_str("<redacted>");
        } else {
            out.push('`');
            out.push_str(quoted);
            out.push('`');
        }
        rest = body.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-'))
}

/// Map keys in a path come from the input; keep those that look like identifiers or codes.
fn sanitise_path(path: &str) -> String {
    path.split('.')
        .map(|segment| {
            let name = segment.split('[').next().unwrap_or("");
            let index = segment.get(name.len()..).unwrap_or("");
            let safe_name =
                name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '?')) && name.len() <= 64;
            if safe_name { segment.to_owned() } else { format!("<redacted>{index}") }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_values_never_reach_the_message() {
        let m = sanitise_message("unknown variant `Kari Nordmann`, expected one of `female`, `male`");
        assert_eq!(m, "unknown variant <redacted>, expected one of `female`, `male`");
        let m = sanitise_message("invalid type: string \"Storgata 1\", expected u8 at line 1 column 9");
        assert_eq!(m, "invalid type: string <redacted>, expected u8");
        let m = sanitise_message("unknown field `name`, expected `age` or `gender`");
        assert_eq!(m, "unknown field <redacted>, expected `age` or `gender`");
        let m = sanitise_message("broken `quote");
        assert_eq!(m, "broken <redacted>");
    }

    #[test]
    fn unknown_field_names_never_reach_the_path() {
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "only deserialised")]
        struct Inner {
            a: u8,
        }
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "only deserialised")]
        struct Outer {
            items: Vec<Inner>,
        }
        let top = crate::cli::parse::<Outer>(br#"{"Zqsecret": 1}"#).unwrap_err();
        assert_eq!(top.path(), None);
        let nested = crate::cli::parse::<Outer>(br#"{"items": [{"a": 1}, {"a": 1, "Zqsecret": 2}]}"#).unwrap_err();
        assert_eq!(nested.path(), Some("items[1]"));
        assert!(!nested.message().contains("Zqsecret"));
    }

    #[test]
    fn map_keys_from_the_input_are_redacted_in_paths() {
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "only deserialised")]
        struct Counts {
            by_place: std::collections::BTreeMap<String, u8>,
        }
        let err = crate::cli::parse::<Counts>(br#"{"by_place": {"Zqsecret Nordmann": 300}}"#).unwrap_err();
        assert_eq!(err.path(), Some("by_place.<redacted>"));
        let err = crate::cli::parse::<Counts>(br#"{"by_place": {"3205": 300}}"#).unwrap_err();
        assert_eq!(err.path(), Some("by_place.3205"));
    }

    #[test]
    fn paths_keep_fields_and_indices() {
        assert_eq!(sanitise_path("records[2].consents[0].given_on"), "records[2].consents[0].given_on");
        assert_eq!(sanitise_path("municipalities.Kari Nordmann"), "municipalities.<redacted>");
    }
}
