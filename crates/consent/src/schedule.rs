//! The retention schedule of one record as a function of the day: on which days the record
//! may be kept, and on which it is due for deletion.
//!
//! Every condition the rules look at (the contact, the latest written storage consent, the
//! legal holds) is constant between "breakpoints": the day the contact's grace ends, the day
//! each written storage consent is given and the day it stops counting, the day each hold is
//! placed and released. So the first day due on or after D is D itself or a breakpoint, and
//! the day a run of due days began is a breakpoint: both are found by visiting breakpoints,
//! never day by day. Nothing here allocates.

use chrono::{Days, NaiveDate};
use krisesenter_core::calendar::add_years;

use crate::case::CaseRecord;
use crate::policy::RetentionPolicy;
use crate::record::{Consent, ConsentKind};

/// Where the contact stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Contact {
    /// The contact has not ended (no end day, or the end day is later).
    Ongoing,
    /// The contact has ended, and the grace days after it have not run out.
    Grace,
    /// The contact has ended and any grace has run out.
    Ended,
}

/// Where the latest written storage consent given on or before a day stands on that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StorageConsent {
    /// No written storage consent was given on or before the day.
    None,
    /// In force, and younger than the consent period.
    InForce,
    /// Withdrawn on or before the day (before its period ran out).
    Withdrawn,
    /// Its period ran out on or before the day (before any withdrawal).
    PeriodEnded,
}

/// The facts of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayState {
    pub(crate) contact: Contact,
    pub(crate) consent: StorageConsent,
    /// Written storage consents given on or before the day (more than one: the latest counts).
    pub(crate) written_storage_consents: usize,
    /// An oral storage consent was given on or before the day (it never counts).
    pub(crate) oral_storage_consent: bool,
    /// A legal hold is active on the day.
    pub(crate) held: bool,
}

impl DayState {
    /// Due by the schedule, legal holds aside: the contact has ended (with its grace) and no
    /// written storage consent keeps the record.
    pub(crate) fn due_by_schedule(&self) -> bool {
        self.contact == Contact::Ended && self.consent != StorageConsent::InForce
    }

    /// Due for deletion: due by the schedule and not held.
    pub(crate) fn due(&self) -> bool {
        self.due_by_schedule() && !self.held
    }
}

/// One record's schedule under one policy.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schedule<'a> {
    record: &'a CaseRecord,
    years: u32,
    /// The first day the contact counts as ended with its grace, or `None` while it is
    /// ongoing (or when the date would overflow the calendar, which keeps the record).
    ended_from: Option<NaiveDate>,
}

/// A written storage consent's first day and the first day it no longer counts, with what
/// ended it (`true`: withdrawal).
#[derive(Debug, Clone, Copy)]
struct Span {
    given_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    withdrawn: bool,
}

impl<'a> Schedule<'a> {
    pub(crate) fn new(record: &'a CaseRecord, policy: &RetentionPolicy) -> Self {
        let grace = Days::new(u64::from(policy.no_consent_grace_days()));
        let ended_from = record.contact_ended_on().and_then(|end| end.checked_add_days(grace));
        Self { record, years: policy.consent_retention_years(), ended_from }
    }

    fn storage_spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.record.consents().iter().filter(|c| c.kind() == ConsentKind::Storage && c.written()).map(|c| self.span(c))
    }

    fn span(&self, consent: &Consent) -> Span {
        // The period runs out on the anniversary: given 2016-03-01, ten years, kept up to and
        // including 2026-02-28 (add_years turns 29 February into 28 February).
        let expires = add_years(consent.given_on(), self.years);
        match (expires, consent.withdrawn_on()) {
            (Some(e), Some(w)) if e < w => Span { given_on: consent.given_on(), ends_on: Some(e), withdrawn: false },
            (_, Some(w)) => Span { given_on: consent.given_on(), ends_on: Some(w), withdrawn: true },
            (e, None) => Span { given_on: consent.given_on(), ends_on: e, withdrawn: false },
        }
    }

    /// The facts of `day`.
    pub(crate) fn state(&self, day: NaiveDate) -> DayState {
        let contact = match (self.record.contact_ended_on(), self.ended_from) {
            (Some(end), _) if day < end => Contact::Ongoing,
            (None, _) => Contact::Ongoing,
            (Some(_), Some(from)) if day >= from => Contact::Ended,
            (Some(_), _) => Contact::Grace,
        };
        // The latest written storage consent given on or before the day counts; among several
        // given the same day, the one that stops counting first (the strictest reading).
        let mut latest: Option<Span> = None;
        let mut written_storage_consents = 0;
        for span in self.storage_spans().filter(|s| s.given_on <= day) {
            written_storage_consents += 1;
            latest = match latest {
                Some(l) if l.given_on > span.given_on => Some(l),
                Some(l) if l.given_on == span.given_on && stricter_or_equal(l, span) => Some(l),
                _ => Some(span),
            };
        }
        let consent = match latest {
            None => StorageConsent::None,
            Some(Span { ends_on: Some(end), withdrawn: true, .. }) if end <= day => StorageConsent::Withdrawn,
            Some(Span { ends_on: Some(end), .. }) if end <= day => StorageConsent::PeriodEnded,
            Some(_) => StorageConsent::InForce,
        };
        let oral_storage_consent = self
            .record
            .consents()
            .iter()
            .any(|c| c.kind() == ConsentKind::Storage && !c.written() && c.given_on() <= day);
        let held = self.record.holds().iter().any(|h| h.active_on(day));
        DayState { contact, consent, written_storage_consents, oral_storage_consent, held }
    }

    /// Every day on which some condition may change.
    fn breakpoints(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let consents = self.storage_spans().flat_map(|s| [Some(s.given_on), s.ends_on]).flatten();
        let holds = self.record.holds().iter().flat_map(|h| [Some(h.placed_on()), h.released_on()]).flatten();
        self.ended_from.into_iter().chain(consents).chain(holds)
    }

    /// The first day on or after `from` on which the record is due, or `None` when no such
    /// day follows from the record as it stands (an ongoing contact, an open hold).
    pub(crate) fn first_due_on_or_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        let mut day = from;
        loop {
            if self.state(day).due() {
                return Some(day);
            }
            // Nothing changes before the next breakpoint.
            day = self.breakpoints().filter(|b| *b > day).min()?;
        }
    }

    /// The first day of the run of due days that holds `day` (which must be due).
    pub(crate) fn due_since(&self, day: NaiveDate) -> NaiveDate {
        let mut day = day;
        loop {
            // The run is constant from the latest breakpoint on or before `day`; the contact's
            // end is one, so there always is one while the record is due.
            let Some(start) = self.breakpoints().filter(|b| *b <= day).max() else {
                return day;
            };
            match start.pred_opt() {
                Some(before) if self.state(before).due() => day = before,
                _ => return start,
            }
        }
    }
}

/// Whether span `a` stops counting no later than span `b`, a withdrawal winning a tie, so
/// that the choice among same-day consents does not depend on their order.
fn stricter_or_equal(a: Span, b: Span) -> bool {
    match (a.ends_on, b.ends_on) {
        (Some(x), Some(y)) if x == y => a.withdrawn || !b.withdrawn,
        (Some(x), Some(y)) => x < y,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => true,
    }
}
