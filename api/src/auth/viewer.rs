//! The person behind a request, from their session cookie.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tessera_core::account::{Account, SessionToken};

use super::cookies;
use crate::error::Error;
use crate::state::AppState;

/// Whoever is asking: signed in or not. Never fails on a missing or stale cookie.
#[derive(Debug, Clone)]
pub struct Viewer(pub Option<SignedIn>);

/// A signed-in person and the session they came with.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub account: Account,
    pub token: SessionToken,
}

/// A signed-in admin. Anyone else gets 401 (not signed in) or 403 (signed in, not an admin).
#[derive(Debug, Clone)]
pub struct Admin(pub SignedIn);

/// Someone who may check tickets in: door staff or an admin. Anyone else gets 401 or 403.
#[derive(Debug, Clone)]
pub struct DoorStaff(pub SignedIn);

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(viewer) = parts.extensions.get::<Viewer>() {
            return Ok(viewer.clone());
        }
        let Some(token) = cookies::read(&parts.headers, cookies::SESSION, state.config.is_https())
            .and_then(SessionToken::from_cookie)
        else {
            return Ok(Viewer(None));
        };
        let viewer = Viewer(state.sessions.find(&token).await?.map(|account| SignedIn { account, token }));
        parts.extensions.insert(viewer.clone());
        Ok(viewer)
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        Viewer::from_request_parts(parts, state)
            .await?
            .0
            .ok_or(Error::Unauthorized { code: "unauthorized", message: "error-log-in-first" })
    }
}

impl FromRequestParts<AppState> for Admin {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        if signed_in.account.is_admin() {
            Ok(Admin(signed_in))
        } else {
            Err(Error::Forbidden("error-admins-only"))
        }
    }
}

impl FromRequestParts<AppState> for DoorStaff {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        if signed_in.account.can_check_in() {
            Ok(DoorStaff(signed_in))
        } else {
            Err(Error::Forbidden("error-staff-only"))
        }
    }
}

impl utoipa::IntoResponses for DoorStaff {
    fn responses() -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        utoipa::openapi::ResponsesBuilder::new()
            .response("401", crate::extract::error_response("Not signed in"))
            .response("403", crate::extract::error_response("Neither door staff nor an admin"))
            .build()
            .into()
    }
}

impl utoipa::IntoResponses for SignedIn {
    fn responses() -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        utoipa::openapi::ResponsesBuilder::new()
            .response("401", crate::extract::error_response("Not signed in"))
            .build()
            .into()
    }
}

impl utoipa::IntoResponses for Admin {
    fn responses() -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        utoipa::openapi::ResponsesBuilder::new()
            .response("401", crate::extract::error_response("Not signed in"))
            .response("403", crate::extract::error_response("Not an admin"))
            .build()
            .into()
    }
}
