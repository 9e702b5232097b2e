//! Worked examples of DOMAIN.md §5 and issue 3.

use crate::{HoldId, RecordId};
use chrono::NaiveDate;
use krisesenter_core::{ConsentId, Information, Party};

use super::*;
use crate::hold::{HoldReason, LegalHold};
use crate::record::{Consent, ConsentForm};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn written(id: &str, given: NaiveDate) -> Consent {
    Consent::storage(ConsentId::try_new(id).unwrap(), given, ConsentForm::Written)
}

fn oral(id: &str, given: NaiveDate) -> Consent {
    Consent::storage(ConsentId::try_new(id).unwrap(), given, ConsentForm::Oral)
}

fn hold(id: &str, reason: HoldReason, placed: NaiveDate, released: Option<NaiveDate>) -> LegalHold {
    let h = LegalHold::new(HoldId::try_new(id).unwrap(), reason, placed);
    match released {
        Some(r) => h.release(r).unwrap(),
        None => h,
    }
}

fn record(ended: Option<NaiveDate>, consents: Vec<Consent>, holds: Vec<LegalHold>) -> CaseRecord {
    CaseRecord::try_new(RecordId::try_new("r1").unwrap(), ended, consents, holds).unwrap()
}

fn codes(decision: &RetentionDecision) -> Vec<&'static str> {
    decision.reasons().codes().collect()
}

static DEFAULT: std::sync::LazyLock<RetentionPolicy> = std::sync::LazyLock::new(RetentionPolicy::default);

fn grace(days: u32) -> RetentionPolicy {
    RetentionPolicy::try_new(10, days, None).unwrap()
}

#[test]
fn ten_year_boundary_day_before_and_day_itself() {
    let r = record(Some(d(2016, 5, 1)), vec![written("c1", d(2016, 3, 1))], vec![]);
    let p = RetentionPolicy::default();
    let before = decide_retention(&r, &p, d(2026, 2, 28));
    assert_eq!((before.action(), before.until()), (Action::Keep, Some(d(2026, 3, 1))));
    assert_eq!(codes(&before), ["storage_consent_in_force"]);
    assert_eq!(before.rule(), None);
    assert!(before.certificate(&r, &p).is_none());

    let on = decide_retention(&r, &p, d(2026, 3, 1));
    assert_eq!((on.action(), on.until()), (Action::Delete, Some(d(2026, 3, 1))));
    assert_eq!(on.rule(), Some(DisposalRule::ConsentPeriodEnded));
    assert_eq!(codes(&on), ["storage_consent_period_ended", "statistics_kept_anonymous"]);
    let later = decide_retention(&r, &p, d(2027, 1, 1));
    assert_eq!((later.action(), later.until()), (Action::Delete, Some(d(2026, 3, 1))), "due since the anniversary");
}

#[test]
fn twenty_ninth_of_february_plus_ten_years_is_the_28th() {
    let r = record(Some(d(2024, 3, 15)), vec![written("c1", d(2024, 2, 29))], vec![]);
    let p = RetentionPolicy::default();
    assert_eq!(decide_retention(&r, &p, d(2026, 3, 1)).until(), Some(d(2034, 2, 28)));
    assert_eq!(decide_retention(&r, &p, d(2034, 2, 27)).action(), Action::Keep);
    assert_eq!(decide_retention(&r, &p, d(2034, 2, 28)).action(), Action::Delete);
    // Four years after a leap day is a leap day again.
    let four = RetentionPolicy::try_new(4, 0, None).unwrap();
    assert_eq!(decide_retention(&r, &four, d(2026, 3, 1)).until(), Some(d(2028, 2, 29)));
}

#[test]
fn withdrawal_after_the_contact_ended_is_due_that_day() {
    let c = written("c1", d(2025, 6, 1)).withdraw(d(2026, 2, 1)).unwrap();
    let r = record(Some(d(2025, 6, 30)), vec![c], vec![]);
    let p = RetentionPolicy::default();
    let before = decide_retention(&r, &p, d(2026, 1, 31));
    assert_eq!((before.action(), before.until()), (Action::Keep, Some(d(2026, 2, 1))));
    let after = decide_retention(&r, &p, d(2026, 3, 1));
    assert_eq!((after.action(), after.until()), (Action::Delete, Some(d(2026, 2, 1))));
    assert_eq!(after.rule(), Some(DisposalRule::ConsentWithdrawn));
    assert_eq!(codes(&after), ["storage_consent_withdrawn", "statistics_kept_anonymous"]);
    // With grace days the withdrawal, coming after the grace ran out, is still due at once.
    assert_eq!(decide_retention(&r, &grace(30), d(2026, 3, 1)).until(), Some(d(2026, 2, 1)));
}

#[test]
fn withdrawal_before_the_contact_ended_keeps_until_the_end() {
    let c = written("c1", d(2025, 6, 1)).withdraw(d(2026, 2, 1)).unwrap();
    let r = record(Some(d(2026, 4, 30)), vec![c.clone()], vec![]);
    let kept = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((kept.action(), kept.until()), (Action::Keep, Some(d(2026, 4, 30))));
    assert_eq!(codes(&kept), ["contact_ongoing", "storage_consent_withdrawn"]);
    assert_eq!(decide_retention(&r, &grace(14), d(2026, 3, 1)).until(), Some(d(2026, 5, 14)));
    let due = decide_retention(&r, &DEFAULT, d(2026, 4, 30));
    assert_eq!((due.action(), due.rule()), (Action::Delete, Some(DisposalRule::ConsentWithdrawn)));
    // Withdrawn while the contact has no end day: kept, and `until` depends on the end.
    let open = record(None, vec![c], vec![]);
    let kept = decide_retention(&open, &DEFAULT, d(2026, 3, 1));
    assert_eq!((kept.action(), kept.until()), (Action::Keep, None));
}

#[test]
fn no_consent_without_grace_days() {
    let r = record(Some(d(2025, 11, 30)), vec![], vec![]);
    let p = RetentionPolicy::default();
    let before = decide_retention(&r, &p, d(2025, 11, 29));
    assert_eq!((before.action(), before.until()), (Action::Keep, Some(d(2025, 11, 30))));
    assert_eq!(codes(&before), ["contact_ongoing"]);
    let on = decide_retention(&r, &p, d(2025, 11, 30));
    assert_eq!((on.action(), on.until()), (Action::Delete, Some(d(2025, 11, 30))));
    assert_eq!(on.rule(), Some(DisposalRule::ContactEndedWithoutConsent));
    assert_eq!(codes(&on), ["contact_ended_without_consent", "statistics_kept_anonymous"]);
    // The contract's example: as of 2026-03-01, contact ended 2025-11-30.
    assert_eq!(decide_retention(&r, &p, d(2026, 3, 1)).action(), Action::Delete);
}

#[test]
fn no_consent_with_grace_days() {
    let r = record(Some(d(2025, 11, 30)), vec![], vec![]);
    let p = grace(30);
    let grace_day = decide_retention(&r, &p, d(2025, 12, 29));
    assert_eq!((grace_day.action(), grace_day.until()), (Action::Keep, Some(d(2025, 12, 30))));
    assert_eq!(codes(&grace_day), ["contact_grace_period"]);
    assert_eq!(grace_day.report(&r, &p).policy_version().as_str(), "consent-10y-grace-30d");
    let due = decide_retention(&r, &p, d(2025, 12, 30));
    assert_eq!((due.action(), due.until()), (Action::Delete, Some(d(2025, 12, 30))));
}

#[test]
fn an_oral_consent_does_not_count() {
    let r = record(Some(d(2025, 11, 30)), vec![oral("c1", d(2025, 11, 1))], vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!(dec.action(), Action::Delete);
    assert_eq!(dec.rule(), Some(DisposalRule::ContactEndedWithoutConsent));
    assert_eq!(codes(&dec), ["contact_ended_without_consent", "oral_consent_not_counted", "statistics_kept_anonymous"]);
    // A later oral consent does not supersede a written one either.
    let r = record(Some(d(2020, 3, 1)), vec![written("c1", d(2020, 1, 1)), oral("c2", d(2022, 1, 1))], vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Keep, Some(d(2030, 1, 1))));
}

#[test]
fn a_sharing_consent_does_not_keep_a_record() {
    let sharing = Consent::sharing(
        ConsentId::try_new("s1").unwrap(),
        [Party::Nav],
        [Information::ContactDetails],
        d(2025, 1, 1),
        ConsentForm::Written,
    )
    .unwrap();
    let r = record(Some(d(2025, 11, 30)), vec![sharing], vec![]);
    assert_eq!(decide_retention(&r, &DEFAULT, d(2026, 3, 1)).action(), Action::Delete);
}

#[test]
fn an_active_hold_blocks_deletion() {
    let r = record(Some(d(2025, 11, 30)), vec![], vec![hold("h1", HoldReason::PoliceCase, d(2026, 1, 10), None)]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Held, None));
    assert_eq!(codes(&dec), ["legal_hold_police_case", "contact_ended_without_consent"]);
    assert_eq!(dec.rule(), Some(DisposalRule::ContactEndedWithoutConsent), "the rule once released");
    assert!(dec.certificate(&r, &DEFAULT).is_none());
    // A hold with a known release day: due on that day.
    let r = record(
        Some(d(2025, 11, 30)),
        vec![],
        vec![hold("h1", HoldReason::CourtCase, d(2026, 1, 10), Some(d(2026, 4, 1)))],
    );
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Held, Some(d(2026, 4, 1))));
    // A hold on a record the consent keeps anyway is still held.
    let r = record(
        Some(d(2025, 11, 30)),
        vec![written("c1", d(2025, 1, 1))],
        vec![hold("h1", HoldReason::Complaint, d(2026, 1, 10), None)],
    );
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Held, None));
    assert_eq!(codes(&dec), ["legal_hold_complaint", "storage_consent_in_force"]);
    assert_eq!(dec.rule(), None);
}

#[test]
fn a_released_hold_blocks_nothing() {
    let r = record(
        Some(d(2025, 11, 30)),
        vec![],
        vec![hold("h1", HoldReason::ChildWelfareCase, d(2025, 12, 1), Some(d(2026, 2, 1)))],
    );
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2026, 2, 1))), "due since the release");
    assert_eq!(codes(&dec), ["contact_ended_without_consent", "legal_hold_released", "statistics_kept_anonymous"]);
    assert_eq!(decide_retention(&r, &DEFAULT, d(2026, 1, 31)).action(), Action::Held);
}

#[test]
fn a_future_hold_blocks_nothing_yet() {
    let r = record(Some(d(2025, 11, 30)), vec![], vec![hold("h1", HoldReason::PoliceCase, d(2026, 4, 1), None)]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!(dec.action(), Action::Delete);
    assert_eq!(codes(&dec), ["contact_ended_without_consent", "legal_hold_scheduled", "statistics_kept_anonymous"]);
    // A hold that starts before a kept record falls due, and is never released: no due day.
    let r = record(Some(d(2026, 5, 1)), vec![], vec![hold("h1", HoldReason::PoliceCase, d(2026, 4, 1), None)]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Keep, None));
}

#[test]
fn several_holds_block_until_the_last_release() {
    let r = record(
        Some(d(2025, 11, 30)),
        vec![],
        vec![
            hold("h1", HoldReason::PoliceCase, d(2025, 12, 1), Some(d(2026, 2, 1))),
            hold("h2", HoldReason::CourtCase, d(2026, 1, 15), Some(d(2026, 5, 1))),
            hold("h3", HoldReason::Complaint, d(2026, 4, 20), Some(d(2026, 6, 1))),
        ],
    );
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Held, Some(d(2026, 6, 1))));
    assert_eq!(
        codes(&dec),
        ["legal_hold_court_case", "contact_ended_without_consent", "legal_hold_released", "legal_hold_scheduled"]
    );
    assert_eq!(decide_retention(&r, &DEFAULT, d(2026, 5, 31)).action(), Action::Held);
    assert_eq!(decide_retention(&r, &DEFAULT, d(2026, 6, 1)).action(), Action::Delete);
}

#[test]
fn the_latest_of_several_consents_counts() {
    let r = record(Some(d(2015, 3, 1)), vec![written("c1", d(2015, 1, 1)), written("c2", d(2025, 6, 1))], vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Keep, Some(d(2035, 6, 1))));
    assert_eq!(codes(&dec), ["storage_consent_in_force", "earlier_consents_superseded"]);
    // Before the second consent, the first one's period ran out: deleted in between.
    assert_eq!(decide_retention(&r, &DEFAULT, d(2025, 3, 1)).action(), Action::Delete);

    // The latest withdrawn: an earlier consent does not revive.
    let r = record(
        Some(d(2020, 2, 1)),
        vec![written("c1", d(2020, 1, 1)), written("c2", d(2022, 1, 1)).withdraw(d(2023, 1, 1)).unwrap()],
        vec![],
    );
    let dec = decide_retention(&r, &DEFAULT, d(2024, 1, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2023, 1, 1))));
    assert_eq!(dec.rule(), Some(DisposalRule::ConsentWithdrawn));
}

#[test]
fn an_ongoing_contact_keeps_the_record_without_a_due_day() {
    let r = record(None, vec![], vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Keep, None));
    assert_eq!(codes(&dec), ["contact_ongoing"]);
    let with_consent = record(None, vec![written("c1", d(2010, 1, 1))], vec![]);
    let dec = decide_retention(&with_consent, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Keep, None), "the period ran out, the contact goes on");
    assert_eq!(codes(&dec), ["contact_ongoing", "storage_consent_period_ended"]);
}

#[test]
fn ksl_5a_is_cited_from_2026() {
    let r = record(None, vec![], vec![]);
    let p = RetentionPolicy::default();
    let cites_5a = |day| {
        decide_retention(&r, &p, day)
            .reasons()
            .explain()
            .iter()
            .flat_map(|x| x.citations().to_vec())
            .any(|c| c.section() == "5a")
    };
    assert!(!cites_5a(d(2025, 12, 31)));
    assert!(cites_5a(d(2026, 1, 1)));
}

#[test]
fn certificate_holds_only_id_rule_date_version_and_statistics() {
    let r = record(Some(d(2025, 11, 30)), vec![oral("c1", d(2025, 11, 1))], vec![]);
    let p = RetentionPolicy::try_new(10, 0, Some(crate::PolicyVersion::try_new("romerike-2026").unwrap())).unwrap();
    let dec = decide_retention(&r, &p, d(2026, 3, 1));
    let cert = dec.certificate(&r, &p).unwrap();
    let json = serde_json::to_value(&cert).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "record": "r1",
            "rule": "contact_ended_without_consent",
            "date": "2026-03-01",
            "policy_version": "romerike-2026",
            "statistics": ["stays", "residents", "nights", "length_of_stay", "violence_types", "relations",
                           "municipalities", "after_stay", "repeat_stays", "day_contacts"]
        })
    );
    let opted_out = r.clone().with_statistics_opt_out(true);
    let dec = decide_retention(&opted_out, &p, d(2026, 3, 1));
    assert!(dec.certificate(&opted_out, &p).unwrap().statistics().is_empty());
    assert_eq!(dec.statistics_use(), StatisticsUse::OptedOut);
    assert!(codes(&dec).contains(&"statistics_opt_out"));
}

#[test]
fn report_has_the_contract_shape() {
    let r = record(None, vec![], vec![]);
    let p = RetentionPolicy::default();
    let json = serde_json::to_value(decide_retention(&r, &p, d(2026, 3, 1)).report(&r, &p)).unwrap();
    assert_eq!(json["record"], "r1");
    assert_eq!(json["action"], "keep");
    assert_eq!(json["until"], serde_json::Value::Null);
    assert_eq!(json["reasons"][0]["code"], "contact_ongoing");
    assert_eq!(json["policy_version"], "consent-10y-grace-0d");
    assert_eq!(json["certificate"], serde_json::Value::Null);
}

#[test]
fn many_consents_are_decided_like_few() {
    // More written storage consents than the schedule keeps inline: the latest still counts.
    let consents: Vec<Consent> = (0..7).map(|i| written(&format!("c{i}"), d(2012 + i, 1, 1))).collect();
    let r = record(Some(d(2012, 2, 1)), consents, vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Keep, Some(d(2028, 1, 1))));
    assert_eq!(codes(&dec), ["storage_consent_in_force", "earlier_consents_superseded"]);
    let dec = decide_retention(&r, &DEFAULT, d(2028, 1, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2028, 1, 1))));
}

// Issue 19: behaviours mutation testing found no test noticing. Each test names the mutant
// of the rule files it fails on.

/// Same-day written storage consents: the one that stops counting first governs, a
/// withdrawal wins a tie, and the order of the consents in the input does not matter.
///
/// Kills the mutants of the in-force condition of `Schedule::state` (schedule.rs, the
/// `replaces` expression): `span.ends_on < ends_on` to `>`/`<=`/`==`, `span.given_on ==
/// given_on` to `!=`, `span.withdrawn && !withdrawn` to `||`, deleting either `!`, and each
/// `&&`/`||` of it swapped.
#[test]
fn same_day_consents_the_first_to_stop_counting_governs_in_any_order() {
    let given = d(2016, 3, 1);
    let plain = written("c1", given);
    let withdrawn = written("c2", given).withdraw(d(2020, 1, 1)).unwrap();
    for consents in [vec![plain.clone(), withdrawn.clone()], vec![withdrawn.clone(), plain.clone()]] {
        let r = record(Some(d(2016, 5, 1)), consents, vec![]);
        let before = decide_retention(&r, &DEFAULT, d(2019, 12, 31));
        assert_eq!((before.action(), before.until()), (Action::Keep, Some(d(2020, 1, 1))));
        assert_eq!(codes(&before), ["storage_consent_in_force", "earlier_consents_superseded"]);
        let after = decide_retention(&r, &DEFAULT, d(2021, 6, 1));
        assert_eq!((after.action(), after.until()), (Action::Delete, Some(d(2020, 1, 1))));
        assert_eq!(after.rule(), Some(DisposalRule::ConsentWithdrawn), "the withdrawn one stopped counting first");
    }
    // A tie: one consent withdrawn on its anniversary, one that simply runs out that day.
    let at_anniversary = written("c2", given).withdraw(d(2026, 3, 1)).unwrap();
    for consents in [vec![plain.clone(), at_anniversary.clone()], vec![at_anniversary.clone(), plain.clone()]] {
        let r = record(Some(d(2016, 5, 1)), consents, vec![]);
        let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
        assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2026, 3, 1))));
        assert_eq!(dec.rule(), Some(DisposalRule::ConsentWithdrawn), "a withdrawal wins a tie");
        assert_eq!(
            codes(&dec),
            ["storage_consent_withdrawn", "earlier_consents_superseded", "statistics_kept_anonymous"]
        );
    }
    // A withdrawal after the anniversary comes too late: the period ran out first, whichever
    // same-day consent is listed first.
    let late_withdrawal = written("c2", given).withdraw(d(2030, 1, 1)).unwrap();
    for consents in [vec![plain.clone(), late_withdrawal.clone()], vec![late_withdrawal.clone(), plain.clone()]] {
        let r = record(Some(d(2016, 5, 1)), consents, vec![]);
        let dec = decide_retention(&r, &DEFAULT, d(2027, 1, 1));
        assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2026, 3, 1))));
        assert_eq!(dec.rule(), Some(DisposalRule::ConsentPeriodEnded), "the period ran out before the withdrawal");
    }
}

/// A withdrawal on the anniversary day itself: the consent was withdrawn, not run out.
///
/// Kills `span`'s `e < w` to `e <= w` (schedule.rs), which gives `ConsentPeriodEnded`.
#[test]
fn withdrawal_on_the_anniversary_is_a_withdrawal() {
    let c = written("c1", d(2016, 3, 1)).withdraw(d(2026, 3, 1)).unwrap();
    let r = record(Some(d(2016, 5, 1)), vec![c], vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2026, 3, 1))));
    assert_eq!(dec.rule(), Some(DisposalRule::ConsentWithdrawn));
    assert_eq!(codes(&dec), ["storage_consent_withdrawn", "statistics_kept_anonymous"]);
    assert_eq!(decide_retention(&r, &DEFAULT, d(2026, 2, 28)).action(), Action::Keep);
}

/// A delete's `until` walks back past breakpoints on which nothing changes: an earlier
/// consent's anniversary falls after the later consent's withdrawal, and the record has been
/// due since the withdrawal.
///
/// Kills `due_since`'s `self.state(before).due()` guard replaced by `false` and its loop
/// stopping at the first breakpoint (schedule.rs), which give the anniversary instead.
#[test]
fn until_of_a_delete_walks_back_past_breakpoints_that_change_nothing() {
    let earlier = written("c1", d(2016, 1, 1));
    let later = written("c2", d(2020, 1, 1)).withdraw(d(2022, 1, 1)).unwrap();
    let r = record(Some(d(2016, 2, 1)), vec![earlier, later], vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 6, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2022, 1, 1))));
    assert_eq!(dec.rule(), Some(DisposalRule::ConsentWithdrawn));
    // Also with a hold that was placed and released while the record was already due.
    let h = hold("h1", HoldReason::Complaint, d(2023, 1, 1), Some(d(2023, 1, 1)));
    let r = r.with_hold(h).unwrap();
    assert_eq!(decide_retention(&r, &DEFAULT, d(2026, 6, 1)).until(), Some(d(2022, 1, 1)));
}

/// A hold placed and released on the decision day was never active: it is reported as
/// released, not as scheduled.
///
/// Kills `decide`'s `hold.placed_on() > as_of` to `>=` (decision.rs), which gives
/// `LegalHoldScheduled`.
#[test]
fn a_hold_placed_and_released_on_the_decision_day_is_released() {
    let r = record(
        Some(d(2025, 11, 30)),
        vec![],
        vec![hold("h1", HoldReason::PoliceCase, d(2026, 3, 1), Some(d(2026, 3, 1)))],
    );
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    assert_eq!((dec.action(), dec.until()), (Action::Delete, Some(d(2025, 11, 30))));
    assert_eq!(codes(&dec), ["contact_ended_without_consent", "legal_hold_released", "statistics_kept_anonymous"]);
}

/// During the grace days with a written consent in force, the consent keeps the record:
/// no `ContactGracePeriod` reason.
///
/// Kills `decide`'s `state.consent != StorageConsent::InForce` to `==` and the match guard
/// replaced by `true` (decision.rs).
#[test]
fn no_grace_reason_while_a_consent_is_in_force() {
    let r = record(Some(d(2025, 11, 30)), vec![written("c1", d(2025, 6, 1))], vec![]);
    let p = grace(30);
    let dec = decide_retention(&r, &p, d(2025, 12, 10));
    assert_eq!((dec.action(), dec.until()), (Action::Keep, Some(d(2035, 6, 1))));
    assert_eq!(codes(&dec), ["storage_consent_in_force"]);
    // Without the consent the grace is the reason.
    let r = record(Some(d(2025, 11, 30)), vec![], vec![]);
    assert_eq!(codes(&decide_retention(&r, &grace(30), d(2025, 12, 10))), ["contact_grace_period"]);
}

/// The contract's report reads back what was decided: record, action, `until`, the reasons
/// with their citations, and the certificate.
///
/// Kills `DecisionReport::until`, `::reasons` and `::certificate` replaced by constants
/// (decision.rs).
#[test]
fn report_accessors_give_what_was_decided() {
    let r = record(Some(d(2025, 11, 30)), vec![], vec![]);
    let dec = decide_retention(&r, &DEFAULT, d(2026, 3, 1));
    let report = dec.report(&r, &DEFAULT);
    assert_eq!((report.record(), report.action(), report.until()), (r.id(), Action::Delete, Some(d(2025, 11, 30))));
    assert_eq!(report.reasons(), dec.reasons().explain().as_slice());
    assert_eq!(report.reasons().len(), 2);
    let certificate = dec.certificate(&r, &DEFAULT);
    assert!(certificate.is_some());
    assert_eq!(report.certificate(), certificate.as_ref());
    assert_eq!(report.policy_version(), DEFAULT.version());
}

/// `until` and `certificate` are required in the output schema and admit null
/// (docs/contract.md: they are always present).
///
/// Kills `required_nullable_schema` replaced by the empty schema (decision.rs).
#[test]
fn report_schema_requires_until_and_certificate_and_admits_null() {
    let schema = serde_json::to_value(schemars::schema_for!(DecisionReport)).unwrap();
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert!(required.contains(&"until") && required.contains(&"certificate"));
    assert_eq!(schema["properties"]["until"]["type"], serde_json::json!(["string", "null"]));
    assert_eq!(schema["properties"]["until"]["format"], "date");
    let certificate = schema["properties"]["certificate"]["anyOf"].as_array().unwrap();
    assert_eq!(certificate.len(), 2);
    assert!(certificate.contains(&serde_json::json!({"type": "null"})));
}
