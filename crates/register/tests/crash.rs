//! Crash safety (issue 18): the test runs its own binary again as a child that aborts
//! (`std::process::abort`) at a fault point inside a sweep or a consent write; the parent
//! reopens the file and finds each record whole or gone with its certificate, never half, and
//! every consent the child saw committed.
//!
//! The child is this binary started with `crash_child` as the only test and the variable
//! `KRISESENTER_REGISTER_FAULT` set to `scenario|point|skip|file`; without the variable,
//! `crash_child` does nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::print_stdout, clippy::panic)]

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use common::*;
use krisesenter_register::{HoldId, HoldReason, LegalHold, OperationError, Register};
use rand::{Rng, SeedableRng};

const FAULT: &str = "KRISESENTER_REGISTER_FAULT";

/// The child: runs a scenario with the fault point set, printing each commit it sees.
#[test]
fn crash_child() {
    let Ok(spec) = std::env::var(FAULT) else { return };
    let parts: Vec<&str> = spec.splitn(4, '|').collect();
    let (scenario, point, skip, file) = (parts[0], parts[1], parts[2].parse().unwrap(), Path::new(parts[3]));
    let mut register = open(file);
    register.abort_at(point, skip);
    let mut out = std::io::stdout().lock();
    match scenario {
        "consents" => {
            for i in 0..40 {
                let record = rid(&format!("r{}", i % 4));
                let consent = krisesenter_register::Consent::storage(
                    cid(&format!("c{i}")),
                    d(2026, 1, 1),
                    krisesenter_register::ConsentForm::Written,
                );
                register.give_consent(&staff(), &record, &consent).unwrap();
                writeln!(out, "gave c{i} r{}", i % 4).unwrap();
                out.flush().unwrap();
                if i % 3 == 0 {
                    register.withdraw_consent(&staff(), &record, consent.id(), d(2026, 2, 1)).unwrap();
                    writeln!(out, "withdrew c{i} r{}", i % 4).unwrap();
                    out.flush().unwrap();
                }
            }
        }
        "sweep" => {
            let report = register.sweep(&leader(), d(2026, 3, 1)).unwrap();
            writeln!(out, "swept {}", report.certificates().len()).unwrap();
        }
        other => panic!("unknown scenario {other}"),
    }
    // Reaching here means the fault point was never hit: the parent checks the exit status.
}

/// Runs the child and returns its standard output; the child must have aborted.
fn run_child(scenario: &str, point: &str, skip: u32, file: &Path) -> String {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env(FAULT, format!("{scenario}|{point}|{skip}|{}", file.display()))
        .output()
        .unwrap();
    assert!(!output.status.success(), "{scenario} {point} {skip}: the child did not abort");
    String::from_utf8(output.stdout).unwrap()
}

/// What the parent can read of one record: consents (id and withdrawal), holds, events,
/// disclosures.
type Shape = (Vec<(String, Option<chrono::NaiveDate>)>, usize, usize, Option<Option<chrono::NaiveDate>>);

fn shape(register: &mut Register, record: &str) -> Option<Shape> {
    match register.read_record(&leader(), &rid(record)) {
        Ok(view) => {
            let consents =
                view.consents().unwrap().iter().map(|c| (c.id().as_str().to_owned(), c.withdrawn_on())).collect();
            let disclosures = register.disclosure_log(&leader(), Some(&rid(record))).unwrap().len();
            Some((consents, view.holds().unwrap().len(), disclosures, view.contact_ended_on()))
        }
        Err(OperationError::UnknownRecord { .. }) => None,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn a_consent_write_killed_anywhere_loses_no_committed_consent() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(18);
    let points = [
        "give_consent.written",
        "give_consent.before_commit",
        "give_consent.after_commit",
        "withdraw_consent.before_commit",
        "withdraw_consent.after_commit",
    ];
    for point in points {
        let skip = rng.random_range(0..12);
        let dir = TempDir::new("crash-consent");
        let db = dir.db();
        {
            let mut register = open(&db);
            for r in 0..4 {
                register.open_record(&staff(), &rid(&format!("r{r}"))).unwrap();
            }
        }
        let stdout = run_child("consents", point, skip, &db);
        let mut register = open(&db);
        let mut expected: BTreeMap<String, Option<chrono::NaiveDate>> = BTreeMap::new();
        for line in stdout.lines() {
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["gave", c, _] => {
                    expected.insert((*c).to_owned(), None);
                }
                ["withdrew", c, _] => {
                    expected.insert((*c).to_owned(), Some(d(2026, 2, 1)));
                }
                _ => {}
            }
        }
        assert!(!expected.is_empty() || skip == 0 || point.starts_with("withdraw"), "{point} {skip}: {stdout}");
        let mut found: BTreeMap<String, Option<chrono::NaiveDate>> = BTreeMap::new();
        for r in 0..4 {
            let (consents, ..) = shape(&mut register, &format!("r{r}")).unwrap();
            found.extend(consents);
        }
        // Every write the child saw committed is there; at most the one write in flight when
        // it aborted is beyond that (committed before the child could print it).
        let mut in_flight = 0;
        for (consent, withdrawn) in &expected {
            let now = found.get(consent);
            assert!(now.is_some(), "{point} {skip}: committed {consent} lost");
            if now != Some(withdrawn) {
                assert!(withdrawn.is_none(), "{point} {skip}: committed withdrawal of {consent} lost");
                in_flight += 1;
            }
        }
        in_flight += found.keys().filter(|c| !expected.contains_key(*c)).count();
        assert!(in_flight <= 1, "{point} {skip}: {in_flight} writes beyond the last commit seen");
        let after_commit = point.ends_with("after_commit");
        assert_eq!(
            in_flight,
            usize::from(after_commit),
            "{point} {skip}: an aborted write left a trace or a committed one is missing"
        );
        register.verify(&auditor()).unwrap();
    }
}

#[test]
fn a_sweep_killed_anywhere_leaves_each_record_whole_or_gone_with_its_certificate() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let due = 6;
    let mut runs: Vec<(&str, u32)> = vec![
        ("sweep.before_commit", 0),
        ("sweep.after_commit", 0),
        ("sweep.before_checkpoint", 0),
        ("sweep.deleted", 0),
        ("sweep.deleted", due - 1),
    ];
    runs.extend((0..3).map(|_| ("sweep.deleted", rng.random_range(1..due - 1))));
    for (point, skip) in runs {
        let dir = TempDir::new("crash-sweep");
        let db = dir.db();
        let mut before = BTreeMap::new();
        {
            let mut register = open(&db);
            for r in 0..due {
                full_record(&mut register, &rid(&format!("due{r}")), &format!("c-due{r}"));
            }
            full_record(&mut register, &rid("held"), "c-held");
            let hold = LegalHold::new(HoldId::try_new("h1").unwrap(), HoldReason::PoliceCase, d(2025, 12, 1));
            register.place_hold(&leader(), &rid("held"), &hold).unwrap();
            register.open_record(&staff(), &rid("ongoing")).unwrap();
            for name in (0..due).map(|r| format!("due{r}")).chain(["held".into(), "ongoing".into()]) {
                before.insert(name.clone(), shape(&mut register, &name).unwrap());
            }
        }
        let stdout = run_child("sweep", point, skip, &db);
        assert!(!stdout.contains("swept"), "{point} {skip}: the sweep finished");

        let mut register = open(&db);
        let certified: Vec<String> =
            register.certificates(&leader()).unwrap().iter().map(|c| c.record().unwrap().as_str().to_owned()).collect();
        let mut gone = 0;
        for (name, whole) in &before {
            match shape(&mut register, name) {
                Some(now) => {
                    assert_eq!(&now, whole, "{point} {skip}: {name} is not whole");
                    assert!(!certified.contains(name), "{point} {skip}: {name} kept but certified");
                }
                None => {
                    gone += 1;
                    assert!(certified.contains(name), "{point} {skip}: {name} gone without a certificate");
                    assert!(name.starts_with("due"), "{point} {skip}: {name} was not due");
                }
            }
        }
        assert_eq!(certified.len(), gone, "{point} {skip}: certificates equal deletions");
        let committed = point != "sweep.before_commit" && point != "sweep.deleted";
        assert_eq!(gone, if committed { usize::try_from(due).unwrap() } else { 0 }, "{point} {skip}");
        register.verify(&auditor()).unwrap();
        // A sweep after the crash finishes the work.
        register.sweep(&leader(), d(2026, 3, 1)).unwrap();
        assert_eq!(register.certificates(&leader()).unwrap().len(), usize::try_from(due).unwrap());
    }
}
