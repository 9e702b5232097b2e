//! The register: one SQLite file per shelter, every operation one transaction that also
//! appends to the access log.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use chrono::{Datelike, NaiveDate};
use krisesenter_casework::{Case, CaseEvent};
use krisesenter_consent::{
    Action, CaseRecord, Consent, DisposalCertificate, DisposalRule, HoldId, LegalHold, PolicyVersion, RecordId,
    RetentionPolicy, StatisticalFact,
};
use krisesenter_core::ConsentId;
use krisesenter_disclosure::{DiscloseInput, Disclosure, Outcome};
use krisesenter_stats::{Aggregate, DayContact, Period, Stay};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior, params};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::access::{Caller, Field, Operation, may};
use crate::chain::{self, AccessEntry, ChainHead};
use crate::error::{OpenError, OperationError, VerifyError, code};
use crate::schema;

/// How long an operation waits for another connection's write to finish before it fails with
/// [`OperationError::Storage`] (SQLite's busy timeout).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// A shelter's register: case records with their consents, holds, casework events and
/// statistical records, the disclosure log, the disposal certificates, the statistics kept
/// of deleted records and the access log, in one SQLite file (WAL, foreign keys,
/// `secure_delete`, synchronous FULL).
///
/// Every operation takes a [`Caller`] (who, which role, when) and is one transaction that
/// also appends the access log's entry; a role the permission table does not allow is
/// refused before anything is read. Days and times are arguments: the register reads no
/// clock. Several `Register`s may open the same file (one per thread or process): writes
/// queue behind SQLite's lock for up to [`BUSY_TIMEOUT`].
pub struct Register {
    conn: Connection,
    policy: RetentionPolicy,
    fault: Fault,
}

/// A fault point for tests of crash safety: abort the process the `skip + 1`-th time the
/// operation reaches `point`.
#[derive(Default)]
struct Fault {
    point: Option<String>,
    skip: std::cell::Cell<u32>,
}

impl Fault {
    fn set(&self) -> bool {
        self.point.is_some()
    }

    /// Aborts the process when `point` is the fault point and its turn has come.
    fn at(&self, point: &str) {
        if self.point.as_deref() == Some(point) {
            match self.skip.get() {
                0 => std::process::abort(),
                n => self.skip.set(n - 1),
            }
        }
    }
}

impl std::fmt::Debug for Register {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Register").field("policy", &self.policy.version()).finish_non_exhaustive()
    }
}

/// A case record as a caller may see it: each field `None` when the caller's role does not
/// see it. `Debug` shows which fields are present, not their values.
#[derive(Clone, PartialEq, Eq)]
pub struct RecordView {
    id: Option<RecordId>,
    contact_ended_on: Option<Option<NaiveDate>>,
    consents: Option<Vec<Consent>>,
    holds: Option<Vec<LegalHold>>,
    policy_version: Option<PolicyVersion>,
    statistics_opt_out: Option<bool>,
}

impl std::fmt::Debug for RecordView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordView")
            .field("id", &self.id.as_ref().map(|_| "<redacted>"))
            .field("contact_ended_on", &self.contact_ended_on.map(|_| "<redacted>"))
            .field("consents", &self.consents.as_ref().map(Vec::len))
            .field("holds", &self.holds.as_ref().map(Vec::len))
            .field("policy_version", &self.policy_version)
            .finish_non_exhaustive()
    }
}

impl RecordView {
    /// The record's id.
    pub fn id(&self) -> Option<&RecordId> {
        self.id.as_ref()
    }
    /// The last day of the contact (`Some(None)` while it is ongoing).
    pub fn contact_ended_on(&self) -> Option<Option<NaiveDate>> {
        self.contact_ended_on
    }
    /// The consents, in the order they were given.
    pub fn consents(&self) -> Option<&[Consent]> {
        self.consents.as_deref()
    }
    /// The legal holds, in the order they were placed.
    pub fn holds(&self) -> Option<&[LegalHold]> {
        self.holds.as_deref()
    }
    /// The retention policy version the record was opened under.
    pub fn policy_version(&self) -> Option<&PolicyVersion> {
        self.policy_version.as_ref()
    }
    /// Whether the user opted out of statistics.
    pub fn statistics_opt_out(&self) -> Option<bool> {
        self.statistics_opt_out
    }
}

/// One entry of the disclosure log as a caller may see it. `Debug` shows the day, the rule
/// version and the outcome only.
#[derive(Clone, PartialEq)]
pub struct LoggedDisclosure {
    position: i64,
    record: Option<RecordId>,
    decided_on: NaiveDate,
    rule_version: String,
    outcome: Option<Outcome>,
    request: Option<DiscloseInput>,
    decision: Option<serde_json::Value>,
}

impl std::fmt::Debug for LoggedDisclosure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoggedDisclosure")
            .field("position", &self.position)
            .field("decided_on", &self.decided_on)
            .field("rule_version", &self.rule_version)
            .field("outcome", &self.outcome)
            .finish_non_exhaustive()
    }
}

impl LoggedDisclosure {
    /// Its position in the log.
    pub fn position(&self) -> i64 {
        self.position
    }
    /// The record it concerned.
    pub fn record(&self) -> Option<&RecordId> {
        self.record.as_ref()
    }
    /// The day of the decision.
    pub fn decided_on(&self) -> NaiveDate {
        self.decided_on
    }
    /// The version of the disclosure rules it followed (`krisesenter_disclosure::rules::RULES`).
    pub fn rule_version(&self) -> &str {
        &self.rule_version
    }
    /// The outcome.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }
    /// The request, with the consents stored on the day of the decision.
    pub fn request(&self) -> Option<&DiscloseInput> {
        self.request.as_ref()
    }
    /// The decision as the contract serialises it.
    pub fn decision(&self) -> Option<&serde_json::Value> {
        self.decision.as_ref()
    }
}

/// A disposal certificate as a caller may see it: the record's id only for a role that sees
/// ids, the rest only for a role that sees certificates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateView {
    record: Option<RecordId>,
    swept_on: NaiveDate,
    rule: Option<DisposalRule>,
    policy_version: Option<PolicyVersion>,
    statistics: Option<Vec<StatisticalFact>>,
}

impl CertificateView {
    /// The record deleted.
    pub fn record(&self) -> Option<&RecordId> {
        self.record.as_ref()
    }
    /// The day of the sweep that deleted it.
    pub fn swept_on(&self) -> NaiveDate {
        self.swept_on
    }
    /// The rule that made it due.
    pub fn rule(&self) -> Option<DisposalRule> {
        self.rule
    }
    /// The policy version applied.
    pub fn policy_version(&self) -> Option<&PolicyVersion> {
        self.policy_version.as_ref()
    }
    /// The anonymous statistics the record stays counted in.
    pub fn statistics(&self) -> Option<&[StatisticalFact]> {
        self.statistics.as_deref()
    }
}

/// What a sweep did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SweepReport {
    as_of: NaiveDate,
    decided: usize,
    held: usize,
    certificates: Vec<DisposalCertificate>,
    checkpointed: bool,
}

impl SweepReport {
    /// The day of the sweep.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// How many records were decided.
    pub fn decided(&self) -> usize {
        self.decided
    }
    /// How many records a legal hold kept although due.
    pub fn held(&self) -> usize {
        self.held
    }
    /// One certificate per record deleted.
    pub fn certificates(&self) -> &[DisposalCertificate] {
        &self.certificates
    }
    /// Whether the WAL was checkpointed and truncated after the deletion (false when another
    /// connection was still reading an older snapshot; the next sweep or close finishes it).
    pub fn checkpointed(&self) -> bool {
        self.checkpointed
    }
}

/// The disclosure log replayed: each entry decided again from its stored request on its day
/// by the disclosure crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replay {
    entries: usize,
    differing: Vec<i64>,
}

impl Replay {
    /// How many entries were replayed.
    pub fn entries(&self) -> usize {
        self.entries
    }
    /// The positions of the entries whose decision came out different.
    pub fn differing(&self) -> &[i64] {
        &self.differing
    }
}

fn storage(operation: Operation) -> impl Fn(rusqlite::Error) -> OperationError {
    move |e| OperationError::Storage { operation, code: code(&e) }
}

fn json<T: Serialize>(operation: Operation, table: &'static str, value: &T) -> Result<String, OperationError> {
    serde_json::to_string(value).map_err(|_| OperationError::Corrupt { operation, table })
}

fn parse<T: DeserializeOwned>(operation: Operation, table: &'static str, text: &str) -> Result<T, OperationError> {
    serde_json::from_str(text).map_err(|_| OperationError::Corrupt { operation, table })
}

fn day(operation: Operation, table: &'static str, text: &str) -> Result<NaiveDate, OperationError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| OperationError::Corrupt { operation, table })
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation)
}

fn exists(tx: &Transaction<'_>, operation: Operation, record: &RecordId) -> Result<(), OperationError> {
    let found = tx
        .query_row("SELECT 1 FROM records WHERE id = ?1", [record.as_str()], |_| Ok(()))
        .optional()
        .map_err(storage(operation))?;
    found.ok_or(OperationError::UnknownRecord { operation })
}

fn bodies<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    operation: Operation,
    table: &'static str,
    sql: &str,
    record: &str,
) -> Result<Vec<T>, OperationError> {
    let mut stmt = tx.prepare_cached(sql).map_err(storage(operation))?;
    let texts = stmt
        .query_map([record], |r| r.get::<_, String>(0))
        .map_err(storage(operation))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(storage(operation))?;
    texts.iter().map(|t| parse(operation, table, t)).collect()
}

const CONSENTS: &str = "SELECT body FROM consents WHERE record_id = ?1 ORDER BY rowid";
const HOLDS: &str = "SELECT body FROM holds WHERE record_id = ?1 ORDER BY rowid";
const EVENTS: &str = "SELECT body FROM events WHERE record_id = ?1 ORDER BY position";
const STAYS: &str = "SELECT body FROM stays WHERE record_id = ?1 ORDER BY rowid";
const CONTACTS: &str = "SELECT body FROM contacts WHERE record_id = ?1 ORDER BY position";

/// Reads one record whole, as the consent crate's `CaseRecord`.
fn load(
    tx: &Transaction<'_>,
    operation: Operation,
    record: &RecordId,
) -> Result<(CaseRecord, PolicyVersion), OperationError> {
    let row: Option<(Option<String>, bool, String)> = tx
        .query_row(
            "SELECT contact_ended_on, statistics_opt_out, policy_version FROM records WHERE id = ?1",
            [record.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(storage(operation))?;
    let (ended, opt_out, version) = row.ok_or(OperationError::UnknownRecord { operation })?;
    let ended = ended.map(|t| day(operation, "records", &t)).transpose()?;
    let version =
        PolicyVersion::try_new(version).map_err(|_| OperationError::Corrupt { operation, table: "records" })?;
    let consents = bodies(tx, operation, "consents", CONSENTS, record.as_str())?;
    let holds = bodies(tx, operation, "holds", HOLDS, record.as_str())?;
    let case = CaseRecord::try_new(record.clone(), ended, consents, holds)
        .map_err(|_| OperationError::Corrupt { operation, table: "records" })?
        .with_statistics_opt_out(opt_out);
    Ok((case, version))
}

impl Register {
    /// Opens (or creates) the register in `path`, migrates it to the current schema and sets
    /// WAL, foreign keys, `secure_delete`, synchronous FULL and the busy timeout. `policy` is
    /// the shelter's retention policy: records opened from now on are stamped with its
    /// version, and sweeps decide by it.
    ///
    /// # Errors
    ///
    /// [`OpenError::Storage`] when SQLite cannot open or configure the file,
    /// [`OpenError::Migration`] when a migration step fails, [`OpenError::NewerSchema`] when
    /// the file is newer than this code.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::{NaiveDate, TimeZone, Utc};
    /// use krisesenter_register::{ActorId, Caller, Operation, OperationError, RecordId, Register, RetentionPolicy, Role};
    ///
    /// let dir = std::env::temp_dir().join(format!("register-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("shelter.db");
    /// let mut register = Register::open(&path, RetentionPolicy::default())?;
    /// let at = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).single().ok_or("time")?;
    /// let staff = Caller::new(ActorId::try_new("staff-7")?, Role::StaffOnDuty, at);
    /// let record = RecordId::try_new("r1")?;
    /// register.open_record(&staff, &record)?;
    /// assert_eq!(register.read_record(&staff, &record)?.consents().map(<[_]>::len), Some(0));
    ///
    /// // The statistics officer never reads a record.
    /// let officer = Caller::new(ActorId::try_new("stat-1")?, Role::StatisticsOfficer, at);
    /// assert!(matches!(register.read_record(&officer, &record), Err(OperationError::Refused { .. })));
    /// # drop(register);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open(path: &Path, policy: RetentionPolicy) -> Result<Self, OpenError> {
        let conn = Connection::open(path).map_err(|e| OpenError::Storage { code: code(&e) })?;
        Self::configure(conn, policy)
    }

    /// Opens (or creates) an encrypted register (SQLCipher): the key is the first line of
    /// the file at `key_file`, never an argument or an environment variable. Otherwise as
    /// [`Register::open`].
    ///
    /// # Errors
    ///
    /// [`OpenError::KeyFile`] when the key file cannot be read or its first line is empty,
    /// [`OpenError::WrongKey`] when the key does not open the file, and those of
    /// [`Register::open`].
    #[cfg(feature = "encryption")]
    pub fn open_encrypted(path: &Path, key_file: &Path, policy: RetentionPolicy) -> Result<Self, OpenError> {
        let key = crate::key::read_key(key_file)?;
        let conn = Connection::open(path).map_err(|e| OpenError::Storage { code: code(&e) })?;
        conn.pragma_update(None, "key", &key).map_err(|_| OpenError::WrongKey)?;
        drop(key);
        // The first read fails when the key is wrong.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .map_err(|_| OpenError::WrongKey)?;
        Self::configure(conn, policy)
    }

    fn configure(mut conn: Connection, policy: RetentionPolicy) -> Result<Self, OpenError> {
        let fail = |e: rusqlite::Error| OpenError::Storage { code: code(&e) };
        conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
        let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0)).map_err(fail)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(OpenError::Storage { code: crate::error::SqliteCode(None) });
        }
        conn.pragma_update(None, "foreign_keys", "ON").map_err(fail)?;
        conn.pragma_update(None, "secure_delete", "ON").map_err(fail)?;
        conn.pragma_update(None, "synchronous", "FULL").map_err(fail)?;
        schema::migrate(&mut conn)?;
        Ok(Self { conn, policy, fault: Fault::default() })
    }

    /// Makes the process abort the `skip + 1`-th time an operation reaches `point` (tests of
    /// crash safety only).
    #[doc(hidden)]
    pub fn abort_at(&mut self, point: &str, skip: u32) {
        self.fault = Fault { point: Some(point.to_owned()), skip: std::cell::Cell::new(skip) };
    }

    /// The retention policy the register sweeps by.
    pub fn policy(&self) -> &RetentionPolicy {
        &self.policy
    }

    /// Runs `body` in one immediate transaction after checking the caller's role, appends the
    /// access log's entry and commits.
    fn run<T>(
        &mut self,
        caller: &Caller,
        operation: Operation,
        record: Option<&RecordId>,
        body: impl FnOnce(&Transaction<'_>, &Fault, &RetentionPolicy) -> Result<T, OperationError>,
    ) -> Result<T, OperationError> {
        if !may(caller.role(), operation) {
            return Err(OperationError::Refused { operation, role: caller.role() });
        }
        let Self { conn, policy, fault: set } = self;
        let set = &*set;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(storage(operation))?;
        let out = body(&tx, set, policy)?;
        chain::append(&tx, caller, operation, record.map(RecordId::as_str)).map_err(storage(operation))?;
        if set.set() {
            set.at(&format!("{}.before_commit", operation.as_str()));
        }
        tx.commit().map_err(storage(operation))?;
        if set.set() {
            set.at(&format!("{}.after_commit", operation.as_str()));
        }
        Ok(out)
    }

    /// Opens a new case record under the register's policy: contact ongoing, no consents, no
    /// holds.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`] for a role that may not, [`OperationError::Duplicate`] when
    /// the id is in use, [`OperationError::Storage`] when SQLite fails.
    pub fn open_record(&mut self, caller: &Caller, record: &RecordId) -> Result<(), OperationError> {
        let operation = Operation::OpenRecord;
        self.run(caller, operation, Some(record), |tx, _, policy| {
            tx.execute(
                "INSERT INTO records (id, contact_ended_on, statistics_opt_out, policy_version) VALUES (?1, NULL, 0, ?2)",
                params![record.as_str(), policy.version().as_str()],
            )
            .map_err(|e| if is_constraint(&e) { OperationError::Duplicate { operation } } else { storage(operation)(e) })?;
            Ok(())
        })
    }

    /// Records the last day of the contact (`None` reopens it).
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Storage`].
    pub fn end_contact(
        &mut self,
        caller: &Caller,
        record: &RecordId,
        on: Option<NaiveDate>,
    ) -> Result<(), OperationError> {
        let operation = Operation::UpdateRecord;
        self.run(caller, operation, Some(record), |tx, _, _| {
            let changed = tx
                .execute(
                    "UPDATE records SET contact_ended_on = ?2 WHERE id = ?1",
                    params![record.as_str(), on.map(|d| d.to_string())],
                )
                .map_err(storage(operation))?;
            if changed == 0 { Err(OperationError::UnknownRecord { operation }) } else { Ok(()) }
        })
    }

    /// Records that the user opted out of statistics (krisesenterlova §5 a): the record's
    /// certificate will keep no statistics.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Storage`].
    pub fn opt_out_of_statistics(&mut self, caller: &Caller, record: &RecordId) -> Result<(), OperationError> {
        let operation = Operation::UpdateRecord;
        self.run(caller, operation, Some(record), |tx, _, _| {
            let changed = tx
                .execute("UPDATE records SET statistics_opt_out = 1 WHERE id = ?1", [record.as_str()])
                .map_err(storage(operation))?;
            if changed == 0 { Err(OperationError::UnknownRecord { operation }) } else { Ok(()) }
        })
    }

    /// Reads a record, each field only when the caller's role sees it.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn read_record(&mut self, caller: &Caller, record: &RecordId) -> Result<RecordView, OperationError> {
        let operation = Operation::ReadRecord;
        self.run(caller, operation, Some(record), |tx, _, _| {
            let (case, version) = load(tx, operation, record)?;
            Ok(RecordView {
                id: caller.show(Field::RecordId, case.id().clone()),
                contact_ended_on: caller.show(Field::ContactPeriod, case.contact_ended_on()),
                consents: caller.show(Field::Consents, case.consents().to_vec()),
                holds: caller.show(Field::Holds, case.holds().to_vec()),
                policy_version: caller.show(Field::PolicyVersion, version),
                statistics_opt_out: caller.show(Field::StatisticsOptOut, case.statistics_opt_out()),
            })
        })
    }

    /// Stores a consent the user gave (written or oral, storage or sharing).
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Duplicate`] when the record already holds a consent of that id,
    /// [`OperationError::Storage`].
    pub fn give_consent(
        &mut self,
        caller: &Caller,
        record: &RecordId,
        consent: &Consent,
    ) -> Result<(), OperationError> {
        let operation = Operation::GiveConsent;
        self.run(caller, operation, Some(record), |tx, set, _| {
            exists(tx, operation, record)?;
            let body = json(operation, "consents", consent)?;
            tx.execute(
                "INSERT INTO consents (record_id, consent_id, body) VALUES (?1, ?2, ?3)",
                params![record.as_str(), consent.id().as_str(), body],
            )
            .map_err(|e| {
                if is_constraint(&e) { OperationError::Duplicate { operation } } else { storage(operation)(e) }
            })?;
            set.at("give_consent.written");
            Ok(())
        })
    }

    /// Records that a consent was withdrawn from `on` (GDPR art. 7(3)).
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::UnknownItem`] when the record holds no such consent,
    /// [`OperationError::Rejected`] when `on` is before the consent was given or it was
    /// withdrawn already, [`OperationError::Storage`].
    pub fn withdraw_consent(
        &mut self,
        caller: &Caller,
        record: &RecordId,
        consent: &ConsentId,
        on: NaiveDate,
    ) -> Result<(), OperationError> {
        let operation = Operation::WithdrawConsent;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            let body: Option<String> = tx
                .query_row(
                    "SELECT body FROM consents WHERE record_id = ?1 AND consent_id = ?2",
                    [record.as_str(), consent.as_str()],
                    |r| r.get(0),
                )
                .optional()
                .map_err(storage(operation))?;
            let stored: Consent =
                parse(operation, "consents", &body.ok_or(OperationError::UnknownItem { operation })?)?;
            let withdrawn = stored.withdraw(on).map_err(|_| OperationError::Rejected { operation, index: None })?;
            tx.execute(
                "UPDATE consents SET body = ?3 WHERE record_id = ?1 AND consent_id = ?2",
                params![record.as_str(), consent.as_str(), json(operation, "consents", &withdrawn)?],
            )
            .map_err(storage(operation))?;
            Ok(())
        })
    }

    /// Places a legal hold: the record survives every sweep while it is active.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Duplicate`], [`OperationError::Storage`].
    pub fn place_hold(&mut self, caller: &Caller, record: &RecordId, hold: &LegalHold) -> Result<(), OperationError> {
        let operation = Operation::PlaceHold;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            tx.execute(
                "INSERT INTO holds (record_id, hold_id, body) VALUES (?1, ?2, ?3)",
                params![record.as_str(), hold.id().as_str(), json(operation, "holds", hold)?],
            )
            .map_err(|e| {
                if is_constraint(&e) { OperationError::Duplicate { operation } } else { storage(operation)(e) }
            })?;
            Ok(())
        })
    }

    /// Releases a legal hold from `on`.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::UnknownItem`], [`OperationError::Rejected`] when `on` is before the
    /// hold was placed or it was released already, [`OperationError::Storage`].
    pub fn release_hold(
        &mut self,
        caller: &Caller,
        record: &RecordId,
        hold: &HoldId,
        on: NaiveDate,
    ) -> Result<(), OperationError> {
        let operation = Operation::ReleaseHold;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            let body: Option<String> = tx
                .query_row(
                    "SELECT body FROM holds WHERE record_id = ?1 AND hold_id = ?2",
                    [record.as_str(), hold.as_str()],
                    |r| r.get(0),
                )
                .optional()
                .map_err(storage(operation))?;
            let stored: LegalHold = parse(operation, "holds", &body.ok_or(OperationError::UnknownItem { operation })?)?;
            let released = stored.release(on).map_err(|_| OperationError::Rejected { operation, index: None })?;
            tx.execute(
                "UPDATE holds SET body = ?3 WHERE record_id = ?1 AND hold_id = ?2",
                params![record.as_str(), hold.as_str(), json(operation, "holds", &released)?],
            )
            .map_err(storage(operation))?;
            Ok(())
        })
    }

    /// Appends a casework event to the record's case, after the casework crate accepts the
    /// case with it (`Case::replay`).
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Rejected`] with the index of the event the case refuses,
    /// [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn append_event(
        &mut self,
        caller: &Caller,
        record: &RecordId,
        event: &CaseEvent,
    ) -> Result<(), OperationError> {
        let operation = Operation::AppendEvent;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            let mut events: Vec<CaseEvent> = bodies(tx, operation, "events", EVENTS, record.as_str())?;
            let position =
                i64::try_from(events.len()).map_err(|_| OperationError::Corrupt { operation, table: "events" })?;
            events.push(event.clone());
            Case::replay(&events).map_err(|e| OperationError::Rejected { operation, index: e.index() })?;
            tx.execute(
                "INSERT INTO events (record_id, position, body) VALUES (?1, ?2, ?3)",
                params![record.as_str(), position, json(operation, "events", event)?],
            )
            .map_err(storage(operation))?;
            Ok(())
        })
    }

    /// The record's casework events, in order (none for a role that does not see events).
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn events(&mut self, caller: &Caller, record: &RecordId) -> Result<Vec<CaseEvent>, OperationError> {
        let operation = Operation::ReadEvents;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            if !caller.sees(Field::Events) {
                return Ok(Vec::new());
            }
            bodies(tx, operation, "events", EVENTS, record.as_str())
        })
    }

    /// Keeps a stay as a statistical record of the case (coarse, anonymous fields only).
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Duplicate`] when the stay's id is in use, [`OperationError::Storage`].
    pub fn record_stay(&mut self, caller: &Caller, record: &RecordId, stay: &Stay) -> Result<(), OperationError> {
        let operation = Operation::RecordStatistics;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            tx.execute(
                "INSERT INTO stays (record_id, stay_id, body) VALUES (?1, ?2, ?3)",
                params![record.as_str(), stay.id().as_str(), json(operation, "stays", stay)?],
            )
            .map_err(|e| {
                if is_constraint(&e) { OperationError::Duplicate { operation } } else { storage(operation)(e) }
            })?;
            Ok(())
        })
    }

    /// Keeps a day contact as a statistical record of the case.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Storage`].
    pub fn record_contact(
        &mut self,
        caller: &Caller,
        record: &RecordId,
        contact: &DayContact,
    ) -> Result<(), OperationError> {
        let operation = Operation::RecordStatistics;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            tx.execute(
                "INSERT INTO contacts (record_id, position, body)
                 VALUES (?1, (SELECT count(*) FROM contacts WHERE record_id = ?1), ?2)",
                params![record.as_str(), json(operation, "contacts", contact)?],
            )
            .map_err(storage(operation))?;
            Ok(())
        })
    }

    /// Decides a disclosure about the record with the disclosure crate, against the consents
    /// the register holds for it, on `as_of`, and appends the decision (refusals too) to the
    /// disclosure log with the request, the consents it was decided against and the rule
    /// version.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::UnknownRecord`],
    /// [`OperationError::Rejected`] when the disclosure crate cannot decide on `as_of`,
    /// [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn disclose(
        &mut self,
        caller: &Caller,
        record: &RecordId,
        request: &DiscloseInput,
        as_of: NaiveDate,
    ) -> Result<Disclosure, OperationError> {
        let operation = Operation::Disclose;
        self.run(caller, operation, Some(record), |tx, _, _| {
            exists(tx, operation, record)?;
            let consents: Vec<Consent> = bodies(tx, operation, "consents", CONSENTS, record.as_str())?;
            let input = request
                .clone()
                .with_consents(consents)
                .map_err(|_| OperationError::Corrupt { operation, table: "consents" })?;
            let decision = krisesenter_disclosure::disclose(&input, as_of)
                .map_err(|_| OperationError::Rejected { operation, index: None })?;
            let version = krisesenter_disclosure::rules::RULES
                .on(as_of)
                .map(|v| v.id())
                .ok_or(OperationError::Rejected { operation, index: None })?;
            tx.execute(
                "INSERT INTO disclosures (record_id, decided_on, rule_version, request, decision)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    record.as_str(),
                    as_of.to_string(),
                    version,
                    json(operation, "disclosures", &input)?,
                    json(operation, "disclosures", &decision)?
                ],
            )
            .map_err(storage(operation))?;
            Ok(decision)
        })
    }

    /// The disclosure log, of one record or of all, oldest first; the request and decision
    /// only for a role that sees disclosures, the record's id only for one that sees ids.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn disclosure_log(
        &mut self,
        caller: &Caller,
        record: Option<&RecordId>,
    ) -> Result<Vec<LoggedDisclosure>, OperationError> {
        let operation = Operation::ReadDisclosureLog;
        self.run(caller, operation, record, |tx, _, _| {
            Ok(read_disclosures(tx, operation, record)?
                .into_iter()
                .map(|(position, id, decided_on, rule_version, request, decision)| {
                    let outcome = decision.get("outcome").and_then(|o| serde_json::from_value(o.clone()).ok());
                    LoggedDisclosure {
                        position,
                        record: caller.show(Field::RecordId, id),
                        decided_on,
                        rule_version,
                        outcome,
                        request: caller.show(Field::Disclosures, request),
                        decision: caller.show(Field::Disclosures, decision),
                    }
                })
                .collect())
        })
    }

    /// Decides every logged disclosure again from its stored request on its day, and lists
    /// the entries whose decision or rule version came out different (none, unless the log
    /// was tampered with or the rules changed under it).
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn replay_disclosures(&mut self, caller: &Caller) -> Result<Replay, OperationError> {
        let operation = Operation::ReadDisclosureLog;
        self.run(caller, operation, None, |tx, _, _| {
            let rows = read_disclosures(tx, operation, None)?;
            let mut differing = Vec::new();
            for (position, _, decided_on, rule_version, request, decision) in &rows {
                let again = krisesenter_disclosure::disclose(request, *decided_on).ok();
                let version = krisesenter_disclosure::rules::RULES.on(*decided_on).map(|v| v.id());
                let same = again.as_ref().and_then(|d| serde_json::to_value(d).ok()).as_ref() == Some(decision)
                    && version == Some(rule_version.as_str());
                if !same {
                    differing.push(*position);
                }
            }
            Ok(Replay { entries: rows.len(), differing })
        })
    }

    /// The retention sweep on `as_of`: the consent crate decides every record by the
    /// register's policy; for the records due, the statistics of every year their stays and
    /// contacts touch are added to the kept statistics first, then each gets a disposal
    /// certificate and is deleted with everything that refers to it (consents, holds,
    /// events, statistical records, disclosure log entries), with `secure_delete` on. All of
    /// it is one transaction; after it commits, the WAL is checkpointed and truncated, so
    /// the deleted bytes are in neither file. A record under an active hold stays.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::Storage`], [`OperationError::Corrupt`];
    /// nothing is deleted then.
    pub fn sweep(&mut self, caller: &Caller, as_of: NaiveDate) -> Result<SweepReport, OperationError> {
        let operation = Operation::Sweep;
        let report = self.run(caller, operation, None, |tx, set, policy| {
            let ids: Vec<String> = {
                let mut stmt = tx.prepare("SELECT id FROM records ORDER BY id").map_err(storage(operation))?;
                stmt.query_map([], |r| r.get(0))
                    .map_err(storage(operation))?
                    .collect::<Result<_, _>>()
                    .map_err(storage(operation))?
            };
            let mut held = 0;
            let mut due = Vec::new();
            for id in &ids {
                let id = RecordId::try_new(id.as_str())
                    .map_err(|_| OperationError::Corrupt { operation, table: "records" })?;
                let (record, _) = load(tx, operation, &id)?;
                let decision = krisesenter_consent::decide_retention(&record, policy, as_of);
                match decision.action() {
                    Action::Delete => {
                        let certificate = decision
                            .certificate(&record, policy)
                            .ok_or(OperationError::Corrupt { operation, table: "records" })?;
                        due.push(certificate);
                    }
                    Action::Held => held += 1,
                    _ => {}
                }
            }
            keep_statistics(tx, operation, &due, as_of)?;
            for certificate in &due {
                let id = certificate.record().as_str();
                tx.execute(
                    "INSERT INTO certificates (record_id, swept_on, body) VALUES (?1, ?2, ?3)",
                    params![id, as_of.to_string(), json(operation, "certificates", certificate)?],
                )
                .map_err(storage(operation))?;
                tx.execute("DELETE FROM records WHERE id = ?1", [id]).map_err(storage(operation))?;
                chain::append(tx, caller, operation, Some(id)).map_err(storage(operation))?;
                set.at("sweep.deleted");
            }
            Ok(SweepReport { as_of, decided: ids.len(), held, certificates: due, checkpointed: false })
        })?;
        self.fault.at("sweep.before_checkpoint");
        let checkpointed = self.checkpoint().unwrap_or(false);
        Ok(SweepReport { checkpointed, ..report })
    }

    /// Checkpoints the WAL into the database file and truncates it to nothing.
    fn checkpoint(&self) -> rusqlite::Result<bool> {
        let busy: i64 = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        Ok(busy == 0)
    }

    /// The disposal certificates, oldest first: the record's id only for a role that sees
    /// ids, the rest only for one that sees certificates.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn certificates(&mut self, caller: &Caller) -> Result<Vec<CertificateView>, OperationError> {
        let operation = Operation::ReadCertificates;
        self.run(caller, operation, None, |tx, _, _| {
            let mut stmt =
                tx.prepare("SELECT swept_on, body FROM certificates ORDER BY position").map_err(storage(operation))?;
            let rows: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(storage(operation))?
                .collect::<Result<_, _>>()
                .map_err(storage(operation))?;
            rows.iter()
                .map(|(swept_on, body)| {
                    let c: DisposalCertificate = parse(operation, "certificates", body)?;
                    Ok(CertificateView {
                        record: caller.show(Field::RecordId, c.record().clone()),
                        swept_on: day(operation, "certificates", swept_on)?,
                        rule: caller.show(Field::Certificates, c.rule()),
                        policy_version: caller.show(Field::Certificates, c.policy_version().clone()),
                        statistics: caller.show(Field::Certificates, c.statistics().to_vec()),
                    })
                })
                .collect()
        })
    }

    /// The statistics of `year`: the records still kept, merged with what was kept of the
    /// records deleted (taken before each sweep deleted them). No id, no record: an
    /// aggregate, for a shelter of `beds` beds.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::Rejected`] for a year outside the
    /// calendar, [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn statistics(&mut self, caller: &Caller, year: i32, beds: u64) -> Result<Aggregate, OperationError> {
        let operation = Operation::ReadStatistics;
        self.run(caller, operation, None, |tx, _, _| {
            let period = Period::year(year).map_err(|_| OperationError::Rejected { operation, index: None })?;
            let stays: Vec<Stay> = all_bodies(tx, operation, "stays", "SELECT body FROM stays")?;
            let contacts: Vec<DayContact> = all_bodies(tx, operation, "contacts", "SELECT body FROM contacts")?;
            let live = Aggregate::from_records(period, beds, &stays, &contacts);
            match kept(tx, operation, year)? {
                Some(kept) => {
                    live.merge(&kept).map_err(|_| OperationError::Corrupt { operation, table: "kept_statistics" })
                }
                None => Ok(live),
            }
        })
    }

    /// The access log, oldest first: the record ids only for a role that sees ids.
    ///
    /// # Errors
    ///
    /// [`OperationError::Refused`], [`OperationError::Storage`], [`OperationError::Corrupt`].
    pub fn access_log(&mut self, caller: &Caller) -> Result<Vec<AccessEntry>, OperationError> {
        let operation = Operation::ReadAccessLog;
        self.run(caller, operation, None, |tx, _, _| chain::entries(tx, caller, operation))
    }

    /// Verifies the access log's hash chain and returns its head as it was before this
    /// verification's own entry (keep it elsewhere: a log later cut back to an earlier head
    /// would verify on its own).
    ///
    /// # Errors
    ///
    /// [`VerifyError::Changed`] for an entry whose content changed, [`VerifyError::Broken`]
    /// where entries were removed or reordered, [`VerifyError::Head`] when entries were cut
    /// from the end or the head was changed, [`VerifyError::Operation`] when the caller may
    /// not read the log or it cannot be read. A head whose count was lowered also makes every
    /// other operation fail until it is repaired, since no entry can be appended.
    pub fn verify(&mut self, caller: &Caller) -> Result<ChainHead, VerifyError> {
        let operation = Operation::ReadAccessLog;
        let mut found = None;
        let logged = self.run(caller, operation, None, |tx, _, _| {
            found = Some(chain::verify(tx, storage(operation)));
            Ok(())
        });
        match (found, logged) {
            // What verify found comes first: a head that does not match the entries also
            // makes appending this verification's own entry fail (fail closed).
            (Some(Err(broken)), _) => Err(broken),
            (_, Err(e)) => Err(VerifyError::Operation(e)),
            (Some(Ok(head)), Ok(())) => Ok(head),
            (None, Ok(())) => Err(VerifyError::Head),
        }
    }
}

type DisclosureRow = (i64, RecordId, NaiveDate, String, DiscloseInput, serde_json::Value);

fn read_disclosures(
    tx: &Transaction<'_>,
    operation: Operation,
    record: Option<&RecordId>,
) -> Result<Vec<DisclosureRow>, OperationError> {
    let table = "disclosures";
    let mut stmt = tx
        .prepare(
            "SELECT position, record_id, decided_on, rule_version, request, decision FROM disclosures
             WHERE ?1 IS NULL OR record_id = ?1 ORDER BY position",
        )
        .map_err(storage(operation))?;
    let rows: Vec<(i64, String, String, String, String, String)> = stmt
        .query_map([record.map(RecordId::as_str)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .map_err(storage(operation))?
        .collect::<Result<_, _>>()
        .map_err(storage(operation))?;
    rows.into_iter()
        .map(|(position, id, decided_on, version, request, decision)| {
            Ok((
                position,
                RecordId::try_new(id).map_err(|_| OperationError::Corrupt { operation, table })?,
                day(operation, table, &decided_on)?,
                version,
                parse(operation, table, &request)?,
                parse(operation, table, &decision)?,
            ))
        })
        .collect()
}

fn all_bodies<T: DeserializeOwned>(
    tx: &Transaction<'_>,
    operation: Operation,
    table: &'static str,
    sql: &str,
) -> Result<Vec<T>, OperationError> {
    let mut stmt = tx.prepare(sql).map_err(storage(operation))?;
    let texts: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .map_err(storage(operation))?
        .collect::<Result<_, _>>()
        .map_err(storage(operation))?;
    texts.iter().map(|t| parse(operation, table, t)).collect()
}

fn kept(tx: &Transaction<'_>, operation: Operation, year: i32) -> Result<Option<Aggregate>, OperationError> {
    let body: Option<String> = tx
        .query_row("SELECT body FROM kept_statistics WHERE year = ?1", [year], |r| r.get(0))
        .optional()
        .map_err(storage(operation))?;
    body.map(|b| parse(operation, "kept_statistics", &b)).transpose()
}

/// Adds the statistics of the records about to be deleted to the kept statistics of every
/// year their stays and contacts touch (a stay still open counts up to `as_of`).
fn keep_statistics(
    tx: &Transaction<'_>,
    operation: Operation,
    due: &[DisposalCertificate],
    as_of: NaiveDate,
) -> Result<(), OperationError> {
    let mut stays: BTreeMap<i32, Vec<Stay>> = BTreeMap::new();
    let mut contacts: BTreeMap<i32, Vec<DayContact>> = BTreeMap::new();
    for certificate in due {
        let id = certificate.record().as_str();
        for stay in bodies::<Stay>(tx, operation, "stays", STAYS, id)? {
            let last = stay.check_out().unwrap_or(as_of).max(stay.check_in());
            for year in stay.check_in().year()..=last.year() {
                stays.entry(year).or_default().push(stay.clone());
            }
        }
        for contact in bodies::<DayContact>(tx, operation, "contacts", CONTACTS, id)? {
            contacts.entry(contact.date.year()).or_default().push(contact);
        }
    }
    let years: std::collections::BTreeSet<i32> = stays.keys().chain(contacts.keys()).copied().collect();
    let table = "kept_statistics";
    for year in years {
        let period = Period::year(year).map_err(|_| OperationError::Corrupt { operation, table })?;
        let gone = Aggregate::from_records(
            period,
            0,
            stays.get(&year).map(Vec::as_slice).unwrap_or_default(),
            contacts.get(&year).map(Vec::as_slice).unwrap_or_default(),
        );
        let total = match kept(tx, operation, year)? {
            Some(before) => before.merge(&gone).map_err(|_| OperationError::Corrupt { operation, table })?,
            None => gone,
        };
        tx.execute(
            "INSERT INTO kept_statistics (year, body) VALUES (?1, ?2)
             ON CONFLICT (year) DO UPDATE SET body = excluded.body",
            params![year, json(operation, table, &total)?],
        )
        .map_err(storage(operation))?;
    }
    Ok(())
}
