use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::catalog;
use tessera_web::pages::{Chrome, EventPage};
use tessera_web::view::EventDetail;

use super::account::viewer_chrome;
use crate::error::{Error, PageError, render_html};
use crate::state::AppState;

#[derive(Debug, serde::Deserialize)]
pub struct EventQuery {
    /// `1`: the event as the organiser wrote it, even when it is translated into the reader's
    /// language.
    original: Option<String>,
}

/// `GET /events/{slug}`: the event's page, with times in its own time zone.
pub async fn event(
    State(state): State<AppState>,
    viewer: crate::auth::Viewer,
    Path(slug): Path<String>,
    Query(query): Query<EventQuery>,
) -> Result<Response, PageError> {
    // Only what could be a slug reaches the database.
    let plausible =
        slug.len() <= 120 && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plausible {
        return Err(Error::NotFound("event").into());
    }
    let event = catalog::event_by_slug(&state.db, &slug).await?.ok_or(Error::NotFound("event"))?;
    Ok(render_html(
        StatusCode::OK,
        &EventPage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            event: EventDetail::new(&event, chrono::Utc::now(), query.original.as_deref() == Some("1")),
        },
    ))
}
