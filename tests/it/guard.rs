use axum::http::{HeaderMap, Method, header};
use serde_json::json;
use sqlx::PgPool;
use tessera_tests::{TestApp, unique_email};

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn cross_site_writes_are_refused(db: PgPool) {
    let app = TestApp::new(db);
    let body = json!({"email": unique_email("x"), "password": "a long passphrase", "name": "X"}).to_string();
    let attempt = |extra: &[(&'static str, &'static str)]| {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        for (name, value) in extra {
            headers.insert(*name, value.parse().unwrap());
        }
        app.send(Method::POST, "/api/auth/signup", headers, body.clone().into())
    };
    assert_eq!(attempt(&[("sec-fetch-site", "cross-site")]).await.status, 403);
    assert_eq!(attempt(&[("origin", "https://evil.example")]).await.status, 403);
    let refused = attempt(&[("origin", "null")]).await;
    assert_eq!(refused.status, 403);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    // The app's own origin is welcome.
    let public = app.state.config.public_url.origin().ascii_serialization();
    let public: &'static str = Box::leak(public.into_boxed_str());
    assert_eq!(attempt(&[("origin", public), ("sec-fetch-site", "same-origin")]).await.status, 202);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_response_carries_the_security_headers(db: PgPool) {
    let app = TestApp::new(db);
    for uri in ["/", "/api/events", "/nowhere", "/healthz"] {
        let response = app.get(uri).await;
        let csp = response.header("content-security-policy");
        assert!(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), "{uri}: {csp}");
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(response.header("x-content-type-options"), "nosniff");
        assert_eq!(response.header("referrer-policy"), "strict-origin-when-cross-origin");
        assert_eq!(response.header("strict-transport-security"), "", "no HSTS over plain http");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn https_deployments_send_hsts_and_secure_cookies(db: PgPool) {
    let app = TestApp::with_settings(
        db,
        &[
            ("TESSERA_PUBLIC_URL", "https://tickets.example.org"),
            ("TESSERA_CARD_SANDBOX", "on"),
            ("TESSERA_SANDBOX_ON_HTTPS", "on"),
        ],
    );
    assert!(app.get("/").await.header("strict-transport-security").starts_with("max-age="));
    let email = unique_email("s");
    app.post_json(
        "/api/auth/signup",
        json!({"email": email, "password": "a long passphrase", "name": "S"}),
        None,
    )
    .await;
    let login = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    let set_cookie = login.header("set-cookie").to_string();
    assert!(
        set_cookie.starts_with("__Host-tessera_session=") && set_cookie.contains("; Secure"),
        "{set_cookie}"
    );
    // Only the prefixed cookie opens the session: a plain one (set by a subdomain, say) does not.
    let session = login.cookie("__Host-tessera_session").unwrap();
    assert_eq!(app.get_with_cookie("/api/me", &session).await.status, 200);
    let plain = session.replacen("__Host-", "", 1);
    assert_eq!(app.get_with_cookie("/api/me", &plain).await.status, 401);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn with_an_origin_secret_only_the_load_balancer_gets_through(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_ORIGIN_SECRET", "s3cret-from-the-balancer")]);
    assert_eq!(app.get("/api/events").await.status, 403);
    assert_eq!(app.get("/").await.status, 403);
    assert_eq!(app.get("/healthz").await.status, 200, "health checks come from the balancer itself");

    let mut headers = HeaderMap::new();
    headers.insert("x-origin-verify", "s3cret-from-the-balancer".parse().unwrap());
    assert_eq!(app.request(Method::GET, "/api/events", headers.clone()).await.status, 200);
    headers.insert("x-origin-verify", "guess".parse().unwrap());
    assert_eq!(app.request(Method::GET, "/api/events", headers).await.status, 403);
}
