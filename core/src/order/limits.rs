//! What one account may hold of an event, who holds what, and an admin releasing an account's
//! holds. The limits themselves are enforced where holds are placed (`place_orders`, see
//! migration 20261208000016), so a flash sale's batches keep them too; this is their
//! settings and what admins see of them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use super::StatusReason;
use super::transition::{Closed, close_pending};
use crate::catalog::FieldError;

/// Tickets one account may hold or own of an event without a limit of its own (the same
/// default as `place_orders`).
pub const DEFAULT_MAX_TICKETS_PER_ACCOUNT: i32 = 10;
/// The largest per-account limit an admin can set.
pub const MAX_TICKETS_PER_ACCOUNT_CEILING: i32 = 10_000;

/// An event's limits on what one account may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct EventLimits {
    /// Tickets one account may hold and own together.
    pub max_tickets_per_account: i32,
    /// Card checkouts may offer methods whose result arrives after the hold (bank debits,
    /// vouchers); off, only methods that answer at once are offered.
    pub allow_delayed_methods: bool,
}

impl Default for EventLimits {
    fn default() -> Self {
        EventLimits { max_tickets_per_account: DEFAULT_MAX_TICKETS_PER_ACCOUNT, allow_delayed_methods: false }
    }
}

impl EventLimits {
    pub fn check(&self) -> Result<(), FieldError> {
        if !(1..=MAX_TICKETS_PER_ACCOUNT_CEILING).contains(&self.max_tickets_per_account) {
            return Err(FieldError::new(
                "max_tickets_per_account",
                tessera_i18n::t_args(
                    "error-whole-number-up-to",
                    [("max", MAX_TICKETS_PER_ACCOUNT_CEILING.into())],
                ),
            ));
        }
        Ok(())
    }
}

/// The event's limits (the defaults when none were set).
pub async fn event_limits(db: impl PgExecutor<'_>, event_id: Uuid) -> sqlx::Result<EventLimits> {
    let row = sqlx::query_as!(
        EventLimits,
        "select max_tickets_per_account, allow_delayed_methods from event_purchase_limit where event_id = $1",
        event_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.unwrap_or_default())
}

/// Sets an event's limits, in the audit log. A lower limit applies to purchases from now on;
/// what accounts already hold or own stays theirs.
pub async fn set_event_limits(
    db: &PgPool,
    event_id: Uuid,
    limits: EventLimits,
    admin: Uuid,
) -> Result<(), LimitsError> {
    limits.check()?;
    let mut tx = db.begin().await?;
    let before = sqlx::query_as!(
        EventLimits,
        r#"select coalesce(l.max_tickets_per_account, $2) as "max_tickets_per_account!",
                  coalesce(l.allow_delayed_methods, false) as "allow_delayed_methods!"
           from event e left join event_purchase_limit l using (event_id)
           where e.event_id = $1
           for no key update of e"#,
        event_id,
        DEFAULT_MAX_TICKETS_PER_ACCOUNT
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(LimitsError::EventNotFound)?;
    sqlx::query!(
        r#"insert into event_purchase_limit (event_id, max_tickets_per_account, allow_delayed_methods, updated_by)
           values ($1, $2, $3, $4)
           on conflict (event_id) do update set max_tickets_per_account = excluded.max_tickets_per_account,
               allow_delayed_methods = excluded.allow_delayed_methods, updated_by = excluded.updated_by,
               updated_at = now()"#,
        event_id,
        limits.max_tickets_per_account,
        limits.allow_delayed_methods,
        admin
    )
    .execute(&mut *tx)
    .await?;
    if before != limits {
        sqlx::query!(
            "insert into audit_log (account_id, action, event_id, before, after) values ($1, 'event.limits', $2, $3, $4)",
            admin,
            event_id,
            serde_json::json!({ "limits": before }),
            serde_json::json!({ "limits": limits }),
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum LimitsError {
    #[error("no such event")]
    EventNotFound,
    #[error("{0}")]
    Invalid(#[from] FieldError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What one account holds and owns of an event, for its admin page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountHolds {
    pub account_id: Uuid,
    pub email: String,
    pub name: String,
    /// Tickets in unpaid orders whose hold is live.
    pub held: i32,
    /// Tickets in unpaid orders kept past their hold because a payment was seen.
    pub kept_for_payment: i32,
    /// Tickets in paid orders.
    pub bought: i32,
    /// Unpaid orders of this event (live holds and those kept for a payment).
    pub open_orders: i32,
    /// When the account's earliest live hold on the event runs out.
    pub holds_until: Option<DateTime<Utc>>,
}

/// The accounts holding tickets of the event now, those holding most first (at most `limit`).
pub async fn holds_of_event(db: &PgPool, event_id: Uuid, limit: i64) -> sqlx::Result<Vec<AccountHolds>> {
    sqlx::query_as!(
        AccountHolds,
        r#"with own as (
               select o.account_id,
                      coalesce(sum(i.quantity) filter (where o.status = 'pending_payment'
                          and not o.payment_detected and o.expires_at > now()), 0)::int as held,
                      coalesce(sum(i.quantity) filter (where o.status = 'pending_payment'
                          and o.payment_detected), 0)::int as kept_for_payment,
                      coalesce(sum(i.quantity) filter (where o.status in ('paid', 'fulfilled')), 0)::int as bought,
                      count(distinct o.order_id) filter (where o.status = 'pending_payment'
                          and (o.payment_detected or o.expires_at > now()))::int as open_orders,
                      min(o.expires_at) filter (where o.status = 'pending_payment'
                          and not o.payment_detected and o.expires_at > now()) as holds_until
               from customer_order o join order_item i using (order_id)
               where o.event_id = $1 and o.status in ('pending_payment', 'paid', 'fulfilled')
               group by o.account_id
           )
           select own.account_id, a.email, a.name, own.held as "held!", own.kept_for_payment as "kept_for_payment!",
                  own.bought as "bought!", own.open_orders as "open_orders!", own.holds_until
           from own join account a using (account_id)
           where own.held > 0 or own.kept_for_payment > 0
           order by own.held + own.kept_for_payment desc, a.email
           limit $2"#,
        event_id,
        limit
    )
    .fetch_all(db)
    .await
}

/// Releases the account's live holds on the event: its unpaid orders close as released by an
/// admin and their tickets go back on sale (their checkouts are closed by the sweeper, as for
/// a customer's own cancel). Orders whose payment was seen are left alone: money is on its
/// way. Returns the orders closed.
pub async fn release_account_holds(
    db: &PgPool,
    event_id: Uuid,
    account_id: Uuid,
    admin: Uuid,
) -> sqlx::Result<Vec<Uuid>> {
    let mut tx = db.begin().await?;
    // Orders first, then their ticket types (in `close_pending`): the transitions' lock order.
    let candidates = sqlx::query_scalar!(
        r#"select order_id from customer_order
           where event_id = $1 and account_id = $2 and status = 'pending_payment' and not payment_detected
           order by order_id
           for update"#,
        event_id,
        account_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut released = Vec::with_capacity(candidates.len());
    for order_id in candidates {
        if close_pending(&mut tx, order_id, Closed::Cancelled, StatusReason::ReleasedByAdmin).await? {
            released.push(order_id);
        }
    }
    if !released.is_empty() {
        sqlx::query!(
            r#"insert into audit_log (account_id, action, event_id, after)
               values ($1, 'event.release_holds', $2, $3)"#,
            admin,
            event_id,
            serde_json::json!({ "account_id": account_id, "orders": released }),
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(released)
}
