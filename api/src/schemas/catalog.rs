//! The catalog's types as the API documents them: events, ticket types, what admins submit,
//! the audit log, the catalog's query parameters.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::catalog as domain;
use utoipa::ToSchema;
use uuid::Uuid;

/// What kind of event this is. A closed set, checked by the database too.
#[derive(Serialize, Deserialize, ToSchema)]
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

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::Category) -> Category = |value| match value {
    domain::Category::Festival => Category::Festival,
    domain::Category::Concert => Category::Concert,
    domain::Category::Comedy => Category::Comedy,
    domain::Category::Theatre => Category::Theatre,
    domain::Category::Food => Category::Food,
    domain::Category::Workshop => Category::Workshop,
    domain::Category::Tour => Category::Tour,
    domain::Category::Exhibition => Category::Exhibition,
    domain::Category::Market => Category::Market,
    domain::Category::Dance => Category::Dance,
};

/// Where an event is in its life. Only published events are listed; a cancelled event keeps
/// its page (and, later, its orders) but sells nothing.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    Draft,
    Published,
    Cancelled,
}

// Fails to compile when the core type gains or loses a variant.
const _: fn(domain::EventStatus) -> EventStatus = |value| match value {
    domain::EventStatus::Draft => EventStatus::Draft,
    domain::EventStatus::Published => EventStatus::Published,
    domain::EventStatus::Cancelled => EventStatus::Cancelled,
};

/// An event as the public sees it.
#[derive(Serialize, ToSchema)]
pub struct Event {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub category: Category,
    pub city: String,
    pub region: String,
    /// ISO 3166-1 alpha-2 code.
    #[schema(example = "PT")]
    pub country: String,
    pub venue_name: String,
    pub address: String,
    /// The venue's neighbourhood (`Mouraria`), for city pages; empty when not given.
    #[schema(example = "Mouraria")]
    pub neighbourhood: String,
    pub latitude: f64,
    pub longitude: f64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// IANA time zone of the venue; show times in it.
    #[schema(example = "Europe/Lisbon")]
    pub timezone: String,
    /// BCP 47 language code of the event.
    pub language: String,
    pub tags: Vec<String>,
    /// Path of the event's image under `/media/`, immutable and cacheable forever.
    #[schema(example = "/media/images/3b1f…c9.jpg")]
    pub image: Option<String>,
    /// The image at several widths, as WebP and as JPEG, for `srcset`.
    pub image_renditions: Vec<ImageRendition>,
    pub image_alt: String,
    pub status: EventStatus,
    /// Bumped on every edit, for optimistic concurrency.
    pub version: i32,
    /// The cheapest ticket, in minor units of `currency`; null when there are no tickets.
    pub min_price_minor: Option<i64>,
    /// ISO 4217 code; every ticket type of the event uses it.
    #[schema(example = "EUR")]
    pub currency: String,
    /// Cheapest first within the organiser's order.
    pub ticket_types: Vec<TicketType>,
    /// The organiser's translations of the title and description, by language (BCP 47; never
    /// `language` itself). Ticket types carry their own names' translations.
    pub translations: std::collections::BTreeMap<String, EventText>,
    /// The language of `title`: the request's (`?lang=`, else the reader's chosen language, else
    /// `Accept-Language`) when the organiser translated the event into it, else `language`.
    /// `description` and each ticket type's `name` are in it too where the translation gives
    /// them, in the original elsewhere.
    #[schema(example = "en")]
    pub text_language: String,
    /// The title and description as the organiser wrote them, in `language`.
    pub original: EventText,
    /// How far the venue is from `near`, in kilometres (great-circle); only when the listing or
    /// search was asked `near` a place.
    #[schema(example = 1.8)]
    pub distance_km: Option<f64>,
}

/// "More like this" for an event (`GET /api/events/{id}/related`).
#[derive(Serialize, ToSchema)]
pub struct RelatedEvents {
    /// On within 25 km of the venue, nearest first, each with its `distance_km`.
    pub nearby: Vec<Event>,
    /// Of the same category, anywhere, nearest first.
    pub same_kind: Vec<Event>,
    /// What people who bought tickets for this event also bought, the most shared first; an
    /// event is named only when at least 5 people bought both.
    pub also_bought: Vec<Event>,
}

/// An event's title and description in one language.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct EventText {
    pub title: String,
    pub description: String,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::EventText) = |domain::EventText { title: _, description: _ }| {};

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Event) = |domain::Event {
                                  id: _,
                                  slug: _,
                                  title: _,
                                  description: _,
                                  category: _,
                                  city: _,
                                  region: _,
                                  country: _,
                                  venue_name: _,
                                  address: _,
                                  neighbourhood: _,
                                  latitude: _,
                                  longitude: _,
                                  starts_at: _,
                                  ends_at: _,
                                  timezone: _,
                                  language: _,
                                  tags: _,
                                  image: _,
                                  image_renditions: _,
                                  image_alt: _,
                                  status: _,
                                  version: _,
                                  min_price_minor: _,
                                  currency: _,
                                  ticket_types: _,
                                  translations: _,
                                  distance_km: _,
                              }| {};

/// One rendition of an event's image.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct ImageRendition {
    #[schema(example = "/media/images/3b1f…c9-800.webp")]
    pub url: String,
    /// `webp` or `jpeg`.
    pub format: String,
    pub width: u32,
    pub height: u32,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::ImageRendition) = |domain::ImageRendition { url: _, format: _, width: _, height: _ }| {};

/// A kind of ticket an event sells.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TicketType {
    pub id: Uuid,
    pub name: String,
    /// Price in minor units of `currency` (cents; yen have none).
    pub price_minor: i64,
    pub currency: String,
    pub capacity: i32,
    /// The name in other languages than the event's, by language.
    pub translations: std::collections::BTreeMap<String, String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::TicketType) =
    |domain::TicketType { id: _, name: _, price_minor: _, currency: _, capacity: _, translations: _ }| {};

/// An event as an admin submits it (create, or the whole event after an edit is applied).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    #[schema(example = "Fado Vadio na Mouraria")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[schema(example = "concert")]
    pub category: String,
    #[schema(example = "Lisbon")]
    pub city: String,
    #[serde(default)]
    pub region: String,
    /// ISO 3166-1 alpha-2.
    #[schema(example = "PT")]
    pub country: String,
    pub venue_name: String,
    pub address: String,
    /// The venue's neighbourhood, filterable on the city page (at most 100 characters).
    #[serde(default)]
    pub neighbourhood: String,
    pub latitude: f64,
    pub longitude: f64,
    /// RFC 3339.
    #[schema(example = "2026-12-05T21:30:00Z")]
    pub starts_at: String,
    /// RFC 3339, after `starts_at`.
    pub ends_at: String,
    /// IANA time zone of the venue.
    #[schema(example = "Europe/Lisbon")]
    pub timezone: String,
    /// BCP 47.
    #[schema(example = "pt")]
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
    /// The organiser's translations, by language (BCP 47, not the event's own `language`; at
    /// most one per language, 20 in all).
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, TranslationInput>,
}

/// An event's texts in another language. `ticket_types` names the event's ticket types in
/// their order; an empty or missing name leaves that type's name in the original.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationInput {
    #[schema(example = "Fado in the Mouraria")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    #[schema(example = json!(["General admission"]))]
    pub ticket_types: Vec<String>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::TranslationInput) =
    |domain::TranslationInput { title: _, description: _, ticket_types: _ }| {};

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::EventInput) = |domain::EventInput {
                                       title: _,
                                       description: _,
                                       category: _,
                                       city: _,
                                       region: _,
                                       country: _,
                                       venue_name: _,
                                       address: _,
                                       neighbourhood: _,
                                       latitude: _,
                                       longitude: _,
                                       starts_at: _,
                                       ends_at: _,
                                       timezone: _,
                                       language: _,
                                       tags: _,
                                       image_alt: _,
                                       status: _,
                                       ticket_types: _,
                                       currency: _,
                                       translations: _,
                                   }| {};

/// A ticket type as an admin submits it. With an `id` it is an existing type (renamed,
/// repriced, resized); without, a new one.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketTypeInput {
    pub id: Option<Uuid>,
    #[schema(example = "General admission")]
    pub name: String,
    /// Minor units of `currency`.
    #[schema(example = 1800)]
    pub price_minor: i64,
    /// ISO 4217; the same for every ticket type of an event.
    #[schema(example = "EUR")]
    pub currency: String,
    pub capacity: i32,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::TicketTypeInput) =
    |domain::TicketTypeInput { id: _, name: _, price_minor: _, currency: _, capacity: _ }| {};

/// An edit: the fields to change, and the `version` the admin read. Absent fields stay.
#[derive(Deserialize, ToSchema)]
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
    /// The complete new set of translations: languages left out are removed. Left out, the
    /// translations stay (and translated ticket type names follow their types by `id`).
    pub translations: Option<std::collections::BTreeMap<String, TranslationInput>>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::EventPatch) = |domain::EventPatch {
                                       version: _,
                                       title: _,
                                       description: _,
                                       category: _,
                                       city: _,
                                       region: _,
                                       country: _,
                                       venue_name: _,
                                       address: _,
                                       neighbourhood: _,
                                       latitude: _,
                                       longitude: _,
                                       starts_at: _,
                                       ends_at: _,
                                       timezone: _,
                                       language: _,
                                       tags: _,
                                       image_alt: _,
                                       status: _,
                                       ticket_types: _,
                                       currency: _,
                                       translations: _,
                                   }| {};

/// One row of the audit log, for admins.
#[derive(Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: String,
    /// The event changed (`event.*` actions).
    pub event_id: Option<Uuid>,
    /// What another action was about (`discrepancy.resolve`: `rail:receipt`).
    pub subject: Option<String>,
    /// The admin's email, when the account still exists.
    pub admin: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::AuditEntry) = |domain::AuditEntry {
                                       id: _,
                                       at: _,
                                       action: _,
                                       event_id: _,
                                       subject: _,
                                       admin: _,
                                       before: _,
                                       after: _,
                                   }| {};
