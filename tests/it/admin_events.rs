use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event, unique_email};

fn new_event() -> Value {
    json!({
        "title": "Noite de Fado na Graça",
        "description": "Two guitars and a voice.",
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
        "tags": ["Fado", "live music"],
        "status": "published",
        "ticket_types": [
            {"name": "General", "price_minor": 1800, "currency": "EUR", "capacity": 60},
            {"name": "Front table", "price_minor": 3000, "currency": "EUR", "capacity": 12}
        ]
    })
}

async fn create(app: &TestApp, admin: &str, body: Value) -> Value {
    let response = app.post_json("/api/admin/events/create", body, Some(admin)).await;
    assert_eq!(response.status, 201, "{}", response.text());
    response.json()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_creates_an_event_that_the_public_then_sees(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, new_event()).await;
    assert_eq!(event["slug"], "noite-de-fado-na-graca-lisbon");
    assert_eq!(event["version"], 1);
    assert_eq!(event["tags"], json!(["fado", "live music"]));
    assert_eq!(event["min_price_minor"], 1800);
    assert_eq!(event["ticket_types"].as_array().unwrap().len(), 2);

    let public = app.get(&format!("/api/events/{}", event["id"].as_str().unwrap())).await;
    assert_eq!(public.status, 200);
    assert_eq!(public.json(), event, "the create answer is the event as the public API shows it");

    // The same title again gets the next free slug.
    let again = create(&app, &admin, new_event()).await;
    assert_eq!(again["slug"], "noite-de-fado-na-graca-lisbon-2");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_field_is_checked_with_a_message_naming_it(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("title", json!(""), "title"),
        ("category", json!("opera"), "category"),
        ("country", json!("Portugal"), "country"),
        ("latitude", json!(91.0), "latitude"),
        ("starts_at", json!("tomorrow evening"), "starts_at"),
        ("ends_at", json!("2030-06-12T19:00:00Z"), "ends_at"),
        ("timezone", json!("Lisbon/Portugal"), "timezone"),
        ("timezone", json!("PST"), "timezone"),
        ("language", json!("Portuguese"), "language"),
        ("status", json!("live"), "status"),
        (
            "ticket_types",
            json!([{"name": "A", "price_minor": -1, "currency": "EUR", "capacity": 1}]),
            "ticket_types[0].price_minor",
        ),
        (
            "ticket_types",
            json!([{"name": "A", "price_minor": 1, "currency": "EUR", "capacity": -5}]),
            "ticket_types[0].capacity",
        ),
        (
            "ticket_types",
            json!([{"name": "A", "price_minor": 1, "currency": "EURO", "capacity": 1}]),
            "ticket_types[0].currency",
        ),
        (
            "ticket_types",
            json!([
            {"name": "A", "price_minor": 1, "currency": "EUR", "capacity": 1},
            {"name": "B", "price_minor": 1, "currency": "USD", "capacity": 1}]),
            "ticket_types[1].currency",
        ),
        (
            "ticket_types",
            json!([
            {"name": "A", "price_minor": 1, "currency": "EUR", "capacity": 1},
            {"name": "a", "price_minor": 1, "currency": "EUR", "capacity": 1}]),
            "ticket_types[1].name",
        ),
        ("ticket_types", json!([]), "ticket_types"),
    ];
    for (key, value, field) in cases {
        let mut body = new_event();
        body[key] = value.clone();
        let response = app.post_json("/api/admin/events/create", body, Some(&admin)).await;
        assert_eq!(response.status, 422, "{key}={value}: {}", response.text());
        assert_eq!(response.json()["error"]["field"], field, "{key}={value}");
    }
    let count: i64 = sqlx::query_scalar("select count(*) from event").fetch_one(&app.db).await.unwrap();
    assert_eq!(count, 0, "nothing invalid was saved");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn edits_change_fields_and_ticket_types_and_bump_the_version(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, new_event()).await;
    let id = event["id"].as_str().unwrap();
    let general = event["ticket_types"][0]["id"].clone();

    let response = app
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({
                "version": 1,
                "title": "Noite de Fado",
                "ticket_types": [
                    {"id": general, "name": "Standing", "price_minor": 2000, "currency": "EUR", "capacity": 80},
                    {"name": "Balcony", "price_minor": 2500, "currency": "EUR", "capacity": 20}
                ]
            }),
            Some(&admin),
        )
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    let edited = response.json();
    assert_eq!(edited["version"], 2);
    assert_eq!(edited["title"], "Noite de Fado");
    assert_eq!(edited["slug"], event["slug"], "the slug is stable: links keep working");
    assert_eq!(edited["description"], event["description"], "fields not sent stay");
    let names: Vec<&str> =
        edited["ticket_types"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Standing", "Balcony"]);
    assert_eq!(edited["ticket_types"][0]["id"], general, "renamed in place, not replaced");
    assert_eq!(edited["min_price_minor"], 2000);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_stale_edit_is_refused_instead_of_overwriting(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let other_admin = app.sign_in(true).await;
    let event = create(&app, &admin, new_event()).await;
    let uri = format!("/api/admin/events/edit/{}", event["id"].as_str().unwrap());

    let first = app.post_json(&uri, json!({"version": 1, "title": "First save"}), Some(&admin)).await;
    assert_eq!(first.status, 200);
    let second = app.post_json(&uri, json!({"version": 1, "title": "Second save"}), Some(&other_admin)).await;
    assert_eq!(second.status, 409);
    assert_eq!(second.json()["error"]["code"], "stale_version");
    assert_eq!(second.json()["error"]["field"], "version");
    let now = app.get(&format!("/api/events/{}", event["id"].as_str().unwrap())).await.json();
    assert_eq!(now["title"], "First save");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn publishing_cancelling_and_deleting_follow_the_shop_s_rules(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let mut draft = new_event();
    draft["status"] = json!("draft");
    let event = create(&app, &admin, draft).await;
    let id = event["id"].as_str().unwrap().to_string();
    assert_eq!(app.get(&format!("/api/events/{id}")).await.status, 404, "drafts are not public");
    assert_eq!(app.get(&format!("/api/admin/events/{id}")).await.status, 401);
    assert_eq!(app.get_with_cookie(&format!("/api/admin/events/{id}"), &admin).await.status, 200);

    let edit_uri = format!("/api/admin/events/edit/{id}");
    let edit = |version: i64, status: &str| {
        app.post_json(&edit_uri, json!({"version": version, "status": status}), Some(&admin))
    };
    assert_eq!(edit(1, "published").await.status, 200);
    assert_eq!(app.get(&format!("/api/events/{id}")).await.status, 200);
    let cancelled = edit(2, "cancelled").await;
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert!(app.get("/api/events").await.titles().is_empty(), "a cancelled event leaves the listing");

    let deleted = app.post_json(&format!("/api/admin/events/delete/{id}"), json!({}), Some(&admin)).await;
    assert_eq!(deleted.status, 204);
    assert_eq!(app.get_with_cookie(&format!("/api/admin/events/{id}"), &admin).await.status, 404);
    let again = app.post_json(&format!("/api/admin/events/delete/{id}"), json!({}), Some(&admin)).await;
    assert_eq!(again.status, 404);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_change_leaves_an_audit_row_with_who_and_what(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, new_event()).await;
    let id = event["id"].as_str().unwrap();
    app.post_json(
        &format!("/api/admin/events/edit/{id}"),
        json!({"version": 1, "title": "Renamed"}),
        Some(&admin),
    )
    .await;
    app.post_json(&format!("/api/admin/events/delete/{id}"), json!({}), Some(&admin)).await;

    let log = app.get_with_cookie(&format!("/api/admin/audit?event_id={id}"), &admin).await;
    assert_eq!(log.status, 200);
    let entries = log.json()["entries"].as_array().unwrap().clone();
    let actions: Vec<&str> = entries.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["event.delete", "event.edit", "event.create"]);
    assert!(entries.iter().all(|e| e["admin"].as_str().unwrap().starts_with("admin-")));
    let edit = &entries[1];
    assert_eq!(edit["before"]["title"], "Noite de Fado na Graça");
    assert_eq!(edit["after"]["title"], "Renamed");
    assert!(entries[0]["after"].is_null() && entries[2]["before"].is_null());
}

/// Every route × {anonymous, customer, door staff, admin}: no admin route is ever reachable by a
/// customer, and door staff reach the door's two routes and otherwise only what customers do.
#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_authorization_matrix_holds_for_every_route(db: PgPool) {
    let app = TestApp::new(db);
    let customer = app.sign_in(false).await;
    let admin = app.sign_in(true).await;
    let door_email = unique_email("door");
    let door = app.sign_in_as(&door_email).await;
    let made = app.post_json("/api/admin/staff", json!({"email": door_email}), Some(&admin)).await;
    assert_eq!(made.status, 200, "{}", made.text());
    let door_routes = ["/admin/checkin", "/api/admin/checkin"];
    let event_id = app.insert_event(&sample_event("matrix-lisbon", "Matrix", 3)).await;
    let missing = uuid::Uuid::now_v7();

    // (method, uri, body, then the status for anonymous, customer, admin)
    type Case = (&'static str, String, Option<Value>, u16, u16, u16);
    let routes: Vec<Case> = vec![
        ("GET", "/".into(), None, 200, 200, 200),
        ("GET", "/search?q=matrix".into(), None, 200, 200, 200),
        ("GET", "/events/matrix-lisbon".into(), None, 200, 200, 200),
        ("GET", "/events/matrix-lisbon/calendar.ics".into(), None, 200, 200, 200),
        ("GET", "/api/events".into(), None, 200, 200, 200),
        ("GET", format!("/api/events/{event_id}"), None, 200, 200, 200),
        ("GET", format!("/api/events/{event_id}/related"), None, 200, 200, 200),
        ("GET", "/api/search?q=matrix".into(), None, 200, 200, 200),
        ("POST", "/api/search?q=matrix".into(), None, 200, 200, 200),
        ("GET", "/api/search/suggest?q=matr".into(), None, 200, 200, 200),
        ("GET", "/healthz".into(), None, 200, 200, 200),
        ("GET", "/api/openapi.json".into(), None, 200, 200, 200),
        ("GET", "/metrics".into(), None, 200, 200, 200),
        ("GET", "/signup".into(), None, 200, 303, 303),
        ("GET", "/login".into(), None, 200, 303, 303),
        ("GET", "/forgot-password".into(), None, 200, 200, 200),
        ("GET", "/reset-password?token=x".into(), None, 200, 200, 200),
        ("GET", "/verify-email?token=x".into(), None, 410, 410, 410),
        ("GET", "/account".into(), None, 303, 200, 200),
        ("GET", "/api/me".into(), None, 401, 200, 200),
        (
            "POST",
            "/api/me/password".into(),
            Some(json!({"current_password": "x", "new_password": "y"})),
            401,
            422,
            422,
        ),
        ("DELETE", "/api/me".into(), Some(json!({"password": "not the password"})), 401, 422, 422),
        ("GET", "/account/delete".into(), None, 303, 200, 200),
        ("GET", "/account/deleted".into(), None, 200, 200, 200),
        ("GET", "/admin/events".into(), None, 303, 403, 200),
        ("GET", "/admin/events/new".into(), None, 303, 403, 200),
        ("GET", format!("/admin/events/{event_id}/edit"), None, 303, 403, 200),
        ("GET", format!("/admin/events/{event_id}/delete"), None, 303, 403, 200),
        ("GET", "/admin/audit".into(), None, 303, 403, 200),
        ("GET", "/api/admin/events".into(), None, 401, 403, 200),
        ("GET", format!("/api/admin/events/{event_id}"), None, 401, 403, 200),
        ("GET", "/api/admin/audit".into(), None, 401, 403, 200),
        ("POST", "/api/admin/events/create".into(), Some(json!({})), 401, 403, 400),
        ("POST", format!("/api/admin/events/edit/{missing}"), Some(json!({"version": 1})), 401, 403, 404),
        ("POST", format!("/api/admin/events/delete/{missing}"), Some(json!({})), 401, 403, 404),
        ("POST", format!("/api/admin/events/{missing}/image"), Some(json!({})), 401, 403, 422),
        ("GET", "/events/matrix-lisbon/buy".into(), None, 303, 200, 200),
        ("GET", format!("/api/events/{event_id}/buy"), None, 401, 200, 200),
        (
            "POST",
            format!("/api/events/{event_id}/buy"),
            Some(json!({"items": [], "payment_method": "card"})),
            401,
            422,
            422,
        ),
        ("GET", format!("/orders/{missing}"), None, 303, 404, 404),
        ("GET", format!("/api/orders/{missing}/confirmation"), None, 401, 404, 404),
        ("POST", format!("/api/orders/{missing}/cancel"), None, 401, 404, 404),
        (
            "POST",
            format!("/api/orders/{missing}/payment-method"),
            Some(json!({"payment_method": "card"})),
            401,
            404,
            404,
        ),
        ("GET", "/admin/refunds".into(), None, 303, 403, 200),
        ("GET", "/admin/analytics".into(), None, 303, 403, 200),
        ("GET", "/api/admin/analytics".into(), None, 401, 403, 200),
        ("GET", "/admin/market".into(), None, 303, 403, 200),
        ("GET", "/api/admin/market".into(), None, 401, 403, 200),
        ("GET", "/admin/finance".into(), None, 303, 403, 200),
        ("GET", "/api/admin/reconciliation".into(), None, 401, 403, 200),
        (
            "POST",
            "/api/admin/reconciliation/resolve".into(),
            Some(json!({"rail": "eth", "receipt_ref": "0x00:0", "note": "checked"})),
            401,
            403,
            404,
        ),
        ("GET", "/api/admin/refunds".into(), None, 401, 403, 200),
        ("GET", "/admin/deliveries".into(), None, 303, 403, 200),
        ("GET", "/api/admin/deliveries".into(), None, 401, 403, 200),
        ("POST", format!("/api/admin/deliveries/{missing}/retry"), None, 401, 403, 404),
        ("GET", "/admin/checkin".into(), None, 303, 403, 200),
        (
            "POST",
            "/api/admin/checkin".into(),
            Some(json!({"token": "x", "event_id": missing})),
            401,
            403,
            400,
        ),
        ("GET", format!("/api/orders/{missing}/tickets.pdf"), None, 401, 404, 404),
        ("GET", "/tickets/TD1.forged.link".into(), None, 404, 404, 404),
        // Signed by Stripe, not by a session: unsigned is refused for everyone.
        ("POST", "/webhooks/stripe".into(), None, 400, 400, 400),
        // Not configured in this app: BTCPay's endpoint does not exist here.
        ("POST", "/webhooks/btcpay".into(), None, 404, 404, 404),
        ("GET", "/api/tickets/public-key".into(), None, 200, 200, 200),
        ("GET", "/readyz".into(), None, 200, 200, 200),
        ("POST", "/api/auth/signup".into(), Some(json!({})), 400, 400, 400),
        ("POST", "/api/auth/login".into(), Some(json!({})), 400, 400, 400),
        ("POST", "/api/auth/verify-email".into(), Some(json!({})), 400, 400, 400),
        ("POST", "/api/auth/password-reset".into(), Some(json!({})), 400, 400, 400),
        ("POST", "/api/auth/password-reset/confirm".into(), Some(json!({})), 400, 400, 400),
        ("POST", "/api/me/verification-email".into(), None, 401, 202, 202),
        // Refunds.
        ("GET", format!("/api/admin/orders/{missing}"), None, 401, 403, 404),
        // An Idempotency-Key is required.
        ("POST", format!("/api/admin/orders/{missing}/refunds"), None, 401, 403, 400),
        ("POST", format!("/api/admin/payments/{missing}/refund"), None, 401, 403, 400),
        ("POST", format!("/api/admin/unmatched/{missing}/refund"), None, 401, 403, 400),
        ("POST", format!("/api/admin/eth-receipts/{missing}/refund"), None, 401, 403, 400),
        ("POST", format!("/api/admin/refunds/{missing}/cancel"), None, 401, 403, 404),
        ("PUT", format!("/api/admin/events/{event_id}/refund-policy"), Some(json!(null)), 401, 403, 200),
        // Holds and limits.
        ("GET", format!("/api/admin/events/{event_id}/holds"), None, 401, 403, 200),
        (
            "PUT",
            format!("/api/admin/events/{event_id}/limits"),
            Some(json!({"max_tickets_per_account": 10, "allow_delayed_methods": false})),
            401,
            403,
            200,
        ),
        (
            "POST",
            format!("/api/admin/events/{event_id}/release-holds"),
            Some(json!({"account_id": missing})),
            401,
            403,
            200,
        ),
        ("POST", format!("/api/orders/{missing}/refund"), None, 401, 404, 404),
        // Staff.
        ("GET", "/admin/staff".into(), None, 303, 403, 200),
        ("GET", "/api/admin/staff".into(), None, 401, 403, 200),
        ("POST", "/api/admin/staff".into(), Some(json!({"email": "nobody@example.org"})), 401, 403, 422),
        ("DELETE", format!("/api/admin/staff/{missing}"), None, 401, 403, 404),
        // Last: it ends the sessions the rows above use.
        ("POST", "/api/auth/logout".into(), None, 204, 204, 204),
    ];
    // Every JSON route the API documents is in the table (ids filled in).
    let doc = app.get("/api/openapi.json").await.json();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            let covered = routes.iter().any(|(m, uri, ..)| {
                let uri = uri.split('?').next().unwrap();
                m.eq_ignore_ascii_case(method)
                    && uri.split('/').count() == path.split('/').count()
                    && uri.split('/').zip(path.split('/')).all(|(u, p)| u == p || p.starts_with('{'))
            });
            assert!(covered, "{method} {path} is not in the authorization matrix");
        }
    }

    for (method, uri, body, anonymous, as_customer, as_admin) in routes {
        let as_door = if door_routes.contains(&uri.as_str()) { as_admin } else { as_customer };
        for (who, cookie, expected) in [
            ("anonymous", None, anonymous),
            ("customer", Some(&customer), as_customer),
            ("door staff", Some(&door), as_door),
            ("admin", Some(&admin), as_admin),
        ] {
            let response = match (method, &body) {
                ("PUT" | "DELETE", body) => {
                    let mut headers = axum::http::HeaderMap::new();
                    headers.insert(axum::http::header::CONTENT_TYPE, "application/json".parse().unwrap());
                    if let Some(cookie) = cookie {
                        headers.insert(axum::http::header::COOKIE, cookie.parse().unwrap());
                    }
                    let body = body.clone().unwrap_or(json!({})).to_string();
                    app.send(method.parse().unwrap(), &uri, headers, body.into()).await
                }
                ("POST", Some(body)) => app.post_json(&uri, body.clone(), cookie.map(String::as_str)).await,
                ("POST", None) => app.post_json(&uri, json!({}), cookie.map(String::as_str)).await,
                _ => match cookie {
                    Some(cookie) => app.get_with_cookie(&uri, cookie).await,
                    None => app.get(&uri).await,
                },
            };
            assert_eq!(response.status.as_u16(), expected, "{method} {uri} as {who}: {}", response.text());
        }
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn ticket_type_lists_that_would_lose_or_reprice_tickets_are_refused(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, new_event()).await;
    let id = event["id"].as_str().unwrap();
    let uri = format!("/api/admin/events/edit/{id}");
    let general = event["ticket_types"][0]["id"].clone();
    let front = event["ticket_types"][1]["id"].clone();

    let twice = app
        .post_json(
            &uri,
            json!({"version": 1, "ticket_types": [
            {"id": general, "name": "A", "price_minor": 1, "currency": "EUR", "capacity": 1},
            {"id": general, "name": "B", "price_minor": 1, "currency": "EUR", "capacity": 1}]}),
            Some(&admin),
        )
        .await;
    assert_eq!(twice.status, 422);
    assert_eq!(twice.json()["error"]["field"], "ticket_types[1].id");

    let currency_alone = app.post_json(&uri, json!({"version": 1, "currency": "JPY"}), Some(&admin)).await;
    assert_eq!(currency_alone.status, 422, "€18 must not silently become ¥18");
    assert_eq!(currency_alone.json()["error"]["field"], "currency");

    // A name that looks like another type's id, and two types swapping names, are fine.
    let swapped = app
        .post_json(
            &uri,
            json!({"version": 1, "ticket_types": [
            {"id": general, "name": "Front table", "price_minor": 1800, "currency": "EUR", "capacity": 60},
            {"id": front, "name": "General", "price_minor": 3000, "currency": "EUR", "capacity": 12},
            {"name": front.as_str().unwrap(), "price_minor": 1, "currency": "EUR", "capacity": 1}]}),
            Some(&admin),
        )
        .await;
    assert_eq!(swapped.status, 200, "{}", swapped.text());
    let again = app.post_json(&uri, json!({"version": 2, "title": "Still editable"}), Some(&admin)).await;
    assert_eq!(again.status, 200, "{}", again.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn admins_creating_the_same_title_at_once_all_succeed_with_distinct_slugs(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let creates = (0..4).map(|_| app.post_json("/api/admin/events/create", new_event(), Some(&admin)));
    let responses = futures::future::join_all(creates).await;
    let mut slugs: Vec<String> = responses
        .iter()
        .map(|r| {
            assert_eq!(r.status, 201, "{}", r.text());
            r.json()["slug"].as_str().unwrap().to_string()
        })
        .collect();
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 4);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_event_something_refers_to_is_cancelled_not_deleted(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let event = create(&app, &admin, new_event()).await;
    let id = event["id"].as_str().unwrap();
    // Stand-in for the orders table to come: anything with a foreign key to the event.
    sqlx::query("create table held_order (event_id uuid not null references event (event_id))")
        .execute(&app.db)
        .await
        .unwrap();
    sqlx::query("insert into held_order values ($1::uuid)").bind(id).execute(&app.db).await.unwrap();

    let refused = app.post_json(&format!("/api/admin/events/delete/{id}"), json!({}), Some(&admin)).await;
    assert_eq!(refused.status, 409);
    assert_eq!(refused.json()["error"]["code"], "event_has_orders");
    assert!(refused.json()["error"]["message"].as_str().unwrap().contains("Cancel it instead"));
    assert_eq!(app.get(&format!("/api/events/{id}")).await.status, 200, "still there");
    let log = app.get_with_cookie(&format!("/api/admin/audit?event_id={id}"), &admin).await.json();
    assert_eq!(log["entries"].as_array().unwrap().len(), 1, "a refused delete leaves no audit row");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn malformed_ids_and_query_strings_are_refused_in_our_error_shape(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    // The JSON error's code and field; None for a page.
    type Json = Option<(&'static str, Option<&'static str>)>;
    let cases: [(&str, u16, Json); 6] = [
        ("/api/orders/nope/confirmation", 400, Some(("invalid_parameter", Some("id")))),
        ("/api/events/nope/buy", 400, Some(("invalid_parameter", Some("id")))),
        // The admin's event routes have always taken a malformed id for an unknown one.
        ("/api/admin/events/nope", 404, Some(("not_found", None))),
        ("/api/admin/audit?event_id=nope", 400, Some(("invalid_parameter", Some("query")))),
        ("/api/admin/events?q=a&q=b", 400, Some(("invalid_parameter", Some("query")))),
        ("/admin/events/nope/edit", 404, None),
    ];
    for (uri, status, json) in cases {
        let response = app.get_with_cookie(uri, &admin).await;
        assert_eq!(response.status, status, "{uri}: {}", response.text());
        match json {
            Some((code, field)) => {
                assert_eq!(response.header("content-type"), "application/json", "{uri}");
                let error = &response.json()["error"];
                assert_eq!(error["code"], code, "{uri}");
                assert_eq!(error["field"].as_str(), field, "{uri}");
            }
            None => assert!(response.header("content-type").starts_with("text/html"), "{uri}"),
        }
    }
}
