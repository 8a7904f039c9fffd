//! Finance's ledger: receipts, their discrepancies and resolutions.

use chrono::{DateTime, Utc};
use serde::Serialize;
use tessera_core::reconcile as domain;
use utoipa::ToSchema;
use uuid::Uuid;

/// What is wrong with a receipt, from finance's point of view.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Discrepancy {
    /// Less than the order's quote: it could not pay the order; due back.
    Underpaid,
    /// More than the quote: the order is paid, the excess due back.
    Overpaid,
    /// Paid after the hold ended, with the tickets still there: honoured.
    PaidLate,
    /// Paid after the hold ended, when the tickets had sold out: due back.
    SoldOut,
    /// Due back for another reason (a second payment, a closed order or event, an invalid
    /// invoice).
    RefundDue,
    /// Seen on chain, then its block left the canonical chain before it counted.
    Reorged,
    /// Money naming no order of ours.
    Orphan,
    /// Counted once, but the chain no longer confirms it (reorged after confirmation, or a
    /// bitcoin output replaced).
    NotConfirmed,
    /// A refund of it is on its way (asked for, or sent and not yet confirmed by the provider).
    RefundPending,
    /// Its latest refund failed: the money is still here and still due back.
    RefundFailed,
    /// The customer disputed it with their bank (open, or lost: the bank took it back).
    Disputed,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::Discrepancy) -> Discrepancy = |value| match value {
    domain::Discrepancy::Underpaid => Discrepancy::Underpaid,
    domain::Discrepancy::Overpaid => Discrepancy::Overpaid,
    domain::Discrepancy::PaidLate => Discrepancy::PaidLate,
    domain::Discrepancy::SoldOut => Discrepancy::SoldOut,
    domain::Discrepancy::RefundDue => Discrepancy::RefundDue,
    domain::Discrepancy::Reorged => Discrepancy::Reorged,
    domain::Discrepancy::Orphan => Discrepancy::Orphan,
    domain::Discrepancy::NotConfirmed => Discrepancy::NotConfirmed,
    domain::Discrepancy::RefundPending => Discrepancy::RefundPending,
    domain::Discrepancy::RefundFailed => Discrepancy::RefundFailed,
    domain::Discrepancy::Disputed => Discrepancy::Disputed,
};

/// How a discrepancy was dealt with.
#[derive(Serialize, ToSchema)]
pub struct Resolution {
    pub note: String,
    /// The admin's email, while the account exists.
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Resolution) = |domain::Resolution { note: _, by: _, at: _ }| {};

/// One receipt.
#[derive(Serialize, ToSchema)]
pub struct LedgerRow {
    /// `card`, `btc` or `eth` (tokens are `eth`: they come through the same contract).
    pub rail: String,
    /// The receipt's name on its rail: the checkout id (card), `txid:vout` (btc),
    /// `tx_hash:log_index` (eth), or `unmatched:<event id>` (card money for no order).
    pub receipt_ref: String,
    pub received_at: DateTime<Utc>,
    /// When it counted: the payment's settlement, the output's settled time, the log's
    /// confirmation.
    pub settled_at: Option<DateTime<Utc>>,
    pub order_id: Option<Uuid>,
    pub order_status: Option<String>,
    /// `EUR`, `BTC`, `ETH`, `USDC`, ...
    pub asset: String,
    /// The exponent of the asset's base unit (2, 8, 18, 6, ...).
    pub decimals: i32,
    /// Received, in base units and in whole units, exact.
    pub amount_base: String,
    pub amount: String,
    /// The quote the receipt is measured against, in the same asset (the order's total for
    /// cards, the signed quote for ETH and tokens); null where the quote is in another unit
    /// (bitcoin invoices are quoted in fiat) or there is no order.
    pub quoted_base: Option<String>,
    pub quoted: Option<String>,
    /// The order's total, in minor units of `fiat_currency`, and what the payment recorded as
    /// received in it.
    pub fiat_currency: Option<String>,
    pub order_total_minor: Option<i64>,
    pub received_minor: Option<i64>,
    /// Bitcoin: units of `fiat_currency` per BTC, exact. ETH and tokens: the quote's rate.
    pub rate: Option<String>,
    /// The receipt's own state: `succeeded`/`refund_due`/`refunded`/`unmatched` (card),
    /// `processing`/`settled`/`invalid` (btc), `seen`/`confirmed`/`reorged` (eth).
    pub status: String,
    /// ETH: the block, the payer and the token (the zero address for ETH).
    pub block_number: Option<i64>,
    pub block_hash: Option<String>,
    pub payer: Option<String>,
    pub token: Option<String>,
    /// ETH and tokens: the chain the payment was made on.
    pub chain_id: Option<i64>,
    /// The money counts: collected (card), settled (btc), confirmed (eth). Seen, processing,
    /// reorged and replaced receipts are listed but not counted.
    pub counted: bool,
    pub discrepancy: Option<Discrepancy>,
    /// How the receipt's current discrepancy was dealt with, if it was.
    pub resolution: Option<Resolution>,
    /// Money out: what its refunds sent back, and what they are sending, in the receipt's unit
    /// (base units and whole units); none while nothing was refunded.
    pub refunded_base: Option<String>,
    pub refunded: Option<String>,
    pub refunding_base: Option<String>,
    pub refunding: Option<String>,
    /// Each refund's provider reference and state (`re_1 succeeded; re_2 failed`).
    pub refunds: Option<String>,
    /// A dispute with the customer's bank: Stripe's status for it.
    pub dispute_status: Option<String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::LedgerRow) = |domain::LedgerRow {
                                      refunded_base: _,
                                      refunded: _,
                                      refunding_base: _,
                                      refunding: _,
                                      refunds: _,
                                      dispute_status: _,
                                      rail: _,
                                      receipt_ref: _,
                                      received_at: _,
                                      settled_at: _,
                                      order_id: _,
                                      order_status: _,
                                      asset: _,
                                      decimals: _,
                                      amount_base: _,
                                      amount: _,
                                      quoted_base: _,
                                      quoted: _,
                                      fiat_currency: _,
                                      order_total_minor: _,
                                      received_minor: _,
                                      rate: _,
                                      status: _,
                                      block_number: _,
                                      block_hash: _,
                                      payer: _,
                                      token: _,
                                      chain_id: _,
                                      counted: _,
                                      discrepancy: _,
                                      resolution: _,
                                  }| {};

// Plain comments on the two below: their descriptions were never in the document.
// Received per asset, exact.
#[derive(Serialize, ToSchema)]
pub struct AssetSum {
    pub asset: String,
    pub chain_id: Option<i64>,
    pub decimals: i32,
    pub amount_base: String,
    pub amount: String,
    pub receipts: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::AssetSum) =
    |domain::AssetSum { asset: _, chain_id: _, decimals: _, amount_base: _, amount: _, receipts: _ }| {};

// Rows with one discrepancy, and how many of them nobody has resolved.
#[derive(Serialize, ToSchema)]
pub struct DiscrepancyCount {
    pub discrepancy: Discrepancy,
    pub label: &'static str,
    pub receipts: i64,
    pub unresolved: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::DiscrepancyCount) =
    |domain::DiscrepancyCount { discrepancy: _, label: _, receipts: _, unresolved: _ }| {};

/// A bitcoin payment BTCPay reported on one of our invoices that could not be read: kept raw
/// for finance (its invoice's order was settled by the invoice's state all the same).
#[derive(Serialize, ToSchema)]
pub struct UnreadablePayment {
    /// The BTCPay invoice it was reported on.
    pub invoice_id: String,
    /// BTCPay's id of the payment, as given (empty when the invoice's payment methods as a
    /// whole did not read).
    pub payment_ref: String,
    pub order_id: Option<Uuid>,
    /// What could not be read.
    pub problem: String,
    /// What BTCPay said, verbatim.
    #[schema(value_type = Object)]
    pub raw: serde_json::Value,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::UnreadablePayment) = |domain::UnreadablePayment {
                                              invoice_id: _,
                                              payment_ref: _,
                                              order_id: _,
                                              problem: _,
                                              raw: _,
                                              first_seen_at: _,
                                              last_seen_at: _,
                                          }| {};
