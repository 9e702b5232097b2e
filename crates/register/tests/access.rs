//! The access log and the permission table (issue 18): changing, deleting or swapping any
//! entry is found by `verify`; every role is refused every operation and field it lacks.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use common::*;
use krisesenter_register::{
    Field, HoldId, HoldReason, LegalHold, Operation, OperationError, Register, Role, VerifyError, may, sees,
};

/// A register with a few entries in its access log, closed (so the file holds everything).
fn logged(dir: &TempDir) -> i64 {
    let mut register = open(&dir.db());
    full_record(&mut register, &rid("r1"), "c1");
    register.read_record(&staff(), &rid("r1")).unwrap();
    let head = register.verify(&auditor()).unwrap();
    assert!(head.entries() >= 7);
    head.entries() + 1 // verify itself is logged
}

fn raw(dir: &TempDir) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.db()).unwrap()
}

fn verify(dir: &TempDir) -> Result<krisesenter_register::ChainHead, VerifyError> {
    open(&dir.db()).verify(&auditor())
}

#[test]
fn an_untouched_log_verifies_and_grows_by_one_entry_per_access() {
    let dir = TempDir::new("chain-ok");
    let entries = logged(&dir);
    let mut register = open(&dir.db());
    let first = register.verify(&auditor()).unwrap();
    // The head verify gives is the log before verify's own entry.
    assert_eq!(first.entries(), entries);
    let second = register.verify(&auditor()).unwrap();
    assert_eq!(second.entries(), first.entries() + 1);
    assert_ne!(first.hex(), second.hex());
    // The head names the last entry's hash, as stored.
    drop(register);
    let last: Vec<u8> =
        raw(&dir).query_row("SELECT hash FROM access_log ORDER BY position DESC LIMIT 1", [], |r| r.get(0)).unwrap();
    let mut register = open(&dir.db());
    let third = register.verify(&auditor()).unwrap();
    assert_eq!(third.hash().to_vec(), last);
    let hex: String = last.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(third.hex(), hex);
    let log = register.access_log(&auditor()).unwrap();
    let positions: Vec<i64> = log.iter().map(|e| e.position()).collect();
    assert_eq!(positions, (1..=third.entries() + 1).collect::<Vec<_>>());
    assert_eq!(log[0].operation(), Operation::OpenRecord);
    assert_eq!(log[0].record(), Some("r1"));
    assert_eq!(log[0].role(), Role::StaffOnDuty);
}

#[test]
fn changing_any_field_of_any_entry_is_found() {
    for column in ["at", "actor", "role", "operation", "record_id"] {
        let dir = TempDir::new("chain-change");
        let entries = logged(&dir);
        for position in 1..=entries {
            let conn = raw(&dir);
            conn.execute("SAVEPOINT t", []).unwrap();
            conn.execute(
                &format!("UPDATE access_log SET {column} = coalesce({column}, '') || 'x' WHERE position = ?1"),
                [position],
            )
            .unwrap();
            conn.execute("RELEASE t", []).unwrap();
            drop(conn);
            assert_eq!(verify(&dir), Err(VerifyError::Changed { position }), "{column} of {position}");
            // Undo, so the next position is tested alone.
            let conn = raw(&dir);
            conn.execute(
                &format!(
                    "UPDATE access_log SET {column} = substr({column}, 1, length({column}) - 1) WHERE position = ?1"
                ),
                [position],
            )
            .unwrap();
            if column == "record_id" {
                conn.execute("UPDATE access_log SET record_id = NULL WHERE record_id = ''", []).unwrap();
            }
            drop(conn);
            // The repaired log verifies again (and verify appends one entry each time).
            assert!(verify(&dir).is_ok(), "{column} of {position} restored");
        }
    }
}

#[test]
fn deleting_any_entry_is_found() {
    let dir = TempDir::new("chain-delete");
    let entries = logged(&dir);
    let pristine = std::fs::read(dir.db()).unwrap();
    for position in 1..=entries {
        std::fs::write(dir.db(), &pristine).unwrap();
        raw(&dir).execute("DELETE FROM access_log WHERE position = ?1", [position]).unwrap();
        let found = verify(&dir);
        if position == entries {
            assert_eq!(found, Err(VerifyError::Head), "the last entry");
        } else {
            assert_eq!(found, Err(VerifyError::Broken { position: position + 1 }), "entry {position}");
        }
    }
    // Cutting the end and rewriting the head to match is found too, unless the head was kept
    // elsewhere: the chain itself then ends consistently. Renumbering after a removal is not.
    std::fs::write(dir.db(), &pristine).unwrap();
    let conn = raw(&dir);
    conn.execute("DELETE FROM access_log WHERE position = 2", []).unwrap();
    conn.execute("UPDATE access_log SET position = position - 1 WHERE position > 2", []).unwrap();
    drop(conn);
    assert_eq!(verify(&dir), Err(VerifyError::Broken { position: 2 }));
}

#[test]
fn a_head_that_does_not_match_the_entries_is_found() {
    let dir = TempDir::new("chain-head");
    logged(&dir);
    let pristine = std::fs::read(dir.db()).unwrap();
    // The count alone, the hash alone, and both.
    for change in [
        "UPDATE access_head SET entries = entries + 1",
        "UPDATE access_head SET hash = zeroblob(32)",
        "UPDATE access_head SET entries = entries - 1, hash = zeroblob(32)",
    ] {
        std::fs::write(dir.db(), &pristine).unwrap();
        raw(&dir).execute(change, []).unwrap();
        assert_eq!(verify(&dir), Err(VerifyError::Head), "{change}");
    }
}

#[test]
fn swapping_any_two_neighbouring_entries_is_found() {
    let dir = TempDir::new("chain-swap");
    let entries = logged(&dir);
    let pristine = std::fs::read(dir.db()).unwrap();
    for position in 1..entries {
        std::fs::write(dir.db(), &pristine).unwrap();
        let conn = raw(&dir);
        // Swap whole rows (their hashes with them) by their positions.
        conn.execute_batch(&format!(
            "UPDATE access_log SET position = -1 WHERE position = {position};
             UPDATE access_log SET position = {position} WHERE position = {next};
             UPDATE access_log SET position = {next} WHERE position = -1;",
            next = position + 1
        ))
        .unwrap();
        drop(conn);
        assert!(
            matches!(verify(&dir), Err(VerifyError::Broken { position: p }) if p == position),
            "swap of {position} and {}",
            position + 1
        );
        // Swapping only the content (keeping each row's hashes) is a change.
        std::fs::write(dir.db(), &pristine).unwrap();
        let conn = raw(&dir);
        conn.execute_batch(&format!(
            "CREATE TEMP TABLE a AS SELECT at, actor, role, operation, record_id FROM access_log WHERE position = {position};
             UPDATE access_log SET (at, actor, role, operation, record_id) =
               (SELECT at, actor, role, operation, record_id FROM access_log WHERE position = {next}) WHERE position = {position};
             UPDATE access_log SET (at, actor, role, operation, record_id) = (SELECT * FROM a) WHERE position = {next};",
            next = position + 1
        ))
        .unwrap();
        let same: bool = conn
            .query_row(
                &format!(
                    "SELECT a.at = b.at AND a.actor = b.actor AND a.role = b.role AND a.operation = b.operation
                       AND a.record_id IS b.record_id
                     FROM access_log a, access_log b WHERE a.position = {position} AND b.position = {}",
                    position + 1
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        drop(conn);
        if !same {
            assert!(
                matches!(verify(&dir), Err(VerifyError::Changed { position: p }) if p == position),
                "content swap at {position}"
            );
        }
    }
}

/// Calls `operation` as `caller` on record r1 (hold h1, consent c1) of `register`.
fn attempt(register: &mut Register, operation: Operation, role: Role) -> Result<(), OperationError> {
    let caller = caller(role);
    let r1 = rid("r1");
    let day = d(2026, 3, 1);
    match operation {
        Operation::OpenRecord => register.open_record(&caller, &rid("new")),
        Operation::UpdateRecord => register.end_contact(&caller, &r1, Some(day)),
        Operation::ReadRecord => register.read_record(&caller, &r1).map(drop),
        Operation::GiveConsent => {
            let c =
                krisesenter_register::Consent::storage(cid("c-new"), day, krisesenter_register::ConsentForm::Written);
            register.give_consent(&caller, &r1, &c)
        }
        Operation::WithdrawConsent => register.withdraw_consent(&caller, &r1, &cid("c1"), day),
        Operation::PlaceHold => {
            let hold = LegalHold::new(HoldId::try_new("h-new").unwrap(), HoldReason::Complaint, day);
            register.place_hold(&caller, &r1, &hold)
        }
        Operation::ReleaseHold => register.release_hold(&caller, &r1, &HoldId::try_new("h1").unwrap(), day),
        Operation::AppendEvent => {
            let event = serde_json::from_value(serde_json::json!({
                "on": "2025-01-02",
                "event": {"type": "first_contact", "channel": "phone", "interpreter": false, "caller": "person"}
            }));
            match event {
                Ok(event) => register.append_event(&caller, &r1, &event),
                Err(e) => panic!("event: {e}"),
            }
        }
        Operation::ReadEvents => register.events(&caller, &r1).map(drop),
        Operation::RecordStatistics => register.record_contact(&caller, &r1, &contact(day)),
        Operation::Disclose => register.disclose(&caller, &r1, &nav_request(), day).map(drop),
        Operation::ReadDisclosureLog => register.disclosure_log(&caller, None).map(drop),
        Operation::Sweep => register.sweep(&caller, day).map(drop),
        Operation::ReadCertificates => register.certificates(&caller).map(drop),
        Operation::ReadStatistics => register.statistics(&caller, 2025, 10).map(drop),
        Operation::ReadAccessLog => register.access_log(&caller).map(drop),
    }
}

fn seeded(dir: &TempDir) -> Register {
    let mut register = open(&dir.db());
    full_record(&mut register, &rid("r1"), "c1");
    let hold = LegalHold::new(HoldId::try_new("h1").unwrap(), HoldReason::PoliceCase, d(2025, 12, 1));
    register.place_hold(&leader(), &rid("r1"), &hold).unwrap();
    register
}

#[test]
fn every_role_is_refused_every_operation_it_lacks_and_nothing_is_logged() {
    for role in Role::ALL {
        for operation in Operation::ALL {
            let dir = TempDir::new("roles");
            let mut register = seeded(&dir);
            let before = register.verify(&auditor()).unwrap().entries();
            let result = attempt(&mut register, *operation, *role);
            let after = register.verify(&auditor()).unwrap().entries();
            if may(*role, *operation) {
                assert_eq!(result, Ok(()), "{role} {operation} allowed");
                // One entry for the access, one for the auditor's verify.
                assert_eq!(after, before + 2, "{role} {operation}");
            } else {
                assert_eq!(result, Err(OperationError::Refused { operation: *operation, role: *role }));
                // Refused before anything was read: only the auditor's own verify was logged.
                assert_eq!(after, before + 1, "{role} {operation}");
            }
        }
    }
}

#[test]
fn every_role_sees_exactly_the_fields_the_table_gives_it() {
    let dir = TempDir::new("fields");
    let mut register = seeded(&dir);
    // A certificate to read: r2 is due, with nothing held.
    full_record(&mut register, &rid("r2"), "c2");
    register.sweep(&leader(), d(2026, 3, 1)).unwrap();
    for role in Role::ALL {
        let caller = caller(*role);
        if may(*role, Operation::ReadRecord) {
            let view = register.read_record(&caller, &rid("r1")).unwrap();
            assert_eq!(view.id().is_some(), sees(*role, Field::RecordId), "{role}");
            assert_eq!(view.contact_ended_on().is_some(), sees(*role, Field::ContactPeriod), "{role}");
            assert_eq!(view.consents().is_some(), sees(*role, Field::Consents), "{role}");
            assert_eq!(view.holds().is_some(), sees(*role, Field::Holds), "{role}");
            assert_eq!(view.policy_version().is_some(), sees(*role, Field::PolicyVersion), "{role}");
            assert_eq!(view.statistics_opt_out().is_some(), sees(*role, Field::StatisticsOptOut), "{role}");
            // Debug shows no value.
            assert!(!format!("{view:?}").contains("r1"), "{role}: {view:?}");
        }
        if may(*role, Operation::ReadCertificates) {
            for c in register.certificates(&caller).unwrap() {
                assert_eq!(c.record().is_some(), sees(*role, Field::RecordId), "{role}");
                assert_eq!(c.rule().is_some(), sees(*role, Field::Certificates), "{role}");
                assert_eq!(c.statistics().is_some(), sees(*role, Field::Certificates), "{role}");
            }
        }
        if may(*role, Operation::ReadDisclosureLog) {
            for entry in register.disclosure_log(&caller, None).unwrap() {
                assert_eq!(entry.record().is_some(), sees(*role, Field::RecordId), "{role}");
                assert_eq!(entry.request().is_some(), sees(*role, Field::Disclosures), "{role}");
                assert_eq!(entry.decision().is_some(), sees(*role, Field::Disclosures), "{role}");
            }
        }
        if may(*role, Operation::ReadAccessLog) {
            let log = register.access_log(&caller).unwrap();
            assert_eq!(log.iter().any(|e| e.record().is_some()), sees(*role, Field::RecordId), "{role}");
        }
        if may(*role, Operation::ReadStatistics) {
            // An aggregate holds no id at all.
            let json = serde_json::to_string(&register.statistics(&caller, 2025, 10).unwrap()).unwrap();
            assert!(!json.contains("r1") && !json.contains("stay-"), "{role}: {json}");
        }
    }
    // The statistics officer never sees an id, anywhere.
    assert!(Field::ALL.iter().all(|f| *f != Field::RecordId || !sees(Role::StatisticsOfficer, *f)));
}

#[test]
fn errors_name_the_operation_and_never_a_value() {
    let dir = TempDir::new("messages");
    let mut register = seeded(&dir);
    let marker = "MARKER-ID-3c9e";
    let consent =
        krisesenter_register::Consent::storage(cid(marker), d(2026, 1, 1), krisesenter_register::ConsentForm::Written);
    register.give_consent(&staff(), &rid("r1"), &consent).unwrap();
    let errors = [
        register.give_consent(&staff(), &rid("r1"), &consent).unwrap_err(),
        register.give_consent(&staff(), &rid(marker), &consent).unwrap_err(),
        register.withdraw_consent(&staff(), &rid("r1"), &cid(marker), d(2025, 1, 1)).unwrap_err(),
        register.withdraw_consent(&staff(), &rid("r1"), &cid("MARKER-none"), d(2026, 2, 1)).unwrap_err(),
        register.read_record(&caller(Role::StatisticsOfficer), &rid(marker)).unwrap_err(),
    ];
    let kinds: Vec<_> = errors.iter().map(std::mem::discriminant).collect();
    assert_eq!(errors[0], OperationError::Duplicate { operation: Operation::GiveConsent });
    assert_eq!(errors[1], OperationError::UnknownRecord { operation: Operation::GiveConsent });
    assert_eq!(errors[2], OperationError::Rejected { operation: Operation::WithdrawConsent, index: None });
    assert_eq!(errors[3], OperationError::UnknownItem { operation: Operation::WithdrawConsent });
    assert_eq!(kinds.len(), 5);
    for error in &errors {
        let text = format!("{error} {error:?}");
        assert!(!text.contains("MARKER") && !text.contains("2025-01-01"), "{text}");
        assert_eq!(error.to_string(), error.to_string().to_lowercase());
    }
}
