//! Properties of the register (issue 18): after a sweep on day D no record due on D remains,
//! no held record is deleted, certificates equal deletions; the stored disclosure log
//! replays to the same decisions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use krisesenter_consent::{Action, CaseRecord, RetentionPolicy, decide_retention};
use krisesenter_register::{DiscloseInput, OperationError, Register};
use krisesenter_testkit::{config, consent as kc, disclosure as kd};
use proptest::prelude::*;

/// The records stored in a new register under `policy`, as staff and the leader would.
fn store(dir: &TempDir, policy: &RetentionPolicy, records: &[CaseRecord]) -> Register {
    let mut register = Register::open(&dir.db(), policy.clone()).unwrap();
    for record in records {
        register.open_record(&staff(), record.id()).unwrap();
        register.end_contact(&staff(), record.id(), record.contact_ended_on()).unwrap();
        for consent in record.consents() {
            register.give_consent(&staff(), record.id(), consent).unwrap();
        }
        for hold in record.holds() {
            register.place_hold(&leader(), record.id(), hold).unwrap();
        }
        if record.statistics_opt_out() {
            register.opt_out_of_statistics(&staff(), record.id()).unwrap();
        }
    }
    register
}

proptest! {
    #![proptest_config(config(24))]

    #[test]
    fn a_sweep_deletes_exactly_the_records_due_and_certifies_each(
        records in kc::case_records(6),
        policy in kc::policy(),
        as_of in kc::window_date(),
    ) {
        let dir = TempDir::new("prop-sweep");
        let mut register = store(&dir, &policy, &records);
        // The register reads back exactly the records stored.
        for record in &records {
            let view = register.read_record(&leader(), record.id()).unwrap();
            prop_assert_eq!(view.consents().unwrap(), record.consents());
            prop_assert_eq!(view.holds().unwrap(), record.holds());
            prop_assert_eq!(view.contact_ended_on(), Some(record.contact_ended_on()));
        }
        let report = register.sweep(&leader(), as_of).unwrap();
        prop_assert!(report.checkpointed());
        let mut deleted = Vec::new();
        for record in &records {
            let decision = decide_retention(record, &policy, as_of);
            let now = register.read_record(&leader(), record.id());
            match decision.action() {
                Action::Delete => {
                    prop_assert!(matches!(now, Err(OperationError::UnknownRecord { .. })), "a record due remains");
                    deleted.push(decision.certificate(record, &policy).unwrap());
                }
                Action::Held => prop_assert!(now.is_ok(), "a held record was deleted"),
                _ => prop_assert!(now.is_ok(), "a record not due was deleted"),
            }
        }
        prop_assert_eq!(report.certificates(), deleted.as_slice());
        prop_assert_eq!(report.held(), records.iter().filter(|r| decide_retention(r, &policy, as_of).action() == Action::Held).count());
        let stored: Vec<_> = register.certificates(&leader()).unwrap().iter().map(|c| c.record().unwrap().clone()).collect();
        let expected: Vec<_> = deleted.iter().map(|c| c.record().clone()).collect();
        prop_assert_eq!(stored, expected);
        // A second sweep on the same day finds nothing more to delete.
        prop_assert!(register.sweep(&leader(), as_of).unwrap().certificates().is_empty());
        register.verify(&auditor()).unwrap();
    }

    #[test]
    fn the_stored_disclosure_log_replays_to_the_same_decisions(
        requests in prop::collection::vec(kd::disclose_input(), 1..4),
    ) {
        let dir = TempDir::new("prop-replay");
        let mut register = open(&dir.db());
        for (n, (input, as_of)) in requests.iter().enumerate() {
            let record = rid(&format!("r{n}"));
            register.open_record(&staff(), &record).unwrap();
            for consent in input.consents() {
                register.give_consent(&staff(), &record, consent).unwrap();
            }
            // The request as staff would make it, without consents: the register adds the ones it holds.
            let bare: DiscloseInput = input.clone().with_consents(Vec::new()).unwrap();
            let stored = register.disclose(&staff(), &record, &bare, *as_of).unwrap();
            let direct = krisesenter_disclosure::disclose(input, *as_of).unwrap();
            prop_assert_eq!(&stored, &direct);
        }
        let replay = register.replay_disclosures(&leader()).unwrap();
        prop_assert_eq!(replay.entries(), requests.len());
        prop_assert!(replay.differing().is_empty());
        for (entry, (input, as_of)) in register.disclosure_log(&leader(), None).unwrap().iter().zip(&requests) {
            prop_assert_eq!(entry.request(), Some(input));
            prop_assert_eq!(entry.decided_on(), *as_of);
            prop_assert_eq!(Some(entry.rule_version()), krisesenter_disclosure::rules::RULES.on(*as_of).map(|v| v.id()));
        }
    }
}

#[test]
fn the_disclosure_log_is_append_only_and_a_changed_decision_does_not_replay() {
    let dir = TempDir::new("append-only");
    let mut register = open(&dir.db());
    full_record(&mut register, &rid("r1"), "c1");
    drop(register);
    let conn = rusqlite::Connection::open(dir.db()).unwrap();
    assert!(conn.execute("UPDATE disclosures SET decision = '{}'", []).is_err());
    assert!(conn.execute("DELETE FROM disclosures", []).is_err());
    assert!(conn.execute("DELETE FROM certificates", []).is_ok(), "no certificates yet: nothing to refuse");
    // Someone with the file and SQL can still drop the trigger; the replay finds it.
    conn.execute_batch(
        "DROP TRIGGER disclosures_never_change;
         UPDATE disclosures SET decision = json_set(decision, '$.outcome', 'refuse');",
    )
    .unwrap();
    drop(conn);
    let mut register = open(&dir.db());
    let replay = register.replay_disclosures(&leader()).unwrap();
    assert_eq!(replay.differing(), &[1]);
}
