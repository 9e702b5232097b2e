//! The rules of [`decide`](super::decide) for the common shapes of a record, worked out
//! directly: no legal hold and at most one written storage consent (any number of oral
//! storage consents and sharing consents). Nine records in ten of a shelter's register
//! have that shape.
//!
//! The schedule of such a record has at most three breakpoints (the contact's end with its
//! grace, the written consent's first day and the first day it no longer counts), so the day's
//! state is two comparisons, and `until` (the next due day, or the first day of the present
//! run of due days) follows from those three days in closed form, with no walk and nothing
//! set up per record. The consent's anniversary comes from a [`YearShift`] made once per
//! sweep. [`decide`](super::decide) stays the definition: the sweep of a
//! [`Register`](crate::Register) takes this path for the shapes it covers, and consent-13 and
//! consent-14 (docs/invariants.md) check that both paths give the same decision.

use chrono::{Datelike, NaiveDate};
use krisesenter_core::Reasons;
use krisesenter_core::calendar::YearShift;

use super::{Action, RetentionDecision, StatisticsUse};
use crate::certificate::DisposalRule;
use crate::policy::RetentionPolicy;
use crate::reason::RetentionReason;
use crate::record::ConsentKind;
use crate::schedule::{ConsentFacts, HoldFacts, NEVER, RecordFacts, Span, ended_from, span_to};

/// The policy's figures, read once for a sweep: the grace, and the consent period as a
/// [`YearShift`] around the sweep's day (the consents of a register are given in the decades
/// before it).
#[derive(Debug, Clone)]
pub(crate) struct Terms {
    grace: u32,
    period: YearShift,
}

impl Terms {
    pub(crate) fn new(policy: &RetentionPolicy, as_of: NaiveDate) -> Self {
        Self {
            grace: policy.no_consent_grace_days(),
            period: YearShift::new(policy.consent_retention_years(), as_of.year()),
        }
    }
}

/// The schedule of a record of the common shape.
struct Simple {
    /// The last day of the contact, if it has ended (or will end on a known day).
    ended_on: Option<NaiveDate>,
    /// The first day the contact counts as ended with its grace ([`ended_from`]).
    ended_from: Option<NaiveDate>,
    /// The written storage consent, as the days it counts.
    written: Option<Span>,
}

impl Simple {
    /// Whether the written storage consent keeps the record on `day`.
    fn in_force(&self, day: NaiveDate) -> bool {
        self.written.is_some_and(|span| span.given_on <= day && day < span.ends_on)
    }

    /// The first day after `from` on which the record is due, when `from` is not due: the
    /// first due day among the breakpoints after `from` (the contact's end with its grace,
    /// the consent's first day and the first day it no longer counts, unless that is
    /// [`NaiveDate::MAX`], which [`Schedule`](crate::schedule::Schedule) does not list), worked
    /// out without visiting them. If the contact's end comes after `from` and the consent does
    /// not keep the record on it, that is the day. Otherwise the record is kept on the end
    /// day, or on `from` itself after the end, by the consent: due again the day the consent
    /// stops counting.
    fn first_due_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        let ended_from = self.ended_from?;
        if from < ended_from && !self.in_force(ended_from) {
            return Some(ended_from);
        }
        self.written.map(|span| span.ends_on).filter(|ends| *ends != NEVER)
    }

    /// The first day of the run of due days that holds `day` (which is due): the latest
    /// breakpoint on or before `day` whose eve is not due. That is the contact's end with its
    /// grace, or the day the consent stopped counting if that is later, the consent counted
    /// for some days and the day is a breakpoint (not [`NaiveDate::MAX`]).
    fn due_since(&self, day: NaiveDate) -> NaiveDate {
        let Some(ended_from) = self.ended_from else {
            return day;
        };
        match self.written {
            Some(span) if span.given_on < span.ends_on && span.ends_on <= day && span.ends_on != NEVER => {
                span.ends_on.max(ended_from)
            }
            _ => ended_from,
        }
    }
}

/// The decision [`decide`](super::decide) gives `record` on `as_of`, when the record has
/// no legal hold and at most one written storage consent; `None` for any other record.
/// Inlined into the sweep's loop: the call itself was a fifth of a record's cost.
#[inline(always)]
pub(crate) fn decide_simple<C: ConsentFacts, H: HoldFacts>(
    record: RecordFacts<'_, C, H>,
    terms: &Terms,
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
    let ended_from = ended_from(record.contact_ended_on, terms.grace);
    let schedule = Simple {
        ended_on: record.contact_ended_on,
        ended_from,
        written: written.map(|consent| span_to(consent, terms.period.apply(consent.given_on()))),
    };

    let mut reasons = Reasons::none(as_of);
    let ongoing = schedule.ended_on.is_none_or(|end| as_of < end);
    let ended = schedule.ended_from.is_some_and(|from| from <= as_of);
    // The written consent, if it was given by `as_of`: in force, or what ended it.
    let consent = schedule.written.filter(|span| span.given_on <= as_of);
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
        Some(span) if span.withdrawn => {
            reasons.insert(RetentionReason::StorageConsentWithdrawn);
            Some(DisposalRule::ConsentWithdrawn)
        }
        Some(_) => {
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
