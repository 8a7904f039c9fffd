//! Money due back (`admin/refunds.html`): payments to refund and money for no order of ours.

use askama::Template;

use crate::pages::Chrome;

/// A payment due for refund, for admins.
#[derive(Debug, Clone)]
pub struct RefundRow {
    pub received_at: String,
    pub customer_email: String,
    pub event_title: String,
    pub amount: String,
    pub reason: &'static str,
    pub provider_ref: String,
    pub order_id: String,
    pub order_status: String,
    /// On-chain payments: what goes back, where ("0.005 ETH to 0x…, from 0x…:0").
    pub send_back: Vec<String>,
}

/// Money collected for an order we do not have, for admins.
#[derive(Debug, Clone)]
pub struct UnmatchedRow {
    pub received_at: String,
    pub amount: String,
    pub provider_ref: String,
    pub claimed_order_ref: String,
    /// Where the money goes back to.
    pub refund_to: String,
}

#[derive(Template)]
#[template(path = "admin/refunds.html")]
pub struct AdminRefundsPage {
    pub chrome: Chrome,
    pub rows: Vec<RefundRow>,
    pub unmatched: Vec<UnmatchedRow>,
}
