//! Sales figures for admins, read from the ledger: orders, their items and payments, and the
//! chain receipts that paid them. Every sum is exact: integers in minor units (fiat),
//! satoshis, or base units (wei, token units) summed as `numeric`, never a float.
//!
//! A range is a set of whole days in the reporting time zone. An order counts on the day it
//! was placed for "placed" figures and on the day it was paid for sales and revenue; an order
//! that was paid and later refunded counts as placed but not as sold.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

/// Which orders a report is about.
#[derive(Debug, Clone)]
pub struct Range {
    /// First and last day, inclusive, in `time_zone`.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// IANA name, e.g. `Europe/Lisbon`.
    pub time_zone: String,
    /// One event, or all.
    pub event_id: Option<Uuid>,
}

/// One event's inventory and takings (now, not limited to the range).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EventSales {
    pub event_id: Uuid,
    pub title: String,
    pub city: String,
    pub category: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub currency: String,
    pub capacity: i64,
    pub sold: i64,
    /// Held by orders waiting for payment.
    pub held: i64,
    /// Sold per thousand of capacity (0 with no capacity).
    pub sell_through_permille: i64,
    /// What its paid orders came to, in minor units of `currency`.
    pub revenue_minor: i64,
}

/// A day of the range.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Day {
    pub date: NaiveDate,
    /// Orders placed that day, whatever became of them.
    pub orders_placed: i64,
    /// Orders paid that day, and their tickets.
    pub orders_paid: i64,
    pub tickets_sold: i64,
}

/// Money received in one asset, in its own unit.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AssetTotal {
    /// `EUR`, `BTC`, `ETH`, `USDC`, ...
    pub asset: String,
    /// `fiat`, `bitcoin`, `ether` or `token`.
    pub kind: String,
    /// Ether and tokens: the chain they were received on (USDC on two chains is two totals).
    pub chain_id: Option<i64>,
    /// The exponent of the asset's base unit: 2 for EUR cents, 8 for satoshis, 18 for wei.
    pub decimals: i32,
    /// In base units, exact (a decimal string: wei overflow 64 bits).
    pub amount_base: String,
    /// The same in whole units of the asset, exact (`0.0125` BTC).
    pub amount: String,
    /// Paid orders it came from.
    pub orders: i64,
    /// What went back of it (refunds that succeeded), in base units and whole units.
    pub refunded_base: String,
    pub refunded: String,
    /// What stays: received less refunded.
    pub net_base: String,
    pub net: String,
}

/// The fiat value of what one payment method took in one currency: the orders' totals, at the
/// rate each was quoted at.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MethodTotal {
    /// `card`, `btc`, `lightning`, `eth`, `usdc`, `usdt` or `eurc`.
    pub method: String,
    pub currency: String,
    pub orders: i64,
    pub tickets: i64,
    pub amount_minor: i64,
}

/// What became of the orders placed in the range.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Funnel {
    pub created: i64,
    /// Reached `paid` (including those fulfilled and refunded since).
    pub paid: i64,
    pub fulfilled: i64,
    pub expired: i64,
    pub cancelled: i64,
    pub failed: i64,
    pub pending: i64,
    /// With money due back (a payment that could not pay, or an overpayment's excess).
    pub refund_due: i64,
}

/// Tickets sold in the range by a city or category.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Ranked {
    pub name: String,
    pub tickets: i64,
    pub orders: i64,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub time_zone: String,
    pub event_id: Option<Uuid>,
    pub events: Vec<EventSales>,
    pub days: Vec<Day>,
    /// What came in, per asset in its own unit (orders paid in the range, those refunded since
    /// included), what went back of it, and what stays.
    pub received: Vec<AssetTotal>,
    /// The same orders' totals per payment method and currency.
    pub by_method: Vec<MethodTotal>,
    pub funnel: Funnel,
    pub top_cities: Vec<Ranked>,
    pub top_categories: Vec<Ranked>,
}

/// The report for `range`.
pub async fn report(db: &PgPool, range: &Range) -> sqlx::Result<Report> {
    let mut tx = db.begin().await?;
    // One snapshot for every figure, so they agree with each other.
    sqlx::query!("set transaction isolation level repeatable read, read only").execute(&mut *tx).await?;
    let tz = range.time_zone.as_str();
    let (from, to, event) = (range.from, range.to, range.event_id);

    let events = sqlx::query_as!(
        EventSales,
        r#"select e.event_id, e.title, e.city, e.category, e.starts_at, e.currency,
                  coalesce(t.capacity, 0) as "capacity!", coalesce(t.sold, 0) as "sold!",
                  coalesce(t.held, 0) as "held!",
                  case when coalesce(t.capacity, 0) = 0 then 0
                       else (coalesce(t.sold, 0) * 1000 / t.capacity)::bigint end as "sell_through_permille!",
                  coalesce(r.revenue, 0)::bigint as "revenue_minor!"
           from event e
           left join (select event_id, sum(capacity)::bigint as capacity, sum(sold)::bigint as sold,
                             sum(held)::bigint as held
                      from ticket_type group by event_id) t using (event_id)
           left join (select event_id, sum(total_minor) as revenue from customer_order
                      where status in ('paid', 'fulfilled') group by event_id) r using (event_id)
           where ($1::uuid is null or e.event_id = $1)
           order by coalesce(t.sold, 0) desc, e.starts_at, e.event_id"#,
        event
    )
    .fetch_all(&mut *tx)
    .await?;

    let days = sqlx::query_as!(
        Day,
        r#"with days as (select d::date as date from generate_series($1::date, $2::date, interval '1 day') d),
           placed as (
               select (created_at at time zone $3)::date as date, count(*) as n from customer_order
               where ($4::uuid is null or event_id = $4)
                 and (created_at at time zone $3)::date between $1 and $2
               group by 1),
           paid as (
               select (o.paid_at at time zone $3)::date as date, count(*) as n,
                      sum((select sum(quantity) from order_item i where i.order_id = o.order_id)) as tickets
               from customer_order o
               where o.status in ('paid', 'fulfilled') and ($4::uuid is null or o.event_id = $4)
                 and (o.paid_at at time zone $3)::date between $1 and $2
               group by 1)
           select days.date as "date!", coalesce(placed.n, 0) as "orders_placed!",
                  coalesce(paid.n, 0) as "orders_paid!", coalesce(paid.tickets, 0)::bigint as "tickets_sold!"
           from days left join placed using (date) left join paid using (date)
           order by days.date"#,
        from,
        to,
        tz,
        event
    )
    .fetch_all(&mut *tx)
    .await?;

    // Orders paid in the range, the set every money figure is about.
    let received = sqlx::query_as!(
        AssetTotal,
        r#"with paid as (
               select order_id, currency, payment_method from customer_order
               where status in ('paid', 'fulfilled', 'refunded') and paid_at is not null
                 and ($4::uuid is null or event_id = $4)
                 and (paid_at at time zone $3)::date between $1 and $2)
           select asset as "asset!", kind as "kind!", chain_id, decimals as "decimals!",
                  sum(amount)::text as "amount_base!", '' as "amount!", count(distinct order_id) as "orders!",
                  -- What went back of it: a card payment refunded in full (by refunds, or by the
                  -- bank after a lost dispute) all it received, else its refunds that succeeded.
                  (coalesce((select sum(case when p.status = 'refunded' then p.received_minor
                                            else (select coalesce(sum(f.amount), 0) from refund f
                                                  where f.payment_id = p.payment_id and f.status = 'succeeded') end)
                            from payment p join paid using (order_id)
                            where kind = 'fiat' and p.provider = 'stripe' and p.currency = received.asset
                              and p.status in ('succeeded', 'refunded') and p.refund_reason is null), 0)
                  -- Bitcoin: the satoshis its refunds paid out.
                  + coalesce((select sum(f.amount) from refund f join paid using (order_id)
                              join payment p on p.payment_id = f.payment_id
                              where kind = 'bitcoin' and f.rail = 'btc' and f.status = 'succeeded'
                                and p.refund_reason is null), 0)
                  -- Ethereum: the wei or token units its refunds sent back, in this asset.
                  + coalesce((select sum(f.amount) from refund f join paid using (order_id)
                              join payment p on p.payment_id = f.payment_id
                              join eth_receipt e on e.eth_receipt_id = f.eth_receipt_id
                              where kind in ('ether', 'token') and f.rail = 'eth' and f.asset = received.asset
                                and e.chain_id = received.chain_id
                                and f.status = 'succeeded' and p.refund_reason is null), 0))::text
                      as "refunded_base!",
                  '' as "refunded!", '' as "net_base!", '' as "net!"
           from (
               -- The money that paid each order, in its own unit: a card payment that
               -- succeeded, every settled bitcoin output of its invoice, every confirmed
               -- contract log that paid it (in the quote's asset: one of another asset
               -- could not pay it).
               select r.asset, case r.rail when 'card' then 'fiat' when 'btc' then 'bitcoin'
                                           when 'eth' then case when r.asset = 'ETH' then 'ether' else 'token' end
                                           end as kind,
                      case when r.rail = 'card' then 0 else r.decimals end as decimals,
                      r.amount_base::numeric as amount, r.order_id, r.chain_id
               from receipt r join paid using (order_id)
               where case r.rail
                         -- The payment that paid the order (one due back is not takings).
                         when 'card' then r.payment_status in ('succeeded', 'refunded') and r.refund_reason is null
                         when 'btc' then r.status = 'settled'
                         when 'eth' then r.status = 'confirmed' and r.outcome in ('paid', 'paid_late', 'overpaid')
                     end
           ) received
           group by asset, kind, decimals, chain_id
           order by kind, asset, chain_id"#,
        from,
        to,
        tz,
        event
    )
    .fetch_all(&mut *tx)
    .await?;
    // Fiat's decimals are its currency's.
    let received = received
        .into_iter()
        .map(|mut total| {
            if total.kind == "fiat" {
                total.decimals =
                    total.asset.parse::<crate::money::Currency>().map_or(2, |c| c.exponent() as i32);
            }
            let whole = |base: &str| crate::money::units_decimal(base, total.decimals.max(0) as u32);
            total.amount = whole(&total.amount_base);
            // Exact in i128: far beyond any sum of wei a shop takes.
            let net = total.amount_base.parse::<i128>().unwrap_or(0)
                - total.refunded_base.parse::<i128>().unwrap_or(0);
            total.net_base = net.to_string();
            total.refunded = whole(&total.refunded_base);
            total.net = whole(&total.net_base);
            total
        })
        .collect();

    let by_method = sqlx::query_as!(
        MethodTotal,
        r#"select o.payment_method as method, o.currency, count(*) as "orders!",
                  coalesce(sum((select sum(quantity) from order_item i where i.order_id = o.order_id)), 0)::bigint
                      as "tickets!",
                  coalesce(sum(o.total_minor), 0)::bigint as "amount_minor!"
           from customer_order o
           where o.status in ('paid', 'fulfilled') and ($4::uuid is null or o.event_id = $4)
             and (o.paid_at at time zone $3)::date between $1 and $2
           group by o.payment_method, o.currency
           order by o.payment_method, o.currency"#,
        from,
        to,
        tz,
        event
    )
    .fetch_all(&mut *tx)
    .await?;

    let funnel = sqlx::query_as!(
        Funnel,
        r#"select count(*) as "created!",
                  count(*) filter (where paid_at is not null) as "paid!",
                  count(*) filter (where status = 'fulfilled') as "fulfilled!",
                  count(*) filter (where status = 'expired') as "expired!",
                  count(*) filter (where status = 'cancelled') as "cancelled!",
                  count(*) filter (where status = 'failed') as "failed!",
                  count(*) filter (where status = 'pending_payment') as "pending!",
                  count(*) filter (where exists (
                      select 1 from payment p where p.order_id = o.order_id
                        and (p.status = 'refund_due' or (p.status = 'succeeded' and p.overpaid_minor > 0))
                  )) as "refund_due!"
           from customer_order o
           where ($4::uuid is null or o.event_id = $4)
             and (o.created_at at time zone $3)::date between $1 and $2"#,
        from,
        to,
        tz,
        event
    )
    .fetch_one(&mut *tx)
    .await?;

    let ranked = |by: &'static str| {
        // The column is one of two fixed names, never input.
        format!(
            r#"select e.{by} as name, sum(i.quantity)::bigint as tickets, count(distinct o.order_id) as orders
               from customer_order o join event e using (event_id) join order_item i using (order_id)
               where o.status in ('paid', 'fulfilled') and ($4::uuid is null or o.event_id = $4)
                 and (o.paid_at at time zone $3)::date between $1 and $2
               group by e.{by}
               order by tickets desc, name
               limit 10"#
        )
    };
    let mut top = Vec::new();
    for by in ["city", "category"] {
        let rows: Vec<(String, i64, i64)> =
            sqlx::query_as(&ranked(by)).bind(from).bind(to).bind(tz).bind(event).fetch_all(&mut *tx).await?;
        top.push(rows.into_iter().map(|(name, tickets, orders)| Ranked { name, tickets, orders }).collect());
    }
    tx.commit().await?;
    let top_categories = top.pop().unwrap_or_default();
    let top_cities = top.pop().unwrap_or_default();
    Ok(Report {
        from,
        to,
        time_zone: range.time_zone.clone(),
        event_id: event,
        events,
        days,
        received,
        by_method,
        funnel,
        top_cities,
        top_categories,
    })
}

/// Every event, soonest first, for a report's event filter: (id, title, city).
pub async fn events_to_filter(db: &PgPool) -> sqlx::Result<Vec<(Uuid, String, String)>> {
    let rows = sqlx::query!("select event_id, title, city from event order by starts_at, event_id")
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.event_id, r.title, r.city)).collect())
}
