//! Free tickets: nothing to pay, so the order settles at once, through the same transition as
//! any payment (and is announced like any paid order).

use sqlx::PgPool;
use tessera_core::order::{self, Settlement};
use uuid::Uuid;

/// Settles a free order (a total of zero) in its own transaction.
pub async fn settle(db: &PgPool, order_id: Uuid, currency: &str) -> sqlx::Result<Settlement> {
    let reference = format!("free-{order_id}");
    let receipt = order::Receipt {
        order_id,
        provider: order::Provider::Free,
        provider_ref: &reference,
        provider_payment_ref: None,
        amount_minor: 0,
        currency,
    };
    let mut tx = db.begin().await?;
    let settlement = order::settle(&mut tx, &receipt).await?;
    tx.commit().await?;
    tracing::info!(order.id = %order_id, ?settlement, "free order settled");
    Ok(settlement)
}
