//! The invariants of the retention schedule (docs/invariants.md, consent-1 to consent-10),
//! each checked against a deliberately simple reference model that walks the calendar one day
//! at a time and reads DOMAIN.md §5 literally.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test helpers fail loudly")]

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use krisesenter_consent::fhir::{self, FhirConsentStatus};
use krisesenter_consent::{
    Action, CaseRecord, Consent, ConsentKind, DisposalRule, RetentionPolicy, decide_retention, sweep,
};
use krisesenter_core::PersonId;
use krisesenter_core::calendar::add_years;
use krisesenter_testkit::consent::{
    case_record, case_records, consent, decision_day, policy, record_dates, sharing_consent,
};
use krisesenter_testkit::core::consent_id;
use proptest::prelude::*;

/// Beyond every date the strategies can produce (2036 + 4000 days + 12 years + 60 days).
fn horizon() -> NaiveDate {
    NaiveDate::from_ymd_opt(2061, 1, 1).unwrap()
}

/// Reference: a hold is active on `day`.
fn ref_held(r: &CaseRecord, day: NaiveDate) -> bool {
    r.holds().iter().any(|h| h.placed_on() <= day && h.released_on().is_none_or(|rel| day < rel))
}

/// Reference: the latest written storage consents given on or before `day` (all of them
/// given that same latest day).
fn ref_latest(r: &CaseRecord, day: NaiveDate) -> Vec<&Consent> {
    let written: Vec<&Consent> = r
        .consents()
        .iter()
        .filter(|c| c.kind() == ConsentKind::Storage && c.written() && c.given_on() <= day)
        .collect();
    let latest = written.iter().map(|c| c.given_on()).max();
    written.into_iter().filter(|c| Some(c.given_on()) == latest).collect()
}

/// Reference: the latest written storage consent keeps the record on `day`: in force (as
/// docs/contract.md defines it) and younger than the policy's years.
fn ref_consent_keeps(r: &CaseRecord, day: NaiveDate, p: &RetentionPolicy) -> bool {
    let latest = ref_latest(r, day);
    !latest.is_empty()
        && latest.iter().all(|c| {
            c.in_force_on(day) && add_years(c.given_on(), p.consent_retention_years()).is_none_or(|end| day < end)
        })
}

/// Reference: due by the schedule on `day` (holds aside).
fn ref_due_by_schedule(r: &CaseRecord, day: NaiveDate, p: &RetentionPolicy) -> bool {
    let ended =
        r.contact_ended_on().is_some_and(|end| day >= end + Duration::days(i64::from(p.no_consent_grace_days())));
    ended && !ref_consent_keeps(r, day, p)
}

/// Reference: the action on `day`.
fn ref_action(r: &CaseRecord, day: NaiveDate, p: &RetentionPolicy) -> Action {
    if ref_held(r, day) {
        Action::Held
    } else if ref_due_by_schedule(r, day, p) {
        Action::Delete
    } else {
        Action::Keep
    }
}

/// Reference: the first day from `from` (walking forward one day at a time) that is due.
fn ref_first_due(r: &CaseRecord, from: NaiveDate, p: &RetentionPolicy) -> Option<NaiveDate> {
    from.iter_days().take_while(|d| *d < horizon()).find(|d| ref_action(r, *d, p) == Action::Delete)
}

/// Reference: the first day of the run of due days ending at `day` (walking backward).
fn ref_due_since(r: &CaseRecord, day: NaiveDate, p: &RetentionPolicy) -> NaiveDate {
    let mut start = day;
    while let Some(before) = start.pred_opt() {
        if ref_action(r, before, p) != Action::Delete {
            break;
        }
        start = before;
    }
    start
}

fn record_and_day() -> impl Strategy<Value = (CaseRecord, NaiveDate, RetentionPolicy)> {
    (case_record(), policy()).prop_flat_map(|(r, p)| {
        let day = decision_day(&r);
        (Just(r), day, Just(p))
    })
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(128))]

    /// consent-1: the decision agrees with the reference model on every day.
    #[test]
    fn decision_matches_the_reference((r, day, p) in record_and_day()) {
        prop_assert_eq!(decide_retention(&r, &p, day).action(), ref_action(&r, day, &p));
    }

    /// consent-2: a record with an active hold is never deleted.
    #[test]
    fn a_record_with_an_active_hold_is_never_deleted((r, day, p) in record_and_day()) {
        if r.holds().iter().any(|h| h.active_on(day)) {
            prop_assert_eq!(decide_retention(&r, &p, day).action(), Action::Held);
        }
    }

    /// consent-3: a record whose latest written storage consent is in force and younger than
    /// the period is never deleted.
    #[test]
    fn a_young_written_consent_in_force_is_never_deleted((r, day, p) in record_and_day()) {
        if ref_consent_keeps(&r, day, &p) {
            prop_assert_ne!(decide_retention(&r, &p, day).action(), Action::Delete);
        }
    }

    /// consent-4: a record past its due day with no active hold is always deleted, and the
    /// rule named is the one that ended the latest consent (or the lack of one).
    #[test]
    fn past_due_without_an_active_hold_is_deleted((r, day, p) in record_and_day()) {
        if ref_due_by_schedule(&r, day, &p) && !ref_held(&r, day) {
            let decision = decide_retention(&r, &p, day);
            prop_assert_eq!(decision.action(), Action::Delete);
            let expected = match ref_latest(&r, day).first() {
                None => DisposalRule::ContactEndedWithoutConsent,
                Some(_) if ref_latest(&r, day).iter().any(|c| c.withdrawn_on().is_some_and(|w| {
                    w <= day && add_years(c.given_on(), p.consent_retention_years()).is_none_or(|e| w <= e)
                })) => DisposalRule::ConsentWithdrawn,
                Some(_) => DisposalRule::ConsentPeriodEnded,
            };
            prop_assert_eq!(decision.rule(), Some(expected));
            prop_assert!(decision.certificate(&r, &p).is_some());
        }
    }

    /// consent-5: `until` is exact: for keep and held it is the first due day after the
    /// decision day (the day before it is not due, it is), or null when no day is ever due;
    /// for delete it is the first day of the run of due days the decision day is in.
    #[test]
    fn until_is_exact((r, day, p) in record_and_day()) {
        let decision = decide_retention(&r, &p, day);
        match decision.action() {
            Action::Keep | Action::Held => {
                prop_assert_eq!(decision.until(), ref_first_due(&r, day, &p));
            }
            Action::Delete => {
                prop_assert_eq!(decision.until(), Some(ref_due_since(&r, day, &p)));
            }
        }
        if let Some(until) = decision.until() {
            prop_assert_eq!(decide_retention(&r, &p, until).action(), Action::Delete);
            let before = until.pred_opt().unwrap();
            prop_assert_ne!(decide_retention(&r, &p, before).action(), Action::Delete);
        }
    }

    /// consent-6: deciding is monotone in time: once due, a later day never keeps the record
    /// unless a consent is given or a hold placed in between.
    #[test]
    fn deciding_is_monotone_in_time((r, day, p) in record_and_day(), later in 0i64..=8000) {
        let later_day = day + Duration::days(later);
        let arrives = r.consents().iter().any(|c| day < c.given_on() && c.given_on() <= later_day)
            || r.holds().iter().any(|h| day < h.placed_on() && h.placed_on() <= later_day);
        if decide_retention(&r, &p, day).action() == Action::Delete && !arrives {
            prop_assert_eq!(decide_retention(&r, &p, later_day).action(), Action::Delete);
        }
    }

    /// consent-7: sweep is deterministic and independent of the order of records.
    #[test]
    fn sweep_is_deterministic_and_order_independent(
        (records, shuffled) in case_records(12).prop_flat_map(|rs| (Just(rs.clone()), Just(rs).prop_shuffle())),
        day in krisesenter_testkit::consent::window_date(),
        p in policy(),
    ) {
        let by_id = |rs: &[CaseRecord]| -> BTreeMap<String, String> {
            rs.iter()
                .zip(sweep(rs, &p, day))
                .map(|(r, d)| (r.id().to_string(), serde_json::to_string(&d.report(r, &p)).unwrap()))
                .collect()
        };
        let reports = |rs: &[CaseRecord]| -> Vec<_> {
            rs.iter().zip(sweep(rs, &p, day)).map(|(r, d)| d.report(r, &p)).collect()
        };
        let first = reports(&records);
        let again = reports(&records);
        prop_assert_eq!(&first, &again);
        for (d, r) in first.iter().zip(&records) {
            prop_assert_eq!(d.record(), r.id(), "input order");
            prop_assert_eq!(d.action(), decide_retention(r, &p, day).action());
        }
        prop_assert_eq!(by_id(&records), by_id(&shuffled));
    }

    /// consent-8: a disposal certificate holds only the record id, the rule, the decision
    /// day, the policy version and the statistics; no other date of the record, no consent
    /// or hold id, no hold reason.
    #[test]
    fn certificates_hold_no_personal_data((r, day, p) in record_and_day()) {
        if let Some(cert) = decide_retention(&r, &p, day).certificate(&r, &p) {
            let json = serde_json::to_value(&cert).unwrap();
            let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
            prop_assert_eq!(keys, vec!["date", "policy_version", "record", "rule", "statistics"]);
            prop_assert_eq!(cert.date(), day);
            let text = serde_json::to_string(&cert).unwrap();
            for date in record_dates(&r).into_iter().filter(|d| *d != day) {
                prop_assert!(!text.contains(&date.to_string()), "{} leaks a record date", text);
            }
            for c in r.consents() {
                prop_assert!(!text.contains(&format!("\"{}\"", c.id())), "consent id in {}", text);
            }
            for h in r.holds() {
                prop_assert!(!text.contains(&format!("\"{}\"", h.id())), "hold id in {}", text);
            }
            for word in ["police", "court", "child_welfare", "complaint", "given_on", "withdrawn_on", "placed_on"] {
                prop_assert!(!text.contains(word), "{} in {}", word, text);
            }
            prop_assert_eq!(cert.statistics().is_empty(), r.statistics_opt_out());
        }
    }

    /// consent-9: error messages name ids, dates and counts, never rejected free text.
    #[test]
    fn error_messages_never_repeat_rejected_text(name in krisesenter_testkit::core::personal_name()) {
        let err = krisesenter_consent::PolicyVersion::try_new(name.clone()).unwrap_err();
        for part in name.split_whitespace() {
            prop_assert!(!err.to_string().contains(part));
        }
        let json = format!(
            r#"{{"consent_retention_years":10,"no_consent_grace_days":0,"version":{}}}"#,
            serde_json::to_string(&name).unwrap()
        );
        let err = serde_json::from_str::<RetentionPolicy>(&json).unwrap_err();
        for part in name.split_whitespace() {
            prop_assert!(!err.to_string().contains(part), "{}", err);
        }
    }

    /// consent-10: the FHIR export of a written sharing consent carries the required elements
    /// of an R4 Consent: resourceType, status (inactive once withdrawn), scope, category,
    /// patient (privacy scope), a policy, a permit provision with one actor (role and
    /// reference) per recipient, one class per category, and a period that starts on the day
    /// given and ends no earlier.
    #[test]
    fn fhir_export_has_the_required_elements(c in consent_id().prop_flat_map(sharing_consent)) {
        let patient = PersonId::try_new("p1").unwrap();
        match fhir::export(&c, &patient) {
            Err(_) => prop_assert!(!c.written()),
            Ok(resource) => {
                prop_assert!(c.written());
                prop_assert_eq!(
                    resource.status,
                    if c.withdrawn_on().is_some() { FhirConsentStatus::Inactive } else { FhirConsentStatus::Active }
                );
                let json = serde_json::to_value(&resource).unwrap();
                prop_assert_eq!(&json["resourceType"], "Consent");
                prop_assert!(json["status"] == "active" || json["status"] == "inactive");
                prop_assert_eq!(&json["scope"]["coding"][0]["code"], "patient-privacy");
                prop_assert_eq!(&json["scope"]["coding"][0]["system"], fhir::CONSENT_SCOPE_SYSTEM);
                prop_assert!(!json["category"].as_array().unwrap().is_empty());
                prop_assert_eq!(&json["patient"]["reference"], "Patient/p1");
                prop_assert_eq!(&json["identifier"][0]["value"], c.id().as_str());
                let id_ok = |id: &str| !id.is_empty() && id.len() <= 64 && id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '.');
                match json.get("id").and_then(|v| v.as_str()) {
                    Some(id) => prop_assert!(id_ok(id) && id == c.id().as_str()),
                    None => prop_assert!(!id_ok(c.id().as_str())),
                }
                prop_assert!(json["policy"].as_array().is_some_and(|p| !p.is_empty()) || json.get("policyRule").is_some());
                prop_assert_eq!(&json["dateTime"], &c.given_on().to_string());
                prop_assert_eq!(&json["provision"]["type"], "permit");
                let actors = json["provision"]["actor"].as_array().unwrap();
                prop_assert_eq!(actors.len(), c.recipients().len());
                for a in actors {
                    prop_assert!(a["role"]["coding"][0]["code"].is_string());
                    prop_assert!(a.get("reference").is_some_and(|r| r.is_object()));
                }
                prop_assert_eq!(json["provision"]["class"].as_array().unwrap().len(), c.information().len());
                if let Some(period) = &resource.provision.period {
                    prop_assert_eq!(period.start, c.given_on());
                    prop_assert!(period.end.is_none_or(|end| end >= period.start));
                    prop_assert_eq!(period.end.and_then(|e| e.succ_opt()), c.withdrawn_on());
                } else {
                    prop_assert_eq!(c.withdrawn_on(), Some(c.given_on()), "no period only when never in force");
                }
                // No JSON null anywhere: FHIR forbids them.
                prop_assert!(!serde_json::to_string(&resource).unwrap().contains("null"));
            }
        }
    }

    /// Consents of any kind survive a serde round trip, and a sharing consent never keeps a
    /// record.
    #[test]
    fn sharing_consents_never_keep_a_record(c in consent_id().prop_flat_map(consent), day in krisesenter_testkit::consent::window_date()) {
        let back: Consent = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        prop_assert_eq!(&back, &c);
        if c.kind() == ConsentKind::Sharing {
            let r = CaseRecord::try_new("r1".parse().unwrap(), Some(day), vec![c], vec![]).unwrap();
            prop_assert_eq!(decide_retention(&r, &RetentionPolicy::default(), day).action(), Action::Delete);
        }
    }
}
