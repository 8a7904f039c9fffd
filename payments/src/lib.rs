//! Payment providers behind one trait. Card checkout speaks the protocol of Stripe Checkout:
//! [`stripe::StripeCheckout`] against Stripe's REST API, or [`sandbox::SandboxCheckout`],
//! which plays Stripe's part (a hosted page and signed webhooks) when no Stripe keys are
//! configured. Webhooks from either are verified by [`stripe::signature`].
//!
//! Nothing here touches orders: the api opens a checkout for an order that `tessera-core` has
//! placed, and applies the provider's webhooks through `tessera_core::order`.

pub mod btcpay;
pub mod eth;
pub mod rates;
pub mod sandbox;
pub mod stripe;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;
use uuid::Uuid;

/// What a provider needs to take payment for an order.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    pub order_id: Uuid,
    pub customer_email: String,
    /// ISO 4217, upper case.
    pub currency: String,
    pub line_items: Vec<LineItem>,
    /// Where the customer lands after paying, and after giving up.
    pub success_url: String,
    pub cancel_url: String,
    /// When our hold ends.
    pub expires_at: DateTime<Utc>,
    /// Whether the checkout may offer payment methods whose result arrives after the hold
    /// (bank debits, vouchers): only when the event allows them. Otherwise card only (wallets
    /// such as Apple Pay and Google Pay are cards), which answers at once.
    pub delayed_methods: bool,
    /// The payment this checkout is for, when its order had another before (its buyer
    /// switched rail): a new checkout is made for it, never an earlier one reused.
    pub attempt: Option<Uuid>,
}

impl CheckoutRequest {
    pub fn total_minor(&self) -> i64 {
        self.line_items.iter().map(|item| item.unit_amount_minor * i64::from(item.quantity)).sum()
    }

    /// The key under which the provider deduplicates the creation: one checkout per order (per
    /// payment, after a switch of rail), however often the buy is retried.
    pub fn idempotency_key(&self) -> String {
        match self.attempt {
            None => format!("tessera-checkout-{}", self.order_id),
            Some(payment) => format!("tessera-checkout-{}-{payment}", self.order_id),
        }
    }
}

#[derive(Debug, Clone)]
pub struct LineItem {
    pub name: String,
    pub unit_amount_minor: i64,
    pub quantity: i32,
}

/// A checkout the provider has opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutSession {
    /// The provider's id (a Checkout Session id).
    pub id: String,
    /// Where to send the customer to pay.
    pub url: String,
    /// What the customer pays on our own page, when the checkout is not hosted elsewhere: a
    /// Lightning payment request (BOLT11).
    pub payment_request: Option<String>,
}

/// How asking the provider to close a checkout ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpireOutcome {
    /// Closed now; no payment can be made on it any more.
    Expired,
    /// It was closed already.
    AlreadyExpired,
    /// Too late: the customer paid. The provider's webhook will say so.
    AlreadyCompleted,
}

#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// The provider could not be reached or answered with a server error; worth retrying.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    /// The provider refused the request; retrying the same request will not help.
    #[error("the payment provider refused the request: {0}")]
    Rejected(String),
}

/// A refund of a card payment, in our minor units of its currency.
#[derive(Debug, Clone)]
pub struct CardRefundRequest {
    /// Our refund's id: the idempotency key and the metadata that lets its events find it.
    pub refund_id: Uuid,
    pub order_id: Option<Uuid>,
    /// The payment to refund (Stripe's payment intent).
    pub payment_intent: String,
    /// ISO 4217, upper case.
    pub currency: String,
    pub amount_minor: i64,
    /// Stripe's `reason`: `requested_by_customer` or `duplicate`; none for others.
    pub reason: Option<&'static str>,
}

impl CardRefundRequest {
    /// One refund at the provider per refund of ours, however often it is sent.
    pub fn idempotency_key(&self) -> String {
        format!("tessera-refund-{}", self.refund_id)
    }
}

/// A refund as the provider has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRefund {
    /// Stripe's `re_…`.
    pub id: String,
    pub state: CardRefundState,
    pub failure_reason: Option<String>,
}

/// Where a provider's refund stands, in our refund's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardRefundState {
    /// On its way (`pending`, `requires_action`).
    Sent,
    Succeeded,
    /// `failed` or `canceled`: the money did not go back.
    Failed,
}

impl CardRefund {
    pub fn from_stripe(refund: &stripe::event::RefundObject) -> Self {
        let state = match refund.status.as_deref() {
            Some("succeeded") => CardRefundState::Succeeded,
            Some("failed" | "canceled") => CardRefundState::Failed,
            _ => CardRefundState::Sent,
        };
        CardRefund { id: refund.id.clone(), state, failure_reason: refund.failure_reason.clone() }
    }
}

/// Sends card refunds: Stripe, or the card sandbox playing it.
pub trait CardRefunds: Send + Sync + 'static {
    /// Refunds part or all of a payment. Sending the same refund again gives back the same
    /// refund at the provider.
    fn refund<'a>(
        &'a self,
        request: &'a CardRefundRequest,
    ) -> BoxFuture<'a, Result<CardRefund, PaymentError>>;
}

/// A card checkout provider. Object-safe, so the app holds whichever is configured.
pub trait CheckoutProvider: Send + Sync + 'static {
    /// Opens a checkout for the order. Calling it again for the same order returns the same
    /// checkout.
    fn create<'a>(
        &'a self,
        request: &'a CheckoutRequest,
    ) -> BoxFuture<'a, Result<CheckoutSession, PaymentError>>;

    /// Closes a checkout so it can no longer be paid.
    fn expire<'a>(&'a self, session_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>>;

    /// Closes a checkout its buyer left for another rail while their order waits: as
    /// [`CheckoutProvider::expire`], and also where `expire` leaves a checkout to run out on its
    /// own (a bitcoin invoice: money sent to it afterwards is not the order's, and goes back).
    fn withdraw<'a>(&'a self, session_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>> {
        self.expire(session_id)
    }

    /// Whether this is the sandbox (pages say so, and the sandbox routes are mounted).
    fn is_sandbox(&self) -> bool;
}
