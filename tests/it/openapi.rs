//! The domain's types the API sends (serialized from `tessera_core`, described in the document
//! by `tessera_api::schemas`) match the app's own OpenAPI document.

use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_tests::TestApp;

/// Checks `instance` against schema `name` of `document`.
fn check(document: &Value, name: &str, instance: &Value) {
    let mut root = document.clone();
    root["$ref"] = json!(format!("#/components/schemas/{name}"));
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&root)
        .unwrap_or_else(|err| panic!("schema {name}: {err}"));
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{}: {e}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{name}: {errors:?}\n{instance}");
}

async fn get_json(app: &TestApp, uri: &str, cookie: &str) -> Value {
    let response = app.get_with_cookie(uri, cookie).await;
    assert_eq!(response.status, 200, "{uri}: {}", response.text());
    response.json()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn core_types_in_responses_match_the_openapi_document(db: PgPool) {
    let app = TestApp::with_demo(db).await;
    let document = app.get("/api/openapi.json").await.json();
    let admin = app.sign_in(true).await;

    let list = get_json(&app, "/api/events", &admin).await;
    check(&document, "EventList", &list);
    let first = &list["events"][0];
    assert!(first.is_object(), "the demo catalog lists events: {list}");
    let id = first["id"].as_str().unwrap().to_string();
    let event = get_json(&app, &format!("/api/events/{id}"), &admin).await;
    check(&document, "Event", &event);
    let word = event["title"].as_str().unwrap().split_whitespace().next().unwrap().to_string();
    let found = get_json(&app, &format!("/api/search?q={}", urlencode(&word)), &admin).await;
    check(&document, "SearchResults", &found);
    check(&document, "Account", &get_json(&app, "/api/me", &admin).await);

    // An edit, for the audit log; a paid order, for the admins' reports.
    let edited = app
        .post_json(
            &format!("/api/admin/events/edit/{id}"),
            json!({"version": event["version"], "title": format!("{} (edited)", event["title"].as_str().unwrap())}),
            Some(&admin),
        )
        .await;
    assert_eq!(edited.status, 200, "{}", edited.text());
    check(&document, "Event", &edited.json());
    app.paid_order(id.parse().unwrap(), 1).await;

    check(&document, "AdminEventList", &get_json(&app, "/api/admin/events", &admin).await);
    let audit = get_json(&app, "/api/admin/audit", &admin).await;
    assert!(audit["entries"][0].is_object(), "{audit}");
    check(&document, "AuditLog", &audit);
    let report = get_json(&app, "/api/admin/analytics", &admin).await;
    check(&document, "Report", &report);
    let market = get_json(&app, "/api/admin/market", &admin).await;
    assert!(market["by_rail"][0].is_object(), "the paid order's rail: {market}");
    check(&document, "Market", &market);
    let ledger = get_json(&app, "/api/admin/reconciliation", &admin).await;
    assert!(ledger["rows"][0].is_object(), "the paid order's receipt: {ledger}");
    check(&document, "Reconciliation", &ledger);
    check(&document, "Refunds", &get_json(&app, "/api/admin/refunds", &admin).await);
    check(&document, "Deliveries", &get_json(&app, "/api/admin/deliveries", &admin).await);
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
