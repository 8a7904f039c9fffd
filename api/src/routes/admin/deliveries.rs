use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use tessera_core::catalog::FieldError;
use tessera_core::delivery::{self, DeliveryRow, Retry};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{OrderNoun, PathId, QueryParams};
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
pub struct DeliveriesQuery {
    /// Only deliveries in this state: `pending`, `sent` or `failed`.
    pub status: Option<String>,
}

/// Ticket deliveries.
#[derive(Debug, Serialize, ToSchema)]
pub struct Deliveries {
    /// Failed and pending ones first, then the latest sent.
    #[schema(value_type = Vec<crate::schemas::delivery::DeliveryRow>)]
    pub deliveries: Vec<DeliveryRow>,
}

/// Ticket deliveries: failed ones (with their error) and pending ones first, then sent ones.
#[utoipa::path(get, path = "/api/admin/deliveries", tag = "admin",
    params(DeliveriesQuery),
    responses(
        (status = 200, description = "Deliveries", body = Deliveries),
        (status = 400, description = "Unknown status, or a query string that cannot be read", body = ErrorBody),
        Admin,
    ))]
pub async fn deliveries(
    State(state): State<AppState>,
    _admin: Admin,
    QueryParams(query): QueryParams<DeliveriesQuery>,
) -> Result<Json<Deliveries>> {
    let status = match query.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s @ ("pending" | "sent" | "failed")) => Some(s),
        Some(other) => {
            return Err(FieldError::new(
                "status",
                tessera_i18n::t_args("error-delivery-status", [("value", format!("{other:?}").into())]),
            )
            .into());
        }
    };
    Ok(Json(Deliveries { deliveries: delivery::list(&state.db, status, 500).await? }))
}

/// What a retry did.
#[derive(Debug, Serialize, ToSchema)]
pub struct Retried {
    pub order_id: Uuid,
    /// `pending`: queued again with a fresh count of attempts.
    pub status: &'static str,
}

/// Queues a failed (or stuck) delivery again with a fresh count of attempts.
#[utoipa::path(post, path = "/api/admin/deliveries/{order_id}/retry", tag = "admin",
    params(("order_id" = Uuid, Path, description = "The order whose delivery to retry")),
    responses(
        (status = 202, description = "Queued again", body = Retried),
        Admin,
        PathId<OrderNoun>,
        (status = 404, description = "No such paid order", body = ErrorBody),
        (status = 409, description = "Already delivered", body = ErrorBody),
    ))]
pub async fn retry(
    State(state): State<AppState>,
    _admin: Admin,
    PathId { id: order_id, .. }: PathId<OrderNoun>,
) -> Result<(axum::http::StatusCode, Json<Retried>)> {
    retry_delivery(&state, order_id).await?;
    Ok((axum::http::StatusCode::ACCEPTED, Json(Retried { order_id, status: "pending" })))
}

/// Shared with the admin page.
pub async fn retry_delivery(state: &AppState, order_id: Uuid) -> Result<()> {
    match delivery::retry(&state.db, order_id).await? {
        Retry::Requeued => {}
        Retry::AlreadySent => {
            return Err(Error::Conflict {
                code: "already_delivered",
                message: tessera_i18n::t("error-already-delivered"),
                field: None,
            });
        }
        Retry::NotDeliverable => return Err(Error::NotFound("paid order")),
    }
    // Publish now; if Redis is down, the worker's sweeper publishes the pending delivery later.
    match state.redis.connection().await {
        Ok(mut conn) => {
            if let Err(err) = tessera_ticketing::worker::publish_delivery(
                &mut conn,
                &state.config.stream_prefix,
                order_id,
                "admin_retry",
            )
            .await
            {
                tracing::warn!(order.id = %order_id, error = %err, "retry queued; publishing it waits for the sweeper");
            }
        }
        Err(err) => {
            tracing::warn!(order.id = %order_id, error = %err, "retry queued; publishing it waits for the sweeper");
        }
    }
    Ok(())
}
