//! The `retention` command of the JSON contract: its input, its output, and the one call
//! between them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use krisesenter_core::RecordId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::case::CaseRecord;
use crate::decision::{DecisionReport, sweep};
use crate::policy::RetentionPolicy;

/// Why a retention request cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RetentionError {
    /// Two records share an id: their decisions and certificates could not be told apart.
    #[error("record id {record} appears more than once (records {first} and {second})")]
    DuplicateRecord {
        /// The repeated id.
        record: RecordId,
        /// Index of its first appearance.
        first: usize,
        /// Index of the repeat.
        second: usize,
    },
}

impl RetentionError {
    /// The path of the offending field in the request, such as `records[3].id`.
    pub fn path(&self) -> String {
        match self {
            RetentionError::DuplicateRecord { second, .. } => format!("records[{second}].id"),
        }
    }
}

/// The input of the `retention` command (CONTRACT.md).
///
/// # Example
///
/// ```
/// use krisesenter_consent::{Action, RetentionRequest};
///
/// let request: RetentionRequest = serde_json::from_str(r#"{
///   "as_of": "2026-03-01",
///   "records": [{"id": "r1", "contact_ended_on": "2025-11-30", "consents": [], "holds": []}]
/// }"#)?;
/// let report = request.run()?;
/// assert_eq!(report.decisions[0].action, Action::Delete);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RetentionRequest {
    /// The day of the decisions.
    pub as_of: NaiveDate,
    /// The policy; the default (10 years, 0 grace days) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<RetentionPolicy>,
    /// The records to decide on.
    pub records: Vec<CaseRecord>,
}

/// The output of the `retention` command: one decision per record, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RetentionReport {
    /// The decisions, in the order of the input records.
    pub decisions: Vec<DecisionReport>,
}

impl RetentionRequest {
    /// Makes a request.
    pub fn new(as_of: NaiveDate, policy: Option<RetentionPolicy>, records: Vec<CaseRecord>) -> Self {
        Self { as_of, policy, records }
    }

    /// Decides every record and reports the decisions in input order.
    ///
    /// # Errors
    ///
    /// [`RetentionError::DuplicateRecord`] when two records share an id.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use krisesenter_consent::{CaseRecord, RetentionError, RetentionRequest};
    /// use krisesenter_core::RecordId;
    ///
    /// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
    /// let r = CaseRecord::try_new(RecordId::try_new("r1")?, None, vec![], vec![])?;
    /// assert_eq!(RetentionRequest::new(as_of, None, vec![r.clone()]).run()?.decisions.len(), 1);
    /// let twice = RetentionRequest::new(as_of, None, vec![r.clone(), r]);
    /// assert!(matches!(twice.run(), Err(RetentionError::DuplicateRecord { first: 0, second: 1, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self) -> Result<RetentionReport, RetentionError> {
        let mut seen: BTreeMap<&RecordId, usize> = BTreeMap::new();
        for (index, record) in self.records.iter().enumerate() {
            if let Some(first) = seen.insert(record.id(), index) {
                return Err(RetentionError::DuplicateRecord { record: record.id().clone(), first, second: index });
            }
        }
        let default = RetentionPolicy::default();
        let policy = self.policy.as_ref().unwrap_or(&default);
        let decisions = sweep(&self.records, self.as_of, policy).iter().map(|d| d.report()).collect();
        Ok(RetentionReport { decisions })
    }
}
