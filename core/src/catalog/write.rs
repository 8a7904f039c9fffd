//! Writing the catalog. Today the demo seed uses this; the admin console builds on it.

use sqlx::PgConnection;
use uuid::Uuid;

use super::EventFields;

/// An event to create or replace under a known slug (the demo seed), with its image.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub slug: String,
    pub image_id: Option<Uuid>,
    pub fields: EventFields,
}

/// How [`write_event_row`] treats the event's image and its version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowWrite {
    /// The admin console: the image is set on its own (`set_event_image`), and every save is
    /// a new version, changed or not.
    Admin,
    /// The demo seed: the image comes with the fields, and a run that changes nothing leaves
    /// the version as it was.
    Seed { image_id: Option<Uuid> },
}

/// Writes the event's own row: created under `slug` if `event_id` is new, otherwise brought up
/// to date (its slug stays). The one statement that lists the event's columns. Returns false
/// when nothing changed and `RowWrite::Seed` asked to leave such a row alone. An update of an
/// existing event must hold its row (`for update`, as `edit_event` does) so that an event
/// deleted meanwhile is not written again.
pub(crate) async fn write_event_row(
    conn: &mut PgConnection,
    event_id: Uuid,
    slug: &str,
    fields: &EventFields,
    how: RowWrite,
) -> sqlx::Result<bool> {
    let (image_id, seed) = match how {
        RowWrite::Admin => (None, false),
        RowWrite::Seed { image_id } => (image_id, true),
    };
    let written = sqlx::query_scalar!(
        r#"insert into event (
               event_id, slug, title, description, category, city, region, country, venue_name,
               address, latitude, longitude, starts_at, ends_at, timezone, language, tags,
               image_id, image_alt, currency, status, neighbourhood)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                   $18, $19, $20, $21, $23)
           on conflict (event_id) do update set
               title = excluded.title, description = excluded.description,
               category = excluded.category, city = excluded.city, region = excluded.region,
               country = excluded.country, venue_name = excluded.venue_name,
               address = excluded.address, latitude = excluded.latitude,
               longitude = excluded.longitude, starts_at = excluded.starts_at,
               ends_at = excluded.ends_at, timezone = excluded.timezone,
               language = excluded.language, tags = excluded.tags,
               image_id = case when $22 then excluded.image_id else event.image_id end,
               image_alt = excluded.image_alt, currency = excluded.currency,
               status = excluded.status, neighbourhood = excluded.neighbourhood,
               version = event.version + 1, updated_at = now()
           where not $22
              or (event.title, event.description, event.category, event.city, event.region,
                  event.country, event.venue_name, event.address, event.latitude,
                  event.longitude, event.starts_at, event.ends_at, event.timezone,
                  event.language, event.tags, event.image_id, event.image_alt, event.currency,
                  event.status, event.neighbourhood)
                 is distinct from
                 (excluded.title, excluded.description, excluded.category, excluded.city,
                  excluded.region, excluded.country, excluded.venue_name, excluded.address,
                  excluded.latitude, excluded.longitude, excluded.starts_at, excluded.ends_at,
                  excluded.timezone, excluded.language, excluded.tags, excluded.image_id,
                  excluded.image_alt, excluded.currency, excluded.status, excluded.neighbourhood)
           returning event_id"#,
        event_id,
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
        image_id,
        fields.image_alt,
        fields.currency.code(),
        fields.status.as_str(),
        seed,
        fields.neighbourhood,
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(written.is_some())
}

/// Makes the event's translations exactly `fields.translations`: its texts by language, and its
/// ticket types' names by their position (which `fields.ticket_types` has just set).
pub(crate) async fn save_translations(
    conn: &mut PgConnection,
    event_id: Uuid,
    fields: &EventFields,
) -> sqlx::Result<()> {
    let languages: Vec<String> = fields.translations.keys().cloned().collect();
    sqlx::query!(
        "delete from event_translation where event_id = $1 and language <> all($2)",
        event_id,
        &languages
    )
    .execute(&mut *conn)
    .await?;
    for (language, text) in &fields.translations {
        sqlx::query!(
            r#"insert into event_translation (event_id, language, title, description)
               values ($1, $2, $3, $4)
               on conflict (event_id, language) do update set
                   title = excluded.title, description = excluded.description, updated_at = now()
               where (event_translation.title, event_translation.description)
                     is distinct from (excluded.title, excluded.description)"#,
            event_id,
            language,
            text.title,
            text.description,
        )
        .execute(&mut *conn)
        .await?;
    }
    // What search reads of the translations (see migration 23).
    sqlx::query!(
        r#"update event e set
               translated_titles = coalesce((select string_agg(x.title, ' ' order by x.language)
                                             from event_translation x where x.event_id = e.event_id), ''),
               translated_descriptions = coalesce((select string_agg(x.description, ' ' order by x.language)
                                                   from event_translation x where x.event_id = e.event_id), '')
           where e.event_id = $1"#,
        event_id
    )
    .execute(&mut *conn)
    .await?;
    let ids: Vec<Uuid> = sqlx::query_scalar!(
        "select ticket_type_id from ticket_type where event_id = $1 order by position, price_minor, name",
        event_id
    )
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query!("delete from ticket_type_translation where ticket_type_id = any($1)", &ids)
        .execute(&mut *conn)
        .await?;
    let (mut types, mut tags, mut names) = (Vec::new(), Vec::new(), Vec::new());
    for (language, text) in &fields.translations {
        for (id, name) in ids.iter().zip(&text.ticket_types) {
            if let Some(name) = name {
                types.push(*id);
                tags.push(language.clone());
                names.push(name.clone());
            }
        }
    }
    sqlx::query!(
        r#"insert into ticket_type_translation (ticket_type_id, language, name)
           select * from unnest($1::uuid[], $2::text[], $3::text[])"#,
        &types,
        &tags,
        &names
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Creates the event, or brings the event with the same slug up to date (bumping its version
/// only when something changed). Its ticket types become exactly `event.ticket_types`, matched
/// by name. Returns the event's id.
pub async fn upsert_event(conn: &mut PgConnection, event: &NewEvent) -> sqlx::Result<Uuid> {
    let (slug, image_id) = (&event.slug, event.image_id);
    let event = &event.fields;
    let known = sqlx::query_scalar!("select event_id from event where slug = $1", slug)
        .fetch_optional(&mut *conn)
        .await?;
    let event_id = known.unwrap_or_else(Uuid::now_v7);
    let before = seeded_texts(conn, event_id).await?;
    let written = write_event_row(conn, event_id, slug, event, RowWrite::Seed { image_id }).await?;

    let names: Vec<String> = event.ticket_types.iter().map(|t| t.name.clone()).collect();
    sqlx::query!("delete from ticket_type where event_id = $1 and name <> all($2)", event_id, &names)
        .execute(&mut *conn)
        .await?;
    for (position, ticket_type) in event.ticket_types.iter().enumerate() {
        sqlx::query!(
            r#"insert into ticket_type
                   (ticket_type_id, event_id, currency, name, price_minor, capacity, position)
               values ($1, $2, $3, $4, $5, $6, $7)
               on conflict (event_id, name) do update set
                   price_minor = excluded.price_minor, capacity = excluded.capacity,
                   position = excluded.position, updated_at = now()
               where (ticket_type.price_minor, ticket_type.capacity, ticket_type.position)
                     is distinct from
                     (excluded.price_minor, excluded.capacity, excluded.position)"#,
            Uuid::now_v7(),
            event_id,
            event.currency.code(),
            ticket_type.name,
            ticket_type.price_minor,
            ticket_type.capacity,
            i32::try_from(position).unwrap_or(i32::MAX),
        )
        .execute(&mut *conn)
        .await?;
    }
    save_translations(conn, event_id, event).await?;
    // A change to the ticket types or the translations alone is a new version too (calendar
    // entries and open admin forms go by it).
    if known.is_some() && !written && seeded_texts(conn, event_id).await? != before {
        sqlx::query!(
            "update event set version = version + 1, updated_at = now() where event_id = $1",
            event_id
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(event_id)
}

/// A digest of what the seed writes beside the event's row: its ticket types and every
/// translation.
async fn seeded_texts(conn: &mut PgConnection, event_id: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar!(
        r#"select md5(jsonb_build_array(
                  (select jsonb_agg(jsonb_build_array(x.language, x.title, x.description) order by x.language)
                   from event_translation x where x.event_id = $1),
                  (select jsonb_agg(jsonb_build_array(t.name, t.price_minor, t.capacity, t.position,
                                                      (select jsonb_agg(jsonb_build_array(y.language, y.name)
                                                                        order by y.language)
                                                       from ticket_type_translation y
                                                       where y.ticket_type_id = t.ticket_type_id))
                                    order by t.position, t.name)
                   from ticket_type t where t.event_id = $1))::text) as "digest!""#,
        event_id
    )
    .fetch_one(&mut *conn)
    .await
}
