use axum::Json;
use axum::extract::{RawQuery, State};
use serde::Serialize;
use tessera_core::catalog::{self, Limit};
use utoipa::ToSchema;

use super::LocalizedEvent;
use crate::error::{ErrorBody, Result};
use crate::routes::{CatalogQuery, CatalogRequest, catalog_params, parse_catalog};
use crate::state::AppState;

/// A page of events.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventList {
    #[schema(value_type = Vec<crate::schemas::catalog::Event>)]
    pub events: Vec<LocalizedEvent>,
    /// Pass back as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Upcoming events, soonest first.
///
/// Published events that have not ended yet, filtered and paginated with a cursor.
#[utoipa::path(
    get,
    path = "/api/events",
    tag = "catalog",
    params(CatalogQuery),
    responses(
        (status = 200, description = "A page of events", body = EventList),
        (status = 400, description = "A parameter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn list_events(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Json<EventList>> {
    let (raw, _) = catalog_params(query.as_deref())?;
    let CatalogRequest { filter, limit, cursor } = parse_catalog(&raw, "", Limit::DEFAULT)?;
    let page = catalog::list_upcoming(&state.db, &filter, limit, cursor).await?;
    let events = page.events.into_iter().map(LocalizedEvent::new).collect();
    Ok(Json(EventList { events, next_cursor: page.next_cursor.map(|cursor| cursor.encode()) }))
}
