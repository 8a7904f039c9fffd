use sqlx::PgPool;
use tessera_core::catalog::Category;
use tessera_tests::{TestApp, sample_event};

async fn three_cities(db: PgPool) -> TestApp {
    let app = TestApp::new(db);
    let mut krakow = sample_event("klezmer-krakow", "Klezmer Night", 2);
    krakow.city = "Kraków".into();
    krakow.country = "PL".into();
    krakow.timezone = chrono_tz::Europe::Warsaw;
    krakow.currency = "PLN".parse().unwrap();
    krakow.ticket_types[0].price_minor = 4500; // 45 zł
    app.insert_event(&krakow).await;

    let mut kyoto = sample_event("tea-kyoto", "Tea Ceremony", 10);
    kyoto.city = "Kyoto".into();
    kyoto.country = "JP".into();
    kyoto.timezone = chrono_tz::Asia::Tokyo;
    kyoto.category = Category::Workshop;
    kyoto.currency = "JPY".parse().unwrap();
    kyoto.ticket_types[0].price_minor = 3500; // ¥3,500
    app.insert_event(&kyoto).await;

    let mut lisbon = sample_event("fado-lisbon", "Fado Vadio", 20);
    lisbon.ticket_types[0].price_minor = 1800; // €18
    app.insert_event(&lisbon).await;
    app
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_city_filter_ignores_case_and_accents(db: PgPool) {
    let app = three_cities(db).await;
    for city in ["Kraków", "krakow", "KRAKÓW"] {
        let uri = format!("/api/events?city={}", city.replace('ó', "%C3%B3").replace('Ó', "%C3%93"));
        assert_eq!(app.get(&uri).await.titles(), vec!["Klezmer Night"], "{city}");
    }
    assert!(app.get("/api/events?city=Atlantis").await.titles().is_empty());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_category_filter_keeps_one_kind(db: PgPool) {
    let app = three_cities(db).await;
    assert_eq!(app.get("/api/events?category=workshop").await.titles(), vec!["Tea Ceremony"]);
    assert_eq!(app.get("/api/events?category=concert").await.titles(), vec!["Klezmer Night", "Fado Vadio"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn date_filters_use_each_event_s_own_calendar(db: PgPool) {
    let app = three_cities(db).await;
    let local_day = |days: i64, zone: chrono_tz::Tz| {
        (chrono::Utc::now() + chrono::Duration::days(days)).with_timezone(&zone).date_naive()
    };
    let kyoto_day = local_day(10, chrono_tz::Asia::Tokyo);
    let uri = format!("/api/events?from={kyoto_day}&to={kyoto_day}");
    assert_eq!(app.get(&uri).await.titles(), vec!["Tea Ceremony"]);

    let from = local_day(5, chrono_tz::UTC);
    assert_eq!(
        app.get(&format!("/api/events?from={from}")).await.titles(),
        vec!["Tea Ceremony", "Fado Vadio"]
    );
    let to = local_day(5, chrono_tz::UTC);
    assert_eq!(app.get(&format!("/api/events?to={to}")).await.titles(), vec!["Klezmer Night"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn max_price_is_in_each_event_s_own_currency(db: PgPool) {
    let app = three_cities(db).await;
    // 18 → €18.00 for Lisbon (fits), 18 zł for Kraków (45 zł: too dear), ¥18 for Kyoto (too dear).
    assert_eq!(app.get("/api/events?max_price=18").await.titles(), vec!["Fado Vadio"]);
    assert_eq!(app.get("/api/events?max_price=17.99").await.titles(), Vec::<String>::new());
    assert_eq!(app.get("/api/events?max_price=3500").await.titles().len(), 3);
    assert_eq!(app.get("/api/events?max_price=45&city=krakow").await.titles(), vec!["Klezmer Night"]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn bad_parameters_get_a_400_that_names_the_field(db: PgPool) {
    let app = three_cities(db).await;
    let cases = [
        ("/api/events?category=opera", "category"),
        ("/api/events?from=2026-12-10&to=2026-12-01", "from"),
        ("/api/events?from=next-week", "from"),
        ("/api/events?to=2026-13-01", "to"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=101", "limit"),
        ("/api/events?limit=ten", "limit"),
        ("/api/events?max_price=-3", "max_price"),
        ("/api/events?cursor=garbage", "cursor"),
        ("/api/search?q=fado&category=opera", "category"),
        ("/api/search?q=fado&limit=500", "limit"),
        ("/api/search?q=fado&from=2026-12-10&to=2026-12-01", "from"),
        ("/api/events/not-a-uuid", "id"),
    ];
    for (uri, field) in cases {
        for method in ["GET", "POST"] {
            if method == "POST" && !uri.starts_with("/api/search") {
                continue;
            }
            let response = app.request(method.parse().unwrap(), uri, Default::default()).await;
            assert_eq!(response.status, 400, "{method} {uri}: {}", response.text());
            assert_eq!(response.header("content-type"), "application/json", "{uri}");
            let error = &response.json()["error"];
            assert_eq!(error["code"], "invalid_parameter", "{uri}");
            assert_eq!(error["field"], field, "{uri}");
            assert!(!error["message"].as_str().unwrap().is_empty());
        }
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_search_cursor_is_refused_by_the_listing(db: PgPool) {
    let app = three_cities(db).await;
    let search_cursor = tessera_core::catalog::Cursor::Offset(1).encode();
    let response = app.get(&format!("/api/events?cursor={search_cursor}")).await;
    assert_eq!(response.status, 400);
    assert_eq!(response.json()["error"]["field"], "cursor");
}
