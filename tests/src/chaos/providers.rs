//! The payment providers as the chaos run meets them: a fake of Stripe's Checkout API (the
//! calls our client makes, in Stripe's shapes and rules: one session per idempotency key, only
//! an open session can be paid or expired), the spec-checked BTCPay fake, and their webhooks,
//! delivered as the providers deliver them: late, sometimes twice, and again until answered
//! with a 2xx.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::Chaos;
use super::cluster::BTCPAY_WEBHOOK_SECRET;

pub const STRIPE_KEY: &str = "sk_test_chaos";
pub const STRIPE_WEBHOOK_SECRET: &str = "whsec_chaos";

/// A webhook to deliver: to which endpoint, and the bodies to send (a second one is a
/// redelivery of the same event).
pub struct Webhook {
    pub provider: Provider,
    pub bodies: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Stripe,
    BtcPay,
}

/// Where webhooks are queued, and what became of them.
#[derive(Clone)]
pub struct Webhooks {
    queue: mpsc::UnboundedSender<Webhook>,
    pub public_url: String,
    pub stats: Arc<WebhookStats>,
}

#[derive(Default)]
pub struct WebhookStats {
    /// Events queued.
    pub events: AtomicU64,
    /// Deliveries answered with a 2xx (duplicates included).
    pub delivered: AtomicU64,
    /// Events delivered more than once on purpose.
    pub duplicated: AtomicU64,
    /// Events held back for seconds before their first delivery.
    pub delayed: AtomicU64,
    /// Attempts that got no 2xx (refused, cut, a 5xx) and were made again.
    pub failed_attempts: AtomicU64,
    /// Deliveries not yet answered with a 2xx.
    pub pending: AtomicU64,
}

impl Webhooks {
    pub fn new(public_url: String) -> (Self, mpsc::UnboundedReceiver<Webhook>) {
        let (queue, deliveries) = mpsc::unbounded_channel();
        (Self { queue, public_url, stats: Arc::default() }, deliveries)
    }

    pub fn send(&self, webhook: Webhook) {
        self.stats.events.fetch_add(1, Ordering::SeqCst);
        // Pending from the moment it is queued (each of its deliveries once they are planned).
        self.stats.pending.fetch_add(1, Ordering::SeqCst);
        let _ = self.queue.send(webhook);
    }
}

/// Delivers every queued webhook: after a delay (most within half a second, one in ten after
/// 5 to 20 seconds), one in six twice, each delivery tried again with backoff until a 2xx.
pub async fn deliver(chaos: Arc<Chaos>, mut deliveries: mpsc::UnboundedReceiver<Webhook>) {
    let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().expect("client");
    while let Some(webhook) = deliveries.recv().await {
        let mut bodies = webhook.bodies;
        if chaos.rng.percent(16) {
            chaos.webhooks.stats.duplicated.fetch_add(1, Ordering::SeqCst);
        } else {
            bodies.truncate(1);
        }
        let stats = &chaos.webhooks.stats;
        stats.pending.fetch_add(bodies.len() as u64, Ordering::SeqCst);
        stats.pending.fetch_sub(1, Ordering::SeqCst);
        for (n, body) in bodies.into_iter().enumerate() {
            let delay = if chaos.rng.percent(10) {
                if n == 0 {
                    chaos.webhooks.stats.delayed.fetch_add(1, Ordering::SeqCst);
                }
                chaos.rng.between(Duration::from_secs(5), Duration::from_secs(20))
            } else {
                chaos.rng.between(Duration::ZERO, Duration::from_millis(500))
            };
            let (http, chaos) = (http.clone(), chaos.clone());
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                post_until_taken(&http, &chaos, webhook.provider, &body).await;
                chaos.webhooks.stats.pending.fetch_sub(1, Ordering::SeqCst);
            });
        }
    }
}

async fn post_until_taken(http: &reqwest::Client, chaos: &Chaos, provider: Provider, body: &str) {
    let stats = &chaos.webhooks.stats;
    let mut backoff = Duration::from_millis(500);
    loop {
        let (path, header, signature) = match provider {
            Provider::Stripe => (
                "/webhooks/stripe",
                "Stripe-Signature",
                tessera_payments::stripe::signature::sign(
                    body.as_bytes(),
                    STRIPE_WEBHOOK_SECRET,
                    chrono::Utc::now().timestamp(),
                ),
            ),
            Provider::BtcPay => (
                "/webhooks/btcpay",
                "BTCPay-Sig",
                tessera_payments::btcpay::webhook::sign(body.as_bytes(), BTCPAY_WEBHOOK_SECRET),
            ),
        };
        let answer = http
            .post(format!("{}{path}", chaos.webhooks.public_url))
            .header("Content-Type", "application/json")
            .header(header, signature)
            .body(body.to_string())
            .send()
            .await;
        if answer.is_ok_and(|answer| answer.status().is_success()) {
            stats.delivered.fetch_add(1, Ordering::SeqCst);
            return;
        }
        stats.failed_attempts.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(8));
    }
}

/// BTCPay's clock: invoices nobody paid in time expire, and BTCPay says so by webhook.
pub async fn expire_invoices(chaos: Arc<Chaos>) {
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        for invoice in chaos.btcpay.expire_overdue() {
            let order = chaos.btcpay.order_of(&invoice).unwrap_or_default();
            chaos.webhooks.send(btcpay_webhook(&chaos.btcpay.store_id, &invoice, &order, "InvoiceExpired"));
        }
    }
}

/// A BTCPay invoice webhook and its redelivery (a new delivery id naming the first).
pub fn btcpay_webhook(store_id: &str, invoice_id: &str, order_id: &str, kind: &str) -> Webhook {
    let first = uuid::Uuid::new_v4().simple().to_string();
    let body = |delivery: &str, original: &str, again: bool| {
        json!({
            "deliveryId": delivery,
            "webhookId": "chaoswebhook",
            "originalDeliveryId": original,
            "isRedelivery": again,
            "type": kind,
            "timestamp": chrono::Utc::now().timestamp(),
            "storeId": store_id,
            "invoiceId": invoice_id,
            "metadata": {"orderId": order_id},
        })
        .to_string()
    };
    let again = uuid::Uuid::new_v4().simple().to_string();
    Webhook {
        provider: Provider::BtcPay,
        bodies: vec![body(&first, &first, false), body(&again, &first, true)],
    }
}

/// A Checkout Session as the fake keeps it.
#[derive(Debug, Clone)]
struct Session {
    order_id: String,
    amount_total: i64,
    currency: String,
    /// `open`, `complete` or `expired`.
    status: String,
    payment_intent: String,
}

#[derive(Default)]
struct StripeState {
    /// Idempotency key → session id.
    keys: HashMap<String, String>,
    sessions: HashMap<String, Session>,
}

/// Stripe's Checkout API, as far as our client uses it.
pub struct FakeStripe {
    pub url: String,
    state: Arc<Mutex<StripeState>>,
    webhooks: Webhooks,
    task: tokio::task::JoinHandle<()>,
}

type Shared = (Arc<Mutex<StripeState>>, Webhooks);

impl FakeStripe {
    pub async fn start(webhooks: Webhooks) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let state = Arc::new(Mutex::new(StripeState::default()));
        let app = axum::Router::new()
            .route("/v1/checkout/sessions", post(create_session))
            .route("/v1/checkout/sessions/{id}", get(get_session))
            .route("/v1/checkout/sessions/{id}/expire", post(expire_session))
            .with_state((state.clone(), webhooks.clone()));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { url, state, webhooks, task }
    }

    /// The customer pays at the checkout: an open session completes and Stripe announces it;
    /// an expired or unknown one cannot be paid. Returns the payment intent and amount.
    pub fn pay(&self, session_id: &str) -> Option<(String, i64)> {
        let mut state = self.state.lock().expect("stripe");
        let session = state.sessions.get_mut(session_id).filter(|s| s.status == "open")?;
        session.status = "complete".into();
        let event = session_event("checkout.session.completed", session_id, session);
        let paid = (session.payment_intent.clone(), session.amount_total);
        drop(state);
        self.webhooks.send(Webhook { provider: Provider::Stripe, bodies: vec![event.clone(), event] });
        Some(paid)
    }

    /// Sessions completed: (session id, order id, amount) of each.
    pub fn completed(&self) -> Vec<(String, String, i64)> {
        let state = self.state.lock().expect("stripe");
        state
            .sessions
            .iter()
            .filter(|(_, s)| s.status == "complete")
            .map(|(id, s)| (id.clone(), s.order_id.clone(), s.amount_total))
            .collect()
    }
}

impl Drop for FakeStripe {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A Stripe event about a session (the same event, id included, each time it is delivered).
fn session_event(kind: &str, id: &str, session: &Session) -> String {
    json!({
        "id": format!("evt_{}", uuid::Uuid::new_v4().simple()),
        "object": "event",
        "type": kind,
        "created": chrono::Utc::now().timestamp(),
        "data": {"object": session_object(id, session)},
    })
    .to_string()
}

fn session_object(id: &str, session: &Session) -> Value {
    json!({
        "id": id,
        "object": "checkout.session",
        "client_reference_id": session.order_id,
        "status": session.status,
        "payment_status": if session.status == "complete" { "paid" } else { "unpaid" },
        "amount_total": session.amount_total,
        "currency": session.currency,
        "payment_intent": if session.status == "complete" { json!(session.payment_intent) } else { Value::Null },
        "url": if session.status == "open" { json!(format!("https://checkout.stripe.com/c/pay/{id}")) } else { Value::Null },
    })
}

fn stripe_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"error": {"type": "invalid_request_error", "message": message}})))
        .into_response()
}

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {STRIPE_KEY}"))
}

async fn create_session(State((state, _)): State<Shared>, headers: HeaderMap, body: String) -> Response {
    if !authorized(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let Some(order_id) = field("client_reference_id") else {
        return stripe_error(StatusCode::BAD_REQUEST, "Missing client_reference_id");
    };
    let mut amount_total = 0;
    for i in 0.. {
        let (Some(unit), Some(quantity)) = (
            field(&format!("line_items[{i}][price_data][unit_amount]")),
            field(&format!("line_items[{i}][quantity]")),
        ) else {
            break;
        };
        amount_total += unit.parse::<i64>().unwrap_or(0) * quantity.parse::<i64>().unwrap_or(0);
    }
    let currency = field("line_items[0][price_data][currency]").unwrap_or_default();
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_string);
    let mut state = state.lock().expect("stripe");
    if let Some(id) = key.as_ref().and_then(|key| state.keys.get(key)).cloned() {
        let session = state.sessions[&id].clone();
        return axum::Json(session_object(&id, &session)).into_response();
    }
    let id = format!("cs_test_{}", uuid::Uuid::new_v4().simple());
    let session = Session {
        order_id,
        amount_total,
        currency,
        status: "open".into(),
        payment_intent: format!("pi_{}", uuid::Uuid::new_v4().simple()),
    };
    if let Some(key) = key {
        state.keys.insert(key, id.clone());
    }
    state.sessions.insert(id.clone(), session.clone());
    axum::Json(session_object(&id, &session)).into_response()
}

async fn get_session(
    State((state, _)): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !authorized(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let state = state.lock().expect("stripe");
    match state.sessions.get(&id) {
        Some(session) => axum::Json(session_object(&id, session)).into_response(),
        None => stripe_error(StatusCode::NOT_FOUND, &format!("No such checkout.session: '{id}'")),
    }
}

async fn expire_session(
    State((state, webhooks)): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    if !authorized(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    let mut state = state.lock().expect("stripe");
    let Some(session) = state.sessions.get_mut(&id) else {
        return stripe_error(StatusCode::NOT_FOUND, &format!("No such checkout.session: '{id}'"));
    };
    if session.status != "open" {
        return stripe_error(
            StatusCode::BAD_REQUEST,
            "Only Checkout Sessions with a status of open can be expired.",
        );
    }
    session.status = "expired".into();
    let object = session_object(&id, session);
    // Stripe announces the expiry too.
    let event = session_event("checkout.session.expired", &id, session);
    drop(state);
    webhooks.send(Webhook { provider: Provider::Stripe, bodies: vec![event.clone(), event] });
    axum::Json(object).into_response()
}
