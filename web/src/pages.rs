//! One askama template struct per page. Handlers fill them; templates only lay them out.

use askama::Template;

use crate::view::{EventCard, EventDetail};

/// What every page's frame needs: the stylesheet's cache-busting URL, the search box text,
/// and who is signed in.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub stylesheet: &'static str,
    pub favicon: &'static str,
    pub query: String,
    pub viewer: Option<ViewerChrome>,
}

/// The signed-in person, as the header shows them.
#[derive(Debug, Clone)]
pub struct ViewerChrome {
    pub name: String,
    pub is_admin: bool,
}

impl Chrome {
    pub fn new(query: impl Into<String>, viewer: Option<ViewerChrome>) -> Self {
        Self {
            stylesheet: crate::assets::stylesheet_href(),
            favicon: crate::assets::favicon_href(),
            query: query.into(),
            viewer,
        }
    }
}

/// A form field's value and its error, if any.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

/// An option in a filter menu.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The filter form shared by the home and search pages; its fields keep what was chosen.
#[derive(Debug, Clone)]
pub struct FilterForm {
    pub action: &'static str,
    pub q: String,
    pub cities: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub from: String,
    pub to: String,
    pub max_price: String,
    /// A field the visitor got wrong, and why.
    pub error: Option<(String, String)>,
}

impl FilterForm {
    /// Whether `field` is the one the visitor got wrong.
    pub fn is_invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|(wrong, _)| wrong == field)
    }
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub chrome: Chrome,
    pub filters: FilterForm,
    pub events: Vec<EventCard>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
    pub filtered: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub chrome: Chrome,
    pub filters: FilterForm,
    pub q: String,
    pub corrected_query: Option<String>,
    pub events: Vec<EventCard>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
}

#[derive(Template)]
#[template(path = "event.html")]
pub struct EventPage {
    pub chrome: Chrome,
    pub event: EventDetail,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub chrome: Chrome,
    pub status: u16,
    pub title: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub name: Field,
    pub email: Field,
    pub password: Field,
    /// A problem not tied to one field.
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub email: String,
    pub next: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    pub current_password: Field,
    pub new_password: Field,
    /// Shown after a successful change.
    pub notice: Option<String>,
    /// The customer's orders, newest first.
    pub orders: Vec<crate::view::OrderSummary>,
}

/// An event's row in the admin list.
#[derive(Debug, Clone)]
pub struct AdminEventRow {
    pub id: String,
    pub title: String,
    pub place: String,
    pub when: String,
    pub status: &'static str,
    pub slug: String,
}

#[derive(Template)]
#[template(path = "admin/events.html")]
pub struct AdminEventsPage {
    pub chrome: Chrome,
    pub q: String,
    pub rows: Vec<AdminEventRow>,
    pub notice: Option<String>,
}

/// A ticket type's row in the event form (blank rows add new types).
#[derive(Debug, Clone, Default)]
pub struct TicketRow {
    pub index: usize,
    pub id: String,
    pub name: String,
    /// In major units, as typed: "18.00".
    pub price: String,
    pub capacity: String,
}

/// The create/edit form, filled with what the admin typed or what is saved.
#[derive(Debug, Clone, Default)]
pub struct EventForm {
    pub title: String,
    pub description: String,
    pub category: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub venue_name: String,
    pub address: String,
    pub latitude: String,
    pub longitude: String,
    /// `YYYY-MM-DDTHH:MM` in the event's own time zone.
    pub starts_local: String,
    pub ends_local: String,
    pub timezone: String,
    pub language: String,
    /// Comma-separated.
    pub tags: String,
    pub image_alt: String,
    pub status: String,
    pub currency: String,
    pub tickets: Vec<TicketRow>,
}

#[derive(Template)]
#[template(path = "admin/event_form.html")]
pub struct AdminEventFormPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub heading: String,
    pub action: String,
    /// The version being edited; none when creating.
    pub version: Option<i32>,
    pub event_id: Option<String>,
    pub slug: Option<String>,
    /// The event's current image, when it has one.
    pub image: Option<String>,
    pub form: EventForm,
    pub categories: Vec<Choice>,
    pub statuses: Vec<Choice>,
    /// The field at fault and why, or a problem with the whole form.
    pub error: Option<(String, String)>,
    pub notice: Option<String>,
}

impl AdminEventFormPage {
    pub fn is_invalid(&self, field: &str) -> bool {
        self.error
            .as_ref()
            .is_some_and(|(wrong, _)| wrong == field || wrong.starts_with(&format!("{field}[")))
    }
}

#[derive(Template)]
#[template(path = "admin/event_delete.html")]
pub struct AdminEventDeletePage {
    pub chrome: Chrome,
    pub csrf: String,
    pub event_id: String,
    pub title: String,
    pub error: Option<String>,
}

/// One catalog change, for people.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: String,
    pub admin: String,
    pub action: String,
    pub event_id: String,
    pub title: String,
    pub changes: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AdminAuditPage {
    pub chrome: Chrome,
    pub rows: Vec<AuditRow>,
}

/// A ticket type on the buy page.
#[derive(Debug, Clone)]
pub struct BuyRow {
    pub id: String,
    pub name: String,
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
    /// (value, label) of each payment method taken.
    pub methods: Vec<(&'static str, &'static str)>,
    pub hold_minutes: u64,
    pub max_tickets: i32,
    /// A fresh key per rendering of the form, so a double submit is one order.
    pub idempotency_key: String,
    /// Why tickets cannot be bought (cancelled, started), when they cannot.
    pub closed: Option<String>,
    pub error: Option<String>,
    pub sandbox: bool,
}

/// A line of an order.
#[derive(Debug, Clone)]
pub struct OrderLine {
    pub name: String,
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
    /// What the page shows, as `order.js` compares it: `status:detected:seen_minor`.
    pub poll_key: String,
    /// Paid in bitcoin: the page speaks of confirmations and transactions.
    pub bitcoin: bool,
    /// A part-paid invoice: (received, still missing), formatted.
    pub part_paid: Option<(String, String)>,
    /// Bitcoin transactions that paid the invoice: (outpoint, BTC, state).
    pub transactions: Vec<(String, String, String)>,
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
}

/// An ETH or token order's payment: what to send where, and what the chain has shown so far.
#[derive(Debug, Clone, Default)]
pub struct EthPanel {
    /// `ETH` or the token's symbol.
    pub asset: String,
    /// The exact amount in whole units (`0.004`), and in base units.
    pub amount: String,
    pub amount_base: String,
    /// "1 ETH = €3,000.00".
    pub rate: String,
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

/// An issued ticket on the order page.
#[derive(Debug, Clone)]
pub struct TicketLine {
    pub serial: String,
    pub ticket_type: String,
    pub checked_in: bool,
}

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

#[derive(Template)]
#[template(path = "admin/analytics.html")]
pub struct AdminAnalyticsPage {
    pub chrome: Chrome,
    pub from: String,
    pub to: String,
    pub time_zone: String,
    /// The event filter: every event, the chosen one selected.
    pub events_filter: Vec<Choice>,
    /// A bad filter, said plainly; the figures are then those of the default range.
    pub error: Option<String>,
    /// The same figures as JSON.
    pub json_href: String,
    pub received: Vec<ReceivedCard>,
    pub by_method: Vec<MethodRow>,
    pub method_chart: String,
    pub days: Vec<DayRow>,
    pub orders_chart: String,
    pub tickets_chart: String,
    pub funnel: Vec<(String, i64)>,
    pub funnel_chart: String,
    pub cities: Vec<(String, i64, i64)>,
    pub cities_chart: String,
    pub categories: Vec<(String, i64, i64)>,
    pub categories_chart: String,
    pub events: Vec<EventSalesRow>,
}

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
}

/// One receipt on the finance page.
#[derive(Debug, Clone)]
pub struct FinanceRow {
    pub rail: String,
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

/// What came in in one asset, in its own unit.
#[derive(Debug, Clone)]
pub struct ReceivedCard {
    /// `1,234.50 EUR`, `0.0125 BTC`.
    pub amount: String,
    pub kind: &'static str,
    pub orders: i64,
}

#[derive(Debug, Clone)]
pub struct MethodRow {
    pub method: &'static str,
    pub orders: i64,
    pub tickets: i64,
    /// The orders' totals, formatted in their currency.
    pub amount: String,
}

#[derive(Debug, Clone)]
pub struct DayRow {
    pub date: String,
    pub placed: i64,
    pub paid: i64,
    pub tickets: i64,
}

#[derive(Debug, Clone)]
pub struct EventSalesRow {
    pub title: String,
    pub href: String,
    pub city: String,
    pub sold: i64,
    pub held: i64,
    pub capacity: i64,
    /// `42.5 %`.
    pub sell_through: String,
    pub revenue: String,
}

/// A ticket delivery, for admins.
#[derive(Debug, Clone)]
pub struct DeliveryRowView {
    pub order_id: String,
    pub status: String,
    pub customer_email: String,
    pub event_title: String,
    pub tickets: i64,
    pub attempts: i32,
    pub last_error: String,
    /// When it was sent, or when it will next be tried.
    pub when: String,
    pub retryable: bool,
}

#[derive(Template)]
#[template(path = "admin/deliveries.html")]
pub struct AdminDeliveriesPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub rows: Vec<DeliveryRowView>,
    /// The status the list is narrowed to, or empty.
    pub status: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}

/// An event the door can check in.
#[derive(Debug, Clone)]
pub struct DoorEventView {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

/// What the last scan came to.
#[derive(Debug, Clone)]
pub struct ScanResult {
    /// `ok`, `repeat` or `refused`.
    pub kind: &'static str,
    pub headline: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "admin/checkin.html")]
pub struct AdminCheckinPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub events: Vec<DoorEventView>,
    /// The event being checked in, and how many are in.
    pub event_id: String,
    pub progress: Option<String>,
    pub result: Option<ScanResult>,
}
