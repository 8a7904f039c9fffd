//! Instant search: prefixes, typos, stemming in each language, Japanese and Polish, ranking,
//! filters with distance, suggestions, and the index following the database (an admin's edit,
//! a restart, two processes).

use std::time::{Duration, Instant};

use serde_json::json;
use sqlx::PgPool;
use tessera_core::catalog::{Category, EventFilter, Limit, NewEvent, TranslationFields};
use tessera_core::search::SearchIndex;
use tessera_tests::{TestApp, sample_event};

fn event(slug: &str, title: &str, description: &str, days: i64) -> NewEvent {
    let mut event = sample_event(slug, title, days);
    event.fields.description = description.to_string();
    event
}

fn in_language(slug: &str, language: &str, title: &str, description: &str, days: i64) -> NewEvent {
    let mut event = event(slug, title, description, days);
    event.fields.language = language.to_string();
    event.fields.tags = Vec::new();
    // Not a concert: the category's name in every language ("Konzert", "Concierto") is searched
    // too, and would find them all.
    event.fields.category = Category::Workshop;
    event
}

async fn titles(app: &TestApp, q: &str) -> Vec<String> {
    titles_in(app, q, "en").await
}

/// The titles found for `q`, in `lang` where translated.
async fn titles_in(app: &TestApp, q: &str, lang: &str) -> Vec<String> {
    let response = app.get(&format!("/api/search?q={}&limit=100&lang={lang}", urlencode(q))).await;
    assert_eq!(response.status, 200, "q={q}: {}", response.text());
    response.titles()
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).unwrap().trim_start_matches('=').to_string()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_word_being_typed_is_completed(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("fado-lisbon", "Noite de Fado", "Guitarra portuguesa.", 3)).await;
    let mut porto = event("jazz-porto", "Jazz na Ribeira", "Trio.", 4);
    porto.fields.city = "Porto".into();
    porto.fields.region = "Porto".into();
    app.insert_event(&porto).await;

    assert_eq!(titles(&app, "fad").await, ["Noite de Fado"]);
    assert_eq!(titles(&app, "lisb").await, ["Noite de Fado"]);
    assert_eq!(titles(&app, "noite fa").await, ["Noite de Fado"]);
    // Only the last word is a prefix: "fa noite" needs a word "fa".
    assert!(titles(&app, "fa noite").await.is_empty());
    // One letter completes nothing.
    assert!(titles(&app, "j").await.is_empty());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn typos_are_forgiven_by_word_length(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("perf-lisbon", "Open Performance", "Dancers in the square.", 3)).await;
    app.insert_event(&event("kite-lisbon", "Kites over Belém", "Bring one.", 4)).await;

    // Nine letters or more: two edits.
    assert_eq!(titles(&app, "perfromanse").await, ["Open Performance"]);
    // Five to eight: one edit ("dancres" is a transposition), not two.
    assert_eq!(titles(&app, "dancres").await, ["Open Performance"]);
    assert!(titles(&app, "dnacres square").await.is_empty());
    // Under five: none ("kiets" has five letters and one transposition).
    assert_eq!(titles(&app, "kiets").await, ["Kites over Belém"]);
    assert!(titles(&app, "kiet over").await.is_empty());
    // Accents and case.
    assert_eq!(titles(&app, "BELEM").await, ["Kites over Belém"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn words_are_stemmed_in_each_language(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&in_language("en", "en", "Jazz Concert at Dusk", "Saxophones.", 3)).await;
    app.insert_event(&in_language("fr", "fr", "Dégustation de vins", "Trois vignerons.", 3)).await;
    app.insert_event(&in_language("de", "de", "Führung durch die Altstadt", "Zwei Stunden.", 3)).await;
    app.insert_event(&in_language("es", "es", "Concierto de cumbia", "Baile.", 3)).await;
    app.insert_event(&in_language("pt", "pt", "Noite de guitarras", "Fado vadio.", 3)).await;

    assert_eq!(titles(&app, "concerts").await, ["Jazz Concert at Dusk"]);
    assert_eq!(titles(&app, "dégustations").await, ["Dégustation de vins"]);
    assert_eq!(titles(&app, "Führungen").await, ["Führung durch die Altstadt"]);
    assert_eq!(titles(&app, "conciertos").await, ["Concierto de cumbia"]);
    assert_eq!(titles(&app, "noites guitarra").await, ["Noite de guitarras"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn japanese_text_is_found_by_a_japanese_word(db: PgPool) {
    let app = TestApp::new(db);
    let mut tea = in_language("tea-kyoto", "ja", "京都の茶道体験", "退蔵院で抹茶と和菓子をいただきます。", 5);
    tea.fields.city = "Kyoto".into();
    tea.fields.translations.insert(
        "en".into(),
        TranslationFields {
            title: "Tea ceremony in Kyoto".into(),
            description: "Matcha and sweets.".into(),
            ticket_types: Vec::new(),
        },
    );
    app.insert_event(&tea).await;
    app.insert_event(&in_language("other", "ja", "大阪のライブ", "ジャズ。", 5)).await;

    for q in ["茶道", "京都で茶道", "抹茶", "和菓子", "茶", "tea ceremony"] {
        assert_eq!(titles_in(&app, q, "ja").await, ["京都の茶道体験"], "q={q}");
    }
    // Read in English, the same event under its translated title.
    assert_eq!(titles(&app, "茶道").await, ["Tea ceremony in Kyoto"]);
    assert_eq!(titles_in(&app, "ライブ", "ja").await, ["大阪のライブ"]);
    assert!(titles(&app, "茶道 ライブ").await.is_empty());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn polish_inflections_find_each_other(db: PgPool) {
    let app = TestApp::new(db);
    let mut krakow = in_language("krakow", "pl", "Koncert muzyki klasycznej", "Wieczór w teatrze.", 5);
    krakow.fields.city = "Kraków".into();
    krakow.fields.region = "Małopolska".into();
    app.insert_event(&krakow).await;

    for q in
        ["koncerty", "koncertach", "koncercie", "krakowie", "krakowa", "muzyka", "muzyce", "teatr", "wieczor"]
    {
        assert_eq!(titles(&app, q).await, ["Koncert muzyki klasycznej"], "q={q}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn title_beats_place_beats_tags_beats_description_and_ties_go_to_the_sooner(db: PgPool) {
    let app = TestApp::new(db);
    // Later events rank higher by field, so only the field can order them.
    app.insert_event(&event("in-description", "Quiet Evening", "A marimba player closes.", 1)).await;
    let mut tagged = event("in-tags", "Loud Evening", "Drums.", 2);
    tagged.fields.tags = vec!["marimba".into()];
    app.insert_event(&tagged).await;
    let mut at_venue = event("at-venue", "Late Evening", "Bass.", 3);
    at_venue.fields.venue_name = "Casa da Marimba".into();
    app.insert_event(&at_venue).await;
    app.insert_event(&event("in-title-later", "Marimba Night II", "Again.", 9)).await;
    app.insert_event(&event("in-title", "Marimba Night", "Music from Chiapas.", 8)).await;

    assert_eq!(
        titles(&app, "marimba").await,
        ["Marimba Night", "Marimba Night II", "Late Evening", "Loud Evening", "Quiet Evening"]
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn filters_and_distance_compose_with_search(db: PgPool) {
    let app = TestApp::new(db);
    // Alfama, Belém (6 km west), Cascais (25 km west) and Porto (275 km north).
    for (slug, title, latitude, longitude, category) in [
        ("alfama", "Fado in Alfama", 38.7118, -9.1300, Category::Concert),
        ("belem", "Fado in Belém", 38.6979, -9.2063, Category::Concert),
        ("belem-walk", "Fado walk in Belém", 38.6975, -9.2060, Category::Tour),
        ("cascais", "Fado in Cascais", 38.6979, -9.4215, Category::Concert),
        ("porto", "Fado in Porto", 41.1413, -8.6110, Category::Concert),
    ] {
        let mut e = event(slug, title, "Guitars.", 3);
        e.fields.latitude = latitude;
        e.fields.longitude = longitude;
        e.fields.category = category;
        if slug == "porto" {
            e.fields.city = "Porto".into();
        }
        app.insert_event(&e).await;
    }
    let body = app.get("/api/search?q=fado&near=38.7139,-9.1334&radius_km=10&sort=distance").await.json();
    let found: Vec<(&str, f64)> = body["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["title"].as_str().unwrap(), e["distance_km"].as_f64().unwrap()))
        .collect();
    let names: Vec<&str> = found.iter().map(|(title, _)| *title).collect();
    assert_eq!(names, ["Fado in Alfama", "Fado walk in Belém", "Fado in Belém"]);
    assert!(found[0].1 < 1.0 && (6.0..7.5).contains(&found[2].1), "{found:?}");

    let concerts =
        app.get("/api/search?q=fado&near=38.7139,-9.1334&radius_km=30&category=concert").await.titles();
    assert_eq!(concerts, ["Fado in Alfama", "Fado in Belém", "Fado in Cascais"]);
    assert_eq!(app.get("/api/search?q=fado&city=porto").await.titles(), ["Fado in Porto"]);
    assert!(app.get("/api/search?q=fado&max_price=5").await.titles().is_empty());
    assert_eq!(app.get("/api/search?q=fado&max_price=10&city=porto").await.titles(), ["Fado in Porto"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn suggestions_offer_events_cities_and_categories(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("fado-lisbon", "Noite de Fado", "Guitars.", 3)).await;
    let mut festival = event("lisbon-fest", "Lisbon Street Festival", "Everyone.", 4);
    festival.fields.category = Category::Festival;
    app.insert_event(&festival).await;

    let body = app.get("/api/search/suggest?q=lisb").await.json();
    assert_eq!(body["query"], "lisb");
    let events = body["events"].as_array().unwrap();
    // The title hit first, then the city hit.
    assert_eq!(events[0]["title"], "Lisbon Street Festival");
    assert_eq!(events[0]["url"], "/events/lisbon-fest");
    assert_eq!(events[1]["title"], "Noite de Fado");
    assert!(events[0]["hint"].as_str().unwrap().starts_with("Lisbon · "), "{body}");
    assert_eq!(
        body["cities"],
        json!([{"name": "Lisbon", "country": "PT", "events": 2,
        "url": "/cities/lisbon", "hint": "Portugal · 2 events"}])
    );
    assert_eq!(body["categories"], json!([]));

    // A category by its name in any language, labelled in the reader's.
    let body = app.get("/api/search/suggest?q=konz&lang=de").await.json();
    assert_eq!(
        body["categories"],
        json!([{"category": "concert", "label": "Konzert", "events": 1,
        "url": "/search?category=concert", "hint": "1 Veranstaltung"}])
    );
    assert_eq!(body["events"][0]["title"], "Noite de Fado");
    let body = app.get("/api/search/suggest?q=fest&lang=ja").await.json();
    assert_eq!(body["categories"][0]["label"], "フェスティバル");

    let empty = app.get("/api/search/suggest?q=").await.json();
    assert_eq!(empty, json!({"query": "", "events": [], "cities": [], "categories": []}));
    assert_eq!(app.get("/api/search/suggest?q=x&near=nowhere").await.status, 400);
}

/// Polls `index` until `q` finds `title` (or `deadline` passes), returning how long it took.
async fn visible(index: &SearchIndex, q: &str, title: &str, deadline: Duration) -> Option<Duration> {
    let started = Instant::now();
    while started.elapsed() < deadline {
        let snapshot = index.snapshot(Duration::from_secs(10)).await.expect("loaded");
        let found = snapshot.search(q, &EventFilter::default(), Limit::DEFAULT, None, chrono::Utc::now());
        if found.is_some_and(|found| found.hits.iter().any(|hit| hit.event.title == title)) {
            return Some(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    None
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_s_edit_reaches_two_processes_within_a_second(db: PgPool) {
    // Two web processes on one database, each with its own index.
    let first = TestApp::new(db.clone());
    let second = TestApp::new(db.clone());
    let id = first.insert_event(&event("edit-lisbon", "Harbour Walk", "Boats.", 3)).await;
    let (one, two) = (first.state.search.clone().unwrap(), second.state.search.clone().unwrap());
    assert!(visible(&one, "harbour", "Harbour Walk", Duration::from_secs(5)).await.is_some());
    assert!(visible(&two, "harbour", "Harbour Walk", Duration::from_secs(5)).await.is_some());

    let admin = first.sign_in(true).await;
    let version: i32 = sqlx::query_scalar("select version from event where event_id = $1")
        .bind(id)
        .fetch_one(&db)
        .await
        .unwrap();
    let edited = first
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({"version": version, "title": "Lighthouse Walk"}),
            Some(&admin),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text());
    for index in [&one, &two] {
        let took = visible(index, "lighthouse", "Lighthouse Walk", Duration::from_secs(1)).await;
        assert!(took.is_some(), "the edit is searchable within a second in each process");
    }
    // The old title is gone, in both, and both answer the same.
    assert!(titles(&first, "harbour").await.is_empty());
    assert_eq!(titles(&first, "walk").await, titles(&second, "walk").await);

    // Unpublished: gone from search too.
    let version = version + 1;
    let hidden = first
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({"version": version, "status": "draft"}),
            Some(&admin),
        )
        .await;
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    assert!(titles(&second, "lighthouse").await.is_empty());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_restarted_process_rebuilds_its_index_from_the_database(db: PgPool) {
    let before = TestApp::new(db.clone());
    before.insert_event(&event("kept-lisbon", "Tile Painting Workshop", "Azulejos.", 3)).await;
    assert_eq!(titles(&before, "azulejo").await, ["Tile Painting Workshop"]);
    drop(before);

    // A new process, with nothing in memory, written to while it was down.
    sqlx::query("update event set title = 'Tile Painting Class' where slug = 'kept-lisbon'")
        .execute(&db)
        .await
        .unwrap();
    let after = SearchIndex::new(db.clone());
    assert!(!after.is_loaded());
    let snapshot = after.snapshot(Duration::from_secs(10)).await.expect("loaded from Postgres");
    assert_eq!(snapshot.len(), 1);
    let found =
        snapshot.search("tile class", &EventFilter::default(), Limit::DEFAULT, None, chrono::Utc::now());
    assert_eq!(found.unwrap().hits[0].event.title, "Tile Painting Class");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_purchase_does_not_rebuild_the_index(db: PgPool) {
    // A purchase moves ticket_type.held and .sold: the index is not rebuilt for that.
    let app = TestApp::new(db.clone());
    let id = app.insert_event(&event("busy-lisbon", "Busy Night", "Crowds.", 3)).await;
    let index = app.state.search.clone().unwrap();
    index.caught_up(Duration::from_secs(10)).await.unwrap();
    let before = index.snapshot(Duration::from_secs(1)).await.unwrap();
    sqlx::query("update ticket_type set held = held + 1 where event_id = $1")
        .bind(id)
        .execute(&db)
        .await
        .unwrap();
    index.caught_up(Duration::from_secs(10)).await.unwrap();
    let after = index.snapshot(Duration::from_secs(1)).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&before, &after), "no new generation for a hold");
    // A price change is one.
    sqlx::query("update ticket_type set price_minor = 900 where event_id = $1")
        .bind(id)
        .execute(&db)
        .await
        .unwrap();
    index.caught_up(Duration::from_secs(10)).await.unwrap();
    let repriced = index.snapshot(Duration::from_secs(1)).await.unwrap();
    assert!(!std::sync::Arc::ptr_eq(&after, &repriced));
}
