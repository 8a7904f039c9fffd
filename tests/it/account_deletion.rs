//! Deleting an account: refused while something is under way, then what is the customer's own
//! goes (sessions, demand records, requests, places in line, the address tickets went to) and
//! the orders and tickets stay; no order is placed for the account afterwards.

use axum::http::{HeaderMap, Method, StatusCode, header};
use serde_json::json;
use sqlx::PgPool;
use tessera_core::order::{BuyError, BuyItem, NewOrder, PaymentMethod, place_order};
use tessera_tests::{TestApp, sample_event};
use uuid::Uuid;

const PASSWORD: &str = "a long passphrase";

async fn delete_me(app: &TestApp, cookie: &str, password: &str) -> tessera_tests::TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(header::COOKIE, cookie.parse().unwrap());
    app.send(Method::DELETE, "/api/me", headers, json!({ "password": password }).to_string().into()).await
}

async fn count(app: &TestApp, table: &str, account: Uuid) -> i64 {
    sqlx::query_scalar(&format!("select count(*) from {table} where account_id = $1"))
        .bind(account)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_customer_deletes_their_account_and_keeps_their_tickets(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("deletion-fado", "Fado to remember", 20)).await;
    let mut full = sample_event("deletion-full", "A full house", 21);
    full.fields.ticket_types[0].capacity = 1;
    let full = app.insert_event(&full).await;
    app.paid_order(full, 1).await;

    // A paying customer (with a password they know), who browsed, asked to be told, waits in a
    // line, and has a second device signed in.
    let (order, email, cookie) = app.paid_order(event, 2).await;
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    drop(conn);
    let account: Uuid =
        app.get_with_cookie("/api/me", &cookie).await.json()["id"].as_str().unwrap().parse().unwrap();
    let hash = tessera_core::account::hash_password(PASSWORD);
    sqlx::query(
        "update account set password_hash = $2, home_country = 'PT', home_city = 'Lisbon', home_asked_at = now()
         where account_id = $1",
    )
        .bind(account)
        .bind(hash.0.as_str())
        .execute(&app.db)
        .await
        .unwrap();
    let other_device = tessera_core::account::create_session(&app.db, account).await.unwrap();
    let mut tx = app.db.begin().await.unwrap();
    tessera_core::account::issue_token(&mut tx, account, tessera_core::account::TokenPurpose::ResetPassword)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(app.get_with_cookie("/events/deletion-fado", &cookie).await.status, StatusCode::OK);
    app.state.demand.flush().await;
    assert!(count(&app, "demand_event", account).await > 0, "the visit is recorded as theirs");
    tessera_core::interest::create(&app.db, account, "Porto", "concert", "", "en").await.unwrap();
    let general_full = app.ticket_types(full).await[0];
    tessera_core::waitlist::join(&app.db, account, full, general_full, 1, PaymentMethod::Card, "en")
        .await
        .unwrap();

    // The tickets are still being emailed: not now.
    let refused = delete_me(&app, &cookie, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert_eq!(refused.json()["error"]["code"], "account_in_use");
    assert_eq!(
        refused.json()["error"]["message"],
        "Your tickets are still being emailed to you. Try again in a few minutes."
    );
    sqlx::query(
        "insert into delivery (order_id, status, sent_at, pdf_key, recipient)
         values ($1, 'sent', now(), 'tickets/test.pdf', $2)",
    )
    .bind(order)
    .bind(&email)
    .execute(&app.db)
    .await
    .unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    assert!(tessera_core::order::fulfil(&mut conn, order).await.unwrap());
    drop(conn);
    let order_status = app.order_status(order).await;

    // An unpaid order: not now either; the page says why and shows no form.
    let general = app.ticket_types(event).await[0];
    let held = app.buy(&cookie, event, &[(general, 1)], None).await;
    assert_eq!(held.status, StatusCode::CREATED, "{}", held.text());
    let held: Uuid = held.json()["order_id"].as_str().unwrap().parse().unwrap();
    let refused = delete_me(&app, &cookie, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.json()["error"]["message"].as_str().unwrap().contains("waiting for its payment"));
    let page = app.get_with_cookie("/account/delete", &cookie).await.text();
    assert!(page.contains("You have an order waiting for its payment."), "{page}");
    assert!(page.contains("You have 2 tickets for events still to come."), "{page}");
    assert!(!page.contains("action=\"/account/delete\""), "{page}");
    app.expire_hold(held).await;

    // A wrong password changes nothing.
    let wrong = delete_me(&app, &cookie, "not my password").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", wrong.text());
    assert_eq!(count(&app, "session", account).await, 2);

    // Tickets paid in bitcoin for an event to come: a cancellation's refund would need the
    // address, so not before the event.
    let set_method = |method: &'static str| {
        sqlx::query("update customer_order set payment_method = $2 where order_id = $1")
            .bind(order)
            .bind(method)
    };
    set_method("btc").execute(&app.db).await.unwrap();
    let refused = delete_me(&app, &cookie, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.json()["error"]["message"].as_str().unwrap().contains("bitcoin"), "{}", refused.text());
    set_method("card").execute(&app.db).await.unwrap();

    // Deleted, from the account page's form (in the language they chose).
    sqlx::query("update account set locale = 'pt' where account_id = $1")
        .bind(account)
        .execute(&app.db)
        .await
        .unwrap();
    let page = app.get_with_cookie("/account", &cookie).await;
    assert!(page.text().contains("href=\"/account/delete\""));
    let form_page = app.get_with_cookie("/account/delete", &cookie).await;
    assert!(form_page.text().contains("action=\"/account/delete\""), "{}", form_page.text());
    let (csrf, token) = form_page.csrf();
    let done = app
        .post_form(
            "/account/delete",
            &[("csrf_token", token.as_str()), ("password", PASSWORD)],
            Some(&format!("{cookie}; {csrf}")),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert_eq!(done.headers[header::LOCATION], "/account/deleted");
    let cleared = done.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    let goodbye = app.get("/account/deleted").await;
    assert_eq!(goodbye.status, StatusCode::OK);
    assert!(goodbye.text().contains("Your account is deleted"));

    // Every device is signed out; the old address and password open nothing, and the address
    // is free for a new account.
    assert_eq!(app.get_with_cookie("/api/me", &cookie).await.status, StatusCode::UNAUTHORIZED);
    let other = format!("{}={}", app.session_cookie_name(), other_device.as_cookie_value());
    assert_eq!(app.get_with_cookie("/api/me", &other).await.status, StatusCode::UNAUTHORIZED);
    let login = app.post_json("/api/auth/login", json!({"email": email, "password": PASSWORD}), None).await;
    assert_eq!(login.status, StatusCode::UNAUTHORIZED, "{}", login.text());
    let again = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email, "password": PASSWORD, "name": "Back Again"}),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::ACCEPTED, "{}", again.text());

    // What was theirs is gone; the row is a tombstone.
    for table in ["session", "account_token", "demand_event", "interest", "waitlist_entry"] {
        assert_eq!(count(&app, table, account).await, 0, "{table}");
    }
    let (verified, locale, asked): (bool, Option<String>, bool) = sqlx::query_as(
        "select email_verified_at is not null, locale, home_asked_at is not null from account where account_id = $1",
    )
    .bind(account)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((verified, locale, asked), (false, None, false));
    let (stored_email, name, home_country, home_city, deleted): (String, String, Option<String>, Option<String>, bool) =
        sqlx::query_as(
            "select email, name, home_country, home_city, deleted_at is not null from account where account_id = $1",
        )
        .bind(account)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored_email, format!("deleted-{account}@deleted.invalid"));
    assert_eq!((name.as_str(), home_country, home_city, deleted), ("—", None, None, true));
    let recipient: Option<String> = sqlx::query_scalar("select recipient from delivery where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(recipient, None);
    // Their paid order and its tickets stay, valid.
    assert_eq!(app.order_status(order).await, order_status);
    let valid: i64 =
        sqlx::query_scalar("select count(*) from ticket where order_id = $1 and voided_at is null")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(valid, 2);

    // A session made for it afterwards (a login racing the deletion) opens nothing, a link
    // issued for it is never stored, and no order is placed for it even by a purchase that
    // passed its checks before the deletion committed.
    let ghost = tessera_core::account::create_session(&app.db, account).await.unwrap();
    let ghost = format!("{}={}", app.session_cookie_name(), ghost.as_cookie_value());
    assert_eq!(app.get_with_cookie("/api/me", &ghost).await.status, StatusCode::UNAUTHORIZED);
    let mut tx = app.db.begin().await.unwrap();
    tessera_core::account::issue_token(&mut tx, account, tessera_core::account::TokenPurpose::ResetPassword)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(count(&app, "account_token", account).await, 0);
    let items = [BuyItem { ticket_type_id: general, quantity: 1 }];
    let late = place_order(
        &app.db,
        &NewOrder {
            account_id: account,
            event_id: event,
            items: &items,
            method: PaymentMethod::Card,
            idempotency_key: None,
            hold: chrono::Duration::minutes(15),
            max_open_orders: 3,
            locale: "en",
        },
    )
    .await;
    assert!(matches!(late, Err(BuyError::EventNotFound)), "{late:?}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn staff_cannot_delete_their_own_account(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let refused = delete_me(&app, &admin, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert_eq!(refused.json()["error"]["code"], "account_in_use");
    assert_eq!(refused.json()["error"]["message"], "Admin accounts cannot be deleted from the shop.");
    let door = app.sign_in(false).await;
    sqlx::query("update account set role = 'door' where account_id = $1")
        .bind(
            app.get_with_cookie("/api/me", &door).await.json()["id"]
                .as_str()
                .unwrap()
                .parse::<Uuid>()
                .unwrap(),
        )
        .execute(&app.db)
        .await
        .unwrap();
    let refused = delete_me(&app, &door, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert!(refused.json()["error"]["message"].as_str().unwrap().starts_with("Door staff accounts"));
    let deleted: i64 = sqlx::query_scalar("select count(*) from account where deleted_at is not null")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(deleted, 0);
}
