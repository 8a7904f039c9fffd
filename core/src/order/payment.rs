//! The payment rows' bookkeeping: a checkout opened (one at a time or batched), money seen,
//! overpaid or due back, and checkouts to close at the provider once their order has ended.
//! Apart from the transitions because these follow the provider, not the order: most change
//! no order state, and those that do go through [`close_pending`].

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::transition::{Closed, close_pending};
use super::{PaymentStatus, Provider, RefundReason, StatusReason};
use crate::batch::{BatchError, Batcher};

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
    /// A Lightning payment request, paid on the order page.
    pub payment_request: Option<String>,
    /// The payment row it opens, when the order has had several (its buyer switched rail);
    /// otherwise the order's one still being opened.
    pub payment_id: Option<Uuid>,
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
           set status = 'open', provider_ref = x.provider_ref, redirect_url = x.redirect_url,
               payment_request = x.payment_request, updated_at = now()
           from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[])
                as x (order_id, provider_ref, redirect_url, payment_request, payment_id)
           where p.order_id = x.order_id and p.status = 'creating'
             and (x.payment_id is null or p.payment_id = x.payment_id)"#,
        &opened.iter().map(|o| o.order_id).collect::<Vec<_>>(),
        &opened.iter().map(|o| o.provider_ref.clone()).collect::<Vec<_>>(),
        &opened.iter().map(|o| o.redirect_url.clone()).collect::<Vec<_>>(),
        &opened.iter().map(|o| o.payment_request.clone()).collect::<Vec<_>>() as &[Option<String>],
        &opened.iter().map(|o| o.payment_id).collect::<Vec<_>>() as &[Option<Uuid>],
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A paid order's payment brought more than its total: the excess is recorded on the payment
/// and listed for refund.
pub async fn record_overpayment(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: Provider,
    provider_ref: &str,
    overpaid_minor: i64,
) -> sqlx::Result<bool> {
    let recorded = sqlx::query!(
        r#"update payment set overpaid_minor = $4, updated_at = now()
           where order_id = $1 and provider = $2 and provider_ref = $3 and status = 'succeeded'"#,
        order_id,
        provider.as_str(),
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
/// invoice received as due for refund. False when the payment was already recorded (or paid);
/// then a larger amount received since (a late top-up) updates what is due back.
pub async fn record_money_due_back(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: Provider,
    provider_ref: &str,
    received_minor: i64,
    why: DueBack,
) -> sqlx::Result<bool> {
    let (closed, order_reason, refund_reason) = match why {
        DueBack::PartPaid => (Closed::Expired, StatusReason::PaidPartially, RefundReason::PartialPayment),
        DueBack::InvoiceInvalid => {
            (Closed::Failed, StatusReason::PaymentInvalid, RefundReason::InvoiceInvalid)
        }
        DueBack::Underpaid => (Closed::Failed, StatusReason::Underpaid, RefundReason::Underpaid),
    };
    // Money on a checkout the buyer left goes back without closing the order: they are paying
    // it another way.
    if !super::is_left_checkout(&mut *conn, order_id, provider, provider_ref).await? {
        close_pending(conn, order_id, closed, order_reason).await?;
    }
    let recorded = sqlx::query!(
        r#"update payment
           set status = 'refund_due', refund_reason = $5, received_minor = $4,
               received_at = coalesce(received_at, now()), updated_at = now()
           where order_id = $1 and provider = $2 and provider_ref = $3
             and status in ('creating', 'open', 'expired', 'failed')"#,
        order_id,
        provider.as_str(),
        provider_ref,
        received_minor,
        refund_reason.as_str()
    )
    .execute(&mut *conn)
    .await?;
    if recorded.rows_affected() == 0 {
        // Recorded before: money that arrived since on the same invoice (a late top-up of an
        // expired, part-paid invoice) is due back too.
        let topped_up = sqlx::query!(
            r#"update payment set received_minor = $4, updated_at = now()
               where order_id = $1 and provider = $2 and provider_ref = $3
                 and status = 'refund_due' and refund_reason = $5 and received_minor < $4"#,
            order_id,
            provider.as_str(),
            provider_ref,
            received_minor,
            refund_reason.as_str()
        )
        .execute(conn)
        .await?;
        if topped_up.rows_affected() == 1 {
            tracing::warn!(order.id = %order_id, payment.provider_ref = provider_ref, received_minor,
                "more money arrived on an invoice already due back; what goes back grew");
        }
    }
    Ok(recorded.rows_affected() == 1)
}

/// Notes what the provider has seen paid on the payment's invoice so far, confirmed or not, so
/// the order page can say what is missing. True when it changed.
pub async fn record_seen_amount(
    conn: &mut PgConnection,
    order_id: Uuid,
    provider: Provider,
    provider_ref: &str,
    seen_minor: i64,
) -> sqlx::Result<bool> {
    let noted = sqlx::query!(
        r#"update payment set seen_minor = $4, updated_at = now()
           where order_id = $1 and provider = $2 and provider_ref = $3
             and seen_minor is distinct from $4"#,
        order_id,
        provider.as_str(),
        provider_ref,
        seen_minor.max(0)
    )
    .execute(conn)
    .await?;
    Ok(noted.rows_affected() == 1)
}

/// A payment still open at its provider although its order has ended: the provider must be
/// told to stop taking money for it.
#[derive(Debug, Clone)]
pub struct OpenPayment {
    pub payment_id: Uuid,
    pub order_id: Uuid,
    pub provider: Provider,
    pub provider_ref: Option<String>,
}

/// Those not tried in the last minute, never tried first.
pub async fn payments_to_close(db: &PgPool, limit: i64) -> sqlx::Result<Vec<OpenPayment>> {
    sqlx::query_as!(
        OpenPayment,
        r#"select p.payment_id, p.order_id, p.provider as "provider: Provider", p.provider_ref
           from payment p join customer_order o using (order_id)
           where p.status in ('creating', 'open')
             and (o.status in ('expired', 'cancelled', 'failed')
                  -- Paid by money on a checkout its buyer had left: the new rail's checkout
                  -- is closed too, so nobody pays twice.
                  or (o.status in ('paid', 'fulfilled')
                      and exists (select 1 from payment s where s.order_id = o.order_id and s.superseded_at is not null)))
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
pub async fn close_open_payment(
    conn: &mut PgConnection,
    payment_id: Uuid,
    status: PaymentStatus,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update payment set status = $2, updated_at = now()
           where payment_id = $1 and status in ('creating', 'open')"#,
        payment_id,
        status.as_str()
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
    status: PaymentStatus,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update payment set status = $3, provider_ref = coalesce(provider_ref, $2), updated_at = now()
           where order_id = $1 and (provider_ref = $2 or provider_ref is null) and status in ('creating', 'open')"#,
        order_id,
        provider_ref,
        status.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The rail an order's buyer switched away from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftCheckout {
    pub payment_id: Uuid,
    pub provider: Provider,
    pub provider_ref: Option<String>,
}

/// What switching rail did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RailSwitch {
    /// The order is on the new rail now, with a new payment (`payment_id`) waiting to be
    /// opened; these are the checkouts it left, to be closed at their providers.
    Switched { payment_id: Uuid, left: Vec<LeftCheckout> },
    /// The order is not waiting for payment on `from` any more (paid, closed, a payment seen,
    /// its hold over, or switched by another request).
    NotSwitchable,
}

/// The buyer of a pending order pays on another rail (or tries its rail again after its
/// checkout could not be opened): in one transaction, the order's method becomes `to` (its hold shortened to `quote_life` from now when `to` prices in crypto), its
/// open payments are superseded (their news no longer moves the order), and a new payment
/// waits for the new checkout. Guarded on the order still waiting on `from` with nothing seen,
/// so two switches, or a switch racing a payment, move it once.
pub async fn switch_rail(
    conn: &mut PgConnection,
    order_id: Uuid,
    from: super::PaymentMethod,
    to: super::PaymentMethod,
    quote_life: Option<chrono::Duration>,
) -> sqlx::Result<RailSwitch> {
    let seconds = quote_life.map(|life| life.num_seconds() as f64);
    let switched = sqlx::query_scalar!(
        r#"update customer_order
           set payment_method = $3,
               expires_at = case when $4::float8 is null then expires_at
                                 else least(expires_at, now() + make_interval(secs => $4::float8)) end,
               updated_at = now()
           where order_id = $1 and payment_method = $2 and status = 'pending_payment'
             and not payment_detected and expires_at > now()
           returning order_id"#,
        order_id,
        from.as_str(),
        to.as_str(),
        seconds
    )
    .fetch_optional(&mut *conn)
    .await?;
    if switched.is_none() {
        return Ok(RailSwitch::NotSwitchable);
    }
    let left = sqlx::query!(
        r#"update payment set status = 'expired', superseded_at = now(), updated_at = now()
           where order_id = $1 and status in ('creating', 'open')
           returning payment_id, provider as "provider: Provider", provider_ref"#,
        order_id
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| LeftCheckout {
        payment_id: row.payment_id,
        provider: row.provider,
        provider_ref: row.provider_ref,
    })
    .collect();
    let payment_id = Uuid::now_v7();
    sqlx::query!(
        r#"insert into payment (payment_id, order_id, provider, status, currency, amount_minor)
           select $2, order_id, $3, 'creating', currency, total_minor from customer_order where order_id = $1"#,
        order_id,
        payment_id,
        to.provider().as_str()
    )
    .execute(&mut *conn)
    .await?;
    Ok(RailSwitch::Switched { payment_id, left })
}
