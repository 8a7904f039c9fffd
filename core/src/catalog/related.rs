//! "More like this" for an event's page: what else is on nearby, more of the same kind, and
//! what people who bought tickets for it also bought.

use sqlx::PgPool;

use super::filter::{EventFilter, Limit, Near};
use super::read::{event_by_id, list_upcoming};
use super::{Event, EventStatus};

/// How close "nearby" is: a walk, a tram ride.
pub const NEARBY_RADIUS_M: u32 = 25_000;

/// "Also bought" names an event only when at least this many people bought tickets for both:
/// fewer, and it would point at someone.
pub const ALSO_BOUGHT_MIN_BUYERS: i64 = 5;

/// Upcoming published events related to one, each list without the event itself and without
/// repeating an event of an earlier list.
#[derive(Debug, Clone, Default)]
pub struct Related {
    /// On near the venue, nearest first.
    pub nearby: Vec<Event>,
    /// Of the same category anywhere, nearest first.
    pub same_kind: Vec<Event>,
    /// Bought by its buyers (paid orders), the most shared first.
    pub also_bought: Vec<Event>,
}

/// Lists upcoming events nearest first, as [`list_upcoming`] with a `near` filter does: the
/// search index's copy of the catalog answers it without a round trip.
pub type Nearest<'a> = &'a (dyn Fn(&EventFilter, Limit) -> Vec<Event> + Sync);

/// What is related to `event`, at most `per_list` in each list. `nearest`, when given, lists
/// nearby events and those of the same kind instead of Postgres.
pub async fn related(
    db: &PgPool,
    event: &Event,
    per_list: u16,
    nearest: Option<Nearest<'_>>,
) -> sqlx::Result<Related> {
    let limit = Limit::new_const(if per_list == 0 { 1 } else { per_list.min(Limit::MAX - 2) } + 2);
    let here = |radius_m| Near {
        lat_e6: (event.latitude * 1e6).round() as i32,
        lng_e6: (event.longitude * 1e6).round() as i32,
        radius_m,
    };
    let mut seen = vec![event.id];
    let mut take = |events: Vec<Event>| -> Vec<Event> {
        let kept: Vec<Event> =
            events.into_iter().filter(|e| !seen.contains(&e.id)).take(usize::from(per_list)).collect();
        seen.extend(kept.iter().map(|e| e.id));
        kept
    };

    let nearby_filter =
        EventFilter { near: Some(here(NEARBY_RADIUS_M)), by_distance: true, ..EventFilter::default() };
    let list = async |filter: &EventFilter, limit: Limit| match nearest {
        Some(nearest) => Ok(nearest(filter, limit)),
        None => list_upcoming(db, filter, limit, None).await.map(|page| page.events),
    };
    let nearby = take(list(&nearby_filter, limit).await?);

    // Enough to fill the list after leaving out the event and what is nearby.
    let wider =
        Limit::new_const((usize::from(limit.get()) + nearby.len()).min(usize::from(Limit::MAX)) as u16);
    let kind_filter = EventFilter {
        category: Some(event.category),
        near: Some(here(Near::MAX_RADIUS_M)),
        by_distance: true,
        ..EventFilter::default()
    };
    let same_kind = take(list(&kind_filter, wider).await?);

    let shared = sqlx::query_scalar!(
        r#"with buyers as (
               select distinct account_id from customer_order
               where event_id = $1 and status in ('paid', 'fulfilled')
           )
           select o.event_id as "event_id!"
           from customer_order o
           join buyers b using (account_id)
           join event e using (event_id)
           where o.event_id <> $1 and o.status in ('paid', 'fulfilled')
             and e.status = 'published' and e.ends_at > now()
           group by o.event_id
           having count(distinct o.account_id) >= $2
           order by count(distinct o.account_id) desc, min(e.starts_at), o.event_id
           limit $3"#,
        event.id,
        ALSO_BOUGHT_MIN_BUYERS,
        i64::from(limit.get())
    )
    .fetch_all(db)
    .await?;
    let mut bought = Vec::with_capacity(shared.len());
    for id in shared {
        if let Some(other) = event_by_id(db, id).await?
            && other.status == EventStatus::Published
        {
            bought.push(other);
        }
    }
    let also_bought = take(bought);
    Ok(Related { nearby, same_kind, also_bought })
}
