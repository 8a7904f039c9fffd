//! Running the catalog: creating, editing and deleting events and their ticket types, each
//! change checked field by field (`input`), guarded against concurrent edits, and written to
//! the audit log (`audit`) in the same transaction.

mod audit;
mod input;

use sqlx::{PgConnection, PgExecutor, Postgres, QueryBuilder};
use uuid::Uuid;

use audit::audit;
pub use audit::{AuditEntry, audit_log};
pub use input::{
    EventFields, EventInput, EventPatch, TicketTypeFields, TicketTypeInput, TranslationFields,
    TranslationInput,
};

use super::Event;
use super::filter::FieldError;
use super::read::{EVENT_COLUMNS, EVENT_JOINS};
use super::write::{RowWrite, save_translations, write_event_row};

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
    write_event_row(conn, id, &slug, fields, RowWrite::Admin).await?;
    save_ticket_types(conn, id, fields).await?;
    save_translations(conn, id, fields).await?;
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

    write_event_row(conn, id, &before.slug, &fields, RowWrite::Admin).await?;
    save_ticket_types(conn, id, &fields).await?;
    save_translations(conn, id, &fields).await?;
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
    // Locked in id order, after the event (which the caller locked), as buyers' batches lock
    // them (`place_orders`), so an edit and a purchase never deadlock.
    let existing = sqlx::query!(
        r#"select ticket_type_id, sold + held as "taken!" from ticket_type where event_id = $1
           order by ticket_type_id for update"#,
        event_id
    )
    .fetch_all(&mut *conn)
    .await?;
    for (i, ticket_type) in fields.ticket_types.iter().enumerate() {
        let Some(id) = ticket_type.id else { continue };
        let Some(current) = existing.iter().find(|t| t.ticket_type_id == id) else {
            return Err(FieldError::new(
                format!("ticket_types[{i}].id"),
                tessera_i18n::t("error-not-a-ticket-type-here"),
            )
            .into());
        };
        if ticket_type.capacity < current.taken {
            return Err(FieldError::new(
                format!("ticket_types[{i}].capacity"),
                tessera_i18n::t_args("error-capacity-below-taken", [("taken", current.taken.into())]),
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
        let index = position;
        let position = i32::try_from(position).unwrap_or(i32::MAX);
        let saved = sqlx::query!(
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
        .await;
        match saved {
            Ok(_) => {}
            // Checked above under the row locks; this only guards a mistake there.
            Err(sqlx::Error::Database(err)) if err.constraint() == Some("ticket_type_stock_check") => {
                return Err(FieldError::new(
                    format!("ticket_types[{index}].capacity"),
                    tessera_i18n::t("error-capacity-below-sold"),
                )
                .into());
            }
            Err(err) => return Err(err.into()),
        }
    }
    Ok(())
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
