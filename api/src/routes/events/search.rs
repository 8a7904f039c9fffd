use axum::Json;
use axum::extract::{RawQuery, State};
use serde::Serialize;
use tessera_core::catalog::{self, Limit};
use utoipa::ToSchema;

use super::LocalizedEvent;
use crate::error::{ErrorBody, Result};
use crate::routes::{CatalogQuery, CatalogRequest, catalog_params, parse_catalog};
use crate::state::AppState;

/// A page of search results, best match first.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResults {
    /// The query as received.
    pub query: String,
    /// The query actually run, when a misspelt word was corrected; null otherwise.
    pub corrected_query: Option<String>,
    #[schema(value_type = Vec<crate::schemas::catalog::Event>)]
    pub events: Vec<LocalizedEvent>,
    /// Pass back as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Search upcoming events.
///
/// Full-text search over titles (ranked highest), venues, cities, tags and descriptions,
/// ignoring case and accents and tolerating a typo in words of five letters or more.
/// An empty `q` lists upcoming events like `/api/events`. Takes the same filters.
#[utoipa::path(
    get,
    path = "/api/search",
    tag = "catalog",
    params(("q" = Option<String>, Query, description = "Words to find, at most 200 characters"), CatalogQuery),
    responses(
        (status = 200, description = "Matching events", body = SearchResults),
        (status = 400, description = "A parameter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn search_get(state: State<AppState>, query: RawQuery) -> Result<Json<SearchResults>> {
    run(state, query).await
}

/// Search upcoming events (the product brief's form).
///
/// The same as `GET /api/search`, with the parameters in the query string.
#[utoipa::path(
    post,
    path = "/api/search",
    tag = "catalog",
    params(("q" = Option<String>, Query, description = "Words to find, at most 200 characters"), CatalogQuery),
    responses(
        (status = 200, description = "Matching events", body = SearchResults),
        (status = 400, description = "A parameter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn search_post(state: State<AppState>, query: RawQuery) -> Result<Json<SearchResults>> {
    run(state, query).await
}

async fn run(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<SearchResults>> {
    let (raw, q) = catalog_params(query.as_deref())?;
    let CatalogRequest { filter, limit, cursor } = parse_catalog(&raw, &q, Limit::DEFAULT)?;
    let page = catalog::search(&state.db, &q, &filter, limit, cursor).await?;
    Ok(Json(SearchResults {
        query: q,
        corrected_query: page.corrected_query,
        events: page.events.into_iter().map(LocalizedEvent::new).collect(),
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    }))
}
