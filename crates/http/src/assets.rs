//! The reference front end: static files compiled into the binary, no build step, nothing
//! fetched from elsewhere.

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

/// One embedded file: its path, media type and content.
struct Asset {
    path: &'static str,
    media_type: &'static str,
    body: &'static str,
}

const ASSETS: [Asset; 4] = [
    Asset { path: "/", media_type: "text/html; charset=utf-8", body: include_str!("../assets/index.html") },
    Asset { path: "/app.js", media_type: "text/javascript; charset=utf-8", body: include_str!("../assets/app.js") },
    Asset { path: "/style.css", media_type: "text/css; charset=utf-8", body: include_str!("../assets/style.css") },
    Asset { path: "/favicon.svg", media_type: "image/svg+xml", body: include_str!("../assets/favicon.svg") },
];

/// A route for every embedded file.
pub(crate) fn routes() -> Router {
    ASSETS.iter().fold(Router::new(), |router, asset| {
        let (media_type, body) = (asset.media_type, asset.body);
        router.route(
            asset.path,
            get(move || async move {
                let mut response: Response = body.into_response();
                response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
                response
            }),
        )
    })
}
