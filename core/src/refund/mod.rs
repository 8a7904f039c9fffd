//! Money going back: a refund is a record of its own, per payment, in the unit the money goes
//! back in, with its own state machine (ARCHITECTURE.md):
//!
//! ```text
//! requested ──sent──▶ sent ──▶ succeeded | failed
//!     ├──────────────────────▶ succeeded | failed   (the provider answered at once)
//!     └── cancelled (only before it was ever handed to the provider)
//! ```
//!
//! Every transition is an `update ... where status = <the states it leaves>`. A refund is asked
//! for once per idempotency key, and the refunds of a payment never add up to more than it
//! received: both are checked under a lock of the payment's row, in the transaction that
//! records the request (`request`). The tickets a refund gives back are voided when it is
//! asked for, so a ticket cannot be both refunded and used; when everything a payment received
//! has gone back, the payment is `refunded` and so is the order it paid for (`settle`).
//!
//! This file holds the record and its states; asking is in `request`, the provider's answers
//! and events in `settle`, disputes in `dispute`, reading in `read`, Ethereum's transactions and
//! logs in `eth`, and the customer's email about it in `notice`.

mod dispute;
mod eth;
mod notice;
mod policy;
mod read;
mod request;
mod settle;

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use dispute::{DisputeChange, dispute_is_closed, record_dispute};
pub use eth::{
    EthRefund, RefundLog, SignedTx, eth_highest_nonce_in_flight, eth_in_flight, eth_mark_signed,
    eth_replace_tx, eth_to_send, note_send_error, settle_refund_log,
};
pub use notice::{RefundNotice, claim_notices, notice_failed, notified};
pub use policy::{
    CancellationProgress, RefundPolicy, SelfCancel, cancel_own_order, cancellation_progress, policy,
    refund_cancelled_events, self_cancel_terms, set_policy,
};
pub use read::{
    CardTarget, RefundPage, btc_claims_open, btc_invoice, card_target, list, refund, refunds_of_order,
    to_send,
};
pub use request::{
    OrderRefund, RefundError, Scope, request_due_back, request_eth_orphan, request_for_order,
    request_unmatched,
};
pub use settle::{
    ProviderRefund, ProviderRefundState, Settled, cancel, checked, claim_for_sending, mark_claimable,
    mark_failed, mark_paid_out, mark_sent, mark_succeeded, record_provider_refund, release_sending,
};

crate::text_enum! {
    /// Where a refund is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RefundStatus: "refund status" in Some(("refund", "status")) => {
        /// Recorded; not yet handed to the provider (or the provider did not answer).
        Requested = "requested",
        /// The provider has it and is sending the money.
        Sent = "sent",
        /// The money went back.
        Succeeded = "succeeded",
        /// The provider could not send it back.
        Failed = "failed",
        /// Withdrawn before it was sent.
        Cancelled = "cancelled",
    }
}

impl RefundStatus {
    pub fn label(self) -> &'static str {
        match self {
            RefundStatus::Requested => "Requested",
            RefundStatus::Sent => "On its way",
            RefundStatus::Succeeded => "Refunded",
            RefundStatus::Failed => "Failed",
            RefundStatus::Cancelled => "Cancelled",
        }
    }

    /// Whether it counts against what the payment can still give back.
    pub fn is_live(self) -> bool {
        !matches!(self, RefundStatus::Failed | RefundStatus::Cancelled)
    }
}

crate::text_enum! {
    /// Why money goes back.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum RefundCause: "refund cause" in Some(("refund", "reason")) => {
        /// The customer cancelled their order.
        RequestedByCustomer = "requested_by_customer",
        /// An admin refunded the order, or some of its tickets, or an amount.
        Admin = "admin",
        /// The event was cancelled.
        EventCancelled = "event_cancelled",
        /// Money that could not pay for its order (paid late for sold-out tickets, paid twice,
        /// the excess of an overpayment, money for no order): what `detail` says.
        MoneyDueBack = "money_due_back",
        /// Made at the provider (Stripe's dashboard), not through Tessera.
        Outside = "outside",
    }
}

impl RefundCause {
    pub fn label(self) -> &'static str {
        match self {
            RefundCause::RequestedByCustomer => "Cancelled by the customer",
            RefundCause::Admin => "Refunded by an admin",
            RefundCause::EventCancelled => "Event cancelled",
            RefundCause::MoneyDueBack => "Money due back",
            RefundCause::Outside => "Refunded at the provider",
        }
    }
}

/// A refund.
#[derive(Debug, Clone, Serialize)]
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

impl Refund {
    /// The amount in minor units, for the rails that count in them (cards).
    pub fn amount_minor(&self) -> Option<i64> {
        self.amount.parse().ok()
    }
}

crate::text_enum! {
    /// Why a ticket no longer admits anyone (`ticket.void_reason`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum VoidReason: "void reason" in Some(("ticket", "void_reason")) => {
        Refunded = "refunded",
        /// Its payment is disputed with the customer's bank.
        Disputed = "disputed",
        EventCancelled = "event_cancelled",
    }
}

impl VoidReason {
    /// What the door is told.
    /// Why a ticket no longer admits anyone, as a message id ("it was refunded").
    pub fn explain(self) -> &'static str {
        match self {
            VoidReason::Refunded => "error-void-refunded",
            VoidReason::Disputed => "error-void-disputed",
            VoidReason::EventCancelled => "error-void-event-cancelled",
        }
    }
}
