//! Rules every request passes through: the load balancer's origin secret, the refusal of
//! cross-site writes, and the security headers on every response.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret as _;
use subtle::ConstantTimeEq as _;

use crate::error::{Error, PageError};
use crate::state::AppState;

/// The header a load balancer or CDN adds to prove a request came through it.
pub const ORIGIN_VERIFY: &str = "x-origin-verify";

/// The pages' `Content-Security-Policy`: only our own scripts, styles and images, and map
/// tiles from the tile server's origin (`TESSERA_MAP_TILES`).
pub fn content_security_policy(config: &tessera_core::config::Config) -> HeaderValue {
    let tiles = config.map_tile_origin().map(|origin| format!(" {origin}")).unwrap_or_default();
    let policy = format!(
        "default-src 'self'; img-src 'self' data:{tiles}; style-src 'self'; script-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy).unwrap_or_else(|_| {
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        )
    })
}

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let is_https = state.config.is_https();
    let signed_in = super::cookies::carries(request.headers(), super::cookies::SESSION);
    let mut response = match check(&state, &request) {
        Ok(()) => next.run(request).await,
        Err(err) if wants_html(request.headers()) => PageError(err).into_response(),
        Err(err) => err.into_response(),
    };
    // Whatever is made for a signed-in person, or sets a cookie, must never be stored by a CDN
    // or a shared proxy.
    if signed_in || response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    // Draining before a stop: each connection closes after its answer, so the load balancer
    // reuses none of ours while it moves to the other processes.
    if state.draining.load(std::sync::atomic::Ordering::Relaxed) {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    with_security_headers(response, is_https, &state.content_security_policy)
}

fn check(state: &AppState, request: &Request) -> Result<(), Error> {
    // Behind a load balancer, only requests that came through it are served; health checks
    // come from the balancer itself and may skip it, and so may the metrics, which answer only
    // a scraper that did not come through it (see `system::metrics`).
    if let Some(secret) = &state.config.origin_secret
        && !matches!(request.uri().path(), "/healthz" | "/metrics")
    {
        let sent = request.headers().get(ORIGIN_VERIFY).map(HeaderValue::as_bytes).unwrap_or_default();
        if !bool::from(sent.ct_eq(secret.expose_secret().as_bytes())) {
            return Err(Error::Forbidden("error-through-load-balancer"));
        }
    }
    // Writes must come from our own pages (or from scripts, which send no Origin).
    // Webhooks are signed by their sender instead.
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !request.uri().path().starts_with("/webhooks/") && is_cross_site(state, request.headers()) {
        return Err(Error::Forbidden("error-cross-site"));
    }
    Ok(())
}

fn is_cross_site(state: &AppState, headers: &HeaderMap) -> bool {
    if headers.get("sec-fetch-site").is_some_and(|site| site == "cross-site") {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    after_our_origin(state, headers, origin) != Some("")
}

/// What follows our origin in `url` (an `Origin` or a `Referer`): our public URL's origin, or
/// the request's own `Host` (a deployment reached by another name); `None` for anyone else's.
/// The `Referer`, when it is a page of this site: the page a form was on.
pub(crate) fn referring_page(state: &AppState, headers: &HeaderMap) -> Option<axum::http::Uri> {
    headers
        .get(axum::http::header::REFERER)
        .and_then(|referer| referer.to_str().ok())
        .and_then(|referer| after_our_origin(state, headers, referer))
        .and_then(|rest| rest.parse().ok())
}

pub(crate) fn after_our_origin<'a>(state: &AppState, headers: &HeaderMap, url: &'a str) -> Option<&'a str> {
    // The origin must end where the URL's path begins: `http://shop:80` is not `http://shop:8080`.
    let ends_there = |rest: &&str| rest.is_empty() || rest.starts_with('/');
    let public = state.config.public_url.origin().ascii_serialization();
    url.strip_prefix(public.as_str()).filter(ends_there).or_else(|| {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).filter(|h| !h.is_empty())?;
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
        rest.strip_prefix(host).filter(ends_there)
    })
}

fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

fn with_security_headers(mut response: Response, is_https: bool, policy: &HeaderValue) -> Response {
    let headers = response.headers_mut();
    headers.entry(header::CONTENT_SECURITY_POLICY).or_insert_with(|| policy.clone());
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
    ] {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    headers.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    if is_https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}
