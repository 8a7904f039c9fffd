use axum::Json;
use axum::extract::{Path, State};
use tessera_core::catalog::{self, Event};

use super::event_id;
use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;

/// One event, drafts included, with its current `version`.
#[utoipa::path(get, path = "/api/admin/events/{id}", tag = "admin",
    params(("id" = uuid::Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The event", body = crate::schemas::catalog::Event),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    _admin: Admin,
    Path(id): Path<String>,
) -> Result<Json<Event>> {
    let id = event_id(&id)?;
    catalog::event_for_admin(&state.db, id).await?.map(Json).ok_or(Error::NotFound("event"))
}
