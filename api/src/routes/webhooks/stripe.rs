use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use bytes::Bytes;
use tessera_payments::stripe::signature;

use crate::error::{Error, ErrorBody, Result};
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
    receive(&state, &headers, &body).await?;
    Ok(Json(serde_json::json!({ "received": true })))
}

/// Verifies the signature before anything reads the body, then hands the event to settlement.
pub async fn receive(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<()> {
    let header = headers.get("stripe-signature").and_then(|value| value.to_str().ok());
    let now = chrono::Utc::now().timestamp();
    signature::verify(body, header, &state.stripe_webhook_secrets, now).map_err(|err| {
        tracing::warn!(error = %err, "Stripe webhook refused");
        Error::InvalidSignature(match err {
            signature::SignatureError::Stale => "The signature's timestamp is too old.",
            _ => "The Stripe-Signature header does not verify.",
        })
    })?;
    tessera_settlement::card::receive(&state.db, body).await?;
    Ok(())
}
