//! The error contract: kind, message and path, never a value from the input.

use std::collections::BTreeSet;

use serde::Serialize;
use thiserror::Error;

/// The kind of a contract error, as docs/contract.md spells it.
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
        // A rule over several fields of one value, raised while reading it: the document has
        // the contract's shape, the rules reject it (`invalid_input` at that value).
        let raw = err.inner().to_string();
        if let Some(rule) = krisesenter_core::wire::rejected_message(&raw) {
            let message = rule.split(" at line ").next().unwrap_or(rule);
            let path = if path == "." || path.is_empty() { None } else { Some(sanitise_path(&path)) };
            return Self::new(ErrorKind::InvalidInput, sanitise_message(message), path);
        }
        // An unknown field's name comes from the input; serde_path_to_error ends the path in
        // it. Point at the object that holds it instead, and suggest the nearest accepted
        // name (a name of the contract) without repeating the unknown one.
        let message = err.inner().to_string();
        let mut suggestion = None;
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let name = rest.split('`').next().unwrap_or("");
            suggestion = nearest(name, &backticked(rest.get(name.len() + 1..).unwrap_or("")));
            if path == name {
                path.clear();
            } else if let Some(parent) = path.strip_suffix(name).and_then(|p| p.strip_suffix('.')) {
                path = parent.to_owned();
            }
        }
        let path = if path == "." || path.is_empty() { None } else { Some(sanitise_path(&path)) };
        let mut error = Self::from_json_error(err.inner(), path);
        if let Some(near) = suggestion {
            error.message = format!("{}; did you mean `{near}`?", error.message);
        }
        error
    }

    pub(crate) fn from_json_error(err: &serde_json::Error, path: Option<String>) -> Self {
        use serde_json::error::Category;
        let position = format!("line {} column {}", err.line(), err.column());
        let message = match err.classify() {
            Category::Io | Category::Syntax => format!("malformed JSON at {position}"),
            Category::Eof => format!("the JSON document ends early at {position}"),
            Category::Data => format!("{} at {position}", without_type_names(&sanitise_message(&err.to_string()))),
        };
        Self::new(ErrorKind::InvalidJson, message, path)
    }

    /// Keeps the path up to the first segment that is not a name of the contract (`known`)
    /// with its indices: a map key from the input, or a segment serde could not name. The
    /// path then points at the map or object that holds the problem, and is a field path or
    /// `None`, never a placeholder.
    pub(crate) fn restrict_path(mut self, known: &BTreeSet<String>) -> Self {
        if let Some(path) = self.path.take() {
            self.path = truncate_path(&path, known);
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

/// Keeps the parts of a serde message that come from our own types (field names, the
/// expected variants) and replaces everything quoted from the input with `<redacted>`.
/// serde quotes input strings in double quotes and names in backticks; a backticked name
/// right after "unknown variant" or "unknown field" came from the input.
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
        // serde quotes a value it read after the name of its kind ("integer `5`",
        // "floating point `1.5`"), and an input string always in double quotes.
        let from_input = quote == '"'
            || ["unknown variant ", "unknown field ", "integer ", "floating point ", "character ", "boolean "]
                .iter()
                .any(|word| before.ends_with(word));
        if from_input || !is_name(quoted) {
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

/// A name of ours in backticks: a field or variant name (`observations`, `1-7`, `91+`) or the
/// characters an id may hold (`_.:-`).
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.' | ':' | '+'))
}

/// Map keys in a path come from the input: the path stops before the first segment that does
/// not look like a name of ours (the contract check against the schema follows in
/// [`truncate_path`]).
fn sanitise_path(path: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('.') {
        let name = segment.split('[').next().unwrap_or("");
        let safe = !name.is_empty()
            && name.len() <= 64
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !safe {
            break;
        }
        kept.push(segment);
    }
    kept.join(".")
}

/// The longest prefix of `path` whose every segment is a name of the contract.
fn truncate_path(path: &str, known: &BTreeSet<String>) -> Option<String> {
    let kept: Vec<&str> = path
        .split('.')
        .take_while(|segment| {
            let name = segment.split('[').next().unwrap_or("");
            // Municipality numbers (four digits) are codes, not personal data: keep them.
            let municipality = name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit());
            known.contains(name) || municipality
        })
        .collect();
    if kept.is_empty() { None } else { Some(kept.join(".")) }
}

/// The backticked names of a serde message tail such as ", expected `age` or `gender`".
fn backticked(tail: &str) -> Vec<&str> {
    tail.split('`').skip(1).step_by(2).collect()
}

/// The accepted name nearest to `unknown`, if it is near enough to be a slip (at most two
/// edits, and fewer than half the letters).
fn nearest<'a>(unknown: &str, accepted: &[&'a str]) -> Option<&'a str> {
    let best = accepted.iter().map(|a| (edit_distance(unknown, a), *a)).min()?;
    let limit = (unknown.chars().count() / 2).min(2);
    (best.0 > 0 && best.0 <= limit.max(1)).then_some(best.1)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let value = (diagonal + usize::from(ca != *cb)).min(above.saturating_add(1)).min(left.saturating_add(1));
            diagonal = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// serde names our internal types in its messages (`expected struct RawAssessRequest`); a
/// front end needs the shape, not the Rust name.
fn without_type_names(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut words = message.split(' ').peekable();
    let mut first = true;
    while let Some(word) = words.next() {
        if !first {
            out.push(' ');
        }
        first = false;
        match word {
            "struct" | "enum" if words.peek().is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase())) => {
                let name = words.next().unwrap_or("");
                let trailing: String = name.chars().skip_while(char::is_ascii_alphanumeric).collect();
                out.push_str(if word == "struct" { "an object" } else { "one of the values the schema lists" });
                out.push_str(&trailing);
            }
            "variant" if words.peek().is_some_and(|n| n.contains("::")) => {
                let name = words.next().unwrap_or("");
                let trailing: String = name.chars().skip_while(|c| c.is_ascii_alphanumeric() || *c == ':').collect();
                out.push_str("a value");
                out.push_str(&trailing);
            }
            _ => out.push_str(word),
        }
    }
    out
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
    fn map_keys_from_the_input_end_the_path() {
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "only deserialised")]
        struct Counts {
            by_place: std::collections::BTreeMap<String, u8>,
        }
        let err = crate::cli::parse::<Counts>(br#"{"by_place": {"Zqsecret Nordmann": 300}}"#).unwrap_err();
        assert_eq!(err.path(), Some("by_place"), "the path points at the map, never a placeholder");
        let err = crate::cli::parse::<Counts>(br#"{"by_place": {"3205": 300}}"#).unwrap_err();
        assert_eq!(err.path(), Some("by_place.3205"));
    }

    #[test]
    fn paths_keep_fields_and_indices() {
        assert_eq!(sanitise_path("records[2].consents[0].given_on"), "records[2].consents[0].given_on");
        assert_eq!(sanitise_path("municipalities.Kari Nordmann"), "municipalities");
        assert_eq!(sanitise_path("?.a"), "");
    }

    #[test]
    fn unknown_fields_get_the_nearest_accepted_name() {
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "only deserialised")]
        struct Facts {
            observations: u8,
            children: u8,
        }
        let err = crate::cli::parse::<Facts>(br#"{"observatons": 1, "children": 1}"#).unwrap_err();
        assert!(err.message().contains("did you mean `observations`?"), "{}", err.message());
        assert!(err.message().contains("expected `observations` or `children`"), "{}", err.message());
        assert!(!err.message().contains("observatons"), "{}", err.message());
        let far = crate::cli::parse::<Facts>(br#"{"Zqsecret": 1}"#).unwrap_err();
        assert!(!far.message().contains("did you mean"), "{}", far.message());
        assert_eq!(nearest("childen", &["children", "observations"]), Some("children"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn internal_type_names_never_reach_a_message() {
        #[derive(Debug, serde::Deserialize, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code, reason = "only deserialised")]
        struct RawSecretRequest {
            a: u8,
        }
        let err = crate::cli::parse::<RawSecretRequest>(b"7").unwrap_err();
        assert!(!err.message().contains("RawSecretRequest"), "{}", err.message());
        assert!(err.message().contains("expected an object"), "{}", err.message());
        assert_eq!(
            without_type_names("invalid type: map, expected struct Foo at x"),
            "invalid type: map, expected an object at x"
        );
    }
}
