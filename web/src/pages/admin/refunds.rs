//! Money going back (`admin/refunds.html`): what is due, with a button that sends each back,
//! the refunds asked for and where each is; and one order with everything admins need to
//! refund it (`admin/order.html`).

use askama::Template;

use crate::pages::Chrome;

/// A payment with money due back, for admins.
#[derive(Debug, Clone)]
pub struct RefundRow {
    pub received_at: String,
    pub customer_email: String,
    pub event_title: String,
    pub amount: String,
    pub reason: String,
    pub provider_ref: String,
    pub order_id: String,
    pub order_status: String,
    /// On-chain payments: what goes back, where ("0.005 ETH to 0x…, from 0x…:0").
    pub send_back: Vec<String>,
    /// Where its refund is, when one was asked for ("On its way", "Failed: …").
    pub refund_state: Option<String>,
    /// The form that sends it back, when Tessera can: its action.
    pub refund_action: Option<String>,
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
    pub refund_state: Option<String>,
    pub refund_action: Option<String>,
}

/// A refund asked for.
#[derive(Debug, Clone)]
pub struct IssuedRefundRow {
    pub id: String,
    pub requested_at: String,
    pub amount: String,
    pub cause: String,
    pub requested_by: String,
    /// `requested`, `sent`, `succeeded`, `failed`, `cancelled`.
    pub status: &'static str,
    pub status_label: String,
    pub failure_reason: String,
    /// Where it goes (Ethereum: the paying address), and why it has not gone out yet, when it
    /// is waiting (the refund wallet short of funds...).
    pub note: String,
    pub provider_ref: String,
    /// The order it belongs to, when it does.
    pub order_id: Option<String>,
    pub tickets: i64,
    /// Still cancellable (not sent).
    pub cancellable: bool,
}

#[derive(Template)]
#[template(path = "admin/refunds.html")]
pub struct AdminRefundsPage {
    pub chrome: Chrome,
    pub csrf: String,
    /// A fresh key for each action on this page: double clicks and resubmits refund once.
    pub key: String,
    pub rows: Vec<RefundRow>,
    pub unmatched: Vec<UnmatchedRow>,
    pub issued: Vec<IssuedRefundRow>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
}

/// A ticket of the order, for admins.
#[derive(Debug, Clone)]
pub struct AdminTicketRow {
    pub id: String,
    pub serial: String,
    pub holder_name: String,
    pub ticket_type: String,
    pub price: String,
    /// "Checked in 21:03", "Refunded", "Disputed", or empty.
    pub state: String,
    pub checked_in: bool,
    /// Can still be refunded.
    pub refundable: bool,
}

/// A payment attempt of the order.
#[derive(Debug, Clone)]
pub struct AdminPaymentRow {
    pub provider: String,
    pub reference: String,
    pub status: String,
    pub amount: String,
    pub received: String,
    pub dispute: String,
}

#[derive(Template)]
#[template(path = "admin/order.html")]
pub struct AdminOrderPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub key: String,
    pub order_id: String,
    pub customer_email: String,
    pub event_title: String,
    pub event_when: String,
    pub status_label: String,
    pub total: String,
    pub refunded: String,
    /// What can still go back, as people read it; empty when nothing can.
    pub refundable: String,
    pub currency: String,
    /// The amount field's placeholder: an amount as it is typed in that currency.
    pub amount_example: String,
    pub placed_at: String,
    pub payments: Vec<AdminPaymentRow>,
    pub tickets: Vec<AdminTicketRow>,
    pub refunds: Vec<IssuedRefundRow>,
    pub notice: Option<String>,
    pub error: Option<String>,
}
