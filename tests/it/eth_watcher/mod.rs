//! The Ethereum chain-watcher end to end: a real anvil with TesseraPay deployed, orders quoted
//! as the buy path quotes them, paid from a dev account, and the watcher driven one step at a
//! time over real Postgres. `chain`: following the chain (confirmations, reorgs, restarts, the
//! node); `outcomes`: what a payment does to its order (late, over, under, orphan, token);
//! `refunds`: money sent back through the contract by the refund wallet.

mod chain;
mod outcomes;
mod refunds;

use alloy::primitives::Address;
use sqlx::PgPool;
use tessera_tests::eth::{account, place_eth_order};
use tessera_tests::{TestApp, sample_event};
use uuid::Uuid;

/// €10 at 2,000 EUR/ETH: 0.005 ETH.
pub(super) const TEN_EUR_IN_WEI: u64 = 5_000_000_000_000_000;
pub(super) const ETH: (&str, Address, i16) = ("ETH", Address::ZERO, 18);

/// An event with `capacity` €10 tickets and an ETH order for one of them.
pub(super) async fn order(app: &TestApp, capacity: i32) -> (Uuid, i64, Uuid, Uuid) {
    let mut event = sample_event(&format!("eth-{}", Uuid::new_v4().simple()), "Fado em Éter", 20);
    event.fields.ticket_types[0].capacity = capacity;
    let event_id = app.insert_event(&event).await;
    let ticket_type = app.ticket_types(event_id).await[0];
    let buyer = account(&app.db).await;
    let (order_id, total) = place_eth_order(&app.db, buyer, event_id, ticket_type, 1).await;
    (order_id, total, event_id, ticket_type)
}

#[derive(Debug, PartialEq, Eq, sqlx::FromRow)]
pub(super) struct ReceiptRow {
    pub tx_hash: String,
    pub log_index: i32,
    pub block_number: i64,
    pub order_id: Option<Uuid>,
    pub status: String,
    pub outcome: Option<String>,
    pub amount: String,
}

pub(super) async fn receipts(db: &PgPool) -> Vec<ReceiptRow> {
    sqlx::query_as(
        "select tx_hash, log_index, block_number, order_id, status, outcome, amount::text as amount
         from eth_receipt order by block_number, log_index",
    )
    .fetch_all(db)
    .await
    .unwrap()
}

pub(super) async fn payment_detected(db: &PgPool, order: Uuid) -> bool {
    sqlx::query_scalar("select payment_detected from customer_order where order_id = $1")
        .bind(order)
        .fetch_one(db)
        .await
        .unwrap()
}

pub(super) async fn outbox_rows(db: &PgPool, order: Uuid) -> i64 {
    sqlx::query_scalar("select count(*) from outbox where order_id = $1")
        .bind(order)
        .fetch_one(db)
        .await
        .unwrap()
}

/// `(status, refund_reason, received_minor, overpaid_minor, seen_minor, provider_payment_ref)`.
pub(super) type PaymentRow = (String, Option<String>, Option<i64>, i64, Option<i64>, Option<String>);

pub(super) async fn payment(db: &PgPool, order: Uuid) -> PaymentRow {
    sqlx::query_as(
        "select status, refund_reason, received_minor, overpaid_minor, seen_minor, provider_payment_ref
         from payment where order_id = $1 and provider = 'ethereum'",
    )
    .bind(order)
    .fetch_one(db)
    .await
    .unwrap()
}

pub(super) async fn status_reason(db: &PgPool, order: Uuid) -> String {
    sqlx::query_scalar("select status_reason from customer_order where order_id = $1")
        .bind(order)
        .fetch_one(db)
        .await
        .unwrap()
}
