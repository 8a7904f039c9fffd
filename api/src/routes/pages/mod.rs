//! Server-rendered pages for people. They read the same catalog as the JSON API and work
//! without JavaScript.

pub mod account;
pub mod admin;
pub mod buy;
pub mod city;
pub mod event;
pub mod home;
pub mod order;
pub mod search;

use tessera_core::catalog::{Category, City, Cursor, RawFilter};
use tessera_web::pages::{Choice, FilterForm};

/// The filter form as the visitor left it, with menus built from the live city list.
pub(crate) fn filter_form(action: &'static str, raw: &RawFilter, q: &str, cities: &[City]) -> FilterForm {
    let chosen_category = raw.category.as_deref().unwrap_or("");
    FilterForm {
        action,
        q: q.to_string(),
        cities: cities
            .iter()
            .map(|city| Choice {
                value: city.name.clone(),
                label: format!("{} ({})", city.name, city.events),
                selected: city.selected,
            })
            .collect(),
        categories: Category::ALL
            .iter()
            .map(|category| Choice {
                value: category.as_str().to_string(),
                label: tessera_web::view::category_label(*category),
                selected: category.as_str() == chosen_category,
            })
            .collect(),
        from: raw.from.clone().unwrap_or_default(),
        to: raw.to.clone().unwrap_or_default(),
        max_price: raw.max_price.clone().unwrap_or_default(),
        kept: [
            ("neighbourhood", &raw.neighbourhood),
            ("near", &raw.near),
            ("radius_km", &raw.radius_km),
            ("sort", &raw.sort),
        ]
        .into_iter()
        .filter_map(|(name, value)| Some((name, value.clone().filter(|v| !v.trim().is_empty())?)))
        .collect(),
        anywhere_href: raw.near.as_deref().filter(|near| !near.trim().is_empty()).map(|_| {
            let anywhere = RawFilter { near: None, radius_km: None, sort: None, cursor: None, ..raw.clone() };
            catalog_href(action, &anywhere, Some(q), None)
        }),
        error: None,
    }
}

/// Links to the first and the next page, keeping every other parameter.
pub(crate) fn pager_links(
    path: &str,
    raw: &RawFilter,
    q: Option<&str>,
    next: Option<Cursor>,
) -> (Option<String>, Option<String>) {
    let first = raw.cursor.as_deref().filter(|c| !c.is_empty()).map(|_| catalog_href(path, raw, q, None));
    let next = next.map(|cursor| catalog_href(path, raw, q, Some(&cursor.encode())));
    (first, next)
}

/// `path` with the search words and every filter of `raw` that is set, and `cursor`.
fn catalog_href(path: &str, raw: &RawFilter, q: Option<&str>, cursor: Option<&str>) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if let Some(q) = q.filter(|q| !q.is_empty()) {
        pairs.push(("q", q));
    }
    for (key, value) in [
        ("city", &raw.city),
        ("neighbourhood", &raw.neighbourhood),
        ("category", &raw.category),
        ("from", &raw.from),
        ("to", &raw.to),
        ("max_price", &raw.max_price),
        ("near", &raw.near),
        ("radius_km", &raw.radius_km),
        ("sort", &raw.sort),
        ("limit", &raw.limit),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            pairs.push((key, value));
        }
    }
    if let Some(cursor) = cursor {
        pairs.push(("cursor", cursor));
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    if query.is_empty() { path.to_string() } else { format!("{path}?{query}") }
}

/// Whether the query asks for the results on a map (`view=map`). Maps are drawn only when
/// asked (or on city pages), so a plain listing loads nothing from the tile server.
pub(crate) fn wants_map(query: Option<&str>) -> bool {
    query.is_some_and(|query| query.split('&').any(|pair| pair == "view=map"))
}

/// The same page with the map shown (`open`) or not.
pub(crate) fn map_toggle_href(path: &str, raw: &RawFilter, q: Option<&str>, open: bool) -> String {
    let href = catalog_href(path, raw, q, raw.cursor.as_deref().filter(|c| !c.is_empty()));
    if open { with_map(href) } else { href }
}

/// `href` with the map shown.
pub(crate) fn with_map(href: String) -> String {
    let separator = if href.contains('?') { '&' } else { '?' };
    format!("{href}{separator}view=map")
}

/// The events on a map, with the configured tiles (see `tessera_web::map`).
pub(crate) fn results_map(
    state: &crate::state::AppState,
    events: &[tessera_core::catalog::Event],
) -> Option<tessera_web::map::MapView> {
    let points: Vec<tessera_web::map::MapPoint> = events
        .iter()
        .map(|event| tessera_web::map::MapPoint {
            latitude: event.latitude,
            longitude: event.longitude,
            title: tessera_web::view::EventCard::new(event).title,
            href: format!("/events/{}", event.slug),
        })
        .collect();
    tessera_web::map::MapView::fit(&points, state.map_tiles.as_ref())
}

/// Cards per page: fills rows of 2, 3 and 4 columns.
pub(crate) const PAGE_SIZE: tessera_core::catalog::Limit = tessera_core::catalog::Limit::new_const(12);
