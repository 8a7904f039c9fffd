use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use serde::Deserialize;
use tessera_core::account::Account;
use utoipa::ToSchema;

use crate::accounts;
use crate::auth::SignedIn;
use crate::error::{ErrorBody, Result};
use crate::extract::JsonBody;
use crate::state::AppState;

/// The signed-in account.
#[utoipa::path(get, path = "/api/me", tag = "accounts",
    responses(
        (status = 200, description = "The account", body = crate::schemas::account::Account),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub async fn me(signed_in: SignedIn) -> Json<Account> {
    Json(signed_in.account)
}

// No Debug: it holds a password.
#[derive(Deserialize, ToSchema)]
pub struct AccountDeletion {
    /// The account's password, to confirm.
    pub password: String,
}

/// Delete the account.
///
/// What is the customer's own goes with it: sessions (every device is signed out), emailed
/// links, the searches and pages they were recorded viewing, "tell me when" requests and places
/// in waiting lists; the account's address, name, password and home are erased. Orders, their
/// tickets (with the name printed on them) and payments are kept for the books and the door:
/// tickets already sent stay valid. Refused (409 `account_in_use`) while an order waits for its
/// payment, a refund is under way or money is due back, tickets are still being emailed, or
/// tickets paid in bitcoin are for an event still to come; and for admins and door staff. The
/// session cookie is cleared in the answer.
#[utoipa::path(delete, path = "/api/me", tag = "accounts", request_body = AccountDeletion,
    responses(
        (status = 204, description = "Deleted; the session cookie is cleared"),
        JsonBody<AccountDeletion>,
        SignedIn,
        (status = 409, description = "`account_in_use`: an unpaid order, a refund under way, tickets being sent, bitcoin-paid tickets for an event to come, or a staff account", body = ErrorBody),
        (status = 422, description = "Wrong password", body = ErrorBody),
        (status = 429, description = "Too many attempts for this account (with `Retry-After`)", body = ErrorBody),
    ))]
pub async fn delete_me(
    State(state): State<AppState>,
    signed_in: SignedIn,
    JsonBody(body): JsonBody<AccountDeletion>,
) -> Result<(StatusCode, [(header::HeaderName, HeaderValue); 1])> {
    accounts::delete_account(&state, signed_in.account.id, &body.password).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, accounts::clear_session_cookie(&state))]))
}
