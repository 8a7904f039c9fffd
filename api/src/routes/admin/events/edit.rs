use axum::Json;
use axum::extract::State;
use tessera_core::catalog::{self, EventPatch};

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{EventNoun, JsonBody, LookupId};
use crate::state::AppState;

/// Edit an event.
///
/// Send the fields to change and the `version` you read. If someone saved the event since,
/// the answer is 409 `stale_version` and nothing changes. `ticket_types`, when sent, is the
/// complete new list: types with an `id` are updated, types without are added, types left out
/// are removed.
#[utoipa::path(post, path = "/api/admin/events/edit/{id}", tag = "admin", request_body = crate::schemas::catalog::EventPatch,
    params(("id" = uuid::Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "Saved; the event with its new version", body = crate::schemas::catalog::Event),
        JsonBody<EventPatch>,
        Admin,
        LookupId<EventNoun>,
        (status = 409, description = "Stale version (`stale_version`)", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    ))]
pub async fn edit(
    State(state): State<AppState>,
    Admin(admin): Admin,
    LookupId { id, .. }: LookupId<EventNoun>,
    JsonBody(patch): JsonBody<EventPatch>,
) -> Result<Json<crate::routes::events::LocalizedEvent>> {
    let mut tx = state.db.begin().await?;
    catalog::edit_event(&mut tx, admin.account.id, id, patch).await?;
    let event = catalog::event_for_admin(&mut *tx, id).await?.ok_or(Error::NotFound("event"))?;
    tx.commit().await?;
    tracing::info!(event.id = %id, event.version = event.version, admin.id = %admin.account.id, "event edited");
    Ok(Json(crate::routes::events::LocalizedEvent::as_written(event)))
}
