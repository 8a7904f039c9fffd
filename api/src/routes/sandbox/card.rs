//! The card sandbox's hosted checkout: mounted only when no Stripe keys are configured
//! (`app::router`), and labelled as a sandbox on every page. Its buttons turn into the signed events Stripe would
//! send, delivered to our real webhook handler.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tessera_payments::sandbox::SandboxAction;
use tessera_web::pages::{Chrome, SandboxCheckoutPage};
use tessera_web::view::price;

use super::deliver::{SandboxWebhooks, deliver_sandbox_events, sandbox_signing_secret};
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
                        price(&currency, item["unit_amount"].as_i64().unwrap_or_default()),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    let page = SandboxCheckoutPage {
        chrome: Chrome::new("", None),
        session_id: session.id.clone(),
        email: session.customer_email.clone(),
        amount: price(&currency, session.amount_total),
        lines,
        open: session.status == "open",
        status: session.status.clone(),
        back_url: session.cancel_url.clone(),
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
    let secret = sandbox_signing_secret(&state);
    match sandbox
        .act(&id, action, &secret)
        .await
        .map_err(|err| Error::Internal(anyhow::anyhow!("sandbox: {err}")))?
    {
        Some((events, next)) => {
            deliver_sandbox_events(state.clone(), SandboxWebhooks::Stripe, events);
            Ok(Redirect::to(&next).into_response())
        }
        // Not open any more: show what it is.
        None => Ok(Redirect::to(&format!("/sandbox/checkout/{id}")).into_response()),
    }
}
