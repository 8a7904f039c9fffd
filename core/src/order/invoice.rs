//! Invoices that are paid over time (bitcoin through BTCPay): the provider reports the
//! invoice's state, a webhook or a poll at a time, and the order follows it. The provider's
//! vocabulary is mapped to [`InvoiceState`] by its client; this is what each state means for
//! the order, in the caller's transaction.

use sqlx::PgConnection;
use uuid::Uuid;

use super::transition::{
    Closed, DueBack, Receipt, Settlement, close_payment, close_pending, mark_payment_detected,
    record_money_due_back, record_overpayment, record_seen_amount, settle, unmark_payment_detected,
};

/// Where an invoice stands, as far as the order is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceState {
    /// Nothing (or nothing any more: a payment seen was replaced) is on its way.
    AwaitingPayment,
    /// A payment was seen and is confirming.
    Confirming,
    /// Paid in full (perhaps more), confirmed.
    Settled,
    /// Paid in full after the invoice expired.
    PaidLate,
    /// Expired unpaid.
    Expired,
    /// Expired with only part of the amount paid.
    ExpiredPartPaid,
    /// Invalid (marked so, or its payment was double-spent).
    Invalid,
    /// A state the client does not know; nothing is done.
    Unknown,
}

/// A provider's report on an invoice.
#[derive(Debug, Clone)]
pub struct InvoiceUpdate<'a> {
    pub order_id: Uuid,
    pub provider: &'a str,
    /// The invoice's id at the provider.
    pub provider_ref: &'a str,
    pub state: InvoiceState,
    /// ISO 4217, the invoice's (and the order's) currency.
    pub currency: &'a str,
    /// What the invoice asked, and what has been paid, in minor units of `currency`.
    pub amount_minor: i64,
    pub paid_minor: i64,
}

impl InvoiceUpdate<'_> {
    /// Whether applying it may take tickets again (a late payment): the caller releases the
    /// order's expired holds first, so that the stock it sees is really free.
    pub fn may_settle(&self) -> bool {
        matches!(self.state, InvoiceState::Settled | InvoiceState::PaidLate)
    }
}

/// What applying an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceOutcome {
    Settled(Settlement),
    Confirming,
    AwaitingPaymentAgain,
    Closed,
    /// The invoice ended with money on it that cannot pay the order: due back.
    MoneyDueBack,
    /// Only what has been seen paid so far changed (a part payment).
    SeenAmountChanged,
    Unchanged,
}

/// Brings the order in line with its invoice, in the caller's transaction.
pub async fn apply_invoice(
    conn: &mut PgConnection,
    update: &InvoiceUpdate<'_>,
) -> sqlx::Result<InvoiceOutcome> {
    let order_id = update.order_id;
    let seen_changed =
        record_seen_amount(conn, order_id, update.provider, update.provider_ref, update.paid_minor).await?;
    let unchanged = if seen_changed { InvoiceOutcome::SeenAmountChanged } else { InvoiceOutcome::Unchanged };
    Ok(match update.state {
        InvoiceState::AwaitingPayment => {
            if unmark_payment_detected(conn, order_id).await? {
                InvoiceOutcome::AwaitingPaymentAgain
            } else {
                unchanged
            }
        }
        InvoiceState::Confirming => {
            if mark_payment_detected(conn, order_id).await? {
                InvoiceOutcome::Confirming
            } else {
                unchanged
            }
        }
        InvoiceState::Settled | InvoiceState::PaidLate => {
            // The invoice's amount is the order's: that is what is settled. More than that is
            // recorded as due back.
            let receipt = Receipt {
                order_id,
                provider: update.provider,
                provider_ref: update.provider_ref,
                provider_payment_ref: None,
                amount_minor: update.amount_minor,
                currency: update.currency,
            };
            let settlement = settle(conn, &receipt).await?;
            let overpaid = update.paid_minor - update.amount_minor;
            if overpaid > 0
                && matches!(settlement, Settlement::Paid | Settlement::PaidLate | Settlement::AlreadyPaid)
            {
                record_overpayment(conn, order_id, update.provider, update.provider_ref, overpaid).await?;
            }
            InvoiceOutcome::Settled(settlement)
        }
        InvoiceState::ExpiredPartPaid => money_due_back(conn, update, DueBack::PartPaid, unchanged).await?,
        // Money sat on the invoice when it was made invalid: someone must give it back.
        InvoiceState::Invalid if update.paid_minor > 0 => {
            money_due_back(conn, update, DueBack::InvoiceInvalid, unchanged).await?
        }
        InvoiceState::Expired => {
            let closed = close_pending(conn, order_id, Closed::Expired, "checkout_expired").await?;
            close_payment(conn, order_id, update.provider_ref, "expired").await?;
            if closed { InvoiceOutcome::Closed } else { unchanged }
        }
        InvoiceState::Invalid => {
            let closed = close_pending(conn, order_id, Closed::Failed, "payment_invalid").await?;
            close_payment(conn, order_id, update.provider_ref, "failed").await?;
            if closed { InvoiceOutcome::Closed } else { unchanged }
        }
        InvoiceState::Unknown => unchanged,
    })
}

/// Records what the invoice received as due back (closing its order); `unchanged` when it was
/// recorded before.
async fn money_due_back(
    conn: &mut PgConnection,
    update: &InvoiceUpdate<'_>,
    why: DueBack,
    unchanged: InvoiceOutcome,
) -> sqlx::Result<InvoiceOutcome> {
    let (provider, provider_ref) = (update.provider, update.provider_ref);
    Ok(
        if record_money_due_back(conn, update.order_id, provider, provider_ref, update.paid_minor, why)
            .await?
        {
            InvoiceOutcome::MoneyDueBack
        } else {
            unchanged
        },
    )
}

/// An invoice still worth asking the provider about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchedInvoice {
    pub order_id: Uuid,
    pub provider_ref: String,
}

/// The provider's invoices whose fate may still change: of orders waiting for payment, and of
/// orders that ended in the last `late_window` (a late payment may still arrive), not yet
/// paid or refunded. Oldest first.
pub async fn watched_invoices(
    db: impl sqlx::PgExecutor<'_>,
    provider: &str,
    late_window: std::time::Duration,
    limit: i64,
) -> sqlx::Result<Vec<WatchedInvoice>> {
    sqlx::query_as!(
        WatchedInvoice,
        r#"select p.order_id, p.provider_ref as "provider_ref!"
           from payment p join customer_order o using (order_id)
           where p.provider = $1 and p.provider_ref is not null
             and p.status in ('creating', 'open', 'expired')
             and (o.status = 'pending_payment'
                  or (o.status in ('expired', 'cancelled', 'failed')
                      and o.updated_at > now() - make_interval(secs => $2)))
           order by p.created_at
           limit $3"#,
        provider,
        late_window.as_secs_f64(),
        limit
    )
    .fetch_all(db)
    .await
}
