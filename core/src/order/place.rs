//! Placing an order: checking what was asked, holding the tickets and opening the payment, in
//! one transaction.

use chrono::{Duration, Utc};
use sha2::{Digest as _, Sha256};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::transition::release_expired_holds;
use super::{MAX_TICKETS_PER_ORDER, PaymentMethod};
use crate::catalog::FieldError;

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
#[derive(Debug, Clone, Copy)]
pub struct Placed {
    pub order_id: Uuid,
    /// The idempotency key had already made this order; nothing new was held.
    pub replayed: bool,
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

/// Places the order: checks the request, holds the tickets and opens a payment row in one
/// transaction. Each ticket type's hold is one conditional update (`capacity - sold - held >=
/// quantity`), taken in ticket-type order so two buyers never deadlock; if one falls short,
/// holds that expired are released and the purchase is tried once more before it is refused.
pub async fn place_order(db: &PgPool, new: &NewOrder<'_>) -> Result<Placed, BuyError> {
    check_items(new.items)?;
    let request_hash = request_hash(new);
    if let Some(key) = new.idempotency_key
        && let Some(placed) = replay(db, new.account_id, key, &request_hash).await?
    {
        return Ok(placed);
    }

    let event = sqlx::query!(
        "select status, starts_at, currency from event where event_id = $1 and status <> 'draft'",
        new.event_id
    )
    .fetch_optional(db)
    .await?
    .ok_or(BuyError::EventNotFound)?;
    if event.status == "cancelled" {
        return Err(BuyError::EventClosed("This event was cancelled; no tickets are on sale."));
    }
    if event.starts_at <= Utc::now() {
        return Err(BuyError::EventClosed("This event has already started; tickets are no longer sold."));
    }

    let types = sqlx::query!(
        "select ticket_type_id, name, price_minor from ticket_type where event_id = $1",
        new.event_id
    )
    .fetch_all(db)
    .await?;
    let mut lines = Vec::with_capacity(new.items.len());
    for (i, item) in new.items.iter().enumerate() {
        let Some(t) = types.iter().find(|t| t.ticket_type_id == item.ticket_type_id) else {
            return Err(FieldError::new(
                format!("items[{i}].ticket_type_id"),
                "is not a ticket type of this event",
            )
            .into());
        };
        lines.push((item.ticket_type_id, t.name.clone(), t.price_minor, item.quantity));
    }
    // Ticket-type order, so concurrent holds on several types lock rows in the same order.
    lines.sort_by_key(|line| line.0);
    let total_minor = lines
        .iter()
        .try_fold(0i64, |sum, (_, _, price, quantity)| {
            sum.checked_add(price.checked_mul(i64::from(*quantity))?)
        })
        .ok_or_else(|| FieldError::new("items", "the total is too large"))?;

    for attempt in 0..2 {
        let mut tx = db.begin().await?;
        let order_id = Uuid::now_v7();
        let inserted = sqlx::query!(
            r#"insert into customer_order
                   (order_id, account_id, event_id, payment_method, currency, total_minor, expires_at,
                    idempotency_key, request_hash)
               values ($1, $2, $3, $4, $5, $6, now() + $7::interval, $8, $9)"#,
            order_id,
            new.account_id,
            new.event_id,
            new.method.as_str(),
            event.currency,
            total_minor,
            interval(new.hold),
            new.idempotency_key,
            new.idempotency_key.map(|_| request_hash.as_slice()),
        )
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            // The same key raced us and won: answer with its order.
            Err(sqlx::Error::Database(err)) if err.constraint() == Some("customer_order_idempotency_key") => {
                drop(tx);
                let key = new.idempotency_key.unwrap_or_default();
                return replay(db, new.account_id, key, &request_hash).await?.ok_or(BuyError::Database(
                    sqlx::Error::Protocol("idempotency key conflict without an order".into()),
                ));
            }
            Err(err) => return Err(err.into()),
        }
        let ids: Vec<Uuid> = lines.iter().map(|l| l.0).collect();
        let names: Vec<String> = lines.iter().map(|l| l.1.clone()).collect();
        let prices: Vec<i64> = lines.iter().map(|l| l.2).collect();
        let quantities: Vec<i32> = lines.iter().map(|l| l.3).collect();
        sqlx::query!(
            r#"insert into order_item (order_id, ticket_type_id, ticket_type_name, unit_price_minor, quantity)
               select $1, * from unnest($2::uuid[], $3::text[], $4::bigint[], $5::int[])"#,
            order_id,
            &ids,
            &names,
            &prices,
            &quantities,
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            r#"insert into payment (payment_id, order_id, provider, status, currency, amount_minor)
               values ($1, $2, $3, 'creating', $4, $5)"#,
            Uuid::now_v7(),
            order_id,
            new.method.provider(),
            event.currency,
            total_minor,
        )
        .execute(&mut *tx)
        .await?;

        // Last, so the hot rows stay locked only for the holds and the commit.
        let mut short = false;
        for (ticket_type_id, _, _, quantity) in &lines {
            let held = sqlx::query!(
                r#"update ticket_type set held = held + $2, updated_at = now()
                   where ticket_type_id = $1 and capacity - sold - held >= $2"#,
                ticket_type_id,
                quantity
            )
            .execute(&mut *tx)
            .await?;
            if held.rows_affected() == 0 {
                short = true;
                break;
            }
        }
        if !short {
            tx.commit().await?;
            return Ok(Placed { order_id, replayed: false });
        }
        tx.rollback().await?;
        // Holds past their time still count in `held` until released; release them and try
        // again, so a buyer is never refused for tickets nobody is holding any more.
        if attempt == 0 && !release_expired_holds(db, Some(new.event_id), 1000).await?.is_empty() {
            continue;
        }
        break;
    }

    let mut conn = db.acquire().await?;
    let left = availability(&mut conn, new.event_id).await?;
    let short = lines
        .iter()
        .filter_map(|(id, name, _, quantity)| {
            let available = left.iter().find(|t| t.ticket_type_id == *id).map_or(0, |t| t.available);
            (available < *quantity).then(|| SoldOutLine {
                ticket_type_id: *id,
                name: name.clone(),
                requested: *quantity,
                available: available.max(0),
            })
        })
        .collect::<Vec<_>>();
    Err(BuyError::SoldOut(if short.is_empty() {
        // Someone else took the last ones between the refusal and this look; say what was asked.
        lines
            .iter()
            .map(|(id, name, _, quantity)| SoldOutLine {
                ticket_type_id: *id,
                name: name.clone(),
                requested: *quantity,
                available: 0,
            })
            .collect()
    } else {
        short
    }))
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
            Ok(Some(Placed { order_id: row.order_id, replayed: true }))
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
