//! The payment sandboxes' pages (`sandbox_checkout.html`, `sandbox_btcpay.html`): this app
//! playing Stripe's and BTCPay's checkout for the demo and the tests. Apart so nothing real
//! depends on them. Like every page they speak the request's language (`sandbox.ftl`); the
//! handlers fill in each state's words.

use askama::Template;
use tessera_i18n::{FluentArgs, Locale, message_with};

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
    /// Once it is not open: what became of it ("This checkout is complete.").
    pub closed_notice: String,
    pub back_url: String,
    /// Paid: the buttons of what happens afterwards are offered.
    pub paid: bool,
    /// Refunded so far, when anything was.
    pub refunded: Option<String>,
    pub fully_refunded: bool,
    /// The dispute's status in words, once the customer disputed the payment.
    pub dispute_status: Option<String>,
    /// The bank decided the dispute (won or lost): nothing more to do about it.
    pub dispute_settled: bool,
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
    /// Paid over Lightning: `address` is the payment request, and it is paid in full or not.
    pub lightning: bool,
    pub rate: String,
    pub address: String,
    pub payment_uri: String,
    /// BTCPay's status (`New`, `Processing`, `Settled`, `Expired`, `Invalid`) in words, and
    /// its additional status (`PaidPartial`, `PaidOver`, `PaidLate`, `Marked`) when there is
    /// one.
    pub status: String,
    pub additional_status: Option<String>,
    /// The invoice expired: paying now is paying late.
    pub expired: bool,
    /// What is still missing, in bitcoin (empty when nothing is).
    pub missing_btc: String,
    pub expires: String,
    /// (outpoint, value in BTC, status in words)
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

impl SandboxBtcPayPage {
    /// "Pay 0.00036364 BTC".
    pub fn pay_heading(&self) -> String {
        self.chrome.t1("sandbox-pay", "amount", format!("{} BTC", self.amount_btc))
    }
}

impl SandboxBtcPayClaimPage {
    /// "Paid to `bc1q…` in transaction `ab12…`.", as HTML (for `|safe`).
    pub fn paid_html(&self, destination: &str, txid: &str) -> String {
        with_code(
            self.chrome.lang,
            "sandbox-claim-paid",
            &[("destination", destination, ""), ("txid", txid, " class=\"txid\"")],
        )
    }
}

/// Message `id` in `locale` as HTML: its text escaped, and each argument (name, value,
/// attributes of its element) set in `<code>`, wherever the language puts it.
fn with_code(locale: Locale, id: &str, args: &[(&'static str, &str, &str)]) -> String {
    // Private-use characters no message or argument contains stand for the arguments.
    let mark = |i: usize| char::from_u32(0xE000 + i as u32).unwrap_or('\u{E000}').to_string();
    let mut fluent = FluentArgs::new();
    for (i, (name, _, _)) in args.iter().enumerate() {
        fluent.set(*name, mark(i));
    }
    let mut html = crate::chart::escape(&message_with(locale, id, &fluent));
    for (i, (_, value, attributes)) in args.iter().enumerate() {
        let value: String = value.chars().filter(|c| !('\u{E000}'..='\u{E0FF}').contains(c)).collect();
        let code = format!("<code{attributes}>{}</code>", crate::chart::escape(&value));
        html = html.replace(&mark(i), &code);
    }
    html
}
