use axum::Json;
use axum::extract::State;
use tessera_core::catalog;

use crate::auth::Admin;
use crate::error::{Error, Result};
use crate::extract::{EventNoun, LookupId};
use crate::state::AppState;

/// One event, drafts included, with its current `version`.
#[utoipa::path(get, path = "/api/admin/events/{id}", tag = "admin",
    params(("id" = uuid::Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The event", body = crate::schemas::catalog::Event),
        Admin,
        LookupId<EventNoun>,
    ))]
pub async fn show(
    State(state): State<AppState>,
    _admin: Admin,
    LookupId { id, .. }: LookupId<EventNoun>,
) -> Result<Json<crate::routes::events::LocalizedEvent>> {
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    Ok(Json(crate::routes::events::LocalizedEvent::as_written(event)))
}
