//! Buying and the order page (`buy.html`, `order.html`): the customer's way from choosing
//! tickets to holding them, with every payment rail's panel.

use askama::Template;

use super::Chrome;
use crate::view::EventCard;

/// A ticket type on the buy page.
#[derive(Debug, Clone)]
pub struct BuyRow {
    pub id: String,
    /// In the reader's language when the organiser translated it.
    pub name: String,
    /// The language `name` is written in.
    pub language: String,
    pub price: String,
    pub available: i32,
    /// The quantities that can be chosen: 0 to what is left, at most the order limit.
    pub quantities: Vec<i32>,
    pub selected: i32,
}

#[derive(Template)]
#[template(path = "buy.html")]
pub struct BuyPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub event: EventCard,
    pub slug: String,
    pub rows: Vec<BuyRow>,
    /// (value, label) of each way to pay: each method taken, and with several chains each
    /// Ethereum asset on each chain (`usdc@8453`).
    pub methods: Vec<(String, String)>,
    /// (value, label) of each payment method a waiting list's offer may be paid with.
    pub waitlist_methods: Vec<(&'static str, String)>,
    pub hold_minutes: u64,
    /// Set when crypto orders are held less long (their price lives less than the hold).
    pub crypto_hold_minutes: Option<u64>,
    pub max_tickets: i32,
    /// A fresh key per rendering of the form, so a double submit is one order.
    pub idempotency_key: String,
    /// Why tickets cannot be bought (cancelled, started), when they cannot.
    pub closed: Option<String>,
    /// The buyer has not confirmed their email address: the page asks for that first.
    pub unverified: bool,
    pub error: Option<String>,
    pub sandbox: bool,
    /// Sold-out ticket types whose waiting list the viewer may join.
    pub waitlist: Vec<WaitlistRow>,
    /// The viewer's places in this event's waiting lists.
    pub places: Vec<PlaceView>,
    /// What was just done to a place.
    pub waitlist_notice: Option<String>,
}

/// A sold-out ticket type, with the quantities one place may ask for.
#[derive(Debug, Clone)]
pub struct WaitlistRow {
    pub id: String,
    pub name: String,
    pub language: String,
    pub quantities: Vec<i32>,
}

/// A place of the viewer's in a waiting list.
#[derive(Debug, Clone)]
pub struct PlaceView {
    pub entry_id: String,
    /// "You are number 3 in line for 2 × General.", in the page's language.
    pub text: String,
    /// Offered: the order holding their tickets.
    pub offer_href: Option<String>,
}

/// A line of an order.
#[derive(Debug, Clone)]
pub struct OrderLine {
    /// In the reader's language when the organiser translated it, else as bought.
    pub name: String,
    /// The language `name` is written in.
    pub language: String,
    pub quantity: i32,
    pub unit_price: String,
    pub subtotal: String,
}

#[derive(Template)]
#[template(path = "order.html")]
pub struct OrderPage {
    pub chrome: Chrome,
    /// The script that follows the order's state (`crate::assets::order_script_href`).
    pub script: &'static str,
    pub csrf: String,
    pub order: crate::view::OrderSummary,
    pub lines: Vec<OrderLine>,
    /// Where to pay, while the order waits for payment.
    pub pay_url: Option<String>,
    /// The customer came back from the checkout (`?checkout=success`) and we wait for the
    /// provider's confirmation.
    pub confirming: bool,
    /// The customer left the checkout without paying.
    pub checkout_cancelled: bool,
    /// The page asks for the order's state until it settles.
    pub poll: bool,
    /// What the page shows, as `order.js` compares it: `status:detected:seen_minor`, and for
    /// ETH and tokens `:` and each payment log's state.
    pub poll_key: String,
    /// Paid in ETH or a token: `order.js` adds the payment logs to its key as the page does.
    pub eth_rail: bool,
    /// Paid in bitcoin: the page speaks of confirmations and transactions.
    pub bitcoin: bool,
    /// A part-paid invoice: (received, still missing), formatted.
    pub part_paid: Option<(String, String)>,
    /// What came and what is missing of a part-paid invoice, and until when, as HTML.
    pub part_paid_html: String,
    /// Bitcoin transactions that paid the invoice: (outpoint, BTC, state); for Lightning,
    /// (payment hash, BTC to the millisatoshi, state).
    pub transactions: Vec<(String, String, String)>,
    /// Paid over Lightning: the request to pay.
    pub lightning: Option<LightningPanel>,
    /// The other ways this order can still be paid, as (method, its name): "Pay another way".
    pub switch_methods: Vec<(String, String)>,
    /// Why the last "Pay another way" did not happen.
    pub switch_error: Option<String>,
    pub refund_note: Option<String>,
    /// The tickets, once issued, and their PDF once stored.
    pub tickets: Vec<TicketLine>,
    pub tickets_pdf: Option<String>,
    /// Delivering the tickets failed for now; admins have been told.
    pub delivery_delayed: bool,
    /// Paid in ETH or a token: the quote, how to pay it, and the payments seen.
    pub ethereum: Option<EthPanel>,
    /// The "pay with browser wallet" script (`crate::assets::wallet_script_href`).
    pub wallet_script: &'static str,
    pub local_time_script: &'static str,
    /// Money that went back or is going back: (amount, where, state, when).
    pub refunds: Vec<RefundLine>,
    /// While the event's policy allows cancelling for a refund: what comes back, the fee, and
    /// until when.
    pub refund_offer: Option<RefundOfferView>,
    /// The customer's first order is paid and they were never asked where they live.
    pub ask_home: bool,
}

/// A refund of the order, for its customer.
#[derive(Debug, Clone)]
pub struct RefundLine {
    pub amount: String,
    pub destination: String,
    pub state: String,
    /// `succeeded`, ...: for styling.
    pub status: &'static str,
    pub when: String,
    /// Bitcoin, waiting for the customer: where to claim it.
    pub claim_url: Option<String>,
}

/// What cancelling the order now gives back.
#[derive(Debug, Clone)]
pub struct RefundOfferView {
    pub refund: String,
    /// What cancelling gives back and until when, as HTML (`pages::with_time`).
    pub offer_html: String,
}

/// An ETH or token order's payment: what to send where, and what the chain has shown so far.
#[derive(Debug, Clone, Default)]
pub struct EthPanel {
    /// `ETH` or the token's symbol.
    pub asset: String,
    /// The exact amount in whole units (`0.004`), and in base units.
    pub amount: String,
    pub amount_base: String,
    /// "Rate: 1 ETH = 3000 EUR, quoted <time>." (HTML: the time is a `<time>`).
    pub rate_html: String,
    /// The network fee to expect on top ("about 0.000121 ETH (≈ €0.36)"), when the node says
    /// its gas price.
    pub fee: Option<String>,
    /// How much to pay, where and until when, as HTML (`pages::with_time`).
    pub pay_html: String,
    pub contract: String,
    /// The token's contract, for tokens.
    pub token: Option<String>,
    pub chain_id: i64,
    /// 0x-hex, as wallets take it (`wallet_switchEthereumChain`).
    pub chain_id_hex: String,
    pub chain_name: String,
    /// The EIP-681 link, and its QR code (SVG markup made by `view::qr_svg`).
    pub payment_uri: String,
    pub qr_svg: Option<String>,
    /// Tokens: the EIP-681 link of the approval that comes first, and its QR code.
    pub approve_uri: Option<String>,
    pub approve_qr_svg: Option<String>,
    /// The quote's deadline (unix seconds): the wallet button stops offering itself after it.
    pub deadline: i64,
    /// The wallet's transactions as JSON, for `wallet.js`.
    pub transactions_json: String,
    /// The quote can still be paid.
    pub payable: bool,
    /// The demo's "pay from an anvil dev account" button.
    pub sandbox: bool,
    /// How many confirmations an order waits for; None: the finalized block decides.
    pub confirmations_required: Option<u32>,
    /// Payments seen: (transaction, amount, state).
    pub payments: Vec<(String, String, String)>,
}

/// How to pay a Lightning order: its payment request as a QR code, a `lightning:` link and text.
#[derive(Debug, Clone)]
pub struct LightningPanel {
    /// "12,345 sats (0.00012345 BTC)".
    pub amount: String,
    /// "Rate: 1 BTC = €55,000.00, quoted at …" as HTML (`pages::with_time`).
    pub rate_html: String,
    /// What to pay and until when, as HTML (`pages::with_time`).
    pub pay_html: String,
    /// The BOLT11 request, its `lightning:` link and its QR code (upper case, as wallets scan it).
    pub request: String,
    pub uri: String,
    pub qr_svg: Option<String>,
    /// The request can still be paid.
    pub payable: bool,
    /// The sandbox's "pay with the sandbox wallet" form's action, when BTCPay is played by it.
    pub sandbox_pay_url: Option<String>,
}

/// An issued ticket on the order page.
#[derive(Debug, Clone)]
pub struct TicketLine {
    /// Why it no longer admits anyone ("refunded"), if it does not.
    pub voided: Option<String>,
    pub serial: String,
    pub ticket_type: String,
    pub checked_in: bool,
}
