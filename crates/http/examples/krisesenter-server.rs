//! `krisesenter-server`: the JSON contract over HTTP, with its OpenAPI document and the
//! reference front end, as a thin binary around `krisesenter_http`.
//!
//! ```text
//! cargo run --release --example krisesenter-server            # then open http://127.0.0.1:8080
//! cargo run --release --example krisesenter-server -- --help
//! ```
//!
//! With `--db FILE --staff FILE` it also mounts a shelter's register under
//! `/v1/register/...`: the staff file is JSON, one entry per member of staff with the id the
//! access log records, the role and the path of the file holding that member's token (a
//! relative path is read from the staff file's folder). Tokens are never in the staff file,
//! an argument or the environment.
//!
//! ```text
//! {"staff": [
//!   {"id": "leader-1", "role": "leader", "token_file": "leader-1.token"},
//!   {"id": "staff-7", "role": "staff_on_duty", "token_file": "staff-7.token"}
//! ]}
//! ```
//!
//! Flags are read by hand (a handful of them do not need a parser crate).
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use std::path::Path;

use krisesenter_http::{Config, RegisterMount, Staff, Token};
use krisesenter_register::{ActorId, Register, RetentionPolicy, Role};
use serde::Deserialize;

const USAGE: &str = "krisesenter-server: the krisesenter JSON contract over HTTP, its OpenAPI document and a front end

usage: krisesenter-server [options]
  --bind ADDR:PORT      where to listen (default 127.0.0.1:8080; outside loopback needs --token-file)
  --token-file FILE     require `Authorization: Bearer <the file's first line>` on /v1/ (16 bytes or more)
  --body-limit BYTES    the largest request body (default 67108864, 64 MiB)
  --timeout SECONDS     the longest a request may take (default 30)
  --concurrency N       requests served at once, more wait (default 256)
  --db FILE             mount the shelter's register (SQLite, created when missing) under /v1/register/
  --staff FILE          who may use the register (JSON: id, role, token_file of each member); with --db
  --quiet               no access log
  -h, --help            this text

routes: POST /v1/{command}, GET /v1/schemas/{name}, GET /openapi.json, GET /healthz, GET / (the front end),
        and with --db the register under /v1/register/ (each member's own bearer token)
The access log (standard error) holds method, route, status and latency: never a body, a header or a query.
";

struct Options {
    config: Config,
    quiet: bool,
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(USAGE.as_bytes());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("krisesenter-server: {message}; see --help");
            return ExitCode::from(2);
        }
    };
    if !options.quiet {
        tracing_subscriber::fmt().with_target(false).with_writer(std::io::stderr).init();
    }
    // A panic is answered with 500 by the server; its message (which might quote anything)
    // is not printed, only where it happened.
    std::panic::set_hook(Box::new(|info| {
        let place = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("krisesenter-server: a request handler panicked at {place}; answered 500");
    }));
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("krisesenter-server: cannot start the runtime: {}", e.kind());
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async {
        let config = options.config;
        let listener = match krisesenter_http::bind(&config).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("krisesenter-server: {e}");
                return ExitCode::from(2);
            }
        };
        let shown = listener.local_addr().map_or_else(|_| config.bind.to_string(), |a| a.to_string());
        eprintln!("krisesenter-server: listening on http://{shown} (front end at /, OpenAPI at /openapi.json)");
        krisesenter_http::serve(listener, &config, async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
        eprintln!("krisesenter-server: stopped");
        ExitCode::SUCCESS
    })
}

/// The options, `None` for --help, or what is wrong (never echoing a value).
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    // The shell supplies the clock the access log measures latency with.
    let mut config = Config::default();
    config.clock = Some(std::time::Instant::now);
    let mut quiet = false;
    let (mut db, mut staff) = (None, None);
    while let Some(flag) = args.next() {
        let mut value = |what: &str| args.next().ok_or_else(|| format!("{flag} needs {what}"));
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--quiet" => quiet = true,
            "--bind" => {
                config.bind =
                    value("ADDR:PORT")?.parse().map_err(|_| "--bind needs ADDR:PORT, such as 127.0.0.1:8080")?
            }
            "--token-file" => {
                let text = std::fs::read_to_string(value("FILE")?)
                    .map_err(|e| format!("cannot read the token file: {}", e.kind()))?;
                config.token = Some(Token::new(text.lines().next().unwrap_or("")).map_err(|e| e.to_string())?);
            }
            "--body-limit" => {
                config.body_limit = value("BYTES")?.parse().map_err(|_| "--body-limit needs a number of bytes")?
            }
            "--timeout" => {
                let seconds: u64 = value("SECONDS")?.parse().map_err(|_| "--timeout needs whole seconds")?;
                config.request_timeout = Duration::from_secs(seconds);
            }
            "--concurrency" => config.concurrency = value("N")?.parse().map_err(|_| "--concurrency needs a number")?,
            "--db" => db = Some(value("FILE")?),
            "--staff" => staff = Some(value("FILE")?),
            _ => return Err(String::from("unknown option")),
        }
    }
    config.register = match (db, staff) {
        (None, None) => None,
        (Some(db), Some(staff)) => {
            let staff = read_staff(Path::new(&staff))?;
            let register = Register::open(Path::new(&db), RetentionPolicy::default())
                .map_err(|e| format!("cannot open the register: {e}"))?;
            // The shell supplies the wall clock each access to the register is stamped with.
            Some(RegisterMount::new(register, staff, wall_clock))
        }
        _ => return Err(String::from("--db and --staff go together")),
    };
    config.check().map_err(|e| e.to_string())?;
    Ok(Some(Options { config, quiet }))
}

/// The staff file: who may use the register.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaffFile {
    staff: Vec<StaffEntry>,
}

/// One member of staff: the id the access log records, the role, and where the token is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StaffEntry {
    id: ActorId,
    role: Role,
    token_file: std::path::PathBuf,
}

/// Reads the staff file and each member's token file (the first line is the token).
fn read_staff(path: &Path) -> Result<Staff, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the staff file: {}", e.kind()))?;
    let file: StaffFile = serde_json::from_str(&text)
        .map_err(|e| format!("the staff file is not JSON of the expected shape (line {})", e.line()))?;
    let folder = path.parent().unwrap_or_else(|| Path::new("."));
    let mut staff = Staff::new();
    for (n, entry) in file.staff.into_iter().enumerate() {
        let token_path = folder.join(&entry.token_file);
        let token = std::fs::read_to_string(&token_path)
            .map_err(|e| format!("cannot read the token file of staff entry {n}: {}", e.kind()))?;
        let token = Token::new(token.lines().next().unwrap_or("")).map_err(|e| format!("staff entry {n}: {e}"))?;
        staff.add(entry.id, entry.role, token).map_err(|e| format!("staff entry {n}: {e}"))?;
    }
    if staff.is_empty() {
        return Err(String::from("the staff file names no one"));
    }
    Ok(staff)
}

/// The wall clock the shell supplies to the register.
fn wall_clock() -> chrono::DateTime<chrono::Utc> {
    std::time::SystemTime::now().into()
}
