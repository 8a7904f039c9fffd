//! When money goes back without an admin: customers cancelling their own orders (while the
//! event's refund policy allows it, less its fee), and every paid order of a cancelled event
//! (a job that resumes where it stopped: each order's refund has its own key, so a crash
//! halfway neither skips nor doubles one).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use super::{OrderRefund, Refund, RefundCause, RefundError, Scope};

/// An event's refund policy: customers may cancel until `until_hours_before` its start, less
/// `fee_bps` hundredths of a percent of what they paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RefundPolicy {
    pub until_hours_before: i32,
    pub fee_bps: i32,
}

impl RefundPolicy {
    /// Until when a customer may cancel an event starting at `starts_at`.
    pub fn deadline(&self, starts_at: DateTime<Utc>) -> DateTime<Utc> {
        starts_at - chrono::Duration::hours(i64::from(self.until_hours_before))
    }

    /// The fee on `paid_minor`, rounded down in the customer's favour.
    pub fn fee(&self, paid_minor: i64) -> i64 {
        paid_minor * i64::from(self.fee_bps) / 10_000
    }
}

/// The event's policy; `None`: no self-service refunds.
pub async fn policy(db: impl PgExecutor<'_>, event_id: Uuid) -> sqlx::Result<Option<RefundPolicy>> {
    sqlx::query_as!(
        RefundPolicy,
        "select until_hours_before, fee_bps from event_refund_policy where event_id = $1",
        event_id
    )
    .fetch_optional(db)
    .await
}

/// Sets (or with `None` removes) an event's policy, in the audit log.
pub async fn set_policy(
    db: &PgPool,
    event_id: Uuid,
    policy: Option<RefundPolicy>,
    admin: Uuid,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    let before = sqlx::query_as!(
        RefundPolicy,
        "select until_hours_before, fee_bps from event_refund_policy where event_id = $1 for update",
        event_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    match policy {
        None => {
            sqlx::query!("delete from event_refund_policy where event_id = $1", event_id)
                .execute(&mut *tx)
                .await?;
        }
        Some(p) => {
            sqlx::query!(
                r#"insert into event_refund_policy (event_id, until_hours_before, fee_bps, updated_by)
                   values ($1, $2, $3, $4)
                   on conflict (event_id) do update set until_hours_before = excluded.until_hours_before,
                       fee_bps = excluded.fee_bps, updated_by = excluded.updated_by, updated_at = now()"#,
                event_id,
                p.until_hours_before,
                p.fee_bps,
                admin
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    if before != policy {
        let as_json = |p: Option<RefundPolicy>| {
            serde_json::json!({"refund_policy": p.map(|p| serde_json::json!({
                "until_hours_before": p.until_hours_before, "fee_bps": p.fee_bps}))})
        };
        sqlx::query!(
            "insert into audit_log (account_id, action, event_id, before, after) values ($1, 'event.refund_policy', $2, $3, $4)",
            admin,
            event_id,
            as_json(before),
            as_json(policy)
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Whether a customer may cancel this order now, and for how much.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SelfCancel {
    /// Yes: the refund and the fee kept, in minor units, until `deadline`.
    Allowed { refund_minor: i64, fee_minor: i64, deadline: DateTime<Utc> },
    /// No: why, for the customer.
    Refused(&'static str),
}

/// What a customer cancelling `order_id` now would get back.
pub async fn self_cancel_terms(db: &PgPool, order_id: Uuid, now: DateTime<Utc>) -> sqlx::Result<SelfCancel> {
    let order = sqlx::query!(
        r#"select o.status, o.event_id, e.starts_at, e.status as event_status, e.currency,
                  p.received_minor as "received_minor?", p.provider as "provider?",
                  p.overpaid_minor as "overpaid_minor?",
                  -- Any refund on its way or made, on any rail (counted, not summed: the units
                  -- differ by rail).
                  exists (select 1 from refund f
                          where f.order_id = o.order_id and f.status not in ('failed', 'cancelled')) as "back!",
                  exists (select 1 from refund f where f.idempotency_key = 'customer-cancel:' || o.order_id::text)
                      as "cancelled_before!"
           from customer_order o join event e using (event_id)
           left join lateral (
               select received_minor, provider, overpaid_minor from payment
               where order_id = o.order_id and status = 'succeeded' and provider <> 'free'
                 and received_minor is not null
               order by received_at limit 1
           ) p on true
           where o.order_id = $1"#,
        order_id
    )
    .fetch_optional(db)
    .await?;
    let Some(order) = order else { return Ok(SelfCancel::Refused("error-not-found-order")) };
    if !matches!(order.status.as_str(), "paid" | "fulfilled") {
        return Ok(SelfCancel::Refused("error-refund-only-paid"));
    }
    if order.event_status == "cancelled" {
        return Ok(SelfCancel::Refused("error-refund-event-cancelled"));
    }
    let Some(policy) = policy(db, order.event_id).await? else {
        return Ok(SelfCancel::Refused("error-refund-no-policy"));
    };
    let deadline = policy.deadline(order.starts_at);
    if now >= deadline {
        return Ok(SelfCancel::Refused("error-refund-too-late"));
    }
    let (Some(received), Some(provider)) = (order.received_minor, order.provider.as_deref()) else {
        return Ok(SelfCancel::Refused("error-refund-free-order"));
    };
    if order.cancelled_before {
        return Ok(SelfCancel::Refused("error-refund-cancelled-already"));
    }
    if order.overpaid_minor.unwrap_or(0) > 0 {
        // Its excess goes back on its own first; a cancellation would send it twice.
        return Ok(SelfCancel::Refused("error-refund-overpaid"));
    }
    if order.back {
        return Ok(SelfCancel::Refused("error-refund-partly-refunded"));
    }
    let fee = policy.fee(received);
    // Card refunds in amounts Stripe can send exactly; crypto ones go back in the coin, the fee
    // converted at the rate the customer paid at.
    let refund =
        if provider == "stripe" { exact_refund(&order.currency, received - fee) } else { received - fee };
    Ok(SelfCancel::Allowed { refund_minor: refund, fee_minor: received - refund, deadline })
}

/// The largest amount up to `minor` that Stripe can send back exactly.
fn exact_refund(currency: &str, minor: i64) -> i64 {
    let Ok(currency) = currency.parse::<crate::money::Currency>() else { return minor };
    (0..=1000)
        .map(|down| minor - down)
        .find(|amount| *amount <= 0 || crate::money::stripe::to_stripe(currency, *amount).is_ok())
        .unwrap_or(minor)
        .max(0)
}

/// A customer cancels their own order: every ticket is voided and what the policy allows goes
/// back. Once per order: a repeat returns the same refund.
pub async fn cancel_own_order(
    db: &PgPool,
    order_id: Uuid,
    account_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(Refund, bool), RefundError> {
    let owner = sqlx::query_scalar!("select account_id from customer_order where order_id = $1", order_id)
        .fetch_optional(db)
        .await?;
    if owner != Some(account_id) {
        return Err(RefundError::NotFound);
    }
    let key = format!("customer-cancel:{order_id}");
    if let Some(existing) =
        sqlx::query_scalar!("select refund_id from refund where idempotency_key = $1", key)
            .fetch_optional(db)
            .await?
    {
        return Ok((super::refund(db, existing).await?.ok_or(RefundError::NotFound)?, false));
    }
    let fee_minor = match self_cancel_terms(db, order_id, now).await? {
        SelfCancel::Allowed { fee_minor, .. } => fee_minor,
        SelfCancel::Refused(why) => return Err(RefundError::NotRefundable(why)),
    };
    super::request_for_order(
        db,
        &OrderRefund {
            order_id,
            scope: Scope::Order,
            cause: RefundCause::RequestedByCustomer,
            requested_by: Some(account_id),
            by_admin: false,
            idempotency_key: key,
            override_checked_in: false,
            fee_minor,
        },
    )
    .await
}

/// How far the refunds of a cancelled event have got.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CancellationProgress {
    /// Orders that were paid when the event was cancelled (or since).
    pub paid_orders: i64,
    /// Of those: refunded in full, refunds on their way (bitcoin ones until their buyer claims
    /// them, Ethereum ones until their transaction is deep enough), and refunds that failed.
    pub refunded: i64,
    pub pending: i64,
    pub failed: i64,
}

/// The progress of refunding a cancelled event's orders.
pub async fn cancellation_progress(db: &PgPool, event_id: Uuid) -> sqlx::Result<CancellationProgress> {
    sqlx::query_as!(
        CancellationProgress,
        r#"select count(*) as "paid_orders!",
                  count(*) filter (where o.status = 'refunded') as "refunded!",
                  count(*) filter (where o.status <> 'refunded' and f.status in ('requested', 'sent')) as "pending!",
                  count(*) filter (where o.status <> 'refunded' and f.status = 'failed') as "failed!"
           from customer_order o
           left join lateral (select provider from payment where order_id = o.order_id
                              and status in ('succeeded', 'refunded') order by received_at limit 1) p on true
           left join lateral (select status from refund where order_id = o.order_id
                              and reason = 'event_cancelled' order by created_at desc limit 1) f on true
           where o.event_id = $1 and o.paid_at is not null
             and o.status in ('paid', 'fulfilled', 'refunded')
             and (p.provider is null or p.provider <> 'free')"#,
        event_id
    )
    .fetch_one(db)
    .await
}

/// Asks for the refund of up to `limit` paid orders of cancelled events, on every rail, that have none
/// yet, passing over `skip` (orders an earlier call could not refund now); returns the refunds
/// asked for (for the caller to send) and the orders it could not refund now. Run again until
/// it asks for none; what a crash interrupted is picked up by the next run.
pub async fn refund_cancelled_events(
    db: &PgPool,
    skip: &[Uuid],
    limit: i64,
) -> Result<(Vec<Uuid>, Vec<Uuid>), RefundError> {
    let orders = sqlx::query_scalar!(
        r#"select o.order_id from customer_order o
           join event e on e.event_id = o.event_id
           join payment p on p.order_id = o.order_id and p.status = 'succeeded' and p.provider in ('stripe', 'btcpay', 'ethereum')
           where e.status = 'cancelled' and o.status in ('paid', 'fulfilled')
             and not exists (select 1 from refund f where f.idempotency_key = 'event-cancelled:' || o.order_id::text)
             and o.order_id <> all($1)
           order by o.paid_at
           limit $2"#,
        skip,
        limit
    )
    .fetch_all(db)
    .await?;
    let mut asked = Vec::with_capacity(orders.len());
    let mut skipped = Vec::new();
    for order_id in orders {
        let ask = OrderRefund {
            order_id,
            scope: Scope::Order,
            cause: RefundCause::EventCancelled,
            requested_by: None,
            by_admin: false,
            idempotency_key: format!("event-cancelled:{order_id}"),
            // Refunds of the whole order: tickets at the door were used, but the event was
            // cancelled, so everything goes back.
            override_checked_in: true,
            fee_minor: 0,
        };
        match super::request_for_order(db, &ask).await {
            Ok((refund, _)) => asked.push(refund.id),
            // Refunded before, tickets still being issued, or something this order alone
            // trips on: the next run (or finance) deals with it; the others go on.
            Err(RefundError::Db(err)) => return Err(RefundError::Db(err)),
            Err(err) => {
                tracing::warn!(order.id = %order_id, error = %err, "a cancelled event's order not refunded now");
                skipped.push(order_id);
            }
        }
    }
    Ok((asked, skipped))
}
