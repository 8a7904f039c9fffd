//! Buying with ETH and USDC: the quote in the buy response, on the confirmation and on the order
//! page, checked against a real contract on a real anvil: the signature is the operator's, the
//! amount is the price at the configured rate, and the wallet's transactions the server hands
//! out are accepted by the contract exactly as given.

use alloy::network::TransactionBuilder as _;
use alloy::primitives::{Address, B256, Bytes, U256};
use alloy::providers::{DynProvider, Provider as _};
use alloy::rpc::types::TransactionRequest;
use alloy::signers::local::PrivateKeySigner;
use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_contracts::anvil::Anvil;
use tessera_contracts::{Quote, Roles, TesseraPay, quote_digest};
use tessera_tests::{TestApp, sample_event};
use uuid::Uuid;

/// Anvil's dev account #0: deployer, owner and operator here.
pub(crate) const OPERATOR_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
/// Anvil's dev account #1: a customer's wallet.
pub(crate) const CUSTOMER_KEY: &str = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

/// A chain with our contract and a demo USDC on it, and an app configured to quote for them.
pub(crate) struct Chain {
    pub anvil: Anvil,
    pub contract: Address,
    pub usdc: Address,
    pub operator: DynProvider,
}

impl Chain {
    pub async fn start() -> Chain {
        Self::start_on(None).await
    }

    /// [`Chain::start`] on chain `chain_id` (anvil's 31337 when none).
    pub async fn start_on(chain_id: Option<u64>) -> Chain {
        let anvil = Anvil::start_on(chain_id);
        let operator = tessera_contracts::connect(&anvil.url, OPERATOR_KEY).unwrap();
        let me: PrivateKeySigner = OPERATOR_KEY.parse().unwrap();
        let contract = tessera_contracts::deploy(operator.clone(), Roles::all(me.address())).await.unwrap();
        let usdc = tessera_contracts::demo::deploy_token(operator.clone(), "USD Coin", "USDC").await.unwrap();
        TesseraPay::new(contract, &operator)
            .setTokenAllowed(usdc, true)
            .send()
            .await
            .unwrap()
            .get_receipt()
            .await
            .unwrap();
        Chain { anvil, contract, usdc, operator }
    }

    pub fn settings(&self) -> Vec<(&'static str, String)> {
        vec![
            ("TESSERA_ETH_RPC_URL", self.anvil.url.clone()),
            ("TESSERA_ETH_CONTRACT", format!("{:#x}", self.contract)),
            ("TESSERA_ETH_OPERATOR_KEY", OPERATOR_KEY.into()),
            ("TESSERA_ETH_RATES", "ETH/EUR=3000,USDC/EUR=0.92".into()),
            ("TESSERA_ETH_TOKENS", format!("USDC={:#x}", self.usdc)),
            ("TESSERA_ETH_CONFIRMATIONS", "2".into()),
            ("TESSERA_ETH_SANDBOX", "on".into()),
        ]
    }

    fn app(&self, db: PgPool) -> TestApp {
        let settings = self.settings();
        let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
        TestApp::with_settings(db, &settings)
    }
}

/// Buys `quantity` tickets at 10.00 EUR paying with `method`: (order, buyer, response body).
async fn buy(app: &TestApp, method: &str, quantity: i32, key: Option<&str>) -> (Uuid, String, Value) {
    let event = app
        .insert_event(&sample_event(&format!("eth-{}", Uuid::new_v4().simple()), "Fado em Ether", 20))
        .await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body = buy_as(app, &buyer, event, ticket_type, method, quantity, key).await;
    (body["order_id"].as_str().unwrap().parse().unwrap(), buyer, body)
}

pub(crate) async fn buy_as(
    app: &TestApp,
    buyer: &str,
    event: Uuid,
    ticket_type: Uuid,
    method: &str,
    quantity: i32,
    key: Option<&str>,
) -> Value {
    let body =
        json!({"items": [{"ticket_type_id": ticket_type, "quantity": quantity}], "payment_method": method});
    let mut headers = axum::http::HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    headers.insert("cookie", buyer.parse().unwrap());
    if let Some(key) = key {
        headers.insert("idempotency-key", key.parse().unwrap());
    }
    let response = app
        .send(axum::http::Method::POST, &format!("/api/events/{event}/buy"), headers, body.to_string().into())
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()
}

/// The contract's view of a quote in a buy response.
pub(crate) fn quote_of(payment: &Value) -> (Quote, Bytes) {
    let quote = Quote {
        orderId: payment["provider_ref"].as_str().unwrap().parse().unwrap(),
        token: payment["token"].as_str().unwrap().parse().unwrap(),
        amount: payment["amount"].as_str().unwrap().parse().unwrap(),
        deadline: U256::from(payment["deadline"].as_i64().unwrap()),
    };
    (quote, payment["signature"].as_str().unwrap().parse().unwrap())
}

/// Sends the wallet transactions of a buy response from the customer's account, as a wallet
/// would: exactly the `to`, `value` and `data` given.
pub(crate) async fn send_wallet_transactions(chain: &Chain, payment: &Value) -> Vec<B256> {
    let wallet = tessera_contracts::connect(&chain.anvil.url, CUSTOMER_KEY).unwrap();
    let mut hashes = Vec::new();
    for tx in payment["transactions"].as_array().unwrap() {
        let request = TransactionRequest::default()
            .with_to(tx["to"].as_str().unwrap().parse::<Address>().unwrap())
            .with_value(
                U256::from_str_radix(tx["value"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap(),
            )
            .with_input(tx["data"].as_str().unwrap().parse::<Bytes>().unwrap());
        let receipt = wallet.send_transaction(request).await.unwrap().get_receipt().await.unwrap();
        assert!(receipt.status(), "{} reverted", tx["step"]);
        hashes.push(receipt.transaction_hash);
    }
    hashes
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_eth_buy_returns_a_quote_the_contract_accepts_as_given(db: PgPool) {
    let chain = Chain::start().await;
    let app = chain.app(db);
    let (order, buyer, body) = buy(&app, "eth", 1, None).await;
    let payment = &body["payment"];

    assert_eq!(payment["method"], "eth");
    assert_eq!(payment["provider_ref"], tessera_core::order::eth::order_ref(order));
    assert_eq!(payment["contract"], format!("{:#x}", chain.contract));
    assert_eq!(payment["chain_id"], 31337);
    assert_eq!(payment["asset"], "ETH");
    assert_eq!(payment["token"], format!("{:#x}", Address::ZERO));
    assert_eq!(payment["decimals"], 18);
    // 10.00 EUR at 3000 EUR/ETH = 1/300 ETH, rounded up to eight decimals.
    assert_eq!(payment["amount"], "3333340000000000");
    assert_eq!(payment["amount_decimal"], "0.00333334");
    assert_eq!(payment["rate"], "3000");
    // Where to send the customer: the order page, which shows how to pay.
    let public = app.state.config.public_url.as_str().trim_end_matches('/');
    assert_eq!(payment["redirect_url"], format!("{public}/orders/{order}"));
    let expires_at: chrono::DateTime<chrono::Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(payment["deadline"], expires_at.timestamp());
    assert!(
        payment["payment_uri"]
            .as_str()
            .unwrap()
            .starts_with(&format!("ethereum:{:#x}@31337/payEth?", chain.contract))
    );
    assert!(payment["approve_uri"].is_null());

    // Signed by the operator, for this chain and this contract.
    let (quote, signature) = quote_of(payment);
    let signature = alloy::primitives::Signature::try_from(signature.as_ref()).unwrap();
    let signer =
        signature.recover_address_from_prehash(&quote_digest(31337, chain.contract, &quote)).unwrap();
    let operator: PrivateKeySigner = OPERATOR_KEY.parse().unwrap();
    assert_eq!(signer, operator.address());
    let on_chain =
        TesseraPay::new(chain.contract, &chain.operator).quoteDigest(quote.clone()).call().await.unwrap();
    assert_eq!(on_chain, quote_digest(31337, chain.contract, &quote));

    // One transaction, and the contract takes it.
    assert_eq!(payment["transactions"].as_array().unwrap().len(), 1);
    send_wallet_transactions(&chain, payment).await;
    let paid = TesseraPay::new(chain.contract, &chain.operator).payments(quote.orderId).call().await.unwrap();
    assert_eq!(U256::from(paid.amount), quote.amount);

    // The confirmation carries the same quote while the order waits.
    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(confirmation["payment"]["quote"]["amount"], payment["amount"]);
    assert_eq!(confirmation["payment"]["quote"]["signature"], payment["signature"]);
    assert_eq!(confirmation["payment"]["confirmations_required"], 2);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_usdc_buy_is_approved_then_paid_in_token_units(db: PgPool) {
    let chain = Chain::start().await;
    let app = chain.app(db);
    let (_, _, body) = buy(&app, "usdc", 2, None).await;
    let payment = &body["payment"];
    assert_eq!(payment["asset"], "USDC");
    assert_eq!(payment["token"], format!("{:#x}", chain.usdc));
    assert_eq!(payment["decimals"], 6);
    // 20.00 EUR at 0.92 EUR/USDC = 21.739130434... USDC, rounded up to the unit.
    assert_eq!(payment["amount"], "21739131");
    let steps: Vec<&str> =
        payment["transactions"].as_array().unwrap().iter().map(|t| t["step"].as_str().unwrap()).collect();
    assert_eq!(steps, ["approve", "pay"]);

    // The customer holds the tokens; approve and pay exactly as handed out.
    let customer: PrivateKeySigner = CUSTOMER_KEY.parse().unwrap();
    tessera_contracts::demo::MockERC20::new(chain.usdc, &chain.operator)
        .mint(customer.address(), U256::from(21_739_131u64))
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    send_wallet_transactions(&chain, payment).await;
    let (quote, _) = quote_of(payment);
    let paid = TesseraPay::new(chain.contract, &chain.operator).payments(quote.orderId).call().await.unwrap();
    assert_eq!((paid.token, U256::from(paid.amount)), (chain.usdc, quote.amount));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_retried_buy_gets_the_same_quote_and_the_methods_are_offered(db: PgPool) {
    let chain = Chain::start().await;
    let app = chain.app(db);
    let event = app.insert_event(&sample_event("eth-retry", "Retry", 20)).await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let options = app.get_with_cookie(&format!("/api/events/{event}/buy"), &buyer).await.json();
    assert_eq!(options["payment_methods"], json!(["card", "eth", "usdc"]));

    let first = buy_as(&app, &buyer, event, ticket_type, "eth", 1, Some("k-1")).await;
    let again = buy_as(&app, &buyer, event, ticket_type, "eth", 1, Some("k-1")).await;
    assert_eq!(first["order_id"], again["order_id"]);
    assert_eq!(first["payment"], again["payment"]);
    let quotes: i64 = sqlx::query_scalar("select count(*) from eth_quote").fetch_one(&app.db).await.unwrap();
    assert_eq!(quotes, 1);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn no_node_or_no_rate_releases_the_tickets_with_a_clear_error(db: PgPool) {
    let chain = Chain::start().await;
    let mut settings = chain.settings();
    // A port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    settings[0].1 = format!("http://{closed}");
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::with_settings(db.clone(), &settings);
    let event = app.insert_event(&sample_event("eth-down", "Down", 20)).await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body = json!({"items": [{"ticket_type_id": ticket_type, "quantity": 2}], "payment_method": "eth"});
    let response = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await;
    assert_eq!(response.status, StatusCode::BAD_GATEWAY, "{}", response.text());
    assert_eq!(app.stock(ticket_type).await, (0, 0), "the hold was released");

    // A price in a currency the rate table does not know.
    let app = chain.app(db);
    let mut usd = sample_event("eth-usd", "Dollars", 20);
    usd.fields.currency = "USD".parse().unwrap();
    let event = app.insert_event(&usd).await;
    let ticket_type = app.ticket_types(event).await[0];
    let body = json!({"items": [{"ticket_type_id": ticket_type, "quantity": 1}], "payment_method": "eth"});
    let response = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", response.text());
    assert_eq!(response.json()["error"]["code"], "payment_rejected");
    assert!(response.text().contains("USD cannot be paid in ETH"), "{}", response.text());
    assert_eq!(app.stock(ticket_type).await, (0, 0));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_order_page_shows_how_to_pay_and_the_sandbox_pays_from_a_dev_account(db: PgPool) {
    let chain = Chain::start().await;
    let app = chain.app(db);
    let (order, buyer, body) = buy(&app, "usdc", 1, None).await;
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Pay 10.869566 USDC"), "{html}");
    assert!(html.contains("Rate: 1 USDC = 0.92 EUR, quoted <time"), "the rate and its time: {html}");
    // The fee to expect on top: an approval and a payment at the chain's gas price, in ETH.
    let fee = html.split("Network fee: about ").nth(1).expect("a network fee").split(',').next().unwrap();
    assert!(fee.starts_with("0.") && fee.ends_with(" ETH"), "{fee}");
    assert!(html.contains(&format!("{:#x}", chain.contract)));
    assert!(html.contains(&format!("{:#x}", chain.usdc)));
    let uri = body["payment"]["payment_uri"].as_str().unwrap();
    assert!(html.contains(&format!("href=\"{}\"", uri.replace('&', "&#38;"))), "the EIP-681 link: {html}");
    assert!(html.contains("<svg class=\"qr\""), "the QR code");
    assert!(html.contains("data-wallet-pay") && html.contains("data-chain-id=\"0x7a69\""));
    assert!(html.contains(tessera_web::assets::wallet_script_href()));
    assert!(html.contains("Pay from an anvil dev account"));
    assert!(
        !html.contains("<a class=\"button\" href=\"http"),
        "no checkout link: the quote is paid from here"
    );

    // The sandbox button: a real payment from a dev account, of exactly the quote.
    let csrf_cookie = page.cookie("tessera_csrf").expect("a CSRF cookie");
    let token = html.split("name=\"csrf_token\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let cookie = format!("{buyer}; {csrf_cookie}");
    let response = app
        .post_form(&format!("/sandbox/eth/orders/{order}/pay"), &[("csrf_token", token)], Some(&cookie))
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.text());
    let (quote, _) = quote_of(&body["payment"]);
    // The button sends the payment and does not wait for its block (the page follows it).
    let contract = TesseraPay::new(chain.contract, &chain.operator);
    let mut paid = contract.payments(quote.orderId).call().await.unwrap();
    for _ in 0..100 {
        if paid.amount != 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        paid = contract.payments(quote.orderId).call().await.unwrap();
    }
    assert_eq!((paid.token, U256::from(paid.amount)), (chain.usdc, quote.amount));

    // Someone else's order is not theirs to pay.
    let stranger = format!("{}; {csrf_cookie}", app.customer().await);
    let response = app
        .post_form(&format!("/sandbox/eth/orders/{order}/pay"), &[("csrf_token", token)], Some(&stranger))
        .await;
    assert_ne!(response.status, StatusCode::SEE_OTHER);
}

/// An EIP-681 URI taken apart: the address, the chain id, the function and its typed arguments
/// in order (`value` aside).
fn eip681(uri: &str) -> (Address, u64, String, Vec<(String, String)>, Option<U256>) {
    let rest = uri.strip_prefix("ethereum:").expect("an ethereum: URI");
    let (target, query) = rest.split_once('?').expect("arguments");
    let (address_chain, function) = target.split_once('/').expect("a function");
    let (address, chain) = address_chain.split_once('@').expect("a chain id");
    let mut args = Vec::new();
    let mut value = None;
    for pair in query.split('&') {
        let (kind, raw) = pair.split_once('=').expect("type=value");
        if kind == "value" {
            value = Some(raw.parse().unwrap());
        } else {
            args.push((kind.to_string(), raw.to_string()));
        }
    }
    (address.parse().unwrap(), chain.parse().unwrap(), function.to_string(), args, value)
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_payment_links_pay_as_a_wallet_app_would_read_them(db: PgPool) {
    let chain = Chain::start().await;
    let app = chain.app(db);
    let wallet = tessera_contracts::connect(&chain.anvil.url, CUSTOMER_KEY).unwrap();
    let pay = TesseraPay::new(chain.contract, &wallet);

    // ETH: payEth(bytes32 orderId, uint256 deadline, bytes signature) with the amount as value.
    let (_, _, body) = buy(&app, "eth", 1, None).await;
    let (to, chain_id, function, args, value) = eip681(body["payment"]["payment_uri"].as_str().unwrap());
    assert_eq!((to, chain_id, function.as_str()), (chain.contract, 31337, "payEth"));
    let kinds: Vec<&str> = args.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["bytes32", "uint256", "bytes"]);
    let receipt = pay
        .payEth(args[0].1.parse().unwrap(), args[1].1.parse().unwrap(), args[2].1.parse().unwrap())
        .value(value.expect("the amount as value"))
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    let (quote, _) = quote_of(&body["payment"]);
    assert_eq!(U256::from(pay.payments(quote.orderId).call().await.unwrap().amount), quote.amount);

    // USDC: approve(address spender, uint256 amount) on the token, then payTokenWith.
    let (_, _, body) = buy(&app, "usdc", 1, None).await;
    let customer: PrivateKeySigner = CUSTOMER_KEY.parse().unwrap();
    let (quote, _) = quote_of(&body["payment"]);
    tessera_contracts::demo::MockERC20::new(chain.usdc, &chain.operator)
        .mint(customer.address(), quote.amount)
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let (token, _, function, args, _) = eip681(body["payment"]["approve_uri"].as_str().unwrap());
    assert_eq!((token, function.as_str()), (chain.usdc, "approve"));
    let usdc = tessera_contracts::demo::MockERC20::new(token, &wallet);
    usdc.approve(args[0].1.parse().unwrap(), args[1].1.parse().unwrap())
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    let (to, _, function, args, value) = eip681(body["payment"]["payment_uri"].as_str().unwrap());
    assert_eq!((to, function.as_str(), value), (chain.contract, "payTokenWith", None));
    let receipt = pay
        .payTokenWith(
            args[0].1.parse().unwrap(),
            args[1].1.parse().unwrap(),
            args[2].1.parse().unwrap(),
            args[3].1.parse().unwrap(),
            args[4].1.parse().unwrap(),
        )
        .send()
        .await
        .unwrap()
        .get_receipt()
        .await
        .unwrap();
    assert!(receipt.status());
    assert_eq!(U256::from(pay.payments(quote.orderId).call().await.unwrap().amount), quote.amount);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_quote_lives_at_most_its_configured_time_even_when_holds_are_longer(db: PgPool) {
    let chain = Chain::start().await;
    let mut settings = chain.settings();
    settings.push(("TESSERA_HOLD_MINUTES", "120".into()));
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::with_settings(db, &settings);
    let minutes_left = |body: &Value| {
        let expires_at: chrono::DateTime<chrono::Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
        (expires_at - chrono::Utc::now()).num_seconds() as f64 / 60.0
    };

    // An ETH order is held as long as its quote holds (30 minutes by default), not two hours:
    // the contract refuses the quote after its deadline, so a longer hold would pay nothing.
    let (_, _, body) = buy(&app, "eth", 1, None).await;
    let left = minutes_left(&body);
    assert!((29.0..=30.0).contains(&left), "{left} minutes");
    let expires_at: chrono::DateTime<chrono::Utc> = body["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(body["payment"]["deadline"], expires_at.timestamp());

    // A card order keeps the whole hold: its price is in euros.
    let (_, _, card) = buy(&app, "card", 1, None).await;
    let left = minutes_left(&card);
    assert!((119.0..=120.0).contains(&left), "{left} minutes");

    // Both are said before buying.
    let event = app.insert_event(&sample_event("quote-life", "Fado em Ether", 20)).await;
    let buyer = app.customer().await;
    let options = app.get_with_cookie(&format!("/api/events/{event}/buy"), &buyer).await.json();
    assert_eq!(options["hold_minutes"], 120);
    assert_eq!(options["quote_minutes"], 30);
    let page = app.get_with_cookie("/events/quote-life/buy", &buyer).await.text();
    assert!(page.contains("held for 120 minutes while you pay (30 minutes in crypto"), "{page}");
}

/// Checks `instance` against schema `name` of our own OpenAPI document.
async fn check_against_our_openapi(app: &TestApp, name: &str, instance: &Value) {
    let mut root = app.get("/api/openapi.json").await.json();
    root["$ref"] = json!(format!("#/components/schemas/{name}"));
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap_or_else(|err| panic!("schema {name}: {err}"));
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{instance}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn buy_responses_of_every_method_match_the_openapi_document(db: PgPool) {
    let chain = Chain::start().await;
    let app = chain.app(db);
    for method in ["eth", "usdc", "card"] {
        let (order, buyer, body) = buy(&app, method, 1, None).await;
        check_against_our_openapi(&app, "BuyResponse", &body).await;
        let confirmation =
            app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
        check_against_our_openapi(&app, "Confirmation", &confirmation).await;
        if method == "card" {
            assert!(body["payment"].get("contract").is_none(), "no quote fields for a card: {body}");
        }
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_quote_left_for_the_card_still_pays_the_order_once_if_it_is_paid(db: PgPool) {
    let chain = Chain::start().await;
    let app = chain.app(db);
    let (order, buyer, body) = buy(&app, "eth", 1, None).await;
    let moved = app
        .post_json(
            &format!("/api/orders/{order}/payment-method"),
            json!({"payment_method": "card"}),
            Some(&buyer),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let moved = moved.json();
    assert_eq!(moved["payment"]["method"], "card");
    let session = moved["payment"]["provider_ref"].as_str().unwrap().to_string();
    // A signed quote cannot be withdrawn: no other Ethereum asset for this order.
    let refused = app
        .post_json(
            &format!("/api/orders/{order}/payment-method"),
            json!({"payment_method": "usdc"}),
            Some(&buyer),
        )
        .await;
    assert_eq!(
        (refused.status, refused.json()["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("already_quoted"))
    );

    // The wallet pays the quote left behind anyway. Seen, it holds nothing up (the order waits
    // on the card); confirmed, it is the order's money and pays it.
    send_wallet_transactions(&chain, &body["payment"]).await;
    let settings = app.state.eth_settings.as_ref().unwrap();
    let watcher =
        tessera_chain_watcher::eth::EthWatcher::new(app.db.clone(), settings, settings.primary()).unwrap();
    watcher.catch_up().await.unwrap();
    let seen = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(
        (seen["status"].as_str(), seen["payment"]["detected"].as_bool()),
        (Some("pending_payment"), Some(false)),
        "{seen}"
    );
    let _: serde_json::Value =
        chain.operator.raw_request("anvil_mine".into(), (U256::from(2),)).await.unwrap();
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");

    // The card checkout is paid too: a duplicate, due back.
    let late = app
        .stripe_event(&tessera_tests::checkout_event(
            "checkout.session.completed",
            &session,
            order,
            1000,
            "paid",
        ))
        .await;
    assert_eq!(late.status, StatusCode::OK, "{}", late.text());
    let card: (String, Option<String>) = sqlx::query_as(
        "select status, refund_reason from payment where order_id = $1 and provider = 'stripe' and provider_ref = $2",
    )
    .bind(order)
    .bind(&session)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((card.0.as_str(), card.1.as_deref()), ("refund_due", Some("duplicate_payment")));
    let announced: i64 = sqlx::query_scalar("select count(*) from outbox where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(announced, 1);
}
