//! `--db FILE`: the year's case records written to a new register (`krisesenter-register`,
//! one SQLite file) and swept there on the last day of the year, so that the deletion
//! happens in a file, with its certificates, and not only in memory.

use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use krisesenter::consent::{CaseRecord, RetentionPolicy};
use krisesenter_register::{ActorId, Caller, Register, Role};

use crate::BoxError;

/// What the sweep in the file did.
pub(crate) struct Swept {
    pub(crate) records: usize,
    pub(crate) deleted: usize,
    pub(crate) held: usize,
    pub(crate) checkpointed: bool,
    pub(crate) bytes: u64,
}

/// Writes `records` to a new register at `path` as staff and the leader would (one
/// transaction per operation), then sweeps it on `day` by `policy`.
pub(crate) fn write_and_sweep(
    path: &Path,
    records: &[CaseRecord],
    policy: &RetentionPolicy,
    day: NaiveDate,
) -> Result<Swept, BoxError> {
    if path.exists() {
        return Err(format!("{} exists already: --db writes a new register", path.display()).into());
    }
    let mut register = Register::open(path, policy.clone())?;
    // The shell supplies the time: the evening of the sweep's day, so the file is the same for
    // the same seed.
    let at = Utc.from_utc_datetime(&day.and_hms_opt(23, 0, 0).ok_or("time")?);
    let staff = Caller::new(ActorId::try_new("romerike-year-staff")?, Role::StaffOnDuty, at);
    let leader = Caller::new(ActorId::try_new("romerike-year-leader")?, Role::Leader, at);
    for record in records {
        register.open_record(&staff, record.id())?;
        register.end_contact(&staff, record.id(), record.contact_ended_on())?;
        for consent in record.consents() {
            register.give_consent(&staff, record.id(), consent)?;
        }
        for hold in record.holds() {
            register.place_hold(&leader, record.id(), hold)?;
        }
        if record.statistics_opt_out() {
            register.opt_out_of_statistics(&staff, record.id())?;
        }
    }
    let report = register.sweep(&leader, day)?;
    drop(register);
    Ok(Swept {
        records: records.len(),
        deleted: report.certificates().len(),
        held: report.held(),
        checkpointed: report.checkpointed(),
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
    })
}
