use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use bytes::Bytes;
use secrecy::ExposeSecret as _;
use tessera_payments::btcpay::webhook;

use crate::error::{Error, ErrorBody, Result};
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
    receive(&state, &headers, &body).await?;
    Ok(Json(serde_json::json!({ "received": true })))
}

/// Verifies `BTCPay-Sig` before anything reads the body, then hands the event to settlement,
/// which reads the invoice back and acts on its authoritative status: the webhook is only a
/// trigger.
pub async fn receive(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<()> {
    let (Some(settlement), Some(config)) = (state.btc_settlement.as_ref(), state.btcpay_settings.as_deref())
    else {
        return Err(Error::NotFound("route"));
    };
    let header = headers.get("btcpay-sig").and_then(|value| value.to_str().ok());
    webhook::verify(body, header, config.webhook_secret.expose_secret()).map_err(|err| {
        tracing::warn!(error = %err, "BTCPay webhook refused");
        Error::InvalidSignature("The BTCPay-Sig header does not verify.")
    })?;
    settlement.receive(body).await?;
    Ok(())
}
