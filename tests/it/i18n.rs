//! The interface in the buyer's language: choosing it (the switcher's `?lang=`, its cookie,
//! `Accept-Language`), every language's pages complete, and the frame's links to the others.

use axum::http::{HeaderMap, Method, header};
use sqlx::PgPool;
use tessera_i18n::{Locale, message, message_ids};
use tessera_tests::{TestApp, sample_event};

async fn page(
    app: &TestApp,
    uri: &str,
    headers: &[(header::HeaderName, &str)],
) -> tessera_tests::TestResponse {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.insert(name.clone(), value.parse().unwrap());
    }
    app.request(Method::GET, uri, map).await
}

fn lang_of(html: &str) -> &str {
    html.split("<html lang=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default()
}

/// No message id shows through as text or as an attribute's value.
fn assert_no_raw_ids(uri: &str, html: &str) {
    for id in message_ids(Locale::En) {
        assert!(
            !html.contains(&format!(">{id}<")) && !html.contains(&format!("=\"{id}\"")),
            "{uri} shows {id}"
        );
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_translated_page_speaks_each_language(db: PgPool) {
    let app = TestApp::new(db);
    app.insert_event(&sample_event("fado-lisboa", "Noite de Fado", 5)).await;
    for locale in Locale::ALL {
        for uri in [
            "/",
            "/search?q=fado",
            "/search?q=nothing-matches-this",
            "/events/fado-lisboa",
            "/no-such-page",
            "/login",
            "/signup",
            "/forgot-password",
        ] {
            let sep = if uri.contains('?') { '&' } else { '?' };
            let uri = format!("{uri}{sep}lang={locale}");
            let response = page(&app, &uri, &[]).await;
            assert!(response.status == 200 || response.status == 404, "{uri}: {}", response.status);
            let html = response.text();
            assert_eq!(lang_of(&html), locale.tag(), "{uri}");
            assert!(html.contains(&message(locale, "footer-tagline")), "{uri}");
            assert!(html.contains(&format!(">{}<", message(locale, "search-button"))), "{uri}");
            assert_no_raw_ids(&uri, &html);
        }
        let home = page(&app, &format!("/?lang={locale}"), &[]).await.text();
        assert!(home.contains(&message(locale, "home-heading")), "{locale}");
        assert!(home.contains(&message(locale, "category-concert")), "{locale}: the filter's categories");
    }
    // Words and their order are each language's own.
    let pt = page(&app, "/search?q=fado&lang=pt", &[]).await.text();
    assert!(pt.contains("Resultados para «fado»"), "{pt}");
    let ja = page(&app, "/events/fado-lisboa?lang=ja", &[]).await.text();
    assert!(ja.contains("チケットを購入"), "{ja}");
    let de = page(&app, "/?lang=de", &[]).await.text();
    assert!(de.contains(">Konzert<"), "the cards' categories in German");
    let missing = page(&app, "/no-such-page?lang=ja", &[]).await.text();
    assert!(missing.contains("ページが見つかりません"), "{missing}");
    let pl = page(&app, "/login?lang=pl", &[]).await.text();
    assert!(pl.contains("Nie pamiętasz hasła?"), "{pl}");

    // A signed-in person's own page too.
    let session = app.sign_in(false).await;
    for locale in Locale::ALL {
        let uri = format!("/account?lang={locale}");
        let html = page(&app, &uri, &[(header::COOKIE, &session)]).await.text();
        assert_eq!(lang_of(&html), locale.tag());
        assert!(html.contains(&message(locale, "account-change-password")), "{uri}");
        assert_no_raw_ids(&uri, &html);
        let uri = format!("/events/fado-lisboa/buy?lang={locale}");
        let html = page(&app, &uri, &[(header::COOKIE, &session)]).await.text();
        assert_eq!(lang_of(&html), locale.tag());
        assert!(html.contains(&message(locale, "buy-continue")), "{uri}");
        assert!(html.contains(&message(locale, "method-card")), "{uri}");
        assert_no_raw_ids(&uri, &html);
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_switcher_beats_the_browser_and_is_remembered(db: PgPool) {
    let app = TestApp::new(db);
    // The browser's languages, best first, by weight.
    let pt = page(&app, "/", &[(header::ACCEPT_LANGUAGE, "pt-BR,pt;q=0.9,en;q=0.8")]).await;
    assert_eq!(lang_of(&pt.text()), "pt");
    assert!(pt.header("vary").contains("Accept-Language"), "{:?}", pt.headers);
    assert!(pt.cookie("tessera_lang").is_none(), "nothing chosen, nothing remembered");
    let none = page(&app, "/", &[(header::ACCEPT_LANGUAGE, "nl, sv;q=0.5")]).await;
    assert_eq!(lang_of(&none.text()), "en", "none we speak: English");

    // The switcher's link: remembered, and back to this page in Polish.
    let chosen = page(&app, "/search?q=fado&lang=pl&choose=1", &[(header::ACCEPT_LANGUAGE, "pt")]).await;
    assert_eq!(chosen.status, 303);
    assert_eq!(chosen.header("location"), "/search?q=fado&lang=pl");
    assert!(
        chosen.header("cache-control").contains("no-store"),
        "a response that sets a cookie is nobody else's"
    );
    let cookie = chosen.cookie("tessera_lang").expect("the choice is remembered");
    assert_eq!(cookie, "tessera_lang=pl");
    let shown =
        page(&app, "/search?q=fado&lang=pl", &[(header::ACCEPT_LANGUAGE, "pt"), (header::COOKIE, &cookie)])
            .await;
    assert_eq!(lang_of(&shown.text()), "pl");
    let next = page(&app, "/", &[(header::ACCEPT_LANGUAGE, "pt"), (header::COOKIE, &cookie)]).await;
    assert_eq!(lang_of(&next.text()), "pl", "the choice beats the browser");
    // A shared link keeps its language whoever opens it, and changes nobody's choice.
    let shared = page(&app, "/?lang=ja", &[(header::COOKIE, &cookie)]).await;
    assert_eq!(lang_of(&shared.text()), "ja");
    assert!(shared.cookie("tessera_lang").is_none());
    // Nonsense is ignored, not an error.
    let odd = page(&app, "/?lang=xx", &[(header::COOKIE, "tessera_lang=%3Cscript")]).await;
    assert_eq!(odd.status, 200);
    assert_eq!(lang_of(&odd.text()), "en");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_page_links_its_other_languages(db: PgPool) {
    let app = TestApp::new(db);
    let html = page(&app, "/search?q=fado&city=lisbon&lang=fr", &[]).await.text();
    let public = app.state.config.public_url.as_str().trim_end_matches('/').to_string();
    assert!(
        html.contains(&format!(
            "<link rel=\"canonical\" href=\"{public}/search?q=fado&#38;city=lisbon&#38;lang=fr\">"
        )),
        "{html}"
    );
    for locale in Locale::ALL {
        assert!(
            html.contains(&format!(
                "hreflang=\"{locale}\" href=\"{public}/search?q=fado&#38;city=lisbon&#38;lang={locale}\""
            )),
            "{locale}: {html}"
        );
        // The switcher keeps the search and names each language in itself.
        if locale != Locale::Fr {
            assert!(
                html.contains(&format!(
                    "<a href=\"/search?q=fado&#38;city=lisbon&#38;lang={locale}&#38;choose=1\" hreflang=\"{locale}\" lang=\"{locale}\">{}</a>",
                    locale.name()
                )),
                "{locale}: {html}"
            );
        }
    }
    assert!(
        html.contains("<span aria-current=\"true\" lang=\"fr\">Français</span>"),
        "the current one is not a link"
    );
    // A one-time notice is not part of the page's address in other languages.
    let saved = page(&app, "/search?q=fado&saved=1&flash=Call%20555", &[]).await.text();
    assert!(saved.contains("/search?q=fado&#38;lang=ja&#38;choose=1") && !saved.contains("555"), "{saved}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_catalog_cache_keeps_each_language_apart(db: PgPool) {
    let app = TestApp::with_settings(db, &[("TESSERA_CATALOG_CACHE_SECONDS", "60")]);
    for (accept, expected) in [("en", "en"), ("de", "de"), ("en", "en"), ("de", "de")] {
        let html = page(&app, "/", &[(header::ACCEPT_LANGUAGE, accept)]).await.text();
        assert_eq!(lang_of(&html), expected);
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_signed_in_persons_choice_follows_them_to_any_device(db: PgPool) {
    let app = TestApp::new(db);
    let session = app.sign_in(false).await;
    let me = app.get_with_cookie("/api/me", &session).await.json();
    assert_eq!(me["locale"], serde_json::Value::Null, "no choice made yet");

    // A shared link in Japanese changes nothing.
    page(&app, "/account?lang=ja", &[(header::COOKIE, &session)]).await;
    assert_eq!(app.get_with_cookie("/api/me", &session).await.json()["locale"], serde_json::Value::Null);
    // Chosen with the switcher while signed in: remembered on the account.
    let chosen = page(&app, "/account?lang=ja&choose=1", &[(header::COOKIE, &session)]).await;
    assert_eq!(chosen.status, 303);
    assert_eq!(app.get_with_cookie("/api/me", &session).await.json()["locale"], "ja");

    // Another device (no language cookie, another browser language), same account: Japanese,
    // even over a cookie of another choice made there before signing in.
    let elsewhere = page(
        &app,
        "/",
        &[(header::COOKIE, &format!("{session}; tessera_lang=pl")), (header::ACCEPT_LANGUAGE, "de")],
    )
    .await;
    assert_eq!(lang_of(&elsewhere.text()), "ja");
    // Signed out, that device is back to its own choice.
    let anonymous =
        page(&app, "/", &[(header::COOKIE, "tessera_lang=pl"), (header::ACCEPT_LANGUAGE, "de")]).await;
    assert_eq!(lang_of(&anonymous.text()), "pl");

    // Choosing again changes it.
    page(&app, "/?lang=es&choose=1", &[(header::COOKIE, &session)]).await;
    let locale: Option<String> = sqlx::query_scalar("select locale from account where locale is not null")
        .fetch_optional(&app.db)
        .await
        .unwrap();
    assert_eq!(locale.as_deref(), Some("es"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_switcher_never_links_to_another_site(db: PgPool) {
    let app = TestApp::new(db);
    for uri in ["//evil.example/x", "/\\evil.example/x"] {
        let html = page(&app, uri, &[]).await.text();
        assert!(!html.contains("href=\"//") && !html.contains("href=\"/\\"), "{uri}: {html}");
        assert!(html.contains("href=\"/evil.example/x?lang=pl&#38;choose=1\""), "{uri}: {html}");
    }
    // After a form, the switcher leads to the page the form was on, not to where it posted.
    let public = app.state.config.public_url.as_str().trim_end_matches('/').to_string();
    let mut headers = HeaderMap::new();
    headers.insert(header::REFERER, format!("{public}/login").parse().unwrap());
    headers.insert(header::ORIGIN, public.parse().unwrap());
    headers.insert(header::CONTENT_TYPE, "application/x-www-form-urlencoded".parse().unwrap());
    let posted = app.send(Method::POST, "/login", headers.clone(), "csrf_token=x".into()).await;
    assert_eq!(posted.status, 403);
    assert!(posted.text().contains("href=\"/login?lang=de&#38;choose=1\""), "{}", posted.text());
    // With the form page's query (a reset link's token stays), without one-time notices.
    headers.insert(header::REFERER, format!("{public}/reset-password?token=abc&fl%61sh=x").parse().unwrap());
    let posted = app.send(Method::POST, "/reset-password", headers, "csrf_token=x".into()).await;
    assert!(
        posted.text().contains("href=\"/reset-password?token=abc&#38;lang=pl&#38;choose=1\""),
        "{}",
        posted.text()
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_link_from_another_site_changes_nobodys_choice(db: PgPool) {
    let app = TestApp::new(db);
    let session = app.sign_in(false).await;
    let lured = page(
        &app,
        "/?lang=ja&choose=1",
        &[(header::COOKIE, &session), (header::HeaderName::from_static("sec-fetch-site"), "cross-site")],
    )
    .await;
    assert_eq!(lured.status, 200, "shown, not remembered");
    assert_eq!(lang_of(&lured.text()), "ja");
    assert!(lured.cookie("tessera_lang").is_none());
    assert_eq!(app.get_with_cookie("/api/me", &session).await.json()["locale"], serde_json::Value::Null);
    // The person's own click does.
    let own = page(
        &app,
        "/?lang=ja&choose=1",
        &[(header::COOKIE, &session), (header::HeaderName::from_static("sec-fetch-site"), "same-origin")],
    )
    .await;
    assert_eq!(own.status, 303);
    assert!(!own.header("content-security-policy").is_empty(), "the guard's headers cover the redirect");
    assert_eq!(app.get_with_cookie("/api/me", &session).await.json()["locale"], "ja");
    // A form's answer is in the account's language too.
    let (csrf_cookie, token) = app.get_with_cookie("/account", &session).await.csrf();
    let answer = app
        .post_form(
            "/account/password",
            &[("csrf_token", &token), ("current_password", "wrong wrong wrong"), ("new_password", "x")],
            Some(&format!("{session}; {csrf_cookie}")),
        )
        .await;
    assert_eq!(lang_of(&answer.text()), "ja", "{}", answer.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_order_keeps_the_language_it_was_bought_in(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("fado-order-lang", "Noite de Fado", 5)).await;
    let ticket_type = app.ticket_types(event).await[0];
    let buy = |cookie: String, accept: &'static str| {
        let app = &app;
        async move {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
            headers.insert(header::COOKIE, cookie.parse().unwrap());
            headers.insert(header::ACCEPT_LANGUAGE, accept.parse().unwrap());
            let body = serde_json::json!({"items": [{"ticket_type_id": ticket_type, "quantity": 1}], "payment_method": "card"});
            let response = app
                .send(Method::POST, &format!("/api/events/{event}/buy"), headers, body.to_string().into())
                .await;
            assert_eq!(response.status, 201, "{}", response.text());
            let order: uuid::Uuid = response.json()["order_id"].as_str().unwrap().parse().unwrap();
            sqlx::query_scalar::<_, String>("select locale from customer_order where order_id = $1")
                .bind(order)
                .fetch_one(&app.db)
                .await
                .unwrap()
        }
    };
    assert_eq!(buy(app.customer().await, "pt-PT,pt;q=0.9").await, "pt");
    assert_eq!(buy(app.customer().await, "nl").await, "en");
    // The buyer's own choice wins over the browser they happen to use.
    let chooser = app.customer().await;
    page(&app, "/?lang=ja&choose=1", &[(header::COOKIE, &chooser)]).await;
    assert_eq!(buy(chooser, "de").await, "ja");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_order_page_speaks_each_language(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("fado-order-page", "Noite de Fado", 5)).await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(ticket_type, 2)], None).await;
    assert_eq!(bought.status, 201, "{}", bought.text());
    let order = bought.json()["order_id"].as_str().unwrap().to_string();
    for locale in Locale::ALL {
        let uri = format!("/orders/{order}?lang={locale}");
        let html = page(&app, &uri, &[(header::COOKIE, &buyer)]).await.text();
        assert_eq!(lang_of(&html), locale.tag(), "{uri}");
        assert!(html.contains(&message(locale, "order-waiting")), "{uri}");
        assert!(html.contains(&message(locale, "order-col-subtotal")), "{uri}");
        assert_no_raw_ids(&uri, &html);
        // The hold's end is a <time> inside the sentence, wherever the language puts it.
        assert!(html.contains("<time datetime=\""), "{uri}");
        let account =
            page(&app, &format!("/account?lang={locale}"), &[(header::COOKIE, &buyer)]).await.text();
        assert!(
            account.contains(&message(locale, "order-status-pending_payment")),
            "{locale}: the account's orders"
        );
    }
    let ja = page(&app, &format!("/orders/{order}?lang=ja"), &[(header::COOKIE, &buyer)]).await.text();
    assert!(ja.contains("チケットは<time datetime=\""), "{ja}");
    assert!(ja.contains("まで確保されています。"), "{ja}");
    assert!(ja.contains("（ポルトガル時間）"), "the event's zone named in Japanese: {ja}");
    let pt = page(&app, &format!("/orders/{order}?lang=pt"), &[(header::COOKIE, &buyer)]).await.text();
    assert!(pt.contains("20,00\u{a0}€"), "euros as Portugal writes them: {pt}");
    let de = page(&app, &format!("/orders/{order}?lang=de"), &[(header::COOKIE, &buyer)]).await.text();
    assert!(de.contains("Bestellung stornieren"), "{de}");
}
