//! Fuzzed requests through the router: arbitrary bytes, arbitrary JSON, mutated names and
//! content types never panic, and every answer is either the command's output or follows the
//! error contract with the status of its kind. Raise the cases with `PROPTEST_CASES`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, follows_error_contract, post, runtime, send};
use krisesenter::cli;
use krisesenter_http::{Config, router};

use proptest::prelude::*;
use serde_json::Value;

/// Routers are built once (building one makes every schema and the OpenAPI document).
fn app(limit: usize) -> &'static axum::Router {
    use std::sync::LazyLock;
    static APPS: LazyLock<Vec<(usize, axum::Router)>> = LazyLock::new(|| {
        LIMITS
            .iter()
            .map(|&limit| {
                let mut config = Config::default();
                config.body_limit = limit;
                (limit, router(&config))
            })
            .collect()
    });
    &APPS.iter().find(|(l, _)| *l == limit).unwrap().1
}

const LIMITS: [usize; 4] = [krisesenter_http::DEFAULT_BODY_LIMIT, 1, 40, 300];

fn check(answer: &Answer, command: &str, input: &[u8]) -> Result<(), TestCaseError> {
    if answer.status == StatusCode::OK {
        prop_assert_eq!(answer.text(), cli::run(command, input).unwrap(), "a 200 is the CLI's output");
    } else {
        prop_assert!(follows_error_contract(answer).is_ok(), "{:?}: {}", follows_error_contract(answer), answer.text());
        if cli::command(command).is_some() && answer.status != StatusCode::PAYLOAD_TOO_LARGE {
            let expected = cli::run(command, input).unwrap_err().to_json_line();
            prop_assert_eq!(answer.text(), expected, "the error is the CLI's");
        }
    }
    Ok(())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z_]{0,12}".prop_map(Value::from),
        Just(Value::from("2026-03-01")),
        Just(Value::from("police")),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof!["[a-z_]{1,12}", Just(String::from("as_of")), Just(String::from("consents"))],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(krisesenter_testkit::config(48))]

    /// http-14: arbitrary bytes to any command never panic; the answer follows the contract.
    #[test]
    fn arbitrary_bytes_follow_the_contract(body in prop::collection::vec(any::<u8>(), 0..256), c in 0..cli::COMMANDS.len()) {
        let command = cli::COMMANDS[c].name();
        let answer = send(&runtime(), app(LIMITS[0]), post(command, body.clone()));
        check(&answer, command, &body)?;
    }

    /// http-14: arbitrary JSON to any command never panics; the answer follows the contract.
    #[test]
    fn arbitrary_json_follows_the_contract(value in json_value(), c in 0..cli::COMMANDS.len()) {
        let command = cli::COMMANDS[c].name();
        let body = value.to_string().into_bytes();
        let answer = send(&runtime(), app(LIMITS[0]), post(command, body.clone()));
        check(&answer, command, &body)?;
    }

    /// http-14: arbitrary command names, content types and small limits: always the contract.
    #[test]
    fn arbitrary_names_types_and_limits_follow_the_contract(
        name in prop_oneof!["[a-zA-Z0-9_.~-]{0,16}", Just(String::from("assess")), Just(String::from("report"))],
        content_type in prop_oneof![Just("application/json"), Just("text/plain"), Just(""), Just("application/json; charset=utf-8")],
        limit in prop::sample::select(&LIMITS[1..]),
        body in prop_oneof![
            json_value().prop_map(|v| v.to_string().into_bytes()),
            prop::collection::vec(any::<u8>(), 0..512),
        ],
    ) {
        let mut request = Request::post(format!("/v1/{name}"));
        if !content_type.is_empty() {
            request = request.header("content-type", content_type);
        }
        let answer = send(&runtime(), app(limit), request.body(Body::from(body.clone())).unwrap());
        if answer.status != StatusCode::OK {
            prop_assert!(follows_error_contract(&answer).is_ok(), "{:?}: {}", follows_error_contract(&answer), answer.text());
        }
        if cli::command(&name).is_none() {
            prop_assert_eq!(answer.status, StatusCode::NOT_FOUND);
        } else if !content_type.starts_with("application/json") {
            prop_assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        } else if body.len() > limit {
            prop_assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
        } else {
            check(&answer, &name, &body)?;
        }
    }
}
