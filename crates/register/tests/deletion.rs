//! Deletion for real (issue 18): after a sweep, a marker planted in a deleted record is in
//! neither the database file nor its WAL, read as bytes; a held record is still there.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use krisesenter_register::{HoldId, HoldReason, LegalHold, OperationError};

#[test]
fn a_swept_record_is_gone_from_the_file_and_the_wal_and_a_held_record_stays() {
    let dir = TempDir::new("deletion");
    let db = dir.db();
    let gone_marker = "MARKER-GONE-5f1c2a9e";
    let held_marker = "MARKER-HELD-0b7d44c3";
    let (gone, held, kept) = (rid("r-gone"), rid("r-held"), rid("r-kept"));
    {
        let mut register = open(&db);
        full_record(&mut register, &gone, gone_marker);
        full_record(&mut register, &held, held_marker);
        // Both are due from 2026-01-01; the second is under a police hold.
        let hold = LegalHold::new(HoldId::try_new("h1").unwrap(), HoldReason::PoliceCase, d(2025, 12, 1));
        register.place_hold(&leader(), &held, &hold).unwrap();
        // An ongoing contact is kept.
        register.open_record(&staff(), &kept).unwrap();
    }
    // Closing the last connection checkpointed the WAL: the marker is in the database file.
    assert!(file_contains(&db, gone_marker.as_bytes()), "the marker was written to the file");

    let mut register = open(&db);
    // More writes after reopening, so the WAL holds pages of the records too.
    register.end_contact(&staff(), &gone, Some(d(2025, 12, 31))).unwrap();
    register.read_record(&staff(), &gone).unwrap();
    assert!(
        file_contains(&db, gone_marker.as_bytes()) || file_contains(&wal(&db), gone_marker.as_bytes()),
        "the marker is on disk before the sweep"
    );

    let report = register.sweep(&leader(), d(2026, 3, 1)).unwrap();
    assert!(report.checkpointed());
    assert_eq!(report.held(), 1);
    assert_eq!(report.certificates().len(), 1);
    assert_eq!(report.certificates()[0].record(), &gone);

    // Read the bytes while the register is still open (its WAL in use) and after it closed.
    for stage in ["open", "closed"] {
        assert!(!file_contains(&db, gone_marker.as_bytes()), "{stage}: marker in the database file");
        assert!(!file_contains(&wal(&db), gone_marker.as_bytes()), "{stage}: marker in the WAL");
        assert!(
            file_contains(&db, held_marker.as_bytes()) || file_contains(&wal(&db), held_marker.as_bytes()),
            "{stage}: the held record's consent is on disk"
        );
        if stage == "open" {
            let wal_len = std::fs::metadata(wal(&db)).map(|m| m.len()).unwrap_or(0);
            assert_eq!(wal_len, 0, "the WAL was truncated");
            drop(std::mem::replace(&mut register, open(&db)));
        }
    }

    // Through the API: the deleted record is unknown, the held one whole, the certificate kept.
    assert!(matches!(register.read_record(&staff(), &gone), Err(OperationError::UnknownRecord { .. })));
    let view = register.read_record(&staff(), &held).unwrap();
    assert_eq!(view.consents().unwrap()[0].id().as_str(), held_marker);
    assert_eq!(register.disclosure_log(&staff(), Some(&held)).unwrap().len(), 1);
    assert!(register.disclosure_log(&staff(), Some(&gone)).unwrap().is_empty());
    assert_eq!(register.certificates(&leader()).unwrap().len(), 1);

    // Deleted people stay counted: 2025's statistics still hold both stays and both contacts.
    let year = register.statistics(&leader(), 2025, 10).unwrap().report();
    let json = serde_json::to_value(&year).unwrap();
    assert_eq!(json["stays"]["total"], 2, "{json}");
}

#[test]
fn releasing_the_hold_lets_the_next_sweep_delete_it() {
    let dir = TempDir::new("release");
    let db = dir.db();
    let marker = "MARKER-RELEASED-91aa";
    let record = rid("r1");
    let mut register = open(&db);
    full_record(&mut register, &record, marker);
    let hold = LegalHold::new(HoldId::try_new("h1").unwrap(), HoldReason::CourtCase, d(2025, 12, 1));
    register.place_hold(&leader(), &record, &hold).unwrap();
    assert!(register.sweep(&leader(), d(2026, 3, 1)).unwrap().certificates().is_empty());
    register.release_hold(&leader(), &record, hold.id(), d(2026, 4, 1)).unwrap();
    let report = register.sweep(&leader(), d(2026, 4, 2)).unwrap();
    assert_eq!(report.certificates().len(), 1);
    drop(register);
    assert!(!file_contains(&db, marker.as_bytes()));
    assert!(!file_contains(&wal(&db), marker.as_bytes()));
}
