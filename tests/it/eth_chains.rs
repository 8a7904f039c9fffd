//! Stablecoins and ETH on several chains at once: two real anvils with different chain ids, our
//! contract and a demo USDC on each, one app configured for both (`TESSERA_ETH_CHAINS`) and a
//! watcher per chain. The buyer picks the chain, the quote binds it, each chain's payments pay
//! their orders, a reorg on one chain leaves the other paying, and money sent on the wrong chain
//! never pays an order twice.

use alloy::primitives::{Address, U256};
use alloy::providers::Provider as _;
use alloy::signers::local::PrivateKeySigner;
use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_chain_watcher::eth::EthWatcher;
use tessera_contracts::TesseraPay;
use tessera_tests::{TestApp, TestResponse, sample_event};
use uuid::Uuid;

use crate::eth_orders::{CUSTOMER_KEY, Chain, send_wallet_transactions};

/// The second chain's id: a local one (as anvil's 31337 is), apart from the first.
const L2: u64 = 1337;

/// Two chains and an app taking ETH and USDC on both: the first (31337) by default, the second
/// as `L2`, named "Local L2".
async fn two_chains(db: PgPool) -> (Chain, Chain, TestApp) {
    let (l1, l2) = (Chain::start().await, Chain::start_on(Some(L2)).await);
    let app = app_on(db, &l1, &l2, &format!("USDC={:#x}", l2.usdc));
    (l1, l2, app)
}

/// The app for two chains, the second taking `l2_tokens` (`SYMBOL=0x…,…`).
fn app_on(db: PgPool, l1: &Chain, l2: &Chain, l2_tokens: &str) -> TestApp {
    let mut settings = l1.settings();
    settings.retain(|(name, _)| *name != "TESSERA_ETH_RATES");
    settings.push(("TESSERA_ETH_RATES", "ETH/EUR=3000,USDC/EUR=0.92,USDT/EUR=0.92".to_string()));
    settings.extend([
        ("TESSERA_ETH_CHAIN_ID", "31337".to_string()),
        ("TESSERA_ETH_CHAINS", "l2".to_string()),
        ("TESSERA_ETH_L2_RPC_URL", l2.anvil.url.clone()),
        ("TESSERA_ETH_L2_CONTRACT", format!("{:#x}", l2.contract)),
        ("TESSERA_ETH_L2_CHAIN_ID", L2.to_string()),
        ("TESSERA_ETH_L2_TOKENS", l2_tokens.to_string()),
        ("TESSERA_ETH_L2_CONFIRMATIONS", "2".to_string()),
        ("TESSERA_ETH_L2_NAME", "Local L2".to_string()),
    ]);
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    TestApp::with_settings(db, &settings)
}

/// A watcher per configured chain, the first chain's first.
fn watchers(app: &TestApp) -> Vec<EthWatcher> {
    let settings = app.state.eth_settings.as_ref().unwrap();
    settings.chains.iter().map(|chain| EthWatcher::new(app.db.clone(), settings, chain).unwrap()).collect()
}

/// An event with €10 tickets, one of its ticket types and a buyer.
async fn event(app: &TestApp) -> (Uuid, Uuid, String) {
    let event = app
        .insert_event(&sample_event(&format!("chains-{}", Uuid::new_v4().simple()), "Fado em dois elos", 20))
        .await;
    let ticket_type = app.ticket_types(event).await[0];
    (event, ticket_type, app.customer().await)
}

/// `POST /api/events/{event}/buy` of one ticket with `method`, on `chain` when given.
async fn buy(
    app: &TestApp,
    (event, ticket_type, buyer): &(Uuid, Uuid, String),
    method: &str,
    chain: Option<u64>,
) -> (StatusCode, Value) {
    let mut body =
        json!({"items": [{"ticket_type_id": ticket_type, "quantity": 1}], "payment_method": method});
    if let Some(chain) = chain {
        body["chain_id"] = json!(chain);
    }
    let response = post(app, &format!("/api/events/{event}/buy"), buyer, None, body).await;
    (response.status, response.json())
}

/// `POST path` with a JSON `body`, as `cookie`, with an `Idempotency-Key` when given.
async fn post(app: &TestApp, path: &str, cookie: &str, key: Option<&str>, body: Value) -> TestResponse {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    headers.insert("cookie", cookie.parse().unwrap());
    if let Some(key) = key {
        headers.insert("idempotency-key", key.parse().unwrap());
    }
    app.send(axum::http::Method::POST, path, headers, body.to_string().into()).await
}

/// The contract logs recorded, on every chain: (chain, order, outcome).
async fn receipts(db: &PgPool) -> Vec<(i64, Option<Uuid>, String)> {
    sqlx::query_as("select chain_id, order_id, outcome from eth_receipt order by chain_id")
        .fetch_all(db)
        .await
        .unwrap()
}

/// Gives the customer `amount` of a demo `token` of the chain (USDC or USDT: they mint alike).
async fn fund(chain: &Chain, token: Address, amount: &str) {
    let customer: PrivateKeySigner = CUSTOMER_KEY.parse().unwrap();
    tessera_contracts::demo::MockERC20::new(token, &chain.operator)
        .mint(customer.address(), amount.parse::<U256>().unwrap())
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
}

async fn mine(chain: &Chain, blocks: u64) {
    let () = chain.operator.raw_request("anvil_mine".into(), (U256::from(blocks),)).await.unwrap();
}

fn order_id(body: &Value) -> Uuid {
    body["order_id"].as_str().unwrap().parse().unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_buyer_picks_the_chain_the_quote_binds_it_and_each_chain_pays_its_own_orders(db: PgPool) {
    let (l1, l2, app) = two_chains(db.clone()).await;
    let ctx = event(&app).await;

    // What can be bought says which chains take what.
    let options = app.get_with_cookie(&format!("/api/events/{}/buy", ctx.0), &ctx.2).await.json();
    assert_eq!(
        options["payment_chains"],
        json!([
            {"chain_id": 31337, "default": true, "name": "a local test chain", "assets": ["ETH", "USDC"]},
            {"chain_id": L2, "default": false, "name": "Local L2", "assets": ["ETH", "USDC"]},
        ])
    );
    // The checkout form offers each asset on each chain.
    let slug: String = sqlx::query_scalar("select slug from event where event_id = $1")
        .bind(ctx.0)
        .fetch_one(&db)
        .await
        .unwrap();
    let form = app.get_with_cookie(&format!("/events/{slug}/buy"), &ctx.2).await.text();
    assert!(form.contains("value=\"usdc@1337\"") && form.contains("USDC on Local L2"), "{form}");
    assert!(form.contains("value=\"eth\"") && form.contains("Ether on a local test chain"), "{form}");

    let (status, on_l2) = buy(&app, &ctx, "usdc", Some(L2)).await;
    assert_eq!(status, StatusCode::CREATED, "{on_l2}");
    let (status, on_l1) = buy(&app, &ctx, "eth", None).await;
    assert_eq!(status, StatusCode::CREATED, "{on_l1}");
    let (p2, p1) = (&on_l2["payment"], &on_l1["payment"]);
    assert_eq!(
        (p2["chain_id"].as_u64(), p2["contract"].as_str()),
        (Some(L2), Some(format!("{:#x}", l2.contract).as_str()))
    );
    assert_eq!(p2["token"], format!("{:#x}", l2.usdc));
    assert!(p2["payment_uri"].as_str().unwrap().contains(&format!("@{L2}/payTokenWith?")));
    assert_eq!(
        (p1["chain_id"].as_u64(), p1["contract"].as_str()),
        (Some(31337), Some(format!("{:#x}", l1.contract).as_str()))
    );
    // A quote in ETH prices its network fee in euros too, at its own rate.
    let page = app.get_with_cookie(&format!("/orders/{}", order_id(&on_l1)), &ctx.2).await.text();
    assert!(page.contains(" ETH (≈ €"), "{page}");
    let page = app.get_with_cookie(&format!("/orders/{}", order_id(&on_l2)), &ctx.2).await.text();
    assert!(page.contains("Local L2 (chain id 1337)") && page.contains("data-chain-id=\"0x539\""), "{page}");

    // Each is paid on its own chain, exactly as handed out.
    fund(&l2, l2.usdc, p2["amount"].as_str().unwrap()).await;
    send_wallet_transactions(&l2, p2).await;
    send_wallet_transactions(&l1, p1).await;
    mine(&l1, 2).await;
    mine(&l2, 2).await;
    for watcher in watchers(&app) {
        watcher.catch_up().await.unwrap();
    }
    assert_eq!(app.order_status(order_id(&on_l2)).await, "paid");
    assert_eq!(app.order_status(order_id(&on_l1)).await, "paid");
    assert_eq!(
        receipts(&db).await,
        [
            (L2 as i64, Some(order_id(&on_l2)), "paid".to_string()),
            (31337, Some(order_id(&on_l1)), "paid".to_string())
        ]
    );
    // Finance and analytics tell the chains apart: every receipt names its chain, and USDC on
    // the second chain is a total of its own.
    let admin = app.sign_in(true).await;
    let ledger = app.get_with_cookie("/api/admin/reconciliation", &admin).await.json();
    let mut rows: Vec<(String, i64)> = ledger["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["asset"].as_str().unwrap().to_string(), r["chain_id"].as_i64().unwrap()))
        .collect();
    rows.sort();
    assert_eq!(rows, [("ETH".to_string(), 31337), ("USDC".to_string(), L2 as i64)]);
    let totals: Vec<(String, i64)> = ledger["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["asset"].as_str().unwrap().to_string(), t["chain_id"].as_i64().unwrap()))
        .collect();
    assert_eq!(totals, [("ETH".to_string(), 31337), ("USDC".to_string(), L2 as i64)]);
    let finance = app.get_with_cookie("/admin/finance", &admin).await.text();
    assert!(finance.contains("on Local L2"), "{finance}");
    let csv = app.get_with_cookie("/admin/finance?format=csv", &admin).await.text();
    assert!(csv.lines().next().unwrap().ends_with(",chain_id") && csv.contains(",1337\r\n"), "{csv}");
    let analytics = app.get_with_cookie("/api/admin/analytics", &admin).await.json();
    let received: Vec<(String, Option<i64>)> = analytics["received"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["asset"].as_str().unwrap().to_string(), r["chain_id"].as_i64()))
        .collect();
    assert_eq!(
        received,
        [("ETH".to_string(), Some(31337)), ("USDC".to_string(), Some(L2 as i64))],
        "{analytics}"
    );

    // Each chain's watcher has its own cursor.
    let cursors: i64 =
        sqlx::query_scalar("select count(distinct chain_id) from eth_cursor").fetch_one(&db).await.unwrap();
    assert_eq!(cursors, 2);

    // A chain that is not configured, or a chain for a method that takes none, is refused.
    let (status, refused) = buy(&app, &ctx, "usdc", Some(10)).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("chain_unavailable"))
    );
    assert_eq!(refused["error"]["field"], "chain_id");
    let (status, refused) = buy(&app, &ctx, "card", Some(L2)).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("chain_unavailable"))
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_reorg_on_one_chain_rolls_back_its_payment_while_the_other_chain_keeps_paying(db: PgPool) {
    let (l1, l2, app) = two_chains(db.clone()).await;
    let ctx = event(&app).await;
    let (_, on_l1) = buy(&app, &ctx, "eth", None).await;
    let (_, on_l2) = buy(&app, &ctx, "eth", Some(L2)).await;
    send_wallet_transactions(&l1, &on_l1["payment"]).await;
    send_wallet_transactions(&l2, &on_l2["payment"]).await;
    let watchers = watchers(&app);
    for watcher in &watchers {
        watcher.step().await.unwrap();
    }
    let detected: Vec<bool> = sqlx::query_scalar(
        "select payment_detected from customer_order where order_id = any($1) order by order_id",
    )
    .bind(vec![order_id(&on_l1), order_id(&on_l2)])
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(detected, [true, true], "both seen, neither deep enough");

    // The first chain replaces the payment's block with an empty one; the second goes on.
    let () =
        l1.operator.raw_request("anvil_reorg".into(), (1u64, Vec::<(String, u64)>::new())).await.unwrap();
    assert_eq!(watchers[0].step().await.unwrap().reorged, 1);
    mine(&l1, 3).await;
    mine(&l2, 3).await;
    for watcher in &watchers {
        watcher.catch_up().await.unwrap();
    }
    assert_eq!(app.order_status(order_id(&on_l2)).await, "paid", "the other chain pays on");
    assert_eq!(app.order_status(order_id(&on_l1)).await, "pending_payment", "its payment is gone");
    let statuses: Vec<(i64, String)> =
        sqlx::query_as("select chain_id, status from eth_receipt order by chain_id")
            .fetch_all(&db)
            .await
            .unwrap();
    assert_eq!(statuses, [(L2 as i64, "confirmed".to_string()), (31337, "reorged".to_string())]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn money_sent_on_the_wrong_chain_is_recorded_there_for_refund_and_never_pays_twice(db: PgPool) {
    let (l1, l2, app) = two_chains(db.clone()).await;
    let ctx = event(&app).await;
    let (_, bought) = buy(&app, &ctx, "eth", None).await;
    let order = order_id(&bought);
    let payment = &bought["payment"];
    send_wallet_transactions(&l1, payment).await;

    // The same order paid to our contract on the other chain (a quote our operator key signed
    // for it: the contract checks the chain, so nothing less gets through).
    let (quote, _) = crate::eth_orders::quote_of(payment);
    let operator: PrivateKeySigner = crate::eth_orders::OPERATOR_KEY.parse().unwrap();
    let signature = tessera_contracts::sign_quote(&operator, L2, l2.contract, &quote).unwrap();
    let customer = tessera_contracts::connect(&l2.anvil.url, CUSTOMER_KEY).unwrap();
    TesseraPay::new(l2.contract, &customer)
        .pay(quote.clone(), signature)
        .value(quote.amount)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    mine(&l1, 2).await;
    mine(&l2, 2).await;
    for watcher in watchers(&app) {
        watcher.catch_up().await.unwrap();
    }

    assert_eq!(app.order_status(order).await, "paid");
    let delivered: i64 = sqlx::query_scalar("select count(*) from outbox where order_id = $1")
        .bind(order)
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(delivered, 1, "paid once");
    assert_eq!(
        receipts(&db).await,
        [(L2 as i64, None, "orphan".to_string()), (31337, Some(order), "paid".to_string())],
        "the other chain's money pays for nothing"
    );

    // Finance finds it due back, on its chain, and asks for it: the refund is of that chain's
    // payment (which that chain's watcher sends).
    let admin = app.sign_in(true).await;
    let refunds = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    let orphan = &refunds["eth_orphans"][0];
    assert_eq!((orphan["chain_id"].as_u64(), orphan["asset"].as_str()), (Some(L2), Some("ETH")));
    assert_eq!(orphan["amount"], quote.amount.to_string());
    let id = orphan["eth_receipt_id"].as_str().unwrap();
    let path = format!("/api/admin/eth-receipts/{id}/refund");
    let asked = post(&app, &path, &admin, Some("wrong-chain-refund"), Value::Null).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    let refund_chain: i64 = sqlx::query_scalar(
        "select e.chain_id from refund r join eth_receipt e using (eth_receipt_id) where r.rail = 'eth'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(refund_chain, L2 as i64);

    // The order's own refund is of its own chain's payment, never of the other chain's log that
    // names it.
    let mut conn = db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    drop(conn);
    let path = format!("/api/admin/orders/{order}/refunds");
    let asked = post(&app, &path, &admin, Some("order-refund"), json!({})).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    let refunded_on: Vec<(i64, String)> = sqlx::query_as(
        "select e.chain_id, r.amount::text from refund r join eth_receipt e using (eth_receipt_id)
         where r.order_id = $1",
    )
    .bind(order)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(refunded_on, [(31337, quote.amount.to_string())]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_card_order_switches_to_usdc_on_the_second_chain_and_keeps_that_quote(db: PgPool) {
    let (_l1, l2, app) = two_chains(db.clone()).await;
    let ctx = event(&app).await;
    let (status, bought) = buy(&app, &ctx, "card", None).await;
    assert_eq!(status, StatusCode::CREATED, "{bought}");
    let order = order_id(&bought);
    let switch = |method: &'static str, chain: Option<u64>| {
        let mut body = json!({"payment_method": method});
        if let Some(chain) = chain {
            body["chain_id"] = json!(chain);
        }
        let (app, buyer) = (&app, ctx.2.clone());
        async move {
            let response =
                app.post_json(&format!("/api/orders/{order}/payment-method"), body, Some(&buyer)).await;
            (response.status, response.json())
        }
    };

    let (status, switched) = switch("usdc", Some(L2)).await;
    assert_eq!(status, StatusCode::OK, "{switched}");
    let quote = &switched["payment"]["quote"];
    assert_eq!((quote["chain_id"].as_u64(), quote["asset"].as_str()), (Some(L2), Some("USDC")));
    assert_eq!(quote["contract"], format!("{:#x}", l2.contract));

    // A signed quote cannot be withdrawn: the same asset on the other chain is refused, and
    // the same choice again changes nothing.
    let (status, refused) = switch("usdc", None).await;
    assert_eq!((status, refused["error"]["code"].as_str()), (StatusCode::CONFLICT, Some("already_quoted")));
    let (status, again) = switch("usdc", Some(L2)).await;
    assert_eq!((status, again["payment"]["quote"]["chain_id"].as_u64()), (StatusCode::OK, Some(L2)));
    // A chain that is not configured is refused before anything changes.
    let (status, refused) = switch("eth", Some(10)).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("chain_unavailable"))
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn usdt_whose_transfers_return_nothing_is_quoted_and_paid_on_the_chain_that_takes_it(db: PgPool) {
    let (l1, l2) = (Chain::start().await, Chain::start_on(Some(L2)).await);
    let usdt = tessera_contracts::demo::deploy_usdt(l2.operator.clone()).await.unwrap();
    TesseraPay::new(l2.contract, &l2.operator)
        .setTokenAllowed(usdt, true)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let app = app_on(db.clone(), &l1, &l2, &format!("USDC={:#x},USDT={usdt:#x}", l2.usdc));
    let ctx = event(&app).await;

    // Only the second chain takes it: offered there, refused on the first.
    let options = app.get_with_cookie(&format!("/api/events/{}/buy", ctx.0), &ctx.2).await.json();
    assert!(options["payment_methods"].as_array().unwrap().contains(&json!("usdt")), "{options}");
    let (status, refused) = buy(&app, &ctx, "usdt", None).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("chain_unavailable"))
    );

    let (status, bought) = buy(&app, &ctx, "usdt", Some(L2)).await;
    assert_eq!(status, StatusCode::CREATED, "{bought}");
    let payment = &bought["payment"];
    // 10.00 EUR at 0.92 EUR/USDT, in the token's 6 decimals (read from the token).
    assert_eq!((payment["asset"].as_str(), payment["amount"].as_str()), (Some("USDT"), Some("10869566")));
    fund(&l2, usdt, "10869566").await;
    // The wallet's approve and payToken, exactly as handed out, though the token returns nothing.
    send_wallet_transactions(&l2, payment).await;
    mine(&l2, 2).await;
    for watcher in watchers(&app) {
        watcher.catch_up().await.unwrap();
    }
    assert_eq!(app.order_status(order_id(&bought)).await, "paid");
    let receipt: (String, String) =
        sqlx::query_as("select token, amount::text from eth_receipt").fetch_one(&db).await.unwrap();
    assert_eq!(receipt, (format!("{usdt:#x}"), "10869566".to_string()));
}
