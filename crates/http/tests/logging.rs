//! The access log never holds what a client sent: a marker planted in the body, the path, the
//! query string, header values, the method or the token never reaches the log, while every
//! request is logged. A subscriber for the whole test binary writes every event, at every
//! level and from every target (axum's, hyper's, ours), to a buffer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

mod common;

use std::sync::LazyLock;

use axum::body::Body;
use axum::http::{Method, Request};
use common::{LOG, runtime, send};
use krisesenter_http::{Config, Token, router};
use proptest::prelude::*;

static APPS: LazyLock<(axum::Router, axum::Router)> = LazyLock::new(|| {
    // The clock a shell supplies, so the access log measures latency.
    let mut open = Config::default();
    open.clock = Some(std::time::Instant::now);
    let mut guarded = open.clone();
    guarded.token = Some(Token::new("0123456789abcdef0123").unwrap());
    (router(&open), router(&guarded))
});

fn requests(marker: &str) -> Vec<(bool, Request<Body>)> {
    let assess =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/assess.json")).unwrap();
    let planted = assess.replace("2026-03-01", marker);
    let json = |r: axum::http::request::Builder| r.header("content-type", "application/json");
    vec![
        (false, json(Request::post(format!("/v1/{marker}"))).body(Body::from(marker.to_owned())).unwrap()),
        (
            false,
            json(Request::post(format!("/v1/assess?{marker}={marker}")))
                .header("user-agent", marker)
                .header(format!("x-{marker}"), marker)
                .header("authorization", format!("Bearer {marker}"))
                .header("cookie", format!("session={marker}"))
                .body(Body::from(planted.clone()))
                .unwrap(),
        ),
        (false, json(Request::post("/v1/disclose")).body(Body::from(format!(r#"{{"{marker}": 1}}"#))).unwrap()),
        (
            false,
            Request::post("/v1/assess")
                .header("content-type", format!("application/{marker}"))
                .body(Body::empty())
                .unwrap(),
        ),
        (
            false,
            Request::builder()
                .method(Method::from_bytes(marker.as_bytes()).unwrap())
                .uri("/v1/assess")
                .body(Body::empty())
                .unwrap(),
        ),
        (false, Request::get(format!("/v1/schemas/{marker}")).body(Body::empty()).unwrap()),
        (false, Request::get(format!("/?q={marker}#{marker}")).body(Body::empty()).unwrap()),
        (false, Request::get(format!("/{marker}/{marker}")).body(Body::empty()).unwrap()),
        (
            true,
            json(Request::post("/v1/assess"))
                .header("authorization", format!("Bearer {marker}"))
                .body(Body::from(planted))
                .unwrap(),
        ),
    ]
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(24))]

    /// http-15: no planted marker from any part of a request ever reaches the log; each
    /// request leaves one access line.
    #[test]
    fn no_planted_marker_reaches_the_log(tail in "[A-Za-z0-9]{12}") {
        let log = LazyLock::force(&LOG);
        let marker = format!("Zq{tail}");
        let rt = runtime();
        let before = log.lock().unwrap().len();
        let requests = requests(&marker);
        let count = requests.len();
        for (guarded, request) in requests {
            let app = if guarded { &APPS.1 } else { &APPS.0 };
            send(&rt, app, request);
        }
        let written = String::from_utf8_lossy(&log.lock().unwrap()[before..]).into_owned();
        prop_assert!(!written.contains(&marker), "the log holds the marker:\n{written}");
        prop_assert!(!written.contains(&tail), "the log holds part of the marker:\n{written}");
        // Other cases may run beside this one, so at least (not exactly) one line each.
        prop_assert!(written.matches("latency_us=").count() >= count, "every request is logged:\n{written}");
        prop_assert!(written.contains("method=\"other\""), "an unknown method is logged as other");
    }
}
