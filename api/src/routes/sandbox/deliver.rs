//! The sandboxes' webhooks: signed like the provider's, delivered to our real webhook handlers
//! (signature check included) in the background, as the provider would.

use std::time::Duration;

use axum::http::HeaderMap;

use crate::routes::webhooks;
use crate::state::AppState;

/// The provider a sandbox plays, whose webhook handler its events go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SandboxWebhooks {
    Stripe,
    BtcPay,
}

/// Delivers a sandbox's signed events to our webhook handler, one after the other and retrying
/// as the provider would, in the background: like the provider's, they arrive after the
/// customer has moved on.
pub fn deliver_sandbox_events(
    state: AppState,
    to: SandboxWebhooks,
    events: Vec<tessera_payments::sandbox::SignedEvent>,
) {
    if events.is_empty() {
        return;
    }
    tokio::spawn(async move {
        for event in events {
            let mut headers = HeaderMap::new();
            let Ok(value) = event.signature.parse() else { continue };
            headers
                .insert(if to == SandboxWebhooks::Stripe { "stripe-signature" } else { "btcpay-sig" }, value);
            let mut wait = Duration::from_millis(200);
            for attempt in 1..=6 {
                let delivered = match to {
                    SandboxWebhooks::Stripe => {
                        webhooks::stripe::receive(&state, &headers, event.body.as_bytes()).await
                    }
                    SandboxWebhooks::BtcPay => {
                        webhooks::btcpay::receive(&state, &headers, event.body.as_bytes()).await
                    }
                };
                match delivered {
                    Ok(()) => break,
                    Err(err) if attempt < 6 => {
                        tracing::warn!(error = %err, attempt, ?to, "sandbox webhook delivery failed; retrying");
                        tokio::time::sleep(wait).await;
                        wait *= 2;
                    }
                    Err(err) => tracing::error!(error = %err, ?to, "sandbox webhook delivery gave up"),
                }
            }
        }
    });
}
