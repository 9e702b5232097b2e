//! Dates of the contract read exactly: `YYYY-MM-DD`, four digits, two, two, nothing else.
//!
//! chrono's own reader is lenient (`2026-3-1`, `+2026-03-01` and surrounding spaces all read
//! as some date); the contract's `Date` is exactly `YYYY-MM-DD`, so every input date field of
//! the workspace is read with these functions:
//!
//! ```
//! use chrono::NaiveDate;
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Input {
//!     #[serde(deserialize_with = "krisesenter_core::date::exact")]
//!     as_of: NaiveDate,
//!     // Required, but may be null: the key must be present.
//!     #[serde(deserialize_with = "krisesenter_core::date::exact_or_null")]
//!     ended_on: Option<NaiveDate>,
//! }
//!
//! let ok: Input = serde_json::from_str(r#"{"as_of": "2026-03-01", "ended_on": null}"#)?;
//! assert_eq!(ok.as_of, NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?);
//! for bad in ["2026-3-1", "2026-03-1", "+2026-03-01", " 2026-03-01", "2026-02-30"] {
//!     let json = format!(r#"{{"as_of": "{bad}", "ended_on": null}}"#);
//!     assert!(serde_json::from_str::<Input>(&json).is_err(), "{bad}");
//! }
//! assert!(serde_json::from_str::<Input>(r#"{"as_of": "2026-03-01"}"#).is_err(), "null must be written");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::NaiveDate;
use serde::Deserializer;
use serde::de::{Error, Visitor};

/// What the contract expects of a date, for error messages.
pub const EXPECTED: &str = "a date written YYYY-MM-DD";

/// Parses exactly `YYYY-MM-DD` (a real calendar day), or `None`.
///
/// ```
/// use krisesenter_core::date::parse_exact;
/// assert!(parse_exact("2024-02-29").is_some());
/// assert!(parse_exact("2023-02-29").is_none());
/// assert!(parse_exact("2026-3-1").is_none());
/// ```
pub fn parse_exact(s: &str) -> Option<NaiveDate> {
    parse_exact_bytes(s.as_bytes())
}

/// [`parse_exact`] on the bytes of the text, for a reader that has them without a `&str`
/// (the same days: any byte that is not an ASCII digit or the dash where it belongs is
/// refused).
///
/// ```
/// use krisesenter_core::date::{parse_exact, parse_exact_bytes};
/// assert_eq!(parse_exact_bytes(b"2024-02-29"), parse_exact("2024-02-29"));
/// assert!(parse_exact_bytes(b"2023-02-29").is_none());
/// ```
pub fn parse_exact_bytes(bytes: &[u8]) -> Option<NaiveDate> {
    fn digits(bytes: &[u8]) -> Option<u32> {
        bytes.iter().try_fold(0u32, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
    }
    match bytes {
        [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] => NaiveDate::from_ymd_opt(
            i32::try_from(digits(&[*y1, *y2, *y3, *y4])?).ok()?,
            digits(&[*m1, *m2])?,
            digits(&[*d1, *d2])?,
        ),
        _ => None,
    }
}

struct ExactVisitor;

impl Visitor<'_> for ExactVisitor {
    type Value = NaiveDate;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(EXPECTED)
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<NaiveDate, E> {
        // The message names the expected form, never the value read.
        parse_exact(s).ok_or_else(|| E::custom(format_args!("expected {EXPECTED} (a real calendar day)")))
    }
}

struct OrNullVisitor;

impl<'de> Visitor<'de> for OrNullVisitor {
    type Value = Option<NaiveDate>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{EXPECTED} or null")
    }
    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        exact(d).map(Some)
    }
}

/// Reads a date written exactly `YYYY-MM-DD`; for `#[serde(deserialize_with = "…")]`.
///
/// # Errors
///
/// The deserializer's error when the value is not a string of that form or not a real day.
pub fn exact<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(ExactVisitor)
}

/// Reads a date written exactly `YYYY-MM-DD`, or `null`; the field is required (a missing key
/// is an error) unless the field also has `#[serde(default)]`.
///
/// # Errors
///
/// The deserializer's error when the value is neither null nor a date of that form.
pub fn exact_or_null<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    d.deserialize_option(OrNullVisitor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::{Error as ValueError, UnitDeserializer};

    /// The serde readers: `exact` names the expected form when the value is not a string;
    /// `exact_or_null` reads null (JSON's, and a unit from other formats) as `None`, a date as
    /// `Some`, and names "or null" in its message. (Found by mutation testing: only other
    /// crates' tests and the doctests used them.)
    #[test]
    fn the_serde_readers_read_dates_and_null() {
        let exact_json = |json: &str| exact(&mut serde_json::Deserializer::from_str(json));
        let or_null_json = |json: &str| exact_or_null(&mut serde_json::Deserializer::from_str(json));
        assert_eq!(exact_json(r#""2026-03-01""#).ok(), NaiveDate::from_ymd_opt(2026, 3, 1));
        assert!(exact_json("5").unwrap_err().to_string().contains("expected a date written YYYY-MM-DD"));
        assert_eq!(or_null_json("null").ok(), Some(None));
        assert_eq!(or_null_json(r#""2026-03-01""#).ok(), Some(NaiveDate::from_ymd_opt(2026, 3, 1)));
        assert!(or_null_json(r#""2026-3-1""#).is_err());
        assert!(or_null_json("5").unwrap_err().to_string().contains("expected a date written YYYY-MM-DD"));
        // A format whose numbers answer the option itself names both.
        let number: Result<Option<NaiveDate>, ValueError> = exact_or_null(5u32.into_deserializer());
        assert!(number.unwrap_err().to_string().contains("expected a date written YYYY-MM-DD or null"));
        assert_eq!(exact_or_null(UnitDeserializer::<ValueError>::new()), Ok(None));
    }

    #[test]
    fn only_the_exact_form_reads() {
        assert_eq!(parse_exact("2026-03-01"), NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(parse_exact("0001-01-01"), NaiveDate::from_ymd_opt(1, 1, 1));
        for bad in [
            "2026-3-1",
            "2026-03-1",
            "2026-3-01",
            "+2026-03-01",
            " 2026-03-01",
            "2026-03-01 ",
            "2026/03/01",
            "20260301",
            "2026-13-01",
            "2026-00-10",
            "",
            "२०२६-०३-०१",
        ] {
            assert_eq!(parse_exact(bad), None, "{bad}");
            assert_eq!(parse_exact_bytes(bad.as_bytes()), None, "{bad}");
        }
        assert_eq!(parse_exact_bytes(b"2026-03-01"), NaiveDate::from_ymd_opt(2026, 3, 1));
        // Bytes that are no text at all are refused too.
        assert_eq!(parse_exact_bytes(b"2026-03-0\xff"), None);
    }

    #[test]
    fn the_message_names_the_form_not_the_value() {
        #[derive(serde::Deserialize, Debug)]
        struct T {
            #[serde(deserialize_with = "exact")]
            #[allow(dead_code)]
            d: NaiveDate,
        }
        let err = serde_json::from_str::<T>(r#"{"d": "1990-1-17"}"#).unwrap_err().to_string();
        assert!(err.contains("YYYY-MM-DD") && !err.contains("1990"), "{err}");
    }
}
