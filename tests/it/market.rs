//! The Market page: demand recorded first-party with its channel (visitors who ask not to be
//! tracked counted without an id), orders keeping their visit's channel, every figure recomputed
//! from what the test did, retention leaving only daily counts, tracking links.

use axum::body::Body;
use axum::http::{HeaderMap, Method, StatusCode, header};
use chrono::{Duration, Utc};
use sqlx::PgPool;
use tessera_tests::pages::assert_no_raw_ids;
use tessera_tests::{TestApp, TestResponse, checkout_event, sample_event};
use uuid::Uuid;

/// A browser's GET: its user agent, cookies and extra headers.
async fn browse(
    app: &TestApp,
    uri: &str,
    agent: &str,
    cookie: Option<&str>,
    extra: &[(&'static str, &str)],
) -> TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::USER_AGENT, agent.parse().unwrap());
    if let Some(cookie) = cookie {
        headers.insert(header::COOKIE, cookie.parse().unwrap());
    }
    for (name, value) in extra {
        headers.insert(*name, value.parse().unwrap());
    }
    app.send(Method::GET, uri, headers, Body::empty()).await
}

/// The `name=value` of the visit cookie the response sets.
fn visit_cookie(response: &TestResponse) -> Option<String> {
    response
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("tessera_visit="))
        .map(|value| value.split(';').next().unwrap().to_string())
}

/// Buys one ticket with `cookie` (a session, and maybe a visit) and pays for it by card.
async fn buy_and_pay(app: &TestApp, cookie: &str, event: Uuid) -> Uuid {
    let ticket_type = app.ticket_types(event).await[0];
    let bought = app.buy(cookie, event, &[(ticket_type, 2)], None).await;
    assert_eq!(bought.status, 201, "{}", bought.text());
    let body = bought.json();
    let order: Uuid = body["order_id"].as_str().unwrap().parse().unwrap();
    let session = body["payment"]["provider_ref"].as_str().unwrap();
    let mut completed = checkout_event(
        "checkout.session.completed",
        session,
        order,
        body["total_minor"].as_i64().unwrap(),
        "paid",
    );
    completed["data"]["object"]["currency"] = body["currency"].as_str().unwrap().to_ascii_lowercase().into();
    assert_eq!(app.stripe_event(&completed).await.status, 200);
    assert_eq!(app.order_status(order).await, "paid");
    order
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn demand_is_recorded_with_its_channel_and_every_figure_adds_up(db: PgPool) {
    let app = TestApp::new(db);
    let lisbon = app.insert_event(&sample_event("market-fado", "Fado at the market", 20)).await;
    let mut kyoto_event = sample_event("market-tea", "Tea at the market", 30);
    kyoto_event.fields.city = "Kyoto".into();
    kyoto_event.fields.country = "JP".into();
    kyoto_event.fields.category = tessera_core::catalog::Category::Food;
    kyoto_event.fields.currency = "JPY".parse().unwrap();
    kyoto_event.fields.ticket_types[0].price_minor = 3500;
    let kyoto = app.insert_event(&kyoto_event).await;

    // A visitor lands from a newsletter, searches, and opens the buy page (not signed in yet).
    let landed = browse(
        &app,
        "/events/market-fado?utm_source=Newsletter&utm_medium=email&utm_campaign=autumn",
        "Firefox A",
        None,
        &[],
    )
    .await;
    assert_eq!(landed.status, 200);
    let visit = visit_cookie(&landed).expect("the landing starts a visit");
    assert_eq!(visit, "tessera_visit=s=newsletter&m=email&c=autumn", "the cookie holds only the channel");
    assert_eq!(browse(&app, "/search?q=fado", "Firefox A", Some(&visit), &[]).await.status, 200);
    let buy_page = browse(&app, "/events/market-fado/buy", "Firefox A", Some(&visit), &[]).await;
    assert!(buy_page.status.is_redirection(), "{}", buy_page.status);
    // Clicking around keeps the visit's channel: no new cookie.
    assert_eq!(visit_cookie(&browse(&app, "/events/market-tea", "Firefox A", Some(&visit), &[]).await), None);

    // One who asks not to be tracked, sent by Instagram: counted, without an id or a cookie.
    let private = browse(
        &app,
        "/events/market-fado",
        "Safari B",
        None,
        &[("sec-gpc", "1"), ("referer", "https://www.instagram.com/p/xyz")],
    )
    .await;
    assert_eq!(private.status, 200);
    assert_eq!(visit_cookie(&private), None);
    // A search for what nobody offers, directly; and a crawler, which is not demand.
    browse(&app, "/search?q=Flamenco+Á+Noite&city=Porto", "Chrome C", None, &[]).await;
    browse(&app, "/api/search?q=flamenco", "Chrome C", None, &[]).await;
    browse(&app, "/events/market-fado", "Mozilla/5.0 (compatible; Googlebot/2.1)", None, &[]).await;

    // The newsletter reader buys (the order keeps the channel) and someone else buys directly.
    let from_newsletter = buy_and_pay(&app, &format!("{}; {visit}", app.customer().await), lisbon).await;
    let direct = buy_and_pay(&app, &app.customer().await, kyoto).await;
    // An unpaid order of the newsletter's visit.
    let unpaid = app
        .buy(
            &format!("{}; {visit}", app.customer().await),
            lisbon,
            &[(app.ticket_types(lisbon).await[0], 1)],
            None,
        )
        .await;
    assert_eq!(unpaid.status, 201);
    // The Kyoto buyer came to the door.
    let admin = app.sign_in(true).await;
    sqlx::query(
        "insert into ticket (ticket_id, order_id, position, event_id, ticket_type_id, ticket_type_name, price_minor,
                             currency, serial, holder_name, checked_in_at, checked_in_by)
         select gen_random_uuid(), o.order_id, 1, o.event_id, i.ticket_type_id, i.ticket_type_name, i.unit_price_minor,
                o.currency, 'AAAA-BBBB-CCCC', 'Test Buyer', now(), o.account_id
         from customer_order o join order_item i using (order_id) where o.order_id = $1",
    )
    .bind(direct)
    .execute(&app.db)
    .await
    .unwrap();
    app.state.demand.flush().await;

    // What was recorded: no address, a day's id for the visitor, none for the private one.
    type Row = (String, Option<Vec<u8>>, String, String, String, String);
    let rows: Vec<Row> = sqlx::query_as(
        "select kind, visitor, source, medium, campaign, words from demand_event order by demand_id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(kinds, ["event_view", "search", "buy_view", "event_view", "event_view", "search", "search"]);
    let newsletter = &rows[0];
    assert_eq!(
        (newsletter.2.as_str(), newsletter.3.as_str(), newsletter.4.as_str()),
        ("newsletter", "email", "autumn")
    );
    assert_eq!(newsletter.1.as_ref().map(Vec::len), Some(16));
    assert!(
        rows[..4].iter().all(|r| r.1 == newsletter.1 && r.2 == "newsletter"),
        "one visitor, one channel: {rows:?}"
    );
    assert_eq!(rows[4].1, None, "Sec-GPC: no id");
    assert_eq!((rows[4].2.as_str(), rows[4].3.as_str()), ("instagram.com", "referral"));
    assert_eq!(rows[5].5, "flamenco a noite", "words are folded");
    let channels: Vec<(Uuid, String)> =
        sqlx::query_as("select order_id, source from order_channel order by source")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(channels.contains(&(direct, String::new())));
    assert!(channels.contains(&(from_newsletter, "newsletter".into())));
    assert_eq!(channels.len(), 3);

    // The report, recomputed from the above.
    let market = app.get_with_cookie("/api/admin/market", &admin).await;
    assert_eq!(market.status, 200, "{}", market.text());
    let m = market.json();
    let funnel = &m["funnel"];
    assert_eq!(funnel["views"], 3, "{funnel}");
    assert_eq!(
        funnel["viewers"], 3,
        "the newsletter reader once on each event's page, the private visitor once"
    );
    assert_eq!(funnel["buy_views"], 1);
    assert_eq!(funnel["holds"], 3);
    assert_eq!(funnel["paid"], 2);
    assert_eq!(funnel["attended"], 1);
    assert_eq!(funnel["paid_permille"], 666);
    let city =
        |name: &str| m["by_city"].as_array().unwrap().iter().find(|r| r["key"] == name).cloned().unwrap();
    assert_eq!(
        (city("Lisbon")["views"].clone(), city("Lisbon")["holds"].clone(), city("Lisbon")["paid"].clone()),
        (2.into(), 2.into(), 1.into())
    );
    assert_eq!(
        (city("Kyoto")["views"].clone(), city("Kyoto")["paid"].clone(), city("Kyoto")["attended"].clone()),
        (1.into(), 1.into(), 1.into())
    );
    let bands: Vec<&str> =
        m["by_price_band"].as_array().unwrap().iter().map(|r| r["key"].as_str().unwrap()).collect();
    assert_eq!(bands, ["EUR:2", "JPY:3"], "€10 is 10–25 euros; ¥3,500 is 2,500–5,000 yen");
    let rail = &m["by_rail"][0];
    assert_eq!(
        (rail["method"].as_str(), rail["started"].as_i64(), rail["paid"].as_i64()),
        (Some("card"), Some(3), Some(2))
    );
    assert_eq!(m["who"]["buyers"], 2);
    assert_eq!(m["who"]["new_buyers"], 2);
    assert_eq!(m["who"]["home_unknown"], 2);
    let channel = |source: &str| {
        m["channels"].as_array().unwrap().iter().find(|c| c["source"] == source).cloned().unwrap()
    };
    let news = channel("newsletter");
    assert_eq!(
        (news["page_views"].as_i64(), news["orders"].as_i64(), news["paid"].as_i64()),
        (Some(4), Some(2), Some(1))
    );
    assert_eq!(news["revenue"], serde_json::json!([{"currency": "EUR", "minor": 2000}]));
    let insta = channel("instagram.com");
    assert_eq!((insta["page_views"].as_i64(), insta["orders"].as_i64()), (Some(1), Some(0)));
    let direct_row = channel("");
    assert_eq!((direct_row["page_views"].as_i64(), direct_row["paid"].as_i64()), (Some(2), Some(1)));
    assert_eq!(direct_row["revenue"], serde_json::json!([{"currency": "JPY", "minor": 7000}]));
    let gap = m["search_gaps"].as_array().unwrap().iter().find(|g| g["city"] == "Porto").unwrap();
    assert_eq!(
        (gap["words"].as_str(), gap["city"].as_str(), gap["results"].as_i64()),
        (Some("flamenco a noite"), Some("Porto"), Some(0))
    );
    assert!(m["search_gaps"].as_array().unwrap().iter().any(|g| g["words"] == "flamenco" && g["city"] == ""));

    // One city, one category: the rest drops out.
    let kyoto_only = app.get_with_cookie("/api/admin/market?city=kyoto&category=food", &admin).await.json();
    assert_eq!(kyoto_only["funnel"]["views"], 1);
    assert_eq!(kyoto_only["funnel"]["holds"], 1);

    // CSV, per table.
    let csv = app.get_with_cookie("/api/admin/market?format=csv&table=channels", &admin).await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(
        csv.text().starts_with("source,medium,campaign,page_views,orders,paid,currency,revenue_minor\r\n")
    );
    assert!(csv.text().contains("newsletter,email,autumn,4,2,1,EUR,2000\r\n"), "{}", csv.text());

    // The page.
    let page = app.get_with_cookie("/admin/market", &admin).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert_no_raw_ids("/admin/market", &html);
    for expected in ["newsletter / email / autumn", "instagram.com / referral", "flamenco a noite", "<svg"] {
        assert!(html.contains(expected), "{expected}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn finished_days_are_counted_then_rows_and_salts_go(db: PgPool) {
    let app = TestApp::new(db);
    let now = Utc::now();
    let (old, recent) = (now - Duration::days(100), now - Duration::days(10));
    for (at, visitor, n) in [
        (old, Some(vec![1u8; 16]), 3),
        (old, Some(vec![2u8; 16]), 1),
        (old, None, 2),
        (recent, Some(vec![1u8; 16]), 4),
    ] {
        for _ in 0..n {
            sqlx::query(
                "insert into demand_event (at, kind, visitor, city, category, lang) values ($1, 'event_view', $2, 'Lisbon', 'concert', 'en')",
            )
            .bind(at)
            .bind(&visitor)
            .execute(&app.db)
            .await
            .unwrap();
        }
    }
    sqlx::query("insert into demand_salt (day, salt) values ($1, $2)")
        .bind(old.date_naive())
        .bind(vec![7u8; 32])
        .execute(&app.db)
        .await
        .unwrap();
    let admin = app.sign_in(true).await;
    let range = format!(
        "/api/admin/market?from={}&to={}",
        (now - Duration::days(120)).date_naive(),
        now.date_naive()
    );
    let before = app.get_with_cookie(&range, &admin).await.json();
    assert_eq!(
        (before["funnel"]["views"].as_i64(), before["funnel"]["viewers"].as_i64()),
        (Some(10), Some(5))
    );

    let swept = tessera_core::demand::retention::sweep(&app.db, chrono_tz::UTC, Duration::days(90), now)
        .await
        .unwrap();
    assert_eq!((swept.days_rolled_up, swept.rows_removed, swept.salts_removed), (2, 6, 1));
    let left: i64 = sqlx::query_scalar("select count(*) from demand_event").fetch_one(&app.db).await.unwrap();
    assert_eq!(left, 4, "the recent day's rows stay; the old day's are counted and gone");
    let daily: Vec<(i32, i32, i32)> =
        sqlx::query_as("select records, visitors, anonymous from demand_daily order by day")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(daily, [(6, 2, 2), (4, 1, 0)]);
    // The same figures after, each day counted once.
    let after = app.get_with_cookie(&range, &admin).await.json();
    assert_eq!(after["funnel"], before["funnel"]);
    // Again: nothing to do.
    let again = tessera_core::demand::retention::sweep(&app.db, chrono_tz::UTC, Duration::days(90), now)
        .await
        .unwrap();
    assert_eq!(again, Default::default());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn organisers_make_tracking_links_and_see_what_they_brought(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("market-links", "Links at the market", 20)).await;
    let admin = app.sign_in(true).await;
    let uri = format!("/admin/events/{event}/links");
    let page = app.get_with_cookie(&uri, &admin).await;
    assert_eq!(page.status, 200);
    let (csrf, token) = page.csrf();
    let cookies = format!("{admin}; {csrf}");
    let made = app
        .post_form(
            &uri,
            &[("csrf_token", &token), ("source", "Poster"), ("medium", "qr"), ("campaign", "Mouraria walls")],
            Some(&cookies),
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.text());
    for (fields, status) in [
        ([("source", "Poster"), ("medium", "qr"), ("campaign", "mouraria-walls")], 422),
        ([("source", "café"), ("medium", "qr"), ("campaign", "x")], 422),
        ([("source", ""), ("medium", "qr"), ("campaign", "x")], 422),
    ] {
        let mut form = vec![("csrf_token", token.as_str())];
        form.extend(fields);
        let refused = app.post_form(&uri, &form, Some(&cookies)).await;
        assert_eq!(refused.status, status, "{fields:?}");
        assert!(refused.text().contains("role=\"alert\""));
    }
    let listed = app.get_with_cookie(&format!("{uri}?done=added"), &admin).await.text();
    let path = "/events/market-links?utm_source=poster&#38;utm_medium=qr&#38;utm_campaign=mouraria-walls";
    assert!(listed.contains(path), "{listed}");

    // Someone scans the poster and buys; the same tags on another event's page count there.
    let scanned = browse(&app, &path.replace("&#38;", "&"), "Phone", None, &[]).await;
    let visit = visit_cookie(&scanned).unwrap();
    buy_and_pay(&app, &format!("{}; {visit}", app.customer().await), event).await;
    let other = app.insert_event(&sample_event("market-other", "Another night", 25)).await;
    browse(
        &app,
        "/events/market-other?utm_source=poster&utm_medium=qr&utm_campaign=mouraria-walls",
        "Phone",
        None,
        &[],
    )
    .await;
    buy_and_pay(&app, &format!("{}; {visit}", app.customer().await), other).await;
    app.state.demand.flush().await;
    let market = app.get_with_cookie("/api/admin/market", &admin).await.json();
    let link = &market["tracking_links"][0];
    assert_eq!(
        (
            link["campaign"].as_str(),
            link["page_views"].as_i64(),
            link["orders"].as_i64(),
            link["paid"].as_i64()
        ),
        (Some("mouraria-walls"), Some(1), Some(1), Some(1))
    );
    assert_eq!((link["currency"].as_str(), link["revenue_minor"].as_i64()), (Some("EUR"), Some(2000)));

    let link_id = link["link_id"].as_str().unwrap().to_string();
    let removed = app
        .post_form(&format!("{uri}/remove"), &[("csrf_token", &token), ("link_id", &link_id)], Some(&cookies))
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let market = app.get_with_cookie("/api/admin/market", &admin).await.json();
    assert_eq!(market["tracking_links"], serde_json::json!([]));
    assert_eq!(
        market["channels"][0]["campaign"], "mouraria-walls",
        "what it brought stays under its channel"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_market_is_for_admins_and_bad_filters_are_named(db: PgPool) {
    let app = TestApp::new(db);
    let customer = app.sign_in(false).await;
    assert_eq!(app.get_with_cookie("/api/admin/market", &customer).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get_with_cookie("/admin/market", &customer).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/admin/market").await.status, StatusCode::UNAUTHORIZED);
    let admin = app.sign_in(true).await;
    for (query, field) in [
        ("category=circus", "category"),
        ("from=2026-12-02&to=2026-12-01", "from"),
        ("format=xml", "format"),
        ("format=csv&table=everything", "table"),
    ] {
        let response = app.get_with_cookie(&format!("/api/admin/market?{query}"), &admin).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(response.json()["error"]["field"], field, "{query}");
    }
    let page = app.get_with_cookie("/admin/market?category=circus", &admin).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("role=\"alert\""));
    // Nothing recorded with demand off.
    let off = TestApp::with_settings(app.db.clone(), &[("TESSERA_DEMAND", "off")]);
    off.insert_event(&sample_event("market-off", "Quiet", 20)).await;
    off.get("/events/market-off").await;
    off.state.demand.flush().await;
    let rows: i64 = sqlx::query_scalar("select count(*) from demand_event").fetch_one(&off.db).await.unwrap();
    assert_eq!(rows, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn buyers_are_asked_once_where_they_live_and_locals_are_told_from_visitors(db: PgPool) {
    let app = TestApp::new(db);
    let lisbon = app.insert_event(&sample_event("market-home", "Fado for neighbours", 20)).await;
    let (order, _, local) = app.paid_order(lisbon, 1).await;
    let account = app.get_with_cookie("/account", &local).await;
    assert!(account.text().contains("Thank you for your first purchase!"), "asked after paying");
    assert!(account.text().contains("<option value=\"Lisbon\">"), "cities with events are offered");
    assert!(app.get_with_cookie(&format!("/orders/{order}"), &local).await.text().contains("/account#home"));
    let (csrf, token) = account.csrf();
    let cookies = format!("{local}; {csrf}");
    let refused = app
        .post_form(
            "/account/home",
            &[("csrf_token", &token), ("home_country", "XX"), ("home_city", "Lisbon")],
            Some(&cookies),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().contains("role=\"alert\""));
    let saved = app
        .post_form(
            "/account/home",
            &[("csrf_token", &token), ("home_country", "pt"), ("home_city", " lisbon ")],
            Some(&cookies),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let after = app.get_with_cookie("/account", &local).await.text();
    assert!(!after.contains("Thank you for your first purchase!"), "asked once");
    assert!(after.contains("<option value=\"PT\" selected>"));
    assert!(!app.get_with_cookie(&format!("/orders/{order}"), &local).await.text().contains("/account#home"));

    // A visitor from Kraków, and one who would rather not say (and is not asked again).
    let (_, _, visitor) = app.paid_order(lisbon, 2).await;
    let (csrf, token) = app.get_with_cookie("/account", &visitor).await.csrf();
    let visiting = &[("csrf_token", token.as_str()), ("home_country", "PL"), ("home_city", "Kraków")];
    assert_eq!(
        app.post_form("/account/home", visiting, Some(&format!("{visitor}; {csrf}"))).await.status,
        303
    );
    let (_, _, quiet) = app.paid_order(lisbon, 1).await;
    let (csrf, token) = app.get_with_cookie("/account", &quiet).await.csrf();
    let declined = app
        .post_form(
            "/account/home",
            &[("csrf_token", &token), ("decline", "1")],
            Some(&format!("{quiet}; {csrf}")),
        )
        .await;
    assert_eq!(declined.status, 303);
    assert!(
        !app.get_with_cookie("/account", &quiet).await.text().contains("Thank you for your first purchase!")
    );

    let admin = app.sign_in(true).await;
    let market = app.get_with_cookie("/api/admin/market", &admin).await.json();
    let who = &market["who"];
    assert_eq!(
        (who["locals"].as_i64(), who["visitors"].as_i64(), who["home_unknown"].as_i64()),
        (Some(1), Some(1), Some(1))
    );
    let sizes: Vec<(String, i64)> = who["group_sizes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["key"].as_str().unwrap().to_string(), g["count"].as_i64().unwrap()))
        .collect();
    assert_eq!(sizes, [("1".to_string(), 2), ("2".to_string(), 1)]);
    let flows = market["flows"].as_array().unwrap();
    assert!(
        flows
            .iter()
            .any(|f| f["home_country"] == "PL" && f["home_city"] == "Kraków" && f["event_city"] == "Lisbon")
    );
    assert!(
        flows.iter().any(|f| f["home_country"] == "PT" && f["home_city"] == "lisbon" && f["buyers"] == 1)
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn cached_pages_count_and_private_visitors_keep_no_id_signed_in_or_not(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_CATALOG_CACHE_SECONDS", "60")]);
    app.insert_event(&sample_event("market-cached", "Cached fado", 20)).await;
    // The second is answered from the micro-cache, and counted all the same.
    for _ in 0..2 {
        assert_eq!(browse(&app, "/events/market-cached", "Firefox", None, &[]).await.status, 200);
    }
    browse(&app, "/events/market-cached", "Firefox", None, &[("dnt", "1")]).await;
    let customer = app.customer().await;
    browse(&app, "/events/market-cached", "Firefox", Some(&customer), &[("sec-gpc", "1")]).await;
    browse(&app, "/events/market-cached", "Firefox", Some(&customer), &[]).await;
    // Not demand: a HEAD, a prefetch, and a landing on a file from another site sets no visit.
    app.send(Method::HEAD, "/events/market-cached", HeaderMap::new(), Body::empty()).await;
    browse(&app, "/events/market-cached", "Firefox", None, &[("sec-purpose", "prefetch")]).await;
    let file =
        browse(&app, "/static/app.css", "Firefox", None, &[("referer", "https://checkout.stripe.com/")])
            .await;
    assert_eq!(visit_cookie(&file), None);
    app.state.demand.flush().await;
    let rows: Vec<(Option<Vec<u8>>, Option<Uuid>)> =
        sqlx::query_as("select visitor, account_id from demand_event order by demand_id")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert!(rows[0].0.is_some() && rows[0].0 == rows[1].0, "one visitor, twice: {rows:?}");
    assert_eq!(rows[2], (None, None), "DNT: no id");
    assert_eq!(rows[3], (None, None), "Sec-GPC, signed in: neither an id nor the account");
    let signed_in = &rows[4];
    assert!(signed_in.1.is_some());
    assert!(signed_in.0.is_some() && signed_in.0 != rows[0].0, "the account's day id is not the address's");
}
