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
