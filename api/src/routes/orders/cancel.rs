use axum::Json;
use axum::extract::State;

use super::Confirmation;
use crate::auth::SignedIn;
use crate::error::{ErrorBody, Result};
use crate::extract::{OrderNoun, PathId};
use crate::orders;
use crate::state::AppState;

/// Cancel an order that is waiting for payment; its tickets go back on sale at once.
#[utoipa::path(post, path = "/api/orders/{id}/cancel", tag = "orders",
    params(("id" = Uuid, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The cancelled order", body = Confirmation),
        SignedIn,
        PathId<OrderNoun>,
        (status = 404, description = "No such order of yours", body = ErrorBody),
        (status = 409, description = "The order is no longer waiting for payment", body = ErrorBody),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathId { id, .. }: PathId<OrderNoun>,
) -> Result<Json<Confirmation>> {
    Ok(Json(orders::cancel(&state, id, signed_in.account.id).await?.into()))
}
