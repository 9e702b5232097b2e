//! The rules of [`decide`](super::decide) for the common shapes of a record, worked out
//! directly: no legal hold and at most one written storage consent (any number of oral
//! storage consents and sharing consents). Nine records in ten of a shelter's register
//! have that shape.
//!
//! The schedule of such a record has at most three breakpoints (the contact's end with its
//! grace, the written consent's first day and the first day it no longer counts), so the day's
//! state is two comparisons and `until` a walk over three days, with nothing set up per
//! record. [`decide`](super::decide) stays the definition: the sweep of a
//! [`Register`](crate::Register) takes this path for the shapes it covers, and consent-13 and
//! consent-14 (docs/invariants.md) check that both paths give the same decision.

use chrono::{Days, NaiveDate};
use krisesenter_core::Reasons;
use krisesenter_core::calendar::add_years;

use super::{Action, RetentionDecision, StatisticsUse};
use crate::certificate::DisposalRule;
use crate::policy::RetentionPolicy;
use crate::reason::RetentionReason;
use crate::record::ConsentKind;
use crate::schedule::{ConsentFacts, HoldFacts, RecordFacts};

/// The policy's figures, read once for a sweep.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Terms {
    grace: u64,
    years: u32,
}

impl Terms {
    pub(crate) fn new(policy: &RetentionPolicy) -> Self {
        Self { grace: u64::from(policy.no_consent_grace_days()), years: policy.consent_retention_years() }
    }
}

/// The schedule of a record of the common shape.
struct Simple {
    /// The last day of the contact, if it has ended (or will end on a known day).
    ended_on: Option<NaiveDate>,
    /// The first day the contact counts as ended with its grace.
    ended_from: Option<NaiveDate>,
    /// The written storage consent: its first day, the first day it no longer counts
    /// ([`NaiveDate::MAX`]: never) and whether a withdrawal ended it.
    written: Option<(NaiveDate, NaiveDate, bool)>,
}

impl Simple {
    /// Whether the written storage consent keeps the record on `day`.
    fn in_force(&self, day: NaiveDate) -> bool {
        self.written.is_some_and(|(given, ends, _)| given <= day && day < ends)
    }

    /// Whether the record is due on `day`: the contact has ended with its grace, and the
    /// written consent does not keep it.
    fn due(&self, day: NaiveDate) -> bool {
        self.ended_from.is_some_and(|from| from <= day) && !self.in_force(day)
    }

    /// The days on which the state may change, as [`Schedule`](crate::schedule::Schedule)
    /// lists them (a consent that never stops counting has no end among them).
    fn breakpoints(&self) -> [Option<NaiveDate>; 3] {
        let (given, ends) = match self.written {
            Some((given, ends, _)) => (Some(given), Some(ends).filter(|e| *e != NaiveDate::MAX)),
            None => (None, None),
        };
        [self.ended_from, given, ends]
    }

    /// The first day after `from` on which the record is due, visiting breakpoints in order.
    fn first_due_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        let breakpoints = self.breakpoints();
        let mut day = from;
        loop {
            day = breakpoints.iter().flatten().copied().filter(|b| *b > day).min()?;
            if self.due(day) {
                return Some(day);
            }
        }
    }

    /// The first day of the run of due days that holds `day` (which is due).
    fn due_since(&self, day: NaiveDate) -> NaiveDate {
        let breakpoints = self.breakpoints();
        let mut day = day;
        loop {
            let Some(start) = breakpoints.iter().flatten().copied().filter(|b| *b <= day).max() else {
                return day;
            };
            match start.pred_opt() {
                Some(before) if self.due(before) => day = before,
                _ => return start,
            }
        }
    }
}

/// The days a written storage consent counts under a consent period of `years`: its first
/// day, the first day it no longer counts ([`NaiveDate::MAX`]: never) and whether a
/// withdrawal ended it, as [`Schedule`](crate::schedule::Schedule) works it out (the period
/// runs out on the anniversary; 29 February plus ten years is 28 February).
fn span(consent: &impl ConsentFacts, years: u32) -> (NaiveDate, NaiveDate, bool) {
    let given = consent.given_on();
    match (add_years(given, years), consent.withdrawn_on()) {
        (Some(end), Some(withdrawn)) if end < withdrawn => (given, end, false),
        (_, Some(withdrawn)) => (given, withdrawn, true),
        (end, None) => (given, end.unwrap_or(NaiveDate::MAX), false),
    }
}

/// The decision [`decide`](super::decide) gives `record` on `as_of`, when the record has
/// no legal hold and at most one written storage consent; `None` for any other record.
pub(crate) fn decide_simple<C: ConsentFacts, H: HoldFacts>(
    record: RecordFacts<'_, C, H>,
    terms: Terms,
    as_of: NaiveDate,
) -> Option<RetentionDecision> {
    if !record.holds.is_empty() {
        return None;
    }
    let mut written = None;
    let mut oral = false;
    for consent in record.consents.iter().filter(|c| c.kind() == ConsentKind::Storage) {
        if !consent.written() {
            oral |= consent.given_on() <= as_of;
        } else if written.replace(consent).is_some() {
            return None;
        }
    }
    let ended_from = match terms.grace {
        0 => record.contact_ended_on,
        grace => record.contact_ended_on.and_then(|end| end.checked_add_days(Days::new(grace))),
    };
    let schedule = Simple {
        ended_on: record.contact_ended_on,
        ended_from,
        written: written.map(|consent| span(consent, terms.years)),
    };

    let mut reasons = Reasons::none(as_of);
    let ongoing = schedule.ended_on.is_none_or(|end| as_of < end);
    let ended = schedule.ended_from.is_some_and(|from| from <= as_of);
    // The written consent, if it was given by `as_of`: in force, or what ended it.
    let consent = schedule.written.filter(|(given, _, _)| *given <= as_of);
    let in_force = schedule.in_force(as_of);
    if ongoing {
        reasons.insert(RetentionReason::ContactOngoing);
    } else if !ended && !in_force {
        reasons.insert(RetentionReason::ContactGracePeriod);
    }
    let rule = match consent {
        Some(_) if in_force => {
            reasons.insert(RetentionReason::StorageConsentInForce);
            None
        }
        Some((_, _, true)) => {
            reasons.insert(RetentionReason::StorageConsentWithdrawn);
            Some(DisposalRule::ConsentWithdrawn)
        }
        Some((_, _, false)) => {
            reasons.insert(RetentionReason::StorageConsentPeriodEnded);
            Some(DisposalRule::ConsentPeriodEnded)
        }
        None => {
            reasons.insert_if(ended, RetentionReason::ContactEndedWithoutConsent);
            Some(DisposalRule::ContactEndedWithoutConsent)
        }
    };
    reasons.insert_if(oral, RetentionReason::OralConsentNotCounted);

    let due = ended && !in_force;
    let (action, until, rule) = if due {
        (Action::Delete, Some(schedule.due_since(as_of)), rule)
    } else {
        (Action::Keep, schedule.first_due_after(as_of), None)
    };
    let statistics = if record.statistics_opt_out { StatisticsUse::OptedOut } else { StatisticsUse::Kept };
    if due {
        reasons.insert(match statistics {
            StatisticsUse::OptedOut => RetentionReason::StatisticsOptOut,
            StatisticsUse::Kept => RetentionReason::StatisticsKeptAnonymous,
        });
    }
    Some(RetentionDecision { action, until, rule, reasons, statistics })
}
