//! Listening and serving: HTTP/1.1 with a timeout on the request head, graceful shutdown.

use std::future::Future;
use std::time::Duration;

use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

use crate::{Config, ConfigError};

/// Checks the configuration ([`Config::check`]) and binds its address.
///
/// # Errors
///
/// A [`ConfigError`]: an unsafe configuration (an address outside loopback without a
/// token), or an address that cannot be bound.
pub async fn bind(config: &Config) -> Result<TcpListener, ConfigError> {
    config.check()?;
    TcpListener::bind(config.bind).await.map_err(|e| ConfigError::Bind { kind: e.kind() })
}

/// Serves [`crate::router`] on `listener` until `shutdown` completes, then lets the requests
/// in flight finish (for at most the request timeout).
///
/// Pass a listener from [`bind`], which checks the configuration; a listener bound by other
/// means is served as it is (a test's free loopback port, say).
pub async fn serve(listener: TcpListener, config: &Config, shutdown: impl Future<Output = ()> + Send) {
    let app = crate::router(config);
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(config.header_timeout).keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else {
                    // Out of file descriptors, say: wait a little rather than spin.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                };
                // Small answers go out at once rather than waiting for more to send.
                let _ = stream.set_nodelay(true);
                let connection = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    // A client that goes away mid-request is no error of the server's.
                    let _ = connection.await;
                });
            }
            () = &mut shutdown => break,
        }
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(config.request_timeout) => {}
    }
}
