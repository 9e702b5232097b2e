//! The retention schedule of one record as a function of the day: on which days the record
//! may be kept, and on which it is due for deletion.
//!
//! Every condition the rules look at (the contact, the latest written storage consent, the
//! legal holds) is constant between "breakpoints": the day the contact's grace ends, the day
//! each written storage consent is given and the day it stops counting, the day each hold is
//! placed and released. So the first day due on or after D is D itself or a breakpoint, and
//! the day a run of due days began is a breakpoint: both are found by visiting breakpoints,
//! never day by day. Nothing here allocates unless a record has more than four written
//! storage consents.

use chrono::{Days, NaiveDate};
use krisesenter_core::calendar::add_years;

use crate::hold::HoldReason;
use crate::policy::RetentionPolicy;
use crate::record::ConsentKind;

/// What the rules read of a consent: its kind, its form and its days. Implemented by
/// [`Consent`](crate::Consent) and by the flat register's consents, so both are decided by
/// the same code.
pub(crate) trait ConsentFacts {
    /// Storage or sharing.
    fn kind(&self) -> ConsentKind;
    /// Whether it was given in writing.
    fn written(&self) -> bool;
    /// The day it was given.
    fn given_on(&self) -> NaiveDate;
    /// The day it was withdrawn, if it was.
    fn withdrawn_on(&self) -> Option<NaiveDate>;
}

/// What the rules read of a legal hold: why, and the days it is active. Implemented by
/// [`LegalHold`](crate::LegalHold) and by the flat register's holds.
pub(crate) trait HoldFacts {
    /// Why the record is held.
    fn reason(&self) -> HoldReason;
    /// The first day the hold is active.
    fn placed_on(&self) -> NaiveDate;
    /// The first day it is no longer active, if it was released.
    fn released_on(&self) -> Option<NaiveDate>;

    /// Whether the hold is active on `day`: placed on or before `day` and not released on or
    /// before `day` (the one definition, [`LegalHold::active_on`](crate::LegalHold::active_on)
    /// included).
    fn active_on(&self, day: NaiveDate) -> bool {
        self.placed_on() <= day && self.released_on().is_none_or(|r| day < r)
    }
}

impl ConsentFacts for crate::Consent {
    fn kind(&self) -> ConsentKind {
        crate::Consent::kind(self)
    }
    fn written(&self) -> bool {
        crate::Consent::written(self)
    }
    fn given_on(&self) -> NaiveDate {
        crate::Consent::given_on(self)
    }
    fn withdrawn_on(&self) -> Option<NaiveDate> {
        crate::Consent::withdrawn_on(self)
    }
}

impl HoldFacts for crate::LegalHold {
    fn reason(&self) -> HoldReason {
        crate::LegalHold::reason(self)
    }
    fn placed_on(&self) -> NaiveDate {
        crate::LegalHold::placed_on(self)
    }
    fn released_on(&self) -> Option<NaiveDate> {
        crate::LegalHold::released_on(self)
    }
}

/// A record as the rules read it: the contact's end, the consents, the holds and the
/// statistics opt-out, borrowed from a [`CaseRecord`](crate::CaseRecord) or from a flat
/// register.
pub(crate) struct RecordFacts<'a, C, H> {
    /// The last day of the contact, or `None` while it is ongoing.
    pub(crate) contact_ended_on: Option<NaiveDate>,
    /// Every consent, storage and sharing, written and oral.
    pub(crate) consents: &'a [C],
    /// Every legal hold.
    pub(crate) holds: &'a [H],
    /// The user opted out of statistics.
    pub(crate) statistics_opt_out: bool,
}

impl<C, H> Clone for RecordFacts<'_, C, H> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C, H> Copy for RecordFacts<'_, C, H> {}

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

/// One record's schedule under one policy, with what it needs of the record worked out
/// once, so that looking at many days costs little.
pub(crate) struct Schedule<'a, C, H> {
    record: RecordFacts<'a, C, H>,
    /// The first day the contact counts as ended with its grace, or `None` while it is
    /// ongoing (or when the date would overflow the calendar, which keeps the record).
    ended_from: Option<NaiveDate>,
    /// The written storage consents, each as the days it counts.
    spans: Spans,
    /// The first day an oral storage consent was given, if any was.
    first_oral: Option<NaiveDate>,
}

/// A written storage consent's first day and the first day it no longer counts, with what
/// ended it (`true`: withdrawal).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// The day it was given.
    pub(crate) given_on: NaiveDate,
    /// The first day it no longer counts; [`NEVER`] when that is past the calendar.
    pub(crate) ends_on: NaiveDate,
    /// Whether a withdrawal ended it (before its period ran out).
    pub(crate) withdrawn: bool,
}

impl Span {
    /// Whether this span counts instead of `other` once both are given: it was given later,
    /// or the same day and stops counting first, a withdrawal winning a tie.
    fn takes_over(&self, other: &Span) -> bool {
        self.given_on > other.given_on
            || (self.given_on == other.given_on
                && (self.ends_on < other.ends_on
                    || (self.ends_on == other.ends_on && self.withdrawn && !other.withdrawn)))
    }
}

/// The end of a span that never ends (a period past the calendar chrono supports).
pub(crate) const NEVER: NaiveDate = NaiveDate::MAX;

/// How many spans are kept without allocating: a record rarely has more written storage
/// consents than this, and one that has is still decided (its spans go on the heap).
const INLINE_SPANS: usize = 4;

/// The spans of one record: inline for the usual few, on the heap beyond.
#[derive(Debug, Clone)]
enum Spans {
    Inline { items: [Span; INLINE_SPANS], len: usize },
    Heap(Vec<Span>),
}

impl Spans {
    fn new() -> Self {
        const EMPTY: Span = Span { given_on: NaiveDate::MIN, ends_on: NEVER, withdrawn: false };
        Spans::Inline { items: [EMPTY; INLINE_SPANS], len: 0 }
    }

    fn push(&mut self, span: Span) {
        match self {
            Spans::Inline { items, len } => match items.get_mut(*len) {
                Some(slot) => {
                    *slot = span;
                    *len += 1;
                }
                None => {
                    let mut heap = items.to_vec();
                    heap.push(span);
                    *self = Spans::Heap(heap);
                }
            },
            Spans::Heap(spans) => spans.push(span),
        }
    }

    fn as_slice(&self) -> &[Span] {
        match self {
            Spans::Inline { items, len } => items.get(..*len).unwrap_or(&[]),
            Spans::Heap(spans) => spans,
        }
    }
}

/// The first day a contact that ended on `ended_on` counts as ended after `grace_days` of
/// grace; `None` while it is ongoing, or when that day is past the calendar (which keeps the
/// record).
pub(crate) fn ended_from(ended_on: Option<NaiveDate>, grace_days: u32) -> Option<NaiveDate> {
    match grace_days {
        0 => ended_on,
        _ => ended_on.and_then(|end| end.checked_add_days(Days::new(u64::from(grace_days)))),
    }
}

/// The days a written storage consent counts under a consent period of `years`.
fn span(consent: &impl ConsentFacts, years: u32) -> Span {
    // The period runs out on the anniversary: given 2016-03-01, ten years, kept up to and
    // including 2026-02-28 (add_years turns 29 February into 28 February).
    span_to(consent, add_years(consent.given_on(), years))
}

/// The days a written storage consent counts when its period runs out on `anniversary` (the
/// day it was given plus the period, by [`add_years`]; `None` past the calendar).
pub(crate) fn span_to(consent: &impl ConsentFacts, anniversary: Option<NaiveDate>) -> Span {
    let given_on = consent.given_on();
    match (anniversary, consent.withdrawn_on()) {
        (Some(e), Some(w)) if e < w => Span { given_on, ends_on: e, withdrawn: false },
        (_, Some(w)) => Span { given_on, ends_on: w, withdrawn: true },
        (e, None) => Span { given_on, ends_on: e.unwrap_or(NEVER), withdrawn: false },
    }
}

impl<'a, C: ConsentFacts, H: HoldFacts> Schedule<'a, C, H> {
    pub(crate) fn new(record: RecordFacts<'a, C, H>, policy: &RetentionPolicy) -> Self {
        let ended_from = ended_from(record.contact_ended_on, policy.no_consent_grace_days());
        let years = policy.consent_retention_years();
        // One pass over the consents: written storage consents become spans, oral ones only
        // count for the note.
        let mut spans = Spans::new();
        let mut first_oral: Option<NaiveDate> = None;
        for consent in record.consents.iter().filter(|c| c.kind() == ConsentKind::Storage) {
            if consent.written() {
                spans.push(span(consent, years));
            } else if first_oral.is_none_or(|first| consent.given_on() < first) {
                first_oral = Some(consent.given_on());
            }
        }
        Self { record, ended_from, spans, first_oral }
    }

    /// The facts of `day`.
    pub(crate) fn state(&self, day: NaiveDate) -> DayState {
        let contact = match (self.record.contact_ended_on, self.ended_from) {
            (Some(end), _) if day < end => Contact::Ongoing,
            (None, _) => Contact::Ongoing,
            (Some(_), Some(from)) if day >= from => Contact::Ended,
            (Some(_), _) => Contact::Grace,
        };
        // The latest written storage consent given on or before the day counts; among several
        // given the same day, the one that stops counting first, a withdrawal winning a tie
        // (the strictest reading, and independent of the order of the consents).
        let mut counting: Option<&Span> = None;
        let mut written_storage_consents = 0;
        for span in self.spans.as_slice().iter().filter(|span| span.given_on <= day) {
            written_storage_consents += 1;
            if counting.is_none_or(|current| span.takes_over(current)) {
                counting = Some(span);
            }
        }
        let consent = match counting {
            None => StorageConsent::None,
            Some(span) if day < span.ends_on => StorageConsent::InForce,
            Some(span) if span.withdrawn => StorageConsent::Withdrawn,
            Some(_) => StorageConsent::PeriodEnded,
        };
        let oral_storage_consent = self.first_oral.is_some_and(|first| first <= day);
        let held = self.record.holds.iter().any(|h| h.active_on(day));
        DayState { contact, consent, written_storage_consents, oral_storage_consent, held }
    }

    /// Calls `f` with every day on which some condition may change: the contact's end with
    /// its grace, each written storage consent's first and last-plus-one day, each hold's
    /// placing and release.
    fn for_each_breakpoint(&self, mut f: impl FnMut(NaiveDate)) {
        if let Some(from) = self.ended_from {
            f(from);
        }
        for span in self.spans.as_slice() {
            f(span.given_on);
            if span.ends_on != NEVER {
                f(span.ends_on);
            }
        }
        for hold in self.record.holds {
            f(hold.placed_on());
            if let Some(released) = hold.released_on() {
                f(released);
            }
        }
    }

    /// The first breakpoint after `day`.
    fn next_breakpoint_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        let mut next: Option<NaiveDate> = None;
        self.for_each_breakpoint(|b| {
            if b > day && next.is_none_or(|n| b < n) {
                next = Some(b);
            }
        });
        next
    }

    /// The last breakpoint on or before `day`.
    fn last_breakpoint_until(&self, day: NaiveDate) -> Option<NaiveDate> {
        let mut last: Option<NaiveDate> = None;
        self.for_each_breakpoint(|b| {
            if b <= day && last.is_none_or(|l| b > l) {
                last = Some(b);
            }
        });
        last
    }

    /// The first day after `from` on which the record is due, or `None` when no such day
    /// follows from the record as it stands (an ongoing contact, an open hold). `from` itself
    /// is not looked at: the caller knows it is not due.
    pub(crate) fn first_due_after(&self, from: NaiveDate) -> Option<NaiveDate> {
        let mut day = from;
        loop {
            // Nothing changes before the next breakpoint.
            day = self.next_breakpoint_after(day)?;
            if self.state(day).due() {
                return Some(day);
            }
        }
    }

    /// The first day of the run of due days that holds `day` (which must be due).
    pub(crate) fn due_since(&self, day: NaiveDate) -> NaiveDate {
        let mut day = day;
        loop {
            // The run is constant from the latest breakpoint on or before `day`; the contact's
            // end is one, so there always is one while the record is due.
            let Some(start) = self.last_breakpoint_until(day) else {
                return day;
            };
            match start.pred_opt() {
                Some(before) if self.state(before).due() => day = before,
                _ => return start,
            }
        }
    }
}
