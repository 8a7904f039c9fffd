use std::collections::BTreeSet;

use sqlx::PgPool;
use tessera_tests::TestApp;

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_demo_catalog_spans_cities_continents_and_categories(db: PgPool) {
    let app = TestApp::with_demo(db).await;

    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("select city, country, category, timezone from event where status = 'published' and starts_at > now()")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(rows.len() >= 60, "{} upcoming events", rows.len());
    let cities: BTreeSet<_> = rows.iter().map(|r| r.0.as_str()).collect();
    assert!(cities.len() >= 6, "cities: {cities:?}");
    let continents: BTreeSet<_> = rows.iter().filter_map(|r| r.3.split('/').next()).collect();
    assert!(continents.len() >= 2, "continents: {continents:?}");
    let categories: BTreeSet<_> = rows.iter().map(|r| r.2.as_str()).collect();
    for category in tessera_core::catalog::Category::ALL {
        assert!(categories.contains(category.as_str()), "no {category} event");
    }

    // Each event is priced in its country's currency, with at least one ticket type.
    let mismatched: i64 = sqlx::query_scalar(
        "select count(*) from event e where not exists (select 1 from ticket_type t where t.event_id = e.event_id)
            or (e.country, e.currency) not in (('PT','EUR'),('DE','EUR'),('PL','PLN'),('CA','CAD'),('MX','MXN'),('JP','JPY'),('ZA','ZAR'))",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(mismatched, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_demo_event_has_an_image_that_is_served(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let images: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "select e.slug, '/media/' || m.blob_key, e.image_alt from event e left join media m on m.media_id = e.image_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for (slug, url, alt) in images {
        let url = url.unwrap_or_else(|| panic!("{slug} has no image"));
        assert!(!alt.trim().is_empty(), "{slug} has no alt text");
        let response = app.get(&url).await;
        assert_eq!(response.status, 200, "{url}");
        assert_eq!(response.header("content-type"), "image/jpeg");
        assert!(response.body.starts_with(&[0xFF, 0xD8, 0xFF]), "{url} is a JPEG");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn seeding_twice_changes_nothing(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let snapshot = |db: PgPool| async move {
        let events: Vec<(uuid::Uuid, String, i32, chrono::DateTime<chrono::Utc>)> =
            sqlx::query_as("select event_id, slug, version, starts_at from event order by slug")
                .fetch_all(&db)
                .await
                .unwrap();
        let tickets: Vec<(uuid::Uuid, String, i64, i32)> = sqlx::query_as(
            "select ticket_type_id, name, price_minor, capacity from ticket_type order by ticket_type_id",
        )
        .fetch_all(&db)
        .await
        .unwrap();
        let media: i64 = sqlx::query_scalar("select count(*) from media").fetch_one(&db).await.unwrap();
        (events, tickets, media)
    };
    let before = snapshot(app.db.clone()).await;

    tessera_cli::seed::load(&app.db, &app.state.blobs).await.expect("second seed");

    assert_eq!(snapshot(app.db.clone()).await, before);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_changed_translation_or_ticket_type_alone_is_a_new_version(db: PgPool) {
    let app = TestApp::new(db);
    let version = |db: PgPool| async move {
        sqlx::query_scalar::<_, i32>("select version from event where slug = 'fado-versions'")
            .fetch_one(&db)
            .await
            .unwrap()
    };
    let mut event = tessera_tests::sample_event("fado-versions", "Noite de Fado", 5);
    event.fields.translations.insert(
        "en".into(),
        tessera_core::catalog::TranslationFields {
            title: "Fado Night".into(),
            description: String::new(),
            ticket_types: vec![Some("General admission".into())],
        },
    );
    app.insert_event(&event).await;
    app.insert_event(&event).await;
    assert_eq!(version(app.db.clone()).await, 1, "the same seed twice");

    event.fields.translations.get_mut("en").unwrap().ticket_types = vec![Some("Standing".into())];
    app.insert_event(&event).await;
    assert_eq!(version(app.db.clone()).await, 2, "a translated ticket type name");
    event.fields.translations.get_mut("en").unwrap().title = "A Night of Fado".into();
    app.insert_event(&event).await;
    assert_eq!(version(app.db.clone()).await, 3, "a translated title");
    // What moves between the title and the description is a change too.
    let text = event.fields.translations.get_mut("en").unwrap();
    (text.title, text.description) = ("Fado:Alfama".into(), "Night".into());
    app.insert_event(&event).await;
    let text = event.fields.translations.get_mut("en").unwrap();
    (text.title, text.description) = ("Fado".into(), "Alfama:Night".into());
    app.insert_event(&event).await;
    assert_eq!(version(app.db.clone()).await, 5, "title and description apart");
    event.fields.ticket_types[0].price_minor += 100;
    app.insert_event(&event).await;
    assert_eq!(version(app.db.clone()).await, 6, "a price");
    event.fields.title = "Noite de Fado em Alfama".into();
    app.insert_event(&event).await;
    assert_eq!(version(app.db.clone()).await, 7, "the title: one new version, not two");
    app.insert_event(&event).await;
    assert_eq!(version(app.db.clone()).await, 7);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_demo_event_is_written_in_its_citys_language_with_an_english_translation(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let rows: Vec<(String, String, String, i64, bool)> = sqlx::query_as(
        "select e.city, e.language, e.title,
                (select count(*) from event_translation x where x.event_id = e.event_id),
                exists (select 1 from event_translation x where x.event_id = e.event_id and x.language = 'en')
         from event e",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let local = |city: &str| match city {
        "Kyoto" => &["ja"][..],
        "Kraków" => &["pl"],
        "Lisbon" => &["pt"],
        "Mexico City" => &["es"],
        "Montréal" => &["fr"],
        "Berlin" => &["de"],
        "Cape Town" => &["en", "af", "xh"],
        other => panic!("a demo city we do not know: {other}"),
    };
    for (city, language, title, translations, english) in &rows {
        assert!(local(city).contains(&language.as_str()), "{title} ({city}) is in {language}");
        assert!(language == "en" || *english, "{title} ({city}) has no English translation");
        if city == "Kyoto" {
            assert!(
                title.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
                "{title} is not written in Japanese"
            );
        }
        assert!(*translations >= 1 || city == "Cape Town", "{title}");
    }
    // A few carry more than one translation; Cape Town speaks Afrikaans and isiXhosa too.
    assert!(rows.iter().filter(|r| r.3 >= 2).count() >= 5);
    assert!(rows.iter().any(|r| r.1 == "af") && rows.iter().any(|r| r.1 == "xh"));

    // An English reader sees Kyoto's tea ceremony in English, a Japanese reader as written.
    let english = app.get("/events/tea-ceremony-workshop-near-daitoku-ji-kyoto?lang=en").await.text();
    assert!(english.contains("<h1 lang=\"en\">"), "{english}");
    assert!(english.contains("Show the original (日本語)"));
    let japanese = app.get("/events/tea-ceremony-workshop-near-daitoku-ji-kyoto?lang=ja").await.text();
    assert!(japanese.contains("<h1 lang=\"ja\">"), "{japanese}");
    // And an English search finds it through its translation.
    let found = app.get("/api/search?q=tea%20ceremony&lang=en").await.json();
    let slugs: Vec<&str> =
        found["events"].as_array().unwrap().iter().filter_map(|e| e["slug"].as_str()).collect();
    assert!(slugs.contains(&"tea-ceremony-workshop-near-daitoku-ji-kyoto"), "{slugs:?}");
}
