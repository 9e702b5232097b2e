//! `krisesenter-cli`: the thin shell around the JSON contract (CONTRACT.md).
//!
//! ```text
//! cargo run -q --release --example krisesenter-cli -- <command> [--input FILE]
//! cargo run -q --release --example krisesenter-cli -- schema <NAME>
//! ```
//!
//! Reads one JSON document from FILE or standard input, writes one JSON document to standard
//! output and exits 0; on unacceptable input writes one JSON error line to standard error and
//! exits 2. All the logic lives in `krisesenter::cli::run`.
#![forbid(unsafe_code)]

use std::io::{Read, Write};
use std::process::ExitCode;

use krisesenter::cli::{self, CliError, ErrorKind};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match execute(&args) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            if writeln!(stdout, "{output}").is_err() {
                return ExitCode::from(1);
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            let _ = writeln!(std::io::stderr().lock(), "{}", err.to_json_line());
            ExitCode::from(2)
        }
    }
}

fn execute(args: &[String]) -> Result<String, CliError> {
    let mut args = args.iter().map(String::as_str);
    let command = args.next().unwrap_or("");
    if command == "schema" {
        let name = args.next().unwrap_or("");
        return cli::run("schema", name.as_bytes());
    }
    let input = match (args.next(), args.next(), args.next()) {
        (None, _, _) => read_stdin()?,
        (Some("--input"), Some(path), None) => std::fs::read(path).map_err(|e| {
            CliError::new(ErrorKind::InvalidInput, format!("cannot read the input file: {}", e.kind()), None)
        })?,
        _ => {
            return Err(CliError::new(
                ErrorKind::UnknownCommand,
                "usage: krisesenter-cli <command> [--input FILE] | schema <NAME>",
                None,
            ));
        }
    };
    cli::run(command, &input)
}

fn read_stdin() -> Result<Vec<u8>, CliError> {
    let mut buf = Vec::new();
    std::io::stdin().lock().read_to_end(&mut buf).map_err(|e| {
        CliError::new(ErrorKind::InvalidInput, format!("cannot read standard input: {}", e.kind()), None)
    })?;
    Ok(buf)
}
