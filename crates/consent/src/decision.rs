//! Deciding what happens to a record on a day: keep, delete or held, with the first day it
//! falls due, the reasons, and the disposal certificate of a delete.

use crate::RecordId;
use chrono::NaiveDate;
use krisesenter_core::{Reason, Reasons};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::case::CaseRecord;
use crate::certificate::{DisposalCertificate, DisposalRule, StatisticalFact};
use crate::policy::{PolicyVersion, RetentionPolicy};
use crate::reason::RetentionReason;
use crate::record::Consent;
use crate::schedule::{ConsentFacts, Contact, HoldFacts, RecordFacts, Schedule, StorageConsent};

krisesenter_core::wire_enum!(
    /// What happens to a record (docs/contract.md `action`). Exhaustive on purpose: a new outcome
    /// must break every caller's `match`.
    pub enum Action {
        /// Keep the record: it is not due for deletion.
        Keep => "keep",
        /// Delete the record now.
        Delete => "delete",
        /// An active legal hold blocks every disposal, whatever the schedule says.
        Held => "held",
    }
);

/// Whether a record's facts may stay counted in anonymous statistics once it is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatisticsUse {
    /// The record may stay counted in every [`StatisticalFact`].
    Kept,
    /// The user opted out of statistics (krisesenterlova §5 a): nothing is kept for statistics.
    OptedOut,
}

/// The decision on one record on one day: what happens to it, from when, by which rule and
/// why. It owns its data and is `Copy`: deciding allocates nothing.
///
/// The record's id and the policy's version are the caller's already, so the decision does
/// not copy them: [`RetentionDecision::certificate`] and [`RetentionDecision::report`] take
/// the record and the policy the decision was made for, and build the owned, serialisable
/// forms on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetentionDecision {
    action: Action,
    until: Option<NaiveDate>,
    rule: Option<DisposalRule>,
    reasons: Reasons<RetentionReason>,
    statistics: StatisticsUse,
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
/// use krisesenter_consent::{decide_retention, Action, CaseRecord, Consent, ConsentForm, ConsentId, RecordId, RetentionPolicy};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let consent = Consent::storage(ConsentId::try_new("c1")?, d(2016, 3, 1)?, ConsentForm::Written);
/// let record = CaseRecord::try_new(RecordId::try_new("r1")?, Some(d(2016, 5, 1)?), vec![consent], vec![])?;
/// let policy = RetentionPolicy::default();
///
/// let before = decide_retention(&record, &policy, d(2026, 2, 28)?);
/// assert_eq!((before.action(), before.until()), (Action::Keep, Some(d(2026, 3, 1)?)));
/// let on = decide_retention(&record, &policy, d(2026, 3, 1)?);
/// assert_eq!(on.action(), Action::Delete);
/// assert!(on.certificate(&record, &policy).is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide_retention(record: &CaseRecord, policy: &RetentionPolicy, as_of: NaiveDate) -> RetentionDecision {
    decide(record.facts(), policy, as_of)
}

/// The rules of [`decide_retention`], on a record as the rules read it: a [`CaseRecord`] or an
/// entry of a [`Register`](crate::Register) (one code for both, so they cannot disagree).
pub(crate) fn decide<C: ConsentFacts, H: HoldFacts>(
    record: RecordFacts<'_, C, H>,
    policy: &RetentionPolicy,
    as_of: NaiveDate,
) -> RetentionDecision {
    let schedule = Schedule::new(record, policy);
    let state = schedule.state(as_of);
    let mut reasons = Reasons::none(as_of);

    // 1. Active holds, one reason per kind of hold.
    for hold in record.holds {
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
    let statistics = if record.statistics_opt_out { StatisticsUse::OptedOut } else { StatisticsUse::Kept };
    if action == Action::Delete {
        reasons.insert(match statistics {
            StatisticsUse::OptedOut => RetentionReason::StatisticsOptOut,
            StatisticsUse::Kept => RetentionReason::StatisticsKeptAnonymous,
        });
    }
    RetentionDecision { action, until, rule, reasons, statistics }
}

/// Decides every record on `as_of` under `policy`; the decisions are in the order of
/// `records` (zip them to pair each with its record), and each depends only on its own
/// record (so the order of records never changes a decision). Nothing is allocated but the
/// output vector.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use krisesenter_consent::{sweep, Action, CaseRecord, RecordId, RetentionPolicy};
///
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
/// let ongoing = CaseRecord::try_new(RecordId::try_new("r1")?, None, vec![], vec![])?;
/// let ended = CaseRecord::try_new(RecordId::try_new("r2")?, Some(d(2025, 11, 30)?), vec![], vec![])?;
/// let records = [ongoing, ended];
/// let policy = RetentionPolicy::default();
/// let decisions = sweep(&records, &policy, d(2026, 3, 1)?);
/// let actions: Vec<_> =
///     records.iter().zip(&decisions).map(|(r, x)| (r.id().as_str(), x.action(), x.until())).collect();
/// assert_eq!(actions, [("r1", Action::Keep, None), ("r2", Action::Delete, Some(d(2025, 11, 30)?))]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn sweep(records: &[CaseRecord], policy: &RetentionPolicy, as_of: NaiveDate) -> Vec<RetentionDecision> {
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
        decisions.extend(chunk.iter().map(|record| decide_retention(record, policy, as_of)));
    }
    decisions
}

/// Records whose memory [`sweep`] reads ahead together.
const SWEEP_CHUNK: usize = 16;

impl RetentionDecision {
    /// The day of the decision.
    pub fn as_of(&self) -> NaiveDate {
        self.reasons.as_of()
    }

    /// Keep, delete or held.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The first day on which the record is due for deletion if nothing changes (see
    /// [`decide_retention`]).
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// The rule that makes the record due by the schedule on the day of the decision (also
    /// for a held record: the rule that applies once the hold is released); `None` while the
    /// schedule keeps it.
    pub fn rule(&self) -> Option<DisposalRule> {
        self.rule
    }

    /// The reasons, in their fixed order; [`Reasons::explain`] (or serialising them) gives
    /// each with its provisions cited in the version in force on the day of the decision.
    pub fn reasons(&self) -> Reasons<RetentionReason> {
        self.reasons
    }

    /// Whether the record may stay counted in anonymous statistics once deleted.
    pub fn statistics_use(&self) -> StatisticsUse {
        self.statistics
    }

    /// The anonymous statistics the record may remain counted in once deleted: none when the
    /// user opted out (krisesenterlova §5 a), otherwise every [`StatisticalFact`].
    pub fn statistics(&self) -> &'static [StatisticalFact] {
        match self.statistics {
            StatisticsUse::OptedOut => &[],
            StatisticsUse::Kept => StatisticalFact::ALL,
        }
    }

    /// The disposal certificate of a delete of `record` under `policy` (the record and the
    /// policy this decision was made for), or `None` for keep and held.
    pub fn certificate(&self, record: &CaseRecord, policy: &RetentionPolicy) -> Option<DisposalCertificate> {
        self.certificate_for(record.id(), policy)
    }

    /// The disposal certificate of a delete of the record `record` under `policy` (the record
    /// and the policy this decision was made for), or `None` for keep and held: the same as
    /// [`RetentionDecision::certificate`], for a record known by its id (an entry of a
    /// [`Register`](crate::Register)).
    pub fn certificate_for(&self, record: &RecordId, policy: &RetentionPolicy) -> Option<DisposalCertificate> {
        match (self.action, self.rule) {
            (Action::Delete, Some(rule)) => Some(DisposalCertificate::new(
                record.clone(),
                rule,
                self.as_of(),
                policy.version().clone(),
                self.statistics().to_vec(),
            )),
            _ => None,
        }
    }

    /// The decision on `record` under `policy` (the record and the policy this decision was
    /// made for) in the shape of the JSON contract.
    pub fn report(&self, record: &CaseRecord, policy: &RetentionPolicy) -> DecisionReport {
        self.report_for(record.id(), policy)
    }

    /// The decision on the record `record` under `policy` in the shape of the JSON contract:
    /// the same as [`RetentionDecision::report`], for a record known by its id (an entry of a
    /// [`Register`](crate::Register)).
    pub fn report_for(&self, record: &RecordId, policy: &RetentionPolicy) -> DecisionReport {
        DecisionReport {
            record: record.clone(),
            action: self.action,
            until: self.until,
            reasons: self.reasons.explain(),
            policy_version: policy.version().clone(),
            certificate: self.certificate_for(record, policy),
        }
    }
}

/// One decision as docs/contract.md's `retention` output spells it, plus `policy_version` and
/// `certificate` (null unless the action is `delete`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DecisionReport {
    /// The record decided on.
    record: RecordId,
    /// Keep, delete or held.
    action: Action,
    /// The first day on which the record is due for deletion if nothing changes; null when
    /// that depends on a future event.
    #[schemars(schema_with = "required_nullable_schema::<Option<NaiveDate>>")]
    until: Option<NaiveDate>,
    /// Why, with citations.
    reasons: Vec<Reason>,
    /// The version of the retention policy applied.
    policy_version: PolicyVersion,
    /// The disposal certificate of a delete; null otherwise.
    #[schemars(schema_with = "required_nullable_schema::<Option<DisposalCertificate>>")]
    certificate: Option<DisposalCertificate>,
}

impl DecisionReport {
    /// The record decided on.
    pub fn record(&self) -> &RecordId {
        &self.record
    }

    /// Keep, delete or held.
    pub fn action(&self) -> Action {
        self.action
    }

    /// The first day on which the record is due for deletion if nothing changes; `None` when
    /// that depends on a future event.
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// Why, with citations.
    pub fn reasons(&self) -> &[Reason] {
        &self.reasons
    }

    /// The version of the retention policy applied.
    pub fn policy_version(&self) -> &PolicyVersion {
        &self.policy_version
    }

    /// The disposal certificate of a delete; `None` otherwise.
    pub fn certificate(&self) -> Option<&DisposalCertificate> {
        self.certificate.as_ref()
    }
}

/// The schema of an `Option` field that must be present (null allowed): `schema_with` makes
/// schemars list the field as required while the schema itself admits null.
pub(crate) fn required_nullable_schema<T: JsonSchema>(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<T>()
}

/// The same rules worked out directly for the common shapes of a record (the sweep of a
/// register's fast path).
#[path = "simple.rs"]
pub(crate) mod simple;

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;
