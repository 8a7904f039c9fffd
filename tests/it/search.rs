use sqlx::PgPool;
use tessera_core::catalog::NewEvent;
use tessera_tests::{TestApp, sample_event};

fn event(slug: &str, title: &str, description: &str, days: i64) -> NewEvent {
    let mut event = sample_event(slug, title, days);
    event.fields.description = description.to_string();
    event
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_title_hit_ranks_above_a_description_hit(db: PgPool) {
    let app = TestApp::new(db);
    // The description hit starts sooner, so only relevance can put the title hit first.
    app.insert_event(&event(
        "harbour-walk-lisbon",
        "Harbour Walk",
        "We end the walk with a marimba player on the quay. Marimba fans welcome.",
        1,
    ))
    .await;
    app.insert_event(&event("marimba-night-lisbon", "Marimba Night", "Music from Chiapas.", 30)).await;
    app.insert_event(&event("unrelated-lisbon", "Poetry Slam", "Words, words, words.", 2)).await;

    let response = app.get("/api/search?q=marimba").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.titles(), vec!["Marimba Night", "Harbour Walk"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_venue_or_city_hit_ranks_above_a_description_hit(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("mention-lisbon", "Quiet Evening", "Bring friends from Ribeira.", 1)).await;
    let mut at_venue = event("at-venue-lisbon", "Loud Evening", "Dancing.", 20);
    at_venue.fields.venue_name = "Armazém da Ribeira".into();
    app.insert_event(&at_venue).await;

    assert_eq!(app.get("/api/search?q=ribeira").await.titles(), vec!["Loud Evening", "Quiet Evening"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn search_ignores_accents_and_case(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("fete-montreal", "Fête de quartier du Mile End", "Street party.", 4)).await;
    app.insert_event(&event("other-lisbon", "Jazz Brunch", "Brunch with a trio.", 4)).await;

    for q in ["fete", "FETE", "Fête", "fête", "FÊTE", "quartier%20fete"] {
        let titles = app.get(&format!("/api/search?q={q}")).await.titles();
        assert_eq!(titles, vec!["Fête de quartier du Mile End"], "q={q}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn one_typo_in_a_long_word_is_tolerated_and_reported(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("surf-festival-cape-town", "Surf and Sound Festival", "Bands on the beach.", 4))
        .await;
    app.insert_event(&event("tango-lisbon", "Milonga de Domingo", "Tango until late.", 5)).await;

    for (typo, expected) in [
        ("festvial", "Surf and Sound Festival"), // transposition
        ("festivl", "Surf and Sound Festival"),  // deletion
        ("tangoo", "Milonga de Domingo"),        // insertion
        ("milonda", "Milonga de Domingo"),       // substitution
    ] {
        let response = app.get(&format!("/api/search?q={typo}")).await;
        let body = response.json();
        assert_eq!(response.titles(), vec![expected], "q={typo}");
        assert!(body["corrected_query"].is_string(), "q={typo} reports its correction");
    }
    // Short words are not guessed at: "tngo" is not "tango"...
    assert!(app.get("/api/search?q=tngo%20domingo").await.titles().is_empty());
    // ...but the word being typed is completed: "tang" is the start of "tango".
    assert_eq!(app.get("/api/search?q=tang").await.titles(), vec!["Milonga de Domingo"]);
    // A correct word reports no correction.
    assert!(app.get("/api/search?q=festival").await.json()["corrected_query"].is_null());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_city_name_finds_the_city_s_events(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let body = app.get("/api/search?q=kyoto&limit=100").await.json();
    let events = body["events"].as_array().unwrap();
    assert!(events.len() >= 9, "{} Kyoto events", events.len());
    assert!(events.iter().all(|e| e["city"] == "Kyoto"));

    let body = app.get("/api/search?q=krakow&limit=100").await.json();
    let events = body["events"].as_array().unwrap();
    assert!(events.len() >= 9);
    assert!(events.iter().all(|e| e["city"] == "Kraków"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_empty_query_lists_upcoming_events(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("b-lisbon", "Second", "x", 9)).await;
    app.insert_event(&event("a-lisbon", "First", "x", 2)).await;
    for uri in ["/api/search?q=", "/api/search", "/api/search?q=%20%20"] {
        let response = app.get(uri).await;
        assert_eq!(response.status, 200);
        assert_eq!(response.titles(), vec!["First", "Second"], "{uri}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn post_search_answers_like_get(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let get = app.get("/api/search?q=fado&city=lisbon").await;
    let post = app.post("/api/search?q=fado&city=lisbon").await;
    assert_eq!(post.status, 200);
    assert!(!get.titles().is_empty());
    assert_eq!(post.titles(), get.titles());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn search_results_page_with_their_own_cursor_and_filters(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let all = app.get("/api/search?q=night&limit=100").await.titles();
    assert!(all.len() >= 3, "{all:?}");

    let mut paged = Vec::new();
    let mut uri = "/api/search?q=night&limit=2".to_string();
    loop {
        let body = app.get(&uri).await.json();
        paged.extend(
            body["events"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()),
        );
        match body["next_cursor"].as_str() {
            Some(cursor) => uri = format!("/api/search?q=night&limit=2&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(paged, all);

    let body = app.get("/api/search?q=night&category=concert&limit=100").await.json();
    assert!(body["events"].as_array().unwrap().iter().all(|e| e["category"] == "concert"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_category_name_finds_events_of_that_category(db: PgPool) {
    let app = TestApp::new(db);
    let mut workshop = event("clay-lisbon", "Clay Afternoon", "Hands in the mud.", 3);
    workshop.fields.category = tessera_core::catalog::Category::Workshop;
    app.insert_event(&workshop).await;
    app.insert_event(&event("fado-lisbon", "Fado Night", "Guitars.", 4)).await;
    assert_eq!(app.get("/api/search?q=workshop").await.titles(), vec!["Clay Afternoon"]);
    assert_eq!(app.get("/api/search?q=concert").await.titles(), vec!["Fado Night"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_query_of_only_stop_words_lists_events_like_an_empty_one(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&event("a-lisbon", "Fado Night", "Guitars.", 4)).await;
    let response = app.get("/api/search?q=the%20and").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.titles(), vec!["Fado Night"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn corrections_never_reveal_words_of_draft_events(db: PgPool) {
    let app = TestApp::new(db);
    let mut draft = event("secret-lisbon", "Surprise Radiohead Gig", "Not announced yet.", 30);
    draft.fields.status = tessera_core::catalog::EventStatus::Draft;
    app.insert_event(&draft).await;
    app.insert_event(&event("public-lisbon", "Fado Night", "Guitars.", 4)).await;

    let body = app.get("/api/search?q=radiohed").await.json();
    assert!(body["events"].as_array().unwrap().is_empty());
    assert!(body["corrected_query"].is_null(), "{body}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_query_full_of_gibberish_is_answered_quickly_and_correctly(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let gibberish = (0..15).map(|i| format!("qzxv{i:02}kwpl")).collect::<Vec<_>>().join("%20");
    let started = std::time::Instant::now();
    let response = app.get(&format!("/api/search?q={gibberish}")).await;
    assert_eq!(response.status, 200);
    assert!(response.titles().is_empty());
    // Generous: the point is that 15 unknown words do not cost 15 trigram searches.
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
