//! The `allocate` command: households placed in rooms, optimally, with reasons
//! (docs/contract.md `allocate`, crate `krisesenter-rooms`).

use chrono::NaiveDate;
use krisesenter_rooms::{
    AllocateError, AllocateInput, AllocateOptions, Allocation, HouseholdRequest, InventoryError, Policy, Room, allocate,
};
use schemars::{JsonSchema, Schema};
use serde::Deserialize;

use super::{CliError, Locate};

/// The input of a placement (the `allocate` document of the contract).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct AllocationInput {
    /// The day the placement is made on (reasons cite the law in force that day).
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    as_of: NaiveDate,
    /// The placement policy.
    policy: Policy,
    /// Kennel places: at most this many households with a pet are placed.
    kennel_places: u16,
    /// The rooms.
    rooms: Vec<Room>,
    /// The households to place, current residents among them.
    households: Vec<HouseholdRequest>,
    /// How far the search may go (optional, an addition to the contract; default: a node
    /// budget of 40).
    #[serde(default)]
    options: AllocateOptions,
}

impl Locate for AllocateError {
    fn locate(&self) -> Option<String> {
        match self {
            AllocateError::Inventory { source: InventoryError::DuplicateRoom { second, .. } } => {
                Some(format!("rooms[{second}].id"))
            }
            AllocateError::DuplicateHousehold { second, .. } => Some(format!("households[{second}].id")),
            AllocateError::UnknownCurrentRoom { index, .. } | AllocateError::SharedCurrentRoom { index, .. } => {
                Some(format!("households[{index}].current_room"))
            }
            AllocateError::Inventory { .. } => Some(String::from("rooms")),
            _ => None,
        }
    }
}

/// Parses the input, places the households and writes the allocation. Inputs the rules
/// reject (duplicate ids, an unknown or shared current room, current residents who cannot
/// all be placed) are `invalid_input`, with the path of the offending field where there is one.
pub(super) fn run(input: &[u8], out: &mut dyn std::io::Write) -> Result<(), super::RunError> {
    let AllocationInput { as_of, policy, kennel_places, rooms, households, options } = super::parse(input)?;
    let input = AllocateInput::from_parts(policy, kennel_places, rooms, households).with_options(options);
    let output = allocate(&input, as_of).map_err(|err| CliError::located(&err))?;
    super::write_json(&output, out)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<AllocationInput>() } else { super::schema_of::<Allocation>() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use krisesenter_rooms::{HouseholdId, RoomId};

    #[test]
    fn paths_name_the_offending_field() {
        let e = AllocateError::UnknownCurrentRoom {
            index: 3,
            household: HouseholdId::try_new("h").unwrap(),
            room: RoomId::try_new("r").unwrap(),
        };
        assert_eq!(e.locate().as_deref(), Some("households[3].current_room"));
        assert_eq!(AllocateError::ResidentsCannotBePlaced { residents: 2 }.locate(), None);
        let dup =
            AllocateError::DuplicateHousehold { household: HouseholdId::try_new("h").unwrap(), first: 0, second: 4 };
        assert_eq!(dup.locate().as_deref(), Some("households[4].id"));
    }
}
