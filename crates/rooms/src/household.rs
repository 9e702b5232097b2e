//! Households as the placement sees them: adults by gender, children by age, a priority,
//! needs, the households they must be kept apart from, and the room they live in now.

use crate::HouseholdId;
use krisesenter_core::{Gender, RoomId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Why a household is not acceptable for placement.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum HouseholdError {
    /// A priority outside 1..=5.
    #[error("a priority must be 1 to 5")]
    PriorityOutOfRange {
        /// The rejected priority.
        priority: u8,
    },
    /// A child's age outside 0..=17.
    #[error("a child's age must be 0 to 17")]
    ChildAgeOutOfRange {
        /// The rejected age.
        age: u8,
    },
    /// A household without an adult (children stay with their parent).
    #[error("a household has no adult")]
    NoAdult {
        /// The household.
        household: HouseholdId,
    },
    /// A household names itself in `keep_apart`.
    #[error("a household names itself in keep_apart")]
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
///
/// # Example
///
/// ```
/// use krisesenter_rooms::Needs;
/// let mut needs = Needs::default();
/// needs.screened = true;
/// assert!(needs.screened && !needs.accessible && !needs.pet);
/// ```
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
/// Holds no personal data: adults by gender, children by age, ids are opaque tokens. Made
/// with [`HouseholdRequest::builder`].
///
/// # Example
///
/// ```
/// use krisesenter_core::Gender;
/// use krisesenter_rooms::HouseholdId;
/// use krisesenter_rooms::{Child, HouseholdRequest, Priority};
/// let h = HouseholdRequest::builder(HouseholdId::try_new("h1")?, Priority::try_new(3)?)
///     .adult(Gender::Female)
///     .child(Child::try_new(5)?)
///     .build()?;
/// assert_eq!(h.size(), 2);
/// let nobody = HouseholdRequest::builder(HouseholdId::try_new("h2")?, Priority::LOWEST).child(Child::try_new(5)?).build();
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
    #[serde(deserialize_with = "krisesenter_core::wire::non_empty")]
    #[schemars(length(min = 1))]
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

/// Read through [`krisesenter_core::wire::Rejected`]: the one rule left after the fields are
/// read (a household naming itself in `keep_apart`) is over two fields.
impl TryFrom<RawHouseholdRequest> for HouseholdRequest {
    type Error = krisesenter_core::wire::Rejected<HouseholdError>;
    fn try_from(raw: RawHouseholdRequest) -> Result<Self, Self::Error> {
        HouseholdBuilder {
            id: raw.id,
            adults: raw.adults,
            children: raw.children,
            priority: raw.priority,
            needs: raw.needs,
            keep_apart: raw.keep_apart,
            current_room: raw.current_room,
        }
        .build()
        .map_err(krisesenter_core::wire::Rejected)
    }
}

/// Builds a [`HouseholdRequest`]: the id and priority first, then its people, needs,
/// keep-apart list and current room, each named; [`HouseholdBuilder::build`] checks it.
#[derive(Debug, Clone)]
#[must_use]
pub struct HouseholdBuilder {
    id: HouseholdId,
    adults: Vec<Adult>,
    children: Vec<Child>,
    priority: Priority,
    needs: Needs,
    keep_apart: Vec<HouseholdId>,
    current_room: Option<RoomId>,
}

impl HouseholdBuilder {
    /// Adds an adult of `gender`.
    pub fn adult(mut self, gender: Gender) -> Self {
        self.adults.push(Adult::new(gender));
        self
    }

    /// Adds these adults.
    pub fn adults(mut self, adults: impl IntoIterator<Item = Adult>) -> Self {
        self.adults.extend(adults);
        self
    }

    /// Adds a child.
    pub fn child(mut self, child: Child) -> Self {
        self.children.push(child);
        self
    }

    /// Adds these children.
    pub fn children(mut self, children: impl IntoIterator<Item = Child>) -> Self {
        self.children.extend(children);
        self
    }

    /// What the household needs from its room (none unless given).
    pub fn needs(mut self, needs: Needs) -> Self {
        self.needs = needs;
        self
    }

    /// Households never to be placed in the same unit as this one.
    pub fn keep_apart_from(mut self, households: impl IntoIterator<Item = HouseholdId>) -> Self {
        self.keep_apart.extend(households);
        self
    }

    /// The room the household lives in now: a current resident, who must be placed.
    pub fn living_in(mut self, room: RoomId) -> Self {
        self.current_room = Some(room);
        self
    }

    /// Checks the household: it has an adult and does not name itself in `keep_apart`.
    ///
    /// # Errors
    ///
    /// [`HouseholdError::NoAdult`], [`HouseholdError::KeepApartFromItself`].
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::{Gender, RoomId};
    /// use krisesenter_rooms::HouseholdId;
    /// use krisesenter_rooms::{HouseholdRequest, Priority};
    /// let id = HouseholdId::try_new("h7")?;
    /// let resident = HouseholdRequest::builder(id.clone(), Priority::try_new(2)?)
    ///     .adult(Gender::Male)
    ///     .living_in(RoomId::try_new("r03")?)
    ///     .build()?;
    /// assert!(resident.current_room().is_some());
    /// let odd = HouseholdRequest::builder(id.clone(), Priority::LOWEST).adult(Gender::Male).keep_apart_from([id]).build();
    /// assert!(odd.is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<HouseholdRequest, HouseholdError> {
        let Self { id, adults, children, priority, needs, keep_apart, current_room } = self;
        if adults.is_empty() {
            return Err(HouseholdError::NoAdult { household: id });
        }
        if keep_apart.contains(&id) {
            return Err(HouseholdError::KeepApartFromItself { household: id });
        }
        Ok(HouseholdRequest { id, adults, children, priority, needs, keep_apart, current_room })
    }
}

impl HouseholdRequest {
    /// Starts a household with this id and priority, without people, needs, keep-apart list
    /// or current room.
    pub fn builder(id: HouseholdId, priority: Priority) -> HouseholdBuilder {
        HouseholdBuilder {
            id,
            adults: Vec::new(),
            children: Vec::new(),
            priority,
            needs: Needs::default(),
            keep_apart: Vec::new(),
            current_room: None,
        }
    }

    /// A builder holding this household, to make a changed copy (another current room, say).
    pub fn to_builder(&self) -> HouseholdBuilder {
        HouseholdBuilder {
            id: self.id.clone(),
            adults: self.adults.clone(),
            children: self.children.clone(),
            priority: self.priority,
            needs: self.needs,
            keep_apart: self.keep_apart.clone(),
            current_room: self.current_room.clone(),
        }
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
