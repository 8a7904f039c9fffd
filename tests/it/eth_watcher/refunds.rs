//! Refunds on Ethereum, end to end on anvil: an admin asks, the chain-watcher's refund wallet
//! (the contract's refunder, not the quote operator) sends it through the contract to the
//! address that paid, in the asset it paid, and the refund succeeds when its `OrderRefunded`
//! log is deep enough; reorgs, a lost transaction, a wallet short of funds, orphans and refunds
//! made by hand.

use alloy::primitives::{Address, U256};
use alloy::providers::Provider as _;
use axum::http::{HeaderMap, Method, StatusCode, header};
use serde_json::json;
use sqlx::PgPool;
use tessera_chain_watcher::eth::EthWatcher;
use tessera_payments::eth::Confirmations;
use tessera_tests::eth::{EthChain, account, place_eth_order};
use tessera_tests::{TestApp, TestResponse, sample_event};
use uuid::Uuid;

use super::*;

/// €10 at 0.5 EUR/USDC: 20 USDC of 6 decimals.
const TEN_EUR_IN_USDC: u64 = 20_000_000;

/// An order of `quantity` €10 tickets paid on chain in ETH (or `token`, 6 decimals, at 0.5 EUR),
/// confirmed by the watcher, its tickets issued.
async fn paid(
    app: &TestApp,
    chain: &EthChain,
    watcher: &EthWatcher,
    quantity: i32,
    token: Option<Address>,
) -> Uuid {
    let mut event = sample_event(&format!("eth-refund-{}", Uuid::new_v4().simple()), "Fado de Volta", 20);
    event.fields.ticket_types[0].capacity = 50;
    let event_id = app.insert_event(&event).await;
    let ticket_type = app.ticket_types(event_id).await[0];
    let buyer = account(&app.db).await;
    let (order, total) = place_eth_order(&app.db, buyer, event_id, ticket_type, quantity).await;
    assert_eq!(total, 1000 * i64::from(quantity), "€10 tickets");
    let quantity = u64::try_from(quantity).unwrap();
    match token {
        None => {
            let amount = U256::from(TEN_EUR_IN_WEI * quantity);
            let (_, quote, signature) = chain.quote_order(&app.db, order, total, ETH, amount, "2000").await;
            chain.pay_eth(&quote, &signature).await;
        }
        Some(token) => {
            let amount = U256::from(TEN_EUR_IN_USDC * quantity);
            let (_, quote, signature) =
                chain.quote_order(&app.db, order, total, ("USDC", token, 6), amount, "0.5").await;
            chain.pay_token(&quote, &signature).await;
        }
    }
    // Deep enough for any of the tests' confirmations.
    chain.mine(3).await;
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    order
}

async fn refund(app: &TestApp, admin: &str, path: &str, key: &str, body: serde_json::Value) -> TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(header::COOKIE, admin.parse().unwrap());
    headers.insert("idempotency-key", key.parse().unwrap());
    app.send(Method::POST, path, headers, body.to_string().into()).await
}

/// Asks for the whole order's refund (an admin, over JSON); returns its id.
async fn refund_all(app: &TestApp, admin: &str, order: Uuid, key: &str) -> String {
    let path = format!("/api/admin/orders/{order}/refunds");
    let asked = refund(app, admin, &path, key, json!({})).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    asked.json()["id"].as_str().unwrap().to_string()
}

/// Whether anvil mines each transaction as it arrives.
async fn automine(chain: &EthChain, on: bool) {
    let () = chain.provider.raw_request("evm_setAutomine".into(), (on,)).await.unwrap();
}

async fn refund_row(db: &PgPool, id: &str) -> (String, Option<String>, Option<String>) {
    sqlx::query_as("select status, provider_ref, send_error from refund where refund_id = $1::uuid")
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

async fn eth_balance(chain: &EthChain, who: Address) -> U256 {
    chain.provider.get_balance(who).await.unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_eth_order_is_refunded_to_the_paying_address_by_the_refund_wallet(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(2), 2000);
    let order = paid(&app, &chain, &watcher, 2, None).await;
    let admin = app.sign_in(true).await;
    let before = eth_balance(&chain, chain.customer).await;

    let asked =
        refund(&app, &admin, &format!("/api/admin/orders/{order}/refunds"), "eth-all", json!({})).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    let body = asked.json();
    // Requested: the web app holds no key that moves money; the chain-watcher sends it.
    assert_eq!((body["rail"].as_str(), body["status"].as_str()), (Some("eth"), Some("requested")));
    assert_eq!((body["asset"].as_str(), body["decimals"].as_i64()), (Some("ETH"), Some(18)));
    assert_eq!(body["amount"], (2 * TEN_EUR_IN_WEI).to_string());
    assert_eq!(body["refund_to"], format!("{:#x}", chain.customer));
    let id = body["id"].as_str().unwrap().to_string();
    let twice =
        refund(&app, &admin, &format!("/api/admin/orders/{order}/refunds"), "eth-all", json!({})).await;
    assert_eq!((twice.status, twice.json()["id"].as_str()), (StatusCode::OK, Some(id.as_str())));

    let round = watcher.send_refunds().await.unwrap();
    assert_eq!((round.sent, round.failed, round.waiting), (1, 0, 0));
    let (status, tx_hash, _) = refund_row(&db, &id).await;
    assert_eq!(status, "sent");
    let tx_hash = tx_hash.expect("the transaction's hash");
    chain.refunds_mined().await;
    assert_eq!(eth_balance(&chain, chain.customer).await - before, U256::from(2 * TEN_EUR_IN_WEI));
    // Sent by the refund wallet, not by the operator who signs quotes.
    let tx = chain.provider.get_transaction_by_hash(tx_hash.parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(tx.inner.signer(), chain.refunder);
    // A second round sends nothing more.
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 0);

    // One block deep is not two: the log is seen, the refund not settled yet.
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, &id).await.0, "sent");
    assert_eq!(app.order_status(order).await, "paid");
    chain.mine(1).await;
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, &id).await.0, "succeeded");
    assert_eq!(app.order_status(order).await, "refunded");
    let log: (String, String, Option<Uuid>) =
        sqlx::query_as("select status, tx_hash, refund_id from eth_refund_log").fetch_one(&db).await.unwrap();
    assert_eq!(log, ("confirmed".to_string(), tx_hash.clone(), Some(id.parse().unwrap())));

    // Nothing is left, and the contract agrees.
    let again =
        refund(&app, &admin, &format!("/api/admin/orders/{order}/refunds"), "eth-more", json!({})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text());
    let paid = chain.pay.payments(tessera_tests::eth::order_ref_b256(order)).call().await.unwrap();
    assert_eq!(paid.refunded, paid.amount);

    // The admin sees it with its transaction; finance sees it as money out beside the payment
    // log it answers: the refund's own log and its confirmations.
    let page = app.get_with_cookie(&format!("/admin/orders/{order}"), &admin).await.text();
    assert!(page.contains(&tx_hash) && page.contains("Refunded"), "{page}");
    let filter = tessera_core::reconcile::Filter { time_zone: "UTC".into(), ..Default::default() };
    let rows = tessera_core::reconcile::ledger(&db, &filter).await.unwrap();
    let row = rows.iter().find(|r| r.order_id == Some(order)).unwrap();
    assert_eq!(row.refunded_base.as_deref(), Some((2 * TEN_EUR_IN_WEI).to_string().as_str()));
    assert_eq!(row.refunded.as_deref(), Some("0.01"));
    let refs = row.refunds.as_deref().unwrap();
    assert!(
        refs.starts_with(&format!("{tx_hash}:")) && refs.contains("succeeded (2 confirmations)"),
        "{refs}"
    );
    assert_eq!(row.discrepancy, None, "an admin's refund is not a discrepancy");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_token_refund_of_one_ticket_goes_back_in_the_token_and_the_wallet_approves_it_once(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let usdc = chain.token(U256::from(1000 * TEN_EUR_IN_USDC)).await;
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 2, Some(usdc)).await;
    let tickets: Vec<Uuid> =
        sqlx::query_scalar("select ticket_id from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_all(&db)
            .await
            .unwrap();
    let admin = app.sign_in(true).await;
    let token = tessera_contracts::IERC20::new(usdc, &chain.provider);
    let before = token.balanceOf(chain.customer).call().await.unwrap();

    let path = format!("/api/admin/orders/{order}/refunds");
    let one = refund(&app, &admin, &path, "usdc-one", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(one.status, StatusCode::CREATED, "{}", one.text());
    assert_eq!(
        (one.json()["asset"].as_str(), one.json()["amount"].as_str()),
        (Some("USDC"), Some("20000000"))
    );
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, one.json()["id"].as_str().unwrap()).await.0, "succeeded");
    assert_eq!(token.balanceOf(chain.customer).call().await.unwrap() - before, U256::from(TEN_EUR_IN_USDC));
    assert_eq!(app.order_status(order).await, "paid", "one ticket of two");

    // More than is left is refused before anything is sent; the rest goes back, no second
    // approval needed.
    let too_much = refund(&app, &admin, &path, "usdc-too-much", json!({"amount_minor": 1001})).await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", too_much.text());
    let rest = refund(&app, &admin, &path, "usdc-rest", json!({})).await;
    assert_eq!(rest.json()["amount"], TEN_EUR_IN_USDC.to_string());
    let nonce_before = chain.provider.get_transaction_count(chain.refunder).await.unwrap();
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(chain.provider.get_transaction_count(chain.refunder).await.unwrap(), nonce_before + 1);
    assert_eq!(app.order_status(order).await, "refunded");
    assert_eq!(
        token.balanceOf(chain.customer).call().await.unwrap() - before,
        U256::from(2 * TEN_EUR_IN_USDC)
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_usdt_like_refund_resets_an_allowance_left_part_spent_before_approving_again(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let usdt = chain.usdt(U256::from(1000 * TEN_EUR_IN_USDC)).await;
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 1, Some(usdt)).await;
    let admin = app.sign_in(true).await;
    let token = tessera_contracts::IERC20::new(usdt, &chain.provider);
    let before = token.balanceOf(chain.customer).call().await.unwrap();
    assert_eq!(token.allowance(chain.refunder, chain.contract()).call().await.unwrap(), U256::from(1u8));

    refund_all(&app, &admin, order, "usdt-all").await;
    let nonce_before = chain.provider.get_transaction_count(chain.refunder).await.unwrap();
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "refunded");
    assert_eq!(token.balanceOf(chain.customer).call().await.unwrap() - before, U256::from(TEN_EUR_IN_USDC));
    // To zero, to any amount, then the refund: the token took no other way.
    assert_eq!(chain.provider.get_transaction_count(chain.refunder).await.unwrap(), nonce_before + 3);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_transaction_the_node_lost_is_broadcast_again_and_refunds_once(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 1, None).await;
    let admin = app.sign_in(true).await;
    let before = eth_balance(&chain, chain.customer).await;
    let id = refund_all(&app, &admin, order, "lost").await;

    // Signed, stored and broadcast, then the node forgets it before mining it.
    automine(&chain, false).await;
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    let (_, first_hash, _) = refund_row(&db, &id).await;
    let () = chain.provider.raw_request("anvil_dropAllTransactions".into(), ()).await.unwrap();
    automine(&chain, true).await;

    // The next round broadcasts the same transaction again: same hash, same nonce.
    let round = watcher.send_refunds().await.unwrap();
    assert_eq!((round.sent, round.rebroadcast, round.replaced), (0, 1, 0));
    chain.mine(1).await;
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    let (status, hash, _) = refund_row(&db, &id).await;
    assert_eq!((status.as_str(), hash), ("succeeded", first_hash));
    assert_eq!(eth_balance(&chain, chain.customer).await - before, U256::from(TEN_EUR_IN_WEI), "once");
    let logs: i64 = sqlx::query_scalar("select count(*) from eth_refund_log").fetch_one(&db).await.unwrap();
    assert_eq!(logs, 1);
    assert_eq!(watcher.send_refunds().await.unwrap(), Default::default(), "nothing more to do");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_whose_log_is_reorged_out_waits_and_settles_once_mined_again(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(3), 2000);
    let order = paid(&app, &chain, &watcher, 1, None).await;
    let admin = app.sign_in(true).await;
    let id = refund_all(&app, &admin, order, "reorg").await;
    watcher.send_refunds().await.unwrap();
    let (_, hash, _) = refund_row(&db, &id).await;
    let hash = hash.unwrap();
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();

    // The refund's block and the one before are replaced; the transaction lands in the second.
    let raw: alloy::primitives::Bytes =
        chain.provider.raw_request("eth_getRawTransactionByHash".into(), (hash.clone(),)).await.unwrap();
    let () = chain.provider.raw_request("anvil_reorg".into(), (2u64, vec![(raw, 1u64)])).await.unwrap();
    let step = watcher.step().await.unwrap();
    assert_eq!(step.reorged, 1);
    let status: String =
        sqlx::query_scalar("select status from eth_refund_log").fetch_one(&db).await.unwrap();
    assert_eq!(status, "reorged");
    assert_eq!(refund_row(&db, &id).await.0, "sent", "not settled by a log that left the chain");

    chain.mine(3).await;
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, &id).await.0, "succeeded");
    let logs: Vec<(String, String)> =
        sqlx::query_as("select status, tx_hash from eth_refund_log").fetch_all(&db).await.unwrap();
    assert_eq!(logs, vec![("confirmed".to_string(), hash)], "one log, one refund");
    assert_eq!(app.order_status(order).await, "refunded");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_wallet_short_of_funds_says_so_and_sends_once_topped_up(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 1, None).await;
    let admin = app.sign_in(true).await;
    let id = refund_all(&app, &admin, order, "broke").await;

    let () = chain
        .provider
        .raw_request("anvil_setBalance".into(), (chain.refunder, U256::from(1000)))
        .await
        .unwrap();
    let round = watcher.send_refunds().await.unwrap();
    assert_eq!((round.sent, round.waiting), (0, 1));
    let (status, _, why) = refund_row(&db, &id).await;
    assert_eq!(status, "requested");
    assert!(why.as_deref().is_some_and(|w| w.contains("top it up")), "{why:?}");
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(page.contains("Waiting: the refund wallet"), "{page}");
    // Still requested and never signed: an admin may withdraw it.

    let () = chain
        .provider
        .raw_request("anvil_setBalance".into(), (chain.refunder, U256::from(10u64).pow(U256::from(20))))
        .await
        .unwrap();
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    let (status, _, why) = refund_row(&db, &id).await;
    assert_eq!((status.as_str(), why), ("succeeded", None));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_orphan_goes_back_to_its_payer_from_the_refunds_list(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let stranger = tessera_core::order::eth::order_ref(Uuid::now_v7());
    let (quote, signature) = chain.sign(&stranger, Address::ZERO, U256::from(TEN_EUR_IN_WEI)).await;
    chain.pay_eth(&quote, &signature).await;
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    let admin = app.sign_in(true).await;
    let listed = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    let receipt = listed["eth_orphans"][0]["eth_receipt_id"].as_str().unwrap().to_string();
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(page.contains(&format!("/admin/refunds/eth/{receipt}")), "a button: {page}");
    let before = eth_balance(&chain, chain.customer).await;

    let path = format!("/api/admin/eth-receipts/{receipt}/refund");
    let asked = refund(&app, &admin, &path, "orphan", json!(null)).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    assert_eq!(asked.json()["amount"], TEN_EUR_IN_WEI.to_string());
    assert!(asked.json()["order_id"].is_null());
    let twice = refund(&app, &admin, &path, "orphan-again", json!(null)).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.text());
    watcher.send_refunds().await.unwrap();
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, asked.json()["id"].as_str().unwrap()).await.0, "succeeded");
    assert_eq!(eth_balance(&chain, chain.customer).await - before, U256::from(TEN_EUR_IN_WEI));
    let listed = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    assert_eq!(listed["eth_orphans"][0]["refund_status"], "succeeded");
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(!page.contains(&format!("/admin/refunds/eth/{receipt}")), "no second button: {page}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_made_by_hand_from_the_owner_is_recorded_once_as_made_outside(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 1, None).await;

    let by_hand = chain
        .pay
        .refundEth(tessera_tests::eth::order_ref_b256(order), chain.customer)
        .value(U256::from(TEN_EUR_IN_WEI))
        .from(chain.shop);
    by_hand.send().await.unwrap().get_receipt().await.unwrap();
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();

    let refunds: Vec<(String, String, String)> =
        sqlx::query_as("select reason, status, amount::text from refund where order_id = $1")
            .bind(order)
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(refunds, vec![("outside".into(), "succeeded".into(), TEN_EUR_IN_WEI.to_string())]);
    assert_eq!(app.order_status(order).await, "refunded");
    // The contract has nothing left, and Tessera agrees before sending anything.
    let admin = app.sign_in(true).await;
    let again = refund(&app, &admin, &format!("/api/admin/orders/{order}/refunds"), "after", json!({})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_transaction_whose_nonce_another_took_is_replaced_and_refunds_once(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 1, None).await;
    let admin = app.sign_in(true).await;
    let before = eth_balance(&chain, chain.customer).await;
    let id = refund_all(&app, &admin, order, "taken").await;

    // Signed and broadcast, lost by the node, and its nonce then used by someone holding the
    // refund wallet's key for something else.
    automine(&chain, false).await;
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    let (_, first_hash, _) = refund_row(&db, &id).await;
    let () = chain.provider.raw_request("anvil_dropAllTransactions".into(), ()).await.unwrap();
    automine(&chain, true).await;
    let wallet = tessera_contracts::connect(&chain.anvil.url, tessera_tests::eth::REFUND_KEY).unwrap();
    let other = alloy::rpc::types::TransactionRequest::default()
        .to(Address::with_last_byte(0x42))
        .value(U256::from(1));
    wallet.send_transaction(other).await.unwrap().get_receipt().await.unwrap();

    let round = watcher.send_refunds().await.unwrap();
    assert_eq!((round.replaced, round.rebroadcast), (1, 0));
    let (status, hash, _) = refund_row(&db, &id).await;
    assert_eq!(status, "sent");
    assert_ne!(hash, first_hash, "a new transaction");
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, &id).await.0, "succeeded");
    assert_eq!(eth_balance(&chain, chain.customer).await - before, U256::from(TEN_EUR_IN_WEI), "once");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_transaction_left_waiting_is_sent_again_with_higher_fees_and_refunds_once(db: PgPool) {
    use alloy::consensus::Transaction as _;
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 1, None).await;
    let admin = app.sign_in(true).await;
    let before = eth_balance(&chain, chain.customer).await;
    let asked =
        refund(&app, &admin, &format!("/api/admin/orders/{order}/refunds"), "waiting", json!({})).await;
    let id = asked.json()["id"].as_str().unwrap().to_string();

    // Sent, and left in the node's pool, unmined, for longer than a refund should wait.
    automine(&chain, false).await;
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    let (_, first_hash, _) = refund_row(&db, &id).await;
    let first_hash = first_hash.unwrap();
    let round = watcher.send_refunds().await.unwrap();
    assert_eq!((round.rebroadcast, round.bumped), (1, 0), "not yet: it has only just been sent");
    sqlx::query("update refund set eth_signed_at = now() - interval '10 minutes' where refund_id = $1::uuid")
        .bind(&id)
        .execute(&db)
        .await
        .unwrap();

    let round = watcher.send_refunds().await.unwrap();
    assert_eq!((round.bumped, round.replaced), (1, 0));
    let (status, hash, _) = refund_row(&db, &id).await;
    let hash = hash.unwrap();
    assert_eq!(status, "sent");
    assert_ne!(hash, first_hash);
    let old = chain.provider.get_transaction_by_hash(first_hash.parse().unwrap()).await.unwrap();
    let new = chain.provider.get_transaction_by_hash(hash.parse().unwrap()).await.unwrap().unwrap();
    if let Some(old) = old {
        assert_eq!(old.inner.nonce(), new.inner.nonce(), "the same nonce: only one can be mined");
        assert!(new.inner.max_fee_per_gas() > old.inner.max_fee_per_gas());
    }

    automine(&chain, true).await;
    chain.mine(1).await;
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, &id).await.0, "succeeded");
    assert_eq!(eth_balance(&chain, chain.customer).await - before, U256::from(TEN_EUR_IN_WEI), "once");
    let prior: Vec<String> =
        sqlx::query_scalar("select unnest(eth_prior_txs) from refund where refund_id = $1::uuid")
            .bind(&id)
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(prior, vec![first_hash]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_amount_converts_exactly_at_a_rate_of_eighteen_decimals(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let mut event = sample_event(&format!("eth-rate-{}", Uuid::new_v4().simple()), "Fado Exacto", 20);
    event.fields.ticket_types[0].capacity = 5;
    let event_id = app.insert_event(&event).await;
    let ticket_type = app.ticket_types(event_id).await[0];
    let buyer = account(&app.db).await;
    let (order, total) = place_eth_order(&app.db, buyer, event_id, ticket_type, 1).await;
    let (_, quote, signature) = chain
        .quote_order(&db, order, total, ETH, U256::from(TEN_EUR_IN_WEI), "2000.000000000000000001")
        .await;
    chain.pay_eth(&quote, &signature).await;
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    let mut conn = db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    let admin = app.sign_in(true).await;

    // €5.00 at 2,000.000000000000000001 EUR/ETH: 5 × 10^18 / 2000.000000000000000001 wei, rounded
    // down (10^38 and more on the way: past 128 bits).
    let path = format!("/api/admin/orders/{order}/refunds");
    let half = refund(&app, &admin, &path, "exact", json!({"amount_minor": 500})).await;
    assert_eq!(half.status, StatusCode::CREATED, "{}", half.text());
    assert_eq!(half.json()["amount"], "2499999999999999");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn when_the_transaction_a_bump_replaced_is_the_one_mined_nothing_is_sent_again(db: PgPool) {
    let chain = EthChain::start().await;
    let app = TestApp::new(db.clone());
    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(1), 2000);
    let order = paid(&app, &chain, &watcher, 2, None).await;
    let tickets: Vec<Uuid> =
        sqlx::query_scalar("select ticket_id from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_all(&db)
            .await
            .unwrap();
    let admin = app.sign_in(true).await;
    let before = eth_balance(&chain, chain.customer).await;
    // One ticket of two: the contract would take a second refund of it.
    let path = format!("/api/admin/orders/{order}/refunds");
    let asked = refund(&app, &admin, &path, "bumped-away", json!({"tickets": [tickets[0]]})).await;
    let id = asked.json()["id"].as_str().unwrap().to_string();

    automine(&chain, false).await;
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 1);
    let first_raw: String = sqlx::query_scalar("select eth_raw_tx from refund where refund_id = $1::uuid")
        .bind(&id)
        .fetch_one(&db)
        .await
        .unwrap();
    sqlx::query("update refund set eth_signed_at = now() - interval '10 minutes' where refund_id = $1::uuid")
        .bind(&id)
        .execute(&db)
        .await
        .unwrap();
    assert_eq!(watcher.send_refunds().await.unwrap().bumped, 1);
    // The pool loses the bump, and the first transaction is the one mined.
    let () = chain.provider.raw_request("anvil_dropAllTransactions".into(), ()).await.unwrap();
    let raw = alloy::hex::decode(&first_raw).unwrap();
    let _pending = chain.provider.send_raw_transaction(&raw).await.unwrap();
    automine(&chain, true).await;
    chain.mine(2).await;

    // Its nonce is used deep, the current transaction has no receipt: the earlier one is found
    // mined, nothing is signed again, and its log settles the refund.
    let round = watcher.send_refunds().await.unwrap();
    assert_eq!((round.replaced, round.bumped, round.sent), (0, 0, 0));
    chain.refunds_mined().await;
    watcher.catch_up().await.unwrap();
    assert_eq!(refund_row(&db, &id).await.0, "succeeded");
    assert_eq!(watcher.send_refunds().await.unwrap().replaced, 0);
    assert_eq!(eth_balance(&chain, chain.customer).await - before, U256::from(TEN_EUR_IN_WEI), "once");
}
