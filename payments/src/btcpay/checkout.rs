//! BTCPay invoices as a [`CheckoutProvider`]: an invoice per order in the order's fiat
//! currency, expiring with the hold, sending the customer back to the order page. On-chain
//! invoices are paid on BTCPay's checkout page; a Lightning invoice's payment request is shown
//! on our order page, so it is read back from the invoice's payment methods when it is made.
//!
//! BTCPay has no idempotency key, so opening a checkout first looks for the order's invoices
//! (`metadata.orderId` is indexed) and reuses one that can still be paid: a retried buy never
//! makes a second invoice for the same order.

use chrono::Utc;
use futures::future::BoxFuture;
use tessera_core::money::{Currency, plain_decimal};

use super::{
    BtcPayClient, BtcPayError, CheckoutOptions, CreateInvoice, InvoiceMetadata, InvoiceStatus, SpeedPolicy,
};
use crate::{CheckoutProvider, CheckoutRequest, CheckoutSession, ExpireOutcome, PaymentError};

/// Which of the store's bitcoin payment methods an invoice offers: one, so that each order's
/// receipts are of the rail its buyer chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BtcRail {
    OnChain,
    Lightning,
}

impl BtcRail {
    /// BTCPay's payment method id.
    pub fn payment_method_id(self) -> &'static str {
        match self {
            BtcRail::OnChain => super::ON_CHAIN,
            BtcRail::Lightning => super::LIGHTNING,
        }
    }
}

/// Bitcoin checkout through a BTCPay Server store.
pub struct BtcPayCheckout {
    client: BtcPayClient,
    speed_policy: SpeedPolicy,
    rail: BtcRail,
    /// The network the store's Lightning requests must be for.
    network: bitcoin::Network,
}

impl BtcPayCheckout {
    pub fn new(client: BtcPayClient, speed_policy: SpeedPolicy) -> Self {
        Self { client, speed_policy, rail: BtcRail::OnChain, network: bitcoin::Network::Bitcoin }
    }

    /// Invoices paid over Lightning, their payment request shown on the order page.
    pub fn lightning(client: BtcPayClient, network: bitcoin::Network) -> Self {
        Self { client, speed_policy: SpeedPolicy::HighSpeed, rail: BtcRail::Lightning, network }
    }

    pub fn rail(&self) -> BtcRail {
        self.rail
    }

    pub fn client(&self) -> &BtcPayClient {
        &self.client
    }

    async fn open(&self, request: &CheckoutRequest) -> Result<CheckoutSession, PaymentError> {
        let order_id = request.order_id.to_string();
        // After a switch of rail the invoice is a new one: the order's earlier ones were left.
        let existing = match request.attempt {
            None => self.client.invoices_for_order(&order_id).await.map_err(payment_error)?,
            Some(_) => Vec::new(),
        };
        // Of this rail: an order whose buyer switched rail has an invoice of the other one.
        let reusable = existing.into_iter().find(|invoice| {
            matches!(invoice.status, InvoiceStatus::New | InvoiceStatus::Processing | InvoiceStatus::Settled)
                && invoice.is_lightning_only() == (self.rail == BtcRail::Lightning)
        });
        let invoice = match reusable {
            Some(invoice) => invoice,
            None => {
                let currency: Currency = request.currency.parse().map_err(|_| {
                    PaymentError::Rejected(format!("unknown currency {:?}", request.currency))
                })?;
                let seconds_left = (request.expires_at - Utc::now()).num_seconds().max(60);
                // On-chain, whole minutes rounded up: the invoice never ends before the hold,
                // and a payment sent at its last second is still watched. A Lightning invoice
                // never outlives the hold: rounded down (its payment is instant).
                let minutes = match self.rail {
                    BtcRail::OnChain => (seconds_left + 59) / 60,
                    BtcRail::Lightning => (seconds_left / 60).max(1),
                };
                let description = request
                    .line_items
                    .iter()
                    .map(|item| format!("{} × {}", item.quantity, item.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                let create = CreateInvoice {
                    amount: plain_decimal(request.total_minor(), currency.exponent()),
                    currency: currency.code().to_string(),
                    metadata: InvoiceMetadata {
                        order_id: Some(order_id.clone()),
                        // The order page, for people looking at the invoice in BTCPay.
                        order_url: Some(
                            request.success_url.split('?').next().unwrap_or_default().to_string(),
                        ),
                        buyer_email: Some(request.customer_email.clone()),
                        buyer_name: None,
                        item_desc: Some(description.chars().take(500).collect()),
                    },
                    checkout: CheckoutOptions {
                        speed_policy: Some(self.speed_policy),
                        expiration_minutes: Some(u32::try_from(minutes).unwrap_or(u32::MAX)),
                        redirect_url: Some(request.success_url.clone()),
                        redirect_automatically: Some(true),
                        // Whatever the store's default: an invoice paid short is not paid.
                        payment_tolerance: Some(0.0),
                        // This rail only, whatever else the store has enabled.
                        payment_methods: Some(vec![self.rail.payment_method_id().to_string()]),
                    },
                };
                self.client.create_invoice(&create).await.map_err(payment_error)?
            }
        };
        if self.rail == BtcRail::Lightning {
            return self.lightning_session(request, invoice).await;
        }
        let url = invoice.checkout_link.clone().ok_or_else(|| {
            PaymentError::Unavailable(format!("invoice {} has no checkout link", invoice.id))
        })?;
        Ok(CheckoutSession { id: invoice.id, url, payment_request: None })
    }

    /// The Lightning invoice's payment request, read from its payment methods and checked to be
    /// a BOLT11 request of the store's network that expires no later than the hold; the
    /// customer pays it on the order page.
    async fn lightning_session(
        &self,
        request: &CheckoutRequest,
        invoice: super::Invoice,
    ) -> Result<CheckoutSession, PaymentError> {
        let methods = self.client.payment_methods(&invoice.id).await.map_err(payment_error)?;
        let method = methods.iter().find(|m| m.is_lightning()).ok_or_else(|| {
            PaymentError::Unavailable(format!("invoice {} offers no Lightning payment", invoice.id))
        })?;
        let bolt11 = method.destination.trim().to_string();
        let parsed = super::bolt11::parse(&bolt11).map_err(|why| {
            PaymentError::Unavailable(format!(
                "invoice {}'s Lightning request does not read: {why}",
                invoice.id
            ))
        })?;
        if !parsed.is_for(self.network) {
            return Err(PaymentError::Unavailable(format!(
                "invoice {}'s Lightning request is for another network ({})",
                invoice.id, parsed.currency
            )));
        }
        // It must ask exactly what the invoice is for, and end with the hold (a few seconds of
        // clock between us and BTCPay allowed): a request that outlives the tickets could be
        // paid for tickets no longer held.
        let due =
            tessera_core::money::parse_decimal(&method.amount, 11).and_then(|msat| u64::try_from(msat).ok());
        if parsed.amount_msat.is_none() || (due.is_some() && parsed.amount_msat != due) {
            return Err(PaymentError::Unavailable(format!(
                "invoice {}'s Lightning request asks {:?} msat, not the invoice's {:?}",
                invoice.id, parsed.amount_msat, due
            )));
        }
        let hold_ends = u64::try_from(request.expires_at.timestamp()).unwrap_or(0);
        if parsed.expires_at() > hold_ends + 30 {
            return Err(PaymentError::Unavailable(format!(
                "invoice {}'s Lightning request expires at {}, after the hold ends at {hold_ends}",
                invoice.id,
                parsed.expires_at()
            )));
        }
        // The order page, without the checkout's outcome: the customer pays there.
        let url = request.success_url.split('?').next().unwrap_or_default().to_string();
        Ok(CheckoutSession { id: invoice.id, url, payment_request: Some(bolt11) })
    }

    /// Never invalidates an on-chain invoice: BTCPay expires it itself when the hold ends (its
    /// expiration is the hold's) and keeps watching for late payments, which the webhook then
    /// honours or lists for refund. Invalidating it could leave money sent at the last second
    /// with nobody watching for it. A Lightning invoice still open is withdrawn.
    async fn close(&self, invoice_id: &str) -> Result<ExpireOutcome, PaymentError> {
        let Some(invoice) = self.client.invoice(invoice_id).await.map_err(payment_error)? else {
            return Ok(ExpireOutcome::AlreadyExpired);
        };
        match invoice.status {
            InvoiceStatus::Expired | InvoiceStatus::Invalid => Ok(ExpireOutcome::AlreadyExpired),
            // A payment was seen or made: the webhook (or the poller) decides what happens.
            InvoiceStatus::Processing | InvoiceStatus::Settled => Ok(ExpireOutcome::AlreadyCompleted),
            InvoiceStatus::New if invoice.expiration_time <= Utc::now().timestamp() => {
                Ok(ExpireOutcome::AlreadyExpired)
            }
            // A Lightning request is paid in full at once or not at all, so nothing sent at the
            // last second is left unwatched: once its order has ended it is withdrawn, and no
            // wallet that scanned it can pay it any more.
            InvoiceStatus::New if invoice.is_lightning_only() => {
                match self.client.mark_invalid(invoice_id).await.map_err(payment_error)?.status {
                    InvoiceStatus::Invalid | InvoiceStatus::Expired => Ok(ExpireOutcome::Expired),
                    // Paid just before: its webhook settles it, as paid late.
                    _ => Ok(ExpireOutcome::AlreadyCompleted),
                }
            }
            // The order was cancelled before its hold ran out: the invoice ends at its own time.
            InvoiceStatus::New => Err(PaymentError::Unavailable(format!(
                "invoice {invoice_id} stays open until it expires at {}; asking again later",
                invoice.expiration_time
            ))),
            InvoiceStatus::Other(status) => {
                Err(PaymentError::Unavailable(format!("invoice {invoice_id} is {status:?}; will ask again")))
            }
        }
    }
}

impl BtcPayCheckout {
    /// The buyer left this invoice for another rail: unless something was paid on it, it is
    /// marked invalid, on-chain or Lightning alike. Money sent to it afterwards is BTCPay's
    /// `Invalid` with payments: not the order's, recorded and refunded.
    async fn withdraw_invoice(&self, invoice_id: &str) -> Result<ExpireOutcome, PaymentError> {
        let Some(invoice) = self.client.invoice(invoice_id).await.map_err(payment_error)? else {
            return Ok(ExpireOutcome::AlreadyExpired);
        };
        match invoice.status {
            InvoiceStatus::Expired | InvoiceStatus::Invalid => Ok(ExpireOutcome::AlreadyExpired),
            InvoiceStatus::Processing | InvoiceStatus::Settled => Ok(ExpireOutcome::AlreadyCompleted),
            InvoiceStatus::New if invoice.amounts_minor().is_some_and(|(_, paid)| paid > 0) => {
                Ok(ExpireOutcome::AlreadyCompleted)
            }
            InvoiceStatus::New => {
                match self.client.mark_invalid(invoice_id).await.map_err(payment_error)?.status {
                    InvoiceStatus::Invalid | InvoiceStatus::Expired => Ok(ExpireOutcome::Expired),
                    _ => Ok(ExpireOutcome::AlreadyCompleted),
                }
            }
            InvoiceStatus::Other(status) => {
                Err(PaymentError::Unavailable(format!("invoice {invoice_id} is {status:?}; will ask again")))
            }
        }
    }
}

fn payment_error(err: BtcPayError) -> PaymentError {
    match err {
        BtcPayError::Rejected { .. } => PaymentError::Rejected(err.to_string()),
        BtcPayError::Unavailable(_) | BtcPayError::Malformed(_) => PaymentError::Unavailable(err.to_string()),
    }
}

impl CheckoutProvider for BtcPayCheckout {
    fn create<'a>(
        &'a self,
        request: &'a CheckoutRequest,
    ) -> BoxFuture<'a, Result<CheckoutSession, PaymentError>> {
        Box::pin(self.open(request))
    }

    fn expire<'a>(&'a self, session_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>> {
        Box::pin(self.close(session_id))
    }

    fn withdraw<'a>(&'a self, invoice_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>> {
        Box::pin(self.withdraw_invoice(invoice_id))
    }

    fn is_sandbox(&self) -> bool {
        false
    }
}
