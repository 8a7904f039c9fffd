use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::catalog::{self, RawFilter};
use tessera_core::search::text::fold;
use tessera_web::pages::{Chrome, CityPage};
use tessera_web::view::EventCard;

use super::account::viewer_chrome;
use super::{PAGE_SIZE, pager_links, results_map};
use crate::error::{Error, PageError, render_html};
use crate::routes::{CatalogRequest, catalog_params, parse_catalog};
use crate::state::AppState;

/// The page of the city named `name` (`Kraków` is `/cities/krakow`).
pub fn city_href(name: &str) -> String {
    format!("/cities/{}", catalog::slugify(name, 80))
}

/// `GET /cities/{city}`: what is on in a city, soonest first, on a map and as cards, with its
/// neighbourhoods (from the events' venues) as filters: `?neighbourhood=Mouraria`.
pub async fn city(
    State(state): State<AppState>,
    viewer: crate::auth::Viewer,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let (asked, _) = catalog_params(query.as_deref())?;
    let cities = catalog::cities(&state.db, None).await?;
    let Some(city) = cities.into_iter().find(|city| catalog::slugify(&city.name, 80) == slug) else {
        return Err(Error::NotFound("city").into());
    };
    let path = city_href(&city.name);
    // The page is the city's: only the neighbourhood and the page are read from the query.
    let own = RawFilter {
        neighbourhood: asked.neighbourhood.clone(),
        cursor: asked.cursor.clone(),
        ..RawFilter::default()
    };
    let raw = RawFilter { city: Some(city.name.clone()), ..own.clone() };
    let CatalogRequest { filter, limit, cursor } = parse_catalog(&raw, "", PAGE_SIZE)?;
    let page = catalog::list_upcoming(&state.db, &filter, limit, cursor).await?;
    let chosen = filter.neighbourhood.as_deref().map(fold);

    let mut neighbourhoods =
        vec![(tessera_i18n::t("city-all-neighbourhoods"), path.clone(), chosen.is_none())];
    for (name, events) in catalog::neighbourhoods(&state.db, &city.name).await? {
        let query = serde_urlencoded::to_string([("neighbourhood", name.as_str())]).unwrap_or_default();
        let is_chosen = chosen.as_deref() == Some(fold(&name).as_str());
        neighbourhoods.push((format!("{name} ({events})"), format!("{path}?{query}"), is_chosen));
    }
    let country = tessera_i18n::format::country(tessera_i18n::current(), &city.country)
        .unwrap_or_else(|| city.country.clone());
    let intro = tessera_i18n::t_args(
        "city-intro",
        [("count", city.events.into()), ("city", city.name.clone().into()), ("country", country.into())],
    );
    let (first_href, next_href) = pager_links(&path, &own, None, page.next_cursor);
    Ok(render_html(
        StatusCode::OK,
        &CityPage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            intro,
            neighbourhoods,
            map: results_map(&state, &page.events),
            map_toggle_href: None,
            events: page.events.iter().map(EventCard::new).collect(),
            city: city.name,
            next_href,
            first_href,
        },
    ))
}
