//! The `report` command (CONTRACT.md `report`): the raw figures of a period.

use krisesenter_stats::ReportInput;
use schemars::Schema;

use super::CliError;

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let input = super::parse::<ReportInput>(input)?;
    let report = input.report().map_err(|err| CliError::invalid_input(&err, Some(&err.path())))?;
    super::to_json(&report)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<ReportInput>() } else { super::schema_of::<krisesenter_stats::Report>() })
}
