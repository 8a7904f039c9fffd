//! Demand as the web app sees it: each visit's channel (kept in a session cookie that holds
//! nothing but the channel), and the pages that record what they showed.
//!
//! A handler that wants what it showed recorded puts a [`Note`] on its response; [`visit`], which
//! wraps every route, records it with who asked. The micro-cache keeps a response's note with
//! it, so a page served from the cache is counted like one rendered.

use std::net::IpAddr;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;
use tessera_core::demand::{Channel, Kind, Record, Visitor};
use uuid::Uuid;

use crate::auth::client_ip::ClientIp;
use crate::auth::cookies;
use crate::state::AppState;

/// The visit's cookie: its channel, for as long as the browser is open.
pub const VISIT: &str = "tessera_visit";

/// What a page showed, to be recorded.
#[derive(Debug, Clone)]
pub struct Note {
    pub kind: Kind,
    /// The signed-in viewer (never set on a response the micro-cache may keep: it keeps only
    /// anonymous ones).
    pub account_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub city: String,
    pub category: String,
    /// A search's words, as typed (folded when recorded).
    pub words: String,
    pub results: Option<i32>,
}

impl Note {
    /// An event's page or buy page.
    pub fn event(kind: Kind, event: &tessera_core::catalog::Event, account_id: Option<Uuid>) -> Self {
        Note {
            kind,
            account_id,
            event_id: Some(event.id),
            city: event.city.clone(),
            category: event.category.as_str().to_string(),
            words: String::new(),
            results: None,
        }
    }

    /// A search: its words, the city and category it was narrowed to, and how many events it
    /// found (up to a page).
    pub fn search(
        words: &str,
        city: Option<&str>,
        category: Option<&str>,
        results: usize,
        account_id: Option<Uuid>,
    ) -> Self {
        Note {
            kind: Kind::Search,
            account_id,
            event_id: None,
            city: city.unwrap_or("").trim().to_string(),
            category: category.unwrap_or("").trim().to_string(),
            words: words.to_string(),
            results: Some(i32::try_from(results).unwrap_or(i32::MAX)),
        }
    }

    /// Puts the note on `response`.
    pub fn attach(self, mut response: Response) -> Response {
        response.extensions_mut().insert(self);
        response
    }
}

/// The visit's channel, for handlers (an order keeps it).
#[derive(Debug, Clone, Default)]
pub struct VisitChannel(pub Channel);

impl<S: Send + Sync> FromRequestParts<S> for VisitChannel {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<VisitChannel>().cloned().unwrap_or_default())
    }
}

/// Whether the visitor asks not to be tracked: `Sec-GPC: 1` or `DNT: 1`.
pub fn asks_not_to_be_tracked(headers: &HeaderMap) -> bool {
    ["sec-gpc", "dnt"]
        .iter()
        .any(|name| headers.get(*name).is_some_and(|value| value.as_bytes().trim_ascii() == b"1"))
}

/// Crawlers and link previews, which are not demand.
fn is_robot(headers: &HeaderMap) -> bool {
    let agent = headers.get(header::USER_AGENT).and_then(|value| value.to_str().ok()).unwrap_or("");
    let agent = agent.to_ascii_lowercase();
    ["bot", "crawl", "spider", "slurp", "preview", "facebookexternalhit", "curl/", "wget/"]
        .iter()
        .any(|word| agent.contains(word))
}

/// Whether a path is a page people land on from elsewhere: the catalog's pages (not the API,
/// media, calendar files, orders or account links, where an outside referrer is a payment
/// provider or a webmail coming back, not a channel).
fn is_landing_page(path: &str) -> bool {
    path == "/"
        || path == "/search"
        || path.starts_with("/cities/")
        || (path.starts_with("/events/") && !path.ends_with(".ics"))
}

/// A browser fetching a page ahead of time, which nobody may read.
fn is_prefetch(headers: &HeaderMap) -> bool {
    ["sec-purpose", "purpose", "x-moz"]
        .iter()
        .any(|name| headers.get(*name).is_some_and(|value| value.as_bytes().starts_with(b"prefetch")))
}

/// Middleware around every route: works out the visit's channel (a landing page with `utm_*`
/// starts a new visit, as does one from another site when no visit is under way, and sets the
/// cookie; otherwise the cookie's, else direct), hands it to the handlers, and records the
/// response's [`Note`].
pub async fn visit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !state.demand.is_on() {
        return next.run(request).await;
    }
    let https = state.config.is_https();
    let private = asks_not_to_be_tracked(request.headers());
    let get = request.method() == Method::GET;
    let own_host = state.config.public_url.host_str().unwrap_or("");
    let current = cookies::read(request.headers(), VISIT, https).map(Channel::from_cookie);
    let landing = (get && is_landing_page(request.uri().path()))
        .then(|| {
            // A referrer starts a visit only when none is under way; tags always do.
            let referer = request
                .headers()
                .get(header::REFERER)
                .and_then(|value| value.to_str().ok())
                .filter(|_| current.is_none());
            Channel::landing(request.uri().query(), referer, own_host)
        })
        .flatten();
    let channel = landing.clone().or(current).unwrap_or_default();
    let (mut parts, body) = request.into_parts();
    let ClientIp(ip) = match ClientIp::from_request_parts(&mut parts, &state).await {
        Ok(ip) => ip,
        Err(never) => match never {},
    };
    let counted = get && !is_robot(&parts.headers) && !is_prefetch(&parts.headers);
    let address_key = (!private && counted).then(|| visitor_key(ip, &parts.headers));
    let lang = parts.extensions.get::<tessera_i18n::Locale>().copied().unwrap_or_default().tag();
    parts.extensions.insert(VisitChannel(channel.clone()));
    let mut response = next.run(Request::from_parts(parts, body)).await;
    if let Some(note) = response.extensions_mut().remove::<Note>()
        && counted
        && (response.status().is_success() || response.status().is_redirection())
    {
        // A visitor who asks not to be tracked is counted with neither an id nor their account;
        // a signed-in one's id of the day is made from their account, never linked to the
        // address-based id of their signed-out browsing.
        let (key, account_id) = match (private, note.account_id) {
            (true, _) => (None, None),
            (false, Some(account)) => {
                (Some([b"account:".as_slice(), account.as_bytes()].concat()), Some(account))
            }
            (false, None) => (address_key, None),
        };
        state.demand.record(Record {
            kind: note.kind,
            at: chrono::Utc::now(),
            visitor: Visitor { key, account_id, lang, channel: channel.clone() },
            event_id: note.event_id,
            city: note.city,
            category: note.category,
            words: fold_words(&note.words),
            results: note.results,
        });
    }
    // Visitors who ask not to be tracked get no cookie: their landing counts for that page.
    if let Some(landing) = landing
        && !private
    {
        let name = cookies::name(VISIT, https);
        let secure = if https { "; Secure" } else { "" };
        if let Ok(value) = HeaderValue::from_str(&format!(
            "{name}={}; Path=/; HttpOnly; SameSite=Lax{secure}",
            landing.to_cookie()
        )) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// What a visitor's id of the day is made from: a digest of their address and user agent
/// (32 bytes, whatever the size of the headers), hashed again with the day's salt when written.
fn visitor_key(ip: IpAddr, headers: &HeaderMap) -> Vec<u8> {
    use sha2::Digest as _;
    let mut hash = sha2::Sha256::new();
    hash.update(ip.to_string().as_bytes());
    hash.update([0]);
    hash.update(headers.get(header::USER_AGENT).map_or(&b""[..], |value| value.as_bytes()));
    hash.finalize().to_vec()
}

/// A search's words as recorded: folded like the index folds them, one space between words.
fn fold_words(words: &str) -> String {
    tessera_core::search::text::fold(words).split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn privacy_signals_and_robots_are_heard() {
        let mut headers = HeaderMap::new();
        assert!(!asks_not_to_be_tracked(&headers));
        headers.insert("sec-gpc", HeaderValue::from_static("1"));
        assert!(asks_not_to_be_tracked(&headers));
        let mut headers = HeaderMap::new();
        headers.insert("dnt", HeaderValue::from_static("0"));
        assert!(!asks_not_to_be_tracked(&headers));
        headers
            .insert(header::USER_AGENT, HeaderValue::from_static("Mozilla/5.0 (compatible; Googlebot/2.1)"));
        assert!(is_robot(&headers));
        assert_eq!(fold_words("  Fado   em LISBOA "), "fado em lisboa");
    }
}
