//! Sending refunds, shared by the admin API, the admin pages and the background sender: ask
//! (`tessera_core::refund`), then hand the refund to its provider at once
//! (`tessera_settlement::card::refunded::send`, `…::btc::refunded::send`). A refund the provider
//! could not take now stays `requested` and the background sender (`tasks::send_refunds`) sends
//! it later; sending twice is safe, since the provider deduplicates by the refund's own key.
//! Ethereum refunds are not sent from here: the chain-watcher holds the refund wallet's key and
//! sends them (`tessera_settlement::eth::refunded`).

use std::sync::Arc;

use futures::future::BoxFuture;
use tessera_core::refund::{self, Refund};
use tessera_payments::sandbox::SandboxCheckout;
use tessera_payments::{CardRefund, CardRefundRequest, CardRefunds, PaymentError};
use tessera_settlement::card::refunded::{self, Sent};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::routes::sandbox::deliver::{SandboxWebhooks, deliver_sandbox_events};
use crate::state::AppState;

/// The card sandbox, delivering the events Stripe would send about each refund to our
/// webhook, as it does for checkouts.
struct SandboxRefunds {
    state: AppState,
    sandbox: Arc<SandboxCheckout>,
}

impl CardRefunds for SandboxRefunds {
    fn refund<'a>(
        &'a self,
        request: &'a CardRefundRequest,
    ) -> BoxFuture<'a, Result<CardRefund, PaymentError>> {
        Box::pin(async move {
            let (refund, events) = self.sandbox.refund_with_events(request).await?;
            deliver_sandbox_events(self.state.clone(), SandboxWebhooks::Stripe, events);
            Ok(refund)
        })
    }
}

/// Hands a requested refund to its provider and returns it as it now stands. A provider that
/// cannot be reached leaves it `requested`: the answer says so, and the background sender tries again.
pub async fn send(state: &AppState, refund_id: Uuid) -> Result<Refund> {
    let asked = refund::refund(&state.db, refund_id).await?.ok_or(Error::NotFound("refund"))?;
    if asked.rail == "eth" {
        // Sent by the chain-watcher, which alone holds the refund wallet's key.
        return Ok(asked);
    }
    if asked.rail == "btc" {
        let Some(btc) = &state.btc_settlement else {
            // BTCPay is no longer configured here: the refund waits for a process that has it.
            return refund::refund(&state.db, refund_id).await?.ok_or(Error::NotFound("refund"));
        };
        match tessera_settlement::btc::refunded::send(&state.db, &btc.client, refund_id).await {
            Ok(_) => {}
            Err(tessera_settlement::SettleError::Unavailable(why)) => {
                tracing::warn!(refund.id = %refund_id, error = %why, "refund not sent yet; the background sender retries");
            }
            Err(err) => return Err(err.into()),
        }
        return refund::refund(&state.db, refund_id).await?.ok_or(Error::NotFound("refund"));
    }
    let sent = match &state.sandbox {
        Some(sandbox) => {
            let provider = SandboxRefunds { state: state.clone(), sandbox: sandbox.clone() };
            refunded::send(&state.db, &provider, refund_id).await
        }
        None => match &state.card_refunds {
            Some(card_refunds) => refunded::send(&state.db, card_refunds.as_ref(), refund_id).await,
            None => Err(tessera_settlement::SettleError::Unavailable(
                "card payments are not configured (TESSERA_STRIPE_SECRET_KEY)".into(),
            )),
        },
    };
    match sent {
        Ok(Sent::Accepted(_) | Sent::Refused(_) | Sent::Nothing) => {}
        Err(tessera_settlement::SettleError::Unavailable(why)) => {
            tracing::warn!(refund.id = %refund_id, error = %why, "refund not sent yet; the background sender retries");
        }
        Err(err) => return Err(err.into()),
    }
    refund::refund(&state.db, refund_id).await?.ok_or(Error::NotFound("refund"))
}

/// Sends the card refunds nobody sent (a crash after asking, a provider that was down), a batch
/// at a time until none is left; stops at the first the provider cannot take now (the next
/// round tries again). Returns how many the provider took.
pub async fn send_waiting(state: &AppState) -> Result<usize> {
    let mut sent = 0;
    loop {
        // The rails this process can send on (card only with a card provider configured: a
        // card refund that cannot be sent must not hold back the bitcoin ones).
        let mut rails = Vec::with_capacity(2);
        if state.card_refunds.is_some() {
            rails.push("card");
        }
        if state.btc_settlement.is_some() {
            rails.push("btc");
        }
        if rails.is_empty() {
            return Ok(sent);
        }
        let rails = rails.as_slice();
        let waiting = refund::to_send(&state.db, chrono::Duration::seconds(30), 50, rails).await?;
        if waiting.is_empty() {
            return Ok(sent);
        }
        let before = sent;
        for refund_id in waiting {
            match send(state, refund_id).await {
                // Still waiting: Stripe cannot take it now, nor the other card refunds.
                Ok(refund) if refund.status == refund::RefundStatus::Requested && refund.rail == "card" => {
                    return Ok(sent);
                }
                Ok(refund) if refund.status == refund::RefundStatus::Requested => {}
                Ok(_) => sent += 1,
                Err(err) => tracing::warn!(refund.id = %refund_id, error = %err, "could not send a refund"),
            }
        }
        if sent == before {
            // Nothing went out of a whole batch: the next round tries again.
            return Ok(sent);
        }
    }
}

/// Asks for and sends the refunds of every paid card order of cancelled events that has none
/// yet; returns how many it asked for. Resumes where a crash left it: each order's refund has
/// its own key, and those asked for but not sent are sent by [`send_waiting`].
pub async fn refund_cancelled_events(state: &AppState) -> Result<usize> {
    let mut asked = 0;
    let mut skip = Vec::new();
    loop {
        let (batch, skipped) = refund::refund_cancelled_events(&state.db, &skip, 50).await?;
        if batch.is_empty() && skipped.is_empty() {
            return Ok(asked);
        }
        skip.extend(skipped);
        asked += batch.len();
        for refund_id in batch {
            if let Err(err) = send(state, refund_id).await {
                tracing::warn!(refund.id = %refund_id, error = %err, "could not send a cancelled event's refund");
            }
        }
    }
}

/// Follows the customers' claims of bitcoin refunds until BTCPay pays them out; returns how
/// many completed.
pub async fn follow_btc_claims(state: &AppState) -> Result<usize> {
    let Some(btc) = &state.btc_settlement else { return Ok(0) };
    Ok(tessera_settlement::btc::refunded::follow_claims(&state.db, &btc.client).await?)
}
