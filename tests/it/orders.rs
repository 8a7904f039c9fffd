//! Buying: holds, the card sandbox end to end, expiry, late payments, idempotency, errors and
//! concurrency.

use axum::http::StatusCode;
use serde_json::json;
use sqlx::PgPool;
use tessera_tests::{TestApp, checkout_event, sample_event};
use uuid::Uuid;

/// An event with one ticket type of `capacity` at €10; returns (event, ticket type).
async fn event_with(app: &TestApp, capacity: i32) -> (Uuid, Uuid) {
    let mut event = sample_event(&format!("gig-{}", Uuid::new_v4().simple()), "Fado Night", 10);
    event.fields.ticket_types[0].capacity = capacity;
    let id = app.insert_event(&event).await;
    (id, app.ticket_types(id).await[0])
}

fn order_id(response: &tessera_tests::TestResponse) -> Uuid {
    response.json()["order_id"].as_str().unwrap().parse().unwrap()
}

fn session_id(response: &tessera_tests::TestResponse) -> String {
    response.json()["payment"]["provider_ref"].as_str().unwrap().to_string()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn buying_holds_the_tickets_and_opens_a_sandbox_checkout(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 50).await;
    let buyer = app.customer().await;

    let response = app.buy(&buyer, event, &[(general, 2)], None).await;

    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let body = response.json();
    assert_eq!(body["status"], "pending_payment");
    assert_eq!(body["total_minor"], 2000);
    assert_eq!(body["currency"], "EUR");
    assert_eq!(body["payment"]["method"], "card");
    assert!(body["payment"]["provider_ref"].as_str().unwrap().starts_with("cs_test_"));
    assert!(body["payment"]["redirect_url"].as_str().unwrap().contains("/sandbox/checkout/cs_test_"));
    assert!(body["expires_at"].as_str().is_some());
    assert_eq!(app.stock(general).await, (0, 2));

    let options = app.get_with_cookie(&format!("/api/events/{event}/buy"), &buyer).await;
    assert_eq!(options.status, StatusCode::OK);
    let options = options.json();
    assert_eq!(options["ticket_types"][0]["available"], 48);
    assert_eq!(options["payment_methods"], json!(["card"]));
    assert_eq!(options["hold_minutes"], 15);
    assert_eq!(options["on_sale"], true);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn paying_in_the_sandbox_marks_the_order_paid_and_hands_it_to_the_stream_once(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 50).await;
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 2)], None).await;
    let order = order_id(&bought);
    let checkout = bought.json()["payment"]["redirect_url"].as_str().unwrap().to_string();
    let checkout_path = &checkout[checkout.find("/sandbox/").unwrap()..];

    let page = app.get(checkout_path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("Sandbox"), "the hosted page says it is a sandbox");
    assert!(page.text().contains("€20.00"));

    let paid = app.post_form(&format!("{checkout_path}/pay"), &[], None).await;
    assert_eq!(paid.status, StatusCode::SEE_OTHER);
    assert!(paid.header("location").ends_with(&format!("/orders/{order}?checkout=success")));

    app.wait_for_status(order, "paid").await;
    assert_eq!(app.stock(general).await, (2, 0));
    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(confirmation["status"], "paid");
    assert_eq!(confirmation["payment"]["status"], "succeeded");
    assert_eq!(confirmation["items"][0]["quantity"], 2);
    let outbox: Vec<(String, Uuid)> =
        sqlx::query_as("select topic, order_id from outbox").fetch_all(&app.db).await.unwrap();
    assert_eq!(outbox, vec![("orders.paid".to_string(), order)]);

    // The relay hands it to the ticketing stream.
    let relay =
        tessera_ticketing::relay::RelayConfig { stream_prefix: format!("test-{}:", Uuid::new_v4().simple()) };
    let client = redis::Client::open("redis://127.0.0.1:6379").unwrap();
    let mut redis = redis::aio::ConnectionManager::new(client).await.unwrap();
    assert_eq!(
        tessera_ticketing::relay::publish_pending(&app.db, &mut redis, &relay).await.unwrap().unwrap(),
        1
    );
    let stream = format!("{}orders.paid", relay.stream_prefix);
    let entries: redis::streams::StreamRangeReply =
        redis::AsyncCommands::xrange_all(&mut redis, &stream).await.unwrap();
    assert_eq!(entries.ids.len(), 1);
    assert_eq!(entries.ids[0].get::<String>("order_id"), Some(order.to_string()));
    let _: () = redis::AsyncCommands::del(&mut redis, &stream).await.unwrap();

    // The page can no longer be paid twice.
    let again = app.post_form(&format!("{checkout_path}/pay"), &[], None).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(app.get(checkout_path).await.text().contains("This checkout is complete"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_declined_payment_fails_the_order_and_releases_the_hold(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 5).await;
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 3)], None).await;
    let order = order_id(&bought);

    let declined =
        app.post_form(&format!("/sandbox/checkout/{}/decline", session_id(&bought)), &[], None).await;
    assert_eq!(declined.status, StatusCode::SEE_OTHER);

    app.wait_for_status(order, "failed").await;
    assert_eq!(app.stock(general).await, (0, 0));
    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(confirmation["status_reason"], "payment_failed");
    assert_eq!(confirmation["payment"]["status"], "failed");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_abandoned_checkout_expires_the_order_and_releases_the_hold(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 5).await;
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 3)], None).await;
    let order = order_id(&bought);

    let abandoned =
        app.post_form(&format!("/sandbox/checkout/{}/abandon", session_id(&bought)), &[], None).await;
    assert_eq!(abandoned.status, StatusCode::SEE_OTHER);
    assert!(abandoned.header("location").ends_with("?checkout=cancelled"));

    app.wait_for_status(order, "expired").await;
    assert_eq!(app.stock(general).await, (0, 0));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_expired_hold_is_free_before_the_sweeper_runs_and_released_when_it_does(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 2).await;
    let first = app.customer().await;
    let second = app.customer().await;
    let first_order = order_id(&app.buy(&first, event, &[(general, 2)], None).await);
    assert_eq!(app.buy(&second, event, &[(general, 1)], None).await.status, StatusCode::CONFLICT);

    app.expire_hold(first_order).await;
    let options = app.get_with_cookie(&format!("/api/events/{event}/buy"), &second).await.json();
    assert_eq!(options["ticket_types"][0]["available"], 2, "an expired hold is not counted");

    // Asking for more than there is: the 409 counts the expired hold as free, and releasing
    // it would not help, so it is left to the sweeper.
    let too_many = app.buy(&second, event, &[(general, 3)], None).await;
    assert_eq!(too_many.status, StatusCode::CONFLICT);
    assert_eq!(too_many.json()["error"]["available"][0]["available"], 2);
    assert_eq!(app.order_status(first_order).await, "pending_payment");

    // A buyer is not refused for tickets nobody holds any more.
    let bought = app.buy(&second, event, &[(general, 2)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    assert_eq!(app.order_status(first_order).await, "expired");
    assert_eq!(app.stock(general).await, (0, 2));

    // The sweeper releases the next one and closes its checkout at the provider.
    let second_order = order_id(&bought);
    app.expire_hold(second_order).await;
    let released = tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(released, 1);
    assert_eq!(app.order_status(second_order).await, "expired");
    assert_eq!(app.stock(general).await, (0, 0));
    let sandbox = app.state.sandbox.as_ref().unwrap();
    let session_ids: Vec<String> = sqlx::query_scalar("select provider_ref from payment order by created_at")
        .fetch_all(&app.db)
        .await
        .unwrap();
    let mut sessions = Vec::new();
    for id in &session_ids {
        sessions.push(sandbox.session(id).await.unwrap().unwrap().status);
    }
    assert_eq!(sessions, vec!["expired", "expired"]);
    let payments: Vec<String> = sqlx::query_scalar("select status from payment order by created_at")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(payments, vec!["expired", "expired"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn paying_after_expiry_with_stock_left_revives_the_order(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 5).await;
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 2)], None).await;
    let order = order_id(&bought);
    app.expire_hold(order).await;
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(app.order_status(order).await, "expired");

    let event_body = checkout_event("checkout.session.completed", &session_id(&bought), order, 2000, "paid");
    assert_eq!(app.stripe_event(&event_body).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "paid");
    assert_eq!(app.stock(general).await, (2, 0));
    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(confirmation["status_reason"], "paid_late");
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox").fetch_one(&app.db).await.unwrap();
    assert_eq!(queued, 1);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn paying_after_expiry_when_sold_out_records_a_refund_for_admins(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 2).await;
    let late = app.customer().await;
    let bought = app.buy(&late, event, &[(general, 2)], None).await;
    let order = order_id(&bought);
    app.expire_hold(order).await;
    let other = app.customer().await;
    assert_eq!(app.buy(&other, event, &[(general, 2)], None).await.status, StatusCode::CREATED);

    let event_body = checkout_event("checkout.session.completed", &session_id(&bought), order, 2000, "paid");
    assert_eq!(app.stripe_event(&event_body).await.status, StatusCode::OK);

    assert_eq!(app.order_status(order).await, "expired");
    assert_eq!(app.stock(general).await, (0, 2), "the other buyer keeps their tickets");
    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &late).await.json();
    assert_eq!(confirmation["payment"]["status"], "refund_due");
    assert_eq!(confirmation["payment"]["refund_reason"], "sold_out_after_expiry");
    let page = app.get_with_cookie(&format!("/orders/{order}"), &late).await;
    assert!(page.text().contains("will be refunded in full"), "{}", page.text());

    let admin = app.sign_in(true).await;
    let refunds = app.get_with_cookie("/api/admin/refunds", &admin).await;
    assert_eq!(refunds.status, StatusCode::OK);
    let refunds = refunds.json()["refunds"].clone();
    assert_eq!(refunds.as_array().unwrap().len(), 1);
    assert_eq!(refunds[0]["order_id"], order.to_string());
    assert_eq!(refunds[0]["reason"], "sold_out_after_expiry");
    assert_eq!(refunds[0]["received_minor"], 2000);
    let page = app.get_with_cookie("/admin/refunds", &admin).await;
    assert!(page.text().contains("sold out by then"));
    assert_eq!(app.get_with_cookie("/api/admin/refunds", &late).await.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_same_idempotency_key_returns_the_same_order(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 50).await;
    let buyer = app.customer().await;

    let first = app.buy(&buyer, event, &[(general, 2)], Some("buy-42")).await;
    let again = app.buy(&buyer, event, &[(general, 2)], Some("buy-42")).await;

    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(first.json(), again.json());
    assert_eq!(app.stock(general).await, (0, 2), "held once");

    let different = app.buy(&buyer, event, &[(general, 3)], Some("buy-42")).await;
    assert_eq!(different.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(different.json()["error"]["code"], "idempotency_key_reused");

    // Keys belong to their account: someone else's same key is their own order.
    let other = app.customer().await;
    let theirs = app.buy(&other, event, &[(general, 2)], Some("buy-42")).await;
    assert_eq!(theirs.status, StatusCode::CREATED);
    assert_ne!(order_id(&theirs), order_id(&first));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn bad_purchases_get_clear_errors(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 3).await;
    let buyer = app.customer().await;

    let anonymous = app
        .post_json(&format!("/api/events/{event}/buy"), json!({"items": [], "payment_method": "card"}), None)
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let unknown = app.buy(&buyer, Uuid::now_v7(), &[(general, 1)], None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    let zero = app.buy(&buyer, event, &[(general, 0)], None).await;
    assert_eq!(zero.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(zero.json()["error"]["field"], "items[0].quantity");

    let too_many = app.buy(&buyer, event, &[(general, 11)], None).await;
    assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(too_many.json()["error"]["field"], "items");

    let stranger = app.buy(&buyer, event, &[(Uuid::now_v7(), 1)], None).await;
    assert_eq!(stranger.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(stranger.json()["error"]["field"], "items[0].ticket_type_id");

    let sold_out = app.buy(&buyer, event, &[(general, 4)], None).await;
    assert_eq!(sold_out.status, StatusCode::CONFLICT);
    let error = &sold_out.json()["error"];
    assert_eq!(error["code"], "sold_out");
    assert_eq!(error["available"][0]["available"], 3);
    assert_eq!(error["message"], "Only 3 General tickets are left.");

    let mut cookie_headers = axum::http::HeaderMap::new();
    cookie_headers.insert("cookie", buyer.parse().unwrap());
    cookie_headers.insert("content-type", "application/json".parse().unwrap());
    let bitcoin = app
        .send(
            axum::http::Method::POST,
            &format!("/api/events/{event}/buy"),
            cookie_headers.clone(),
            axum::body::Body::from(
                json!({"items": [{"ticket_type_id": general, "quantity": 1}], "payment_method": "btc"})
                    .to_string(),
            ),
        )
        .await;
    assert_eq!(bitcoin.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bitcoin.json()["error"]["field"], "payment_method");
    let garbage = app
        .send(
            axum::http::Method::POST,
            &format!("/api/events/{event}/buy"),
            cookie_headers,
            axum::body::Body::from("{"),
        )
        .await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);

    let started = app.insert_event(&sample_event("already-on", "Already On", -1)).await;
    let started_type = app.ticket_types(started).await[0];
    let gone = app.buy(&buyer, started, &[(started_type, 1)], None).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.json()["error"]["code"], "not_on_sale");

    sqlx::query("update event set status = 'cancelled' where event_id = $1")
        .bind(event)
        .execute(&app.db)
        .await
        .unwrap();
    let cancelled = app.buy(&buyer, event, &[(general, 1)], None).await;
    assert_eq!(cancelled.status, StatusCode::GONE);
    assert_eq!(app.stock(general).await, (0, 0), "nothing was held by any of these");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn another_customers_order_does_not_exist_for_them(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 5).await;
    let owner = app.customer().await;
    let order = order_id(&app.buy(&owner, event, &[(general, 1)], None).await);
    let other = app.customer().await;

    assert_eq!(
        app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &other).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get_with_cookie(&format!("/orders/{order}"), &other).await.status, StatusCode::NOT_FOUND);
    let cancel = app.post_json(&format!("/api/orders/{order}/cancel"), json!({}), Some(&other)).await;
    assert_eq!(cancel.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &owner).await.status,
        StatusCode::OK
    );
    assert_eq!(app.get(&format!("/api/orders/{order}/confirmation")).await.status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn cancelling_a_pending_order_releases_its_tickets_and_a_paid_one_cannot_be(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 5).await;
    let buyer = app.customer().await;
    let order = order_id(&app.buy(&buyer, event, &[(general, 2)], None).await);

    let cancelled = app.post_json(&format!("/api/orders/{order}/cancel"), json!({}), Some(&buyer)).await;
    assert_eq!(cancelled.status, StatusCode::OK);
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(app.stock(general).await, (0, 0));

    let bought = app.buy(&buyer, event, &[(general, 1)], None).await;
    let paid = order_id(&bought);
    app.stripe_event(&checkout_event("checkout.session.completed", &session_id(&bought), paid, 1000, "paid"))
        .await;
    let refused = app.post_json(&format!("/api/orders/{paid}/cancel"), json!({}), Some(&buyer)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(app.stock(general).await, (1, 0));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn three_hundred_buyers_for_a_hundred_tickets_never_oversell(db: PgPool) {
    let app = std::sync::Arc::new(TestApp::new(db));
    let (event, general) = event_with(&app, 100).await;
    let mut buyers = Vec::new();
    for _ in 0..300 {
        buyers.push(app.customer().await);
    }

    let mut racing = tokio::task::JoinSet::new();
    for buyer in buyers {
        let app = app.clone();
        racing.spawn(async move { app.buy(&buyer, event, &[(general, 1)], None).await });
    }
    let mut created = 0;
    let mut sold_out = 0;
    while let Some(response) = racing.join_next().await {
        let response = response.unwrap();
        match response.status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                assert_eq!(response.json()["error"]["code"], "sold_out");
                sold_out += 1;
            }
            other => panic!("unexpected {other}: {}", response.text()),
        }
    }

    assert_eq!((created, sold_out), (100, 200));
    assert_eq!(app.stock(general).await, (0, 100));
    let holding: i64 = sqlx::query_scalar("select coalesce(sum(quantity), 0) from order_item i join customer_order o using (order_id) where o.status = 'pending_payment'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(holding, 100, "the orders account for every held ticket");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn admins_cannot_shrink_capacity_below_what_is_taken_or_delete_an_ordered_event(db: PgPool) {
    let app = TestApp::new(db);
    let (event, general) = event_with(&app, 10).await;
    let buyer = app.customer().await;
    assert_eq!(app.buy(&buyer, event, &[(general, 4)], None).await.status, StatusCode::CREATED);
    let admin = app.sign_in(true).await;
    let version: i32 = sqlx::query_scalar("select version from event where event_id = $1")
        .bind(event)
        .fetch_one(&app.db)
        .await
        .unwrap();

    let shrink = app
        .post_json(
            &format!("/api/admin/events/edit/{event}"),
            json!({"version": version, "ticket_types": [{"id": general, "name": "General", "price_minor": 1000, "currency": "EUR", "capacity": 3}]}),
            Some(&admin),
        )
        .await;
    assert_eq!(shrink.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", shrink.text());
    assert_eq!(shrink.json()["error"]["field"], "ticket_types[0].capacity");

    let fine = app
        .post_json(
            &format!("/api/admin/events/edit/{event}"),
            json!({"version": version, "ticket_types": [{"id": general, "name": "General", "price_minor": 1000, "currency": "EUR", "capacity": 4}]}),
            Some(&admin),
        )
        .await;
    assert_eq!(fine.status, StatusCode::OK, "{}", fine.text());

    let delete = app.post_json(&format!("/api/admin/events/delete/{event}"), json!({}), Some(&admin)).await;
    assert_eq!(delete.status, StatusCode::CONFLICT);
    assert_eq!(delete.json()["error"]["code"], "event_has_orders");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn free_tickets_are_paid_at_once_without_a_checkout(db: PgPool) {
    let app = TestApp::new(db);
    let mut event = sample_event("free-gig", "Free Gig", 5);
    event.fields.ticket_types[0].price_minor = 0;
    let event = app.insert_event(&event).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;

    let bought = app.buy(&buyer, event, &[(general, 2)], None).await;

    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let body = bought.json();
    assert_eq!(body["status"], "paid");
    assert_eq!(body["total_minor"], 0);
    assert!(body["payment"]["redirect_url"].is_null());
    assert_eq!(app.stock(general).await, (2, 0));
    let queued: i64 = sqlx::query_scalar("select count(*) from outbox").fetch_one(&app.db).await.unwrap();
    assert_eq!(queued, 1, "free orders are delivered like paid ones");
    let payments: Vec<(String, String)> =
        sqlx::query_as("select provider, status from payment").fetch_all(&app.db).await.unwrap();
    assert_eq!(
        payments,
        vec![("free".to_string(), "succeeded".to_string())],
        "no checkout for nothing to pay"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn without_any_payment_method_free_tickets_are_still_given_out(db: PgPool) {
    // No Stripe keys and no sandbox: cards are not offered at all.
    let app = TestApp::with_settings(db, &[("TESSERA_CARD_SANDBOX", "off")]);
    assert!(app.state.payment_methods().is_empty());
    let mut free = sample_event("free-only", "Free Fado", 5);
    free.fields.ticket_types[0].price_minor = 0;
    let free = app.insert_event(&free).await;
    let general = app.ticket_types(free).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, free, &[(general, 1)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    assert_eq!(bought.json()["status"], "paid");
    let (paid, priced) = event_with(&app, 5).await;
    let refused = app.buy(&buyer, paid, &[(priced, 1)], None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.json()["error"]["code"], "payment_method_unavailable");
}
