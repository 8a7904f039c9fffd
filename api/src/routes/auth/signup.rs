use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::accounts;
use crate::auth::SignedIn;
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

/// What was done, for people.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    pub message: String,
}

/// Create an account.
///
/// Emails a link that confirms the address and signs in (`POST /api/auth/verify-email`). The
/// answer is the same when the address already has an account (its owner is emailed instead),
/// so sign-up does not tell anyone whether an address has one.
#[utoipa::path(post, path = "/api/auth/signup", tag = "accounts", request_body = SignupRequest,
    responses(
        (status = 202, description = "Check the inbox for the link", body = Accepted),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
        (status = 429, description = "Too many sign-ups from this address (with `Retry-After`)", body = ErrorBody),
    ))]
pub async fn signup(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<SignupRequest>,
) -> Result<Response> {
    accounts::signup(&state, ip, &body.email, &body.name, &body.password).await?;
    Ok((StatusCode::ACCEPTED, Json(Accepted { message: tessera_i18n::t(accounts::SIGNUP_ANSWER) }))
        .into_response())
}

// No Debug: it holds a password.
#[derive(Deserialize, ToSchema)]
pub struct VerifyRequest {
    /// The `token` of the emailed link.
    pub token: String,
    /// The account's password: a link only confirms for whoever chose it.
    pub password: String,
}

/// Confirm the email address with the emailed link's token and the account's password, and
/// sign in.
///
/// The link works once and for 48 hours; a wrong password leaves it working. Every session
/// the account had ends. Answers with the account and a session cookie (`tessera_session`).
#[utoipa::path(post, path = "/api/auth/verify-email", tag = "accounts", request_body = VerifyRequest,
    responses(
        (status = 200, description = "Verified and signed in", body = crate::schemas::account::Account),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        (status = 401, description = "Not the password of the account the link is for (`invalid_credentials`)", body = ErrorBody),
        (status = 410, description = "The link is unknown, expired or already used (`link_invalid`)", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address (with `Retry-After`)", body = ErrorBody),
    ))]
pub async fn verify_email(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<VerifyRequest>,
) -> Result<Response> {
    let (account, session) = accounts::verify_email(&state, ip, &body.token, &body.password, None).await?;
    Ok(([(header::SET_COOKIE, accounts::session_cookie(&state, &session))], Json(account)).into_response())
}

/// Email the confirmation link again (a new one: earlier links stop working).
#[utoipa::path(post, path = "/api/me/verification-email", tag = "accounts",
    responses(
        (status = 202, description = "Sent (nothing is sent when the address is already verified)", body = Accepted),
        SignedIn,
        (status = 429, description = "Too many emails asked for (with `Retry-After`)", body = ErrorBody),
    ))]
pub async fn resend_verification(
    State(state): State<AppState>,
    ip: ClientIp,
    signed_in: SignedIn,
) -> Result<Response> {
    accounts::resend_verification(&state, ip, &signed_in.account).await?;
    let message =
        if signed_in.account.email_verified { "notice-already-confirmed" } else { "notice-link-sent" };
    Ok((StatusCode::ACCEPTED, Json(Accepted { message: tessera_i18n::t(message) })).into_response())
}

#[derive(Deserialize, ToSchema)]
pub struct ResetRequest {
    #[schema(example = "ana@example.org")]
    pub email: String,
}

/// Ask for a password reset link.
///
/// The answer is the same whether or not the address has an account; only an existing one is
/// emailed. The link works once, for an hour.
#[utoipa::path(post, path = "/api/auth/password-reset", tag = "accounts", request_body = ResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way", body = Accepted),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        (status = 429, description = "Too many requests from this address (with `Retry-After`)", body = ErrorBody),
    ))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<ResetRequest>,
) -> Result<Response> {
    accounts::request_password_reset(&state, ip, &body.email).await?;
    Ok((StatusCode::ACCEPTED, Json(Accepted { message: tessera_i18n::t(accounts::RESET_ANSWER) }))
        .into_response())
}

// No Debug: it holds a password.
#[derive(Deserialize, ToSchema)]
pub struct ResetConfirm {
    /// The `token` of the emailed link.
    pub token: String,
    /// 10 to 128 characters.
    pub new_password: String,
}

/// Choose a new password with the emailed link's token.
///
/// Every session of the account ends; this one is signed in with a new session cookie. The
/// address counts as confirmed (the link reached it).
#[utoipa::path(post, path = "/api/auth/password-reset/confirm", tag = "accounts", request_body = ResetConfirm,
    responses(
        (status = 200, description = "Changed and signed in", body = crate::schemas::account::Account),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        (status = 410, description = "The link is unknown, expired or already used (`link_invalid`)", body = ErrorBody),
        (status = 422, description = "The new password is invalid", body = ErrorBody),
        (status = 429, description = "Too many attempts from this address (with `Retry-After`)", body = ErrorBody),
    ))]
pub async fn reset_password(
    State(state): State<AppState>,
    ip: ClientIp,
    JsonBody(body): JsonBody<ResetConfirm>,
) -> Result<Response> {
    let (account, session) = accounts::reset_password(&state, ip, &body.token, &body.new_password).await?;
    Ok(([(header::SET_COOKIE, accounts::session_cookie(&state, &session))], Json(account)).into_response())
}
