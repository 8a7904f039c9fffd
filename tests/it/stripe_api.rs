//! Card checkout against Stripe's REST API, played by an in-process fake that follows Stripe's
//! published behaviour and records what we send (form fields, idempotency key, auth).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;
use sqlx::PgPool;
use tessera_tests::{TestApp, checkout_event, sample_event};
use uuid::Uuid;

const SECRET_KEY: &str = "sk_test_tessera";

/// A request as the fake received it: path, headers, form fields.
type Recorded = (String, HeaderMap, Vec<(String, String)>);

#[derive(Default)]
struct Fake {
    fail: bool,
    /// (path, headers, form) of every request.
    requests: Vec<Recorded>,
    /// idempotency key → session id
    keys: HashMap<String, String>,
    /// session id → status
    sessions: HashMap<String, String>,
    /// idempotency key → the refund answered for it
    refund_keys: HashMap<String, serde_json::Value>,
    /// payment intent → refunded so far (Stripe units)
    refunded: HashMap<String, i64>,
    /// What each payment intent collected (Stripe units), as the test set it up.
    collected: HashMap<String, i64>,
}

type Shared = Arc<Mutex<Fake>>;

fn stripe_error(status: StatusCode, message: &str) -> Response {
    (status, axum::Json(json!({"error": {"type": "invalid_request_error", "message": message}})))
        .into_response()
}

fn authorized(headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {SECRET_KEY}"))
}

async fn create_session(State(fake): State<Shared>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let mut fake = fake.lock().unwrap();
    fake.requests.push(("/v1/checkout/sessions".into(), headers.clone(), form));
    if !authorized(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    if fake.fail {
        return stripe_error(StatusCode::INTERNAL_SERVER_ERROR, "An unknown error occurred");
    }
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let next = format!("cs_test_fake{}", fake.sessions.len() + 1);
    let id = fake.keys.entry(key).or_insert(next).clone();
    fake.sessions.entry(id.clone()).or_insert_with(|| "open".into());
    axum::Json(json!({
        "id": id, "object": "checkout.session", "status": "open", "payment_status": "unpaid",
        "url": format!("https://checkout.stripe.com/c/pay/{id}"),
    }))
    .into_response()
}

async fn expire_session(State(fake): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let mut fake = fake.lock().unwrap();
    fake.requests.push((format!("/v1/checkout/sessions/{id}/expire"), headers.clone(), Vec::new()));
    if !authorized(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    match fake.sessions.get_mut(&id) {
        Some(status) if status == "open" => {
            *status = "expired".into();
            axum::Json(json!({"id": id, "object": "checkout.session", "status": "expired"})).into_response()
        }
        Some(_) => stripe_error(
            StatusCode::BAD_REQUEST,
            "Only Checkout Sessions with a status of open can be expired.",
        ),
        None => stripe_error(StatusCode::NOT_FOUND, "No such checkout.session"),
    }
}

async fn get_session(State(fake): State<Shared>, Path(id): Path<String>) -> Response {
    let fake = fake.lock().unwrap();
    match fake.sessions.get(&id) {
        Some(status) => {
            axum::Json(json!({"id": id, "object": "checkout.session", "status": status})).into_response()
        }
        None => stripe_error(StatusCode::NOT_FOUND, "No such checkout.session"),
    }
}

/// Stripe's own example Refund object (`fixtures3.json`), which the fake answers in the shape
/// of.
fn example_refund() -> serde_json::Value {
    let path = tessera_tests::vendor_specs::path("stripe/fixtures3.json");
    let fixtures: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    fixtures["resources"]["refund"].clone()
}

/// `POST /v1/refunds`: refunds part or all of a payment intent, never more than it collected,
/// once per idempotency key (the same key with other parameters is an error, as at Stripe).
async fn create_refund(State(fake): State<Shared>, headers: HeaderMap, body: String) -> Response {
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let mut fake = fake.lock().unwrap();
    fake.requests.push(("/v1/refunds".into(), headers.clone(), form.clone()));
    if !authorized(&headers) {
        return stripe_error(StatusCode::UNAUTHORIZED, "Invalid API Key provided");
    }
    if fake.fail {
        return stripe_error(StatusCode::INTERNAL_SERVER_ERROR, "An unknown error occurred");
    }
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let key = headers.get("idempotency-key").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    if let Some(answer) = fake.refund_keys.get(&key) {
        if answer["_form"] != json!(body) {
            return stripe_error(
                StatusCode::BAD_REQUEST,
                "Keys for idempotent requests can only be used with the same parameters they were first used with.",
            );
        }
        let mut answer = answer.clone();
        answer.as_object_mut().unwrap().remove("_form");
        return axum::Json(answer).into_response();
    }
    let Some(payment_intent) = field("payment_intent") else {
        return stripe_error(StatusCode::BAD_REQUEST, "You must pass either a charge or a payment_intent");
    };
    let Some(&collected) = fake.collected.get(&payment_intent) else {
        return stripe_error(StatusCode::NOT_FOUND, &format!("No such payment_intent: '{payment_intent}'"));
    };
    let already = fake.refunded.get(&payment_intent).copied().unwrap_or(0);
    let amount: i64 = field("amount").and_then(|a| a.parse().ok()).unwrap_or(collected - already);
    if amount <= 0 || already + amount > collected {
        return stripe_error(
            StatusCode::BAD_REQUEST,
            &format!(
                "Refund amount ({amount}) is greater than unrefunded amount on charge ({})",
                collected - already
            ),
        );
    }
    fake.refunded.insert(payment_intent.clone(), already + amount);
    let mut refund = example_refund();
    let metadata: serde_json::Map<String, serde_json::Value> = form
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("metadata[").and_then(|k| k.strip_suffix(']')).map(|k| (k.to_string(), json!(v)))
        })
        .collect();
    let object = refund.as_object_mut().unwrap();
    object.insert("id".into(), json!(format!("re_fake{}", fake.refund_keys.len() + 1)));
    object.insert("amount".into(), json!(amount));
    object.insert("payment_intent".into(), json!(payment_intent));
    object.insert("metadata".into(), serde_json::Value::Object(metadata));
    object.insert("reason".into(), json!(field("reason")));
    object.insert("status".into(), json!("pending"));
    let mut stored = refund.clone();
    stored.as_object_mut().unwrap().insert("_form".into(), json!(body));
    fake.refund_keys.insert(key, stored);
    axum::Json(refund).into_response()
}

/// Starts the fake on a free port; returns its state and base URL.
async fn fake_stripe() -> (Shared, String) {
    let fake: Shared = Arc::default();
    let app = Router::new()
        .route("/v1/checkout/sessions", post(create_session))
        .route("/v1/checkout/sessions/{id}", get(get_session))
        .route("/v1/checkout/sessions/{id}/expire", post(expire_session))
        .route("/v1/refunds", post(create_refund))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    (fake, format!("http://{address}"))
}

fn app_with_stripe(db: PgPool, base: &str) -> TestApp {
    TestApp::with_settings(
        db,
        &[
            ("TESSERA_STRIPE_SECRET_KEY", SECRET_KEY),
            ("TESSERA_STRIPE_WEBHOOK_SECRET", "whsec_live_endpoint"),
            ("TESSERA_STRIPE_API_BASE", base),
            ("TESSERA_PUBLIC_URL", "https://tickets.example.org"),
        ],
    )
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn with_stripe_keys_the_checkout_is_opened_through_stripes_api(db: PgPool) {
    let (fake, base) = fake_stripe().await;
    let app = app_with_stripe(db, &base);
    let event = app.insert_event(&sample_event("stripe-night", "Stripe Night", 5)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;

    let bought = app.buy(&buyer, event, &[(general, 3)], None).await;

    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let body = bought.json();
    let order: Uuid = body["order_id"].as_str().unwrap().parse().unwrap();
    assert_eq!(body["payment"]["provider_ref"], "cs_test_fake1");
    assert_eq!(body["payment"]["redirect_url"], "https://checkout.stripe.com/c/pay/cs_test_fake1");
    {
        let fake = fake.lock().unwrap();
        let (_, headers, form) = &fake.requests[0];
        assert_eq!(headers["idempotency-key"], format!("tessera-checkout-{order}").as_str());
        assert_eq!(headers["content-type"], "application/x-www-form-urlencoded");
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        assert_eq!(field("mode"), Some("payment"));
        assert_eq!(field("client_reference_id"), Some(order.to_string().as_str()));
        assert_eq!(field("line_items[0][price_data][currency]"), Some("eur"));
        assert_eq!(field("line_items[0][price_data][unit_amount]"), Some("1000"));
        assert_eq!(field("line_items[0][quantity]"), Some("3"));
        assert_eq!(field("line_items[0][price_data][product_data][name]"), Some("Stripe Night — General"));
        let success = format!("https://tickets.example.org/orders/{order}?checkout=success");
        assert_eq!(field("success_url"), Some(success.as_str()));
        assert!(field("customer_email").unwrap().ends_with("@example.org"));
    }
    // No sandbox while real keys are set.
    assert_eq!(app.get("/sandbox/checkout/cs_test_fake1").await.status, StatusCode::NOT_FOUND);

    // The hold runs out: the sweeper expires the session at Stripe.
    app.expire_hold(order).await;
    tessera_api::tasks::sweep_orders_once(&app.state).await.unwrap();
    assert_eq!(fake.lock().unwrap().sessions["cs_test_fake1"], "expired");
    let payment: String = sqlx::query_scalar("select status from payment where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(payment, "expired");

    // Stripe's webhook, signed with the endpoint's secret, is what pays an order.
    let paid = checkout_event("checkout.session.completed", "cs_test_fake1", order, 3000, "paid");
    let body = paid.to_string();
    let signature = tessera_payments::stripe::signature::sign(
        body.as_bytes(),
        "whsec_live_endpoint",
        chrono::Utc::now().timestamp(),
    );
    assert_eq!(app.stripe_event_signed(body, &signature).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid", "paid late, with the tickets still there");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn when_stripe_is_down_nothing_is_held_and_the_buyer_is_told(db: PgPool) {
    let (fake, base) = fake_stripe().await;
    fake.lock().unwrap().fail = true;
    let app = app_with_stripe(db, &base);
    let event = app.insert_event(&sample_event("stripe-down", "Stripe Down", 5)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;

    let bought = app.buy(&buyer, event, &[(general, 2)], None).await;

    assert_eq!(bought.status, StatusCode::BAD_GATEWAY, "{}", bought.text());
    assert_eq!(bought.json()["error"]["code"], "payment_unavailable");
    assert_eq!(app.stock(general).await, (0, 0));
    let status: String =
        sqlx::query_scalar("select status from customer_order").fetch_one(&app.db).await.unwrap();
    assert_eq!(status, "failed");
}

/// A paid order of `quantity` × the event's first ticket type, paid with payment intent `pi`
/// (which the fake knows collected `collected` in Stripe's units).
async fn paid_through_stripe(
    app: &TestApp,
    fake: &Shared,
    event: Uuid,
    quantity: i32,
    pi: &str,
    collected: i64,
    currency: &str,
) -> Uuid {
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, quantity)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let body = bought.json();
    let order: Uuid = body["order_id"].as_str().unwrap().parse().unwrap();
    let session = body["payment"]["provider_ref"].as_str().unwrap().to_string();
    fake.lock().unwrap().collected.insert(pi.to_string(), collected);
    let mut paid = checkout_event("checkout.session.completed", &session, order, collected, "paid");
    paid["data"]["object"]["payment_intent"] = json!(pi);
    paid["data"]["object"]["currency"] = json!(currency);
    let body = paid.to_string();
    let signature = tessera_payments::stripe::signature::sign(
        body.as_bytes(),
        "whsec_live_endpoint",
        chrono::Utc::now().timestamp(),
    );
    assert_eq!(app.stripe_event_signed(body, &signature).await.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid");
    order
}

async fn admin_refund(
    app: &TestApp,
    admin: &str,
    order: Uuid,
    key: &str,
    body: serde_json::Value,
) -> tessera_tests::TestResponse {
    let mut headers = axum::http::HeaderMap::new();
    headers.insert(axum::http::header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(axum::http::header::COOKIE, admin.parse().unwrap());
    headers.insert("idempotency-key", key.parse().unwrap());
    app.send(
        axum::http::Method::POST,
        &format!("/api/admin/orders/{order}/refunds"),
        headers,
        axum::body::Body::from(body.to_string()),
    )
    .await
}

async fn issue_tickets(app: &TestApp, order: Uuid) {
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_goes_to_stripe_once_in_stripes_shape_and_its_events_finish_it(db: PgPool) {
    let (fake, base) = fake_stripe().await;
    let app = app_with_stripe(db, &base);
    let event = app.insert_event(&sample_event("stripe-refund", "Stripe Refund", 5)).await;
    let order = paid_through_stripe(&app, &fake, event, 2, "pi_refund_me", 2000, "eur").await;
    issue_tickets(&app, order).await;
    let tickets: Vec<Uuid> =
        sqlx::query_scalar("select ticket_id from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_all(&app.db)
            .await
            .unwrap();
    let admin = app.sign_in(true).await;

    // One ticket back: €10.00 of the €20.00.
    let first = admin_refund(&app, &admin, order, "refund-one", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());
    let refund = first.json();
    assert_eq!(refund["status"], "sent", "Stripe answered pending");
    assert_eq!(refund["amount"], "1000");
    assert_eq!(refund["provider_ref"], "re_fake1");
    let refund_id = refund["id"].as_str().unwrap().to_string();
    {
        let fake = fake.lock().unwrap();
        let (path, headers, form) = fake.requests.last().unwrap();
        assert_eq!(path, "/v1/refunds");
        assert_eq!(headers["idempotency-key"], format!("tessera-refund-{refund_id}").as_str());
        assert_eq!(headers["stripe-version"], tessera_payments::stripe::API_VERSION);
        let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
        assert_eq!(field("payment_intent"), Some("pi_refund_me"));
        assert_eq!(field("amount"), Some("1000"));
        assert_eq!(field("metadata[refund_id]"), Some(refund_id.as_str()));
    }

    // A double click: the same refund, and nothing more asked of Stripe.
    let requests = fake.lock().unwrap().requests.len();
    let again = admin_refund(&app, &admin, order, "refund-one", json!({"tickets": [tickets[0]]})).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.text());
    assert_eq!(again.json()["id"], refund_id.as_str());
    assert_eq!(fake.lock().unwrap().requests.len(), requests);

    // Stripe's `refund.updated` (succeeded) finishes it; the order is partly refunded.
    let mut updated = example_refund();
    updated["id"] = json!("re_fake1");
    updated["amount"] = json!(1000);
    updated["currency"] = json!("eur");
    updated["payment_intent"] = json!("pi_refund_me");
    updated["status"] = json!("succeeded");
    updated["metadata"] = json!({"refund_id": refund_id});
    let event_body = json!({"id": "evt_refund_1", "object": "event", "type": "refund.updated",
                            "created": chrono::Utc::now().timestamp(), "data": {"object": updated}})
    .to_string();
    let signature = tessera_payments::stripe::signature::sign(
        event_body.as_bytes(),
        "whsec_live_endpoint",
        chrono::Utc::now().timestamp(),
    );
    assert_eq!(app.stripe_event_signed(event_body, &signature).await.status, StatusCode::OK);
    let status: String = sqlx::query_scalar("select status from refund where refund_id = $1::uuid")
        .bind(&refund_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "succeeded");
    assert_eq!(app.order_status(order).await, "paid", "partly refunded stays paid");

    // More than is left (€10.00) is refused, and Stripe is not asked.
    let too_much = admin_refund(&app, &admin, order, "refund-big", json!({"amount_minor": 1001})).await;
    assert_eq!(too_much.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", too_much.text());
    assert_eq!(too_much.json()["error"]["code"], "refund_too_large");
    assert_eq!(fake.lock().unwrap().requests.len(), requests);

    // The rest: Stripe answers, the order is refunded and every ticket void once it succeeds.
    let rest = admin_refund(&app, &admin, order, "refund-rest", json!({})).await;
    assert_eq!(rest.status, StatusCode::CREATED, "{}", rest.text());
    assert_eq!(rest.json()["amount"], "1000");
    let rest_id: Uuid = rest.json()["id"].as_str().unwrap().parse().unwrap();
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::refund::mark_succeeded(&mut conn, rest_id, None).await.unwrap();
    assert_eq!(app.order_status(order).await, "refunded");
    let live: i64 =
        sqlx::query_scalar("select count(*) from ticket where order_id = $1 and voided_at is null")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(live, 0);
    let nothing = admin_refund(&app, &admin, order, "refund-more", json!({})).await;
    assert_eq!(nothing.status, StatusCode::CONFLICT, "{}", nothing.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn stripe_refusing_a_refund_fails_it_with_stripes_reason(db: PgPool) {
    let (fake, base) = fake_stripe().await;
    let app = app_with_stripe(db, &base);
    let event = app.insert_event(&sample_event("stripe-refuse", "Stripe Refuses", 5)).await;
    let order = paid_through_stripe(&app, &fake, event, 1, "pi_refused", 1000, "eur").await;
    issue_tickets(&app, order).await;
    // Stripe thinks less was collected than we do: it refuses.
    fake.lock().unwrap().collected.insert("pi_refused".into(), 500);
    let admin = app.sign_in(true).await;
    let refused = admin_refund(&app, &admin, order, "refused", json!({})).await;
    assert_eq!(refused.status, StatusCode::CREATED, "{}", refused.text());
    assert_eq!(refused.json()["status"], "failed");
    assert!(refused.json()["failure_reason"].as_str().unwrap().contains("greater than unrefunded"));
    assert_eq!(app.order_status(order).await, "paid");
    // Finance sees the money still here.
    let filter = tessera_core::reconcile::Filter { time_zone: "UTC".into(), ..Default::default() };
    let rows = tessera_core::reconcile::ledger(&app.db, &filter).await.unwrap();
    let row = rows.iter().find(|r| r.order_id == Some(order)).unwrap();
    assert_eq!(row.discrepancy, Some(tessera_core::reconcile::Discrepancy::RefundFailed));
    assert!(row.refunds.as_deref().unwrap().ends_with(" failed"), "{:?}", row.refunds);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_refund_stripe_could_not_take_is_sent_again_by_the_sweeper_under_the_same_key(db: PgPool) {
    let (fake, base) = fake_stripe().await;
    let app = app_with_stripe(db, &base);
    let event = app.insert_event(&sample_event("stripe-later", "Stripe Later", 5)).await;
    let order = paid_through_stripe(&app, &fake, event, 1, "pi_later", 1000, "eur").await;
    issue_tickets(&app, order).await;
    let admin = app.sign_in(true).await;
    fake.lock().unwrap().fail = true;
    let asked = admin_refund(&app, &admin, order, "later", json!({})).await;
    assert_eq!(asked.status, StatusCode::CREATED, "{}", asked.text());
    assert_eq!(asked.json()["status"], "requested", "kept for the next try");
    let refund_id: Uuid = asked.json()["id"].as_str().unwrap().parse().unwrap();

    // Handed to Stripe once (it may exist there): it can no longer be cancelled.
    let cancel =
        app.post_json(&format!("/api/admin/refunds/{refund_id}/cancel"), json!({}), Some(&admin)).await;
    assert_eq!(cancel.status, StatusCode::CONFLICT, "{}", cancel.text());
    assert_eq!(cancel.json()["error"]["code"], "refund_sent");

    fake.lock().unwrap().fail = false;
    sqlx::query("update refund set created_at = now() - interval '1 minute' where refund_id = $1")
        .bind(refund_id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(tessera_api::refunds::send_waiting(&app.state).await.unwrap(), 1);
    let status: String = sqlx::query_scalar("select status from refund where refund_id = $1")
        .bind(refund_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "sent");
    let fake = fake.lock().unwrap();
    let keys: Vec<&str> = fake
        .requests
        .iter()
        .filter(|(path, _, _)| path == "/v1/refunds")
        .map(|(_, headers, _)| headers["idempotency-key"].to_str().unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "the retry is the same request to Stripe");
}

/// An event priced in `currency` at `price_minor` (our minor units).
fn priced(slug: &str, currency: &str, price_minor: i64) -> tessera_core::catalog::NewEvent {
    let mut event = sample_event(slug, slug, 5);
    event.fields.currency = currency.parse().unwrap();
    event.fields.ticket_types[0].price_minor = price_minor;
    event
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn card_amounts_go_to_stripe_in_stripes_own_units(db: PgPool) {
    let (fake, base) = fake_stripe().await;
    let app = app_with_stripe(db, &base);
    // (currency, our price in minor units, Stripe's unit_amount)
    for (currency, ours, stripes) in [
        ("EUR", 1800, 1800),
        ("JPY", 3500, 3500),
        ("ISK", 5000, 500_000),
        ("MGA", 2_000_000, 20_000),
        ("KWD", 5120, 5120),
    ] {
        let slug = format!("units-{}", currency.to_lowercase());
        let event = app.insert_event(&priced(&slug, currency, ours)).await;
        let general = app.ticket_types(event).await[0];
        let buyer = app.customer().await;
        let bought = app.buy(&buyer, event, &[(general, 2)], None).await;
        assert_eq!(bought.status, StatusCode::CREATED, "{currency}: {}", bought.text());
        let order: Uuid = bought.json()["order_id"].as_str().unwrap().parse().unwrap();
        let session = bought.json()["payment"]["provider_ref"].as_str().unwrap().to_string();
        {
            let fake = fake.lock().unwrap();
            let (_, _, form) = fake.requests.last().unwrap();
            let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
            assert_eq!(
                field("line_items[0][price_data][unit_amount]"),
                Some(stripes.to_string()),
                "{currency}"
            );
            assert_eq!(field("line_items[0][price_data][currency]"), Some(currency.to_lowercase()));
        }
        // Stripe's amount_total, in its units, pays the order exactly.
        let pi = format!("pi_units_{}", currency.to_lowercase());
        fake.lock().unwrap().collected.insert(pi.clone(), stripes * 2);
        let mut paid = checkout_event("checkout.session.completed", &session, order, stripes * 2, "paid");
        paid["data"]["object"]["payment_intent"] = json!(pi);
        paid["data"]["object"]["currency"] = json!(currency.to_lowercase());
        let body = paid.to_string();
        let signature = tessera_payments::stripe::signature::sign(
            body.as_bytes(),
            "whsec_live_endpoint",
            chrono::Utc::now().timestamp(),
        );
        assert_eq!(app.stripe_event_signed(body, &signature).await.status, StatusCode::OK);
        assert_eq!(app.order_status(order).await, "paid", "{currency}: the amount matches");
        let received: i64 = sqlx::query_scalar("select received_minor from payment where order_id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(received, ours * 2, "{currency}: recorded in our minor units");

        // And a refund of one ticket goes back in Stripe's units too.
        issue_tickets(&app, order).await;
        let admin = app.sign_in(true).await;
        let ticket: Uuid =
            sqlx::query_scalar("select ticket_id from ticket where order_id = $1 and position = 1")
                .bind(order)
                .fetch_one(&app.db)
                .await
                .unwrap();
        let refund =
            admin_refund(&app, &admin, order, &format!("units-{currency}"), json!({"tickets": [ticket]}))
                .await;
        assert_eq!(refund.status, StatusCode::CREATED, "{currency}: {}", refund.text());
        assert_eq!(refund.json()["amount"], ours.to_string());
        let fake = fake.lock().unwrap();
        let (_, _, form) = fake.requests.last().unwrap();
        let amount = form.iter().find(|(k, _)| k == "amount").map(|(_, v)| v.clone());
        assert_eq!(amount, Some(stripes.to_string()), "{currency}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_card_price_stripe_cannot_charge_exactly_is_refused_when_the_event_is_made(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    for (currency, price, message) in
        [("KWD", 5124, "multiple of 0.010 KWD"), ("MGA", 2_000_050, "whole units of MGA")]
    {
        let body = json!({
            "title": "Bad price", "description": "x",
            "category": "concert", "city": "Lisbon", "region": "", "country": "PT", "venue_name": "Casa",
            "address": "Rua 1", "latitude": 38.7, "longitude": -9.1,
            "starts_at": "2030-01-01T20:00:00Z", "ends_at": "2030-01-01T22:00:00Z", "timezone": "Europe/Lisbon",
            "language": "pt", "tags": [], "status": "published", "currency": currency,
            "ticket_types": [{"name": "General", "price_minor": price, "capacity": 10, "currency": currency}],
        });
        let response = app.post_json("/api/admin/events/create", body, Some(&admin)).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "{currency}: {}", response.text());
        let error = &response.json()["error"];
        assert_eq!(error["field"], "ticket_types[0].price_minor", "{error}");
        assert!(error["message"].as_str().unwrap().contains(message), "{error}");
    }
}
