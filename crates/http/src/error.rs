//! Error answers: an HTTP status and the error contract as the body.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use krisesenter::cli::{CliError, ErrorKind};

/// The kinds only HTTP has, beside the contract's (`invalid_json`, `invalid_input`,
/// `unknown_command`, `output_failed`).
pub(crate) const UNAUTHORIZED: &str = "unauthorized";
pub(crate) const INTERNAL: &str = "internal";
pub(crate) const TIMEOUT: &str = "timeout";
/// The register refused the operation to the caller's role (403).
pub(crate) const FORBIDDEN: &str = "forbidden";
/// The register holds no such record, consent or hold (404).
pub(crate) const NOT_FOUND: &str = "not_found";
/// The id is in use in the register already (409).
pub(crate) const CONFLICT: &str = "conflict";

/// Every kind an error body can hold, for the OpenAPI document.
pub(crate) const KINDS: [&str; 10] = [
    "invalid_json",
    "invalid_input",
    "unknown_command",
    "output_failed",
    UNAUTHORIZED,
    INTERNAL,
    TIMEOUT,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
];

/// The status of a contract error.
pub(crate) fn status_of(kind: ErrorKind) -> StatusCode {
    match kind {
        // Not JSON, or JSON of the wrong shape.
        ErrorKind::InvalidJson => StatusCode::BAD_REQUEST,
        // JSON of the right shape that the rules reject.
        ErrorKind::InvalidInput => StatusCode::UNPROCESSABLE_ENTITY,
        // No such command or schema.
        ErrorKind::UnknownCommand => StatusCode::NOT_FOUND,
        // The answer could not be written.
        ErrorKind::OutputFailed => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// A JSON answer.
pub(crate) fn json(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The answer to a contract error: its status and the line the CLI writes on standard error.
pub(crate) fn contract(err: &CliError) -> Response {
    json(status_of(err.kind()), err.to_json_line())
}

/// A contract error of `kind` with `message` (never a value from the request).
pub(crate) fn of_kind(status: StatusCode, kind: ErrorKind, message: &str) -> Response {
    json(status, CliError::new(kind, message, None).to_json_line())
}

/// An error of a kind only HTTP has, in the same shape.
pub(crate) fn http_only(status: StatusCode, kind: &'static str, message: &str) -> Response {
    let body = serde_json::json!({"error": {"kind": kind, "message": message, "path": null}});
    json(status, body.to_string())
}

/// The error body for a status produced by a layer that knows nothing of the contract
/// (a 405 from the router, a 500 from a caught panic), so every error answer has the same
/// shape.
pub(crate) fn for_status(status: StatusCode) -> Response {
    match status {
        StatusCode::UNAUTHORIZED => http_only(status, UNAUTHORIZED, "a bearer token is required"),
        StatusCode::NOT_FOUND => of_kind(status, ErrorKind::UnknownCommand, "no such path"),
        StatusCode::METHOD_NOT_ALLOWED => {
            of_kind(status, ErrorKind::UnknownCommand, "this path does not take this method")
        }
        StatusCode::PAYLOAD_TOO_LARGE => of_kind(status, ErrorKind::InvalidInput, "the request body is too large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            of_kind(status, ErrorKind::InvalidJson, "the request body must be sent as application/json")
        }
        StatusCode::REQUEST_TIMEOUT | StatusCode::SERVICE_UNAVAILABLE | StatusCode::GATEWAY_TIMEOUT => {
            http_only(StatusCode::SERVICE_UNAVAILABLE, TIMEOUT, "no answer within the time limit")
        }
        s if s.is_server_error() => http_only(StatusCode::INTERNAL_SERVER_ERROR, INTERNAL, "the server failed"),
        _ => of_kind(status, ErrorKind::InvalidJson, "the request could not be read"),
    }
}
