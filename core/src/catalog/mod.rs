//! The public catalog: events, their ticket types, and how people find them.

mod admin;
mod filter;
mod read;
mod related;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use admin::{
    AuditEntry, CatalogError, EventFields, EventInput, EventPatch, TicketTypeFields, TicketTypeInput,
    TranslationFields, TranslationInput, audit_log, create_event, delete_event, edit_event, event_for_admin,
    events_for_admin, set_event_image, slugify,
};
pub use filter::{Cursor, EventFilter, FieldError, Limit, Near, PriceCap, RawFilter};
pub use read::{
    City, Listing, SearchHits, cities, event_by_id, event_by_slug, list_upcoming, neighbourhoods, search,
    upcoming_events,
};
pub use related::{ALSO_BOUGHT_MIN_BUYERS, NEARBY_RADIUS_M, Related, related};
pub use write::{NewEvent, upsert_event};

/// What kind of event this is. A closed set, checked by the database too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Festival,
    Concert,
    Comedy,
    Theatre,
    Food,
    Workshop,
    Tour,
    Exhibition,
    Market,
    Dance,
}

impl Category {
    pub const ALL: [Category; 10] = [
        Category::Festival,
        Category::Concert,
        Category::Comedy,
        Category::Theatre,
        Category::Food,
        Category::Workshop,
        Category::Tour,
        Category::Exhibition,
        Category::Market,
        Category::Dance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Festival => "festival",
            Category::Concert => "concert",
            Category::Comedy => "comedy",
            Category::Theatre => "theatre",
            Category::Food => "food",
            Category::Workshop => "workshop",
            Category::Tour => "tour",
            Category::Exhibition => "exhibition",
            Category::Market => "market",
            Category::Dance => "dance",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Category::Festival => "Festival",
            Category::Concert => "Concert",
            Category::Comedy => "Comedy",
            Category::Theatre => "Theatre",
            Category::Food => "Food & drink",
            Category::Workshop => "Workshop",
            Category::Tour => "Tour",
            Category::Exhibition => "Exhibition",
            Category::Market => "Market",
            Category::Dance => "Dance",
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown category {0:?}")]
pub struct UnknownCategory(pub String);

impl FromStr for Category {
    type Err = UnknownCategory;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|category| category.as_str() == s)
            .ok_or_else(|| UnknownCategory(s.to_string()))
    }
}

impl TryFrom<String> for Category {
    type Error = UnknownCategory;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an event is in its life. Only published events are listed; a cancelled event keeps
/// its page (and, later, its orders) but sells nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Draft,
    Published,
    Cancelled,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Cancelled => "cancelled",
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unknown event status {0:?}")]
pub struct UnknownStatus(pub String);

impl TryFrom<String> for EventStatus {
    type Error = UnknownStatus;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.as_str() {
            "draft" => Ok(EventStatus::Draft),
            "published" => Ok(EventStatus::Published),
            "cancelled" => Ok(EventStatus::Cancelled),
            _ => Err(UnknownStatus(value)),
        }
    }
}

/// An event as the public sees it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Event {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub description: String,
    #[sqlx(try_from = "String")]
    pub category: Category,
    pub city: String,
    pub region: String,
    /// ISO 3166-1 alpha-2 code.
    pub country: String,
    pub venue_name: String,
    pub address: String,
    /// The venue's neighbourhood (Mouraria, Kreuzberg), for city pages; may be empty.
    pub neighbourhood: String,
    pub latitude: f64,
    pub longitude: f64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA time zone of the venue; show times in it.
    pub timezone: String,
    /// BCP 47 language code of the event.
    pub language: String,
    pub tags: Vec<String>,
    /// Path of the event's image under `/media/`, immutable and cacheable forever.
    pub image: Option<String>,
    /// The image at several widths, as WebP and as JPEG, for `srcset`.
    #[sqlx(json)]
    pub image_renditions: Vec<ImageRendition>,
    pub image_alt: String,
    #[sqlx(try_from = "String")]
    pub status: EventStatus,
    /// Bumped on every edit, for optimistic concurrency.
    pub version: i32,
    /// The cheapest ticket, in minor units of `currency`; null when there are no tickets.
    pub min_price_minor: Option<i64>,
    /// ISO 4217 code; every ticket type of the event uses it.
    pub currency: String,
    /// Cheapest first within the organiser's order.
    #[sqlx(json)]
    pub ticket_types: Vec<TicketType>,
    /// The organiser's translations of the texts, by language (never `language` itself).
    #[sqlx(json)]
    pub translations: BTreeMap<String, EventText>,
    /// How far the venue is from the place a listing or search was asked `near`, in km.
    #[sqlx(default)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

/// An event's texts in a language other than its original one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventText {
    pub title: String,
    pub description: String,
}

/// The primary language subtag: `pt` of `pt-BR`.
fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

impl Event {
    /// The organiser's translation for a reader of `wanted` (a language like `ja`, matched by
    /// its primary subtag), with its language tag: None when the event is written in that
    /// language already, or has no translation into it.
    pub fn translation_for(&self, wanted: &str) -> Option<(&str, &EventText)> {
        let wanted = primary(wanted);
        if primary(&self.language).eq_ignore_ascii_case(wanted) {
            return None;
        }
        self.translations
            .iter()
            .find(|(tag, _)| primary(tag).eq_ignore_ascii_case(wanted))
            .map(|(tag, text)| (tag.as_str(), text))
    }

    /// Members of the event's JSON that a translation changes, or a search measures.
    pub const JSON_MEMBERS_BY_LANGUAGE: [&str; 4] = ["title", "description", "ticket_types", "distance_km"];

    /// The event's JSON members but [`Self::JSON_MEMBERS_BY_LANGUAGE`], without the braces:
    /// what every reader of the event is sent whatever their language. Empty if it cannot be
    /// written (it always can).
    pub fn json_members_in_every_language(&self) -> String {
        let Ok(serde_json::Value::Object(mut members)) = serde_json::to_value(self) else {
            return String::new();
        };
        for name in Self::JSON_MEMBERS_BY_LANGUAGE {
            members.remove(name);
        }
        let written = serde_json::to_string(&members).unwrap_or_default();
        written.strip_prefix('{').and_then(|rest| rest.strip_suffix('}')).unwrap_or_default().to_string()
    }
}

/// One rendition of an event's image.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImageRendition {
    pub url: String,
    /// `webp` or `jpeg`.
    pub format: String,
    pub width: u32,
    pub height: u32,
}

/// A kind of ticket an event sells.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TicketType {
    pub id: Uuid,
    pub name: String,
    /// Price in minor units of `currency` (cents; yen have none).
    pub price_minor: i64,
    pub currency: String,
    pub capacity: i32,
    /// The name in other languages than the event's, by language.
    #[serde(default)]
    pub translations: BTreeMap<String, String>,
}
