//! The interface in the buyer's language: choosing it (the switcher's `?lang=`, its cookie,
//! `Accept-Language`), every language's pages complete, and the frame's links to the others.

use axum::http::{HeaderMap, Method, header};
use serde_json::json;
use sqlx::PgPool;
use tessera_i18n::{Locale, message};
use tessera_tests::pages::{assert_no_raw_ids, lang_of};
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

/// A JSON call with `Accept-Language`, a cookie and a body.
async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    language: &str,
    cookie: Option<&str>,
    body: Option<serde_json::Value>,
) -> tessera_tests::TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT_LANGUAGE, language.parse().unwrap());
    if let Some(cookie) = cookie {
        headers.insert(header::COOKIE, cookie.parse().unwrap());
    }
    let body = match body {
        Some(body) => {
            headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
            axum::body::Body::from(body.to_string())
        }
        None => axum::body::Body::empty(),
    };
    app.send(method, uri, headers, body).await
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn json_errors_keep_their_code_and_speak_the_requests_language(db: PgPool) {
    let app = TestApp::new(db);
    let mut event = sample_event("fado-erros", "Noite de Fado", 5);
    event.fields.ticket_types[0].capacity = 3;
    let event = app.insert_event(&event).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;

    // A parameter (validated in core), each language its own words; the code stays.
    for (language, message) in [
        ("en", "\"abc\" is not a number from 1 to 100"),
        ("de-DE,de;q=0.9", "\"abc\" ist keine Zahl von 1 bis 100"),
        ("ja", "\"abc\" は 1～100 の数ではありません"),
        ("pl", "\"abc\" nie jest liczbą od 1 do 100"),
    ] {
        let response = call(&app, Method::GET, "/api/events?limit=abc", language, None, None).await;
        assert_eq!(response.status, 400, "{language}");
        let error = &response.json()["error"];
        assert_eq!(error["code"], "invalid_parameter", "{language}");
        assert_eq!(error["field"], "limit", "{language}");
        assert_eq!(error["message"], message, "{language}");
    }

    // Not found, not signed in, and `?lang=` beating the header.
    let missing =
        call(&app, Method::GET, &format!("/api/events/{}", uuid::Uuid::now_v7()), "fr", None, None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()["error"]["code"], "not_found");
    assert_eq!(missing.json()["error"]["message"], "Nous n'avons pas trouvé cet événement.");
    let anonymous = call(&app, Method::GET, "/api/me?lang=ja", "fr", None, None).await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(anonymous.json()["error"]["message"], "先にログインしてください。");

    // Buying: a field's problem, a sold-out line with Polish plurals, and a body the parser
    // cannot read (its own words stay inside ours).
    let buy = format!("/api/events/{event}/buy");
    let none = call(
        &app,
        Method::POST,
        &buy,
        "pl",
        Some(&buyer),
        Some(json!({"items": [], "payment_method": "card"})),
    )
    .await;
    assert_eq!(none.status, 422);
    assert_eq!(none.json()["error"]["code"], "invalid_field");
    assert_eq!(none.json()["error"]["message"], "wybierz co najmniej jeden bilet");
    let items = json!([{"ticket_type_id": general, "quantity": 4}]);
    let sold_out = call(
        &app,
        Method::POST,
        &buy,
        "pl",
        Some(&buyer),
        Some(json!({"items": items, "payment_method": "card"})),
    )
    .await;
    assert_eq!(sold_out.status, 409);
    assert_eq!(sold_out.json()["error"]["code"], "sold_out");
    assert_eq!(sold_out.json()["error"]["message"], "General: zostały tylko 3 bilety.");
    let garbled = call(&app, Method::POST, &buy, "es", Some(&buyer), Some(json!({"items": "many"}))).await;
    assert_eq!(garbled.status, 400);
    assert_eq!(garbled.json()["error"]["code"], "invalid_body");
    let message = garbled.json()["error"]["message"].as_str().unwrap().to_string();
    assert!(message.starts_with("No hemos podido leer esta solicitud: "), "{message}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn form_errors_and_notices_speak_the_pages_language(db: PgPool) {
    let app = TestApp::new(db);
    // A sign-up whose name is too long: the page and the field's message are in Portuguese.
    let (csrf_cookie, token) = page(&app, "/signup?lang=pt", &[]).await.csrf();
    let long_name = "a".repeat(101);
    let fields = [
        ("csrf_token", token.as_str()),
        ("name", long_name.as_str()),
        ("email", "ana@example.org"),
        ("password", "correct-horse-battery"),
    ];
    let response = app.post_form("/signup", &fields, Some(&format!("{csrf_cookie}; tessera_lang=pt"))).await;
    assert_eq!(response.status, 422, "{}", response.text());
    let html = response.text();
    assert_eq!(lang_of(&html), "pt");
    assert!(html.contains("Este campo deve ter no máximo 100 caracteres."), "{html}");

    // The answer to a password reset request, in Japanese.
    let page = page(&app, "/forgot-password?lang=ja", &[]).await;
    let html = page.text();
    assert!(html.contains("<h1>パスワードをお忘れですか？</h1>"), "{html}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn addresses_read_in_the_order_their_country_writes_them(db: PgPool) {
    let app = TestApp::new(db);
    let mut kyoto = sample_event("chakai-taizoin", "朝の茶会", 5);
    kyoto.fields.venue_name = "退蔵院".into();
    kyoto.fields.address = "京都市右京区花園妙心寺町35".into();
    kyoto.fields.city = "Kyoto".into();
    kyoto.fields.country = "JP".into();
    kyoto.fields.language = "ja".into();
    kyoto.fields.timezone = chrono_tz::Asia::Tokyo;
    app.insert_event(&kyoto).await;
    app.insert_event(&sample_event("fado-largo", "Noite de Fado", 5)).await;

    // Japan from the country down to the venue; Portugal the venue first. The country is named
    // in the reader's language, the venue and address marked with the event's own.
    let japan = page(&app, "/events/chakai-taizoin?lang=en", &[]).await.text();
    assert!(
        japan.contains(
            "<p class=\"event-where\">Japan <span lang=\"ja\">京都市右京区花園妙心寺町35</span> \
             <strong lang=\"ja\">退蔵院</strong> · "
        ),
        "{japan}"
    );
    let japan = page(&app, "/events/chakai-taizoin?lang=ja", &[]).await.text();
    assert!(japan.contains("<p class=\"event-where\">日本 <span lang=\"ja\">京都市"), "{japan}");
    let portugal = page(&app, "/events/fado-largo?lang=de", &[]).await.text();
    assert!(
        portugal.contains(
            "<p class=\"event-where\"><strong lang=\"pt\">Casa do Largo</strong>, \
             <span lang=\"pt\">Largo do Intendente 1, Lisboa</span>, Portugal · "
        ),
        "{portugal}"
    );
    // An address without its city gets it, before the country.
    let mut street = sample_event("fado-rua", "Fado na Rua", 5);
    street.fields.address = "Rua do Capelão 18".into();
    app.insert_event(&street).await;
    let street = page(&app, "/events/fado-rua?lang=en", &[]).await.text();
    assert!(street.contains("<span lang=\"pt\">Rua do Capelão 18</span>, Lisbon, Portugal · "), "{street}");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_order_reads_in_the_readers_language_and_keeps_what_was_bought(db: PgPool) {
    let app = TestApp::new(db);
    let mut fado = sample_event("fado-traduzido", "Noite de Fado", 5);
    fado.fields.ticket_types[0].name = "Geral".into();
    fado.fields.translations.insert(
        "en".into(),
        tessera_core::catalog::TranslationFields {
            title: "Fado Night".into(),
            description: String::new(),
            ticket_types: vec![Some("General admission".into())],
        },
    );
    let event = app.insert_event(&fado).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 2)], None).await;
    assert_eq!(bought.status, 201, "{}", bought.text());
    let order = bought.json()["order_id"].as_str().unwrap().to_string();

    // The buy page names the ticket types as the event page does.
    let buy = page(&app, "/events/fado-traduzido/buy?lang=en", &[(header::COOKIE, &buyer)]).await.text();
    assert!(
        buy.contains(&format!("<label for=\"q-{general}\" lang=\"en\">General admission</label>")),
        "{buy}"
    );
    let buy = page(&app, "/events/fado-traduzido/buy?lang=ja", &[(header::COOKIE, &buyer)]).await.text();
    assert!(buy.contains(&format!("<label for=\"q-{general}\" lang=\"pt\">Geral</label>")), "{buy}");

    let english = page(&app, &format!("/orders/{order}?lang=en"), &[(header::COOKIE, &buyer)]).await.text();
    assert!(english.contains("<h1 lang=\"en\">Fado Night</h1>"), "{english}");
    assert!(english.contains("<td lang=\"en\">General admission</td>"), "{english}");
    let account = page(&app, "/account?lang=en", &[(header::COOKIE, &buyer)]).await.text();
    assert!(
        account.contains(&format!("<a href=\"/orders/{order}\" lang=\"en\">Fado Night</a>")),
        "{account}"
    );
    // No translation into French: the original, marked as Portuguese.
    let french = page(&app, &format!("/orders/{order}?lang=fr"), &[(header::COOKIE, &buyer)]).await.text();
    assert!(french.contains("<h1 lang=\"pt\">Noite de Fado</h1>"), "{french}");
    assert!(french.contains("<td lang=\"pt\">Geral</td>"), "{french}");
    // The order itself keeps the name as bought.
    let confirmation =
        page(&app, &format!("/api/orders/{order}/confirmation"), &[(header::COOKIE, &buyer)]).await;
    assert_eq!(confirmation.json()["items"][0]["name"], "Geral", "{}", confirmation.text());
    assert!(confirmation.json()["items"][0].get("translations").is_none());
}
