use axum::Json;
use axum::extract::State;
use tessera_core::catalog::{self, Event};

use crate::error::{Error, ErrorBody, Result};
use crate::extract::{EventNoun, PathId};
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
        PathId<EventNoun>,
        (status = 404, description = "No such public event", body = ErrorBody),
    )
)]
pub async fn show_event(
    State(state): State<AppState>,
    PathId { id, .. }: PathId<EventNoun>,
) -> Result<Json<Event>> {
    catalog::event_by_id(&state.db, id).await?.map(Json).ok_or(Error::NotFound("event"))
}
