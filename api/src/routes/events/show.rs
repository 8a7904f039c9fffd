use axum::Json;
use axum::extract::{Path, State};
use tessera_core::catalog::{self, Event};
use uuid::Uuid;

use crate::error::{Error, ErrorBody, Result};
use crate::state::AppState;

/// One event with its ticket types.
///
/// Published and cancelled events are public; drafts are not found.
#[utoipa::path(
    get,
    path = "/api/events/{id}",
    tag = "catalog",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The event", body = crate::schemas::catalog::Event),
        (status = 400, description = "The id is not a UUID", body = ErrorBody),
        (status = 404, description = "No such public event", body = ErrorBody),
    )
)]
pub async fn show_event(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Event>> {
    let id = Uuid::try_parse(&id).map_err(|_| {
        tessera_core::catalog::FieldError::new("id", format!("{id:?} is not an event id (a UUID)"))
    })?;
    catalog::event_by_id(&state.db, id).await?.map(Json).ok_or(Error::NotFound("event"))
}
