use axum::extract::State;
use axum::http::{StatusCode, header};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts;
use crate::auth::SignedIn;
use crate::error::{ErrorBody, Result};
use crate::extract::JsonBody;
use crate::state::AppState;

// No Debug: it holds a password.
#[derive(Deserialize, ToSchema)]
pub struct PasswordChange {
    pub current_password: String,
    /// 10 to 128 characters.
    pub new_password: String,
}

/// Change the password.
///
/// Every session of the account is signed out; this device gets a new session cookie
/// (`tessera_session`) in the answer.
#[utoipa::path(post, path = "/api/me/password", tag = "accounts", request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed; a new session cookie is set"),
        JsonBody<PasswordChange>,
        SignedIn,
        (status = 422, description = "Wrong current password, or the new one is invalid", body = ErrorBody),
        (status = 429, description = "Too many attempts for this account (with `Retry-After`)", body = ErrorBody),
    ))]
pub async fn change_password(
    State(state): State<AppState>,
    signed_in: SignedIn,
    JsonBody(body): JsonBody<PasswordChange>,
) -> Result<(StatusCode, [(header::HeaderName, axum::http::HeaderValue); 1])> {
    let session =
        accounts::change_password(&state, signed_in.account.id, &body.current_password, &body.new_password)
            .await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, accounts::session_cookie(&state, &session))]))
}
