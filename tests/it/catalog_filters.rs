use sqlx::PgPool;
use tessera_core::catalog::Category;
use tessera_tests::{TestApp, sample_event};

async fn three_cities(db: PgPool) -> TestApp {
    let app = TestApp::new(db);
    let mut krakow = sample_event("klezmer-krakow", "Klezmer Night", 2);
    krakow.fields.city = "Kraków".into();
    krakow.fields.country = "PL".into();
    krakow.fields.timezone = chrono_tz::Europe::Warsaw;
    krakow.fields.currency = "PLN".parse().unwrap();
    krakow.fields.ticket_types[0].price_minor = 4500; // 45 zł
    app.insert_event(&krakow).await;

    let mut kyoto = sample_event("tea-kyoto", "Tea Ceremony", 10);
    kyoto.fields.city = "Kyoto".into();
    kyoto.fields.country = "JP".into();
    kyoto.fields.timezone = chrono_tz::Asia::Tokyo;
    kyoto.fields.category = Category::Workshop;
    kyoto.fields.currency = "JPY".parse().unwrap();
    kyoto.fields.ticket_types[0].price_minor = 3500; // ¥3,500
    app.insert_event(&kyoto).await;

    let mut lisbon = sample_event("fado-lisbon", "Fado Vadio", 20);
    lisbon.fields.ticket_types[0].price_minor = 1800; // €18
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

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn hostile_parameters_are_400s_not_500s(db: PgPool) {
    let app = three_cities(db).await;
    let far_cursor = {
        use tessera_core::catalog::Cursor;
        // A cursor shaped like ours but pointing before the database's calendar.
        let _ = Cursor::Offset(0);
        "YS4tMzAwMDAwMDAwMDAwMDAwMDAwLjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw"
    };
    for (uri, field) in [
        ("/api/search?q=%00", "q"),
        ("/api/events?city=%00", "city"),
        ("/api/events?from=-5000-01-01", "from"),
        ("/api/events?to=99999-01-01", "to"),
        (&*format!("/api/events?cursor={far_cursor}"), "cursor"),
    ] {
        let response = app.get(uri).await;
        assert_eq!(response.status, 400, "{uri}: {}", response.text());
        assert_eq!(response.json()["error"]["field"], field, "{uri}");
    }
    for uri in ["/?city=%00", "/search?q=%00"] {
        assert_eq!(app.get(uri).await.status, 400, "{uri}");
    }
    assert_eq!(app.get("/events/%00").await.status, 404);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_event_ending_at_midnight_is_not_on_the_next_day(db: PgPool) {
    let app = TestApp::new(db);
    let zone = chrono_tz::Europe::Lisbon;
    let day = (chrono::Utc::now() + chrono::Duration::days(3)).with_timezone(&zone).date_naive();
    let midnight = |date: chrono::NaiveDate| {
        use chrono::TimeZone as _;
        zone.from_local_datetime(&date.and_hms_opt(0, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    let mut evening = sample_event("evening-lisbon", "Evening", 0);
    evening.fields.starts_at = midnight(day) - chrono::Duration::hours(3);
    evening.fields.ends_at = midnight(day);
    app.insert_event(&evening).await;

    let before = day.pred_opt().unwrap();
    assert_eq!(app.get(&format!("/api/events?from={before}&to={before}")).await.titles(), vec!["Evening"]);
    assert!(app.get(&format!("/api/events?from={day}")).await.titles().is_empty(), "over by then");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn near_a_place_keeps_what_is_within_reach_and_says_how_far(db: PgPool) {
    let app = TestApp::new(db);
    let place = |slug: &str, title: &str, days: i64, latitude: f64, longitude: f64| {
        let mut event = sample_event(slug, title, days);
        (event.fields.latitude, event.fields.longitude) = (latitude, longitude);
        event
    };
    // From Rossio, Lisbon: Alfama under a kilometre, Belém about 6, Sintra about 23, Porto 274.
    app.insert_event(&place("alfama", "Fado in Alfama", 9, 38.7118, -9.1300)).await;
    app.insert_event(&place("belem", "Belém Market", 3, 38.6979, -9.2063)).await;
    app.insert_event(&place("sintra", "Sintra Palace Night", 5, 38.7980, -9.3880)).await;
    app.insert_event(&place("porto", "Porto Wine Tour", 1, 41.1496, -8.6110)).await;
    let near = "near=38.7139,-9.1394";

    // 25 km unless told, soonest first.
    let around = app.get(&format!("/api/events?{near}")).await;
    assert_eq!(around.titles(), ["Belém Market", "Sintra Palace Night", "Fado in Alfama"]);
    // Nearest first, each with its distance.
    let close = app.get(&format!("/api/events?{near}&radius_km=10&sort=distance")).await;
    assert_eq!(close.titles(), ["Fado in Alfama", "Belém Market"]);
    let distance = |response: &tessera_tests::TestResponse, i: usize| {
        response.json()["events"][i]["distance_km"].as_f64().unwrap()
    };
    assert!((0.7..1.0).contains(&distance(&close, 0)), "{}", distance(&close, 0));
    assert!((5.5..7.0).contains(&distance(&close, 1)), "{}", distance(&close, 1));
    assert!(app.get("/api/events").await.json()["events"][0].get("distance_km").is_none());

    // Search composes with it.
    let search = app.get(&format!("/api/search?q=palace&{near}&radius_km=300&sort=distance")).await;
    assert_eq!(search.titles(), ["Sintra Palace Night"]);
    assert!((22.0..25.0).contains(&distance(&search, 0)), "{}", distance(&search, 0));
    let far = app.get(&format!("/api/search?q=palace&{near}&radius_km=5")).await;
    assert!(far.titles().is_empty());

    // Nearest first pages by counting, and a time cursor is refused there.
    let everywhere = format!("/api/events?{near}&radius_km=500&sort=distance&limit=2");
    let first = app.get(&everywhere).await;
    assert_eq!(first.titles(), ["Fado in Alfama", "Belém Market"]);
    let cursor = first.json()["next_cursor"].as_str().unwrap().to_string();
    let second = app.get(&format!("{everywhere}&cursor={cursor}")).await;
    assert_eq!(second.titles(), ["Sintra Palace Night", "Porto Wine Tour"]);
    let by_time = app.get("/api/events?limit=1").await.json()["next_cursor"].as_str().unwrap().to_string();
    assert_eq!(app.get(&format!("{everywhere}&cursor={by_time}")).await.status, 400);

    // The pages take it too, each card saying how far, in the reader's words.
    let page = app.get(&format!("/?{near}&radius_km=10&sort=distance&lang=de")).await.text();
    assert!(page.contains(" km entfernt</span>"), "{page}");
    assert!(page.find("Fado in Alfama") < page.find("Belém Market"), "{page}");
    // Filtering again keeps the place, and one click drops it.
    assert!(page.contains(r#"<input type="hidden" name="near" value="38.7139,-9.1394">"#), "{page}");
    assert!(page.contains(r#"<a class="near-clear" href="/">Überall ×</a>"#), "{page}");
    // A place that is not one is said, and not kept for the next try.
    let wrong = app.get("/?near=lisbon&sort=distance").await;
    assert_eq!(wrong.status, 400);
    assert!(!wrong.text().contains(r#"type="hidden" name="near""#), "{}", wrong.text());

    for (query, field) in [
        ("near=91,0", "near"),
        ("near=lisbon", "near"),
        ("near=38.7,-9.1&radius_km=0", "radius_km"),
        ("near=38.7,-9.1&radius_km=far", "radius_km"),
        ("radius_km=5", "radius_km"),
        ("sort=distance", "sort"),
        ("sort=price", "sort"),
        ("near=38.7,-9.1&sort=time", "sort"),
    ] {
        let response = app.get(&format!("/api/events?{query}")).await;
        assert_eq!(response.status, 400, "{query}");
        assert_eq!(response.json()["error"]["field"], field, "{query}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_event_suggests_what_is_nearby_alike_and_bought_by_enough_of_its_buyers(db: PgPool) {
    let app = TestApp::new(db);
    let at = |slug: &str, title: &str, category: Category, latitude: f64, longitude: f64| {
        let mut event = sample_event(slug, title, 5);
        event.fields.category = category;
        (event.fields.latitude, event.fields.longitude) = (latitude, longitude);
        event
    };
    let fado = app.insert_event(&at("fado-base", "Fado Night", Category::Concert, 38.7118, -9.1300)).await;
    app.insert_event(&at("arraial", "Arraial in Graça", Category::Festival, 38.7165, -9.1300)).await;
    app.insert_event(&at("porto-jazz", "Porto Jazz", Category::Concert, 41.1496, -8.6110)).await;
    let krakow =
        app.insert_event(&at("krakow-fair", "Kraków Fair", Category::Market, 50.0614, 19.9372)).await;
    let uri = format!("/api/events/{fado}/related");
    let titles = |list: &serde_json::Value| -> Vec<String> {
        list.as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()).collect()
    };

    let json = app.get(&uri).await.json();
    assert_eq!(titles(&json["nearby"]), ["Arraial in Graça"]);
    assert!(json["nearby"][0]["distance_km"].as_f64().unwrap() < 1.0);
    assert_eq!(titles(&json["same_kind"]), ["Porto Jazz"]);
    assert!(titles(&json["also_bought"]).is_empty());

    // Kraków is named once five of Fado Night's buyers bought it too, not before.
    let (fado_tickets, krakow_tickets) = (app.ticket_types(fado).await[0], app.ticket_types(krakow).await[0]);
    for buyer in 0..5 {
        let cookie = app.customer().await;
        for (event, tickets) in [(fado, fado_tickets), (krakow, krakow_tickets)] {
            let bought = app.buy(&cookie, event, &[(tickets, 1)], None).await;
            assert_eq!(bought.status, 201, "{}", bought.text());
            let order: uuid::Uuid = bought.json()["order_id"].as_str().unwrap().parse().unwrap();
            sqlx::query("update customer_order set status = 'paid', paid_at = now() where order_id = $1")
                .bind(order)
                .execute(&app.db)
                .await
                .unwrap();
        }
        let also = titles(&app.get(&uri).await.json()["also_bought"]);
        if buyer < 4 {
            assert!(also.is_empty(), "{} buyers in common: {also:?}", buyer + 1);
        } else {
            assert_eq!(also, ["Kraków Fair"]);
        }
    }

    // The page shows the lists, in the reader's language.
    let page = app.get("/events/fado-base?lang=pt").await.text();
    assert!(page.contains("Também por perto") && page.contains("Arraial in Graça"), "{page}");
    assert!(page.contains("Quem reservou isto também escolheu") && page.contains("Kraków Fair"), "{page}");
}
