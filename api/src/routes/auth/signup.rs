use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::accounts;
use crate::auth::client_ip::ClientIp;
use crate::error::{ErrorBody, Result};
use crate::extract::JsonBody;
use crate::state::AppState;

// No Debug: it holds a password.
#[derive(Deserialize, ToSchema)]
pub struct SignupRequest {
    #[schema(example = "ana@example.org")]
    pub email: String,
    /// 10 to 128 characters.
    #[schema(example = "a long passphrase")]
    pub password: String,
    /// As it should appear on tickets.
    #[schema(example = "Ana Lúcia")]
    pub name: String,
}

/// Create an account and sign in.
///
/// Answers with the account and a session cookie (`tessera_session`).
#[utoipa::path(post, path = "/api/auth/signup", tag = "accounts", request_body = SignupRequest,
    responses(
        (status = 201, description = "Created and signed in", body = crate::schemas::account::Account),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        (status = 409, description = "The email already has an account (`email_taken`)", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 429, description = "Too many sign-ups from this address", body = ErrorBody),
    ))]
pub async fn signup(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<SignupRequest>,
) -> Result<Response> {
    let (account, token) = accounts::signup(&state, ip, &body.email, &body.name, &body.password).await?;
    Ok((StatusCode::CREATED, [(header::SET_COOKIE, accounts::session_cookie(&state, &token))], Json(account))
        .into_response())
}
