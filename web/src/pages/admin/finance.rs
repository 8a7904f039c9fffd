//! The reconciliation ledger as a page (`admin/finance.html`), for finance.

use askama::Template;

use crate::pages::{Choice, Chrome};

#[derive(Template)]
#[template(path = "admin/finance.html")]
pub struct AdminFinancePage {
    pub chrome: Chrome,
    pub csrf: String,
    pub from: String,
    pub to: String,
    pub time_zone: String,
    pub rails: Vec<Choice>,
    pub discrepancies: Vec<Choice>,
    pub unresolved: bool,
    pub error: Option<String>,
    /// A resolution just made, or why it could not be.
    pub flash: Option<String>,
    pub csv_href: String,
    pub json_href: String,
    /// (label, receipts, unresolved, filter link) per discrepancy class.
    pub counts: Vec<(String, i64, i64, String)>,
    /// (amount with its asset, receipts) per asset.
    pub totals: Vec<(String, i64)>,
    pub rows: Vec<FinanceRow>,
    /// Where the resolve form sends the admin back to (this page, with its filters).
    pub back: String,
    /// Bitcoin payments BTCPay reported that could not be read: (first seen, invoice, order,
    /// what could not be read, what BTCPay said).
    pub unreadable: Vec<(String, String, String, String, String)>,
}

/// One receipt on the finance page.
#[derive(Debug, Clone)]
pub struct FinanceRow {
    /// `card`, `btc` or `eth`: what the resolve form sends back.
    pub rail: String,
    /// The rail in words.
    pub rail_label: String,
    pub receipt_ref: String,
    pub received_at: String,
    pub order_id: String,
    pub order_status: String,
    pub received: String,
    pub quoted: String,
    pub status: String,
    pub detail: String,
    pub discrepancy: Option<String>,
    /// "refunded off-platform — ana@example.org, 2026-12-01 10:00".
    pub resolution: Option<String>,
}
