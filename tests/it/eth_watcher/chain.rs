//! Following the chain: confirmations, reorgs and rollbacks, restarts mid-range, finalized
//! mode, a node that is down.

use alloy::primitives::U256;
use alloy::providers::Provider as _;
use sqlx::PgPool;
use tessera_payments::eth::Confirmations;
use tessera_tests::TestApp;
use tessera_tests::eth::EthChain;

use super::*;

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_eth_payment_pays_its_order_exactly_once_when_its_log_is_n_confirmations_deep(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(3), 2000);

    let tx = chain.pay_eth(&quote, &signature).await;
    let step = watcher.step().await.unwrap();
    assert_eq!((step.receipts, step.confirmed, step.caught_up), (1, 0, true));
    assert_eq!(app.order_status(order).await, "pending_payment");
    assert!(payment_detected(&db, order).await, "the order keeps its tickets while the payment confirms");
    assert_eq!(payment(&db, order).await.4, Some(1000), "what was seen shows on the order");

    chain.mine(1).await;
    watcher.step().await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment", "two confirmations are not three");

    chain.mine(1).await;
    let step = watcher.step().await.unwrap();
    assert_eq!(step.confirmed, 1);
    assert_eq!(app.order_status(order).await, "paid");
    let receipt = &receipts(&db).await[0];
    assert_eq!((receipt.status.as_str(), receipt.outcome.as_deref()), ("confirmed", Some("paid")));
    assert_eq!(receipt.tx_hash, format!("{tx:#x}"));
    assert_eq!(receipt.amount, TEN_EUR_IN_WEI.to_string());
    let (status, _, received, _, _, payment_ref) = payment(&db, order).await;
    assert_eq!((status.as_str(), received), ("succeeded", Some(1000)));
    assert_eq!(payment_ref, Some(format!("{tx:#x}:{}", receipt.log_index)));

    chain.mine(5).await;
    let again = watcher.catch_up().await.unwrap();
    assert_eq!((again.receipts, again.confirmed), (0, 0));
    assert_eq!(receipts(&db).await.len(), 1);
    assert_eq!(outbox_rows(&db, order).await, 1, "paid exactly once");
    let of_order = tessera_core::order::eth_receipt::receipts_of_order(&db, order).await.unwrap();
    assert_eq!(
        (of_order.len(), of_order[0].status.as_str(), of_order[0].payer.clone()),
        (1, "confirmed", format!("{:#x}", chain.customer))
    );
    let (next, head): (i64, i64) =
        sqlx::query_as("select next_block, head_block from eth_cursor").fetch_one(&db).await.unwrap();
    assert_eq!((next, head), (i64::try_from(chain.head().await).unwrap() + 1, next - 1));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_paid_log_reorged_out_before_its_confirmations_never_pays_the_order(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(3), 2000);
    chain.pay_eth(&quote, &signature).await;
    chain.mine(1).await;
    watcher.step().await.unwrap();
    assert!(payment_detected(&db, order).await);

    // The two newest blocks (the payment's and the one on it) are replaced by two empty ones.
    let () =
        chain.provider.raw_request("anvil_reorg".into(), (2u64, Vec::<(String, u64)>::new())).await.unwrap();
    let step = watcher.step().await.unwrap();
    assert_eq!(step.reorged, 1);
    let receipt = &receipts(&db).await[0];
    assert_eq!(receipt.status, "reorged");
    assert!(!payment_detected(&db, order).await, "the order waits for payment again");

    chain.mine(10).await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment");
    assert_eq!(receipts(&db).await[0].status, "reorged");
    assert_eq!(outbox_rows(&db, order).await, 0);
    assert_eq!(payment(&db, order).await.0, "open");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_paid_log_whose_blocks_are_rolled_back_never_pays_the_order(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(3), 2000);
    chain.pay_eth(&quote, &signature).await;
    watcher.step().await.unwrap();
    let head = chain.head().await;

    // The chain gets shorter than what the watcher read, then grows past it again.
    let () = chain.provider.raw_request("anvil_rollback".into(), (Some(1u64),)).await.unwrap();
    assert_eq!(chain.head().await, head - 1);
    let step = watcher.step().await.unwrap();
    assert_eq!(step.reorged, 1);
    chain.mine(10).await;
    watcher.catch_up().await.unwrap();

    assert_eq!(app.order_status(order).await, "pending_payment");
    assert!(!payment_detected(&db, order).await);
    assert_eq!(receipts(&db).await.iter().map(|r| r.status.as_str()).collect::<Vec<_>>(), ["reorged"]);
    assert_eq!(outbox_rows(&db, order).await, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_reorged_into_another_block_is_the_same_receipt_and_pays_once(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(3), 2000);
    let tx = chain.pay_eth(&quote, &signature).await;
    chain.mine(1).await;
    watcher.step().await.unwrap();
    let first = receipts(&db).await.remove(0);

    // The payment's two blocks are replaced; the same transaction lands in the second of them.
    let raw: alloy::primitives::Bytes =
        chain.provider.raw_request("eth_getRawTransactionByHash".into(), (tx,)).await.unwrap();
    let () = chain.provider.raw_request("anvil_reorg".into(), (2u64, vec![(raw, 1u64)])).await.unwrap();
    let step = watcher.step().await.unwrap();
    assert_eq!(step.reorged, 1);
    watcher.catch_up().await.unwrap();
    let moved = receipts(&db).await;
    assert_eq!(moved.len(), 1, "one log, one receipt");
    assert_eq!((moved[0].tx_hash.as_str(), moved[0].status.as_str()), (first.tx_hash.as_str(), "seen"));
    assert_eq!(moved[0].block_number, first.block_number + 1);
    assert!(payment_detected(&db, order).await);

    chain.mine(2).await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");
    assert_eq!(receipts(&db).await[0].outcome.as_deref(), Some("paid"));
    assert_eq!(outbox_rows(&db, order).await, 1);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_confirmed_payment_reorged_out_is_flagged_for_finance_and_the_order_stays_paid(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    chain.pay_eth(&quote, &signature).await;
    watcher.step().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");

    let () =
        chain.provider.raw_request("anvil_reorg".into(), (1u64, Vec::<(String, u64)>::new())).await.unwrap();
    let step = watcher.step().await.unwrap();
    watcher.catch_up().await.unwrap();

    assert_eq!(step.reorged, 1);
    let receipt = &receipts(&db).await[0];
    // Finance lists it: applied (its outcome kept), then gone from the chain.
    assert_eq!((receipt.status.as_str(), receipt.outcome.as_deref()), ("reorged", Some("paid")));
    assert_eq!(app.order_status(order).await, "paid", "an order is never unpaid automatically");
    let to_reconcile = tessera_core::order::eth_receipt::receipts_to_reconcile(&db, 10).await.unwrap();
    assert_eq!(to_reconcile.len(), 1);
    assert_eq!(outbox_rows(&db, order).await, 1);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_watcher_killed_mid_range_and_restarted_loses_and_doubles_nothing(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let mut orders = Vec::new();
    for _ in 0..4 {
        let (order, total, ..) = order(&app, 50).await;
        let (_, quote, signature) =
            chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
        let tx = chain.pay_eth(&quote, &signature).await;
        orders.push((order, format!("{tx:#x}")));
        chain.mine(2).await;
    }
    // Far enough below the head that ranges are read whole, three blocks at a time.
    chain.mine(100).await;

    let first = chain.watcher(db.clone(), Confirmations::Blocks(1), 3);
    first.step().await.unwrap();
    first.step().await.unwrap();
    drop(first);
    // Blocks 0-2 and 3-5: the payments in blocks 2 and 5 (the contract was deployed in 1).
    let recorded = receipts(&db).await.len();
    assert_eq!(recorded, 2, "the first watcher stopped part way");

    // A crash in the middle of the next range (6-8, the payment in 8): its transaction dies at
    // the receipt, after the cursor and the block were written, and nothing of it stays.
    let (next,): (i64,) = sqlx::query_as("select next_block from eth_cursor").fetch_one(&db).await.unwrap();
    let blocks: i64 = sqlx::query_scalar("select count(*) from eth_block").fetch_one(&db).await.unwrap();
    sqlx::raw_sql(
        "create function fail_eth_receipt() returns trigger language plpgsql as
             $$ begin raise exception 'the watcher dies here'; end $$;
         create trigger fail_eth_receipt before insert on eth_receipt for each row execute function fail_eth_receipt();",
    )
    .execute(&db)
    .await
    .unwrap();
    let crashed = chain.watcher(db.clone(), Confirmations::Blocks(1), 3);
    assert!(crashed.step().await.is_err());
    let (after,): (i64,) = sqlx::query_as("select next_block from eth_cursor").fetch_one(&db).await.unwrap();
    assert_eq!(after, next, "the cursor did not move");
    assert_eq!(receipts(&db).await.len(), recorded);
    let blocks_after: i64 =
        sqlx::query_scalar("select count(*) from eth_block").fetch_one(&db).await.unwrap();
    assert_eq!(blocks_after, blocks);
    sqlx::raw_sql("drop trigger fail_eth_receipt on eth_receipt; drop function fail_eth_receipt();")
        .execute(&db)
        .await
        .unwrap();

    let restarted = chain.watcher(db.clone(), Confirmations::Blocks(1), 3);
    let progress = restarted.catch_up().await.unwrap();
    assert_eq!(progress.head, chain.head().await);
    // And a cursor that lost its place reads what it had read again: nothing changes.
    sqlx::query("update eth_cursor set next_block = 0").execute(&db).await.unwrap();
    let again = chain.watcher(db.clone(), Confirmations::Blocks(1), 3).catch_up().await.unwrap();
    assert_eq!((again.receipts, again.confirmed), (0, 0));

    let all = receipts(&db).await;
    assert_eq!(
        all.iter().map(|r| (r.order_id.unwrap(), r.tx_hash.clone())).collect::<Vec<_>>(),
        orders,
        "every payment one receipt"
    );
    for (order, _) in &orders {
        assert_eq!(app.order_status(*order).await, "paid");
        assert_eq!(outbox_rows(&db, *order).await, 1);
    }
    assert!(all.iter().all(|r| r.outcome.as_deref() == Some("paid")));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn in_safe_mode_a_payment_waits_for_the_safe_block(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let watcher = chain.watcher(db.clone(), Confirmations::Safe, 2000);

    chain.pay_eth(&quote, &signature).await;
    chain.mine(5).await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment", "five blocks deep is not safe");
    assert!(payment_detected(&db, order).await);

    // Anvil calls the block an epoch (32 blocks) below the head safe.
    chain.mine(40).await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn in_finalized_mode_a_payment_waits_for_the_finalized_block(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let (order, total, ..) = order(&app, 50).await;
    let (_, quote, signature) =
        chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
    let watcher = chain.watcher(db.clone(), Confirmations::Finalized, 2000);

    chain.pay_eth(&quote, &signature).await;
    chain.mine(10).await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment", "ten blocks deep is not finalized");
    assert!(payment_detected(&db, order).await);

    chain.mine(100).await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_node_that_is_down_is_an_error_to_retry_and_changes_nothing(db: PgPool) {
    let chain = EthChain::start().await;
    let mut config = chain.config(Confirmations::Blocks(1), 2000);
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    config.chains[0].rpc_url = url.into();
    let watcher = tessera_chain_watcher::eth::EthWatcher::new(db.clone(), &config, config.primary()).unwrap();

    let error = watcher.step().await.unwrap_err();

    assert!(matches!(error, tessera_chain_watcher::eth::EthWatchError::Node(_)), "{error:?}");
    let cursors: i64 = sqlx::query_scalar("select count(*) from eth_cursor").fetch_one(&db).await.unwrap();
    assert_eq!(cursors, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_node_on_another_chain_than_the_pinned_one_is_neither_read_nor_quoted_for(db: PgPool) {
    let chain = EthChain::start().await;
    let mut config = chain.config(Confirmations::Blocks(1), 2000);
    config.chains[0].chain_id = Some(1);
    config.chains[0].confirmations = Confirmations::Blocks(12);
    let watcher = tessera_chain_watcher::eth::EthWatcher::new(db.clone(), &config, config.primary()).unwrap();
    let error = watcher.step().await.unwrap_err();
    let message = error.to_string();
    assert!(
        matches!(error, tessera_chain_watcher::eth::EthWatchError::WrongChain(_))
            && message.contains("on chain 31337, not TESSERA_ETH_CHAIN_ID=1"),
        "{message}"
    );
    assert!(!message.contains(&chain.anvil.url), "the node's URL is never printed");
    let cursors: i64 = sqlx::query_scalar("select count(*) from eth_cursor").fetch_one(&db).await.unwrap();
    assert_eq!(cursors, 0, "nothing was read");

    let payments = tessera_payments::eth::EthPayments::new(&config).unwrap();
    let refused = payments.chain_id().await.unwrap_err().to_string();
    assert!(refused.contains("not TESSERA_ETH_CHAIN_ID=1"), "{refused}");

    // Pinned to the chain it is on: read as usual.
    config.chains[0].chain_id = Some(31337);
    config.chains[0].confirmations = Confirmations::Blocks(1);
    let watcher = tessera_chain_watcher::eth::EthWatcher::new(db, &config, config.primary()).unwrap();
    assert!(watcher.step().await.is_ok());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn off_a_local_chain_an_operator_that_owns_the_contract_is_refused_at_start(_db: PgPool) {
    // A stand-in for a public chain, where the contract was deployed with one key in every
    // role but the refunder's.
    let chain = EthChain::start_on(Some(4242)).await;
    let mut config = chain.config(Confirmations::Blocks(1), 2000);
    let payments = tessera_payments::eth::EthPayments::new(&config).unwrap();
    let unpinned = payments.check_at_start().await.unwrap_err();
    assert!(unpinned.contains("set TESSERA_ETH_CHAIN_ID=4242"), "{unpinned}");

    config.chains[0].chain_id = Some(4242);
    let payments = tessera_payments::eth::EthPayments::new(&config).unwrap();
    let refused = payments.check_at_start().await.unwrap_err();
    assert!(
        refused.contains("TESSERA_ETH_OPERATOR_KEY is the owner of the contract at TESSERA_ETH_CONTRACT"),
        "{refused}"
    );
    assert!(payments.chain_id().await.is_err(), "and no quote is signed with it");

    // Ownership handed to another key (two steps): the operator may sign.
    chain.pay.transferOwnership(chain.customer).send().await.unwrap().get_receipt().await.unwrap();
    chain.pay.acceptOwnership().from(chain.customer).send().await.unwrap().get_receipt().await.unwrap();
    let payments = tessera_payments::eth::EthPayments::new(&config).unwrap();
    assert_eq!(payments.check_at_start().await, Ok(()));
    assert_eq!(payments.chain_id().await.unwrap(), 4242);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_standby_watcher_takes_over_when_the_leader_dies_missing_and_doubling_nothing(db: PgPool) {
    use std::time::{Duration, Instant};
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    // Two chain-watcher processes: each its own pool, so when one dies its connections close and
    // the advisory lock it held goes with them, as when a process is killed.
    let process = || async {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(3)
            .connect_with((*db.connect_options()).clone())
            .await
            .unwrap()
    };
    let (leader_db, standby_db) = (process().await, process().await);
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let poll = Duration::from_millis(200);
    let mut paid = Vec::new();
    let pay = async |paid: &mut Vec<(Uuid, String)>| {
        let (order, total, ..) = order(&app, 50).await;
        let (_, quote, signature) =
            chain.quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000").await;
        let tx = chain.pay_eth(&quote, &signature).await;
        chain.mine(2).await;
        paid.push((order, format!("{tx:#x}")));
        order
    };
    // Liveness bounds, generous: the whole suite shares two cores with this test (the figure
    // that matters, the takeover's, is printed).
    let paid_within = async |order: Uuid, limit: Duration| {
        let started = Instant::now();
        while app.order_status(order).await != "paid" {
            assert!(started.elapsed() < limit, "{order} not paid within {limit:?}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        started.elapsed()
    };

    // The leader alone follows the chain.
    let leader = tokio::spawn(tessera_chain_watcher::eth::run(
        chain.watcher(leader_db.clone(), Confirmations::Blocks(1), 2000),
        poll,
        stopped.clone(),
    ));
    let first = pay(&mut paid).await;
    paid_within(first, Duration::from_secs(30)).await;
    // A standby joins: both poll, one at a time under the lock, and nothing is read twice.
    let standby = tokio::spawn(tessera_chain_watcher::eth::run(
        chain.watcher(standby_db.clone(), Confirmations::Blocks(1), 2000),
        poll,
        stopped.clone(),
    ));
    for _ in 0..2 {
        let order = pay(&mut paid).await;
        paid_within(order, Duration::from_secs(30)).await;
    }

    // The leader dies (its task and its connections gone, mid-round or not): the standby goes
    // on, and payments made while it takes over are paid once.
    leader.abort();
    let _ = leader.await;
    leader_db.close().await;
    let killed = Instant::now();
    let mut after = Vec::new();
    for _ in 0..2 {
        after.push(pay(&mut paid).await);
    }
    for order in after {
        paid_within(order, Duration::from_secs(30)).await;
    }
    let took_over = killed.elapsed();
    println!(
        "chain-watcher failover: the standby paid the next payments {took_over:?} after the leader died"
    );
    assert!(took_over < Duration::from_secs(30));

    let all = receipts(&db).await;
    let mut seen: Vec<(Uuid, String)> =
        all.iter().map(|r| (r.order_id.unwrap(), r.tx_hash.clone())).collect();
    seen.sort();
    paid.sort();
    assert_eq!(seen, paid, "every payment one receipt");
    for (order, _) in &paid {
        assert_eq!(outbox_rows(&db, *order).await, 1, "{order} paid once");
    }
    let _ = stop.send(true);
    tokio::time::timeout(Duration::from_secs(5), standby).await.expect("the standby stops").unwrap();
}
