//! Reading the wire strictly where serde's derives are lenient.
//!
//! An internally tagged enum (`#[serde(tag = "type")]`) reads its input through serde's
//! buffered content, which also accepts a JSON array (the tag first, the fields after, by
//! position). The contract's objects are JSON objects only; [`object`] and
//! [`object_or_null`] read such an enum only from a map.
//!
//! ```
//! use serde::Deserialize;
//!
//! #[derive(Deserialize, Debug, PartialEq)]
//! #[serde(tag = "type", rename_all = "snake_case")]
//! enum Shape { Circle { r: u8 } }
//!
//! #[derive(Deserialize, Debug)]
//! struct Holder {
//!     #[serde(deserialize_with = "krisesenter_core::wire::object")]
//!     shape: Shape,
//! }
//!
//! assert!(serde_json::from_str::<Holder>(r#"{"shape": {"type": "circle", "r": 2}}"#).is_ok());
//! assert!(serde_json::from_str::<Holder>(r#"{"shape": ["circle", 2]}"#).is_err());
//! ```

use std::collections::BTreeSet;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map))
    }
}

struct ObjectOrNullVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectOrNullVisitor<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object or null")
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        object(d).map(Some)
    }
}

/// Reads `T` only from a JSON object; for `#[serde(deserialize_with = "…")]`.
///
/// # Errors
///
/// The deserializer's error when the value is not an object, or `T`'s own.
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads `T` only from a JSON object, or `null`; the field is required unless it also has
/// `#[serde(default)]`.
///
/// # Errors
///
/// The deserializer's error when the value is neither null nor an object, or `T`'s own.
pub fn object_or_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    d.deserialize_option(ObjectOrNullVisitor(PhantomData))
}

/// Reads an `Option<T>` whose key must be present (`null` written for `None`); for
/// `#[serde(deserialize_with = "…")]`. serde's derive lets a missing `Option` field read as
/// `None`; a field read through this function is required, as the contract lists it. Pair it
/// with `#[schemars(schema_with = "krisesenter_core::wire::required_nullable::<Option<T>>")]`
/// so the schema lists the field as required too.
///
/// ```
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Debug)]
/// struct Stay {
///     #[serde(deserialize_with = "krisesenter_core::wire::nullable")]
///     relation: Option<String>,
/// }
///
/// assert!(serde_json::from_str::<Stay>(r#"{"relation": null}"#).is_ok());
/// assert!(serde_json::from_str::<Stay>(r#"{}"#).is_err(), "null must be written");
/// ```
///
/// # Errors
///
/// The deserializer's error, or `T`'s own.
pub fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    Option::<T>::deserialize(d)
}

/// The schema of a field that is required but may be `null`: `T`'s own schema (`T` is the
/// field's `Option` type), for `#[schemars(schema_with = "…")]`. schemars lists an `Option`
/// field as optional unless told otherwise; a field read with [`nullable`],
/// [`object_or_null`] or [`crate::date::exact_or_null`] (without `#[serde(default)]`) is
/// required, and its schema says so through this function.
pub fn required_nullable<T: schemars::JsonSchema>(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<T>()
}

/// Reads a list that must hold at least one element; for `#[serde(deserialize_with = "…")]`
/// beside `#[schemars(length(min = 1))]`. A single-field constraint, checked at the field so
/// that the error names it (a household without adults, an alternative that accepts no gender).
///
/// ```
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Debug)]
/// struct Household {
///     #[serde(deserialize_with = "krisesenter_core::wire::non_empty")]
///     adults: Vec<u8>,
/// }
///
/// assert!(serde_json::from_str::<Household>(r#"{"adults": [34]}"#).is_ok());
/// assert!(serde_json::from_str::<Household>(r#"{"adults": []}"#).is_err());
/// ```
///
/// # Errors
///
/// The deserializer's error, `T`'s own, or `expected at least one element` for an empty list.
pub fn non_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    let items = Vec::<T>::deserialize(d)?;
    if items.is_empty() {
        return Err(serde::de::Error::custom("expected at least one element"));
    }
    Ok(items)
}

/// Reads a set from a list that names each value once (`uniqueItems` in the set's schema);
/// for `#[serde(deserialize_with = "…")]` on a `BTreeSet` field. serde's own reader drops a
/// repeat silently, so a document the schema rejects would be read.
///
/// ```
/// use std::collections::BTreeSet;
/// use serde::Deserialize;
///
/// #[derive(Deserialize, Debug)]
/// struct Violence {
///     #[serde(deserialize_with = "krisesenter_core::wire::set")]
///     types: BTreeSet<String>,
/// }
///
/// assert!(serde_json::from_str::<Violence>(r#"{"types": ["physical", "digital"]}"#).is_ok());
/// assert!(serde_json::from_str::<Violence>(r#"{"types": ["physical", "physical"]}"#).is_err());
/// ```
///
/// # Errors
///
/// The deserializer's error, `T`'s own, or `a value is listed twice in a set`.
pub fn set<'de, D: Deserializer<'de>, T: Deserialize<'de> + Ord>(d: D) -> Result<BTreeSet<T>, D::Error> {
    let items = Vec::<T>::deserialize(d)?;
    let count = items.len();
    let set: BTreeSet<T> = items.into_iter().collect();
    if set.len() != count {
        return Err(serde::de::Error::custom("a value is listed twice in a set"));
    }
    Ok(set)
}

/// What begins the message of a [`Rejected`] error.
pub const REJECTED: &str = "rejected by the rules: ";

/// The error of a rule over several fields of one value (a check-out before the check-in, a
/// consent withdrawn before it was given, two consents with one id in a record), raised while
/// the value is read through `#[serde(try_from = "…")]`.
///
/// serde keeps only an error's message, so the message of a `Rejected` begins with
/// [`REJECTED`]: the reader of a contract document tells the rules' answer (`invalid_input`)
/// from a document that does not have the contract's shape (`invalid_json`) by it, and
/// strips it ([`rejected_message`]). Errors of a single field (a range, a pattern) are not
/// wrapped: the schema holds them.
///
/// ```
/// use krisesenter_core::wire::{Rejected, rejected_message};
///
/// let err = Rejected("the check-out is before the check-in");
/// assert_eq!(rejected_message(&err.to_string()), Some("the check-out is before the check-in"));
/// assert_eq!(rejected_message("invalid type: string, expected u8"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rejected<E>(pub E);

impl<E: std::fmt::Display> std::fmt::Display for Rejected<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{REJECTED}{}", self.0)
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Rejected<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl<E> From<E> for Rejected<E> {
    fn from(error: E) -> Self {
        Self(error)
    }
}

/// The rule's message of an error message written by a [`Rejected`], without the
/// [`REJECTED`] marker; `None` for any other message.
pub fn rejected_message(message: &str) -> Option<&str> {
    message.strip_prefix(REJECTED)
}
