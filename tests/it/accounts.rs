use serde_json::json;
use sqlx::PgPool;
use tessera_tests::{TestApp, unique_email};

async fn signup(app: &TestApp, email: &str) -> String {
    let response = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email, "password": "a long passphrase", "name": "Ana Lúcia"}),
            None,
        )
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
    response.cookie("tessera_session").expect("a session cookie")
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn signing_up_signs_in_and_logging_out_ends_the_session_on_the_server(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    let response = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email, "password": "a long passphrase", "name": "Ana Lúcia"}),
            None,
        )
        .await;
    assert_eq!(response.status, 201);
    assert_eq!(response.json()["email"], email.as_str());
    assert_eq!(response.json()["role"], "customer");
    let set_cookie = response.header("set-cookie").to_string();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain http in tests");
    let cookie = response.cookie("tessera_session").unwrap();

    let me = app.get_with_cookie("/api/me", &cookie).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.json()["name"], "Ana Lúcia");
    assert!(me.json().get("password_hash").is_none());

    assert_eq!(app.post_json("/api/auth/logout", json!({}), Some(&cookie)).await.status, 204);
    let me = app.get_with_cookie("/api/me", &cookie).await;
    assert_eq!(me.status, 401, "the old cookie opens nothing");
    assert_eq!(me.json()["error"]["code"], "unauthorized");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_email_has_one_account_whatever_its_case(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    signup(&app, &email).await;
    let response = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email.to_uppercase(), "password": "another passphrase", "name": "Other"}),
            None,
        )
        .await;
    assert_eq!(response.status, 409);
    assert_eq!(response.json()["error"]["code"], "email_taken");
    assert_eq!(response.json()["error"]["field"], "email");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn signup_fields_are_checked_one_by_one(db: PgPool) {
    let app = TestApp::new(db);
    let cases = [
        (
            json!({"email": "not-an-email", "password": "a long passphrase", "name": "Ana"}),
            422,
            Some("email"),
        ),
        (json!({"email": unique_email("a"), "password": "short", "name": "Ana"}), 422, Some("password")),
        (
            json!({"email": unique_email("a"), "password": "a long passphrase", "name": "  "}),
            422,
            Some("name"),
        ),
        (json!({"email": unique_email("a"), "password": "a long passphrase"}), 400, None),
        (json!("not an object"), 400, None),
    ];
    for (body, status, field) in cases {
        let response = app.post_json("/api/auth/signup", body.clone(), None).await;
        assert_eq!(response.status, status, "{body}: {}", response.text());
        assert_eq!(response.json()["error"]["field"].as_str(), field, "{body}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_failed_login_does_not_tell_whether_the_email_exists(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    signup(&app, &email).await;

    let wrong_password = app
        .post_json("/api/auth/login", json!({"email": email, "password": "not the passphrase"}), None)
        .await;
    let unknown_email = app
        .post_json(
            "/api/auth/login",
            json!({"email": unique_email("nobody"), "password": "not the passphrase"}),
            None,
        )
        .await;
    assert_eq!(wrong_password.status, 401);
    assert_eq!(unknown_email.status, 401);
    assert_eq!(wrong_password.json(), unknown_email.json());
    assert_eq!(wrong_password.json()["error"]["code"], "invalid_credentials");

    let right = app
        .post_json(
            "/api/auth/login",
            json!({"email": email.to_uppercase(), "password": "a long passphrase"}),
            None,
        )
        .await;
    assert_eq!(right.status, 200, "emails match without case");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn logging_in_issues_a_new_session_id_and_retires_the_old_one(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    let first = signup(&app, &email).await;
    let response = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), Some(&first))
        .await;
    assert_eq!(response.status, 200);
    let second = response.cookie("tessera_session").unwrap();
    assert_ne!(first, second);
    assert_eq!(app.get_with_cookie("/api/me", &first).await.status, 401);
    assert_eq!(app.get_with_cookie("/api/me", &second).await.status, 200);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn repeated_failures_lock_the_account_for_a_while(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    signup(&app, &email).await;
    for _ in 0..5 {
        let response = app
            .post_json("/api/auth/login", json!({"email": email, "password": "guess guess guess"}), None)
            .await;
        assert_eq!(response.status, 401);
    }
    // Even the right password waits now.
    let response = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(response.status, 429, "{}", response.text());
    assert_eq!(response.json()["error"]["code"], "too_many_requests");
    let retry_after: u64 = response.header("retry-after").parse().unwrap();
    assert!((1..=900).contains(&retry_after), "{retry_after}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn one_address_cannot_try_passwords_without_end(db: PgPool) {
    let app = TestApp::new(db);
    let mut statuses = Vec::new();
    for _ in 0..31 {
        let response = app
            .post_json(
                "/api/auth/login",
                json!({"email": unique_email("spray"), "password": "guess guess guess"}),
                None,
            )
            .await;
        statuses.push(response.status.as_u16());
    }
    assert!(statuses[..30].iter().all(|s| *s == 401), "{statuses:?}");
    assert_eq!(statuses[30], 429);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn changing_the_password_checks_the_old_one_and_signs_out_other_devices(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    let phone = signup(&app, &email).await;
    let laptop = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await
        .cookie("tessera_session")
        .unwrap();

    let wrong = app
        .post_json(
            "/api/me/password",
            json!({"current_password": "nope nope nope", "new_password": "a brand new passphrase"}),
            Some(&laptop),
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.json()["error"]["field"], "current_password");

    let changed = app
        .post_json(
            "/api/me/password",
            json!({"current_password": "a long passphrase", "new_password": "a brand new passphrase"}),
            Some(&laptop),
        )
        .await;
    assert_eq!(changed.status, 204, "{}", changed.text());
    assert_eq!(app.get_with_cookie("/api/me", &laptop).await.status, 200, "this device stays in");
    assert_eq!(app.get_with_cookie("/api/me", &phone).await.status, 401, "others are out");
    let old = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(old.status, 401);
    let new = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a brand new passphrase"}), None)
        .await;
    assert_eq!(new.status, 200);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn passwords_are_stored_as_argon2id_and_sessions_as_hashes(db: PgPool) {
    let app = TestApp::new(db);
    let cookie = signup(&app, &unique_email("ana")).await;
    let hash: String =
        sqlx::query_scalar("select password_hash from account").fetch_one(&app.db).await.unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let token = cookie.split_once('=').unwrap().1;
    let stored: i64 = sqlx::query_scalar("select count(*) from session where session_id = $1")
        .bind(token)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0, "the cookie's token itself is not in the database");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn failing_on_purpose_from_one_address_does_not_lock_the_owner_out(db: PgPool) {
    let attacker = TestApp::new(db.clone());
    let owner = TestApp::new(db);
    let email = unique_email("ana");
    signup(&owner, &email).await;
    for _ in 0..6 {
        attacker
            .post_json("/api/auth/login", json!({"email": email, "password": "guess guess guess"}), None)
            .await;
    }
    let locked = attacker
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(locked.status, 429, "the guessing address waits");
    let owner_login = owner
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(owner_login.status, 200, "the owner, elsewhere, does not");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn guessing_the_current_password_with_a_stolen_session_is_limited(db: PgPool) {
    let app = TestApp::new(db);
    let session = signup(&app, &unique_email("ana")).await;
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let response = app
            .post_json(
                "/api/me/password",
                json!({"current_password": "guess guess", "new_password": "a brand new passphrase"}),
                Some(&session),
            )
            .await;
        statuses.push(response.status.as_u16());
    }
    assert_eq!(statuses, [422, 422, 422, 422, 422, 429]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn pages_for_a_signed_in_person_are_never_stored_by_shared_caches(db: PgPool) {
    let app = TestApp::new(db);
    let session = signup(&app, &unique_email("ana")).await;
    for uri in ["/", "/account", "/api/me"] {
        assert_eq!(
            app.get_with_cookie(uri, &session).await.header("cache-control"),
            "private, no-store",
            "{uri}"
        );
    }
    assert_eq!(
        app.get("/login").await.header("cache-control"),
        "private, no-store",
        "it sets the CSRF cookie"
    );
    assert_eq!(
        app.get("/api/events").await.header("cache-control"),
        "",
        "anonymous catalog pages may be cached"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_sweeper_removes_only_expired_sessions(db: PgPool) {
    let app = TestApp::new(db);
    let live = signup(&app, &unique_email("ana")).await;
    sqlx::query(
        "insert into session (session_id, account_id, expires_at, created_at)
         select repeat('b', 64), account_id, now() - interval '1 day', now() - interval '31 days' from account",
    )
    .execute(&app.db)
    .await
    .unwrap();
    assert_eq!(tessera_core::account::purge_expired_sessions(&app.db).await.unwrap(), 1);
    assert_eq!(app.get_with_cookie("/api/me", &live).await.status, 200, "live sessions stay");
}
