//! CSRF protection for HTML forms: a random token in a `SameSite=Strict` cookie, repeated in a
//! hidden field of every form; a POST whose field does not match the cookie is refused
//! (double submit). JSON routes need no token: they only read `application/json` bodies,
//! which a cross-site page cannot send without our consent, and `guard` refuses cross-site
//! requests outright.

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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
        if let Some(token) = cookies::read(&parts.headers, cookies::CSRF, state.config.is_https())
            .filter(|t| is_well_formed(t))
        {
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
pub fn verify(headers: &HeaderMap, submitted: &str, https: bool) -> Result<(), Error> {
    let cookie = cookies::read(headers, cookies::CSRF, https).unwrap_or("");
    let matches = !cookie.is_empty() && bool::from(cookie.as_bytes().ct_eq(submitted.as_bytes()));
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
            .map_err(|rejection| Error::InvalidBody(rejection.body_text()))?;
        let mut form_request = Request::new(axum::body::Body::from(bytes.clone()));
        *form_request.method_mut() = method;
        *form_request.headers_mut() = headers.clone();
        let FormBody(form) = FormBody::<T>::from_request(form_request, state).await?;
        let submitted = serde_urlencoded::from_bytes::<TokenField>(&bytes).map(|field| field.csrf_token);
        verify(&headers, &submitted.unwrap_or_default(), state.config.is_https())?;
        Ok(CsrfForm(form))
    }
}
