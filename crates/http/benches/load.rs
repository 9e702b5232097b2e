//! A bounded load test on loopback: requests per second and p50/p99 latency for `assess`
//! and `disclose` at 1, 16 and 64 concurrent clients, against the server in this process,
//! beside the CLI run as one process per request (the way a front end without the server
//! reaches the rules) as the peer.
//!
//! ```text
//! cargo build --release --example krisesenter-cli          # the peer (optional)
//! cargo bench -p krisesenter-http --bench load              # add -- --requests N --seconds S
//! ```
//!
//! Every cell stops at a fixed number of requests or a fixed time, whichever comes first
//! (defaults: 20,000 requests or 10 s for HTTP; 300 requests or 10 s for the CLI). Clients are
//! threads with one keep-alive connection each, on the same 2 cores as the server, so the
//! figures include the clients' own cost. Only 127.0.0.1 is ever contacted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "a benchmark")]
#![allow(clippy::print_stdout, reason = "a benchmark prints its table")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENTS: [usize; 3] = [1, 16, 64];

struct Limits {
    requests: usize,
    seconds: u64,
    cli_requests: usize,
}

fn main() {
    let mut limits = Limits { requests: 20_000, seconds: 10, cli_requests: 300 };
    let args: Vec<String> = std::env::args().collect();
    for pair in args.windows(2) {
        match pair[0].as_str() {
            "--requests" => limits.requests = pair[1].parse().unwrap(),
            "--seconds" => limits.seconds = pair[1].parse().unwrap(),
            "--cli-requests" => limits.cli_requests = pair[1].parse().unwrap(),
            _ => {}
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let payloads: Vec<(&str, Vec<u8>)> = ["assess", "disclose"]
        .iter()
        .map(|c| (*c, std::fs::read(root.join(format!("docs/examples/{c}.json"))).unwrap()))
        .collect();
    let server = start_server();

    // The answer over HTTP is the CLI's, byte for byte, before anything is timed.
    for (command, body) in &payloads {
        let mut conn = Connection::open(server);
        let answer = conn.post(command, body);
        assert_eq!(answer, krisesenter::cli::run(command, body).unwrap().into_bytes(), "{command}");
    }

    println!("| command | clients | server | requests | req/s | p50 | p99 |");
    println!("|---|---|---|---|---|---|---|");
    let mut http_rates = Vec::new();
    for (command, body) in &payloads {
        run_http(server, command, body, 1, 500, 5); // warm-up
        for clients in CLIENTS {
            let cell = run_http(server, command, body, clients, limits.requests, limits.seconds);
            cell.print(command, clients, "krisesenter-http");
            http_rates.push((*command, clients, cell.rate()));
        }
    }
    let cli = root.join("target/release/examples/krisesenter-cli");
    if !cli.exists() {
        println!("\nthe peer was not run: build it first with `cargo build --release --example krisesenter-cli`");
        return;
    }
    for (command, body) in &payloads {
        for clients in CLIENTS {
            let cell = run_cli(&cli, command, body, clients, limits.cli_requests, limits.seconds);
            cell.print(command, clients, "CLI, a process per request");
            if let Some((_, _, rate)) = http_rates.iter().find(|(c, n, _)| c == command && *n == clients) {
                println!("|   ratio | {clients} | HTTP / CLI | | {:.0}× | | |", rate / cell.rate());
            }
        }
    }
}

/// The server on a free loopback port, on a runtime of its own (tokio's default: one worker
/// per core), with no log subscriber (the access log costs nothing when nobody listens).
fn start_server() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            krisesenter_http::serve(listener, &krisesenter_http::Config::default(), std::future::pending()).await;
        });
    });
    addr
}

/// One keep-alive HTTP/1.1 connection.
struct Connection {
    stream: BufReader<TcpStream>,
    addr: SocketAddr,
}

impl Connection {
    fn open(addr: SocketAddr) -> Self {
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_nodelay(true).unwrap();
        Self { stream: BufReader::new(stream), addr }
    }

    fn post(&mut self, command: &str, body: &[u8]) -> Vec<u8> {
        let head = format!(
            "POST /v1/{command} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
            self.addr,
            body.len()
        );
        let stream = self.stream.get_mut();
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut length = 0;
        let mut status = String::new();
        self.stream.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        loop {
            let mut line = String::new();
            self.stream.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(value) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                length = value.trim().parse().unwrap();
            }
        }
        let mut answer = vec![0; length];
        self.stream.read_exact(&mut answer).unwrap();
        answer
    }
}

struct Cell {
    latencies_us: Vec<u64>,
    elapsed: Duration,
}

impl Cell {
    fn rate(&self) -> f64 {
        self.latencies_us.len() as f64 / self.elapsed.as_secs_f64()
    }

    fn percentile(&self, p: f64) -> f64 {
        let mut sorted = self.latencies_us.clone();
        sorted.sort_unstable();
        let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
        sorted.get(index).copied().unwrap_or(0) as f64 / 1000.0
    }

    fn print(&self, command: &str, clients: usize, server: &str) {
        println!(
            "| {command} | {clients} | {server} | {} in {:.2} s | {:.0} | {:.2} ms | {:.2} ms |",
            self.latencies_us.len(),
            self.elapsed.as_secs_f64(),
            self.rate(),
            self.percentile(0.50),
            self.percentile(0.99)
        );
    }
}

/// `clients` threads share a budget of `requests` and a deadline; each records its latencies.
fn run_bounded(
    clients: usize,
    requests: usize,
    seconds: u64,
    work: impl Fn() -> Box<dyn FnMut() + Send> + Sync,
) -> Cell {
    let issued = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(requests)));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..clients {
            let mut request = work();
            let (issued, latencies) = (Arc::clone(&issued), Arc::clone(&latencies));
            scope.spawn(move || {
                let mut mine = Vec::new();
                while issued.fetch_add(1, Ordering::Relaxed) < requests && Instant::now() < deadline {
                    let t = Instant::now();
                    request();
                    mine.push(t.elapsed().as_micros() as u64);
                }
                latencies.lock().unwrap().extend(mine);
            });
        }
    });
    let elapsed = start.elapsed();
    let latencies_us = std::mem::take(&mut *latencies.lock().unwrap());
    Cell { latencies_us, elapsed }
}

fn run_http(server: SocketAddr, command: &str, body: &[u8], clients: usize, requests: usize, seconds: u64) -> Cell {
    run_bounded(clients, requests, seconds, || {
        let mut conn = Connection::open(server);
        let (command, body) = (command.to_owned(), body.to_vec());
        Box::new(move || {
            conn.post(&command, &body);
        })
    })
}

fn run_cli(cli: &std::path::Path, command: &str, body: &[u8], clients: usize, requests: usize, seconds: u64) -> Cell {
    run_bounded(clients, requests, seconds, || {
        let (cli, command, body) = (cli.to_owned(), command.to_owned(), body.to_vec());
        Box::new(move || {
            let mut child =
                Command::new(&cli).arg(&command).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
            child.stdin.take().unwrap().write_all(&body).unwrap();
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success());
        })
    })
}
