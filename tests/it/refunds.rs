//! Refunds by card, end to end against the card sandbox (which plays Stripe: refunds, the
//! dashboard, disputes, and the signed events about each): an admin refunds all or part of an
//! order, refunds are asked for once, never exceed what was paid, void the tickets they give
//! back (the door refuses them), and money due back is sent back in one step. A cancelled event
//! refunds its card and Ethereum orders alike (Ethereum refunds on their own:
//! `eth_watcher::refunds`).

use axum::http::{HeaderMap, Method, StatusCode, header};
use serde_json::json;
use sqlx::PgPool;
use tessera_payments::sandbox::{SandboxAction, SandboxAfterward, SignedEvent};
use tessera_tests::{TestApp, TestResponse, sample_event};
use uuid::Uuid;

/// Delivers the sandbox's signed events to our webhook, in order, as Stripe would.
async fn deliver(app: &TestApp, events: Vec<SignedEvent>) {
    for event in events {
        let response = app.stripe_event_signed(event.body, &event.signature).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    }
}

/// An order of `quantity` tickets bought by a new customer and paid on the sandbox's hosted
/// page; its tickets issued. Returns the order, its checkout session and the buyer's cookie.
async fn paid_in_sandbox(app: &TestApp, event: Uuid, quantity: i32) -> (Uuid, String, String) {
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, quantity)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let order: Uuid = bought.json()["order_id"].as_str().unwrap().parse().unwrap();
    let session = bought.json()["payment"]["provider_ref"].as_str().unwrap().to_string();
    let sandbox = app.state.sandbox.clone().expect("the card sandbox plays Stripe");
    let (events, _) = sandbox.act(&session, SandboxAction::Pay).await.unwrap().expect("open");
    deliver(app, events).await;
    assert_eq!(app.order_status(order).await, "paid");
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    (order, session, buyer)
}

async fn tickets_of(app: &TestApp, order: Uuid) -> Vec<Uuid> {
    sqlx::query_scalar("select ticket_id from ticket where order_id = $1 order by position")
        .bind(order)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

async fn voided(app: &TestApp, order: Uuid) -> Vec<Option<String>> {
    sqlx::query_scalar("select void_reason from ticket where order_id = $1 order by position")
        .bind(order)
        .fetch_all(&app.db)
        .await
        .unwrap()
}

async fn refund(app: &TestApp, admin: &str, order: Uuid, key: &str, body: serde_json::Value) -> TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(header::COOKIE, admin.parse().unwrap());
    headers.insert("idempotency-key", key.parse().unwrap());
    app.send(Method::POST, &format!("/api/admin/orders/{order}/refunds"), headers, body.to_string().into())
        .await
}

async fn check_in(app: &TestApp, admin: &str, event: Uuid, ticket: Uuid) -> TestResponse {
    let token = tessera_core::ticket::sign(
        &tessera_core::ticket::TicketClaims { ticket_id: ticket, event_id: event },
        &app.state.ticket_key,
    );
    app.post_json("/api/admin/checkin", json!({"token": token, "event_id": event}), Some(admin)).await
}

/// Waits for the sandbox's background webhooks about refunds to have been applied.
async fn wait_for_inbox(app: &TestApp, event_type: &str, count: i64) {
    for _ in 0..100 {
        let seen: i64 = sqlx::query_scalar("select count(*) from webhook_inbox where event_type = $1")
            .bind(event_type)
            .fetch_one(&app.db)
            .await
            .unwrap();
        if seen >= count {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("{event_type} never arrived");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_refunds_a_whole_order_and_its_tickets_stop_admitting_anyone(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-all", "Refund All", 5)).await;
    let general = app.ticket_types(event).await[0];
    let (order, _, buyer) = paid_in_sandbox(&app, event, 2).await;
    assert_eq!(app.stock(general).await.0, 2, "two sold");
    let admin = app.sign_in(true).await;

    let refunded = refund(&app, &admin, order, "all-of-it", json!({})).await;

    assert_eq!(refunded.status, StatusCode::CREATED, "{}", refunded.text());
    let body = refunded.json();
    assert_eq!(body["status"], "succeeded", "the sandbox refunds cards at once, as Stripe mostly does");
    assert_eq!(body["amount"], "2000");
    assert_eq!(body["asset"], "EUR");
    assert_eq!(body["cause"], "admin");
    assert!(body["provider_ref"].as_str().unwrap().starts_with("re_sandbox_"));
    assert_eq!(app.order_status(order).await, "refunded");
    assert_eq!(voided(&app, order).await, vec![Some("refunded".to_string()); 2]);
    assert_eq!(app.stock(general).await.0, 0, "back on sale");
    // Stripe's own events about it arrive afterwards and change nothing more.
    wait_for_inbox(&app, "charge.refunded", 1).await;
    let refunds: i64 = sqlx::query_scalar("select count(*) from refund").fetch_one(&app.db).await.unwrap();
    assert_eq!(refunds, 1);

    // The customer sees it on their order, and the door refuses the tickets.
    let seen = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await;
    assert_eq!(seen.status, StatusCode::OK);
    let seen = seen.json();
    assert_eq!(seen["status"], "refunded");
    assert_eq!(seen["refunded_minor"], 2000);
    assert_eq!(seen["refunds"][0]["status"], "succeeded");
    assert_eq!(seen["refunds"][0]["destination"], "to the card you paid with");
    assert_eq!(seen["tickets"][0]["voided"], "refunded");
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("Refunded"), "{page}");
    let door = check_in(&app, &admin, event, tickets_of(&app, order).await[0]).await;
    assert_eq!(door.status, StatusCode::CONFLICT, "{}", door.text());
    assert_eq!(door.json()["error"]["code"], "ticket_voided");
    assert!(door.json()["error"]["message"].as_str().unwrap().contains("refunded"));

    // Nothing is left to refund.
    let again = refund(&app, &admin, order, "once-more", json!({})).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn partial_refunds_add_up_and_never_exceed_what_was_paid(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-part", "Refund Part", 5)).await;
    let (order, _, buyer) = paid_in_sandbox(&app, event, 3).await;
    let tickets = tickets_of(&app, order).await;
    let admin = app.sign_in(true).await;

    // One ticket, then a double click of the same request: one refund.
    let first = refund(&app, &admin, order, "one-ticket", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let again = refund(&app, &admin, order, "one-ticket", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()["id"], first.json()["id"]);
    assert_eq!(voided(&app, order).await, vec![Some("refunded".into()), None, None]);
    assert_eq!(app.order_status(order).await, "paid");
    let seen = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(seen["status_label"], "Paid, partly refunded");
    assert_eq!(seen["refunded_minor"], 1000);

    // The same ticket again, under another key, is refused: it was given back already.
    let twice = refund(&app, &admin, order, "one-ticket-again", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.text());
    assert_eq!(twice.json()["error"]["code"], "ticket_voided");

    // An amount: €15.00 of the €20.00 left is fine, then €5.01 is more than is left.
    let goodwill = refund(&app, &admin, order, "goodwill", json!({"amount_minor": 1500})).await;
    assert_eq!(goodwill.status, StatusCode::CREATED, "{}", goodwill.text());
    let too_much = refund(&app, &admin, order, "too-much", json!({"amount_minor": 501})).await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", too_much.text());
    assert_eq!(too_much.json()["error"]["code"], "refund_too_large");
    let zero = refund(&app, &admin, order, "zero", json!({"amount_minor": 0})).await;
    assert_eq!(zero.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", zero.text());
    let foreign = refund(&app, &admin, order, "foreign", json!({"tickets": [Uuid::now_v7()]})).await;
    assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", foreign.text());
    assert_eq!(foreign.json()["error"]["code"], "unknown_ticket");

    // The last €5.00 with the rest: all money back, so the order is refunded, every ticket void.
    let rest = refund(&app, &admin, order, "rest", json!({})).await;
    assert_eq!(rest.status, StatusCode::CREATED, "{}", rest.text());
    assert_eq!(rest.json()["amount"], "500");
    assert_eq!(app.order_status(order).await, "refunded");
    assert!(voided(&app, order).await.iter().all(Option::is_some));
    let total: i64 = sqlx::query_scalar("select sum(amount)::bigint from refund where status = 'succeeded'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(total, 3000, "never more than was paid");

    // Only admins refund.
    let customer = refund(&app, &buyer, order, "mine", json!({})).await;
    assert_eq!(customer.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_checked_in_ticket_is_refunded_only_when_an_admin_overrides_and_that_is_audited(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-door", "Refund Door", 5)).await;
    let (order, _, _) = paid_in_sandbox(&app, event, 2).await;
    let tickets = tickets_of(&app, order).await;
    let admin = app.sign_in(true).await;
    assert_eq!(check_in(&app, &admin, event, tickets[0]).await.status, StatusCode::OK);

    let refused = refund(&app, &admin, order, "door-1", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert_eq!(refused.json()["error"]["code"], "ticket_checked_in");
    let whole = refund(&app, &admin, order, "door-2", json!({})).await;
    assert_eq!(whole.status, StatusCode::CONFLICT, "the whole order includes it: {}", whole.text());
    assert_eq!(voided(&app, order).await, vec![None, None], "nothing changed");

    let overridden =
        refund(&app, &admin, order, "door-3", json!({"tickets": [tickets[0]], "override_checked_in": true}))
            .await;
    assert_eq!(overridden.status, StatusCode::CREATED, "{}", overridden.text());
    assert_eq!(overridden.json()["checked_in_override"], true);
    let audited: serde_json::Value =
        sqlx::query_scalar("select after from audit_log where action = 'refund.request' and subject = $1")
            .bind(overridden.json()["id"].as_str().unwrap())
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(audited["checked_in_override"], true);
    assert_eq!(audited["tickets"][0], tickets[0].to_string());
    // The audit page lists it.
    let page = app.get_with_cookie("/admin/audit", &admin).await.text();
    assert!(page.contains("refund.request"), "{page}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_dispute_voids_the_tickets_and_its_outcome_is_recorded(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("dispute", "Dispute", 5)).await;
    let sandbox = app.state.sandbox.clone().unwrap();
    let admin = app.sign_in(true).await;

    // Opened, then won: the tickets admit again.
    let (won, session, _) = paid_in_sandbox(&app, event, 2).await;
    deliver(&app, sandbox.afterward(&session, SandboxAfterward::Dispute).await.unwrap().unwrap()).await;
    assert_eq!(voided(&app, won).await, vec![Some("disputed".to_string()); 2]);
    let door = check_in(&app, &admin, event, tickets_of(&app, won).await[0]).await;
    assert_eq!(door.status, StatusCode::CONFLICT);
    assert!(door.json()["error"]["message"].as_str().unwrap().contains("disputed"), "{}", door.text());
    let payment: (String, String) =
        sqlx::query_as("select dispute_status, dispute_ref from payment where order_id = $1")
            .bind(won)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(payment.0, "needs_response");
    assert!(payment.1.starts_with("dp_sandbox_"));
    assert!(sandbox.afterward(&session, SandboxAfterward::Dispute).await.unwrap().is_none(), "once");
    deliver(&app, sandbox.afterward(&session, SandboxAfterward::DisputeWon).await.unwrap().unwrap()).await;
    assert_eq!(voided(&app, won).await, vec![None, None]);
    assert_eq!(app.order_status(won).await, "paid");

    // Opened, then lost: the money went back through the bank; the order is refunded.
    let (lost, session, _) = paid_in_sandbox(&app, event, 1).await;
    deliver(&app, sandbox.afterward(&session, SandboxAfterward::Dispute).await.unwrap().unwrap()).await;
    deliver(&app, sandbox.afterward(&session, SandboxAfterward::DisputeLost).await.unwrap().unwrap()).await;
    assert_eq!(app.order_status(lost).await, "refunded");
    assert_eq!(voided(&app, lost).await, vec![Some("refunded".to_string())]);
    let shown = app.get_with_cookie(&format!("/api/admin/orders/{lost}"), &admin).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.text());
    assert_eq!(shown.json()["payments"][0]["dispute_status"], "lost");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_made_in_stripes_dashboard_is_recorded_once(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("dashboard", "Dashboard", 5)).await;
    let sandbox = app.state.sandbox.clone().unwrap();
    let (order, session, _) = paid_in_sandbox(&app, event, 2).await;

    let events = sandbox.afterward(&session, SandboxAfterward::DashboardRefund).await.unwrap().unwrap();
    // Stripe may deliver an event twice: it counts once.
    deliver(&app, events.clone()).await;
    deliver(&app, events).await;

    let recorded: Vec<(String, String, String)> =
        sqlx::query_as("select reason, status, amount::text from refund where order_id = $1")
            .bind(order)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(recorded, vec![("outside".to_string(), "succeeded".to_string(), "2000".to_string())]);
    assert_eq!(app.order_status(order).await, "refunded");
    assert!(voided(&app, order).await.iter().all(Option::is_some));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn money_due_back_goes_back_in_one_step_and_leaves_the_list(db: PgPool) {
    let app = TestApp::new(db);
    let mut sold_out = sample_event("due-back", "Due Back", 5);
    sold_out.fields.ticket_types[0].capacity = 1;
    let event = app.insert_event(&sold_out).await;
    let general = app.ticket_types(event).await[0];
    // A buyer's hold ends before they pay; someone else buys the last ticket; then the first
    // buyer pays, late, for tickets that are gone.
    let late = app.customer().await;
    let bought = app.buy(&late, event, &[(general, 1)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let late_order: Uuid = bought.json()["order_id"].as_str().unwrap().parse().unwrap();
    let late_session = bought.json()["payment"]["provider_ref"].as_str().unwrap().to_string();
    app.expire_hold(late_order).await;
    tessera_core::order::release_expired_holds(&app.db, None, 10).await.unwrap();
    paid_in_sandbox(&app, event, 1).await;
    let sandbox = app.state.sandbox.clone().unwrap();
    let (events, _) = sandbox.act(&late_session, SandboxAction::Pay).await.unwrap().unwrap();
    deliver(&app, events).await;

    let admin = app.sign_in(true).await;
    let listed = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    let due = &listed["refunds"][0];
    assert_eq!(due["reason"], "sold_out_after_expiry");
    let payment = due["payment_id"].as_str().unwrap().to_string();

    // The admin page offers the button; pressing it twice refunds once.
    let page = app.get_with_cookie("/admin/refunds", &admin).await;
    let html = page.text();
    assert!(html.contains(&format!("/admin/refunds/payments/{payment}")), "{html}");
    let mut headers = HeaderMap::new();
    headers.insert(header::COOKIE, admin.parse().unwrap());
    headers.insert("idempotency-key", "due-1".parse().unwrap());
    let first = app
        .send(Method::POST, &format!("/api/admin/payments/{payment}/refund"), headers.clone(), "".into())
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    assert_eq!(first.json()["status"], "succeeded");
    assert_eq!(first.json()["detail"], "sold_out_after_expiry");
    let second =
        app.send(Method::POST, &format!("/api/admin/payments/{payment}/refund"), headers, "".into()).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_eq!(second.json()["id"], first.json()["id"]);

    let status: String = sqlx::query_scalar("select status from payment where payment_id = $1::uuid")
        .bind(&payment)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "refunded");
    let listed = app.get_with_cookie("/api/admin/refunds", &admin).await.json();
    assert_eq!(listed["refunds"].as_array().unwrap().len(), 0, "{listed}");
    assert_eq!(listed["issued"][0]["status"], "succeeded");
    assert_eq!(app.order_status(late_order).await, "expired", "the late order stays closed");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_refunds_list_pages_through_every_entry_newest_first(db: PgPool) {
    let app = TestApp::new(db);
    // 520 card payments for orders we do not have, one a minute.
    sqlx::query(
        r#"insert into unmatched_payment (unmatched_payment_id, provider, provider_event_id, provider_ref,
                                          provider_payment_ref, currency, amount_minor, created_at)
           select gen_random_uuid(), 'stripe', 'evt_' || n, 'cs_' || n, 'pi_' || n, 'eur', 100 + n,
                  now() - make_interval(mins => n)
           from generate_series(1, 520) n"#,
    )
    .execute(&app.db)
    .await
    .unwrap();
    let admin = app.sign_in(true).await;

    let mut seen = std::collections::HashSet::new();
    let mut uri = "/api/admin/refunds".to_string();
    let mut last: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = app.get_with_cookie(&uri, &admin).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        let page = page.json();
        for row in page["unmatched"].as_array().unwrap() {
            let at = row["received_at"].as_str().unwrap().to_string();
            if let Some(last) = &last {
                assert!(at <= *last, "newest first");
            }
            last = Some(at);
            assert!(seen.insert(row["unmatched_payment_id"].as_str().unwrap().to_string()), "each once");
        }
        pages += 1;
        match page["next_before"].as_str() {
            Some(cursor) => {
                uri = format!(
                    "/api/admin/refunds?{}",
                    serde_urlencoded::to_string([("before", cursor)]).unwrap()
                )
            }
            None => break,
        }
    }
    assert_eq!(seen.len(), 520);
    assert_eq!(pages, 6);
    // The page shows a link to the next one.
    let html = app.get_with_cookie("/admin/refunds", &admin).await.text();
    assert!(html.contains("Next page"), "{html}");
    let bad = app.get_with_cookie("/api/admin/refunds?before=yesterday", &admin).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_refunds_tickets_from_the_order_page(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-page", "Refund Page", 5)).await;
    let (order, _, _) = paid_in_sandbox(&app, event, 2).await;
    let tickets = tickets_of(&app, order).await;
    let admin = app.sign_in(true).await;

    let page = app.get_with_cookie(&format!("/admin/orders/{order}"), &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains(&format!("name=\"ticket_{}\"", tickets[1])), "{html}");
    let (csrf, token) = page.csrf();
    let cookie = format!("{admin}; {csrf}");
    let key = html.split("name=\"key\" value=\"").nth(1).unwrap().split('"').next().unwrap();
    let ticket_field = format!("ticket_{}", tickets[1]);
    let done = app
        .post_form(
            &format!("/admin/orders/{order}/refund"),
            &[("csrf_token", &token), ("key", key), (&ticket_field, "on"), ("amount", "")],
            Some(&cookie),
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
    assert_eq!(voided(&app, order).await, vec![None, Some("refunded".to_string())]);
    let after = app.get_with_cookie(&format!("/admin/orders/{order}?refunded=1"), &admin).await.text();
    assert!(after.contains("Paid, partly refunded"), "{after}");
    assert!(after.contains("badge-refund-succeeded"), "{after}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_customer_is_emailed_once_what_goes_back_where_and_when(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-mail", "Fado Refunded", 5)).await;
    let (order, _, _) = paid_in_sandbox(&app, event, 3).await;
    let tickets = tickets_of(&app, order).await;
    let admin = app.sign_in(true).await;
    let email: String = sqlx::query_scalar(
        "select a.email from customer_order o join account a using (account_id) where o.order_id = $1",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let maildev = tessera_tests::mail::Maildev::shared();
    let mailer = tessera_ticketing::mail::Mailer::new(
        &maildev.smtp_url,
        "Tessera <tickets@tessera.test>".parse().unwrap(),
    )
    .unwrap();
    let send = || {
        tessera_ticketing::notices::send_due(
            &app.db,
            &mailer,
            &app.state.config.public_url,
            std::time::Duration::from_secs(20),
        )
    };

    let refunded = refund(&app, &admin, order, "mail-1", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(refunded.status, StatusCode::CREATED, "{}", refunded.text());
    // Card money is announced once it went back: the provider's word may still be on its way.
    for _ in 0..100 {
        let status: String = sqlx::query_scalar("select status from refund where order_id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
        if status == "succeeded" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(send().await.unwrap(), 1);
    assert_eq!(send().await.unwrap(), 0, "once");

    let emails = maildev.wait_for(&email, 1).await;
    let message = &emails[0];
    assert_eq!(message["subject"], "Your refund of €10.00 for Fado Refunded");
    let text = message["text"].as_str().unwrap();
    assert!(text.contains("We have refunded €10.00 to the card you paid with."), "{text}");
    assert!(text.contains("1 of your 3 tickets is cancelled; the others stay valid."), "{text}");
    assert!(text.contains("5 to 10 business days"), "{text}");
    assert!(message["html"].as_str().unwrap().contains("€10.00 refunded"));
    let notified: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("select notified_at from refund where order_id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(notified.is_some());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn keys_belong_to_one_refund_and_a_refund_handed_to_stripe_cannot_be_cancelled(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-keys", "Refund Keys", 5)).await;
    let (first, _, _) = paid_in_sandbox(&app, event, 1).await;
    let (second, _, _) = paid_in_sandbox(&app, event, 1).await;
    let admin = app.sign_in(true).await;

    let done = refund(&app, &admin, first, "shared-key", json!({"amount_minor": 100})).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.text());
    let reused = refund(&app, &admin, second, "shared-key", json!({"amount_minor": 100})).await;
    assert_eq!(reused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reused.text());
    assert_eq!(reused.json()["error"]["code"], "idempotency_key_reused");

    let id = done.json()["id"].as_str().unwrap().to_string();
    let cancelled = app.post_json(&format!("/api/admin/refunds/{id}/cancel"), json!({}), Some(&admin)).await;
    assert_eq!(cancelled.status, StatusCode::CONFLICT, "{}", cancelled.text());
    assert_eq!(cancelled.json()["error"]["code"], "refund_sent");

    // A refund asked for but never handed to the provider (the process stopped in between) can
    // be withdrawn: its tickets admit again.
    let ticket = tickets_of(&app, second).await[0];
    let ask = tessera_core::refund::OrderRefund {
        order_id: second,
        scope: tessera_core::refund::Scope::Tickets(vec![ticket]),
        cause: tessera_core::refund::RefundCause::Admin,
        requested_by: None,
        by_admin: false,
        idempotency_key: "never-sent".into(),
        override_checked_in: false,
        fee_minor: 0,
    };
    let (waiting, _) = tessera_core::refund::request_for_order(&app.db, &ask).await.unwrap();
    assert_eq!(voided(&app, second).await, vec![Some("refunded".to_string())]);
    let withdrawn =
        app.post_json(&format!("/api/admin/refunds/{}/cancel", waiting.id), json!({}), Some(&admin)).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text());
    assert_eq!(withdrawn.json()["status"], "cancelled");
    assert_eq!(voided(&app, second).await, vec![None]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn finance_sees_each_refund_as_money_out_beside_its_receipt(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-ledger", "Refund Ledger", 5)).await;
    let sandbox = app.state.sandbox.clone().unwrap();
    let (partly, _, _) = paid_in_sandbox(&app, event, 2).await;
    let (disputed, session, _) = paid_in_sandbox(&app, event, 1).await;
    let admin = app.sign_in(true).await;
    let done = refund(&app, &admin, partly, "ledger-1", json!({"amount_minor": 500})).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.text());
    deliver(&app, sandbox.afterward(&session, SandboxAfterward::Dispute).await.unwrap().unwrap()).await;

    let filter = tessera_core::reconcile::Filter { time_zone: "UTC".into(), ..Default::default() };
    let rows = tessera_core::reconcile::ledger(&app.db, &filter).await.unwrap();
    let row = |order: Uuid| rows.iter().find(|r| r.order_id == Some(order)).unwrap();
    assert_eq!(row(partly).refunded_base.as_deref(), Some("500"));
    assert_eq!(row(partly).refunded.as_deref(), Some("5"));
    assert!(row(partly).refunds.as_deref().unwrap().ends_with(" succeeded"));
    assert_eq!(row(partly).discrepancy, None, "a refund the admin chose is not a discrepancy");
    assert_eq!(row(disputed).discrepancy, Some(tessera_core::reconcile::Discrepancy::Disputed));
    assert_eq!(row(disputed).dispute_status.as_deref(), Some("needs_response"));
    let csv = tessera_core::reconcile::to_csv(&rows);
    assert!(csv.lines().next().unwrap().ends_with(",refunded,refunding,refunds,dispute_status,chain_id"));
    assert!(csv.contains(",disputed,"), "{csv}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn analytics_show_gross_refunded_and_net_per_currency(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("refund-stats", "Refund Stats", 5)).await;
    let (partly, _, _) = paid_in_sandbox(&app, event, 2).await;
    let (whole, _, _) = paid_in_sandbox(&app, event, 1).await;
    let admin = app.sign_in(true).await;
    assert_eq!(
        refund(&app, &admin, partly, "stats-1", json!({"amount_minor": 500})).await.status,
        StatusCode::CREATED
    );
    assert_eq!(refund(&app, &admin, whole, "stats-2", json!({})).await.status, StatusCode::CREATED);

    let today = chrono::Utc::now().date_naive();
    let range = tessera_core::analytics::Range {
        from: today - chrono::Duration::days(1),
        to: today + chrono::Duration::days(1),
        time_zone: "UTC".into(),
        event_id: None,
    };
    let report = tessera_core::analytics::report(&app.db, &range).await.unwrap();
    let eur = report.received.iter().find(|r| r.asset == "EUR").expect("EUR received");
    assert_eq!(
        (eur.amount_base.as_str(), eur.refunded_base.as_str(), eur.net_base.as_str()),
        ("3000", "1500", "1500")
    );
    assert_eq!(eur.orders, 2, "the refunded order was paid too");
    let page = app.get_with_cookie("/admin/analytics", &admin).await.text();
    assert!(page.contains("refunded €15.00 · net €15.00"), "{page}");
}

async fn put_policy(app: &TestApp, admin: &str, event: Uuid, body: serde_json::Value) -> TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(header::COOKIE, admin.parse().unwrap());
    app.send(
        Method::PUT,
        &format!("/api/admin/events/{event}/refund-policy"),
        headers,
        body.to_string().into(),
    )
    .await
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn customers_cancel_their_own_orders_only_while_the_events_policy_allows(db: PgPool) {
    let app = TestApp::new(db);
    // Five days away.
    let event = app.insert_event(&sample_event("self-cancel", "Self Cancel", 5)).await;
    let (order, _, buyer) = paid_in_sandbox(&app, event, 2).await;
    let admin = app.sign_in(true).await;
    let confirmation = |cookie: String| {
        let app = &app;
        async move { app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &cookie).await.json() }
    };

    // No policy: no self-service refunds.
    assert!(confirmation(buyer.clone()).await["refund_offer"].is_null());
    let refused = app.post_json(&format!("/api/orders/{order}/refund"), json!({}), Some(&buyer)).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert!(refused.json()["error"]["message"].as_str().unwrap().contains("does not offer refunds"));

    // Until six days before: too late already.
    let set = put_policy(&app, &admin, event, json!({"until_hours_before": 144, "fee_percent": 0})).await;
    assert_eq!(set.status, StatusCode::OK, "{}", set.text());
    assert!(confirmation(buyer.clone()).await["refund_offer"].is_null());
    let late = app.post_json(&format!("/api/orders/{order}/refund"), json!({}), Some(&buyer)).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text());
    assert!(late.json()["error"]["message"].as_str().unwrap().contains("too late"));

    // Until two days before, keeping 10%: €18.00 of €20.00 comes back.
    let set = put_policy(&app, &admin, event, json!({"until_hours_before": 48, "fee_percent": 10})).await;
    assert_eq!(set.json()["policy"]["fee_percent"], 10.0);
    let offer = confirmation(buyer.clone()).await["refund_offer"].clone();
    assert_eq!(
        (offer["refund_minor"].as_i64(), offer["fee_minor"].as_i64()),
        (Some(1800), Some(200)),
        "{offer}"
    );
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("Cancel and get €18.00 back"), "{page}");
    assert!(page.contains("keeps a fee of €2.00"), "{page}");
    // Someone else cannot.
    let stranger = app.customer().await;
    let theirs = app.post_json(&format!("/api/orders/{order}/refund"), json!({}), Some(&stranger)).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);

    let done = app.post_json(&format!("/api/orders/{order}/refund"), json!({}), Some(&buyer)).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.text());
    let body = done.json();
    assert_eq!(body["status"], "refunded", "every ticket went back, the fee stayed");
    assert_eq!(body["refunds"][0]["amount_minor"], 1800);
    assert_eq!(body["refunds"][0]["status"], "succeeded");
    assert!(body["refund_offer"].is_null());
    assert_eq!(voided(&app, order).await, vec![Some("refunded".to_string()); 2]);
    let again = app.post_json(&format!("/api/orders/{order}/refund"), json!({}), Some(&buyer)).await;
    assert_eq!(again.status, StatusCode::OK, "once: {}", again.text());
    let refunds: i64 = sqlx::query_scalar("select count(*) from refund where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(refunds, 1);

    // Out of range policies are refused; null removes it.
    let bad = put_policy(&app, &admin, event, json!({"until_hours_before": 48, "fee_percent": 101})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let removed = put_policy(&app, &admin, event, json!(null)).await;
    assert!(removed.json()["policy"].is_null(), "{}", removed.text());
}

/// €10 at 2,000 EUR/ETH.
const TEN_EUR_IN_WEI: u64 = 5_000_000_000_000_000;

/// An order of one €10 ticket of `event` paid in ETH on `chain` and confirmed, its ticket issued.
async fn paid_in_eth(
    app: &TestApp,
    chain: &tessera_tests::eth::EthChain,
    watcher: &tessera_chain_watcher::eth::EthWatcher,
    event: Uuid,
) -> Uuid {
    let general = app.ticket_types(event).await[0];
    let buyer = tessera_tests::eth::account(&app.db).await;
    let (order, total) = tessera_tests::eth::place_eth_order(&app.db, buyer, event, general, 1).await;
    let eth = ("ETH", alloy::primitives::Address::ZERO, 18);
    let amount = alloy::primitives::U256::from(TEN_EUR_IN_WEI);
    let (_, quote, signature) = chain.quote_order(&app.db, order, total, eth, amount, "2000").await;
    chain.pay_eth(&quote, &signature).await;
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    order
}

/// An order of one ticket of `event` paid in bitcoin on the BTCPay sandbox's page and
/// confirmed, its ticket issued.
async fn paid_in_bitcoin(app: &TestApp, event: Uuid) -> Uuid {
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body = json!({"items": [{"ticket_type_id": general, "quantity": 1}], "payment_method": "btc"});
    let bought = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let order: Uuid = bought.json()["order_id"].as_str().unwrap().parse().unwrap();
    let invoice = bought.json()["payment"]["provider_ref"].as_str().unwrap().to_string();
    for action in ["pay", "confirm"] {
        let clicked = app.post_form(&format!("/sandbox/btcpay/i/{invoice}/{action}"), &[], None).await;
        assert_eq!(clicked.status, StatusCode::SEE_OTHER, "{}", clicked.text());
    }
    // The sandbox's webhook arrives in the background; the invoice read back settles it.
    app.state.btc_settlement.as_ref().unwrap().sync(None, &invoice).await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    order
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn cancelling_an_event_refunds_every_paid_order_exactly_once_across_a_crash(db: PgPool) {
    let app =
        TestApp::served(db, &[("TESSERA_BTCPAY_SANDBOX", "on"), ("TESSERA_BTCPAY_POLL_SECONDS", "3600")])
            .await;
    let chain = tessera_tests::eth::EthChain::start().await;
    let watcher = chain.watcher(app.db.clone(), tessera_payments::eth::Confirmations::Blocks(1), 2000);
    let mut big = sample_event("cancelled-night", "Cancelled Night", 5);
    big.fields.ticket_types[0].capacity = 500;
    let event = app.insert_event(&big).await;
    // 200 paid orders on every rail: by card, one in ten in ETH through the contract, one in
    // ten in bitcoin through BTCPay.
    let mut orders = Vec::new();
    let mut eth_orders = Vec::new();
    let mut btc_orders = Vec::new();
    for n in 0..200 {
        match n % 10 {
            9 => eth_orders.push(paid_in_eth(&app, &chain, &watcher, event).await),
            8 => btc_orders.push(paid_in_bitcoin(&app, event).await),
            _ => orders.push(paid_in_sandbox(&app, event, 1).await.0),
        }
    }
    let customer_before =
        alloy::providers::Provider::get_balance(&chain.provider, chain.customer).await.unwrap();
    let admin = app.sign_in(true).await;
    let version: i32 = sqlx::query_scalar("select version from event where event_id = $1")
        .bind(event)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let cancelled = app
        .post_json(
            &format!("/api/admin/events/edit/{event}"),
            json!({"version": version, "status": "cancelled"}),
            Some(&admin),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());

    // The job asks for 70 refunds, then the process dies before sending any.
    let (asked, skipped) = tessera_core::refund::refund_cancelled_events(&app.db, &[], 70).await.unwrap();
    assert_eq!((asked.len(), skipped.len()), (70, 0));
    // Restarted: the job carries on with the rest and sends them; the waiting card and bitcoin
    // ones are sent by the sender once they are older than a fresh request, the Ethereum ones
    // by the chain-watcher's refund wallet (killed halfway too: it sends, then a second watcher
    // goes on from what is stored).
    let restarted = tessera_api::state::AppState::clone(&app.state);
    assert_eq!(tessera_api::refunds::refund_cancelled_events(&restarted).await.unwrap(), 130);
    sqlx::query("update refund set created_at = now() - interval '1 minute' where status = 'requested'")
        .execute(&app.db)
        .await
        .unwrap();
    let card_waiting: i64 =
        sqlx::query_scalar("select count(*) from refund where status = 'requested' and rail <> 'eth'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(tessera_api::refunds::send_waiting(&restarted).await.unwrap() as i64, card_waiting);
    assert_eq!(tessera_api::refunds::refund_cancelled_events(&restarted).await.unwrap(), 0, "nothing left");
    assert_eq!(watcher.send_refunds().await.unwrap().sent, 20);
    let again = chain.watcher(app.db.clone(), tessera_payments::eth::Confirmations::Blocks(1), 2000);
    assert_eq!(again.send_refunds().await.unwrap().sent, 0, "sent once");
    chain.refunds_mined().await;
    again.catch_up().await.unwrap();
    // Bitcoin refunds are pull payments: each buyer claims theirs, and BTCPay pays it out.
    let claims: Vec<String> =
        sqlx::query_scalar("select claim_url from refund where rail = 'btc' and status = 'sent'")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(claims.len(), 20, "one pull payment per bitcoin order");
    for claim in &claims {
        let path = claim.split_once("/sandbox/").map(|(_, rest)| format!("/sandbox/{rest}")).unwrap();
        let claimed =
            app.post_form(&path, &[("destination", "bcrt1qcustomeraddress0000000000000000000")], None).await;
        assert_eq!(claimed.status, StatusCode::SEE_OTHER, "{}", claimed.text());
    }
    assert_eq!(tessera_api::refunds::follow_btc_claims(&restarted).await.unwrap(), 20);

    let per_order: Vec<(Uuid, i64, String)> = sqlx::query_as(
        r#"select o.order_id, count(f.refund_id), coalesce(sum(f.amount), 0)::text
           from customer_order o left join refund f on f.order_id = o.order_id and f.status = 'succeeded'
           where o.event_id = $1 group by o.order_id"#,
    )
    .bind(event)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(per_order.len(), 200);
    for (order, refunds, amount) in &per_order {
        let paid = if eth_orders.contains(order) {
            TEN_EUR_IN_WEI.to_string()
        } else if btc_orders.contains(order) {
            // All the invoice settled, in satoshis.
            sqlx::query_scalar::<_, String>(
                "select sum(amount_sat)::text from btc_receipt where order_id = $1 and status = 'settled'",
            )
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap()
        } else {
            "1000".into()
        };
        assert_eq!((*refunds, amount), (1, &paid), "each exactly once: {order}");
    }
    for order in orders.iter().chain(&eth_orders).chain(&btc_orders) {
        assert_eq!(app.order_status(*order).await, "refunded");
    }
    let customer_after =
        alloy::providers::Provider::get_balance(&chain.provider, chain.customer).await.unwrap();
    assert_eq!(customer_after - customer_before, alloy::primitives::U256::from(20 * TEN_EUR_IN_WEI));
    let reasons: Vec<String> =
        sqlx::query_scalar("select distinct reason from refund").fetch_all(&app.db).await.unwrap();
    assert_eq!(reasons, vec!["event_cancelled".to_string()]);
    let progress = tessera_core::refund::cancellation_progress(&app.db, event).await.unwrap();
    assert_eq!(
        (progress.paid_orders, progress.refunded, progress.pending, progress.failed),
        (200, 200, 0, 0)
    );
    let page = app.get_with_cookie(&format!("/admin/events/{event}/edit"), &admin).await.text();
    assert!(page.contains("200 of 200"), "{page}");
}
