//! # krisesenter-http
//!
//! The JSON contract of krisesenter (`krisesenter::cli`) over HTTP: a shell, no rule lives
//! here. Every command of [`krisesenter::cli::COMMANDS`] answers `POST /v1/{command}` with
//! the same document the CLI writes; `GET /v1/schemas/{name}` gives a JSON Schema;
//! `GET /openapi.json` an OpenAPI 3.1 document built from the same schemas; `GET /healthz`
//! says the server is up; `/` serves a reference front end (static files in the binary).
//! Given a [`RegisterMount`] ([`Config::register`]), it also serves a shelter's register under
//! `/v1/register/...`, each member of [`Staff`] by their own bearer token, the register's
//! permission table deciding what each role may do.
//!
//! | status | when | body |
//! |---|---|---|
//! | 200 | the command decided | the command's output document |
//! | 400 | `invalid_json`: not JSON, or JSON of the wrong shape | the error contract |
//! | 401 | `unauthorized`: a token is configured and the request lacks it (the register: no member's token) | the error contract |
//! | 403 | `forbidden`: the register's permission table refuses the member's role | the error contract |
//! | 404 | `unknown_command`: no such command, schema or path | the error contract |
//! | 404 | `not_found`: the register holds no such record, consent or hold | the error contract |
//! | 405 | `unknown_command`: the path exists, not with this method | the error contract |
//! | 409 | `conflict`: the id is in use in the register already | the error contract |
//! | 413 | `invalid_input`: the body is larger than [`Config::body_limit`] | the error contract |
//! | 415 | `invalid_json`: the body is not declared `application/json` | the error contract |
//! | 422 | `invalid_input`: JSON of the right shape that the rules reject | the error contract |
//! | 500 | `internal`: a handler failed (the server lives on) | the error contract |
//! | 503 | `timeout`: no answer within [`Config::request_timeout`] | the error contract |
//!
//! The error contract is the CLI's: `{"error": {"kind", "message", "path"}}`; `unauthorized`,
//! `forbidden`, `not_found`, `conflict`, `internal` and `timeout` are the kinds only HTTP has.
//!
//! Security by default: [`bind`] refuses an address outside loopback unless a bearer token
//! is configured (read from a file, compared in constant time); the access log holds the
//! method, the route, the status and the latency, never a body, a header value or a query
//! string; every response carries `Cache-Control: no-store` and a Content-Security-Policy
//! that allows nothing outside the server's own origin; requests time out; a concurrency
//! limit queues the excess; a panic in a handler answers 500. The CPU-heavy commands
//! (`allocate`, `report`, and any document over 256 KiB) run on tokio's blocking pool.
//!
//! # Example
//!
//! ```
//! use axum::body::Body;
//! use axum::http::Request;
//! use tower::ServiceExt;
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
//! let app = krisesenter_http::router(&krisesenter_http::Config::default());
//! let request = Request::post("/v1/disclose")
//!     .header("content-type", "application/json")
//!     .body(Body::from(r#"{"as_of": "2026-03-01", "requester": "unknown", "initiative": "request",
//!                         "information": ["existence"], "consents": []}"#))?;
//! let response = app.clone().oneshot(request).await?;
//! assert_eq!(response.status(), 200);
//!
//! // A command that does not exist: 404 with the error contract.
//! let request = Request::post("/v1/nonsense").header("content-type", "application/json").body(Body::from("{}"))?;
//! let response = app.oneshot(request).await?;
//! assert_eq!(response.status(), 404);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

mod api;
mod assets;
mod error;
mod layers;
mod openapi;
mod register;
mod server;

pub use openapi::openapi;
pub use register::{RegisterMount, Staff, WallClock};
pub use server::{bind, serve};

/// The default address: loopback only, port 8080.
pub const DEFAULT_BIND: SocketAddr = SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 8080);

/// The default body limit, 64 MiB: a large shelter's `report` input for a year (about
/// 1 MB per thousand stays, with four day contacts per stay) fits sixty times over.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// How the server runs. Start from [`Config::default`] and change what you need.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Config {
    /// Where to listen; default `127.0.0.1:8080`. An address outside loopback needs a token.
    pub bind: SocketAddr,
    /// The largest request body accepted, in bytes; default [`DEFAULT_BODY_LIMIT`].
    pub body_limit: usize,
    /// The bearer token every `/v1/` request must carry; `None` (the default) asks for none.
    pub token: Option<Token>,
    /// How long one request may take, from its first byte to the answer; default 30 s.
    pub request_timeout: Duration,
    /// How long a client may take to send the request head; default 10 s.
    pub header_timeout: Duration,
    /// How many requests are served at once; more wait (within the timeout). Default 256.
    pub concurrency: usize,
    /// The clock the access log measures each request's latency with, supplied by the shell
    /// (`Some(std::time::Instant::now)`); `None` (the default) logs no latency, so the library
    /// reads no clock of its own.
    pub clock: Option<Clock>,
    /// The register to mount under `/v1/register/...`, with its staff and wall clock, as the
    /// shell opened it; `None` (the default) mounts none.
    pub register: Option<RegisterMount>,
}

/// A monotonic clock, as the shell supplies it (the server example gives `Instant::now`).
pub type Clock = fn() -> std::time::Instant;

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: DEFAULT_BIND,
            body_limit: DEFAULT_BODY_LIMIT,
            token: None,
            request_timeout: Duration::from_secs(30),
            header_timeout: Duration::from_secs(10),
            concurrency: 256,
            clock: None,
            register: None,
        }
    }
}

impl Config {
    /// Checks that the configuration is safe to serve: an address outside loopback needs a
    /// token, and the limits are above zero.
    ///
    /// # Errors
    ///
    /// [`ConfigError::PublicBindWithoutToken`] or [`ConfigError::ZeroLimit`].
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_http::{Config, ConfigError};
    /// let mut config = Config::default();
    /// assert!(config.check().is_ok());
    /// config.bind = "0.0.0.0:8080".parse()?;
    /// assert!(matches!(config.check(), Err(ConfigError::PublicBindWithoutToken)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self) -> Result<(), ConfigError> {
        if !self.bind.ip().is_loopback() && self.token.is_none() {
            return Err(ConfigError::PublicBindWithoutToken);
        }
        if self.body_limit == 0 || self.concurrency == 0 || self.request_timeout.is_zero() {
            return Err(ConfigError::ZeroLimit);
        }
        Ok(())
    }
}

/// A bearer token. Its `Debug` never shows it.
#[derive(Clone)]
pub struct Token(Arc<[u8]>);

/// The shortest token accepted, in bytes: 16 random bytes written as 32 hex digits make a
/// good one (`openssl rand -hex 32 > token`).
pub const MIN_TOKEN_LEN: usize = 16;

impl Token {
    /// A token from its text (surrounding white space is dropped).
    ///
    /// # Errors
    ///
    /// [`ConfigError::ShortToken`] when fewer than [`MIN_TOKEN_LEN`] bytes remain.
    ///
    /// # Example
    ///
    /// ```
    /// use krisesenter_http::Token;
    /// let token = Token::new("c0ffee-c0ffee-c0ffee-c0ffee\n")?;
    /// assert!(token.matches(b"c0ffee-c0ffee-c0ffee-c0ffee"));
    /// assert!(!token.matches(b"c0ffee"));
    /// assert!(Token::new("short").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(text: &str) -> Result<Self, ConfigError> {
        let text = text.trim();
        if text.len() < MIN_TOKEN_LEN {
            return Err(ConfigError::ShortToken { min: MIN_TOKEN_LEN });
        }
        Ok(Self(Arc::from(text.as_bytes())))
    }

    /// Whether `candidate` is this token, in time that does not depend on where they differ.
    pub fn matches(&self, candidate: &[u8]) -> bool {
        use subtle::ConstantTimeEq;
        // Lengths may differ in time (a token's length is no secret); the bytes do not.
        bool::from(self.0.as_ref().ct_eq(candidate))
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Why a configuration cannot be served.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// An address outside loopback without a token.
    #[error("refusing to listen outside loopback without a bearer token; give --token-file")]
    PublicBindWithoutToken,
    /// A limit of zero.
    #[error("the body limit, the concurrency and the request timeout must be above zero")]
    ZeroLimit,
    /// The token is too short.
    #[error("the token is shorter than {min} bytes")]
    ShortToken {
        /// The shortest length accepted.
        min: usize,
    },
    /// Two members of staff share an id or a token.
    #[error("two members of staff share an id or a token")]
    DuplicateStaff,
    /// The address could not be bound.
    #[error("cannot listen on the address: {kind}")]
    Bind {
        /// What went wrong.
        kind: std::io::ErrorKind,
    },
}

/// The whole service: the API, the OpenAPI document, the front end and, when
/// [`Config::register`] holds one, the register, wrapped in [`shell`].
/// Embedders mount it (`Router::nest`) or serve it with [`serve`].
pub fn router(config: &Config) -> axum::Router {
    let routes = api::routes(config).merge(assets::routes());
    let routes = match &config.register {
        Some(mount) => routes.merge(register::routes(mount)),
        None => routes,
    };
    shell(routes, config)
}

/// Wraps any router in the layers of [`router`]: access log, security headers, error bodies
/// in the error contract, panic catching, request timeout, concurrency limit, body limit.
/// Use it for routes you add beside the API, so they get the same protection.
pub fn shell(routes: axum::Router, config: &Config) -> axum::Router {
    layers::wrap(routes, config)
}
