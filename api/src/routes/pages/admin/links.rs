//! `/admin/events/{id}/links`: an event's tracking links, made and removed by its organisers.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::demand::tracking::{self, TrackingError};
use tessera_i18n::format::{Style, instant};
use tessera_i18n::{current, t};
use tessera_web::pages::{AdminLinksPage, Chrome, LinkView};
use uuid::Uuid;

use super::viewer_chrome;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::{AdminPage, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::extract::{EventNoun, PageId};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct LinksQuery {
    done: Option<String>,
}

/// The form as typed, and what was wrong with it.
#[derive(Default)]
struct Typed {
    source: String,
    medium: String,
    campaign: String,
    error: Option<(String, String)>,
}

/// `GET /admin/events/{id}/links`.
pub async fn links(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<EventNoun>,
    Query(query): Query<LinksQuery>,
) -> Result<Response, PageError> {
    let notice = match query.done.as_deref() {
        Some("added") => Some(t("links-added")),
        Some("removed") => Some(t("links-removed")),
        _ => None,
    };
    let page = page(&state, &admin.viewer(), &csrf.token, id, Typed::default(), notice).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

/// `POST /admin/events/{id}/links`: makes a link.
pub async fn create_link(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<EventNoun>,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let field = |name: &str| fields.get(name).map(|v| v.trim().to_string()).unwrap_or_default();
    let typed =
        Typed { source: field("source"), medium: field("medium"), campaign: field("campaign"), error: None };
    let refused = |field: &str, message: String| Some((t(&format!("links-{field}")), message));
    let error = match tracking::create(
        &state.db,
        id,
        &typed.source,
        &typed.medium,
        &typed.campaign,
        admin.account_id(),
    )
    .await
    {
        Ok(_) => return Ok(Redirect::to(&format!("/admin/events/{id}/links?done=added")).into_response()),
        Err(TrackingError::NoEvent) => return Err(Error::NotFound("event").into()),
        Err(TrackingError::Database(err)) => return Err(Error::Database(err).into()),
        Err(TrackingError::Invalid(err)) => refused(&err.field, err.message),
        Err(TrackingError::Exists) => refused("campaign", t("error-link-exists")),
    };
    let page = page(&state, &admin.viewer(), &csrf.token, id, Typed { error, ..typed }, None).await?;
    Ok(csrf.attach(render_html(StatusCode::UNPROCESSABLE_ENTITY, &page)))
}

/// `POST /admin/events/{id}/links/remove`: removes the link `link_id`.
pub async fn remove_link(
    State(state): State<AppState>,
    _admin: AdminPage,
    PageId { id, .. }: PageId<EventNoun>,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let link = fields.get("link_id").and_then(|raw| Uuid::try_parse(raw.trim()).ok());
    let removed = match link {
        Some(link) => tracking::delete(&state.db, id, link).await?,
        None => false,
    };
    if !removed {
        return Err(Error::NotFound("link").into());
    }
    Ok(Redirect::to(&format!("/admin/events/{id}/links?done=removed")).into_response())
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &str,
    event_id: Uuid,
    typed: Typed,
    notice: Option<String>,
) -> Result<AdminLinksPage, Error> {
    let event: Option<(String,)> = sqlx::query_as("select title from event where event_id = $1")
        .bind(event_id)
        .fetch_optional(&state.db)
        .await?;
    let Some((event_title,)) = event else { return Err(Error::NotFound("event")) };
    let base = state.config.public_url.as_str().trim_end_matches('/').to_string();
    let links = tracking::list(&state.db, event_id)
        .await?
        .into_iter()
        .map(|link| LinkView {
            url: format!("{base}{}", link.path),
            created: instant(
                current(),
                link.created_at,
                state.config.reporting_time_zone.name(),
                Style::DateTime,
            ),
            delete_action: format!("/admin/events/{event_id}/links/remove"),
            link_id: link.link_id.to_string(),
            source: link.source,
            medium: link.medium,
            campaign: link.campaign,
        })
        .collect();
    Ok(AdminLinksPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        event_title,
        event_href: format!("/admin/events/{event_id}/edit"),
        action: format!("/admin/events/{event_id}/links"),
        links,
        source: typed.source,
        medium: typed.medium,
        campaign: typed.campaign,
        error: typed.error,
        notice,
    })
}
