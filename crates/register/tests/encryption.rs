//! Encryption at rest (feature `encryption`, SQLCipher): the key comes from a file, the file
//! holds no plaintext, and a wrong key or no key opens nothing.
#![cfg(feature = "encryption")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use krisesenter_register::{OpenError, Register, RetentionPolicy};

#[test]
fn an_encrypted_register_holds_no_plaintext_and_needs_its_key() {
    let dir = TempDir::new("encryption");
    let db = dir.db();
    let key = dir.path().join("key");
    std::fs::write(&key, "a long passphrase kept in a file only root can read\n").unwrap();
    let marker = "MARKER-ENCRYPTED-77c1";
    {
        let mut register = Register::open_encrypted(&db, &key, RetentionPolicy::default()).unwrap();
        full_record(&mut register, &rid("r1"), marker);
    }
    assert!(!file_contains(&db, marker.as_bytes()));
    assert!(!file_contains(&db, b"SQLite format 3"));

    let mut register = Register::open_encrypted(&db, &key, RetentionPolicy::default()).unwrap();
    let view = register.read_record(&staff(), &rid("r1")).unwrap();
    assert_eq!(view.consents().unwrap()[0].id().as_str(), marker);
    drop(register);

    let wrong = dir.path().join("wrong");
    std::fs::write(&wrong, "another passphrase\n").unwrap();
    assert_eq!(Register::open_encrypted(&db, &wrong, RetentionPolicy::default()).err(), Some(OpenError::WrongKey));
    assert!(Register::open(&db, RetentionPolicy::default()).is_err());
    assert_eq!(
        Register::open_encrypted(&db, &dir.path().join("missing"), RetentionPolicy::default()).err(),
        Some(OpenError::KeyFile)
    );
}
