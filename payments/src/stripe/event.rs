//! The webhook events we act on, as Stripe sends them. Only the fields we read are declared;
//! everything else is ignored, so new fields never break us.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// `checkout.session.completed`: the customer finished the checkout; paid now if
/// `payment_status` is `paid`, later (async methods) if `unpaid`.
pub const CHECKOUT_COMPLETED: &str = "checkout.session.completed";
pub const ASYNC_PAYMENT_SUCCEEDED: &str = "checkout.session.async_payment_succeeded";
pub const ASYNC_PAYMENT_FAILED: &str = "checkout.session.async_payment_failed";
pub const CHECKOUT_EXPIRED: &str = "checkout.session.expired";

/// A charge was refunded, in part or whole: its `refunds` list says by which refunds.
pub const CHARGE_REFUNDED: &str = "charge.refunded";
/// A refund was made (by us, or in Stripe's dashboard), moved on, or failed.
pub const REFUND_CREATED: &str = "refund.created";
pub const REFUND_UPDATED: &str = "refund.updated";
pub const REFUND_FAILED: &str = "refund.failed";
/// The customer disputed the payment with their bank; and how that ended (`won`, `lost`,
/// `warning_closed`).
pub const DISPUTE_CREATED: &str = "charge.dispute.created";
pub const DISPUTE_CLOSED: &str = "charge.dispute.closed";

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

/// A Refund object (`refund.*` events, the answer to `POST /v1/refunds`, and the items of a
/// charge's `refunds` list).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct RefundObject {
    pub id: String,
    /// In Stripe's units of `currency`.
    pub amount: i64,
    /// Lower case ISO 4217.
    pub currency: String,
    /// `pending`, `requires_action`, `succeeded`, `failed`, `canceled`.
    pub status: Option<String>,
    pub payment_intent: Option<String>,
    pub charge: Option<String>,
    #[serde(default)]
    pub metadata: HashMap<String, String>,
    pub failure_reason: Option<String>,
}

/// A list as Stripe nests them (`{"object": "list", "data": [...]}`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct List<T> {
    pub data: Vec<T>,
    #[serde(default)]
    pub has_more: bool,
}

/// A Charge object (`charge.refunded`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ChargeObject {
    pub id: String,
    pub amount: i64,
    #[serde(default)]
    pub amount_refunded: i64,
    pub currency: String,
    pub payment_intent: Option<String>,
    #[serde(default)]
    pub refunded: bool,
    pub refunds: Option<List<RefundObject>>,
}

/// A Dispute object (`charge.dispute.*`).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DisputeObject {
    pub id: String,
    pub amount: i64,
    pub currency: String,
    pub charge: Option<String>,
    pub payment_intent: Option<String>,
    /// `warning_needs_response`, `needs_response`, `under_review`, `won`, `lost`, ...
    pub status: String,
    pub reason: Option<String>,
}
