//! The access log: who, in which role, did which operation on which record, when; each
//! entry's SHA-256 covers the hash of the entry before it, and the log's head (its length and
//! last hash) is kept beside it, so [`verify`] finds a changed, removed or reordered entry.

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{OptionalExtension, Transaction, params};
use sha2::{Digest, Sha256};

use crate::access::{ActorId, Caller, Field, Operation, Role};
use crate::error::{OperationError, VerifyError};

/// The hash before the first entry.
const GENESIS: [u8; 32] = [0; 32];

/// The head of the access log: how many entries it holds and the hash of the last one. Kept
/// outside the register (printed, sent to the owner), it also proves that no entry was cut
/// from the end since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    entries: i64,
    hash: [u8; 32],
}

impl ChainHead {
    /// The number of entries.
    pub fn entries(&self) -> i64 {
        self.entries
    }

    /// The SHA-256 of the last entry (zeros for an empty log).
    pub fn hash(&self) -> [u8; 32] {
        self.hash
    }

    /// The hash in lower-case hexadecimal.
    pub fn hex(&self) -> String {
        self.hash.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// One entry of the access log as a caller may see it: the record's id only for a role that
/// sees ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    position: i64,
    at: DateTime<Utc>,
    actor: ActorId,
    role: Role,
    operation: Operation,
    record: Option<String>,
}

impl AccessEntry {
    /// Its position in the log, from 1.
    pub fn position(&self) -> i64 {
        self.position
    }
    /// When.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }
    /// Who.
    pub fn actor(&self) -> &ActorId {
        &self.actor
    }
    /// In which role.
    pub fn role(&self) -> Role {
        self.role
    }
    /// Which operation.
    pub fn operation(&self) -> Operation {
        self.operation
    }
    /// The record's id, when the operation concerned one record.
    pub fn record(&self) -> Option<&str> {
        self.record.as_deref()
    }
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The hash of an entry: its position, its fields (each length-prefixed, so no two entries
/// share an encoding) and the hash before it.
fn entry_hash(
    previous: &[u8],
    position: i64,
    at: &str,
    actor: &str,
    role: &str,
    operation: &str,
    record: Option<&str>,
) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"krisesenter-register access v1");
    h.update(previous);
    h.update(position.to_be_bytes());
    for field in [Some(at), Some(actor), Some(role), Some(operation), record] {
        match field {
            Some(text) => {
                h.update([1]);
                h.update(u64::try_from(text.len()).unwrap_or(u64::MAX).to_be_bytes());
                h.update(text.as_bytes());
            }
            None => h.update([0]),
        }
    }
    h.finalize().into()
}

fn head(tx: &Transaction<'_>) -> rusqlite::Result<(i64, Vec<u8>)> {
    Ok(tx
        .query_row("SELECT entries, hash FROM access_head WHERE only = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS.to_vec())))
}

/// Appends one entry inside the operation's transaction.
pub(crate) fn append(
    tx: &Transaction<'_>,
    caller: &Caller,
    operation: Operation,
    record: Option<&str>,
) -> rusqlite::Result<()> {
    let (entries, previous) = head(tx)?;
    let position = entries.saturating_add(1);
    let at = time(caller.at());
    let role = caller.role().as_str();
    let hash = entry_hash(&previous, position, &at, caller.actor().as_str(), role, operation.as_str(), record);
    tx.execute(
        "INSERT INTO access_log (position, at, actor, role, operation, record_id, previous, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![position, at, caller.actor().as_str(), role, operation.as_str(), record, previous, hash.as_slice()],
    )?;
    tx.execute(
        "INSERT INTO access_head (only, entries, hash) VALUES (1, ?1, ?2)
         ON CONFLICT (only) DO UPDATE SET entries = excluded.entries, hash = excluded.hash",
        params![position, hash.as_slice()],
    )?;
    Ok(())
}

struct Row {
    position: i64,
    at: String,
    actor: String,
    role: String,
    operation: String,
    record: Option<String>,
    previous: Vec<u8>,
    hash: Vec<u8>,
}

fn rows(tx: &Transaction<'_>) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = tx.prepare(
        "SELECT position, at, actor, role, operation, record_id, previous, hash FROM access_log ORDER BY position",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Row {
            position: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            role: r.get(3)?,
            operation: r.get(4)?,
            record: r.get(5)?,
            previous: r.get(6)?,
            hash: r.get(7)?,
        })
    })?;
    rows.collect()
}

/// Walks the chain from the first entry: each position one more than the last, each entry
/// naming the hash before it, each hash matching its content, and the head matching the end.
pub(crate) fn verify(
    tx: &Transaction<'_>,
    storage: impl Fn(rusqlite::Error) -> OperationError,
) -> Result<ChainHead, VerifyError> {
    let mut previous = GENESIS.to_vec();
    let mut expected = 1_i64;
    for row in rows(tx).map_err(&storage)? {
        if row.position != expected || row.previous != previous {
            return Err(VerifyError::Broken { position: row.position });
        }
        let hash = entry_hash(
            &row.previous,
            row.position,
            &row.at,
            &row.actor,
            &row.role,
            &row.operation,
            row.record.as_deref(),
        );
        if row.hash != hash {
            return Err(VerifyError::Changed { position: row.position });
        }
        previous = row.hash;
        expected = expected.saturating_add(1);
    }
    let (entries, hash) = head(tx).map_err(&storage)?;
    if entries != expected.saturating_sub(1) || hash != previous {
        return Err(VerifyError::Head);
    }
    let hash: [u8; 32] = hash.try_into().map_err(|_| VerifyError::Head)?;
    Ok(ChainHead { entries, hash })
}

/// The entries, with record ids only for a caller who sees them.
pub(crate) fn entries(
    tx: &Transaction<'_>,
    caller: &Caller,
    operation: Operation,
) -> Result<Vec<AccessEntry>, OperationError> {
    let corrupt = || OperationError::Corrupt { operation, table: "access_log" };
    let rows = rows(tx).map_err(|e| OperationError::Storage { operation, code: crate::error::code(&e) })?;
    rows.into_iter()
        .map(|row| {
            Ok(AccessEntry {
                position: row.position,
                at: DateTime::parse_from_rfc3339(&row.at).map_err(|_| corrupt())?.with_timezone(&Utc),
                actor: ActorId::try_new(row.actor).map_err(|_| corrupt())?,
                role: parse_wire(&row.role, Role::ALL).ok_or_else(corrupt)?,
                operation: parse_wire(&row.operation, Operation::ALL).ok_or_else(corrupt)?,
                record: row.record.filter(|_| caller.sees(Field::RecordId)),
            })
        })
        .collect()
}

/// The value of a wire enum spelled `text`.
pub(crate) fn parse_wire<T: Copy + WireName>(text: &str, all: &[T]) -> Option<T> {
    all.iter().copied().find(|v| v.wire() == text)
}

/// A wire enum's name (the `as_str` that `wire_enum!` gives).
pub(crate) trait WireName {
    fn wire(self) -> &'static str;
}

impl WireName for Role {
    fn wire(self) -> &'static str {
        self.as_str()
    }
}

impl WireName for Operation {
    fn wire(self) -> &'static str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_changes_the_hash() {
        let base = entry_hash(&GENESIS, 1, "t", "a", "r", "o", Some("x"));
        assert_ne!(base, entry_hash(&[1; 32], 1, "t", "a", "r", "o", Some("x")));
        assert_ne!(base, entry_hash(&GENESIS, 2, "t", "a", "r", "o", Some("x")));
        assert_ne!(base, entry_hash(&GENESIS, 1, "u", "a", "r", "o", Some("x")));
        assert_ne!(base, entry_hash(&GENESIS, 1, "t", "b", "r", "o", Some("x")));
        assert_ne!(base, entry_hash(&GENESIS, 1, "t", "a", "s", "o", Some("x")));
        assert_ne!(base, entry_hash(&GENESIS, 1, "t", "a", "r", "p", Some("x")));
        assert_ne!(base, entry_hash(&GENESIS, 1, "t", "a", "r", "o", Some("y")));
        assert_ne!(base, entry_hash(&GENESIS, 1, "t", "a", "r", "o", None));
        // Length prefixes: moving a character from one field to the next changes the hash.
        assert_ne!(
            entry_hash(&GENESIS, 1, "ta", "a", "r", "o", None),
            entry_hash(&GENESIS, 1, "t", "aa", "r", "o", None)
        );
    }
}
