//! The language of a request: `?lang=` (the switcher's links, and shared links, carry it;
//! it is then remembered in a cookie), else the cookie, else the browser's `Accept-Language`,
//! else English. The request's handling runs inside [`tessera_i18n::scope`], so whatever it
//! renders (pages, error pages, the guard's refusals) is in that language.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tessera_i18n::{Locale, PageContext};

use crate::auth::cookies;
use crate::state::AppState;

/// A year: a language choice is kept until changed.
const REMEMBER_SECS: i64 = 365 * 24 * 3600;

pub async fn negotiate(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let https = state.config.is_https();
    let query = request.uri().query().unwrap_or_default();
    let is_lang = |segment: &&str| segment.split('=').next() == Some("lang");
    let asked = query
        .split('&')
        .filter(is_lang)
        .find_map(|segment| segment.split_once('=').and_then(|(_, v)| Locale::parse(v)));
    let remembered = cookies::read(request.headers(), cookies::LANG, https).and_then(Locale::parse);
    let accepted = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Locale::negotiate);
    let locale = asked.or(remembered).or(accepted).unwrap_or_default();
    let context = PageContext {
        locale,
        origin: state.config.public_url.as_str().trim_end_matches('/').to_string(),
        path: request.uri().path().to_string(),
        query: query
            .split('&')
            .filter(|segment| !segment.is_empty() && !is_lang(segment))
            .collect::<Vec<_>>()
            .join("&"),
    };
    request.extensions_mut().insert(locale);
    let mut response = tessera_i18n::scope(context, next.run(request)).await;
    let headers = response.headers_mut();
    if let Some(asked) = asked.filter(|asked| Some(*asked) != remembered) {
        headers.append(
            header::SET_COOKIE,
            cookies::set(cookies::LANG, asked.tag(), REMEMBER_SECS, "Lax", https),
        );
    }
    // The same page answers in several languages.
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    }
    response
}
