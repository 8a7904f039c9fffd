//! City pages with their neighbourhoods, the neighbourhood filter, and maps of results.

use serde_json::json;
use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

fn titles_in(html: &str) -> Vec<String> {
    html.split("<h2 class=\"card-title\"")
        .skip(1)
        .filter_map(|card| {
            card.split_once('>').and_then(|(_, rest)| rest.split_once("</h2>")).map(|(t, _)| t.to_string())
        })
        .collect()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_city_page_lists_the_city_with_its_neighbourhoods_and_a_map(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let page = app.get("/cities/lisbon").await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains("<h1>What&#39;s on in Lisbon</h1>"), "{html}");
    let cards = titles_in(&html);
    assert!(cards.len() >= 9, "{cards:?}");
    // Neighbourhoods from the venues, most events first, each a filter.
    for chip in ["Mouraria (2)", "Alfama (2)", "Intendente (2)", "Marvila (1)"] {
        assert!(html.contains(chip), "{chip}");
    }
    assert!(html.contains(r#"<a href="/cities/lisbon" aria-current="page">All neighbourhoods</a>"#));
    // The map: one marker per venue, each a link to its event, over OpenStreetMap's tiles, credited.
    let markers = html.matches("class=\"map-marker\"").count();
    assert!((1..=cards.len()).contains(&markers), "{markers} markers for {} cards", cards.len());
    assert!(html.contains("<img src=\"https://tile.openstreetmap.org/"));
    assert!(html.contains("© OpenStreetMap contributors"));
    assert!(
        page.header("content-security-policy")
            .contains("img-src 'self' data: https://tile.openstreetmap.org;"),
        "tiles are allowed by the page's policy"
    );

    // One neighbourhood: only its events, the chip marked.
    let page = app.get("/cities/lisbon?neighbourhood=mouraria").await;
    let html = page.text();
    assert_eq!(page.status, 200);
    let cards = titles_in(&html);
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(html.contains(r#"aria-current="page">Mouraria (2)</a>"#));

    // The same filter in the API, and with search.
    let body = app.get("/api/events?city=lisbon&neighbourhood=ALFAMA").await.json();
    let events = body["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().all(|e| e["neighbourhood"] == "Alfama"));
    assert_eq!(app.get("/api/search?q=fado&neighbourhood=mouraria").await.titles().len(), 1);

    // Accents and case do not matter in the address; unknown cities are not found.
    assert_eq!(app.get("/cities/krakow").await.status, 200);
    assert!(app.get("/cities/krakow").await.text().contains("Kazimierz (2)"));
    assert_eq!(app.get("/cities/atlantis").await.status, 404);

    // Suggestions lead to the city page.
    let body = app.get("/api/search/suggest?q=krak").await.json();
    assert_eq!(body["cities"][0]["url"], "/cities/krakow");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn without_tiles_the_map_is_markers_on_a_blank_background(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_MAP_TILES", "off")]);
    app.insert_event(&sample_event("fado-lisbon", "Fado Night", 3)).await;
    // Search results offer the map; it is drawn only when asked for.
    let plain = app.get("/search?q=fado").await.text();
    assert!(
        plain
            .contains(r#"<p class="map-toggle"><a href="/search?q=fado&#38;view=map">Show on a map</a></p>"#),
        "{plain}"
    );
    assert!(!plain.contains("map-marker"));
    let page = app.get("/search?q=fado&view=map").await;
    let html = page.text();
    assert!(
        html.contains(r#"class="map-marker" href="/events/fado-lisbon" aria-label="Fado Night""#),
        "{html}"
    );
    assert!(html.contains(r#"<a href="/search?q=fado">Hide the map</a>"#), "{html}");
    assert!(html.contains("class=\"map-blank\""));
    assert!(!html.contains("map-tiles"), "no tiles");
    assert!(!html.contains("OpenStreetMap"), "no credit for tiles not drawn");
    assert!(page.header("content-security-policy").contains("img-src 'self' data:;"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn another_tile_server_is_drawn_and_credited(db: PgPool) {
    let app = TestApp::with_settings(
        db,
        &[
            ("TESSERA_MAP_TILES", "https://tiles.example.org/osm/{z}/{x}/{y}.png"),
            ("TESSERA_MAP_ATTRIBUTION", "© Example Maps"),
            ("TESSERA_MAP_ATTRIBUTION_URL", "https://example.org/credits"),
        ],
    );
    app.insert_event(&sample_event("fado-lisbon", "Fado Night", 3)).await;
    // A plain listing loads nothing from the tile server.
    assert!(!app.get("/").await.text().contains("tiles.example.org"));
    let page = app.get("/?view=map").await;
    let html = page.text();
    assert!(html.contains("<img src=\"https://tiles.example.org/osm/16/"), "{html}");
    assert!(html.contains(r#"<a href="https://example.org/credits" rel="noopener">© Example Maps</a>"#));
    assert!(
        page.header("content-security-policy").contains("img-src 'self' data: https://tiles.example.org;")
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_names_the_neighbourhood(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let created = app
        .post_json(
            "/api/admin/events/create",
            json!({
                "title": "Noite de Fado na Graça", "category": "concert", "city": "Lisbon",
                "country": "PT", "venue_name": "Tasca do Largo", "address": "Largo da Graça 12",
                "neighbourhood": "Graça", "latitude": 38.7163, "longitude": -9.1306,
                "starts_at": "2030-06-12T20:30:00Z", "ends_at": "2030-06-12T23:00:00Z",
                "timezone": "Europe/Lisbon", "language": "pt", "status": "published",
                "ticket_types": [{"name": "General", "price_minor": 1800, "currency": "EUR", "capacity": 60}]
            }),
            Some(&admin),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let event = created.json();
    assert_eq!(event["neighbourhood"], "Graça");
    let id = event["id"].as_str().unwrap();
    let edited = app
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({"version": 1, "neighbourhood": "São Vicente"}),
            Some(&admin),
        )
        .await;
    assert_eq!(edited.json()["neighbourhood"], "São Vicente");
    let page = app.get("/cities/lisbon?neighbourhood=sao%20vicente").await.text();
    assert_eq!(titles_in(&page), ["Noite de Fado na Graça"]);
    let too_long = "x".repeat(101);
    let refused = app
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({"version": 2, "neighbourhood": too_long}),
            Some(&admin),
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.json()["error"]["field"], "neighbourhood");
}
