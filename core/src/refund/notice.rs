//! The customer's email about a refund: once it succeeded (cards) or can be claimed (bitcoin),
//! the ticketing process claims it (a lease, so one worker sends it), sends it, and records that the mail server accepted it.
//! A failed attempt is tried again later, a little later each time.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// What the email about a refund says.
#[derive(Debug, Clone)]
pub struct RefundNotice {
    pub refund_id: Uuid,
    pub order_id: Uuid,
    pub customer_email: String,
    pub customer_name: String,
    pub event_title: String,
    /// `card`, `btc` or `eth`.
    pub rail: String,
    pub asset: String,
    pub decimals: i32,
    /// In `asset`'s base units, exact.
    pub amount: String,
    /// Tickets it gave back, and all the order had.
    pub tickets_back: i32,
    pub tickets_in_order: i64,
    /// The order is refunded in full.
    pub order_refunded: bool,
    pub cause: super::RefundCause,
    /// Bitcoin: where the customer claims it with their own address.
    pub claim_url: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The language the order was placed in (`pt`): the email is written in it.
    pub locale: String,
}

/// Claims up to `limit` refund emails due, each for `lease`.
pub async fn claim_notices(
    db: &PgPool,
    lease: chrono::Duration,
    limit: i64,
) -> sqlx::Result<Vec<RefundNotice>> {
    let lease = sqlx::postgres::types::PgInterval::try_from(lease).unwrap_or_default();
    sqlx::query_as!(
        RefundNotice,
        r#"with due as (
               select refund_id from refund
               -- Card money is announced once it went back; bitcoin once it can be claimed.
               where order_id is not null and notified_at is null
                 and (status = 'succeeded' or (status = 'sent' and rail = 'btc' and claim_url is not null))
                 -- Nobody to tell once the account is deleted.
                 and not exists (select 1 from customer_order o join account a using (account_id)
                                 where o.order_id = refund.order_id and a.deleted_at is not null)
                 and notice_attempts < 20 and (notice_lease_until is null or notice_lease_until < now())
               order by created_at
               limit $2
               for update skip locked
           ), claimed as (
               update refund r set notice_lease_until = now() + $1::interval, updated_at = now()
               from due where r.refund_id = due.refund_id
               returning r.*
           )
           select c.refund_id, c.order_id as "order_id!", a.email as customer_email, a.name as customer_name,
                  e.title as event_title, c.rail, c.asset, c.decimals, c.amount::text as "amount!",
                  cardinality(c.ticket_ids) as "tickets_back!",
                  (select count(*) from ticket t where t.order_id = c.order_id) as "tickets_in_order!",
                  o.status = 'refunded' as "order_refunded!", c.reason as "cause: crate::refund::RefundCause",
                  c.claim_url, c.created_at, o.locale
           from claimed c
           join customer_order o on o.order_id = c.order_id
           join account a on a.account_id = o.account_id
           join event e on e.event_id = o.event_id"#,
        lease as _,
        limit
    )
    .fetch_all(db)
    .await
}

/// The mail server accepted it.
pub async fn notified(db: &PgPool, refund_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update refund set notified_at = now(), notice_lease_until = null, notice_error = null, updated_at = now()
           where refund_id = $1 and notified_at is null"#,
        refund_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// It could not be sent: tried again after a minute per attempt so far.
pub async fn notice_failed(db: &PgPool, refund_id: Uuid, error: &str) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update refund set notice_attempts = notice_attempts + 1, notice_error = left($2, 1000),
                  notice_lease_until = now() + make_interval(mins => notice_attempts + 1), updated_at = now()
           where refund_id = $1 and notified_at is null"#,
        refund_id,
        error
    )
    .execute(db)
    .await?;
    Ok(())
}
