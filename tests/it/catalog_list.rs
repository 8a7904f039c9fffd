use std::collections::HashSet;

use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_listing_pages_through_every_upcoming_event_once_in_start_order(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let total: i64 =
        sqlx::query_scalar("select count(*) from event where status = 'published' and ends_at > now()")
            .fetch_one(&app.db)
            .await
            .unwrap();

    let mut seen = HashSet::new();
    let mut starts = Vec::new();
    let mut uri = "/api/events?limit=7".to_string();
    let mut pages = 0;
    loop {
        let response = app.get(&uri).await;
        assert_eq!(response.status, 200, "{}", response.text());
        let body = response.json();
        let events = body["events"].as_array().unwrap();
        assert!(events.len() <= 7);
        for event in events {
            assert!(seen.insert(event["id"].as_str().unwrap().to_string()), "duplicate across pages");
            starts.push(event["starts_at"].as_str().unwrap().to_string());
        }
        pages += 1;
        match body["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/events?limit=7&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen.len() as i64, total);
    assert_eq!(pages, (total + 6) / 7);
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "soonest first");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn each_event_in_json_has_the_documented_fields(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let body = app.get("/api/events?limit=100").await.json();
    let events = body["events"].as_array().unwrap();
    assert!(events.len() >= 60);
    for event in events {
        for field in [
            "id",
            "slug",
            "title",
            "description",
            "category",
            "city",
            "country",
            "venue_name",
            "starts_at",
            "ends_at",
            "timezone",
            "image",
            "min_price_minor",
            "currency",
            "ticket_types",
        ] {
            assert!(!event[field].is_null(), "{field} missing in {event}");
        }
        assert!(event["image"].as_str().unwrap().starts_with("/media/"));
        let min = event["ticket_types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["price_minor"].as_i64().unwrap())
            .min()
            .unwrap();
        assert_eq!(event["min_price_minor"].as_i64().unwrap(), min);
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn one_event_by_id_and_drafts_and_unknown_ids_are_not_found(db: PgPool) {
    let app = TestApp::new(db);
    let public = app.insert_event(&sample_event("open-air-fado-lisbon", "Open-air Fado", 3)).await;
    let mut draft = sample_event("secret-draft-lisbon", "Secret Draft", 3);
    draft.fields.status = tessera_core::catalog::EventStatus::Draft;
    let draft = app.insert_event(&draft).await;

    let response = app.get(&format!("/api/events/{public}")).await;
    assert_eq!(response.status, 200);
    let event = response.json();
    assert_eq!(event["title"], "Open-air Fado");
    assert_eq!(event["ticket_types"][0]["name"], "General");
    assert_eq!(event["ticket_types"][0]["price_minor"], 1000);
    assert_eq!(event["currency"], "EUR");

    let response = app.get(&format!("/api/events/{draft}")).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.json()["error"]["code"], "not_found");

    let response = app.get(&format!("/api/events/{}", uuid::Uuid::now_v7())).await;
    assert_eq!(response.status, 404);

    // Drafts and past events are not listed either.
    assert_eq!(app.get("/api/events").await.titles(), vec!["Open-air Fado"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_event_still_running_is_listed_and_one_that_ended_is_not(db: PgPool) {
    let app = TestApp::new(db);
    let mut running = sample_event("three-day-festival-lisbon", "Three-day Festival", -1);
    running.fields.ends_at = running.fields.starts_at + chrono::Duration::days(3);
    app.insert_event(&running).await;
    app.insert_event(&sample_event("last-week-lisbon", "Last Week", -7)).await;

    assert_eq!(app.get("/api/events").await.titles(), vec!["Three-day Festival"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn anonymous_catalog_reads_are_reused_for_a_few_seconds_but_personal_ones_are_not(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_CATALOG_CACHE_SECONDS", "5")]);
    app.insert_event(&sample_event("first-lisbon", "First", 3)).await;
    assert_eq!(app.get("/api/events").await.titles(), vec!["First"]);

    app.insert_event(&sample_event("second-lisbon", "Second", 4)).await;
    // Within the cache's lifetime the same anonymous request gets the same answer ...
    assert_eq!(app.get("/api/events").await.titles(), vec!["First"]);
    // ... while a request carrying credentials always reads the database.
    let mut headers = axum::http::HeaderMap::new();
    headers.insert(axum::http::header::COOKIE, "tessera_session=abc".parse().unwrap());
    let personal = app.request(axum::http::Method::GET, "/api/events", headers).await;
    assert_eq!(personal.titles(), vec!["First", "Second"]);
    // Errors are never kept.
    assert_eq!(app.get("/api/events?limit=0").await.status, 400);
    assert_eq!(app.get("/api/events?limit=0").await.status, 400);
}
