//! Shared helpers of the register's tests: a temporary directory removed on drop, callers of
//! every role, days and a record with everything that refers to it.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{NaiveDate, TimeZone, Utc};
use krisesenter_register::{
    ActorId, Caller, Consent, ConsentForm, ConsentId, DayContact, DiscloseInput, RecordId, Register, RetentionPolicy,
    Role, Stay,
};

/// A directory of its own under the system's temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> Self {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("krisesenter-register-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub fn db(&self) -> PathBuf {
        self.0.join("shelter.db")
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn caller(role: Role) -> Caller {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).single().unwrap();
    let actor = match role {
        Role::StaffOnDuty => "staff-7",
        Role::Leader => "leader-1",
        Role::StatisticsOfficer => "stat-1",
        Role::Auditor => "audit-1",
    };
    Caller::new(ActorId::try_new(actor).unwrap(), role, at)
}

pub fn staff() -> Caller {
    caller(Role::StaffOnDuty)
}

pub fn leader() -> Caller {
    caller(Role::Leader)
}

pub fn auditor() -> Caller {
    caller(Role::Auditor)
}

pub fn open(path: &Path) -> Register {
    Register::open(path, RetentionPolicy::default()).unwrap()
}

pub fn rid(s: &str) -> RecordId {
    RecordId::try_new(s).unwrap()
}

pub fn cid(s: &str) -> ConsentId {
    ConsentId::try_new(s).unwrap()
}

/// A stay in `year` as a statistical record.
pub fn stay(id: &str, year: i32) -> Stay {
    serde_json::from_value(serde_json::json!({
        "id": id,
        "person": {"kind": "adult", "gender": "female", "age": 34, "municipality": "3205"},
        "check_in": format!("{year}-02-01"),
        "check_out": format!("{year}-02-20"),
        "first_stay_this_year": true,
        "violence_types": ["physical"],
        "relation": "former_partner",
        "after_stay": "new_home",
        "previous_stays": 0,
    }))
    .unwrap()
}

pub fn contact(on: NaiveDate) -> DayContact {
    serde_json::from_value(serde_json::json!({"date": on.to_string(), "mode": "phone", "interpreter": false})).unwrap()
}

/// Nav asks for contact details.
pub fn nav_request() -> DiscloseInput {
    use krisesenter_core::{Information, Party};
    DiscloseInput::new(Party::Nav, krisesenter_disclosure::Initiative::Request, [Information::ContactDetails])
}

/// A record whose contact ended on 2025-12-31 with everything that can refer to it: a
/// sharing consent with id `consent` (the marker), a stay and a contact in 2025, and a logged
/// disclosure. With no storage consent it is due from 2026-01-01.
pub fn full_record(register: &mut Register, record: &RecordId, consent: &str) {
    let staff = staff();
    register.open_record(&staff, record).unwrap();
    register.end_contact(&staff, record, Some(d(2025, 12, 31))).unwrap();
    let sharing = Consent::sharing(
        cid(consent),
        [krisesenter_core::Party::Nav],
        [krisesenter_core::Information::ContactDetails],
        d(2025, 6, 1),
        ConsentForm::Written,
    )
    .unwrap();
    register.give_consent(&staff, record, &sharing).unwrap();
    register.record_stay(&staff, record, &stay(&format!("stay-{}", record.as_str()), 2025)).unwrap();
    register.record_contact(&staff, record, &contact(d(2025, 5, 2))).unwrap();
    register.disclose(&staff, record, &nav_request(), d(2025, 7, 1)).unwrap();
}

/// Whether `needle` occurs in the bytes of the file at `path` (a missing file holds nothing).
pub fn file_contains(path: &Path, needle: &[u8]) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => bytes.windows(needle.len()).any(|w| w == needle),
        Err(_) => false,
    }
}

pub fn wal(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}
