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

/// Starts the fake on a free port; returns its state and base URL.
async fn fake_stripe() -> (Shared, String) {
    let fake: Shared = Arc::default();
    let app = Router::new()
        .route("/v1/checkout/sessions", post(create_session))
        .route("/v1/checkout/sessions/{id}", get(get_session))
        .route("/v1/checkout/sessions/{id}/expire", post(expire_session))
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
