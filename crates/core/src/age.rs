//! Ages in whole years, and whether they make an adult. Each crate keeps its own view of the
//! people it decides about (an applicant, a household's adults, a stay's person); what they
//! share is the age and its bounds.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::PersonKind;

/// The age at which a person is an adult.
pub const ADULT_AGE: u8 = 18;

/// The highest age accepted.
pub const MAX_AGE: u8 = 130;

/// Why an age is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum AgeError {
    /// The age is above [`MAX_AGE`].
    #[error("an age must be at most {MAX_AGE} years")]
    AgeOutOfRange {
        /// The rejected age.
        age: u16,
    },
}

/// An age in whole years, 0 to 130.
///
/// # Example
///
/// ```
/// use krisesenter_core::Age;
/// let age = Age::try_new(34)?;
/// assert!(age.is_adult());
/// assert!(Age::try_new(131).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u16", into = "u8")]
pub struct Age(u8);

impl Age {
    /// Makes an age, checking the range.
    ///
    /// # Errors
    ///
    /// [`AgeError::AgeOutOfRange`] above 130.
    pub fn try_new(years: u16) -> Result<Self, AgeError> {
        match u8::try_from(years) {
            Ok(y) if y <= MAX_AGE => Ok(Self(y)),
            _ => Err(AgeError::AgeOutOfRange { age: years }),
        }
    }

    /// The age in years.
    pub const fn years(self) -> u8 {
        self.0
    }

    /// Whether the age is 18 or more.
    pub const fn is_adult(self) -> bool {
        self.0 >= ADULT_AGE
    }

    /// Adult or child, by age.
    pub const fn kind(self) -> PersonKind {
        if self.is_adult() { PersonKind::Adult } else { PersonKind::Child }
    }
}

impl TryFrom<u16> for Age {
    type Error = AgeError;
    fn try_from(years: u16) -> Result<Self, Self::Error> {
        Self::try_new(years)
    }
}

impl From<Age> for u8 {
    fn from(age: Age) -> u8 {
        age.0
    }
}

impl JsonSchema for Age {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Age")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer", "minimum": 0, "maximum": MAX_AGE})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_are_bounded_and_know_adults() {
        assert!(Age::try_new(u16::from(MAX_AGE) + 1).is_err());
        assert_eq!(Age::try_new(17).map(Age::is_adult), Ok(false));
        assert_eq!(Age::try_new(18).map(Age::kind), Ok(PersonKind::Adult));
        assert!(serde_json::from_str::<Age>("131").is_err());
    }
}
