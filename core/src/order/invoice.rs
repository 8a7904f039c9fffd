//! Invoices that are paid over time (bitcoin through BTCPay): where an invoice stands as far
//! as its order is concerned ([`InvoiceState`], which the provider's client maps its
//! vocabulary to), and which invoices are still worth asking about. What each state does to
//! the order is `tessera-settlement`'s `btc` rail.

use uuid::Uuid;

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
    provider: super::Provider,
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
        provider.as_str(),
        late_window.as_secs_f64(),
        limit
    )
    .fetch_all(db)
    .await
}
