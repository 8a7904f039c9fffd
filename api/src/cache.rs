//! A short-lived cache of whole catalog responses ("micro-caching").
//!
//! The catalog changes rarely and is read constantly; the same few searches and listings
//! are asked for many times a second at busy moments. Keeping each successful GET response
//! for a few seconds turns those repeats into a memory copy, so a rush of visitors does not
//! become a rush of queries. A change to an event shows up within the TTL (default 5 s,
//! `TESSERA_CATALOG_CACHE_SECONDS`; 0 turns the cache off). Nothing that depends on who is
//! asking, or on live stock, may go through it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::body::{Body, HttpBody as _};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::state::AppState;

/// Bodies larger than this are served but not kept.
const MAX_BODY_BYTES: usize = 512 * 1024;
/// URIs longer than this are served but not kept: no real link is this long.
const MAX_KEY_BYTES: usize = 1024;
/// What an entry costs besides its key and body (map slot, header, timestamps).
const ENTRY_OVERHEAD_BYTES: usize = 128;

pub struct ResponseCache {
    ttl: Duration,
    max_bytes: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<String, Entry>,
    bytes: usize,
}

struct Entry {
    expires: Instant,
    content_type: HeaderValue,
    body: Bytes,
    /// What the page showed, recorded again at each hit.
    note: Option<crate::demand::Note>,
}

impl ResponseCache {
    pub fn new(ttl: Duration, max_bytes: usize) -> Self {
        Self { ttl, max_bytes, inner: Mutex::new(Inner::default()) }
    }

    pub fn is_enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    fn get(&self, key: &str) -> Option<(HeaderValue, Bytes, Option<crate::demand::Note>)> {
        let inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        inner
            .entries
            .get(key)
            .filter(|entry| entry.expires > Instant::now())
            .map(|entry| (entry.content_type.clone(), entry.body.clone(), entry.note.clone()))
    }

    /// What an entry counts against the size bound.
    fn cost(key: &str, body: &Bytes) -> usize {
        key.len() + body.len() + ENTRY_OVERHEAD_BYTES
    }

    fn put(&self, key: String, content_type: HeaderValue, body: Bytes, note: Option<crate::demand::Note>) {
        let cost = Self::cost(&key, &body);
        let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if inner.bytes + cost > self.max_bytes {
            let now = Instant::now();
            inner.entries.retain(|_, entry| entry.expires > now);
            inner.bytes = inner.entries.iter().map(|(key, entry)| Self::cost(key, &entry.body)).sum();
            if inner.bytes + cost > self.max_bytes {
                // Still full of live entries: start over rather than track recency.
                inner.entries.clear();
                inner.bytes = 0;
            }
        }
        inner.bytes += cost;
        // Spread expiries over 80–120 % of the TTL so entries filled together do not all
        // miss again in the same instant.
        let spread = 0.8 + 0.4 * f64::from(fnv1a(key.as_bytes()) % 1000) / 1000.0;
        let entry = Entry { expires: Instant::now() + self.ttl.mul_f64(spread), content_type, body, note };
        let old_cost = inner.entries.get(&key).map(|old| Self::cost(&key, &old.body));
        inner.entries.insert(key, entry);
        if let Some(old_cost) = old_cost {
            inner.bytes -= old_cost;
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193))
}

/// Middleware for catalog routes: answers a repeated GET from the cache, and keeps
/// successful answers for the TTL.
pub async fn micro_cache(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = &state.catalog_cache;
    // Only anonymous GETs: a request with credentials may get an answer made for that person.
    let personal = crate::auth::cookies::carries(request.headers(), crate::auth::cookies::SESSION)
        || request.headers().contains_key(header::AUTHORIZATION);
    if !cache.is_enabled() || request.method() != Method::GET || personal {
        return next.run(request).await;
    }
    // The same address answers in each language.
    let locale = request.extensions().get::<tessera_i18n::Locale>().copied().unwrap_or_default();
    let key = format!("{locale} {}", request.uri());
    if key.len() > MAX_KEY_BYTES {
        return next.run(request).await;
    }
    if let Some((content_type, body, note)) = cache.get(&key) {
        metrics::counter!("catalog_cache_total", "result" => "hit").increment(1);
        let response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
        return match note {
            Some(note) => note.attach(response),
            None => response,
        };
    }
    metrics::counter!("catalog_cache_total", "result" => "miss").increment(1);

    let response = next.run(request).await;
    let Some(content_type) = response.headers().get(header::CONTENT_TYPE).cloned() else {
        return response;
    };
    // Only plain successes meant for anyone: never one that sets a cookie or says private.
    let private = response.headers().contains_key(header::SET_COOKIE)
        || response
            .headers()
            .get(header::CACHE_CONTROL)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.contains("private") || value.contains("no-store"));
    if response.status() != StatusCode::OK || private {
        return response;
    }
    let (parts, body) = response.into_parts();
    if body.size_hint().upper().is_none_or(|size| size > MAX_BODY_BYTES as u64) {
        return Response::from_parts(parts, body);
    }
    match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => {
            cache.put(
                key,
                content_type,
                bytes.clone(),
                parts.extensions.get::<crate::demand::Note>().cloned(),
            );
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(err) => {
            tracing::error!(error = %err, "reading a catalog response to cache it");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json() -> HeaderValue {
        HeaderValue::from_static("application/json")
    }

    #[test]
    fn entries_expire_and_the_size_stays_bounded() {
        let cache = ResponseCache::new(Duration::from_millis(30), 10 + 2 * (1 + ENTRY_OVERHEAD_BYTES));
        // 30 ms × at most 120 %: gone after 40 ms.
        cache.put("a".into(), json(), Bytes::from_static(b"12345"), None);
        assert_eq!(cache.get("a").map(|(_, body, _)| body), Some(Bytes::from_static(b"12345")));
        cache.put("b".into(), json(), Bytes::from_static(b"12345"), None);
        cache.put("c".into(), json(), Bytes::from_static(b"12345"), None);
        let inner = cache.inner.lock().unwrap();
        assert!(inner.bytes <= 10 + 2 * (1 + ENTRY_OVERHEAD_BYTES), "{} bytes kept", inner.bytes);
        assert!(inner.entries.len() <= 2);
        drop(inner);
        std::thread::sleep(Duration::from_millis(40));
        assert!(cache.get("c").is_none(), "expired");
    }
}
