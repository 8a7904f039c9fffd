//! What admins submit, and checking it field by field into [`EventFields`].

use std::collections::{BTreeMap, HashSet};
use std::str::FromStr as _;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use uuid::Uuid;

use crate::catalog::filter::FieldError;
use crate::catalog::{Category, Event, EventStatus};
use crate::money::Currency;

/// An event as an admin submits it (create, or the whole event after an edit is applied).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub category: String,
    pub city: String,
    #[serde(default)]
    pub region: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub venue_name: String,
    pub address: String,
    /// The venue's neighbourhood, for the city page's filters (may be empty).
    #[serde(default)]
    pub neighbourhood: String,
    pub latitude: f64,
    pub longitude: f64,
    /// RFC 3339.
    pub starts_at: String,
    /// RFC 3339, after `starts_at`.
    pub ends_at: String,
    /// IANA time zone of the venue.
    pub timezone: String,
    /// BCP 47.
    pub language: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub image_alt: String,
    /// `draft` (default), `published` or `cancelled`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub ticket_types: Vec<TicketTypeInput>,
    /// ISO 4217; needed only while the event has no ticket types (theirs wins otherwise).
    #[serde(default)]
    pub currency: Option<String>,
    /// The organiser's translations, by language (BCP 47, not the event's own `language`).
    #[serde(default)]
    pub translations: BTreeMap<String, TranslationInput>,
}

/// An event's texts in another language. `ticket_types` names the event's ticket types in
/// their order (`ticket_types[i]` translates the event's `ticket_types[i]`); an empty or
/// missing name leaves that type in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub ticket_types: Vec<String>,
}

/// A ticket type as an admin submits it. With an `id` it is an existing type (renamed,
/// repriced, resized); without, a new one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketTypeInput {
    pub id: Option<Uuid>,
    pub name: String,
    /// Minor units of `currency`.
    pub price_minor: i64,
    /// ISO 4217; the same for every ticket type of an event.
    pub currency: String,
    pub capacity: i32,
}

/// An edit: the fields to change, and the `version` the admin read. Absent fields stay.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventPatch {
    pub version: i32,
    pub title: Option<String>,
    pub description: Option<String>,
    pub category: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<String>,
    pub venue_name: Option<String>,
    pub address: Option<String>,
    pub neighbourhood: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub timezone: Option<String>,
    pub language: Option<String>,
    pub tags: Option<Vec<String>>,
    pub image_alt: Option<String>,
    pub status: Option<String>,
    /// The complete new list: types left out are removed.
    pub ticket_types: Option<Vec<TicketTypeInput>>,
    pub currency: Option<String>,
    /// The complete new set of translations: languages left out are removed.
    pub translations: Option<BTreeMap<String, TranslationInput>>,
}

/// A checked event, ready to be saved.
#[derive(Debug, Clone)]
pub struct EventFields {
    pub title: String,
    pub description: String,
    pub category: Category,
    pub city: String,
    pub region: String,
    pub country: String,
    pub venue_name: String,
    pub address: String,
    pub neighbourhood: String,
    pub latitude: f64,
    pub longitude: f64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub timezone: Tz,
    pub language: String,
    pub tags: Vec<String>,
    pub image_alt: String,
    pub status: EventStatus,
    pub currency: Currency,
    pub ticket_types: Vec<TicketTypeFields>,
    /// By language; never the event's own.
    pub translations: BTreeMap<String, TranslationFields>,
}

/// A checked translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationFields {
    pub title: String,
    pub description: String,
    /// One per ticket type, in their order: None leaves the type's name in the original.
    pub ticket_types: Vec<Option<String>>,
}

#[derive(Debug, Clone)]
pub struct TicketTypeFields {
    pub id: Option<Uuid>,
    pub name: String,
    pub price_minor: i64,
    pub capacity: i32,
}

fn text(field: &'static str, value: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    let chars = value.chars().count();
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new(field, tessera_i18n::t("error-no-control-characters")));
    }
    if chars < min {
        return Err(FieldError::new(
            field,
            if min == 1 {
                tessera_i18n::t("error-required")
            } else {
                tessera_i18n::t_args("error-min-characters", [("min", min.into())])
            },
        ));
    }
    if chars > max {
        return Err(FieldError::new(
            field,
            tessera_i18n::t_args("error-max-characters", [("max", max.into())]),
        ));
    }
    Ok(value.to_string())
}

fn instant(field: &'static str, value: &str) -> Result<DateTime<Utc>, FieldError> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|at| at.with_timezone(&Utc))
        .ok()
        .filter(|at| (2000..=9999).contains(&chrono::Datelike::year(at)))
        .ok_or_else(|| {
            FieldError::new(
                field,
                tessera_i18n::t_args("error-not-a-time", [("value", format!("{value:?}").into())]),
            )
        })
}

impl EventInput {
    /// Checks every field; the first problem is reported with the field's name.
    pub fn parse(self) -> Result<EventFields, FieldError> {
        let title = text("title", &self.title, 1, 200)?;
        let description = text("description", &self.description, 0, 20_000)?;
        let category = Category::from_str(self.category.trim()).map_err(|_| {
            let known: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
            FieldError::new(
                "category",
                tessera_i18n::t_args("error-unknown-category", [("known", known.join(", ").into())]),
            )
        })?;
        let city = text("city", &self.city, 1, 100)?;
        let region = text("region", &self.region, 0, 100)?;
        let country = self.country.trim().to_ascii_uppercase();
        if country.len() != 2 || iso_currency::Country::from_str(&country).is_err() {
            return Err(FieldError::new("country", tessera_i18n::t("error-not-a-country")));
        }
        let venue_name = text("venue_name", &self.venue_name, 1, 200)?;
        let address = text("address", &self.address, 1, 300)?;
        let neighbourhood = text("neighbourhood", &self.neighbourhood, 0, 100)?;
        if !self.latitude.is_finite() || !(-90.0..=90.0).contains(&self.latitude) {
            return Err(FieldError::new(
                "latitude",
                tessera_i18n::t_args("error-between", [("min", (-90).into()), ("max", 90.into())]),
            ));
        }
        if !self.longitude.is_finite() || !(-180.0..=180.0).contains(&self.longitude) {
            return Err(FieldError::new(
                "longitude",
                tessera_i18n::t_args("error-between", [("min", (-180).into()), ("max", 180.into())]),
            ));
        }
        let starts_at = instant("starts_at", &self.starts_at)?;
        let ends_at = instant("ends_at", &self.ends_at)?;
        if ends_at <= starts_at {
            return Err(FieldError::new("ends_at", tessera_i18n::t("error-ends-after-start")));
        }
        let timezone = Tz::from_str(self.timezone.trim())
            .ok()
            .filter(|zone| zone.name().contains('/') || zone.name() == "UTC")
            .ok_or_else(|| FieldError::new("timezone", tessera_i18n::t("error-not-a-time-zone")))?;
        let language = self.language.trim().to_string();
        if !language_tag_ok(&language) {
            return Err(FieldError::new(
                "language",
                tessera_i18n::t_args("error-not-a-language", [("example", "pt or pt-BR".into())]),
            ));
        }
        if self.tags.len() > 20 {
            return Err(FieldError::new("tags", tessera_i18n::t_args("error-at-most", [("max", 20.into())])));
        }
        let mut tags = Vec::with_capacity(self.tags.len());
        for (i, tag) in self.tags.iter().enumerate() {
            let tag =
                text("tag", tag, 1, 40).map_err(|err| err.within(&format!("tags[{i}]")))?.to_lowercase();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let image_alt = text("image_alt", &self.image_alt, 0, 300)?;
        let status = match self.status.as_deref().map(str::trim) {
            None | Some("draft") => EventStatus::Draft,
            Some("published") => EventStatus::Published,
            Some("cancelled") => EventStatus::Cancelled,
            Some(_) => return Err(FieldError::new("status", tessera_i18n::t("error-event-status"))),
        };

        let mut currency: Option<Currency> = match self.currency.as_deref().map(str::trim) {
            Some(code) => Some(
                Currency::from_str(code)
                    .map_err(|err| FieldError::new("currency", err.message(tessera_i18n::current())))?,
            ),
            None => None,
        };
        let mut names = HashSet::new();
        let mut ids = HashSet::new();
        if self.ticket_types.len() > 50 {
            return Err(FieldError::new(
                "ticket_types",
                tessera_i18n::t_args("error-at-most", [("max", 50.into())]),
            ));
        }
        let mut ticket_types = Vec::with_capacity(self.ticket_types.len());
        for (i, input) in self.ticket_types.into_iter().enumerate() {
            let at = format!("ticket_types[{i}]");
            let name = text("name", &input.name, 1, 100).map_err(|err| err.within(&at))?;
            if !names.insert(name.to_lowercase()) {
                return Err(FieldError::new(format!("{at}.name"), tessera_i18n::t("error-name-taken")));
            }
            let this_currency = Currency::from_str(input.currency.trim()).map_err(|err| {
                FieldError::new(format!("{at}.currency"), err.message(tessera_i18n::current()))
            })?;
            match currency {
                Some(first) if first != this_currency => {
                    return Err(FieldError::new(
                        format!("{at}.currency"),
                        tessera_i18n::t_args("error-same-currency", [("currency", first.code().into())]),
                    ));
                }
                _ => currency = Some(this_currency),
            }
            if let Some(id) = input.id
                && !ids.insert(id)
            {
                return Err(FieldError::new(format!("{at}.id"), tessera_i18n::t("error-appears-twice")));
            }
            if input.price_minor < 0 {
                return Err(FieldError::new(
                    format!("{at}.price_minor"),
                    tessera_i18n::t("error-not-negative"),
                ));
            }
            if input.price_minor > 1_000_000_000_000 {
                return Err(FieldError::new(format!("{at}.price_minor"), tessera_i18n::t("error-too-large")));
            }
            if input.capacity < 0 {
                return Err(FieldError::new(format!("{at}.capacity"), tessera_i18n::t("error-not-negative")));
            }
            ticket_types.push(TicketTypeFields {
                id: input.id,
                name,
                price_minor: input.price_minor,
                capacity: input.capacity,
            });
        }
        if status == EventStatus::Published && ticket_types.is_empty() {
            return Err(FieldError::new(
                "ticket_types",
                tessera_i18n::t("error-published-needs-ticket-type"),
            ));
        }
        let currency = currency
            .ok_or_else(|| FieldError::new("currency", tessera_i18n::t("error-currency-required")))?;
        // Every priced ticket can be paid by card: Stripe must be able to charge it exactly.
        for (i, ticket_type) in ticket_types.iter().enumerate() {
            if ticket_type.price_minor > 0
                && let Err(err) = crate::money::stripe::to_stripe(currency, ticket_type.price_minor)
            {
                return Err(FieldError::new(
                    format!("ticket_types[{i}].price_minor"),
                    err.message(tessera_i18n::current()),
                ));
            }
        }

        if self.translations.len() > 20 {
            return Err(FieldError::new(
                "translations",
                tessera_i18n::t_args("error-at-most-languages", [("max", 20.into())]),
            ));
        }
        let mut translations = BTreeMap::new();
        for (tag, input) in self.translations {
            let tag = tag.trim().to_string();
            let at = format!("translations.{tag}");
            if !language_tag_ok(&tag) {
                return Err(FieldError::new(
                    at,
                    tessera_i18n::t_args("error-not-a-language", [("example", "en or pt-BR".into())]),
                ));
            }
            let primary = |t: &str| t.split('-').next().unwrap_or_default().to_string();
            if primary(&tag) == primary(&language) {
                return Err(FieldError::new(
                    at,
                    tessera_i18n::t_args("error-own-language", [("language", language.as_str().into())]),
                ));
            }
            if translations.keys().any(|other: &String| primary(other) == primary(&tag)) {
                return Err(FieldError::new(at, tessera_i18n::t("error-second-translation")));
            }
            let title = text("title", &input.title, 1, 200).map_err(|err| err.within(&at))?;
            let description =
                text("description", &input.description, 0, 20_000).map_err(|err| err.within(&at))?;
            if input.ticket_types.len() > ticket_types.len() {
                return Err(FieldError::new(
                    format!("{at}.ticket_types"),
                    tessera_i18n::t_args(
                        "error-translation-names",
                        [("names", input.ticket_types.len().into()), ("types", ticket_types.len().into())],
                    ),
                ));
            }
            let mut names = Vec::with_capacity(ticket_types.len());
            for i in 0..ticket_types.len() {
                let name = input.ticket_types.get(i).map(String::as_str).unwrap_or_default();
                let name = text("name", name, 0, 100)
                    .map_err(|err| err.within(&format!("{at}.ticket_types[{i}]")))?;
                names.push((!name.is_empty()).then_some(name));
            }
            translations.insert(tag, TranslationFields { title, description, ticket_types: names });
        }

        Ok(EventFields {
            title,
            description,
            category,
            city,
            region,
            country,
            venue_name,
            address,
            neighbourhood,
            latitude: self.latitude,
            longitude: self.longitude,
            starts_at,
            ends_at,
            timezone,
            language,
            tags,
            image_alt,
            status,
            currency,
            ticket_types,
            translations,
        })
    }
}

/// A BCP 47 tag as events use them: a lowercase language (`pt`), optionally subtags (`pt-BR`).
fn language_tag_ok(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl EventInput {
    /// The event as it stands, in the shape an admin submits, so a patch can be laid over it.
    pub(super) fn from_event(event: &Event) -> Self {
        EventInput {
            title: event.title.clone(),
            description: event.description.clone(),
            category: event.category.as_str().to_string(),
            city: event.city.clone(),
            region: event.region.clone(),
            country: event.country.clone(),
            venue_name: event.venue_name.clone(),
            address: event.address.clone(),
            neighbourhood: event.neighbourhood.clone(),
            latitude: event.latitude,
            longitude: event.longitude,
            starts_at: event.starts_at.to_rfc3339(),
            ends_at: event.ends_at.to_rfc3339(),
            timezone: event.timezone.clone(),
            language: event.language.clone(),
            tags: event.tags.clone(),
            image_alt: event.image_alt.clone(),
            status: Some(event.status.as_str().to_string()),
            ticket_types: event
                .ticket_types
                .iter()
                .map(|t| TicketTypeInput {
                    id: Some(t.id),
                    name: t.name.clone(),
                    price_minor: t.price_minor,
                    currency: t.currency.clone(),
                    capacity: t.capacity,
                })
                .collect(),
            currency: Some(event.currency.clone()),
            translations: event
                .translations
                .iter()
                .map(|(tag, text)| {
                    let names = event
                        .ticket_types
                        .iter()
                        .map(|t| t.translations.get(tag).cloned().unwrap_or_default())
                        .collect();
                    (
                        tag.clone(),
                        TranslationInput {
                            title: text.title.clone(),
                            description: text.description.clone(),
                            ticket_types: names,
                        },
                    )
                })
                .collect(),
        }
    }

    pub(super) fn apply(mut self, patch: EventPatch) -> Result<Self, FieldError> {
        macro_rules! take {
            ($($field:ident),*) => { $( if let Some(value) = patch.$field { self.$field = value; } )* };
        }
        let had_new_ticket_types = patch.ticket_types.is_some();
        // Translated ticket type names follow their types (by id) into a new list, unless the
        // patch states the translations anew.
        if let Some(new_types) = &patch.ticket_types
            && patch.translations.is_none()
        {
            let old_ids: Vec<Option<Uuid>> = self.ticket_types.iter().map(|t| t.id).collect();
            for translation in self.translations.values_mut() {
                translation.ticket_types = new_types
                    .iter()
                    .map(|t| {
                        t.id.and_then(|id| old_ids.iter().position(|old| *old == Some(id)))
                            .and_then(|i| translation.ticket_types.get(i).cloned())
                            .unwrap_or_default()
                    })
                    .collect();
            }
        }
        take!(translations);
        take!(title, description, category, city, region, country, venue_name, address, neighbourhood);
        take!(latitude, longitude);
        take!(starts_at, ends_at, timezone, language, tags, image_alt, ticket_types);
        if patch.status.is_some() {
            self.status = patch.status;
        }
        if let Some(currency) = patch.currency {
            // Prices are in minor units of the currency: moving EUR prices to JPY as they stand
            // would change them a hundredfold. A new currency needs its ticket types restated.
            let changes = self.currency.as_deref() != Some(currency.trim());
            if changes && !had_new_ticket_types && !self.ticket_types.is_empty() {
                return Err(FieldError::new("currency", tessera_i18n::t("error-currency-change")));
            }
            self.currency = Some(currency);
        }
        Ok(self)
    }
}
