//! The `retention` command: keep, delete or hold each record (CONTRACT.md `retention`,
//! crate `krisesenter-consent`).

use krisesenter_consent::{RetentionReport, RetentionRequest};
use schemars::Schema;

use super::CliError;

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let request = super::parse::<RetentionRequest>(input)?;
    let report = request.run().map_err(|err| {
        let path = err.path();
        CliError::invalid_input(err, Some(&path))
    })?;
    super::to_json(&report)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<RetentionRequest>() } else { super::schema_of::<RetentionReport>() })
}
