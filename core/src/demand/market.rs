//! The Market report: for a range of days, and optionally one city and one category, who is
//! willing to pay, who they are, where they are, how to reach them, and what is missing.
//!
//! Views, buy page views and searches come from the demand records (`demand_days`, which reads
//! rolled-up days from `demand_daily`); holds, payments and attendance from the ledger: the
//! orders placed in the range (a cohort), which of them were paid, and which had a ticket
//! checked in. Every figure is taken in one repeatable-read snapshot.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

/// What a report is about.
#[derive(Debug, Clone)]
pub struct MarketQuery {
    /// First and last day, inclusive, in `time_zone`.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// IANA name, e.g. `Europe/Lisbon`.
    pub time_zone: String,
    /// Only events in this city (compared without case or accents).
    pub city: Option<String>,
    /// Only events of this category (its code).
    pub category: Option<String>,
}

/// From looking to going. Each step after the first also as a share of the one before it, in
/// thousandths (0 when the step before is 0).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Funnel {
    /// Event page views.
    pub views: i64,
    /// Visitors who viewed event pages: a visitor once a day on each event's page (a visitor
    /// who asked not to be tracked, once per view).
    pub viewers: i64,
    /// Buy page views.
    pub buy_views: i64,
    /// Orders placed: tickets held.
    pub holds: i64,
    /// Of those, the orders paid.
    pub paid: i64,
    /// Of those, the orders with a ticket checked in at the door.
    pub attended: i64,
    pub buy_view_permille: i64,
    pub hold_permille: i64,
    pub paid_permille: i64,
    pub attended_permille: i64,
}

impl Funnel {
    fn new(views: i64, viewers: i64, buy_views: i64, holds: i64, paid: i64, attended: i64) -> Self {
        Funnel {
            views,
            viewers,
            buy_views,
            holds,
            paid,
            attended,
            buy_view_permille: permille(buy_views, views),
            hold_permille: permille(holds, buy_views),
            paid_permille: permille(paid, holds),
            attended_permille: permille(attended, paid),
        }
    }
}

/// `part` per thousand of `whole`, rounded down; 0 of nothing.
pub fn permille(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { part.saturating_mul(1000) / whole }
}

/// The funnel of one city, category or price band.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FunnelRow {
    /// The city as written, the category's code, or the band (`EUR:2`, see [`PriceBand`]).
    pub key: String,
    #[serde(flatten)]
    pub funnel: Funnel,
}

/// A price band: an event's cheapest ticket, in its currency. Band 0 is free; then under 10,
/// 10 to 25, 25 to 50, 50 to 100 and 100 or more whole units (×100 for currencies without
/// minor units, like the yen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PriceBand<'a> {
    pub currency: &'a str,
    pub band: u8,
}

impl<'a> PriceBand<'a> {
    /// Read from a [`FunnelRow`] key.
    pub fn parse(key: &'a str) -> Option<Self> {
        let (currency, band) = key.split_once(':')?;
        Some(PriceBand { currency, band: band.parse().ok().filter(|b| *b <= 5)? })
    }

    /// The band's bounds in minor units: from, and up to (none for the last).
    pub fn bounds(self) -> (i64, Option<i64>) {
        let exponent = self.currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent());
        let unit = 10i64.pow(exponent) * if exponent == 0 { 100 } else { 1 };
        match self.band {
            0 => (0, Some(0)),
            1 => (1, Some(10 * unit)),
            2 => (10 * unit, Some(25 * unit)),
            3 => (25 * unit, Some(50 * unit)),
            4 => (50 * unit, Some(100 * unit)),
            _ => (100 * unit, None),
        }
    }
}

/// Orders started and paid on one payment rail.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RailRow {
    /// `card`, `btc`, `lightning`, `eth`, `usdc`, `usdt` or `eurc`.
    pub method: String,
    pub started: i64,
    pub paid: i64,
    pub paid_permille: i64,
}

/// A count under a name.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

/// A language: pages viewed in it and orders paid in it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LanguageRow {
    pub lang: String,
    pub views: i64,
    pub paid_orders: i64,
}

/// The people who paid.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Who {
    /// Accounts with a paid order among those placed in the range.
    pub buyers: i64,
    /// Of those, paying for the first time.
    pub new_buyers: i64,
    /// Of those, who had paid for an order placed before the range.
    pub returning_buyers: i64,
    /// Buyers who live in the city of the event they paid for (by their account's home city),
    /// who live elsewhere, and who did not say. A buyer of several events counts once in each
    /// that applies.
    pub locals: i64,
    pub visitors: i64,
    pub home_unknown: i64,
    pub languages: Vec<LanguageRow>,
    /// Paid orders by tickets in them: `1`, `2`, `3-4`, `5+`.
    pub group_sizes: Vec<Count>,
}

/// Buyers from one place paying for events in one city.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FlowRow {
    /// The buyer's home, as their account says (empty when it does not).
    pub home_country: String,
    pub home_city: String,
    pub event_city: String,
    pub event_country: String,
    pub buyers: i64,
    pub paid_orders: i64,
}

/// Money in one currency, in its minor units.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Money {
    pub currency: String,
    pub minor: i64,
}

/// What one channel brought.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ChannelRow {
    /// All three empty: direct.
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// Pages viewed in visits that came this way (searches, event and buy pages).
    pub page_views: i64,
    /// Orders placed in such visits, and of them paid.
    pub orders: i64,
    pub paid: i64,
    /// Paid orders per thousand page views.
    pub paid_per_mille_views: i64,
    /// What the paid orders came to, per currency.
    pub revenue: Vec<Money>,
}

/// What one tracking link brought to its event.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct LinkRow {
    pub link_id: Uuid,
    pub event_id: Uuid,
    pub event_title: String,
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// The address handed out.
    pub path: String,
    pub page_views: i64,
    pub orders: i64,
    pub paid: i64,
    pub currency: String,
    pub revenue_minor: i64,
}

/// Searches that found nothing, or few.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SearchGap {
    /// The words, folded (empty: a search by its filters alone).
    pub words: String,
    /// The city it was narrowed to, if any.
    pub city: String,
    /// Most results any of them found: 0, or up to 3.
    pub results: i32,
    pub searches: i64,
    /// Searchers, each counted once a day.
    pub searchers: i64,
}

/// A ticket type with nothing left to sell, or with people waiting for it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SoldOut {
    pub event_id: Uuid,
    pub title: String,
    pub city: String,
    pub starts_at: DateTime<Utc>,
    pub ticket_type: String,
    pub capacity: i64,
    /// People on its waiting list, and the tickets they ask for.
    pub waiting: i64,
    pub waiting_tickets: i64,
}

/// "Tell me when" requests made in the range for a city and a category (either may be open).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InterestRow {
    pub city: String,
    pub category: String,
    /// Still waiting for a match.
    pub open: i64,
    /// Answered with an event.
    pub answered: i64,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Market {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub time_zone: String,
    pub city: Option<String>,
    pub category: Option<String>,
    pub funnel: Funnel,
    pub by_city: Vec<FunnelRow>,
    pub by_category: Vec<FunnelRow>,
    pub by_price_band: Vec<FunnelRow>,
    pub by_rail: Vec<RailRow>,
    pub who: Who,
    /// Where buyers live against where the events they paid for are, most orders first.
    pub flows: Vec<FlowRow>,
    /// The channels, most page views first (at most [`CHANNELS_SHOWN`]).
    pub channels: Vec<ChannelRow>,
    pub tracking_links: Vec<LinkRow>,
    /// Searches with no results, then those with few, most searched first.
    pub search_gaps: Vec<SearchGap>,
    /// Upcoming ticket types sold out, the longest waiting lists first.
    pub sold_out: Vec<SoldOut>,
    /// "Tell me when" requests, the most open first.
    pub interests: Vec<InterestRow>,
}

/// The orders placed in the range, with their event (a cohort every ledger figure reads).
const ORDERS: &str = "
    orders as (
        select o.order_id, o.account_id, o.event_id, o.payment_method, o.currency, o.total_minor,
               o.locale, o.paid_at is not null as paid, e.title, e.city, e.city_key, e.country,
               e.category,
               exists (select 1 from ticket t
                       where t.order_id = o.order_id and t.checked_in_at is not null) as attended,
               (select coalesce(sum(i.quantity), 0) from order_item i
                where i.order_id = o.order_id)::bigint as tickets
        from customer_order o join event e using (event_id)
        where o.created_at >= ($1::date::timestamp at time zone $3)
          and o.created_at < (($2::date + 1)::timestamp at time zone $3)
          and ($4::text is null or e.city_key = lower(immutable_unaccent($4)))
          and ($5::text is null or e.category = $5)
    )";

/// The demand records of the range, narrowed like the orders.
const DEMAND: &str = "
    demand as (
        select * from demand_days($1::date, $2::date, $3) d
        where ($4::text is null or lower(immutable_unaccent(d.city)) = lower(immutable_unaccent($4)))
          and ($5::text is null or d.category = $5)
    )";

/// Each event's price band (see [`PriceBand`]), `CUR:n`.
const BANDS: &str = "
    bands as (
        select t.event_id,
               t.currency || ':' || case
                   when min(t.price_minor) = 0 then 0
                   when min(t.price_minor) < 10 * u.unit then 1
                   when min(t.price_minor) < 25 * u.unit then 2
                   when min(t.price_minor) < 50 * u.unit then 3
                   when min(t.price_minor) < 100 * u.unit then 4
                   else 5 end as band
        from ticket_type t
        cross join lateral (
            select (10::bigint ^ currency_exponent(t.currency))::bigint
                   * case when currency_exponent(t.currency) = 0 then 100 else 1 end as unit
        ) u
        group by t.event_id, t.currency, u.unit
    )";

type Tx<'a> = Transaction<'a, Postgres>;

/// The report for `query`.
pub async fn report(db: &PgPool, query: &MarketQuery) -> sqlx::Result<Market> {
    let mut tx = db.begin().await?;
    sqlx::query("set transaction isolation level repeatable read, read only").execute(&mut *tx).await?;

    let totals: (i64, i64, i64, i64, i64, i64) = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}, {DEMAND}
             select (select coalesce(sum(records), 0)::bigint from demand where kind = 'event_view'),
                    (select coalesce(sum(visitors + anonymous), 0)::bigint from demand where kind = 'event_view'),
                    (select coalesce(sum(records), 0)::bigint from demand where kind = 'buy_view'),
                    (select count(*) from orders),
                    (select count(*) filter (where paid) from orders),
                    (select count(*) filter (where attended) from orders)"
        )),
        query,
    )
    .fetch_one(&mut *tx)
    .await?;
    let funnel = Funnel::new(totals.0, totals.1, totals.2, totals.3, totals.4, totals.5);

    let by_city =
        funnel_by(&mut tx, query, "lower(immutable_unaccent(d.city))", "d.city", "o.city_key", "o.city", "")
            .await?;
    let by_category =
        funnel_by(&mut tx, query, "d.category", "d.category", "o.category", "o.category", "").await?;
    let mut by_price_band = funnel_by(
        &mut tx,
        query,
        "b.band",
        "b.band",
        "ob.band",
        "ob.band",
        "left join bands b on b.event_id = d.event_id",
    )
    .await?;
    by_price_band.retain(|row| PriceBand::parse(&row.key).is_some());
    by_price_band.sort_by(|a, b| {
        let (a, b) = (PriceBand::parse(&a.key), PriceBand::parse(&b.key));
        a.map(|a| (a.currency, a.band)).cmp(&b.map(|b| (b.currency, b.band)))
    });

    let rails: Vec<(String, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}
             select payment_method, count(*), count(*) filter (where paid)
             from orders group by payment_method order by count(*) desc, payment_method"
        )),
        query,
    )
    .fetch_all(&mut *tx)
    .await?;
    let by_rail = rails
        .into_iter()
        .map(|(method, started, paid)| RailRow {
            method,
            started,
            paid,
            paid_permille: permille(paid, started),
        })
        .collect();

    let who = who(&mut tx, query).await?;

    let flows: Vec<(String, String, String, String, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}
             select coalesce(a.home_country, ''), coalesce(min(a.home_city), ''), min(o.city), o.country,
                    count(distinct o.account_id), count(*)
             from orders o join account a using (account_id)
             where o.paid
             group by a.home_country, lower(immutable_unaccent(a.home_city)), o.city_key, o.country
             order by count(*) desc, 1, 2, 3
             limit 100"
        )),
        query,
    )
    .fetch_all(&mut *tx)
    .await?;
    let flows = flows
        .into_iter()
        .map(|(home_country, home_city, event_city, event_country, buyers, paid_orders)| FlowRow {
            home_country,
            home_city,
            event_city,
            event_country,
            buyers,
            paid_orders,
        })
        .collect();

    let channels = channels(&mut tx, query).await?;
    let tracking_links = tracking_links(&mut tx, query).await?;

    let gaps: Vec<(String, String, i32, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "with {DEMAND}
             select words, coalesce(min(city), ''), max(results), sum(records)::bigint,
                    sum(visitors + anonymous)::bigint
             from demand
             where kind = 'search' and results <= 3
             group by words, lower(immutable_unaccent(city)), results = 0
             order by max(results) = 0 desc, sum(records) desc, words
             limit 50"
        )),
        query,
    )
    .fetch_all(&mut *tx)
    .await?;
    let search_gaps = gaps
        .into_iter()
        .map(|(words, city, results, searches, searchers)| SearchGap {
            words,
            city,
            results,
            searches,
            searchers,
        })
        .collect();

    type SoldOutRow = (Uuid, String, String, DateTime<Utc>, String, i64, i64, i64);
    let sold_out: Vec<SoldOutRow> = sqlx::query_as(
        "select e.event_id, e.title, e.city, e.starts_at, t.name, t.capacity::bigint,
                (select count(*) from waitlist_entry w
                 where w.ticket_type_id = t.ticket_type_id and w.status = 'waiting'),
                (select coalesce(sum(w.quantity), 0) from waitlist_entry w
                 where w.ticket_type_id = t.ticket_type_id and w.status = 'waiting')::bigint
         from ticket_type t join event e using (event_id)
         where e.status = 'published' and e.starts_at > now()
           and ((t.capacity > 0 and t.sold + t.held >= t.capacity)
                or exists (select 1 from waitlist_entry w
                           where w.ticket_type_id = t.ticket_type_id and w.status = 'waiting'))
           and ($1::text is null or e.city_key = lower(immutable_unaccent($1)))
           and ($2::text is null or e.category = $2)
         order by 7 desc, e.starts_at, e.event_id, t.position
         limit 100",
    )
    .bind(&query.city)
    .bind(&query.category)
    .fetch_all(&mut *tx)
    .await?;
    let sold_out =
        sold_out
            .into_iter()
            .map(|(event_id, title, city, starts_at, ticket_type, capacity, waiting, waiting_tickets)| {
                SoldOut { event_id, title, city, starts_at, ticket_type, capacity, waiting, waiting_tickets }
            })
            .collect();

    let interests: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "select min(city), category, count(*) filter (where notified_at is null),
                count(*) filter (where notified_at is not null)
         from interest
         where created_at >= ($1::date::timestamp at time zone $3)
           and created_at < (($2::date + 1)::timestamp at time zone $3)
           and ($4::text is null or city_key = '' or city_key = lower(immutable_unaccent($4)))
           and ($5::text is null or category = '' or category = $5)
         group by city_key, category
         order by 3 desc, 4 desc, 1, 2
         limit 100",
    )
    .bind(query.from)
    .bind(query.to)
    .bind(query.time_zone.as_str())
    .bind(query.city.as_deref())
    .bind(query.category.as_deref())
    .fetch_all(&mut *tx)
    .await?;
    let interests = interests
        .into_iter()
        .map(|(city, category, open, answered)| InterestRow { city, category, open, answered })
        .collect();

    tx.commit().await?;
    Ok(Market {
        from: query.from,
        to: query.to,
        time_zone: query.time_zone.clone(),
        city: query.city.clone(),
        category: query.category.clone(),
        funnel,
        by_city,
        by_category,
        by_price_band,
        by_rail,
        who,
        flows,
        channels,
        tracking_links,
        search_gaps,
        sold_out,
        interests,
    })
}

/// Binds the query's five parameters: from, to, zone, city, category.
fn bind<'q, O>(
    query: sqlx::query::QueryAs<'q, Postgres, O, sqlx::postgres::PgArguments>,
    market: &'q MarketQuery,
) -> sqlx::query::QueryAs<'q, Postgres, O, sqlx::postgres::PgArguments> {
    query
        .bind(market.from)
        .bind(market.to)
        .bind(market.time_zone.as_str())
        .bind(market.city.as_deref())
        .bind(market.category.as_deref())
}

/// The funnel per key: `demand_key`/`demand_label` over the demand rows `d` (with `join`),
/// `order_key`/`order_label` over the orders `o` (with their band as `ob`). The expressions are
/// fixed by the callers, never input.
async fn funnel_by(
    tx: &mut Tx<'_>,
    query: &MarketQuery,
    demand_key: &str,
    demand_label: &str,
    order_key: &str,
    order_label: &str,
    join: &str,
) -> sqlx::Result<Vec<FunnelRow>> {
    let rows: Vec<(String, i64, i64, i64, i64, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}, {DEMAND}, {BANDS},
             looked as (
                 select {demand_key} as key, min({demand_label}) as label,
                        sum(records) filter (where kind = 'event_view') as views,
                        sum(visitors + anonymous) filter (where kind = 'event_view') as viewers,
                        sum(records) filter (where kind = 'buy_view') as buy_views
                 from demand d {join}
                 where kind in ('event_view', 'buy_view')
                 group by 1
             ),
             ordered as (
                 select {order_key} as key, min({order_label}) as label, count(*) as holds,
                        count(*) filter (where paid) as paid,
                        count(*) filter (where attended) as attended
                 from orders o left join bands ob on ob.event_id = o.event_id
                 group by 1
             )
             select coalesce(ordered.label, looked.label) as label,
                    coalesce(looked.views, 0)::bigint, coalesce(looked.viewers, 0)::bigint,
                    coalesce(looked.buy_views, 0)::bigint, coalesce(ordered.holds, 0)::bigint,
                    coalesce(ordered.paid, 0)::bigint, coalesce(ordered.attended, 0)::bigint
             from looked full join ordered using (key)
             where coalesce(ordered.label, looked.label) is not null
               and coalesce(ordered.label, looked.label) <> ''
             order by 6 desc, 5 desc, 2 desc, 1
             limit 100"
        )),
        query,
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, views, viewers, buy_views, holds, paid, attended)| FunnelRow {
            key,
            funnel: Funnel::new(views, viewers, buy_views, holds, paid, attended),
        })
        .collect())
}

async fn who(tx: &mut Tx<'_>, query: &MarketQuery) -> sqlx::Result<Who> {
    let (buyers, new_buyers, locals, visitors, home_unknown): (i64, i64, i64, i64, i64) = bind(
        sqlx::query_as(&format!(
            "with {ORDERS},
             paid as (
                 select o.*, a.home_city, a.home_country,
                        case when a.home_city is null then 'unknown'
                             when lower(immutable_unaccent(a.home_city)) = o.city_key
                                  and coalesce(a.home_country, o.country) = o.country then 'local'
                             else 'visitor' end as home
                 from orders o join account a using (account_id)
                 where o.paid
             )
             select count(distinct account_id),
                    count(distinct account_id) filter (where not exists (
                        select 1 from customer_order p
                        where p.account_id = paid.account_id and p.paid_at is not null
                          and p.created_at < ($1::date::timestamp at time zone $3))),
                    count(distinct account_id) filter (where home = 'local'),
                    count(distinct account_id) filter (where home = 'visitor'),
                    count(distinct account_id) filter (where home = 'unknown')
             from paid"
        )),
        query,
    )
    .fetch_one(&mut **tx)
    .await?;

    let languages: Vec<(String, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}, {DEMAND},
             looked as (select lang, sum(records) as views from demand
                        where kind in ('event_view', 'buy_view') group by lang),
             bought as (select locale as lang, count(*) as paid from orders where paid group by locale)
             select lang, coalesce(views, 0)::bigint, coalesce(paid, 0)::bigint
             from looked full join bought using (lang)
             order by 3 desc, 2 desc, 1"
        )),
        query,
    )
    .fetch_all(&mut **tx)
    .await?;

    let sizes: Vec<(String, i64)> = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}
             select case when tickets <= 2 then tickets::text
                         when tickets <= 4 then '3-4' else '5+' end as size,
                    count(*)
             from orders where paid
             group by 1 order by min(tickets)"
        )),
        query,
    )
    .fetch_all(&mut **tx)
    .await?;

    Ok(Who {
        buyers,
        new_buyers,
        returning_buyers: buyers - new_buyers,
        locals,
        visitors,
        home_unknown,
        languages: languages
            .into_iter()
            .map(|(lang, views, paid_orders)| LanguageRow { lang, views, paid_orders })
            .collect(),
        group_sizes: sizes.into_iter().map(|(key, count)| Count { key, count }).collect(),
    })
}

async fn channels(tx: &mut Tx<'_>, query: &MarketQuery) -> sqlx::Result<Vec<ChannelRow>> {
    let looked: Vec<(String, String, String, i64)> = bind(
        sqlx::query_as(&format!(
            "with {DEMAND}
             select source, medium, campaign, sum(records)::bigint
             from demand group by source, medium, campaign"
        )),
        query,
    )
    .fetch_all(&mut **tx)
    .await?;
    let bought: Vec<(String, String, String, String, i64, i64, i64)> = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}
             select coalesce(c.source, ''), coalesce(c.medium, ''), coalesce(c.campaign, ''),
                    o.currency, count(*), count(*) filter (where o.paid),
                    coalesce(sum(o.total_minor) filter (where o.paid), 0)::bigint
             from orders o left join order_channel c using (order_id)
             group by 1, 2, 3, 4"
        )),
        query,
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut rows: BTreeMap<(String, String, String), ChannelRow> = BTreeMap::new();
    for (source, medium, campaign, views) in looked {
        let entry = rows
            .entry((source.clone(), medium.clone(), campaign.clone()))
            .or_insert_with(|| empty_channel(source, medium, campaign));
        entry.page_views += views;
    }
    for (source, medium, campaign, currency, orders, paid, revenue) in bought {
        let entry = rows
            .entry((source.clone(), medium.clone(), campaign.clone()))
            .or_insert_with(|| empty_channel(source, medium, campaign));
        entry.orders += orders;
        entry.paid += paid;
        if revenue > 0 {
            entry.revenue.push(Money { currency, minor: revenue });
        }
    }
    let mut rows: Vec<ChannelRow> = rows.into_values().collect();
    for row in &mut rows {
        row.paid_per_mille_views = permille(row.paid, row.page_views);
        row.revenue.sort_by(|a, b| a.currency.cmp(&b.currency));
    }
    rows.sort_by(|a, b| b.page_views.cmp(&a.page_views).then(b.paid.cmp(&a.paid)));
    // Anyone can make up a channel with a tag: the page keeps the ones that matter.
    rows.truncate(CHANNELS_SHOWN);
    Ok(rows)
}

/// The most channels a report lists (most page views first).
pub const CHANNELS_SHOWN: usize = 100;

fn empty_channel(source: String, medium: String, campaign: String) -> ChannelRow {
    ChannelRow {
        source,
        medium,
        campaign,
        page_views: 0,
        orders: 0,
        paid: 0,
        paid_per_mille_views: 0,
        revenue: Vec::new(),
    }
}

async fn tracking_links(tx: &mut Tx<'_>, query: &MarketQuery) -> sqlx::Result<Vec<LinkRow>> {
    type Row = (Uuid, Uuid, String, String, String, String, String, i64, i64, i64, String, i64);
    let rows: Vec<Row> = bind(
        sqlx::query_as(&format!(
            "with {ORDERS}, {DEMAND}
             select l.link_id, l.event_id, e.title, e.slug, l.source, l.medium, l.campaign,
                    (select coalesce(sum(d.records), 0) from demand d
                     where d.event_id = l.event_id and d.source = l.source
                       and d.medium = l.medium and d.campaign = l.campaign)::bigint,
                    count(o.order_id), count(o.order_id) filter (where o.paid),
                    e.currency,
                    coalesce(sum(o.total_minor) filter (where o.paid), 0)::bigint
             from tracking_link l
             join event e on e.event_id = l.event_id
             left join order_channel c
                    on c.source = l.source and c.medium = l.medium and c.campaign = l.campaign
             left join orders o on o.order_id = c.order_id and o.event_id = l.event_id
             where ($4::text is null or e.city_key = lower(immutable_unaccent($4)))
               and ($5::text is null or e.category = $5)
             group by l.link_id, e.event_id
             order by 8 desc, 10 desc, e.title, l.created_at"
        )),
        query,
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                link_id,
                event_id,
                event_title,
                slug,
                source,
                medium,
                campaign,
                page_views,
                orders,
                paid,
                currency,
                revenue_minor,
            )| {
                LinkRow {
                    path: super::tracking::tagged_path(&slug, &source, &medium, &campaign),
                    link_id,
                    event_id,
                    event_title,
                    source,
                    medium,
                    campaign,
                    page_views,
                    orders,
                    paid,
                    currency,
                    revenue_minor,
                }
            },
        )
        .collect())
}

/// The tables of the report as CSV (RFC 4180, stable columns), by name: `funnel`, `buyers`, `cities`,
/// `categories`, `price-bands`, `rails`, `languages`, `group-sizes`, `flows`, `channels`,
/// `links`, `searches`, `sold-out`, `interests`.
pub fn csv(market: &Market, table: &str) -> Option<String> {
    let funnel_rows = |key: &str, rows: &[FunnelRow]| -> Vec<Vec<String>> {
        let mut out = vec![
            [key, "views", "viewers", "buy_views", "holds", "paid", "attended"].map(String::from).to_vec(),
        ];
        out.extend(rows.iter().map(|r| {
            let f = &r.funnel;
            vec![
                r.key.clone(),
                f.views.to_string(),
                f.viewers.to_string(),
                f.buy_views.to_string(),
                f.holds.to_string(),
                f.paid.to_string(),
                f.attended.to_string(),
            ]
        }));
        out
    };
    let header = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let rows: Vec<Vec<String>> = match table {
        "funnel" => funnel_rows(
            "range",
            &[FunnelRow { key: format!("{}..{}", market.from, market.to), funnel: market.funnel.clone() }],
        ),
        "cities" => funnel_rows("city", &market.by_city),
        "categories" => funnel_rows("category", &market.by_category),
        "price-bands" => {
            let mut out = vec![header(&[
                "currency",
                "from_minor",
                "to_minor",
                "views",
                "viewers",
                "buy_views",
                "holds",
                "paid",
                "attended",
            ])];
            for row in &market.by_price_band {
                let Some(band) = PriceBand::parse(&row.key) else { continue };
                let (from, to) = band.bounds();
                let f = &row.funnel;
                out.push(vec![
                    band.currency.to_string(),
                    from.to_string(),
                    to.map(|to| to.to_string()).unwrap_or_default(),
                    f.views.to_string(),
                    f.viewers.to_string(),
                    f.buy_views.to_string(),
                    f.holds.to_string(),
                    f.paid.to_string(),
                    f.attended.to_string(),
                ]);
            }
            out
        }
        "rails" => {
            let mut out = vec![header(&["method", "started", "paid"])];
            out.extend(
                market
                    .by_rail
                    .iter()
                    .map(|r| vec![r.method.clone(), r.started.to_string(), r.paid.to_string()]),
            );
            out
        }
        "buyers" => {
            let who = &market.who;
            let mut out = vec![header(&["buyers", "count"])];
            for (key, count) in [
                ("all", who.buyers),
                ("new", who.new_buyers),
                ("returning", who.returning_buyers),
                ("local", who.locals),
                ("visiting", who.visitors),
                ("home_unknown", who.home_unknown),
            ] {
                out.push(vec![key.to_string(), count.to_string()]);
            }
            out
        }
        "languages" => {
            let mut out = vec![header(&["lang", "views", "paid_orders"])];
            out.extend(
                market
                    .who
                    .languages
                    .iter()
                    .map(|r| vec![r.lang.clone(), r.views.to_string(), r.paid_orders.to_string()]),
            );
            out
        }
        "group-sizes" => {
            let mut out = vec![header(&["tickets", "paid_orders"])];
            out.extend(market.who.group_sizes.iter().map(|r| vec![r.key.clone(), r.count.to_string()]));
            out
        }
        "flows" => {
            let mut out = vec![header(&[
                "home_country",
                "home_city",
                "event_city",
                "event_country",
                "buyers",
                "paid_orders",
            ])];
            out.extend(market.flows.iter().map(|r| {
                vec![
                    r.home_country.clone(),
                    r.home_city.clone(),
                    r.event_city.clone(),
                    r.event_country.clone(),
                    r.buyers.to_string(),
                    r.paid_orders.to_string(),
                ]
            }));
            out
        }
        "channels" => {
            let mut out = vec![header(&[
                "source",
                "medium",
                "campaign",
                "page_views",
                "orders",
                "paid",
                "currency",
                "revenue_minor",
            ])];
            for r in &market.channels {
                let base = vec![
                    r.source.clone(),
                    r.medium.clone(),
                    r.campaign.clone(),
                    r.page_views.to_string(),
                    r.orders.to_string(),
                    r.paid.to_string(),
                ];
                if r.revenue.is_empty() {
                    out.push([base.clone(), vec![String::new(), "0".into()]].concat());
                }
                // One line per currency: a channel that took euros and yen has two.
                for money in &r.revenue {
                    out.push([base.clone(), vec![money.currency.clone(), money.minor.to_string()]].concat());
                }
            }
            out
        }
        "links" => {
            let mut out = vec![header(&[
                "event_id",
                "event_title",
                "source",
                "medium",
                "campaign",
                "path",
                "page_views",
                "orders",
                "paid",
                "currency",
                "revenue_minor",
            ])];
            out.extend(market.tracking_links.iter().map(|r| {
                vec![
                    r.event_id.to_string(),
                    r.event_title.clone(),
                    r.source.clone(),
                    r.medium.clone(),
                    r.campaign.clone(),
                    r.path.clone(),
                    r.page_views.to_string(),
                    r.orders.to_string(),
                    r.paid.to_string(),
                    r.currency.clone(),
                    r.revenue_minor.to_string(),
                ]
            }));
            out
        }
        "searches" => {
            let mut out = vec![header(&["words", "city", "results", "searches", "searchers"])];
            out.extend(market.search_gaps.iter().map(|r| {
                vec![
                    r.words.clone(),
                    r.city.clone(),
                    r.results.to_string(),
                    r.searches.to_string(),
                    r.searchers.to_string(),
                ]
            }));
            out
        }
        "sold-out" => {
            let mut out = vec![header(&[
                "event_id",
                "title",
                "city",
                "starts_at",
                "ticket_type",
                "capacity",
                "waiting",
                "waiting_tickets",
            ])];
            out.extend(market.sold_out.iter().map(|r| {
                vec![
                    r.event_id.to_string(),
                    r.title.clone(),
                    r.city.clone(),
                    r.starts_at.to_rfc3339(),
                    r.ticket_type.clone(),
                    r.capacity.to_string(),
                    r.waiting.to_string(),
                    r.waiting_tickets.to_string(),
                ]
            }));
            out
        }
        "interests" => {
            let mut out = vec![header(&["city", "category", "open", "answered"])];
            out.extend(market.interests.iter().map(|r| {
                vec![r.city.clone(), r.category.clone(), r.open.to_string(), r.answered.to_string()]
            }));
            out
        }
        _ => return None,
    };
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> =
            row.iter().map(|value| crate::reconcile::csv_field(&defused(value))).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    Some(out)
}

/// A cell a spreadsheet would not run as a formula: text from visitors (a campaign's tags, a
/// search's words) starting with `=`, `+`, `-`, `@` or a control character gets a `'` first.
fn defused(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// The tables [`csv`] knows.
pub const CSV_TABLES: [&str; 14] = [
    "funnel",
    "buyers",
    "cities",
    "categories",
    "price-bands",
    "rails",
    "languages",
    "group-sizes",
    "flows",
    "channels",
    "links",
    "searches",
    "sold-out",
    "interests",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_in_each_currency_and_conversion_never_divides_by_zero() {
        assert_eq!(PriceBand::parse("EUR:2").unwrap().bounds(), (1000, Some(2500)));
        assert_eq!(PriceBand::parse("JPY:2").unwrap().bounds(), (1000, Some(2500)));
        assert_eq!(PriceBand::parse("EUR:0").unwrap().bounds(), (0, Some(0)));
        assert_eq!(PriceBand::parse("PLN:5").unwrap().bounds(), (10000, None));
        assert!(PriceBand::parse("EUR:9").is_none());
        assert!(PriceBand::parse("EUR").is_none());
        assert_eq!(permille(1, 3), 333);
        assert_eq!(permille(5, 0), 0);
        let funnel = Funnel::new(200, 150, 50, 10, 8, 6);
        assert_eq!(
            (funnel.buy_view_permille, funnel.hold_permille, funnel.paid_permille, funnel.attended_permille),
            (250, 200, 800, 750)
        );
    }
}
