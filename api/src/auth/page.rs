//! Who may see a page: the signed-in person or the admin a page handler needs, with the
//! browser's answers for everyone else (to the login page, and back afterwards).

use axum::extract::FromRequestParts;
use axum::http::Method;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};

use super::guard::referring_page;
use super::viewer::{SignedIn, Viewer};
use crate::error::{Error, PageError};
use crate::state::AppState;

/// A signed-in person on a page. Anyone else is sent to log in and brought back afterwards.
#[derive(Debug, Clone)]
pub struct SignedInPage(pub SignedIn);

/// A signed-in admin on a page. Visitors are sent to log in; a signed-in customer gets the
/// 403 page (logging in again would not help).
#[derive(Debug, Clone)]
pub struct AdminPage(pub SignedIn);

/// Door staff or an admin on the door's page. Visitors are sent to log in; anyone else gets the
/// 403 page.
#[derive(Debug, Clone)]
pub struct DoorPage(pub SignedIn);

impl SignedInPage {
    /// The viewer, for the page's chrome.
    pub fn viewer(&self) -> Viewer {
        Viewer(Some(self.0.clone()))
    }
}

impl AdminPage {
    /// The viewer, for the page's chrome.
    pub fn viewer(&self) -> Viewer {
        Viewer(Some(self.0.clone()))
    }

    /// The admin's account.
    pub fn account_id(&self) -> uuid::Uuid {
        self.0.account.id
    }
}

/// Why a page is not shown, and what the browser gets instead.
#[derive(Debug)]
pub enum PageRefusal {
    /// Not signed in: to the login page, and back to `next` afterwards.
    LogIn { next: String },
    /// Signed in without the admin role.
    NotAdmin,
    /// Signed in as neither door staff nor an admin.
    NotDoor,
    /// The session could not be looked up.
    Failed(Error),
}

impl IntoResponse for PageRefusal {
    fn into_response(self) -> Response {
        match self {
            PageRefusal::LogIn { next } => {
                Redirect::to(&format!("/login?next={}", query_value(&next))).into_response()
            }
            PageRefusal::NotAdmin => PageError(Error::Forbidden("error-page-admins-only")).into_response(),
            PageRefusal::NotDoor => PageError(Error::Forbidden("error-page-staff-only")).into_response(),
            PageRefusal::Failed(err) => PageError(err).into_response(),
        }
    }
}

/// `value` as it may stand in a query string and be read back unchanged: a path may hold `&`,
/// `+`, `%` or `#`, which must be escaped; `/` and the other characters of a path stay readable.
fn query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$'()*,;:@=".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Where to come back after logging in: the page itself for a GET; for a form, the page the
/// form was on (the same-origin `Referer`, which browsers send with our referrer policy), or
/// the home page when there is none, since a form's action (`/orders/{id}/cancel`) is no page
/// to come back to. Only the path: a query would need escaping, and the login page accepts
/// nothing but a path of this site anyway.
fn back_to(parts: &Parts, state: &AppState) -> String {
    if matches!(parts.method, Method::GET | Method::HEAD) {
        return parts.uri.path().to_string();
    }
    referring_page(state, &parts.headers)
        .map(|uri| uri.path().to_string())
        .filter(|path| path.starts_with('/') && !path.starts_with("//"))
        .unwrap_or_else(|| "/".to_string())
}

async fn signed_in(parts: &mut Parts, state: &AppState) -> Result<SignedIn, PageRefusal> {
    match Viewer::from_request_parts(parts, state).await {
        Ok(Viewer(Some(signed_in))) => Ok(signed_in),
        Ok(Viewer(None)) => Err(PageRefusal::LogIn { next: back_to(parts, state) }),
        Err(err) => Err(PageRefusal::Failed(err)),
    }
}

impl FromRequestParts<AppState> for SignedInPage {
    type Rejection = PageRefusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        signed_in(parts, state).await.map(SignedInPage)
    }
}

impl FromRequestParts<AppState> for AdminPage {
    type Rejection = PageRefusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let signed_in = signed_in(parts, state).await?;
        if signed_in.account.is_admin() { Ok(AdminPage(signed_in)) } else { Err(PageRefusal::NotAdmin) }
    }
}

impl FromRequestParts<AppState> for DoorPage {
    type Rejection = PageRefusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let signed_in = signed_in(parts, state).await?;
        if signed_in.account.can_check_in() { Ok(DoorPage(signed_in)) } else { Err(PageRefusal::NotDoor) }
    }
}

#[cfg(test)]
mod tests {
    use super::query_value;

    #[test]
    fn a_path_reads_back_from_the_login_link_as_it_was() {
        for path in
            ["/account", "/orders/0192f0a4-7b3c-7def-8123-456789abcdef", "/a&next=//evil", "/50%+off #1"]
        {
            let query = format!("next={}", query_value(path));
            let read: Vec<(String, String)> = serde_urlencoded::from_str(&query).unwrap();
            assert_eq!(read, [("next".to_string(), path.to_string())], "{query}");
        }
        assert_eq!(query_value("/account"), "/account");
    }
}
