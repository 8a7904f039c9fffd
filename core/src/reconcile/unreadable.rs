//! Bitcoin payments BTCPay reported on our invoices that we could not read (an outpoint, an
//! amount, an address or a rate spelt in a way we do not take): kept raw by settlement instead of
//! failing the invoice's whole read, and listed for finance until they read.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgExecutor;
use uuid::Uuid;

/// One payment we could not read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnreadablePayment {
    /// The BTCPay invoice it was reported on.
    pub invoice_id: String,
    /// BTCPay's id of the payment, as given (empty when the invoice's payment methods as a
    /// whole did not read).
    pub payment_ref: String,
    pub order_id: Option<Uuid>,
    /// What could not be read.
    pub problem: String,
    /// What BTCPay said, verbatim.
    pub raw: serde_json::Value,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
}

/// The payments still unread, oldest first.
pub async fn unreadable_payments(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<UnreadablePayment>> {
    sqlx::query_as!(
        UnreadablePayment,
        r#"select provider_ref as invoice_id, payment_ref, order_id, problem, raw, first_seen_at, last_seen_at
           from btc_unreadable_payment where resolved_at is null
           order by first_seen_at, btc_unreadable_payment_id"#
    )
    .fetch_all(db)
    .await
}
