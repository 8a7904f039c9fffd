use axum::extract::State;
use axum::http::StatusCode;

use crate::auth::Admin;
use crate::error::{ErrorBody, Result};
use crate::extract::{EventNoun, LookupId};
use crate::state::AppState;

/// Delete an event.
///
/// Only an event nothing refers to can be deleted; one with orders answers 409
/// `event_has_orders`: cancel it instead.
#[utoipa::path(post, path = "/api/admin/events/delete/{id}", tag = "admin",
    params(("id" = uuid::Uuid, Path, description = "The event's id")),
    responses(
        (status = 204, description = "Deleted"),
        Admin,
        LookupId<EventNoun>,
        (status = 409, description = "The event has orders (`event_has_orders`)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Admin(admin): Admin,
    LookupId { id, .. }: LookupId<EventNoun>,
) -> Result<StatusCode> {
    let mut tx = state.db.begin().await?;
    tessera_core::catalog::delete_event(&mut tx, admin.account.id, id).await?;
    tx.commit().await?;
    tracing::info!(event.id = %id, admin.id = %admin.account.id, "event deleted");
    Ok(StatusCode::NO_CONTENT)
}
