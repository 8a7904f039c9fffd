//! Deleting an event, after a confirmation page.

use super::*;

// ---- delete

pub async fn delete_event_page(
    State(state): State<AppState>,
    viewer: Viewer,
    csrf: CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if let Err(not_admin) = admin_or_redirect(&viewer, "/admin/events") {
        return Ok(not_admin.into_response());
    }
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("event"))?;
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

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

pub async fn delete_event(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    FormBody(form): FormBody<CsrfForm>,
) -> Result<Response, PageError> {
    let admin = match admin_or_redirect(&viewer, "/admin/events") {
        Ok(admin) => admin,
        Err(not_admin) => return Ok(not_admin.into_response()),
    };
    csrf::verify(&headers, &form.csrf_token)?;
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("event"))?;
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let mut tx = state.db.begin().await?;
    match catalog::delete_event(&mut tx, admin.account.id, id).await {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to("/admin/events?deleted=1").into_response())
        }
        Err(CatalogError::InUse) => {
            let Error::Conflict { message, .. } = Error::from(CatalogError::InUse) else {
                unreachable!("InUse maps to a conflict")
            };
            let page = AdminEventDeletePage {
                chrome: Chrome::new("", viewer_chrome(&viewer)),
                csrf: form.csrf_token.clone(),
                event_id: id.to_string(),
                title: event.title,
                error: Some(message),
            };
            Ok(render_html(StatusCode::CONFLICT, &page))
        }
        Err(err) => Err(Error::from(err).into()),
    }
}
