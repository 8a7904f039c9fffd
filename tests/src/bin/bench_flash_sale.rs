//! Flash-sale benchmark: N signed-in buyers race for C tickets of one event over HTTP, through
//! the real app (holds, the order transaction, the card sandbox's checkout). Prints holds per
//! second, latency percentiles, tickets sold and the oversell count, which must be 0.
//!
//!     cargo run --release -p tessera-tests --bin bench-flash-sale -- --help

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use bytes::Bytes;
use clap::Parser;
use http_body_util::{BodyExt as _, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;
use sqlx::migrate::MigrateDatabase as _;
use tessera_api::settings::Settings;
use tessera_api::state::AppState;
use tokio::net::TcpStream;

/// Race buyers for a limited number of tickets.
#[derive(Debug, Parser)]
struct Args {
    /// Buyers, each asking for one ticket once.
    #[arg(long, default_value_t = 2_000)]
    buyers: usize,
    /// Buyers in flight at once (keep-alive connections).
    #[arg(long, default_value_t = 200)]
    concurrency: usize,
    /// Tickets on sale.
    #[arg(long, default_value_t = 500)]
    tickets: i32,
    /// Scratch database (dropped and recreated), on the server of DATABASE_URL.
    #[arg(long, default_value = "tessera_bench_flash")]
    database: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let url = tessera_tests::load::database_url(&args.database)?;
    if sqlx::Postgres::database_exists(&url).await? {
        sqlx::Postgres::drop_database(&url).await?;
    }
    sqlx::Postgres::create_database(&url).await.context("creating the scratch database")?;
    let data_dir = tempfile::tempdir()?;
    let data_path = data_dir.path().to_string_lossy().into_owned();
    for demand in ["on", "off"] {
        let settings = Settings::from_lookup(|name| match name {
            "DATABASE_URL" => Some(url.clone()),
            // Recording demand (each order's channel) or not: the same sale both ways, same run.
            "TESSERA_DEMAND" => Some(demand.to_string()),
            "TESSERA_DATA_DIR" => Some(data_path.clone()),
            // Every buyer comes from this machine's one address.
            "TESSERA_PURCHASES_PER_ADDRESS" => Some("1000000".into()),
            "TESSERA_CARD_SANDBOX" => Some("on".into()),
            other => std::env::var(other).ok(),
        })?;
        let db = tessera_core::db::connect_lazy(&settings.config)?;
        if demand == "on" {
            tessera_migrations::MIGRATOR.run(&db).await?;
        }

        let mut event = tessera_tests::sample_event(&format!("flash-sale-{demand}"), "Flash Sale", 30);
        event.fields.ticket_types[0].capacity = args.tickets;
        let event_id = {
            let mut conn = db.acquire().await?;
            tessera_core::catalog::upsert_event(&mut conn, &event).await?
        };
        let ticket_type: uuid::Uuid =
            sqlx::query_scalar("select ticket_type_id from ticket_type where event_id = $1")
                .bind(event_id)
                .fetch_one(&db)
                .await?;
        println!("signing in {} buyers ...", args.buyers);
        let account_ids: Vec<uuid::Uuid> = sqlx::query_scalar(
            "insert into account (account_id, email, name, password_hash, email_verified_at)
             select gen_random_uuid(), 'buyer' || g || '-' || $2 || '@example.org', 'Buyer ' || g,
                    '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA', now()
             from generate_series(1, $1) g
             returning account_id",
        )
        .bind(i32::try_from(args.buyers)?)
        .bind(demand)
        .fetch_all(&db)
        .await?;
        let mut cookies = Vec::with_capacity(account_ids.len());
        for id in account_ids {
            let token = tessera_core::account::create_session(&db, id).await?;
            let name = tessera_api::auth::cookies::name(
                tessera_api::auth::cookies::SESSION,
                settings.config.is_https(),
            );
            cookies.push(format!("{name}={}", token.as_cookie_value()));
        }

        let state = AppState::new(settings, db.clone())?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let app = tessera_api::app::router(state);
        tokio::spawn(async move {
            axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await
        });

        let body = Bytes::from(
            serde_json::json!({"items": [{"ticket_type_id": ticket_type, "quantity": 1}], "payment_method": "card"})
                .to_string(),
        );
        let path = format!("/api/events/{event_id}/buy");
        let cookies = Arc::new(cookies);

        // The shop was open before the sale: the pool's connections exist and have prepared their
        // statements. Warm it with purchases for another event, not measured.
        let mut warm_up = tessera_tests::sample_event(&format!("warm-up-{demand}"), "Warm-up", 30);
        warm_up.fields.ticket_types[0].capacity = 10_000;
        let warm_up_id = {
            let mut conn = db.acquire().await?;
            tessera_core::catalog::upsert_event(&mut conn, &warm_up).await?
        };
        let warm_up_type: uuid::Uuid =
            sqlx::query_scalar("select ticket_type_id from ticket_type where event_id = $1")
                .bind(warm_up_id)
                .fetch_one(&db)
                .await?;
        let warm_up_body = Bytes::from(
            serde_json::json!({"items": [{"ticket_type_id": warm_up_type, "quantity": 1}], "payment_method": "card"})
                .to_string(),
        );
        let warm_up_buyers = Arc::new(cookies[..cookies.len().min(200)].to_vec());
        race(addr, 32, warm_up_buyers, format!("/api/events/{warm_up_id}/buy"), warm_up_body).await?;
        println!(
            "\ndemand {}: {} buyers, {} at once, racing for {} tickets, on {} cores (server, Postgres and buyers share them)",
            if demand == "on" { "recorded" } else { "off" },
            args.buyers,
            args.concurrency,
            args.tickets,
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
        let (results, elapsed) = race(addr, args.concurrency, cookies, path, body).await?;

        let held = results.iter().filter(|r| r.1 == 201).count();
        let sold_out = results.iter().filter(|r| r.1 == 409).count();
        let other = results.len() - held - sold_out;
        let last_hold = results.iter().filter(|r| r.1 == 201).map(|r| r.2).max().unwrap_or(elapsed);
        let mut latencies: Vec<Duration> = results.iter().map(|r| r.0).collect();
        latencies.sort_unstable();
        let percentile = |p: f64| {
            let rank = ((p / 100.0) * (latencies.len().saturating_sub(1)) as f64).round() as usize;
            latencies.get(rank).copied().unwrap_or_default().as_secs_f64() * 1000.0
        };
        let (sold, holding, capacity): (i32, i32, i32) =
            sqlx::query_as("select sold, held, capacity from ticket_type where ticket_type_id = $1")
                .bind(ticket_type)
                .fetch_one(&db)
                .await?;
        let in_orders: i64 = sqlx::query_scalar(
            "select coalesce(sum(quantity), 0) from order_item i join customer_order o using (order_id)
             where o.event_id = $1 and o.status in ('pending_payment', 'paid', 'fulfilled')",
        )
        .bind(event_id)
        .fetch_one(&db)
        .await?;
        let oversell = (in_orders - i64::from(capacity)).max(0);

        println!(
            "holds: {held} in {:.2} s = {:.0} holds/s   requests: {} in {:.2} s = {:.0} req/s",
            last_hold.as_secs_f64(),
            held as f64 / last_hold.as_secs_f64(),
            results.len(),
            elapsed.as_secs_f64(),
            results.len() as f64 / elapsed.as_secs_f64()
        );
        println!(
            "latency (all buys): p50 {:.1} ms  p90 {:.1} ms  p99 {:.1} ms  max {:.1} ms",
            percentile(50.0),
            percentile(90.0),
            percentile(99.0),
            percentile(100.0)
        );
        println!("answers: {held} held (201), {sold_out} sold out (409), {other} other");
        println!(
            "tickets: {capacity} on sale, {} held or sold, {in_orders} in live orders; oversell {oversell}",
            sold + holding
        );
        db.close().await;
        if oversell != 0 || other != 0 || i64::from(sold + holding) != in_orders {
            sqlx::Postgres::drop_database(&url).await.ok();
            anyhow::bail!("the sale went wrong: see the figures above");
        }
    }
    sqlx::Postgres::drop_database(&url).await.ok();
    Ok(())
}

/// Each buyer in `cookies` POSTs `body` to `path` once, `concurrency` at a time over keep-alive
/// connections, all opened before the clock starts (the buyers are on the page when the sale
/// opens). Returns (latency, status, finished at since the start) per buyer, and how long it
/// all took.
async fn race(
    addr: std::net::SocketAddr,
    concurrency: usize,
    cookies: Arc<Vec<String>>,
    path: String,
    body: Bytes,
) -> anyhow::Result<(Vec<(Duration, u16, Duration)>, Duration)> {
    let next = Arc::new(AtomicUsize::new(0));
    let ready = Arc::new(tokio::sync::Barrier::new(concurrency + 1));
    let (start, started) = tokio::sync::watch::channel(None::<Instant>);
    let mut workers = Vec::new();
    for _ in 0..concurrency {
        let (cookies, next, body, path) = (cookies.clone(), next.clone(), body.clone(), path.clone());
        let (ready, mut started) = (ready.clone(), started.clone());
        workers.push(tokio::spawn(async move {
            let connected = async {
                let stream = TcpStream::connect(addr).await?;
                stream.set_nodelay(true)?;
                anyhow::Ok(hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?)
            }
            .await;
            ready.wait().await;
            let (mut sender, connection) = connected?;
            tokio::spawn(connection);
            let started = (*started.wait_for(Option::is_some).await?).expect("the start");
            let mut results: Vec<(Duration, u16, Duration)> = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(cookie) = cookies.get(i) else { break };
                let request = Request::post(path.as_str())
                    .header("host", addr.to_string())
                    .header("content-type", "application/json")
                    .header("cookie", cookie.as_str())
                    .body(Full::new(body.clone()))?;
                let sent = Instant::now();
                sender.ready().await?;
                let response = sender.send_request(request).await?;
                let status = response.status().as_u16();
                response.into_body().collect().await?;
                results.push((sent.elapsed(), status, started.elapsed()));
            }
            anyhow::Ok(results)
        }));
    }
    ready.wait().await;
    let started = Instant::now();
    start.send_replace(Some(started));
    let mut results = Vec::new();
    for worker in workers {
        results.extend(worker.await??);
    }
    Ok((results, started.elapsed()))
}
