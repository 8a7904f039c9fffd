use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

use super::Confirmation;
use crate::auth::SignedIn;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{OrderNoun, PathId};
use crate::state::AppState;

/// Cancel a paid order for a refund, while the event's refund policy allows it (`refund_offer`
/// on the order says until when, and how much comes back after the fee). Every ticket stops
/// admitting anyone; the money goes back to the card. Asking again returns the same refund.
#[utoipa::path(post, path = "/api/orders/{id}/refund", tag = "orders",
    params(("id" = Uuid, Path, description = "The order's id")),
    responses(
        (status = 201, description = "Cancelled; the refund is on its way", body = Confirmation),
        (status = 200, description = "Cancelled before", body = Confirmation),
        SignedIn,
        PathId<OrderNoun>,
        (status = 404, description = "No such order of yours", body = ErrorBody),
        (status = 409, description = "The event's policy does not allow it (any more), or the order is not paid", body = ErrorBody),
    ))]
pub async fn refund(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathId { id, .. }: PathId<OrderNoun>,
) -> Result<(StatusCode, Json<Confirmation>)> {
    let fresh = cancel_for_refund(&state, id, signed_in.account.id).await?;
    let order = tessera_core::order::order_for_account(&state.db, id, signed_in.account.id)
        .await?
        .ok_or(Error::NotFound("order"))?;
    let confirmation = Confirmation::from(order).with_tickets(&state).await?;
    Ok((if fresh { StatusCode::CREATED } else { StatusCode::OK }, Json(confirmation)))
}

/// Shared with the order page: asks for the refund and sends it; whether it is new.
pub async fn cancel_for_refund(
    state: &AppState,
    order_id: uuid::Uuid,
    account_id: uuid::Uuid,
) -> Result<bool> {
    let (asked, fresh) =
        tessera_core::refund::cancel_own_order(&state.db, order_id, account_id, chrono::Utc::now()).await?;
    if asked.status == tessera_core::refund::RefundStatus::Requested {
        crate::refunds::send(state, asked.id).await?;
    }
    Ok(fresh)
}
