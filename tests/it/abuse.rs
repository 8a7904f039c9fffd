//! The shop tried as an abuser would: one account holding a whole event, many purchases at
//! once, purchases from one address, holds kept by seen payments, and an admin taking the
//! tickets back.

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;
use tessera_tests::{TestApp, TestResponse, sample_event};
use uuid::Uuid;

/// An event with one ticket type of `capacity`; returns (event, ticket type).
async fn event_with(app: &TestApp, capacity: i32) -> (Uuid, Uuid) {
    let mut event = sample_event(&format!("gig-{}", Uuid::new_v4().simple()), "Fado Night", 10);
    event.fields.ticket_types[0].capacity = capacity;
    let id = app.insert_event(&event).await;
    (id, app.ticket_types(id).await[0])
}

fn code(response: &TestResponse) -> String {
    response.json()["error"]["code"].as_str().unwrap_or_default().to_string()
}

async fn put_json(app: &TestApp, uri: &str, body: serde_json::Value, cookie: &str) -> TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(axum::http::header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(axum::http::header::COOKIE, cookie.parse().unwrap());
    app.send(Method::PUT, uri, headers, Body::from(body.to_string())).await
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn one_account_cannot_hold_a_whole_event(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_MAX_OPEN_ORDERS", "100")]);
    let (event, general) = event_with(&app, 40).await;
    let hoarder = app.customer().await;

    let mut held = 0;
    let mut refused = None;
    for _ in 0..10 {
        let response = app.buy(&hoarder, event, &[(general, 3)], None).await;
        if response.status == StatusCode::CREATED {
            held += 3;
        } else {
            refused = Some(response);
            break;
        }
    }
    assert_eq!(held, 9, "three orders of three fit under the default limit of ten");
    let refused = refused.expect("the fourth order is refused");
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert_eq!(code(&refused), "ticket_limit");
    let message = refused.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(message.contains("at most 10") && message.contains("already have 9"), "{message}");
    assert_eq!(app.stock(general).await, (0, 9), "the refused order held nothing");
    // One more fits exactly.
    assert_eq!(app.buy(&hoarder, event, &[(general, 1)], None).await.status, StatusCode::CREATED);
    assert_eq!(code(&app.buy(&hoarder, event, &[(general, 1)], None).await), "ticket_limit");

    // Bought tickets count too: paying does not make room for more.
    let order: Uuid = sqlx::query_scalar("select order_id from customer_order order by created_at limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    app.expire_hold(order).await;
    sqlx::query("update customer_order set status = 'paid', paid_at = now() where order_id = $1")
        .bind(order)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(code(&app.buy(&hoarder, event, &[(general, 1)], None).await), "ticket_limit");

    // Everyone else still buys.
    let other = app.customer().await;
    assert_eq!(app.buy(&other, event, &[(general, 10)], None).await.status, StatusCode::CREATED);

    // The organiser raises the limit for this event, in the audit log.
    let admin = app.sign_in(true).await;
    let raised = put_json(
        &app,
        &format!("/api/admin/events/{event}/limits"),
        json!({"max_tickets_per_account": 12, "allow_delayed_methods": false}),
        &admin,
    )
    .await;
    assert_eq!(raised.status, StatusCode::OK, "{}", raised.text());
    assert_eq!(raised.json()["limits"]["max_tickets_per_account"], 12);
    assert_eq!(app.buy(&hoarder, event, &[(general, 2)], None).await.status, StatusCode::CREATED);
    assert_eq!(code(&app.buy(&hoarder, event, &[(general, 1)], None).await), "ticket_limit");
    let audited: i64 = sqlx::query_scalar("select count(*) from audit_log where action = 'event.limits'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    let out_of_range = put_json(
        &app,
        &format!("/api/admin/events/{event}/limits"),
        json!({"max_tickets_per_account": 0, "allow_delayed_methods": false}),
        &admin,
    )
    .await;
    assert_eq!(out_of_range.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(out_of_range.json()["error"]["field"], "max_tickets_per_account");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn purchases_arriving_together_keep_the_account_limit(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_MAX_OPEN_ORDERS", "100")]);
    let (event, general) = event_with(&app, 100).await;
    let hoarder = app.customer().await;
    // Twenty purchases at once land in the placer's batches together.
    let one = [(general, 1)];
    let responses = futures::future::join_all((0..20).map(|_| app.buy(&hoarder, event, &one, None))).await;
    let placed = responses.iter().filter(|r| r.status == StatusCode::CREATED).count();
    let limited = responses.iter().filter(|r| code(r) == "ticket_limit").count();
    assert_eq!((placed, limited), (10, 10), "{:?}", responses.iter().map(|r| r.status).collect::<Vec<_>>());
    assert_eq!(app.stock(general).await, (0, 10));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn two_processes_placing_for_one_account_keep_its_limit(db: PgPool) {
    // Each app has its own placer, so their batches run side by side: only the lock on the
    // account row keeps them from both seeing room for ten.
    let settings = [("TESSERA_MAX_OPEN_ORDERS", "100")];
    let (a, b) = (TestApp::with_settings(db.clone(), &settings), TestApp::with_settings(db, &settings));
    let (event, general) = event_with(&a, 100).await;
    let hoarder = a.customer().await;
    let one = [(general, 1)];
    let (from_a, from_b) = tokio::join!(
        futures::future::join_all((0..12).map(|_| a.buy(&hoarder, event, &one, None))),
        futures::future::join_all((0..12).map(|_| b.buy(&hoarder, event, &one, None))),
    );
    let placed = from_a.iter().chain(&from_b).filter(|r| r.status == StatusCode::CREATED).count();
    assert_eq!(placed, 10);
    assert_eq!(a.stock(general).await, (0, 10));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn paying_late_for_released_holds_or_beyond_the_limit_sends_the_money_back(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_MAX_OPEN_ORDERS", "100")]);
    let (event, general) = event_with(&app, 30).await;
    let hoarder = app.customer().await;
    let hoarder_id: Uuid =
        sqlx::query_scalar("select account_id from account").fetch_one(&app.db).await.unwrap();
    let released = app.buy(&hoarder, event, &[(general, 4)], None).await.json();
    let admin = app.sign_in(true).await;
    app.post_json(
        &format!("/api/admin/events/{event}/release-holds"),
        json!({"account_id": hoarder_id}),
        Some(&admin),
    )
    .await;
    // Paid at once, with all the room in the world: released by an admin is released.
    pay_late_and_expect_refund(&app, &released, 4000).await;
    assert_eq!(app.stock(general).await, (0, 0));

    // An order let go, then the limit filled by new orders.
    let lapsed = app.buy(&hoarder, event, &[(general, 3)], None).await.json();
    app.expire_hold(lapsed["order_id"].as_str().unwrap().parse().unwrap()).await;
    assert_eq!(app.buy(&hoarder, event, &[(general, 10)], None).await.status, StatusCode::CREATED);
    pay_late_and_expect_refund(&app, &lapsed, 3000).await;
    assert_eq!(app.stock(general).await, (0, 10));
}

async fn pay_late_and_expect_refund(app: &TestApp, order: &serde_json::Value, total: i64) {
    let id: Uuid = order["order_id"].as_str().unwrap().parse().unwrap();
    let session = order["payment"]["provider_ref"].as_str().unwrap();
    let paid = app
        .stripe_event(&tessera_tests::checkout_event(
            "checkout.session.completed",
            session,
            id,
            total,
            "paid",
        ))
        .await;
    assert_eq!(paid.status, StatusCode::OK, "{}", paid.text());
    let (status, reason): (String, String) =
        sqlx::query_as("select status, refund_reason from payment where order_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), reason.as_str()), ("refund_due", "order_closed"), "the money goes back");
    assert_ne!(app.order_status(id).await, "paid");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn open_unpaid_orders_are_limited_per_account_and_seen_payments_count(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_MAX_OPEN_ORDERS", "2")]);
    let events = [event_with(&app, 10).await, event_with(&app, 10).await, event_with(&app, 10).await];
    let buyer = app.customer().await;
    let first = app.buy(&buyer, events[0].0, &[(events[0].1, 1)], None).await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(app.buy(&buyer, events[1].0, &[(events[1].1, 1)], None).await.status, StatusCode::CREATED);
    let third = app.buy(&buyer, events[2].0, &[(events[2].1, 1)], None).await;
    assert_eq!(third.status, StatusCode::CONFLICT, "{}", third.text());
    assert_eq!(code(&third), "too_many_open_orders");
    assert!(third.json()["error"]["message"].as_str().unwrap().contains("2 unpaid orders"));

    // An order kept past its hold because a payment was seen is still open.
    let first: Uuid = first.json()["order_id"].as_str().unwrap().parse().unwrap();
    sqlx::query(
        "update customer_order set payment_detected = true, expires_at = created_at + interval '1 second' where order_id = $1",
    )
    .bind(first)
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(code(&app.buy(&buyer, events[2].0, &[(events[2].1, 1)], None).await), "too_many_open_orders");

    // An order whose hold ran out (no payment seen) no longer counts.
    let second: Uuid = sqlx::query_scalar("select order_id from customer_order where order_id <> $1")
        .bind(first)
        .fetch_one(&app.db)
        .await
        .unwrap();
    app.expire_hold(second).await;
    assert_eq!(app.buy(&buyer, events[2].0, &[(events[2].1, 1)], None).await.status, StatusCode::CREATED);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn purchases_are_rate_limited_per_account_and_per_address(db: PgPool) {
    let app = TestApp::with_settings(
        db.clone(),
        &[("TESSERA_PURCHASES_PER_ACCOUNT", "3"), ("TESSERA_MAX_OPEN_ORDERS", "100")],
    );
    let (event, general) = event_with(&app, 100).await;
    let buyer = app.customer().await;
    for _ in 0..3 {
        assert_eq!(app.buy(&buyer, event, &[(general, 1)], None).await.status, StatusCode::CREATED);
    }
    let limited = app.buy(&buyer, event, &[(general, 1)], None).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "{}", limited.text());
    assert_eq!(code(&limited), "too_many_requests");
    let retry_after: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=600).contains(&retry_after), "{retry_after}");
    let message = limited.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(message.starts_with("Too many purchases. Try again in "), "{message}");
    assert_eq!(app.stock(general).await, (0, 3));

    // The buy page says when to try again.
    let page = app.get_with_cookie(&format!("/events/{}/buy", slug_of(&app, event).await), &buyer).await;
    let (csrf_cookie, token) = page.csrf();
    let quantity = format!("qty_{general}");
    let submitted = app
        .post_form(
            &format!("/events/{}/buy", slug_of(&app, event).await),
            &[
                ("csrf_token", &token),
                ("idempotency_key", "page-1"),
                (&quantity, "1"),
                ("payment_method", "card"),
            ],
            Some(&format!("{buyer}; {csrf_cookie}")),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!submitted.header("retry-after").is_empty());
    assert!(submitted.text().contains("Too many purchases. Try again in "), "{}", submitted.text());

    // One address, many accounts.
    let shared = TestApp::with_settings(
        db,
        &[("TESSERA_PURCHASES_PER_ADDRESS", "2"), ("TESSERA_MAX_OPEN_ORDERS", "100")],
    );
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let someone = shared.customer().await;
        statuses.push(shared.buy(&someone, event, &[(general, 1)], None).await.status.as_u16());
    }
    assert_eq!(statuses, [201, 201, 429]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn admins_see_who_holds_tickets_and_release_an_accounts_holds(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_MAX_OPEN_ORDERS", "100")]);
    let (event, general) = event_with(&app, 30).await;
    let hoarder = app.customer().await;
    let hoarder_email: String =
        sqlx::query_scalar("select email from account").fetch_one(&app.db).await.unwrap();
    let hoarder_id: Uuid =
        sqlx::query_scalar("select account_id from account").fetch_one(&app.db).await.unwrap();
    let mut orders = Vec::new();
    for quantity in [4, 3, 2] {
        let bought = app.buy(&hoarder, event, &[(general, quantity)], None).await;
        orders.push(bought.json()["order_id"].as_str().unwrap().parse::<Uuid>().unwrap());
    }
    // A payment was seen for the last one: money is on its way, the release leaves it.
    sqlx::query("update customer_order set payment_detected = true where order_id = $1")
        .bind(orders[2])
        .execute(&app.db)
        .await
        .unwrap();
    let other = app.customer().await;
    app.buy(&other, event, &[(general, 1)], None).await;
    let admin = app.sign_in(true).await;

    let holds = app.get_with_cookie(&format!("/api/admin/events/{event}/holds"), &admin).await;
    assert_eq!(holds.status, StatusCode::OK, "{}", holds.text());
    let holds = holds.json();
    assert_eq!(holds["limits"]["max_tickets_per_account"], 10);
    assert_eq!(holds["accounts"].as_array().unwrap().len(), 2);
    assert_eq!(holds["accounts"][0]["email"], hoarder_email.as_str());
    assert_eq!(holds["accounts"][0]["held"], 7);
    assert_eq!(holds["accounts"][0]["kept_for_payment"], 2);
    assert_eq!(holds["accounts"][0]["open_orders"], 3);
    let page = app.get_with_cookie(&format!("/admin/events/{event}/edit"), &admin).await;
    assert!(
        page.text().contains(&hoarder_email) && page.text().contains("Release 7 held"),
        "{}",
        page.text()
    );

    let released = app
        .post_json(
            &format!("/api/admin/events/{event}/release-holds"),
            json!({"account_id": hoarder_id}),
            Some(&admin),
        )
        .await;
    assert_eq!(released.status, StatusCode::OK, "{}", released.text());
    let mut closed: Vec<Uuid> = serde_json::from_value(released.json()["orders"].clone()).unwrap();
    closed.sort();
    let mut expected = orders[..2].to_vec();
    expected.sort();
    assert_eq!(closed, expected);
    assert_eq!(app.stock(general).await, (0, 3), "the seen payment's 2 and the other buyer's 1 stay held");
    for order in &orders[..2] {
        let (status, reason): (String, String) =
            sqlx::query_as("select status, status_reason from customer_order where order_id = $1")
                .bind(order)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert_eq!((status.as_str(), reason.as_str()), ("cancelled", "released_by_admin"));
    }
    let confirmation = app.get_with_cookie(&format!("/orders/{}", orders[0]), &hoarder).await;
    assert!(confirmation.text().contains("The organiser released the tickets"), "{}", confirmation.text());
    let audited: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'event.release_holds'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    // Again: nothing left to release, nothing audited.
    let again = app
        .post_json(
            &format!("/api/admin/events/{event}/release-holds"),
            json!({"account_id": hoarder_id}),
            Some(&admin),
        )
        .await;
    assert_eq!(again.json()["orders"], json!([]));
    // Customers cannot.
    let refused = app
        .post_json(
            &format!("/api/admin/events/{event}/release-holds"),
            json!({"account_id": hoarder_id}),
            Some(&other),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn guesses_from_many_addresses_do_not_lock_the_owner_out(db: PgPool) {
    let owner = TestApp::new(db.clone());
    let email = tessera_tests::unique_email("ana");
    let signed_up = owner
        .post_json(
            "/api/auth/signup",
            json!({"email": email, "password": "a long passphrase", "name": "Ana"}),
            None,
        )
        .await;
    assert_eq!(signed_up.status, StatusCode::ACCEPTED);
    // Eight addresses guess three times each: more failures than the account allows.
    let guessers: Vec<TestApp> = (0..8).map(|_| TestApp::new(db.clone())).collect();
    for guesser in &guessers {
        for _ in 0..3 {
            let guess = guesser
                .post_json("/api/auth/login", json!({"email": email, "password": "guess guess guess"}), None)
                .await;
            assert!(matches!(guess.status.as_u16(), 401 | 429), "{}", guess.status);
        }
    }
    // A guessing address is refused now, even with the right password...
    let guesser = guessers[0]
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(guesser.status, StatusCode::TOO_MANY_REQUESTS, "{}", guesser.text());
    // ...but the owner, who has not been failing, logs in.
    let login = owner
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.text());
}

async fn slug_of(app: &TestApp, event: Uuid) -> String {
    sqlx::query_scalar("select slug from event where event_id = $1")
        .bind(event)
        .fetch_one(&app.db)
        .await
        .unwrap()
}
