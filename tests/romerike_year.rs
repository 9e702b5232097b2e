//! The main job as a process: `romerike-year` with a fixed seed, checked from the files it
//! writes, independently of the code that wrote them (docs/invariants.md, `romerike-year`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use serde_json::Value;

use common::YEAR_FILES as FILES;

const SEED: &str = "7";

fn binary() -> PathBuf {
    common::example_binary("romerike-year")
}

/// A fresh folder under target/ for one run.
fn out_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("romerike-year-test").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

struct Run {
    dir: PathBuf,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], name: &str) -> Run {
    let dir = out_dir(name);
    let out = Command::new(binary()).args(args).arg("--out").arg(&dir).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "romerike-year failed: {stderr}");
    Run { dir, stdout, stderr }
}

fn json(dir: &Path, name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str().map(|s| s.parse().unwrap())
}

/// A stay record of year.json, as the checker reads it.
struct StayRow {
    check_in: NaiveDate,
    check_out: Option<NaiveDate>,
    first_this_year: bool,
    opt_out: bool,
}

fn stay_rows(year: &Value) -> Vec<StayRow> {
    year["stays"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| StayRow {
            check_in: date(&s["check_in"]).unwrap(),
            check_out: date(&s["check_out"]),
            first_this_year: s["first_stay_this_year"].as_bool().unwrap(),
            opt_out: s["statistics_opt_out"].as_bool().unwrap(),
        })
        .collect()
}

/// Checks every invariant of the year on the files of one run.
fn check_year(dir: &Path) {
    let year = json(dir, "year.json");
    let report = json(dir, "report.json");
    let from = date(&year["period"]["from"]).unwrap();
    let to = date(&year["period"]["to"]).unwrap();
    let stays = stay_rows(&year);

    // ry-1: every stay listed overlaps the year (docs/contract.md), and the report counts exactly
    // the stays simulated minus those opted out.
    assert!(stays.iter().all(|s| s.check_in <= to && s.check_out.is_none_or(|o| o >= from)));
    assert_eq!(year["stays_simulated"].as_u64().unwrap(), stays.len() as u64);
    let opted_out = stays.iter().filter(|s| s.opt_out).count() as u64;
    assert_eq!(year["opted_out"].as_u64().unwrap(), opted_out);
    assert!(stays.len() > 150, "a Romerike year has some 290 stays, got {}", stays.len());
    let total = report["stays"]["total"].as_u64().expect("the total of stays is large enough to publish");
    assert_eq!(total, stays.len() as u64 - opted_out, "report stays = simulated - opted out");
    if let Some(excluded) = report["excluded_opt_out"].as_u64() {
        assert_eq!(excluded, opted_out);
    }
    // Residents are the stays that were the person's first this year; someone who came back
    // is one resident with two stays.
    let residents = stays.iter().filter(|s| !s.opt_out && s.first_this_year).count() as u64;
    assert_eq!(report["residents"]["total"].as_u64().unwrap(), residents);
    assert!(residents <= total);

    // ry-2: every night, per room, never more people than beds; the nights add up from the
    // stay records (midnight rule) and, without the opted-out, to the published nights.
    let room_beds: BTreeMap<String, u64> = year["shelter"]["rooms"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(room, beds)| (room.clone(), beds.as_u64().unwrap()))
        .collect();
    assert_eq!((room_beds.len(), room_beds.values().sum::<u64>()), (16, 62));
    let days = year["days"].as_array().unwrap();
    let expected_days = (to - from).num_days() as usize + 1;
    assert_eq!(days.len(), expected_days);
    let mut nights_counted = 0u64;
    for (i, day) in days.iter().enumerate() {
        let d = date(&day["date"]).unwrap();
        assert_eq!(d, from + chrono::Duration::days(i as i64));
        let rooms = day["rooms"].as_object().unwrap();
        assert_eq!(rooms.len(), room_beds.len());
        let mut sum = 0;
        for (room, people) in rooms {
            let people = people.as_u64().unwrap();
            assert!(people <= room_beds[room], "{d}: room {room} holds {people} > {} beds", room_beds[room]);
            sum += people;
        }
        let beds = day["beds_occupied"].as_u64().unwrap();
        assert_eq!(sum, beds, "{d}: rooms add up to the beds occupied");
        let from_stays = stays.iter().filter(|s| s.check_in <= d && s.check_out.is_none_or(|o| d < o)).count();
        assert_eq!(from_stays as u64, beds, "{d}: the stay records give the same night");
        nights_counted +=
            stays.iter().filter(|s| !s.opt_out && s.check_in <= d && s.check_out.is_none_or(|o| d < o)).count() as u64;
    }
    assert_eq!(report["nights"]["total"].as_u64().unwrap(), nights_counted);

    // ry-casework: the cases' figures agree with each other and with the stays. Destinations
    // sum to the stays ended in the year, one per household that left in the year; the phases
    // only narrow; the nights only waiting for a home are part of the nights stayed, which
    // are every bed occupied in the year.
    let c = &year["casework"];
    let n = |key: &str| c[key].as_u64().unwrap();
    let destinations: u64 = c["destinations"].as_object().unwrap().values().map(|v| v.as_u64().unwrap()).sum();
    assert_eq!(destinations, n("stays_ended"));
    let left = year["households"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| date(&h["check_out"]).is_some_and(|d| from <= d && d <= to))
        .count() as u64;
    assert_eq!(n("stays_ended"), left);
    assert!(n("goal_reached") <= n("phase_3_plan_made"));
    assert!(n("phase_3_plan_made") <= n("phase_2_home_found"));
    assert!(n("phase_2_home_found") <= n("phase_1_need_clarified"));
    assert!(n("phase_1_need_clarified") <= n("stays_ended"));
    assert!(n("nights_waiting_for_home") <= n("nights"));
    let beds: u64 = days.iter().map(|d| d["beds_occupied"].as_u64().unwrap()).sum();
    assert_eq!(n("nights"), beds);

    // ry-3: every refusal of a stay keeps the phone and the day service; from 2026-01-01 a
    // required alternative is offered or its gap named, and a victim in the target group
    // refused for boevne always has the duty.
    let duty_from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let refusals = year["refusals"].as_array().unwrap();
    assert!(!refusals.is_empty());
    for r in refusals {
        let d = date(&r["date"]).unwrap();
        assert_eq!(r["phone"], "offered");
        assert!(["offered", "individual_assessment"].contains(&r["day"].as_str().unwrap()));
        let required = r["alternative_required"].as_bool().unwrap();
        let offered = !r["alternative"].is_null();
        let gap = !r["gap"].is_null();
        if d >= duty_from && required {
            assert!(offered != gap, "{d}: contact {} has both or neither of alternative and gap", r["contact"]);
        } else {
            assert!(!offered && !gap && !r["not_required"].is_null(), "{d}: contact {}", r["contact"]);
        }
        if d < duty_from {
            assert!(!required, "{d}: no duty before 2026-01-01");
        }
        let reasons: Vec<&str> =
            r["residential_reasons"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let outside =
            ["no_violence_in_close_relation", "no_protection_need", "minor_without_guardian", "stay_for_victims_only"];
        if d >= duty_from && !reasons.iter().any(|c| outside.contains(c)) {
            assert!(required, "{d}: contact {} in the target group refused without the duty", r["contact"]);
        }
    }

    // ry-4: the charts are well-formed SVG with one point per day and twelve bars, and the
    // bars add up to the stays begun in the year that count in statistics.
    for chart in ["occupancy.svg", "room-occupancy.svg"] {
        let occupancy = std::fs::read_to_string(dir.join(chart)).unwrap();
        let doc = roxmltree::Document::parse(&occupancy).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        let line =
            doc.descendants().find(|n| n.has_tag_name("polyline") && n.attribute("class") == Some("data")).unwrap();
        let points: Vec<&str> = line.attribute("points").unwrap().split_whitespace().collect();
        assert_eq!(points.len(), expected_days, "{chart}");
        assert!(points.iter().all(|p| p.split(',').count() == 2 && p.split(',').all(|c| c.parse::<f64>().is_ok())));
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        assert!(texts.iter().any(|t| t.ends_with(" in use")), "{chart} has a y-axis title");
    }
    let bars_svg = std::fs::read_to_string(dir.join("stays-by-month.svg")).unwrap();
    let doc = roxmltree::Document::parse(&bars_svg).unwrap();
    let bars: Vec<_> =
        doc.descendants().filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("data")).collect();
    assert_eq!(bars.len(), 12);
    let bar_sum: u64 = bars
        .iter()
        .map(|b| {
            let title = b.children().find(|c| c.has_tag_name("title")).unwrap().text().unwrap();
            title.rsplit(": ").next().unwrap().parse::<u64>().unwrap()
        })
        .sum();
    let begun = stays.iter().filter(|s| !s.opt_out && s.check_in >= from).count() as u64;
    assert_eq!(bar_sum, begun);

    // ry-5: retention covers every record once; every deletion has its certificate.
    let retention = &year["retention"];
    let (kept, deleted, held) = (
        retention["kept"].as_u64().unwrap(),
        retention["deleted"].as_u64().unwrap(),
        retention["held"].as_u64().unwrap(),
    );
    assert_eq!(kept + deleted + held, retention["records"].as_u64().unwrap());
    assert_eq!(retention["certificates"].as_array().unwrap().len() as u64, deleted);
    assert!(deleted > 0 && kept > 0);

    // ry-6: a refused question about existence or whereabouts neither confirms nor denies.
    let disclosures = year["disclosures"].as_array().unwrap();
    assert!(disclosures.len() >= 5);
    for d in disclosures {
        if d["situation"] == "unknown_caller" || d["situation"] == "perpetrator_asks" {
            assert_eq!(d["outcome"], "refuse");
            assert_eq!(d["neither_confirm_nor_deny"], true);
        }
    }

    // ry-7: the owners' shares add up to the budget, to the øre.
    let costs = &year["costs"];
    let shares: u64 = costs["shares"].as_array().unwrap().iter().map(|s| s["share_ore"].as_u64().unwrap()).sum();
    assert_eq!(shares, costs["budget_ore"].as_u64().unwrap());
    assert_eq!(costs["shares"].as_array().unwrap().len(), 12);
    // The cost key counts every night used, also those of people who opted out of statistics.
    let billed: u64 = costs["shares"].as_array().unwrap().iter().map(|s| s["nights"].as_u64().unwrap()).sum();
    let bed_nights: u64 = days.iter().map(|d| d["beds_occupied"].as_u64().unwrap()).sum();
    assert_eq!(billed, bed_nights);

    // The published tables carry the same figures as report.json.
    let csv = std::fs::read_to_string(dir.join("report.csv")).unwrap();
    assert!(csv.starts_with("figure,label,value\n"));
    assert!(csv.lines().all(|l| l.split(',').count() == 3), "a label never holds a comma");
    assert!(csv.contains(&format!("stays.total,stays: total,{total}\n")));
    assert!(csv.contains("municipalities.3205,stays from: 3205 Lillestrøm,"));
    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert!(md.contains(&format!("| stays.total | stays: total | {total} |")));
}

#[test]
fn a_year_is_consistent_and_reproducible() {
    let a = run(&["--seed", SEED], "a");
    check_year(&a.dir);
    assert!(a.stdout.contains("Published report 2026"), "{}", a.stdout);
    assert!(a.stderr.lines().filter(|l| l.trim_start().starts_with("2026-")).count() == 12, "a line per month");

    // ry-8: the same seed gives the same files, byte for byte, and the same summary.
    let b = run(&["--seed", SEED], "b");
    for file in FILES {
        let (x, y) = (std::fs::read(a.dir.join(file)).unwrap(), std::fs::read(b.dir.join(file)).unwrap());
        assert!(x == y, "{file} differs between two runs with seed {SEED}");
    }
    assert_eq!(a.stdout.replace(&a.dir.display().to_string(), ""), b.stdout.replace(&b.dir.display().to_string(), ""));

    // Another seed gives another year.
    let c = run(&["--seed", "8"], "c");
    check_year(&c.dir);
    assert_ne!(std::fs::read(a.dir.join("year.json")).unwrap(), std::fs::read(c.dir.join("year.json")).unwrap());
}

#[test]
fn a_leap_year_before_the_duty_has_366_nights_and_no_required_alternative() {
    let run = run(&["--seed", SEED, "--year", "2024"], "leap");
    check_year(&run.dir);
    let year = json(&run.dir, "year.json");
    assert_eq!(year["days"].as_array().unwrap().len(), 366);
    assert!(year["refusals"].as_array().unwrap().iter().all(|r| r["alternative_required"] == false));
    // krisesenterlova §5 a (opting out of statistics) came with the 2026 amendment.
    assert_eq!(year["opted_out"], 0);
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    for args in [&["--seed", "x"][..], &["--year", "1999"], &["--bogus"], &["--out"]] {
        let out = Command::new(binary()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        assert!(String::from_utf8(out.stderr).unwrap().contains("usage: romerike-year"));
    }
}

/// `--help` describes every option and every file written, on standard output, and exits 0;
/// an unknown argument exits 2 with the usage on standard error.
#[test]
fn help_names_every_option_and_file() {
    let help = std::process::Command::new(binary()).arg("--help").output().unwrap();
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for word in ["--seed", "--year", "--out", "--db"].iter().chain(FILES.iter()) {
        assert!(text.contains(word), "--help names {word}");
    }
    let bad = std::process::Command::new(binary()).arg("--sed").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8(bad.stderr).unwrap().contains("usage: romerike-year"));
}

/// `--db FILE` writes the year's case records to a register file and sweeps them there: the
/// summary says how many were deleted from the file, the same number the in-memory sweep
/// deleted (the example refuses to finish otherwise), and a second run refuses to write over
/// the file.
#[test]
fn a_year_written_to_a_register_is_swept_in_the_file() {
    let dir = out_dir("register");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("romerike.db");
    let out = Command::new(binary()).args(["--seed", "7", "--db"]).arg(&db).arg("--out").arg(&dir).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "romerike-year --db failed: {stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let year = json(&dir, "year.json");
    let retention = &year["retention"];
    let line = stdout.lines().find(|l| l.starts_with("Register ")).unwrap();
    assert!(line.contains(&format!("{} records written", retention["records"])), "{line}");
    assert!(line.contains(&format!("deleted {} from the file", retention["deleted"])), "{line}");
    assert!(line.contains(&format!("kept {} under a hold", retention["held"])), "{line}");
    assert!(line.contains("WAL checkpointed and truncated"), "{line}");
    assert!(std::fs::metadata(&db).unwrap().len() > 0);
    let again = Command::new(binary()).args(["--seed", "7", "--db"]).arg(&db).arg("--out").arg(&dir).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
}
