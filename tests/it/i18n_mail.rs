//! The account and refund emails in the language of whoever they are for, and the payment
//! sandboxes' pages in every language: the emails' subjects and sentences, the amounts as each
//! locale writes them, and pages with no message id showing through.

use axum::http::{HeaderMap, Method, StatusCode, header};
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_i18n::{Locale, message};
use tessera_payments::sandbox::{SandboxAction, SignedEvent};
use tessera_tests::mail::Maildev;
use tessera_tests::pages::{assert_no_raw_ids, lang_of};
use tessera_tests::{TestApp, TestResponse, sample_event, unique_email};
use uuid::Uuid;

/// A JSON request to `uri` in a browser that reads `accept_language`.
async fn post_in(app: &TestApp, uri: &str, body: Value, accept_language: &str) -> TestResponse {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(header::ACCEPT_LANGUAGE, accept_language.parse().unwrap());
    app.send(Method::POST, uri, headers, body.to_string().into()).await
}

/// The email to `to` whose subject is `subject`, once it arrived.
async fn email_titled(to: &str, subject: &str) -> Value {
    let maildev = Maildev::shared();
    for _ in 0..200 {
        if let Some(email) = maildev.emails_to(to).await.into_iter().find(|e| e["subject"] == subject) {
            return email;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let subjects: Vec<Value> = maildev.emails_to(to).await.iter().map(|e| e["subject"].clone()).collect();
    panic!("no email {subject:?} to {to}; got {subjects:?}");
}

fn assert_says(email: &Value, sentences: &[&str]) {
    let text = email["text"].as_str().unwrap();
    let html = email["html"].as_str().unwrap();
    for sentence in sentences {
        assert!(text.contains(sentence), "{sentence:?} missing from the text:\n{text}");
        assert!(html.contains(sentence), "{sentence:?} missing from the HTML:\n{html}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn account_emails_are_in_the_accounts_language_else_the_requests(db: PgPool) {
    let app = TestApp::new(db);

    // Signed up from a Japanese browser: the confirmation link comes in Japanese, and so does
    // the reset link asked for from it (the account chose no language).
    let hanako = unique_email("hanako");
    let body = json!({"email": hanako, "password": "a long passphrase", "name": "山田 花子"});
    let signed_up = post_in(&app, "/api/auth/signup", body, "ja,en;q=0.5").await;
    assert_eq!(signed_up.status, StatusCode::ACCEPTED, "{}", signed_up.text());
    let verify = email_titled(&hanako, "【Tessera】メールアドレスのご確認").await;
    assert_says(
        &verify,
        &[
            "山田 花子 様",
            "チケットをこのアドレスにお送りできるよう、お客様のメールアドレスであることをご確認ください。",
            "このリンクは48時間以内に一度だけご利用いただけます。",
        ],
    );
    let html = verify["html"].as_str().unwrap();
    assert!(html.contains("<html lang=\"ja\">") && html.contains(">メールアドレスを確認する</a>"), "{html}");
    assert!(verify["text"].as_str().unwrap().contains("/verify-email?token="));
    let reset = post_in(&app, "/api/auth/password-reset", json!({"email": hanako}), "ja").await;
    assert_eq!(reset.status, StatusCode::ACCEPTED, "{}", reset.text());
    let reset = email_titled(&hanako, "【Tessera】パスワード再設定のご案内").await;
    assert_says(
        &reset,
        &[
            "Tesseraアカウントのパスワード再設定のご依頼を受け付けました。",
            "このリンクは1時間以内に一度だけご利用いただけます。",
        ],
    );
    assert!(reset["html"].as_str().unwrap().contains(">新しいパスワードを設定する</a>"));
    assert!(reset["text"].as_str().unwrap().contains("/reset-password?token="));

    // Signed up in Polish, then chose Polish for the account: a reset asked for from a
    // Japanese browser still comes in Polish.
    let zofia = unique_email("zofia");
    let body = json!({"email": zofia, "password": "a long passphrase", "name": "Zofia"});
    let signed_up = post_in(&app, "/api/auth/signup?lang=pl", body, "en").await;
    assert_eq!(signed_up.status, StatusCode::ACCEPTED, "{}", signed_up.text());
    let verify = email_titled(&zofia, "Potwierdź swój adres e-mail w Tessera").await;
    assert_says(
        &verify,
        &[
            "Dzień dobry, Zofia!",
            "Potwierdź, że to Twój adres e-mail, abyśmy mogli wysyłać na niego Twoje bilety.",
            "Link działa jeden raz przez 48 godzin.",
        ],
    );
    assert!(verify["html"].as_str().unwrap().contains("<html lang=\"pl\">"));
    sqlx::query("update account set locale = 'pl' where lower(email) = lower($1)")
        .bind(&zofia)
        .execute(&app.db)
        .await
        .unwrap();
    let reset = post_in(&app, "/api/auth/password-reset", json!({"email": zofia}), "ja").await;
    assert_eq!(reset.status, StatusCode::ACCEPTED);
    let reset = email_titled(&zofia, "Zresetuj hasło do Tessera").await;
    assert_says(
        &reset,
        &[
            "Ktoś (mamy nadzieję, że Ty) poprosił o zresetowanie hasła do Twojego konta w Tessera.",
            "Link działa jeden raz przez godzinę.",
            "hasło pozostanie bez zmian.",
        ],
    );
    assert!(reset["text"].as_str().unwrap().contains("Nowe hasło ustawisz tutaj:"));

    // Signing up again with a taken address tells its owner so, in the account's language.
    let again = json!({"email": zofia, "password": "another passphrase", "name": "Someone"});
    assert_eq!(post_in(&app, "/api/auth/signup", again, "en").await.status, StatusCode::ACCEPTED);
    let taken = email_titled(&zofia, "Masz już konto w Tessera").await;
    assert_says(
        &taken,
        &["Nie pamiętasz hasła?", "Jeśli to nie Ty, zignoruj tę wiadomość: nic się nie zmieniło."],
    );
}

/// Delivers the card sandbox's signed events to our webhook, as Stripe would.
async fn deliver(app: &TestApp, events: Vec<SignedEvent>) {
    for event in events {
        let response = app.stripe_event_signed(event.body, &event.signature).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    }
}

/// A paid order of `quantity` tickets placed in `locale`, its tickets issued: (order, the
/// buyer's email, the checkout session).
async fn paid_in(app: &TestApp, event: Uuid, quantity: i32, locale: &str) -> (Uuid, String, String) {
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, quantity)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let order: Uuid = bought.json()["order_id"].as_str().unwrap().parse().unwrap();
    let session = bought.json()["payment"]["provider_ref"].as_str().unwrap().to_string();
    sqlx::query("update customer_order set locale = $2 where order_id = $1")
        .bind(order)
        .bind(locale)
        .execute(&app.db)
        .await
        .unwrap();
    let sandbox = app.state.sandbox.clone().expect("the card sandbox plays Stripe");
    let (events, _) = sandbox.act(&session, SandboxAction::Pay).await.unwrap().expect("open");
    deliver(app, events).await;
    assert_eq!(app.order_status(order).await, "paid");
    let mut conn = app.db.acquire().await.unwrap();
    tessera_core::ticket::issue_tickets(&mut conn, order).await.unwrap().expect("paid");
    let email: String = sqlx::query_scalar(
        "select a.email from customer_order o join account a using (account_id) where o.order_id = $1",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    (order, email, session)
}

async fn refund(app: &TestApp, admin: &str, order: Uuid, key: &str, body: Value) {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    headers.insert(header::COOKIE, admin.parse().unwrap());
    headers.insert("idempotency-key", key.parse().unwrap());
    let response = app
        .send(Method::POST, &format!("/api/admin/orders/{order}/refunds"), headers, body.to_string().into())
        .await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn refund_emails_are_in_the_language_the_order_was_placed_in(db: PgPool) {
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let maildev = Maildev::shared();
    let mailer = tessera_ticketing::mail::Mailer::new(
        &maildev.smtp_url,
        "Tessera <tickets@tessera.test>".parse().unwrap(),
    )
    .unwrap();
    let send = || {
        tessera_ticketing::notices::send_due(
            &app.db,
            &mailer,
            &app.state.config.public_url,
            std::time::Duration::from_secs(20),
        )
    };
    // The sandbox's webhooks about the refund update its row in the background, and a round
    // passes over a row that is busy (as the worker does, every two seconds): a few rounds.
    let send_one = || async {
        for _ in 0..50 {
            let sent = send().await.unwrap();
            if sent > 0 {
                return sent;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        0
    };

    // One ticket of three, bought in Portuguese: the euro after the amount, as Portugal writes it.
    let fado = app.insert_event(&sample_event("refund-pt", "Noite de Fado", 5)).await;
    let (order, email, _) = paid_in(&app, fado, 3, "pt").await;
    let ticket: Uuid =
        sqlx::query_scalar("select ticket_id from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    refund(&app, &admin, order, "pt-1", json!({"tickets": [ticket]})).await;
    assert_eq!(send_one().await, 1);
    let message = maildev.wait_for(&email, 1).await.remove(0);
    assert_eq!(message["subject"], "O seu reembolso de 10,00\u{a0}€: Noite de Fado");
    let text = message["text"].as_str().unwrap();
    for expected in [
        "Olá, Test Buyer,",
        "Reembolsámos 10,00\u{a0}€ no cartão com que pagou.",
        "O organizador reembolsou a sua encomenda.",
        "Foi cancelado 1 dos seus 3 bilhetes; os restantes continuam válidos.",
        "Quando o vai receber: os reembolsos no cartão costumam aparecer no extrato em 5 a 10 dias úteis",
        "Se algo lhe parecer errado, responda a este e-mail.",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the email:\n{text}");
    }
    let html = message["html"].as_str().unwrap();
    assert!(html.contains("<html lang=\"pt\">"), "{html}");
    assert!(html.contains("10,00\u{a0}€ reembolsados"), "{html}");
    assert!(html.contains("Reembolsámos <strong>10,00\u{a0}€</strong> no cartão com que pagou."), "{html}");

    // A whole order of two, bought in Japanese in yen.
    let mut tea = sample_event("refund-ja", "朝の茶会", 5);
    tea.fields.currency = "JPY".parse().unwrap();
    tea.fields.timezone = chrono_tz::Asia::Tokyo;
    tea.fields.ticket_types[0].price_minor = 3500;
    let tea = app.insert_event(&tea).await;
    let (order, email, _) = paid_in(&app, tea, 2, "ja").await;
    refund(&app, &admin, order, "ja-1", json!({})).await;
    assert_eq!(send_one().await, 1);
    let message = maildev.wait_for(&email, 1).await.remove(0);
    assert_eq!(message["subject"], "朝の茶会のご返金（￥7,000）");
    let text = message["text"].as_str().unwrap();
    for expected in [
        "Test Buyer 様",
        "お支払いに使用されたカードに￥7,000を返金しました。",
        "チケット2枚はすべて無効になりました。",
        "返金の反映時期： カードへの返金は",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the email:\n{text}");
    }
    assert!(message["html"].as_str().unwrap().contains("<html lang=\"ja\">"));
}

/// Text as askama writes it into HTML.
fn escaped(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}

/// A sandbox page in `locale`: found, in that language, saying `id`'s text and showing no
/// message id.
async fn assert_page_in(app: &TestApp, path: &str, locale: Locale, ids: &[&str]) -> String {
    let uri = format!("{path}?lang={locale}");
    let response = app.get(&uri).await;
    assert_eq!(response.status, StatusCode::OK, "{uri}: {}", response.text());
    let html = response.text();
    assert_eq!(lang_of(&html), locale.tag(), "{uri}");
    for id in ids {
        assert!(html.contains(&escaped(&message(locale, id))), "{uri} does not say {id}:\n{html}");
    }
    assert_no_raw_ids(&uri, &html);
    html
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_card_sandboxs_checkout_speaks_every_language(db: PgPool) {
    let app = TestApp::new(db);
    let event = app.insert_event(&sample_event("sandbox-i18n", "Noite de Fado", 5)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 2)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED, "{}", bought.text());
    let session = bought.json()["payment"]["provider_ref"].as_str().unwrap().to_string();
    let path = format!("/sandbox/checkout/{session}");
    for locale in Locale::ALL {
        let html = assert_page_in(&app, &path, locale, &["sandbox-abandon", "sandbox-decline"]).await;
        let title =
            format!("<title>{} — Tessera</title>", escaped(&message(locale, "sandbox-checkout-title")));
        assert!(html.contains(&title), "{locale}: {html}");
    }
    let english = app.get(&format!("{path}?lang=en")).await.text();
    assert!(english.contains("Pay €20.00") && english.contains("Sandbox."), "{english}");
    let polish = app.get(&format!("{path}?lang=pl")).await.text();
    assert!(polish.contains("Zapłać 20,00\u{a0}€"), "{polish}");

    // Paid: what the bank or the dashboard may do afterwards.
    let sandbox = app.state.sandbox.clone().unwrap();
    let (events, _) = sandbox.act(&session, SandboxAction::Pay).await.unwrap().expect("open");
    deliver(&app, events).await;
    for locale in Locale::ALL {
        assert_page_in(
            &app,
            &path,
            locale,
            &["sandbox-checkout-complete", "sandbox-afterwards-heading", "sandbox-dispute"],
        )
        .await;
    }
    let disputed = app.post_form(&format!("{path}/after/dispute"), &[], None).await;
    assert_eq!(disputed.status, StatusCode::SEE_OTHER);
    for locale in Locale::ALL {
        assert_page_in(
            &app,
            &path,
            locale,
            &["sandbox-dispute-needs-response", "sandbox-dispute-won-button"],
        )
        .await;
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_bitcoin_sandboxs_pages_speak_every_language(db: PgPool) {
    let app =
        TestApp::served(db, &[("TESSERA_BTCPAY_SANDBOX", "on"), ("TESSERA_BTCPAY_POLL_SECONDS", "3600")])
            .await;
    let event = app
        .insert_event(&sample_event(&format!("sbx-{}", Uuid::new_v4().simple()), "Fado em Bitcoin", 20))
        .await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let body = json!({"items": [{"ticket_type_id": ticket_type, "quantity": 2}], "payment_method": "btc"});
    let response = app.post_json(&format!("/api/events/{event}/buy"), body, Some(&buyer)).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let invoice = response.json()["payment"]["provider_ref"].as_str().unwrap().to_string();
    let path = format!("/sandbox/btcpay/i/{invoice}");
    for locale in Locale::ALL {
        let html = assert_page_in(
            &app,
            &path,
            locale,
            &["sandbox-pay-missing", "sandbox-pay-half", "sandbox-invoice-new", "sandbox-expires"],
        )
        .await;
        let title = format!("<title>{} — Tessera</title>", escaped(&message(locale, "sandbox-btcpay-title")));
        assert!(html.contains(&title), "{locale}: {html}");
    }
    let german = app.get(&format!("{path}?lang=de")).await.text();
    assert!(german.contains("20,00\u{a0}€ zum Sandbox-Kurs von 55.000,00\u{a0}€ pro Bitcoin"), "{german}");

    // Paid, waiting for a block; then a refund to claim.
    for action in ["pay", "confirm"] {
        let clicked = app.post_form(&format!("{path}/{action}"), &[], None).await;
        assert_eq!(clicked.status, StatusCode::SEE_OTHER, "{action}: {}", clicked.text());
    }
    for locale in Locale::ALL {
        assert_page_in(
            &app,
            &path,
            locale,
            &["sandbox-invoice-settled", "sandbox-transactions", "sandbox-tx-confirmed"],
        )
        .await;
    }
    let sandbox = app.state.btcpay_sandbox.clone().unwrap();
    let pull = sandbox
        .refund_invoice(
            &invoice,
            &json!({"name": "Refund", "refundVariant": "Custom", "customAmount": "0.00012345", "customCurrency": "BTC"}),
        )
        .await
        .unwrap()
        .unwrap();
    let claim = format!("/sandbox/btcpay/pp/{}", pull["id"].as_str().unwrap());
    for locale in Locale::ALL {
        let html = assert_page_in(&app, &claim, locale, &["sandbox-claim-destination"]).await;
        let title = format!("<title>{} — Tessera</title>", escaped(&message(locale, "sandbox-claim-title")));
        assert!(html.contains(&title), "{locale}: {html}");
    }
    let japanese = app.get(&format!("{claim}?lang=ja")).await.text();
    assert!(japanese.contains("0.00012345 BTCを受け取る"), "{japanese}");

    // A claim without an address is refused in the page's language; a claim pays out.
    let refused = app.post_form(&format!("{claim}?lang=fr"), &[("destination", " ")], None).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.text().contains("Saisissez une adresse bitcoin ou une facture Lightning."),
        "{}",
        refused.text()
    );
    let claimed =
        app.post_form(&claim, &[("destination", "bcrt1qcustomeraddress0000000000000000000")], None).await;
    assert_eq!(claimed.status, StatusCode::SEE_OTHER, "{}", claimed.text());
    let paid = assert_page_in(&app, &claim, Locale::Pl, &[]).await;
    assert!(
        paid.contains("Wypłacono na <code>bcrt1qcustomeraddress0000000000000000000</code> w transakcji <code class=\"txid\">"),
        "{paid}"
    );
    let again = app.post_form(&format!("{claim}?lang=es"), &[("destination", "bcrt1qother")], None).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.text().contains("Este reembolso ya se ha reclamado."), "{}", again.text());
}
