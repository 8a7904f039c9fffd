//! Placing an order: checking what was asked, holding the tickets and opening the payment, in
//! one transaction.

use chrono::{Duration, Utc};
use sha2::{Digest as _, Sha256};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::transition::release_expired_holds;
use super::{MAX_TICKETS_PER_ORDER, PaymentMethod};
use crate::catalog::FieldError;

/// The `payment.provider` of an order that costs nothing.
pub const FREE: &str = "free";

/// One line of a purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuyItem {
    pub ticket_type_id: Uuid,
    pub quantity: i32,
}

/// A purchase as the customer asked for it.
#[derive(Debug, Clone)]
pub struct NewOrder<'a> {
    pub account_id: Uuid,
    pub event_id: Uuid,
    pub items: &'a [BuyItem],
    pub method: PaymentMethod,
    /// The client's `Idempotency-Key`: the same key with the same request is the same order.
    pub idempotency_key: Option<&'a str>,
    /// How long the tickets are held for payment.
    pub hold: Duration,
}

/// The order now exists (or already did, for a repeated idempotency key).
#[derive(Debug, Clone)]
pub struct Placed {
    pub order_id: Uuid,
    /// The idempotency key had already made this order; nothing new was held.
    pub replayed: bool,
    /// What was just placed, for opening its checkout without reading it back; none for a
    /// replay.
    pub fresh: Option<FreshOrder>,
}

/// An order just placed, as its checkout needs it.
#[derive(Debug, Clone)]
pub struct FreshOrder {
    pub event_title: String,
    pub currency: String,
    pub total_minor: i64,
    pub expires_at: chrono::DateTime<Utc>,
    pub items: Vec<super::OrderItem>,
}

/// A ticket type that could not supply what was asked, and what it has left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoldOutLine {
    pub ticket_type_id: Uuid,
    pub name: String,
    pub requested: i32,
    pub available: i32,
}

#[derive(Debug, thiserror::Error)]
pub enum BuyError {
    /// No such event, or a draft.
    #[error("no such event")]
    EventNotFound,
    /// The event can no longer be bought (cancelled or started); the message says which.
    #[error("{0}")]
    EventClosed(&'static str),
    #[error("{0}")]
    Invalid(FieldError),
    /// Not enough tickets for at least one line.
    #[error("not enough tickets left")]
    SoldOut(Vec<SoldOutLine>),
    /// The idempotency key was used before for a different request.
    #[error("this Idempotency-Key was already used for a different purchase")]
    IdempotencyKeyReused,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

impl From<FieldError> for BuyError {
    fn from(err: FieldError) -> Self {
        BuyError::Invalid(err)
    }
}

/// A ticket type as the buy page shows it: price and what can be bought now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketAvailability {
    pub ticket_type_id: Uuid,
    pub name: String,
    pub price_minor: i64,
    pub capacity: i32,
    /// Not sold and not held by a live hold (holds past their expiry count as free, whether
    /// or not the sweeper has released them yet).
    pub available: i32,
}

/// Live availability of the event's ticket types, in display order.
pub async fn availability(conn: &mut PgConnection, event_id: Uuid) -> sqlx::Result<Vec<TicketAvailability>> {
    sqlx::query_as!(
        TicketAvailability,
        r#"select t.ticket_type_id, t.name, t.price_minor, t.capacity,
                  (t.capacity - t.sold - t.held + coalesce(x.quantity, 0))::int as "available!"
           from ticket_type t
           left join (
               select i.ticket_type_id, sum(i.quantity) as quantity
               from customer_order o join order_item i using (order_id)
               where o.event_id = $1 and o.status = 'pending_payment' and not o.payment_detected
                 and o.expires_at <= now()
               group by i.ticket_type_id
           ) x using (ticket_type_id)
           where t.event_id = $1
           order by t.position, t.price_minor, t.name"#,
        event_id
    )
    .fetch_all(conn)
    .await
}

/// Places the order: checks the request, then holds the tickets and opens a payment row in one
/// statement, the `place_order` SQL function (one round trip on the hottest path). Each ticket
/// type's hold is one conditional update (`capacity - sold - held >= quantity`), taken in
/// ticket-type order so two buyers never deadlock; if one falls short, holds that expired are
/// released and the purchase is tried once more before it is refused.
///
/// The hold's commit does not wait for the disk (`synchronous_commit = off` for that one
/// transaction), so the contended ticket-type row is locked for microseconds, not for a flush.
/// It becomes durable no later than the next synchronous commit, which is the one recording
/// the provider's checkout: the customer is only ever sent to pay for a durable order. A
/// crash in between loses an order nobody was told about.
pub async fn place_order(db: &PgPool, new: &NewOrder<'_>) -> Result<Placed, BuyError> {
    check_items(new.items)?;
    let request_hash = request_hash(new);
    if let Some(key) = new.idempotency_key
        && let Some(placed) = replay(db, new.account_id, key, &request_hash).await?
    {
        return Ok(placed);
    }

    // The event, its ticket types and what is left of each, in one read.
    let rows = sqlx::query!(
        r#"select e.status, e.starts_at, e.currency, e.title, t.ticket_type_id as "ticket_type_id?",
                  t.name as "name?", t.price_minor as "price_minor?",
                  (t.capacity - t.sold - t.held + coalesce(x.quantity, 0))::int as "available?"
           from event e
           left join ticket_type t using (event_id)
           left join (
               select i.ticket_type_id, sum(i.quantity) as quantity
               from customer_order o join order_item i using (order_id)
               where o.event_id = $1 and o.status = 'pending_payment' and not o.payment_detected
                 and o.expires_at <= now()
               group by i.ticket_type_id
           ) x using (ticket_type_id)
           where e.event_id = $1 and e.status <> 'draft'"#,
        new.event_id
    )
    .fetch_all(db)
    .await?;
    let event = rows.first().ok_or(BuyError::EventNotFound)?;
    if event.status == "cancelled" {
        return Err(BuyError::EventClosed("This event was cancelled; no tickets are on sale."));
    }
    if event.starts_at <= Utc::now() {
        return Err(BuyError::EventClosed("This event has already started; tickets are no longer sold."));
    }
    let mut lines = Vec::with_capacity(new.items.len());
    for (i, item) in new.items.iter().enumerate() {
        let Some(t) = rows.iter().find(|t| t.ticket_type_id == Some(item.ticket_type_id)) else {
            return Err(FieldError::new(
                format!("items[{i}].ticket_type_id"),
                "is not a ticket type of this event",
            )
            .into());
        };
        lines.push(Line {
            ticket_type_id: item.ticket_type_id,
            name: t.name.clone().unwrap_or_default(),
            price_minor: t.price_minor.unwrap_or_default(),
            quantity: item.quantity,
            available: t.available.unwrap_or_default(),
        });
    }
    // Ticket-type order, so concurrent holds on several types lock rows in the same order.
    lines.sort_by_key(|line| line.ticket_type_id);
    let total_minor = lines
        .iter()
        .try_fold(0i64, |sum, l| sum.checked_add(l.price_minor.checked_mul(i64::from(l.quantity))?))
        .ok_or_else(|| FieldError::new("items", "the total is too large"))?;
    // Clearly not enough: refuse without touching the contended rows. (Enough is only a hint;
    // the conditional update decides.)
    if lines.iter().any(|l| l.available < l.quantity) {
        return Err(BuyError::SoldOut(sold_out_lines(&lines)));
    }

    let ids: Vec<Uuid> = lines.iter().map(|l| l.ticket_type_id).collect();
    let names: Vec<String> = lines.iter().map(|l| l.name.clone()).collect();
    let prices: Vec<i64> = lines.iter().map(|l| l.price_minor).collect();
    let quantities: Vec<i32> = lines.iter().map(|l| l.quantity).collect();
    for attempt in 0..2 {
        let order_id = Uuid::now_v7();
        let placed = sqlx::query_scalar!(
            r#"select place_order($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) as "expires_at!""#,
            order_id,
            new.account_id,
            new.event_id,
            new.method.as_str(),
            event.currency,
            total_minor,
            interval(new.hold),
            new.idempotency_key,
            new.idempotency_key.map(|_| request_hash.as_slice()),
            &ids,
            &names,
            &prices,
            &quantities,
            Uuid::now_v7(),
            if total_minor == 0 { FREE } else { new.method.provider() },
        )
        .fetch_one(db)
        .await;
        match placed {
            Ok(expires_at) => {
                return Ok(Placed {
                    order_id,
                    replayed: false,
                    fresh: Some(FreshOrder {
                        event_title: event.title.clone(),
                        currency: event.currency.clone(),
                        total_minor,
                        expires_at,
                        items: lines
                            .iter()
                            .map(|l| super::OrderItem {
                                ticket_type_id: l.ticket_type_id,
                                name: l.name.clone(),
                                unit_price_minor: l.price_minor,
                                quantity: l.quantity,
                            })
                            .collect(),
                    }),
                });
            }
            // The same key raced us and won: answer with its order.
            Err(sqlx::Error::Database(err)) if err.constraint() == Some("customer_order_idempotency_key") => {
                let key = new.idempotency_key.unwrap_or_default();
                return replay(db, new.account_id, key, &request_hash).await?.ok_or(BuyError::Database(
                    sqlx::Error::Protocol("idempotency key conflict without an order".into()),
                ));
            }
            Err(sqlx::Error::Database(err)) if err.code().as_deref() == Some("TSOLD") => {}
            Err(err) => return Err(err.into()),
        }
        // Holds past their time still count in `held` until released; release them and try
        // again, so a buyer is never refused for tickets nobody is holding any more.
        if attempt == 0 && !release_expired_holds(db, Some(new.event_id), 1000).await?.is_empty() {
            continue;
        }
        break;
    }

    let mut conn = db.acquire().await?;
    let left = availability(&mut conn, new.event_id).await?;
    for line in &mut lines {
        line.available =
            left.iter().find(|t| t.ticket_type_id == line.ticket_type_id).map_or(0, |t| t.available);
    }
    if lines.iter().all(|l| l.available >= l.quantity) {
        // Someone else took the last ones and let them go again in the meantime; say what
        // was asked rather than claim there is enough.
        for line in &mut lines {
            line.available = 0;
        }
    }
    Err(BuyError::SoldOut(sold_out_lines(&lines)))
}

/// A line of the purchase with what the catalog says about it.
struct Line {
    ticket_type_id: Uuid,
    name: String,
    price_minor: i64,
    quantity: i32,
    available: i32,
}

fn sold_out_lines(lines: &[Line]) -> Vec<SoldOutLine> {
    lines
        .iter()
        .filter(|l| l.available < l.quantity)
        .map(|l| SoldOutLine {
            ticket_type_id: l.ticket_type_id,
            name: l.name.clone(),
            requested: l.quantity,
            available: l.available.max(0),
        })
        .collect()
}

/// The order an idempotency key already made, if the request matches it.
async fn replay(
    db: &PgPool,
    account_id: Uuid,
    key: &str,
    request_hash: &[u8],
) -> Result<Option<Placed>, BuyError> {
    let existing = sqlx::query!(
        "select order_id, request_hash from customer_order where account_id = $1 and idempotency_key = $2",
        account_id,
        key
    )
    .fetch_optional(db)
    .await?;
    match existing {
        None => Ok(None),
        Some(row) if row.request_hash.as_deref() == Some(request_hash) => {
            Ok(Some(Placed { order_id: row.order_id, replayed: true, fresh: None }))
        }
        Some(_) => Err(BuyError::IdempotencyKeyReused),
    }
}

fn check_items(items: &[BuyItem]) -> Result<(), FieldError> {
    if items.is_empty() {
        return Err(FieldError::new("items", "choose at least one ticket"));
    }
    let mut total = 0i32;
    for (i, item) in items.iter().enumerate() {
        if item.quantity < 1 {
            return Err(FieldError::new(format!("items[{i}].quantity"), "must be at least 1"));
        }
        if items[..i].iter().any(|earlier| earlier.ticket_type_id == item.ticket_type_id) {
            return Err(FieldError::new(
                format!("items[{i}].ticket_type_id"),
                "appears twice; ask for the total quantity once",
            ));
        }
        total = total.saturating_add(item.quantity);
    }
    if total > MAX_TICKETS_PER_ORDER {
        return Err(FieldError::new(
            "items",
            format!("at most {MAX_TICKETS_PER_ORDER} tickets per order (asked for {total})"),
        ));
    }
    Ok(())
}

/// SHA-256 of what was asked, independent of the order the lines came in.
fn request_hash(new: &NewOrder<'_>) -> [u8; 32] {
    let mut items = new.items.to_vec();
    items.sort_by_key(|item| item.ticket_type_id);
    let mut hash = Sha256::new();
    hash.update(new.event_id.as_bytes());
    hash.update(new.method.as_str().as_bytes());
    for item in items {
        hash.update(item.ticket_type_id.as_bytes());
        hash.update(item.quantity.to_be_bytes());
    }
    hash.finalize().into()
}

fn interval(duration: Duration) -> sqlx::postgres::types::PgInterval {
    sqlx::postgres::types::PgInterval {
        months: 0,
        days: 0,
        microseconds: duration.num_microseconds().unwrap_or(i64::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(n: u128, quantity: i32) -> BuyItem {
        BuyItem { ticket_type_id: Uuid::from_u128(n), quantity }
    }

    #[test]
    fn quantities_must_be_positive_unique_and_within_the_order_limit() {
        assert_eq!(check_items(&[]).unwrap_err().field, "items");
        assert_eq!(check_items(&[item(1, 0)]).unwrap_err().field, "items[0].quantity");
        assert_eq!(check_items(&[item(1, 2), item(1, 1)]).unwrap_err().field, "items[1].ticket_type_id");
        assert_eq!(check_items(&[item(1, 6), item(2, 5)]).unwrap_err().field, "items");
        assert!(check_items(&[item(1, 6), item(2, 4)]).is_ok());
    }

    #[test]
    fn the_request_hash_ignores_the_order_of_lines() {
        let items_a = [item(1, 2), item(2, 1)];
        let items_b = [item(2, 1), item(1, 2)];
        let order = |items| NewOrder {
            account_id: Uuid::nil(),
            event_id: Uuid::from_u128(9),
            items,
            method: PaymentMethod::Card,
            idempotency_key: Some("k"),
            hold: Duration::minutes(15),
        };
        assert_eq!(request_hash(&order(&items_a)), request_hash(&order(&items_b)));
        assert_ne!(request_hash(&order(&items_a)), request_hash(&order(&[item(1, 3), item(2, 1)])));
    }
}
