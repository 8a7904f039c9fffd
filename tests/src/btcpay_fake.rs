//! A fake BTCPay Server for the tests: the Greenfield routes our client calls, over real HTTP
//! on a loopback port, holding invoices in memory. Every request body it receives and every
//! body it answers is checked against the vendor's schemas ([`BtcPaySpec`]); what fails is
//! kept in [`FakeBtcPay::violations`] (and the request is refused), so a test that ends with
//! none has shown both sides agree with the spec.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use tessera_core::money::{parse_decimal, plain_decimal};

use crate::btcpay_spec::BtcPaySpec;

/// The fake's rate: 1 BTC = 50,000.00 of any fiat currency.
pub const RATE: &str = "50000.00";

pub struct FakeBtcPay {
    pub url: url::Url,
    pub api_key: String,
    pub store_id: String,
    state: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

struct Shared {
    spec: BtcPaySpec,
    api_key: String,
    store_id: String,
    base: String,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// InvoiceData objects, in creation order.
    invoices: Vec<Value>,
    /// Payments per invoice id: (outpoint `txid-vout`, BTC decimal string, status).
    payments: HashMap<String, Vec<(String, String, String)>>,
    violations: Vec<String>,
    /// Answer the next request with this instead.
    fail_next: Option<(StatusCode, Option<Value>)>,
}

impl FakeBtcPay {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let api_key = format!("key{}", uuid::Uuid::new_v4().simple());
        let store_id = format!("Store{}", &uuid::Uuid::new_v4().simple().to_string()[..10]);
        let state = Arc::new(Shared {
            spec: BtcPaySpec::load(),
            api_key: api_key.clone(),
            store_id: store_id.clone(),
            base: base.clone(),
            inner: Mutex::new(Inner::default()),
        });
        let app = axum::Router::new()
            .route("/api/v1/stores/{store_id}/invoices", get(list_invoices).post(create_invoice))
            .route("/api/v1/invoices/{invoice_id}", get(get_invoice))
            .route("/api/v1/invoices/{invoice_id}/payment-methods", get(payment_methods))
            .with_state(state.clone());
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { url: base.parse().expect("url"), api_key, store_id, state, task }
    }

    /// Bodies that did not match the vendor's schemas, sent or answered.
    pub fn violations(&self) -> Vec<String> {
        self.lock().violations.clone()
    }

    pub fn invoices(&self) -> Vec<Value> {
        self.lock().invoices.clone()
    }

    /// Makes an invoice's expiry a moment ago, as if its time had run out.
    pub fn expire_now(&self, invoice_id: &str) {
        let mut inner = self.lock();
        let invoice = inner.invoices.iter_mut().find(|i| i["id"] == invoice_id).expect("invoice");
        invoice["expirationTime"] = json!(chrono::Utc::now().timestamp() - 1);
    }

    /// Sets an invoice's `status` and `additionalStatus`.
    pub fn set_status(&self, invoice_id: &str, status: &str, additional: &str) {
        let mut inner = self.lock();
        let invoice = inner.invoices.iter_mut().find(|i| i["id"] == invoice_id).expect("invoice");
        invoice["status"] = json!(status);
        invoice["additionalStatus"] = json!(additional);
    }

    /// Sets what the customer has paid, in the invoice's currency (`paidAmount`).
    pub fn set_paid(&self, invoice_id: &str, paid_amount: &str) {
        let mut inner = self.lock();
        let invoice = inner.invoices.iter_mut().find(|i| i["id"] == invoice_id).expect("invoice");
        invoice["paidAmount"] = json!(paid_amount);
    }

    /// Records an on-chain payment (`value` in BTC, as a decimal string).
    pub fn pay(&self, invoice_id: &str, outpoint: &str, value: &str, status: &str) {
        self.lock().payments.entry(invoice_id.to_string()).or_default().push((
            outpoint.to_string(),
            value.to_string(),
            status.to_string(),
        ));
    }

    /// Every payment of the invoice that is still `Processing` confirms: `Settled`.
    pub fn settle_payments(&self, invoice_id: &str) {
        if let Some(payments) = self.lock().payments.get_mut(invoice_id) {
            for (_, _, status) in payments.iter_mut().filter(|(_, _, status)| status == "Processing") {
                *status = "Settled".into();
            }
        }
    }

    /// The customer pays the invoice in full, in one on-chain payment (a fresh outpoint) not
    /// confirmed yet: `Processing`, or `Expired` with `PaidLate` once its time ran out, as BTCPay
    /// says of a payment after expiry as soon as it sees it. [`FakeBtcPay::confirm`] confirms
    /// it. Returns the satoshis paid and the status, or `None` when the invoice is unknown or no
    /// longer takes money (paid or invalid).
    pub fn pay_in_full(&self, invoice_id: &str) -> Option<(i64, String)> {
        let mut inner = self.lock();
        let invoice = inner.invoices.iter_mut().find(|i| i["id"] == invoice_id)?;
        if !matches!(invoice["status"].as_str(), Some("New" | "Expired"))
            || invoice["additionalStatus"] == "PaidLate"
        {
            return None;
        }
        let due_sats = due_sats(invoice);
        let late = invoice["expirationTime"].as_i64().unwrap_or(0) <= chrono::Utc::now().timestamp();
        let (status, additional) = if late { ("Expired", "PaidLate") } else { ("Processing", "None") };
        invoice["status"] = json!(status);
        invoice["additionalStatus"] = json!(additional);
        invoice["paidAmount"] = invoice["amount"].clone();
        let outpoint = format!("{}{}-0", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple());
        inner.payments.entry(invoice_id.to_string()).or_default().push((
            outpoint,
            plain_decimal(due_sats, 8),
            "Processing".into(),
        ));
        Some((due_sats, status.to_string()))
    }

    /// The invoice's payments confirm: each `Settled`, and a `Processing` invoice `Settled` (an
    /// `Expired` one stays `PaidLate`). Returns the invoice's status.
    pub fn confirm(&self, invoice_id: &str) -> Option<String> {
        let mut inner = self.lock();
        for (_, _, status) in inner.payments.get_mut(invoice_id).into_iter().flatten() {
            if status == "Processing" {
                *status = "Settled".into();
            }
        }
        let invoice = inner.invoices.iter_mut().find(|i| i["id"] == invoice_id)?;
        if invoice["status"] == "Processing" {
            invoice["status"] = json!("Settled");
        }
        invoice["status"].as_str().map(str::to_string)
    }

    /// Invoices still `New` whose time ran out become `Expired`, as BTCPay's own clock makes
    /// them; returns their ids.
    pub fn expire_overdue(&self) -> Vec<String> {
        let now = chrono::Utc::now().timestamp();
        let mut inner = self.lock();
        let mut expired = Vec::new();
        for invoice in inner.invoices.iter_mut() {
            if invoice["status"] == "New" && invoice["expirationTime"].as_i64().is_some_and(|at| at <= now) {
                invoice["status"] = json!("Expired");
                expired.push(invoice["id"].as_str().unwrap_or_default().to_string());
            }
        }
        expired
    }

    /// An invoice's order id (its metadata's `orderId`).
    pub fn order_of(&self, invoice_id: &str) -> Option<String> {
        let inner = self.lock();
        let invoice = inner.invoices.iter().find(|i| i["id"] == invoice_id)?;
        invoice.pointer("/metadata/orderId").and_then(Value::as_str).map(str::to_string)
    }

    /// Answers the next request with `status` (and this body) instead of serving it.
    pub fn fail_next(&self, status: u16, body: Option<Value>) {
        self.lock().fail_next = Some((StatusCode::from_u16(status).expect("status"), body));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.state.inner.lock().expect("fake state")
    }
}

impl Drop for FakeBtcPay {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("fake state")
    }

    /// Authorization, then any failure a test asked for.
    fn admit(&self, headers: &HeaderMap) -> Result<(), Box<Response>> {
        if let Some((status, body)) = self.lock().fail_next.take() {
            return Err(Box::new(match body {
                Some(body) => (status, Json(body)).into_response(),
                None => status.into_response(),
            }));
        }
        let expected = format!("token {}", self.api_key);
        if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some(expected.as_str()) {
            let problem = json!({"code": "unauthenticated", "message": "Authentication is required for accessing this endpoint"});
            return Err(Box::new((StatusCode::UNAUTHORIZED, Json(problem)).into_response()));
        }
        Ok(())
    }

    fn check(&self, schema: &str, body: &Value) -> Result<(), Vec<String>> {
        let checked = self.spec.check(schema, body);
        if let Err(errors) = &checked {
            self.lock().violations.extend(errors.iter().cloned());
        }
        checked
    }

    /// Answers `body` after checking it against `schema`.
    fn answer(&self, schema: &str, body: Value) -> Response {
        let _ = self.check(schema, &body);
        Json(body).into_response()
    }
}

async fn create_invoice(
    State(state): State<Arc<Shared>>,
    Path(store_id): Path<String>,
    headers: HeaderMap,
    Json(request): Json<Value>,
) -> Response {
    if let Err(refused) = state.admit(&headers) {
        return *refused;
    }
    if store_id != state.store_id {
        return (StatusCode::FORBIDDEN, ()).into_response();
    }
    if let Err(errors) = state.check("CreateInvoiceRequest", &request) {
        let problems: Vec<Value> = errors.iter().map(|e| json!({"path": "$", "message": e})).collect();
        return (StatusCode::BAD_REQUEST, Json(Value::Array(problems))).into_response();
    }
    let now = chrono::Utc::now().timestamp();
    let minutes = request.pointer("/checkout/expirationMinutes").and_then(Value::as_i64).unwrap_or(15);
    let id = uuid::Uuid::new_v4().simple().to_string()[..22].to_string();
    let invoice = json!({
        "id": id,
        "storeId": state.store_id,
        "amount": request["amount"],
        "paidAmount": "0",
        "currency": request["currency"],
        "type": "Standard",
        "checkoutLink": format!("{}/i/{id}", state.base),
        "createdTime": now,
        "expirationTime": now + minutes * 60,
        "monitoringExpiration": now + minutes * 60 + 24 * 3600,
        "status": "New",
        "additionalStatus": "None",
        "availableStatusesForManualMarking": ["Settled", "Invalid"],
        "archived": false,
        "metadata": request.get("metadata").cloned().unwrap_or_else(|| json!({})),
        "checkout": request.get("checkout").cloned().unwrap_or(Value::Null),
    });
    state.lock().invoices.push(invoice.clone());
    state.answer("InvoiceData", invoice)
}

async fn list_invoices(
    State(state): State<Arc<Shared>>,
    Path(store_id): Path<String>,
    headers: HeaderMap,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    if let Err(refused) = state.admit(&headers) {
        return *refused;
    }
    if store_id != state.store_id {
        return (StatusCode::FORBIDDEN, ()).into_response();
    }
    let order_ids: Vec<&str> =
        query.iter().filter(|(k, _)| k == "orderId").map(|(_, v)| v.as_str()).collect();
    let invoices: Vec<Value> = state
        .lock()
        .invoices
        .iter()
        .filter(|invoice| {
            order_ids.is_empty()
                || invoice
                    .pointer("/metadata/orderId")
                    .and_then(Value::as_str)
                    .is_some_and(|o| order_ids.contains(&o))
        })
        .rev()
        .cloned()
        .collect();
    state.answer("InvoiceDataList", Value::Array(invoices))
}

async fn get_invoice(
    State(state): State<Arc<Shared>>,
    Path(invoice_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = state.admit(&headers) {
        return *refused;
    }
    let found = state.lock().invoices.iter().find(|i| i["id"] == invoice_id.as_str()).cloned();
    match found {
        Some(invoice) => state.answer("InvoiceData", invoice),
        None => not_found(),
    }
}

async fn payment_methods(
    State(state): State<Arc<Shared>>,
    Path(invoice_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = state.admit(&headers) {
        return *refused;
    }
    let (invoice, payments) = {
        let inner = state.lock();
        let invoice = inner.invoices.iter().find(|i| i["id"] == invoice_id.as_str()).cloned();
        (invoice, inner.payments.get(&invoice_id).cloned().unwrap_or_default())
    };
    let Some(invoice) = invoice else { return not_found() };
    let due_sats = due_sats(&invoice);
    let paid_sats: i64 = payments
        .iter()
        .filter(|(_, _, status)| status != "Invalid")
        .map(|(_, value, _)| parse_decimal(value, 8).unwrap_or(0))
        .sum();
    let address = tessera_payments::btcpay::sandbox::regtest_address(&invoice_id);
    let method = json!({
        "paymentMethodId": "BTC-CHAIN",
        "currency": "BTC",
        "destination": address,
        "paymentLink": format!("bitcoin:{address}?amount={}", plain_decimal(due_sats, 8)),
        "rate": RATE,
        "paymentMethodPaid": plain_decimal(paid_sats, 8),
        "totalPaid": plain_decimal(paid_sats, 8),
        "due": plain_decimal(due_sats - paid_sats, 8),
        "amount": plain_decimal(due_sats, 8),
        "paymentMethodFee": "0.00000000",
        "activated": true,
        "payments": payments.iter().map(|(outpoint, value, status)| json!({
            "id": outpoint,
            "receivedDate": chrono::Utc::now().timestamp(),
            "value": value,
            "fee": "0.00000000",
            "status": status,
            "destination": address,
        })).collect::<Vec<_>>(),
    });
    let _ = state.check("InvoicePaymentMethodDataModel", &method);
    Json(json!([method])).into_response()
}

/// What the invoice asks for in satoshis: its fiat amount at the fake's rate, exactly.
fn due_sats(invoice: &Value) -> i64 {
    let fiat_cents = parse_decimal(invoice["amount"].as_str().unwrap_or("0"), 2).unwrap_or(0);
    fiat_cents * 100_000_000 / parse_decimal(RATE, 2).unwrap_or(1)
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        Json(json!({"code": "invoice-not-found", "message": "The invoice was not found"})),
    )
        .into_response()
}
