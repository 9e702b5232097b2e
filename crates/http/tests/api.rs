//! The API over the router, in process: the same bytes as the CLI, every error kind with its
//! status and the error contract as its body, the limits, the token, the security headers,
//! panics and timeouts, and the front end's files.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

mod common;

use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use common::{Answer, example_payloads, follows_error_contract, get as get_request, post, runtime, send};
use krisesenter::cli;
use krisesenter_http::{Config, Token, router, shell};

fn default_app() -> Router {
    router(&Config::default())
}

/// http-1: every payload in docs/examples/ gives, over HTTP, exactly the bytes `cli::run` gives.
#[test]
fn every_example_payload_gives_the_cli_output() {
    let rt = runtime();
    let app = default_app();
    let examples = example_payloads();
    let commands: std::collections::BTreeSet<&str> = examples.iter().map(|(c, _, _)| *c).collect();
    assert_eq!(commands.len(), cli::COMMANDS.len(), "every command has an example payload");
    for (command, name, payload) in examples {
        let answer = send(&rt, &app, post(command, payload.clone()));
        let expected = cli::run(command, &payload).unwrap();
        assert_eq!(answer.status, StatusCode::OK, "{name}");
        assert_eq!(answer.text(), expected, "{name}: the body is the CLI's output");
        assert_eq!(answer.header("content-type"), "application/json", "{name}");
    }
}

/// http-2: each error kind of the contract has its status, and the body is the CLI's error
/// line, byte for byte.
#[test]
fn every_error_kind_has_its_status_and_the_clis_body() {
    let rt = runtime();
    let app = default_app();
    let cases: [(&str, &[u8], u16, &str); 4] = [
        ("assess", b"not json", 400, "invalid_json"),
        ("assess", br#"{"as_of": 5}"#, 400, "invalid_json"),
        (
            "disclose",
            br#"{"as_of": "2010-01-01", "requester": "police", "initiative": "request",
                 "information": ["whereabouts"], "consents": []}"#,
            422,
            "invalid_input",
        ),
        ("nonsense", b"{}", 404, "unknown_command"),
    ];
    for (command, body, status, kind) in cases {
        let answer = send(&rt, &app, post(command, body.to_vec()));
        assert_eq!(answer.status.as_u16(), status, "{command} {}", String::from_utf8_lossy(body));
        assert_eq!(answer.json()["error"]["kind"], kind);
        follows_error_contract(&answer).unwrap();
        let expected = cli::run(command, body).unwrap_err().to_json_line();
        assert_eq!(answer.text(), expected, "the body is the CLI's error line");
    }
    // `schema` is no command over HTTP (schemas are `GET /v1/schemas/{name}`).
    let answer = send(&rt, &app, post("schema", "{}"));
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.text(), krisesenter::cli::CliError::unknown_command_name().to_json_line());
    // A path that exists, with the wrong method: 405, the error contract, and Allow.
    let answer = send(&rt, &app, get_request("/v1/assess"));
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.header("allow"), "POST");
    follows_error_contract(&answer).unwrap();
    // No such path at all.
    let answer = send(&rt, &app, get_request("/no/such/page"));
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    follows_error_contract(&answer).unwrap();
}

/// http-3: a body past the limit is 413 whether or not its length is declared; at the limit
/// it is read.
#[test]
fn a_body_past_the_limit_is_413() {
    let rt = runtime();
    let payload = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/disclose.json")).unwrap();
    let mut config = Config::default();
    config.body_limit = payload.len();
    let app = router(&config);
    assert_eq!(send(&rt, &app, post("disclose", payload.clone())).status, StatusCode::OK, "at the limit");

    let mut larger = payload.clone();
    larger.push(b' ');
    // Without Content-Length: the body is read up to the limit and refused.
    let answer = send(&rt, &app, post("disclose", larger.clone()));
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    follows_error_contract(&answer).unwrap();
    assert!(answer.json()["error"]["message"].as_str().unwrap().contains(&payload.len().to_string()));
    // With Content-Length: refused before reading.
    let request = Request::post("/v1/disclose")
        .header("content-type", "application/json")
        .header("content-length", larger.len())
        .body(Body::from(larger))
        .unwrap();
    let answer = send(&rt, &app, request);
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    follows_error_contract(&answer).unwrap();
    // The default fits a large shelter's year.
    assert_eq!(Config::default().body_limit, 64 * 1024 * 1024);
}

/// http-4: a body not declared as JSON is 415; `application/json` with parameters is JSON.
#[test]
fn a_body_not_declared_json_is_415() {
    let rt = runtime();
    let app = default_app();
    let payload = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/disclose.json")).unwrap();
    for content_type in [None, Some("text/plain"), Some("application/x-www-form-urlencoded"), Some("application/jsonx")]
    {
        let mut request = Request::post("/v1/disclose");
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let answer = send(&rt, &app, request.body(Body::from(payload.clone())).unwrap());
        assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{content_type:?}");
        follows_error_contract(&answer).unwrap();
    }
    let request = Request::post("/v1/disclose")
        .header("content-type", "Application/JSON; charset=utf-8")
        .body(Body::from(payload))
        .unwrap();
    assert_eq!(send(&rt, &app, request).status, StatusCode::OK);
}

/// http-5: every answer (a decision, an error, a page) carries no-store and a CSP that
/// allows only the server's own origin, with no inline script or style.
#[test]
fn every_answer_is_no_store_with_a_strict_csp() {
    let rt = runtime();
    let app = default_app();
    let payload = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/assess.json")).unwrap();
    let answers = [
        send(&rt, &app, post("assess", payload)),
        send(&rt, &app, post("assess", "nope")),
        send(&rt, &app, get_request("/")),
        send(&rt, &app, get_request("/app.js")),
        send(&rt, &app, get_request("/openapi.json")),
        send(&rt, &app, get_request("/healthz")),
        send(&rt, &app, get_request("/missing")),
    ];
    for answer in &answers {
        assert_eq!(answer.header("cache-control"), "no-store");
        let csp = answer.header("content-security-policy");
        assert!(csp.starts_with("default-src 'self'"), "{csp}");
        assert!(!csp.contains("unsafe") && !csp.contains("http") && !csp.contains('*'), "{csp}");
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(answer.header("x-content-type-options"), "nosniff");
    }
}

/// http-6: with a token configured, /v1/ needs `Authorization: Bearer <token>`; health, the
/// document and the front end do not. Without a token, an address outside loopback is refused.
#[test]
fn a_configured_token_guards_the_api() {
    let rt = runtime();
    let secret = "Zq-a-long-enough-secret-token-0123";
    let mut config = Config::default();
    config.token = Some(Token::new(secret).unwrap());
    let app = router(&config);
    let payload = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/examples/disclose.json")).unwrap();
    let with = |auth: Option<&str>| {
        let mut request = Request::post("/v1/disclose").header("content-type", "application/json");
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        send(&rt, &app, request.body(Body::from(payload.clone())).unwrap())
    };
    for auth in [None, Some("Bearer wrong"), Some(&*format!("Basic {secret}")), Some(&*format!("Bearer {secret}x"))] {
        let answer = with(auth);
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(answer.header("www-authenticate"), "Bearer");
        assert_eq!(answer.json()["error"]["kind"], "unauthorized");
        assert!(!answer.text().contains("Zq"), "the token is never echoed");
        follows_error_contract(&answer).unwrap();
    }
    assert_eq!(with(Some(&format!("Bearer {secret}"))).status, StatusCode::OK);
    assert_eq!(with(Some(&format!("bearer {secret}"))).status, StatusCode::OK, "the scheme is case-insensitive");
    assert_eq!(send(&rt, &app, get_request("/v1/schemas/assess-input")).status, StatusCode::UNAUTHORIZED);
    for open in ["/healthz", "/openapi.json", "/"] {
        assert_eq!(send(&rt, &app, get_request(open)).status, StatusCode::OK, "{open}");
    }
    assert!(!format!("{config:?}").contains("Zq"), "Debug of the configuration hides the token");

    let mut public = Config::default();
    public.bind = "0.0.0.0:8080".parse().unwrap();
    assert!(public.check().is_err(), "no public address without a token");
    public.token = Some(Token::new(secret).unwrap());
    assert!(public.check().is_ok());
    assert!(Token::new("too-short").is_err());
}

/// The token comparison: equal only for the same bytes, whatever the position of a difference.
#[test]
fn the_token_matches_only_itself() {
    let token = Token::new("0123456789abcdef0123").unwrap();
    assert!(token.matches(b"0123456789abcdef0123"));
    for i in 0..20 {
        let mut other = b"0123456789abcdef0123".to_vec();
        other[i] ^= 1;
        assert!(!token.matches(&other), "a difference at byte {i}");
    }
    assert!(!token.matches(b"0123456789abcdef012"));
    assert!(!token.matches(b"0123456789abcdef01234"));
    assert!(!token.matches(b""));
}

async fn boom() -> &'static str {
    panic!("a handler failed")
}

/// http-7: a panic in a handler answers 500 with the error contract, and the same service
/// answers the next request.
#[test]
fn a_panic_answers_500_and_the_server_lives() {
    let rt = runtime();
    let app =
        shell(Router::new().route("/boom", get(boom)).route("/fine", get(|| async { "fine" })), &Config::default());
    let answer = send(&rt, &app, get_request("/boom"));
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(answer.json()["error"]["kind"], "internal");
    assert!(!answer.text().contains("a handler failed"), "the panic message is not sent");
    follows_error_contract(&answer).unwrap();
    let answer = send(&rt, &app, get_request("/fine"));
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.text(), "fine");
}

/// http-8: a request past the timeout is 503 with kind `timeout`; the concurrency limit makes
/// requests beyond it wait.
#[test]
fn slow_requests_time_out_and_the_excess_waits() {
    let rt = runtime();
    let mut config = Config::default();
    config.request_timeout = Duration::from_millis(50);
    let slow = Router::new().route(
        "/slow",
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            "late"
        }),
    );
    let answer = send(&rt, &shell(slow, &config), get_request("/slow"));
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(answer.json()["error"]["kind"], "timeout");
    follows_error_contract(&answer).unwrap();

    let mut config = Config::default();
    config.concurrency = 1;
    let app = shell(
        Router::new().route(
            "/work",
            get(|| async {
                tokio::time::sleep(Duration::from_millis(100)).await;
                "done"
            }),
        ),
        &config,
    );
    let start = Instant::now();
    let statuses = rt.block_on(async {
        use tower::ServiceExt;
        let requests = (0..3).map(|_| app.clone().oneshot(get_request("/work")));
        let mut statuses = Vec::new();
        for handle in requests.map(tokio::spawn).collect::<Vec<_>>() {
            statuses.push(handle.await.unwrap().unwrap().status());
        }
        statuses
    });
    assert!(statuses.iter().all(|s| *s == StatusCode::OK));
    assert!(start.elapsed() >= Duration::from_millis(290), "one at a time: {:?}", start.elapsed());
}

/// http-9: every schema name answers the schema `krisesenter-cli schema NAME` prints; health
/// answers ok.
#[test]
fn schemas_and_health() {
    let rt = runtime();
    let app = default_app();
    for name in cli::schema_names() {
        let answer = send(&rt, &app, get_request(&format!("/v1/schemas/{name}")));
        assert_eq!(answer.status, StatusCode::OK, "{name}");
        assert_eq!(answer.text(), cli::run("schema", name.as_bytes()).unwrap(), "{name}");
    }
    let answer = send(&rt, &app, get_request("/healthz"));
    assert_eq!(answer.json(), serde_json::json!({"status": "ok"}));
}

/// http-10: the front end is served from the binary, with no inline script, style or event
/// handler, nothing from another origin, and no use of browser storage or cookies.
#[test]
fn the_front_end_keeps_to_its_own_origin_and_stores_nothing() {
    let rt = runtime();
    let app = default_app();
    let page: Answer = send(&rt, &app, get_request("/"));
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    let html = page.text();
    assert!(html.contains("<html lang=\"nb\">"));
    for script in html.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(tag.contains("src=\"/"), "only scripts from the server: <script{tag}>");
    }
    assert!(!html.contains(" style=") && !html.contains("<style"), "no inline style");
    assert!(!html.contains(" onclick=") && !html.contains(" onload=") && !html.contains(" onsubmit="));
    let js = send(&rt, &app, get_request("/app.js"));
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    let css = send(&rt, &app, get_request("/style.css"));
    for text in [html.as_str(), &js.text(), &css.text()] {
        for forbidden in ["localStorage", "sessionStorage", "document.cookie", "indexedDB", "https://", "//cdn"] {
            assert!(!text.contains(forbidden), "the front end uses {forbidden}");
        }
        // The only URL is the SVG namespace, which names and fetches nothing.
        assert!(text.replace("http://www.w3.org/2000/svg", "").find("http://").is_none());
    }
    // Every form control has a label.
    for id in html.split("<input id=\"").skip(1).chain(html.split("<select id=\"").skip(1)) {
        let id = id.split('"').next().unwrap();
        assert!(html.contains(&format!("for=\"{id}\"")), "#{id} has a label");
    }
}
