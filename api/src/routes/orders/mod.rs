//! Buying and following an order over JSON: what can be bought, the purchase itself, the
//! order's confirmation and its cancellation. Every route needs a signed-in customer; another
//! customer's order is a 404.

pub mod buy;
pub mod cancel;
pub mod confirmation;
pub mod refund;
pub mod switch;

use chrono::{DateTime, Utc};
use serde::Serialize;
use tessera_core::order::{Order, OrderItem, OrderStatus, PaymentMethod, PaymentStatus};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::Result;
use crate::state::AppState;

/// An order as its owner sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Confirmation {
    pub order_id: Uuid,
    #[schema(value_type = crate::schemas::order::OrderStatus)]
    pub status: OrderStatus,
    /// Why the order ended where it did: `hold_expired`, `checkout_expired`, `payment_failed`,
    /// `provider_unavailable`, `cancelled_by_customer`, `released_by_admin`,
    /// `payment_never_settled`, `event_closed`, `paid_late`; empty otherwise.
    pub status_reason: String,
    /// For people: "Waiting for payment", "Paid", ...
    pub status_label: &'static str,
    pub event: ConfirmationEvent,
    #[schema(value_type = Vec<crate::schemas::order::OrderItem>)]
    pub items: Vec<OrderItem>,
    /// In minor units of `currency`.
    pub total_minor: i64,
    #[schema(example = "EUR")]
    pub currency: String,
    /// Until then the tickets are held for payment.
    pub expires_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub payment: PaymentView,
    /// The tickets, once issued (after payment; usually within seconds).
    pub tickets: Vec<TicketView>,
    /// Where to download them as one PDF, once it exists.
    pub tickets_pdf_url: Option<String>,
    /// Money that went back, or is going back, to the customer.
    pub refunds: Vec<RefundView>,
    /// What has gone back so far in `currency` (card refunds), in minor units: less than the
    /// total while the order is partly refunded. Bitcoin refunds, in satoshis, are in `refunds`.
    pub refunded_minor: i64,
    /// While the event's refund policy lets the customer cancel this order for a refund: how
    /// much, and until when (`POST /api/orders/{id}/refund`).
    pub refund_offer: Option<RefundOffer>,
}

/// What cancelling the order now would give back.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefundOffer {
    /// In minor units of the order's currency.
    pub refund_minor: i64,
    /// Kept by the organiser, in minor units.
    pub fee_minor: i64,
    /// The last moment to cancel.
    pub until: DateTime<Utc>,
}

/// A refund, as its customer sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefundView {
    pub refund_id: Uuid,
    /// In the smallest unit of `currency`, exact: minor units, satoshis for `BTC`, wei for
    /// `ETH`, token units for tokens.
    #[schema(example = "1800")]
    pub amount: String,
    /// The exponent of `amount`'s unit (2 for EUR, 8 for BTC, 18 for ETH).
    pub decimals: i32,
    /// `amount` as an integer, for card refunds (minor units); 0 for crypto, whose amounts can
    /// exceed it (read `amount`).
    pub amount_minor: i64,
    pub currency: String,
    #[schema(value_type = crate::schemas::refund::RefundStatus)]
    pub status: tessera_core::refund::RefundStatus,
    /// For people: "On its way", "Refunded", ...
    pub status_label: &'static str,
    /// Where the money goes: "to the card you paid with".
    pub destination: &'static str,
    /// The tickets it gave back.
    pub ticket_ids: Vec<Uuid>,
    /// Bitcoin: where to claim it with your own address, until it is paid out.
    pub claim_url: Option<String>,
    pub requested_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TicketView {
    pub ticket_id: Uuid,
    #[schema(example = "7K3M-9Q2P-XW4D")]
    pub serial: String,
    pub ticket_type: String,
    pub holder_name: String,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Set when the ticket no longer admits anyone: `refunded`, `disputed` or
    /// `event_cancelled`.
    pub voided: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ConfirmationEvent {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub timezone: String,
    pub venue_name: String,
    pub city: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentView {
    #[schema(value_type = crate::schemas::order::PaymentMethod)]
    pub method: PaymentMethod,
    /// `creating`, `open`, `succeeded`, `failed`, `expired`, `refund_due`, `refunded`;
    /// null when the order never reached a provider.
    #[schema(value_type = Option<crate::schemas::order::PaymentStatus>)]
    pub status: Option<PaymentStatus>,
    /// A payment was seen and is still being confirmed.
    pub detected: bool,
    /// The provider's id of the checkout (a Checkout Session id for cards).
    pub provider_ref: Option<String>,
    /// Where to pay, while the order waits for payment.
    pub redirect_url: Option<String>,
    /// Lightning: the BOLT11 payment request to pay (also shown on the order page as a QR code
    /// and a `lightning:` link), while the order waits for payment.
    pub payment_request: Option<String>,
    /// When money came in that cannot pay for the order, why it will be refunded.
    pub refund_reason: Option<String>,
    /// Bitcoin: what the invoice has seen paid so far, confirmed or not, in minor units of
    /// the order's currency; null before anything was seen.
    pub seen_minor: Option<i64>,
    /// Bitcoin: what is still missing from a part-paid invoice (minor units); null otherwise.
    pub missing_minor: Option<i64>,
    /// Paid more than the total: the excess, to be refunded (minor units).
    pub overpaid_minor: i64,
    /// Bitcoin: the transactions (or Lightning payments) that paid the invoice, as they were
    /// recorded.
    pub transactions: Vec<ChainTransaction>,
    /// ETH and tokens: the quote to pay, while it can be paid.
    pub quote: Option<buy::QuoteView>,
    /// ETH and tokens: the contract's payment logs for the order, as the chain-watcher saw them.
    pub eth_payments: Vec<EthPaymentView>,
    /// ETH and tokens: how deep a payment's block must be before the order is paid; null when
    /// the node's finalized block decides.
    pub confirmations_required: Option<u32>,
}

/// A payment to our contract for the order (an `OrderPaid` log).
#[derive(Debug, Serialize, ToSchema)]
pub struct EthPaymentView {
    pub tx_hash: String,
    pub log_index: i32,
    pub block_number: i64,
    pub payer: String,
    /// Base units, exact decimal string.
    pub amount: String,
    /// `seen` (waiting for confirmations), `confirmed` or `reorged` (its block left the chain).
    pub status: String,
    pub confirmations: i64,
}

/// A bitcoin transaction output, or a Lightning payment, that paid an order's invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainTransaction {
    /// `chain` (a transaction output) or `lightning`.
    pub rail: String,
    /// On-chain: the transaction and output.
    pub txid: Option<String>,
    pub vout: Option<i32>,
    /// Lightning: the payment hash (hex) and the exact amount in millisatoshis.
    pub payment_hash: Option<String>,
    pub amount_msat: Option<i64>,
    /// Satoshis (Lightning: rounded down).
    pub amount_sat: i64,
    /// `processing` (waiting for confirmations), `settled` or `invalid` (replaced).
    pub status: String,
}

impl From<Order> for Confirmation {
    fn from(order: Order) -> Self {
        let payment = order.payment.as_ref();
        let pending = order.status == OrderStatus::PendingPayment;
        let missing_minor = order.part_paid().map(|(_, missing)| missing);
        Confirmation {
            order_id: order.id,
            status: order.status,
            status_label: order.status.label(),
            status_reason: order.status_reason.clone(),
            event: ConfirmationEvent {
                id: order.event.id,
                slug: order.event.slug,
                title: order.event.title,
                starts_at: order.event.starts_at,
                timezone: order.event.timezone,
                venue_name: order.event.venue_name,
                city: order.event.city,
            },
            total_minor: order.total_minor,
            currency: order.currency,
            expires_at: order.expires_at,
            created_at: order.created_at,
            paid_at: order.paid_at,
            payment: PaymentView {
                method: order.payment_method,
                status: payment.map(|p| p.status),
                detected: order.payment_detected,
                provider_ref: payment.and_then(|p| p.provider_ref.clone()),
                redirect_url: payment.and_then(|p| p.redirect_url.clone()).filter(|_| pending),
                // Only while it can still be paid.
                payment_request: payment
                    .and_then(|p| p.payment_request.clone())
                    .filter(|request| pending && tessera_payments::btcpay::bolt11::payable_now(request)),
                refund_reason: payment.and_then(|p| p.refund_reason.clone()),
                seen_minor: payment.and_then(|p| p.seen_minor),
                missing_minor,
                overpaid_minor: payment.map_or(0, |p| p.overpaid_minor),
                transactions: Vec::new(),
                quote: None,
                eth_payments: Vec::new(),
                confirmations_required: None,
            },
            items: order.items,
            tickets: Vec::new(),
            tickets_pdf_url: None,
            refunds: Vec::new(),
            refunded_minor: 0,
            refund_offer: None,
        }
    }
}

impl Confirmation {
    /// The order's tickets and their PDF, once issued, and for bitcoin the transactions that
    /// paid it.
    pub async fn with_tickets(mut self, state: &AppState) -> Result<Self> {
        let db = &state.db;
        if self.payment.method.eth_asset().is_some() {
            let pending = self.status == OrderStatus::PendingPayment;
            let quote = tessera_core::order::eth::quote_of_order(db, self.order_id).await?;
            if let Some(quote) = &quote
                && pending
                && quote.deadline > chrono::Utc::now()
            {
                self.payment.quote = Some(buy::QuoteView::of(quote)?);
            }
            self.payment.eth_payments = tessera_core::order::eth::payments_of_order(db, self.order_id)
                .await?
                .into_iter()
                .map(|p| EthPaymentView {
                    tx_hash: p.tx_hash,
                    log_index: p.log_index,
                    block_number: p.block_number,
                    payer: p.payer,
                    amount: p.amount,
                    status: p.status,
                    confirmations: p.confirmations,
                })
                .collect();
            let chain = quote.as_ref().map(|quote| quote.chain_id);
            self.payment.confirmations_required = state
                .eth_settings
                .as_ref()
                .zip(chain)
                .and_then(|(eth, chain)| eth.chain(chain)?.confirmations.blocks());
        }
        if matches!(self.payment.method, PaymentMethod::Btc | PaymentMethod::Lightning) {
            self.payment.transactions =
                tessera_core::order::btc_receipt::receipts_of_order(db, self.order_id)
                    .await?
                    .into_iter()
                    .map(|r| ChainTransaction {
                        rail: r.rail,
                        txid: r.txid,
                        vout: r.vout,
                        payment_hash: r.payment_hash,
                        amount_msat: r.amount_msat,
                        amount_sat: r.amount_sat,
                        status: r.status,
                    })
                    .collect();
        }
        self.refunds = tessera_core::refund::refunds_of_order(db, self.order_id)
            .await?
            .into_iter()
            .filter(|r| r.status != tessera_core::refund::RefundStatus::Cancelled)
            .map(|r| RefundView {
                refund_id: r.id,
                amount_minor: if r.rail == "card" { r.amount_minor().unwrap_or_default() } else { 0 },
                amount: r.amount.clone(),
                decimals: r.decimals,
                currency: r.asset.clone(),
                status: r.status,
                status_label: r.status.label(),
                destination: match r.rail.as_str() {
                    "card" => "to the card you paid with",
                    "btc" => "to the bitcoin address you claim it to",
                    _ => "to the address you paid from",
                },
                ticket_ids: r.ticket_ids,
                claim_url: r.claim_url.filter(|_| r.status == tessera_core::refund::RefundStatus::Sent),
                requested_at: r.created_at,
                settled_at: r.settled_at,
            })
            .collect();
        self.refunded_minor = self
            .refunds
            .iter()
            .filter(|r| {
                r.status == tessera_core::refund::RefundStatus::Succeeded && r.currency == self.currency
            })
            .map(|r| r.amount_minor)
            .sum();
        if self.status.is_paid() && self.refunds.iter().any(|r| r.status.is_live()) {
            self.status_label = "Paid, partly refunded";
        }
        if self.status.is_paid()
            && let tessera_core::refund::SelfCancel::Allowed { refund_minor, fee_minor, deadline } =
                tessera_core::refund::self_cancel_terms(db, self.order_id, chrono::Utc::now()).await?
        {
            self.refund_offer = Some(RefundOffer { refund_minor, fee_minor, until: deadline });
        }
        if !self.status.is_paid() && self.status != OrderStatus::Refunded {
            return Ok(self);
        }
        let progress = tessera_core::delivery::progress(db, self.order_id).await?;
        self.tickets = progress
            .tickets
            .into_iter()
            .map(|t| TicketView {
                voided: t.void_reason,
                ticket_id: t.ticket_id,
                serial: t.serial,
                ticket_type: t.ticket_type_name,
                holder_name: t.holder_name,
                checked_in_at: t.checked_in_at,
            })
            .collect();
        if progress.pdf_ready {
            self.tickets_pdf_url = Some(format!("/api/orders/{}/tickets.pdf", self.order_id));
        }
        Ok(self)
    }
}
