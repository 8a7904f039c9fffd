use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use bytes::Bytes;

use crate::error::{ErrorBody, Result};
use crate::orders;
use crate::state::AppState;

/// BTCPay Server's webhook endpoint (when BTCPay is configured).
///
/// Verifies `BTCPay-Sig` (`sha256=` and the hex HMAC-SHA256 of the raw body with the webhook's
/// secret) before reading anything, counts each delivery once, then reads the invoice back
/// through the Greenfield API and brings the order in line with its status.
#[utoipa::path(post, path = "/webhooks/btcpay", tag = "webhooks",
    request_body(content = String, content_type = "application/json", description = "A BTCPay webhook event"),
    params(("BTCPay-Sig" = String, Header, description = "sha256=<hex HMAC-SHA256 of the body>")),
    responses(
        (status = 200, description = "Received"),
        (status = 400, description = "Bad signature or not an event; nothing was read or written", body = ErrorBody),
        (status = 404, description = "BTCPay is not configured here", body = ErrorBody),
        (status = 502, description = "BTCPay could not be asked about the invoice; deliver again later", body = ErrorBody),
    ))]
pub async fn btcpay(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>> {
    orders::receive_btcpay_webhook(&state, &headers, &body).await?;
    Ok(Json(serde_json::json!({ "received": true })))
}
