//! Ticket delivery end to end, on real Postgres, Redis and SMTP (maildev): a paid order gets
//! exactly one email with a PDF whose text and QR code are right, and the same PDF downloads
//! from the email's link and the owner's account; duplicates, a dead worker, an SMTP outage and
//! poison messages never cost a customer their tickets or send them twice.

use std::time::Duration;

use axum::http::StatusCode;
use redis::AsyncCommands as _;
use sqlx::PgPool;
use tessera_tests::mail::{Maildev, pdf_fonts, pdf_qr_codes, pdf_text};
use tessera_tests::{TestApp, sample_event, unique_email};
use tessera_ticketing::relay::{self, RelayConfig};
use tessera_ticketing::worker::{self, Handled, Worker};
use tokio::sync::watch;
use uuid::Uuid;

fn prefix() -> String {
    format!("test-{}:", Uuid::new_v4().simple())
}

async fn event(app: &TestApp, title: &str) -> Uuid {
    let mut new = sample_event(&format!("delivery-{}", Uuid::new_v4().simple()), title, 12);
    new.fields.venue_name = "Salão Nobre".into();
    app.insert_event(&new).await
}

async fn redis() -> redis::aio::ConnectionManager {
    let client = redis::Client::open("redis://127.0.0.1:6379").unwrap();
    redis::aio::ConnectionManager::new(client).await.unwrap()
}

/// Publishes the outbox to the test's streams, as the relay does.
async fn relay(app: &TestApp, prefix: &str) {
    let config = RelayConfig { stream_prefix: prefix.to_string() };
    relay::publish_pending(&app.db, &mut redis().await, &config).await.unwrap().unwrap();
}

struct Running {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

fn start(worker: Worker) -> Running {
    let (stop, stopped) = watch::channel(false);
    Running { stop, task: tokio::spawn(worker.run(stopped)) }
}

impl Running {
    async fn stop(self) {
        let _ = self.stop.send(true);
        tokio::time::timeout(Duration::from_secs(10), self.task).await.expect("the worker stops").unwrap();
    }
}

async fn wait_until(what: &str, mut check: impl AsyncFnMut() -> bool) {
    for _ in 0..300 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("timed out waiting until {what}");
}

async fn pending_messages(stream: &str) -> usize {
    let reply: redis::streams::StreamPendingReply =
        redis().await.xpending(stream, worker::GROUP).await.unwrap_or_default();
    reply.count()
}

async fn delivery_row(app: &TestApp, order: Uuid) -> (String, i32, Option<String>) {
    sqlx::query_as("select status, attempts, last_error from delivery where order_id = $1")
        .bind(order)
        .fetch_optional(&app.db)
        .await
        .unwrap()
        .unwrap_or(("none".into(), 0, None))
}

async fn ticket_count(app: &TestApp, order: Uuid) -> i64 {
    sqlx::query_scalar("select count(*) from ticket where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Delivers one paid order of `event` bought in `locale` by `name`, and returns its email and
/// the PDF's text.
async fn delivered_in(
    app: &TestApp,
    event: Uuid,
    locale: &str,
    name: &str,
) -> (serde_json::Value, String, Vec<u8>) {
    let mail = Maildev::shared();
    let (order, email, _) = app.paid_order(event, 2).await;
    sqlx::query("update account set name = $2 where lower(email) = lower($1)")
        .bind(&email)
        .bind(name)
        .execute(&app.db)
        .await
        .unwrap();
    // The language the order was placed in, as the buy route records it.
    sqlx::query("update customer_order set locale = $2 where order_id = $1")
        .bind(order)
        .bind(locale)
        .execute(&app.db)
        .await
        .unwrap();
    let prefix = prefix();
    relay(app, &prefix).await;
    let running = start(app.worker(&mail.smtp_url, &prefix, |_| {}));
    app.wait_for_status(order, "fulfilled").await;
    running.stop().await;
    let message = mail.wait_for(&email, 1).await.remove(0);
    let pdf = mail.attachment(&message, 0).await;
    let text = pdf_text(&pdf);
    (message, text, pdf)
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_email_and_the_pdf_are_in_the_language_the_order_was_placed_in(db: PgPool) {
    let app = TestApp::new(db);
    assert!(
        tessera_ticketing::pdf::cjk_available(),
        "Noto Sans CJK is missing: scripts/ensure-services.sh --mail installs fonts-noto-cjk"
    );

    // A tea ceremony in Kyoto, written in Japanese, bought in Japanese.
    let mut kyoto = sample_event(&format!("delivery-{}", Uuid::new_v4().simple()), "朝の茶会：妙心寺", 12);
    kyoto.fields.venue_name = "退蔵院".into();
    kyoto.fields.address = "京都市右京区花園妙心寺町35".into();
    kyoto.fields.city = "京都".into();
    kyoto.fields.country = "JP".into();
    kyoto.fields.timezone = chrono_tz::Asia::Tokyo;
    kyoto.fields.currency = "JPY".parse().unwrap();
    kyoto.fields.ticket_types[0].name = "一般".into();
    kyoto.fields.ticket_types[0].price_minor = 3500;
    let kyoto = app.insert_event(&kyoto).await;
    let (message, pdf_words, pdf) = delivered_in(&app, kyoto, "ja", "山田 花子").await;
    assert_eq!(message["subject"], "朝の茶会：妙心寺のチケット");
    let text = message["text"].as_str().unwrap();
    for expected in [
        "山田 花子 様",
        "チケット2枚をPDFでこのメールに添付しました。",
        "日時：",
        "（日本時間）",
        // The address as Japan writes it: from the country down to the venue.
        "会場： 日本 京都市右京区花園妙心寺町35 退蔵院",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the email:\n{text}");
    }
    let html = message["html"].as_str().unwrap();
    assert!(html.contains("<html lang=\"ja\">") && html.contains("チケットをダウンロード"), "{html}");
    // pdftotext reads the Japanese back: it was printed, not spelled in Latin letters.
    for expected in [
        "TESSERA · 入場券",
        "朝の茶会：妙心寺",
        "退蔵院",
        "山田 花子",
        "2枚中1枚目",
        "2枚中2枚目",
        "券種",
        "一般",
        "￥3,500",
        "（日本時間）",
        "日本",
        "京都市右京区花園妙心寺町35",
    ] {
        assert!(pdf_words.contains(expected), "{expected:?} missing from the PDF:\n{pdf_words}");
    }
    assert!(pdf.len() < 200_000, "{} bytes for two Japanese tickets", pdf.len());
    assert!(pdf_fonts(&pdf).contains("NotoSansCJK"), "{}", pdf_fonts(&pdf));

    // A night at the museum in Kraków, bought in Polish: plural forms and the złoty.
    let mut krakow =
        sample_event(&format!("delivery-{}", Uuid::new_v4().simple()), "Noc Muzeów w Krakowie", 12);
    krakow.fields.venue_name = "Muzeum Narodowe".into();
    krakow.fields.city = "Kraków".into();
    krakow.fields.country = "PL".into();
    krakow.fields.timezone = chrono_tz::Europe::Warsaw;
    krakow.fields.currency = "PLN".parse().unwrap();
    krakow.fields.ticket_types[0].name = "Normalny".into();
    krakow.fields.ticket_types[0].price_minor = 4500;
    let krakow = app.insert_event(&krakow).await;
    let (message, pdf_words, pdf) = delivered_in(&app, krakow, "pl", "Zofia Błaszczykowska").await;
    assert_eq!(message["subject"], "Twoje bilety na Noc Muzeów w Krakowie");
    let text = message["text"].as_str().unwrap();
    for expected in [
        "Dzień dobry, Zofia Błaszczykowska!",
        "Twoje 2 bilety są w załączniku",
        "Kiedy:",
        "godz.",
        "(czas: Polska)",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from the email:\n{text}");
    }
    for expected in [
        "TESSERA · BILET WSTĘPU",
        "Bilet 1 z 2",
        "RODZAJ BILETU",
        "Normalny",
        "POSIADACZ",
        "Zofia Błaszczykowska",
        "45,00 zł",
        "(czas: Polska)",
    ] {
        assert!(pdf_words.contains(expected), "{expected:?} missing from the PDF:\n{pdf_words}");
    }
    assert!(pdf.len() < 2 * 60_000, "{} bytes for two Latin-only tickets", pdf.len());
    let fonts = pdf_fonts(&pdf);
    assert!(
        fonts.contains("DejaVuSans") && !fonts.contains("NotoSansCJK"),
        "Latin-only tickets embed DejaVu alone:\n{fonts}"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_paid_order_gets_one_email_whose_pdf_reads_right_and_downloads_again(db: PgPool) {
    let app = TestApp::new(db);
    let mail = Maildev::shared();
    let event = event(&app, "Noite de Fado: Mouraria").await;
    let (order, email, buyer) = app.paid_order(event, 2).await;
    // A name from the demo's many languages: it must survive into the PDF.
    sqlx::query("update account set name = 'Zoë Łukasiewicz-Straße' where lower(email) = lower($1)")
        .bind(&email)
        .execute(&app.db)
        .await
        .unwrap();

    let prefix = prefix();
    relay(&app, &prefix).await;
    let running = start(app.worker(&mail.smtp_url, &prefix, |_| {}));
    app.wait_for_status(order, "fulfilled").await;
    let stream = format!("{prefix}orders.paid");
    wait_until("the message is acknowledged", async || pending_messages(&stream).await == 0).await;
    running.stop().await;

    let emails = mail.wait_for(&email, 1).await;
    assert_eq!(emails.len(), 1, "exactly one email");
    let message = &emails[0];
    assert_eq!(message["subject"], "Your tickets for Noite de Fado: Mouraria");
    assert_eq!(message["headers"]["message-id"], format!("<tickets.{order}@tessera.test>"));
    let text = message["text"].as_str().unwrap();
    assert!(text.contains("Salão Nobre") && text.contains("(Portugal Time)"), "{text}");
    assert!(message["html"].as_str().unwrap().contains("Download your tickets"));
    let attachments = message["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 2, "the PDF and a calendar entry");
    assert_eq!(attachments[0]["contentType"], "application/pdf");
    assert!(attachments[0]["filename"].as_str().unwrap().starts_with("tickets-delivery-"));
    assert!(
        attachments[1]["contentType"].as_str().unwrap().starts_with("text/calendar"),
        "{}",
        attachments[1]
    );
    assert!(attachments[1]["filename"].as_str().unwrap().ends_with(".ics"));
    let calendar = String::from_utf8(mail.attachment(message, 1).await).unwrap().replace("\r\n ", "");
    assert!(calendar.contains("DTSTART;TZID=Europe/Lisbon:"), "{calendar}");
    assert!(calendar.contains("SUMMARY;LANGUAGE=pt:Noite de Fado: Mouraria"), "{calendar}");
    assert!(calendar.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Lisbon"), "{calendar}");
    let pdf = mail.attachment(message, 0).await;
    assert!(pdf.len() < 2 * 60_000, "{} bytes for two tickets", pdf.len());

    // The PDF's text: event, local time with its zone, venue, holder, serials, price, order.
    let serials: Vec<String> =
        sqlx::query_scalar("select serial from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(serials.len(), 2);
    let pdf_words = pdf_text(&pdf);
    for expected in [
        "Noite de Fado: Mouraria",
        "(Portugal Time)",
        "Salão Nobre",
        "Zoë Łukasiewicz-Straße",
        "€10.00",
        "Ticket 2 of 2",
    ] {
        assert!(pdf_words.contains(expected), "{expected:?} missing from:\n{pdf_words}");
    }
    let reference = tessera_ticketing::pdf::order_reference(order);
    assert!(pdf_words.contains(&reference));
    for serial in &serials {
        assert!(pdf_words.contains(serial.as_str()), "{serial} missing");
    }

    // Each page's QR code is exactly that ticket's signed token.
    let public = app.state.ticket_key.verifying_key();
    let codes = pdf_qr_codes(&pdf);
    assert_eq!(codes.len(), 2);
    let ticket_ids: Vec<Uuid> =
        sqlx::query_scalar("select ticket_id from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_all(&app.db)
            .await
            .unwrap();
    for (code, ticket_id) in codes.iter().zip(&ticket_ids) {
        let claims = tessera_core::ticket::verify(code, &public).unwrap_or_else(|e| panic!("{code:?}: {e}"));
        assert_eq!((claims.ticket_id, claims.event_id), (*ticket_id, event));
    }

    // The email's link downloads the same PDF, without logging in.
    let link = text
        .split_whitespace()
        .find(|word| word.contains("/tickets/TD1."))
        .expect("download link in the text part");
    let path = &link[link.find("/tickets/").unwrap()..];
    let downloaded = app.get(path).await;
    assert_eq!(downloaded.status, StatusCode::OK);
    assert_eq!(downloaded.header("content-type"), "application/pdf");
    assert!(downloaded.header("content-disposition").contains(".pdf"));
    assert_eq!(downloaded.body.as_ref(), pdf.as_slice());

    // So does the owner's account; anyone else gets a 404.
    let own = app.get_with_cookie(&format!("/api/orders/{order}/tickets.pdf"), &buyer).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.body.as_ref(), pdf.as_slice());
    let stranger = app.customer().await;
    let theirs = app.get_with_cookie(&format!("/api/orders/{order}/tickets.pdf"), &stranger).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&format!("/api/orders/{order}/tickets.pdf")).await.status, StatusCode::UNAUTHORIZED);

    // The confirmation lists the tickets and the download; the order page links it.
    let confirmation = app.get_with_cookie(&format!("/api/orders/{order}/confirmation"), &buyer).await.json();
    assert_eq!(confirmation["status"], "fulfilled");
    assert_eq!(confirmation["tickets"].as_array().unwrap().len(), 2);
    assert_eq!(confirmation["tickets_pdf_url"], format!("/api/orders/{order}/tickets.pdf"));
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains(&format!("/api/orders/{order}/tickets.pdf")) && page.contains(&serials[0]));
    let account = app.get_with_cookie("/account", &buyer).await.text();
    assert!(account.contains(&format!("/api/orders/{order}/tickets.pdf")));

    // Once a ticket is refunded, the download holds only the one that still admits (the
    // emailed link too); once both are, there is nothing to download, and the answer says why.
    let refund_ticket = |tickets: Vec<Uuid>, key: &'static str| {
        let db = app.db.clone();
        async move {
            tessera_core::refund::request_for_order(
                &db,
                &tessera_core::refund::OrderRefund {
                    order_id: order,
                    scope: tessera_core::refund::Scope::Tickets(tickets),
                    cause: tessera_core::refund::RefundCause::Admin,
                    requested_by: None,
                    by_admin: false,
                    idempotency_key: key.into(),
                    override_checked_in: false,
                    fee_minor: 0,
                },
            )
            .await
            .unwrap()
        }
    };
    refund_ticket(vec![ticket_ids[0]], "pdf-first").await;
    let reissued = app.get(path).await;
    assert_eq!(reissued.status, StatusCode::OK);
    let words = pdf_text(reissued.body.as_ref());
    assert!(!words.contains(&serials[0]) && words.contains(&serials[1]), "{words}");
    let codes = pdf_qr_codes(reissued.body.as_ref());
    assert_eq!(
        codes,
        vec![tessera_core::ticket::sign(
            &tessera_core::ticket::TicketClaims { ticket_id: ticket_ids[1], event_id: event },
            &app.state.ticket_key
        )]
    );
    refund_ticket(vec![ticket_ids[1]], "pdf-second").await;
    let gone = app.get_with_cookie(&format!("/api/orders/{order}/tickets.pdf"), &buyer).await;
    assert_eq!(gone.status, StatusCode::GONE, "{}", gone.text());
    assert!(gone.json()["error"]["message"].as_str().unwrap().contains("refunded"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn download_links_that_are_forged_or_expired_do_not_download(db: PgPool) {
    let app = TestApp::new(db);
    let mail = Maildev::shared();
    let event = event(&app, "Links").await;
    let (order, _, _) = app.paid_order(event, 1).await;
    assert_eq!(app.worker(&mail.smtp_url, &prefix(), |_| {}).deliver(order).await, Handled::Delivered);

    let key = &app.state.ticket_key;
    let fresh =
        tessera_core::ticket::sign_download(order, chrono::Utc::now() + chrono::Duration::days(1), key);
    assert_eq!(app.get(&format!("/tickets/{fresh}")).await.status, StatusCode::OK);
    let expired =
        tessera_core::ticket::sign_download(order, chrono::Utc::now() - chrono::Duration::seconds(1), key);
    let gone = app.get(&format!("/tickets/{expired}")).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert!(gone.text().contains("expired"));
    let other_key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
    let forged = tessera_core::ticket::sign_download(
        order,
        chrono::Utc::now() + chrono::Duration::days(1),
        &other_key,
    );
    assert_eq!(app.get(&format!("/tickets/{forged}")).await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/tickets/not-a-token").await.status, StatusCode::NOT_FOUND);
    // A valid link to an order that does not exist.
    let nobody = tessera_core::ticket::sign_download(
        Uuid::now_v7(),
        chrono::Utc::now() + chrono::Duration::days(1),
        key,
    );
    assert_eq!(app.get(&format!("/tickets/{nobody}")).await.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_duplicate_message_sends_no_second_email(db: PgPool) {
    let app = TestApp::new(db);
    let mail = Maildev::shared();
    let event = event(&app, "Twice").await;
    let (order, email, _) = app.paid_order(event, 3).await;
    let prefix = prefix();
    relay(&app, &prefix).await;
    // The same order on the stream three times: the relay's entry, a republish, an admin retry.
    let mut conn = redis().await;
    worker::publish_delivery(&mut conn, &prefix, order, "republished").await.unwrap();
    worker::publish_delivery(&mut conn, &prefix, order, "admin_retry").await.unwrap();

    // Two workers compete for them.
    let a = start(app.worker(&mail.smtp_url, &prefix, |c| c.consumer = "worker-a".into()));
    let b = start(app.worker(&mail.smtp_url, &prefix, |c| c.consumer = "worker-b".into()));
    app.wait_for_status(order, "fulfilled").await;
    let stream = format!("{prefix}orders.paid");
    wait_until("every message is acknowledged", async || pending_messages(&stream).await == 0).await;
    a.stop().await;
    b.stop().await;

    mail.wait_for(&email, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(mail.emails_to(&email).await.len(), 1, "one email, not three");
    assert_eq!(ticket_count(&app, order).await, 3, "one set of tickets");
    // Handling it yet again is a no-op.
    let again = app.worker(&mail.smtp_url, &prefix, |_| {}).deliver(order).await;
    assert_eq!(again, Handled::Skipped("already delivered"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_worker_that_dies_mid_order_is_replaced_and_the_order_delivered_once(db: PgPool) {
    let app = TestApp::new(db);
    let mail = Maildev::shared();
    let event = event(&app, "Crash").await;
    let (order, email, _) = app.paid_order(event, 2).await;
    let prefix = prefix();
    relay(&app, &prefix).await;
    let stream = format!("{prefix}orders.paid");

    // Worker "dead" takes the message, leases the order and issues the tickets, then dies
    // without acknowledging anything.
    let mut conn = redis().await;
    let _: redis::RedisResult<()> = conn.xgroup_create_mkstream(&stream, worker::GROUP, "0").await;
    let options = redis::streams::StreamReadOptions::default().group(worker::GROUP, "dead").count(10);
    let read: redis::streams::StreamReadReply =
        conn.xread_options(&[&stream], &[">"], &options).await.unwrap();
    assert_eq!(read.keys[0].ids.len(), 1);
    let claim = tessera_core::delivery::claim(&app.db, order, "dead", Duration::from_secs(1)).await.unwrap();
    assert!(matches!(claim, tessera_core::delivery::Claim::Claimed(_)));
    let mut db_conn = app.db.acquire().await.unwrap();
    let issued = tessera_core::ticket::issue_tickets(&mut db_conn, order).await.unwrap().unwrap();
    drop(db_conn);

    // Another worker reclaims the idle message once the lease is over and finishes the order.
    let survivor = start(app.worker(&mail.smtp_url, &prefix, |c| c.consumer = "survivor".into()));
    app.wait_for_status(order, "fulfilled").await;
    wait_until("the reclaimed message is acknowledged", async || pending_messages(&stream).await == 0).await;
    survivor.stop().await;

    mail.wait_for(&email, 1).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(mail.emails_to(&email).await.len(), 1);
    let serials: Vec<String> =
        sqlx::query_scalar("select serial from ticket where order_id = $1 order by position")
            .bind(order)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(
        serials,
        issued.iter().map(|t| t.serial.clone()).collect::<Vec<_>>(),
        "the dead worker's tickets, not new ones"
    );
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn an_smtp_outage_delays_the_email_and_then_it_is_delivered(db: PgPool) {
    let app = TestApp::new(db);
    let event = event(&app, "Outage").await;
    let (order, email, _) = app.paid_order(event, 1).await;
    let prefix = prefix();
    relay(&app, &prefix).await;
    let (smtp_port, web_port) = Maildev::free_ports();
    let smtp_url = format!("smtp://127.0.0.1:{smtp_port}");

    // Nothing listens on the SMTP port yet.
    let running = start(app.worker(&smtp_url, &prefix, |c| c.max_attempts = 50));
    wait_until("a failed attempt is recorded", async || delivery_row(&app, order).await.1 >= 1).await;
    let (status, _, error) = delivery_row(&app, order).await;
    assert_eq!(status, "pending");
    assert!(error.unwrap_or_default().contains("SMTP"), "the error says what failed");
    assert_eq!(app.order_status(order).await, "paid");

    // The server comes up: the next retry delivers.
    let mail = Maildev::spawn(smtp_port, web_port).await;
    app.wait_for_status(order, "fulfilled").await;
    running.stop().await;
    assert_eq!(mail.wait_for(&email, 1).await.len(), 1);
    assert_eq!(delivery_row(&app, order).await.0, "sent");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn once_an_email_goes_through_again_the_deliveries_backing_off_after_an_outage_are_due(db: PgPool) {
    let app = TestApp::new(db);
    let event = event(&app, "Back").await;
    let (first, first_email, _) = app.paid_order(event, 1).await;
    let (second, second_email, _) = app.paid_order(event, 1).await;
    let prefix = prefix();
    relay(&app, &prefix).await;
    let (smtp_port, web_port) = Maildev::free_ports();
    let smtp_url = format!("smtp://127.0.0.1:{smtp_port}");

    // The SMTP server is away: both fail, and would wait an hour before trying again.
    let running = start(app.worker(&smtp_url, &prefix, |c| c.backoff = Duration::from_secs(3600)));
    wait_until("both attempts failed", async || {
        delivery_row(&app, first).await.1 >= 1 && delivery_row(&app, second).await.1 >= 1
    })
    .await;

    // It comes back, and the next order's email goes through: the two are due at once.
    let mail = Maildev::spawn(smtp_port, web_port).await;
    let (third, third_email, _) = app.paid_order(event, 1).await;
    relay(&app, &prefix).await;
    app.wait_for_status(third, "fulfilled").await;
    app.wait_for_status(first, "fulfilled").await;
    app.wait_for_status(second, "fulfilled").await;
    running.stop().await;
    for email in [first_email, second_email, third_email] {
        assert_eq!(mail.wait_for(&email, 1).await.len(), 1);
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn poison_messages_are_dead_lettered_and_an_admin_retry_delivers(db: PgPool) {
    // The admin's retry publishes through the app, so the app uses the test's streams.
    let prefix = prefix();
    let app = TestApp::with_settings(db, &[("TESSERA_STREAM_PREFIX", &prefix)]);
    let mail = Maildev::shared();
    let event = event(&app, "Poison").await;
    let (order, email, buyer) = app.paid_order(event, 1).await;
    let stream = format!("{prefix}orders.paid");
    let dead = format!("{prefix}orders.paid.dead");
    let mut conn = redis().await;
    // A message no worker can make sense of.
    let _: String =
        conn.xadd(&stream, "*", &[("order_id", "not-an-order"), ("payload", "{}")]).await.unwrap();
    relay(&app, &prefix).await;

    // SMTP is unreachable and two attempts are all a delivery gets.
    let (closed_port, _) = Maildev::free_ports();
    let running =
        start(app.worker(&format!("smtp://127.0.0.1:{closed_port}"), &prefix, |c| c.max_attempts = 2));
    wait_until("the delivery gives up", async || delivery_row(&app, order).await.0 == "failed").await;
    wait_until("both messages are out of the stream", async || pending_messages(&stream).await == 0).await;
    running.stop().await;

    // The PDF was made before the email failed: the customer can download it already, and
    // the order page stops waiting.
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains(&format!("/api/orders/{order}/tickets.pdf")), "{page}");
    assert!(!page.contains("data-poll"));

    let dead_letters: redis::streams::StreamRangeReply = conn.xrange_all(&dead).await.unwrap();
    let dead_orders: Vec<String> =
        dead_letters.ids.iter().map(|e| e.get::<String>("order_id").unwrap_or_default()).collect();
    assert!(dead_orders.contains(&"not-an-order".to_string()), "{dead_orders:?}");
    assert!(dead_orders.contains(&order.to_string()), "{dead_orders:?}");
    assert_eq!(app.order_status(order).await, "paid", "paid stays paid; nothing was delivered");

    // Admins see it, with its error; customers may not.
    let admin = app.sign_in(true).await;
    let listed = app.get_with_cookie("/api/admin/deliveries?status=failed", &admin).await;
    assert_eq!(listed.status, StatusCode::OK);
    let rows = listed.json()["deliveries"].as_array().unwrap().clone();
    let row =
        rows.iter().find(|r| r["order_id"] == order.to_string()).expect("the failed delivery is listed");
    assert_eq!(row["attempts"], 2);
    assert!(row["last_error"].as_str().unwrap().contains("SMTP"));
    assert_eq!(app.get_with_cookie("/api/admin/deliveries", &buyer).await.status, StatusCode::FORBIDDEN);
    let page = app.get_with_cookie("/admin/deliveries?status=failed", &admin).await;
    assert!(page.text().contains(&format!("/admin/deliveries/{order}/retry")));
    assert_eq!(
        app.post_json(&format!("/api/admin/deliveries/{order}/retry"), serde_json::json!({}), Some(&buyer))
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    // The retry queues it again; a worker with working SMTP delivers it.
    let retried = app
        .post_json(&format!("/api/admin/deliveries/{order}/retry"), serde_json::json!({}), Some(&admin))
        .await;
    assert_eq!(retried.status, StatusCode::ACCEPTED, "{}", retried.text());
    let running = start(app.worker(&mail.smtp_url, &prefix, |_| {}));
    app.wait_for_status(order, "fulfilled").await;
    running.stop().await;
    assert_eq!(mail.wait_for(&email, 1).await.len(), 1);
    // Retrying a delivered order is refused.
    let again = app
        .post_json(&format!("/api/admin/deliveries/{order}/retry"), serde_json::json!({}), Some(&admin))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let unknown = app
        .post_json(
            &format!("/api/admin/deliveries/{}/retry", Uuid::now_v7()),
            serde_json::json!({}),
            Some(&admin),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_paid_order_nobody_delivered_is_republished_by_the_sweeper(db: PgPool) {
    let app = TestApp::new(db);
    let mail = Maildev::shared();
    let event = event(&app, "Lost").await;
    let (order, email, _) = app.paid_order(event, 1).await;
    // The outbox row was lost on its way (published, but the entry never reached the stream).
    sqlx::query("update outbox set published_at = now()").execute(&app.db).await.unwrap();
    sqlx::query("update customer_order set paid_at = now() - interval '1 hour' where order_id = $1")
        .bind(order)
        .execute(&app.db)
        .await
        .unwrap();
    // The stream and its group are there (Redis kept them): only the sweeper can find the order.
    let prefix = prefix();
    let mut redis = app.state.redis.dedicated(Duration::from_secs(5)).await.unwrap();
    let () = redis.xgroup_create_mkstream(format!("{prefix}orders.paid"), "ticketing", "0").await.unwrap();
    let running = start(app.worker(&mail.smtp_url, &prefix, |c| c.stall_after = Duration::from_millis(500)));
    app.wait_for_status(order, "fulfilled").await;
    running.stop().await;
    assert_eq!(mail.wait_for(&email, 1).await.len(), 1);
    let republished: i32 = sqlx::query_scalar("select republished from delivery where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(republished, 1);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn check_in_admits_a_ticket_once_and_refuses_forgeries_and_other_events(db: PgPool) {
    let app = TestApp::new(db);
    let mail = Maildev::shared();
    let event = event(&app, "The Door").await;
    let other = self::event(&app, "Another Night").await;
    let (order, _, buyer) = app.paid_order(event, 1).await;
    assert_eq!(app.worker(&mail.smtp_url, &prefix(), |_| {}).deliver(order).await, Handled::Delivered);
    let ticket_id: Uuid = sqlx::query_scalar("select ticket_id from ticket where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let token = tessera_core::ticket::sign(
        &tessera_core::ticket::TicketClaims { ticket_id, event_id: event },
        &app.state.ticket_key,
    );
    let admin = app.sign_in(true).await;
    let scan = |token: String, event_id: Uuid| {
        let admin = admin.clone();
        let app = &app;
        async move {
            app.post_json(
                "/api/admin/checkin",
                serde_json::json!({"token": token, "event_id": event_id}),
                Some(&admin),
            )
            .await
        }
    };

    let first = scan(token.clone(), event).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let body = first.json();
    assert_eq!(body["holder_name"], "Test Buyer");
    assert_eq!(body["event_title"], "The Door");
    assert_eq!(body["ticket_id"], ticket_id.to_string());

    let second = scan(token.clone(), event).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.json()["error"]["code"], "already_checked_in");
    assert!(second.json()["error"]["message"].as_str().unwrap().starts_with("Already checked in at "));

    let wrong_event = scan(token.clone(), other).await;
    assert_eq!(wrong_event.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong_event.text().contains("The Door"));

    let forged_key = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let forged = tessera_core::ticket::sign(
        &tessera_core::ticket::TicketClaims { ticket_id, event_id: event },
        &forged_key,
    );
    assert_eq!(scan(forged, event).await.status, StatusCode::BAD_REQUEST);
    let (head, _) = token.rsplit_once('.').unwrap();
    assert_eq!(scan(format!("{head}.AAAA"), event).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(scan("hello".into(), event).await.status, StatusCode::BAD_REQUEST);

    // Customers cannot check anyone in.
    let by_customer = app
        .post_json("/api/admin/checkin", serde_json::json!({"token": token, "event_id": event}), Some(&buyer))
        .await;
    assert_eq!(by_customer.status, StatusCode::FORBIDDEN);

    // The staff page shows the event and how many are in.
    let page = app.get_with_cookie(&format!("/admin/checkin?event={event}"), &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text().contains("1 of 1 tickets checked in."), "{}", page.text());
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn door_staff_check_tickets_in_and_can_do_nothing_else(db: PgPool) {
    let app = TestApp::new(db);
    let mail = Maildev::shared();
    let event = event(&app, "Door Staff Night").await;
    let (order, _, _) = app.paid_order(event, 2).await;
    assert_eq!(app.worker(&mail.smtp_url, &prefix(), |_| {}).deliver(order).await, Handled::Delivered);
    let tickets: Vec<Uuid> = sqlx::query_scalar("select ticket_id from ticket where order_id = $1")
        .bind(order)
        .fetch_all(&app.db)
        .await
        .unwrap();
    let token = |ticket_id: Uuid| {
        tessera_core::ticket::sign(
            &tessera_core::ticket::TicketClaims { ticket_id, event_id: event },
            &app.state.ticket_key,
        )
    };
    let admin = app.sign_in(true).await;
    let door_email = unique_email("door");
    let door = app.sign_in_as(&door_email).await;
    let scan = |cookie: String, ticket: Uuid| {
        let app = &app;
        let body = serde_json::json!({"token": token(ticket), "event_id": event});
        async move { app.post_json("/api/admin/checkin", body, Some(&cookie)).await }
    };
    assert_eq!(scan(door.clone(), tickets[0]).await.status, StatusCode::FORBIDDEN, "a customer still");

    // Only an admin adds door staff, only a confirmed account, and never an admin.
    let add = |email: String, cookie: String| {
        let app = &app;
        async move { app.post_json("/api/admin/staff", serde_json::json!({"email": email}), Some(&cookie)).await }
    };
    assert_eq!(add(door_email.clone(), door.clone()).await.status, StatusCode::FORBIDDEN);
    let nobody = add(unique_email("nobody"), admin.clone()).await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(nobody.json()["error"]["code"], "no_account");
    let squatted = unique_email("squatted");
    let signup = app
        .post_json(
            "/api/auth/signup",
            serde_json::json!({"email": squatted, "password": "a long passphrase", "name": "Not Them"}),
            None,
        )
        .await;
    assert_eq!(signup.status, 202);
    let unconfirmed = add(squatted, admin.clone()).await;
    assert_eq!(unconfirmed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unconfirmed.json()["error"]["code"], "email_unverified");
    let admin_email =
        app.get_with_cookie("/api/me", &admin).await.json()["email"].as_str().unwrap().to_string();
    let is_admin = add(admin_email, admin.clone()).await;
    assert_eq!(is_admin.status, StatusCode::CONFLICT);
    assert_eq!(is_admin.json()["error"]["code"], "is_admin");

    // The admin adds them on the staff page.
    let page = app.get_with_cookie("/admin/staff", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    let (csrf_cookie, csrf) = page.csrf();
    let admin_form = format!("{admin}; {csrf_cookie}");
    let added = app
        .post_form(
            "/admin/staff",
            &[("csrf_token", &csrf), ("email", &door_email.to_uppercase())],
            Some(&admin_form),
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.text());
    let listed = app.get_with_cookie(added.header("location"), &admin_form).await.text();
    assert!(listed.contains(&format!("{door_email} is door staff now")), "{listed}");
    assert!(listed.contains(&door_email) && listed.contains("Door staff"), "{listed}");
    let staff = app.get_with_cookie("/api/admin/staff", &admin).await.json();
    let member = staff["staff"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == door_email.as_str())
        .unwrap()
        .clone();
    assert_eq!(member["role"], "door");
    assert_eq!(add(door_email.clone(), admin.clone()).await.status, StatusCode::OK, "twice is once");

    // From the same session, at once: the door's page and the scan, nothing else.
    let first = scan(door.clone(), tickets[0]).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.text());
    let checkin = app.get_with_cookie(&format!("/admin/checkin?event={event}"), &door).await;
    assert_eq!(checkin.status, StatusCode::OK);
    let html = checkin.text();
    assert!(html.contains("1 of 2 tickets checked in."), "{html}");
    assert!(!html.contains("class=\"admin-nav\""), "no links to what door staff cannot open");
    assert!(html.contains("href=\"/admin/checkin\">Door</a>"), "the header leads to the door");
    let (door_csrf_cookie, door_csrf) = checkin.csrf();
    let door_form = format!("{door}; {door_csrf_cookie}");
    let scanned = app
        .post_form(
            "/admin/checkin",
            &[("csrf_token", &door_csrf), ("event_id", &event.to_string()), ("token", &token(tickets[1]))],
            Some(&door_form),
        )
        .await;
    assert_eq!(scanned.status, StatusCode::OK, "{}", scanned.text());
    assert!(scanned.text().contains("Welcome, Test Buyer"));
    for page in ["/admin/events", "/admin/staff", "/admin/finance", &format!("/admin/orders/{order}")] {
        assert_eq!(app.get_with_cookie(page, &door).await.status, StatusCode::FORBIDDEN, "{page}");
    }
    for api in [
        "/api/admin/events",
        "/api/admin/staff",
        "/api/admin/reconciliation",
        &format!("/api/admin/orders/{order}"),
    ] {
        assert_eq!(app.get_with_cookie(api, &door).await.status, StatusCode::FORBIDDEN, "{api}");
    }
    let refund = app
        .post_form(&format!("/admin/orders/{order}/refund"), &[("csrf_token", &door_csrf)], Some(&door_form))
        .await;
    assert_eq!(refund.status, StatusCode::FORBIDDEN);

    // Removed on the page: a customer again, from the next request of the same session.
    let account_id = member["account_id"].as_str().unwrap();
    let removed = app
        .post_form(&format!("/admin/staff/{account_id}/remove"), &[("csrf_token", &csrf)], Some(&admin_form))
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.text());
    let listed = app.get_with_cookie(removed.header("location"), &admin_form).await.text();
    assert!(listed.contains(&format!("{door_email} is no longer door staff")), "{listed}");
    assert!(!listed.contains("Door staff</td>"), "{listed}");
    // The notice only says what is true of the account it names.
    let spoofed = app.get_with_cookie(&format!("/admin/staff?added={account_id}"), &admin_form).await.text();
    assert!(!spoofed.contains("is door staff now"), "{spoofed}");
    assert_eq!(scan(door.clone(), tickets[0]).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get_with_cookie("/admin/checkin", &door).await.status, StatusCode::FORBIDDEN);
    let again = app
        .send(
            axum::http::Method::DELETE,
            &format!("/api/admin/staff/{account_id}"),
            [(axum::http::header::COOKIE, admin.parse().unwrap())].into_iter().collect(),
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND, "not door staff any more");

    // Both changes are in the audit log, by the admin, about the account.
    let audit = app.get_with_cookie("/api/admin/audit", &admin).await.json();
    let roles: Vec<(String, String)> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "account.role")
        .map(|e| {
            (e["subject"].as_str().unwrap().to_string(), e["after"]["role"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(roles, [(door_email.clone(), "customer".to_string()), (door_email, "door".to_string())]);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_hanging_smtp_server_is_abandoned_without_a_second_worker_sending_meanwhile(db: PgPool) {
    let app = TestApp::new(db);
    let event = event(&app, "Hang").await;
    let (order, _, _) = app.paid_order(event, 1).await;
    let prefix = prefix();
    relay(&app, &prefix).await;

    // An SMTP server that accepts connections and never says a word.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = connections.clone();
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            held.push(socket);
        }
    });

    // Leases of a second, a conversation allowed three: without renewing its lease the first
    // worker would lose the order to the second within the conversation.
    let smtp = format!("smtp://127.0.0.1:{port}");
    let slow = |name: &'static str| {
        move |c: &mut tessera_ticketing::worker::WorkerConfig| {
            c.consumer = name.into();
            c.send_timeout = Duration::from_secs(3);
            c.backoff = Duration::from_secs(30);
        }
    };
    let a = start(app.worker(&smtp, &prefix, slow("a")));
    let b = start(app.worker(&smtp, &prefix, slow("b")));
    wait_until("the hung attempt is given up and recorded", async || delivery_row(&app, order).await.1 >= 1)
        .await;
    let (status, attempts, error) = delivery_row(&app, order).await;
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(error.unwrap_or_default().contains("no answer"));
    assert_eq!(
        connections.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "one conversation, not one per worker"
    );
    a.stop().await;
    b.stop().await;
    server.abort();
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_paid_order_whose_delivery_failed_says_so_instead_of_waiting(db: PgPool) {
    let app = TestApp::new(db);
    let event = event(&app, "Late").await;
    let (order, _, buyer) = app.paid_order(event, 1).await;
    let waiting = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(waiting.contains("data-wait-tickets") && waiting.contains("being issued"));
    sqlx::query("insert into delivery (order_id, status, attempts, last_error) values ($1, 'failed', 5, 'SMTP: down')")
        .bind(order)
        .execute(&app.db)
        .await
        .unwrap();
    let page = app.get_with_cookie(&format!("/orders/{order}"), &buyer).await.text();
    assert!(page.contains("could not send them yet"), "{page}");
    assert!(!page.contains("data-poll") && !page.contains("SMTP"), "no polling, no internals");
}
