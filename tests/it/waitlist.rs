//! Waiting lists: places in arrival order, one per account; tickets that come back (a hold
//! that runs out, a refund) offered to the next in line as an order holding them, never more
//! offers than tickets; an unclaimed offer passing on; the offer's email.

use axum::http::{HeaderMap, Method, StatusCode, header};
use serde_json::json;
use sqlx::PgPool;
use tessera_api::waitlist::offer_round;
use tessera_core::order::PaymentMethod;
use tessera_core::waitlist;
use tessera_payments::sandbox::SandboxAction;
use tessera_tests::{TestApp, sample_event};
use uuid::Uuid;

async fn account_of(app: &TestApp, cookie: &str) -> Uuid {
    let me = app.get_with_cookie("/api/me", cookie).await.json();
    me["id"].as_str().unwrap().parse().unwrap()
}

async fn status_of(app: &TestApp, entry: Uuid) -> (String, Option<Uuid>) {
    sqlx::query_as("select status, order_id from waitlist_entry where entry_id = $1")
        .bind(entry)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// An order of one ticket bought by a new customer, paid on the card sandbox's page, its
/// tickets issued.
async fn paid_in_sandbox(app: &TestApp, event: Uuid) -> Uuid {
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 1)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let order: Uuid = bought.json()["order_id"].as_str().unwrap().parse().unwrap();
    pay_in_sandbox(app, bought.json()["payment"]["provider_ref"].as_str().unwrap(), order).await;
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    order
}

async fn pay_in_sandbox(app: &TestApp, session: &str, order: Uuid) {
    let sandbox = app.state.sandbox.clone().expect("the card sandbox plays Stripe");
    let (events, _) = sandbox.act(session, SandboxAction::Pay).await.unwrap().expect("open");
    for event in events {
        let response = app.stripe_event_signed(event.body, &event.signature).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    }
    assert_eq!(app.order_status(order).await, "paid");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn tickets_that_come_back_go_to_the_line_in_order_and_pass_on_when_unclaimed(db: PgPool) {
    let app = TestApp::new(db);
    let mut sold_out = sample_event("waitlist-fado", "Fado with a line", 20);
    sold_out.fields.ticket_types[0].capacity = 2;
    let event = app.insert_event(&sold_out).await;
    let general = app.ticket_types(event).await[0];
    let refunded = paid_in_sandbox(&app, event).await;
    let held_by = app.customer().await;
    let held = app.buy(&held_by, event, &[(general, 1)], None).await;
    let held: Uuid = held.json()["order_id"].as_str().unwrap().parse().unwrap();

    // Three in line, one ticket each, in this order; a second place for the same account is
    // refused, and so is a place while tickets are on sale.
    let mut line = Vec::new();
    let mut cookies = Vec::new();
    for _ in 0..3 {
        let cookie = app.customer().await;
        let account = account_of(&app, &cookie).await;
        let entry =
            waitlist::join(&app.db, account, event, general, 1, PaymentMethod::Card, "en").await.unwrap();
        assert_eq!(entry.position, Some(line.len() as i64 + 1));
        line.push(entry.entry_id);
        cookies.push(cookie);
    }
    let first = account_of(&app, &cookies[0]).await;
    assert!(matches!(
        waitlist::join(&app.db, first, event, general, 1, PaymentMethod::Card, "en").await,
        Err(waitlist::WaitlistError::AlreadyWaiting)
    ));
    let mut roomy = sample_event("waitlist-roomy", "Room to spare", 20);
    roomy.fields.ticket_types[0].capacity = 10;
    let roomy = app.insert_event(&roomy).await;
    assert!(matches!(
        waitlist::join(&app.db, first, roomy, app.ticket_types(roomy).await[0], 1, PaymentMethod::Card, "en")
            .await,
        Err(waitlist::WaitlistError::NotSoldOut)
    ));

    // Nothing came back: nothing is offered.
    assert_eq!(offer_round(&app.state).await.unwrap().offered, 0);

    // A hold runs out: its one ticket goes to the first in line, and only to them.
    app.expire_hold(held).await;
    let round = offer_round(&app.state).await.unwrap();
    assert_eq!(round.offered, 1);
    let (status, offer) = status_of(&app, line[0]).await;
    assert_eq!(status, "offered");
    let offer = offer.unwrap();
    assert_eq!(app.order_status(offer).await, "pending_payment");
    assert_eq!(app.stock(general).await, (1, 1), "one sold, one held for the offer: never more");
    assert_eq!(status_of(&app, line[1]).await.0, "waiting");
    // Held as long as an offer lasts (60 minutes by default), not a usual hold.
    let held_for: f64 = sqlx::query_scalar(
        "select extract(epoch from expires_at - created_at)::float8 from customer_order where order_id = $1",
    )
    .bind(offer)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!((3590.0..=3610.0).contains(&held_for), "{held_for}");
    // Their buy page says so and links to the order; the others see their place.
    let page = app.get_with_cookie("/events/waitlist-fado/buy", &cookies[0]).await.text();
    assert!(page.contains(&format!("/orders/{offer}")), "{page}");
    let page = app.get_with_cookie("/events/waitlist-fado/buy", &cookies[2]).await.text();
    assert!(page.contains("You are number 2 in line for 1 × General."), "{page}");

    // Unclaimed: when its hold runs out, the ticket passes to the next.
    app.expire_hold(offer).await;
    assert_eq!(offer_round(&app.state).await.unwrap().offered, 1);
    assert_eq!(status_of(&app, line[1]).await.0, "offered");
    assert_eq!(offer_round(&app.state).await.unwrap().lapsed, 1);
    assert_eq!(status_of(&app, line[0]).await.0, "lapsed");

    // The second pays: their place is claimed.
    let second_offer = status_of(&app, line[1]).await.1.unwrap();
    let session: String = sqlx::query_scalar("select provider_ref from payment where order_id = $1")
        .bind(second_offer)
        .fetch_one(&app.db)
        .await
        .unwrap();
    pay_in_sandbox(&app, &session, second_offer).await;
    assert_eq!(offer_round(&app.state).await.unwrap().claimed, 1);
    assert_eq!(status_of(&app, line[1]).await.0, "claimed");
    assert_eq!(status_of(&app, line[2]).await.0, "waiting");

    // A refund gives a ticket back: the third is offered it.
    let admin = app.sign_in(true).await;
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(header::COOKIE, admin.parse().unwrap());
    headers.insert("idempotency-key", "give-it-back".parse().unwrap());
    let refund = app
        .send(
            Method::POST,
            &format!("/api/admin/orders/{refunded}/refunds"),
            headers,
            json!({}).to_string().into(),
        )
        .await;
    assert_eq!(refund.status, StatusCode::CREATED, "{}", refund.text());
    assert_eq!(offer_round(&app.state).await.unwrap().offered, 1);
    assert_eq!(status_of(&app, line[2]).await.0, "offered");
    assert_eq!(app.stock(general).await, (1, 1));
    // Nobody is left waiting: more rounds change nothing.
    assert_eq!(offer_round(&app.state).await.unwrap().offered, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn customers_join_and_leave_on_the_buy_page_and_the_offer_is_emailed(db: PgPool) {
    let app = TestApp::new(db);
    let mut sold_out = sample_event("waitlist-page", "Fado, sold out", 20);
    sold_out.fields.ticket_types[0].capacity = 1;
    let event = app.insert_event(&sold_out).await;
    let general = app.ticket_types(event).await[0];
    let held = app.buy(&app.customer().await, event, &[(general, 1)], None).await;
    let held: Uuid = held.json()["order_id"].as_str().unwrap().parse().unwrap();

    let customer = app.customer().await;
    let page = app.get_with_cookie("/events/waitlist-page/buy", &customer).await;
    assert!(page.text().contains("Join the waiting list for General"), "{}", page.text());
    let (csrf, token) = page.csrf();
    let cookies = format!("{customer}; {csrf}");
    let general_id = general.to_string();
    let form = [
        ("csrf_token", token.as_str()),
        ("ticket_type_id", &general_id),
        ("quantity", "1"),
        ("payment_method", "card"),
    ];
    let joined = app.post_form("/events/waitlist-page/waitlist", &form, Some(&cookies)).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.text());
    let page = app.get_with_cookie("/events/waitlist-page/buy?waitlist=joined", &customer).await.text();
    assert!(page.contains("You are on the waiting list."));
    assert!(page.contains("You are number 1 in line for 1 × General."));
    assert!(!page.contains("Join the waiting list for General"), "one place per account");
    let again = app.post_form("/events/waitlist-page/waitlist", &form, Some(&cookies)).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad = [
        ("csrf_token", token.as_str()),
        ("ticket_type_id", &general_id),
        ("quantity", "11"),
        ("payment_method", "card"),
    ];
    assert_eq!(app.post_form("/events/waitlist-page/waitlist", &bad, Some(&cookies)).await.status, 422);

    // Leaving, then joining again: last in line.
    let entry: Uuid = sqlx::query_scalar("select entry_id from waitlist_entry where status = 'waiting'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let entry_id = entry.to_string();
    let left = app
        .post_form(
            "/events/waitlist-page/waitlist/leave",
            &[("csrf_token", &token), ("entry_id", &entry_id)],
            Some(&cookies),
        )
        .await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, entry).await.0, "left");
    assert_eq!(app.post_form("/events/waitlist-page/waitlist", &form, Some(&cookies)).await.status, 303);

    // The held ticket comes back and the offer is emailed, once.
    app.expire_hold(held).await;
    let round = offer_round(&app.state).await.unwrap();
    assert_eq!((round.offered, round.emailed), (1, 1));
    assert_eq!(offer_round(&app.state).await.unwrap().emailed, 0);
    let email: String = sqlx::query_scalar(
        "select a.email from waitlist_entry w join account a using (account_id) where w.status = 'offered'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let mail = tessera_tests::mail::Maildev::shared();
    let received = mail.wait_for(&email, 1).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["subject"], "Tickets for Fado, sold out are yours if you want them");
    let text = received[0]["text"].as_str().unwrap();
    assert!(text.contains("1 × General are held for you until"), "{text}");
    assert!(text.contains("/orders/"), "{text}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn tell_me_when_answers_each_request_once_when_a_match_is_published(db: PgPool) {
    let app = TestApp::new(db);
    let customer = app.customer().await;
    // From a search that found nothing, to the request.
    let empty = app.get("/search?q=Flamenco&city=Porto").await.text();
    assert!(
        empty.contains("/interests?q=Flamenco&amp;city=Porto")
            || empty.contains("/interests?q=Flamenco&#38;city=Porto"),
        "{empty}"
    );
    // Flamenco in Porto put on sale just before the request: edited after it, it is no answer.
    let mut earlier = sample_event("interest-earlier", "Flamenco we knew about", 40);
    earlier.fields.city = "Porto".into();
    app.insert_event(&earlier).await;
    let page = app.get_with_cookie("/interests?q=Flamenco&city=Porto", &customer).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("value=\"Porto\""));
    let (csrf, token) = page.csrf();
    let cookies = format!("{customer}; {csrf}");
    let ask = [("csrf_token", token.as_str()), ("city", "Porto"), ("category", ""), ("q", "Flamenco")];
    assert_eq!(app.post_form("/interests", &ask, Some(&cookies)).await.status, StatusCode::SEE_OTHER);
    assert_eq!(app.post_form("/interests", &ask, Some(&cookies)).await.status, 303, "asking twice keeps one");
    let nothing = [("csrf_token", token.as_str()), ("city", " "), ("category", ""), ("q", "")];
    assert_eq!(app.post_form("/interests", &nothing, Some(&cookies)).await.status, 422);
    let any_food = [("csrf_token", token.as_str()), ("city", "lisbon"), ("category", "food"), ("q", "")];
    assert_eq!(app.post_form("/interests", &any_food, Some(&cookies)).await.status, 303);
    let open: i64 = sqlx::query_scalar("select count(*) from interest").fetch_one(&app.db).await.unwrap();
    assert_eq!(open, 2);

    // Something else is published, in Porto too, and the draft is edited: nothing is sent.
    app.insert_event(&sample_event("interest-other", "Fado in Lisbon", 30)).await;
    let mut porto_fado = sample_event("interest-porto-fado", "Fado by the river", 30);
    porto_fado.fields.city = "Porto".into();
    app.insert_event(&porto_fado).await;
    sqlx::query(
        "update event set description = 'Edited.', updated_at = now() where slug = 'interest-earlier'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(tessera_api::interest::notify_round(&app.state).await.unwrap(), 0);
    // Words nobody could search for are refused; so is an unconfirmed address.
    let stop_words = [("csrf_token", token.as_str()), ("city", ""), ("category", ""), ("q", "the and")];
    assert_eq!(app.post_form("/interests", &stop_words, Some(&cookies)).await.status, 422);
    // Flamenco in Porto: one email, once.
    let mut flamenco = sample_event("interest-flamenco", "Flamenco by the river", 30);
    flamenco.fields.city = "Porto".into();
    app.insert_event(&flamenco).await;
    assert_eq!(tessera_api::interest::notify_round(&app.state).await.unwrap(), 1);
    assert_eq!(tessera_api::interest::notify_round(&app.state).await.unwrap(), 0);
    let email: String =
        sqlx::query_scalar("select a.email from interest i join account a using (account_id) limit 1")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let received = tessera_tests::mail::Maildev::shared().wait_for(&email, 1).await;
    assert_eq!(received[0]["subject"], "Flamenco by the river is on: you asked us to tell you");
    assert!(received[0]["text"].as_str().unwrap().contains("/events/interest-flamenco"));
    let listed = app.get_with_cookie("/interests", &customer).await.text();
    assert!(listed.contains("Answered on"), "{listed}");

    // The Market page counts them per city and category.
    let admin = app.sign_in(true).await;
    let market = app.get_with_cookie("/api/admin/market", &admin).await.json();
    let rows = market["interests"].as_array().unwrap();
    assert!(
        rows.iter()
            .any(|r| r["city"] == "Porto" && r["category"] == "" && r["answered"] == 1 && r["open"] == 0)
    );
    assert!(rows.iter().any(|r| r["city"] == "lisbon" && r["category"] == "food" && r["open"] == 1));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_large_request_keeps_its_place_while_the_next_who_fits_is_offered_once_across_processes(
    db: PgPool,
) {
    let app = TestApp::new(db);
    let mut sold_out = sample_event("waitlist-fit", "Fado for two", 20);
    sold_out.fields.ticket_types[0].capacity = 2;
    let event = app.insert_event(&sold_out).await;
    let general = app.ticket_types(event).await[0];
    let held = app.buy(&app.customer().await, event, &[(general, 1)], None).await;
    let held: Uuid = held.json()["order_id"].as_str().unwrap().parse().unwrap();
    app.buy(&app.customer().await, event, &[(general, 1)], None).await;
    let mut line = Vec::new();
    for quantity in [2, 1] {
        let account = account_of(&app, &app.customer().await).await;
        line.push(
            waitlist::join(&app.db, account, event, general, quantity, PaymentMethod::Card, "en")
                .await
                .unwrap(),
        );
    }
    // Asking for more than the ticket type holds is refused.
    let greedy = account_of(&app, &app.customer().await).await;
    assert!(matches!(
        waitlist::join(&app.db, greedy, event, general, 3, PaymentMethod::Card, "en").await,
        Err(waitlist::WaitlistError::Quantity)
    ));
    // One ticket comes back; two processes look at once: one offer, one email. (The outbox
    // relay's leader holds its own advisory lock all along: the rounds' locks are others.)
    let mut relay = app.db.acquire().await.unwrap();
    sqlx::query("select pg_advisory_lock($1)")
        .bind(0x7465_7373_6572_6101_i64)
        .execute(&mut *relay)
        .await
        .unwrap();
    app.expire_hold(held).await;
    let (a, b) = tokio::join!(offer_round(&app.state), offer_round(&app.state));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.offered + b.offered, 1);
    assert_eq!(a.emailed + b.emailed, 1);
    assert_eq!(status_of(&app, line[0].entry_id).await.0, "waiting", "the pair keeps its place");
    assert_eq!(status_of(&app, line[1].entry_id).await.0, "offered", "the one who fits gets the ticket");
    assert_eq!(app.stock(general).await, (0, 2));
    // An unconfirmed customer cannot join.
    let unverified = app.customer().await;
    sqlx::query("update account set email_verified_at = null where account_id = $1")
        .bind(account_of(&app, &unverified).await)
        .execute(&app.db)
        .await
        .unwrap();
    let page = app.get_with_cookie("/events/waitlist-fit/buy", &unverified).await;
    let (csrf, token) = page.csrf();
    let general_id = general.to_string();
    let form = [
        ("csrf_token", token.as_str()),
        ("ticket_type_id", &general_id),
        ("quantity", "1"),
        ("payment_method", "card"),
    ];
    let refused =
        app.post_form("/events/waitlist-fit/waitlist", &form, Some(&format!("{unverified}; {csrf}"))).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn tickets_that_come_back_are_the_lines_before_the_round_and_what_no_place_fits_stays_on_sale(
    db: PgPool,
) {
    let app = TestApp::new(db);
    let mut sold_out = sample_event("waitlist-first", "Fado, the line first", 20);
    sold_out.fields.ticket_types[0].capacity = 2;
    let event = app.insert_event(&sold_out).await;
    let general = app.ticket_types(event).await[0];
    let mut holds = Vec::new();
    for _ in 0..2 {
        let cookie = app.customer().await;
        let held = app.buy(&cookie, event, &[(general, 1)], None).await;
        holds.push((held.json()["order_id"].as_str().unwrap().parse::<Uuid>().unwrap(), cookie));
    }
    // A pair waits. One ticket comes back: no place in the line fits it, so anyone may buy it.
    let pair = account_of(&app, &app.customer().await).await;
    let pair = waitlist::join(&app.db, pair, event, general, 2, PaymentMethod::Card, "en").await.unwrap();
    app.expire_hold(holds[0].0).await;
    let quick_cookie = app.customer().await;
    let quick = app.buy(&quick_cookie, event, &[(general, 1)], None).await;
    assert_eq!(quick.status, StatusCode::CREATED, "{}", quick.text());
    let quick: Uuid = quick.json()["order_id"].as_str().unwrap().parse().unwrap();

    // Sold out again, one who wants a single ticket joins (and has three unpaid orders open
    // elsewhere just now). A hold is cancelled: its ticket is the line's before the round has
    // run. A buyer is told it is sold out, the buy page shows none left, and joining the line
    // stays open.
    let single_cookie = app.customer().await;
    let single = account_of(&app, &single_cookie).await;
    let single = waitlist::join(&app.db, single, event, general, 1, PaymentMethod::Card, "en").await.unwrap();
    let elsewhere = app.insert_event(&sample_event("waitlist-elsewhere", "Elsewhere", 25)).await;
    let elsewhere_type = app.ticket_types(elsewhere).await[0];
    for _ in 0..3 {
        let open = app.buy(&single_cookie, elsewhere, &[(elsewhere_type, 1)], None).await;
        assert_eq!(open.status, StatusCode::CREATED, "{}", open.text());
    }
    let (cancelled, owner) = &holds[1];
    let cancel = app.post_json(&format!("/api/orders/{cancelled}/cancel"), json!({}), Some(owner)).await;
    assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.text());
    assert_eq!(app.stock(general).await, (0, 1), "the ticket is free by the counters");
    let late = app.buy(&app.customer().await, event, &[(general, 1)], None).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.text());
    let late = late.json();
    assert_eq!(late["error"]["code"], "sold_out");
    assert_eq!(late["error"]["available"][0]["available"], 0, "{late}");
    let browsing = app.customer().await;
    let page = app.get_with_cookie("/events/waitlist-first/buy", &browsing).await.text();
    assert!(page.contains("Join the waiting list for General"), "{page}");
    let third = account_of(&app, &browsing).await;
    let third = waitlist::join(&app.db, third, event, general, 1, PaymentMethod::Card, "en").await.unwrap();
    assert_eq!(third.position, Some(3));

    // The round cannot serve the single one now (too many unpaid orders): it passes them over,
    // they keep their place, and the ticket goes to the next who fits.
    assert_eq!(offer_round(&app.state).await.unwrap().offered, 1);
    assert_eq!(status_of(&app, single.entry_id).await.0, "waiting");
    assert_eq!(status_of(&app, third.entry_id).await.0, "offered");
    assert_eq!(status_of(&app, pair.entry_id).await.0, "waiting");
    assert_eq!(app.stock(general).await, (0, 2), "never more held than the type has");

    // Another ticket comes back while the single one is passed over: only the pair waits for
    // tickets now, and one does not fit them, so it is on open sale at once.
    let cancel = app.post_json(&format!("/api/orders/{quick}/cancel"), json!({}), Some(&quick_cookie)).await;
    assert_eq!(cancel.status, StatusCode::OK, "{}", cancel.text());
    let open_sale = app.buy(&app.customer().await, event, &[(general, 1)], None).await;
    assert_eq!(open_sale.status, StatusCode::CREATED, "{}", open_sale.text());
    assert_eq!(status_of(&app, single.entry_id).await.0, "waiting", "they keep their place");
}
