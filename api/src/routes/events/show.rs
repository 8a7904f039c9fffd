use axum::Json;
use axum::extract::State;
use tessera_core::catalog;

use super::LocalizedEvent;

use crate::error::{Error, ErrorBody, Result};
use crate::extract::{EventNoun, PathId};
use crate::state::AppState;

/// One event with its ticket types.
///
/// Published and cancelled events are public; drafts are not found. Title, description and
/// ticket type names are in the request's language (`?lang=`, else the chosen one, else
/// `Accept-Language`) when the
/// organiser translated them (`text_language` says which), with the `original` alongside.
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
) -> Result<Json<LocalizedEvent>> {
    let event = catalog::event_by_id(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    Ok(Json(LocalizedEvent::new(event)))
}
