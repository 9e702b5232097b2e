//! The database's schema as migrations versioned in code: step `n` (counting from 1) takes a
//! file whose `PRAGMA user_version` is `n - 1` to `n`, inside one transaction with the
//! version bump. A file newer than the code is refused, never written to.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{OpenError, code};

/// The migrations, oldest first. Never edit a step that has shipped: add one.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r"
CREATE TABLE records (
    id TEXT PRIMARY KEY NOT NULL,
    contact_ended_on TEXT,
    statistics_opt_out INTEGER NOT NULL DEFAULT 0 CHECK (statistics_opt_out IN (0, 1)),
    policy_version TEXT NOT NULL
) STRICT;

CREATE TABLE consents (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    consent_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (record_id, consent_id)
) STRICT;

CREATE TABLE holds (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    hold_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (record_id, hold_id)
) STRICT;

CREATE TABLE events (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
) STRICT;

CREATE TABLE stays (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    stay_id TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (record_id, stay_id)
) STRICT;

CREATE TABLE contacts (
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (record_id, position)
) STRICT;

CREATE TABLE disclosures (
    position INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    decided_on TEXT NOT NULL,
    rule_version TEXT NOT NULL,
    request TEXT NOT NULL,
    decision TEXT NOT NULL
) STRICT;
CREATE INDEX disclosures_by_record ON disclosures(record_id);

-- Append-only: an entry is never changed, and it goes only with its record, in a sweep.
CREATE TRIGGER disclosures_never_change BEFORE UPDATE ON disclosures
BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;
CREATE TRIGGER disclosures_go_with_their_record BEFORE DELETE ON disclosures
WHEN EXISTS (SELECT 1 FROM records WHERE id = OLD.record_id)
BEGIN SELECT RAISE(ABORT, 'the disclosure log is append-only'); END;

CREATE TABLE certificates (
    position INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    swept_on TEXT NOT NULL,
    body TEXT NOT NULL
) STRICT;
CREATE TRIGGER certificates_never_change BEFORE UPDATE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;
CREATE TRIGGER certificates_never_go BEFORE DELETE ON certificates
BEGIN SELECT RAISE(ABORT, 'certificates are append-only'); END;

CREATE TABLE kept_statistics (
    year INTEGER PRIMARY KEY NOT NULL,
    body TEXT NOT NULL
) STRICT;

CREATE TABLE access_log (
    position INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    operation TEXT NOT NULL,
    record_id TEXT,
    previous BLOB NOT NULL,
    hash BLOB NOT NULL
) STRICT;

CREATE TABLE access_head (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    entries INTEGER NOT NULL,
    hash BLOB NOT NULL
) STRICT;
",
];

/// The schema version this code writes.
pub(crate) fn current() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// Brings the file to [`current`], one step per transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), OpenError> {
    let found: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|e| OpenError::Storage { code: code(&e) })?;
    if found > current() {
        return Err(OpenError::NewerSchema { found, known: current() });
    }
    for (index, step) in MIGRATIONS.iter().enumerate().skip(usize::try_from(found).unwrap_or(0)) {
        let version = index.saturating_add(1);
        let fail = |e: rusqlite::Error| OpenError::Migration { step: version, code: code(&e) };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(fail)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(fail)?;
        if now >= i64::try_from(version).unwrap_or(i64::MAX) {
            continue;
        }
        tx.execute_batch(step).map_err(fail)?;
        tx.pragma_update(None, "user_version", version).map_err(fail)?;
        tx.commit().map_err(fail)?;
    }
    Ok(())
}
