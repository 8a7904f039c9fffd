//! Finance's reconciliation ledger: one row per receipt, on every rail, matched to its order
//! with the quoted amount beside the received one, and every discrepancy named.
//!
//! - card: a payment the provider collected (its checkout id), or money for no order of ours
//!   (`unmatched_payment`);
//! - btc: every transaction output BTCPay reported for one of our invoices (`btc_receipt`);
//! - eth: every `OrderPaid` log of our contract the chain-watcher saw (`eth_receipt`), tokens
//!   included.
//!
//! Amounts are exact: base units as decimal strings (wei overflow 64 bits) and the same in
//! whole units of the asset.
//!
//! This file holds the ledger's row and filter; the query is in `ledger`, what counts as a
//! discrepancy in `classify`, the export in `csv`, resolving in `resolve`, and the sums over
//! rows (shared by the admin API, the finance page and the CLI) in `summary`.

mod classify;
mod csv;
mod ledger;
mod resolve;
mod summary;
mod unreadable;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

pub use classify::{Discrepancy, Rail};
pub use csv::{CSV_COLUMNS, csv_field, to_csv};
pub use ledger::{EthLedgerEntry, eth_entries, ledger};
pub use resolve::{ResolveError, resolve};
pub use summary::{AssetSum, DiscrepancyCount, summarise};
pub use unreadable::{UnreadablePayment, unreadable_payments};

/// How a discrepancy was dealt with.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Resolution {
    pub note: String,
    /// The admin's email, while the account exists.
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// One receipt.
#[derive(Debug, Clone, Serialize)]
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

/// Which rows to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Days (inclusive) of `received_at` in `time_zone`.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub time_zone: String,
    pub rail: Option<String>,
    pub discrepancy: Option<Discrepancy>,
    /// Only discrepancies nobody has resolved yet.
    pub unresolved: bool,
}
