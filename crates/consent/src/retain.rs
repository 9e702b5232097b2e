//! The whole retention operation: every record of a register decided on one day, in the
//! shape the contract's `retention` output takes.

use std::collections::BTreeMap;

use crate::RecordId;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::case::CaseRecord;
use crate::decision::{DecisionReport, sweep};
use crate::policy::RetentionPolicy;

/// Why the records cannot be decided.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RetentionError {
    /// Two records share an id: their decisions and certificates could not be told apart.
    #[error("a record id appears more than once")]
    DuplicateRecord {
        /// The repeated id.
        record: RecordId,
        /// Index of its first appearance.
        first: usize,
        /// Index of the repeat.
        second: usize,
    },
}

/// The facts [`retain`] decides on: the records and the policy (the day is the second
/// argument of [`retain`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RetentionInput {
    policy: Option<RetentionPolicy>,
    records: Vec<CaseRecord>,
}

impl RetentionInput {
    /// The records, under the default policy (10 years, 0 grace days).
    pub fn new(records: Vec<CaseRecord>) -> Self {
        Self { policy: None, records }
    }

    /// The same input under `policy`.
    #[must_use]
    pub fn with_policy(self, policy: RetentionPolicy) -> Self {
        Self { policy: Some(policy), ..self }
    }

    /// The same input under `policy`, or the default policy when `None`.
    #[must_use]
    pub fn with_policy_or_default(self, policy: Option<RetentionPolicy>) -> Self {
        Self { policy, ..self }
    }

    /// The policy as given, `None` for the default.
    pub fn policy(&self) -> Option<&RetentionPolicy> {
        self.policy.as_ref()
    }

    /// The records to decide on.
    pub fn records(&self) -> &[CaseRecord] {
        &self.records
    }
}

/// The outcome of [`retain`] (docs/contract.md `retention` output): one decision per record, in
/// input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "RetentionReport",
    description = "The output of the `retention` command: one decision per record, in input order."
)]
#[non_exhaustive]
pub struct Retention {
    /// The decisions, in the order of the input records.
    decisions: Vec<DecisionReport>,
}

impl Retention {
    /// The decisions, in the order of the input records.
    pub fn decisions(&self) -> &[DecisionReport] {
        &self.decisions
    }
}

/// Decides every record of `input` on `as_of` and reports the decisions in input order, each
/// with its reasons, policy version and (for a delete) disposal certificate.
///
/// # Errors
///
/// [`RetentionError::DuplicateRecord`] when two records share an id.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{retain, Action, CaseRecord, RecordId, RetentionError, RetentionInput};
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
/// let ended = NaiveDate::from_ymd_opt(2025, 11, 30).ok_or("date")?;
/// let r = CaseRecord::try_new(RecordId::try_new("r1")?, Some(ended), vec![], vec![])?;
/// let retention = retain(&RetentionInput::new(vec![r.clone()]), as_of)?;
/// assert_eq!(retention.decisions()[0].action(), Action::Delete);
/// // The same record twice is refused.
/// let twice = RetentionInput::new(vec![r.clone(), r]);
/// assert!(matches!(retain(&twice, as_of), Err(RetentionError::DuplicateRecord { first: 0, second: 1, .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn retain(input: &RetentionInput, as_of: NaiveDate) -> Result<Retention, RetentionError> {
    let mut seen: BTreeMap<&RecordId, usize> = BTreeMap::new();
    for (index, record) in input.records.iter().enumerate() {
        if let Some(first) = seen.insert(record.id(), index) {
            return Err(RetentionError::DuplicateRecord { record: record.id().clone(), first, second: index });
        }
    }
    let default = RetentionPolicy::default();
    let policy = input.policy.as_ref().unwrap_or(&default);
    let decisions =
        input.records.iter().zip(sweep(&input.records, policy, as_of)).map(|(r, d)| d.report(r, policy)).collect();
    Ok(Retention { decisions })
}
