//! The order's transitions. Each is an update guarded on the state it leaves, in the caller's
//! transaction, together with the stock it moves; a transition that finds the order elsewhere
//! changes nothing and says so.
//!
//! Locks are always taken orders first, then ticket types in id order, so the transitions and
//! the buyers' holds never wait on each other in a circle.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::batch::{BatchError, Batcher};

use super::outbox::ORDERS_PAID;

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
    pub provider: &'a str,
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
    RefundDue(&'static str),
    /// No such order.
    UnknownOrder,
}

/// Closes a pending order without payment and releases its hold. False when the order was not
/// pending (already paid, or closed by someone else first).
pub async fn close_pending(
    conn: &mut PgConnection,
    order_id: Uuid,
    to: Closed,
    reason: &str,
) -> sqlx::Result<bool> {
    let closed = sqlx::query_scalar!(
        r#"update customer_order set status = $2, status_reason = $3, updated_at = now()
           where order_id = $1 and status = 'pending_payment'
           returning order_id"#,
        order_id,
        to.as_str(),
        reason
    )
    .fetch_optional(&mut *conn)
    .await?;
    if closed.is_none() {
        return Ok(false);
    }
    release_holds(conn, &[order_id]).await?;
    Ok(true)
}

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

/// Gives the held tickets of these (just closed) orders back.
async fn release_holds(conn: &mut PgConnection, order_ids: &[Uuid]) -> sqlx::Result<()> {
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

/// Records that the provider has the checkout open, at `redirect_url`.
pub async fn record_payment_opened(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider_ref: &str,
    redirect_url: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update payment set status = 'open', provider_ref = $2, redirect_url = $3, updated_at = now()
           where order_id = $1 and status = 'creating'"#,
        order_id,
        provider_ref,
        redirect_url
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A checkout the provider opened, to be recorded on the order's payment row.
#[derive(Debug, Clone)]
pub struct OpenedCheckout {
    pub order_id: Uuid,
    pub provider_ref: String,
    pub redirect_url: String,
}

/// Records opened checkouts in batches, each batch with one statement and one synchronous
/// commit: in a flash sale every winner's last step before the redirect, and the one that
/// makes its order durable (see [`crate::batch`]).
#[derive(Debug, Clone)]
pub struct CheckoutsOpened(Batcher<OpenedCheckout, ()>);

impl CheckoutsOpened {
    /// Starts the recording task (on the current Tokio runtime).
    pub fn start(db: PgPool) -> Self {
        CheckoutsOpened(Batcher::start("checkouts_opened", move |opened: Vec<OpenedCheckout>| {
            let db = db.clone();
            async move {
                let count = opened.len();
                record_checkouts_opened(&db, &opened).await?;
                Ok(vec![(); count])
            }
        }))
    }

    /// [`record_payment_opened`] with a synchronous commit, in the next batch.
    pub async fn record(&self, opened: OpenedCheckout) -> Result<(), BatchError> {
        self.0.call(opened).await
    }
}

async fn record_checkouts_opened(db: &PgPool, opened: &[OpenedCheckout]) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update payment p
           set status = 'open', provider_ref = x.provider_ref, redirect_url = x.redirect_url, updated_at = now()
           from unnest($1::uuid[], $2::text[], $3::text[]) as x (order_id, provider_ref, redirect_url)
           where p.order_id = x.order_id and p.status = 'creating'"#,
        &opened.iter().map(|o| o.order_id).collect::<Vec<_>>(),
        &opened.iter().map(|o| o.provider_ref.clone()).collect::<Vec<_>>(),
        &opened.iter().map(|o| o.redirect_url.clone()).collect::<Vec<_>>(),
    )
    .execute(db)
    .await?;
    Ok(())
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

/// A paid order's payment brought more than its total: the excess is recorded on the payment
/// and listed for refund.
pub async fn record_overpayment(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: &str,
    provider_ref: &str,
    overpaid_minor: i64,
) -> sqlx::Result<bool> {
    let recorded = sqlx::query!(
        r#"update payment set overpaid_minor = $4, updated_at = now()
           where order_id = $1 and provider = $2 and provider_ref = $3 and status = 'succeeded'"#,
        order_id,
        provider,
        provider_ref,
        overpaid_minor
    )
    .execute(conn)
    .await?;
    Ok(recorded.rows_affected() == 1)
}

/// Why money on an invoice that cannot pay its order goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueBack {
    /// It did not reach the order's total before the invoice expired: the order closes as
    /// expired (`paid_partially`), the payment is due back in full (`partial_payment`).
    PartPaid,
    /// The invoice was made invalid (by the merchant, or a payment was replaced) while money
    /// sat on it: the order fails (`payment_invalid`), the money is due back
    /// (`invoice_invalid`).
    InvoiceInvalid,
    /// An on-chain payment brought less than its quote asked, or another asset (a stale or
    /// foreign quote our operator key signed): the contract lets an order id be paid only
    /// once, so nothing more can arrive; the order fails (`underpaid`) and what came is due
    /// back (`underpaid`).
    Underpaid,
}

/// Closes the order its invoice can no longer pay, releasing the hold, and records what the
/// invoice received as due for refund. False when the payment was already recorded (or paid).
pub async fn record_money_due_back(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: &str,
    provider_ref: &str,
    received_minor: i64,
    why: DueBack,
) -> sqlx::Result<bool> {
    let (closed, order_reason, refund_reason) = match why {
        DueBack::PartPaid => (Closed::Expired, "paid_partially", "partial_payment"),
        DueBack::InvoiceInvalid => (Closed::Failed, "payment_invalid", "invoice_invalid"),
        DueBack::Underpaid => (Closed::Failed, "underpaid", "underpaid"),
    };
    close_pending(conn, order_id, closed, order_reason).await?;
    let recorded = sqlx::query!(
        r#"update payment
           set status = 'refund_due', refund_reason = $5, received_minor = $4,
               received_at = coalesce(received_at, now()), updated_at = now()
           where order_id = $1 and provider = $2 and provider_ref = $3
             and status in ('creating', 'open', 'expired', 'failed')"#,
        order_id,
        provider,
        provider_ref,
        received_minor,
        refund_reason
    )
    .execute(conn)
    .await?;
    Ok(recorded.rows_affected() == 1)
}

/// Notes what the provider has seen paid on the payment's invoice so far, confirmed or not, so
/// the order page can say what is missing. True when it changed.
pub async fn record_seen_amount(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: &str,
    provider_ref: &str,
    seen_minor: i64,
) -> sqlx::Result<bool> {
    let noted = sqlx::query!(
        r#"update payment set seen_minor = $4, updated_at = now()
           where order_id = $1 and provider = $2 and provider_ref = $3
             and seen_minor is distinct from $4"#,
        order_id,
        provider,
        provider_ref,
        seen_minor.max(0)
    )
    .execute(conn)
    .await?;
    Ok(noted.rows_affected() == 1)
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
pub async fn settle(conn: &mut PgConnection, receipt: &Receipt<'_>) -> sqlx::Result<Settlement> {
    let Some(order) = sqlx::query!(
        r#"select o.status, o.total_minor, o.currency,
                  (e.status = 'cancelled' or e.starts_at <= now()) as "event_closed!"
           from customer_order o join event e using (event_id)
           where o.order_id = $1
           for update of o"#,
        receipt.order_id
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
           where order_id = $1 and provider = $2 and (provider_ref = $3 or provider_ref is null)
           order by provider_ref nulls last limit 1
           for update"#,
        receipt.order_id,
        receipt.provider,
        receipt.provider_ref
    )
    .fetch_optional(&mut *conn)
    .await?;
    let payment_id = match payment {
        Some(p) if p.status == "succeeded" => return Ok(Settlement::AlreadyPaid),
        Some(p) if p.status == "refund_due" => {
            return Ok(Settlement::RefundDue(refund_reason_str(p.refund_reason.as_deref())));
        }
        Some(p) => p.payment_id,
        None => {
            let id = Uuid::now_v7();
            sqlx::query!(
                r#"insert into payment (payment_id, order_id, provider, provider_ref, status, currency, amount_minor)
                   values ($1, $2, $3, $4, 'open', $5, $6)"#,
                id,
                receipt.order_id,
                receipt.provider,
                receipt.provider_ref,
                order.currency,
                order.total_minor
            )
            .execute(&mut *conn)
            .await?;
            id
        }
    };

    if receipt.amount_minor != order.total_minor || !receipt.currency.eq_ignore_ascii_case(&order.currency) {
        return refund_due(conn, payment_id, receipt, "amount_mismatch").await;
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
            close_pending(conn, receipt.order_id, Closed::Cancelled, "event_closed").await?;
            return refund_due(conn, payment_id, receipt, "event_closed").await;
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
            return refund_due(conn, payment_id, receipt, "event_closed").await;
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
                let reason = if order.status == "expired" { "sold_out_after_expiry" } else { "order_closed" };
                return refund_due(conn, payment_id, receipt, reason).await;
            }
            sqlx::query!("release savepoint take_again").execute(&mut *conn).await?;
            Settlement::PaidLate
        }
        // Paid already by another payment: this one goes back.
        "paid" | "fulfilled" => return refund_due(conn, payment_id, receipt, "duplicate_payment").await,
        _ => return refund_due(conn, payment_id, receipt, "order_closed").await,
    };

    sqlx::query!(
        r#"update customer_order
           set status = 'paid', status_reason = $3, paid_at = now(), payment_detected = false, updated_at = now()
           where order_id = $1 and status = $2"#,
        receipt.order_id,
        order.status,
        if outcome == Settlement::PaidLate { "paid_late" } else { "" }
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

async fn refund_due(
    conn: &mut PgConnection,
    payment_id: Uuid,
    receipt: &Receipt<'_>,
    reason: &'static str,
) -> sqlx::Result<Settlement> {
    sqlx::query!(
        r#"update payment
           set status = 'refund_due', refund_reason = $2, received_minor = $3, received_at = now(),
               provider_ref = $4, provider_payment_ref = $5, updated_at = now()
           where payment_id = $1"#,
        payment_id,
        reason,
        receipt.amount_minor,
        receipt.provider_ref,
        receipt.provider_payment_ref
    )
    .execute(conn)
    .await?;
    tracing::warn!(order.id = %receipt.order_id, payment.refund_reason = reason, "payment recorded as due for refund");
    Ok(Settlement::RefundDue(reason))
}

fn refund_reason_str(reason: Option<&str>) -> &'static str {
    match reason {
        Some("sold_out_after_expiry") => "sold_out_after_expiry",
        Some("event_closed") => "event_closed",
        Some("duplicate_payment") => "duplicate_payment",
        Some("amount_mismatch") => "amount_mismatch",
        Some("underpaid") => "underpaid",
        _ => "order_closed",
    }
}

/// A payment still open at its provider although its order has ended: the provider must be
/// told to stop taking money for it.
#[derive(Debug, Clone)]
pub struct OpenPayment {
    pub payment_id: Uuid,
    pub order_id: Uuid,
    pub provider: String,
    pub provider_ref: Option<String>,
}

/// Those not tried in the last minute, never tried first.
pub async fn payments_to_close(db: &PgPool, limit: i64) -> sqlx::Result<Vec<OpenPayment>> {
    sqlx::query_as!(
        OpenPayment,
        r#"select p.payment_id, p.order_id, p.provider, p.provider_ref
           from payment p join customer_order o using (order_id)
           where p.status in ('creating', 'open') and o.status in ('expired', 'cancelled', 'failed')
             and (p.close_attempted_at is null or p.close_attempted_at < now() - interval '1 minute')
           order by p.close_attempted_at nulls first, p.created_at
           limit $1"#,
        limit
    )
    .fetch_all(db)
    .await
}

/// The provider could not close the checkout now (it failed, or the customer paid just in
/// time and its webhook is on the way): ask again later, after the others.
pub async fn close_attempted(conn: &mut PgConnection, payment_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update payment set close_attempted_at = now(), updated_at = now() where payment_id = $1",
        payment_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The provider has closed the checkout (or never had it): the payment is over.
pub async fn close_open_payment(conn: &mut PgConnection, payment_id: Uuid, status: &str) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update payment set status = $2, updated_at = now()
           where payment_id = $1 and status in ('creating', 'open')"#,
        payment_id,
        status
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The provider says the checkout ended without money (`failed` or `expired`).
pub async fn close_payment(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider_ref: &str,
    status: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update payment set status = $3, provider_ref = coalesce(provider_ref, $2), updated_at = now()
           where order_id = $1 and (provider_ref = $2 or provider_ref is null) and status in ('creating', 'open')"#,
        order_id,
        provider_ref,
        status
    )
    .execute(conn)
    .await?;
    Ok(())
}
