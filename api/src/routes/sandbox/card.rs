//! The card sandbox's hosted checkout: mounted only when no Stripe keys are configured
//! (`app::router`), and labelled as a sandbox on every page. Its buttons turn into the signed events Stripe would
//! send, delivered to our real webhook handler.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tessera_core::money::Currency;
use tessera_core::money::stripe::from_stripe;
use tessera_payments::sandbox::{SandboxAction, SandboxAfterward};
use tessera_web::pages::{Chrome, SandboxCheckoutPage};
use tessera_web::view::price;

use super::deliver::{SandboxWebhooks, deliver_sandbox_events};
use crate::error::{Error, PageError, render_html};
use crate::state::AppState;

fn plausible(id: &str) -> bool {
    id.len() <= 80 && id.starts_with("cs_test_") && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// `GET /sandbox/checkout/{id}`.
pub async fn checkout_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let sandbox = state.sandbox.as_ref().ok_or(Error::NotFound("page"))?;
    if !plausible(&id) {
        return Err(Error::NotFound("checkout").into());
    }
    let session = sandbox
        .session(&id)
        .await
        .map_err(|err| Error::Internal(anyhow::anyhow!("sandbox: {err}")))?
        .ok_or(Error::NotFound("checkout"))?;
    let currency = session.currency.to_ascii_uppercase();
    // The session holds Stripe's units; people read ours.
    let ours = |amount: i64| {
        currency.parse::<Currency>().ok().and_then(|c| from_stripe(c, amount)).unwrap_or(amount)
    };
    let lines = session
        .line_items
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|item| {
                    (
                        item["name"].as_str().unwrap_or_default().to_string(),
                        item["quantity"].as_i64().unwrap_or_default(),
                        price(&currency, ours(item["unit_amount"].as_i64().unwrap_or_default())),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let chrome = Chrome::new("", None);
    // Stripe's words for a session (`complete`, `expired`) and a dispute (`needs_response`,
    // `won`, `lost`), in the page's language.
    let closed_notice = match session.status.as_str() {
        "open" => String::new(),
        "expired" => chrome.t("sandbox-checkout-expired"),
        _ => chrome.t("sandbox-checkout-complete"),
    };
    let dispute_status = session.dispute_status.as_deref().map(|status| match status {
        "won" => chrome.t("sandbox-dispute-won"),
        "lost" => chrome.t("sandbox-dispute-lost"),
        "needs_response" => chrome.t("sandbox-dispute-needs-response"),
        other => other.to_string(),
    });
    let page = SandboxCheckoutPage {
        session_id: session.id.clone(),
        email: session.customer_email.clone(),
        amount: price(&currency, ours(session.amount_total)),
        refunded: (session.amount_refunded > 0).then(|| price(&currency, ours(session.amount_refunded))),
        paid: session.payment_status == "paid",
        fully_refunded: session.amount_refunded >= session.amount_total,
        dispute_status,
        dispute_settled: matches!(session.dispute_status.as_deref(), Some("won" | "lost")),
        lines,
        open: session.status == "open",
        closed_notice,
        back_url: session.cancel_url.clone(),
        chrome,
    };
    Ok(render_html(StatusCode::OK, &page))
}

/// `POST /sandbox/checkout/{id}/{pay|decline|abandon}`.
pub async fn checkout_action(
    State(state): State<AppState>,
    Path((id, action)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let sandbox = state.sandbox.as_ref().ok_or(Error::NotFound("page"))?;
    let action = match action.as_str() {
        "pay" => SandboxAction::Pay,
        "decline" => SandboxAction::Decline,
        "abandon" => SandboxAction::Abandon,
        _ => return Err(Error::NotFound("page").into()),
    };
    if !plausible(&id) {
        return Err(Error::NotFound("checkout").into());
    }
    match sandbox.act(&id, action).await.map_err(|err| Error::Internal(anyhow::anyhow!("sandbox: {err}")))? {
        Some((events, next)) => {
            deliver_sandbox_events(state.clone(), SandboxWebhooks::Stripe, events);
            Ok(Redirect::to(&next).into_response())
        }
        // Not open any more: show what it is.
        None => Ok(Redirect::to(&format!("/sandbox/checkout/{id}")).into_response()),
    }
}

/// `POST /sandbox/checkout/{id}/after/{dispute|dispute-won|dispute-lost|refund}`: what happens
/// to a paid checkout afterwards, outside Tessera.
pub async fn afterward_action(
    State(state): State<AppState>,
    Path((id, what)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let sandbox = state.sandbox.as_ref().ok_or(Error::NotFound("page"))?;
    let what = match what.as_str() {
        "dispute" => SandboxAfterward::Dispute,
        "dispute-won" => SandboxAfterward::DisputeWon,
        "dispute-lost" => SandboxAfterward::DisputeLost,
        "refund" => SandboxAfterward::DashboardRefund,
        _ => return Err(Error::NotFound("page").into()),
    };
    if !plausible(&id) {
        return Err(Error::NotFound("checkout").into());
    }
    let events = sandbox
        .afterward(&id, what)
        .await
        .map_err(|err| Error::Internal(anyhow::anyhow!("sandbox: {err}")))?;
    if let Some(events) = events {
        deliver_sandbox_events(state.clone(), SandboxWebhooks::Stripe, events);
    }
    Ok(Redirect::to(&format!("/sandbox/checkout/{id}")).into_response())
}
