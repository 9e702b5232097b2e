//! The register under a bounded load (issue 18): 100,000 case records written through the
//! public API, one transaction per operation as a shelter's staff would (open, a first
//! contact, a stay's statistical record, a storage consent for half, the contact's end),
//! spread over a year, then the retention sweep one day after the year. Prints the write
//! and sweep times and the file's size; docs/performance.md records a run.
//!
//! `cargo bench -p krisesenter-register --bench load` (100,000 records), or
//! `cargo bench -p krisesenter-register --bench load -- 2000` for a smaller load.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout, clippy::indexing_slicing, missing_docs)]

use std::time::Instant;

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use krisesenter_register::{
    ActorId, Caller, CaseEvent, Consent, ConsentForm, ConsentId, RecordId, Register, RetentionPolicy, Role, Stay,
};

fn main() {
    let records: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("krisesenter-register-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("shelter.db");
    let mut register = Register::open(&db, RetentionPolicy::default()).unwrap();
    let at = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).single().unwrap();
    let staff = Caller::new(ActorId::try_new("staff-1").unwrap(), Role::StaffOnDuty, at);
    let leader = Caller::new(ActorId::try_new("leader-1").unwrap(), Role::Leader, at);
    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();

    let mut operations = 0_u64;
    let mut slowest = std::time::Duration::ZERO;
    let start = Instant::now();
    for n in 0..records {
        // Spread over the year: record n begins on day n * 365 / records.
        let day = first + Duration::days(i64::try_from(n * 365 / records).unwrap());
        let record = RecordId::try_new(format!("r{n}")).unwrap();
        let event: CaseEvent = serde_json::from_value(serde_json::json!({
            "on": day.to_string(),
            "event": {"type": "first_contact", "channel": "phone", "interpreter": false, "caller": "person"}
        }))
        .unwrap();
        let out = (day + Duration::days(7)).min(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
        let stay: Stay = serde_json::from_value(serde_json::json!({
            "id": format!("s{n}"),
            "person": {"kind": "adult", "gender": "female", "age": 20 + n % 50, "municipality": "3205"},
            "check_in": day.to_string(),
            "check_out": out.to_string(),
            "first_stay_this_year": true,
            "violence_types": ["physical"],
            "relation": "former_partner",
            "after_stay": "new_home",
            "previous_stays": 0,
        }))
        .unwrap();
        let t = Instant::now();
        register.open_record(&staff, &record).unwrap();
        register.append_event(&staff, &record, &event).unwrap();
        register.record_stay(&staff, &record, &stay).unwrap();
        operations += 4;
        if n % 2 == 0 {
            let consent = Consent::storage(ConsentId::try_new("c1").unwrap(), day, ConsentForm::Written);
            register.give_consent(&staff, &record, &consent).unwrap();
            operations += 1;
        }
        register.end_contact(&staff, &record, Some(out)).unwrap();
        slowest = slowest.max(t.elapsed());
    }
    let written = start.elapsed();
    let size_before = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);

    let sweep_day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let t = Instant::now();
    let report = register.sweep(&leader, sweep_day).unwrap();
    let swept = t.elapsed();
    let size_after = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
    let t = Instant::now();
    let year = register.statistics(&leader, sweep_day.year() - 1, 62).unwrap().report();
    let counted = t.elapsed();
    let stays = serde_json::to_value(&year).unwrap()["stays"]["total"].clone();

    println!("records                 {records}");
    println!("operations written      {operations} (one transaction each)");
    println!(
        "write time              {:.1} s ({:.0} operations/s, {:.2} ms per operation, slowest record {:.1} ms)",
        written.as_secs_f64(),
        operations as f64 / written.as_secs_f64(),
        written.as_secs_f64() * 1000.0 / operations as f64,
        slowest.as_secs_f64() * 1000.0
    );
    println!(
        "sweep on {sweep_day}      {:.1} s: {} decided, {} deleted with certificates, WAL truncated: {}",
        swept.as_secs_f64(),
        report.decided(),
        report.certificates().len(),
        report.checkpointed()
    );
    println!("2025 statistics         {:.1} s, {stays} stays counted (deleted ones too)", counted.as_secs_f64());
    println!("file size               {size_before} bytes before the sweep, {size_after} after");
    drop(register);
    let _ = std::fs::remove_dir_all(&dir);
}
