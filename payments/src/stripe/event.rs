//! The webhook events we act on, as Stripe sends them. Only the fields we read are declared;
//! everything else is ignored, so new fields never break us.

use serde::{Deserialize, Serialize};

/// `checkout.session.completed`: the customer finished the checkout; paid now if
/// `payment_status` is `paid`, later (async methods) if `unpaid`.
pub const CHECKOUT_COMPLETED: &str = "checkout.session.completed";
pub const ASYNC_PAYMENT_SUCCEEDED: &str = "checkout.session.async_payment_succeeded";
pub const ASYNC_PAYMENT_FAILED: &str = "checkout.session.async_payment_failed";
pub const CHECKOUT_EXPIRED: &str = "checkout.session.expired";

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Event {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub created: i64,
    pub data: EventData,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct EventData {
    pub object: serde_json::Value,
}

/// A Checkout Session as carried by the `checkout.session.*` events.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct CheckoutSession {
    pub id: String,
    pub client_reference_id: Option<String>,
    /// `open`, `complete`, `expired`.
    pub status: Option<String>,
    /// `paid`, `unpaid`, `no_payment_required`.
    pub payment_status: Option<String>,
    pub amount_total: Option<i64>,
    /// Lower case ISO 4217.
    pub currency: Option<String>,
    pub payment_intent: Option<String>,
}
