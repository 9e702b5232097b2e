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
    #[error("an id must be at most 64 characters, got {len}")]
    TooLong {
        /// Length in characters of the rejected id.
        len: usize,
    },
    /// The id holds a character outside `[A-Za-z0-9_.:-]` (the character is not repeated,
    /// since an id that holds spaces may be a name).
    #[error("an id may hold only letters a-z, digits and `_.:-`; found another character at position {position}")]
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

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// Serialised as a plain JSON string; validated on construction and on deserialisation.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Makes an id from a token, validating it.
            ///
            /// # Errors
            ///
            /// [`IdError`] when the token is not a valid id.
            pub fn try_new(raw: impl Into<String>) -> Result<Self, IdError> {
                let raw = raw.into();
                validate_id(&raw)?;
                Ok(Self(raw))
            }

            /// Makes an id from a uuid (hyphenated lower case), which is always valid.
            pub fn from_uuid(uuid: uuid::Uuid) -> Self {
                Self(uuid.hyphenated().to_string())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::try_new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::try_new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl From<uuid::Uuid> for $name {
            fn from(uuid: uuid::Uuid) -> Self {
                Self::from_uuid(uuid)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
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
    /// Identifies a household placed together in one room.
    HouseholdId
);
id_type!(
    /// Identifies a room of the shelter.
    RoomId
);
id_type!(
    /// Identifies a unit (a wing or floor whose rooms share common areas).
    UnitId
);
id_type!(
    /// Identifies a case record kept about a user.
    RecordId
);
id_type!(
    /// Identifies a consent given by a user or their guardian.
    ConsentId
);
id_type!(
    /// Identifies a legal hold placed on a record.
    HoldId
);
id_type!(
    /// Identifies one person's stay at the shelter.
    StayId
);
id_type!(
    /// Identifies an alternative crisis-shelter offer configured by a municipality.
    AlternativeId
);
id_type!(
    /// Identifies a member of staff (who decided, who disclosed).
    StaffId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_contract_style_and_uuid_ids() {
        assert_eq!(RoomId::try_new("r01").map(|r| r.to_string()), Ok("r01".into()));
        let uuid = uuid::Uuid::from_u128(0x1234);
        assert_eq!(RecordId::from_uuid(uuid).as_str(), "00000000-0000-0000-0000-000000001234");
    }

    #[test]
    fn rejects_bad_ids_without_repeating_them() {
        assert_eq!(HouseholdId::try_new(""), Err(IdError::Empty));
        let err = HouseholdId::try_new("Kari Nordmann").unwrap_err();
        assert_eq!(err, IdError::BadCharacter { position: 4 });
        assert!(!err.to_string().contains("Kari"));
        assert!(matches!(HouseholdId::try_new("x".repeat(65)), Err(IdError::TooLong { len: 65 })));
    }

    #[test]
    fn serde_validates() {
        let ok: RoomId = serde_json::from_str("\"r01\"").unwrap();
        assert_eq!(ok.as_str(), "r01");
        assert!(serde_json::from_str::<RoomId>("\"a b\"").is_err());
    }
}
