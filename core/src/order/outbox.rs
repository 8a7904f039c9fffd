//! The outbox: messages written in the transaction of the change they announce, relayed to
//! Redis streams afterwards (see the `tessera-ticketing` relay). A crash between the commit and
//! the relay loses nothing; the row is still there.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

/// The topic (and Redis stream) of paid orders, read by the ticketing worker.
pub const ORDERS_PAID: &str = "orders.paid";

/// A message not yet relayed.
#[derive(Debug, Clone)]
pub struct OutboxMessage {
    pub outbox_id: i64,
    pub topic: String,
    pub order_id: Uuid,
    pub payload: serde_json::Value,
    pub created_at: DateTime<Utc>,
}

/// The oldest messages not yet relayed.
pub async fn unpublished(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<OutboxMessage>> {
    sqlx::query_as!(
        OutboxMessage,
        r#"select outbox_id, topic, order_id, payload, created_at from outbox
           where published_at is null order by outbox_id limit $1"#,
        limit
    )
    .fetch_all(db)
    .await
}

pub async fn mark_published(db: impl PgExecutor<'_>, outbox_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update outbox set published_at = now(), updated_at = now() where outbox_id = $1",
        outbox_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Counts a failed relay attempt, keeping the last error for operators.
pub async fn mark_failed(db: impl PgExecutor<'_>, outbox_id: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update outbox set attempts = attempts + 1, last_error = left($2, 1000), updated_at = now()
           where outbox_id = $1"#,
        outbox_id,
        error
    )
    .execute(db)
    .await?;
    Ok(())
}
