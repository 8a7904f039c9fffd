//! `POST /webhooks/stripe`: signatures, replays, rotated secrets, event types.

use axum::http::StatusCode;
use sqlx::PgPool;
use tessera_payments::stripe::signature::sign;
use tessera_tests::{TestApp, checkout_event, sample_event};
use uuid::Uuid;

/// A pending order of 2 × €10 and its Checkout Session id.
async fn pending_order(app: &TestApp) -> (Uuid, String, Uuid) {
    let event =
        app.insert_event(&sample_event(&format!("hook-{}", Uuid::new_v4().simple()), "Hooks", 5)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 2)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let body = bought.json();
    (
        body["order_id"].as_str().unwrap().parse().unwrap(),
        body["payment"]["provider_ref"].as_str().unwrap().to_string(),
        general,
    )
}

async fn inbox_size(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from webhook_inbox").fetch_one(&app.db).await.unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_bad_signature_is_refused_and_changes_nothing(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, _) = pending_order(&app).await;
    let body = checkout_event("checkout.session.completed", &session, order, 2000, "paid").to_string();
    let now = chrono::Utc::now().timestamp();

    for signature in [
        sign(body.as_bytes(), "whsec_not_ours", now),
        sign(b"another body", &app.webhook_secret(), now),
        "garbage".to_string(),
        format!("t={now}"),
    ] {
        let response = app.stripe_event_signed(body.clone(), &signature).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{signature}");
        assert_eq!(response.json()["error"]["code"], "invalid_signature");
    }
    let unsigned = app.post_json("/webhooks/stripe", serde_json::from_str(&body).unwrap(), None).await;
    assert_eq!(unsigned.status, StatusCode::BAD_REQUEST);

    assert_eq!(app.order_status(order).await, "pending_payment");
    assert_eq!(inbox_size(&app).await, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_signature_older_than_five_minutes_is_refused(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, _) = pending_order(&app).await;
    let body = checkout_event("checkout.session.completed", &session, order, 2000, "paid").to_string();

    let stale = sign(body.as_bytes(), &app.webhook_secret(), chrono::Utc::now().timestamp() - 301);
    let response = app.stripe_event_signed(body.clone(), &stale).await;

    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.order_status(order).await, "pending_payment");
    let fresh = sign(body.as_bytes(), &app.webhook_secret(), chrono::Utc::now().timestamp() - 60);
    assert_eq!(app.stripe_event_signed(body, &fresh).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_replayed_event_changes_nothing(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, general) = pending_order(&app).await;
    let completed = checkout_event("checkout.session.completed", &session, order, 2000, "paid");

    assert_eq!(app.stripe_event(&completed).await.status, StatusCode::OK);
    assert_eq!(app.stripe_event(&completed).await.status, StatusCode::OK);
    // Another event about the same payment finds it paid already.
    let succeeded = checkout_event("checkout.session.async_payment_succeeded", &session, order, 2000, "paid");
    assert_eq!(app.stripe_event(&succeeded).await.status, StatusCode::OK);
    // A late "expired" for a paid order cannot undo it.
    let expired = checkout_event("checkout.session.expired", &session, order, 2000, "unpaid");
    assert_eq!(app.stripe_event(&expired).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "paid");
    assert_eq!(app.stock(general).await, (2, 0));
    assert_eq!(inbox_size(&app).await, 3);
    let outbox: i64 = sqlx::query_scalar("select count(*) from outbox").fetch_one(&app.db).await.unwrap();
    assert_eq!(outbox, 1);
    let refunds: i64 = sqlx::query_scalar("select count(*) from payment where status = 'refund_due'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(refunds, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn during_a_secret_rotation_any_matching_v1_is_accepted(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_STRIPE_WEBHOOK_SECRET", "whsec_old, whsec_new")]);
    let (order, session, _) = pending_order(&app).await;
    let body = checkout_event("checkout.session.completed", &session, order, 2000, "paid").to_string();
    let now = chrono::Utc::now().timestamp();

    // Stripe rolling its secret sends one v1 per secret: one we do not know, one we do.
    let unknown = sign(body.as_bytes(), "whsec_someone_else", now);
    let ours = sign(body.as_bytes(), "whsec_new", now);
    let both = format!("{unknown},v1={}", ours.split("v1=").nth(1).unwrap());
    assert_eq!(app.stripe_event_signed(body, &both).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid");

    // Either of our secrets verifies on its own.
    let (second, session, _) = pending_order(&app).await;
    let body = checkout_event("checkout.session.completed", &session, second, 2000, "paid").to_string();
    let old = sign(body.as_bytes(), "whsec_old", now);
    assert_eq!(app.stripe_event_signed(body, &old).await.status, StatusCode::OK);
    assert_eq!(app.order_status(second).await, "paid");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn unknown_event_types_are_acknowledged_and_ignored(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, _) = pending_order(&app).await;
    let mut event = checkout_event("checkout.session.completed", &session, order, 2000, "paid");
    event["type"] = "customer.created".into();
    event["data"]["object"] = serde_json::json!({"id": "cus_123", "object": "customer"});

    assert_eq!(app.stripe_event(&event).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "pending_payment");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_still_settling_keeps_its_tickets_past_the_hold(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, general) = pending_order(&app).await;

    let unpaid = checkout_event("checkout.session.completed", &session, order, 2000, "unpaid");
    assert_eq!(app.stripe_event(&unpaid).await.status, StatusCode::OK);
    app.expire_hold(order).await;
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(app.order_status(order).await, "pending_payment", "a seen payment keeps its hold");
    assert_eq!(app.stock(general).await, (0, 2));

    let succeeded = checkout_event("checkout.session.async_payment_succeeded", &session, order, 2000, "paid");
    assert_eq!(app.stripe_event(&succeeded).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid");
    assert_eq!(app.stock(general).await, (2, 0));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_that_never_settles_gives_its_tickets_back_after_the_grace(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, general) = pending_order(&app).await;
    let unpaid = checkout_event("checkout.session.completed", &session, order, 2000, "unpaid");
    assert_eq!(app.stripe_event(&unpaid).await.status, StatusCode::OK);

    sqlx::query(
        "update customer_order set created_at = now() - interval '17 days', expires_at = now() - interval '16 days' where order_id = $1",
    )
    .bind(order)
    .execute(&app.db)
    .await
    .unwrap();
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();

    assert_eq!(app.order_status(order).await, "expired");
    assert_eq!(app.stock(general).await, (0, 0));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_wrong_amount_is_recorded_for_refund_not_accepted(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, _) = pending_order(&app).await;

    let short = checkout_event("checkout.session.completed", &session, order, 1500, "paid");
    assert_eq!(app.stripe_event(&short).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "pending_payment");
    let reason: String = sqlx::query_scalar("select refund_reason from payment where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(reason, "amount_mismatch");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn money_for_an_order_we_do_not_have_is_recorded_for_admins(db: PgPool) {
    let app = TestApp::new(db);
    let stranger = Uuid::now_v7();

    let paid = checkout_event("checkout.session.completed", "cs_test_elsewhere", stranger, 4200, "paid");
    assert_eq!(app.stripe_event(&paid).await.status, StatusCode::OK);
    assert_eq!(app.stripe_event(&paid).await.status, StatusCode::OK, "a replay records nothing more");

    let admin = app.sign_in(true).await;
    let unmatched = app.get_with_cookie("/api/admin/refunds", &admin).await.json()["unmatched"].clone();
    assert_eq!(unmatched.as_array().unwrap().len(), 1);
    assert_eq!(unmatched[0]["provider_ref"], "cs_test_elsewhere");
    assert_eq!(unmatched[0]["claimed_order_ref"], stranger.to_string());
    assert_eq!(unmatched[0]["amount_minor"], 4200);
    assert!(app.get_with_cookie("/admin/refunds", &admin).await.text().contains(&stranger.to_string()));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_late_payment_for_a_cancelled_event_is_refunded_not_honoured(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, general) = pending_order(&app).await;
    app.expire_hold(order).await;
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    sqlx::query("update event set status = 'cancelled'").execute(&app.db).await.unwrap();

    let paid = checkout_event("checkout.session.completed", &session, order, 2000, "paid");
    assert_eq!(app.stripe_event(&paid).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "expired");
    assert_eq!(app.stock(general).await, (0, 0));
    let reason: String = sqlx::query_scalar("select refund_reason from payment where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(reason, "event_closed");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_order_whose_payment_is_settling_cannot_be_cancelled(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("settling", "Settling", 5)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 1)], None).await.json();
    let order: Uuid = bought["order_id"].as_str().unwrap().parse().unwrap();
    let session = bought["payment"]["provider_ref"].as_str().unwrap();
    app.stripe_event(&checkout_event("checkout.session.completed", session, order, 1000, "unpaid")).await;

    let cancel =
        app.post_json(&format!("/api/orders/{order}/cancel"), serde_json::json!({}), Some(&buyer)).await;

    assert_eq!(cancel.status, StatusCode::CONFLICT);
    assert_eq!(cancel.json()["error"]["code"], "payment_in_progress");
    assert_eq!(app.stock(general).await, (0, 1));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_payment_settling_when_the_event_is_cancelled_is_refunded_not_ticketed(db: PgPool) {
    let app = TestApp::new(db);
    let (order, session, general) = pending_order(&app).await;
    let unpaid = checkout_event("checkout.session.completed", &session, order, 2000, "unpaid");
    assert_eq!(app.stripe_event(&unpaid).await.status, StatusCode::OK);
    sqlx::query("update event set status = 'cancelled'").execute(&app.db).await.unwrap();

    let succeeded = checkout_event("checkout.session.async_payment_succeeded", &session, order, 2000, "paid");
    assert_eq!(app.stripe_event(&succeeded).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "cancelled");
    assert_eq!(app.stock(general).await, (0, 0));
    let (status, reason): (String, String) =
        sqlx::query_as("select status, refund_reason from payment where order_id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), reason.as_str()), ("refund_due", "event_closed"));
    let outbox: i64 = sqlx::query_scalar("select count(*) from outbox").fetch_one(&app.db).await.unwrap();
    assert_eq!(outbox, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn events_of_a_session_that_is_not_the_orders_own_change_nothing(db: PgPool) {
    let app =
        TestApp::served(db, &[("TESSERA_BTCPAY_SANDBOX", "on"), ("TESSERA_BTCPAY_POLL_SECONDS", "3600")])
            .await;
    let (order, session, general) = pending_order(&app).await;
    // Another session naming this order expires, or fails: the order keeps waiting for its own.
    for kind in ["checkout.session.expired", "checkout.session.async_payment_failed"] {
        let foreign = checkout_event(kind, "cs_test_someone_elses", order, 2000, "unpaid");
        assert_eq!(app.stripe_event(&foreign).await.status, StatusCode::OK);
        assert_eq!(app.order_status(order).await, "pending_payment", "{kind}");
    }
    let foreign =
        checkout_event("checkout.session.completed", "cs_test_someone_elses", order, 2000, "unpaid");
    app.stripe_event(&foreign).await;
    let detected: bool =
        sqlx::query_scalar("select payment_detected from customer_order where order_id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(!detected, "another session's bank debit keeps no hold");
    assert_eq!(app.stock(general).await, (0, 2));
    // Its own session still settles it.
    let own = checkout_event("checkout.session.expired", &session, order, 2000, "unpaid");
    app.stripe_event(&own).await;
    assert_eq!(app.order_status(order).await, "expired");

    // A card payment naming a bitcoin order never pays it: it is due back, on the wrong rail.
    let event = app.insert_event(&tessera_tests::sample_event("rails-btc", "Fado em Bitcoin", 20)).await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body = serde_json::json!({"items": [{"ticket_type_id": ticket_type, "quantity": 1}], "payment_method": "btc"});
    let bitcoin = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await.json();
    let bitcoin: Uuid = bitcoin["order_id"].as_str().unwrap().parse().unwrap();
    let paid = checkout_event("checkout.session.completed", "cs_test_card_for_btc", bitcoin, 1000, "paid");
    assert_eq!(app.stripe_event(&paid).await.status, StatusCode::OK);
    assert_eq!(app.order_status(bitcoin).await, "pending_payment");
    let (status, reason): (String, String) = sqlx::query_as(
        "select status, refund_reason from payment where order_id = $1 and provider_ref = 'cs_test_card_for_btc'",
    )
    .bind(bitcoin)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((status.as_str(), reason.as_str()), ("refund_due", "wrong_rail"));
}
