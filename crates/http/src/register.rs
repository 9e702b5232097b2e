//! The register over HTTP: `/v1/register/...`, mounted when the shell gives a
//! [`RegisterMount`]. Each member of staff authenticates with their own bearer token; the
//! role the token belongs to is the register's [`Caller`] role, and the register's permission
//! table (`krisesenter_register::PERMISSIONS`) decides, not this module. No rule lives here.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use chrono::{DateTime, NaiveDate, Utc};
use krisesenter::cli::ErrorKind;
use krisesenter_register::{
    ActorId, Caller, Consent, ConsentId, DiscloseInput, HoldId, LegalHold, Operation, OperationError, RecordId,
    Register, Role, VerifyError,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::api::{Route, declares_json};
use crate::{ConfigError, Token, error};

/// A wall clock, as the shell supplies it (the server example gives `SystemTime::now` as a
/// `DateTime<Utc>`): the
/// time each [`Caller`] carries into the register's access log. The library reads none.
pub type WallClock = fn() -> DateTime<Utc>;

/// The register the server mounts under `/v1/register/...`: the opened [`Register`], the
/// staff who may use it and the clock that stamps each access. Cloning shares the register.
#[derive(Clone)]
pub struct RegisterMount {
    register: Arc<Mutex<Register>>,
    staff: Arc<Staff>,
    now: WallClock,
}

impl RegisterMount {
    /// Mounts `register` for `staff`, each access stamped with `now()`.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_http::{Config, RegisterMount, Staff, Token};
    /// use krisesenter_register::{ActorId, Register, RetentionPolicy, Role};
    ///
    /// let dir = std::env::temp_dir().join(format!("http-register-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let register = Register::open(&dir.join("shelter.db"), RetentionPolicy::default())?;
    /// let mut staff = Staff::new();
    /// staff.add(ActorId::try_new("leader-1")?, Role::Leader, Token::new("0123456789abcdef-leader")?)?;
    /// let mut config = Config::default();
    /// // The shell's wall clock; a test gives a fixed time.
    /// fn now() -> chrono::DateTime<chrono::Utc> {
    ///     std::time::SystemTime::now().into()
    /// }
    /// config.register = Some(RegisterMount::new(register, staff, now));
    /// let _app = krisesenter_http::router(&config);
    /// # drop(config);
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(register: Register, staff: Staff, now: WallClock) -> Self {
        Self { register: Arc::new(Mutex::new(register)), staff: Arc::new(staff), now }
    }
}

impl std::fmt::Debug for RegisterMount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterMount").field("staff", &self.staff.members.len()).finish_non_exhaustive()
    }
}

/// The members of staff who may use the register: each a bearer token, the id the access log
/// records and the role they act in. `Debug` shows neither tokens nor ids.
#[derive(Clone, Default)]
pub struct Staff {
    members: Vec<Member>,
}

#[derive(Clone)]
struct Member {
    token: Token,
    actor: ActorId,
    role: Role,
}

impl std::fmt::Debug for Staff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staff").field("members", &self.members.len()).finish()
    }
}

impl Staff {
    /// No one.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a member: `actor` acting as `role`, authenticated by `token`.
    ///
    /// # Errors
    ///
    /// [`ConfigError::DuplicateStaff`] when the id or the token is another member's already
    /// (a shared token would make the access log name the wrong person).
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_http::{Staff, Token};
    /// use krisesenter_register::{ActorId, Role};
    /// let mut staff = Staff::new();
    /// staff.add(ActorId::try_new("staff-7")?, Role::StaffOnDuty, Token::new("staff-7-token-0123456789")?)?;
    /// let again = staff.add(ActorId::try_new("staff-8")?, Role::Leader, Token::new("staff-7-token-0123456789")?);
    /// assert!(again.is_err());
    /// assert_eq!(staff.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&mut self, actor: ActorId, role: Role, token: Token) -> Result<(), ConfigError> {
        if self.members.iter().any(|m| m.actor == actor || m.token.matches(&token.0)) {
            return Err(ConfigError::DuplicateStaff);
        }
        self.members.push(Member { token, actor, role });
        Ok(())
    }

    /// How many members there are.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there is no member.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The member whose token `candidate` is: every token is compared (in constant time),
    /// whichever matches, so the time taken does not tell which member it was.
    fn find(&self, candidate: &[u8]) -> Option<&Member> {
        self.members
            .iter()
            .fold(None, |found, member| if member.token.matches(candidate) { Some(member) } else { found })
    }
}

/// The member of staff a request authenticated as, for the handlers.
#[derive(Clone)]
struct Authenticated {
    actor: ActorId,
    role: Role,
}

/// Every route of the register for the OpenAPI document: method, path template, the
/// register operation it performs, a summary, and whether it takes a JSON body.
pub(crate) const ROUTES: [(&str, &str, Operation, &str, bool); 9] = [
    ("get", "/v1/register/records/{record}", Operation::ReadRecord, "read a record as the role sees it", false),
    (
        "get",
        "/v1/register/records/{record}/disclosures",
        Operation::ReadDisclosureLog,
        "the record's disclosure log",
        false,
    ),
    (
        "post",
        "/v1/register/records/{record}/disclosures",
        Operation::Disclose,
        "decide a disclosure against the stored consents and log it (`{as_of, request}`)",
        true,
    ),
    (
        "post",
        "/v1/register/records/{record}/consents",
        Operation::GiveConsent,
        "store a consent the user gave (a `Consent`)",
        true,
    ),
    (
        "post",
        "/v1/register/records/{record}/consents/{consent}/withdraw",
        Operation::WithdrawConsent,
        "record that a consent was withdrawn (`{on}`)",
        true,
    ),
    ("post", "/v1/register/records/{record}/holds", Operation::PlaceHold, "place a legal hold (a `LegalHold`)", true),
    (
        "post",
        "/v1/register/records/{record}/holds/{hold}/release",
        Operation::ReleaseHold,
        "release a legal hold (`{on}`)",
        true,
    ),
    ("post", "/v1/register/sweep", Operation::Sweep, "run the retention sweep (`{as_of}`)", true),
    ("get", "/v1/register/access-log/verify", Operation::ReadAccessLog, "verify the access log's hash chain", false),
];

/// The register's routes, behind the staff's tokens.
pub(crate) fn routes(mount: &RegisterMount) -> Router {
    Router::new()
        .route("/v1/register/records/{record}", get(read_record))
        .route("/v1/register/records/{record}/disclosures", get(read_disclosures).post(disclose))
        .route("/v1/register/records/{record}/consents", post(give_consent))
        .route("/v1/register/records/{record}/consents/{consent}/withdraw", post(withdraw_consent))
        .route("/v1/register/records/{record}/holds", post(place_hold))
        .route("/v1/register/records/{record}/holds/{hold}/release", post(release_hold))
        .route("/v1/register/sweep", post(sweep))
        .route("/v1/register/access-log/verify", get(verify))
        .route_layer(middleware::from_fn_with_state(mount.clone(), authenticate))
        .with_state(mount.clone())
}

/// Lets a request through only with `Authorization: Bearer <a member's token>`, and tells
/// the handler who it is.
async fn authenticate(State(mount): State<RegisterMount>, mut request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.as_bytes().get(..7).filter(|scheme| scheme.eq_ignore_ascii_case(b"bearer ")).map(|_| v))
        .and_then(|v| v.as_bytes().get(7..));
    match presented.and_then(|candidate| mount.staff.find(candidate)) {
        Some(member) => {
            let who = Authenticated { actor: member.actor.clone(), role: member.role };
            request.extensions_mut().insert(who);
            next.run(request).await
        }
        None => {
            let mut response = error::for_status(StatusCode::UNAUTHORIZED);
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            response
        }
    }
}

/// Why a register request failed before or inside the register.
enum Failure {
    /// The request is not JSON of the right shape, or an id in the path is not an id.
    Shape(&'static str),
    /// The body is not declared `application/json`.
    MediaType,
    /// The register refused or failed.
    Operation(OperationError),
}

impl From<OperationError> for Failure {
    fn from(e: OperationError) -> Self {
        Self::Operation(e)
    }
}

fn answer(failure: &Failure) -> Response {
    match failure {
        Failure::Shape(message) => error::of_kind(StatusCode::BAD_REQUEST, ErrorKind::InvalidJson, message),
        Failure::MediaType => error::for_status(StatusCode::UNSUPPORTED_MEDIA_TYPE),
        Failure::Operation(e) => {
            // The register's messages name the operation and the role, never a value.
            let message = e.to_string();
            match e {
                OperationError::Refused { .. } => error::http_only(StatusCode::FORBIDDEN, error::FORBIDDEN, &message),
                OperationError::UnknownRecord { .. } | OperationError::UnknownItem { .. } => {
                    error::http_only(StatusCode::NOT_FOUND, error::NOT_FOUND, &message)
                }
                OperationError::Duplicate { .. } => error::http_only(StatusCode::CONFLICT, error::CONFLICT, &message),
                OperationError::Rejected { .. } => {
                    error::of_kind(StatusCode::UNPROCESSABLE_ENTITY, ErrorKind::InvalidInput, &message)
                }
                _ => error::http_only(StatusCode::INTERNAL_SERVER_ERROR, error::INTERNAL, "the register failed"),
            }
        }
    }
}

/// Runs `work` with the register locked, on the blocking pool (SQLite waits on disk and on
/// other writers), as the authenticated member at the clock's time; answers 200 with what it
/// gives or the error contract.
async fn run(
    mount: RegisterMount,
    who: Authenticated,
    operation: Operation,
    work: impl FnOnce(&mut Register, &Caller) -> Result<Value, Failure> + Send + 'static,
) -> Response {
    let caller = Caller::new(who.actor, who.role, (mount.now)());
    let register = Arc::clone(&mount.register);
    let done = tokio::task::spawn_blocking(move || {
        let mut register = register.lock().map_err(|_| ())?;
        Ok::<_, ()>(work(&mut register, &caller))
    })
    .await;
    let mut response = match done {
        Ok(Ok(Ok(value))) => error::json(StatusCode::OK, value.to_string()),
        Ok(Ok(Err(failure))) => answer(&failure),
        Ok(Err(())) | Err(_) => error::for_status(StatusCode::INTERNAL_SERVER_ERROR),
    };
    response.extensions_mut().insert(Route(operation.as_str()));
    response
}

fn record_id(text: &str) -> Result<RecordId, Failure> {
    RecordId::try_new(text).map_err(|_| Failure::Shape("the record id in the path is not a valid id"))
}

/// The body as `T` (which denies unknown fields), after checking it is declared JSON.
fn body<T: DeserializeOwned>(headers: &HeaderMap, bytes: &[u8]) -> Result<T, Failure> {
    if !declares_json(headers) {
        return Err(Failure::MediaType);
    }
    serde_json::from_slice(bytes).map_err(|_| Failure::Shape("the request body is not JSON of the expected shape"))
}

fn to_value<T: serde::Serialize>(value: &T) -> Result<Value, Failure> {
    serde_json::to_value(value).map_err(|_| {
        Failure::Operation(OperationError::Corrupt { operation: Operation::ReadRecord, table: "response" })
    })
}

/// A day, for a withdrawal, a release or a sweep.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OnDay {
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    on: NaiveDate,
}

/// A disclosure to decide: the request (its `consents` are replaced by those the register
/// holds for the record) and the day.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DiscloseBody {
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    as_of: NaiveDate,
    request: DiscloseInput,
}

/// The day of a sweep.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SweepBody {
    #[serde(deserialize_with = "krisesenter_core::date::exact")]
    as_of: NaiveDate,
}

type Who = axum::Extension<Authenticated>;

async fn read_record(State(m): State<RegisterMount>, who: Who, Path(record): Path<String>) -> Response {
    run(m, who.0, Operation::ReadRecord, move |register, caller| {
        let view = register.read_record(caller, &record_id(&record)?)?;
        Ok(json!({
            "id": view.id(),
            // null when the role does not see it; `ended_on` null while the contact goes on.
            "contact": view.contact_ended_on().map(|ended| json!({ "ended_on": ended })),
            "consents": view.consents(),
            "holds": view.holds(),
            "policy_version": view.policy_version(),
            "statistics_opt_out": view.statistics_opt_out(),
        }))
    })
    .await
}

async fn read_disclosures(State(m): State<RegisterMount>, who: Who, Path(record): Path<String>) -> Response {
    run(m, who.0, Operation::ReadDisclosureLog, move |register, caller| {
        let log = register.disclosure_log(caller, Some(&record_id(&record)?))?;
        let entries: Vec<Value> = log
            .iter()
            .map(|entry| {
                json!({
                    "position": entry.position(),
                    "record": entry.record(),
                    "decided_on": entry.decided_on(),
                    "rule_version": entry.rule_version(),
                    "outcome": entry.outcome(),
                    "request": entry.request(),
                    "decision": entry.decision(),
                })
            })
            .collect();
        Ok(json!({ "disclosures": entries }))
    })
    .await
}

fn done(operation: Operation) -> Value {
    json!({ "done": operation.as_str() })
}

async fn give_consent(
    State(m): State<RegisterMount>,
    who: Who,
    headers: HeaderMap,
    Path(record): Path<String>,
    bytes: Bytes,
) -> Response {
    let operation = Operation::GiveConsent;
    run(m, who.0, operation, move |register, caller| {
        let record = record_id(&record)?;
        let consent: Consent = body(&headers, &bytes)?;
        register.give_consent(caller, &record, &consent)?;
        Ok(done(operation))
    })
    .await
}

async fn withdraw_consent(
    State(m): State<RegisterMount>,
    who: Who,
    headers: HeaderMap,
    Path((record, consent)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let operation = Operation::WithdrawConsent;
    run(m, who.0, operation, move |register, caller| {
        let record = record_id(&record)?;
        let consent =
            ConsentId::try_new(consent).map_err(|_| Failure::Shape("the consent id in the path is not a valid id"))?;
        let OnDay { on } = body(&headers, &bytes)?;
        register.withdraw_consent(caller, &record, &consent, on)?;
        Ok(done(operation))
    })
    .await
}

async fn place_hold(
    State(m): State<RegisterMount>,
    who: Who,
    headers: HeaderMap,
    Path(record): Path<String>,
    bytes: Bytes,
) -> Response {
    let operation = Operation::PlaceHold;
    run(m, who.0, operation, move |register, caller| {
        let record = record_id(&record)?;
        let hold: LegalHold = body(&headers, &bytes)?;
        register.place_hold(caller, &record, &hold)?;
        Ok(done(operation))
    })
    .await
}

async fn release_hold(
    State(m): State<RegisterMount>,
    who: Who,
    headers: HeaderMap,
    Path((record, hold)): Path<(String, String)>,
    bytes: Bytes,
) -> Response {
    let operation = Operation::ReleaseHold;
    run(m, who.0, operation, move |register, caller| {
        let record = record_id(&record)?;
        let hold = HoldId::try_new(hold).map_err(|_| Failure::Shape("the hold id in the path is not a valid id"))?;
        let OnDay { on } = body(&headers, &bytes)?;
        register.release_hold(caller, &record, &hold, on)?;
        Ok(done(operation))
    })
    .await
}

async fn disclose(
    State(m): State<RegisterMount>,
    who: Who,
    headers: HeaderMap,
    Path(record): Path<String>,
    bytes: Bytes,
) -> Response {
    run(m, who.0, Operation::Disclose, move |register, caller| {
        let record = record_id(&record)?;
        let DiscloseBody { as_of, request } = body(&headers, &bytes)?;
        let decision = register.disclose(caller, &record, &request, as_of)?;
        to_value(&decision)
    })
    .await
}

async fn sweep(State(m): State<RegisterMount>, who: Who, headers: HeaderMap, bytes: Bytes) -> Response {
    run(m, who.0, Operation::Sweep, move |register, caller| {
        let SweepBody { as_of } = body(&headers, &bytes)?;
        let report = register.sweep(caller, as_of)?;
        Ok(json!({
            "as_of": report.as_of(),
            "decided": report.decided(),
            "held": report.held(),
            "certificates": to_value(&report.certificates())?,
            "checkpointed": report.checkpointed(),
        }))
    })
    .await
}

async fn verify(State(m): State<RegisterMount>, who: Who) -> Response {
    run(m, who.0, Operation::ReadAccessLog, move |register, caller| match register.verify(caller) {
        Ok(head) => Ok(json!({ "intact": true, "entries": head.entries(), "head": head.hex() })),
        Err(VerifyError::Operation(e)) => Err(Failure::Operation(e)),
        // What verify found is the answer, not a failure of the request.
        Err(found) => Ok(json!({ "intact": false, "finding": found.to_string() })),
    })
    .await
}
