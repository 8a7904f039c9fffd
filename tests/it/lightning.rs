//! Bitcoin over Lightning end to end, through the BTCPay sandbox: our production client,
//! webhook handler and poller against its Greenfield API over real HTTP (its answers checked
//! against the vendor's schemas), the payment request shown on the order page, the receipt
//! recorded for finance by payment hash in millisatoshis, and the edges: expired, paid late
//! with tickets left or sold out, reported twice.

use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_payments::btcpay::bolt11;
use tessera_tests::btcpay_spec::BtcPaySpec;
use tessera_tests::{TestApp, sample_event};
use uuid::Uuid;

use super::btcpay_sandbox::{click, confirmation, greenfield, sandbox_key, sandboxed, wait_for};

/// A Lightning order for one ticket at 10.00 (an event of `capacity`): (order, invoice, buyer,
/// the buy's answer, the event).
async fn bought(app: &TestApp, capacity: i32) -> (Uuid, String, String, Value, Uuid) {
    let mut event = sample_event(&format!("ln-{}", Uuid::new_v4().simple()), "Fado em Lightning", 20);
    event.fields.ticket_types[0].capacity = capacity;
    let event = app.insert_event(&event).await;
    let (order, invoice, buyer, body) = buy(app, event).await;
    (order, invoice, buyer, body, event)
}

async fn buy(app: &TestApp, event: Uuid) -> (Uuid, String, String, Value) {
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body =
        json!({"items": [{"ticket_type_id": ticket_type, "quantity": 1}], "payment_method": "lightning"});
    let response = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let body = response.json();
    let order = body["order_id"].as_str().unwrap().parse().unwrap();
    let invoice = body["payment"]["provider_ref"].as_str().unwrap().to_string();
    (order, invoice, buyer, body)
}

/// The payment request the order's buyer was given.
fn request_of(bought: &Value) -> String {
    bought["payment"]["payment_request"]
        .as_str()
        .expect("a Lightning order has a payment request")
        .to_string()
}

async fn receipts(app: &TestApp, order: Uuid) -> Vec<(String, Option<String>, Option<i64>, i64, String)> {
    sqlx::query_as(
        "select rail, payment_hash, amount_msat, amount_sat, status from btc_receipt where order_id = $1",
    )
    .bind(order)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_lightning_order_shows_its_request_and_is_paid_the_moment_it_settles(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer, body, event) = bought(&app, 20).await;
    let options = app.get_with_cookie(&format!("/api/events/{event}/buy"), &buyer).await.json();
    assert_eq!(options["payment_methods"], json!(["card", "btc", "lightning"]), "{options}");

    // The buyer pays on our order page: the request expires with the hold (never after it),
    // asks exactly the invoice's amount, and is for the store's network.
    let public = app.state.config.public_url.as_str().trim_end_matches('/').to_string();
    assert_eq!(body["payment"]["redirect_url"], format!("{public}/orders/{order}"));
    let request = request_of(&body);
    let parsed = bolt11::parse(&request).unwrap();
    assert_eq!(parsed.currency, "bcrt", "a regtest request: {request}");
    // 10.00 EUR at the sandbox's 55,000.00 a bitcoin: 18,182 sats, rounded up.
    assert_eq!(parsed.amount_msat, Some(18_182_000));
    let hold_ends = chrono::DateTime::parse_from_rfc3339(body["expires_at"].as_str().unwrap()).unwrap();
    assert!(parsed.expires_at() as i64 <= hold_ends.timestamp(), "the request never outlives the hold");
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains(&format!("href=\"lightning:{request}\"")), "a lightning: link: {page}");
    assert!(page.contains("<svg") && page.contains("18182 sats"), "a QR code and the amount: {page}");
    // The rate the request works out at: 10.00 EUR for 18,182 sats.
    assert!(page.contains("Rate: 1 BTC = €54,999.45, quoted <time"), "the rate and its time: {page}");
    assert!(page.contains("Waiting for your Lightning payment."), "{page}");

    // BTCPay's answers about a Lightning invoice are the ones its spec documents.
    let spec = BtcPaySpec::load();
    let (status, methods) =
        greenfield(&app, &format!("invoices/{invoice}/payment-methods"), &sandbox_key(&app)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(methods[0]["paymentMethodId"], "BTC-LN");
    assert_eq!(methods[0]["destination"], request.as_str());
    spec.check("InvoicePaymentMethodDataModel", &methods[0]).unwrap();

    // The sandbox wallet's button on the order page pays it, and brings the buyer back.
    let action = format!("/sandbox/btcpay/i/{invoice}/pay?return=order");
    assert!(page.contains(&action), "{page}");
    let paid = app.post_form(&action, &[], Some(&buyer)).await;
    assert_eq!(
        (paid.status, paid.header("location")),
        (StatusCode::SEE_OTHER, format!("/orders/{order}").as_str())
    );
    let paid = wait_for(&app, order, &buyer, "paid", |c| c["status"] == "paid").await;
    assert_ne!(paid["status_reason"], "paid_late", "{paid}");
    let transactions = paid["payment"]["transactions"].as_array().unwrap();
    assert_eq!(transactions.len(), 1, "{paid}");
    assert_eq!(transactions[0]["rail"], "lightning");
    assert_eq!(transactions[0]["payment_hash"], parsed.payment_hash.as_str());
    assert_eq!(
        (transactions[0]["amount_msat"].as_i64(), transactions[0]["amount_sat"].as_i64()),
        (Some(18_182_000), Some(18_182))
    );
    assert_eq!(transactions[0]["status"], "settled");
    let (_, methods) =
        greenfield(&app, &format!("invoices/{invoice}/payment-methods"), &sandbox_key(&app)).await;
    spec.check("InvoicePaymentMethodDataModel", &methods[0]).unwrap();

    // Finance sees it by payment hash, settled, in the same ledger as every other receipt.
    let (reference, amount, counted): (String, String, bool) =
        sqlx::query_as("select receipt_ref, amount_base, counted from receipt where order_id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (reference, amount, counted),
        (format!("ln:{}", parsed.payment_hash), "18182".to_string(), true)
    );
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("Lightning payments") && page.contains(&parsed.payment_hash), "{page}");
    assert!(page.contains("0.00018182"), "the amount to the millisatoshi: {page}");
    assert!(!page.contains("lightning:"), "nothing left to pay: {page}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_lightning_payment_reported_twice_pays_the_order_once(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer, _, _) = bought(&app, 20).await;
    click(&app, &invoice, "pay").await;
    wait_for(&app, order, &buyer, "paid", |c| c["status"] == "paid").await;
    // The webhook again, the poller, and a second click on a request already paid.
    let settlement = app.state.btc_settlement.clone().unwrap();
    settlement.sync(None, &invoice).await.unwrap();
    tessera_chain_watcher::btcpay::poll_once(&settlement).await.unwrap();
    click(&app, &invoice, "pay").await;
    settlement.sync(None, &invoice).await.unwrap();
    let found = receipts(&app, order).await;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].4.as_str()), ("lightning", "settled"));
    let announced: i64 = sqlx::query_scalar("select count(*) from outbox where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(announced, 1, "paid once, announced once");
    assert_eq!(confirmation(&app, order, &buyer).await["payment"]["overpaid_minor"], 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_unpaid_lightning_invoice_expires_and_its_tickets_go_back(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer, _, event) = bought(&app, 20).await;
    let ticket_type = app.ticket_types(event).await[0];
    assert_eq!(app.stock(ticket_type).await, (0, 1));
    click(&app, &invoice, "expire").await;
    wait_for(&app, order, &buyer, "expiry", |c| c["status"] == "expired").await;
    assert_eq!(app.stock(ticket_type).await, (0, 0), "the hold is released");
    assert!(receipts(&app, order).await.is_empty());
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(!page.contains("lightning:"), "an expired request is not offered: {page}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_lightning_payment_after_expiry_is_honoured_while_tickets_remain_and_refunded_once_sold_out(
    db: PgPool,
) {
    let app = sandboxed(db).await;
    let (late, invoice, buyer, _, event) = bought(&app, 2).await;
    click(&app, &invoice, "expire").await;
    wait_for(&app, late, &buyer, "expiry", |c| c["status"] == "expired").await;
    // Settled as it is paid: no confirmations to wait for before the tickets are given.
    click(&app, &invoice, "pay").await;
    let paid = wait_for(&app, late, &buyer, "paid late", |c| c["status"] == "paid").await;
    assert_eq!(paid["status_reason"], "paid_late", "{paid}");

    // The last ticket: its buyer lets the request expire, someone else buys the ticket, then
    // the late payment arrives. It is never lost: it is listed for refund.
    let (too_late, invoice, buyer, _) = buy(&app, event).await;
    click(&app, &invoice, "expire").await;
    wait_for(&app, too_late, &buyer, "expiry", |c| c["status"] == "expired").await;
    let (other, other_invoice, other_buyer, _) = buy(&app, event).await;
    click(&app, &other_invoice, "pay").await;
    wait_for(&app, other, &other_buyer, "paid", |c| c["status"] == "paid").await;
    click(&app, &invoice, "pay").await;
    let due = wait_for(&app, too_late, &buyer, "the late money listed for refund", |c| {
        c["payment"]["refund_reason"].is_string()
    })
    .await;
    assert_eq!(
        (due["status"].as_str(), due["payment"]["refund_reason"].as_str()),
        (Some("expired"), Some("sold_out_after_expiry")),
        "{due}"
    );
    let found = receipts(&app, too_late).await;
    assert_eq!(found.len(), 1, "the money is recorded: {found:?}");
    assert_eq!(found[0].4, "settled");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_cancelled_lightning_order_withdraws_its_request(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer, _, _) = bought(&app, 20).await;
    let cancelled = app.post_json(&format!("/api/orders/{order}/cancel"), json!({}), Some(&buyer)).await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());
    // The sweeper closes the checkout: a Lightning request is withdrawn at BTCPay, so a wallet
    // that scanned it can no longer pay for tickets that went back.
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    let (_, data) = greenfield(&app, &format!("invoices/{invoice}"), &sandbox_key(&app)).await;
    assert_eq!(data["status"], "Invalid", "{data}");
    BtcPaySpec::load().check("InvoiceData", &data).unwrap();
    click(&app, &invoice, "pay").await;
    app.state.btc_settlement.clone().unwrap().sync(None, &invoice).await.unwrap();
    assert!(receipts(&app, order).await.is_empty(), "nothing could be paid");
    assert_eq!(app.order_status(order).await, "cancelled");
    let seen = confirmation(&app, order, &buyer).await;
    assert_eq!(seen["payment"]["payment_request"], Value::Null, "{seen}");
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(!page.contains("lightning:"), "{page}");
}
