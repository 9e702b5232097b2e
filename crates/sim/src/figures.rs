//! Figures a shelter computes from its own records and that travel as counts: the casework
//! figures of its households and the retention sweep's tally. Both merge by adding, so a
//! country's figures are the merge of its shelters' (norway-year), as the statistics'
//! [`Aggregate`](krisesenter::stats::Aggregate) is.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use krisesenter::consent::{Action, CaseRecord, RetentionPolicy, sweep};
use serde_json::{Value, json};

/// The year's figures from the cases of the households that stayed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFigures {
    /// Households whose stay overlapped the year.
    pub cases: usize,
    /// Stays that ended in the year.
    pub ended: usize,
    /// Of those, by destination (the statistics' after-stay vocabulary).
    pub destinations: BTreeMap<&'static str, usize>,
    /// Of those, how far re-establishment came: phase 1, the need for a home decided.
    pub phase_1: usize,
    /// Phase 2: a home found.
    pub phase_2: usize,
    /// Phase 3: a follow-up plan.
    pub phase_3: usize,
    /// Of those, settled in a safe home with a plan and a coordinator (seed 004's goal).
    pub goal_reached: usize,
    /// Nights in the year of the households that stayed (every member).
    pub nights: u64,
    /// Of those, nights stayed only while waiting for a new home.
    pub nights_waiting_for_home: u64,
    /// Households that waited for a home past their planned stay, with a night of it in the year.
    pub households_waiting_for_home: usize,
    /// Steps open on 31 December across the cases still open, by code, with how many were
    /// overdue.
    pub open_steps: BTreeMap<&'static str, (usize, usize)>,
}

impl CaseFigures {
    /// Adds `other`'s counts to these (the figures of two shelters together).
    pub fn merge(&mut self, other: &Self) {
        self.cases += other.cases;
        self.ended += other.ended;
        for (destination, n) in &other.destinations {
            *self.destinations.entry(destination).or_insert(0) += n;
        }
        self.phase_1 += other.phase_1;
        self.phase_2 += other.phase_2;
        self.phase_3 += other.phase_3;
        self.goal_reached += other.goal_reached;
        self.nights += other.nights;
        self.nights_waiting_for_home += other.nights_waiting_for_home;
        self.households_waiting_for_home += other.households_waiting_for_home;
        for (code, (open, overdue)) in &other.open_steps {
            let entry = self.open_steps.entry(code).or_insert((0, 0));
            entry.0 += open;
            entry.1 += overdue;
        }
    }

    /// The figures as year.json's `casework` object.
    pub fn to_json(&self) -> Value {
        let open_steps: BTreeMap<&str, Value> = self
            .open_steps
            .iter()
            .map(|(code, (open, overdue))| (*code, json!({"open": open, "overdue": overdue})))
            .collect();
        json!({
            "cases": self.cases,
            "stays_ended": self.ended,
            "destinations": self.destinations,
            "phase_1_need_clarified": self.phase_1,
            "phase_2_home_found": self.phase_2,
            "phase_3_plan_made": self.phase_3,
            "goal_reached": self.goal_reached,
            "nights": self.nights,
            "nights_waiting_for_home": self.nights_waiting_for_home,
            "households_waiting_for_home": self.households_waiting_for_home,
            "open_steps_on_31_december": open_steps,
        })
    }
}

/// The retention sweep of 31 December over every record, tallied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Retention {
    /// Records kept.
    pub kept: usize,
    /// Records deleted.
    pub deleted: usize,
    /// Records held by a legal hold.
    pub held: usize,
    /// Deletions by the rule that decided them.
    pub by_rule: BTreeMap<String, usize>,
    /// Every disposal certificate as JSON (empty when not asked for).
    pub certificates: Vec<Value>,
    /// The version of the retention policy applied.
    pub policy: String,
}

impl Retention {
    /// Sweeps `records` on `as_of` under the default policy and tallies the decisions; keeps
    /// each disposal certificate when `certificates` is set (a shelter's own files), not when
    /// only the counts travel.
    ///
    /// # Errors
    ///
    /// When a certificate cannot be turned into JSON.
    pub fn sweep(records: &[CaseRecord], as_of: NaiveDate, certificates: bool) -> Result<Self, serde_json::Error> {
        let policy = RetentionPolicy::default();
        let mut retention = Self { policy: policy.version().as_str().to_owned(), ..Self::default() };
        for (record, decision) in records.iter().zip(sweep(records, &policy, as_of)) {
            match decision.action() {
                Action::Keep => retention.kept += 1,
                Action::Delete => retention.deleted += 1,
                Action::Held => retention.held += 1,
            }
            if let Some(certificate) = decision.certificate(record, &policy) {
                *retention.by_rule.entry(certificate.rule().as_str().to_owned()).or_insert(0) += 1;
                if certificates {
                    retention.certificates.push(serde_json::to_value(&certificate)?);
                }
            }
        }
        Ok(retention)
    }

    /// Adds `other`'s counts and certificates to these.
    pub fn merge(&mut self, other: &Self) {
        self.kept += other.kept;
        self.deleted += other.deleted;
        self.held += other.held;
        for (rule, n) in &other.by_rule {
            *self.by_rule.entry(rule.clone()).or_insert(0) += n;
        }
        self.certificates.extend(other.certificates.iter().cloned());
        if self.policy.is_empty() {
            self.policy.clone_from(&other.policy);
        }
    }
}
