//! Reasons: the explanation every decision carries, with a stable code, messages in bokmål
//! and English, and the citations of the provision versions applied.

use std::borrow::Cow;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::law::{Citation, Provision};

/// Why a reason code is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReasonCodeError {
    /// A code must be lower snake_case: `[a-z][a-z0-9_]*`, at most 64 characters.
    #[error("a reason code must be lower snake_case of at most 64 characters")]
    NotSnakeCase,
}

/// A stable, lower snake_case reason code such as `active_substance_use`.
///
/// Callers match on codes, never on messages.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReasonCode(Cow<'static, str>);

fn is_snake_case(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && s.len() <= 64
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

impl ReasonCode {
    /// Makes a code from a static string.
    ///
    /// # Errors
    ///
    /// [`ReasonCodeError::NotSnakeCase`] when the code is not lower snake_case.
    pub fn from_static(code: &'static str) -> Result<Self, ReasonCodeError> {
        if is_snake_case(code) { Ok(Self(Cow::Borrowed(code))) } else { Err(ReasonCodeError::NotSnakeCase) }
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ReasonCode {
    type Error = ReasonCodeError;
    fn try_from(code: String) -> Result<Self, Self::Error> {
        if is_snake_case(&code) { Ok(Self(Cow::Owned(code))) } else { Err(ReasonCodeError::NotSnakeCase) }
    }
}

impl From<ReasonCode> for String {
    fn from(code: ReasonCode) -> String {
        code.0.into_owned()
    }
}

impl std::fmt::Display for ReasonCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl JsonSchema for ReasonCode {
    fn schema_name() -> Cow<'static, str> {
        Cow::Borrowed("ReasonCode")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[a-z][a-z0-9_]*$", "maxLength": 64})
    }
}

/// A kind of reason a crate can give: its code, its messages and the provisions it rests on.
///
/// Each domain crate implements this for its own `#[non_exhaustive]` enum of reason kinds,
/// one exhaustive `match` per method, so that codes and messages are data, never built from
/// input (and so never carry personal data).
pub trait ReasonKind: Copy {
    /// The stable snake_case code.
    fn code(self) -> &'static str;
    /// The message in Norwegian bokmål.
    fn message_nb(self) -> &'static str;
    /// The message in English.
    fn message_en(self) -> &'static str;
    /// The provisions the reason rests on; each is cited in its version in force on the day.
    fn provisions(self) -> &'static [Provision];
}

/// An explanation: stable code, messages for people, and citations of the law applied.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_core::law::Provision;
/// use krisesenter_core::{Reason, ReasonKind};
///
/// #[derive(Clone, Copy)]
/// struct PhoneAlwaysOpen;
/// impl ReasonKind for PhoneAlwaysOpen {
///     fn code(self) -> &'static str { "phone_always_offered" }
///     fn message_nb(self) -> &'static str { "Telefonen er alltid åpen." }
///     fn message_en(self) -> &'static str { "The phone is always open." }
///     fn provisions(self) -> &'static [Provision] { &[Provision::KslServices] }
/// }
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let reason = Reason::explain(PhoneAlwaysOpen, as_of);
/// assert_eq!(reason.code().as_str(), "phone_always_offered");
/// assert_eq!(reason.citations()[0].section(), "2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    code: ReasonCode,
    message_nb: String,
    message_en: String,
    citations: Vec<Citation>,
}

impl Reason {
    /// The reason of `kind`, citing each of its provisions in the version in force on `as_of`.
    /// A provision not yet in force on `as_of` is left out (a rule that depends on it must
    /// not give the reason before that day).
    pub fn explain<K: ReasonKind>(kind: K, as_of: NaiveDate) -> Self {
        let citations = kind.provisions().iter().filter_map(|p| p.cite(as_of)).collect();
        Self {
            // Codes of a `ReasonKind` are static snake_case; an ill-formed one is kept as
            // given rather than panicking, and unit tests of each crate check them.
            code: ReasonCode(Cow::Borrowed(kind.code())),
            message_nb: kind.message_nb().to_owned(),
            message_en: kind.message_en().to_owned(),
            citations,
        }
    }

    /// A reason built from parts, for callers outside the workspace.
    pub fn new(
        code: ReasonCode,
        message_nb: impl Into<String>,
        message_en: impl Into<String>,
        citations: Vec<Citation>,
    ) -> Self {
        Self { code, message_nb: message_nb.into(), message_en: message_en.into(), citations }
    }

    /// The stable code.
    pub fn code(&self) -> &ReasonCode {
        &self.code
    }

    /// The message in bokmål.
    pub fn message_nb(&self) -> &str {
        &self.message_nb
    }

    /// The message in English.
    pub fn message_en(&self) -> &str {
        &self.message_en
    }

    /// The citations of the provision versions applied.
    pub fn citations(&self) -> &[Citation] {
        &self.citations
    }

    /// Whether the code is lower snake_case (always true for reasons of a well-formed [`ReasonKind`]).
    pub fn has_valid_code(&self) -> bool {
        is_snake_case(self.code.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_must_be_snake_case() {
        assert!(ReasonCode::from_static("active_substance_use").is_ok());
        assert!(ReasonCode::from_static("Active").is_err());
        assert!(ReasonCode::from_static("").is_err());
        assert!(ReasonCode::from_static("a-b").is_err());
        assert!(serde_json::from_str::<ReasonCode>("\"x y\"").is_err());
    }

    #[derive(Clone, Copy)]
    struct Alt;
    impl ReasonKind for Alt {
        fn code(self) -> &'static str {
            "alternative_required"
        }
        fn message_nb(self) -> &'static str {
            "Likeverdig alternativ kreves."
        }
        fn message_en(self) -> &'static str {
            "An equal alternative is required."
        }
        fn provisions(self) -> &'static [Provision] {
            &[Provision::KslAdaptation, Provision::KslDataProcessing]
        }
    }

    #[test]
    fn explain_cites_the_version_in_force() {
        let before = Reason::explain(Alt, NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        assert_eq!(before.citations().len(), 1, "§5a not yet in force");
        let after = Reason::explain(Alt, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(after.citations().len(), 2);
        let json = serde_json::to_value(&after).unwrap();
        assert_eq!(json["citations"][0]["in_force_from"], "2026-01-01");
        assert_eq!(json["citations"][0]["statute"], "krisesenterlova");
        assert!(after.has_valid_code());
    }
}
