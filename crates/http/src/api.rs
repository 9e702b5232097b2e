//! The API: every command of the contract, its schemas, the OpenAPI document, health.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use krisesenter::cli::{self, CliError, Command, ErrorKind};

use crate::{Config, Token, error};

/// Commands that can keep a core busy for long (an optimal placement, a year of stays):
/// they run on the blocking pool so the async workers keep answering.
const HEAVY: [&str; 2] = ["allocate", "report"];

/// A document larger than this runs on the blocking pool whatever the command.
const HEAVY_BYTES: usize = 256 * 1024;

/// The route of a request, for the access log: set by the handlers from the command table,
/// never from the request, so the log holds only names the server itself knows.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Route(pub(crate) &'static str);

struct Api {
    body_limit: usize,
    schemas: BTreeMap<String, String>,
    openapi: String,
}

/// The routes of the API, each with its state.
pub(crate) fn routes(config: &Config) -> Router {
    let schemas = cli::schema_names()
        .filter_map(|name| cli::run("schema", name.as_bytes()).ok().map(|doc| (name, doc)))
        .collect();
    let openapi = serde_json::to_string_pretty(&crate::openapi(config)).unwrap_or_default();
    let api = Arc::new(Api { body_limit: config.body_limit, schemas, openapi });
    let v1 = Router::new()
        .route("/v1/{command}", post(run_command))
        .route("/v1/schemas/{name}", get(schema))
        .with_state(Arc::clone(&api));
    let v1 = match &config.token {
        Some(token) => v1.route_layer(middleware::from_fn_with_state(token.clone(), authorise)),
        None => v1,
    };
    Router::new()
        .route("/openapi.json", get(openapi_document))
        .route("/healthz", get(healthz))
        .with_state(api)
        .merge(v1)
}

async fn healthz() -> Response {
    error::json(StatusCode::OK, String::from(r#"{"status":"ok"}"#))
}

async fn openapi_document(State(api): State<Arc<Api>>) -> Response {
    error::json(StatusCode::OK, api.openapi.clone())
}

async fn schema(State(api): State<Arc<Api>>, name: Result<Path<String>, PathRejection>) -> Response {
    let found = name.ok().and_then(|Path(name)| api.schemas.get(&name).cloned());
    match found {
        Some(doc) => error::json(StatusCode::OK, doc),
        // The same error the CLI gives for `schema NAME` with an unknown name.
        None => match cli::run("schema", b"") {
            Ok(doc) => error::json(StatusCode::OK, doc),
            Err(err) => error::contract(&err),
        },
    }
}

async fn run_command(
    State(api): State<Arc<Api>>,
    name: Result<Path<String>, PathRejection>,
    request: Request,
) -> Response {
    let Some(command) = name.ok().and_then(|Path(name)| cli::command(&name)) else {
        return error::contract(&CliError::unknown_command_name());
    };
    let mut response = decide(&api, command, request).await;
    response.extensions_mut().insert(Route(command.name()));
    response
}

async fn decide(api: &Api, command: &'static Command, request: Request) -> Response {
    if !declares_json(request.headers()) {
        return error::for_status(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
    let too_large = || {
        error::of_kind(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::InvalidInput,
            &format!("the request body is larger than the limit of {} bytes", api.body_limit),
        )
    };
    let declared =
        request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > api.body_limit as u64) {
        return too_large();
    }
    let body = match Bytes::from_request(request, &()).await {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => return too_large(),
        Err(_) => {
            return error::of_kind(
                StatusCode::BAD_REQUEST,
                ErrorKind::InvalidJson,
                "the request body could not be read",
            );
        }
    };
    let result = if HEAVY.contains(&command.name()) || body.len() > HEAVY_BYTES {
        match tokio::task::spawn_blocking(move || command.run(&body)).await {
            Ok(result) => result,
            Err(_) => return error::for_status(StatusCode::INTERNAL_SERVER_ERROR),
        }
    } else {
        command.run(&body)
    };
    match result {
        Ok(output) => error::json(StatusCode::OK, output),
        Err(err) => error::contract(&err),
    }
}

/// Whether the request declares a JSON body: `application/json`, with or without parameters.
pub(crate) fn declares_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// Lets a request through only with `Authorization: Bearer <token>`.
async fn authorise(State(token): State<Token>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.as_bytes().get(..7).filter(|scheme| scheme.eq_ignore_ascii_case(b"bearer ")).map(|_| v))
        .and_then(|v| v.as_bytes().get(7..));
    match presented {
        Some(candidate) if token.matches(candidate) => next.run(request).await,
        _ => {
            let mut response = error::for_status(StatusCode::UNAUTHORIZED);
            response.headers_mut().insert(header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
            response
        }
    }
}
