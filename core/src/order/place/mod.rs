//! Placing an order: checking what was asked, holding the tickets and opening the payment, in
//! one transaction.

use chrono::{Duration, Utc};
use sha2::{Digest as _, Sha256};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::{MAX_TICKETS_PER_ORDER, PaymentMethod};
use crate::batch::{BatchError, Batcher};
use crate::catalog::FieldError;

mod statement;

use statement::{Outcome, place_batch};

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
    /// How many unpaid orders the account may have open at once (over every event).
    pub max_open_orders: i32,
    /// The language the buyer bought in (`pt`): the order's emails and tickets are in it.
    pub locale: &'static str,
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
    /// The event can no longer be bought (cancelled or started); the message (an id) says which.
    #[error("{}", tessera_i18n::message(tessera_i18n::Locale::En, .0))]
    EventClosed(&'static str),
    #[error("{0}")]
    Invalid(FieldError),
    /// Not enough tickets for at least one line.
    #[error("not enough tickets left")]
    SoldOut(Vec<SoldOutLine>),
    /// The account would hold or own more of this event's tickets than the event allows.
    #[error("at most {limit} tickets per customer for this event (you already hold or own {already})")]
    OverLimit { limit: i32, already: i32 },
    /// The account has as many unpaid orders open as it may.
    #[error("at most {limit} unpaid orders at a time")]
    TooManyOpen { limit: i32 },
    /// The idempotency key was used before for a different request.
    #[error("this Idempotency-Key was already used for a different purchase")]
    IdempotencyKeyReused,
    /// The database refused this purchase alone (the others of its batch went ahead).
    #[error("the purchase could not be placed: {0}")]
    Refused(String),
    /// An idempotency key's order was said to exist and could not be found.
    #[error("the order of this Idempotency-Key could not be found")]
    ReplayLost,
    #[error(transparent)]
    Batch(#[from] BatchError),
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
    /// or not the sweeper has released them yet); none while someone in the type's waiting
    /// line wants no more than that (they are offered them first).
    pub available: i32,
}

/// Live availability of the event's ticket types, in display order.
pub async fn availability(conn: &mut PgConnection, event_id: Uuid) -> sqlx::Result<Vec<TicketAvailability>> {
    sqlx::query_as!(
        TicketAvailability,
        r#"select t.ticket_type_id, t.name, t.price_minor, t.capacity,
                  (case when t.capacity - t.sold - t.held + coalesce(x.quantity, 0)
                                 >= waitlist_smallest(t.ticket_type_id)
                        then 0
                        else t.capacity - t.sold - t.held + coalesce(x.quantity, 0) end)::int as "available!"
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

/// Places the order on its own: checks the request, then holds the tickets and opens a
/// payment row in one statement (a batch of one). Under load, [`Placer::place`] does the same
/// for every purchase that arrives while the previous batch runs.
pub async fn place_order(db: &PgPool, new: &NewOrder<'_>) -> Result<Placed, BuyError> {
    place(db, new, None).await
}

/// Places purchases in batches, for the buy path under load. In a flash sale hundreds of
/// buyers ask for the same ticket type at once; one statement per buyer spent the machine on
/// round trips, lock hand-offs and statement overhead. A placer's task takes every purchase
/// that arrived while its previous batch ran and places them in one `place_orders` statement:
/// each purchase is decided on its own, in arrival order, and a refused one does not hold back
/// the others. Nobody waits for a batch to fill: a lone buyer's batch is just them.
///
/// Each process has its own placer; several processes (and [`place_order`]) stay correct
/// together: each batch locks its events, then its ticket types, in id order.
#[derive(Debug, Clone)]
pub struct Placer {
    db: PgPool,
    batches: Batcher<Pending, Outcome>,
}

impl Placer {
    /// Starts the placer's task (on the current Tokio runtime); it ends when the last clone
    /// of the placer is dropped.
    pub fn start(db: PgPool) -> Self {
        let batch_db = db.clone();
        let batches = Batcher::start("place_orders", move |batch: Vec<Pending>| {
            let db = batch_db.clone();
            async move { place_batch(&db, &batch.iter().collect::<Vec<_>>()).await }
        });
        Placer { db, batches }
    }

    /// [`place_order`], in the next batch.
    pub async fn place(&self, new: &NewOrder<'_>) -> Result<Placed, BuyError> {
        place(&self.db, new, Some(self)).await
    }
}

async fn place(db: &PgPool, new: &NewOrder<'_>, placer: Option<&Placer>) -> Result<Placed, BuyError> {
    check_items(new.items)?;
    if new.idempotency_key.is_some_and(|key| !is_idempotency_key(key)) {
        return Err(FieldError::new("Idempotency-Key", tessera_i18n::t("error-idempotency-key")).into());
    }
    // A key seen before is found by the batch (`replay`), which then reads its order.
    let request_hash = request_hash(new);
    let mut items = new.items.to_vec();
    // Ticket-type order, as `place_orders` takes them.
    items.sort_by_key(|item| item.ticket_type_id);
    let pending = Pending {
        order_id: Uuid::now_v7(),
        account_id: new.account_id,
        event_id: new.event_id,
        method: new.method,
        hold: new.hold,
        idempotency_key: new.idempotency_key.map(str::to_owned),
        request_hash: new.idempotency_key.map(|_| request_hash),
        payment_id: Uuid::now_v7(),
        max_open_orders: new.max_open_orders,
        locale: new.locale,
        items,
    };
    let order_id = pending.order_id;
    let outcome = match placer {
        Some(placer) => placer.batches.call(pending).await?,
        None => place_batch(db, &[&pending]).await?.pop().unwrap_or_else(Outcome::missing),
    };
    match outcome {
        Outcome::Placed(fresh) => Ok(Placed { order_id, replayed: false, fresh: Some(fresh) }),
        // The same key made an order first (maybe a moment ago, in a race): answer with it.
        Outcome::Replay => {
            let key = new.idempotency_key.unwrap_or_default();
            replay(db, new.account_id, key, &request_hash).await?.ok_or(BuyError::ReplayLost)
        }
        Outcome::NotFound => Err(BuyError::EventNotFound),
        Outcome::Cancelled => Err(BuyError::EventClosed("error-event-cancelled")),
        Outcome::Started => Err(BuyError::EventClosed("error-event-started")),
        // The first line the customer listed that is not of this event.
        Outcome::UnknownType(unknown) => {
            let i =
                new.items.iter().position(|item| unknown.contains(&item.ticket_type_id)).unwrap_or_default();
            Err(FieldError::new(
                format!("items[{i}].ticket_type_id"),
                tessera_i18n::t("error-not-a-ticket-type-here"),
            )
            .into())
        }
        Outcome::TooLarge => Err(FieldError::new("items", tessera_i18n::t("error-total-too-large")).into()),
        Outcome::OverLimit { limit, already } => Err(BuyError::OverLimit { limit, already }),
        Outcome::TooManyOpen { limit } => Err(BuyError::TooManyOpen { limit }),
        Outcome::SoldOut { mut lines, .. } => {
            if lines.iter().all(|l| l.available >= l.quantity) {
                // Someone else took the last ones and let them go again in the meantime; say
                // what was asked rather than claim there is enough.
                for line in &mut lines {
                    line.available = 0;
                }
            }
            Err(BuyError::SoldOut(sold_out_lines(&lines)))
        }
        Outcome::Failed(message) => Err(BuyError::Refused(message)),
    }
}

/// A purchase checked and ready to place, as `place_orders` takes it.
#[derive(Debug)]
struct Pending {
    order_id: Uuid,
    account_id: Uuid,
    event_id: Uuid,
    method: PaymentMethod,
    hold: Duration,
    idempotency_key: Option<String>,
    request_hash: Option<[u8; 32]>,
    payment_id: Uuid,
    max_open_orders: i32,
    locale: &'static str,
    /// Sorted by ticket type.
    items: Vec<BuyItem>,
}

/// A line of the purchase with what the catalog says about it.
#[derive(Debug)]
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

/// Whether every ticket type asked for is of this event and free (nothing to pay, so no
/// payment method is needed).
pub async fn all_free(db: &PgPool, event_id: Uuid, items: &[BuyItem]) -> sqlx::Result<bool> {
    let ids: Vec<Uuid> = items.iter().map(|item| item.ticket_type_id).collect();
    if ids.is_empty() {
        return Ok(false);
    }
    let free = sqlx::query_scalar!(
        r#"select count(*) = cardinality($2::uuid[]) and coalesce(bool_and(price_minor = 0), false) as "free!"
           from ticket_type where event_id = $1 and ticket_type_id = any($2)"#,
        event_id,
        &ids
    )
    .fetch_one(db)
    .await?;
    Ok(free)
}

/// Whether the account already placed an order under this idempotency key (a retry).
pub async fn has_idempotency_key(db: &PgPool, account_id: Uuid, key: &str) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        r#"select exists (select 1 from customer_order where account_id = $1 and idempotency_key = $2) as "found!""#,
        account_id,
        key
    )
    .fetch_one(db)
    .await?;
    Ok(found)
}

/// Whether `key` can be an `Idempotency-Key`: 1 to 255 visible ASCII characters. Checked
/// before a purchase joins a batch, so no key can make the batch's statement fail.
pub fn is_idempotency_key(key: &str) -> bool {
    (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

fn check_items(items: &[BuyItem]) -> Result<(), FieldError> {
    if items.is_empty() {
        return Err(FieldError::new("items", tessera_i18n::t("error-choose-a-ticket")));
    }
    let mut total = 0i32;
    for (i, item) in items.iter().enumerate() {
        if item.quantity < 1 {
            return Err(FieldError::new(
                format!("items[{i}].quantity"),
                tessera_i18n::t("error-at-least-one"),
            ));
        }
        if items[..i].iter().any(|earlier| earlier.ticket_type_id == item.ticket_type_id) {
            return Err(FieldError::new(
                format!("items[{i}].ticket_type_id"),
                tessera_i18n::t("error-ticket-type-twice"),
            ));
        }
        total = total.saturating_add(item.quantity);
    }
    if total > MAX_TICKETS_PER_ORDER {
        return Err(FieldError::new(
            "items",
            tessera_i18n::t_args(
                "error-tickets-per-order",
                [("max", MAX_TICKETS_PER_ORDER.into()), ("total", total.into())],
            ),
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
            max_open_orders: 3,
            locale: "en",
        };
        assert_eq!(request_hash(&order(&items_a)), request_hash(&order(&items_b)));
        assert_ne!(request_hash(&order(&items_a)), request_hash(&order(&[item(1, 3), item(2, 1)])));
    }
}
