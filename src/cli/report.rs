//! The `report` command. Not yet available in this build: its domain crate is still being
//! built, and until then the command answers `unknown_command`.

use schemars::Schema;

use super::CliError;

pub(super) fn run(_input: &[u8]) -> Result<String, CliError> {
    Err(CliError::unknown_command())
}

pub(super) fn schema(_input: bool) -> Option<Schema> {
    None
}
