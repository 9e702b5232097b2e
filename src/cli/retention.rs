//! The `retention` command: keep, delete or hold each record (docs/contract.md `retention`,
//! crate `krisesenter-consent`).
//!
//! The contract's input document carries the day of the decisions beside the facts
//! ([`RetentionRequest`]); the domain entry point takes the facts ([`RetentionInput`]) and
//! the day apart (docs/api.md).

use chrono::NaiveDate;
use krisesenter_consent::{CaseRecord, Retention, RetentionError, RetentionInput, RetentionPolicy, retain};
use schemars::{JsonSchema, Schema};
use serde::{Deserialize, Serialize};

use super::{CliError, Locate};

/// The input of the `retention` command (docs/contract.md).
///
/// # Example
///
/// ```
/// use krisesenter::cli::RetentionRequest;
/// use krisesenter::consent::{Action, retain};
///
/// let request: RetentionRequest = serde_json::from_str(r#"{
///   "as_of": "2026-03-01",
///   "records": [{"id": "r1", "contact_ended_on": "2025-11-30", "consents": [], "holds": []}]
/// }"#)?;
/// let (input, as_of) = request.into_parts();
/// let retention = retain(&input, as_of)?;
/// assert_eq!(retention.decisions()[0].action(), Action::Delete);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RetentionRequest {
    /// The day of the decisions.
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    pub as_of: NaiveDate,
    /// The policy; the default (10 years, 0 grace days) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<RetentionPolicy>,
    /// The records to decide on.
    pub records: Vec<CaseRecord>,
}

impl RetentionRequest {
    /// The facts to decide on and the day to decide them on.
    pub fn into_parts(self) -> (RetentionInput, NaiveDate) {
        (RetentionInput::new(self.records).with_policy_or_default(self.policy), self.as_of)
    }
}

impl Locate for RetentionError {
    fn locate(&self) -> Option<String> {
        match self {
            RetentionError::DuplicateRecord { second, .. } => Some(format!("records[{second}].id")),
            _ => None,
        }
    }
}

pub(super) fn run(input: &[u8], out: &mut dyn std::io::Write) -> Result<(), super::RunError> {
    let (input, as_of) = super::parse::<RetentionRequest>(input)?.into_parts();
    let retention = retain(&input, as_of).map_err(|err| CliError::located(&err))?;
    super::write_json(&retention, out)
}

pub(super) fn schema(input: bool) -> Option<Schema> {
    Some(if input { super::schema_of::<RetentionRequest>() } else { super::schema_of::<Retention>() })
}
