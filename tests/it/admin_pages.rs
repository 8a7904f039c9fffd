use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

/// A page's CSRF cookie and token, plus the given session cookie, ready for a form post.
async fn form_session(app: &TestApp, session: &str, uri: &str) -> (String, String, String) {
    let page = app.get_with_cookie(uri, session).await;
    assert_eq!(page.status, 200, "{uri}: {}", page.text());
    let (csrf, token) = page.csrf();
    let html = page.text();
    (format!("{session}; {csrf}"), token, html)
}

fn event_form<'a>(token: &'a str, title: &'a str, price: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf_token", token),
        ("title", title),
        ("description", "Quiet songs.\r\n\r\nBring a cushion."),
        ("category", "concert"),
        ("status", "published"),
        ("language", "pl"),
        ("tags", "Klezmer, live"),
        ("image_alt", ""),
        ("starts_local", "2030-05-02T20:00"),
        ("ends_local", "2030-05-02T22:30"),
        ("timezone", "Europe/Warsaw"),
        ("venue_name", "Piwnica pod Baranami"),
        ("address", "Rynek Główny 27, Kraków"),
        ("city", "Kraków"),
        ("region", "Lesser Poland"),
        ("country", "PL"),
        ("latitude", "50.0619"),
        ("longitude", "19.9368"),
        ("currency", "PLN"),
        ("tt_id_0", ""),
        ("tt_name_0", "Ławka"),
        ("tt_price_0", price),
        ("tt_capacity_0", "40"),
        ("tt_id_1", ""),
        ("tt_name_1", ""),
        ("tt_price_1", ""),
        ("tt_capacity_1", ""),
    ]
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_creates_edits_and_deletes_an_event_with_the_forms(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;

    let (cookies, token, _) = form_session(&app, &admin, "/admin/events/new").await;
    let created = app
        .post_form("/admin/events/new", &event_form(&token, "Wieczór klezmerski", "45.50"), Some(&cookies))
        .await;
    assert_eq!(created.status, 303, "{}", created.text());
    let edit_uri = created.header("location").trim_end_matches("?saved=1").to_string();

    // Times were typed in Kraków's own time: 20:00 CEST is 18:00 UTC.
    let event = app.get("/api/events?city=krakow").await.json()["events"][0].clone();
    assert_eq!(event["starts_at"], "2030-05-02T18:00:00Z");
    assert_eq!(event["ticket_types"][0]["price_minor"], 4550);
    assert_eq!(event["description"], "Quiet songs.\n\nBring a cushion.");
    assert_eq!(event["tags"], serde_json::json!(["klezmer", "live"]));

    // The edit form shows the saved values back, in local time and major units.
    let (cookies, token, html) = form_session(&app, &admin, &edit_uri).await;
    assert!(html.contains("value=\"2030-05-02T20:00\""), "{html}");
    assert!(html.contains("value=\"45.50\""));
    let version =
        html.split("name=\"version\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let ticket_id =
        html.split("name=\"tt_id_0\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let mut fields = event_form(&token, "Wieczór klezmerski przy Szerokiej", "50");
    fields.push(("version", &version));
    fields.retain(|(key, _)| *key != "tt_id_0");
    fields.push(("tt_id_0", &ticket_id));
    let saved = app.post_form(&edit_uri, &fields, Some(&cookies)).await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let event = app.get(&format!("/api/events/{}", event["id"].as_str().unwrap())).await.json();
    assert_eq!(event["title"], "Wieczór klezmerski przy Szerokiej");
    assert_eq!(event["ticket_types"][0]["price_minor"], 5000);
    assert_eq!(event["ticket_types"][0]["id"].as_str().unwrap(), ticket_id);

    // The same form again carries the old version: refused, nothing overwritten.
    let stale = app.post_form(&edit_uri, &fields, Some(&cookies)).await;
    assert_eq!(stale.status, 409);
    assert!(stale.text().contains("Someone else saved this event"));

    let delete_uri = edit_uri.replace("/edit", "/delete");
    let (cookies, token, html) = form_session(&app, &admin, &delete_uri).await;
    assert!(html.contains("Delete “Wieczór klezmerski przy Szerokiej”?"));
    let deleted = app.post_form(&delete_uri, &[("csrf_token", &token)], Some(&cookies)).await;
    assert_eq!(deleted.status, 303);
    assert!(app.get("/api/events?city=krakow").await.titles().is_empty());

    let audit = app.get_with_cookie("/admin/audit", &admin).await.text();
    for action in ["event.create", "event.edit", "event.delete"] {
        assert!(audit.contains(action), "{action} missing from the audit page");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn form_mistakes_come_back_with_the_field_named_and_nothing_saved(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let (cookies, token, _) = form_session(&app, &admin, "/admin/events/new").await;
    for (field, value, named) in [
        ("tt_price_0", "45.505", "ticket_types[0].price_minor"),
        ("timezone", "Krakow", "timezone"),
        ("ends_local", "2030-05-02T19:00", "ends_at"),
        ("latitude", "north", "latitude"),
        ("currency", "ZLOTY", "currency"),
    ] {
        let mut fields = event_form(&token, "Bad event", "45");
        fields.retain(|(key, _)| *key != field);
        fields.push((field, value));
        let response = app.post_form("/admin/events/new", &fields, Some(&cookies)).await;
        assert_eq!(response.status, 422, "{field}={value}");
        let html = response.text();
        assert!(html.contains(&format!("<strong>{named}</strong>")), "{field}={value}: {html}");
        assert!(html.contains("value=\"Bad event\""), "what was typed stays");
    }
    let count: i64 = sqlx::query_scalar("select count(*) from event").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_admin_list_finds_events_of_any_status(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let mut draft = sample_event("secret-lisbon", "Secret Rooftop Session", 10);
    draft.fields.status = tessera_core::catalog::EventStatus::Draft;
    app.insert_event(&draft).await;
    app.insert_event(&sample_event("fado-lisbon", "Fado Night", 3)).await;

    let html = app.get_with_cookie("/admin/events?q=rooftop", &admin).await.text();
    assert!(html.contains("Secret Rooftop Session") && !html.contains("Fado Night"));
    assert!(html.contains("badge-draft"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn admin_pages_send_visitors_to_log_in_and_refuse_customers(db: PgPool) {
    let app = TestApp::new(db);
    let customer = app.sign_in(false).await;
    for uri in ["/admin/events", "/admin/events/new", "/admin/audit"] {
        let anonymous = app.get(uri).await;
        assert_eq!(anonymous.status, 303, "{uri}");
        assert!(anonymous.header("location").starts_with("/login?next="));
        assert_eq!(app.get_with_cookie(uri, &customer).await.status, 403, "{uri}");
    }
    let (cookies, token) = {
        // A token the customer's own session makes: the form is refused for the role alone.
        let (csrf, token) = app.get_with_cookie("/account", &customer).await.csrf();
        (format!("{customer}; {csrf}"), token)
    };
    let attempt = app.post_form("/admin/events/new", &event_form(&token, "Nope", "1"), Some(&cookies)).await;
    assert_eq!(attempt.status, 403);
    let count: i64 = sqlx::query_scalar("select count(*) from event").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn saving_the_edit_form_unchanged_keeps_a_time_that_occurs_twice(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    // 01:30 on 1 November 2026 happens twice in New York; this is the second one (EST).
    let mut event = sample_event("late-show-nyc", "Late Show", 1);
    event.fields.timezone = chrono_tz::America::New_York;
    event.fields.city = "New York".into();
    event.fields.country = "US".into();
    event.fields.currency = "USD".parse().unwrap();
    event.fields.starts_at = "2026-11-01T06:30:00Z".parse().unwrap();
    event.fields.ends_at = "2026-11-01T08:00:00Z".parse().unwrap();
    let id = app.insert_event(&event).await;

    let uri = format!("/admin/events/{id}/edit");
    let (cookies, token, html) = form_session(&app, &admin, &uri).await;
    // Send the form back exactly as shown.
    let mut fields: Vec<(String, String)> = vec![("csrf_token".into(), token)];
    for name in [
        "title",
        "category",
        "status",
        "language",
        "tags",
        "image_alt",
        "starts_local",
        "ends_local",
        "timezone",
        "venue_name",
        "address",
        "city",
        "region",
        "country",
        "latitude",
        "longitude",
        "currency",
        "version",
        "tt_id_0",
        "tt_name_0",
        "tt_price_0",
        "tt_capacity_0",
    ] {
        // The input's own tag, then its value attribute.
        let tag = html.split(&format!("name=\"{name}\"")).nth(1).and_then(|rest| rest.split('>').next());
        let value = tag
            .and_then(|tag| tag.split("value=\"").nth(1))
            .map(|rest| rest.split('"').next().unwrap().to_string())
            .or_else(|| {
                // Selects: the selected option.
                let select = html.split(&format!("name=\"{name}\"")).nth(1)?;
                let select = select.split("</select>").next()?;
                select.split("\" selected").next()?.rsplit("value=\"").next().map(str::to_string)
            })
            .unwrap_or_default();
        fields.push((name.into(), value));
    }
    fields.push(("description".into(), "An evening in the old town.".into()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = app.post_form(&uri, &fields, Some(&cookies)).await;
    assert_eq!(saved.status, 303, "{}", saved.text());
    let after = app.get(&format!("/api/events/{id}")).await.json();
    assert_eq!(after["starts_at"], "2026-11-01T06:30:00Z");
}

fn multipart(token: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----tessera-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"holiday.jpg\"\r\n\
             Content-Type: image/jpeg\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_uploads_an_image_from_the_edit_page(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let id = app.insert_event(&sample_event("upload-lisbon", "Upload", 3)).await;
    let uri = format!("/admin/events/{id}/image");
    let (cookies, token, html) = form_session(&app, &admin, &format!("/admin/events/{id}/edit")).await;
    assert!(html.contains("enctype=\"multipart/form-data\""));

    let send = |body: (String, Vec<u8>)| {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(axum::http::header::CONTENT_TYPE, body.0.parse().unwrap());
        headers.insert(axum::http::header::COOKIE, cookies.parse().unwrap());
        headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
        app.send(axum::http::Method::POST, &uri, headers, body.1.into())
    };
    // A text file named holiday.jpg is turned away with the reason on the page.
    let refused = send(multipart(&token, b"just some text")).await;
    assert_eq!(refused.status, 422);
    assert!(refused.text().contains("is not a JPEG, PNG or WebP image"));

    let photo = {
        let image =
            image::RgbImage::from_fn(640, 400, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&image).unwrap();
        out
    };
    let accepted = send(multipart(&token, &photo)).await;
    assert_eq!(accepted.status, 303, "{}", accepted.text());
    let event = app.get(&format!("/api/events/{id}")).await.json();
    assert!(event["image"].as_str().unwrap().starts_with("/media/images/"));
    let page = app.get("/events/upload-lisbon").await.text();
    assert!(page.contains("<source type=\"image/webp\" srcset=\""), "phones get the small WebP: {page}");
}
