//! `krisesenter-server`: the JSON contract over HTTP, with its OpenAPI document and the
//! reference front end, as a thin binary around `krisesenter_http`.
//!
//! ```text
//! cargo run --release --example krisesenter-server            # then open http://127.0.0.1:8080
//! cargo run --release --example krisesenter-server -- --help
//! ```
//!
//! Flags are read by hand (five of them do not need a parser crate).
#![forbid(unsafe_code)]

use std::process::ExitCode;
use std::time::Duration;

use krisesenter_http::{Config, Token};

const USAGE: &str = "krisesenter-server: the krisesenter JSON contract over HTTP, its OpenAPI document and a front end

usage: krisesenter-server [options]
  --bind ADDR:PORT      where to listen (default 127.0.0.1:8080; outside loopback needs --token-file)
  --token-file FILE     require `Authorization: Bearer <the file's first line>` on /v1/ (16 bytes or more)
  --body-limit BYTES    the largest request body (default 67108864, 64 MiB)
  --timeout SECONDS     the longest a request may take (default 30)
  --concurrency N       requests served at once, more wait (default 256)
  --quiet               no access log
  -h, --help            this text

routes: POST /v1/{command}, GET /v1/schemas/{name}, GET /openapi.json, GET /healthz, GET / (the front end)
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
            _ => return Err(String::from("unknown option")),
        }
    }
    config.check().map_err(|e| e.to_string())?;
    Ok(Some(Options { config, quiet }))
}
