//! The `publish` command (docs/contract.md `publish`): a report with small counts hidden.

use krisesenter_stats::{Publication, PublishError, PublishInput};
use schemars::Schema;

use super::{CliError, Locate};

impl Locate for PublishError {
    fn locate(&self) -> Option<String> {
        Some(
            match self {
                PublishError::ThresholdTooLow { .. } => "threshold",
                PublishError::Impossible { figure } => return Some(format!("report.{figure}")),
                // An inconsistent report (and any later kind) points at the report as a whole.
                _ => "report",
            }
            .to_owned(),
        )
    }
}

pub(super) fn run(input: &[u8], out: &mut dyn std::io::Write) -> Result<(), super::RunError> {
    let input = super::parse::<PublishInput>(input)?;
    let published = krisesenter_stats::publish(&input).map_err(|err| CliError::located(&err))?;
    super::write_json(&published, out)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<PublishInput>() } else { super::schema_of::<Publication>() })
}
