//! The layers every route is wrapped in (outermost first): the access log, the security
//! headers and error bodies, panic catching, the request timeout, the concurrency limit and
//! the body limit.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;

use crate::Clock;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use tokio::sync::Semaphore;
use tower_http::catch_panic::CatchPanicLayer;

use crate::api::Route;
use crate::{Config, error};

/// The Content-Security-Policy of every answer: the server's own origin only, no inline
/// script or style, no plugins, never framed.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

pub(crate) fn wrap(routes: Router, config: &Config) -> Router {
    // One semaphore for the whole router: axum applies a layer to each route separately, so
    // a layer that made its own (tower's ConcurrencyLimitLayer) would limit each route alone.
    let permits = Arc::new(Semaphore::new(config.concurrency));
    routes
        .layer(DefaultBodyLimit::max(config.body_limit))
        .layer(middleware::from_fn_with_state(permits, limit))
        .layer(middleware::from_fn_with_state(config.request_timeout, timeout))
        .layer(CatchPanicLayer::custom(panicked))
        .layer(middleware::map_response(harden))
        .layer(middleware::from_fn_with_state(config.clock, access_log))
        // Turn the handlers into services once, not on every request.
        .with_state(())
}

/// At most `concurrency` requests are served at once; the others wait for a permit (within
/// the request timeout, which wraps this layer).
async fn limit(State(permits): State<Arc<Semaphore>>, request: Request, next: Next) -> Response {
    match permits.acquire().await {
        Ok(_permit) => next.run(request).await,
        Err(_) => error::for_status(StatusCode::SERVICE_UNAVAILABLE),
    }
}

/// The answer to a panic: the payload (which might hold anything) is dropped unread.
fn panicked(_payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    error::for_status(StatusCode::INTERNAL_SERVER_ERROR)
}

async fn timeout(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => error::for_status(StatusCode::SERVICE_UNAVAILABLE),
    }
}

/// Security headers on every answer; an error answer without a JSON body (from the router
/// or a layer) gets the error contract as its body.
async fn harden(response: Response) -> Response {
    let status = response.status();
    let is_json =
        response.headers().get(header::CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let mut response = if (status.is_client_error() || status.is_server_error()) && !is_json {
        let mut fresh = error::for_status(status);
        for name in [header::ALLOW, header::WWW_AUTHENTICATE] {
            if let Some(value) = response.headers().get(&name) {
                fresh.headers_mut().insert(name, value.clone());
            }
        }
        fresh
    } else {
        response
    };
    let headers = response.headers_mut();
    let set: [(HeaderName, &'static str); 7] = [
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
    ];
    for (name, value) in set {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// One line per request: method, route (a template or a command name from the server's own
/// table), status, latency. Never a body, a header value, a query string or a raw path.
async fn access_log(State(clock): State<Option<Clock>>, request: Request, next: Next) -> Response {
    let method = method_name(request.method());
    let matched = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let start = clock.map(|now| now());
    let response = next.run(request).await;
    let latency_us = start
        .zip(clock)
        .map(|(start, now)| u64::try_from(now().saturating_duration_since(start).as_micros()).unwrap_or(u64::MAX));
    let command = response.extensions().get::<Route>().map(|r| r.0);
    tracing::info!(
        target: "krisesenter_http::access",
        method,
        route = matched.as_deref().unwrap_or("<unmatched>"),
        command,
        status = response.status().as_u16(),
        latency_us,
    );
    response
}

/// The method's name when it is a standard one; any other (which the client chose) is "other".
fn method_name(method: &Method) -> &'static str {
    const KNOWN: [(Method, &str); 9] = [
        (Method::GET, "GET"),
        (Method::POST, "POST"),
        (Method::PUT, "PUT"),
        (Method::DELETE, "DELETE"),
        (Method::HEAD, "HEAD"),
        (Method::OPTIONS, "OPTIONS"),
        (Method::PATCH, "PATCH"),
        (Method::TRACE, "TRACE"),
        (Method::CONNECT, "CONNECT"),
    ];
    KNOWN.iter().find(|(m, _)| m == method).map_or("other", |(_, name)| name)
}
