//! Orders and payments as the API documents them: statuses, methods, items, and what admins see
//! of refunds due and money for no order.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::order::{self as domain, eth_receipt};
use utoipa::ToSchema;
use uuid::Uuid;

/// Where an order is in its life.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Tickets held until `expires_at` while the customer pays.
    PendingPayment,
    /// Paid: the tickets are the customer's; delivery is under way.
    Paid,
    /// Paid and the tickets delivered.
    Fulfilled,
    /// The hold ran out before a payment arrived; the tickets went back on sale.
    Expired,
    Cancelled,
    /// The payment was declined or could not be started.
    Failed,
    Refunded,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::OrderStatus) -> OrderStatus = |value| match value {
    domain::OrderStatus::PendingPayment => OrderStatus::PendingPayment,
    domain::OrderStatus::Paid => OrderStatus::Paid,
    domain::OrderStatus::Fulfilled => OrderStatus::Fulfilled,
    domain::OrderStatus::Expired => OrderStatus::Expired,
    domain::OrderStatus::Cancelled => OrderStatus::Cancelled,
    domain::OrderStatus::Failed => OrderStatus::Failed,
    domain::OrderStatus::Refunded => OrderStatus::Refunded,
};

/// How the customer pays. Card is the first; the crypto methods plug into the same field.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PaymentMethod {
    Card,
    Btc,
    Lightning,
    Eth,
    Usdc,
    Usdt,
    Eurc,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::PaymentMethod) -> PaymentMethod = |value| match value {
    domain::PaymentMethod::Card => PaymentMethod::Card,
    domain::PaymentMethod::Btc => PaymentMethod::Btc,
    domain::PaymentMethod::Lightning => PaymentMethod::Lightning,
    domain::PaymentMethod::Eth => PaymentMethod::Eth,
    domain::PaymentMethod::Usdc => PaymentMethod::Usdc,
    domain::PaymentMethod::Usdt => PaymentMethod::Usdt,
    domain::PaymentMethod::Eurc => PaymentMethod::Eurc,
};

/// The state of a payment attempt with its provider.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// The order exists; the provider has not confirmed the checkout yet.
    Creating,
    /// Waiting for the customer at the provider.
    Open,
    Succeeded,
    Failed,
    Expired,
    /// Money came in that cannot pay for the order; it must go back (see `refund_reason`).
    RefundDue,
    Refunded,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::PaymentStatus) -> PaymentStatus = |value| match value {
    domain::PaymentStatus::Creating => PaymentStatus::Creating,
    domain::PaymentStatus::Open => PaymentStatus::Open,
    domain::PaymentStatus::Succeeded => PaymentStatus::Succeeded,
    domain::PaymentStatus::Failed => PaymentStatus::Failed,
    domain::PaymentStatus::Expired => PaymentStatus::Expired,
    domain::PaymentStatus::RefundDue => PaymentStatus::RefundDue,
    domain::PaymentStatus::Refunded => PaymentStatus::Refunded,
};

#[derive(Serialize, Deserialize, ToSchema)]
pub struct OrderItem {
    pub ticket_type_id: Uuid,
    /// The ticket type's name when the order was placed.
    pub name: String,
    pub unit_price_minor: i64,
    pub quantity: i32,
}

// Fails to compile when the core type gains or loses a field. (`translations` is for pages and
// never serialized: the API gives the name as bought.)
const _: fn(domain::OrderItem) =
    |domain::OrderItem { ticket_type_id: _, name: _, unit_price_minor: _, quantity: _, translations: _ }| {};

/// Money received that must go back to the customer, for admins.
#[derive(Serialize, ToSchema)]
pub struct RefundDue {
    pub payment_id: Uuid,
    pub order_id: Uuid,
    pub order_status: String,
    pub customer_email: String,
    pub event_title: String,
    pub provider: String,
    /// The checkout (Checkout Session id).
    pub provider_ref: Option<String>,
    /// The money movement (PaymentIntent id): refund this.
    pub provider_payment_ref: Option<String>,
    pub currency: String,
    /// What is due back: the whole payment, or for `overpaid` the excess only.
    pub received_minor: i64,
    /// `sold_out_after_expiry`, `event_closed`, `order_closed`, `duplicate_payment`,
    /// `amount_mismatch`, `wrong_rail` (paid by another method than the order's),
    /// `partial_payment` (too little, too late: all of it back) or `overpaid` (the order is
    /// paid; the excess goes back).
    #[serde(rename = "reason")]
    pub refund_reason: String,
    pub received_at: DateTime<Utc>,
    /// What its refunds have sent back or are sending, in their unit: minor units, satoshis
    /// for bitcoin, the asset's base units for Ethereum (at most 2⁶³−1).
    pub refunding_minor: i64,
    /// The state of its latest refund (`requested`, `sent`, `succeeded`, `failed`,
    /// `cancelled`), if one was asked for.
    pub refund_status: Option<String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::RefundDue) = |domain::RefundDue {
                                      payment_id: _,
                                      order_id: _,
                                      order_status: _,
                                      customer_email: _,
                                      event_title: _,
                                      provider: _,
                                      provider_ref: _,
                                      provider_payment_ref: _,
                                      currency: _,
                                      received_minor: _,
                                      refund_reason: _,
                                      received_at: _,
                                      refunding_minor: _,
                                      refund_status: _,
                                  }| {};

/// Money collected for an order we do not have, for admins.
#[derive(Serialize, ToSchema)]
pub struct UnmatchedPayment {
    /// Refund it with `POST /api/admin/unmatched/{unmatched_payment_id}/refund`.
    #[serde(rename = "unmatched_payment_id")]
    pub id: Uuid,
    pub provider: String,
    pub provider_event_id: String,
    pub provider_ref: String,
    /// Refund this (a PaymentIntent id).
    pub provider_payment_ref: Option<String>,
    /// The order reference the provider sent, verbatim.
    pub claimed_order_ref: Option<String>,
    pub currency: String,
    pub amount_minor: i64,
    #[serde(rename = "received_at")]
    pub created_at: DateTime<Utc>,
    /// What its refunds have sent back or are sending, in their unit: minor units, satoshis for
    /// bitcoin.
    pub refunding_minor: i64,
    /// The state of its latest refund, if one was asked for.
    pub refund_status: Option<String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::UnmatchedPayment) = |domain::UnmatchedPayment {
                                             id: _,
                                             refunding_minor: _,
                                             refund_status: _,
                                             provider: _,
                                             provider_event_id: _,
                                             provider_ref: _,
                                             provider_payment_ref: _,
                                             claimed_order_ref: _,
                                             currency: _,
                                             amount_minor: _,
                                             created_at: _,
                                         }| {};

/// Money paid to our contract for an order id we never quoted (`orphan`): it pays for nothing
/// and can only go back to its payer, by hand.
#[derive(Serialize, ToSchema)]
pub struct EthOrphan {
    pub eth_receipt_id: Uuid,
    pub chain_id: i64,
    pub tx_hash: String,
    pub log_index: i32,
    pub block_number: i64,
    /// The chain's time for the block.
    pub block_time: DateTime<Utc>,
    /// The order id the payer's transaction named.
    pub order_ref: String,
    /// Where the money came from, and so where it goes back to.
    pub payer: String,
    /// The zero address for ETH.
    pub token: String,
    /// `ETH`, or the token's symbol when we have quoted in it (none for a token we never
    /// offered).
    pub asset: Option<String>,
    /// The exponent of the asset's base unit, when the asset is known.
    pub decimals: Option<i32>,
    /// In the token's base units (wei for ETH), an exact decimal string.
    pub amount: String,
    /// The state of its latest refund, if one was asked for.
    pub refund_status: Option<String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(eth_receipt::EthOrphan) = |eth_receipt::EthOrphan {
                                           eth_receipt_id: _,
                                           chain_id: _,
                                           tx_hash: _,
                                           log_index: _,
                                           block_number: _,
                                           block_time: _,
                                           order_ref: _,
                                           payer: _,
                                           token: _,
                                           asset: _,
                                           decimals: _,
                                           amount: _,
                                           refund_status: _,
                                       }| {};

/// What goes back on chain for a payment listed among the refunds due (`refunds_due`): for each
/// confirmed log of the order that could not pay for it, the whole amount (`refund_due`,
/// `underpaid`), or what it brought beyond the quote (`overpaid`), in the asset it came in, to
/// the address it came from.
#[derive(Serialize, ToSchema)]
pub struct EthDueBack {
    pub order_id: Uuid,
    /// The chain the log is on, where the money goes back.
    pub chain_id: i64,
    pub tx_hash: String,
    pub log_index: i32,
    /// The log's outcome: `refund_due`, `underpaid` or `overpaid`.
    pub outcome: String,
    /// Where the money came from, and so where it goes back to.
    pub payer: String,
    /// The zero address for ETH.
    pub token: String,
    /// `ETH`, or the token's symbol when it is the quote's (none for another token).
    pub asset: Option<String>,
    /// The exponent of the asset's base unit, when the asset is known.
    pub decimals: Option<i32>,
    /// What goes back, in the token's base units (wei for ETH), an exact decimal string.
    pub amount: String,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(eth_receipt::EthDueBack) = |eth_receipt::EthDueBack {
                                            order_id: _,
                                            chain_id: _,
                                            tx_hash: _,
                                            log_index: _,
                                            outcome: _,
                                            payer: _,
                                            token: _,
                                            asset: _,
                                            decimals: _,
                                            amount: _,
                                        }| {};

/// A payment attempt of an order, for admins.
#[derive(Serialize, ToSchema)]
pub struct PaymentRow {
    pub payment_id: Uuid,
    pub provider: String,
    /// The checkout or invoice.
    pub provider_ref: Option<String>,
    /// The money movement (a PaymentIntent id).
    pub provider_payment_ref: Option<String>,
    pub status: String,
    pub currency: String,
    pub amount_minor: i64,
    pub received_minor: Option<i64>,
    pub overpaid_minor: i64,
    pub refund_reason: Option<String>,
    pub received_at: Option<DateTime<Utc>>,
    /// A dispute with the customer's bank: its id and Stripe's status for it.
    pub dispute_ref: Option<String>,
    pub dispute_status: Option<String>,
    pub created_at: DateTime<Utc>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::PaymentRow) = |domain::PaymentRow {
                                       payment_id: _,
                                       provider: _,
                                       provider_ref: _,
                                       provider_payment_ref: _,
                                       status: _,
                                       currency: _,
                                       amount_minor: _,
                                       received_minor: _,
                                       overpaid_minor: _,
                                       refund_reason: _,
                                       received_at: _,
                                       dispute_ref: _,
                                       dispute_status: _,
                                       created_at: _,
                                   }| {};

/// A ticket and where it stands: checked in, voided.
#[derive(Serialize, ToSchema)]
pub struct TicketState {
    pub ticket_id: Uuid,
    pub position: i32,
    pub serial: String,
    pub holder_name: String,
    pub ticket_type_name: String,
    pub price_minor: i64,
    pub currency: String,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub voided_at: Option<DateTime<Utc>>,
    /// `refunded`, `disputed` or `event_cancelled`.
    pub void_reason: Option<String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(tessera_core::ticket::TicketState) = |tessera_core::ticket::TicketState {
                                                      ticket_id: _,
                                                      position: _,
                                                      serial: _,
                                                      holder_name: _,
                                                      checked_in_at: _,
                                                      ticket_type_name: _,
                                                      price_minor: _,
                                                      currency: _,
                                                      voided_at: _,
                                                      void_reason: _,
                                                  }| {};
