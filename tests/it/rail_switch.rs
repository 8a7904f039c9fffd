//! One checkout for every rail: a buyer switches how they pay while their tickets are held
//! (card → bitcoin → Lightning…), the checkout they left is closed first, and money that still
//! arrives on it is refunded, never lost and never counted twice.

use axum::http::StatusCode;
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_payments::btcpay::sandbox::SandboxBtcAction;
use tessera_tests::{TestApp, checkout_event, sample_event};
use uuid::Uuid;

use super::btcpay_sandbox::{click, confirmation, greenfield, sandbox_key, sandboxed, wait_for};

/// An order for one ticket at 10.00 paid by `method`: (order, provider ref, buyer, ticket type).
async fn bought(app: &TestApp, method: &str) -> (Uuid, String, String, Uuid) {
    let event =
        app.insert_event(&sample_event(&format!("sw-{}", Uuid::new_v4().simple()), "Fado a mudar", 20)).await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body = json!({"items": [{"ticket_type_id": ticket_type, "quantity": 1}], "payment_method": method});
    let response = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let body = response.json();
    let order = body["order_id"].as_str().unwrap().parse().unwrap();
    (order, body["payment"]["provider_ref"].as_str().unwrap().to_string(), buyer, ticket_type)
}

async fn switch(app: &TestApp, order: Uuid, buyer: &str, method: &str) -> (StatusCode, Value) {
    let response = app
        .post_json(
            &format!("/api/orders/{order}/payment-method"),
            json!({"payment_method": method}),
            Some(buyer),
        )
        .await;
    (response.status, response.json())
}

async fn payments(app: &TestApp, order: Uuid) -> Vec<(String, Option<String>, String, Option<String>, bool)> {
    sqlx::query_as(
        "select provider, provider_ref, status, refund_reason, superseded_at is not null
         from payment where order_id = $1 order by created_at",
    )
    .bind(order)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_buyer_leaves_the_card_checkout_for_lightning_and_a_card_payment_that_came_first_pays_the_order_once(
    db: PgPool,
) {
    let app = sandboxed(db).await;
    let (order, session, buyer, ticket_type) = bought(&app, "card").await;
    let (status, switched) = switch(&app, order, &buyer, "lightning").await;
    assert_eq!(status, StatusCode::OK, "{switched}");
    assert_eq!(switched["payment"]["method"], "lightning");
    assert!(switched["payment"]["payment_request"].as_str().unwrap().starts_with("lnbcrt"), "{switched}");
    assert_eq!(app.stock(ticket_type).await, (0, 1), "the tickets stay held");
    let invoice = switched["payment"]["provider_ref"].as_str().unwrap().to_string();
    let rows = payments(&app, order).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!((rows[0].0.as_str(), rows[0].2.as_str(), rows[0].4), ("stripe", "expired", true), "{rows:?}");
    assert_eq!((rows[1].0.as_str(), rows[1].2.as_str(), rows[1].4), ("btcpay", "open", false), "{rows:?}");
    // The same method again changes nothing.
    let (status, again) = switch(&app, order, &buyer, "lightning").await;
    assert_eq!((status, &again["payment"]["provider_ref"]), (StatusCode::OK, &json!(invoice)));

    // The card checkout completes anyway (the buyer paid just before the switch reached
    // Stripe): that money is the order's, and pays it, once.
    let late =
        app.stripe_event(&checkout_event("checkout.session.completed", &session, order, 1000, "paid")).await;
    assert_eq!(late.status, StatusCode::OK, "{}", late.text());
    assert_eq!(app.order_status(order).await, "paid");
    let rows = payments(&app, order).await;
    assert_eq!(rows[0].2, "succeeded", "{rows:?}");

    // The sweeper then withdraws the Lightning request, so nobody pays twice.
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    let (_, data) = greenfield(&app, &format!("invoices/{invoice}"), &sandbox_key(&app)).await;
    assert_eq!(data["status"], "Invalid", "{data}");
    let rows = payments(&app, order).await;
    assert_eq!(rows[1].2, "expired", "{rows:?}");
    click(&app, &invoice, "pay").await;
    app.state.btc_settlement.clone().unwrap().sync(None, &invoice).await.unwrap();
    let announced: i64 = sqlx::query_scalar("select count(*) from outbox where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(announced, 1, "paid once, announced once");
    assert_eq!(app.stock(ticket_type).await, (1, 0));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn leaving_a_bitcoin_invoice_withdraws_it_and_money_sent_to_it_afterwards_is_refunded(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, old_invoice, buyer, _) = bought(&app, "btc").await;
    let (status, switched) = switch(&app, order, &buyer, "lightning").await;
    assert_eq!(status, StatusCode::OK, "{switched}");
    let invoice = switched["payment"]["provider_ref"].as_str().unwrap().to_string();
    assert_ne!(invoice, old_invoice);
    let (_, data) = greenfield(&app, &format!("invoices/{old_invoice}"), &sandbox_key(&app)).await;
    assert_eq!(data["status"], "Invalid", "{data}");
    // BTCPay's webhooks about the invoice left change nothing for the order.
    let settlement = app.state.btc_settlement.clone().unwrap();
    settlement.sync(None, &old_invoice).await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment");

    // A wallet sends to the old address anyway, and it confirms: recorded for refund, not paid
    // to the order, which still waits for its Lightning payment.
    let sandbox = app.state.btcpay_sandbox.clone().unwrap();
    sandbox.act(&old_invoice, SandboxBtcAction::PayInFull).await.unwrap();
    sandbox.act(&old_invoice, SandboxBtcAction::Confirm).await.unwrap();
    settlement.sync(None, &old_invoice).await.unwrap();
    let seen = confirmation(&app, order, &buyer).await;
    assert_eq!(
        (seen["status"].as_str(), seen["payment"]["detected"].as_bool()),
        (Some("pending_payment"), Some(false)),
        "{seen}"
    );
    let unmatched: i64 =
        sqlx::query_scalar("select amount_minor from unmatched_payment where provider_ref = $1")
            .bind(&old_invoice)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(unmatched, 1000, "the money is listed for refund");

    click(&app, &invoice, "pay").await;
    wait_for(&app, order, &buyer, "paid", |c| c["status"] == "paid").await;
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_switch_is_refused_once_a_payment_is_seen_or_the_order_is_over(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, invoice, buyer, _) = bought(&app, "btc").await;
    let (status, body) = switch(&app, order, &buyer, "bitcoin").await;
    assert_eq!(
        (status, body["error"]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("payment_method")),
        "{body}"
    );
    let (status, body) = switch(&app, order, &buyer, "usdc").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "USDC is not taken here: {body}");
    let stranger = app.customer().await;
    assert_eq!(switch(&app, order, &stranger, "card").await.0, StatusCode::NOT_FOUND);

    click(&app, &invoice, "pay").await;
    wait_for(&app, order, &buyer, "a payment seen", |c| c["payment"]["detected"] == true).await;
    let (status, body) = switch(&app, order, &buyer, "card").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("payment_in_progress")),
        "{body}"
    );

    let (cancelled, _, buyer, _) = bought(&app, "card").await;
    app.post_json(&format!("/api/orders/{cancelled}/cancel"), json!({}), Some(&buyer)).await;
    let (status, body) = switch(&app, cancelled, &buyer, "lightning").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::CONFLICT, Some("not_switchable")),
        "{body}"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_order_page_offers_the_other_ways_to_pay_and_switches(db: PgPool) {
    let app = sandboxed(db).await;
    let (order, _, buyer, _) = bought(&app, "lightning").await;
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await;
    let text = page.text();
    assert!(text.contains("Pay another way"), "{text}");
    assert!(
        text.contains("value=\"card\"")
            && text.contains("value=\"btc\"")
            && !text.contains("value=\"lightning\""),
        "{text}"
    );
    let (csrf_cookie, csrf) = page.csrf();
    let cookies = format!("{buyer}; {csrf_cookie}");
    let moved = app
        .post_form(
            &format!("/orders/{order}/payment-method"),
            &[("csrf_token", &csrf), ("payment_method", "btc")],
            Some(&cookies),
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.text());
    assert!(
        moved.header("location").contains("/sandbox/btcpay/i/"),
        "on to the bitcoin invoice: {}",
        moved.header("location")
    );
    assert_eq!(confirmation(&app, order, &buyer).await["payment"]["method"], "btc");

    // Once it is over, nothing is offered, and a stale form says why.
    app.post_json(&format!("/api/orders/{order}/cancel"), json!({}), Some(&buyer)).await;
    let refused = app
        .post_form(
            &format!("/orders/{order}/payment-method"),
            &[("csrf_token", &csrf), ("payment_method", "card")],
            Some(&cookies),
        )
        .await;
    assert_eq!(refused.header("location"), format!("/orders/{order}?switch=not_switchable"));
    let page = app.get_with_cookie(&format!("/orders/{order}?switch=not_switchable"), &buyer).await.text();
    assert!(page.contains("no longer waiting for payment") && !page.contains("Pay another way"), "{page}");
}
