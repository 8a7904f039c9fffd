//! The BTCPay sandbox's checkout page (the invoice's `checkoutLink`): mounted only with
//! `TESSERA_BTCPAY_SANDBOX=on`, labelled as a sandbox. Its buttons change the invoice as a
//! payment would and deliver BTCPay's signed webhooks to our real webhook handler.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tessera_core::money::plain_decimal;
use tessera_i18n::format::{Style, instant};
use tessera_payments::btcpay::sandbox::{BtcPaySandbox, SandboxBtcAction, SandboxInvoice};
use tessera_web::pages::{Chrome, SandboxBtcPayPage};
use tessera_web::view::price;

use super::deliver::{SandboxWebhooks, deliver_sandbox_events};
use crate::error::{Error, PageError, render_html};
use crate::state::AppState;

fn plausible(id: &str) -> bool {
    id.len() <= 40 && id.starts_with("Sbx") && id.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn sandbox(state: &AppState) -> Result<&BtcPaySandbox, Error> {
    state.btcpay_sandbox.as_deref().ok_or(Error::NotFound("page"))
}

fn sandbox_error(err: impl std::fmt::Display) -> Error {
    Error::Internal(anyhow::anyhow!("BTCPay sandbox: {err}"))
}

/// `GET /sandbox/btcpay/i/{id}`.
pub async fn invoice_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let sandbox = sandbox(&state)?;
    if !plausible(&id) {
        return Err(Error::NotFound("invoice").into());
    }
    let invoice = sandbox.invoice(&id).await.map_err(sandbox_error)?.ok_or(Error::NotFound("invoice"))?;
    Ok(render_html(StatusCode::OK, &page(&invoice)))
}

#[derive(Debug, serde::Deserialize)]
pub struct ActionQuery {
    /// `order`: back to the order page afterwards (the order page's "pay with the sandbox
    /// wallet" button for Lightning), not to the invoice's page.
    #[serde(default, rename = "return")]
    return_to: Option<String>,
}

/// `POST /sandbox/btcpay/i/{id}/{action}`: pay, pay-part, pay-too-much, confirm, replace,
/// expire, invalidate.
pub async fn invoice_action(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
    axum::extract::Query(query): axum::extract::Query<ActionQuery>,
) -> Result<Response, PageError> {
    let sandbox = sandbox(&state)?;
    let action: SandboxBtcAction = action.parse().map_err(|()| Error::NotFound("page"))?;
    if !plausible(&id) {
        return Err(Error::NotFound("invoice").into());
    }
    let (invoice, events) =
        sandbox.act(&id, action).await.map_err(sandbox_error)?.ok_or(Error::NotFound("invoice"))?;
    deliver_sandbox_events(state.clone(), SandboxWebhooks::BtcPay, events);
    // Only to our own order page: the path of the invoice's redirect URL, never another site.
    let order_page = invoice
        .checkout
        .get("redirectURL")
        .and_then(|u| u.as_str())
        .and_then(|u| url::Url::parse(u).ok())
        .map(|u| u.path().to_string())
        .filter(|path| path.starts_with("/orders/"));
    match (query.return_to.as_deref(), order_page) {
        (Some("order"), Some(path)) => Ok(Redirect::to(&path).into_response()),
        _ => Ok(Redirect::to(&format!("/sandbox/btcpay/i/{id}")).into_response()),
    }
}

fn page(invoice: &SandboxInvoice) -> SandboxBtcPayPage {
    let now = chrono::Utc::now().timestamp();
    let status = invoice.status(now);
    let open = !matches!(status.status, "Settled" | "Invalid");
    let missing = invoice.missing_sat();
    let unconfirmed = invoice.payments.iter().any(|p| !p.confirmed && !p.replaced);
    let chrome = Chrome::new("", None);
    // BTCPay's words for the invoice's state, in the page's language.
    let status_label = match status.status {
        "New" => chrome.t("sandbox-invoice-new"),
        "Processing" => chrome.t("sandbox-invoice-processing"),
        "Settled" => chrome.t("sandbox-invoice-settled"),
        "Expired" => chrome.t("sandbox-invoice-expired"),
        "Invalid" => chrome.t("sandbox-invoice-invalid"),
        other => other.to_string(),
    };
    let additional_status = match status.additional {
        "None" | "" => None,
        "PaidPartial" => Some(chrome.t("sandbox-invoice-paid-partial")),
        "PaidOver" => Some(chrome.t("sandbox-invoice-paid-over")),
        "PaidLate" => Some(chrome.t("sandbox-invoice-paid-late")),
        "Marked" => Some(chrome.t("sandbox-invoice-marked")),
        other => Some(other.to_string()),
    };
    SandboxBtcPayPage {
        invoice_id: invoice.id.clone(),
        amount: price(&invoice.currency, invoice.amount_minor),
        amount_btc: plain_decimal(invoice.due_sat, 8),
        lightning: invoice.lightning,
        rate: price(&invoice.currency, invoice.rate_minor),
        address: invoice.address.clone(),
        payment_uri: invoice.payment_link(),
        status: status_label,
        additional_status,
        expired: status.status == "Expired",
        missing_btc: if missing > 0 && open { plain_decimal(missing, 8) } else { String::new() },
        expires: chrono::DateTime::from_timestamp(invoice.expiration_time, 0)
            .map(|at| format!("{} UTC", instant(chrome.lang, at, "UTC", Style::DateTime)))
            .unwrap_or_default(),
        payments: invoice
            .payments
            .iter()
            .map(|p| {
                let state = match (p.replaced, p.confirmed) {
                    (true, _) => chrome.t("sandbox-tx-replaced"),
                    (false, true) => chrome.t("sandbox-tx-confirmed"),
                    (false, false) => chrome.t("sandbox-tx-waiting"),
                };
                (format!("{}:{}", p.txid, p.vout), plain_decimal(p.value_sat, 8), state)
            })
            .collect(),
        can_pay: open && missing > 0,
        can_confirm: unconfirmed,
        can_replace: unconfirmed,
        can_expire: status.status == "New",
        can_invalidate: open,
        back_url: invoice.checkout.get("redirectURL").and_then(|u| u.as_str()).map(str::to_string),
        chrome,
    }
}

/// `GET /sandbox/btcpay/pp/{id}`: the pull payment's page, where the customer claims their
/// refund with an address.
pub async fn pull_payment_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let sandbox = state.btcpay_sandbox.as_ref().ok_or(Error::NotFound("page"))?;
    let (pull, payouts) =
        sandbox.pull_payment(&id).await.map_err(sandbox_error)?.ok_or(Error::NotFound("refund"))?;
    let page = tessera_web::pages::SandboxBtcPayClaimPage {
        chrome: Chrome::new("", None),
        id: id.clone(),
        amount: format!("{} BTC", pull["amount"].as_str().unwrap_or_default()),
        name: pull["name"].as_str().unwrap_or_default().to_string(),
        paid_to: payouts.first().map(|p| {
            (
                p["destination"].as_str().unwrap_or_default().to_string(),
                p["paymentProof"]["id"].as_str().unwrap_or_default().to_string(),
            )
        }),
        error: None,
    };
    Ok(render_html(StatusCode::OK, &page))
}

#[derive(Debug, serde::Deserialize)]
pub struct ClaimForm {
    #[serde(default)]
    destination: String,
}

/// `POST /sandbox/btcpay/pp/{id}`: the claim, paid out at once.
pub async fn claim(
    State(state): State<AppState>,
    Path(id): Path<String>,
    axum::Form(form): axum::Form<ClaimForm>,
) -> Result<Response, PageError> {
    let sandbox = state.btcpay_sandbox.as_ref().ok_or(Error::NotFound("page"))?;
    match sandbox.claim(&id, &form.destination).await {
        Ok(Some(_)) => Ok(Redirect::to(&format!("/sandbox/btcpay/pp/{id}")).into_response()),
        Ok(None) => Err(Error::NotFound("refund").into()),
        Err(tessera_payments::btcpay::sandbox::SandboxError::Invalid(_)) => {
            let (pull, payouts) =
                sandbox.pull_payment(&id).await.map_err(sandbox_error)?.ok_or(Error::NotFound("refund"))?;
            let chrome = Chrome::new("", None);
            // Refused: claimed already, or no address given.
            let error = if payouts.is_empty() {
                chrome.t("sandbox-claim-missing")
            } else {
                chrome.t("sandbox-claim-already")
            };
            let page = tessera_web::pages::SandboxBtcPayClaimPage {
                chrome,
                id: id.clone(),
                amount: format!("{} BTC", pull["amount"].as_str().unwrap_or_default()),
                name: pull["name"].as_str().unwrap_or_default().to_string(),
                paid_to: None,
                error: Some(error),
            };
            Ok(render_html(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(err) => Err(sandbox_error(err).into()),
    }
}
