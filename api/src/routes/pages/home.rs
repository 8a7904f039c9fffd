use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::catalog;
use tessera_web::pages::{Chrome, HomePage};
use tessera_web::view::EventCard;

use super::account::viewer_chrome;
use super::{PAGE_SIZE, filter_form, map_toggle_href, pager_links, results_map, wants_map, with_map};
use crate::error::{PageError, render_html};
use crate::routes::{CatalogRequest, catalog_params, parse_catalog};
use crate::state::AppState;

/// `GET /`: upcoming events as cards, filterable by city, category, dates and price.
pub async fn home(
    State(state): State<AppState>,
    viewer: crate::auth::Viewer,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let (raw, _) = catalog_params(query.as_deref())?;
    let cities = catalog::cities(&state.db, raw.city.as_deref()).await?;
    let mut filters = filter_form("/", &raw, "", &cities);

    let CatalogRequest { filter, limit, cursor } = match parse_catalog(&raw, "", PAGE_SIZE) {
        Ok(parsed) => parsed,
        Err(err) => {
            filters.error = Some((err.field.to_string(), err.message));
            let page = HomePage {
                chrome: Chrome::new("", viewer_chrome(&viewer)),
                filters,
                events: Vec::new(),
                map: None,
                map_toggle_href: None,
                next_href: None,
                first_href: None,
                filtered: true,
            };
            return Ok(render_html(StatusCode::BAD_REQUEST, &page));
        }
    };

    let page = catalog::list_upcoming(&state.db, &filter, limit, cursor).await?;
    let (first_href, next_href) = pager_links("/", &raw, None, page.next_cursor);
    // The map stays shown from page to page.
    let show_map = wants_map(query.as_deref());
    let (first_href, next_href) =
        if show_map { (first_href.map(with_map), next_href.map(with_map)) } else { (first_href, next_href) };
    Ok(render_html(
        StatusCode::OK,
        &HomePage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            filters,
            map: show_map.then(|| results_map(&state, &page.events)).flatten(),
            map_toggle_href: (!page.events.is_empty()).then(|| map_toggle_href("/", &raw, None, !show_map)),
            events: page.events.iter().map(EventCard::new).collect(),
            next_href,
            first_href,
            filtered: !filter.is_empty(),
        },
    ))
}
