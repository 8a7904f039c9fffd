//! The webhook inbox: each provider event counts once. Claimed in the transaction of its
//! effects, so an event either changed its order and is recorded, or neither.

use sqlx::PgConnection;
use tessera_core::order::Provider;

/// Claims `event_id` of `provider` (one whose signed events we receive: Stripe, BTCPay) for
/// the caller's transaction: true the first time, false for an event
/// seen before (whose effects are already committed, or are being, by its first delivery).
pub async fn claim(
    conn: &mut PgConnection,
    provider: Provider,
    event_id: &str,
    event_type: &str,
) -> sqlx::Result<bool> {
    let fresh = sqlx::query_scalar!(
        r#"insert into webhook_inbox (provider, event_id, event_type) values ($1, $2, $3)
           on conflict do nothing returning event_id"#,
        provider.as_str(),
        event_id,
        event_type
    )
    .fetch_optional(conn)
    .await?;
    Ok(fresh.is_some())
}
