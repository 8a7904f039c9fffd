use axum::http::{HeaderMap, HeaderValue, Method, header};
use sqlx::PgPool;
use tessera_tests::TestApp;

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn health_and_readiness_answer_when_everything_is_up(db: PgPool) {
    let app = TestApp::new(db);
    let health = app.get("/healthz").await;
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["status"], "ok");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 200, "{}", ready.text());
    assert_eq!(ready.json()["checks"]["postgres"], "ok");
    assert_eq!(ready.json()["checks"]["redis"], "ok");
}

#[tokio::test]
async fn readiness_turns_503_when_the_database_is_unreachable() {
    // Port 1 on loopback: nothing listens there, so every connection is refused.
    let db = tessera_core::db::pool_options(1)
        .acquire_timeout(std::time::Duration::from_millis(500))
        .connect_lazy("postgres://postgres@127.0.0.1:1/nowhere")
        .unwrap();
    let app = TestApp::new(db);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status, 503);
    assert_eq!(ready.json()["status"], "unavailable");
    assert_ne!(ready.json()["checks"]["postgres"], "ok");
    // Liveness does not depend on the database.
    assert_eq!(app.get("/healthz").await.status, 200);
    // Pages fail with a clean error, not a hang or a leaked cause.
    let response = app.get("/api/events").await;
    assert!(response.status.is_server_error());
    assert!(!response.text().contains("127.0.0.1"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn metrics_count_requests_by_route_and_status_and_show_the_pool(db: PgPool) {
    let app = TestApp::new(db);
    app.get("/api/events?limit=3").await;
    app.get("/api/events?limit=0").await;
    let metrics = app.get("/metrics").await;
    assert_eq!(metrics.status, 200);
    assert!(metrics.header("content-type").starts_with("text/plain"));
    let text = metrics.text();
    assert!(text.contains(r#"http_requests_total{method="GET",route="/api/events",status="200"}"#), "{text}");
    assert!(text.contains(r#"http_requests_total{method="GET",route="/api/events",status="400"}"#));
    assert!(text.contains("http_request_duration_seconds_bucket{"));
    assert!(text.contains(r#"db_pool_connections{state="idle"}"#));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_openapi_document_describes_every_json_route(db: PgPool) {
    let app = TestApp::new(db);
    let response = app.get("/api/openapi.json").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), "application/json");
    let doc = response.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = &doc["paths"];
    for (path, method) in [
        ("/api/events", "get"),
        ("/api/events/{id}", "get"),
        ("/api/search", "get"),
        ("/api/search", "post"),
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/api/auth/signup", "post"),
        ("/api/auth/login", "post"),
        ("/api/auth/logout", "post"),
        ("/api/me", "get"),
        ("/api/me", "delete"),
        ("/api/me/password", "post"),
        ("/api/admin/events", "get"),
        ("/api/admin/events/{id}", "get"),
        ("/api/admin/events/create", "post"),
        ("/api/admin/events/edit/{id}", "post"),
        ("/api/admin/events/delete/{id}", "post"),
        ("/api/admin/audit", "get"),
    ] {
        assert!(paths[path][method].is_object(), "{method} {path} missing");
    }
    let params: Vec<&str> = paths["/api/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in ["q", "city", "category", "from", "to", "max_price", "limit", "cursor"] {
        assert!(params.contains(&name), "search parameter {name} undocumented: {params:?}");
    }
    assert!(paths["/api/events"]["get"]["responses"]["400"].is_object());
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
    assert!(doc["components"]["schemas"]["Event"].is_object());
    let limit = paths["/api/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap()
        .clone();
    assert_eq!(limit["schema"]["maximum"], 100, "{limit}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn responses_are_compressed_for_clients_that_accept_it(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
    for uri in ["/", "/api/events"] {
        let response = app.request(Method::GET, uri, headers.clone()).await;
        assert_eq!(response.status, 200);
        assert_eq!(response.header("content-encoding"), "gzip", "{uri}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn media_is_immutable_and_revalidates_by_etag(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let image =
        app.get("/api/events?limit=1").await.json()["events"][0]["image"].as_str().unwrap().to_string();
    let response = app.get(&image).await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("cache-control"), "public, max-age=31536000, immutable");
    let etag = response.header("etag").to_string();
    assert!(etag.len() > 60, "{etag}");

    let mut headers = HeaderMap::new();
    headers.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&etag).unwrap());
    let revalidated = app.request(Method::GET, &image, headers).await;
    assert_eq!(revalidated.status, 304);
    assert!(revalidated.body.is_empty());

    for missing in [
        "/media/images/0000.jpg",
        "/media/images/../../etc/passwd.jpg",
        "/media/x.txt",
        "/media/images/./a.jpg",
    ] {
        assert_eq!(app.get(missing).await.status, 404, "{missing}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_wrong_method_gets_a_405_in_the_usual_error_shape(db: PgPool) {
    let app = TestApp::new(db);
    let response = app.post("/api/events").await;
    assert_eq!(response.status, 405);
    assert_eq!(response.json()["error"]["code"], "method_not_allowed");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn unknown_paths_and_refusals_are_counted_too(db: PgPool) {
    let app = TestApp::new(db);
    app.get("/no/such/page").await;
    let text = app.get("/metrics").await.text();
    assert!(text.contains(r#"route="unmatched",status="404""#), "{text}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_ticket_public_key_verifies_tokens_signed_with_the_configured_key(db: PgPool) {
    use base64::Engine as _;
    let seed = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([42u8; 32]);
    let app = TestApp::with_settings(db, &[("TESSERA_TICKET_SIGNING_KEY", seed.as_str())]);

    let response = app.get("/api/tickets/public-key").await;

    assert_eq!(response.status, 200);
    assert!(response.header("cache-control").starts_with("public"));
    let body = response.json();
    assert_eq!(body["algorithm"], "Ed25519");
    assert!(
        body["public_key_pem"].as_str().unwrap().starts_with("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA")
    );
    let bytes: [u8; 32] = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body["public_key"].as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    let published = ed25519_dalek::VerifyingKey::from_bytes(&bytes).unwrap();
    let claims = tessera_core::ticket::TicketClaims {
        ticket_id: uuid::Uuid::now_v7(),
        event_id: uuid::Uuid::now_v7(),
    };
    let token = tessera_core::ticket::sign(&claims, &ed25519_dalek::SigningKey::from_bytes(&[42u8; 32]));
    assert_eq!(tessera_core::ticket::verify(&token, &published), Ok(claims));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_openapi_document_lists_how_each_route_refuses_a_malformed_request(db: PgPool) {
    let app = TestApp::new(db);
    let doc = app.get("/api/openapi.json").await.json();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let responses = &operation["responses"];
            let json_body = operation["requestBody"]["content"]["application/json"].is_object();
            if json_body {
                assert!(responses["400"].is_object(), "{method} {path}: a malformed body's 400");
            }
            if path.contains('{') && !path.starts_with("/webhooks/") {
                assert!(
                    responses["400"].is_object() || responses["404"].is_object(),
                    "{method} {path}: what a malformed id gets"
                );
            }
        }
    }
    for (path, method) in [
        ("/api/events/{id}/buy", "get"),
        ("/api/events/{id}/buy", "post"),
        ("/api/orders/{id}/confirmation", "get"),
        ("/api/orders/{id}/tickets.pdf", "get"),
        ("/api/orders/{id}/cancel", "post"),
        ("/api/me/password", "post"),
        ("/api/me", "delete"),
        ("/api/admin/audit", "get"),
        ("/api/admin/events/edit/{id}", "post"),
        ("/api/admin/deliveries/{order_id}/retry", "post"),
        ("/api/admin/reconciliation/resolve", "post"),
    ] {
        assert!(doc["paths"][path][method]["responses"]["400"].is_object(), "{method} {path}: no 400");
    }
    // An empty date filter is taken as none (the pages' forms send empty fields): the schema
    // must allow it.
    let from = doc["paths"]["/api/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "from")
        .unwrap()
        .clone();
    assert_eq!(from["schema"]["type"], "string", "{from}");
    assert!(from["schema"]["pattern"].as_str().unwrap().ends_with(")?$"), "{from}");
}
