use axum::Json;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse as _, Response};
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
pub async fn search_get(state: State<AppState>, query: RawQuery) -> Result<Response> {
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
pub async fn search_post(state: State<AppState>, query: RawQuery) -> Result<Response> {
    run(state, query).await
}

async fn run(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Response> {
    let (raw, q) = catalog_params(query.as_deref())?;
    let CatalogRequest { filter, limit, cursor } = parse_catalog(&raw, &q, Limit::DEFAULT)?;
    let first_page = cursor.is_none();
    let page =
        tessera_core::search::search_hits(state.search.as_ref(), &state.db, &q, &filter, limit, cursor)
            .await?;
    // Counted on its first page (anonymously: the JSON search takes no session).
    let note = first_page.then(|| {
        // More than a page: "10 or more", whatever the page's size.
        let found = if page.next_cursor.is_some() { 10 } else { page.hits.len() };
        crate::demand::Note::search(&q, raw.city.as_deref(), raw.category.as_deref(), found, None)
    });
    let response = write_results(&q, &page).into_response();
    Ok(match note {
        Some(note) => note.attach(response),
        None => response,
    })
}

/// [`SearchResults`] as JSON, each event written from the index without being copied (see
/// [`LocalizedEvent::write_hit`]).
fn write_results(q: &str, page: &tessera_core::search::Hits) -> Response {
    /// SearchResults' members but its events.
    #[derive(Serialize)]
    struct Around<'a> {
        query: &'a str,
        corrected_query: Option<&'a str>,
        next_cursor: Option<String>,
    }
    let mut body = Vec::with_capacity(1024 + page.hits.len() * 4096);
    let around = Around {
        query: q,
        corrected_query: page.corrected_query.as_deref(),
        next_cursor: page.next_cursor.map(|cursor| cursor.encode()),
    };
    let written = serde_json::to_writer(&mut body, &around).and_then(|()| {
        body.pop(); // the closing brace: the events follow
        body.extend_from_slice(br#","events":["#);
        for (i, hit) in page.hits.iter().enumerate() {
            if i > 0 {
                body.push(b',');
            }
            LocalizedEvent::write_hit(hit, &mut body)?;
        }
        body.extend_from_slice(b"]}");
        Ok(())
    });
    match written {
        Ok(()) => ([(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(err) => crate::error::Error::Internal(err.into()).into_response(),
    }
}

/// What the search box offers while typing.
#[derive(Debug, Serialize, ToSchema)]
pub struct Suggestions {
    /// The text as received.
    pub query: String,
    /// The best matching upcoming events, at most five (the last word completed as typed).
    pub events: Vec<SuggestedEvent>,
    /// Cities with upcoming events whose name starts with the text, at most three.
    pub cities: Vec<SuggestedCity>,
    /// Categories whose name, in any language the interface speaks, starts with the text, at
    /// most three.
    pub categories: Vec<SuggestedCategory>,
}

/// An event in the suggestions: enough to show and open it.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedEvent {
    pub id: uuid::Uuid,
    pub slug: String,
    /// In the request's language when translated, else the original.
    pub title: String,
    /// The language `title` is written in.
    pub title_language: String,
    pub city: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// IANA zone of the venue.
    pub timezone: String,
    /// Distance from `near`, in km, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// The event's page.
    #[schema(example = "/events/noite-de-fado-na-mouraria")]
    pub url: String,
    /// Where and when, in the request's language: `Lisbon · Sat, Dec 5, 9:30 PM`.
    pub hint: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedCity {
    pub name: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    /// Upcoming events in the city.
    pub events: usize,
    /// The city's events.
    #[schema(example = "/cities/lisbon")]
    pub url: String,
    /// The country and the number of events, in the request's language: `Portugal · 12 events`.
    pub hint: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestedCategory {
    #[schema(value_type = String, example = "concert")]
    pub category: catalog::Category,
    /// The category's name in the request's language.
    pub label: String,
    /// Upcoming events of the category.
    pub events: usize,
    /// The category's events.
    #[schema(example = "/search?category=concert")]
    pub url: String,
    /// The number of events, in the request's language: `20 events`.
    pub hint: String,
}

/// Suggestions for a search box.
///
/// For the text typed so far (`q`, a prefix: `lisb`, `fad`): the top upcoming events, the
/// cities and the categories it could be the start of. Takes the catalog's filters too
/// (`near`, `city`…), which narrow the events. An empty `q` suggests nothing.
#[utoipa::path(
    get,
    path = "/api/search/suggest",
    tag = "catalog",
    params(("q" = Option<String>, Query, description = "What has been typed, at most 200 characters"), CatalogQuery),
    responses(
        (status = 200, description = "Suggestions", body = Suggestions),
        (status = 400, description = "A parameter is invalid; `field` names it", body = ErrorBody),
    )
)]
pub async fn suggest(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<Suggestions>> {
    let (raw, q) = catalog_params(query.as_deref())?;
    let CatalogRequest { filter, .. } = parse_catalog(&raw, &q, Limit::DEFAULT)?;
    let found = tessera_core::search::suggest(state.search.as_ref(), &state.db, &q, &filter).await?;
    let locale = tessera_i18n::current();
    let count = |events: usize| tessera_i18n::t_args("suggest-events-count", [("count", events.into())]);
    let query_value = |key: &str, value: &str| {
        format!("/search?{}", serde_urlencoded::to_string([(key, value)]).unwrap_or_default())
    };
    Ok(Json(Suggestions {
        query: q,
        events: found
            .events
            .into_iter()
            .map(|event| {
                let url = format!("/events/{}", event.slug);
                let when = tessera_i18n::format::instant(
                    locale,
                    event.starts_at,
                    &event.timezone,
                    tessera_i18n::format::Style::DayTime,
                );
                let hint = format!("{} · {when}", event.city);
                let localized = LocalizedEvent::new(event);
                SuggestedEvent {
                    hint,
                    id: localized.event.id,
                    slug: localized.event.slug,
                    title: localized.event.title,
                    title_language: localized.text_language,
                    city: localized.event.city,
                    starts_at: localized.event.starts_at,
                    timezone: localized.event.timezone,
                    distance_km: localized.event.distance_km,
                    url,
                }
            })
            .collect(),
        cities: found
            .cities
            .into_iter()
            .map(|(name, country, events)| SuggestedCity {
                url: crate::routes::pages::city::city_href(&name),
                hint: format!(
                    "{} · {}",
                    tessera_i18n::format::country(locale, &country).unwrap_or_else(|| country.clone()),
                    count(events)
                ),
                name,
                country,
                events,
            })
            .collect(),
        categories: found
            .categories
            .into_iter()
            .map(|(category, events)| SuggestedCategory {
                url: query_value("category", category.as_str()),
                hint: count(events),
                label: tessera_web::view::category_label(category),
                category,
                events,
            })
            .collect(),
    }))
}
