//! CSRF protection for HTML forms: a random value in a `SameSite=Strict` cookie and, in a hidden
//! field of every form, a token made from it; a POST whose field does not match is refused
//! (double submit). For a signed-in browser the token is bound to the session as well: a hash
//! of the cookie's value and the session token, so a token is worth nothing with another
//! session, and a cookie planted from elsewhere cannot make one without the session's secret.
//! Signing in, out, or rotating the session makes the forms of earlier pages stale. JSON routes need no token: they only read `application/json` bodies,
//! which a cross-site page cannot send without our consent, and `guard` refuses cross-site
//! requests outright.

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use super::cookies;
use crate::error::{Error, PageError};
use crate::extract::FormBody;
use crate::state::AppState;

/// A year: the token only proves the form came from our page.
const MAX_AGE_SECS: i64 = 365 * 24 * 3600;

/// The CSRF token for the forms of the page being rendered. When the browser has none yet,
/// a new one is made and `set_cookie` must go out with the page.
#[derive(Debug, Clone)]
pub struct CsrfToken {
    pub token: String,
    pub set_cookie: Option<HeaderValue>,
}

impl FromRequestParts<AppState> for CsrfToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let https = state.config.is_https();
        let session = cookies::read(&parts.headers, cookies::SESSION, https);
        if let Some(cookie) =
            cookies::read(&parts.headers, cookies::CSRF, https).filter(|t| is_well_formed(t))
        {
            return Ok(CsrfToken { token: form_token(cookie, session), set_cookie: None });
        }
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let cookie = URL_SAFE_NO_PAD.encode(bytes);
        let set_cookie = cookies::set(cookies::CSRF, &cookie, MAX_AGE_SECS, "Strict", https);
        Ok(CsrfToken { token: form_token(&cookie, session), set_cookie: Some(set_cookie) })
    }
}

/// The token forms carry: the cookie's value itself for a browser without a session, else a
/// hash of it and the session token (which the page never shows, and cannot be worked back from
/// the hash).
fn form_token(cookie: &str, session: Option<&str>) -> String {
    match session.filter(|s| !s.is_empty()) {
        None => cookie.to_string(),
        Some(session) => {
            let mut hash = Sha256::new();
            hash.update(b"tessera csrf v1\0");
            hash.update(cookie.as_bytes());
            hash.update(b"\0");
            hash.update(session.as_bytes());
            URL_SAFE_NO_PAD.encode(hash.finalize())
        }
    }
}

impl CsrfToken {
    /// The page, with the new cookie attached when the browser did not have one yet.
    pub fn attach(&self, mut response: axum::response::Response) -> axum::response::Response {
        if let Some(cookie) = self.set_cookie.clone() {
            response.headers_mut().append(axum::http::header::SET_COOKIE, cookie);
        }
        response
    }
}

fn is_well_formed(token: &str) -> bool {
    token.len() == 43 && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks a submitted form's token against the cookie and the session, in constant time.
pub fn verify(headers: &HeaderMap, submitted: &str, https: bool) -> Result<(), Error> {
    let expected = cookies::read(headers, cookies::CSRF, https)
        .filter(|cookie| is_well_formed(cookie))
        .map(|cookie| form_token(cookie, cookies::read(headers, cookies::SESSION, https)));
    let matches =
        expected.is_some_and(|expected| bool::from(expected.as_bytes().ct_eq(submitted.as_bytes())));
    if matches {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "This form has expired or did not come from Tessera. Reload the page and try again.",
        ))
    }
}

/// A submitted form whose CSRF token matches the cookie. A malformed body is a 400 page, a
/// missing or wrong token the 403 page. `T` reads the form's other fields; the token itself is
/// read separately, so `T` needs no field for it (the page a failed form re-renders gets the
/// token from `CsrfToken`, which is the same value once this check has passed).
pub struct CsrfForm<T = serde::de::IgnoredAny>(pub T);

#[derive(serde::Deserialize)]
struct TokenField {
    #[serde(default)]
    csrf_token: String,
}

impl<T: serde::de::DeserializeOwned> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        // Read once, then parsed twice: as `T` (a malformed body is refused first, as before)
        // and for the token.
        let method = request.method().clone();
        let headers = request.headers().clone();
        let bytes = axum::body::Bytes::from_request(request, state)
            .await
            .map_err(|rejection| Error::unreadable(rejection.body_text()))?;
        let mut form_request = Request::new(axum::body::Body::from(bytes.clone()));
        *form_request.method_mut() = method;
        *form_request.headers_mut() = headers.clone();
        let FormBody(form) = FormBody::<T>::from_request(form_request, state).await?;
        let submitted = serde_urlencoded::from_bytes::<TokenField>(&bytes).map(|field| field.csrf_token);
        verify(&headers, &submitted.unwrap_or_default(), state.config.is_https())?;
        Ok(CsrfForm(form))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::header::COOKIE;

    use super::*;

    fn headers(cookie: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_str(cookie).unwrap());
        headers
    }

    #[test]
    fn a_token_is_bound_to_the_session() {
        let value = "A".repeat(43);
        let anonymous = headers(&format!("tessera_csrf={value}"));
        assert!(verify(&anonymous, &value, false).is_ok());
        assert!(verify(&anonymous, &"B".repeat(43), false).is_err());

        let signed_in = headers(&format!("tessera_csrf={value}; tessera_session=alice"));
        let token = form_token(&value, Some("alice"));
        assert_eq!(token.len(), 43);
        assert!(verify(&signed_in, &token, false).is_ok());
        // The bare cookie value no longer does, nor Alice's token with Bob's session.
        assert!(verify(&signed_in, &value, false).is_err());
        let bob = headers(&format!("tessera_csrf={value}; tessera_session=bob"));
        assert!(verify(&bob, &token, false).is_err());
        // Nor without the cookie, or on https with the cookies under their plain names.
        assert!(verify(&headers("tessera_session=alice"), &token, false).is_err());
        assert!(verify(&signed_in, &token, true).is_err());
    }
}
