//! The Ethereum sandbox (`TESSERA_ETH_SANDBOX=on`, on a local anvil chain only): the order
//! page's "pay from an anvil dev account" button. It sends the same transactions a customer's
//! wallet would (the demo token minted and approved first), from one of anvil's well-known
//! dev accounts, to the real contract; the chain-watcher then sees the payment like any other.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use tessera_core::order::OrderStatus;

use crate::auth::SignedInPage;
use crate::auth::csrf::CsrfForm;
use crate::error::{Error, PageError};
use crate::extract::{OrderNoun, PageId};
use crate::orders;
use crate::state::AppState;

/// `POST /sandbox/eth/orders/{id}/pay`: the order's owner pays its quote from a dev account,
/// then lands back on the order page, which follows the confirmations.
pub async fn pay(
    State(state): State<AppState>,
    SignedInPage(signed_in): SignedInPage,
    PageId { id, .. }: PageId<OrderNoun>,
    _: CsrfForm,
) -> Result<Response, PageError> {
    let order = orders::load(&state, id, signed_in.account.id).await?;
    let eth = state.eth.as_ref().filter(|eth| eth.is_sandbox()).ok_or(Error::NotFound("page"))?;
    let quote = tessera_core::order::eth::quote_of_order(&state.db, order.id)
        .await?
        .filter(|_| order.status == OrderStatus::PendingPayment)
        .ok_or_else(|| Error::Conflict {
            code: "not_payable",
            message: tessera_i18n::t("error-nothing-to-pay"),
            field: None,
        })?;
    match eth.sandbox_pay(&quote).await {
        Ok(tx) => {
            tracing::info!(order.id = %order.id, tx.hash = %tx, "sandbox: paid from an anvil dev account");
            Ok(Redirect::to(&format!("/orders/{}", order.id)).into_response())
        }
        Err(err) => {
            tracing::warn!(order.id = %order.id, error = %err, "sandbox: the dev account could not pay");
            let why = match err {
                tessera_payments::PaymentError::Rejected(reason) => reason,
                tessera_payments::PaymentError::Unavailable(_) => tessera_i18n::t("error-chain-silent"),
            };
            Err(Error::Conflict {
                code: "sandbox_payment_failed",
                message: tessera_i18n::t_args("error-sandbox-could-not-pay", [("why", why.into())]),
                field: None,
            }
            .into())
        }
    }
}
