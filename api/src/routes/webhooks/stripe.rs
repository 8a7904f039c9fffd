use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use bytes::Bytes;

use crate::error::{ErrorBody, Result};
use crate::orders;
use crate::state::AppState;

/// Stripe's webhook endpoint.
///
/// Verifies `Stripe-Signature` (HMAC-SHA256 over `"{t}.{raw body}"`, any matching `v1`,
/// timestamps within five minutes), records the event id once, and acts on
/// `checkout.session.completed`, `...async_payment_succeeded`, `...async_payment_failed` and
/// `...expired`. Other event types are acknowledged and ignored; a replayed event changes
/// nothing.
#[utoipa::path(post, path = "/webhooks/stripe", tag = "webhooks",
    request_body(content = String, content_type = "application/json", description = "A Stripe event"),
    params(("Stripe-Signature" = String, Header, description = "t=<unix time>,v1=<hex HMAC-SHA256>")),
    responses(
        (status = 200, description = "Received"),
        (status = 400, description = "Bad signature or not a Stripe event; nothing was read or written", body = ErrorBody),
    ))]
pub async fn stripe(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>> {
    orders::receive_stripe_webhook(&state, &headers, &body).await?;
    Ok(Json(serde_json::json!({ "received": true })))
}
