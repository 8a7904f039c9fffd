//! Every state stored as text is listed twice: once in Rust (a `text_enum!`) and once in the
//! column's CHECK constraint. These tests hold the two lists to each other, so a state added on
//! one side only fails here rather than at the first order that reaches it.

use std::collections::BTreeSet;

use sqlx::PgPool;
use tessera_core::order::btc_receipt::BtcReceiptStatus;
use tessera_core::order::eth_receipt::{EthOutcome, EthReceiptStatus};
use tessera_core::order::{OrderStatus, PaymentMethod, PaymentStatus, Provider, RefundReason, StatusReason};
use tessera_core::reconcile::{Discrepancy, Rail};
use tessera_core::refund::{RefundCause, RefundStatus, VoidReason};
use tessera_core::text_enum::TextEnum;

/// The values the column's CHECK constraint allows, read from the database's own catalog.
async fn allowed_by_check(db: &PgPool, table: &str, column: &str) -> BTreeSet<String> {
    let definitions: Vec<String> = sqlx::query_scalar(
        "select pg_get_constraintdef(c.oid)
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
         where c.contype = 'c' and c.conrelid = $1::regclass and a.attname = $2
           and cardinality(c.conkey) = 1",
    )
    .bind(table)
    .bind(column)
    .fetch_all(db)
    .await
    .unwrap();
    assert_eq!(definitions.len(), 1, "one CHECK on {table}.{column}: {definitions:?}");
    definitions[0].split('\'').skip(1).step_by(2).map(str::to_string).collect()
}

async fn agrees<E: TextEnum + std::fmt::Debug>(db: &PgPool) {
    let (table, column) = E::COLUMN.expect("a CHECK-constrained column");
    let in_rust: BTreeSet<String> = E::ALL.iter().map(|state| state.as_str().to_string()).collect();
    assert_eq!(in_rust.len(), E::ALL.len(), "{}: two variants share a name", std::any::type_name::<E>());
    let in_sql = allowed_by_check(db, table, column).await;
    assert_eq!(in_rust, in_sql, "{} and the CHECK on {table}.{column}", std::any::type_name::<E>());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_state_rust_knows_is_one_the_database_allows_and_no_other(db: PgPool) {
    agrees::<OrderStatus>(&db).await;
    agrees::<PaymentMethod>(&db).await;
    agrees::<PaymentStatus>(&db).await;
    agrees::<Provider>(&db).await;
    agrees::<RefundReason>(&db).await;
    agrees::<EthOutcome>(&db).await;
    agrees::<EthReceiptStatus>(&db).await;
    agrees::<BtcReceiptStatus>(&db).await;
    agrees::<Discrepancy>(&db).await;
    agrees::<Rail>(&db).await;
    agrees::<RefundStatus>(&db).await;
    agrees::<RefundCause>(&db).await;
    agrees::<VoidReason>(&db).await;
}

#[test]
fn every_state_reads_back_as_itself() {
    fn round_trips<E: TextEnum + std::str::FromStr + PartialEq + std::fmt::Debug>() {
        for state in E::ALL {
            assert_eq!(state.as_str().parse::<E>().ok().as_ref(), Some(state));
        }
    }
    round_trips::<OrderStatus>();
    round_trips::<PaymentMethod>();
    round_trips::<PaymentStatus>();
    round_trips::<Provider>();
    round_trips::<RefundReason>();
    round_trips::<StatusReason>();
    round_trips::<EthOutcome>();
    round_trips::<EthReceiptStatus>();
    round_trips::<BtcReceiptStatus>();
    round_trips::<Rail>();
    round_trips::<RefundStatus>();
    round_trips::<RefundCause>();
    round_trips::<VoidReason>();
    assert!(StatusReason::COLUMN.is_none(), "status_reason is free text in the database");
}
