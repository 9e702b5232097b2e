//! The `publish` command (CONTRACT.md `publish`): a report with small counts hidden.

use krisesenter_stats::{PublishInput, PublishedReport};
use schemars::Schema;

use super::CliError;

pub(super) fn run(input: &[u8]) -> Result<String, CliError> {
    let input = super::parse::<PublishInput>(input)?;
    let published = input.publish().map_err(|err| CliError::invalid_input(&err, Some(err.path())))?;
    super::to_json(&published)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<PublishInput>() } else { super::schema_of::<PublishedReport>() })
}
