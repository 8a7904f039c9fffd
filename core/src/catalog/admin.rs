//! Running the catalog: creating, editing and deleting events and their ticket types, each
//! change checked field by field, guarded against concurrent edits, and written to the audit
//! log in the same transaction.

use std::collections::HashSet;
use std::str::FromStr as _;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use sqlx::{PgConnection, PgExecutor, Postgres, QueryBuilder};
use utoipa::ToSchema;
use uuid::Uuid;

use super::filter::FieldError;
use super::read::{EVENT_COLUMNS, EVENT_JOINS};
use super::{Category, Event, EventStatus};
use crate::money::Currency;

/// An event as an admin submits it (create, or the whole event after an edit is applied).
#[derive(Debug, Clone, Deserialize, ToSchema)]
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
}

/// A ticket type as an admin submits it. With an `id` it is an existing type (renamed,
/// repriced, resized); without, a new one.
#[derive(Debug, Clone, Deserialize, ToSchema)]
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

/// An edit: the fields to change, and the `version` the admin read. Absent fields stay.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
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
}

#[derive(Debug, Clone)]
pub struct TicketTypeFields {
    pub id: Option<Uuid>,
    pub name: String,
    pub price_minor: i64,
    pub capacity: i32,
}

/// What can go wrong when changing the catalog.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{0}")]
    Invalid(FieldError),
    #[error("no such event")]
    NotFound,
    /// Someone saved the event since it was read.
    #[error("the event changed since version {expected}; it is now version {current}")]
    Stale { expected: i32, current: i32 },
    /// Something refers to it (orders, once they exist): cancel instead of deleting.
    #[error("the event is in use")]
    InUse,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<FieldError> for CatalogError {
    fn from(err: FieldError) -> Self {
        CatalogError::Invalid(err)
    }
}

fn text(field: &'static str, value: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let value = value.trim();
    let chars = value.chars().count();
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new(field, "must not contain control characters"));
    }
    if chars < min {
        return Err(FieldError::new(
            field,
            if min == 1 { "is required".to_string() } else { format!("must be at least {min} characters") },
        ));
    }
    if chars > max {
        return Err(FieldError::new(field, format!("must be at most {max} characters")));
    }
    Ok(value.to_string())
}

fn instant(field: &'static str, value: &str) -> Result<DateTime<Utc>, FieldError> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|at| at.with_timezone(&Utc))
        .ok()
        .filter(|at| (2000..=9999).contains(&chrono::Datelike::year(at)))
        .ok_or_else(|| {
            FieldError::new(field, format!("{value:?} is not a time like 2026-12-05T21:30:00+00:00"))
        })
}

impl EventInput {
    /// Checks every field; the first problem is reported with the field's name.
    pub fn parse(self) -> Result<EventFields, FieldError> {
        let title = text("title", &self.title, 1, 200)?;
        let description = text("description", &self.description, 0, 20_000)?;
        let category = Category::from_str(self.category.trim()).map_err(|_| {
            let known: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
            FieldError::new("category", format!("unknown category; use one of {}", known.join(", ")))
        })?;
        let city = text("city", &self.city, 1, 100)?;
        let region = text("region", &self.region, 0, 100)?;
        let country = self.country.trim().to_ascii_uppercase();
        if country.len() != 2 || iso_currency::Country::from_str(&country).is_err() {
            return Err(FieldError::new("country", "is not an ISO 3166-1 country code like PT"));
        }
        let venue_name = text("venue_name", &self.venue_name, 1, 200)?;
        let address = text("address", &self.address, 1, 300)?;
        if !self.latitude.is_finite() || !(-90.0..=90.0).contains(&self.latitude) {
            return Err(FieldError::new("latitude", "must be between -90 and 90"));
        }
        if !self.longitude.is_finite() || !(-180.0..=180.0).contains(&self.longitude) {
            return Err(FieldError::new("longitude", "must be between -180 and 180"));
        }
        let starts_at = instant("starts_at", &self.starts_at)?;
        let ends_at = instant("ends_at", &self.ends_at)?;
        if ends_at <= starts_at {
            return Err(FieldError::new("ends_at", "must be after starts_at"));
        }
        let timezone = Tz::from_str(self.timezone.trim())
            .ok()
            .filter(|zone| zone.name().contains('/') || zone.name() == "UTC")
            .ok_or_else(|| FieldError::new("timezone", "is not an IANA time zone like Europe/Lisbon"))?;
        let language = self.language.trim().to_string();
        let language_ok = {
            let mut parts = language.split('-');
            let primary = parts.next().unwrap_or("");
            (2..=3).contains(&primary.len())
                && primary.bytes().all(|b| b.is_ascii_lowercase())
                && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
        };
        if !language_ok {
            return Err(FieldError::new("language", "is not a language code like pt or pt-BR"));
        }
        if self.tags.len() > 20 {
            return Err(FieldError::new("tags", "must be at most 20"));
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
            Some(_) => return Err(FieldError::new("status", "must be draft, published or cancelled")),
        };

        let mut currency: Option<Currency> = match self.currency.as_deref().map(str::trim) {
            Some(code) => {
                Some(Currency::from_str(code).map_err(|err| FieldError::new("currency", err.to_string()))?)
            }
            None => None,
        };
        let mut names = HashSet::new();
        let mut ids = HashSet::new();
        if self.ticket_types.len() > 50 {
            return Err(FieldError::new("ticket_types", "must be at most 50"));
        }
        let mut ticket_types = Vec::with_capacity(self.ticket_types.len());
        for (i, input) in self.ticket_types.into_iter().enumerate() {
            let at = format!("ticket_types[{i}]");
            let name = text("name", &input.name, 1, 100).map_err(|err| err.within(&at))?;
            if !names.insert(name.to_lowercase()) {
                return Err(FieldError::new(format!("{at}.name"), "is used by another ticket type"));
            }
            let this_currency = Currency::from_str(input.currency.trim())
                .map_err(|err| FieldError::new(format!("{at}.currency"), err.to_string()))?;
            match currency {
                Some(first) if first != this_currency => {
                    return Err(FieldError::new(
                        format!("{at}.currency"),
                        format!("must be {first} like the event's other ticket types"),
                    ));
                }
                _ => currency = Some(this_currency),
            }
            if let Some(id) = input.id
                && !ids.insert(id)
            {
                return Err(FieldError::new(format!("{at}.id"), "appears twice"));
            }
            if input.price_minor < 0 {
                return Err(FieldError::new(format!("{at}.price_minor"), "must not be negative"));
            }
            if input.price_minor > 1_000_000_000_000 {
                return Err(FieldError::new(format!("{at}.price_minor"), "is too large"));
            }
            if input.capacity < 0 {
                return Err(FieldError::new(format!("{at}.capacity"), "must not be negative"));
            }
            ticket_types.push(TicketTypeFields {
                id: input.id,
                name,
                price_minor: input.price_minor,
                capacity: input.capacity,
            });
        }
        if status == EventStatus::Published && ticket_types.is_empty() {
            return Err(FieldError::new("ticket_types", "a published event needs at least one ticket type"));
        }
        let currency = currency
            .ok_or_else(|| FieldError::new("currency", "is required while the event has no ticket types"))?;

        Ok(EventFields {
            title,
            description,
            category,
            city,
            region,
            country,
            venue_name,
            address,
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
        })
    }
}

impl EventInput {
    /// The event as it stands, in the shape an admin submits, so a patch can be laid over it.
    fn from_event(event: &Event) -> Self {
        EventInput {
            title: event.title.clone(),
            description: event.description.clone(),
            category: event.category.as_str().to_string(),
            city: event.city.clone(),
            region: event.region.clone(),
            country: event.country.clone(),
            venue_name: event.venue_name.clone(),
            address: event.address.clone(),
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
        }
    }

    fn apply(mut self, patch: EventPatch) -> Result<Self, FieldError> {
        macro_rules! take {
            ($($field:ident),*) => { $( if let Some(value) = patch.$field { self.$field = value; } )* };
        }
        let had_new_ticket_types = patch.ticket_types.is_some();
        take!(title, description, category, city, region, country, venue_name, address, latitude, longitude);
        take!(starts_at, ends_at, timezone, language, tags, image_alt, ticket_types);
        if patch.status.is_some() {
            self.status = patch.status;
        }
        if let Some(currency) = patch.currency {
            // Prices are in minor units of the currency: moving EUR prices to JPY as they stand
            // would change them a hundredfold. A new currency needs its ticket types restated.
            let changes = self.currency.as_deref() != Some(currency.trim());
            if changes && !had_new_ticket_types && !self.ticket_types.is_empty() {
                return Err(FieldError::new(
                    "currency",
                    "can only change together with ticket_types, restating every price in the new currency",
                ));
            }
            self.currency = Some(currency);
        }
        Ok(self)
    }
}

/// Any event by id, drafts included: the admin's view.
pub async fn event_for_admin(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Event>> {
    let mut query = QueryBuilder::<Postgres>::new(EVENT_COLUMNS);
    query.push(" from event e").push(EVENT_JOINS).push(" where e.event_id = ").push_bind(id);
    query.build_query_as().fetch_optional(db).await
}

/// Every event, any status, soonest first; `q` narrows to titles, venues and cities that
/// contain it (case and accents ignored).
pub async fn events_for_admin(db: impl PgExecutor<'_>, q: &str, limit: i64) -> sqlx::Result<Vec<Event>> {
    let mut query = QueryBuilder::<Postgres>::new(EVENT_COLUMNS);
    query.push(" from event e").push(EVENT_JOINS).push(" where true");
    if !q.is_empty() {
        query
            .push(" and immutable_unaccent(e.title || ' ' || e.venue_name || ' ' || e.city) ilike '%' || immutable_unaccent(")
            .push_bind(q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
            .push(") || '%'");
    }
    query.push(" order by e.starts_at desc, e.event_id limit ").push_bind(limit);
    query.build_query_as().fetch_all(db).await
}

/// A URL slug from free text: accents transliterated, lowercase ASCII words joined by `-`,
/// cut at a word boundary. "Fête de la Musique — Montréal" becomes
/// `fete-de-la-musique-montreal`.
pub fn slugify(text: &str, max_len: usize) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(ascii.len().min(max_len));
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if slug.len() + word.len() + usize::from(!slug.is_empty()) > max_len {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() { "event".to_string() } else { slug }
}

/// Creates the event with a fresh slug (`title-city`, numbered if taken) and its ticket types.
pub async fn create_event(
    conn: &mut PgConnection,
    admin: Uuid,
    fields: &EventFields,
) -> Result<Uuid, CatalogError> {
    let base = slugify(&format!("{} {}", fields.title, fields.city), 100);
    // Two admins creating the same title at once would pick the same free slug: take turns.
    sqlx::query!("select pg_advisory_xact_lock(hashtext('event-slug:' || $1))", base)
        .execute(&mut *conn)
        .await?;
    let taken: Vec<String> =
        sqlx::query_scalar!("select slug from event where slug = $1 or slug like $1 || '-%'", base)
            .fetch_all(&mut *conn)
            .await?;
    let slug = (1..)
        .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base);

    let id = Uuid::now_v7();
    sqlx::query!(
        r#"insert into event (
               event_id, slug, title, description, category, city, region, country, venue_name,
               address, latitude, longitude, starts_at, ends_at, timezone, language, tags,
               image_alt, currency, status)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                   $18, $19, $20)"#,
        id,
        slug,
        fields.title,
        fields.description,
        fields.category.as_str(),
        fields.city,
        fields.region,
        fields.country,
        fields.venue_name,
        fields.address,
        fields.latitude,
        fields.longitude,
        fields.starts_at,
        fields.ends_at,
        fields.timezone.name(),
        fields.language,
        &fields.tags,
        fields.image_alt,
        fields.currency.code(),
        fields.status.as_str(),
    )
    .execute(&mut *conn)
    .await?;
    save_ticket_types(conn, id, fields).await?;
    let after = event_for_admin(&mut *conn, id).await?;
    audit(conn, admin, "event.create", id, None, after.as_ref()).await?;
    Ok(id)
}

/// Applies `patch` if the event is still at `patch.version`; the version goes up by one.
pub async fn edit_event(
    conn: &mut PgConnection,
    admin: Uuid,
    id: Uuid,
    patch: EventPatch,
) -> Result<(), CatalogError> {
    let current: Option<i32> =
        sqlx::query_scalar!("select version from event where event_id = $1 for update", id)
            .fetch_optional(&mut *conn)
            .await?;
    let current = current.ok_or(CatalogError::NotFound)?;
    if current != patch.version {
        return Err(CatalogError::Stale { expected: patch.version, current });
    }
    let before = event_for_admin(&mut *conn, id).await?.ok_or(CatalogError::NotFound)?;
    let fields = EventInput::from_event(&before).apply(patch)?.parse()?;

    sqlx::query!(
        r#"update event set
               title = $2, description = $3, category = $4, city = $5, region = $6, country = $7,
               venue_name = $8, address = $9, latitude = $10, longitude = $11, starts_at = $12,
               ends_at = $13, timezone = $14, language = $15, tags = $16, image_alt = $17,
               currency = $18, status = $19, version = version + 1, updated_at = now()
           where event_id = $1"#,
        id,
        fields.title,
        fields.description,
        fields.category.as_str(),
        fields.city,
        fields.region,
        fields.country,
        fields.venue_name,
        fields.address,
        fields.latitude,
        fields.longitude,
        fields.starts_at,
        fields.ends_at,
        fields.timezone.name(),
        fields.language,
        &fields.tags,
        fields.image_alt,
        fields.currency.code(),
        fields.status.as_str(),
    )
    .execute(&mut *conn)
    .await?;
    save_ticket_types(conn, id, &fields).await?;
    let after = event_for_admin(&mut *conn, id).await?;
    audit(conn, admin, "event.edit", id, Some(&before), after.as_ref()).await?;
    Ok(())
}

/// Gives the event a new image (already stored); the version goes up like any edit.
pub async fn set_event_image(
    conn: &mut PgConnection,
    admin: Uuid,
    id: Uuid,
    media_id: Uuid,
) -> Result<(), CatalogError> {
    sqlx::query_scalar!("select version from event where event_id = $1 for update", id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(CatalogError::NotFound)?;
    let before = event_for_admin(&mut *conn, id).await?;
    sqlx::query!(
        "update event set image_id = $2, version = version + 1, updated_at = now() where event_id = $1",
        id,
        media_id
    )
    .execute(&mut *conn)
    .await?;
    let after = event_for_admin(&mut *conn, id).await?;
    audit(conn, admin, "event.edit", id, before.as_ref(), after.as_ref()).await?;
    Ok(())
}

/// Deletes an event and its ticket types. Anything that refers to it (orders, once they
/// exist) makes this `InUse`: such an event is cancelled instead, keeping its history.
pub async fn delete_event(conn: &mut PgConnection, admin: Uuid, id: Uuid) -> Result<(), CatalogError> {
    // Locked first, so the audit row records the event exactly as it was deleted.
    sqlx::query_scalar!("select version from event where event_id = $1 for update", id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(CatalogError::NotFound)?;
    let before = event_for_admin(&mut *conn, id).await?.ok_or(CatalogError::NotFound)?;
    let deleted = sqlx::query!("delete from event where event_id = $1", id).execute(&mut *conn).await;
    match deleted {
        Ok(_) => {}
        Err(sqlx::Error::Database(err)) if err.is_foreign_key_violation() => return Err(CatalogError::InUse),
        Err(err) => return Err(err.into()),
    }
    audit(conn, admin, "event.delete", id, Some(&before), None).await?;
    Ok(())
}

/// Makes the event's ticket types exactly `fields.ticket_types`: ids update, new ones are
/// added, the rest removed.
async fn save_ticket_types(
    conn: &mut PgConnection,
    event_id: Uuid,
    fields: &EventFields,
) -> Result<(), CatalogError> {
    let existing: Vec<Uuid> =
        sqlx::query_scalar!("select ticket_type_id from ticket_type where event_id = $1", event_id)
            .fetch_all(&mut *conn)
            .await?;
    for (i, ticket_type) in fields.ticket_types.iter().enumerate() {
        if let Some(id) = ticket_type.id
            && !existing.contains(&id)
        {
            return Err(FieldError::new(
                format!("ticket_types[{i}].id"),
                "is not a ticket type of this event",
            )
            .into());
        }
    }
    let keep: Vec<Uuid> = fields.ticket_types.iter().filter_map(|t| t.id).collect();
    let removed = sqlx::query!(
        "delete from ticket_type where event_id = $1 and ticket_type_id <> all($2)",
        event_id,
        &keep
    )
    .execute(&mut *conn)
    .await;
    match removed {
        Ok(_) => {}
        Err(sqlx::Error::Database(err)) if err.is_foreign_key_violation() => return Err(CatalogError::InUse),
        Err(err) => return Err(err.into()),
    }
    // Names are unique per event: park kept types under temporary names first, so two types
    // can swap names in one edit. Parking names start with U+0001, which no real name may
    // contain, so they never collide with one.
    sqlx::query!(
        "update ticket_type set name = chr(1) || ticket_type_id::text where event_id = $1",
        event_id
    )
    .execute(&mut *conn)
    .await?;
    for (position, ticket_type) in fields.ticket_types.iter().enumerate() {
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        sqlx::query!(
            r#"insert into ticket_type
                   (ticket_type_id, event_id, currency, name, price_minor, capacity, position)
               values ($1, $2, $3, $4, $5, $6, $7)
               on conflict (ticket_type_id) do update set
                   name = excluded.name, price_minor = excluded.price_minor,
                   capacity = excluded.capacity, position = excluded.position, updated_at = now()"#,
            ticket_type.id.unwrap_or_else(Uuid::now_v7),
            event_id,
            fields.currency.code(),
            ticket_type.name,
            ticket_type.price_minor,
            ticket_type.capacity,
            position,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn audit(
    conn: &mut PgConnection,
    admin: Uuid,
    action: &str,
    event_id: Uuid,
    before: Option<&Event>,
    after: Option<&Event>,
) -> Result<(), CatalogError> {
    let json =
        |event: Option<&Event>| event.map(|e| serde_json::to_value(e).unwrap_or(serde_json::Value::Null));
    sqlx::query!(
        "insert into audit_log (account_id, action, event_id, before, after) values ($1, $2, $3, $4, $5)",
        admin,
        action,
        event_id,
        json(before),
        json(after),
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One row of the audit log, for admins.
#[derive(Debug, Clone, serde::Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: String,
    pub event_id: Uuid,
    /// The admin's email, when the account still exists.
    pub admin: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The newest audit entries, optionally for one event.
pub async fn audit_log(
    db: impl PgExecutor<'_>,
    event_id: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<AuditEntry>> {
    sqlx::query_as!(
        AuditEntry,
        r#"select l.audit_log_id as id, l.created_at as at, l.action, l.event_id, a.email as "admin?",
                  l.before, l.after
           from audit_log l left join account a using (account_id)
           where $1::uuid is null or l.event_id = $1
           order by l.audit_log_id desc
           limit $2"#,
        event_id,
        limit
    )
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs_are_ascii_words_joined_by_dashes() {
        assert_eq!(slugify("Fête de la Musique — Montréal", 120), "fete-de-la-musique-montreal");
        assert_eq!(slugify("Kraków: Żurek & Pierogi!", 120), "krakow-zurek-pierogi");
        assert_eq!(slugify("Straßenfest", 120), "strassenfest");
        assert_eq!(slugify("one two three", 8), "one-two");
        assert_eq!(slugify("!!!", 10), "event");
    }
}
