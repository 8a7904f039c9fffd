use axum::Json;
use axum::extract::State;

use super::Confirmation;
use crate::auth::SignedIn;
use crate::error::{ErrorBody, Result};
use crate::extract::{OrderNoun, PathId};
use crate::orders;
use crate::state::AppState;

/// An order's confirmation: its status, items, totals and payment.
///
/// Read from the database as it is committed: `paid` only once the payment is recorded;
/// `tickets` and `tickets_pdf_url` as soon as the ticketing worker has issued them.
#[utoipa::path(get, path = "/api/orders/{id}/confirmation", tag = "orders",
    params(("id" = Uuid, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order", body = Confirmation),
        SignedIn,
        PathId<OrderNoun>,
        (status = 404, description = "No such order of yours", body = ErrorBody),
    ))]
pub async fn confirmation(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathId { id, .. }: PathId<OrderNoun>,
) -> Result<Json<Confirmation>> {
    let confirmation = Confirmation::from(orders::load(&state, id, signed_in.account.id).await?);
    Ok(Json(confirmation.with_tickets(&state).await?))
}
