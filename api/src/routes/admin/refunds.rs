use axum::Json;
use axum::extract::State;
use serde::Serialize;
use tessera_core::order::eth_receipt::{self, EthDueBack, EthOrphan};
use tessera_core::order::{self, RefundDue, UnmatchedPayment};
use utoipa::ToSchema;

use crate::auth::Admin;
use crate::error::{ErrorBody, Result};
use crate::state::AppState;

/// Money to give back.
#[derive(Debug, Serialize, ToSchema)]
pub struct Refunds {
    /// Payments that could not pay for their order, oldest first.
    #[schema(value_type = Vec<crate::schemas::order::RefundDue>)]
    pub refunds: Vec<RefundDue>,
    /// For the Ethereum payments among `refunds`: what goes back on chain, log by log, in the
    /// asset it came in and to the address it came from.
    #[schema(value_type = Vec<crate::schemas::order::EthDueBack>)]
    pub eth_due_back: Vec<EthDueBack>,
    /// Payments for orders we do not have, newest first.
    #[schema(value_type = Vec<crate::schemas::order::UnmatchedPayment>)]
    pub unmatched: Vec<UnmatchedPayment>,
    /// Payments to our Ethereum contract for order ids we never quoted, newest first: they go
    /// back to their payer.
    #[schema(value_type = Vec<crate::schemas::order::EthOrphan>)]
    pub eth_orphans: Vec<EthOrphan>,
}

/// Payments due for refund: money that came in but could not pay for its order, with the
/// reason, and money for orders we do not have.
#[utoipa::path(get, path = "/api/admin/refunds", tag = "admin",
    responses(
        (status = 200, description = "Payments due for refund", body = Refunds),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
pub async fn refunds(State(state): State<AppState>, _admin: Admin) -> Result<Json<Refunds>> {
    Ok(Json(Refunds {
        refunds: order::refunds_due(&state.db, 500).await?,
        eth_due_back: eth_receipt::due_back(&state.db, 500).await?,
        unmatched: order::unmatched_payments(&state.db, 500).await?,
        eth_orphans: eth_receipt::orphans(&state.db, 500).await?,
    }))
}
