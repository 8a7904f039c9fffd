use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use utoipa::ToSchema;

use super::Confirmation;
use crate::auth::SignedIn;
use crate::error::{ErrorBody, Result};
use crate::extract::{JsonBody, OrderNoun, PathId};
use crate::orders;
use crate::state::AppState;

#[derive(Debug, Deserialize, ToSchema)]
pub struct SwitchRailRequest {
    /// `card`, `btc`, `lightning`, `eth`, `usdc`, `usdt` or `eurc`: one of the event's `payment_methods`.
    #[schema(example = "lightning")]
    pub payment_method: String,
    /// ETH and tokens only: the chain to pay on, by its id; the first configured chain when
    /// left out.
    #[schema(example = 8453)]
    pub chain_id: Option<u64>,
}

/// Pay a pending order another way (card, bitcoin, Lightning, ETH, USDC, USDT, EURC, on the
/// chain named by `chain_id`) while its tickets
/// are held, without losing them. The checkout, invoice or quote of the rail left is closed;
/// money that still arrives on it is refunded, or pays the order if it came first (never
/// twice). Answers the order with its new payment (`payment.redirect_url`,
/// `payment.payment_request` or `payment.quote`). The same method again changes nothing.
#[utoipa::path(post, path = "/api/orders/{id}/payment-method", tag = "orders",
    params(("id" = Uuid, Path, description = "The order's id")),
    request_body = SwitchRailRequest,
    responses(
        (status = 200, description = "The order, on its new rail", body = Confirmation),
        SignedIn,
        PathId<OrderNoun>,
        (status = 404, description = "No such order of yours", body = ErrorBody),
        (status = 409, description = "The order is no longer waiting for payment, a payment is on its way, or it was quoted in another Ethereum asset", body = ErrorBody),
        (status = 422, description = "Not a payment method, one not taken here, or its provider could not open the payment (the order keeps its tickets; another method may be chosen)", body = ErrorBody),
    ))]
pub async fn switch(
    State(state): State<AppState>,
    signed_in: SignedIn,
    PathId { id, .. }: PathId<OrderNoun>,
    JsonBody(request): JsonBody<SwitchRailRequest>,
) -> Result<Json<Confirmation>> {
    let method = super::buy::payment_method(&request.payment_method)?;
    orders::switch_rail(&state, &signed_in.account, id, method, request.chain_id).await?;
    let confirmation = Confirmation::from(orders::load(&state, id, signed_in.account.id).await?);
    Ok(Json(confirmation.with_tickets(&state).await?))
}
