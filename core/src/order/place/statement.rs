//! The `place_orders` statement: a batch of purchases in, what became of each out. Apart from
//! the buy path's rules because this is the wire to one SQL function (its composite arguments,
//! its outcome enum, the retries a batch needs), and the rules read better without it.

use chrono::Utc;
use sqlx::PgPool;
use uuid::Uuid;

use super::{BuyItem, FreshOrder, Line, Pending, interval};
use crate::order::PaymentMethod;
use crate::order::sweep::release_expired_holds;

/// What became of one purchase of a batch.
#[derive(Debug)]
pub(super) enum Outcome {
    Placed(FreshOrder),
    SoldOut {
        lines: Vec<Line>,
        expired_holds: bool,
    },
    Replay,
    NotFound,
    Cancelled,
    Started,
    /// The lines that are not ticket types of the event.
    UnknownType(Vec<Uuid>),
    TooLarge,
    /// The account would hold or own more of the event's tickets than the event allows.
    OverLimit {
        limit: i32,
        already: i32,
    },
    /// The account already has as many unpaid orders open as it may.
    TooManyOpen {
        limit: i32,
    },
    /// This purchase could not be placed (the database refused it); the others went ahead.
    Failed(String),
}

impl Outcome {
    pub(super) fn missing() -> Self {
        Outcome::Failed("place_orders said nothing of the purchase".into())
    }
}

/// Places a batch of purchases in one `place_orders` statement (see its migration).
///
/// - A purchase refused while holds past their time (not yet released by the sweeper) would
///   cover it: those holds are released and the refused purchases tried once more, so nobody
///   is refused for tickets nobody holds any more (one release per batch, not per buyer).
/// - A race the statement cannot settle itself (a deadlock with a transaction that locked
///   ticket types in another order, or an idempotency key another process placed at the same
///   moment, then found as a replay) is retried once.
/// - If the database refuses the statement for what one purchase holds (a data or constraint
///   error), the purchases are placed one by one, so only that purchase fails.
pub(super) async fn place_batch(db: &PgPool, batch: &[&Pending]) -> sqlx::Result<Vec<Outcome>> {
    let mut outcomes = place_batch_once(db, batch).await?;
    let refused: Vec<usize> = (0..batch.len())
        .filter(|&i| matches!(outcomes[i], Outcome::SoldOut { expired_holds: true, .. }))
        .collect();
    if refused.is_empty() {
        return Ok(outcomes);
    }
    let mut events: Vec<Uuid> = refused.iter().map(|&i| batch[i].event_id).collect();
    events.sort_unstable();
    events.dedup();
    let mut released = false;
    for event in events {
        released |= !release_expired_holds(db, Some(event), 1000).await?.is_empty();
    }
    if released {
        let again: Vec<&Pending> = refused.iter().map(|&i| batch[i]).collect();
        for (i, outcome) in refused.into_iter().zip(place_batch_once(db, &again).await?) {
            outcomes[i] = outcome;
        }
    }
    Ok(outcomes)
}

async fn place_batch_once(db: &PgPool, batch: &[&Pending]) -> sqlx::Result<Vec<Outcome>> {
    let mut retried = false;
    loop {
        match try_place_batch(db, batch).await {
            Err(sqlx::Error::Database(err))
                if !retried
                    && (err.constraint() == Some("customer_order_idempotency_key")
                        || err.code().as_deref() == Some("40P01")) =>
            {
                retried = true;
            }
            Err(sqlx::Error::Database(err))
                if batch.len() > 1
                    && err.code().is_some_and(|code| code.starts_with("22") || code.starts_with("23")) =>
            {
                tracing::warn!(error = %err, purchases = batch.len(), "a batch of purchases was refused; placing them one by one");
                let mut outcomes = Vec::with_capacity(batch.len());
                for pending in batch {
                    outcomes.push(match Box::pin(place_batch_once(db, &[pending])).await {
                        Ok(mut one) => one.pop().unwrap_or_else(Outcome::missing),
                        Err(err) => Outcome::Failed(err.to_string()),
                    });
                }
                return Ok(outcomes);
            }
            result => return result,
        }
    }
}

/// A purchase as `place_orders` takes it (the `purchase` type).
#[derive(Debug, sqlx::Type)]
#[sqlx(type_name = "purchase")]
struct PurchaseArg {
    order_id: Uuid,
    account_id: Uuid,
    event_id: Uuid,
    method: PaymentMethod,
    provider: crate::order::Provider,
    hold: sqlx::postgres::types::PgInterval,
    idempotency_key: Option<String>,
    request_hash: Option<Vec<u8>>,
    payment_id: Uuid,
}

/// A line of a purchase as `place_orders` takes it (the `purchase_line` type).
#[derive(Debug, sqlx::Type)]
#[sqlx(type_name = "purchase_line")]
struct PurchaseLineArg {
    /// 1-based, the purchase's position in the batch.
    purchase_index: i32,
    ticket_type_id: Uuid,
    quantity: i32,
}

/// What `place_orders` decided for a purchase (the `place_outcome` enum).
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "place_outcome", rename_all = "snake_case")]
enum PlaceOutcome {
    Placed,
    SoldOut,
    Replay,
    NotFound,
    Cancelled,
    Started,
    UnknownType,
    TooLarge,
    OverLimit,
    TooManyOpen,
}

async fn try_place_batch(db: &PgPool, batch: &[&Pending]) -> sqlx::Result<Vec<Outcome>> {
    let purchases: Vec<PurchaseArg> = batch
        .iter()
        .map(|p| PurchaseArg {
            order_id: p.order_id,
            account_id: p.account_id,
            event_id: p.event_id,
            method: p.method,
            provider: p.method.provider(),
            hold: interval(p.hold),
            idempotency_key: p.idempotency_key.clone(),
            request_hash: p.request_hash.map(Vec::from),
            payment_id: p.payment_id,
        })
        .collect();
    let max_open: Vec<i32> = batch.iter().map(|p| p.max_open_orders).collect();
    let locales: Vec<String> = batch.iter().map(|p| p.locale.to_string()).collect();
    let lines: Vec<PurchaseLineArg> = (1..)
        .zip(batch)
        .flat_map(|(index, p)| {
            p.items.iter().map(move |item| PurchaseLineArg {
                purchase_index: index,
                ticket_type_id: item.ticket_type_id,
                quantity: item.quantity,
            })
        })
        .collect();
    let rows = sqlx::query!(
        r#"select r_order_index as "order_index!", r_outcome as "outcome!: PlaceOutcome", r_bad_type as bad_type,
                  r_expires_at as expires_at, r_title as title, r_currency as currency,
                  r_total_minor as total_minor, r_name as name, r_price_minor as price_minor,
                  r_available as available, r_expired_holds as "expired_holds!",
                  r_limit as "limit", r_already as already
           from place_orders($1, $2, $3, $4)
           order by r_order_index, r_line_index"#,
        purchases as _,
        lines as _,
        &max_open,
        &locales,
    )
    .fetch_all(db)
    .await?;

    let mut rows = rows.into_iter().peekable();
    let mut outcomes = Vec::with_capacity(batch.len());
    for (i, pending) in batch.iter().enumerate() {
        let index = i32::try_from(i + 1).unwrap_or(i32::MAX);
        let mut lines = Vec::with_capacity(pending.items.len());
        let mut unknown = Vec::new();
        let mut first = None;
        while let Some(row) = rows.next_if(|row| row.order_index == index) {
            unknown.extend(row.bad_type);
            let item = pending
                .items
                .get(lines.len())
                .copied()
                .unwrap_or(BuyItem { ticket_type_id: Uuid::nil(), quantity: 0 });
            lines.push(Line {
                ticket_type_id: item.ticket_type_id,
                name: row.name.clone().unwrap_or_default(),
                price_minor: row.price_minor.unwrap_or_default(),
                quantity: item.quantity,
                available: row.available.unwrap_or_default(),
            });
            first.get_or_insert(row);
        }
        let Some(row) = first else {
            outcomes.push(Outcome::missing());
            continue;
        };
        outcomes.push(match row.outcome {
            PlaceOutcome::Placed => Outcome::Placed(FreshOrder {
                event_title: row.title.unwrap_or_default(),
                currency: row.currency.unwrap_or_default(),
                total_minor: row.total_minor.unwrap_or_default(),
                expires_at: row.expires_at.unwrap_or_else(Utc::now),
                items: lines
                    .iter()
                    .map(|l| crate::order::OrderItem {
                        ticket_type_id: l.ticket_type_id,
                        name: l.name.clone(),
                        unit_price_minor: l.price_minor,
                        quantity: l.quantity,
                        translations: Default::default(),
                    })
                    .collect(),
            }),
            PlaceOutcome::SoldOut => Outcome::SoldOut { lines, expired_holds: row.expired_holds },
            PlaceOutcome::Replay => Outcome::Replay,
            PlaceOutcome::NotFound => Outcome::NotFound,
            PlaceOutcome::Cancelled => Outcome::Cancelled,
            PlaceOutcome::Started => Outcome::Started,
            PlaceOutcome::UnknownType => Outcome::UnknownType(unknown),
            PlaceOutcome::TooLarge => Outcome::TooLarge,
            PlaceOutcome::OverLimit => Outcome::OverLimit {
                limit: row.limit.unwrap_or_default(),
                already: row.already.unwrap_or_default(),
            },
            PlaceOutcome::TooManyOpen => Outcome::TooManyOpen { limit: row.limit.unwrap_or_default() },
        });
    }
    Ok(outcomes)
}
