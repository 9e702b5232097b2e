//! The `allocate` command: households placed in rooms, optimally, with reasons
//! (CONTRACT.md `allocate`, crate `krisesenter-rooms`).

use krisesenter_rooms::{Allocation, AllocationInput, allocate};
use schemars::Schema;

use super::CliError;

/// Parses the input, places the households and writes the allocation. Inputs the rules
/// reject (duplicate ids, an unknown or shared current room, current residents who cannot
/// all be placed) are `invalid_input`, with the path of the offending field where there is one.
pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let input: AllocationInput = super::parse(input)?;
    let output = allocate(&input).map_err(|err| CliError::invalid_input(&err, err.path().as_deref()))?;
    super::to_json(&output)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<AllocationInput>() } else { super::schema_of::<Allocation>() })
}
