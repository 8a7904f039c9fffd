//! The sweepers that give held tickets back when nobody paid: holds that ran out, and holds a
//! seen payment kept long past their end. Run on a timer and before a late payment is settled;
//! apart from the transitions because they work on many orders at once, in transactions of their
//! own, skipping the orders someone else holds.

use sqlx::PgPool;
use uuid::Uuid;

use super::transition::release_holds;

/// Expires pending orders whose hold ran out with no payment seen (of one event, or of all),
/// releasing their tickets. Orders another transaction is working on are skipped: whoever
/// holds them is settling or closing them. Returns the orders expired.
pub async fn release_expired_holds(
    db: &PgPool,
    event_id: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Uuid>> {
    let mut tx = db.begin().await?;
    let expired = sqlx::query_scalar!(
        r#"with due as (
               select order_id from customer_order
               where status = 'pending_payment' and not payment_detected and expires_at <= now()
                 and ($1::uuid is null or event_id = $1)
               order by expires_at
               limit $2
               for update skip locked
           )
           update customer_order o
           set status = 'expired', status_reason = 'hold_expired', updated_at = now()
           from due where o.order_id = due.order_id
           returning o.order_id"#,
        event_id,
        limit
    )
    .fetch_all(&mut *tx)
    .await?;
    if !expired.is_empty() {
        release_holds(&mut tx, &expired).await?;
        tx.commit().await?;
    }
    Ok(expired)
}

/// How long a seen payment may keep its tickets past the hold: the slowest bank debits
/// settle within two weeks.
pub const SETTLING_GRACE_DAYS: i32 = 15;

/// Expires orders whose payment was seen but never settled, long after their hold ended
/// (a webhook that never came), and releases their tickets. A payment that settles after all
/// follows the late-payment rule. Returns the orders expired.
pub async fn release_stale_settling_holds(db: &PgPool, limit: i64) -> sqlx::Result<Vec<Uuid>> {
    let mut tx = db.begin().await?;
    let expired = sqlx::query_scalar!(
        r#"with due as (
               select order_id from customer_order
               where status = 'pending_payment' and payment_detected
                 and expires_at <= now() - make_interval(days => $1)
               order by expires_at
               limit $2
               for update skip locked
           )
           update customer_order o
           set status = 'expired', status_reason = 'payment_never_settled', updated_at = now()
           from due where o.order_id = due.order_id
           returning o.order_id"#,
        SETTLING_GRACE_DAYS,
        limit
    )
    .fetch_all(&mut *tx)
    .await?;
    if !expired.is_empty() {
        release_holds(&mut tx, &expired).await?;
        tx.commit().await?;
    }
    Ok(expired)
}

/// Releases the expired holds of the event `order_id` is for, in a transaction of its own.
/// Called before settling a payment, so that a late payment finds the stock that is really
/// free, without taking ticket-type locks out of order inside the settling transaction.
pub async fn release_expired_holds_of_order(db: &PgPool, order_id: Uuid) -> sqlx::Result<()> {
    let event = sqlx::query_scalar!("select event_id from customer_order where order_id = $1", order_id)
        .fetch_optional(db)
        .await?;
    if let Some(event) = event {
        release_expired_holds(db, Some(event), 1000).await?;
    }
    Ok(())
}
