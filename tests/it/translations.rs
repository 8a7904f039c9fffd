//! Each event in its own language, and in the reader's: organisers translate an event's texts
//! (admin API and form, several languages at once), readers get their language with the
//! original one click away, and events nobody translated show as written, marked with their
//! language.

use axum::http::{HeaderMap, Method, header};
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_tests::TestApp;

fn fado() -> Value {
    json!({
        "title": "Noite de Fado na Graça",
        "description": "Duas guitarras e uma voz.\n\nTraga uma almofada.",
        "category": "concert",
        "city": "Lisbon",
        "region": "Lisboa",
        "country": "PT",
        "venue_name": "Tasca do Largo",
        "address": "Largo da Graça 12, Lisboa",
        "latitude": 38.7163,
        "longitude": -9.1306,
        "starts_at": "2030-06-12T20:30:00Z",
        "ends_at": "2030-06-12T23:00:00Z",
        "timezone": "Europe/Lisbon",
        "language": "pt",
        "status": "published",
        "ticket_types": [
            {"name": "Geral", "price_minor": 1800, "currency": "EUR", "capacity": 60},
            {"name": "Mesa da frente", "price_minor": 3000, "currency": "EUR", "capacity": 12}
        ],
        "translations": {
            "en": {
                "title": "Fado Night in Graça",
                "description": "Two guitars and a voice.\n\nBring a cushion.",
                "ticket_types": ["General admission", "Front table"]
            },
            "fr": {
                "title": "Soirée de fado à Graça",
                "description": "Deux guitares et une voix.",
                "ticket_types": ["Entrée", ""]
            }
        }
    })
}

async fn create(app: &TestApp, admin: &str, body: Value) -> Value {
    let response = app.post_json("/api/admin/events/create", body, Some(admin)).await;
    assert_eq!(response.status, 201, "{}", response.text());
    response.json()
}

async fn get_in(app: &TestApp, uri: &str, accept_language: &str) -> tessera_tests::TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT_LANGUAGE, accept_language.parse().unwrap());
    app.request(Method::GET, uri, headers).await
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_api_answers_in_the_readers_language_with_the_original_alongside(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, fado()).await;
    let id = event["id"].as_str().unwrap();
    // What the admin wrote comes back as written, every translation with it.
    assert_eq!(event["title"], "Noite de Fado na Graça");
    assert_eq!(event["text_language"], "pt");
    assert_eq!(event["translations"]["en"]["title"], "Fado Night in Graça");
    assert_eq!(event["ticket_types"][0]["translations"], json!({"en": "General admission", "fr": "Entrée"}));
    assert_eq!(
        event["ticket_types"][1]["translations"],
        json!({"en": "Front table"}),
        "an empty name is no translation"
    );

    let english = get_in(&app, &format!("/api/events/{id}"), "en-GB,en;q=0.9").await.json();
    assert_eq!(english["title"], "Fado Night in Graça");
    assert_eq!(english["description"], "Two guitars and a voice.\n\nBring a cushion.");
    assert_eq!(english["text_language"], "en");
    assert_eq!(english["language"], "pt", "the event's own language stays");
    assert_eq!(
        english["original"],
        json!({"title": "Noite de Fado na Graça", "description": "Duas guitarras e uma voz.\n\nTraga uma almofada."})
    );
    assert_eq!(english["ticket_types"][0]["name"], "General admission");

    let french = app.get(&format!("/api/events/{id}?lang=fr")).await.json();
    assert_eq!(french["title"], "Soirée de fado à Graça");
    assert_eq!(french["ticket_types"][0]["name"], "Entrée");
    assert_eq!(french["ticket_types"][1]["name"], "Mesa da frente", "untranslated names stay as written");

    // No Japanese translation: the original, saying so.
    let japanese = get_in(&app, &format!("/api/events/{id}"), "ja").await.json();
    assert_eq!(japanese["title"], "Noite de Fado na Graça");
    assert_eq!(japanese["text_language"], "pt");
    // The listing and search answer the same way.
    let listed = get_in(&app, "/api/events?city=lisbon", "en").await.json();
    assert_eq!(listed["events"][0]["title"], "Fado Night in Graça");
    // Caches in front of the API must keep each language apart.
    let response = get_in(&app, "/api/events?city=lisbon", "en").await;
    assert!(response.header("vary").contains("Accept-Language"), "{:?}", response.header("vary"));
    let found = get_in(&app, "/api/search?q=cushion", "de").await.json();
    assert_eq!(
        found["events"][0]["title"], "Noite de Fado na Graça",
        "found by its English translation: {found}"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn translations_are_checked_and_follow_their_ticket_types(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let cases = [
        (json!({"pt-BR": {"title": "Noite"}}), "translations.pt-BR"),
        (json!({"EN": {"title": "Night"}}), "translations.EN"),
        (json!({"en": {"title": " "}}), "translations.en.title"),
        (json!({"en": {"title": "Night", "ticket_types": ["a", "b", "c"]}}), "translations.en.ticket_types"),
        (json!({"en": {"title": "Night"}, "en-GB": {"title": "Night"}}), "translations.en-GB"),
    ];
    for (translations, field) in cases {
        let mut body = fado();
        body["translations"] = translations.clone();
        let response = app.post_json("/api/admin/events/create", body, Some(&admin)).await;
        assert_eq!(response.status, 422, "{translations}: {}", response.text());
        assert_eq!(response.json()["error"]["field"], field, "{translations}");
    }

    // Ticket types swapped by an edit that leaves the translations alone: names follow by id.
    let event = create(&app, &admin, fado()).await;
    let id = event["id"].as_str().unwrap();
    let types = event["ticket_types"].as_array().unwrap();
    let swapped: Vec<Value> = [&types[1], &types[0]]
        .iter()
        .map(|t| json!({"id": t["id"], "name": t["name"], "price_minor": t["price_minor"], "currency": "EUR", "capacity": t["capacity"]}))
        .collect();
    let edited = app
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({"version": 1, "ticket_types": swapped}),
            Some(&admin),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text());
    let edited = edited.json();
    assert_eq!(edited["ticket_types"][0]["name"], "Mesa da frente");
    assert_eq!(edited["ticket_types"][0]["translations"], json!({"en": "Front table"}));
    assert_eq!(edited["ticket_types"][1]["translations"], json!({"en": "General admission", "fr": "Entrée"}));
    // A new set of translations replaces the old: French goes.
    let replaced = app
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({"version": 2, "translations": {"en": {"title": "Fado Night"}}}),
            Some(&admin),
        )
        .await;
    assert_eq!(replaced.status, 200, "{}", replaced.text());
    assert_eq!(replaced.json()["translations"], json!({"en": {"title": "Fado Night", "description": ""}}));
    let english = app.get(&format!("/api/events/{id}?lang=en")).await.json();
    assert_eq!(
        english["description"], "Duas guitarras e uma voz.\n\nTraga uma almofada.",
        "no translated description: the original's"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn pages_show_the_readers_language_and_offer_the_original(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, fado()).await;
    let slug = event["slug"].as_str().unwrap();
    let mut untranslated = fado();
    untranslated["title"] = json!("Arraial de Bairro");
    untranslated["translations"] = json!({});
    create(&app, &admin, untranslated).await;

    let page = app.get(&format!("/events/{slug}?lang=en")).await.text();
    assert!(page.contains("<h1 lang=\"en\">Fado Night in Graça</h1>"), "{page}");
    assert!(page.contains("Translated from Portuguese by the organiser."), "{page}");
    assert!(
        page.contains(&format!("<a href=\"/events/{slug}?lang=en&#38;original=1\" hreflang=\"pt\">Show the original (Português)</a>")),
        "{page}"
    );
    assert!(page.contains("<div class=\"event-description\" lang=\"en\">"));
    assert!(page.contains("<span class=\"ticket-name\" lang=\"en\">General admission</span>"));

    // One click: the original, marked as Portuguese, with the way back.
    let original = app.get(&format!("/events/{slug}?lang=en&original=1")).await.text();
    assert!(original.contains("<h1 lang=\"pt\">Noite de Fado na Graça</h1>"), "{original}");
    assert!(original.contains("Duas guitarras e uma voz."));
    assert!(
        original.contains(&format!(
            "href=\"/events/{slug}?lang=en\" hreflang=\"en\">Show the translation (English)</a>"
        )),
        "{original}"
    );

    let french = app.get(&format!("/events/{slug}?lang=fr")).await.text();
    assert!(french.contains("Traduit par l’organisateur (original : portugais)."), "{french}");
    let japanese = app.get(&format!("/events/{slug}?lang=ja")).await.text();
    assert!(
        japanese.contains("<h1 lang=\"pt\">Noite de Fado na Graça</h1>"),
        "no Japanese translation: {japanese}"
    );
    assert!(!japanese.contains("original=1"), "nothing to switch to");

    // Cards in the listing too: the translation in English, the original marked where there is none.
    let home = app.get("/?lang=en").await.text();
    assert!(home.contains("<h2 class=\"card-title\" lang=\"en\">Fado Night in Graça</h2>"), "{home}");
    assert!(home.contains("<h2 class=\"card-title\" lang=\"pt\">Arraial de Bairro</h2>"), "{home}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_admin_form_saves_two_languages_at_once_beside_the_original(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let page = app.get_with_cookie("/admin/events/new", &admin).await;
    let (csrf, token) = page.csrf();
    let cookies = format!("{admin}; {csrf}");
    let mut form = vec![
        ("csrf_token", token.as_str()),
        ("title", "Wieczór klezmerski"),
        ("description", "Cicha muzyka."),
        ("category", "concert"),
        ("status", "published"),
        ("language", "pl"),
        ("tags", ""),
        ("image_alt", ""),
        ("starts_local", "2030-05-02T20:00"),
        ("ends_local", "2030-05-02T22:30"),
        ("timezone", "Europe/Warsaw"),
        ("venue_name", "Piwnica pod Baranami"),
        ("address", "Rynek Główny 27, Kraków"),
        ("city", "Kraków"),
        ("region", ""),
        ("country", "PL"),
        ("latitude", "50.0619"),
        ("longitude", "19.9368"),
        ("currency", "PLN"),
        ("tt_id_0", ""),
        ("tt_name_0", "Ławka"),
        ("tt_price_0", "45"),
        ("tt_capacity_0", "40"),
        ("tt_id_1", ""),
        ("tt_name_1", ""),
        ("tt_price_1", ""),
        ("tt_capacity_1", ""),
    ];
    form.extend([
        ("tr_lang_0", "en"),
        ("tr_title_0", "Klezmer Evening"),
        ("tr_description_0", "Quiet music."),
        ("tr_tt_0_0", "Bench"),
        ("tr_lang_1", "de"),
        ("tr_title_1", "Klezmer-Abend"),
        ("tr_description_1", "Leise Musik."),
        ("tr_tt_0_1", ""),
        ("tr_tt_1_0", "Bank"),
        ("tr_lang_2", ""),
        ("tr_title_2", ""),
        ("tr_description_2", ""),
    ]);
    let created = app.post_form("/admin/events/new", &form, Some(&cookies)).await;
    assert_eq!(created.status, 303, "{}", created.text());
    let edit_uri = created.header("location").trim_end_matches("?saved=1").to_string();

    let event = app.get("/api/events?city=krakow").await.json()["events"][0].clone();
    assert_eq!(
        event["translations"]["en"],
        json!({"title": "Klezmer Evening", "description": "Quiet music."})
    );
    assert_eq!(event["translations"]["de"], json!({"title": "Klezmer-Abend", "description": "Leise Musik."}));
    assert_eq!(event["ticket_types"][0]["translations"], json!({"en": "Bench", "de": "Bank"}));

    // The edit form shows each language beside the original, and a blank one to add another.
    let html = app.get_with_cookie(&edit_uri, &admin).await.text();
    assert!(html.contains("name=\"tr_lang_0\" value=\"de\""), "languages in order: {html}");
    assert!(html.contains("name=\"tr_title_1\" value=\"Klezmer Evening\""));
    assert!(html.contains("<p lang=\"pl\">Wieczór klezmerski</p>"), "the original beside it");
    assert!(html.contains("name=\"tr_lang_2\" value=\"\""), "a blank language to add");

    // The same language twice is refused, rather than one of them silently lost.
    let mut twice = form.clone();
    for field in twice.iter_mut() {
        if field.0 == "tr_lang_1" {
            field.1 = "en";
        }
    }
    let refused = app.post_form("/admin/events/new", &twice, Some(&cookies)).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.text().contains("appears twice"), "{}", refused.text());

    // A title typed without saying its language is refused, nothing saved.
    let mut unnamed = form.clone();
    unnamed.retain(|(key, _)| !key.starts_with("tr_"));
    unnamed.extend([("tr_lang_0", ""), ("tr_title_0", "Klezmer Evening"), ("tr_description_0", "")]);
    let refused = app.post_form("/admin/events/new", &unnamed, Some(&cookies)).await;
    assert_eq!(refused.status, 422, "{}", refused.text());
    assert!(refused.text().contains("say which language each translation is in"), "{}", refused.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_calendar_file_keeps_the_events_zone_and_the_readers_language(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, fado()).await;
    let slug = event["slug"].as_str().unwrap();
    let response = get_in(&app, &format!("/events/{slug}/calendar.ics"), "en").await;
    assert_eq!(response.status, 200);
    assert!(response.header("content-type").starts_with("text/calendar"));
    assert!(response.header("content-disposition").contains(&format!("{slug}.ics")));
    let ics = response.text().replace("\r\n ", "");
    // 20:30 UTC on 12 June is 21:30 in Lisbon (summer time).
    assert!(ics.contains("DTSTART;TZID=Europe/Lisbon:20300612T213000"), "{ics}");
    assert!(ics.contains("SUMMARY;LANGUAGE=en:Fado Night in Graça"), "{ics}");
    assert!(ics.contains(&format!("UID:{}@", event["id"].as_str().unwrap())));
    assert!(ics.contains("STATUS:CONFIRMED") && ics.contains("SEQUENCE:1"), "{ics}");
    let page = app.get(&format!("/events/{slug}?lang=de")).await.text();
    assert!(
        page.contains(&format!(
            "href=\"/events/{slug}/calendar.ics\" download>Zum Kalender hinzufügen (.ics)</a>"
        )),
        "{page}"
    );
    assert_eq!(app.get("/events/no-such-event/calendar.ics").await.status, 404);
    // The page's time carries its zone and the words for "your time", for the browser to add
    // the viewer's own clock when it differs (web/static/local-time.js).
    assert!(page.contains("data-zone=\"Europe/Lisbon\" data-your-time=\"(\u{E000} bei Ihnen)\""), "{page}");
}
