use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tessera_core::order;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::{ErrorBody, Result};
use crate::state::AppState;

/// Money received that must go back to the customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct RefundDueView {
    pub payment_id: Uuid,
    pub order_id: Uuid,
    pub order_status: String,
    pub customer_email: String,
    pub event_title: String,
    pub provider: String,
    /// The checkout (Checkout Session id).
    pub provider_ref: Option<String>,
    /// The money movement (PaymentIntent id): refund this.
    pub provider_payment_ref: Option<String>,
    pub currency: String,
    pub received_minor: i64,
    /// `sold_out_after_expiry`, `event_closed`, `order_closed`, `duplicate_payment` or
    /// `amount_mismatch`.
    pub reason: String,
    pub received_at: DateTime<Utc>,
}

/// Money collected for an order we do not have.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnmatchedView {
    pub provider: String,
    pub provider_event_id: String,
    pub provider_ref: String,
    /// Refund this (a PaymentIntent id).
    pub provider_payment_ref: Option<String>,
    /// The order reference the provider sent, verbatim.
    pub claimed_order_ref: Option<String>,
    pub currency: String,
    pub amount_minor: i64,
    pub received_at: DateTime<Utc>,
}

/// Money to give back.
#[derive(Debug, Serialize, ToSchema)]
pub struct Refunds {
    /// Payments that could not pay for their order, oldest first.
    pub refunds: Vec<RefundDueView>,
    /// Payments for orders we do not have, newest first.
    pub unmatched: Vec<UnmatchedView>,
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
    let due = order::refunds_due(&state.db, 500).await?;
    let unmatched = order::unmatched_payments(&state.db, 500).await?;
    Ok(Json(Refunds {
        unmatched: unmatched
            .into_iter()
            .map(|u| UnmatchedView {
                provider: u.provider,
                provider_event_id: u.provider_event_id,
                provider_ref: u.provider_ref,
                provider_payment_ref: u.provider_payment_ref,
                claimed_order_ref: u.claimed_order_ref,
                currency: u.currency,
                amount_minor: u.amount_minor,
                received_at: u.created_at,
            })
            .collect(),
        refunds: due
            .into_iter()
            .map(|r| RefundDueView {
                payment_id: r.payment_id,
                order_id: r.order_id,
                order_status: r.order_status,
                customer_email: r.customer_email,
                event_title: r.event_title,
                provider: r.provider,
                provider_ref: r.provider_ref,
                provider_payment_ref: r.provider_payment_ref,
                currency: r.currency,
                received_minor: r.received_minor,
                reason: r.refund_reason,
                received_at: r.received_at,
            })
            .collect(),
    }))
}
