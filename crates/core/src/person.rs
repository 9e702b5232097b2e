//! People and households. Names, birth dates and addresses are [`Redacted`]: they never
//! appear in `Debug` output.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::{Gender, HouseholdId, PersonKind, Redacted};

/// The age at which a person is an adult.
pub const ADULT_AGE: u8 = 18;

/// The highest age accepted.
pub const MAX_AGE: u8 = 130;

/// Why a person or a household is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PersonError {
    /// The age is above [`MAX_AGE`].
    #[error("an age must be at most {MAX_AGE} years, got {age}")]
    AgeOutOfRange {
        /// The rejected age.
        age: u16,
    },
    /// A person given as an adult is under 18, or one given as a child is 18 or older.
    #[error("a person of age {age} cannot be a {kind}")]
    KindDoesNotMatchAge {
        /// The kind the input gave.
        kind: PersonKind,
        /// The age the input gave.
        age: u8,
    },
    /// A household with nobody in it.
    #[error("a household must hold at least one adult")]
    NoAdult,
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
    /// [`PersonError::AgeOutOfRange`] above 130.
    pub fn try_new(years: u16) -> Result<Self, PersonError> {
        match u8::try_from(years) {
            Ok(y) if y <= MAX_AGE => Ok(Self(y)),
            _ => Err(PersonError::AgeOutOfRange { age: years }),
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
    type Error = PersonError;
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

/// A person: adult or child, age and gender, and optionally the personal data a case
/// system keeps (name, birth date, address), which is redacted in `Debug`.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Gender, Person};
/// let p = Person::adult(34, Gender::Female)?.with_name("Kari Nordmann");
/// assert!(!format!("{p:?}").contains("Kari"));
/// assert!(Person::child(19, Gender::Male).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "PersonInput", deny_unknown_fields)]
pub struct Person {
    kind: PersonKind,
    age: Age,
    gender: Gender,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Redacted<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birth_date: Option<Redacted<NaiveDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address: Option<Redacted<String>>,
}

/// The unchecked wire form of a [`Person`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Person")]
struct PersonInput {
    kind: PersonKind,
    age: Age,
    gender: Gender,
    #[serde(default)]
    name: Option<Redacted<String>>,
    #[serde(default)]
    birth_date: Option<Redacted<NaiveDate>>,
    #[serde(default)]
    address: Option<Redacted<String>>,
}

impl TryFrom<PersonInput> for Person {
    type Error = PersonError;
    fn try_from(raw: PersonInput) -> Result<Self, Self::Error> {
        let mut person = Person::new(raw.kind, raw.age, raw.gender)?;
        person.name = raw.name;
        person.birth_date = raw.birth_date;
        person.address = raw.address;
        Ok(person)
    }
}

impl Person {
    /// Makes a person, checking that the kind matches the age.
    ///
    /// # Errors
    ///
    /// [`PersonError::KindDoesNotMatchAge`] when an adult is under 18 or a child is 18 or older.
    pub fn new(kind: PersonKind, age: Age, gender: Gender) -> Result<Self, PersonError> {
        if age.kind() != kind {
            return Err(PersonError::KindDoesNotMatchAge { kind, age: age.years() });
        }
        Ok(Self { kind, age, gender, name: None, birth_date: None, address: None })
    }

    /// An adult of `age` years.
    ///
    /// # Errors
    ///
    /// [`PersonError`] when the age is out of range or under 18.
    pub fn adult(age: u16, gender: Gender) -> Result<Self, PersonError> {
        Self::new(PersonKind::Adult, Age::try_new(age)?, gender)
    }

    /// A child of `age` years.
    ///
    /// # Errors
    ///
    /// [`PersonError`] when the age is out of range or 18 or more.
    pub fn child(age: u16, gender: Gender) -> Result<Self, PersonError> {
        Self::new(PersonKind::Child, Age::try_new(age)?, gender)
    }

    /// Adds a name (kept redacted).
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(Redacted::new(name.into()));
        self
    }

    /// Adds a birth date (kept redacted).
    #[must_use]
    pub fn with_birth_date(mut self, date: NaiveDate) -> Self {
        self.birth_date = Some(Redacted::new(date));
        self
    }

    /// Adds an address (kept redacted).
    #[must_use]
    pub fn with_address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(Redacted::new(address.into()));
        self
    }

    /// Adult or child.
    pub const fn kind(&self) -> PersonKind {
        self.kind
    }

    /// Age in whole years.
    pub const fn age(&self) -> Age {
        self.age
    }

    /// Gender.
    pub const fn gender(&self) -> Gender {
        self.gender
    }

    /// The name, if any (personal data).
    pub fn name(&self) -> Option<&Redacted<String>> {
        self.name.as_ref()
    }

    /// The birth date, if any (personal data).
    pub fn birth_date(&self) -> Option<&Redacted<NaiveDate>> {
        self.birth_date.as_ref()
    }

    /// The address, if any (personal data).
    pub fn address(&self) -> Option<&Redacted<String>> {
        self.address.as_ref()
    }
}

/// A household: the adults and the children who stay together (children stay with their parent).
///
/// # Example
///
/// ```
/// use krisesenter_core::{Gender, Household, HouseholdId, Person};
/// let h = Household::try_new(
///     HouseholdId::try_new("h1")?,
///     vec![Person::adult(34, Gender::Female)?],
///     vec![Person::child(5, Gender::Male)?],
/// )?;
/// assert_eq!(h.size(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "HouseholdInput", deny_unknown_fields)]
pub struct Household {
    id: HouseholdId,
    adults: Vec<Person>,
    children: Vec<Person>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Household")]
struct HouseholdInput {
    id: HouseholdId,
    adults: Vec<Person>,
    #[serde(default)]
    children: Vec<Person>,
}

impl TryFrom<HouseholdInput> for Household {
    type Error = PersonError;
    fn try_from(raw: HouseholdInput) -> Result<Self, Self::Error> {
        Household::try_new(raw.id, raw.adults, raw.children)
    }
}

impl Household {
    /// Makes a household, checking that it has an adult, that adults are adults and children children.
    ///
    /// # Errors
    ///
    /// [`PersonError::NoAdult`] without an adult; [`PersonError::KindDoesNotMatchAge`] when a
    /// person is in the wrong list.
    pub fn try_new(id: HouseholdId, adults: Vec<Person>, children: Vec<Person>) -> Result<Self, PersonError> {
        if adults.is_empty() {
            return Err(PersonError::NoAdult);
        }
        for p in &adults {
            if p.kind() != PersonKind::Adult {
                return Err(PersonError::KindDoesNotMatchAge { kind: PersonKind::Adult, age: p.age().years() });
            }
        }
        for p in &children {
            if p.kind() != PersonKind::Child {
                return Err(PersonError::KindDoesNotMatchAge { kind: PersonKind::Child, age: p.age().years() });
            }
        }
        Ok(Self { id, adults, children })
    }

    /// The household's id.
    pub fn id(&self) -> &HouseholdId {
        &self.id
    }

    /// The adults.
    pub fn adults(&self) -> &[Person] {
        &self.adults
    }

    /// The children.
    pub fn children(&self) -> &[Person] {
        &self.children
    }

    /// Number of people, adults and children.
    pub fn size(&self) -> usize {
        self.adults.len() + self.children.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_personal_fields() {
        let p = Person::adult(40, Gender::Female)
            .unwrap()
            .with_name("Kari Nordmann")
            .with_address("Storgata 1")
            .with_birth_date(NaiveDate::from_ymd_opt(1986, 2, 3).unwrap());
        let dbg = format!("{p:?}");
        assert!(!dbg.contains("Kari") && !dbg.contains("Storgata") && !dbg.contains("1986"), "{dbg}");
        assert!(dbg.contains("<redacted>"));
    }

    #[test]
    fn kind_must_match_age() {
        assert!(Person::adult(17, Gender::Female).is_err());
        assert!(Person::adult(18, Gender::Female).is_ok());
        assert!(Person::child(17, Gender::Male).is_ok());
        assert!(Person::child(18, Gender::Male).is_err());
        assert!(Person::adult(131, Gender::Male).is_err());
    }

    #[test]
    fn deserialisation_validates_and_denies_unknown_fields() {
        let ok: Person = serde_json::from_str(r#"{"kind":"child","age":5,"gender":"male"}"#).unwrap();
        assert_eq!(ok.age().years(), 5);
        assert!(serde_json::from_str::<Person>(r#"{"kind":"adult","age":5,"gender":"male"}"#).is_err());
        assert!(serde_json::from_str::<Person>(r#"{"kind":"adult","age":25,"gender":"male","x":1}"#).is_err());
    }

    #[test]
    fn household_needs_an_adult() {
        let id = HouseholdId::try_new("h1").unwrap();
        assert_eq!(Household::try_new(id.clone(), vec![], vec![]), Err(PersonError::NoAdult));
        let child = Person::child(4, Gender::Female).unwrap();
        assert!(Household::try_new(id, vec![child.clone()], vec![]).is_err());
    }
}
