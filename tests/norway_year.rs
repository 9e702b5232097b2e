//! `norway-year` as a process, on a smaller country (`--shelters 5`, the five smallest): the
//! same seed gives the same files byte for byte whatever the number of threads, another seed
//! other files; `--help` lists every file it writes; bad arguments exit 2 with the usage.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::YEAR_FILES as FILES;

/// Runs norway-year with `args` into a fresh folder `name` under target/; returns the folder
/// and standard output.
fn run(args: &[&str], name: &str) -> (PathBuf, String) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("norway-year-test").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let out = Command::new(common::example_binary("norway-year"))
        .args(["--shelters", "5"])
        .args(args)
        .arg("--out")
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "norway-year failed: {}", String::from_utf8_lossy(&out.stderr));
    (dir, String::from_utf8(out.stdout).unwrap())
}

fn bytes(dir: &Path, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_same_seed_gives_the_same_files_whatever_the_threads() {
    let (one, summary_one) = run(&["--seed", "11", "--threads", "1"], "one-thread");
    let (three, summary_three) = run(&["--seed", "11", "--threads", "3"], "three-threads");
    let (other, _) = run(&["--seed", "12", "--threads", "2"], "other-seed");
    for file in FILES {
        let a = bytes(&one, file);
        assert!(!a.is_empty(), "{file} is empty");
        assert!(a == bytes(&three, file), "{file} differs between 1 and 3 threads");
    }
    assert_eq!(summary_one, summary_three.replace(&*three.display().to_string(), &one.display().to_string()));
    assert!(bytes(&one, "year.json") != bytes(&other, "year.json"), "another seed, another year");

    // year.json carries each shelter's aggregate, and the national one is their merge.
    let year: serde_json::Value = serde_json::from_slice(&bytes(&one, "year.json")).unwrap();
    let shelters = year["shelters"].as_array().unwrap();
    assert_eq!(shelters.len(), 5);
    let aggregate =
        |v: &serde_json::Value| -> krisesenter::stats::Aggregate { serde_json::from_value(v.clone()).unwrap() };
    let national = aggregate(&year["national"]["aggregate"]);
    let merged = shelters.iter().fold(krisesenter::stats::Aggregate::empty(national.period()), |acc, s| {
        acc.merge(&aggregate(&s["aggregate"])).unwrap()
    });
    assert_eq!(merged, national);
    assert!(national.report().nights().total() > 0);
    for s in shelters {
        assert_eq!(s["counts"]["room_nights_over_capacity"], 0, "{}", s["name"]);
    }
}

#[test]
fn help_lists_every_file_and_bad_arguments_exit_2() {
    let bin = common::example_binary("norway-year");
    let help = Command::new(&bin).arg("--help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for file in FILES {
        assert!(text.contains(&format!("  {file} ")), "--help names {file}");
    }
    for bad in [&["--threads", "0"][..], &["--shelters", "x"], &["--bogus"], &["--seed"]] {
        let out = Command::new(&bin).args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(String::from_utf8(out.stderr).unwrap().contains("usage: norway-year"), "{bad:?}");
    }
}
