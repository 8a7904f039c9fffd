use axum::Json;
use axum::body::Body;
use axum::extract::State;
use tessera_core::catalog;
use tessera_media::{self as media, pipeline::MAX_UPLOAD_BYTES};

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{EventNoun, LookupId};
use crate::state::AppState;

/// Upload the event's image.
///
/// The body is the image itself (JPEG, PNG or WebP, at most 10 MB), recognised by its bytes,
/// not by a name or content type. It is made upright, stripped of metadata, resized to 400, 800
/// and 1600 px wide and stored as WebP and JPEG; the event shows it at once.
#[utoipa::path(post, path = "/api/admin/events/{id}/image", tag = "admin",
    params(("id" = uuid::Uuid, Path, description = "The event's id")),
    request_body(content = Vec<u8>, content_type = "image/jpeg", description = "JPEG, PNG or WebP bytes"),
    responses(
        (status = 200, description = "The event with its new image", body = crate::schemas::catalog::Event),
        Admin,
        LookupId<EventNoun>,
        (status = 413, description = "Larger than 10 MB", body = ErrorBody),
        (status = 422, description = "Not an image we can read (`field` is `image`)", body = ErrorBody),
    ))]
pub async fn upload(
    State(state): State<AppState>,
    Admin(admin): Admin,
    LookupId { id, .. }: LookupId<EventNoun>,
    body: Body,
) -> Result<Json<crate::routes::events::LocalizedEvent>> {
    let bytes = axum::body::to_bytes(body, MAX_UPLOAD_BYTES).await.map_err(|_| Error::PayloadTooLarge)?;
    let media_id = store(&state, bytes).await?;
    let mut tx = state.db.begin().await?;
    catalog::set_event_image(&mut tx, admin.account.id, id, media_id).await?;
    let event = catalog::event_for_admin(&mut *tx, id).await?.ok_or(Error::NotFound("event"))?;
    tx.commit().await?;
    tracing::info!(event.id = %id, media.id = %media_id, admin.id = %admin.account.id, "event image set");
    Ok(Json(crate::routes::events::LocalizedEvent::as_written(event)))
}

/// Stores an upload; what is wrong with it is an error naming the `image` field.
pub(crate) async fn store(state: &AppState, bytes: bytes::Bytes) -> Result<uuid::Uuid> {
    let mut conn = state.db.acquire().await?;
    Ok(media::store_image(&mut conn, &state.blobs, bytes).await?)
}
