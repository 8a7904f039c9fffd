//! CSRF protection for HTML forms: a random token in a `SameSite=Strict` cookie, repeated in a
//! hidden field of every form; a POST whose field does not match the cookie is refused
//! (double submit). JSON routes need no token: they only read `application/json` bodies,
//! which a cross-site page cannot send without our consent, and `guard` refuses cross-site
//! requests outright.

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use subtle::ConstantTimeEq as _;

use super::cookies;
use crate::error::Error;
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
        if let Some(token) = cookies::get(&parts.headers, cookies::CSRF).filter(|t| is_well_formed(t)) {
            return Ok(CsrfToken { token: token.to_string(), set_cookie: None });
        }
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token = URL_SAFE_NO_PAD.encode(bytes);
        let set_cookie = cookies::set(cookies::CSRF, &token, MAX_AGE_SECS, "Strict", state.config.is_https());
        Ok(CsrfToken { token, set_cookie: Some(set_cookie) })
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

/// Checks a submitted form's token against the cookie, in constant time.
pub fn verify(headers: &HeaderMap, submitted: &str) -> Result<(), Error> {
    let cookie = cookies::get(headers, cookies::CSRF).unwrap_or("");
    let matches = !cookie.is_empty() && bool::from(cookie.as_bytes().ct_eq(submitted.as_bytes()));
    if matches {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "This form has expired or did not come from Tessera. Reload the page and try again.",
        ))
    }
}
