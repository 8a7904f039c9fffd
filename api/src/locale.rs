//! The language of a request: `?lang=` (the switcher's links, and shared links, carry it;
//! it is then remembered in a cookie, and on the account of whoever is signed in), else the
//! signed-in account's choice, else the cookie, else the browser's `Accept-Language`, else
//! English. The request's handling runs inside [`tessera_i18n::scope`], so whatever it
//! renders (pages, error pages, the guard's refusals) is in that language.

use axum::extract::{FromRequestParts as _, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tessera_i18n::{Locale, PageContext};

use crate::auth::{Viewer, cookies};
use crate::state::AppState;

/// A year: a language choice is kept until changed.
const REMEMBER_SECS: i64 = 365 * 24 * 3600;

pub async fn negotiate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let https = state.config.is_https();
    // Who is signed in decides too. The lookup is the one the handler would make (the
    // viewer is kept in the request for it); one that fails leaves the handler to say so.
    let (mut parts, body) = request.into_parts();
    let account = if cookies::carries(&parts.headers, cookies::SESSION) {
        match Viewer::from_request_parts(&mut parts, &state).await {
            Ok(Viewer(Some(signed_in))) => Some(signed_in.account),
            _ => None,
        }
    } else {
        None
    };
    let mut request = Request::from_parts(parts, body);
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
    let chosen = account.as_ref().and_then(|account| account.locale.as_deref()).and_then(Locale::parse);
    let locale = asked.or(chosen).or(remembered).or(accepted).unwrap_or_default();
    if let (Some(asked), Some(account)) = (asked, &account)
        && Some(asked) != chosen
        && let Err(err) = tessera_core::account::set_locale(&state.db, account.id, Some(asked.tag())).await
    {
        // The page still comes in the language asked for; the account remembers next time.
        tracing::warn!(account.id = %account.id, error = %err, "could not remember the account's language");
    }
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
