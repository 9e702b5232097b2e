//! The register over HTTP (`/v1/register/...`): every route works for each role the
//! register's permission table gives its operation and is refused (403, the error contract)
//! to every other role; no token or a wrong one is 401; nothing a client sent reaches the log.
//! Which role may do what comes from `krisesenter_register::may`, never from a list here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

mod common;

use std::path::PathBuf;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use chrono::{DateTime, TimeZone, Utc};
use common::{Answer, LOG, follows_error_contract, runtime, send};
use krisesenter_http::{Config, RegisterMount, Staff, Token, router};
use krisesenter_register::{ActorId, Caller, Operation, RecordId, Register, RetentionPolicy, Role, may};
use serde_json::{Value, json};

// ------------------------------------------------------------------ the log, for the whole binary

// ------------------------------------------------------------------ a seeded register

fn token_of(role: Role) -> String {
    format!("token-of-{}-0123456789", role.as_str())
}

fn actor_of(role: Role) -> ActorId {
    ActorId::try_new(format!("{}-1", role.as_str())).unwrap()
}

/// The fixed time the test's shell supplies for every access.
fn noon() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).single().unwrap()
}

fn fresh_dir() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "krisesenter-http-register-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A register with record `r1` (contact ended 2026-01-31, a written sharing consent `c1` to
/// the police for the violence history, a storage consent `c2`, a police case hold `h1`) and
/// record `r2` (contact ended 2025-01-01, no consent: due), and one member of staff per role.
struct Seeded {
    app: Router,
    dir: PathBuf,
}

impl Drop for Seeded {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn seeded() -> Seeded {
    LazyLock::force(&LOG);
    let dir = fresh_dir();
    let mut register = Register::open(&dir.join("shelter.db"), RetentionPolicy::default()).unwrap();
    let leader = Caller::new(actor_of(Role::Leader), Role::Leader, noon());
    let (r1, r2) = (RecordId::try_new("r1").unwrap(), RecordId::try_new("r2").unwrap());
    register.open_record(&leader, &r1).unwrap();
    register.end_contact(&leader, &r1, chrono::NaiveDate::from_ymd_opt(2026, 1, 31)).unwrap();
    let c1 = json!({"id": "c1", "kind": "sharing", "recipients": ["police"], "information": ["violence_history"],
                    "given_on": "2026-01-10", "written": true});
    let c2 = json!({"id": "c2", "kind": "storage", "recipients": [], "information": [],
                    "given_on": "2026-01-10", "written": true});
    for consent in [c1, c2] {
        register.give_consent(&leader, &r1, &serde_json::from_value(consent).unwrap()).unwrap();
    }
    let hold = json!({"id": "h1", "reason": "police_case", "placed_on": "2026-02-01"});
    register.place_hold(&leader, &r1, &serde_json::from_value(hold).unwrap()).unwrap();
    register.open_record(&leader, &r2).unwrap();
    register.end_contact(&leader, &r2, chrono::NaiveDate::from_ymd_opt(2025, 1, 1)).unwrap();
    let mut staff = Staff::new();
    for role in Role::ALL {
        staff.add(actor_of(*role), *role, Token::new(&token_of(*role)).unwrap()).unwrap();
    }
    let mut config = Config::default();
    config.clock = Some(std::time::Instant::now);
    config.register = Some(RegisterMount::new(register, staff, noon));
    Seeded { app: router(&config), dir }
}

// ------------------------------------------------------------------ the routes

/// Every route of the register: the operation the register performs for it, the method, the
/// path and the body. Which roles may call it is the permission table's answer.
fn routes() -> Vec<(Operation, &'static str, &'static str, Option<Value>)> {
    vec![
        (Operation::ReadRecord, "GET", "/v1/register/records/r1", None),
        (Operation::ReadDisclosureLog, "GET", "/v1/register/records/r1/disclosures", None),
        (
            Operation::GiveConsent,
            "POST",
            "/v1/register/records/r1/consents",
            Some(json!({"id": "c9", "kind": "storage", "recipients": [], "information": [],
                        "given_on": "2026-03-01", "written": true})),
        ),
        (
            Operation::WithdrawConsent,
            "POST",
            "/v1/register/records/r1/consents/c1/withdraw",
            Some(json!({"on": "2026-03-01"})),
        ),
        (
            Operation::PlaceHold,
            "POST",
            "/v1/register/records/r1/holds",
            Some(json!({"id": "h9", "reason": "court_case", "placed_on": "2026-03-01"})),
        ),
        (Operation::ReleaseHold, "POST", "/v1/register/records/r1/holds/h1/release", Some(json!({"on": "2026-03-01"}))),
        (
            Operation::Disclose,
            "POST",
            "/v1/register/records/r1/disclosures",
            Some(json!({"as_of": "2026-03-01", "request": {"requester": "police", "initiative": "request",
                        "information": ["violence_history"], "consents": []}})),
        ),
        (Operation::Sweep, "POST", "/v1/register/sweep", Some(json!({"as_of": "2026-03-01"}))),
        (Operation::ReadAccessLog, "GET", "/v1/register/access-log/verify", None),
    ]
}

fn request(method: &str, path: &str, body: Option<&Value>, token: Option<&str>) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        builder = builder.header("authorization", format!("Bearer {token}"));
    }
    match body {
        Some(body) => builder.header("content-type", "application/json").body(Body::from(body.to_string())).unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

fn call(seeded: &Seeded, method: &str, path: &str, body: Option<&Value>, role: Role) -> Answer {
    send(&runtime(), &seeded.app, request(method, path, body, Some(&token_of(role))))
}

fn kind(answer: &Answer) -> String {
    answer.json()["error"]["kind"].as_str().unwrap_or_default().to_owned()
}

// ------------------------------------------------------------------ tests

#[test]
fn every_route_answers_each_role_as_the_permission_table_says() {
    let routes = routes();
    // Each route is its own operation, so a refusal is that operation's.
    let operations: std::collections::BTreeSet<&str> = routes.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(operations.len(), routes.len());
    for (operation, method, path, body) in &routes {
        let (mut allowed, mut refused) = (0, 0);
        for role in Role::ALL {
            // A fresh register per call: one role's write does not change what the next finds.
            let seeded = seeded();
            let answer = call(&seeded, method, path, body.as_ref(), *role);
            if may(*role, *operation) {
                allowed += 1;
                assert_eq!(answer.status, 200, "{role} {operation}: {}", answer.text());
                assert_eq!(answer.header("content-type"), "application/json");
            } else {
                refused += 1;
                assert_eq!(answer.status, 403, "{role} {operation}: {}", answer.text());
                follows_error_contract(&answer).unwrap();
                assert_eq!(kind(&answer), "forbidden");
            }
        }
        assert!(allowed > 0, "{operation}: a route no role may use");
        assert_eq!(allowed + refused, Role::ALL.len());
    }
}

#[test]
fn no_token_or_a_wrong_one_is_401_on_every_route() {
    let seeded = seeded();
    let rt = runtime();
    for (_, method, path, body) in routes() {
        for token in [None, Some("not-a-token-of-anyone-0123"), Some("")] {
            let answer = send(&rt, &seeded.app, request(method, path, body.as_ref(), token));
            assert_eq!(answer.status, 401, "{method} {path}");
            follows_error_contract(&answer).unwrap();
            assert_eq!(answer.header("www-authenticate"), "Bearer");
        }
        // A member's token in another scheme is no bearer token.
        let basic = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Basic {}", token_of(Role::Leader)))
            .body(Body::empty())
            .unwrap();
        assert_eq!(send(&rt, &seeded.app, basic).status, 401);
    }
}

#[test]
fn a_consent_given_over_http_is_read_back_and_decides_a_disclosure() {
    let seeded = seeded();
    let staff = Role::StaffOnDuty;
    let consent = json!({"id": "c3", "kind": "sharing", "recipients": ["child_welfare"],
                         "information": ["whereabouts"], "given_on": "2026-02-20", "written": false});
    let answer = call(&seeded, "POST", "/v1/register/records/r1/consents", Some(&consent), staff);
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.json(), json!({"done": "give_consent"}));
    let record = call(&seeded, "GET", "/v1/register/records/r1", None, staff).json();
    let ids: Vec<&str> = record["consents"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["c1", "c2", "c3"]);
    assert_eq!(record["holds"][0]["id"], "h1");
    assert_eq!(record["contact"]["ended_on"], "2026-01-31");

    // The same id again: 409.
    let again = call(&seeded, "POST", "/v1/register/records/r1/consents", Some(&consent), staff);
    assert_eq!(again.status, 409);
    follows_error_contract(&again).unwrap();

    // The police ask for the violence history; the stored written consent c1 lets it go,
    // whatever consents the request itself lists.
    let ask = json!({"as_of": "2026-03-01", "request": {"requester": "police", "initiative": "request",
                     "information": ["violence_history"], "consents": []}});
    let decision = call(&seeded, "POST", "/v1/register/records/r1/disclosures", Some(&ask), staff).json();
    assert_eq!(decision["outcome"], "share", "{decision}");
    let log = call(&seeded, "GET", "/v1/register/records/r1/disclosures", None, staff).json();
    let entries = log["disclosures"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["outcome"], "share");
    assert_eq!(entries[0]["decided_on"], "2026-03-01");

    // The auditor reads a record without its consents (the table's fields), with its holds.
    let record = call(&seeded, "GET", "/v1/register/records/r1", None, Role::Auditor).json();
    assert_eq!(record["consents"], Value::Null);
    assert_eq!(record["holds"][0]["id"], "h1");

    // Withdrawn, it is withdrawn in the record.
    let off = call(
        &seeded,
        "POST",
        "/v1/register/records/r1/consents/c3/withdraw",
        Some(&json!({"on": "2026-03-01"})),
        staff,
    );
    assert_eq!(off.status, 200);
    let record = call(&seeded, "GET", "/v1/register/records/r1", None, staff).json();
    assert_eq!(record["consents"][2]["withdrawn_on"], "2026-03-01");
}

#[test]
fn the_sweep_deletes_the_due_record_keeps_the_held_one_and_the_chain_verifies() {
    let seeded = seeded();
    let report =
        call(&seeded, "POST", "/v1/register/sweep", Some(&json!({"as_of": "2026-03-01"})), Role::Leader).json();
    assert_eq!(report["decided"], 2, "{report}");
    let deleted: Vec<&str> =
        report["certificates"].as_array().unwrap().iter().map(|c| c["record"].as_str().unwrap()).collect();
    assert_eq!(deleted, ["r2"]);
    let gone = call(&seeded, "GET", "/v1/register/records/r2", None, Role::StaffOnDuty);
    assert_eq!(gone.status, 404);
    follows_error_contract(&gone).unwrap();
    assert_eq!(call(&seeded, "GET", "/v1/register/records/r1", None, Role::StaffOnDuty).status, 200);
    let verified = call(&seeded, "GET", "/v1/register/access-log/verify", None, Role::Auditor).json();
    assert_eq!(verified["intact"], true, "{verified}");
    assert!(verified["entries"].as_i64().unwrap() > 8);
}

#[test]
fn bodies_of_the_wrong_shape_are_refused_before_the_register_changes() {
    let seeded = seeded();
    let rt = runtime();
    let leader = token_of(Role::Leader);
    let cases = [
        // An unknown field.
        json!({"on": "2026-03-01", "extra": true}),
        // A day that is not a day.
        json!({"on": "1 March"}),
        json!([]),
    ];
    for body in cases {
        let r = request("POST", "/v1/register/records/r1/holds/h1/release", Some(&body), Some(&leader));
        let answer = send(&rt, &seeded.app, r);
        assert_eq!(answer.status, 400, "{body}");
        follows_error_contract(&answer).unwrap();
    }
    // Not declared JSON: 415.
    let r = Request::post("/v1/register/sweep")
        .header("authorization", format!("Bearer {leader}"))
        .header("content-type", "text/plain")
        .body(Body::from(r#"{"as_of": "2026-03-01"}"#))
        .unwrap();
    assert_eq!(send(&rt, &seeded.app, r).status, 415);
    // A release before the hold was placed: the rules refuse it, 422.
    let early =
        request("POST", "/v1/register/records/r1/holds/h1/release", Some(&json!({"on": "2026-01-01"})), Some(&leader));
    let answer = send(&rt, &seeded.app, early);
    assert_eq!(answer.status, 422);
    follows_error_contract(&answer).unwrap();
    // An unknown hold: 404. The hold h1 is still active.
    let unknown =
        request("POST", "/v1/register/records/r1/holds/h7/release", Some(&json!({"on": "2026-03-01"})), Some(&leader));
    assert_eq!(send(&rt, &seeded.app, unknown).status, 404);
    let record = call(&seeded, "GET", "/v1/register/records/r1", None, Role::Leader).json();
    assert_eq!(record["holds"][0]["released_on"], Value::Null, "{record}");
}

#[test]
fn no_body_path_or_token_reaches_the_log() {
    let seeded = seeded();
    let log = LazyLock::force(&LOG);
    let rt = runtime();
    let marker = "Zq7MarkerInABody";
    let before = log.lock().unwrap().len();
    let leader = token_of(Role::Leader);
    let consent = json!({"id": marker, "kind": "storage", "recipients": [], "information": [],
                         "given_on": "2026-03-01", "written": true});
    let requests = [
        request("POST", "/v1/register/records/r1/consents", Some(&consent), Some(&leader)),
        request("POST", &format!("/v1/register/records/{marker}/consents"), Some(&consent), Some(&leader)),
        request("GET", &format!("/v1/register/records/{marker}"), None, Some(&leader)),
        request(
            "POST",
            &format!("/v1/register/records/r1/consents/{marker}/withdraw"),
            Some(&json!({"on": marker})),
            Some(&leader),
        ),
        request("GET", "/v1/register/records/r1", None, Some(marker)),
        request("POST", "/v1/register/sweep", Some(&json!({"as_of": "2026-03-01", "note": marker})), Some(&leader)),
    ];
    let count = requests.len();
    let statuses: Vec<u16> = requests.into_iter().map(|r| send(&rt, &seeded.app, r).status.as_u16()).collect();
    assert_eq!(statuses, [200, 404, 404, 400, 401, 400]);
    let written = String::from_utf8_lossy(&log.lock().unwrap()[before..]).into_owned();
    assert!(!written.contains(marker), "the log holds the marker:\n{written}");
    assert!(!written.contains(&leader), "the log holds a token:\n{written}");
    assert!(written.matches("latency_us=").count() >= count, "every request is logged:\n{written}");
    assert!(written.contains("command=\"give_consent\""), "the operation is logged by name:\n{written}");
}

#[test]
fn the_openapi_document_lists_every_register_route_when_one_is_mounted() {
    let seeded = seeded();
    let doc = send(&runtime(), &seeded.app, common::get("/openapi.json")).json();
    let official: Value = serde_json::from_str(include_str!("openapi-3.1/schema-2022-10-07.json")).unwrap();
    let validator = jsonschema::validator_for(&official).unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "not valid OpenAPI 3.1: {errors:#?}");
    let mut documented = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            if op["tags"] != json!(["register"]) {
                continue;
            }
            documented.insert(op["operationId"].as_str().unwrap().to_owned());
            assert!(path.starts_with("/v1/register/"), "{path}");
            assert_eq!(op["security"], json!([{"staff": []}]), "{method} {path}");
            for (_, response) in op["responses"].as_object().unwrap() {
                if let Some(reference) = response["$ref"].as_str() {
                    let name = reference.strip_prefix("#/components/responses/").unwrap();
                    assert!(doc["components"]["responses"][name].is_object(), "{reference} resolves");
                }
            }
        }
    }
    let exercised: std::collections::BTreeSet<String> = routes()
        .iter()
        .map(|(operation, method, _, _)| format!("register_{}_{}", operation.as_str(), method.to_lowercase()))
        .collect();
    assert_eq!(documented, exercised, "the document lists exactly the routes this file tests");
    assert!(doc["components"]["securitySchemes"]["staff"].is_object());
    // Without a register, the document names none.
    let plain = krisesenter_http::openapi(&Config::default());
    assert!(plain["paths"].as_object().unwrap().keys().all(|p| !p.starts_with("/v1/register/")));
}

#[test]
fn staff_refuse_a_shared_id_or_token_and_debug_shows_neither() {
    let mut staff = Staff::new();
    assert!(staff.is_empty());
    let token = |text: &str| Token::new(text).unwrap();
    staff.add(actor_of(Role::Leader), Role::Leader, token("first-token-0123456789")).unwrap();
    assert!(!staff.is_empty());
    // The same id with another token, and another id with the same token: both refused.
    assert!(staff.add(actor_of(Role::Leader), Role::Auditor, token("second-token-0123456789")).is_err());
    assert!(staff.add(actor_of(Role::Auditor), Role::Auditor, token("first-token-0123456789")).is_err());
    staff.add(actor_of(Role::Auditor), Role::Auditor, token("third-token-0123456789")).unwrap();
    assert_eq!(staff.len(), 2);
    let shown = format!("{staff:?}");
    assert_eq!(shown, "Staff { members: 2 }");
    let dir = fresh_dir();
    let register = Register::open(&dir.join("shelter.db"), RetentionPolicy::default()).unwrap();
    let mount = RegisterMount::new(register, staff, noon);
    let shown = format!("{mount:?}");
    assert_eq!(shown, "RegisterMount { staff: 2, .. }");
    assert!(!shown.contains("token") && !shown.contains("leader-1"));
    drop(mount);
    let _ = std::fs::remove_dir_all(&dir);
}
