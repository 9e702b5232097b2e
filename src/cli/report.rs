//! The `report` command (CONTRACT.md `report`): the raw figures of a period.

use krisesenter_stats::ReportInput;
use schemars::Schema;

use super::CliError;

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    // A report input can hold a million stays: parse without path tracking first, and only
    // when that fails parse again with it, so that the error names the offending field.
    let input = match super::parse_fast::<ReportInput>(input) {
        Ok(parsed) => parsed,
        Err(_) => super::parse::<ReportInput>(input)?,
    };
    let report = input.report().map_err(|err| CliError::invalid_input(&err, Some(&err.path())))?;
    super::to_json(&report)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<ReportInput>() } else { super::schema_of::<krisesenter_stats::Report>() })
}
