//! Bitcoin through BTCPay Server: an invoice per order, paid over time. A webhook or a poll is
//! only a trigger: the invoice is read back through the Greenfield API and the order brought in
//! line with what BTCPay says now (`arrived`), and every on-chain payment the invoice received
//! is recorded for finance (`receipts`). Money going back is a pull payment the customer claims
//! (`refunded`).

mod arrived;
mod receipts;
pub mod refunded;

pub use arrived::{InvoiceOutcome, InvoiceUpdate, apply_invoice};

use sqlx::PgPool;
use tessera_core::order::InvoiceState;
use tessera_payments::btcpay::webhook::WebhookEvent;
use tessera_payments::btcpay::{BtcPayClient, BtcPayError, PaymentStatus};

use crate::SettleError;

/// What settling one BTCPay store's invoices needs.
#[derive(Clone)]
pub struct BtcPaySettlement {
    pub db: PgPool,
    pub client: BtcPayClient,
    /// The network the store's addresses belong to.
    pub network: bitcoin::Network,
}

impl BtcPaySettlement {
    pub fn new(db: PgPool, client: BtcPayClient, network: bitcoin::Network) -> Self {
        Self { db, client, network }
    }

    /// Reads a verified webhook body as a BTCPay event and syncs its invoice. An event about
    /// no invoice (a payout, a payment request) is acknowledged: nothing of ours to follow.
    pub async fn receive(&self, body: &[u8]) -> Result<(), SettleError> {
        let event: WebhookEvent = serde_json::from_slice(body)
            .map_err(|err| SettleError::Malformed(format!("not a BTCPay webhook event: {err}")))?;
        let Some(invoice_id) = event.invoice_id.as_deref() else {
            tracing::debug!(webhook.kind = %event.kind, "BTCPay event without an invoice; acknowledged");
            return Ok(());
        };
        // Another store's event (a webhook secret shared between stores) is none of ours.
        if event.store_id.as_deref().is_some_and(|store| store != self.client.store_id()) {
            tracing::warn!(webhook.kind = %event.kind, btcpay.store = ?event.store_id, "BTCPay event of another store; ignored");
            return Ok(());
        }
        self.sync(Some(&event), invoice_id).await
    }

    /// Reads the invoice back (the webhook is a trigger, not the truth), brings its order in
    /// line, and records the invoice's on-chain payments (before the order, so a paid order's
    /// page never misses the outputs that paid it). With a webhook event, the event is counted
    /// once in the inbox; a repeat changes no order, but still records payments, so a
    /// redelivery after a failed read of them completes the record.
    pub async fn sync(&self, event: Option<&WebhookEvent>, invoice_id: &str) -> Result<(), SettleError> {
        let invoice = self.client.invoice(invoice_id).await?;
        // Read before anything is written: if BTCPay fails us here, the webhook's redelivery
        // (or the next poll) does it all.
        let mut methods_unread = false;
        let methods = match &invoice {
            Some(invoice) if receipts::worth_reading(&self.db, invoice).await? => {
                match self.client.payment_methods(&invoice.id).await {
                    Ok(methods) => {
                        receipts::resolve_unreadable(&self.db, &invoice.id, "").await?;
                        methods
                    }
                    // Payment methods that do not read must not keep the invoice from its
                    // order: its state says whether it is paid. Finance sees what failed.
                    Err(BtcPayError::Malformed(problem)) => {
                        let order_id = invoice.order_id().and_then(|id| uuid::Uuid::parse_str(id).ok());
                        let raw = serde_json::json!({"error": problem});
                        receipts::record_unreadable(&self.db, invoice, order_id, "", &problem, &raw).await?;
                        methods_unread = true;
                        Vec::new()
                    }
                    Err(err) => return Err(err.into()),
                }
            }
            _ => Vec::new(),
        };
        // BTCPay calls an invoice paid in full after it expired `PaidLate` at once, confirmed
        // or not (it never settles it). Tickets are given for confirmed money only: until its
        // payments confirm, such an invoice changes nothing but what it shows as paid; nor while
        // its payments cannot be read to say they did.
        let confirming_late = invoice.as_ref().is_some_and(|i| i.state() == InvoiceState::PaidLate)
            && (methods_unread
                || methods.iter().flat_map(|m| &m.payments).any(|p| p.status == PaymentStatus::Processing));
        // The outputs first, so that whoever sees the order paid finds the money that paid it;
        // but an output we cannot record (a rate or an outpoint BTCPay spelt oddly) must not
        // keep the invoice from its order: its error is returned once the order is in line.
        let recorded = match &invoice {
            Some(invoice) => receipts::record(self, invoice, &methods).await.map(drop),
            None => Ok(()),
        };
        arrived::apply(&self.db, event, invoice.as_ref(), confirming_late).await?;
        recorded
    }
}
