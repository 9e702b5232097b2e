//! Households as the placement sees them: adults by gender, children by age, a priority,
//! needs, the households they must be kept apart from, and the room they live in now.

use krisesenter_core::{Gender, HouseholdId, RoomId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a household is not acceptable for placement.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum HouseholdError {
    /// A priority outside 1..=5.
    #[error("a priority must be 1 to 5, got {priority}")]
    PriorityOutOfRange {
        /// The rejected priority.
        priority: u8,
    },
    /// A child's age outside 0..=17.
    #[error("a child's age must be 0 to 17, got {age}")]
    ChildAgeOutOfRange {
        /// The rejected age.
        age: u8,
    },
    /// A household without an adult (children stay with their parent).
    #[error("household {household} has no adult")]
    NoAdult {
        /// The household.
        household: HouseholdId,
    },
    /// A household names itself in `keep_apart`.
    #[error("household {household} names itself in keep_apart")]
    KeepApartFromItself {
        /// The household.
        household: HouseholdId,
    },
}

/// The priority of a household, 1 (lowest) to 5 (highest). The placement maximises the sum
/// of the priorities of the households it places.
///
/// # Example
///
/// ```
/// use krisesenter_rooms::Priority;
/// assert_eq!(Priority::try_new(5)?.get(), 5);
/// assert!(Priority::try_new(0).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Priority(u8);

impl Priority {
    /// The lowest priority.
    pub const LOWEST: Priority = Priority(1);
    /// The highest priority.
    pub const HIGHEST: Priority = Priority(5);

    /// Makes a priority, checking the range 1..=5.
    ///
    /// # Errors
    ///
    /// [`HouseholdError::PriorityOutOfRange`] outside 1..=5.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_rooms::Priority;
    /// assert_eq!(Priority::try_new(1)?, Priority::LOWEST);
    /// assert!(Priority::try_new(6).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn try_new(priority: u8) -> Result<Self, HouseholdError> {
        if priority >= 1 && priority <= 5 {
            Ok(Self(priority))
        } else {
            Err(HouseholdError::PriorityOutOfRange { priority })
        }
    }

    /// The priority, 1 to 5.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Priority {
    type Error = HouseholdError;
    fn try_from(priority: u8) -> Result<Self, Self::Error> {
        Self::try_new(priority)
    }
}

impl From<Priority> for u8 {
    fn from(p: Priority) -> u8 {
        p.0
    }
}

impl JsonSchema for Priority {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Priority")
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "integer", "minimum": 1, "maximum": 5})
    }
}

/// An adult of a household, as the placement sees them: only the gender matters (under
/// `by_unit`, women and men are housed in different units, krisesenterlova §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Adult {
    /// The adult's gender.
    pub gender: Gender,
}

impl Adult {
    /// An adult of `gender`.
    pub const fn new(gender: Gender) -> Self {
        Self { gender }
    }
}

/// A child of a household, by age (0 to 17). Children stay with their parent.
///
/// # Example
///
/// ```
/// use krisesenter_rooms::Child;
/// assert_eq!(Child::try_new(5)?.age(), 5);
/// assert!(Child::try_new(18).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawChild", deny_unknown_fields)]
#[schemars(description = "A child of a household, by age (0 to 17).")]
pub struct Child {
    age: u8,
}

/// The unchecked wire form of a [`Child`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Child")]
struct RawChild {
    /// Age in whole years, 0 to 17.
    #[schemars(range(min = 0, max = 17))]
    age: u8,
}

impl TryFrom<RawChild> for Child {
    type Error = HouseholdError;
    fn try_from(raw: RawChild) -> Result<Self, Self::Error> {
        Child::try_new(raw.age)
    }
}

impl Child {
    /// A child of `age` years.
    ///
    /// # Errors
    ///
    /// [`HouseholdError::ChildAgeOutOfRange`] at 18 or more.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_rooms::Child;
    /// assert!(Child::try_new(0).is_ok());
    /// assert!(Child::try_new(40).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub const fn try_new(age: u8) -> Result<Self, HouseholdError> {
        if age < krisesenter_core::ADULT_AGE {
            Ok(Self { age })
        } else {
            Err(HouseholdError::ChildAgeOutOfRange { age })
        }
    }

    /// Age in whole years.
    pub const fn age(self) -> u8 {
        self.age
    }
}

/// What a household needs from its room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Needs {
    /// Needs an accessible room.
    pub accessible: bool,
    /// Needs a screened room (high threat).
    pub screened: bool,
    /// Brings a pet, which needs a kennel place.
    pub pet: bool,
}

impl Needs {
    /// Needs as given.
    pub const fn new(accessible: bool, screened: bool, pet: bool) -> Self {
        Self { accessible, screened, pet }
    }
}

/// How the adults of a household sort under gender separation by unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AdultGenders {
    /// Only adults of gender `other` or `unknown`: they fit any unit.
    Neutral,
    /// At least one female adult, no male adult.
    Female,
    /// At least one male adult, no female adult.
    Male,
    /// Female and male adults together: cannot be placed under `by_unit`.
    Mixed,
}

/// A household to place (or already living in the shelter, with `current_room` set).
///
/// Holds no personal data: adults by gender, children by age, ids are opaque tokens.
///
/// # Example
///
/// ```
/// use krisesenter_core::{Gender, HouseholdId};
/// use krisesenter_rooms::{Adult, Child, HouseholdRequest, Needs, Priority};
/// let h = HouseholdRequest::try_new(
///     HouseholdId::try_new("h1")?,
///     vec![Adult::new(Gender::Female)],
///     vec![Child::try_new(5)?],
///     Priority::try_new(3)?,
///     Needs::default(),
///     vec![],
///     None,
/// )?;
/// assert_eq!(h.size(), 2);
/// let nobody = HouseholdRequest::try_new(
///     HouseholdId::try_new("h2")?, vec![], vec![Child::try_new(5)?], Priority::LOWEST,
///     Needs::default(), vec![], None,
/// );
/// assert!(nobody.is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawHouseholdRequest", deny_unknown_fields)]
#[schemars(
    description = "A household to place, or a current resident (with `current_room`), as the placement sees it."
)]
pub struct HouseholdRequest {
    id: HouseholdId,
    adults: Vec<Adult>,
    children: Vec<Child>,
    priority: Priority,
    needs: Needs,
    keep_apart: Vec<HouseholdId>,
    current_room: Option<RoomId>,
}

/// The unchecked wire form of a [`HouseholdRequest`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "HouseholdRequest")]
struct RawHouseholdRequest {
    id: HouseholdId,
    /// At least one adult.
    adults: Vec<Adult>,
    children: Vec<Child>,
    priority: Priority,
    needs: Needs,
    /// Households never to be placed in the same unit as this one (either side may name the
    /// other; ids of households not in the input are ignored).
    keep_apart: Vec<HouseholdId>,
    /// The room the household lives in now (`null` for a household not yet in the shelter);
    /// such a household must be placed.
    #[serde(deserialize_with = "Option::deserialize")]
    #[schemars(schema_with = "required_nullable_room")]
    current_room: Option<RoomId>,
}

/// The schema of `current_room`: listed as required (`schema_with` keeps schemars from
/// treating the `Option` as optional) while admitting `null`, as the contract writes it.
fn required_nullable_room(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<Option<RoomId>>()
}

impl TryFrom<RawHouseholdRequest> for HouseholdRequest {
    type Error = HouseholdError;
    fn try_from(raw: RawHouseholdRequest) -> Result<Self, Self::Error> {
        HouseholdRequest::try_new(
            raw.id,
            raw.adults,
            raw.children,
            raw.priority,
            raw.needs,
            raw.keep_apart,
            raw.current_room,
        )
    }
}

impl HouseholdRequest {
    /// Makes a household, checking that it has an adult and does not name itself in `keep_apart`.
    ///
    /// # Errors
    ///
    /// [`HouseholdError::NoAdult`], [`HouseholdError::KeepApartFromItself`].
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::{Gender, HouseholdId, RoomId};
    /// use krisesenter_rooms::{Adult, HouseholdRequest, Needs, Priority};
    /// let id = HouseholdId::try_new("h7")?;
    /// let resident = HouseholdRequest::try_new(
    ///     id.clone(), vec![Adult::new(Gender::Male)], vec![], Priority::try_new(2)?,
    ///     Needs::default(), vec![], Some(RoomId::try_new("r03")?),
    /// )?;
    /// assert!(resident.current_room().is_some());
    /// let odd = HouseholdRequest::try_new(
    ///     id.clone(), vec![Adult::new(Gender::Male)], vec![], Priority::LOWEST,
    ///     Needs::default(), vec![id], None,
    /// );
    /// assert!(odd.is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(
        id: HouseholdId,
        adults: Vec<Adult>,
        children: Vec<Child>,
        priority: Priority,
        needs: Needs,
        keep_apart: Vec<HouseholdId>,
        current_room: Option<RoomId>,
    ) -> Result<Self, HouseholdError> {
        if adults.is_empty() {
            return Err(HouseholdError::NoAdult { household: id });
        }
        if keep_apart.contains(&id) {
            return Err(HouseholdError::KeepApartFromItself { household: id });
        }
        Ok(Self { id, adults, children, priority, needs, keep_apart, current_room })
    }

    /// The household's id.
    pub fn id(&self) -> &HouseholdId {
        &self.id
    }

    /// The adults.
    pub fn adults(&self) -> &[Adult] {
        &self.adults
    }

    /// The children.
    pub fn children(&self) -> &[Child] {
        &self.children
    }

    /// The priority.
    pub const fn priority(&self) -> Priority {
        self.priority
    }

    /// The needs.
    pub const fn needs(&self) -> Needs {
        self.needs
    }

    /// Households to keep in another unit.
    pub fn keep_apart(&self) -> &[HouseholdId] {
        &self.keep_apart
    }

    /// The room the household lives in now, if it is a current resident.
    pub fn current_room(&self) -> Option<&RoomId> {
        self.current_room.as_ref()
    }

    /// People in the household: adults plus children (saturating at `u32::MAX`).
    pub fn size(&self) -> u32 {
        u32::try_from(self.adults.len().saturating_add(self.children.len())).unwrap_or(u32::MAX)
    }

    /// How the adults sort under gender separation by unit.
    pub fn adult_genders(&self) -> AdultGenders {
        let female = self.adults.iter().any(|a| a.gender == Gender::Female);
        let male = self.adults.iter().any(|a| a.gender == Gender::Male);
        match (female, male) {
            (true, true) => AdultGenders::Mixed,
            (true, false) => AdultGenders::Female,
            (false, true) => AdultGenders::Male,
            (false, false) => AdultGenders::Neutral,
        }
    }
}
