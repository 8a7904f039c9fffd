//! The order's transitions. Each is an update guarded on the state it leaves, in the caller's
//! transaction, together with the stock it moves; a transition that finds the order elsewhere
//! changes nothing and says so.
//!
//! Locks are always taken accounts first (settling, like placing, takes the buyer's), then
//! orders, then ticket types in id order, so the transitions and the buyers' holds never wait
//! on each other in a circle.
//!
//! Here: the order's own states (closing, settling, fulfilling, a payment seen or gone). The
//! payment rows' bookkeeping is in `payment`, the sweepers that expire holds in `sweep`.

use sqlx::PgConnection;
use uuid::Uuid;

use super::outbox::ORDERS_PAID;
use super::{Provider, RefundReason, StatusReason};

/// The final states a pending order can be closed into without payment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    Expired,
    Cancelled,
    Failed,
}

impl Closed {
    fn as_str(self) -> &'static str {
        match self {
            Closed::Expired => "expired",
            Closed::Cancelled => "cancelled",
            Closed::Failed => "failed",
        }
    }
}

/// Money a provider says it collected for an order.
#[derive(Debug, Clone)]
pub struct Receipt<'a> {
    pub order_id: Uuid,
    pub provider: Provider,
    /// The provider's id of the checkout (a Checkout Session id).
    pub provider_ref: &'a str,
    /// The provider's id of the money movement (a PaymentIntent id), when it has one.
    pub provider_payment_ref: Option<&'a str>,
    pub amount_minor: i64,
    /// ISO 4217, any case.
    pub currency: &'a str,
}

/// What a receipt did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// The order is paid, and announced on the outbox.
    Paid,
    /// The hold had been released, but the tickets were still there: taken again and paid.
    PaidLate,
    /// This payment had already paid the order; nothing changed.
    AlreadyPaid,
    /// The money cannot pay for the order and is recorded as due for refund, with the reason.
    RefundDue(RefundReason),
    /// No such order.
    UnknownOrder,
}

/// Closes a pending order without payment and releases its hold. False when the order was not
/// pending (already paid, or closed by someone else first).
pub async fn close_pending(
    conn: &mut PgConnection,
    order_id: Uuid,
    to: Closed,
    reason: StatusReason,
) -> sqlx::Result<bool> {
    let closed = sqlx::query_scalar!(
        r#"update customer_order set status = $2, status_reason = $3, updated_at = now()
           where order_id = $1 and status = 'pending_payment'
           returning order_id"#,
        order_id,
        to.as_str(),
        reason.as_str()
    )
    .fetch_optional(&mut *conn)
    .await?;
    if closed.is_none() {
        return Ok(false);
    }
    release_holds(conn, &[order_id]).await?;
    Ok(true)
}

/// Gives the held tickets of these (just closed) orders back.
pub(super) async fn release_holds(conn: &mut PgConnection, order_ids: &[Uuid]) -> sqlx::Result<()> {
    let lines = sqlx::query!(
        r#"select ticket_type_id, sum(quantity)::int as "quantity!"
           from order_item where order_id = any($1)
           group by ticket_type_id order by ticket_type_id"#,
        order_ids
    )
    .fetch_all(&mut *conn)
    .await?;
    for line in lines {
        sqlx::query!(
            "update ticket_type set held = held - $2, updated_at = now() where ticket_type_id = $1",
            line.ticket_type_id,
            line.quantity
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Locks the account that placed the order (the first lock of any transition that may settle
/// it: accounts, then orders, then ticket types). Taking it again later in the same
/// transaction is free.
pub async fn lock_buyer(conn: &mut PgConnection, order_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        r#"select a.account_id from account a join customer_order o using (account_id)
           where o.order_id = $1
           for no key update of a"#,
        order_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(())
}

/// Whether the buyer left the order's checkout `provider_ref` for another rail.
pub async fn is_left_checkout(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: Provider,
    provider_ref: &str,
) -> sqlx::Result<bool> {
    let left = sqlx::query_scalar!(
        r#"select exists (select 1 from payment where order_id = $1 and provider = $2 and provider_ref = $3
                          and superseded_at is not null) as "left!""#,
        order_id,
        provider.as_str(),
        provider_ref
    )
    .fetch_one(conn)
    .await?;
    Ok(left)
}

/// Whether `provider_ref` is the checkout (Stripe session, BTCPay invoice) this order opened
/// on its own rail, and not one the buyer left for another rail: only then may the provider's
/// news about it (expired, failed, invalid, seen) move the order (money always counts: see
/// [`settle`]). A payment row still being opened that never learnt its reference (the buy was
/// interrupted after the provider answered) counts as the order's.
pub async fn is_own_checkout(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: Provider,
    provider_ref: &str,
) -> sqlx::Result<bool> {
    let rows = sqlx::query!(
        r#"select o.payment_method from customer_order o join payment p using (order_id)
           where o.order_id = $1 and p.provider = $2 and p.superseded_at is null
             and (p.provider_ref = $3 or (p.provider_ref is null and p.status = 'creating'))
             and not exists (select 1 from payment s
                             where s.order_id = o.order_id and s.provider = $2 and s.provider_ref = $3
                               and s.superseded_at is not null)"#,
        order_id,
        provider.as_str(),
        provider_ref
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.iter().any(|row| {
        row.payment_method.parse::<super::PaymentMethod>().is_ok_and(|m| m.provider() == provider)
    }))
}

/// A payment was seen but is not final yet (an async card payment): the order keeps its hold
/// past `expires_at` until the provider says how it ended.
pub async fn mark_payment_detected(conn: &mut PgConnection, order_id: Uuid) -> sqlx::Result<bool> {
    let marked = sqlx::query!(
        r#"update customer_order set payment_detected = true, updated_at = now()
           where order_id = $1 and status = 'pending_payment'"#,
        order_id
    )
    .execute(conn)
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// A payment that was seen is gone (a bitcoin transaction replaced or dropped before it
/// confirmed): the order waits for payment again, and its hold runs out at `expires_at` (at
/// once if that has passed).
pub async fn unmark_payment_detected(conn: &mut PgConnection, order_id: Uuid) -> sqlx::Result<bool> {
    let unmarked = sqlx::query!(
        r#"update customer_order set payment_detected = false, updated_at = now()
           where order_id = $1 and status = 'pending_payment' and payment_detected"#,
        order_id
    )
    .execute(conn)
    .await?;
    Ok(unmarked.rows_affected() == 1)
}

/// The order's tickets are issued and emailed: `paid → fulfilled`. False when the order was
/// not paid (already fulfilled, or refunded meanwhile).
pub async fn fulfil(conn: &mut PgConnection, order_id: Uuid) -> sqlx::Result<bool> {
    let fulfilled = sqlx::query!(
        r#"update customer_order set status = 'fulfilled', updated_at = now()
           where order_id = $1 and status = 'paid'"#,
        order_id
    )
    .execute(conn)
    .await?;
    Ok(fulfilled.rows_affected() == 1)
}

/// Applies money received for an order, in the caller's transaction (the one that records the
/// webhook in the inbox):
/// - a pending order becomes paid, its held tickets sold;
/// - an order whose hold was released (expired, cancelled, failed) is paid late if its tickets
///   can all be taken again, and otherwise the money is recorded as due for refund;
/// - a second payment for a paid order, or a wrong amount, is due for refund.
///
/// Paying writes the `orders.paid` outbox row in the same transaction.
///
/// Counted in `tessera_payments_settled_total{provider, outcome}` (`paid`, `paid_late`,
/// `refund_due`, ...) once decided, in the caller's transaction: a transaction that fails
/// afterwards and is retried counts again.
pub async fn settle(conn: &mut PgConnection, receipt: &Receipt<'_>) -> sqlx::Result<Settlement> {
    let settled = settle_receipt(conn, receipt).await?;
    let outcome = match &settled {
        Settlement::Paid => "paid",
        Settlement::PaidLate => "paid_late",
        Settlement::AlreadyPaid => "already_paid",
        Settlement::RefundDue(_) => "refund_due",
        Settlement::UnknownOrder => "unknown_order",
    };
    metrics::counter!(
        "tessera_payments_settled_total",
        "provider" => receipt.provider.as_str(),
        "outcome" => outcome
    )
    .increment(1);
    Ok(settled)
}

async fn settle_receipt(conn: &mut PgConnection, receipt: &Receipt<'_>) -> sqlx::Result<Settlement> {
    // The buyer's account first, as `place_orders` takes it: a late payment checked against
    // the account's limit cannot race a purchase (or another late payment) of the same
    // account.
    lock_buyer(conn, receipt.order_id).await?;
    let Some(order) = sqlx::query!(
        r#"select o.status, o.status_reason, o.total_minor, o.currency, o.payment_method,
                  (e.status = 'cancelled' or e.starts_at <= now()) as "event_closed!",
                  -- Paying late must not take the account past the event's limit (see
                  -- place_orders): what it holds and owns besides this order, plus this order.
                  (select coalesce(sum(i.quantity), 0) from customer_order o2 join order_item i using (order_id)
                   where o2.account_id = o.account_id and o2.event_id = o.event_id and o2.order_id <> o.order_id
                     and (o2.status in ('paid', 'fulfilled')
                          or (o2.status = 'pending_payment' and (o2.payment_detected or o2.expires_at > now()))))
                  + (select coalesce(sum(i.quantity), 0) from order_item i where i.order_id = o.order_id)
                  > coalesce((select l.max_tickets_per_account from event_purchase_limit l where l.event_id = o.event_id), $2)
                  as "over_limit!"
           from customer_order o join event e using (event_id)
           where o.order_id = $1
           for update of o"#,
        receipt.order_id,
        super::limits::DEFAULT_MAX_TICKETS_PER_ACCOUNT
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(Settlement::UnknownOrder);
    };

    // The payment row this receipt is about: the one with its reference, or the order's
    // attempt that never learnt its reference (the buy was interrupted after the provider
    // call), or a new row for money we did not ask for.
    let payment = sqlx::query!(
        r#"select payment_id, status, refund_reason from payment
           where order_id = $1 and provider = $2
             and (provider_ref = $3 or (provider_ref is null and status = 'creating'))
           order by provider_ref nulls last limit 1
           for update"#,
        receipt.order_id,
        receipt.provider.as_str(),
        receipt.provider_ref
    )
    .fetch_optional(&mut *conn)
    .await?;
    let payment_id = match payment {
        Some(p) if p.status == "succeeded" => return Ok(Settlement::AlreadyPaid),
        Some(p) if p.status == "refund_due" => {
            return Ok(Settlement::RefundDue(refund_reason_of(p.refund_reason.as_deref())));
        }
        Some(p) => p.payment_id,
        None => {
            let id = Uuid::now_v7();
            sqlx::query!(
                r#"insert into payment (payment_id, order_id, provider, provider_ref, status, currency, amount_minor)
                   values ($1, $2, $3, $4, 'open', $5, $6)"#,
                id,
                receipt.order_id,
                receipt.provider.as_str(),
                receipt.provider_ref,
                order.currency,
                order.total_minor
            )
            .execute(&mut *conn)
            .await?;
            id
        }
    };

    // Money on another rail than the order's never pays it (a BTCPay invoice or a Stripe
    // session naming a card order, say): it goes back.
    // (Nothing to pay is settled as `free`, whatever method the buyer picked.)
    // Money on a checkout the buyer left for another rail is the order's too: paid before the
    // switch reached the provider, it pays the order (and a payment on the new rail is then a
    // duplicate, refunded), never both.
    let left_rail = sqlx::query_scalar!(
        r#"select exists (select 1 from payment where payment_id = $1 and superseded_at is not null) as "left!""#,
        payment_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let own_rail = (receipt.provider == Provider::Free && order.total_minor == 0)
        || left_rail
        || order
            .payment_method
            .parse::<super::PaymentMethod>()
            .is_ok_and(|m| m.provider() == receipt.provider);
    if !own_rail {
        return refund_due(conn, payment_id, receipt, RefundReason::WrongRail).await;
    }
    if receipt.amount_minor != order.total_minor || !receipt.currency.eq_ignore_ascii_case(&order.currency) {
        return refund_due(conn, payment_id, receipt, RefundReason::AmountMismatch).await;
    }
    let items = sqlx::query!(
        "select ticket_type_id, quantity from order_item where order_id = $1 order by ticket_type_id",
        receipt.order_id
    )
    .fetch_all(&mut *conn)
    .await?;

    let outcome = match order.status.as_str() {
        // The event was cancelled or has begun while the payment was on its way (a slow bank
        // debit): no tickets for it; the hold goes back and so does the money.
        "pending_payment" if order.event_closed => {
            close_pending(conn, receipt.order_id, Closed::Cancelled, StatusReason::EventClosed).await?;
            return refund_due(conn, payment_id, receipt, RefundReason::EventClosed).await;
        }
        "pending_payment" => {
            for item in &items {
                sqlx::query!(
                    r#"update ticket_type set held = held - $2, sold = sold + $2, updated_at = now()
                       where ticket_type_id = $1"#,
                    item.ticket_type_id,
                    item.quantity
                )
                .execute(&mut *conn)
                .await?;
            }
            Settlement::Paid
        }
        // Too late for an event that is cancelled or under way: the money goes back.
        "expired" | "cancelled" | "failed" if order.event_closed => {
            return refund_due(conn, payment_id, receipt, RefundReason::EventClosed).await;
        }
        // Released by an admin, or beyond what the account may hold now: the money goes back.
        "expired" | "cancelled" | "failed"
            if order.status_reason == StatusReason::ReleasedByAdmin.as_str() || order.over_limit =>
        {
            return refund_due(conn, payment_id, receipt, RefundReason::OrderClosed).await;
        }
        "expired" | "cancelled" | "failed" => {
            // Take the tickets again if they are all still there; all or nothing. (Expired
            // holds still counted in `held` were released beforehand, in a transaction of
            // their own: see `release_expired_holds_of_order`.)
            let mut taken = true;
            sqlx::query!("savepoint take_again").execute(&mut *conn).await?;
            for item in &items {
                let took = sqlx::query!(
                    r#"update ticket_type set sold = sold + $2, updated_at = now()
                       where ticket_type_id = $1 and capacity - sold - held >= $2"#,
                    item.ticket_type_id,
                    item.quantity
                )
                .execute(&mut *conn)
                .await?;
                if took.rows_affected() == 0 {
                    taken = false;
                    break;
                }
            }
            if !taken {
                sqlx::query!("rollback to savepoint take_again").execute(&mut *conn).await?;
                let reason = if order.status == "expired" {
                    RefundReason::SoldOutAfterExpiry
                } else {
                    RefundReason::OrderClosed
                };
                return refund_due(conn, payment_id, receipt, reason).await;
            }
            sqlx::query!("release savepoint take_again").execute(&mut *conn).await?;
            Settlement::PaidLate
        }
        // Paid already by another payment: this one goes back.
        "paid" | "fulfilled" => {
            return refund_due(conn, payment_id, receipt, RefundReason::DuplicatePayment).await;
        }
        _ => return refund_due(conn, payment_id, receipt, RefundReason::OrderClosed).await,
    };

    sqlx::query!(
        r#"update customer_order
           set status = 'paid', status_reason = $3, paid_at = now(), payment_detected = false, updated_at = now()
           where order_id = $1 and status = $2"#,
        receipt.order_id,
        order.status,
        if outcome == Settlement::PaidLate { StatusReason::PaidLate.as_str() } else { "" }
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"update payment
           set status = 'succeeded', received_minor = $2, received_at = now(), provider_ref = $3,
               provider_payment_ref = $4, updated_at = now()
           where payment_id = $1"#,
        payment_id,
        receipt.amount_minor,
        receipt.provider_ref,
        receipt.provider_payment_ref
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        r#"insert into outbox (topic, order_id, payload)
           values ($1, $2, jsonb_build_object('order_id', $2::uuid, 'paid_at', now()))
           on conflict (topic, order_id) do nothing"#,
        ORDERS_PAID,
        receipt.order_id
    )
    .execute(&mut *conn)
    .await?;
    // Wakes the relay at once instead of at its next poll; delivered on commit.
    sqlx::query!("select pg_notify('outbox', '')").execute(&mut *conn).await?;
    Ok(outcome)
}

async fn refund_due(
    conn: &mut PgConnection,
    payment_id: Uuid,
    receipt: &Receipt<'_>,
    reason: RefundReason,
) -> sqlx::Result<Settlement> {
    sqlx::query!(
        r#"update payment
           set status = 'refund_due', refund_reason = $2, received_minor = $3, received_at = now(),
               provider_ref = $4, provider_payment_ref = $5, updated_at = now()
           where payment_id = $1"#,
        payment_id,
        reason.as_str(),
        receipt.amount_minor,
        receipt.provider_ref,
        receipt.provider_payment_ref
    )
    .execute(conn)
    .await?;
    tracing::warn!(order.id = %receipt.order_id, payment.refund_reason = %reason, "payment recorded as due for refund");
    Ok(Settlement::RefundDue(reason))
}

/// The reason recorded on a payment; one the database holds but this code does not know reads
/// as closed.
fn refund_reason_of(reason: Option<&str>) -> RefundReason {
    reason.and_then(|r| r.parse().ok()).unwrap_or(RefundReason::OrderClosed)
}
