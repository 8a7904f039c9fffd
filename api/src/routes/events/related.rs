use axum::Json;
use axum::extract::State;
use serde::Serialize;
use tessera_core::catalog;

use super::LocalizedEvent;

use crate::error::{Error, ErrorBody, Result};
use crate::extract::{EventNoun, PathId};
use crate::state::AppState;

/// Upcoming events related to one, each list without the event and without repeating one of
/// an earlier list; texts in the request's language as everywhere in the catalog.
#[derive(Serialize)]
pub struct RelatedEvents {
    /// On within 25 km of the venue, nearest first, each with its `distance_km`.
    pub nearby: Vec<LocalizedEvent>,
    /// Of the same category, anywhere, nearest first.
    pub same_kind: Vec<LocalizedEvent>,
    /// What people who bought tickets for this event also bought, the most shared first. An
    /// event is named only when at least 5 people bought both, so none of them is singled out.
    pub also_bought: Vec<LocalizedEvent>,
}

/// "More like this": events on nearby, more of the same kind, and what its buyers also
/// bought (4 of each).
#[utoipa::path(
    get,
    path = "/api/events/{id}/related",
    tag = "catalog",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "Related upcoming events", body = crate::schemas::catalog::RelatedEvents),
        PathId<EventNoun>,
        (status = 404, description = "No such public event", body = ErrorBody),
    )
)]
pub async fn related_events(
    State(state): State<AppState>,
    PathId { id, .. }: PathId<EventNoun>,
) -> Result<Json<RelatedEvents>> {
    let event = catalog::event_by_id(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let related = tessera_core::search::related(state.search.as_ref(), &state.db, &event, 4).await?;
    let localized = |events: Vec<catalog::Event>| events.into_iter().map(LocalizedEvent::new).collect();
    Ok(Json(RelatedEvents {
        nearby: localized(related.nearby),
        same_kind: localized(related.same_kind),
        also_bought: localized(related.also_bought),
    }))
}
