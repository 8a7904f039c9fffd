//! The harness for Tessera's end-to-end tests: a [`TestApp`] is the real router over a real
//! Postgres database (one per test, from `#[sqlx::test]`), driven in-process.

pub mod load;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use bytes::Bytes;
use chrono::{DateTime, Duration, Utc};
use http_body_util::BodyExt as _;
use sqlx::PgPool;
use tessera_api::app::router;
use tessera_api::state::AppState;
use tessera_core::catalog::{Category, EventFields, EventStatus, NewEvent, TicketTypeFields, upsert_event};
use tessera_core::config::Config;
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
        let config = Config::from_lookup(|name| {
            if let Some((_, value)) = settings.iter().find(|(key, _)| *key == name) {
                return Some((*value).to_string());
            }
            match name {
                "TESSERA_DATA_DIR" => Some(dir.clone()),
                "TESSERA_CATALOG_CACHE_SECONDS" => Some("0".into()),
                other => std::env::var(other).ok(),
            }
        })
        .expect("test config");
        let state = AppState::new(config, db.clone()).expect("app state");
        // Each app is its own client address, so rate limits counted in the shared Redis
        // never leak from one test (or one run) into another.
        let octets = uuid::Uuid::new_v4().into_bytes();
        let peer = std::net::SocketAddr::from(([10, octets[0], octets[1], octets[2]], 40000));
        Self { db, router: router(state.clone()), state, peer }
    }

    /// The app with the demo catalog loaded.
    pub async fn with_demo(db: PgPool) -> Self {
        let app = Self::new(db);
        tessera_api::cli::seed::load(&app.db, &app.state.blobs).await.expect("demo seed");
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
        let response = self
            .post_json(
                "/api/auth/signup",
                serde_json::json!({"email": email, "password": "a long passphrase", "name": "Test Person"}),
                None,
            )
            .await;
        assert_eq!(response.status, 201, "{}", response.text());
        if admin {
            sqlx::query("update account set role = 'admin' where lower(email) = lower($1)")
                .bind(&email)
                .execute(&self.db)
                .await
                .expect("promote");
        }
        response.cookie("tessera_session").expect("session cookie")
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
        },
    }
}

/// An email no other test (or earlier run) has used, so per-account limits never collide.
pub fn unique_email(name: &str) -> String {
    format!("{name}-{}@example.org", uuid::Uuid::new_v4().simple())
}
