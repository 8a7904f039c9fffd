//! The buying pages: the buy form, the order page's states, the account's order list.

use axum::http::StatusCode;
use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};
use uuid::Uuid;

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_customer_buys_through_the_pages_and_sees_the_order_settle(db: PgPool) {
    let app = TestApp::new(db);
    let mut event = sample_event("page-buy", "Página Viva", 5);
    event.fields.ticket_types[0].capacity = 3;
    let event_id = app.insert_event(&event).await;
    let general = app.ticket_types(event_id).await[0];
    let buyer = app.customer().await;

    assert!(
        app.get("/events/page-buy").await.text().contains("/events/page-buy/buy"),
        "the event page links to buying"
    );
    let anonymous = app.get("/events/page-buy/buy").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.header("location"), "/login?next=/events/page-buy/buy");

    let page = app.get_with_cookie("/events/page-buy/buy", &buyer).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("only 3 left"), "{html}");
    assert!(html.contains(&format!("name=\"qty_{general}\"")));
    assert!(html.contains("value=\"card\""));
    assert!(html.contains("sandbox"));
    let (csrf_cookie, token) = page.csrf();
    let key = html
        .split("name=\"idempotency_key\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let cookies = format!("{buyer}; {csrf_cookie}");
    let quantity = format!("qty_{general}");

    let too_many = app
        .post_form(
            "/events/page-buy/buy",
            &[
                ("csrf_token", &token),
                ("idempotency_key", "k2"),
                (&quantity, "4"),
                ("payment_method", "card"),
            ],
            Some(&cookies),
        )
        .await;
    assert_eq!(too_many.status, StatusCode::CONFLICT);
    assert!(too_many.text().contains("Only 3 General left."), "{}", too_many.text());

    let fields = [
        ("csrf_token", token.as_str()),
        ("idempotency_key", key.as_str()),
        (quantity.as_str(), "2"),
        ("payment_method", "card"),
    ];
    let submitted = app.post_form("/events/page-buy/buy", &fields, Some(&cookies)).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.text());
    assert!(submitted.header("location").contains("/sandbox/checkout/cs_test_"));
    // A double submit of the same form is the same order.
    let twice = app.post_form("/events/page-buy/buy", &fields, Some(&cookies)).await;
    assert_eq!(twice.header("location"), submitted.header("location"));
    assert_eq!(app.stock(general).await, (0, 2));

    let order: Uuid =
        sqlx::query_scalar("select order_id from customer_order").fetch_one(&app.db).await.unwrap();
    let waiting = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await;
    assert_eq!(waiting.status, StatusCode::OK);
    assert!(waiting.text().contains("Waiting for payment"));
    assert!(waiting.text().contains("/sandbox/checkout/cs_test_"), "a link back to the checkout");
    assert!(waiting.text().contains("data-poll"), "a pending order follows itself");

    let back = app.get_with_cookie(&format!("/orders/{order}?checkout=success"), &buyer).await;
    assert!(back.text().contains("Confirming your payment"), "{}", back.text());

    let checkout = submitted.header("location");
    let path = &checkout[checkout.find("/sandbox/").unwrap()..];
    app.post_form(&format!("{path}/pay"), &[], None).await;
    app.wait_for_status(order, "paid").await;
    let paid = app.get_with_cookie(&format!("/orders/{order}?checkout=success"), &buyer).await;
    assert!(paid.text().contains("<strong>Paid.</strong>"), "{}", paid.text());
    // Paid: it follows itself only until the tickets can be downloaded.
    assert!(paid.text().contains("data-wait-tickets"), "{}", paid.text());
    let mail = tessera_tests::mail::Maildev::shared();
    let delivered = app.worker(&mail.smtp_url, "test-order-pages:", |_| {}).deliver(order).await;
    assert_eq!(delivered, tessera_ticketing::worker::Handled::Delivered);
    let fulfilled = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await;
    assert!(!fulfilled.text().contains("data-poll"), "a settled order stops asking");
    assert!(fulfilled.text().contains(&format!("/api/orders/{order}/tickets.pdf")));

    let account = app.get_with_cookie("/account", &buyer).await;
    assert!(account.text().contains(&format!("/orders/{order}")));
    assert!(account.text().contains("Página Viva"));
    assert!(account.text().contains(">Paid, tickets sent<"), "{}", account.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_customer_can_cancel_a_pending_order_from_its_page(db: PgPool) {
    let app = TestApp::new(db);
    let event_id = app.insert_event(&sample_event("page-cancel", "Cancel Me", 5)).await;
    let general = app.ticket_types(event_id).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event_id, &[(general, 2)], None).await;
    let order = bought.json()["order_id"].as_str().unwrap().to_string();

    let page = app.get_with_cookie(&format!("/orders/{order}?checkout=cancelled"), &buyer).await;
    assert!(page.text().contains("You left the checkout without paying"));
    let (csrf_cookie, token) = page.csrf();
    let cancelled = app
        .post_form(
            &format!("/orders/{order}/cancel"),
            &[("csrf_token", &token)],
            Some(&format!("{buyer}; {csrf_cookie}")),
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);

    assert_eq!(app.stock(general).await, (0, 0));
    let after = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await;
    assert!(after.text().contains("You cancelled this order"));
}
