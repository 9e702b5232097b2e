//! The register's errors. No message repeats a value: an id, a consent's scope or a day never
//! reaches an error; context is the operation, the role, a step or SQLite's result code.

use thiserror::Error;

use crate::access::{Operation, Role};

/// SQLite's extended result code of an error (<https://sqlite.org/rescode.html>), or none
/// when the error did not come from SQLite (rusqlite's own type conversions). The code alone:
/// SQLite's message may quote SQL or a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqliteCode(pub Option<i32>);

impl std::fmt::Display for SqliteCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(code) => write!(f, "sqlite code {code}"),
            None => f.write_str("no sqlite code"),
        }
    }
}

pub(crate) fn code(e: &rusqlite::Error) -> SqliteCode {
    SqliteCode(match e {
        rusqlite::Error::SqliteFailure(failure, _) => Some(failure.extended_code),
        _ => None,
    })
}

/// Why a register file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum OpenError {
    /// SQLite refused to open or configure the file.
    #[error("the register file could not be opened or configured ({code})")]
    Storage {
        /// SQLite's extended result code.
        code: SqliteCode,
    },
    /// A migration step failed; the file stays at the step before.
    #[error("migration step {step} failed ({code})")]
    Migration {
        /// The step (the `user_version` it would have set).
        step: usize,
        /// SQLite's extended result code.
        code: SqliteCode,
    },
    /// The file was written by a newer version of this crate.
    #[error("the register file has schema version {found}, newer than the {known} this code knows")]
    NewerSchema {
        /// The file's `user_version`.
        found: i64,
        /// The newest version this code writes.
        known: i64,
    },
    /// The key file could not be read, or is empty (feature `encryption`).
    #[error("the key file could not be read or is empty")]
    KeyFile,
    /// The key does not open the file (feature `encryption`).
    #[error("the key does not open the register file")]
    WrongKey,
}

/// Why an operation of the register did not happen. Nothing was written: every operation is
/// one transaction.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum OperationError {
    /// The caller's role may not perform the operation (default deny).
    #[error("the role {role} may not {operation}")]
    Refused {
        /// The operation refused.
        operation: Operation,
        /// The caller's role.
        role: Role,
    },
    /// No record of that id is in the register (never kept, or deleted by a sweep).
    #[error("{operation}: no such record")]
    UnknownRecord {
        /// The operation.
        operation: Operation,
    },
    /// The record already holds an item of that id (a record, consent, hold or stay).
    #[error("{operation}: the id is already in use")]
    Duplicate {
        /// The operation.
        operation: Operation,
    },
    /// The record holds no consent or hold of that id.
    #[error("{operation}: no such consent or hold in the record")]
    UnknownItem {
        /// The operation.
        operation: Operation,
    },
    /// The domain crate refused the change (a withdrawal or release before the day it was
    /// given or placed, a casework event out of order, a decision day before the law).
    #[error("{operation}: refused by the rules")]
    Rejected {
        /// The operation.
        operation: Operation,
        /// For a casework event, the index of the event the case refused.
        index: Option<usize>,
    },
    /// SQLite failed (busy past the timeout, disk full, I/O); the transaction was rolled back.
    #[error("{operation}: the register could not be read or written ({code})")]
    Storage {
        /// The operation.
        operation: Operation,
        /// SQLite's extended result code.
        code: SqliteCode,
    },
    /// A stored row could not be read back as the type it was written as.
    #[error("{operation}: a stored row of {table} is not readable")]
    Corrupt {
        /// The operation.
        operation: Operation,
        /// The table.
        table: &'static str,
    },
}

/// What `verify` found wrong in the access log's hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// An entry's content no longer gives its hash: it was changed.
    #[error("access log entry {position}: its content was changed")]
    Changed {
        /// The entry's position (from 1).
        position: i64,
    },
    /// An entry does not follow the one before it: entries were removed or reordered.
    #[error("access log entry {position}: it does not follow the entry before it (removed or reordered)")]
    Broken {
        /// The entry's position (from 1).
        position: i64,
    },
    /// The log's head (its length and last hash) does not match the entries: the last
    /// entries were removed, or the head was changed.
    #[error("the access log's head does not match its entries (entries removed at the end)")]
    Head,
    /// The caller may not read the access log, or it could not be read.
    #[error(transparent)]
    Operation(#[from] OperationError),
}
