//! Deciding what happens to a record on a day: keep, delete or held, with the first day it
//! falls due, the reasons, and the disposal certificate of a delete.

use chrono::NaiveDate;
use krisesenter_core::{Reason, RecordId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::case::CaseRecord;
use crate::certificate::{DisposalCertificate, DisposalRule, StatisticalFact};
use crate::policy::{PolicyVersion, RetentionPolicy};
use crate::reason::{ReasonSet, RetentionReason};
use crate::record::Consent;
use crate::schedule::{Contact, Schedule, StorageConsent};

/// What happens to a record (CONTRACT.md `action`). Exhaustive on purpose: a new outcome
/// must break every caller's `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Keep the record: it is not due for deletion.
    Keep,
    /// Delete the record now.
    Delete,
    /// An active legal hold blocks every disposal, whatever the schedule says.
    Held,
}

/// The decision on one record on one day, borrowing the record and the policy.
///
/// Deciding allocates nothing; [`Decision::reasons`], [`Decision::certificate`] and
/// [`Decision::report`] build the owned, serialisable forms on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision<'a> {
    record: &'a CaseRecord,
    policy: &'a RetentionPolicy,
    as_of: NaiveDate,
    action: Action,
    until: Option<NaiveDate>,
    rule: Option<DisposalRule>,
    reasons: ReasonSet,
}

/// Decides what happens to `record` on `as_of` under `policy` (DOMAIN.md §5).
///
/// The rules, in order:
/// 1. An active legal hold (placed on or before `as_of`, not released on or before it) makes
///    the record `held`, whatever else holds.
/// 2. The record is kept while the contact is ongoing: `contact_ended_on` is null or later
///    than `as_of`.
/// 3. The record is kept while the latest written storage consent given on or before
///    `as_of` is in force and younger than `consent_retention_years` (it is kept up to the day
///    before the anniversary; 29 February plus 10 years is 28 February). Oral consents never
///    count; an earlier consent never revives when the latest is withdrawn or has run out.
/// 4. Otherwise the record is kept for `no_consent_grace_days` after the contact ended:
///    a contact that ended on E is due on E + grace days (with the default 0, on E itself).
/// 5. Otherwise it is deleted.
///
/// So a withdrawal while the contact is ongoing keeps the record until the contact ends
/// (plus grace); a withdrawal after that makes it due on the day of the withdrawal.
///
/// `until` is the first day on which the record is due for deletion if nothing changes:
/// for `keep` and `held` the first due day after `as_of`, or `None` when that depends on a
/// future event (an ongoing contact without an end day, a hold without a release day); for
/// `delete` the first day of the run of due days that `as_of` is in (the day it fell due).
/// Either way the day before `until` is not due, and `until` is.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{decide, Action, CaseRecord, Consent, RetentionPolicy};
/// use krisesenter_core::{ConsentId, RecordId};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let consent = Consent::storage(ConsentId::try_new("c1")?, d(2016, 3, 1)?, true);
/// let record = CaseRecord::try_new(RecordId::try_new("r1")?, Some(d(2016, 5, 1)?), vec![consent], vec![])?;
/// let policy = RetentionPolicy::default();
///
/// let before = decide(&record, d(2026, 2, 28)?, &policy);
/// assert_eq!((before.action(), before.until()), (Action::Keep, Some(d(2026, 3, 1)?)));
/// let on = decide(&record, d(2026, 3, 1)?, &policy);
/// assert_eq!(on.action(), Action::Delete);
/// assert!(on.certificate().is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide<'a>(record: &'a CaseRecord, as_of: NaiveDate, policy: &'a RetentionPolicy) -> Decision<'a> {
    let schedule = Schedule::new(record, policy);
    let state = schedule.state(as_of);
    let mut reasons = ReasonSet::new();

    // 1. Active holds, one reason per kind of hold.
    for hold in record.holds() {
        if hold.active_on(as_of) {
            reasons.insert(RetentionReason::for_hold(hold.reason()));
        } else if hold.placed_on() > as_of {
            reasons.insert(RetentionReason::LegalHoldScheduled);
        } else {
            reasons.insert(RetentionReason::LegalHoldReleased);
        }
    }
    // 2-4. What keeps the record.
    match state.contact {
        Contact::Ongoing => reasons.insert(RetentionReason::ContactOngoing),
        Contact::Grace if state.consent != StorageConsent::InForce => {
            reasons.insert(RetentionReason::ContactGracePeriod);
        }
        Contact::Grace | Contact::Ended => {}
    }
    // The consent: what keeps it, or what ended it.
    let rule = match state.consent {
        StorageConsent::InForce => {
            reasons.insert(RetentionReason::StorageConsentInForce);
            None
        }
        StorageConsent::Withdrawn => {
            reasons.insert(RetentionReason::StorageConsentWithdrawn);
            Some(DisposalRule::ConsentWithdrawn)
        }
        StorageConsent::PeriodEnded => {
            reasons.insert(RetentionReason::StorageConsentPeriodEnded);
            Some(DisposalRule::ConsentPeriodEnded)
        }
        StorageConsent::None => {
            if state.contact == Contact::Ended {
                reasons.insert(RetentionReason::ContactEndedWithoutConsent);
            }
            Some(DisposalRule::ContactEndedWithoutConsent)
        }
    };
    // The rule applies only once the contact has ended with its grace.
    let rule = rule.filter(|_| state.due_by_schedule());
    // Notes.
    if state.oral_storage_consent {
        reasons.insert(RetentionReason::OralConsentNotCounted);
    }
    if state.written_storage_consents > 1 {
        reasons.insert(RetentionReason::EarlierConsentsSuperseded);
    }

    // One exhaustive combination: a hold first, then the schedule.
    let (action, until) = match (state.held, state.due_by_schedule()) {
        // An active hold blocks every disposal path; due once released (if ever) and due.
        (true, _) => (Action::Held, schedule.first_due_after(as_of)),
        // Due and not held: delete; `until` is the day the record fell due.
        (false, true) => (Action::Delete, Some(schedule.due_since(as_of))),
        // Not due: keep until the first due day, if one follows from the record.
        (false, false) => (Action::Keep, schedule.first_due_after(as_of)),
    };
    if action == Action::Delete {
        reasons.insert(if record.statistics_opt_out() {
            RetentionReason::StatisticsOptOut
        } else {
            RetentionReason::StatisticsKeptAnonymous
        });
    }
    Decision { record, policy, as_of, action, until, rule, reasons }
}

/// Decides every record on `as_of` under `policy`; the decisions are in the order of
/// `records`, and each depends only on its own record (so the order of records never
/// changes a decision).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{sweep, Action, CaseRecord, RetentionPolicy};
/// use krisesenter_core::RecordId;
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let ongoing = CaseRecord::try_new(RecordId::try_new("r1")?, None, vec![], vec![])?;
/// let ended = CaseRecord::try_new(RecordId::try_new("r2")?, Some(d(2025, 11, 30)?), vec![], vec![])?;
/// let records = [ongoing, ended];
/// let policy = RetentionPolicy::default();
/// let decisions = sweep(&records, d(2026, 3, 1)?, &policy);
/// let actions: Vec<_> = decisions.iter().map(|x| (x.record_id().as_str(), x.action(), x.until())).collect();
/// assert_eq!(actions, [("r1", Action::Keep, None), ("r2", Action::Delete, Some(d(2025, 11, 30)?))]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sweep<'a>(records: &'a [CaseRecord], as_of: NaiveDate, policy: &'a RetentionPolicy) -> Vec<Decision<'a>> {
    let mut decisions = Vec::with_capacity(records.len());
    // A large register is bound by memory, not by the rules: read the first and last consent
    // of each record of a chunk in a short loop, so the reads overlap instead of waiting on each
    // other, then decide the chunk from the cache.
    for chunk in records.chunks(SWEEP_CHUNK) {
        let touched = chunk
            .iter()
            .map(|r| {
                usize::from(r.consents().first().is_some_and(Consent::written))
                    + r.consents().last().map_or(0, |c| usize::from(c.written()))
            })
            .sum::<usize>();
        std::hint::black_box(touched);
        decisions.extend(chunk.iter().map(|record| decide(record, as_of, policy)));
    }
    decisions
}

/// Records whose memory [`sweep`] reads ahead together.
const SWEEP_CHUNK: usize = 16;

impl<'a> Decision<'a> {
    /// The record decided on.
    pub fn record(&self) -> &'a CaseRecord {
        self.record
    }

    /// The id of the record decided on.
    pub fn record_id(&self) -> &'a RecordId {
        self.record.id()
    }

    /// The day of the decision.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Keep, delete or held.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The first day on which the record is due for deletion if nothing changes (see [`decide`]).
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// The rule that makes the record due by the schedule on the day of the decision (also
    /// for a held record: the rule that applies once the hold is released); `None` while the
    /// schedule keeps it.
    pub fn rule(&self) -> Option<DisposalRule> {
        self.rule
    }

    /// The version of the policy applied.
    pub fn policy_version(&self) -> &'a PolicyVersion {
        self.policy.version()
    }

    /// The kinds of reason, in their fixed order.
    pub fn reason_kinds(&self) -> ReasonSet {
        self.reasons
    }

    /// The reasons, each citing its provisions in the version in force on the day of the
    /// decision.
    pub fn reasons(&self) -> Vec<Reason> {
        self.reasons.iter().map(|kind| Reason::explain(kind, self.as_of)).collect()
    }

    /// The anonymous statistics the record may remain counted in once deleted: none when the
    /// user opted out (krisesenterlova §5 a), otherwise every [`StatisticalFact`].
    pub fn statistics(&self) -> &'static [StatisticalFact] {
        if self.record.statistics_opt_out() { &[] } else { StatisticalFact::ALL }
    }

    /// The disposal certificate of a delete, or `None` for keep and held.
    pub fn certificate(&self) -> Option<DisposalCertificate> {
        match (self.action, self.rule) {
            (Action::Delete, Some(rule)) => Some(DisposalCertificate {
                record: self.record.id().clone(),
                rule,
                date: self.as_of,
                policy_version: self.policy.version().clone(),
                statistics: self.statistics().to_vec(),
            }),
            _ => None,
        }
    }

    /// The decision in the shape of the JSON contract.
    pub fn report(&self) -> DecisionReport {
        DecisionReport {
            record: self.record.id().clone(),
            action: self.action,
            until: self.until,
            reasons: self.reasons(),
            policy_version: self.policy.version().clone(),
            certificate: self.certificate(),
        }
    }
}

/// One decision as CONTRACT.md's `retention` output spells it, plus `policy_version` and
/// `certificate` (null unless the action is `delete`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DecisionReport {
    /// The record decided on.
    pub record: RecordId,
    /// Keep, delete or held.
    pub action: Action,
    /// The first day on which the record is due for deletion if nothing changes; null when
    /// that depends on a future event.
    #[schemars(schema_with = "required_nullable_schema::<Option<NaiveDate>>")]
    pub until: Option<NaiveDate>,
    /// Why, with citations.
    pub reasons: Vec<Reason>,
    /// The version of the retention policy applied.
    pub policy_version: PolicyVersion,
    /// The disposal certificate of a delete; null otherwise.
    #[schemars(schema_with = "required_nullable_schema::<Option<DisposalCertificate>>")]
    pub certificate: Option<DisposalCertificate>,
}

/// The schema of an `Option` field that must be present (null allowed): `schema_with` makes
/// schemars list the field as required while the schema itself admits null.
pub(crate) fn required_nullable_schema<T: JsonSchema>(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<T>()
}

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;
