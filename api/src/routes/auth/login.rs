use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts;
use crate::auth::Viewer;
use crate::auth::client_ip::ClientIp;
use crate::error::{ErrorBody, Result};
use crate::extract::JsonBody;
use crate::state::AppState;

// No Debug: it holds a password.
#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    #[schema(example = "ana@example.org")]
    pub email: String,
    pub password: String,
}

/// Sign in.
///
/// Answers with the account and a new session cookie. A wrong email or password gets the
/// same 401 (`invalid_credentials`); repeated failures are limited per address and per
/// account (429 with `Retry-After`).
#[utoipa::path(post, path = "/api/auth/login", tag = "accounts", request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = crate::schemas::account::Account),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        (status = 401, description = "Email and password do not match", body = ErrorBody),
        (status = 429, description = "Too many attempts", body = ErrorBody),
    ))]
pub async fn login(
    State(state): State<AppState>,
    ip: ClientIp,
    viewer: Viewer,
    JsonBody(body): JsonBody<LoginRequest>,
) -> Result<Response> {
    let previous = viewer.0.map(|signed_in| signed_in.token);
    let (account, token) =
        accounts::login(&state, ip, &body.email, &body.password, previous.as_ref()).await?;
    Ok(([(header::SET_COOKIE, accounts::session_cookie(&state, &token))], Json(account)).into_response())
}
