use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::catalog;
use tessera_web::pages::{Chrome, SearchPage};
use tessera_web::view::EventCard;

use super::account::viewer_chrome;
use super::{PAGE_SIZE, filter_form, map_toggle_href, pager_links, results_map, wants_map, with_map};
use crate::error::{PageError, render_html};
use crate::routes::{CatalogRequest, catalog_params, parse_catalog};
use crate::state::AppState;

/// `GET /search?q=...`: search results as cards, with the same filters as the home page.
pub async fn search(
    State(state): State<AppState>,
    viewer: crate::auth::Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let (raw, q) = catalog_params(query.as_deref())?;
    let q = q.trim().to_string();
    let cities = catalog::cities(&state.db, raw.city.as_deref()).await?;
    let mut filters = filter_form("/search", &raw, &q, &cities);

    let CatalogRequest { filter, limit, cursor } = match parse_catalog(&raw, &q, PAGE_SIZE) {
        Ok(parsed) => parsed,
        Err(err) => {
            filters.error = Some((err.field.to_string(), err.message));
            let tell_me = tell_me_href(&q, &raw);
            let page = SearchPage {
                chrome: Chrome::new(q.clone(), viewer_chrome(&viewer)),
                filters,
                q,
                corrected_query: None,
                events: Vec::new(),
                map: None,
                map_toggle_href: None,
                next_href: None,
                first_href: None,
                tell_me_href: tell_me,
            };
            return Ok(render_html(StatusCode::BAD_REQUEST, &page));
        }
    };

    let first_page = cursor.is_none();
    let results =
        tessera_core::search::search(state.search.as_ref(), &state.db, &q, &filter, limit, cursor).await?;
    // A search is counted on its first page; the next pages are the same search.
    let note = first_page.then(|| {
        crate::demand::Note::search(
            &q,
            raw.city.as_deref(),
            raw.category.as_deref(),
            // More than a page: "10 or more", whatever the page's size.
            if results.next_cursor.is_some() { 10 } else { results.events.len() },
            viewer.0.as_ref().map(|signed_in| signed_in.account.id),
        )
    });
    let (first_href, next_href) = pager_links("/search", &raw, Some(&q), results.next_cursor);
    // The map stays shown from page to page.
    let show_map = wants_map(query.as_deref());
    let (first_href, next_href) =
        if show_map { (first_href.map(with_map), next_href.map(with_map)) } else { (first_href, next_href) };
    let toggle = (!results.events.is_empty()).then(|| map_toggle_href("/search", &raw, Some(&q), !show_map));
    let tell_me = tell_me_href(&q, &raw);
    let response = render_html(
        StatusCode::OK,
        &SearchPage {
            chrome: Chrome::new(q.clone(), viewer_chrome(&viewer)),
            filters,
            q,
            corrected_query: results.corrected_query,
            map: show_map.then(|| results_map(&state, &results.events)).flatten(),
            map_toggle_href: toggle,
            events: results.events.iter().map(EventCard::new).collect(),
            next_href,
            first_href,
            tell_me_href: tell_me,
        },
    );
    Ok(match note {
        Some(note) => note.attach(response),
        None => response,
    })
}

/// The "tell me when" page for a search: its words, city and category.
fn tell_me_href(q: &str, raw: &catalog::RawFilter) -> String {
    let pairs: Vec<(&str, &str)> =
        [("q", Some(q)), ("city", raw.city.as_deref()), ("category", raw.category.as_deref())]
            .into_iter()
            .filter_map(|(key, value)| value.map(str::trim).filter(|v| !v.is_empty()).map(|v| (key, v)))
            .collect();
    format!("/interests?{}", serde_urlencoded::to_string(pairs).unwrap_or_default())
}
