//! The `report` command (docs/contract.md `report`): the raw figures of a period.

use krisesenter_stats::{AggregatedInput, ReportError, ReportInput};
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
    // A report input can hold a million stays: read it counting each stay and day contact as
    // it arrives, by the byte-level reader when the document takes the plain form (strings
    // borrowed, nothing allocated per record), else by serde without tracking the path
    // (nothing kept but the stay ids). Only when that reading fails, read it again as a
    // `ReportInput` with the path tracked, so that the error is the one the contract words
    // for it (the readers accept the same documents with the same figures; the property
    // `report_readers_agree` in tests/cli_report.rs, cli-10, checks it).
    let streamed = AggregatedInput::scan(input).map_or_else(|| super::parse_fast::<AggregatedInput>(input), Ok);
    let report = match streamed {
        Ok(streamed) => streamed.report(),
        Err(_) => {
            let input = super::parse::<ReportInput>(input)?;
            krisesenter_stats::report(&input)
        }
    };
    let report = report.map_err(|err| CliError::located(&err))?;
    super::write_json(&report, out)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<ReportInput>() } else { super::schema_of::<krisesenter_stats::Report>() })
}
