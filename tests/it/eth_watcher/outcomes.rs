//! What a confirmed payment does to its order, against its quote.

use alloy::primitives::{Address, U256};
use sqlx::PgPool;
use tessera_core::order::eth::order_ref;
use tessera_payments::eth::Confirmations;
use tessera_tests::TestApp;
use tessera_tests::eth::{EthChain, account, place_eth_order};
use uuid::Uuid;

use super::*;

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_after_expiry_with_stock_left_pays_the_order_late(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    app.expire_hold(order).await;
    tessera_core::order::release_expired_holds(&db, None, 100).await.unwrap();
    assert_eq!(app.order_status(order).await, "expired");

    chain.pay_eth(&quote, &signature).await;
    chain.watcher(db.clone(), Confirmations::Blocks(1), 2000).catch_up().await.unwrap();

    assert_eq!(app.order_status(order).await, "paid");
    assert_eq!(status_reason(&db, order).await, "paid_late");
    assert_eq!(receipts(&db).await[0].outcome.as_deref(), Some("paid_late"));
    assert_eq!(outbox_rows(&db, order).await, 1);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_after_expiry_for_tickets_sold_since_is_due_back(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, event, ticket_type) = order(&app, 1).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    app.expire_hold(order).await;
    tessera_core::order::release_expired_holds(&db, None, 100).await.unwrap();
    let other = account(&db).await;
    let (taken, _) = place_eth_order(&db, other, event, ticket_type, 1).await;

    chain.pay_eth(&quote, &signature).await;
    chain.watcher(db.clone(), Confirmations::Blocks(1), 2000).catch_up().await.unwrap();

    assert_eq!(app.order_status(order).await, "expired");
    assert_eq!(app.order_status(taken).await, "pending_payment");
    let (status, reason, received, ..) = payment(&db, order).await;
    assert_eq!(
        (status.as_str(), reason.as_deref(), received),
        ("refund_due", Some("sold_out_after_expiry"), Some(1000))
    );
    assert_eq!(receipts(&db).await[0].outcome.as_deref(), Some("refund_due"));
    assert_eq!(app.stock(ticket_type).await, (0, 1), "no oversell");
    assert_eq!(outbox_rows(&db, order).await, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_overpayment_after_expiry_for_tickets_sold_since_is_due_back_whole(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, event, ticket_type) = order(&app, 1).await;
    chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let (quote, signature) =
        chain.sign(&order_ref(order), Address::ZERO, U256::from(6_000_000_000_000_000u64)).await;
    app.expire_hold(order).await;
    tessera_core::order::release_expired_holds(&db, None, 100).await.unwrap();
    place_eth_order(&db, account(&db).await, event, ticket_type, 1).await;

    chain.pay_eth(&quote, &signature).await;
    chain.watcher(db.clone(), Confirmations::Blocks(1), 2000).catch_up().await.unwrap();

    let (status, reason, received, overpaid, ..) = payment(&db, order).await;
    assert_eq!(
        (status.as_str(), reason.as_deref(), received, overpaid),
        ("refund_due", Some("sold_out_after_expiry"), Some(1200), 0)
    );
    let to_reconcile = tessera_core::order::eth_receipt::receipts_to_reconcile(&db, 10).await.unwrap();
    assert_eq!(to_reconcile.len(), 1);
    assert_eq!(
        (to_reconcile[0].order_id, to_reconcile[0].outcome.as_deref()),
        (Some(order), Some("refund_due"))
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn paying_more_than_the_quote_pays_the_order_and_records_the_excess_for_refund(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    // A second quote for the same order id, signed by our operator key for more.
    let (quote, signature) =
        chain.sign(&order_ref(order), Address::ZERO, U256::from(6_000_000_000_000_001u64)).await;

    chain.pay_eth(&quote, &signature).await;
    chain.watcher(db.clone(), Confirmations::Blocks(1), 2000).catch_up().await.unwrap();

    assert_eq!(app.order_status(order).await, "paid");
    let (status, _, received, overpaid, ..) = payment(&db, order).await;
    // 0.001000000000000001 ETH at 2,000 EUR/ETH is €2.000000000000002, rounded down.
    assert_eq!((status.as_str(), received, overpaid), ("succeeded", Some(1000), 200));
    assert_eq!(receipts(&db).await[0].outcome.as_deref(), Some("overpaid"));
    assert_eq!(outbox_rows(&db, order).await, 1);
    // Admins are told what to send back on chain: the excess, in ETH, to the payer.
    send_back_is_listed(&app, order, "overpaid", "1000000000000001", "0.001000000000000001 ETH").await;
}

/// `/api/admin/refunds` and `/admin/refunds` say that `amount` (base units; `shown` as people
/// read it) goes back for the order's one Ethereum payment, to the address it came from.
async fn send_back_is_listed(app: &TestApp, order: Uuid, outcome: &str, amount: &str, shown: &str) {
    let payer: String = sqlx::query_scalar("select payer from eth_receipt where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let admin = app.sign_in(true).await;
    let refunds = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    let due = refunds["eth_due_back"].as_array().unwrap();
    assert_eq!(due.len(), 1, "{refunds}");
    assert_eq!(
        (due[0]["order_id"].as_str(), due[0]["outcome"].as_str(), due[0]["amount"].as_str()),
        (Some(order.to_string().as_str()), Some(outcome), Some(amount))
    );
    assert_eq!((due[0]["payer"].as_str(), due[0]["asset"].as_str()), (Some(payer.as_str()), Some("ETH")));
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(page.contains(&format!("Goes back: {shown} to {payer}")), "{page}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn paying_less_than_the_quote_fails_the_order_and_is_due_back(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, _, ticket_type) = order(&app, 50).await;
    chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let (quote, signature) =
        chain.sign(&order_ref(order), Address::ZERO, U256::from(3_999_999_999_999_999u64)).await;

    chain.pay_eth(&quote, &signature).await;
    chain.watcher(db.clone(), Confirmations::Blocks(1), 2000).catch_up().await.unwrap();

    assert_eq!(app.order_status(order).await, "failed");
    assert_eq!(status_reason(&db, order).await, "underpaid");
    let (status, reason, received, ..) = payment(&db, order).await;
    // 0.003999999999999999 ETH at 2,000 EUR/ETH is €7.999999999999998, rounded down.
    assert_eq!((status.as_str(), reason.as_deref(), received), ("refund_due", Some("underpaid"), Some(799)));
    assert_eq!(receipts(&db).await[0].outcome.as_deref(), Some("underpaid"));
    assert_eq!(app.stock(ticket_type).await, (0, 0), "the hold went back");
    assert_eq!(outbox_rows(&db, order).await, 0);
    send_back_is_listed(&app, order, "underpaid", "3999999999999999", "0.003999999999999999 ETH").await;
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_for_an_order_id_we_never_quoted_is_recorded_as_an_orphan(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, ..) = order(&app, 50).await;
    let stranger = order_ref(Uuid::now_v7());
    let (quote, signature) = chain.sign(&stranger, Address::ZERO, U256::from(TEN_EUR_IN_WEI)).await;

    chain.pay_eth(&quote, &signature).await;
    chain.watcher(db.clone(), Confirmations::Blocks(1), 2000).catch_up().await.unwrap();

    let all = receipts(&db).await;
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].order_id, all[0].status.as_str(), all[0].outcome.as_deref()),
        (None, "confirmed", Some("orphan"))
    );
    let recorded_ref: String =
        sqlx::query_scalar("select order_ref from eth_receipt").fetch_one(&db).await.unwrap();
    assert_eq!(recorded_ref, stranger);
    let to_reconcile = tessera_core::order::eth_receipt::receipts_to_reconcile(&db, 10).await.unwrap();
    assert_eq!(to_reconcile.iter().map(|r| r.order_ref.as_str()).collect::<Vec<_>>(), [stranger.as_str()]);
    assert_eq!(app.order_status(order).await, "pending_payment", "no order of ours changed");

    // Admins find it among the refunds due: it goes back to the address it came from.
    let payer: String = sqlx::query_scalar("select payer from eth_receipt").fetch_one(&db).await.unwrap();
    let admin = app.sign_in(true).await;
    let refunds = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    let orphan = &refunds["eth_orphans"][0];
    assert_eq!(refunds["eth_orphans"].as_array().unwrap().len(), 1);
    assert_eq!(orphan["order_ref"], stranger);
    assert_eq!(orphan["tx_hash"], all[0].tx_hash);
    assert_eq!(orphan["payer"], payer);
    assert_eq!((orphan["asset"].as_str(), orphan["decimals"].as_i64()), (Some("ETH"), Some(18)));
    assert_eq!(orphan["amount"], TEN_EUR_IN_WEI.to_string());
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(page.contains(&all[0].tx_hash) && page.contains(&payer), "{page}");
    let whole = tessera_core::money::units_decimal(&TEN_EUR_IN_WEI.to_string(), 18);
    assert!(page.contains(&format!("{whole} ETH")), "{page}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_token_payment_pays_its_order(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let token = chain.token(U256::from(100_000_000u64)).await;
    // €10 at 0.5 EUR per token: 20 tokens of 6 decimals.
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ("USDC", token, 6), U256::from(20_000_000u64), "0.5").await;

    chain.pay_token(&quote, &signature).await;
    chain.watcher(db.clone(), Confirmations::Blocks(2), 2000).catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment");
    chain.mine(1).await;
    chain.watcher(db.clone(), Confirmations::Blocks(2), 2000).catch_up().await.unwrap();

    assert_eq!(app.order_status(order).await, "paid");
    let receipt: (String, String, Option<String>) =
        sqlx::query_as("select token, amount::text, outcome from eth_receipt").fetch_one(&db).await.unwrap();
    assert_eq!(receipt, (format!("{token:#x}"), "20000000".into(), Some("paid".into())));
    assert_eq!(outbox_rows(&db, order).await, 1);
}
