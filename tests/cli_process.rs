//! The CLI binary as a process: the error contract of docs/contract.md (exit 2, empty standard
//! output, one JSON line on standard error with kind, message and path).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers fail loudly"
)]

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn binary() -> PathBuf {
    common::example_binary("krisesenter-cli")
}

struct Output {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn cli(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(binary())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The binary may exit before reading everything; a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    Output {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn error_line(out: &Output) -> serde_json::Value {
    assert_eq!(out.code, Some(2), "stderr: {}", out.stderr);
    assert!(out.stdout.is_empty(), "stdout must be empty on error");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "exactly one line on stderr: {:?}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let err = &v["error"];
    assert!(err["kind"].is_string());
    assert!(err["message"].is_string());
    assert!(err["path"].is_null() || err["path"].is_string());
    assert_eq!(err.as_object().unwrap().len(), 3, "kind, message, path");
    v
}

#[test]
fn unknown_command_exits_2_with_one_json_line() {
    let out = cli(&["nonsense"], b"{}");
    let v = error_line(&out);
    assert_eq!(v["error"]["kind"], "unknown_command");
    assert_eq!(v["error"]["path"], serde_json::Value::Null);
}

#[test]
fn no_command_is_an_unknown_command() {
    let v = error_line(&cli(&[], b""));
    assert_eq!(v["error"]["kind"], "unknown_command");
}

#[test]
fn unknown_schema_name_is_refused() {
    let v = error_line(&cli(&["schema", "nonsense"], b""));
    assert_eq!(v["error"]["kind"], "unknown_command");
}

#[test]
fn unreadable_input_file_is_invalid_input_without_the_path() {
    let v = error_line(&cli(&["report", "--input", "/nonexistent/Kari-Nordmann.json"], b""));
    assert_eq!(v["error"]["kind"], "invalid_input");
    assert!(!v["error"]["message"].as_str().unwrap().contains("Kari"));
}

/// Every command answers malformed JSON with `invalid_json` once it exists, and never panics.
#[test]
fn malformed_input_is_invalid_json_for_every_available_command() {
    for command in krisesenter::cli::command_names() {
        for input in [&b"{ not json"[..], b"", b"[1,2", b"\"Kari Nordmann\"", b"{\"as_of\": \"Kari Nordmann\"}"] {
            let out = cli(&[command], input);
            let v = error_line(&out);
            assert_eq!(v["error"]["kind"], "invalid_json", "{command}");
            assert!(!out.stderr.contains("Kari"), "{command} repeats input in {}", out.stderr);
        }
    }
}

#[test]
fn schema_command_prints_every_available_schema() {
    for (name, _) in krisesenter::cli::all_schemas() {
        let out = cli(&["schema", &name], b"");
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
    }
}

/// `--help`, `help`, `help <command>`, `<command> --help` and `--version` print text and
/// exit 0; the help lists every command of the table and the exit codes.
#[test]
fn help_and_version() {
    for args in [&["--help"][..], &["help"], &["-h"]] {
        let out = cli(args, b"");
        assert_eq!(out.code, Some(0), "{args:?}: {}", out.stderr);
        for name in krisesenter::cli::command_names() {
            assert!(out.stdout.contains(name), "{args:?} lists {name}");
        }
        assert!(out.stdout.contains("--input") && out.stdout.contains("exit codes"));
    }
    for args in [&["help", "assess"][..], &["assess", "--help"]] {
        let out = cli(args, b"");
        assert_eq!(out.code, Some(0), "{args:?}");
        assert!(out.stdout.contains("schema assess-input"), "{}", out.stdout);
    }
    let out = cli(&["--version"], b"");
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.starts_with("krisesenter-cli "));
    let out = cli(&["schema"], b"");
    assert_eq!(out.code, Some(0));
    assert_eq!(out.stdout.lines().count(), 2 * krisesenter::cli::COMMANDS.len());
    assert!(error_line(&cli(&["help", "nonsense"], b""))["error"]["kind"] == "unknown_command");
}

/// A file name that is not UTF-8 (a Latin-1 `Bjørnstad_Kari.json`) is answered with the
/// error contract, never a panic, and the name is not printed.
#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_an_error_without_the_name() {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::OsStr::from_bytes(b"/nonexistent/Bj\xf8rnstad_Kari.json");
    let out = Command::new(binary()).arg("report").arg("--input").arg(name).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("Kari") && !stderr.contains("rnstad"), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(stderr.trim()).unwrap();
    assert_eq!(v["error"]["kind"], "invalid_input");
}

/// Input past the limit is `invalid_input` naming the limit; endless input whose first byte
/// cannot start a document is answered at once (bounded memory).
#[test]
fn oversized_and_endless_input_are_bounded() {
    let payload = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/assess.json")).unwrap();
    let out = cli(&["assess", "--max-input-bytes", "100"], &payload);
    let v = error_line(&out);
    assert_eq!(v["error"]["kind"], "invalid_input");
    assert!(v["error"]["message"].as_str().unwrap().contains("100 bytes"));
    // The same payload under the default limit is fine.
    assert_eq!(cli(&["assess"], &payload).code, Some(0));
    // /dev/zero never ends; its first byte is not `{`.
    let out = Command::new(binary()).args(["assess", "--input", "/dev/zero"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["kind"], "invalid_json");
}

/// Standard output on a full disk, or closed, exits non-zero with the error contract.
#[cfg(target_os = "linux")]
#[test]
fn failing_output_is_reported() {
    let payload = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/assess.json");
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(binary()).args(["assess", "--input", payload]).stdout(full).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["kind"], "output_failed");

    // A pipe whose reading end is closed before the binary starts: every write fails.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(binary()).args(["assess", "--input", payload]).stdout(writer).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(v["error"]["kind"], "output_failed");
}

/// The binary streams its output (`serde_json::to_writer` through a buffer): for every example
/// payload and every schema, the bytes on standard output are the string API's and a newline,
/// and so are the bytes `cli::run_to` writes in process.
#[test]
fn streamed_output_equals_the_string_output_for_every_example_payload() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut checked = 0;
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(command) =
            krisesenter::cli::command_names().find(|c| name == *c || name.starts_with(&format!("{c}-")))
        else {
            continue;
        };
        let input = std::fs::read(&path).unwrap();
        let expected = krisesenter::cli::run(command, &input).unwrap();
        let mut streamed = Vec::new();
        krisesenter::cli::run_to(command, &input, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), expected, "{name}: run_to");
        let out = cli(&[command, "--input", path.to_str().unwrap()], b"");
        assert_eq!(out.code, Some(0), "{name}: {}", out.stderr);
        assert_eq!(out.stdout, format!("{expected}\n"), "{name}: the binary");
        checked += 1;
    }
    assert!(checked >= 7, "every command has an example");
    for name in krisesenter::cli::schema_names() {
        let expected = krisesenter::cli::run("schema", name.as_bytes()).unwrap();
        assert_eq!(cli(&["schema", &name], b"").stdout, format!("{expected}\n"), "{name}");
    }
}

/// An input file of 16 MB or more is read by two threads, each half of it into its half of one
/// buffer: the report example padded with white space on both sides so that the middle of the
/// file falls inside the document (a half put in the wrong place would break it), answered as
/// the example itself is.
#[test]
fn a_large_input_file_is_read_in_halves() {
    let example = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/examples/report.json")).unwrap();
    let expected = format!("{}\n", krisesenter::cli::run("report", &example).unwrap());
    let size = 17 << 20;
    let before = size / 2 - example.len() / 2;
    let mut padded = vec![b' '; before];
    padded.extend_from_slice(&example);
    padded.resize(size, b'\n');
    assert!(padded[..size / 2].ends_with(&example[..example.len() / 2]), "the middle falls inside the document");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-in-halves.json");
    std::fs::write(&path, &padded).unwrap();
    let out = cli(&["report", "--input", path.to_str().unwrap()], b"");
    assert_eq!((out.code, out.stdout), (Some(0), expected), "{}", out.stderr);
    std::fs::remove_file(&path).unwrap();
}
