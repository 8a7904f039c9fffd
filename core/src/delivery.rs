//! The delivery of a paid order's tickets: the record the ticketing worker keeps so that each
//! order gets its tickets and its email once, however often its message arrives.
//!
//! A worker first takes a lease on the order's delivery row ([`claim`]); every later step is
//! guarded on still holding it, so two workers never work on one order at once, and a worker
//! that died loses the order when its lease runs out. The last step ([`mark_sent`]) records the
//! email and moves the order to `fulfilled` in one transaction.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// A delivery row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub order_id: Uuid,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub pdf_key: Option<String>,
    pub email_started_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// What [`claim`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The lease is ours: deliver.
    Claimed(Delivery),
    /// Delivered before; nothing to do.
    AlreadySent,
    /// Given up on after too many failures, until an admin retries it.
    Failed,
    /// Another worker holds the lease and is working on it.
    Busy,
    /// Failed recently: not to be tried before then.
    NotBefore(DateTime<Utc>),
    /// The order is not paid (refunded, say): nothing to deliver.
    NotPaid(String),
    /// No such order.
    UnknownOrder,
}

/// Takes the lease on an order's delivery for `lease`, creating the row on first sight.
pub async fn claim(db: &PgPool, order_id: Uuid, owner: &str, lease: Duration) -> sqlx::Result<Claim> {
    let Some(order_status) =
        sqlx::query_scalar!("select status from customer_order where order_id = $1", order_id)
            .fetch_optional(db)
            .await?
    else {
        return Ok(Claim::UnknownOrder);
    };
    sqlx::query!("insert into delivery (order_id) values ($1) on conflict (order_id) do nothing", order_id)
        .execute(db)
        .await?;
    let claimed = sqlx::query_as!(
        Delivery,
        r#"update delivery
           set lease_owner = $2, lease_until = now() + make_interval(secs => $3), updated_at = now()
           where order_id = $1 and status = 'pending'
             and (lease_until is null or lease_until < now())
             and (next_attempt_at is null or next_attempt_at <= now())
           returning order_id, status, attempts, last_error, pdf_key, email_started_at, sent_at"#,
        order_id,
        owner,
        lease.as_secs_f64()
    )
    .fetch_optional(db)
    .await?;
    if let Some(delivery) = claimed {
        if order_status != "paid" && order_status != "fulfilled" {
            // Nothing will be delivered: no row is left behind for admins to wonder about
            // (a delivery that got as far as a PDF is kept, released).
            sqlx::query!(
                "delete from delivery where order_id = $1 and lease_owner = $2 and pdf_key is null and attempts = 0",
                order_id,
                owner
            )
            .execute(db)
            .await?;
            release(db, order_id, owner).await?;
            return Ok(Claim::NotPaid(order_status));
        }
        return Ok(Claim::Claimed(delivery));
    }
    let row = sqlx::query!(
        r#"select status, next_attempt_at, coalesce(lease_until > now(), false) as "leased!" from delivery where order_id = $1"#,
        order_id
    )
    .fetch_one(db)
    .await?;
    Ok(match row.status.as_str() {
        "sent" => Claim::AlreadySent,
        "failed" => Claim::Failed,
        _ if row.leased => Claim::Busy,
        _ => match row.next_attempt_at {
            Some(at) => Claim::NotBefore(at),
            // Lost a race with a lease that has just ended; the next look will tell.
            None => Claim::Busy,
        },
    })
}

/// Records where the order's PDF is stored. False when the lease was lost.
pub async fn record_pdf(
    db: &PgPool,
    order_id: Uuid,
    owner: &str,
    key: &str,
    bytes: i32,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        r#"update delivery set pdf_key = $3, pdf_bytes = $4, updated_at = now()
           where order_id = $1 and lease_owner = $2 and status = 'pending'"#,
        order_id,
        owner,
        key,
        bytes
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Notes that the email is about to be handed to the SMTP server, and to whom, and renews the
/// lease for the send. Returns whether the lease is still ours.
pub async fn email_starting(
    db: &PgPool,
    order_id: Uuid,
    owner: &str,
    recipient: &str,
    lease: Duration,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        r#"update delivery
           set email_started_at = now(), recipient = $3, lease_until = now() + make_interval(secs => $4),
               updated_at = now()
           where order_id = $1 and lease_owner = $2 and status = 'pending'"#,
        order_id,
        owner,
        recipient,
        lease.as_secs_f64()
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Extends the lease of a long step. Returns whether it is still ours.
pub async fn renew_lease(db: &PgPool, order_id: Uuid, owner: &str, lease: Duration) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        r#"update delivery set lease_until = now() + make_interval(secs => $3), updated_at = now()
           where order_id = $1 and lease_owner = $2 and status = 'pending'"#,
        order_id,
        owner,
        lease.as_secs_f64()
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// The email was accepted: the delivery is sent and the order fulfilled, in one transaction.
/// False when the lease was lost (another worker owns the order now).
pub async fn mark_sent(db: &PgPool, order_id: Uuid, owner: &str) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let updated = sqlx::query!(
        r#"update delivery
           set status = 'sent', sent_at = now(), lease_owner = null, lease_until = null,
               next_attempt_at = null, updated_at = now()
           where order_id = $1 and lease_owner = $2 and status = 'pending'"#,
        order_id,
        owner
    )
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(false);
    }
    crate::order::fulfil(&mut tx, order_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// What a failed attempt led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// To be tried again after the backoff.
    RetryAt(DateTime<Utc>),
    /// That was the last attempt: the delivery is failed until an admin retries it.
    GaveUp,
    /// The lease had been lost; the other worker decides.
    LeaseLost,
}

/// Records a failed attempt: backs off exponentially from `backoff` (capped at an hour), or
/// gives up at `max_attempts`. Unless `email_may_have_gone`, the note that an email was being
/// sent is cleared: the next attempt is a clean first send.
pub async fn record_failure(
    db: &PgPool,
    order_id: Uuid,
    owner: &str,
    error: &str,
    max_attempts: i32,
    backoff: Duration,
    email_may_have_gone: bool,
) -> sqlx::Result<Failure> {
    let row = sqlx::query!(
        r#"update delivery
           set attempts = attempts + 1,
               last_error = left($3, 2000),
               email_started_at = case when $6 then email_started_at end,
               status = case when attempts + 1 >= $4 then 'failed' else 'pending' end,
               next_attempt_at = case when attempts + 1 >= $4 then null
                   else now() + make_interval(secs => least($5 * power(2, attempts), 3600)) end,
               lease_owner = null, lease_until = null, updated_at = now()
           where order_id = $1 and lease_owner = $2 and status = 'pending'
           returning status, next_attempt_at"#,
        order_id,
        owner,
        error,
        max_attempts,
        backoff.as_secs_f64(),
        email_may_have_gone
    )
    .fetch_optional(db)
    .await?;
    Ok(match row {
        None => Failure::LeaseLost,
        Some(row) if row.status == "failed" => Failure::GaveUp,
        Some(row) => Failure::RetryAt(row.next_attempt_at.unwrap_or_else(Utc::now)),
    })
}

/// Deliveries waiting out a backoff after an SMTP failure become due now: called when an email
/// went through again after one failed, so an SMTP outage holds tickets back by about a lease
/// (the time a failed message waits before it is reclaimed), not by a backoff that doubled
/// while the server was away. Returns how many were brought forward.
pub async fn smtp_back(db: &PgPool) -> sqlx::Result<u64> {
    let updated = sqlx::query!(
        r#"update delivery set next_attempt_at = now(), updated_at = now()
           where status = 'pending' and next_attempt_at > now() and last_error like 'SMTP:%'"#
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected())
}

/// Gives the lease back without counting an attempt (the order turned out to need nothing).
pub async fn release(db: impl PgExecutor<'_>, order_id: Uuid, owner: &str) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update delivery set lease_owner = null, lease_until = null, updated_at = now()
           where order_id = $1 and lease_owner = $2"#,
        order_id,
        owner
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Marks a delivery failed at once, without retries, when no retry can help (the email cannot
/// be built or addressed). False when the lease was lost: the other worker decides.
pub async fn give_up(db: &PgPool, order_id: Uuid, owner: &str, error: &str) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        r#"update delivery
           set status = 'failed', last_error = left($3, 2000), attempts = attempts + 1,
               lease_owner = null, lease_until = null, next_attempt_at = null, updated_at = now()
           where order_id = $1 and lease_owner = $2 and status = 'pending'"#,
        order_id,
        owner,
        error
    )
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// What an admin retry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Back to pending with a fresh count of attempts; to be published again.
    Requeued,
    /// Already delivered: nothing to retry.
    AlreadySent,
    /// The order is not paid, or does not exist.
    NotDeliverable,
}

/// Puts a failed (or stuck) delivery back in the queue with a fresh count of attempts.
pub async fn retry(db: &PgPool, order_id: Uuid) -> sqlx::Result<Retry> {
    let status = sqlx::query_scalar!("select status from customer_order where order_id = $1", order_id)
        .fetch_optional(db)
        .await?;
    if !matches!(status.as_deref(), Some("paid" | "fulfilled")) {
        return Ok(Retry::NotDeliverable);
    }
    let row = sqlx::query_scalar!(
        r#"insert into delivery (order_id) values ($1)
           on conflict (order_id) do update
           set status = case when delivery.status = 'sent' then 'sent' else 'pending' end,
               attempts = case when delivery.status = 'sent' then delivery.attempts else 0 end,
               next_attempt_at = case when delivery.status = 'sent' then delivery.next_attempt_at end,
               updated_at = now()
           returning status"#,
        order_id
    )
    .fetch_one(db)
    .await?;
    Ok(if row == "sent" { Retry::AlreadySent } else { Retry::Requeued })
}

/// Paid orders of events not yet over that nobody has delivered for `after`: no delivery row,
/// or a pending one untouched (no lease, no backoff due later) since then. Failed deliveries
/// wait for an admin. Each returned order is counted as republished.
pub async fn stalled(db: &PgPool, after: Duration, limit: i64) -> sqlx::Result<Vec<Uuid>> {
    to_republish(db, Some(after), limit).await
}

/// Every paid order of an event not yet over that is not delivered (no delivery, or a pending
/// one, whoever holds its lease and however long its backoff), at most `limit`: what to
/// publish again when the stream was lost with the messages that were bringing them. Each
/// returned order is counted as republished.
pub async fn undelivered(db: &PgPool, limit: i64) -> sqlx::Result<Vec<Uuid>> {
    to_republish(db, None, limit).await
}

/// Paid, undelivered orders of events not yet over (failed deliveries wait for an admin); with
/// `after`, only those nobody has touched for that long (paid before, and a delivery, if any,
/// untouched since, with no lease and no backoff due later). Counted as republished.
async fn to_republish(db: &PgPool, after: Option<Duration>, limit: i64) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        r#"with chosen as (
               select o.order_id
               from customer_order o
               left join delivery d on d.order_id = o.order_id
               join event e on e.event_id = o.event_id
               where o.status = 'paid' and e.ends_at > now()
                 and (d.order_id is null or d.status = 'pending')
                 and ($1::float8 is null
                      or (o.paid_at < now() - make_interval(secs => $1)
                          and (d.order_id is null
                               or (d.updated_at < now() - make_interval(secs => $1)
                                   and (d.lease_until is null or d.lease_until < now())
                                   and (d.next_attempt_at is null or d.next_attempt_at <= now())))))
               order by o.paid_at
               limit $2
           )
           insert into delivery (order_id, republished)
           select order_id, 1 from chosen
           on conflict (order_id) do update
           set republished = delivery.republished + 1, updated_at = now()
           returning order_id"#,
        after.map(|after| after.as_secs_f64()) as Option<f64>,
        limit
    )
    .fetch_all(db)
    .await
}

/// A delivery as admins see it.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRow {
    pub order_id: Uuid,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub recipient: Option<String>,
    pub customer_email: String,
    pub event_title: String,
    pub tickets: i64,
    pub pdf_bytes: Option<i32>,
    pub sent_at: Option<DateTime<Utc>>,
    /// When the order was paid.
    pub paid_at: Option<DateTime<Utc>>,
    pub republished: i32,
    pub updated_at: DateTime<Utc>,
}

/// Deliveries that need attention (failed or not yet sent) first, then the latest sent ones;
/// `status` narrows to one status.
pub async fn list(db: &PgPool, status: Option<&str>, limit: i64) -> sqlx::Result<Vec<DeliveryRow>> {
    sqlx::query_as!(
        DeliveryRow,
        r#"select d.order_id, d.status, d.attempts, d.last_error, d.next_attempt_at, d.recipient,
                  a.email as customer_email, e.title as event_title,
                  (select count(*) from ticket t where t.order_id = d.order_id) as "tickets!",
                  d.pdf_bytes, d.sent_at, o.paid_at, d.republished, d.updated_at
           from delivery d
           join customer_order o on o.order_id = d.order_id
           join account a on a.account_id = o.account_id
           join event e on e.event_id = o.event_id
           where $1::text is null or d.status = $1
           order by (d.status = 'sent'), d.updated_at desc
           limit $2"#,
        status,
        limit
    )
    .fetch_all(db)
    .await
}

/// Where an order's tickets PDF is stored, and the event's slug to name the file by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPdf {
    pub key: String,
    pub event_slug: String,
}

/// The stored PDF of an order's tickets, once rendered (for a paid or fulfilled order only).
pub async fn stored_pdf(db: impl PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Option<StoredPdf>> {
    sqlx::query_as!(
        StoredPdf,
        r#"select d.pdf_key as "key!", e.slug as event_slug
           from delivery d
           join customer_order o on o.order_id = d.order_id
           join event e on e.event_id = o.event_id
           where d.order_id = $1 and d.pdf_key is not null and o.status in ('paid', 'fulfilled')"#,
        order_id
    )
    .fetch_optional(db)
    .await
}

/// How far a paid order's tickets have got, as its owner's pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// The tickets, once issued, in order.
    pub tickets: Vec<crate::ticket::IssuedTicket>,
    /// The PDF is stored and can be downloaded.
    pub pdf_ready: bool,
    /// Delivery gave up (admins see it and retry).
    pub failed: bool,
}

/// The order's tickets and the state of their delivery.
pub async fn progress(db: &PgPool, order_id: Uuid) -> sqlx::Result<Progress> {
    let mut conn = db.acquire().await?;
    let tickets = crate::ticket::tickets_of_order(&mut conn, order_id).await?;
    let row = sqlx::query!(
        r#"select status, pdf_key is not null as "pdf_ready!" from delivery where order_id = $1"#,
        order_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(Progress {
        tickets,
        pdf_ready: row.as_ref().is_some_and(|r| r.pdf_ready),
        failed: row.is_some_and(|r| r.status == "failed"),
    })
}
