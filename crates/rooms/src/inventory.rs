//! The inventory of a shelter: rooms (beds, unit, accessible, screened), the units they
//! belong to and the kennel places, and the embedded default modelled on Romerike.

use std::collections::BTreeSet;

use crate::UnitId;
use krisesenter_core::RoomId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The most beds one room may hold. A family room holds a handful; the cap keeps every
/// sum the solver forms far from overflow and rejects typing mistakes such as `400`.
pub const MAX_BEDS_PER_ROOM: u16 = 100;

/// Why a room or an inventory is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InventoryError {
    /// A room must have at least one bed.
    #[error("a room has no beds")]
    NoBeds {
        /// The room.
        room: RoomId,
    },
    /// A room holds more than [`MAX_BEDS_PER_ROOM`] beds.
    #[error("a room has more than the {MAX_BEDS_PER_ROOM} beds a room may hold")]
    TooManyBeds {
        /// The room.
        room: RoomId,
        /// The beds given.
        beds: u16,
    },
    /// Two rooms share an id.
    #[error("a room id is used twice")]
    DuplicateRoom {
        /// The id used twice.
        room: RoomId,
        /// Zero-based position of the first room with the id.
        first: usize,
        /// Zero-based position of the second room with the id.
        second: usize,
    },
    /// A unit is listed twice.
    #[error("a unit id is listed twice")]
    DuplicateUnit {
        /// The unit listed twice.
        unit: UnitId,
    },
    /// A room names a unit the inventory does not list.
    #[error("a room belongs to a unit the inventory does not list")]
    UnknownUnit {
        /// The room.
        room: RoomId,
        /// The unit it names.
        unit: UnitId,
    },
}

/// A resident room: its beds, the unit it belongs to, whether it is accessible (universal
/// design: step-free, wheelchair) and whether it is screened (skjermet: a room set apart for
/// users under high threat).
///
/// # Example
///
/// ```
/// use krisesenter_core::RoomId;
/// use krisesenter_rooms::UnitId;
/// use krisesenter_rooms::Room;
/// let room = Room::try_new(RoomId::try_new("r01")?, UnitId::try_new("a")?, 4, false, false)?;
/// assert_eq!(room.beds(), 4);
/// assert!(Room::try_new(RoomId::try_new("r02")?, UnitId::try_new("a")?, 0, false, false).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawRoom", deny_unknown_fields)]
#[schemars(description = "A resident room: its beds, its unit, whether it is accessible and whether it is screened.")]
pub struct Room {
    id: RoomId,
    unit: UnitId,
    beds: u16,
    accessible: bool,
    screened: bool,
}

/// The unchecked wire form of a [`Room`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Room")]
struct RawRoom {
    id: RoomId,
    unit: UnitId,
    /// Beds in the room, 1 to 100.
    #[schemars(range(min = 1, max = 100))]
    beds: u16,
    accessible: bool,
    screened: bool,
}

impl TryFrom<RawRoom> for Room {
    type Error = InventoryError;
    fn try_from(raw: RawRoom) -> Result<Self, Self::Error> {
        Room::try_new(raw.id, raw.unit, raw.beds, raw.accessible, raw.screened)
    }
}

impl Room {
    /// Makes a room, checking the number of beds.
    ///
    /// # Errors
    ///
    /// [`InventoryError::NoBeds`] for zero beds, [`InventoryError::TooManyBeds`] above
    /// [`MAX_BEDS_PER_ROOM`].
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::RoomId;
    /// use krisesenter_rooms::UnitId;
    /// use krisesenter_rooms::{InventoryError, Room};
    /// let screened = Room::try_new(RoomId::try_new("s1")?, UnitId::try_new("s")?, 3, false, true)?;
    /// assert!(screened.screened());
    /// let empty = Room::try_new(RoomId::try_new("s2")?, UnitId::try_new("s")?, 0, false, true);
    /// assert!(matches!(empty, Err(InventoryError::NoBeds { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(
        id: RoomId,
        unit: UnitId,
        beds: u16,
        accessible: bool,
        screened: bool,
    ) -> Result<Self, InventoryError> {
        if beds == 0 {
            return Err(InventoryError::NoBeds { room: id });
        }
        if beds > MAX_BEDS_PER_ROOM {
            return Err(InventoryError::TooManyBeds { room: id, beds });
        }
        Ok(Self { id, unit, beds, accessible, screened })
    }

    /// The room's id.
    pub fn id(&self) -> &RoomId {
        &self.id
    }

    /// The unit the room belongs to.
    pub fn unit(&self) -> &UnitId {
        &self.unit
    }

    /// Beds in the room (at least one).
    pub const fn beds(&self) -> u16 {
        self.beds
    }

    /// Whether the room is accessible.
    pub const fn accessible(&self) -> bool {
        self.accessible
    }

    /// Whether the room is screened.
    pub const fn screened(&self) -> bool {
        self.screened
    }
}

/// A shelter's rooms, the units they belong to and its kennel places.
///
/// Room ids are unique, every room belongs to a listed unit and has at least one bed.
///
/// # Example
///
/// ```
/// use krisesenter_rooms::Inventory;
/// let romerike = Inventory::romerike();
/// assert_eq!((romerike.rooms().len(), romerike.total_beds()), (16, 62));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "RawInventory", deny_unknown_fields)]
#[schemars(description = "A shelter's units, rooms and kennel places.")]
pub struct Inventory {
    units: BTreeSet<UnitId>,
    rooms: Vec<Room>,
    kennel_places: u16,
}

/// The unchecked wire form of an [`Inventory`].
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Inventory")]
struct RawInventory {
    units: Vec<UnitId>,
    rooms: Vec<Room>,
    kennel_places: u16,
}

impl TryFrom<RawInventory> for Inventory {
    type Error = InventoryError;
    fn try_from(raw: RawInventory) -> Result<Self, Self::Error> {
        Inventory::try_new(raw.units, raw.rooms, raw.kennel_places)
    }
}

impl Inventory {
    /// Makes an inventory from its units, rooms (kept in the order given) and kennel places.
    ///
    /// # Errors
    ///
    /// [`InventoryError::DuplicateUnit`], [`InventoryError::DuplicateRoom`] or
    /// [`InventoryError::UnknownUnit`] (a room in a unit that is not listed).
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::RoomId;
    /// use krisesenter_rooms::UnitId;
    /// use krisesenter_rooms::{Inventory, InventoryError, Room};
    /// let a = UnitId::try_new("a")?;
    /// let room = Room::try_new(RoomId::try_new("r01")?, a.clone(), 4, true, false)?;
    /// let inv = Inventory::try_new(vec![a], vec![room.clone()], 1)?;
    /// assert_eq!(inv.kennel_places(), 1);
    /// let lost = Inventory::try_new(vec![UnitId::try_new("b")?], vec![room], 1);
    /// assert!(matches!(lost, Err(InventoryError::UnknownUnit { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn try_new(units: Vec<UnitId>, rooms: Vec<Room>, kennel_places: u16) -> Result<Self, InventoryError> {
        let mut unit_set = BTreeSet::new();
        for unit in units {
            if unit_set.contains(&unit) {
                return Err(InventoryError::DuplicateUnit { unit });
            }
            unit_set.insert(unit);
        }
        check_unique_rooms(&rooms)?;
        if let Some(room) = rooms.iter().find(|r| !unit_set.contains(r.unit())) {
            return Err(InventoryError::UnknownUnit { room: room.id().clone(), unit: room.unit().clone() });
        }
        Ok(Self { units: unit_set, rooms, kennel_places })
    }

    /// Makes an inventory whose units are exactly the units its rooms name (the shape of the
    /// `allocate` input, which lists rooms only).
    ///
    /// # Errors
    ///
    /// [`InventoryError::DuplicateRoom`] when two rooms share an id.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::RoomId;
    /// use krisesenter_rooms::UnitId;
    /// use krisesenter_rooms::{Inventory, Room};
    /// let r = |id: &str| Room::try_new(RoomId::try_new(id).ok()?, UnitId::try_new("a").ok()?, 2, false, false).ok();
    /// let inv = Inventory::from_rooms(vec![r("r1").ok_or("room")?, r("r2").ok_or("room")?], 0)?;
    /// assert_eq!(inv.units().len(), 1);
    /// assert!(Inventory::from_rooms(vec![r("r1").ok_or("room")?, r("r1").ok_or("room")?], 0).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_rooms(rooms: Vec<Room>, kennel_places: u16) -> Result<Self, InventoryError> {
        let units = rooms.iter().map(|r| r.unit().clone()).collect::<BTreeSet<_>>();
        Self::try_new(units.into_iter().collect(), rooms, kennel_places)
    }

    /// The default shelter, modelled on Romerike krisesenter (DOMAIN.md §3): 16 family rooms
    /// with 62 beds, a unit that can be screened, and a kennel.
    ///
    /// Romerike does not publish how the beds are split, nor the size of the kennel or which
    /// rooms are accessible. Assumed here (and in docs/legal-basis.md):
    /// - unit `main`: rooms `r01` to `r14`, 4 beds each (56 beds); `r01` is accessible;
    /// - unit `screened`: rooms `r15` and `r16`, 3 beds each (6 beds), screened;
    /// - 2 kennel places.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_rooms::Inventory;
    /// let inv = Inventory::romerike();
    /// assert_eq!(inv.rooms().iter().filter(|r| r.screened()).count(), 2);
    /// assert_eq!(inv.kennel_places(), 2);
    /// ```
    pub fn romerike() -> Self {
        // The tokens are valid ids (the unit test below checks all 16 rooms are built).
        let main = UnitId::try_new("main").ok();
        let screened = UnitId::try_new("screened").ok();
        let rooms: Vec<Room> = (1..=16u8)
            .filter_map(|n| {
                let in_screened_unit = n >= 15;
                let id = RoomId::try_new(format!("r{n:02}")).ok()?;
                let (unit, beds) = if in_screened_unit { (screened.clone()?, 3) } else { (main.clone()?, 4) };
                Some(Room { id, unit, beds, accessible: n == 1, screened: in_screened_unit })
            })
            .collect();
        Self { units: [main, screened].into_iter().flatten().collect(), rooms, kennel_places: 2 }
    }

    /// The units, in id order.
    pub fn units(&self) -> &BTreeSet<UnitId> {
        &self.units
    }

    /// The rooms, in the order given.
    pub fn rooms(&self) -> &[Room] {
        &self.rooms
    }

    /// Kennel places (one pet household per place).
    pub const fn kennel_places(&self) -> u16 {
        self.kennel_places
    }

    /// Beds in all rooms.
    pub fn total_beds(&self) -> u32 {
        self.rooms.iter().map(|r| u32::from(r.beds())).sum()
    }

    /// The room with this id, if any.
    pub fn room(&self, id: &RoomId) -> Option<&Room> {
        self.rooms.iter().find(|r| r.id() == id)
    }

    /// Adds a room (the property "adding a room never makes the placement worse" uses this).
    ///
    /// # Errors
    ///
    /// [`InventoryError::DuplicateRoom`] when the id is taken, [`InventoryError::UnknownUnit`]
    /// when the unit is not listed.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_core::RoomId;
    /// use krisesenter_rooms::UnitId;
    /// use krisesenter_rooms::{Inventory, Room};
    /// let inv = Inventory::romerike();
    /// let extra = Room::try_new(RoomId::try_new("r17")?, UnitId::try_new("main")?, 2, false, false)?;
    /// assert_eq!(inv.with_room(extra)?.total_beds(), 64);
    /// let again = Room::try_new(RoomId::try_new("r01")?, UnitId::try_new("main")?, 2, false, false)?;
    /// assert!(Inventory::romerike().with_room(again).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_room(mut self, room: Room) -> Result<Self, InventoryError> {
        if !self.units.contains(room.unit()) {
            return Err(InventoryError::UnknownUnit { room: room.id().clone(), unit: room.unit().clone() });
        }
        self.rooms.push(room);
        check_unique_rooms(&self.rooms)?;
        Ok(self)
    }
}

/// Checks that room ids are unique.
pub(crate) fn check_unique_rooms(rooms: &[Room]) -> Result<(), InventoryError> {
    let mut seen = std::collections::BTreeMap::new();
    for (i, room) in rooms.iter().enumerate() {
        if let Some(first) = seen.insert(room.id(), i) {
            return Err(InventoryError::DuplicateRoom { room: room.id().clone(), first, second: i });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romerike_has_16_rooms_62_beds_and_a_screened_unit() {
        let inv = Inventory::romerike();
        assert_eq!(inv.rooms().len(), 16);
        assert_eq!(inv.total_beds(), 62);
        assert_eq!(inv.units().len(), 2);
        let screened: Vec<_> = inv.rooms().iter().filter(|r| r.screened()).collect();
        assert_eq!(screened.len(), 2);
        assert!(screened.iter().all(|r| r.beds() == 3 && r.unit().as_str() == "screened"));
        assert_eq!(inv.rooms().iter().filter(|r| r.beds() == 4).count(), 14);
        assert_eq!(inv.rooms()[0].id().as_str(), "r01");
        assert_eq!(inv.rooms()[15].id().as_str(), "r16");
        // The embedded default passes its own validation.
        let again = Inventory::try_new(inv.units().iter().cloned().collect(), inv.rooms().to_vec(), 2).unwrap();
        assert_eq!(again, inv);
    }

    #[test]
    fn validation_rejects_bad_inventories() {
        let a = UnitId::try_new("a").unwrap();
        let r = |id: &str| Room::try_new(RoomId::try_new(id).unwrap(), a.clone(), 2, false, false).unwrap();
        assert!(matches!(
            Inventory::try_new(vec![a.clone()], vec![r("x"), r("y"), r("x")], 0),
            Err(InventoryError::DuplicateRoom { first: 0, second: 2, .. })
        ));
        assert!(matches!(
            Inventory::try_new(vec![a.clone(), a.clone()], vec![], 0),
            Err(InventoryError::DuplicateUnit { .. })
        ));
        assert!(matches!(
            Room::try_new(RoomId::try_new("z").unwrap(), a.clone(), 101, false, false),
            Err(InventoryError::TooManyBeds { beds: 101, .. })
        ));
        let json = r#"{"id":"r1","unit":"a","beds":0,"accessible":false,"screened":false}"#;
        assert!(serde_json::from_str::<Room>(json).is_err());
        let json = r#"{"id":"r1","unit":"a","beds":2,"accessible":false,"screened":false,"floor":1}"#;
        assert!(serde_json::from_str::<Room>(json).is_err());
        let json = r#"{"units":["a"],"rooms":[{"id":"r1","unit":"b","beds":2,"accessible":false,"screened":false}],"kennel_places":0}"#;
        assert!(serde_json::from_str::<Inventory>(json).is_err());
    }
}
