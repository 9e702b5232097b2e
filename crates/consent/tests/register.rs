//! The flat register decides as the records do (docs/invariants.md, consent-13): a
//! differential property of `sweep_register` against `decide_retention` over generated
//! registers, on any day. `decide_retention` itself is checked against the reference model of
//! `properties.rs` (consent-1, consent-5), so the register agrees with it too.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use chrono::{Days, Duration, NaiveDate};
use krisesenter_consent::{
    Action, CaseRecord, Consent, ConsentForm, DisposalRule, Register, RetentionPolicy, RetentionReason,
    decide_retention, sweep, sweep_register,
};
use krisesenter_consent::{ConsentId, RecordId};
use krisesenter_core::calendar::add_years;
use krisesenter_testkit::consent::{
    case_records, decision_day, policy, record_dates, sharing_consent, storage_consent, window_date,
};
use proptest::prelude::*;
use proptest::sample::select;

/// Records, a policy, and a day: anywhere in the window, or next to one of the dates of one
/// of the records (where the rules change).
fn register_and_day() -> impl Strategy<Value = (Vec<CaseRecord>, RetentionPolicy, NaiveDate)> {
    (case_records(16), policy()).prop_flat_map(|(records, p)| {
        let days: Vec<BoxedStrategy<NaiveDate>> = records.iter().map(decision_day).collect();
        let day = if days.is_empty() { window_date().boxed() } else { proptest::strategy::Union::new(days).boxed() };
        (Just(records), Just(p), day)
    })
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(128))]

    /// consent-13: the flat register, `sweep` and `decide_retention` give identical decisions
    /// (action, until, rule, reasons, statistics), certificates and reports, record by record
    /// in input order, on any day; built from the records or from their JSON, the register
    /// is the same.
    #[test]
    fn the_register_decides_as_the_records_do((records, p, day) in register_and_day()) {
        let register = Register::try_from_records(&records).unwrap();
        prop_assert_eq!(register.len(), records.len());
        prop_assert_eq!(register.is_empty(), records.is_empty());
        prop_assert_eq!(register.ids().len(), records.len());
        for (index, record) in records.iter().enumerate() {
            prop_assert_eq!(register.id(index), Some(record.id()));
        }
        let decisions = sweep_register(&register, &p, day);
        prop_assert_eq!(decisions.len(), records.len());
        // `sweep` over the records themselves, record by record as well.
        prop_assert_eq!(&sweep(&records, &p, day), &decisions);
        for ((record, id), decision) in records.iter().zip(register.ids()).zip(&decisions) {
            prop_assert_eq!(id, record.id());
            let expected = decide_retention(record, &p, day);
            prop_assert_eq!(decision, &expected);
            prop_assert_eq!(decision.certificate_for(id, &p), expected.certificate(record, &p));
            prop_assert_eq!(decision.report_for(id, &p), expected.report(record, &p));
        }
        let json = serde_json::to_string(&records).unwrap();
        let from_json: Register = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&from_json, &register);
        prop_assert_eq!(sweep_register(&from_json, &p, day), decisions);
    }

    /// A register read from JSON refuses what a record refuses: a record that is not valid
    /// on its own makes the whole array fail, with the record's own error.
    #[test]
    fn json_records_are_validated_as_records((records, _, _) in register_and_day()) {
        let mut json = serde_json::to_value(&records).unwrap();
        if let Some(first) = json.as_array_mut().and_then(|a| a.first_mut()) {
            first.as_object_mut().unwrap().remove("contact_ended_on");
            let as_records = serde_json::from_value::<Vec<CaseRecord>>(json.clone()).unwrap_err();
            let as_register = serde_json::from_value::<Register>(json).unwrap_err();
            prop_assert_eq!(as_register.to_string(), as_records.to_string());
        } else {
            prop_assert!(serde_json::from_value::<Register>(json).unwrap().is_empty());
        }
    }
}

#[test]
fn an_empty_register_sweeps_to_nothing() {
    let register = Register::new();
    assert!(register.is_empty());
    assert_eq!(register.id(0), None);
    let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    assert!(sweep_register(&register, &RetentionPolicy::default(), day).is_empty());
    assert_eq!(format!("{register:?}"), "Register { records: 0, consents: 0, holds: 0 }");
}

#[test]
fn a_register_that_is_not_an_array_is_refused() {
    let err = serde_json::from_str::<Register>(r#"{"records":[]}"#).unwrap_err();
    assert!(err.to_string().contains("an array of case records"), "{err}");
}

/// A record of the shape the sweep decides directly (no hold, at most one written storage
/// consent, oral and sharing consents beside it), a policy, and a day near where its rules
/// change: the contact's end with the grace, the consent's first day, its anniversary, its
/// withdrawal (each -1, 0 or +1 day), or anywhere in the window.
fn common_shape_and_day() -> impl Strategy<Value = (CaseRecord, RetentionPolicy, NaiveDate)> {
    let written = proptest::option::weighted(0.7, storage_consent(ConsentId::try_new("w").unwrap()))
        .prop_map(|c| c.filter(Consent::written));
    let oral = proptest::option::weighted(0.3, storage_consent(ConsentId::try_new("o").unwrap()))
        .prop_map(|c| c.filter(|c| !c.written()));
    let sharing = proptest::option::weighted(0.3, sharing_consent(ConsentId::try_new("s").unwrap()));
    let record = (proptest::option::weighted(0.8, window_date()), written, oral, sharing, any::<bool>())
        .prop_filter_map("valid record", |(ended, written, oral, sharing, opt_out)| {
            let consents = [written, oral, sharing].into_iter().flatten().collect();
            Some(
                CaseRecord::try_new(RecordId::try_new("r").ok()?, ended, consents, vec![])
                    .ok()?
                    .with_statistics_opt_out(opt_out),
            )
        });
    (record, policy()).prop_flat_map(|(record, p)| {
        let mut near: Vec<NaiveDate> = record_dates(&record);
        if let Some(end) = record.contact_ended_on() {
            near.extend(end.checked_add_days(Days::new(u64::from(p.no_consent_grace_days()))));
        }
        for c in record.consents() {
            near.extend(add_years(c.given_on(), p.consent_retention_years()));
        }
        let day = if near.is_empty() {
            window_date().boxed()
        } else {
            prop_oneof![
                1 => window_date(),
                3 => (select(near), -1i64..=1).prop_filter_map("real date", |(d, off)| d.checked_add_signed(Duration::days(off))),
            ]
            .boxed()
        };
        (Just(record), Just(p), day)
    })
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(512))]

    /// consent-14: the sweep's direct path for the common shapes (no hold, at most one written
    /// storage consent) decides as `decide_retention` does, on the days where the rules change
    /// (the contact's end with the grace, the consent's first day, anniversary and withdrawal,
    /// a day either side) and elsewhere.
    #[test]
    fn the_direct_path_decides_as_the_schedule_does((record, p, day) in common_shape_and_day()) {
        let register = Register::try_from_records(std::slice::from_ref(&record)).unwrap();
        let expected = decide_retention(&record, &p, day);
        prop_assert_eq!(sweep_register(&register, &p, day), vec![expected]);
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The one decision the register's sweep gives `record` on `day` under the default policy,
/// checked equal to `decide_retention`'s.
fn swept(record: &CaseRecord, day: NaiveDate) -> krisesenter_consent::RetentionDecision {
    let policy = RetentionPolicy::default();
    let register = Register::try_from_records(std::slice::from_ref(record)).unwrap();
    let decision = sweep_register(&register, &policy, day)[0];
    assert_eq!(decision, decide_retention(record, &policy, day));
    decision
}

/// A written consent given and withdrawn on one day after the contact ended changes nothing:
/// the record has been due since the contact ended, and the direct path's `until` walks back
/// past that day to the contact's end. Kills `due(before)` to `false` in
/// `Simple::due_since` (simple.rs), which stops at the consent's day.
#[test]
fn the_direct_path_walks_back_past_a_breakpoint_that_changes_nothing() {
    let consent = Consent::storage(ConsentId::try_new("c1").unwrap(), d(2020, 3, 1), ConsentForm::Written)
        .withdraw(d(2020, 3, 1))
        .unwrap();
    let record =
        CaseRecord::try_new(RecordId::try_new("r1").unwrap(), Some(d(2020, 1, 10)), vec![consent], vec![]).unwrap();
    let decision = swept(&record, d(2021, 6, 1));
    assert_eq!((decision.action(), decision.until()), (Action::Delete, Some(d(2020, 1, 10))));
}

/// A withdrawal on the consent's anniversary is a withdrawal, not the end of its period, on
/// the direct path too. Kills `end < withdrawn` to `<=` in `span` (simple.rs).
#[test]
fn the_direct_path_reads_a_withdrawal_on_the_anniversary_as_a_withdrawal() {
    let consent = Consent::storage(ConsentId::try_new("c1").unwrap(), d(2014, 5, 1), ConsentForm::Written)
        .withdraw(d(2024, 5, 1))
        .unwrap();
    let record =
        CaseRecord::try_new(RecordId::try_new("r1").unwrap(), Some(d(2014, 6, 1)), vec![consent], vec![]).unwrap();
    let decision = swept(&record, d(2025, 1, 1));
    assert_eq!((decision.action(), decision.until()), (Action::Delete, Some(d(2024, 5, 1))));
    assert_eq!(decision.rule(), Some(DisposalRule::ConsentWithdrawn));
    assert!(decision.reasons().contains(RetentionReason::StorageConsentWithdrawn));
}
