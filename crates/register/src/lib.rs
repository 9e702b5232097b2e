//! # krisesenter-register
//!
//! A crisis shelter's register: the records the rules of the other crates decide about,
//! kept, shared and deleted for real, in one SQLite file per shelter (issue 18).
//!
//! This is a shell, like `krisesenter-http`: it does I/O, and no rule lives here. Which
//! record is due is `krisesenter-consent`'s decision, who may learn what is
//! `krisesenter-disclosure`'s, whether a casework event fits the case is
//! `krisesenter-casework`'s, and what stays counted is `krisesenter-stats`' aggregate. The
//! register keeps what those decisions need and carries them out:
//!
//! - [`Register::open`]: one file, WAL, foreign keys, `secure_delete`, synchronous FULL, a
//!   busy timeout, the schema migrated by steps versioned in code (`PRAGMA user_version`).
//!   With the feature `encryption`, `Register::open_encrypted` opens it with SQLCipher, the
//!   key read from a file.
//! - Operations, each one transaction: open a record and end its contact; give and
//!   withdraw a consent; place and release a legal hold; append a casework event; keep a
//!   stay or day contact as a statistical record; decide a disclosure and log it with the
//!   rule version ([`Register::disclose`], replayed by [`Register::replay_disclosures`]);
//!   and the retention sweep ([`Register::sweep`]): statistics kept first, certificates
//!   written, the due records and everything that refers to them deleted, the WAL
//!   checkpointed and truncated.
//! - Access by role, default deny ([`PERMISSIONS`]: an operation and a field per role), and
//!   an access log of every read and write (who, role, operation, record id, time), each
//!   entry's SHA-256 covering the one before ([`Register::verify`]).
//!
//! The register reads no clock: a [`Caller`] carries the time of the access, and the day of
//! a decision is an argument (`as_of`), as everywhere in the workspace (docs/api.md).
//!
//! ## Encryption at rest
//!
//! The feature `encryption` builds SQLCipher instead of SQLite (rusqlite's
//! `bundled-sqlcipher`, which links the system's OpenSSL: on Debian `apt-get install
//! libssl-dev`) and adds `Register::open_encrypted(path, key_file, policy)`. The key is the
//! first line of the key file: never an argument, never an environment variable, so it
//! appears in no process list, shell history or environment dump. The file holds no
//! plaintext, not even SQLite's header; a wrong key or none opens nothing
//! (`tests/encryption.rs`, run by `.ci/run` with the feature). The default build needs
//! neither OpenSSL nor SQLCipher.
//!
//! ```text
//! cargo test -p krisesenter-register --features encryption --test encryption
//! ```
//!
//! ## Where it differs from docs/api.md
//!
//! A store is not a decision, so its entry points are methods of [`Register`] (one open
//! connection) rather than free functions, and they take a [`Caller`] first. Its operations
//! fail in the same few ways (refused, unknown record, duplicate id, rejected by the rules,
//! storage), so they share one error, [`OperationError`], whose every variant names the
//! [`Operation`]; opening has [`OpenError`] and verifying the log [`VerifyError`].
//!
//! # Example
//!
//! ```
//! use chrono::{NaiveDate, TimeZone, Utc};
//! use krisesenter_register::{
//!     ActorId, Caller, Consent, ConsentForm, ConsentId, RecordId, Register, RetentionPolicy, Role,
//! };
//!
//! let dir = std::env::temp_dir().join(format!("register-crate-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let mut register = Register::open(&dir.join("shelter.db"), RetentionPolicy::default())?;
//! let at = Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).single().ok_or("time")?;
//! let staff = Caller::new(ActorId::try_new("staff-7")?, Role::StaffOnDuty, at);
//! let leader = Caller::new(ActorId::try_new("leader-1")?, Role::Leader, at);
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).ok_or("date");
//!
//! // A record whose contact ended with no consent is due the day after; one with a written
//! // storage consent is kept.
//! let (gone, kept) = (RecordId::try_new("r1")?, RecordId::try_new("r2")?);
//! for record in [&gone, &kept] {
//!     register.open_record(&staff, record)?;
//!     register.end_contact(&staff, record, Some(d(2026, 1, 5)?))?;
//! }
//! let consent = Consent::storage(ConsentId::try_new("c1")?, d(2026, 1, 5)?, ConsentForm::Written);
//! register.give_consent(&staff, &kept, &consent)?;
//!
//! // Only the leader sweeps.
//! assert!(register.sweep(&staff, d(2026, 2, 1)?).is_err());
//! let report = register.sweep(&leader, d(2026, 2, 1)?)?;
//! assert_eq!(report.certificates().len(), 1);
//! assert_eq!(report.certificates()[0].record(), &gone);
//! assert!(register.read_record(&staff, &gone).is_err());
//! assert!(register.read_record(&staff, &kept).is_ok());
//!
//! // Every access left a trace, and the chain verifies.
//! let auditor = Caller::new(ActorId::try_new("audit-1")?, Role::Auditor, at);
//! assert!(register.verify(&auditor)?.entries() >= 7);
//! # drop(register);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod access;
mod chain;
mod error;
mod key;
mod schema;
mod store;

pub use access::{ActorId, Caller, Field, Operation, PERMISSIONS, Permission, Role, may, sees};
pub use chain::{AccessEntry, ChainHead};
pub use error::{OpenError, OperationError, SqliteCode, VerifyError};
pub use store::{BUSY_TIMEOUT, CertificateView, LoggedDisclosure, RecordView, Register, Replay, SweepReport};

/// The types of other crates this crate's API takes and gives, so one `use` line serves.
pub use krisesenter_casework::CaseEvent;
pub use krisesenter_consent::{
    Consent, ConsentForm, DisposalCertificate, HoldId, HoldReason, LegalHold, RecordId, RetentionPolicy,
};
pub use krisesenter_core::{ConsentId, IdError};
pub use krisesenter_disclosure::{DiscloseInput, Disclosure};
pub use krisesenter_stats::{Aggregate, DayContact, Stay};
