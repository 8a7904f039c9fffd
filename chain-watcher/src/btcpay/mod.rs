//! BTCPay invoices: bringing an order in line with its invoice (shared by the webhook and the
//! poller), recording every on-chain payment the invoice received for finance (`receipts`),
//! and the poller (`poll`), which asks BTCPay about every invoice whose fate may still change,
//! as the backstop for lost webhooks.

mod poll;
mod receipts;

pub use poll::{poll_once, run};
pub use receipts::{BtcReceipt, receipts_of_order};

use std::time::Duration;

use sqlx::PgPool;
use tessera_core::order::{self, InvoiceOutcome, InvoiceState, InvoiceUpdate, UnmatchedPayment};
use tessera_payments::btcpay::webhook::WebhookEvent;
use tessera_payments::btcpay::{BtcPayClient, BtcPayError, Invoice, PaymentStatus};

/// How long after an order ended its invoice is still watched: BTCPay's default monitoring of
/// an expired invoice for late payments (a day).
pub const LATE_WINDOW: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Provider(#[from] BtcPayError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What the watcher needs to follow one BTCPay store.
#[derive(Clone)]
pub struct BtcPayWatcher {
    pub db: PgPool,
    pub client: BtcPayClient,
    /// The network the store's addresses belong to.
    pub network: bitcoin::Network,
}

impl BtcPayWatcher {
    /// A watcher for the store behind `client`, whose addresses are on `network` (`bitcoin`,
    /// `testnet`, `testnet4`, `signet`, `regtest`).
    pub fn new(
        db: PgPool,
        client: BtcPayClient,
        network: &str,
    ) -> Result<Self, bitcoin::network::ParseNetworkError> {
        Ok(Self { db, client, network: network.parse()? })
    }

    /// Reads the invoice back (the webhook is a trigger, not the truth), brings its order in
    /// line, and records the invoice's on-chain payments. With a webhook event, the event is
    /// counted once in the inbox; a repeat changes no order, but still records payments, so a
    /// redelivery after a failed read of them completes the record.
    pub async fn sync(&self, event: Option<&WebhookEvent>, invoice_id: &str) -> Result<(), SyncError> {
        let invoice = self.client.invoice(invoice_id).await?;
        // Read before anything is written: if BTCPay fails us here, the webhook's redelivery
        // (or the next poll) does it all.
        let methods = match &invoice {
            Some(invoice) if receipts::worth_reading(&self.db, invoice).await? => {
                self.client.payment_methods(&invoice.id).await?
            }
            _ => Vec::new(),
        };
        // BTCPay calls an invoice paid in full after it expired `PaidLate` at once, confirmed
        // or not (it never settles it). Tickets are given for confirmed money only: until its
        // payments confirm, such an invoice changes nothing but what it shows as paid.
        let confirming_late = invoice.as_ref().is_some_and(|i| i.state() == InvoiceState::PaidLate)
            && methods.iter().flat_map(|m| &m.payments).any(|p| p.status == PaymentStatus::Processing);
        apply(&self.db, event, invoice.as_ref(), confirming_late).await?;
        if let Some(invoice) = &invoice {
            receipts::record(self, invoice, &methods).await?;
        }
        Ok(())
    }
}

/// Brings an order in line with its BTCPay invoice (`confirming_late`: a late payment still
/// confirming, not honoured yet). With a webhook event, the event is recorded in the inbox in
/// the same transaction, and a repeat changes nothing.
async fn apply(
    db: &PgPool,
    event: Option<&WebhookEvent>,
    invoice: Option<&Invoice>,
    confirming_late: bool,
) -> sqlx::Result<()> {
    let update = invoice.and_then(Invoice::update).map(|(order_id, state, amount, paid)| {
        (order_id, if confirming_late { InvoiceState::Unknown } else { state }, amount, paid)
    });
    if let Some((order_id, InvoiceState::Settled | InvoiceState::PaidLate, ..)) = update {
        // A late payment must see the stock that is really free.
        order::release_expired_holds_of_order(db, order_id).await?;
    }

    let mut tx = db.begin().await?;
    if let Some(event) = event {
        let fresh = sqlx::query_scalar!(
            r#"insert into webhook_inbox (provider, event_id, event_type) values ('btcpay', $1, $2)
               on conflict do nothing returning event_id"#,
            event.dedup_key(),
            event.kind
        )
        .fetch_optional(&mut *tx)
        .await?;
        if fresh.is_none() {
            tracing::info!(webhook.delivery_id = %event.delivery_id, "BTCPay delivery seen before; nothing to do");
            return Ok(());
        }
    }
    let Some(invoice) = invoice else {
        tx.commit().await?;
        return Ok(());
    };
    let Some((order_id, state, amount_minor, paid_minor)) = update else {
        // Not an invoice for an order of ours: money on it is recorded for someone to refund.
        let paid = invoice.amounts_minor().map_or(0, |(_, paid)| paid);
        if paid > 0 {
            let event_id =
                event.map_or_else(|| format!("poll-{}", invoice.id), |e| e.dedup_key().to_string());
            order::record_unmatched_payment(
                &mut *tx,
                &UnmatchedPayment {
                    provider: "btcpay".into(),
                    provider_event_id: event_id,
                    provider_ref: invoice.id.clone(),
                    provider_payment_ref: None,
                    claimed_order_ref: invoice.order_id().map(str::to_string),
                    currency: invoice.currency.clone(),
                    amount_minor: paid,
                    created_at: chrono::Utc::now(),
                },
            )
            .await?;
            tracing::error!(payment.provider_ref = %invoice.id, "bitcoin payment without an order of ours; recorded as unmatched");
        }
        tx.commit().await?;
        return Ok(());
    };
    let outcome = order::apply_invoice(
        &mut tx,
        &InvoiceUpdate {
            order_id,
            provider: "btcpay",
            provider_ref: &invoice.id,
            state,
            currency: &invoice.currency,
            amount_minor,
            paid_minor,
        },
    )
    .await?;
    tx.commit().await?;
    if outcome != InvoiceOutcome::Unchanged {
        tracing::info!(order.id = %order_id, invoice.id = %invoice.id, ?state, ?outcome, "bitcoin invoice applied");
    }
    Ok(())
}
