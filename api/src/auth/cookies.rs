//! Reading and writing the few cookies Tessera sets. All are HttpOnly, `Path=/`, and
//! `Secure` whenever the public URL is https; then their names take the `__Host-` prefix, so
//! the browser refuses any set by a subdomain or over plain http, and only those are read.

use axum::http::{HeaderMap, HeaderValue, header};

pub const SESSION: &str = "tessera_session";
pub const CSRF: &str = "tessera_csrf";
/// The language the person chose with the switcher.
pub const LANG: &str = "tessera_lang";

/// The name cookie `base` has: `__Host-{base}` on https, `base` otherwise.
pub fn name(base: &str, https: bool) -> std::borrow::Cow<'_, str> {
    if https { format!("__Host-{base}").into() } else { base.into() }
}

/// The value of our cookie `base` in the request, under its name for this deployment.
pub fn read<'a>(headers: &'a HeaderMap, base: &str, https: bool) -> Option<&'a str> {
    get(headers, &name(base, https))
}

/// Whether the request carries cookie `base` under either name (to treat it as personal).
pub fn carries(headers: &HeaderMap, base: &str) -> bool {
    get(headers, base).is_some() || get(headers, &name(base, true)).is_some()
}

/// The value of cookie `name` in the request, if sent.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim_matches('"'))
}

/// A `Set-Cookie` value. `same_site` is `Lax` for the session (links from emails keep you
/// logged in) and `Strict` for the CSRF token.
pub fn set(base: &str, value: &str, max_age_secs: i64, same_site: &str, secure: bool) -> HeaderValue {
    let name = name(base, secure);
    let secure = if secure { "; Secure" } else { "" };
    let cookie =
        format!("{name}={value}; Path=/; HttpOnly; SameSite={same_site}; Max-Age={max_age_secs}{secure}");
    HeaderValue::from_str(&cookie).expect("cookie values are base64url")
}

/// A `Set-Cookie` value that deletes the cookie.
pub fn clear(name: &str, secure: bool) -> HeaderValue {
    set(name, "", 0, "Lax", secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, HeaderValue::from_static("a=1; tessera_session=abc; b=2"));
        assert_eq!(get(&headers, SESSION), Some("abc"));
        assert_eq!(get(&headers, "missing"), None);
        let secure = set(SESSION, "abc", 60, "Lax", true);
        assert_eq!(secure, "__Host-tessera_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60; Secure");
        assert_eq!(
            set(SESSION, "abc", 60, "Lax", false),
            "tessera_session=abc; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"
        );
        // On https only the prefixed cookie counts: a plain one may come from a subdomain.
        assert_eq!(read(&headers, SESSION, true), None);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("__Host-tessera_session=xyz; tessera_session=abc"),
        );
        assert_eq!(read(&headers, SESSION, true), Some("xyz"));
        assert_eq!(read(&headers, SESSION, false), Some("abc"));
        assert!(carries(&headers, SESSION));
    }
}
