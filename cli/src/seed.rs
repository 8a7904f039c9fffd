//! `tessera seed --demo`: the demo catalog from `web/demo`, embedded in the binary.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context as _, bail};
use bytes::Bytes;
use chrono::{Days, NaiveTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use tessera_core::catalog::{
    Category, EventFields, EventStatus, NewEvent, TicketTypeFields, TranslationFields, upsert_event,
};
use tessera_core::config::Config;
use tessera_core::money::Currency;
use tessera_media::{BlobStore, store_image};
use tessera_web::demo;

/// One event of `web/demo/events/*.json` (format in `web/demo/README.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoEvent {
    slug: String,
    title: String,
    description: String,
    category: Category,
    city: String,
    region: String,
    country: String,
    venue_name: String,
    address: String,
    #[serde(default)]
    neighbourhood: String,
    latitude: f64,
    longitude: f64,
    timezone: String,
    language: String,
    tags: Vec<String>,
    days_from_today: u64,
    local_start: String,
    duration_minutes: i64,
    currency: String,
    ticket_types: Vec<DemoTicketType>,
    image: String,
    image_alt: String,
    /// The event's texts in other languages than its own, by language.
    #[serde(default)]
    translations: BTreeMap<String, DemoTranslation>,
}

/// A translation: ticket type names in the order of the event's `ticket_types`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTranslation {
    title: String,
    description: String,
    ticket_types: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoTicketType {
    name: String,
    price_minor: i64,
    capacity: i32,
}

/// Loads (or refreshes) the demo catalog, dated from today, in one transaction.
pub async fn demo(config: &Config) -> anyhow::Result<()> {
    let db = tessera_core::db::connect_lazy(config)?;
    let blobs = BlobStore::from_config(config)
        .context("cannot open the media store (TESSERA_DATA_DIR or TESSERA_S3_*)")?;
    let summary = load(&db, &blobs).await?;
    println!("{summary}");
    Ok(())
}

/// The seed itself, for the binary and for tests.
pub async fn load(db: &sqlx::PgPool, blobs: &BlobStore) -> anyhow::Result<String> {
    let events = parse_demo_events()?;
    let now = Utc::now();
    let mut tx = db.begin().await.context("cannot reach Postgres at DATABASE_URL")?;
    let mut cities = BTreeSet::new();
    for record in &events {
        let bytes = demo::image(&record.image)
            .with_context(|| format!("{}: image {} is not in web/demo/images", record.slug, record.image))?;
        let image_id = store_image(&mut tx, blobs, Bytes::from_static(bytes))
            .await
            .with_context(|| format!("{}: storing its image", record.slug))?;
        let event = to_new_event(record, image_id, now)?;
        upsert_event(&mut tx, &event).await.with_context(|| format!("{}: saving", record.slug))?;
        cities.insert(record.city.as_str());
    }
    tx.commit().await?;
    Ok(format!("demo catalog loaded: {} events in {} cities", events.len(), cities.len()))
}

fn parse_demo_events() -> anyhow::Result<Vec<DemoEvent>> {
    let mut events = Vec::new();
    for (file, json) in demo::EVENT_FILES {
        let mut records: Vec<DemoEvent> =
            serde_json::from_str(json).with_context(|| format!("web/demo/events/{file}"))?;
        events.append(&mut records);
    }
    if events.is_empty() {
        bail!("the binary was built without demo events (web/demo/events is empty)");
    }
    Ok(events)
}

fn to_new_event(
    record: &DemoEvent,
    image_id: uuid::Uuid,
    now: chrono::DateTime<Utc>,
) -> anyhow::Result<NewEvent> {
    let slug = &record.slug;
    let zone: Tz = record.timezone.parse().map_err(|_| anyhow::anyhow!("{slug}: unknown time zone"))?;
    let currency: Currency = record.currency.parse().with_context(|| format!("{slug}: currency"))?;
    let start_time = NaiveTime::parse_from_str(&record.local_start, "%H:%M")
        .with_context(|| format!("{slug}: local_start must be HH:MM"))?;
    let local_day = now
        .with_timezone(&zone)
        .date_naive()
        .checked_add_days(Days::new(record.days_from_today))
        .with_context(|| format!("{slug}: days_from_today"))?;
    // A start inside a DST gap (02:30 on the spring-forward night) moves an hour later.
    let local_start = local_day.and_time(start_time);
    let starts_at = zone
        .from_local_datetime(&local_start)
        .earliest()
        .or_else(|| zone.from_local_datetime(&(local_start + chrono::Duration::hours(1))).earliest())
        .with_context(|| format!("{slug}: start time does not exist in {zone}"))?
        .with_timezone(&Utc);
    let ends_at = starts_at + chrono::Duration::minutes(record.duration_minutes);

    Ok(NewEvent {
        slug: record.slug.clone(),
        image_id: Some(image_id),
        fields: EventFields {
            title: record.title.clone(),
            description: record.description.clone(),
            category: record.category,
            city: record.city.clone(),
            region: record.region.clone(),
            country: record.country.clone(),
            venue_name: record.venue_name.clone(),
            address: record.address.clone(),
            neighbourhood: record.neighbourhood.clone(),
            latitude: record.latitude,
            longitude: record.longitude,
            starts_at,
            ends_at,
            timezone: zone,
            language: record.language.clone(),
            tags: record.tags.clone(),
            image_alt: record.image_alt.clone(),
            currency,
            status: EventStatus::Published,
            ticket_types: record
                .ticket_types
                .iter()
                .map(|t| TicketTypeFields {
                    id: None,
                    name: t.name.clone(),
                    price_minor: t.price_minor,
                    capacity: t.capacity,
                })
                .collect(),
            translations: record
                .translations
                .iter()
                .map(|(language, text)| {
                    let primary = |tag: &str| tag.split('-').next().unwrap_or_default().to_string();
                    if primary(language) == primary(&record.language) {
                        bail!("{slug}: a translation into its own language {language}");
                    }
                    if text.ticket_types.len() != record.ticket_types.len() {
                        bail!(
                            "{slug}: the {language} translation names {} ticket types, not {}",
                            text.ticket_types.len(),
                            record.ticket_types.len()
                        );
                    }
                    Ok((
                        language.clone(),
                        TranslationFields {
                            title: text.title.clone(),
                            description: text.description.clone(),
                            ticket_types: text
                                .ticket_types
                                .iter()
                                .map(|name| Some(name.trim().to_string()).filter(|name| !name.is_empty()))
                                .collect(),
                        },
                    ))
                })
                .collect::<anyhow::Result<_>>()?,
        },
    })
}
