use serde_json::json;
use sqlx::PgPool;
use tessera_tests::mail::Maildev;
use tessera_tests::{TestApp, unique_email};

/// Signs up and follows the emailed link, as a person would; returns the session cookie.
async fn signup(app: &TestApp, email: &str) -> String {
    let response = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email, "password": "a long passphrase", "name": "Ana Lúcia"}),
            None,
        )
        .await;
    assert_eq!(response.status, 202, "{}", response.text());
    let token = TestApp::link_token(email, 1, "/verify-email").await;
    let verified = app
        .post_json("/api/auth/verify-email", json!({"token": token, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(verified.status, 200, "{}", verified.text());
    verified.cookie("tessera_session").expect("a session cookie")
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn signing_up_emails_a_link_that_verifies_and_signs_in_and_logging_out_ends_the_session(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    let response = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email, "password": "a long passphrase", "name": "Ana Lúcia"}),
            None,
        )
        .await;
    assert_eq!(response.status, 202);
    assert!(response.header("set-cookie").is_empty(), "nobody is signed in before the link");
    assert!(response.json()["message"].as_str().unwrap().contains("Check your inbox"));
    let emails = Maildev::shared().wait_for(&email, 1).await;
    assert_eq!(emails[0]["subject"], "Confirm your email address for Tessera");
    let token = TestApp::link_token(&email, 1, "/verify-email").await;

    // Before the link: the password works, buying does not.
    let unverified = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await
        .cookie("tessera_session")
        .unwrap();
    assert_eq!(app.get_with_cookie("/api/me", &unverified).await.json()["email_verified"], false);

    // Only with the password chosen at sign-up; a wrong one leaves the link working.
    let wrong = app
        .post_json("/api/auth/verify-email", json!({"token": token, "password": "not the passphrase"}), None)
        .await;
    assert_eq!(wrong.status, 401);
    let response = app
        .post_json("/api/auth/verify-email", json!({"token": token, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(app.get_with_cookie("/api/me", &unverified).await.status, 401, "sessions from before end");
    assert_eq!(response.json()["email"], email.as_str());
    assert_eq!(response.json()["role"], "customer");
    assert_eq!(response.json()["email_verified"], true);
    let set_cookie = response.header("set-cookie").to_string();
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(set_cookie.contains(attribute), "{set_cookie}");
    }
    assert!(!set_cookie.contains("Secure"), "plain http in tests");
    let cookie = response.cookie("tessera_session").unwrap();

    // The link works once.
    let again = app
        .post_json("/api/auth/verify-email", json!({"token": token, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(again.status, 410);
    assert_eq!(again.json()["error"]["code"], "link_invalid");

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
async fn signing_up_with_a_taken_email_answers_the_same_and_emails_the_owner(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    let first = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email, "password": "a long passphrase", "name": "Ana"}),
            None,
        )
        .await;
    let second = app
        .post_json(
            "/api/auth/signup",
            json!({"email": email.to_uppercase(), "password": "another passphrase", "name": "Other"}),
            None,
        )
        .await;
    assert_eq!((first.status, second.status), (202.try_into().unwrap(), 202.try_into().unwrap()));
    assert_eq!(first.json(), second.json(), "a stranger cannot tell the address has an account");
    assert_eq!(first.header("set-cookie"), second.header("set-cookie"));
    let emails = Maildev::shared().wait_for(&email, 2).await;
    let subjects: Vec<&str> = emails.iter().map(|e| e["subject"].as_str().unwrap()).collect();
    assert!(subjects.contains(&"You already have a Tessera account"), "{subjects:?}");
    let accounts: i64 = sqlx::query_scalar("select count(*) from account").fetch_one(&app.db).await.unwrap();
    assert_eq!(accounts, 1, "an email has one account whatever its case");
    // The first password stays.
    let login = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(login.status, 200);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_password_reset_link_works_once_ends_every_session_and_signs_in(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    let phone = signup(&app, &email).await;

    // The same answer for an address with no account, and no email to it.
    let nobody = unique_email("nobody");
    let unknown = app.post_json("/api/auth/password-reset", json!({"email": nobody}), None).await;
    let known = app.post_json("/api/auth/password-reset", json!({"email": email}), None).await;
    assert_eq!((unknown.status.as_u16(), known.status.as_u16()), (202, 202));
    assert_eq!(unknown.json(), known.json());
    let token = TestApp::link_token(&email, 2, "/reset-password").await;
    assert!(Maildev::shared().emails_to(&nobody).await.is_empty());

    // Stored as its SHA-256, never as itself.
    let (as_is, hashed): (i64, i64) = sqlx::query_as(
        "select count(*) filter (where token_hash = convert_to($1, 'UTF8')),
                count(*) filter (where token_hash = sha256(convert_to($1, 'UTF8')))
         from account_token",
    )
    .bind(&token)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((as_is, hashed), (0, 1));

    let weak = app
        .post_json("/api/auth/password-reset/confirm", json!({"token": token, "new_password": "short"}), None)
        .await;
    assert_eq!(weak.status, 422, "{}", weak.text());
    // A refused password does not use the link up.
    let reset = app
        .post_json(
            "/api/auth/password-reset/confirm",
            json!({"token": token, "new_password": "a brand new passphrase"}),
            None,
        )
        .await;
    assert_eq!(reset.status, 200, "{}", reset.text());
    let laptop = reset.cookie("tessera_session").unwrap();
    assert_eq!(app.get_with_cookie("/api/me", &laptop).await.status, 200);
    assert_eq!(app.get_with_cookie("/api/me", &phone).await.status, 401, "every earlier session ended");

    let reused = app
        .post_json(
            "/api/auth/password-reset/confirm",
            json!({"token": token, "new_password": "yet another passphrase"}),
            None,
        )
        .await;
    assert_eq!(reused.status, 410);
    assert_eq!(reused.json()["error"]["code"], "link_invalid");
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
async fn expired_forged_and_superseded_links_open_nothing(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    signup(&app, &email).await;
    app.post_json("/api/auth/password-reset", json!({"email": email}), None).await;
    let first = TestApp::link_token(&email, 2, "/reset-password").await;
    app.post_json("/api/auth/password-reset", json!({"email": email}), None).await;
    let second = TestApp::link_token(&email, 3, "/reset-password").await;
    assert_ne!(first, second);
    let confirm = |token: String| {
        app.post_json(
            "/api/auth/password-reset/confirm",
            json!({"token": token, "new_password": "a brand new passphrase"}),
            None,
        )
    };
    assert_eq!(confirm(first).await.status, 410, "a newer link replaces the older one");
    assert_eq!(confirm("x".repeat(43)).await.status, 410, "a forged one opens nothing");
    assert_eq!(confirm("short".into()).await.status, 410);
    sqlx::query("update account_token set created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(confirm(second).await.status, 410, "an expired link opens nothing");
    // A verification token is not a reset token.
    let other = unique_email("bea");
    app.post_json(
        "/api/auth/signup",
        json!({"email": other, "password": "a long passphrase", "name": "Bea"}),
        None,
    )
    .await;
    let verify = TestApp::link_token(&other, 1, "/verify-email").await;
    assert_eq!(confirm(verify.clone()).await.status, 410);
    let verified = app
        .post_json("/api/auth/verify-email", json!({"token": verify, "password": "a long passphrase"}), None)
        .await;
    assert_eq!(verified.status, 200);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn buying_asks_for_a_verified_email_first(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("ana");
    app.post_json(
        "/api/auth/signup",
        json!({"email": email, "password": "a long passphrase", "name": "Ana"}),
        None,
    )
    .await;
    let cookie = app
        .post_json("/api/auth/login", json!({"email": email, "password": "a long passphrase"}), None)
        .await
        .cookie("tessera_session")
        .unwrap();
    let event = app.insert_event(&tessera_tests::sample_event("verify-first", "Fado", 10)).await;
    let general = app.ticket_types(event).await[0];
    let refused = app.buy(&cookie, event, &[(general, 1)], None).await;
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert_eq!(refused.json()["error"]["code"], "email_unverified");
    assert_eq!(app.stock(general).await, (0, 0));
    let page = app.get_with_cookie("/events/verify-first/buy", &cookie).await;
    assert!(page.text().contains("Please confirm your email address before buying"), "{}", page.text());

    // Asking again sends a new link; the first stops working.
    let first = TestApp::link_token(&email, 1, "/verify-email").await;
    let resent = app.post_json("/api/me/verification-email", json!({}), Some(&cookie)).await;
    assert_eq!(resent.status, 202);
    let second = TestApp::link_token(&email, 2, "/verify-email").await;
    assert_ne!(first, second);
    let confirm = |token: String| {
        app.post_json(
            "/api/auth/verify-email",
            json!({"token": token, "password": "a long passphrase"}),
            None,
        )
    };
    assert_eq!(confirm(first).await.status, 410);
    let verified = confirm(second).await;
    assert_eq!(verified.status, 200);
    // Confirming signs in afresh (the sessions from before the address was confirmed end).
    let cookie = verified.cookie("tessera_session").unwrap();
    assert_eq!(app.buy(&cookie, event, &[(general, 1)], None).await.status, 201);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn someone_who_signed_up_with_another_persons_address_cannot_keep_the_account(db: PgPool) {
    let app = TestApp::new(db);
    let victim = unique_email("victim");
    // The squatter signs up with the victim's address and a password of their own.
    app.post_json(
        "/api/auth/signup",
        json!({"email": victim, "password": "the squatters passphrase", "name": "Squatter"}),
        None,
    )
    .await;
    let squatter = app
        .post_json("/api/auth/login", json!({"email": victim, "password": "the squatters passphrase"}), None)
        .await
        .cookie("tessera_session")
        .unwrap();
    // The victim clicks the confirmation link: without the squatter's password it confirms
    // nothing.
    let link = TestApp::link_token(&victim, 1, "/verify-email").await;
    let refused = app
        .post_json(
            "/api/auth/verify-email",
            json!({"token": link, "password": "the victims passphrase"}),
            None,
        )
        .await;
    assert_eq!(refused.status, 401);
    // Trying to sign up tells them (by email) the address has an account; a reset takes it over
    // and ends the squatter's session.
    app.post_json("/api/auth/password-reset", json!({"email": victim}), None).await;
    let reset = TestApp::link_token(&victim, 2, "/reset-password").await;
    let taken = app
        .post_json(
            "/api/auth/password-reset/confirm",
            json!({"token": reset, "new_password": "the victims passphrase"}),
            None,
        )
        .await;
    assert_eq!(taken.status, 200);
    assert_eq!(taken.json()["email_verified"], true, "the reset link reached the address");
    assert_eq!(app.get_with_cookie("/api/me", &squatter).await.status, 401);
    let squatter_again = app
        .post_json("/api/auth/login", json!({"email": victim, "password": "the squatters passphrase"}), None)
        .await;
    assert_eq!(squatter_again.status, 401);
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
    let rotated = changed.cookie("tessera_session").expect("a fresh session for this device");
    assert_ne!(rotated, laptop);
    assert_eq!(app.get_with_cookie("/api/me", &rotated).await.status, 200, "this device stays in");
    assert_eq!(app.get_with_cookie("/api/me", &laptop).await.status, 401, "with a new session id");
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

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_admin_session_left_unused_ends_while_a_customers_lasts(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_ADMIN_IDLE_MINUTES", "30")]);
    let admin = app.sign_in(true).await;
    let customer = app.sign_in(false).await;
    assert_eq!(app.get_with_cookie("/api/admin/refunds", &admin).await.status, 200);

    // Used 20 minutes ago: still in, and marked as used now.
    sqlx::query("update session set last_seen_at = now() - interval '20 minutes'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.get_with_cookie("/api/admin/refunds", &admin).await.status, 200);
    let fresh: bool = sqlx::query_scalar(
        "select bool_or(s.last_seen_at > now() - interval '1 minute') from session s join account a using (account_id) where a.role = 'admin'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(fresh, "using the session keeps it alive");

    // Unused for 31 minutes: the admin must log in again; the customer, idle as long, need not.
    sqlx::query("update session set last_seen_at = now() - interval '31 minutes'")
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app.get_with_cookie("/api/admin/refunds", &admin).await.status, 401);
    assert_eq!(app.get_with_cookie("/api/me", &customer).await.status, 200);
}
