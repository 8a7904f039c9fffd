//! Parsing what people ask the catalog for: filters, page size and cursor. Parse, don't
//! validate: once an [`EventFilter`] exists, every part of it is usable as is.

use std::borrow::Cow;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Datelike as _, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::Category;

/// A parameter that could not be used, with the name of the field to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    /// The parameter or body field, e.g. `category` or `ticket_types[1].price_minor`.
    pub field: Cow<'static, str>,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<Cow<'static, str>>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }

    /// The same error about a field inside `parent` (`ticket_types[1]` + `name`).
    pub fn within(self, parent: &str) -> Self {
        Self { field: format!("{parent}.{}", self.field).into(), message: self.message }
    }
}

/// The catalog's query parameters exactly as they arrived (query string or form), all text;
/// [`EventFilter::parse`], [`Limit::parse`] and [`Cursor::parse`] make sense of them. The API
/// documents what each must parse as (`tessera_api::schemas::catalog::RawFilter`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawFilter {
    /// City name; case and accents do not matter (`krakow` finds Kraków).
    pub city: Option<String>,
    /// A neighbourhood of the city (`Mouraria`), compared like the city.
    pub neighbourhood: Option<String>,
    /// One of festival, concert, comedy, theatre, food, workshop, tour, exhibition, market, dance.
    pub category: Option<String>,
    /// Events still on at or after the start of this date (in each event's own time zone).
    pub from: Option<String>,
    /// Events starting before the end of this date (in each event's own time zone).
    pub to: Option<String>,
    /// Highest price of the cheapest ticket, in major units of each event's own currency
    /// (`25` or `25.50`).
    pub max_price: Option<String>,
    /// Page size, 1 to 100 (default 20).
    pub limit: Option<String>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// A place, `lat,lng` in degrees (`38.7139,-9.1334`): only events within `radius_km` of it,
    /// each with its distance.
    pub near: Option<String>,
    /// How far from `near`, in kilometres (default 25, at most 20,000).
    pub radius_km: Option<String>,
    /// `distance`: nearest first (needs `near`); else soonest first (best match first when
    /// searching).
    pub sort: Option<String>,
}

/// Which upcoming published events to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// City name, compared without case or accents ("krakow" is "Kraków").
    pub city: Option<String>,
    /// Neighbourhood name, compared like the city.
    pub neighbourhood: Option<String>,
    pub category: Option<Category>,
    /// Events still running after the start of this local date (in the event's time zone).
    pub from: Option<NaiveDate>,
    /// Events starting before the end of this local date (in the event's time zone).
    pub to: Option<NaiveDate>,
    pub max_price: Option<PriceCap>,
    /// Within a distance of a place.
    pub near: Option<Near>,
    /// Nearest first (only with `near`).
    pub by_distance: bool,
}

/// A place and a distance around it, kept in whole millionths of a degree and metres so a
/// filter compares (and caches) exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Near {
    pub lat_e6: i32,
    pub lng_e6: i32,
    pub radius_m: u32,
}

impl Near {
    /// Without `radius_km`, 25 km: a city and its surroundings.
    pub const DEFAULT_RADIUS_M: u32 = 25_000;
    /// Half the Earth's circumference (on the sphere the distance is measured on): everywhere.
    pub const MAX_RADIUS_M: u32 = 20_016_000;

    pub fn latitude(self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    pub fn longitude(self) -> f64 {
        f64::from(self.lng_e6) / 1e6
    }

    pub fn radius_km(self) -> f64 {
        f64::from(self.radius_m) / 1000.0
    }

    fn parse(near: &str, radius_km: Option<&str>) -> Result<Self, FieldError> {
        let coordinate = |text: &str, limit: f64| {
            text.trim().parse::<f64>().ok().filter(|value| value.is_finite() && value.abs() <= limit)
        };
        let (lat, lng) = near
            .split_once(',')
            .and_then(|(lat, lng)| Some((coordinate(lat, 90.0)?, coordinate(lng, 180.0)?)))
            .ok_or_else(|| {
                FieldError::new(
                    "near",
                    tessera_i18n::t_args("error-not-a-place", [("value", format!("{near:?}").into())]),
                )
            })?;
        let radius_m = match radius_km {
            None => Self::DEFAULT_RADIUS_M,
            Some(raw) => raw
                .parse::<f64>()
                .ok()
                .filter(|km| km.is_finite() && (0.1..=f64::from(Self::MAX_RADIUS_M) / 1000.0).contains(km))
                .map(|km| (km * 1000.0).round() as u32)
                .ok_or_else(|| {
                    FieldError::new(
                        "radius_km",
                        tessera_i18n::t_args("error-not-a-radius", [("value", format!("{raw:?}").into())]),
                    )
                })?,
        };
        Ok(Near { lat_e6: (lat * 1e6).round() as i32, lng_e6: (lng * 1e6).round() as i32, radius_m })
    }
}

impl EventFilter {
    pub fn parse(raw: &RawFilter) -> Result<Self, FieldError> {
        let city = non_empty(&raw.city).map(|city| {
            if city.chars().count() > 100 {
                Err(FieldError::new(
                    "city",
                    tessera_i18n::t_args("error-max-characters", [("max", 100.into())]),
                ))
            } else {
                Ok(city.to_string())
            }
        });
        let neighbourhood = non_empty(&raw.neighbourhood).map(|neighbourhood| {
            if neighbourhood.chars().count() > 100 {
                Err(FieldError::new(
                    "neighbourhood",
                    tessera_i18n::t_args("error-max-characters", [("max", 100.into())]),
                ))
            } else {
                Ok(neighbourhood.to_string())
            }
        });
        let category = non_empty(&raw.category).map(|category| {
            category.parse::<Category>().map_err(|_| {
                let known: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
                FieldError::new(
                    "category",
                    tessera_i18n::t_args(
                        "error-unknown-category-named",
                        [("category", format!("{category:?}").into()), ("known", known.join(", ").into())],
                    ),
                )
            })
        });
        let from = non_empty(&raw.from).map(|from| parse_date("from", from));
        let to = non_empty(&raw.to).map(|to| parse_date("to", to));
        let max_price = non_empty(&raw.max_price).map(PriceCap::parse);
        let radius_km = non_empty(&raw.radius_km);
        let near = match non_empty(&raw.near) {
            Some(near) => Some(Near::parse(near, radius_km)?),
            None if radius_km.is_some() => {
                return Err(FieldError::new("radius_km", tessera_i18n::t("error-radius-without-near")));
            }
            None => None,
        };
        let by_distance = match non_empty(&raw.sort) {
            None => false,
            Some("distance") if near.is_some() => true,
            Some("distance") => {
                return Err(FieldError::new("sort", tessera_i18n::t("error-distance-without-near")));
            }
            Some(other) => {
                return Err(FieldError::new(
                    "sort",
                    tessera_i18n::t_args("error-sort", [("value", format!("{other:?}").into())]),
                ));
            }
        };

        let filter = EventFilter {
            city: city.transpose()?,
            neighbourhood: neighbourhood.transpose()?,
            category: category.transpose()?,
            from: from.transpose()?,
            to: to.transpose()?,
            max_price: max_price.transpose()?,
            near,
            by_distance,
        };
        if let (Some(from), Some(to)) = (filter.from, filter.to)
            && from > to
        {
            return Err(FieldError::new(
                "from",
                tessera_i18n::t_args(
                    "error-from-after-to",
                    [("from", from.to_string().into()), ("to", to.to_string().into())],
                ),
            ));
        }
        Ok(filter)
    }

    pub fn is_empty(&self) -> bool {
        *self == EventFilter::default()
    }
}

fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

fn parse_date(field: &'static str, raw: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .ok()
        .filter(|date| (1..=9999).contains(&date.year()) && raw.len() == 10)
        .ok_or_else(|| {
            FieldError::new(
                field,
                tessera_i18n::t_args("error-not-a-date", [("value", format!("{raw:?}").into())]),
            )
        })
}

/// The most a visitor wants to pay for the cheapest ticket, in major units of each event's own
/// currency ("20" is €20.00 for a Lisbon event and ¥20 in Kyoto). Kept as an exact decimal
/// string for the database to compare; it never passes through a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceCap(String);

impl PriceCap {
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let (units, fraction) = raw.split_once('.').unwrap_or((raw, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if units.is_empty() || units.len() > 12 || !digits(units) || fraction.len() > 4 || !digits(fraction) {
            return Err(FieldError::new(
                "max_price",
                tessera_i18n::t_args("error-not-an-amount", [("value", format!("{raw:?}").into())]),
            ));
        }
        Ok(PriceCap(raw.to_string()))
    }

    pub fn as_decimal_str(&self) -> &str {
        &self.0
    }

    /// Whether a price of `price_minor` in a currency with `exponent` decimals is at most the
    /// cap, compared exactly (both scaled to ten-thousandths).
    pub fn admits(&self, price_minor: i64, exponent: u32) -> bool {
        let (units, fraction) = self.0.split_once('.').unwrap_or((&self.0, ""));
        let units: i128 = units.parse().unwrap_or(i128::MAX / 100_000);
        let fraction: i128 = format!("{fraction:0<4}").parse().unwrap_or(0);
        let cap = units * 10_000 + fraction;
        let Some(scale) = 4u32.checked_sub(exponent) else {
            return false;
        };
        i128::from(price_minor) * 10i128.pow(scale) <= cap
    }
}

/// How many results a page holds: 1 to 100, 20 by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit(u16);

impl Limit {
    pub const DEFAULT: Limit = Limit(20);
    pub const MAX: u16 = 100;

    pub fn parse(raw: Option<&str>) -> Result<Self, FieldError> {
        let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else {
            return Ok(Limit::DEFAULT);
        };
        match raw.parse::<u16>() {
            Ok(n) if (1..=Self::MAX).contains(&n) => Ok(Limit(n)),
            _ => Err(FieldError::new(
                "limit",
                tessera_i18n::t_args("error-not-a-limit", [("value", format!("{raw:?}").into())]),
            )),
        }
    }

    /// A limit known at compile time; panics (at compile time in a const) outside 1..=100.
    pub const fn new_const(n: u16) -> Self {
        assert!(n >= 1 && n <= Self::MAX, "a limit is 1 to 100");
        Limit(n)
    }

    pub fn get(self) -> u16 {
        self.0
    }
}

/// Where the next page starts. Opaque to clients: they pass back the `next_cursor` they got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The listing walks events in start order; the next page starts after this one.
    After { starts_at: DateTime<Utc>, event_id: Uuid },
    /// Search results are ranked; the next page starts at this many results in.
    Offset(u32),
}

impl Cursor {
    pub fn encode(&self) -> String {
        let plain = match self {
            Cursor::After { starts_at, event_id } => {
                format!("a.{}.{}", starts_at.timestamp_micros(), event_id.simple())
            }
            Cursor::Offset(offset) => format!("o.{offset}"),
        };
        URL_SAFE_NO_PAD.encode(plain)
    }

    pub fn parse(raw: Option<&str>) -> Result<Option<Self>, FieldError> {
        let Some(raw) = raw.map(str::trim).filter(|raw| !raw.is_empty()) else {
            return Ok(None);
        };
        Self::decode(raw)
            .map(Some)
            .ok_or_else(|| FieldError::new("cursor", tessera_i18n::t("error-not-a-cursor")))
    }

    fn decode(raw: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(raw).ok()?;
        let plain = std::str::from_utf8(&bytes).ok()?;
        let mut parts = plain.split('.');
        let cursor = match (parts.next()?, parts.next()?, parts.next()) {
            ("a", micros, Some(id)) => Cursor::After {
                // Only instants the database can hold, and only ones we could have handed out.
                starts_at: DateTime::from_timestamp_micros(micros.parse().ok()?)
                    .filter(|at| (1970..=9999).contains(&at.year()))?,
                event_id: Uuid::try_parse(id).ok()?,
            },
            ("o", offset, None) => Cursor::Offset(offset.parse().ok().filter(|o| *o <= 100_000)?),
            _ => return None,
        };
        parts.next().is_none().then_some(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(pairs: &[(&str, &str)]) -> RawFilter {
        let query = serde_urlencoded::to_string(pairs).unwrap_or_default();
        serde_urlencoded::from_str(&query).expect("raw filter from query")
    }

    #[test]
    fn an_empty_query_filters_nothing() {
        assert!(EventFilter::parse(&RawFilter::default()).unwrap().is_empty());
        assert!(EventFilter::parse(&raw(&[("city", " "), ("category", "")])).unwrap().is_empty());
    }

    #[test]
    fn every_bad_parameter_names_its_field() {
        let field = |pairs: &[(&str, &str)]| EventFilter::parse(&raw(pairs)).unwrap_err().field;
        assert_eq!(field(&[("category", "opera")]), "category");
        assert_eq!(field(&[("from", "tomorrow")]), "from");
        assert_eq!(field(&[("to", "2026-02-30")]), "to");
        assert_eq!(field(&[("from", "2026-12-10"), ("to", "2026-12-01")]), "from");
        assert_eq!(field(&[("max_price", "-5")]), "max_price");
        assert_eq!(field(&[("max_price", "1e9")]), "max_price");
        assert_eq!(Limit::parse(Some("0")).unwrap_err().field, "limit");
        assert_eq!(Limit::parse(Some("101")).unwrap_err().field, "limit");
        assert_eq!(Cursor::parse(Some("bm9wZQ")).unwrap_err().field, "cursor");
        assert_eq!(field(&[("from", "-5000-01-01")]), "from", "outside the database's range");
        assert_eq!(field(&[("to", "20261-01-01")]), "to");
        let far = URL_SAFE_NO_PAD.encode(format!("a.-300000000000000000.{}", Uuid::nil().simple()));
        assert_eq!(Cursor::parse(Some(&far)).unwrap_err().field, "cursor");
    }

    #[test]
    fn cursors_survive_a_round_trip() {
        let after = Cursor::After {
            starts_at: DateTime::from_timestamp_micros(1_790_000_000_123_456).unwrap(),
            event_id: Uuid::now_v7(),
        };
        for cursor in [after, Cursor::Offset(40)] {
            assert_eq!(Cursor::parse(Some(&cursor.encode())).unwrap(), Some(cursor));
        }
    }

    #[test]
    fn price_caps_are_exact_decimals() {
        assert_eq!(PriceCap::parse("25").unwrap().as_decimal_str(), "25");
        assert_eq!(PriceCap::parse("25.5").unwrap().as_decimal_str(), "25.5");
        assert!(PriceCap::parse("25.").is_ok());
        assert!(PriceCap::parse(".5").is_err());
        assert!(PriceCap::parse("NaN").is_err());
    }
}
