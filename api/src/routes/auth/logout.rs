use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::accounts;
use crate::auth::Viewer;
use crate::error::Result;
use crate::state::AppState;

/// Sign out.
///
/// Ends the session on the server and clears the cookie. Signing out twice is harmless.
#[utoipa::path(post, path = "/api/auth/logout", tag = "accounts",
    responses((status = 204, description = "Signed out")))]
pub async fn logout(State(state): State<AppState>, viewer: Viewer) -> Result<Response> {
    if let Some(signed_in) = viewer.0 {
        accounts::logout(&state, &signed_in.token).await?;
    }
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, accounts::clear_session_cookie(&state))])
        .into_response())
}
