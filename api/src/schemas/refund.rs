//! Refunds as the API documents them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tessera_core::refund as domain;
use utoipa::ToSchema;
use uuid::Uuid;

/// Where a refund is: `requested → sent → succeeded | failed`, or `cancelled` before it was
/// sent.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Recorded; not yet handed to the provider (or the provider did not answer).
    Requested,
    /// The provider has it and is sending the money.
    Sent,
    /// The money went back.
    Succeeded,
    /// The provider could not send it back.
    Failed,
    /// Withdrawn before it was sent.
    Cancelled,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::RefundStatus) -> RefundStatus = |value| match value {
    domain::RefundStatus::Requested => RefundStatus::Requested,
    domain::RefundStatus::Sent => RefundStatus::Sent,
    domain::RefundStatus::Succeeded => RefundStatus::Succeeded,
    domain::RefundStatus::Failed => RefundStatus::Failed,
    domain::RefundStatus::Cancelled => RefundStatus::Cancelled,
};

/// Why money goes back.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundCause {
    /// The customer cancelled their order.
    RequestedByCustomer,
    /// An admin refunded the order, or some of its tickets, or an amount.
    Admin,
    /// The event was cancelled.
    EventCancelled,
    /// Money that could not pay for its order (paid late for sold-out tickets, paid twice,
    /// the excess of an overpayment, money for no order): what `detail` says.
    MoneyDueBack,
    /// Made at the provider (Stripe's dashboard), not through Tessera.
    Outside,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::RefundCause) -> RefundCause = |value| match value {
    domain::RefundCause::RequestedByCustomer => RefundCause::RequestedByCustomer,
    domain::RefundCause::Admin => RefundCause::Admin,
    domain::RefundCause::EventCancelled => RefundCause::EventCancelled,
    domain::RefundCause::MoneyDueBack => RefundCause::MoneyDueBack,
    domain::RefundCause::Outside => RefundCause::Outside,
};

/// A refund.
#[derive(Serialize, ToSchema)]
pub struct Refund {
    pub id: Uuid,
    pub order_id: Option<Uuid>,
    pub payment_id: Option<Uuid>,
    /// Card money for no order of ours, when that is what it gives back.
    pub unmatched_payment_id: Option<Uuid>,
    /// Ethereum: the payment log it answers (for an order id we never quoted, the only link).
    pub eth_receipt_id: Option<Uuid>,
    /// Ethereum: the address it goes back to (the one that paid).
    pub refund_to: Option<String>,
    /// `card`, `btc` or `eth`.
    pub rail: String,
    /// `EUR`, `BTC`, `ETH`, `USDC`, ...
    pub asset: String,
    /// The exponent of `amount`'s unit: the currency's minor unit for cards.
    pub decimals: i32,
    /// In the unit it goes back in, exact (minor units, satoshis, wei, token units).
    #[schema(example = "1800")]
    pub amount: String,
    pub cause: RefundCause,
    /// For money due back: why it was due (`sold_out_after_expiry`, `overpaid`, ...).
    pub detail: Option<String>,
    /// The admin or customer who asked (their email), while the account exists.
    pub requested_by: Option<String>,
    pub status: RefundStatus,
    /// The provider's name for it (Stripe's `re_…`, BTCPay's pull payment, the Ethereum
    /// transaction's hash).
    pub provider_ref: Option<String>,
    /// Bitcoin: where the customer claims it, and the transaction that paid it out.
    pub claim_url: Option<String>,
    pub payout_txid: Option<String>,
    pub failure_reason: Option<String>,
    /// Why the last try to send it did not go out (it is tried again): the refund wallet short
    /// of funds, the provider unreachable.
    pub send_error: Option<String>,
    /// The tickets it gives back (voided).
    pub ticket_ids: Vec<Uuid>,
    /// A checked-in ticket was refunded by an admin's explicit choice.
    pub checked_in_override: bool,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub settled_at: Option<DateTime<Utc>>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Refund) = |domain::Refund {
                                   id: _,
                                   order_id: _,
                                   payment_id: _,
                                   unmatched_payment_id: _,
                                   eth_receipt_id: _,
                                   refund_to: _,
                                   rail: _,
                                   asset: _,
                                   decimals: _,
                                   amount: _,
                                   cause: _,
                                   detail: _,
                                   requested_by: _,
                                   status: _,
                                   provider_ref: _,
                                   claim_url: _,
                                   payout_txid: _,
                                   failure_reason: _,
                                   send_error: _,
                                   ticket_ids: _,
                                   checked_in_override: _,
                                   created_at: _,
                                   sent_at: _,
                                   settled_at: _,
                               }| {};

/// How far the refunds of a cancelled event have got.
#[derive(Serialize, ToSchema)]
pub struct CancellationProgress {
    /// Orders that were paid when the event was cancelled (or since).
    pub paid_orders: i64,
    /// Of those: refunded in full, refunds on their way (bitcoin ones until their buyer claims
    /// them, Ethereum ones until their transaction is deep enough), and refunds that failed.
    pub refunded: i64,
    pub pending: i64,
    pub failed: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::CancellationProgress) =
    |domain::CancellationProgress { paid_orders: _, refunded: _, pending: _, failed: _ }| {};
