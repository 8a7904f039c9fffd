//! The BTCPay sandbox's Greenfield API: the subset our client calls, in BTCPay's own shapes
//! (v2.4.1: `InvoiceData`, `InvoicePaymentMethodDataModel`, `ProblemDetails` and
//! `ValidationProblemDetails` errors), behind `Authorization: token {apiKey}`. Mounted under
//! `/sandbox/btcpay/api/v1/` only with `TESSERA_BTCPAY_SANDBOX=on`; the tests check what it
//! answers against the vendor's schemas.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret as _;
use serde::Deserialize;
use serde_json::{Value, json};
use subtle::ConstantTimeEq as _;
use tessera_payments::btcpay::sandbox::{BtcPaySandbox, CreateInvoiceBody, SandboxError};

use crate::state::AppState;

/// A Greenfield error: `ProblemDetails`.
fn problem(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({"code": code, "message": message}))).into_response()
}

fn store_error(err: &SandboxError) -> Response {
    match err {
        // `ValidationProblemDetails`, as BTCPay answers a bad request body.
        SandboxError::Invalid(message) => {
            let (path, message) = message.split_once(": ").unwrap_or(("", message));
            (StatusCode::UNPROCESSABLE_ENTITY, Json(json!([{"path": path, "message": message}])))
                .into_response()
        }
        SandboxError::Conflict => problem(StatusCode::CONFLICT, "conflict", "The invoice changed meanwhile"),
        SandboxError::Store(_) => {
            tracing::warn!(error = %err, "BTCPay sandbox store unavailable");
            problem(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "The sandbox is unavailable")
        }
    }
}

/// A request the sandbox refuses, as `ProblemDetails`.
struct Refused(StatusCode, &'static str, &'static str);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        problem(self.0, self.1, self.2)
    }
}

/// The sandbox, if this request may use it: the right API key (and store).
fn admit<'a>(
    state: &'a AppState,
    headers: &HeaderMap,
    store_id: Option<&str>,
) -> Result<&'a BtcPaySandbox, Refused> {
    let (Some(sandbox), Some(config)) = (state.btcpay_sandbox.as_deref(), state.btcpay_settings.as_deref())
    else {
        return Err(Refused(StatusCode::NOT_FOUND, "not-found", "Not found"));
    };
    let expected = format!("token {}", config.api_key.expose_secret());
    let sent = headers.get("authorization").map(|v| v.as_bytes()).unwrap_or_default();
    if !bool::from(sent.ct_eq(expected.as_bytes())) {
        return Err(Refused(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Authentication is required for accessing this endpoint",
        ));
    }
    if store_id.is_some_and(|id| id != sandbox.store_id) {
        return Err(Refused(StatusCode::FORBIDDEN, "unauthorized", "The API key is not for this store"));
    }
    Ok(sandbox)
}

fn invoice_not_found() -> Response {
    problem(StatusCode::NOT_FOUND, "invoice-not-found", "The invoice was not found")
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// `POST /sandbox/btcpay/api/v1/stores/{storeId}/invoices`.
pub async fn create_invoice(
    State(state): State<AppState>,
    Path(store_id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let sandbox = match admit(&state, &headers, Some(&store_id)) {
        Ok(sandbox) => sandbox,
        Err(refused) => return refused.into_response(),
    };
    let body: CreateInvoiceBody = match serde_json::from_slice(&body) {
        Ok(body) => body,
        Err(err) => return store_error(&SandboxError::Invalid(format!(": not an invoice request: {err}"))),
    };
    match sandbox.create_invoice(&body).await {
        Ok(invoice) => Json(invoice.invoice_data(now())).into_response(),
        Err(err) => store_error(&err),
    }
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(rename = "orderId")]
    order_id: Option<String>,
}

/// `GET /sandbox/btcpay/api/v1/stores/{storeId}/invoices?orderId=…`, newest first. The
/// sandbox lists invoices by order only (the one filter our client uses).
pub async fn list_invoices(
    State(state): State<AppState>,
    Path(store_id): Path<String>,
    headers: HeaderMap,
    Query(query): Query<ListQuery>,
) -> Response {
    let sandbox = match admit(&state, &headers, Some(&store_id)) {
        Ok(sandbox) => sandbox,
        Err(refused) => return refused.into_response(),
    };
    let Some(order_id) = query.order_id else {
        return Json(Value::Array(Vec::new())).into_response();
    };
    match sandbox.invoices_of_order(&order_id).await {
        Ok(invoices) => {
            let now = now();
            Json(Value::Array(invoices.iter().map(|i| i.invoice_data(now)).collect())).into_response()
        }
        Err(err) => store_error(&err),
    }
}

/// `GET /sandbox/btcpay/api/v1/invoices/{invoiceId}`.
pub async fn get_invoice(
    State(state): State<AppState>,
    Path(invoice_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let sandbox = match admit(&state, &headers, None) {
        Ok(sandbox) => sandbox,
        Err(refused) => return refused.into_response(),
    };
    match sandbox.invoice(&invoice_id).await {
        Ok(Some(invoice)) => Json(invoice.invoice_data(now())).into_response(),
        Ok(None) => invoice_not_found(),
        Err(err) => store_error(&err),
    }
}

#[derive(Debug, Deserialize)]
pub struct PaymentMethodsQuery {
    #[serde(rename = "onlyAccountedPayments")]
    only_accounted_payments: Option<bool>,
}

/// `GET /sandbox/btcpay/api/v1/invoices/{invoiceId}/payment-methods`.
pub async fn payment_methods(
    State(state): State<AppState>,
    Path(invoice_id): Path<String>,
    headers: HeaderMap,
    Query(query): Query<PaymentMethodsQuery>,
) -> Response {
    let sandbox = match admit(&state, &headers, None) {
        Ok(sandbox) => sandbox,
        Err(refused) => return refused.into_response(),
    };
    let all = query.only_accounted_payments == Some(false);
    match sandbox.invoice(&invoice_id).await {
        Ok(Some(invoice)) => Json(json!([invoice.payment_method(all)])).into_response(),
        Ok(None) => invoice_not_found(),
        Err(err) => store_error(&err),
    }
}

/// `POST /sandbox/btcpay/api/v1/invoices/{invoiceId}/status` (`MarkInvoiceStatusRequest`): the
/// merchant marks the invoice `Invalid` (what we do to a Lightning invoice whose order ended);
/// answers the invoice (`InvoiceData`) and sends BTCPay's webhooks for the change.
pub async fn mark_status(
    State(state): State<AppState>,
    Path(invoice_id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let sandbox = match admit(&state, &headers, None) {
        Ok(sandbox) => sandbox,
        Err(refused) => return refused.into_response(),
    };
    let status =
        serde_json::from_slice::<Value>(&body).ok().and_then(|b| b["status"].as_str().map(str::to_string));
    let action = match status.as_deref() {
        Some("Invalid") => tessera_payments::btcpay::sandbox::SandboxBtcAction::MarkInvalid,
        // Marking an invoice settled by hand is BTCPay's too, but nothing of ours does it.
        Some("Settled") => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!([{"path": "status", "message": "the sandbox marks invoices Invalid only"}])),
            )
                .into_response();
        }
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!([{"path": "status", "message": "Invalid or Settled"}])),
            )
                .into_response();
        }
    };
    match sandbox.act(&invoice_id, action).await {
        Ok(Some((invoice, events))) => {
            super::deliver::deliver_sandbox_events(
                state.clone(),
                super::deliver::SandboxWebhooks::BtcPay,
                events,
            );
            Json(invoice.invoice_data(now())).into_response()
        }
        Ok(None) => invoice_not_found(),
        Err(err) => store_error(&err),
    }
}

/// `POST /sandbox/btcpay/api/v1/invoices/{invoiceId}/refund`: a pull payment refunding the
/// invoice (`PullPaymentData`).
pub async fn refund_invoice(
    State(state): State<AppState>,
    Path(invoice_id): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let sandbox = match admit(&state, &headers, None) {
        Ok(sandbox) => sandbox,
        Err(refused) => return refused.into_response(),
    };
    let body: Value = match serde_json::from_slice(&body) {
        Ok(body) => body,
        Err(err) => return store_error(&SandboxError::Invalid(format!(": not a refund request: {err}"))),
    };
    match sandbox.refund_invoice(&invoice_id, &body).await {
        Ok(Some(pull)) => Json(pull).into_response(),
        Ok(None) => invoice_not_found(),
        // This endpoint answers a bad request with 400 and `ValidationProblemDetails`.
        Err(SandboxError::Invalid(message)) => {
            let (path, message) = message.split_once(": ").unwrap_or(("", &message));
            (StatusCode::BAD_REQUEST, Json(json!([{"path": path, "message": message}]))).into_response()
        }
        Err(err) => store_error(&err),
    }
}

/// `GET /sandbox/btcpay/api/v1/pull-payments/{pullPaymentId}/payouts` (`PayoutData` list). Like
/// BTCPay's, it needs no API key: the pull payment's id is its secret.
pub async fn payouts(State(state): State<AppState>, Path(pull_payment_id): Path<String>) -> Response {
    let Some(sandbox) = state.btcpay_sandbox.as_deref() else {
        return problem(StatusCode::NOT_FOUND, "not-found", "Not found");
    };
    match sandbox.pull_payment(&pull_payment_id).await {
        Ok(Some((_, payouts))) => Json(Value::Array(payouts)).into_response(),
        Ok(None) => problem(StatusCode::NOT_FOUND, "pullpayment-not-found", "The pull payment was not found"),
        Err(err) => store_error(&err),
    }
}

/// `GET /sandbox/btcpay/api/v1/stores/{storeId}/pull-payments` (`PullPaymentDataList`).
pub async fn pull_payments(
    State(state): State<AppState>,
    Path(store_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let sandbox = match admit(&state, &headers, Some(&store_id)) {
        Ok(sandbox) => sandbox,
        Err(refused) => return refused.into_response(),
    };
    match sandbox.pull_payments().await {
        Ok(pulls) => Json(Value::Array(pulls)).into_response(),
        Err(err) => store_error(&err),
    }
}
