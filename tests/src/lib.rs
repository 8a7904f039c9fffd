//! The harness for Tessera's end-to-end tests: a [`TestApp`] is the real router over a real
//! Postgres database (one per test, from `#[sqlx::test]`), driven in-process.

pub mod btcpay_fake;
pub mod btcpay_spec;
pub mod chaos;
pub mod eth;
pub mod ledger;
pub mod load;
pub mod mail;
pub mod pages;
pub mod services;
pub mod vendor_specs;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use bytes::Bytes;
use chrono::{DateTime, Duration, Utc};
use http_body_util::BodyExt as _;
use sqlx::PgPool;
use tessera_api::app::router;
use tessera_api::settings::Settings;
use tessera_api::state::AppState;
use tessera_core::catalog::{Category, EventFields, EventStatus, NewEvent, TicketTypeFields, upsert_event};
use tower::ServiceExt as _;

/// The app under test, with its own database and media folder.
pub struct TestApp {
    pub db: PgPool,
    pub state: AppState,
    /// The client address every request comes from.
    pub peer: std::net::SocketAddr,
    router: Router,
}

impl TestApp {
    /// The app with the catalog micro-cache off, so every request sees the database as it is.
    pub fn new(db: PgPool) -> Self {
        Self::with_settings(db, &[])
    }

    /// The app with some settings (environment variables) of its own.
    pub fn with_settings(db: PgPool, settings: &[(&str, &str)]) -> Self {
        // One media folder for every test app, kept between runs: blobs are addressed by their
        // content, so sharing is safe, and the demo's 63 images are processed once, not per test.
        let dir = std::env::temp_dir().join("tessera-test-data").to_string_lossy().into_owned();
        let settings = Settings::from_lookup(|name| {
            if let Some((_, value)) = settings.iter().find(|(key, _)| *key == name) {
                return Some((*value).to_string());
            }
            match name {
                "TESSERA_DATA_DIR" => Some(dir.clone()),
                "TESSERA_CATALOG_CACHE_SECONDS" => Some("0".into()),
                // A test app is one client address standing for many customers: the limit per
                // address is the abuse tests' own business.
                "TESSERA_PURCHASES_PER_ADDRESS" => Some("100000".into()),
                // Test apps' clients are 10.x addresses (below), and the served ones loopback:
                // all may read the metrics unless a test says otherwise.
                "TESSERA_METRICS_FROM" => Some("10.0.0.0/8,127.0.0.0/8,::1/128".into()),
                // Cards are paid in the sandbox unless a test gives Stripe keys.
                "TESSERA_CARD_SANDBOX"
                    if !settings.iter().any(|(key, _)| *key == "TESSERA_STRIPE_SECRET_KEY") =>
                {
                    Some("on".into())
                }
                other => std::env::var(other).ok(),
            }
        })
        .expect("test config");
        let state = AppState::new(settings, db.clone()).expect("app state");
        // Each app is its own client address, so rate limits counted in the shared Redis
        // never leak from one test (or one run) into another.
        let octets = uuid::Uuid::new_v4().into_bytes();
        let peer = std::net::SocketAddr::from(([10, octets[0], octets[1], octets[2]], 40000));
        Self { db, router: router(state.clone()), state, peer }
    }

    /// The app served over real HTTP on a loopback port of its own as well (its public URL),
    /// for what calls the app back over the network: the BTCPay sandbox, whose Greenfield API
    /// our own client reads. Requests through [`TestApp::send`] still go in-process.
    pub async fn served(db: PgPool, settings: &[(&str, &str)]) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let public_url = format!("http://{}", listener.local_addr().expect("addr"));
        let mut settings = settings.to_vec();
        settings.push(("TESSERA_PUBLIC_URL", public_url.as_str()));
        let app = Self::with_settings(db, &settings);
        let served = app.router.clone().into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, served).await;
        });
        app
    }

    /// The app with the demo catalog loaded.
    pub async fn with_demo(db: PgPool) -> Self {
        let app = Self::new(db);
        tessera_cli::seed::load(&app.db, &app.state.blobs).await.expect("demo seed");
        app
    }

    pub async fn get(&self, uri: &str) -> TestResponse {
        self.request(Method::GET, uri, HeaderMap::new()).await
    }

    /// POSTs raw bytes (an upload) with a `Cookie` header.
    pub async fn post_bytes(&self, uri: &str, bytes: Vec<u8>, cookie: &str) -> TestResponse {
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::CONTENT_TYPE, "application/octet-stream".parse().expect("header"));
        headers.insert(axum::http::header::COOKIE, cookie.parse().expect("cookie header"));
        self.send(Method::POST, uri, headers, Body::from(bytes)).await
    }

    pub async fn post(&self, uri: &str) -> TestResponse {
        self.request(Method::POST, uri, HeaderMap::new()).await
    }

    pub async fn request(&self, method: Method, uri: &str, headers: HeaderMap) -> TestResponse {
        self.send(method, uri, headers, Body::empty()).await
    }

    /// POSTs a JSON body, with `cookie` (a `Cookie` header value) when given.
    pub async fn post_json(&self, uri: &str, body: serde_json::Value, cookie: Option<&str>) -> TestResponse {
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::CONTENT_TYPE, "application/json".parse().expect("header"));
        if let Some(cookie) = cookie {
            headers.insert(axum::http::header::COOKIE, cookie.parse().expect("cookie header"));
        }
        self.send(Method::POST, uri, headers, Body::from(body.to_string())).await
    }

    /// POSTs an HTML form, as a browser on our own pages would (same-origin).
    pub async fn post_form(&self, uri: &str, fields: &[(&str, &str)], cookie: Option<&str>) -> TestResponse {
        let mut headers = HeaderMap::new();
        headers.insert(
            axum::http::header::CONTENT_TYPE,
            "application/x-www-form-urlencoded".parse().expect("header"),
        );
        headers.insert("sec-fetch-site", "same-origin".parse().expect("header"));
        if let Some(cookie) = cookie {
            headers.insert(axum::http::header::COOKIE, cookie.parse().expect("cookie header"));
        }
        let body = serde_urlencoded::to_string(fields).expect("form");
        self.send(Method::POST, uri, headers, Body::from(body)).await
    }

    /// GETs with a `Cookie` header.
    pub async fn get_with_cookie(&self, uri: &str, cookie: &str) -> TestResponse {
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::COOKIE, cookie.parse().expect("cookie header"));
        self.request(Method::GET, uri, headers).await
    }

    pub async fn send(&self, method: Method, uri: &str, headers: HeaderMap, body: Body) -> TestResponse {
        // Tests write the catalog and search it at once; a real reader a moment later sees what
        // a test sees after this wait: every change committed so far in this process's index.
        // (The index's own tests, tests/it/search_index.rs, measure the wait instead.)
        if uri.contains("search")
            && let Some(index) = &self.state.search
        {
            index.caught_up(std::time::Duration::from_secs(10)).await.expect("search index caught up");
        }
        let mut request = Request::builder().method(method).uri(uri).body(body).expect("request");
        *request.headers_mut() = headers;
        request.extensions_mut().insert(axum::extract::ConnectInfo(self.peer));
        let response = self.router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        if let Some(cause) = response.extensions().get::<tessera_api::error::ErrorCause>() {
            // What the server would log: printed with the failing test's output.
            eprintln!("{uri}: server error: {}", cause.0);
        }
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.expect("body").to_bytes();
        TestResponse { status, headers, body }
    }

    /// Signs up a new account (an admin when `admin`) and returns its session cookie.
    pub async fn sign_in(&self, admin: bool) -> String {
        let email = unique_email(if admin { "admin" } else { "customer" });
        self.sign_up_verified(&email, admin).await
    }

    /// Signs up a verified customer with this address; returns its session cookie.
    pub async fn sign_in_as(&self, email: &str) -> String {
        self.sign_up_verified(email, false).await
    }

    async fn sign_up_verified(&self, email: &str, admin: bool) -> String {
        let response = self
            .post_json(
                "/api/auth/signup",
                serde_json::json!({"email": email, "password": "a long passphrase", "name": "Test Person"}),
                None,
            )
            .await;
        assert_eq!(response.status, 202, "{}", response.text());
        // Verified as if the emailed link had been followed (the accounts tests follow it).
        sqlx::query(
            "update account set email_verified_at = now(), role = case when $2 then 'admin' else role end
             where lower(email) = lower($1)",
        )
        .bind(email)
        .bind(admin)
        .execute(&self.db)
        .await
        .expect("verify");
        let response = self
            .post_json(
                "/api/auth/login",
                serde_json::json!({"email": email, "password": "a long passphrase"}),
                None,
            )
            .await;
        assert_eq!(response.status, 200, "{}", response.text());
        response.cookie(&self.session_cookie_name()).expect("session cookie")
    }

    /// The token of the link to `path` (`/verify-email`, `/reset-password`) in the `count`-th
    /// email (1-based) that reached `email` in the shared inbox, waiting for it.
    pub async fn link_token(email: &str, count: usize, path: &str) -> String {
        let emails = mail::Maildev::shared().wait_for(email, count).await;
        let text = emails[count - 1]["text"].as_str().expect("a text part");
        let marker = format!("{path}?token=");
        let start = text.find(&marker).unwrap_or_else(|| panic!("no {path} link in {text}")) + marker.len();
        text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
    }

    /// The session cookie's name here (`__Host-` prefixed on an https app).
    pub fn session_cookie_name(&self) -> String {
        tessera_api::auth::cookies::name(tessera_api::auth::cookies::SESSION, self.state.config.is_https())
            .into_owned()
    }

    /// A customer made straight in the database (no password hashing, no sign-up limits), for
    /// tests that need many; returns their session cookie.
    pub async fn customer(&self) -> String {
        let id = uuid::Uuid::now_v7();
        sqlx::query(
            "insert into account (account_id, email, name, password_hash, email_verified_at)
             values ($1, $2, 'Test Buyer', $3, now())",
        )
        .bind(id)
        .bind(unique_email("buyer"))
        .bind("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA")
        .execute(&self.db)
        .await
        .expect("insert account");
        let token = tessera_core::account::create_session(&self.db, id).await.expect("session");
        format!("{}={}", self.session_cookie_name(), token.as_cookie_value())
    }

    /// `POST /api/events/{event}/buy` for `items` (ticket type, quantity), paying by card.
    pub async fn buy(
        &self,
        cookie: &str,
        event_id: uuid::Uuid,
        items: &[(uuid::Uuid, i32)],
        idempotency_key: Option<&str>,
    ) -> TestResponse {
        let body = serde_json::json!({
            "items": items.iter().map(|(id, q)| serde_json::json!({"ticket_type_id": id, "quantity": q})).collect::<Vec<_>>(),
            "payment_method": "card",
        });
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::CONTENT_TYPE, "application/json".parse().expect("header"));
        headers.insert(axum::http::header::COOKIE, cookie.parse().expect("cookie header"));
        if let Some(key) = idempotency_key {
            headers.insert("idempotency-key", key.parse().expect("header"));
        }
        self.send(Method::POST, &format!("/api/events/{event_id}/buy"), headers, Body::from(body.to_string()))
            .await
    }

    /// A ticketing worker for this app's database, sending through `smtp_url`, reading the
    /// streams under `stream_prefix`, with timings short enough for tests (leases of a second).
    pub fn worker(
        &self,
        smtp_url: &str,
        stream_prefix: &str,
        tweak: impl FnOnce(&mut tessera_ticketing::worker::WorkerConfig),
    ) -> tessera_ticketing::worker::Worker {
        self.worker_on(self.state.redis.clone(), smtp_url, stream_prefix, tweak)
    }

    /// [`TestApp::worker`] reading the streams of another Redis server.
    pub fn worker_on(
        &self,
        redis: tessera_core::redis_conn::Redis,
        smtp_url: &str,
        stream_prefix: &str,
        tweak: impl FnOnce(&mut tessera_ticketing::worker::WorkerConfig),
    ) -> tessera_ticketing::worker::Worker {
        let mailer = tessera_ticketing::mail::Mailer::new(
            smtp_url,
            "Tessera Tests <tickets@tessera.test>".parse().expect("sender"),
        )
        .expect("mailer");
        let mut config = tessera_ticketing::worker::WorkerConfig::new(
            stream_prefix.to_string(),
            self.state.config.public_url.clone(),
        );
        config.lease = std::time::Duration::from_secs(1);
        config.backoff = std::time::Duration::from_millis(100);
        config.stall_after = std::time::Duration::from_secs(3600);
        tweak(&mut config);
        tessera_ticketing::worker::Worker::new(
            self.db.clone(),
            redis,
            self.state.blobs.clone(),
            mailer,
            self.state.ticket_key.clone(),
            config,
        )
    }

    /// Buys one order of `quantity` tickets and pays it through the card webhook; returns the
    /// order id and the buyer's email address and session cookie.
    pub async fn paid_order(&self, event_id: uuid::Uuid, quantity: i32) -> (uuid::Uuid, String, String) {
        let ticket_type = self.ticket_types(event_id).await[0];
        let buyer = self.customer().await;
        let bought = self.buy(&buyer, event_id, &[(ticket_type, quantity)], None).await;
        assert_eq!(bought.status, 201, "{}", bought.text());
        let body = bought.json();
        let order: uuid::Uuid = body["order_id"].as_str().expect("order id").parse().expect("uuid");
        let session = body["payment"]["provider_ref"].as_str().expect("session");
        let total = body["total_minor"].as_i64().expect("total");
        let currency: String = sqlx::query_scalar("select currency from customer_order where order_id = $1")
            .bind(order)
            .fetch_one(&self.db)
            .await
            .expect("order currency");
        let mut completed = checkout_event("checkout.session.completed", session, order, total, "paid");
        completed["data"]["object"]["currency"] = currency.to_ascii_lowercase().into();
        let paid = self.stripe_event(&completed).await;
        assert_eq!(paid.status, 200, "{}", paid.text());
        assert_eq!(self.order_status(order).await, "paid");
        let email: String = sqlx::query_scalar(
            "select a.email from customer_order o join account a on a.account_id = o.account_id where o.order_id = $1",
        )
        .bind(order)
        .fetch_one(&self.db)
        .await
        .expect("buyer email");
        (order, email, buyer)
    }

    /// The first secret Stripe webhooks are checked against.
    pub fn webhook_secret(&self) -> String {
        use secrecy::ExposeSecret as _;
        self.state.stripe_webhook_secrets[0].expose_secret().to_string()
    }

    /// POSTs a Stripe event to `/webhooks/stripe`, signed now with our secret.
    pub async fn stripe_event(&self, event: &serde_json::Value) -> TestResponse {
        let body = event.to_string();
        let signature = tessera_payments::stripe::signature::sign(
            body.as_bytes(),
            &self.webhook_secret(),
            Utc::now().timestamp(),
        );
        self.stripe_event_signed(body, &signature).await
    }

    /// POSTs a raw body with the given `Stripe-Signature`.
    pub async fn stripe_event_signed(&self, body: String, signature: &str) -> TestResponse {
        let mut headers = HeaderMap::new();
        headers.insert(axum::http::header::CONTENT_TYPE, "application/json".parse().expect("header"));
        headers.insert("stripe-signature", signature.parse().expect("header"));
        self.send(Method::POST, "/webhooks/stripe", headers, Body::from(body)).await
    }

    pub async fn order_status(&self, order_id: uuid::Uuid) -> String {
        sqlx::query_scalar("select status from customer_order where order_id = $1")
            .bind(order_id)
            .fetch_one(&self.db)
            .await
            .expect("order status")
    }

    /// Waits (up to ten seconds) for the order to reach `status`, as the sandbox's webhooks
    /// arrive in the background.
    pub async fn wait_for_status(&self, order_id: uuid::Uuid, status: &str) {
        for _ in 0..200 {
            if self.order_status(order_id).await == status {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("order {order_id} never became {status}; it is {}", self.order_status(order_id).await);
    }

    /// Moves the order's hold into the past, as if its time had run out.
    pub async fn expire_hold(&self, order_id: uuid::Uuid) {
        sqlx::query(
            "update customer_order set created_at = now() - interval '1 hour', expires_at = now() - interval '1 minute' where order_id = $1",
        )
        .bind(order_id)
        .execute(&self.db)
        .await
        .expect("expire hold");
    }

    /// `(sold, held)` of a ticket type.
    pub async fn stock(&self, ticket_type_id: uuid::Uuid) -> (i32, i32) {
        sqlx::query_as("select sold, held from ticket_type where ticket_type_id = $1")
            .bind(ticket_type_id)
            .fetch_one(&self.db)
            .await
            .expect("stock")
    }

    /// The ids of the event's ticket types, in display order.
    pub async fn ticket_types(&self, event_id: uuid::Uuid) -> Vec<uuid::Uuid> {
        sqlx::query_scalar(
            "select ticket_type_id from ticket_type where event_id = $1 order by position, price_minor",
        )
        .bind(event_id)
        .fetch_all(&self.db)
        .await
        .expect("ticket types")
    }

    /// Saves an event built from `event` (see [`sample_event`]) and returns its id.
    pub async fn insert_event(&self, event: &NewEvent) -> uuid::Uuid {
        let mut conn = self.db.acquire().await.expect("connection");
        upsert_event(&mut conn, event).await.expect("insert event")
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
    }

    /// The `name=value` part of the `Set-Cookie` for `name`, ready for a `Cookie` header.
    /// The CSRF cookie (`name=value`) and the `csrf_token` field of a page with a form.
    pub fn csrf(&self) -> (String, String) {
        let cookie = self.cookie("tessera_csrf").expect("a CSRF cookie");
        (cookie, self.csrf_field())
    }

    /// The `csrf_token` field of a page with a form (for a browser that has the cookie already).
    pub fn csrf_field(&self) -> String {
        self.text()
            .split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a csrf_token field")
            .to_string()
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(axum::http::header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .map(|value| value.split(';').next().unwrap_or_default().to_string())
            .find(|pair| pair.starts_with(&format!("{name}=")))
    }

    /// The titles of the events in a JSON list or search response, in order.
    pub fn titles(&self) -> Vec<String> {
        self.json()["events"]
            .as_array()
            .unwrap_or_else(|| panic!("no events array: {}", self.text()))
            .iter()
            .map(|event| event["title"].as_str().unwrap_or_default().to_string())
            .collect()
    }
}

/// A published event in Lisbon starting `days` from now, with one €10 ticket type. Tests
/// change the fields they care about.
pub fn sample_event(slug: &str, title: &str, days: i64) -> NewEvent {
    let starts_at: DateTime<Utc> = Utc::now() + Duration::days(days);
    NewEvent {
        slug: slug.to_string(),
        image_id: None,
        fields: EventFields {
            title: title.to_string(),
            description: "An evening in the old town.".to_string(),
            category: Category::Concert,
            city: "Lisbon".to_string(),
            region: "Lisboa".to_string(),
            country: "PT".to_string(),
            venue_name: "Casa do Largo".to_string(),
            address: "Largo do Intendente 1, Lisboa".to_string(),
            neighbourhood: "Intendente".to_string(),
            latitude: 38.7223,
            longitude: -9.1393,
            starts_at,
            ends_at: starts_at + Duration::hours(2),
            timezone: chrono_tz::Europe::Lisbon,
            language: "pt".to_string(),
            tags: vec!["music".to_string()],
            image_alt: String::new(),
            currency: "EUR".parse().expect("EUR"),
            status: EventStatus::Published,
            ticket_types: vec![TicketTypeFields {
                id: None,
                name: "General".to_string(),
                price_minor: 1000,
                capacity: 50,
            }],
            translations: Default::default(),
        },
    }
}

/// A Stripe `checkout.session.*` event for an order's Checkout Session.
pub fn checkout_event(
    kind: &str,
    session_id: &str,
    order_id: uuid::Uuid,
    amount_total: i64,
    payment_status: &str,
) -> serde_json::Value {
    serde_json::json!({
        "id": format!("evt_{}", uuid::Uuid::new_v4().simple()),
        "object": "event",
        "type": kind,
        "created": Utc::now().timestamp(),
        "data": {"object": {
            "id": session_id,
            "object": "checkout.session",
            "client_reference_id": order_id.to_string(),
            "status": if kind == "checkout.session.expired" { "expired" } else { "complete" },
            "payment_status": payment_status,
            "amount_total": amount_total,
            "currency": "eur",
            "payment_intent": format!("pi_{}", uuid::Uuid::new_v4().simple()),
        }}
    })
}

/// An email no other test (or earlier run) has used, so per-account limits never collide.
pub fn unique_email(name: &str) -> String {
    format!("{name}-{}@example.org", uuid::Uuid::new_v4().simple())
}
