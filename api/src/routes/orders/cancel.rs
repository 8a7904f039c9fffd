use axum::Json;
use axum::extract::{Path, State};

use super::{Confirmation, parse_id};
use crate::auth::SignedIn;
use crate::error::{ErrorBody, Result};
use crate::orders;
use crate::state::AppState;

/// Cancel an order that is waiting for payment; its tickets go back on sale at once.
#[utoipa::path(post, path = "/api/orders/{id}/cancel", tag = "orders",
    params(("id" = Uuid, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The cancelled order", body = Confirmation),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such order of yours", body = ErrorBody),
        (status = 409, description = "The order is no longer waiting for payment", body = ErrorBody),
    ))]
pub async fn cancel(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<Confirmation>> {
    let id = parse_id(&id, "an order id")?;
    Ok(Json(orders::cancel(&state, id, signed_in.account.id).await?.into()))
}
