//! Concurrency (issue 18): two writers and a sweep at once, each on its own connection to
//! the same file (WAL, busy timeout), lose nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use common::*;
use krisesenter_register::{Consent, ConsentForm};

#[test]
fn two_writers_and_a_sweep_at_once_lose_nothing() {
    let dir = TempDir::new("concurrency");
    let db = dir.db();
    let due = 8;
    let writes = 25;
    let sweeps = 4;
    let before = {
        let mut register = open(&db);
        for r in 0..due {
            full_record(&mut register, &rid(&format!("due{r}")), &format!("c{r}"));
        }
        for writer in ["a", "b"] {
            register.open_record(&staff(), &rid(writer)).unwrap();
        }
        usize::try_from(register.verify(&auditor()).unwrap().entries()).unwrap() + 1
    };
    std::thread::scope(|s| {
        for writer in ["a", "b"] {
            let db = db.clone();
            s.spawn(move || {
                let mut register = open(&db);
                for i in 0..writes {
                    let consent = Consent::storage(cid(&format!("{writer}{i}")), d(2026, 1, 1), ConsentForm::Written);
                    register.give_consent(&staff(), &rid(writer), &consent).unwrap();
                }
            });
        }
        let db = db.clone();
        s.spawn(move || {
            let mut register = open(&db);
            for _ in 0..sweeps {
                register.sweep(&leader(), d(2026, 3, 1)).unwrap();
            }
        });
    });
    let mut register = open(&db);
    for writer in ["a", "b"] {
        let view = register.read_record(&staff(), &rid(writer)).unwrap();
        assert_eq!(view.consents().unwrap().len(), writes, "writer {writer}");
    }
    let certificates = register.certificates(&leader()).unwrap();
    assert_eq!(certificates.len(), due, "each due record deleted once");
    let head = register.verify(&auditor()).unwrap();
    // Every write, every sweep and every deletion left exactly one entry (and the two reads,
    // the certificates' read and this verify before it came after).
    let expected = before + 2 * writes + sweeps + due + 3;
    assert_eq!(head.entries(), i64::try_from(expected).unwrap());
}
