//! Deleting an event, after a confirmation page.

use super::*;

// ---- delete

pub async fn delete_event_page(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<EventNoun>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let page = AdminEventDeletePage {
        chrome: Chrome::new("", viewer_chrome(&viewer)),
        csrf: csrf.token.clone(),
        event_id: id.to_string(),
        title: event.title,
        error: None,
    };
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

pub async fn delete_event(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<EventNoun>,
    _: CsrfForm,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let mut tx = state.db.begin().await?;
    match catalog::delete_event(&mut tx, admin.0.account.id, id).await {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to("/admin/events?deleted=1").into_response())
        }
        Err(err @ CatalogError::InUse) => {
            // Said on the confirmation page, with the status and message the API gives.
            let err = Error::from(err);
            let page = AdminEventDeletePage {
                chrome: Chrome::new("", viewer_chrome(&viewer)),
                csrf: csrf.token.clone(),
                event_id: id.to_string(),
                title: event.title,
                error: Some(err.message()),
            };
            Ok(render_html(err.status(), &page))
        }
        Err(err) => Err(Error::from(err).into()),
    }
}
