//! Identifiers: opaque, validated tokens that never carry personal data.
//!
//! The JSON contract shows short ids such as `"r01"` and `"h1"` as well as uuids, so an id
//! is an opaque token of 1 to 64 characters from `[A-Za-z0-9_.:-]`. A uuid in its hyphenated
//! form is always a valid id ([`RoomId::from_uuid`] and friends); the domain crates never
//! generate ids themselves (no randomness in the functional core).

use thiserror::Error;

/// Why a string is not an acceptable id.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum IdError {
    /// The id is empty.
    #[error("an id must not be empty")]
    Empty,
    /// The id is longer than 64 characters.
    #[error("an id must be at most 64 characters")]
    TooLong {
        /// Length in characters of the rejected id.
        len: usize,
    },
    /// The id holds a character outside `[A-Za-z0-9_.:-]` (the character is not repeated,
    /// since an id that holds spaces may be a name).
    #[error("an id may hold only letters a-z, digits and `_.:-`")]
    BadCharacter {
        /// Zero-based character position of the first bad character.
        position: usize,
    },
}

/// Checks the id rules shared by every id type.
///
/// # Errors
///
/// [`IdError`] when the token is empty, too long or holds a character outside the alphabet.
pub fn validate_id(raw: &str) -> Result<(), IdError> {
    if raw.is_empty() {
        return Err(IdError::Empty);
    }
    let len = raw.chars().count();
    if len > 64 {
        return Err(IdError::TooLong { len });
    }
    if let Some(position) = raw.chars().position(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-')))
    {
        return Err(IdError::BadCharacter { position });
    }
    Ok(())
}

/// Declares an id type: an opaque, validated token of 1 to 64 characters from
/// `[A-Za-z0-9_.:-]` (the rules of [`validate_id`]), serialised as a plain JSON string and
/// validated on construction and on deserialisation.
///
/// Core declares the ids several crates share ([`PersonId`], [`RoomId`], [`ConsentId`]); a
/// domain crate declares the ids only it uses with this macro, so every id of the workspace
/// has the same rules, the same `Debug`, `Display`, serde and schema.
///
/// ```
/// krisesenter_core::id_type!(
///     /// Identifies a shift of the phone service.
///     ShiftId
/// );
///
/// let id = ShiftId::try_new("s1")?;
/// assert_eq!(serde_json::to_string(&id)?, r#""s1""#);
/// assert!(ShiftId::try_new("Kari Nordmann").is_err());
/// assert!(serde_json::from_str::<ShiftId>(r#""""#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[macro_export]
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// Serialised as a plain JSON string; validated on construction and on deserialisation
        /// (see [`krisesenter_core::validate_id`]).
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Makes an id from a token, validating it.
            ///
            /// # Errors
            ///
            /// [`krisesenter_core::IdError`] when the token is not a valid id.
            pub fn try_new(raw: impl Into<String>) -> Result<Self, $crate::IdError> {
                let raw = raw.into();
                $crate::validate_id(&raw)?;
                Ok(Self(raw))
            }

            /// Makes an id from a uuid (hyphenated lower case), which is always valid.
            pub fn from_uuid(uuid: $crate::__private::uuid::Uuid) -> Self {
                Self(uuid.hyphenated().to_string())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::try_new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::IdError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::try_new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl From<$crate::__private::uuid::Uuid> for $name {
            fn from(uuid: $crate::__private::uuid::Uuid) -> Self {
                Self::from_uuid(uuid)
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let raw = <String as $crate::__private::serde::Deserialize>::deserialize(deserializer)?;
                Self::try_new(raw).map_err(<D::Error as $crate::__private::serde::de::Error>::custom)
            }
        }

        impl $crate::__private::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($name))
            }
            fn json_schema(_: &mut $crate::__private::schemars::SchemaGenerator) -> $crate::__private::schemars::Schema {
                $crate::__private::schemars::json_schema!({
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 64,
                    "pattern": "^[A-Za-z0-9_.:-]+$"
                })
            }
        }
    };
}

id_type!(
    /// Identifies a person (a user of the shelter, adult or child).
    PersonId
);
id_type!(
    /// Identifies a room of the shelter.
    RoomId
);
id_type!(
    /// Identifies a consent given by a user or their guardian.
    ConsentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_contract_style_and_uuid_ids() {
        assert_eq!(RoomId::try_new("r01").map(|r| r.to_string()), Ok("r01".into()));
        let uuid = uuid::Uuid::from_u128(0x1234);
        assert_eq!(ConsentId::from_uuid(uuid).as_str(), "00000000-0000-0000-0000-000000001234");
    }

    #[test]
    fn rejects_bad_ids_without_repeating_them() {
        assert_eq!(PersonId::try_new(""), Err(IdError::Empty));
        let err = PersonId::try_new("Kari Nordmann").unwrap_err();
        assert_eq!(err, IdError::BadCharacter { position: 4 });
        assert!(!err.to_string().contains("Kari"));
        assert!(matches!(PersonId::try_new("x".repeat(65)), Err(IdError::TooLong { len: 65 })));
    }

    #[test]
    fn serde_validates() {
        let ok: RoomId = serde_json::from_str("\"r01\"").unwrap();
        assert_eq!(ok.as_str(), "r01");
        assert!(serde_json::from_str::<RoomId>("\"a b\"").is_err());
    }
}
