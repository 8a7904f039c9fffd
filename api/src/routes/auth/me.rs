use axum::Json;
use tessera_core::account::Account;

use crate::auth::SignedIn;
use crate::error::ErrorBody;

/// The signed-in account.
#[utoipa::path(get, path = "/api/me", tag = "accounts",
    responses(
        (status = 200, description = "The account", body = crate::schemas::account::Account),
        (status = 401, description = "Not signed in", body = ErrorBody),
    ))]
pub async fn me(signed_in: SignedIn) -> Json<Account> {
    Json(signed_in.account)
}
