//! `krisesenter-cli`: the thin shell around the JSON contract (docs/contract.md).
//!
//! ```text
//! cargo run -q --release --example krisesenter-cli -- <command> [--input FILE] [--max-input-bytes N]
//! cargo run -q --release --example krisesenter-cli -- schema [NAME]
//! cargo run -q --release --example krisesenter-cli -- help [<command>] | --help | --version
//! ```
//!
//! Reads one JSON document from FILE or standard input, writes one JSON document to standard
//! output and exits 0; on unacceptable input writes one JSON error line to standard error and
//! exits 2; when the output cannot be written (a full disk, a closed pipe) writes an error line
//! of kind `output_failed` and exits 1. All the logic lives in `krisesenter::cli`.
#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use krisesenter::cli::{self, CliError, ErrorKind, RunError};

/// The default cap on the input: far above a large shelter's yearly report (under 1 MB per
/// thousand stays) and the million-stay benchmark document; raise it with `--max-input-bytes`.
const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;

/// What the command line asks for.
enum Request {
    /// Print this text and exit 0.
    Text(String),
    /// Run a command on a document.
    Run { command: String, input: Vec<u8> },
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let request = match parse_args(&args) {
        Ok(request) => request,
        Err(err) => return fail(&err, 2),
    };
    // The output is written while it is serialised, through a buffer: a large report is
    // never held as one string.
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match request {
        Request::Text(text) => stdout.write_all(text.as_bytes()),
        Request::Run { command, input } => match cli::run_to(&command, &input, &mut stdout) {
            Ok(()) => stdout.write_all(b"\n"),
            Err(RunError::Input(err)) => return fail(&err, 2),
            Err(RunError::Output(e)) => Err(e),
        },
    };
    match written.and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(
            &CliError::new(ErrorKind::OutputFailed, format!("cannot write standard output: {}", e.kind()), None),
            1,
        ),
    }
}

fn fail(err: &CliError, code: u8) -> ExitCode {
    let _ = writeln!(std::io::stderr().lock(), "{}", err.to_json_line());
    ExitCode::from(code)
}

fn usage_error(message: &str) -> CliError {
    CliError::new(ErrorKind::UnknownCommand, format!("{message}; see `krisesenter-cli --help`"), None)
}

fn parse_args(args: &[OsString]) -> Result<Request, CliError> {
    // Arguments are read as OsString: a file name that is not UTF-8 is passed to the file
    // system as it is, and never printed.
    let mut args = args.iter();
    let Some(first) = args.next() else {
        return Err(usage_error("no command given"));
    };
    let command = first.to_str().ok_or_else(CliError::unknown_command_name)?.to_owned();
    match command.as_str() {
        "--help" | "-h" | "help" => {
            return match args.next().map(|a| a.to_str()) {
                None => Ok(Request::Text(cli::help())),
                Some(Some(name)) => {
                    cli::command_help(name).map(Request::Text).ok_or_else(CliError::unknown_command_name)
                }
                Some(None) => Err(CliError::unknown_command_name()),
            };
        }
        "--version" | "-V" => {
            return Ok(Request::Text(format!("krisesenter-cli {}\n", env!("CARGO_PKG_VERSION"))));
        }
        "schema" => {
            return match args.next().map(|a| a.to_str()) {
                None => Ok(Request::Text(cli::schema_names().map(|n| n + "\n").collect())),
                Some(Some(name)) => Ok(Request::Run { command, input: name.as_bytes().to_vec() }),
                Some(None) => Err(CliError::unknown_command_name()),
            };
        }
        _ => {}
    }
    if cli::command(&command).is_none() {
        return Err(CliError::unknown_command_name());
    }
    let mut file: Option<&OsString> = None;
    let mut limit = DEFAULT_MAX_INPUT_BYTES;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--help" | "-h") => {
                return cli::command_help(&command).map(Request::Text).ok_or_else(CliError::unknown_command_name);
            }
            Some("--input") if file.is_none() => {
                file = Some(args.next().ok_or_else(|| usage_error("--input needs a file name"))?);
            }
            Some("--max-input-bytes") => {
                limit = args
                    .next()
                    .and_then(|n| n.to_str())
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| usage_error("--max-input-bytes needs a whole number of bytes"))?;
            }
            _ => return Err(usage_error("unexpected argument")),
        }
    }
    let input = match file {
        Some(path) => {
            let file = std::fs::File::open(path).map_err(|e| {
                CliError::new(ErrorKind::InvalidInput, format!("cannot read the input file: {}", e.kind()), None)
            })?;
            // The file's length sizes the buffer once (a large report input is read without
            // growing and copying it); the limit still bounds what is read.
            let size = file.metadata().map_or(0, |m| m.len());
            match read_in_halves(&file, size, limit) {
                Some(whole) => whole,
                None => read_bounded(file, limit, "the input file", size)?,
            }
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                return Err(usage_error(&format!(
                    "`{command}` reads one JSON document: give --input FILE or pipe it to standard input \
                     (its schema: `krisesenter-cli schema {command}-input`)"
                )));
            }
            read_bounded(stdin.lock(), limit, "standard input", 0)?
        }
    };
    Ok(Request::Run { command, input })
}

/// Files from this size on are read by two threads, each half of it.
const READ_IN_HALVES_FROM: u64 = 16 << 20;

/// Reads a large file of `size` bytes (at most `limit`) by two threads, each reading half of
/// it into its half of one buffer: filling the pages of a buffer of hundreds of megabytes
/// costs about as much as parsing them, and two cores share it. `None` for a small file, or
/// when the file is not `size` bytes long as it is read (then it is read the usual way).
#[cfg(unix)]
fn read_in_halves(file: &std::fs::File, size: u64, limit: u64) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    if size < READ_IN_HALVES_FROM || size > limit {
        return None;
    }
    let mut whole = vec![0u8; usize::try_from(size).ok()?];
    let middle = whole.len() / 2;
    let (first, second) = whole.split_at_mut(middle);
    let read = std::thread::scope(|scope| {
        let second = scope.spawn(|| file.read_exact_at(second, middle as u64));
        file.read_exact_at(first, 0).is_ok() && second.join().is_ok_and(|read| read.is_ok())
    });
    // Nothing after the last byte: the file did not grow while it was read.
    (read && file.read_at(&mut [0u8], size).is_ok_and(|n| n == 0)).then_some(whole)
}

/// Elsewhere every file is read the usual way.
#[cfg(not(unix))]
fn read_in_halves(_file: &std::fs::File, _size: u64, _limit: u64) -> Option<Vec<u8>> {
    None
}

/// Reads at most `limit` bytes (`size`: the expected length, if known, to size the buffer).
/// Every contract document is a JSON object, so input whose first byte after white space is
/// not `{` is answered at once, without reading the rest (an endless stream of garbage costs
/// nothing).
fn read_bounded(reader: impl Read, limit: u64, what: &str, size: u64) -> Result<Vec<u8>, CliError> {
    let capacity = usize::try_from(size.min(limit).saturating_add(1)).unwrap_or(0);
    let mut buf = Vec::with_capacity(capacity);
    let mut reader = reader.take(limit.saturating_add(1));
    let read_error =
        |e: std::io::Error| CliError::new(ErrorKind::InvalidInput, format!("cannot read {what}: {}", e.kind()), None);
    let mut chunk = [0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut chunk).map_err(read_error)?;
        let Some(read) = chunk.get(..n) else { break };
        if n == 0 {
            break;
        }
        buf.extend_from_slice(read);
        if let Some(first) = buf.iter().find(|b| !b.is_ascii_whitespace()) {
            if *first != b'{' {
                // Let the parser word the error (invalid_json at the first byte).
                return Ok(buf);
            }
            // A document: the rest straight into the buffer, at most the limit and one byte.
            reader.read_to_end(&mut buf).map_err(read_error)?;
            break;
        }
    }
    if buf.len() as u64 > limit {
        return Err(CliError::new(
            ErrorKind::InvalidInput,
            format!("the input is larger than the limit of {limit} bytes; raise it with --max-input-bytes"),
            None,
        ));
    }
    Ok(buf)
}
