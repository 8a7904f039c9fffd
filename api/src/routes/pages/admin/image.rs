//! Uploading an event's image from the edit page.

use super::form::*;
use super::*;

// ---- the image

pub async fn upload_image(
    State(state): State<AppState>,
    AdminPage(admin): AdminPage,
    headers: axum::http::HeaderMap,
    PageId { id, .. }: PageId<EventNoun>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let viewer = Viewer(Some(admin.clone()));
    let mut csrf_token = String::new();
    let mut upload = None;
    while let Some(field) = multipart.next_field().await.map_err(|err| {
        Error::InvalidBody(message_args(
            current(),
            "admin-error-upload-unreadable",
            [("error", err.to_string().into())],
        ))
    })? {
        match field.name() {
            Some("csrf_token") => csrf_token = field.text().await.unwrap_or_default(),
            Some("image") => {
                upload = Some(field.bytes().await.map_err(|_| Error::PayloadTooLarge)?);
            }
            _ => {}
        }
    }
    // A multipart form: its token is one of the parts, read above with the file.
    crate::auth::csrf::verify(&headers, &csrf_token, state.config.is_https())?;
    let bytes = upload
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| Error::InvalidField(FieldError::new("image", t("admin-error-upload-none"))));
    let stored = match bytes {
        Ok(bytes) => crate::routes::admin::events::image::store(&state, bytes).await,
        Err(err) => Err(err),
    };
    let err = match stored {
        Ok(media_id) => {
            let mut tx = state.db.begin().await?;
            catalog::set_event_image(&mut tx, admin.account.id, id, media_id).await.map_err(Error::from)?;
            tx.commit().await?;
            return Ok(Redirect::to(&format!("/admin/events/{id}/edit?saved=1")).into_response());
        }
        Err(err) => err,
    };
    let status = err.status();
    let message = match &err {
        Error::InvalidField(field) => (field.field.to_string(), field.message.clone()),
        Error::PayloadTooLarge => ("image".to_string(), t("admin-error-upload-too-large")),
        _ => return Err(err.into()),
    };
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let page = form_page(
        &viewer,
        &csrf_token,
        super::edit::edit_heading(&event),
        format!("/admin/events/{id}/edit"),
        Some(event.version),
        Some(&event),
        form_from_event(&event),
        Some(message),
        None,
    );
    Ok(render_html(status, &page))
}
