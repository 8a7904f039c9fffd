//! Waiting lists: names taken in arrival order for a sold-out ticket type, one place per
//! account; tickets that come back are offered to the next in line as an order placed for them
//! (see `migrations/20261219000027_waiting_lists.sql`). The web process's task
//! (`api::waitlist::offer_tickets`) places the orders; this module keeps the line.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::order::PaymentMethod;

/// A place in a line.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    pub entry_id: Uuid,
    pub event_id: Uuid,
    pub ticket_type_id: Uuid,
    pub account_id: Uuid,
    pub quantity: i32,
    /// `card`, `btc`, `lightning`, `eth`, `usdc`, `usdt` or `eurc`.
    pub payment_method: String,
    pub locale: String,
    pub joined_at: DateTime<Utc>,
    /// `waiting`, `offered`, `claimed`, `lapsed` or `left`.
    pub status: String,
    /// The order the offer placed.
    pub order_id: Option<Uuid>,
    /// Ahead in the line, themselves included (while waiting).
    pub position: Option<i64>,
}

/// Why a place was not taken.
#[derive(Debug, thiserror::Error)]
pub enum WaitlistError {
    #[error("no such ticket type for this event")]
    NoTicketType,
    #[error("the event is not on sale")]
    Closed,
    #[error("tickets are still on sale")]
    NotSoldOut,
    #[error("already in line")]
    AlreadyWaiting,
    #[error("bad quantity")]
    Quantity,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The most tickets one place asks for.
pub const MAX_QUANTITY: i32 = 10;

const COLUMNS: &str = "w.entry_id, w.event_id, w.ticket_type_id, w.account_id, w.quantity, w.payment_method,
     w.locale, w.joined_at, w.status, w.order_id,
     case when w.status = 'waiting' then (
         select count(*) from waitlist_entry a
         where a.ticket_type_id = w.ticket_type_id and a.status = 'waiting'
           and (a.joined_at, a.entry_id) <= (w.joined_at, w.entry_id)) end as position";

type Row = (Uuid, Uuid, Uuid, Uuid, i32, String, String, DateTime<Utc>, String, Option<Uuid>, Option<i64>);

fn entry(row: Row) -> Entry {
    let (
        entry_id,
        event_id,
        ticket_type_id,
        account_id,
        quantity,
        payment_method,
        locale,
        joined_at,
        status,
        order_id,
        position,
    ) = row;
    Entry {
        entry_id,
        event_id,
        ticket_type_id,
        account_id,
        quantity,
        payment_method,
        locale,
        joined_at,
        status,
        order_id,
        position,
    }
}

/// Takes a place for `account_id` in the line of a ticket type of `event_id` that is sold out
/// (nothing left but what holds past their time may give back) on a published event that has
/// not started.
pub async fn join(
    db: &PgPool,
    account_id: Uuid,
    event_id: Uuid,
    ticket_type_id: Uuid,
    quantity: i32,
    method: PaymentMethod,
    locale: &str,
) -> Result<Entry, WaitlistError> {
    if !(1..=MAX_QUANTITY).contains(&quantity) {
        return Err(WaitlistError::Quantity);
    }
    // What anyone could buy (holds past their time count as free, as on the buy page):
    // nothing while someone already waiting wants no more than that (it is theirs first).
    let stock: Option<(i32, bool, i32, i32)> = sqlx::query_as(
        "select case when f.free >= waitlist_smallest(t.ticket_type_id) then 0 else f.free end,
                e.status = 'published' and e.starts_at > now(),
                coalesce((select l.max_tickets_per_account from event_purchase_limit l
                          where l.event_id = e.event_id), 10),
                t.capacity
         from ticket_type t join event e using (event_id)
         cross join lateral (select t.capacity - t.sold - t.held + coalesce(
             (select sum(i.quantity) from order_item i join customer_order o using (order_id)
              where i.ticket_type_id = t.ticket_type_id and o.status = 'pending_payment'
                and not o.payment_detected and o.expires_at <= now()), 0)::int as free) f
         where t.ticket_type_id = $1 and t.event_id = $2",
    )
    .bind(ticket_type_id)
    .bind(event_id)
    .fetch_optional(db)
    .await?;
    let Some((left, open, per_account, capacity)) = stock else { return Err(WaitlistError::NoTicketType) };
    if !open {
        return Err(WaitlistError::Closed);
    }
    if left > 0 {
        return Err(WaitlistError::NotSoldOut);
    }
    // More than one account may have of the event, or than the ticket type holds, could never
    // be offered.
    if quantity > per_account || (capacity > 0 && quantity > capacity) {
        return Err(WaitlistError::Quantity);
    }
    let inserted: Option<(Uuid,)> = sqlx::query_as(
        "insert into waitlist_entry (entry_id, event_id, ticket_type_id, account_id, quantity, payment_method, locale)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (ticket_type_id, account_id) where status in ('waiting', 'offered') do nothing
         returning entry_id",
    )
    .bind(Uuid::now_v7())
    .bind(event_id)
    .bind(ticket_type_id)
    .bind(account_id)
    .bind(quantity)
    .bind(method.as_str())
    .bind(locale)
    .fetch_optional(db)
    .await?;
    let Some((entry_id,)) = inserted else { return Err(WaitlistError::AlreadyWaiting) };
    by_id(db, entry_id).await?.ok_or(WaitlistError::NoTicketType)
}

/// One place, with its position.
pub async fn by_id(db: &PgPool, entry_id: Uuid) -> sqlx::Result<Option<Entry>> {
    let row: Option<Row> =
        sqlx::query_as(&format!("select {COLUMNS} from waitlist_entry w where w.entry_id = $1"))
            .bind(entry_id)
            .fetch_optional(db)
            .await?;
    Ok(row.map(entry))
}

/// An account's places in the lines of `event_id` that are still open (waiting or offered).
pub async fn of_account(db: &PgPool, account_id: Uuid, event_id: Uuid) -> sqlx::Result<Vec<Entry>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from waitlist_entry w
         where w.account_id = $1 and w.event_id = $2 and w.status in ('waiting', 'offered')
         order by w.joined_at"
    ))
    .bind(account_id)
    .bind(event_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(entry).collect())
}

/// Gives up a place still waiting; whether there was one.
pub async fn leave(db: &PgPool, account_id: Uuid, entry_id: Uuid) -> sqlx::Result<bool> {
    let left = sqlx::query(
        "update waitlist_entry set status = 'left', ended_at = now()
         where entry_id = $1 and account_id = $2 and status = 'waiting'",
    )
    .bind(entry_id)
    .bind(account_id)
    .execute(db)
    .await?
    .rows_affected();
    Ok(left == 1)
}

/// Ticket types with tickets free again that someone in their line waits for (holds past their
/// time count as free: placing the offer's order releases them first), with how many are free.
pub async fn with_tickets_back(db: &PgPool) -> sqlx::Result<Vec<(Uuid, i32)>> {
    sqlx::query_as(
        "select ticket_type_id, free from (
             select t.ticket_type_id, waitlist_smallest(t.ticket_type_id) as smallest,
                    (t.capacity - t.sold - t.held
                     + coalesce((select sum(i.quantity) from order_item i join customer_order o using (order_id)
                                 where i.ticket_type_id = t.ticket_type_id and o.status = 'pending_payment'
                                   and not o.payment_detected and o.expires_at <= now()), 0))::int as free
             from ticket_type t
             where exists (select 1 from waitlist_entry w
                           where w.ticket_type_id = t.ticket_type_id and w.status = 'waiting')
         ) x
         where free >= smallest
         order by ticket_type_id",
    )
    .fetch_all(db)
    .await
}

/// Those waiting for a ticket type for no more than `free` tickets, in arrival order (the first
/// 100), leaving out places passed over a moment ago.
pub async fn line(db: &PgPool, ticket_type_id: Uuid, free: i32) -> sqlx::Result<Vec<Entry>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from waitlist_entry w
         where w.ticket_type_id = $1 and w.status = 'waiting' and w.quantity <= $2
           and (w.passed_until is null or w.passed_until <= now())
         order by w.joined_at, w.entry_id limit 100"
    ))
    .bind(ticket_type_id)
    .bind(free)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(entry).collect())
}

/// How long a place the round had to pass over (its account has too many unpaid orders just
/// now) is left out of the line's claim on tickets that come back.
pub const PASSED_OVER_FOR: chrono::Duration = chrono::Duration::minutes(2);

/// Passes over a place still waiting for [`PASSED_OVER_FOR`]: it keeps its place in the line,
/// but until then the tickets it waits for are not kept from others.
pub async fn pass_over(db: &PgPool, entry_id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "update waitlist_entry set passed_until = now() + $2
         where entry_id = $1 and status = 'waiting'",
    )
    .bind(entry_id)
    .bind(PASSED_OVER_FOR)
    .execute(db)
    .await?;
    Ok(())
}

/// Notes the order placed for a place still waiting; whether it was.
pub async fn offered(db: &PgPool, entry_id: Uuid, order_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update waitlist_entry set status = 'offered', order_id = $2, offered_at = now()
         where entry_id = $1 and status = 'waiting'",
    )
    .bind(entry_id)
    .bind(order_id)
    .execute(db)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// A place that cannot be served (the order could not be placed for them): out of the line.
pub async fn lapse(db: &PgPool, entry_id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "update waitlist_entry set status = 'lapsed', ended_at = now()
         where entry_id = $1 and status = 'waiting'",
    )
    .bind(entry_id)
    .execute(db)
    .await?;
    Ok(())
}

/// Offers whose order has ended: paid, the place is claimed; expired, cancelled or failed, it
/// lapsed (its tickets went back, to the next in line). Returns (claimed, lapsed).
pub async fn settle_offers(db: &PgPool) -> sqlx::Result<(u64, u64)> {
    let claimed = sqlx::query(
        "update waitlist_entry w set status = 'claimed', ended_at = now()
         from customer_order o
         where w.status = 'offered' and o.order_id = w.order_id and o.paid_at is not null",
    )
    .execute(db)
    .await?
    .rows_affected();
    let lapsed = sqlx::query(
        "update waitlist_entry w set status = 'lapsed', ended_at = now()
         where w.status = 'offered'
           and not exists (select 1 from customer_order o
                           where o.order_id = w.order_id and (o.status = 'pending_payment' or o.paid_at is not null))",
    )
    .execute(db)
    .await?
    .rows_affected();
    Ok((claimed, lapsed))
}

/// An offer to announce.
#[derive(Debug, Clone)]
pub struct OfferToSend {
    pub entry_id: Uuid,
    pub order_id: Uuid,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub event_title: String,
    pub ticket_type: String,
    pub quantity: i32,
    pub expires_at: DateTime<Utc>,
    pub timezone: String,
}

/// Offers whose email has not gone yet, for orders still waiting for payment.
pub async fn offers_to_send(db: &PgPool) -> sqlx::Result<Vec<OfferToSend>> {
    type Offer = (Uuid, Uuid, String, String, String, String, String, i32, DateTime<Utc>, String);
    let rows: Vec<Offer> = sqlx::query_as(
        "select w.entry_id, o.order_id, a.email, a.name, w.locale, e.title, t.name, w.quantity, o.expires_at, e.timezone
         from waitlist_entry w
         join customer_order o on o.order_id = w.order_id
         join account a on a.account_id = w.account_id
         join event e on e.event_id = w.event_id
         join ticket_type t on t.ticket_type_id = w.ticket_type_id
         where w.status = 'offered' and w.offer_emailed_at is null and o.status = 'pending_payment'
           and o.expires_at > now()
         order by w.offered_at
         limit 100",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(
                entry_id,
                order_id,
                email,
                name,
                locale,
                event_title,
                ticket_type,
                quantity,
                expires_at,
                timezone,
            )| {
                OfferToSend {
                    entry_id,
                    order_id,
                    email,
                    name,
                    locale,
                    event_title,
                    ticket_type,
                    quantity,
                    expires_at,
                    timezone,
                }
            },
        )
        .collect())
}

/// Notes that an offer's email went.
pub async fn offer_sent(db: &PgPool, entry_id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update waitlist_entry set offer_emailed_at = now() where entry_id = $1")
        .bind(entry_id)
        .execute(db)
        .await?;
    Ok(())
}
