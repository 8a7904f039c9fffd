//! The payment sandboxes' pages (`sandbox_checkout.html`, `sandbox_btcpay.html`): this app
//! playing Stripe's and BTCPay's checkout for the demo and the tests. Apart so nothing real
//! depends on them.

use askama::Template;

use super::Chrome;

#[derive(Template)]
#[template(path = "sandbox_checkout.html")]
pub struct SandboxCheckoutPage {
    pub chrome: Chrome,
    pub session_id: String,
    pub email: String,
    pub amount: String,
    /// (name, quantity, unit price)
    pub lines: Vec<(String, i64, String)>,
    pub open: bool,
    pub status: String,
    pub back_url: String,
    /// Paid: the buttons of what happens afterwards are offered.
    pub paid: bool,
    /// Refunded so far, when anything was.
    pub refunded: Option<String>,
    pub fully_refunded: bool,
    /// The dispute's status, once the customer disputed the payment.
    pub dispute_status: Option<String>,
}

/// The BTCPay sandbox's checkout page for one invoice.
#[derive(Template)]
#[template(path = "sandbox_btcpay.html")]
pub struct SandboxBtcPayPage {
    pub chrome: Chrome,
    pub invoice_id: String,
    /// The price in the invoice's currency, and in bitcoin.
    pub amount: String,
    pub amount_btc: String,
    pub rate: String,
    pub address: String,
    pub payment_uri: String,
    /// BTCPay's words: `New`, `Processing`, `Settled`, `Expired`, `Invalid`; and the
    /// additional status (`PaidPartial`, `PaidOver`, `PaidLate`, `Marked`, `None`).
    pub status: String,
    pub additional_status: String,
    /// What is still missing, in bitcoin (empty when nothing is).
    pub missing_btc: String,
    pub expires: String,
    /// (outpoint, value in BTC, status)
    pub payments: Vec<(String, String, String)>,
    /// Which buttons make sense now.
    pub can_pay: bool,
    pub can_confirm: bool,
    pub can_replace: bool,
    pub can_expire: bool,
    pub can_invalidate: bool,
    /// The shop's order page (`checkout.redirectURL`).
    pub back_url: Option<String>,
}

/// The BTCPay sandbox's pull payment page: the customer claims their refund with an address.
#[derive(Template)]
#[template(path = "sandbox_btcpay_claim.html")]
pub struct SandboxBtcPayClaimPage {
    pub chrome: Chrome,
    pub id: String,
    /// `0.00021 BTC`.
    pub amount: String,
    pub name: String,
    /// Once claimed: where it was paid, and the transaction.
    pub paid_to: Option<(String, String)>,
    pub error: Option<String>,
}
