//! Bitcoin orders end to end: buying opens one BTCPay invoice per order, and signed webhooks
//! (read back through the API, checked against the vendor's schemas) move the order through
//! each of the invoice's fates.

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;
use tessera_tests::btcpay_fake::FakeBtcPay;
use tessera_tests::btcpay_spec::BtcPaySpec;
use tessera_tests::{TestApp, TestResponse, sample_event};
use uuid::Uuid;

const SECRET: &str = "btcpay-webhook-secret";

fn app_with(db: PgPool, fake: &FakeBtcPay) -> TestApp {
    let url = fake.url.to_string();
    TestApp::with_settings(
        db,
        &[
            ("TESSERA_BTCPAY_URL", url.as_str()),
            ("TESSERA_BTCPAY_API_KEY", fake.api_key.as_str()),
            ("TESSERA_BTCPAY_STORE_ID", fake.store_id.as_str()),
            ("TESSERA_BTCPAY_WEBHOOK_SECRET", SECRET),
            ("TESSERA_BTCPAY_NETWORK", "regtest"),
        ],
    )
}

async fn buy_btc(app: &TestApp, cookie: &str, event: Uuid, quantity: i32, key: Option<&str>) -> TestResponse {
    let ticket_type = app.ticket_types(event).await[0];
    let body =
        json!({"items": [{"ticket_type_id": ticket_type, "quantity": quantity}], "payment_method": "btc"});
    let mut headers = HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    headers.insert("cookie", cookie.parse().unwrap());
    if let Some(key) = key {
        headers.insert("idempotency-key", key.parse().unwrap());
    }
    app.send(Method::POST, &format!("/api/events/{event}/buy"), headers, Body::from(body.to_string())).await
}

/// Sends a webhook event of `kind` for the invoice, signed with `secret`, after checking it
/// against the vendor's schema for that event.
async fn webhook(
    app: &TestApp,
    fake: &FakeBtcPay,
    kind: &str,
    invoice_id: &str,
    secret: &str,
) -> TestResponse {
    let delivery = Uuid::new_v4().simple().to_string();
    let mut event = json!({
        "deliveryId": delivery, "webhookId": "Wh1", "originalDeliveryId": delivery, "isRedelivery": false,
        "type": kind, "timestamp": chrono::Utc::now().timestamp(), "storeId": fake.store_id,
        "invoiceId": invoice_id, "metadata": {},
    });
    if kind == "InvoiceSettled" || kind == "InvoiceProcessing" {
        event["overPaid"] = json!(false);
    }
    BtcPaySpec::load().check(&format!("Webhook{kind}Event"), &event).expect("a webhook as BTCPay sends it");
    send_signed(app, &event.to_string(), secret).await
}

async fn send_signed(app: &TestApp, body: &str, secret: &str) -> TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", "application/json".parse().unwrap());
    let signature = tessera_payments::btcpay::webhook::sign(body.as_bytes(), secret);
    headers.insert("btcpay-sig", signature.parse().unwrap());
    app.send(Method::POST, "/webhooks/btcpay", headers, Body::from(body.to_string())).await
}

async fn bought(app: &TestApp, fake: &FakeBtcPay, quantity: i32) -> (Uuid, String, Uuid) {
    let event = app
        .insert_event(&sample_event(&format!("btc-{}", Uuid::new_v4().simple()), "Fado em Bitcoin", 20))
        .await;
    let buyer = app.customer().await;
    let response = buy_btc(app, &buyer, event, quantity, None).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let body = response.json();
    let order: Uuid = body["order_id"].as_str().unwrap().parse().unwrap();
    let invoice = body["payment"]["provider_ref"].as_str().unwrap().to_string();
    assert!(fake.invoices().iter().any(|i| i["id"] == invoice.as_str()));
    (order, invoice, event)
}

async fn payment_row(app: &TestApp, order: Uuid) -> (String, Option<String>, Option<i64>, i64) {
    sqlx::query_as(
        "select status, refund_reason, received_minor, overpaid_minor from payment where order_id = $1",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn buying_with_bitcoin_opens_one_invoice_and_sends_the_customer_to_it(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let event = app.insert_event(&sample_event("btc-buy", "Fado em Bitcoin", 20)).await;
    let buyer = app.customer().await;

    let options = app.get_with_cookie(&format!("/api/events/{event}/buy"), &buyer).await.json();
    assert_eq!(options["payment_methods"], json!(["card", "btc"]));

    let first = buy_btc(&app, &buyer, event, 2, Some("btc-key-1")).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let body = first.json();
    assert_eq!(body["payment"]["method"], "btc");
    let invoices = fake.invoices();
    assert_eq!(invoices.len(), 1);
    assert_eq!(body["payment"]["provider_ref"], invoices[0]["id"]);
    assert_eq!(
        body["payment"]["redirect_url"], invoices[0]["checkoutLink"],
        "BTCPay's checkout link, exactly"
    );
    assert_eq!(invoices[0]["amount"], "20.00");
    assert_eq!(invoices[0]["metadata"]["orderId"], body["order_id"]);

    let again = buy_btc(&app, &buyer, event, 2, Some("btc-key-1")).await;
    assert_eq!(again.json()["payment"]["provider_ref"], body["payment"]["provider_ref"]);
    assert_eq!(fake.invoices().len(), 1, "a retried buy makes no second invoice");
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn without_btcpay_configured_bitcoin_is_not_offered(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("btc-none", "No Bitcoin", 20)).await;
    let buyer = app.customer().await;
    let options = app.get_with_cookie(&format!("/api/events/{event}/buy"), &buyer).await.json();
    assert_eq!(options["payment_methods"], json!(["card"]));
    let refused = buy_btc(&app, &buyer, event, 1, None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["error"]["code"], "payment_method_unavailable");
    let hook = send_signed(&app, "{}", SECRET).await;
    assert_eq!(hook.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_settled_invoice_pays_the_order_once_and_forgeries_change_nothing(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let (order, invoice, _) = bought(&app, &fake, 2).await;
    fake.set_status(&invoice, "Settled", "None");
    fake.set_paid(&invoice, "20.00");

    let forged = webhook(&app, &fake, "InvoiceSettled", &invoice, "not-our-secret").await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.order_status(order).await, "pending_payment");
    let unsigned = app.post_json("/webhooks/btcpay", json!({"invoiceId": invoice}), None).await;
    assert_eq!(unsigned.status, StatusCode::BAD_REQUEST);

    let delivery = Uuid::new_v4().simple().to_string();
    let event = json!({"deliveryId": delivery, "webhookId": "Wh1", "originalDeliveryId": delivery, "isRedelivery": false,
        "type": "InvoiceSettled", "timestamp": 1, "storeId": fake.store_id, "invoiceId": invoice, "metadata": {}, "overPaid": false});
    assert_eq!(send_signed(&app, &event.to_string(), SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid");
    let outbox: i64 = sqlx::query_scalar("select count(*) from outbox where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(outbox, 1);
    // The same delivery again, and BTCPay's redelivery of it: nothing changes.
    assert_eq!(send_signed(&app, &event.to_string(), SECRET).await.status, StatusCode::OK);
    let mut redelivery = event.clone();
    redelivery["deliveryId"] = json!(Uuid::new_v4().simple().to_string());
    redelivery["isRedelivery"] = json!(true);
    assert_eq!(send_signed(&app, &redelivery.to_string(), SECRET).await.status, StatusCode::OK);
    let inbox: i64 = sqlx::query_scalar("select count(*) from webhook_inbox where provider = 'btcpay'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(inbox, 1);
    assert_eq!(payment_row(&app, order).await.0, "succeeded");
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_being_confirmed_keeps_its_tickets_past_the_hold(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let (order, invoice, _) = bought(&app, &fake, 1).await;
    fake.set_status(&invoice, "Processing", "None");
    assert_eq!(webhook(&app, &fake, "InvoiceProcessing", &invoice, SECRET).await.status, StatusCode::OK);
    app.expire_hold(order).await;
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment", "a seen payment keeps its tickets");

    // The transaction was replaced: waiting for payment again, so the timer applies once more.
    fake.set_status(&invoice, "New", "None");
    assert_eq!(webhook(&app, &fake, "InvoiceReceivedPayment", &invoice, SECRET).await.status, StatusCode::OK);
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(app.order_status(order).await, "expired");
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn expired_and_invalid_invoices_release_the_tickets(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let (expired, invoice, event) = bought(&app, &fake, 2).await;
    let ticket_type = app.ticket_types(event).await[0];
    assert_eq!(app.stock(ticket_type).await, (0, 2));
    fake.set_status(&invoice, "Expired", "None");
    assert_eq!(webhook(&app, &fake, "InvoiceExpired", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(expired).await, "expired");
    assert_eq!(app.stock(ticket_type).await, (0, 0));
    assert_eq!(payment_row(&app, expired).await.0, "expired");

    let (invalid, invoice, _) = bought(&app, &fake, 1).await;
    fake.set_status(&invoice, "Invalid", "Marked");
    assert_eq!(webhook(&app, &fake, "InvoiceInvalid", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(invalid).await, "failed");
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn overpaid_and_part_paid_invoices_list_what_is_due_back(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let admin = app.sign_in(true).await;

    let (over, invoice, _) = bought(&app, &fake, 1).await;
    fake.set_status(&invoice, "Settled", "PaidOver");
    fake.set_paid(&invoice, "12.50");
    assert_eq!(webhook(&app, &fake, "InvoiceSettled", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(over).await, "paid");
    assert_eq!(payment_row(&app, over).await, ("succeeded".into(), None, Some(1000), 250));

    let (part, invoice, _) = bought(&app, &fake, 2).await;
    fake.set_status(&invoice, "Expired", "PaidPartial");
    fake.set_paid(&invoice, "7.00");
    assert_eq!(webhook(&app, &fake, "InvoiceExpired", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(part).await, "expired");
    assert_eq!(
        payment_row(&app, part).await,
        ("refund_due".into(), Some("partial_payment".into()), Some(700), 0)
    );
    // More arrives on the expired invoice: all of it is due back.
    fake.set_paid(&invoice, "9.00");
    assert_eq!(webhook(&app, &fake, "InvoiceReceivedPayment", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(
        payment_row(&app, part).await,
        ("refund_due".into(), Some("partial_payment".into()), Some(900), 0)
    );

    let refunds = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    let due: Vec<(String, String, i64)> = refunds["refunds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["order_id"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap().to_string(),
                r["received_minor"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(due.contains(&(over.to_string(), "overpaid".into(), 250)), "{due:?}");
    assert!(due.contains(&(part.to_string(), "partial_payment".into(), 900)), "{due:?}");
    let page = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(page.contains("Paid more than the order") && page.contains("Paid only part of the order"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_late_payment_is_honoured_while_tickets_remain_and_refunded_when_they_do_not(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let (late, invoice, event) = bought(&app, &fake, 1).await;
    app.expire_hold(late).await;
    fake.expire_now(&invoice);
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(app.order_status(late).await, "expired");
    fake.set_status(&invoice, "Expired", "PaidLate");
    fake.set_paid(&invoice, "10.00");
    assert_eq!(webhook(&app, &fake, "InvoiceExpired", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(late).await, "paid", "the tickets were still there");

    // Sold out meanwhile: the late money is due back.
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body = buy_btc(&app, &buyer, event, 1, None).await.json();
    let too_late = Uuid::parse_str(body["order_id"].as_str().unwrap()).unwrap();
    let invoice = body["payment"]["provider_ref"].as_str().unwrap().to_string();
    app.expire_hold(too_late).await;
    fake.expire_now(&invoice);
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    sqlx::query("update ticket_type set capacity = sold where ticket_type_id = $1")
        .bind(ticket_type)
        .execute(&app.db)
        .await
        .unwrap();
    fake.set_status(&invoice, "Expired", "PaidLate");
    fake.set_paid(&invoice, "10.00");
    assert_eq!(webhook(&app, &fake, "InvoiceExpired", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(too_late).await, "expired");
    assert_eq!(payment_row(&app, too_late).await.1.as_deref(), Some("sold_out_after_expiry"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn when_webhooks_are_lost_the_poller_settles_the_order(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let watcher = app.state.btc_settlement.clone().unwrap();
    let (seen, seen_invoice, _) = bought(&app, &fake, 1).await;
    let (paid, paid_invoice, _) = bought(&app, &fake, 2).await;
    let (late, late_invoice, _) = bought(&app, &fake, 1).await;

    // No webhook arrives for any of them.
    fake.set_status(&seen_invoice, "Processing", "None");
    fake.set_status(&paid_invoice, "Settled", "None");
    fake.set_paid(&paid_invoice, "20.00");
    app.expire_hold(late).await;
    fake.expire_now(&late_invoice);
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(app.order_status(late).await, "expired");
    fake.set_status(&late_invoice, "Expired", "PaidLate");
    fake.set_paid(&late_invoice, "10.00");

    let read = tessera_chain_watcher::btcpay::poll_once(&watcher).await.unwrap();
    assert_eq!(read, 3);
    assert_eq!(app.order_status(paid).await, "paid");
    assert_eq!(app.order_status(late).await, "paid", "a late payment is found after the order expired");
    let detected: bool =
        sqlx::query_scalar("select payment_detected from customer_order where order_id = $1")
            .bind(seen)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(detected);
    // Settled orders are not asked about again.
    assert_eq!(tessera_chain_watcher::btcpay::poll_once(&watcher).await.unwrap(), 1);
    assert_eq!(fake.violations(), Vec::<String>::new());
}

/// The bitcoin receipts recorded for an order: (txid, vout, satoshis, rate, status, settled).
async fn receipts(app: &TestApp, order: Uuid) -> Vec<(String, i32, i64, String, String, bool)> {
    sqlx::query_as(
        "select txid, vout, amount_sat, rate::text, status, settled_at is not null from btc_receipt
         where order_id = $1 order by amount_sat desc",
    )
    .bind(order)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn each_bitcoin_payment_of_a_settled_invoice_is_recorded_once_with_its_outpoint_and_satoshis(
    db: PgPool,
) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let event = app.insert_event(&sample_event("btc-receipts", "Fado em Bitcoin", 20)).await;
    let buyer = app.customer().await;
    let body = buy_btc(&app, &buyer, event, 2, None).await.json();
    let order: Uuid = body["order_id"].as_str().unwrap().parse().unwrap();
    let invoice = body["payment"]["provider_ref"].as_str().unwrap().to_string();
    // 20.00 at 50,000.00 a bitcoin is 40,000 sats: paid in two outputs, and one replaced try.
    let (a, b, replaced) = ("ab".repeat(32), "cd".repeat(32), "ef".repeat(32));
    fake.pay(&invoice, &format!("{a}-1"), "0.00030000", "Settled");
    fake.pay(&invoice, &format!("{b}-0"), "0.00010000", "Settled");
    fake.pay(&invoice, &format!("{replaced}-0"), "0.00040000", "Invalid");
    fake.set_status(&invoice, "Settled", "None");
    fake.set_paid(&invoice, "20.00");
    assert_eq!(webhook(&app, &fake, "InvoiceSettled", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid");

    let expected = vec![
        (replaced.clone(), 0, 40_000, "50000.00".to_string(), "invalid".to_string(), false),
        (a.clone(), 1, 30_000, "50000.00".to_string(), "settled".to_string(), true),
        (b.clone(), 0, 10_000, "50000.00".to_string(), "settled".to_string(), true),
    ];
    assert_eq!(receipts(&app, order).await, expected);
    // Another delivery about the same invoice reads the payments again and adds nothing.
    assert_eq!(webhook(&app, &fake, "InvoicePaymentSettled", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(receipts(&app, order).await, expected);
    let destination: String = sqlx::query_scalar("select destination from btc_receipt where txid = $1")
        .bind(&a)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(destination.starts_with("bcrt1q"), "a regtest address: {destination}");

    // The customer sees the transactions that paid their order.
    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    let seen: Vec<(String, i64, String)> = confirmation["payment"]["transactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["txid"].as_str().unwrap().to_string(),
                t["amount_sat"].as_i64().unwrap(),
                t["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(seen.len(), 3, "{confirmation}");
    assert!(seen.contains(&(a.clone(), 30_000, "settled".to_string())));
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_late_payment_takes_tickets_only_once_it_is_confirmed(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let (late, invoice, _) = bought(&app, &fake, 1).await;
    app.expire_hold(late).await;
    fake.expire_now(&invoice);
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(app.order_status(late).await, "expired");

    // BTCPay says PaidLate as soon as the transaction is seen, confirmed or not.
    fake.pay(&invoice, &format!("{}-0", "12".repeat(32)), "0.00020000", "Processing");
    fake.set_status(&invoice, "Expired", "PaidLate");
    fake.set_paid(&invoice, "10.00");
    assert_eq!(webhook(&app, &fake, "InvoiceReceivedPayment", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(late).await, "expired", "unconfirmed money takes no tickets");
    assert_eq!(receipts(&app, late).await[0].4, "processing");

    fake.settle_payments(&invoice);
    assert_eq!(webhook(&app, &fake, "InvoicePaymentSettled", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(late).await, "paid");
    assert_eq!(receipts(&app, late).await[0].4, "settled");
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_invalid_invoice_with_money_on_it_is_listed_for_refund(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let admin = app.sign_in(true).await;
    let (order, invoice, event) = bought(&app, &fake, 1).await;
    fake.pay(&invoice, &format!("{}-2", "34".repeat(32)), "0.00020000", "Settled");
    fake.set_status(&invoice, "Invalid", "Marked");
    fake.set_paid(&invoice, "10.00");
    assert_eq!(webhook(&app, &fake, "InvoiceInvalid", &invoice, SECRET).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "failed");
    assert_eq!(app.stock(app.ticket_types(event).await[0]).await, (0, 0), "the tickets went back");
    assert_eq!(
        payment_row(&app, order).await,
        ("refund_due".into(), Some("invoice_invalid".into()), Some(1000), 0)
    );
    let refunds = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    assert!(
        refunds["refunds"].as_array().unwrap().iter().any(|r| r["order_id"] == order.to_string()
            && r["reason"] == "invoice_invalid"
            && r["received_minor"] == 1000),
        "{refunds}"
    );
    assert_eq!(receipts(&app, order).await.len(), 1, "finance sees the transaction");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_part_paid_invoice_shows_the_customer_what_is_missing(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let event = app.insert_event(&sample_event("btc-part", "Fado em Bitcoin", 20)).await;
    let buyer = app.customer().await;
    let body = buy_btc(&app, &buyer, event, 1, None).await.json();
    let order = body["order_id"].as_str().unwrap().to_string();
    let invoice = body["payment"]["provider_ref"].as_str().unwrap().to_string();

    fake.pay(&invoice, &format!("{}-0", "56".repeat(32)), "0.00008000", "Processing");
    fake.set_status(&invoice, "New", "PaidPartial");
    fake.set_paid(&invoice, "4.00");
    assert_eq!(webhook(&app, &fake, "InvoiceReceivedPayment", &invoice, SECRET).await.status, StatusCode::OK);

    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(confirmation["status"], "pending_payment");
    assert_eq!(confirmation["payment"]["seen_minor"], 400);
    assert_eq!(confirmation["payment"]["missing_minor"], 600);
    assert_eq!(confirmation["payment"]["transactions"][0]["amount_sat"], 8000);
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("Partly paid"), "{page}");
    assert!(page.contains("is still missing"), "{page}");
    assert!(page.contains("data-shown=\"pending_payment:false:400\""), "the page follows what it shows");
    assert_eq!(fake.violations(), Vec::<String>::new());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_that_cannot_be_read_is_kept_raw_for_finance_and_the_order_is_paid(db: PgPool) {
    let fake = FakeBtcPay::start().await;
    let app = app_with(db, &fake);
    let admin = app.sign_in(true).await;
    let (order, invoice, _) = bought(&app, &fake, 1).await;
    // Two outputs pay it; BTCPay spells one of them in a way we do not take.
    fake.pay(&invoice, &format!("{}-0", "78".repeat(32)), "0.00010000", "Settled");
    fake.pay(&invoice, "not-an-outpoint", "0.00010000", "Settled");
    fake.set_status(&invoice, "Settled", "None");
    fake.set_paid(&invoice, "10.00");
    assert_eq!(webhook(&app, &fake, "InvoiceSettled", &invoice, SECRET).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "paid", "one unreadable detail does not leave it unpaid");
    assert_eq!(receipts(&app, order).await.len(), 1, "the output that reads is recorded");
    let listed = app.get_with_cookie("/api/admin/reconciliation", &admin).await.json();
    let unreadable = listed["unreadable"].as_array().unwrap();
    assert_eq!(unreadable.len(), 1, "{listed}");
    assert_eq!(unreadable[0]["invoice_id"], invoice.as_str());
    assert_eq!(unreadable[0]["payment_ref"], "not-an-outpoint");
    assert_eq!(unreadable[0]["order_id"], order.to_string());
    assert!(unreadable[0]["problem"].as_str().unwrap().contains("txid"), "{}", unreadable[0]);
    assert_eq!(unreadable[0]["raw"]["payment"]["value"], "0.00010000");
    let page = app.get_with_cookie("/admin/finance", &admin).await.text();
    assert!(
        page.contains("Bitcoin payments that could not be read") && page.contains("not-an-outpoint"),
        "{page}"
    );
    // Read again (the poller), it is still one entry.
    assert_eq!(webhook(&app, &fake, "InvoiceSettled", &invoice, SECRET).await.status, StatusCode::OK);
    let again = app.get_with_cookie("/api/admin/reconciliation", &admin).await.json();
    assert_eq!(again["unreadable"].as_array().unwrap().len(), 1);
}
