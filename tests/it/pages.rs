use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_home_page_shows_upcoming_events_as_cards(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let response = app.get("/").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.header("content-type"), "text/html; charset=utf-8");
    let html = response.text();
    assert_eq!(html.matches("class=\"event-card\"").count(), 12, "a page of 12 cards");
    assert!(html.contains("<img src=\"/media/images/"));
    assert!(html.contains("from €") || html.contains("from MX$") || html.contains("from ¥"));
    assert!(html.contains("rel=\"next\""), "a link to the next page");
    // Filter menus list the demo cities with accents intact.
    assert!(html.contains(">Kraków ("));
    assert!(html.contains("<option value=\"festival\">Festival</option>"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn dates_on_pages_are_in_the_event_s_own_time_zone(db: PgPool) {
    let app = TestApp::new(db);
    let mut event = sample_event("tea-kyoto", "Morning Tea", 5);
    event.fields.city = "Kyoto".into();
    event.fields.country = "JP".into();
    event.fields.timezone = chrono_tz::Asia::Tokyo;
    event.fields.currency = "JPY".parse().unwrap();
    event.fields.ticket_types[0].price_minor = 3500;
    app.insert_event(&event).await;
    let local = event.fields.starts_at.with_timezone(&chrono_tz::Asia::Tokyo);

    let home = app.get("/").await.text();
    // English writes a 12-hour clock (CLDR `en`), on the event's own clock.
    assert!(home.contains(&local.format("%a, %b %-d, %-I:%M\u{202f}%p").to_string()), "{home}");
    assert!(home.contains("from ¥3,500"));
    assert!(home.contains("Kyoto, Japan"));

    let page = app.get("/events/tea-kyoto").await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<h1 lang=\"pt\">Morning Tea</h1>"), "the title carries the event's language");
    assert!(html.contains(&local.format("%A, %B %-d, %Y, %-I:%M\u{202f}%p – ").to_string()), "{html}");
    assert!(html.contains("(Japan Time)"), "the zone is named");
    assert!(html.contains("class=\"ticket-types\""));
    assert!(html.contains("¥3,500"));

    // In Japanese: the date as Japan writes it, a 24-hour clock, the yen as CLDR's `ja` writes it.
    let japanese = app.get("/events/tea-kyoto?lang=ja").await.text();
    assert!(japanese.contains(&local.format("%Y年%-m月%-d日").to_string()), "{japanese}");
    assert!(japanese.contains(&local.format("%-H:%M～").to_string()), "{japanese}");
    assert!(japanese.contains("(日本時間)"));
    assert!(japanese.contains("￥3,500"));
    // In Portuguese, the same yen: the amount first, grouped with a space.
    let portuguese = app.get("/events/tea-kyoto?lang=pt").await.text();
    assert!(
        portuguese.contains("3500\u{a0}JP¥") || portuguese.contains("3\u{a0}500\u{a0}JP¥"),
        "{portuguese}"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_home_page_filters_by_city_and_category(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let html = app.get("/?city=Kyoto&category=workshop").await.text();
    let cards = html.matches("class=\"event-card\"").count();
    assert!(cards >= 1);
    assert_eq!(html.matches("Kyoto, Japan").count(), cards, "only Kyoto events");
    assert!(html.contains("<option value=\"Kyoto\" selected>"), "the chosen city stays chosen");
    assert!(html.contains("<option value=\"workshop\" selected>"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_search_page_shows_results_and_corrections(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let response = app.get("/search?q=festvial").await;
    assert_eq!(response.status, 200);
    let html = response.text();
    assert!(html.contains("Showing results for “festival”."), "{html}");
    assert!(html.matches("class=\"event-card\"").count() >= 1);
    assert!(html.contains("value=\"festvial\""), "the search box keeps the query");

    let html = app.get("/search?q=zzqxjvwk").await.text();
    assert!(html.contains("class=\"empty-state\""));
    assert!(!html.contains("class=\"event-card\""));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_bad_filter_on_a_page_explains_itself_with_a_400(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let response = app.get("/?category=opera").await;
    assert_eq!(response.status, 400);
    let html = response.text();
    assert!(html.contains("class=\"form-error\""));
    assert!(html.contains("unknown category"));
    let response = app.get("/search?q=fado&from=2026-12-10&to=2026-12-01").await;
    assert_eq!(response.status, 400);
    assert!(response.text().contains("is after to"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn unknown_pages_are_a_friendly_404(db: PgPool) {
    let app = TestApp::new(db);
    for uri in ["/events/no-such-event", "/nowhere"] {
        let response = app.get(uri).await;
        assert_eq!(response.status, 404, "{uri}");
        assert_eq!(response.header("content-type"), "text/html; charset=utf-8");
        assert!(response.text().contains("Page not found"));
    }
    let response = app.get("/api/nowhere").await;
    assert_eq!(response.status, 404);
    assert_eq!(response.json()["error"]["code"], "not_found");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_cancelled_event_keeps_its_page_but_leaves_the_listing(db: PgPool) {
    let app = TestApp::new(db);
    let mut event = sample_event("rained-off-lisbon", "Rained Off", 5);
    event.fields.status = tessera_core::catalog::EventStatus::Cancelled;
    app.insert_event(&event).await;

    let html = app.get("/events/rained-off-lisbon").await.text();
    assert!(html.contains("This event was cancelled"));
    assert!(!app.get("/").await.text().contains("Rained Off"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn pages_link_their_stylesheet_which_is_cached_forever(db: PgPool) {
    let app = TestApp::new(db);
    let html = app.get("/").await.text();
    let href =
        html.split("rel=\"stylesheet\" href=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    let css = app.get(href).await;
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert_eq!(css.header("cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(app.get("/static/app.0000.css").await.status, 404);
}
