use axum::extract::{Path, State};
use axum::http::StatusCode;

use super::event_id;
use crate::auth::Admin;
use crate::error::{ErrorBody, Result};
use crate::state::AppState;

/// Delete an event.
///
/// Only an event nothing refers to can be deleted; one with orders answers 409
/// `event_has_orders`: cancel it instead.
#[utoipa::path(post, path = "/api/admin/events/delete/{id}", tag = "admin",
    params(("id" = uuid::Uuid, Path, description = "The event's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such event", body = ErrorBody),
        (status = 409, description = "The event has orders (`event_has_orders`)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    admin: crate::auth::Admin,
    Path(id): Path<String>,
) -> Result<StatusCode> {
    let Admin(admin) = admin;
    let id = event_id(&id)?;
    let mut tx = state.db.begin().await?;
    tessera_core::catalog::delete_event(&mut tx, admin.account.id, id).await?;
    tx.commit().await?;
    tracing::info!(event.id = %id, admin.id = %admin.account.id, "event deleted");
    Ok(StatusCode::NO_CONTENT)
}
