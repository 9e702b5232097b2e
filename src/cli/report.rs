//! The `report` command (docs/contract.md `report`): the raw figures of a period.

use krisesenter_stats::{ReportError, ReportInput};
use schemars::Schema;

use super::{CliError, Locate};

impl Locate for ReportError {
    fn locate(&self) -> Option<String> {
        match self {
            ReportError::NoBeds => Some("beds".to_owned()),
            ReportError::DuplicateStay { second, .. } => Some(format!("stays[{second}].id")),
            _ => None,
        }
    }
}

pub(super) fn run(input: &[u8], out: &mut dyn std::io::Write) -> Result<(), super::RunError> {
    // A report input can hold a million stays: parse without path tracking first, and only
    // when that fails parse again with it, so that the error names the offending field.
    let input = match super::parse_fast::<ReportInput>(input) {
        Ok(parsed) => parsed,
        Err(_) => super::parse::<ReportInput>(input)?,
    };
    let report = krisesenter_stats::report(&input).map_err(|err| CliError::located(&err))?;
    super::write_json(&report, out)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<ReportInput>() } else { super::schema_of::<krisesenter_stats::Report>() })
}
