//! Reading the catalog: the upcoming-events listing, search, single events and the city list.
//!
//! Listing and search share one filter (`push_filters`), so the SQL is composed with
//! `QueryBuilder`: each request gets exactly the predicates it asked for, which keeps every
//! plan on the right index. Static queries use the compile-time-checked macros.

use sqlx::{PgExecutor, Postgres, QueryBuilder};
use uuid::Uuid;

use super::Event;
use super::filter::{Cursor, EventFilter, Limit, Near};

/// One page of the listing, and where the next one starts.
#[derive(Debug, Clone)]
pub struct Listing {
    pub events: Vec<Event>,
    pub next_cursor: Option<Cursor>,
}

/// One page of search results.
#[derive(Debug, Clone)]
pub struct SearchHits {
    pub events: Vec<Event>,
    pub next_cursor: Option<Cursor>,
    /// The query as it was actually run when a misspelt word was corrected
    /// ("festvial" → "festival"), so pages can say what they searched for.
    pub corrected_query: Option<String>,
}

/// A city with upcoming events, for the filter menus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct City {
    pub name: String,
    pub country: String,
    pub events: i64,
    /// Whether this is the city the visitor asked for (compared as the filter compares).
    pub selected: bool,
}

/// Every column of [`Event`], its cheapest ticket and its ticket types as JSON, for `e`.
pub(super) const EVENT_COLUMNS: &str = "\
    select e.event_id as id, e.slug, e.title, e.description, e.category, e.city, e.region, \
           e.country, e.venue_name, e.address, e.neighbourhood, e.latitude, e.longitude, e.starts_at, e.ends_at, \
           e.timezone, e.language, e.tags, '/media/' || m.blob_key as image, e.image_alt, \
           e.status, e.version, p.min_price_minor, p.ticket_types, e.currency, r.image_renditions, \
           tr.translations";

pub(super) const EVENT_JOINS: &str = "
    left join media m on m.media_id = e.image_id
    cross join lateral (
        select min(t.price_minor) as min_price_minor,
               coalesce(json_agg(json_build_object(
                   'id', t.ticket_type_id, 'name', t.name, 'price_minor', t.price_minor,
                   'currency', t.currency, 'capacity', t.capacity,
                   'translations', (select coalesce(json_object_agg(x.language, x.name), '{}')
                                    from ticket_type_translation x
                                    where x.ticket_type_id = t.ticket_type_id))
                   order by t.position, t.price_minor, t.name), '[]') as ticket_types
        from ticket_type t where t.event_id = e.event_id
    ) p
    cross join lateral (
        select coalesce(json_object_agg(x.language, json_build_object(
                   'title', x.title, 'description', x.description)), '{}') as translations
        from event_translation x where x.event_id = e.event_id
    ) tr
    cross join lateral (
        select coalesce(json_agg(json_build_object(
                   'url', '/media/' || v.blob_key, 'format', v.format, 'width', v.width,
                   'height', v.height) order by v.format, v.width), '[]') as image_renditions
        from media_rendition v where v.media_id = e.image_id
    ) r";

const UPCOMING: &str = " where e.status = 'published' and e.ends_at > now()";

/// The great-circle distance from `near` to event `e`'s venue, in km (haversine, on a sphere of
/// the Earth's mean radius: within 0.5% of the ellipsoid, plenty to say "1.8 km away").
fn push_distance(query: &mut QueryBuilder<'_, Postgres>, near: Near) {
    let (lat, lng) = (near.latitude(), near.longitude());
    query
        .push("(12742.0176 * asin(least(1.0, sqrt(power(sin(radians(e.latitude - ")
        .push_bind(lat)
        .push(") / 2), 2) + cos(radians(")
        .push_bind(lat)
        .push(")) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - ")
        .push_bind(lng)
        .push(") / 2), 2)))))");
}

/// The filter's predicates on `event e`, each added only when asked for.
fn push_filters(query: &mut QueryBuilder<'_, Postgres>, filter: &EventFilter) {
    if let Some(near) = filter.near {
        query.push(" and ");
        push_distance(query, near);
        query.push(" <= ").push_bind(near.radius_km());
    }
    if let Some(city) = &filter.city {
        query.push(" and e.city_key = lower(immutable_unaccent(").push_bind(city.clone()).push("))");
    }
    if let Some(neighbourhood) = &filter.neighbourhood {
        query
            .push(" and e.neighbourhood_key = lower(immutable_unaccent(")
            .push_bind(neighbourhood.clone())
            .push("))");
    }
    if let Some(category) = filter.category {
        query.push(" and e.category = ").push_bind(category.as_str());
    }
    // Local midnights in each event's own zone: an event that ends at 00:00 on `from` is over
    // by then; one that starts at 23:30 on `to` is still on that day.
    if let Some(from) = filter.from {
        query.push(" and e.ends_at > (").push_bind(from).push("::timestamp at time zone e.timezone)");
    }
    if let Some(to) = filter.to {
        query
            .push(" and e.starts_at < ((")
            .push_bind(to)
            .push("::date + 1)::timestamp at time zone e.timezone)");
    }
    if let Some(cap) = &filter.max_price {
        query
            .push(" and (select min(t.price_minor) from ticket_type t where t.event_id = e.event_id) <= ")
            .push_bind(cap.as_decimal_str().to_string())
            .push("::numeric * power(10::numeric, currency_exponent(e.currency))");
    }
}

/// Upcoming published events (still running or yet to start), soonest first.
///
/// The page's ids are found first on the narrow index, and only those rows are joined to
/// their image and ticket types.
pub async fn list_upcoming(
    db: impl PgExecutor<'_>,
    filter: &EventFilter,
    limit: Limit,
    after: Option<Cursor>,
) -> sqlx::Result<Listing> {
    let mut query = QueryBuilder::new(EVENT_COLUMNS);
    if filter.near.is_some() {
        query.push(", hit.distance_km");
    }
    query.push(" from (select e.event_id");
    if let Some(near) = filter.near {
        query.push(", ");
        push_distance(&mut query, near);
        query.push(" as distance_km");
    }
    query.push(" from event e").push(UPCOMING);
    push_filters(&mut query, filter);
    // Nearest first walks by counting (distances tie and change with the place); soonest first
    // walks by start time.
    let offset = match after {
        Some(Cursor::After { starts_at, event_id }) if !filter.by_distance => {
            query
                .push(" and (e.starts_at, e.event_id) > (")
                .push_bind(starts_at)
                .push(", ")
                .push_bind(event_id)
                .push(")");
            0
        }
        Some(Cursor::Offset(offset)) if filter.by_distance => offset,
        _ => 0,
    };
    let order =
        if filter.by_distance { "distance_km, e.starts_at, e.event_id" } else { "e.starts_at, e.event_id" };
    // One extra row tells whether there is a next page.
    query
        .push(format!(" order by {order} limit "))
        .push_bind(i64::from(limit.get()) + 1)
        .push(" offset ")
        .push_bind(i64::from(offset))
        .push(") hit join event e using (event_id)")
        .push(EVENT_JOINS)
        .push(if filter.by_distance {
            " order by hit.distance_km, e.starts_at, e.event_id"
        } else {
            " order by e.starts_at, e.event_id"
        });

    let mut events: Vec<Event> = query.build_query_as().fetch_all(db).await?;
    let next_cursor = if events.len() > usize::from(limit.get()) {
        events.truncate(usize::from(limit.get()));
        if filter.by_distance {
            Some(Cursor::Offset(offset + u32::from(limit.get())))
        } else {
            events.last().map(|last| Cursor::After { starts_at: last.starts_at, event_id: last.id })
        }
    } else {
        None
    };
    Ok(Listing { events, next_cursor })
}

#[derive(sqlx::FromRow)]
struct SearchRow {
    #[sqlx(flatten)]
    event: Event,
    corrected: String,
    normalized: String,
}

/// Full-text search over upcoming published events, best match first: a hit in the title
/// outranks one in the venue, city or tags, which outranks one in the description; ties go
/// to the sooner event. Accents and case are ignored, and a misspelt word of five letters or
/// more is corrected to the nearest word that appears in some event. An empty query lists
/// events like [`list_upcoming`]. One round trip in the common case.
pub async fn search(
    db: impl PgExecutor<'_> + Copy,
    text: &str,
    filter: &EventFilter,
    limit: Limit,
    cursor: Option<Cursor>,
) -> sqlx::Result<SearchHits> {
    if text.trim().is_empty() {
        let page = list_upcoming(db, filter, limit, cursor).await?;
        return Ok(SearchHits { events: page.events, next_cursor: page.next_cursor, corrected_query: None });
    }
    let offset = match cursor {
        Some(Cursor::Offset(offset)) => offset,
        _ => 0,
    };

    // `c` is computed once (materialized) and read through scalar subqueries, so the query
    // words are corrected and parsed once per search, not once per candidate row.
    let mut query = QueryBuilder::new("with c as materialized (select x.corrected, x.normalized, ");
    query
        .push("plainto_tsquery('tessera_search', x.corrected) as tsq from (select search_correct(")
        .push_bind(text.to_string())
        .push(") as corrected, search_normalize(")
        .push_bind(text.to_string())
        .push(
            ") as normalized) x),
             hit as (
                 select e.event_id, e.starts_at,
                        ts_rank('{0.1, 0.2, 0.4, 1.0}', e.rank_vector, (select tsq from c)) as rank, ",
        );
    match filter.near {
        Some(near) => push_distance(&mut query, near),
        None => {
            query.push("null::float8");
        }
    }
    query
        .push(" as distance_km from event e")
        .push(UPCOMING)
        .push(" and e.search_vector @@ (select tsq from c)");
    push_filters(&mut query, filter);
    let order = if filter.by_distance { "distance_km, rank desc" } else { "rank desc" };
    query
        .push(format!(" order by {order}, e.starts_at, e.event_id limit "))
        .push_bind(i64::from(limit.get()) + 1)
        .push(" offset ")
        .push_bind(i64::from(offset))
        .push(") ")
        .push(EVENT_COLUMNS)
        .push(", hit.distance_km, c.corrected, c.normalized from hit join event e using (event_id) cross join c")
        .push(EVENT_JOINS)
        .push(format!(" order by hit.{}, hit.starts_at, hit.event_id", order.replace(", rank", ", hit.rank")));

    let rows: Vec<SearchRow> = query.build_query_as().fetch_all(db).await?;
    let (corrected, normalized) = match rows.first() {
        Some(row) => (row.corrected.clone(), row.normalized.clone()),
        // Nothing matched: ask for the correction alone, to report it all the same. A query of
        // nothing but stop words ("the", "and") searches for nothing: list events instead, as
        // for an empty query.
        None => {
            let words = sqlx::query!(
                r#"select c.corrected as "corrected!", search_normalize($1) as "normalized!",
                          numnode(plainto_tsquery('tessera_search', c.corrected)) = 0 as "no_words!"
                   from (select search_correct($1) as corrected) c"#,
                text
            )
            .fetch_one(db)
            .await?;
            if words.no_words && filter.by_distance {
                // Nearest first, a listing counts its way through as a search does.
                let page = list_upcoming(db, filter, limit, cursor).await?;
                return Ok(SearchHits {
                    events: page.events,
                    next_cursor: page.next_cursor,
                    corrected_query: None,
                });
            }
            if words.no_words && offset == 0 {
                // One page only: the listing's cursor does not fit a query with words in it.
                let page = list_upcoming(db, filter, limit, None).await?;
                return Ok(SearchHits { events: page.events, next_cursor: None, corrected_query: None });
            }
            (words.corrected, words.normalized)
        }
    };
    let mut events: Vec<Event> = rows.into_iter().map(|row| row.event).collect();
    let next_cursor = (events.len() > usize::from(limit.get())).then(|| {
        events.truncate(usize::from(limit.get()));
        Cursor::Offset(offset + u32::from(limit.get()))
    });
    Ok(SearchHits { events, next_cursor, corrected_query: (corrected != normalized).then_some(corrected) })
}

/// Every upcoming published event in full, or those of them among `ids`: what the search
/// index holds.
pub async fn upcoming_events(db: impl PgExecutor<'_>, ids: Option<&[Uuid]>) -> sqlx::Result<Vec<Event>> {
    let mut query = QueryBuilder::new(EVENT_COLUMNS);
    query.push(" from event e").push(EVENT_JOINS).push(UPCOMING);
    if let Some(ids) = ids {
        query.push(" and e.event_id = any(").push_bind(ids.to_vec()).push(")");
    }
    query.push(" order by e.starts_at, e.event_id");
    query.build_query_as().fetch_all(db).await
}

/// A published or cancelled event by id; drafts are not public.
pub async fn event_by_id(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Event>> {
    let mut query = QueryBuilder::new(EVENT_COLUMNS);
    query
        .push(" from event e")
        .push(EVENT_JOINS)
        .push(" where e.status <> 'draft' and e.event_id = ")
        .push_bind(id);
    query.build_query_as().fetch_optional(db).await
}

/// A published or cancelled event by slug; drafts are not public.
pub async fn event_by_slug(db: impl PgExecutor<'_>, slug: &str) -> sqlx::Result<Option<Event>> {
    let mut query = QueryBuilder::new(EVENT_COLUMNS);
    query
        .push(" from event e")
        .push(EVENT_JOINS)
        .push(" where e.status <> 'draft' and e.slug = ")
        .push_bind(slug.to_string());
    query.build_query_as().fetch_optional(db).await
}

/// A city's neighbourhoods with upcoming published events, most events first: (name, events).
pub async fn neighbourhoods(db: impl PgExecutor<'_>, city: &str) -> sqlx::Result<Vec<(String, i64)>> {
    let rows = sqlx::query!(
        r#"select min(neighbourhood) as "name!", count(*) as "events!"
           from event
           where status = 'published' and ends_at > now() and neighbourhood <> ''
             and city_key = lower(immutable_unaccent($1))
           group by neighbourhood_key
           order by 2 desc, 1"#,
        city
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|row| (row.name, row.events)).collect())
}

/// Cities with upcoming published events, alphabetically, with how many each has; `chosen`
/// is marked selected.
pub async fn cities(db: impl PgExecutor<'_>, chosen: Option<&str>) -> sqlx::Result<Vec<City>> {
    sqlx::query_as!(
        City,
        r#"select min(city) as "name!", min(country) as "country!", count(*) as "events!",
                  coalesce(city_key = lower(immutable_unaccent($1)), false) as "selected!"
           from event
           where status = 'published' and ends_at > now()
           group by city_key
           order by 1"#,
        chosen
    )
    .fetch_all(db)
    .await
}
