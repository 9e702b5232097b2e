//! Helpers shared by the integration tests: the router in process, requests, payloads.

#![allow(dead_code, reason = "each test file uses a part")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use krisesenter::cli;
use serde_json::Value;
use tower::ServiceExt;

/// One answer: status, headers, body.
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Answer {
    pub(crate) fn text(&self) -> String {
        String::from_utf8(self.body.clone()).unwrap()
    }

    pub(crate) fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&self.body)))
    }

    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }
}

/// A runtime for one test (current thread; the blocking pool is there for spawn_blocking).
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// Sends one request through the router, in process.
pub(crate) fn send(runtime: &tokio::runtime::Runtime, app: &Router, request: Request<Body>) -> Answer {
    runtime.block_on(async {
        let response = app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX).await.unwrap().to_vec();
        Answer { status: parts.status, headers: parts.headers, body }
    })
}

/// `POST /v1/{command}` with a JSON body.
pub(crate) fn post(command: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(format!("/v1/{command}")).header("content-type", "application/json").body(body.into()).unwrap()
}

pub(crate) fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).unwrap()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..")
}

/// `docs/examples/<command>*.json` for every command: (command, file name, bytes).
pub(crate) fn example_payloads() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(root().join("docs").join("examples")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if let Some(command) = cli::command_names().find(|c| name == *c || name.starts_with(&format!("{c}-"))) {
            out.push((command, name, std::fs::read(&path).unwrap()));
        }
    }
    out
}

/// The kinds an error body may hold, and the status each one comes with.
pub(crate) fn status_of_kind(kind: &str) -> Option<&'static [u16]> {
    Some(match kind {
        "invalid_json" => &[400, 415],
        "invalid_input" => &[413, 422],
        "unknown_command" => &[404, 405],
        "output_failed" | "internal" => &[500],
        "unauthorized" => &[401],
        "timeout" => &[503],
        "forbidden" => &[403],
        "not_found" => &[404],
        "conflict" => &[409],
        _ => return None,
    })
}

/// Whether an answer that is not 200 follows the error contract: a JSON object with exactly
/// `error: {kind, message, path}`, a known kind that agrees with the status.
pub(crate) fn follows_error_contract(answer: &Answer) -> Result<(), String> {
    let value: Value = serde_json::from_slice(&answer.body).map_err(|_| String::from("the body is not JSON"))?;
    let outer = value.as_object().ok_or("not an object")?;
    if outer.len() != 1 {
        return Err(format!("expected only `error`: {value}"));
    }
    let error = outer.get("error").and_then(Value::as_object).ok_or("no error object")?;
    if error.len() != 3 {
        return Err(format!("expected kind, message, path: {value}"));
    }
    let kind = error.get("kind").and_then(Value::as_str).ok_or("kind is not a string")?;
    error.get("message").and_then(Value::as_str).ok_or("message is not a string")?;
    if !matches!(error.get("path"), Some(Value::Null | Value::String(_))) {
        return Err(String::from("path is neither null nor a string"));
    }
    let statuses = status_of_kind(kind).ok_or_else(|| format!("unknown kind {kind}"))?;
    if !statuses.contains(&answer.status.as_u16()) {
        return Err(format!("kind {kind} with status {}", answer.status));
    }
    if answer.header("content-type") != "application/json" {
        return Err(String::from("not served as application/json"));
    }
    Ok(())
}

/// Everything logged by the test binary, at every level and from every target (axum's,
/// hyper's, ours): the first touch installs a subscriber writing to this buffer.
pub(crate) static LOG: LazyLock<Arc<Mutex<Vec<u8>>>> = LazyLock::new(|| {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_writer(move || Sink(Arc::clone(&sink))).init();
    log
});

/// The writer behind [`LOG`].
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
