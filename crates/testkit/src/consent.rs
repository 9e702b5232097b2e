//! Strategies for the types of `krisesenter-consent`: consents, legal holds, retention
//! policies and case records, built through the crate's own constructors
//! ([`Consent::storage`], [`Consent::sharing`], [`Consent::withdraw`], [`LegalHold::new`],
//! [`LegalHold::release`], [`RetentionPolicy::try_new`], [`CaseRecord::try_new`]), so every
//! value is valid.
//!
//! Dates fall in 2014-2036 so that contacts, consent periods (1-12 years), withdrawals and
//! holds overlap often; [`decision_day`] picks the day of a decision in the same window, or
//! right at one of the record's own dates (the day before, on, the day after), where the
//! rules change.
//!
//! # Example
//!
//! ```
//! use krisesenter_testkit::consent::{case_record, policy};
//! use proptest::strategy::{Strategy, ValueTree};
//! use proptest::test_runner::TestRunner;
//!
//! let mut runner = TestRunner::deterministic();
//! let record = case_record().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! let policy = policy().new_tree(&mut runner).map_err(|e| e.to_string())?.current();
//! let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).ok_or("date")?;
//! let decision = krisesenter_consent::decide_retention(&record, &policy, day);
//! assert!(!decision.reasons().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use chrono::{Duration, NaiveDate};
use krisesenter_consent::{CaseRecord, Consent, ConsentForm, HoldReason, LegalHold, PolicyVersion, RetentionPolicy};
use krisesenter_consent::{HoldId, RecordId};
use krisesenter_core::ConsentId;
use proptest::prelude::*;
use proptest::sample::select;

use crate::core::{date_between, id, information, party};

/// A day in the window the consent strategies draw from (2014-2036).
pub fn window_date() -> impl Strategy<Value = NaiveDate> {
    date_between(2014, 2036)
}

/// Days after `from`, or `None` (never), for withdrawals and releases.
fn maybe_after() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![2 => Just(None), 3 => (0i64..=4000).prop_map(Some)]
}

/// A storage consent with id `id`: mostly written, sometimes oral, sometimes withdrawn
/// (on the day it was given or later).
pub fn storage_consent(id: ConsentId) -> impl Strategy<Value = Consent> {
    (window_date(), prop::bool::weighted(0.8), maybe_after()).prop_filter_map(
        "valid withdrawal",
        move |(given, written, withdraw_after)| {
            let consent = Consent::storage(id.clone(), given, ConsentForm::from_written(written));
            match withdraw_after {
                Some(days) => consent.withdraw(given.checked_add_signed(Duration::days(days))?).ok(),
                None => Some(consent),
            }
        },
    )
}

/// A sharing consent with id `id` for one to three recipients and categories; it never
/// keeps a record, and retention must ignore it.
pub fn sharing_consent(id: ConsentId) -> impl Strategy<Value = Consent> {
    (
        prop::collection::vec(party(), 1..=3),
        prop::collection::vec(information(), 1..=3),
        window_date(),
        any::<bool>(),
        maybe_after(),
    )
        .prop_filter_map("valid sharing consent", move |(to, what, given, written, withdraw_after)| {
            let consent = Consent::sharing(id.clone(), to, what, given, ConsentForm::from_written(written)).ok()?;
            match withdraw_after {
                Some(days) => consent.withdraw(given.checked_add_signed(Duration::days(days))?).ok(),
                None => Some(consent),
            }
        })
}

/// A consent with id `id`: storage three times in four, sharing otherwise.
pub fn consent(id: ConsentId) -> impl Strategy<Value = Consent> {
    prop_oneof![3 => storage_consent(id.clone()), 1 => sharing_consent(id)]
}

/// Any [`HoldReason`].
pub fn hold_reason() -> impl Strategy<Value = HoldReason> {
    select(HoldReason::ALL)
}

/// A legal hold with id `id`, open or released (on the day it was placed or later).
pub fn legal_hold(id: HoldId) -> impl Strategy<Value = LegalHold> {
    (hold_reason(), window_date(), maybe_after()).prop_filter_map(
        "valid release",
        move |(reason, placed, release_after)| {
            let hold = LegalHold::new(id.clone(), reason, placed);
            match release_after {
                Some(days) => hold.release(placed.checked_add_signed(Duration::days(days))?).ok(),
                None => Some(hold),
            }
        },
    )
}

/// A retention policy: 1 to 12 years, 0 to 60 grace days, sometimes a named version.
pub fn policy() -> impl Strategy<Value = RetentionPolicy> {
    (1u32..=12, prop_oneof![Just(0u32), 0u32..=60], proptest::option::of("[a-z]{1,8}-[0-9]{1,4}")).prop_filter_map(
        "valid policy",
        |(years, grace, version)| {
            let version = match version {
                Some(v) => Some(PolicyVersion::try_new(v).ok()?),
                None => None,
            };
            RetentionPolicy::try_new(years, grace, version).ok()
        },
    )
}

fn ids<T>(prefix: &'static str, n: usize, make: fn(String) -> Option<T>) -> Vec<T> {
    (0..n).filter_map(|i| make(format!("{prefix}{i}"))).collect()
}

/// A case record with id `id`: a contact ended in the window (or ongoing, one time in
/// five), up to five consents with ids `c0`, `c1`, … and up to three holds with ids `h0`,
/// `h1`, …, sometimes opted out of statistics.
pub fn case_record_with_id(id: RecordId) -> impl Strategy<Value = CaseRecord> {
    let consents = (0usize..=5)
        .prop_flat_map(|n| ids("c", n, |s| ConsentId::try_new(s).ok()).into_iter().map(consent).collect::<Vec<_>>());
    let holds = prop_oneof![2 => Just(0usize), 1 => 1usize..=3]
        .prop_flat_map(|n| ids("h", n, |s| HoldId::try_new(s).ok()).into_iter().map(legal_hold).collect::<Vec<_>>());
    (proptest::option::weighted(0.8, window_date()), consents, holds, prop::bool::weighted(0.2)).prop_filter_map(
        "valid record",
        move |(ended, consents, holds, opt_out)| {
            Some(CaseRecord::try_new(id.clone(), ended, consents, holds).ok()?.with_statistics_opt_out(opt_out))
        },
    )
}

/// A case record with any id.
pub fn case_record() -> impl Strategy<Value = CaseRecord> {
    id::<RecordId>().prop_flat_map(case_record_with_id)
}

/// Up to `max` case records with distinct ids `r0`, `r1`, ….
pub fn case_records(max: usize) -> impl Strategy<Value = Vec<CaseRecord>> {
    (0..=max).prop_flat_map(|n| {
        ids("r", n, |s| RecordId::try_new(s).ok()).into_iter().map(case_record_with_id).collect::<Vec<_>>()
    })
}

/// Every date the record itself names: the contact's end, each consent's given and withdrawn
/// days, each hold's placed and released days.
pub fn record_dates(record: &CaseRecord) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = record.contact_ended_on().into_iter().collect();
    for c in record.consents() {
        dates.push(c.given_on());
        dates.extend(c.withdrawn_on());
    }
    for h in record.holds() {
        dates.push(h.placed_on());
        dates.extend(h.released_on());
    }
    dates
}

/// A day to decide `record` on: anywhere in the window, or one day either side of (or on)
/// one of the record's own dates, where the rules change.
pub fn decision_day(record: &CaseRecord) -> BoxedStrategy<NaiveDate> {
    let dates = record_dates(record);
    if dates.is_empty() {
        return window_date().boxed();
    }
    prop_oneof![
        1 => window_date(),
        1 => (select(dates), -1i64..=1).prop_filter_map("real date", |(d, off)| d.checked_add_signed(Duration::days(off))),
    ]
    .boxed()
}
