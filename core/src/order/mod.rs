//! Orders: a customer's tickets from the hold to the paid hand-off.
//!
//! The state machine of ARCHITECTURE.md lives here. Every transition is an `update ... where
//! status = <the state it leaves>` inside a transaction that also moves the stock counters
//! (`ticket_type.held`, `ticket_type.sold`), so a duplicate or late event can never move an
//! order twice, and the database's `sold + held <= capacity` check makes an oversell
//! impossible:
//!
//! ```text
//! pending_payment ──settle──▶ paid ──tickets delivered──▶ fulfilled
//!       ├── hold expired ──▶ expired ──paid late, stock left──▶ paid
//!       ├── cancelled ──────▶ cancelled
//!       └── payment failed ─▶ failed
//! ```

pub mod btc_receipt;
pub mod eth;
pub mod eth_receipt;
mod invoice;
pub mod limits;
mod outbox;
mod payment;
mod place;
mod read;
mod sweep;
mod transition;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use invoice::{InvoiceState, WatchedInvoice, watched_invoices};
pub use outbox::{ORDERS_PAID, OutboxMessage, mark_failed, mark_published, unpublished};
pub use payment::{
    CheckoutsOpened, DueBack, LeftCheckout, OpenPayment, OpenedCheckout, RailSwitch, close_attempted,
    close_open_payment, close_payment, payments_to_close, record_money_due_back, record_overpayment,
    record_payment_opened, record_seen_amount, switch_rail,
};
pub use place::{
    BuyError, BuyItem, FreshOrder, NewOrder, Placed, Placer, SoldOutLine, TicketAvailability, all_free,
    availability, has_idempotency_key, is_idempotency_key, place_order,
};
pub use read::{
    PaymentRow, RefundDue, UnmatchedPayment, order_by_id, order_for_account, orders_of_account,
    payments_of_order, record_unmatched_payment, refunds_due, unmatched_payments,
};
pub use sweep::{release_expired_holds, release_expired_holds_of_order, release_stale_settling_holds};
pub use transition::{
    Closed, Receipt, Settlement, close_pending, fulfil, is_left_checkout, is_own_checkout, lock_buyer,
    mark_payment_detected, settle, unmark_payment_detected,
};

/// The most tickets one order may hold, over all its ticket types.
pub const MAX_TICKETS_PER_ORDER: i32 = 10;

crate::text_enum! {
    /// Where an order is in its life.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum OrderStatus: "order status" in Some(("customer_order", "status")) => {
        /// Tickets held until `expires_at` while the customer pays.
        PendingPayment = "pending_payment",
        /// Paid: the tickets are the customer's; delivery is under way.
        Paid = "paid",
        /// Paid and the tickets delivered.
        Fulfilled = "fulfilled",
        /// The hold ran out before a payment arrived; the tickets went back on sale.
        Expired = "expired",
        Cancelled = "cancelled",
        /// The payment was declined or could not be started.
        Failed = "failed",
        Refunded = "refunded",
    }
}

impl OrderStatus {
    /// For people.
    pub fn label(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "Waiting for payment",
            OrderStatus::Paid => "Paid",
            OrderStatus::Fulfilled => "Paid, tickets sent",
            OrderStatus::Expired => "Expired",
            OrderStatus::Cancelled => "Cancelled",
            OrderStatus::Failed => "Payment failed",
            OrderStatus::Refunded => "Refunded",
        }
    }

    /// The message that names the status for people, in any language (`order.ftl`).
    pub fn label_id(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "order-status-pending_payment",
            OrderStatus::Paid => "order-status-paid",
            OrderStatus::Fulfilled => "order-status-fulfilled",
            OrderStatus::Expired => "order-status-expired",
            OrderStatus::Cancelled => "order-status-cancelled",
            OrderStatus::Failed => "order-status-failed",
            OrderStatus::Refunded => "order-status-refunded",
        }
    }

    /// Whether the customer owns the tickets.
    pub fn is_paid(self) -> bool {
        matches!(self, OrderStatus::Paid | OrderStatus::Fulfilled)
    }
}

crate::text_enum! {
    /// How the customer pays. Card is the first; the crypto methods plug into the same field.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum PaymentMethod: "payment method" in Some(("customer_order", "payment_method")) => {
        Card = "card",
        Btc = "btc",
        /// Bitcoin over Lightning, through the same BTCPay store as `btc`.
        Lightning = "lightning",
        Eth = "eth",
        Usdc = "usdc",
        /// Tether's dollar, whose ERC-20 returns nothing (the contract takes it all the same).
        Usdt = "usdt",
        /// Circle's euro coin.
        Eurc = "eurc",
    }
}

impl PaymentMethod {
    pub fn label(self) -> &'static str {
        match self {
            PaymentMethod::Card => "Card",
            PaymentMethod::Btc => "Bitcoin",
            PaymentMethod::Lightning => "Lightning",
            PaymentMethod::Eth => "Ether",
            PaymentMethod::Usdc => "USDC",
            PaymentMethod::Usdt => "USDT",
            PaymentMethod::Eurc => "EURC",
        }
    }

    /// The provider that takes this method's payments (`payment.provider`).
    pub fn provider(self) -> Provider {
        match self {
            PaymentMethod::Card => Provider::Stripe,
            PaymentMethod::Btc | PaymentMethod::Lightning => Provider::BtcPay,
            PaymentMethod::Eth | PaymentMethod::Usdc | PaymentMethod::Usdt | PaymentMethod::Eurc => {
                Provider::Ethereum
            }
        }
    }
}

impl PaymentMethod {
    /// The asset an Ethereum method pays in (`ETH`, or the token's symbol); None for the rest.
    pub fn eth_asset(self) -> Option<&'static str> {
        match self {
            PaymentMethod::Eth => Some("ETH"),
            PaymentMethod::Usdc => Some("USDC"),
            PaymentMethod::Usdt => Some("USDT"),
            PaymentMethod::Eurc => Some("EURC"),
            PaymentMethod::Card | PaymentMethod::Btc | PaymentMethod::Lightning => None,
        }
    }

    /// Whether the price is turned into crypto at a rate when the order is placed (a bitcoin
    /// invoice, an Ethereum quote): that price lives [`crate::config::Config::quote_life`].
    pub fn quotes_rate(self) -> bool {
        self != PaymentMethod::Card
    }
}

crate::text_enum! {
    /// The state of a payment attempt with its provider.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum PaymentStatus: "payment status" in Some(("payment", "status")) => {
        /// The order exists; the provider has not confirmed the checkout yet.
        Creating = "creating",
        /// Waiting for the customer at the provider.
        Open = "open",
        Succeeded = "succeeded",
        Failed = "failed",
        Expired = "expired",
        /// Money came in that cannot pay for the order; it must go back (see `refund_reason`).
        RefundDue = "refund_due",
        Refunded = "refunded",
    }
}

crate::text_enum! {
    /// Who takes a payment (`payment.provider`): the rail's provider, or nobody for free
    /// tickets.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Provider: "payment provider" in Some(("payment", "provider")) => {
        Stripe = "stripe",
        Free = "free",
        BtcPay = "btcpay",
        Ethereum = "ethereum",
    }
}

crate::text_enum! {
    /// Why money that came in must go back (`payment.refund_reason`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RefundReason: "refund reason" in Some(("payment", "refund_reason")) => {
        /// Paid after the hold ended, and the tickets were gone by then.
        SoldOutAfterExpiry = "sold_out_after_expiry",
        /// The event was cancelled or had begun when the money arrived.
        EventClosed = "event_closed",
        /// The order was closed (cancelled, failed) and could not be revived.
        OrderClosed = "order_closed",
        /// The order was already paid by another payment.
        DuplicatePayment = "duplicate_payment",
        /// Not the order's amount or currency.
        AmountMismatch = "amount_mismatch",
        /// Part of an invoice's amount, and the invoice expired.
        PartialPayment = "partial_payment",
        /// Money on an invoice that was made invalid.
        InvoiceInvalid = "invoice_invalid",
        /// Less than an on-chain quote asked, or another asset.
        Underpaid = "underpaid",
        /// Paid by another payment method than the order's (an invoice or a checkout naming
        /// an order that was to be paid another way).
        WrongRail = "wrong_rail",
    }
}

crate::text_enum! {
    /// Why an order is where it is (`customer_order.status_reason`, free text in the database
    /// so that history keeps any older reason; empty while nothing needs saying).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum StatusReason: "status reason" in None => {
        /// The hold ran out before any payment was seen.
        HoldExpired = "hold_expired",
        /// A payment that was seen never settled (a bank debit, an unconfirmed transaction).
        PaymentNeverSettled = "payment_never_settled",
        CancelledByCustomer = "cancelled_by_customer",
        /// The provider could not open the payment.
        ProviderUnavailable = "provider_unavailable",
        /// The provider declined the payment.
        PaymentFailed = "payment_failed",
        /// The checkout (or invoice) expired unpaid.
        CheckoutExpired = "checkout_expired",
        /// The invoice was made invalid.
        PaymentInvalid = "payment_invalid",
        /// Part of the amount arrived before the invoice expired.
        PaidPartially = "paid_partially",
        /// Less than an on-chain quote asked.
        Underpaid = "underpaid",
        /// The event was cancelled or had begun.
        EventClosed = "event_closed",
        /// Paid after its hold ended, with the tickets still there.
        PaidLate = "paid_late",
        /// The customer's bank took the payment back after a dispute.
        DisputeLost = "dispute_lost",
        /// An admin released the account's holds on the event.
        ReleasedByAdmin = "released_by_admin",
    }
}

/// An order as its owner sees it.
#[derive(Debug, Clone)]
pub struct Order {
    pub id: Uuid,
    pub account_id: Uuid,
    pub status: OrderStatus,
    /// Why it ended where it did (`hold_expired`, `payment_failed`, ...); empty otherwise.
    pub status_reason: String,
    pub payment_method: PaymentMethod,
    pub currency: String,
    pub total_minor: i64,
    pub expires_at: DateTime<Utc>,
    /// A payment was seen and is still settling; the hold outlives `expires_at`.
    pub payment_detected: bool,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub event: OrderEvent,
    pub items: Vec<OrderItem>,
    /// The latest payment attempt.
    pub payment: Option<Payment>,
}

impl Order {
    /// An invoice paid in part while the order waits for the rest (bitcoin): what the provider
    /// has seen paid, and what is still missing, in minor units.
    pub fn part_paid(&self) -> Option<(i64, i64)> {
        let seen = self.payment.as_ref().and_then(|p| p.seen_minor)?;
        let waiting = self.status == OrderStatus::PendingPayment && !self.payment_detected;
        (waiting && seen > 0 && seen < self.total_minor).then_some((seen, self.total_minor - seen))
    }
}

/// What an order page shows of its event.
#[derive(Debug, Clone)]
pub struct OrderEvent {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    /// The language `title` is written in (the event's own).
    pub language: String,
    /// The organiser's translations of the title, by language.
    pub translations: std::collections::BTreeMap<String, String>,
    pub starts_at: DateTime<Utc>,
    pub timezone: String,
    pub venue_name: String,
    pub city: String,
}

impl OrderEvent {
    /// The title in `wanted`'s language when the organiser translated it, with the
    /// translation's tag; else the title as written, with the event's language.
    pub fn title_for(&self, wanted: &str) -> (&str, &str) {
        let primary = |tag: &str| tag.split('-').next().unwrap_or_default().to_ascii_lowercase();
        self.translations
            .iter()
            .find(|(tag, _)| primary(tag) == primary(wanted) && primary(tag) != primary(&self.language))
            .map_or((self.title.as_str(), self.language.as_str()), |(tag, title)| {
                (title.as_str(), tag.as_str())
            })
    }
}

#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct OrderItem {
    pub ticket_type_id: Uuid,
    /// The ticket type's name when the order was placed.
    pub name: String,
    pub unit_price_minor: i64,
    pub quantity: i32,
    /// The ticket type's name in other languages, as its event is translated now (for pages
    /// in the reader's language; the order keeps `name` as bought). A type renamed since is
    /// read in its new name's translations.
    #[serde(default, skip_serializing)]
    pub translations: std::collections::BTreeMap<String, String>,
}

impl OrderItem {
    /// The name in `language` (a translation's exact tag, from [`OrderEvent::title_for`]),
    /// else as bought in `original` (the event's language); with the language it is in.
    pub fn name_in<'a>(&'a self, language: &'a str, original: &'a str) -> (&'a str, &'a str) {
        match self.translations.get(language) {
            Some(name) => (name, language),
            None => (&self.name, original),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Payment {
    pub id: Uuid,
    pub provider: String,
    pub provider_ref: Option<String>,
    pub redirect_url: Option<String>,
    /// The Lightning payment request (BOLT11) the customer pays on the order page.
    pub payment_request: Option<String>,
    pub status: PaymentStatus,
    pub amount_minor: i64,
    pub received_minor: Option<i64>,
    /// What the provider has seen paid so far, confirmed or not (bitcoin invoices).
    pub seen_minor: Option<i64>,
    /// Paid more than the order's total: the excess, due back.
    pub overpaid_minor: i64,
    pub refund_reason: Option<String>,
}
