//! Ticket delivery benchmark, in two parts:
//!
//! 1. PDF rendering on one core: tickets per second, and the size of a 1-ticket and a 10-ticket
//!    PDF (targets: at least 200 tickets/s, at most 60 KB per ticket).
//! 2. The pipeline from the paid commit to the email accepted by a local SMTP server (maildev):
//!    orders are bought and paid through the real app at a steady rate, the outbox relay and
//!    the ticketing worker deliver them, and each order's latency runs from its `paid_at` (the
//!    start of the transaction that committed the payment) to its delivery's `sent_at`
//!    (recorded just after the SMTP server accepted the email), both by the database's clock,
//!    so the figure errs long. Target: p99 under 1 s.
//!
//!     cargo run --release -p tessera-tests --bin bench-delivery -- --help

use std::time::{Duration, Instant};

use anyhow::Context as _;
use chrono::Utc;
use clap::Parser;
use sqlx::migrate::MigrateDatabase as _;
use tessera_tests::TestApp;
use tessera_tests::mail::Maildev;
use tessera_ticketing::pdf::{self, PdfTicket, TicketDocument};

#[derive(Debug, Parser)]
struct Args {
    /// Paid orders to deliver.
    #[arg(long, default_value_t = 500)]
    orders: usize,
    /// Orders paid per second.
    #[arg(long, default_value_t = 20)]
    rate: u32,
    /// Ticketing workers (each delivering `TESSERA_TICKETING_CONCURRENCY`-like 4 at once).
    #[arg(long, default_value_t = 1)]
    workers: usize,
    /// Seconds of PDF rendering per measurement.
    #[arg(long, default_value_t = 3.0)]
    render_seconds: f64,
    /// Scratch database (dropped and recreated), on the server of DATABASE_URL.
    #[arg(long, default_value = "tessera_bench_delivery")]
    database: String,
}

fn document(tickets: usize) -> TicketDocument {
    TicketDocument {
        locale: tessera_i18n::Locale::En,
        event_title: "Fête de la Musique — Łódź Jazz Night at the Old Cotton Mill".into(),
        starts_at: Utc::now(),
        timezone: chrono_tz::Europe::Warsaw,
        venue_name: "Manufaktura, Stara Przędzalnia".into(),
        address: "ul. Drewnowska 58".into(),
        city: "Łódź".into(),
        country: "PL".into(),
        holder_name: "Françoise Müller-Straße".into(),
        order_reference: pdf::order_reference(uuid::Uuid::now_v7()),
        tickets: (0..tickets)
            .map(|i| PdfTicket {
                serial: format!("7K3M-9Q2P-XW{i:02}"),
                ticket_type_name: "Standing — early bird".into(),
                price: "45.00 zł PLN".into(),
                token: format!(
                    "TT1.AZrN5t8Ad2q3AAAAAAAAAAGaze3o7bdxdbBC2Ixxx{i:03}.\
                     Y29tcGxldGVseSBmYWtlIHNpZ25hdHVyZSBieXRlcyBoZXJlIDY0IGJ5dGVzIGxvbmcgaGVyZSAh"
                ),
            })
            .collect(),
    }
}

/// The same ticket for a Kyoto tea ceremony bought in Japanese: Noto Sans CJK joins DejaVu.
fn japanese(tickets: usize) -> TicketDocument {
    TicketDocument {
        locale: tessera_i18n::Locale::Ja,
        event_title: "大徳寺近くの茶室で茶の湯体験".into(),
        timezone: chrono_tz::Asia::Tokyo,
        venue_name: "紫野 茶室 松庵".into(),
        address: "京都市北区紫野東藤ノ森町12".into(),
        city: "京都".into(),
        country: "JP".into(),
        holder_name: "山田 花子".into(),
        ..document(tickets)
    }
}

fn render_rate(doc: &TicketDocument, seconds: f64) -> f64 {
    let tickets_per_pdf = doc.tickets.len();
    let started = Instant::now();
    let mut tickets = 0;
    while started.elapsed().as_secs_f64() < seconds {
        std::hint::black_box(pdf::render(doc));
        tickets += tickets_per_pdf;
    }
    tickets as f64 / started.elapsed().as_secs_f64()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((p / 100.0) * (sorted.len() - 1) as f64).round() as usize]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();

    println!("PDF rendering (one core)");
    let one = pdf::render(&document(1)).len();
    let ten = pdf::render(&document(10)).len();
    println!(
        "  size: 1 ticket {:.1} KB, 10 tickets {:.1} KB ({:.1} KB per ticket)",
        one as f64 / 1024.0,
        ten as f64 / 1024.0,
        ten as f64 / 10240.0
    );
    // Warm the font parsing and the allocator before measuring.
    render_rate(&document(1), 0.3);
    println!("  1-ticket PDFs:  {:>6.0} tickets/s", render_rate(&document(1), args.render_seconds));
    println!("  10-ticket PDFs: {:>6.0} tickets/s", render_rate(&document(10), args.render_seconds));
    if pdf::cjk_available() {
        // The first Japanese ticket reads Noto Sans CJK (once per process): outside the timing.
        let one = pdf::render(&japanese(1)).len();
        println!("  Japanese, 1 ticket: {:.1} KB", one as f64 / 1024.0);
        println!(
            "  Japanese 1-ticket PDFs:  {:>6.0} tickets/s",
            render_rate(&japanese(1), args.render_seconds)
        );
        println!(
            "  Japanese 10-ticket PDFs: {:>6.0} tickets/s",
            render_rate(&japanese(10), args.render_seconds)
        );
    } else {
        println!("  Japanese: Noto Sans CJK is not installed (scripts/ensure-services.sh --mail)");
    }

    println!("\npipeline: paid commit → email accepted by SMTP ({} orders at {}/s)", args.orders, args.rate);
    let url = tessera_tests::load::database_url(&args.database)?;
    if sqlx::Postgres::database_exists(&url).await? {
        sqlx::Postgres::drop_database(&url).await?;
    }
    sqlx::Postgres::create_database(&url).await.context("creating the scratch database")?;
    let db = sqlx::postgres::PgPoolOptions::new().max_connections(20).connect(&url).await?;
    tessera_migrations::MIGRATOR.run(&db).await?;
    let prefix = format!("bench-{}:", uuid::Uuid::new_v4().simple());
    let app =
        TestApp::with_settings(db.clone(), &[("DATABASE_URL", &url), ("TESSERA_STREAM_PREFIX", &prefix)]);
    let (smtp_port, web_port) = Maildev::free_ports();
    let mail = Maildev::spawn(smtp_port, web_port).await;

    let mut event = tessera_tests::sample_event("delivery-bench", "Delivery Bench", 30);
    event.fields.ticket_types[0].capacity = i32::try_from(args.orders * 2)?;
    let event_id = app.insert_event(&event).await;
    let ticket_type = app.ticket_types(event_id).await[0];

    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    let relay = tessera_ticketing::relay::RelayConfig { stream_prefix: prefix.clone() };
    tasks.spawn(tessera_ticketing::relay::run(db.clone(), app.state.redis.clone(), relay, stopped.clone()));
    for n in 0..args.workers {
        let worker = app.worker(&mail.smtp_url, &prefix, |c| {
            c.consumer = format!("bench-{n}");
            c.lease = Duration::from_secs(60);
        });
        tasks.spawn(worker.run(stopped.clone()));
    }

    let buyers = {
        let mut buyers = Vec::with_capacity(args.orders);
        for _ in 0..args.orders {
            buyers.push(app.customer().await);
        }
        buyers
    };
    let interval = Duration::from_secs_f64(1.0 / f64::from(args.rate.max(1)));
    let started = Instant::now();
    let mut orders = Vec::with_capacity(args.orders);
    for (i, buyer) in buyers.iter().enumerate() {
        tokio::time::sleep_until((started + interval * u32::try_from(i)?).into()).await;
        let bought = app.buy(buyer, event_id, &[(ticket_type, 1)], None).await;
        anyhow::ensure!(bought.status == 201, "buy: {}", bought.text());
        let body = bought.json();
        let order: uuid::Uuid = body["order_id"].as_str().context("order id")?.parse()?;
        let session = body["payment"]["provider_ref"].as_str().context("session")?.to_string();
        let event =
            tessera_tests::checkout_event("checkout.session.completed", &session, order, 1000, "paid");
        let paid = app.stripe_event(&event).await;
        anyhow::ensure!(paid.status == 200, "webhook: {}", paid.text());
        orders.push(order);
    }

    // Wait for every delivery, then compare the times the database recorded.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let sent: i64 =
            sqlx::query_scalar("select count(*) from delivery where status = 'sent'").fetch_one(&db).await?;
        if sent >= i64::try_from(args.orders)? || Instant::now() > deadline {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let _ = stop.send(true);
    while tasks.join_next().await.is_some() {}
    let mut latencies: Vec<f64> = sqlx::query_scalar(
        "select extract(epoch from d.sent_at - o.paid_at)::float8 * 1000
         from delivery d join customer_order o on o.order_id = d.order_id
         where d.status = 'sent' and o.order_id = any($1)",
    )
    .bind(&orders)
    .fetch_all(&db)
    .await?;
    latencies.sort_by(f64::total_cmp);
    let delivered = latencies.len();
    println!(
        "  delivered {delivered}/{} orders: p50 {:.0} ms  p90 {:.0} ms  p99 {:.0} ms  max {:.0} ms",
        args.orders,
        percentile(&latencies, 50.0),
        percentile(&latencies, 90.0),
        percentile(&latencies, 99.0),
        percentile(&latencies, 100.0),
    );
    let emails: Vec<serde_json::Value> =
        reqwest::get(format!("{}/api/email", mail.api)).await?.json().await?;
    let duplicates = emails.len().saturating_sub(delivered);
    println!("  duplicate or stray emails: {duplicates}");
    db.close().await;
    sqlx::Postgres::drop_database(&url).await.ok();
    anyhow::ensure!(
        delivered == args.orders,
        "{} orders were not delivered within two minutes",
        args.orders - delivered
    );
    Ok(())
}
