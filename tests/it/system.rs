use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

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

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_operator_gauges_say_what_postgres_holds(db: PgPool) {
    use tessera_core::gauges::{ChainLag, Gauges, read};
    let app = TestApp::new(db);
    let contract = (None, "0x5fbdb2315678afecb367f032d93f642f64180aa3".to_string());
    assert_eq!(read(&app.db, std::slice::from_ref(&contract)).await.unwrap(), Gauges::default());

    // A live hold, one two minutes past its time that nobody released (one just past it is
    // the sweeper's next pass, not a fault), a delivery waiting and a paid order's given up on,
    // a paid order's message not yet relayed for a minute, and the watcher of our contract 11
    // blocks behind that last moved half a minute ago (and one of a contract no longer ours).
    let event = app.insert_event(&sample_event("gauges", "Gauges", 10)).await;
    let general = app.ticket_types(event).await[0];
    // (Paid first: settling a card payment releases the event's holds past their time.)
    let (paid, _, _) = app.paid_order(event, 1).await;
    let mut orders = Vec::new();
    for _ in 0..2 {
        let bought = app.buy(&app.customer().await, event, &[(general, 1)], None).await;
        orders.push(bought.json()["order_id"].as_str().unwrap().parse::<uuid::Uuid>().unwrap());
    }
    app.expire_hold(orders[1]).await;
    sqlx::query("update customer_order set expires_at = now() - interval '2 minutes' where order_id = $1")
        .bind(orders[1])
        .execute(&app.db)
        .await
        .unwrap();
    let just_expired = app.buy(&app.customer().await, event, &[(general, 1)], None).await;
    sqlx::query("update customer_order set created_at = now() - interval '1 hour', expires_at = now() - interval '5 seconds'
         where order_id = $1")
        .bind(just_expired.json()["order_id"].as_str().unwrap().parse::<uuid::Uuid>().unwrap())
        .execute(&app.db)
        .await
        .unwrap();
    for (order, status) in [(orders[0], "pending"), (paid, "failed"), (orders[1], "failed")] {
        sqlx::query("insert into delivery (order_id, status) values ($1, $2)")
            .bind(order)
            .bind(status)
            .execute(&app.db)
            .await
            .unwrap();
    }
    sqlx::query(
        "insert into outbox (topic, order_id, payload, created_at) values ('orders.paid', $1, '{}', now() - interval '60 seconds')",
    )
    .bind(orders[0])
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "insert into eth_cursor (chain_id, contract, next_block, head_block, updated_at)
         values (31337, '0x5fbdb2315678afecb367f032d93f642f64180aa3', 90, 100, now() - interval '30 seconds'),
                (1, '0x0000000000000000000000000000000000000001', 5, 900, now() - interval '30 days')",
    )
    .execute(&app.db)
    .await
    .unwrap();

    let gauges = read(&app.db, std::slice::from_ref(&contract)).await.unwrap();
    assert_eq!((gauges.holds_live, gauges.holds_overdue), (1, 1));
    assert_eq!((gauges.deliveries_pending, gauges.deliveries_dead), (1, 1));
    assert_eq!(gauges.outbox_unpublished, 2, "the paid order's own message, and the minute-old one");
    assert!((59.0..120.0).contains(&gauges.outbox_oldest_seconds), "{gauges:?}");
    assert_eq!(gauges.refunds_unsent, 0);
    assert_eq!(gauges.money_due_back, 0);
    // Money that came in and cannot pay its order: due back, waiting for an admin.
    sqlx::query(
        "update payment set status = 'refund_due', refund_reason = 'amount_mismatch', received_minor = 1000,
                received_at = now() - interval '2 hours'
         where order_id = $1",
    )
    .bind(paid)
    .execute(&app.db)
    .await
    .unwrap();
    let gauges = read(&app.db, std::slice::from_ref(&contract)).await.unwrap();
    assert_eq!(gauges.money_due_back, 1);
    assert!((7190.0..7300.0).contains(&gauges.money_due_back_oldest_seconds), "{gauges:?}");
    let [ChainLag { chain_id: 31337, ref contract, blocks: 11, seconds_since_progress }] = gauges.chains[..]
    else {
        panic!("{gauges:?}")
    };
    assert_eq!(contract, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    assert!((29.0..90.0).contains(&seconds_since_progress), "{gauges:?}");
    // The same address on a second chain (deployed by the same key): each pinned chain is
    // reported, the stalled one too.
    sqlx::query(
        "insert into eth_cursor (chain_id, contract, next_block, head_block, updated_at)
         values (1337, '0x5fbdb2315678afecb367f032d93f642f64180aa3', 10, 10, now())",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let address = "0x5fbdb2315678afecb367f032d93f642f64180aa3".to_string();
    let pinned = [(Some(31337), address.clone()), (Some(1337), address)];
    let lags: Vec<(i64, i64)> =
        read(&app.db, &pinned).await.unwrap().chains.iter().map(|c| (c.chain_id, c.blocks)).collect();
    assert_eq!(lags, [(1337, 1), (31337, 11)]);

    // The metrics carry them (every test shares the process's gauges: only their presence is
    // this test's), and the counters of what was placed.
    let text = app.get("/metrics").await.text();
    for name in [
        r#"tessera_holds{state="overdue"}"#,
        r#"tessera_deliveries{status="dead_letter"}"#,
        "tessera_outbox_oldest_seconds",
        "tessera_refunds_unsent_oldest_seconds",
        r#"tessera_holds{state="live"}"#,
        "tessera_gauges_up 1",
        r#"tessera_orders_placed_total{rail="card"}"#,
    ] {
        assert!(text.contains(name), "{name} missing from {text}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn metrics_answer_only_the_allowed_addresses_and_never_through_the_load_balancer(db: PgPool) {
    let app = TestApp::with_settings(
        db.clone(),
        &[("TESSERA_METRICS_FROM", "192.0.2.0/24"), ("TESSERA_ORIGIN_SECRET", "from-the-balancer")],
    );
    // This app's client is a 10.x address: not allowed.
    let refused = app.get("/metrics").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["error"]["code"], "forbidden");

    // The scraper's own address is; a request forwarded by a proxy or through the balancer
    // (whatever address it comes from) is not. Other paths still need the balancer's secret.
    let mut app = TestApp::with_settings(
        db,
        &[("TESSERA_METRICS_FROM", "192.0.2.0/24"), ("TESSERA_ORIGIN_SECRET", "from-the-balancer")],
    );
    app.peer = "192.0.2.10:9090".parse().unwrap();
    assert_eq!(app.get("/metrics").await.status, StatusCode::OK);
    assert_eq!(app.get("/api/events").await.status, StatusCode::FORBIDDEN);
    for (name, value) in [
        ("x-forwarded-for", "203.0.113.7"),
        ("forwarded", "for=203.0.113.7"),
        ("x-origin-verify", "from-the-balancer"),
    ] {
        let mut headers = HeaderMap::new();
        headers.insert(name, value.parse().unwrap());
        let response = app.request(Method::GET, "/metrics", headers).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{name}");
    }
}
