//! Disposal evidence that never re-identifies the person: record id, rule, date and policy
//! version, and which anonymous statistics may be kept.

use crate::RecordId;
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::policy::PolicyVersion;

krisesenter_core::wire_enum!(
    /// The rule that made a record due for deletion (DOMAIN.md §5).
    #[non_exhaustive]
    pub enum DisposalRule {
        /// The contact ended (plus the policy's grace days) and no written storage consent was
        /// ever given (an oral consent does not count).
        ContactEndedWithoutConsent => "contact_ended_without_consent",
        /// The latest written storage consent was withdrawn and the contact has ended.
        ConsentWithdrawn => "consent_withdrawn",
        /// The consent period after the latest written storage consent ran out and the contact
        /// has ended.
        ConsentPeriodEnded => "consent_period_ended",
    }
);

krisesenter_core::wire_enum!(
    /// An anonymous aggregate of the statistics (`krisesenter-stats` report) a deleted record's
    /// stays and contacts may remain counted in. Only the count survives, never a row.
    #[non_exhaustive]
    pub enum StatisticalFact {
        /// Stays by gender and adult or child.
        Stays => "stays",
        /// Residents (first stay in the year) by gender and adult or child.
        Residents => "residents",
        /// Overnight stays.
        Nights => "nights",
        /// Length of completed stays (median, mean, buckets).
        LengthOfStay => "length_of_stay",
        /// Types of violence of adult stays.
        ViolenceTypes => "violence_types",
        /// Relations to the perpetrator of adult stays.
        Relations => "relations",
        /// Home municipalities of stays.
        Municipalities => "municipalities",
        /// Where adults lived after the stay.
        AfterStay => "after_stay",
        /// Repeat stays.
        RepeatStays => "repeat_stays",
        /// Day contacts by mode.
        DayContacts => "day_contacts",
    }
);

/// Evidence that a record was deleted, holding nothing that identifies the person: the
/// record id (an opaque token), the rule applied, the day of the decision, the policy
/// version, and the anonymous statistics that may be kept. No consent, hold or contact date,
/// no hold reason, no consent id: those could tell someone who knows the person that they
/// were a user.
///
/// Made by [`RetentionDecision::certificate`](crate::RetentionDecision::certificate) for each
/// delete.
// The schema keeps the description it was published with (schemas/ are byte for byte the
// contract's), which names the decision type by its earlier name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Evidence that a record was deleted, holding nothing that identifies the person: the\nrecord id (an opaque token), the rule applied, the day of the decision, the policy\nversion, and the anonymous statistics that may be kept. No consent, hold or contact date,\nno hold reason, no consent id: those could tell someone who knows the person that they\nwere a user.\n\nMade by [`Decision::certificate`](crate::Decision::certificate) for each delete."
)]
#[non_exhaustive]
pub struct DisposalCertificate {
    /// The record deleted.
    record: RecordId,
    /// The rule that made it due.
    rule: DisposalRule,
    /// The day of the decision to delete.
    date: NaiveDate,
    /// The version of the retention policy applied.
    policy_version: PolicyVersion,
    /// The anonymous aggregates the record may remain counted in (empty when the user opted
    /// out of statistics).
    statistics: Vec<StatisticalFact>,
}

impl DisposalCertificate {
    pub(crate) fn new(
        record: RecordId,
        rule: DisposalRule,
        date: NaiveDate,
        policy_version: PolicyVersion,
        statistics: Vec<StatisticalFact>,
    ) -> Self {
        Self { record, rule, date, policy_version, statistics }
    }

    /// The record deleted.
    pub fn record(&self) -> &RecordId {
        &self.record
    }

    /// The rule that made it due.
    pub fn rule(&self) -> DisposalRule {
        self.rule
    }

    /// The day of the decision to delete.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The version of the retention policy applied.
    pub fn policy_version(&self) -> &PolicyVersion {
        &self.policy_version
    }

    /// The anonymous aggregates the record may remain counted in (empty when the user opted
    /// out of statistics).
    pub fn statistics(&self) -> &[StatisticalFact] {
        &self.statistics
    }
}
