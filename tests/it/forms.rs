use sqlx::PgPool;
use tessera_tests::{TestApp, unique_email};

/// The CSRF cookie and the token in the page's form.
async fn form_token(app: &TestApp, uri: &str) -> (String, String) {
    let page = app.get(uri).await;
    assert_eq!(page.status, 200);
    let cookie = page.cookie("tessera_csrf").expect("a CSRF cookie");
    let html = page.text();
    let token = html
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a csrf_token field")
        .to_string();
    assert_eq!(cookie, format!("tessera_csrf={token}"));
    (cookie, token)
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_person_signs_up_sees_their_account_and_logs_out_with_forms(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("jo");
    let (csrf_cookie, token) = form_token(&app, "/signup").await;
    let response = app
        .post_form(
            "/signup",
            &[
                ("csrf_token", &token),
                ("name", "Jo Kowalska"),
                ("email", &email),
                ("password", "a long passphrase"),
            ],
            Some(&csrf_cookie),
        )
        .await;
    assert_eq!(response.status, 202, "{}", response.text());
    assert!(response.text().contains("Check your inbox"), "{}", response.text());
    assert!(response.cookie("tessera_session").is_none(), "nobody is signed in before the link");

    // The emailed link opens a page whose button confirms (a GET changes nothing).
    let link = TestApp::link_token(&email, 1, "/verify-email").await;
    let page = app.get(&format!("/verify-email?token={link}")).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Confirm my email address"));
    assert!(page.text().contains(&format!("This link confirms {email}")), "whom it confirms");
    assert_eq!(page.header("referrer-policy"), "strict-origin", "the token never leaves in a Referer");
    let (link_cookie, link_csrf) = page.csrf();
    let response = app
        .post_form(
            "/verify-email",
            &[("csrf_token", &link_csrf), ("token", &link), ("password", "a long passphrase")],
            Some(&link_cookie),
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.text());
    assert_eq!(response.header("location"), "/account?verification=done");
    let session = response.cookie("tessera_session").unwrap();
    let cookies = format!("{session}; {csrf_cookie}");

    let account = app.get_with_cookie("/account?verification=done", &cookies).await;
    assert_eq!(account.status, 200);
    let html = account.text();
    assert!(html.contains("Jo Kowalska") && html.contains(&email));
    assert!(html.contains("your email address is confirmed"), "{html}");
    assert!(!html.contains("Send the link again"));
    assert!(html.contains("href=\"/account\">Jo Kowalska</a>"), "the header names who is signed in");

    // Signed in, forms carry a token bound to the session: the sign-up page's is stale now.
    let stale = app.post_form("/logout", &[("csrf_token", &token)], Some(&cookies)).await;
    assert_eq!(stale.status, 403, "{}", stale.text());
    let token = account.csrf_field();
    let response = app.post_form("/logout", &[("csrf_token", &token)], Some(&cookies)).await;
    assert_eq!(response.status, 303, "{}", response.text());
    assert_eq!(app.get_with_cookie("/api/me", &session).await.status, 401);
    let account = app.get_with_cookie("/account", &session).await;
    assert_eq!(account.status, 303, "signed out: back to the login page");
    assert_eq!(account.header("location"), "/login?next=/account");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_form_token_is_bound_to_the_session(db: PgPool) {
    let app = TestApp::new(db);
    let (csrf_cookie, anonymous) = form_token(&app, "/login").await;
    let alice = format!("{}; {csrf_cookie}", app.sign_in(false).await);
    let bob = format!("{}; {csrf_cookie}", app.sign_in(false).await);
    let page = app.get_with_cookie("/account", &alice).await;
    assert!(page.cookie("tessera_csrf").is_none(), "the cookie stays; the token changes");
    let alices = page.csrf_field();
    assert_ne!(alices, anonymous);
    assert_ne!(app.get_with_cookie("/account", &bob).await.csrf_field(), alices);

    // The cookie's own value (what a cookie planted from elsewhere would give) is not the
    // session's token, nor is Alice's token Bob's, even with the same cookie.
    let logout = |token: String, cookies: String| {
        let app = &app;
        async move { app.post_form("/logout", &[("csrf_token", &token)], Some(&cookies)).await }
    };
    assert_eq!(logout(anonymous, alice.clone()).await.status, 403);
    assert_eq!(logout(alices.clone(), bob.clone()).await.status, 403);
    assert_eq!(app.get_with_cookie("/api/me", &bob).await.status, 200, "Bob is still signed in");
    assert_eq!(logout(alices, alice.clone()).await.status, 303);
    assert_eq!(app.get_with_cookie("/api/me", &alice).await.status, 401);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_form_without_the_right_csrf_token_is_refused(db: PgPool) {
    let app = TestApp::new(db);
    let (csrf_cookie, token) = form_token(&app, "/login").await;
    let email: &'static str = Box::leak(unique_email("x").into_boxed_str());
    let fields = |token: &'static str| [("csrf_token", token), ("email", email), ("password", "whatever123")];
    // No token at all, a token without its cookie, and a token that is not the cookie's.
    let missing = app.post_form("/login", &fields(""), Some(&csrf_cookie)).await;
    assert_eq!(missing.status, 403);
    let leaked: &'static str = Box::leak(token.clone().into_boxed_str());
    let no_cookie = app.post_form("/login", &fields(leaked), None).await;
    assert_eq!(no_cookie.status, 403);
    let wrong = app
        .post_form("/login", &fields("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), Some(&csrf_cookie))
        .await;
    assert_eq!(wrong.status, 403);
    assert!(wrong.text().contains("This form has expired"));
    // With both, the form is read (and the login fails on its merits).
    let read = app.post_form("/login", &fields(leaked), Some(&csrf_cookie)).await;
    assert_eq!(read.status, 401);
    assert!(read.text().contains("do not match an account"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn form_errors_come_back_on_the_page_next_to_their_field(db: PgPool) {
    let app = TestApp::new(db);
    let (csrf_cookie, token) = form_token(&app, "/signup").await;
    let response = app
        .post_form(
            "/signup",
            &[
                ("csrf_token", &token),
                ("name", "Jo"),
                ("email", "jo@nowhere"),
                ("password", "a long passphrase"),
            ],
            Some(&csrf_cookie),
        )
        .await;
    assert_eq!(response.status, 422);
    let html = response.text();
    assert!(html.contains("id=\"s-email-error\""), "{html}");
    assert!(html.contains("value=\"jo@nowhere\""), "what was typed is kept");
    assert!(!html.contains("a long passphrase"), "passwords are never echoed");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn login_goes_back_where_the_person_was_but_never_off_site(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("jo");
    app.post_json(
        "/api/auth/signup",
        serde_json::json!({"email": email, "password": "a long passphrase", "name": "Jo"}),
        None,
    )
    .await;
    let (csrf_cookie, token) = form_token(&app, "/login?next=/search").await;
    for (next, expected) in [
        ("/search?q=fado", "/search?q=fado"),
        ("//evil.example/", "/account"),
        ("https://evil.example", "/account"),
        ("/%09/evil.example", "/account"),
        ("/\\evil.example", "/account"),
        ("/%2F%2Fevil.example", "/account"),
    ] {
        let response = app
            .post_form(
                "/login",
                &[
                    ("csrf_token", &token),
                    ("email", &email),
                    ("password", "a long passphrase"),
                    ("next", next),
                ],
                Some(&csrf_cookie),
            )
            .await;
        assert_eq!(response.status, 303);
        assert_eq!(response.header("location"), expected, "next={next}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_signed_out_form_sends_the_person_to_log_in_and_back_to_the_page_it_was_on(db: PgPool) {
    use axum::http::{HeaderMap, Method, header};
    let app = TestApp::new(db);
    let order = uuid::Uuid::now_v7();
    let public = app.state.config.public_url.origin().ascii_serialization();
    let uri = format!("/orders/{order}/cancel");
    let cancel = |referer: Option<String>| {
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, "application/x-www-form-urlencoded".parse().unwrap());
        headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
        if let Some(referer) = referer {
            headers.insert(header::REFERER, referer.parse().unwrap());
        }
        app.send(Method::POST, &uri, headers, "csrf_token=x".into())
    };
    let from_its_page = cancel(Some(format!("{public}/orders/{order}?checkout=success"))).await;
    assert_eq!(from_its_page.status, 303);
    assert_eq!(from_its_page.header("location"), format!("/login?next=/orders/{order}"));
    // The form's action is no page to come back to; without a Referer, the home page.
    let without_referer = cancel(None).await;
    assert_eq!(without_referer.header("location"), "/login?next=/");
    let from_elsewhere = cancel(Some(format!("https://elsewhere.example/orders/{order}"))).await;
    assert_eq!(from_elsewhere.header("location"), "/login?next=/");
    // A page comes back to itself.
    let edit = app.get(&format!("/admin/events/{order}/edit")).await;
    assert_eq!(edit.status, 303);
    assert_eq!(edit.header("location"), format!("/login?next=/admin/events/{order}/edit"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_forgotten_password_is_reset_with_the_forms_and_the_emailed_link(db: PgPool) {
    let app = TestApp::new(db);
    let email = unique_email("jo");
    app.sign_in_as(&email).await;
    let login = app.get("/login").await;
    assert!(login.text().contains("href=\"/forgot-password\""), "the login page offers a reset");

    let page = app.get("/forgot-password").await;
    let (cookie, token) = page.csrf();
    let asked =
        app.post_form("/forgot-password", &[("csrf_token", &token), ("email", &email)], Some(&cookie)).await;
    assert_eq!(asked.status, 202, "{}", asked.text());
    assert!(asked.text().contains("If an account uses that email address"));
    let nobody = app
        .post_form(
            "/forgot-password",
            &[("csrf_token", &token), ("email", "nobody@example.org")],
            Some(&cookie),
        )
        .await;
    assert_eq!(
        nobody.text().replace("nobody@example.org", ""),
        asked.text().replace(&email, ""),
        "the same page"
    );

    // The second email: the first was the sign-up's confirmation link.
    let link = TestApp::link_token(&email, 2, "/reset-password").await;
    let page = app.get(&format!("/reset-password?token={link}")).await;
    assert_eq!(page.status, 200);
    let (cookie, csrf) = page.csrf();
    let short = app
        .post_form(
            "/reset-password",
            &[("csrf_token", &csrf), ("token", &link), ("new_password", "short")],
            Some(&cookie),
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(short.text().contains("The new password"), "{}", short.text());
    let done = app
        .post_form(
            "/reset-password",
            &[("csrf_token", &csrf), ("token", &link), ("new_password", "a brand new passphrase")],
            Some(&cookie),
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.text());
    assert_eq!(done.header("location"), "/account?password=changed");
    let session = done.cookie("tessera_session").unwrap();
    assert_eq!(app.get_with_cookie("/api/me", &session).await.status, 200);
    let again = app
        .post_form(
            "/reset-password",
            &[("csrf_token", &csrf), ("token", &link), ("new_password", "a third passphrase here")],
            Some(&cookie),
        )
        .await;
    assert_eq!(again.status, 410);
    assert!(again.text().contains("expired or was already used"), "{}", again.text());
}
