//! Routes grouped by noun: `events` (the JSON catalog), `orders` (buying), `pages` (HTML for
//! people), `webhooks` (payment providers), `sandbox` (the card sandbox's hosted checkout),
//! `system` (health, metrics, media and static files).

pub mod admin;
pub mod auth;
pub mod events;
pub mod orders;
pub mod pages;
pub mod sandbox;
pub mod system;
pub mod tickets;
pub mod webhooks;

use serde::Deserialize;
use tessera_core::catalog::{Cursor, EventFilter, FieldError, Limit, RawFilter};

use crate::error::Error;

/// The catalog's query parameters as the OpenAPI document describes them (the server reads
/// them as `RawFilter`, all text). Each may also be sent empty, which is the same as leaving it
/// out: the pages' filter forms submit every field, filled or not, and the JSON routes read the
/// query string the same way. So the schemas are strings whose patterns allow the empty value.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Only documents.
pub(crate) struct CatalogQuery {
    /// City name; case and accents do not matter (`krakow` finds Kraków).
    #[param(example = "Lisbon")]
    city: Option<String>,
    /// A neighbourhood of the city (see `/cities/{city}`); case and accents do not matter.
    #[param(example = "Mouraria")]
    neighbourhood: Option<String>,
    /// One of festival, concert, comedy, theatre, food, workshop, tour, exhibition, market, dance;
    /// empty for any.
    #[param(
        pattern = r"^(festival|concert|comedy|theatre|food|workshop|tour|exhibition|market|dance)?$",
        example = "concert"
    )]
    category: Option<String>,
    /// Events still on at or after the start of this date, `YYYY-MM-DD` (in each event's own
    /// time zone); empty for no bound.
    #[param(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$", example = "2026-12-01")]
    from: Option<String>,
    /// Events starting before the end of this date, `YYYY-MM-DD` (in each event's own time
    /// zone); empty for no bound.
    #[param(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?$", example = "2026-12-31")]
    to: Option<String>,
    /// Highest price of the cheapest ticket, in major units of each event's own currency
    /// (`25` or `25.50`); empty for no cap.
    #[param(pattern = r"^([0-9]{1,12}(\.[0-9]{0,4})?)?$", example = "25")]
    max_price: Option<String>,
    /// Page size, 1 to 100 (default 20). Empty is also the default; the schema stays an
    /// integer for clients that type it.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 20)]
    limit: Option<String>,
    /// The `next_cursor` of the previous page.
    cursor: Option<String>,
    /// A place, `lat,lng` in degrees: only events within `radius_km` of it, each with its
    /// `distance_km`; empty for anywhere.
    #[param(
        pattern = r"^(-?(90(\.0+)?|[0-8]?[0-9](\.[0-9]+)?),-?(180(\.0+)?|(1[0-7][0-9]|[0-9]{1,2})(\.[0-9]+)?))?$",
        example = "38.7139,-9.1334"
    )]
    near: Option<String>,
    /// How far from `near`, in kilometres: 0.1 to 20016, half the Earth round (default 25).
    /// Only with `near`.
    #[param(pattern = r"^(20000(\.0+)?|[1-9][0-9]{0,3}(\.[0-9]+)?|0\.[1-9][0-9]*)?$", example = "10")]
    radius_km: Option<String>,
    /// `distance`: nearest first (only with `near`); empty: soonest first, or best match first
    /// when searching.
    #[param(pattern = r"^(distance)?$", example = "distance")]
    sort: Option<String>,
}

// Fails to compile when the filter the server reads gains or loses a field.
const _: fn(RawFilter) = |RawFilter {
                              city: _,
                              neighbourhood: _,
                              category: _,
                              from: _,
                              to: _,
                              max_price: _,
                              limit: _,
                              cursor: _,
                              near: _,
                              radius_km: _,
                              sort: _,
                          }| {};

#[derive(Deserialize)]
struct CatalogParams {
    q: Option<String>,
    #[serde(flatten)]
    filter: RawFilter,
}

/// The catalog parameters of a query string: the raw filter and the search words. Unknown
/// parameters are ignored; a malformed query string, a NUL character or an over-long query is
/// a 400 like any other bad parameter.
pub(crate) fn catalog_params(raw_query: Option<&str>) -> Result<(RawFilter, String), Error> {
    let CatalogParams { q, filter } = serde_urlencoded::from_str(raw_query.unwrap_or("")).map_err(|err| {
        FieldError::new(
            "query",
            tessera_i18n::t_args("error-unreadable-query", [("why", err.to_string().into())]),
        )
    })?;
    let q = q.unwrap_or_default();
    for (field, value) in [
        ("q", Some(&q)),
        ("city", filter.city.as_ref()),
        ("neighbourhood", filter.neighbourhood.as_ref()),
        ("category", filter.category.as_ref()),
        ("from", filter.from.as_ref()),
        ("to", filter.to.as_ref()),
        ("max_price", filter.max_price.as_ref()),
        ("limit", filter.limit.as_ref()),
        ("cursor", filter.cursor.as_ref()),
        ("near", filter.near.as_ref()),
        ("radius_km", filter.radius_km.as_ref()),
        ("sort", filter.sort.as_ref()),
    ] {
        if value.is_some_and(|value| value.contains('\0')) {
            return Err(FieldError::new(field, tessera_i18n::t("error-no-nul")).into());
        }
    }
    if q.chars().count() > 200 {
        return Err(FieldError::new(
            "q",
            tessera_i18n::t_args("error-max-characters", [("max", 200.into())]),
        )
        .into());
    }
    Ok((filter, q))
}

/// What a catalog request asks for, parsed.
pub(crate) struct CatalogRequest {
    pub filter: EventFilter,
    pub limit: Limit,
    pub cursor: Option<Cursor>,
}

/// Parses the filter, page size and cursor. A listing cursor walks start times and a search
/// cursor counts ranked results: each is refused by the other kind of query.
pub(crate) fn parse_catalog(
    raw: &RawFilter,
    q: &str,
    default_limit: Limit,
) -> Result<CatalogRequest, FieldError> {
    let filter = EventFilter::parse(raw)?;
    let limit = match raw.limit.as_deref() {
        Some(_) => Limit::parse(raw.limit.as_deref())?,
        None => default_limit,
    };
    let cursor = Cursor::parse(raw.cursor.as_deref())?;
    // A search, or nearest first, counts its way through; a listing by time walks start times.
    let counted = !q.trim().is_empty() || filter.by_distance;
    match (cursor, counted) {
        (Some(Cursor::Offset(_)), false) | (Some(Cursor::After { .. }), true) => {
            Err(FieldError::new("cursor", tessera_i18n::t("error-cursor-other-query")))
        }
        _ => Ok(CatalogRequest { filter, limit, cursor }),
    }
}
