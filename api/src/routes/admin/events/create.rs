use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use tessera_core::catalog::{self, EventInput};

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::JsonBody;
use crate::state::AppState;

/// Create an event with its ticket types.
///
/// Answers 201 with the event as `GET /api/events/{id}` shows it (drafts included), with its
/// `id`, `slug` and the `version` to send with edits.
#[utoipa::path(post, path = "/api/admin/events/create", tag = "admin", request_body = crate::schemas::catalog::EventInput,
    responses(
        (status = 201, description = "Created", body = crate::schemas::catalog::Event),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
        (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Admin(admin): Admin,
    JsonBody(input): JsonBody<EventInput>,
) -> Result<(StatusCode, Json<crate::routes::events::LocalizedEvent>)> {
    let fields = input.parse().map_err(Error::InvalidField)?;
    let mut tx = state.db.begin().await?;
    let id = catalog::create_event(&mut tx, admin.account.id, &fields).await?;
    let event = catalog::event_for_admin(&mut *tx, id).await?.ok_or(Error::NotFound("event"))?;
    tx.commit().await?;
    tracing::info!(event.id = %id, admin.id = %admin.account.id, "event created");
    Ok((StatusCode::CREATED, Json(crate::routes::events::LocalizedEvent::as_written(event))))
}
