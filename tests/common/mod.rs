//! Support shared by the integration tests that run example binaries as processes.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test support fails loudly")]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The example binary `name`, built by `cargo test` alongside the tests; built here when it is
/// missing or older than its sources (when a single test target is run).
pub(crate) fn example_binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap().to_path_buf();
    let bin = profile_dir.join("examples").join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The facade's examples, and the simulations of crates/sim.
    let mut sources = Vec::new();
    for examples in [root.join("examples"), root.join("crates/sim/examples")] {
        sources.push(examples.join(format!("{name}.rs")));
        if let Ok(entries) = std::fs::read_dir(examples.join(name)) {
            sources.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    // The simulations' shared library.
    if let Ok(entries) = std::fs::read_dir(root.join("crates/sim/src")) {
        sources.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
    }
    let newest_source = sources.iter().filter_map(|p| modified(p)).max();
    if modified(&bin).is_none_or(|built| newest_source.is_some_and(|src| src > built)) {
        let status = Command::new(env!("CARGO")).args(["build", "--example", name]).current_dir(root).status().unwrap();
        assert!(status.success(), "building example {name} failed");
    }
    bin
}

/// The eight files a simulated year writes (romerike-year, and norway-year for the country).
#[allow(dead_code, reason = "the simulations' tests use it, cli_process does not")]
pub(crate) const YEAR_FILES: [&str; 8] = [
    "report.json",
    "report.csv",
    "report.md",
    "occupancy.svg",
    "room-occupancy.svg",
    "stays-by-month.svg",
    "year.json",
    "casework.md",
];
