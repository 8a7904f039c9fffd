//! The language of a request. A link with `?lang=` (the `hreflang` alternates, a shared link)
//! shows its page in that language; the switcher's links add `choose=1`, which remembers the
//! choice (in a cookie, and on the account of whoever is signed in) and redirects to the plain
//! `?lang=` address. Without `?lang=`: the signed-in account's choice, else the cookie, else the
//! browser's `Accept-Language`, else English. The request's handling runs inside
//! [`tessera_i18n::scope`], so the frame of whatever it renders (pages, error pages) is in
//! that language; the guard, outside, refuses in English. A page shown for a form is linked
//! in other languages as the page the form was on.

use axum::extract::{FromRequestParts as _, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};
use tessera_i18n::{Locale, PageContext};

use crate::auth::{Viewer, cookies};
use crate::state::AppState;

/// A year: a language choice is kept until changed.
const REMEMBER_SECS: i64 = 365 * 24 * 3600;

/// Query parameters that carry a one-time notice after an action ("saved", "refunded"…): the
/// page's other languages, and its canonical address, are the page without them.
const NOTICES: [&str; 11] = [
    "added",
    "checkout",
    "deleted",
    "done",
    "flash",
    "password",
    "refunded",
    "removed",
    "retried",
    "saved",
    "verification",
];

/// Paths that are never pages: no session lookup for them.
const NOT_PAGES: [&str; 7] =
    ["/api/", "/static/", "/media/", "/webhooks/", "/metrics", "/healthz", "/readyz"];

pub async fn negotiate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let https = state.config.is_https();
    let (mut parts, body) = request.into_parts();
    let is_page = !NOT_PAGES.iter().any(|prefix| parts.uri.path().starts_with(prefix));
    let is_get = matches!(parts.method, Method::GET | Method::HEAD);
    let query = parts.uri.query().unwrap_or_default().to_string();
    let asked = param(&query, "lang").and_then(|tag| Locale::parse(&tag));
    // Only the person's own click remembers a choice: a link from another site shows the
    // language it names and changes nothing.
    let cross_site = parts
        .headers
        .get("sec-fetch-site")
        .is_some_and(|site| site.as_bytes() == b"cross-site" || site.as_bytes() == b"same-site");
    let choose = is_page && is_get && !cross_site && param(&query, "choose").as_deref() == Some("1");
    // A page's own address, for its links in other languages: for a form's answer, the page
    // the form was on (the address it was posted to may take no GET).
    let (path, page_query) =
        if is_get { (parts.uri.path().to_string(), query.clone()) } else { referring_page(&parts, &state) };
    let rest = page_query
        .split('&')
        .filter(|segment| {
            let key = decoded_key(segment);
            !segment.is_empty() && key != "lang" && key != "choose" && !NOTICES.contains(&key.as_str())
        })
        .collect::<Vec<_>>()
        .join("&");
    let context = |locale| PageContext {
        locale,
        origin: state.config.public_url.as_str().trim_end_matches('/').to_string(),
        // One leading slash: `//elsewhere` or `/\elsewhere` would make links to another site.
        path: format!("/{}", path.trim_start_matches(['/', '\\'])),
        query: rest.clone(),
    };

    // Who is signed in decides too, on pages. The lookup is the one the handler would make
    // (the viewer is kept in the request for it); one that fails leaves the handler to say so.
    let account = if is_page && cookies::carries(&parts.headers, cookies::SESSION) {
        match Viewer::from_request_parts(&mut parts, &state).await {
            Ok(Viewer(Some(signed_in))) => Some(signed_in.account),
            _ => None,
        }
    } else {
        None
    };
    let chosen = account.as_ref().and_then(|account| account.locale.as_deref()).and_then(Locale::parse);
    let remembered = cookies::read(&parts.headers, cookies::LANG, https).and_then(Locale::parse);

    if let (true, Some(asked)) = (choose, asked) {
        if let Some(account) = &account
            && Some(asked) != chosen
            && let Err(err) =
                tessera_core::account::set_locale(&state.db, account.id, Some(asked.tag())).await
        {
            // The cookie still remembers it on this device.
            tracing::warn!(account.id = %account.id, error = %err, "could not remember the account's language");
        }
        let to = context(asked).href_in(asked);
        let mut response = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
        let headers = response.headers_mut();
        headers.append(
            header::SET_COOKIE,
            cookies::set(cookies::LANG, asked.tag(), REMEMBER_SECS, "Lax", https),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        return response;
    }

    let accepted = parts
        .headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Locale::negotiate);
    let locale = asked.or(chosen).or(remembered).or(accepted).unwrap_or_default();
    let mut request = Request::from_parts(parts, body);
    request.extensions_mut().insert(locale);
    let mut response = tessera_i18n::scope(context(locale), next.run(request)).await;
    // The same page, and the catalog's JSON, answer in several languages.
    let headers = response.headers_mut();
    let localized = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
        v.starts_with("text/html") || v.starts_with("application/json") || v.starts_with("text/calendar")
    });
    if localized {
        headers.append(header::VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    }
    response
}

/// The path and query of the page a form was on (the same-origin `Referer`: a reset link's
/// token stays), else the home page.
fn referring_page(parts: &Parts, state: &AppState) -> (String, String) {
    crate::auth::guard::referring_page(state, &parts.headers)
        .map(|uri| (uri.path().to_string(), uri.query().unwrap_or_default().to_string()))
        .unwrap_or_else(|| ("/".to_string(), String::new()))
}

/// The value of query parameter `name`, decoded.
fn param(query: &str, name: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// A query segment's key as the handlers read it (`fl%61sh` is `flash`).
fn decoded_key(segment: &str) -> String {
    url::form_urlencoded::parse(segment.as_bytes())
        .next()
        .map(|(key, _)| key.into_owned())
        .unwrap_or_default()
}
