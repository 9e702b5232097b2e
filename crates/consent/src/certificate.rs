//! Disposal evidence that never re-identifies the person: record id, rule, date and policy
//! version, and which anonymous statistics may be kept.

use chrono::NaiveDate;
use krisesenter_core::RecordId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::policy::PolicyVersion;

/// The rule that made a record due for deletion (DOMAIN.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DisposalRule {
    /// The contact ended (plus the policy's grace days) and no written storage consent was
    /// ever given (an oral consent does not count).
    ContactEndedWithoutConsent,
    /// The latest written storage consent was withdrawn and the contact has ended.
    ConsentWithdrawn,
    /// The consent period after the latest written storage consent ran out and the contact
    /// has ended.
    ConsentPeriodEnded,
}

/// An anonymous aggregate of the statistics (`krisesenter-stats` report) a deleted record's
/// stays and contacts may remain counted in. Only the count survives, never a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StatisticalFact {
    /// Stays by gender and adult or child.
    Stays,
    /// Residents (first stay in the year) by gender and adult or child.
    Residents,
    /// Overnight stays.
    Nights,
    /// Length of completed stays (median, mean, buckets).
    LengthOfStay,
    /// Types of violence of adult stays.
    ViolenceTypes,
    /// Relations to the perpetrator of adult stays.
    Relations,
    /// Home municipalities of stays.
    Municipalities,
    /// Where adults lived after the stay.
    AfterStay,
    /// Repeat stays.
    RepeatStays,
    /// Day contacts by mode.
    DayContacts,
}

impl StatisticalFact {
    /// Every fact, in declaration order.
    pub const ALL: &'static [StatisticalFact] = &[
        StatisticalFact::Stays,
        StatisticalFact::Residents,
        StatisticalFact::Nights,
        StatisticalFact::LengthOfStay,
        StatisticalFact::ViolenceTypes,
        StatisticalFact::Relations,
        StatisticalFact::Municipalities,
        StatisticalFact::AfterStay,
        StatisticalFact::RepeatStays,
        StatisticalFact::DayContacts,
    ];
}

/// Evidence that a record was deleted, holding nothing that identifies the person: the
/// record id (an opaque token), the rule applied, the day of the decision, the policy
/// version, and the anonymous statistics that may be kept. No consent, hold or contact date,
/// no hold reason, no consent id: those could tell someone who knows the person that they
/// were a user.
///
/// Made by [`Decision::certificate`](crate::Decision::certificate) for each delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DisposalCertificate {
    /// The record deleted.
    pub record: RecordId,
    /// The rule that made it due.
    pub rule: DisposalRule,
    /// The day of the decision to delete.
    pub date: NaiveDate,
    /// The version of the retention policy applied.
    pub policy_version: PolicyVersion,
    /// The anonymous aggregates the record may remain counted in (empty when the user opted
    /// out of statistics).
    pub statistics: Vec<StatisticalFact>,
}
