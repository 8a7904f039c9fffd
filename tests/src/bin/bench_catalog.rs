//! Catalog benchmark: loads a 10,000-event catalog into a scratch database, serves it with the
//! real app on a loopback port, and measures search and the JSON listing under concurrent load,
//! at full speed and at a fixed 1,000 requests/s. Prints requests/s and latency percentiles.
//!
//!     cargo run --release -p tessera-tests --bin bench-catalog -- --help

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use sqlx::migrate::MigrateDatabase as _;
use tessera_api::settings::Settings;
use tessera_api::state::AppState;
use tessera_tests::load::{self, Pace};

/// Measure catalog search and listing under load.
#[derive(Debug, Parser)]
struct Args {
    /// Events in the catalog (the 63 demo events, cloned across the year).
    #[arg(long, default_value_t = 10_000)]
    events: u32,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// Length of each measured run, in seconds.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// The fixed arrival rate of the paced runs, requests per second.
    #[arg(long, default_value_t = 1_000)]
    rate: u32,
    /// Scratch database (dropped and recreated), on the server of DATABASE_URL.
    #[arg(long, default_value = "tessera_bench")]
    database: String,
    /// Keep the scratch database afterwards, to look at query plans.
    #[arg(long)]
    keep_database: bool,
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
    let settings = |cache_seconds: &'static str| {
        Settings::from_lookup(|name| match name {
            "DATABASE_URL" => Some(url.clone()),
            "TESSERA_DATA_DIR" => Some(data_path.clone()),
            "TESSERA_CATALOG_CACHE_SECONDS" => Some(cache_seconds.to_string()),
            other => std::env::var(other).ok(),
        })
    };
    let db = tessera_core::db::connect_lazy(&settings("0")?.config)?;
    tessera_migrations::MIGRATOR.run(&db).await?;
    let state = AppState::new(settings("0")?, db.clone())?;

    println!("loading the catalog ...");
    tessera_cli::seed::load(&db, &state.blobs).await?;
    let total = clone_catalog(&db, args.events).await?;
    println!("catalog: {total} published events");

    // The same app twice: without the catalog micro-cache (every request reaches Postgres)
    // and with it, as deployed.
    let engine = serve(state).await?;
    let cached = serve(AppState::new(settings("5")?, db.clone())?).await?;

    let searches =
        Arc::new(
            [
                "fado",
                "jazz",
                "festival",
                "tea%20ceremony",
                "festvial",
                "krakow",
                "comedy%20night",
                "mezcal",
                "market",
                "tango",
                "kyoto",
                "street%20food",
                "bo-kaap",
                "theatre",
                "dance%20night",
                "montreal",
                "lisbon%20music",
                "workshop",
                "tour",
                "exhibition",
            ]
            .iter()
            .enumerate()
            .map(|(i, q)| {
                if i % 4 == 3 {
                    format!("/api/search?q={q}&city=lisbon")
                } else {
                    format!("/api/search?q={q}")
                }
            })
            .collect::<Vec<_>>(),
        );
    // A wider mix, as real traffic would be: every base search alone, in each city and in
    // each category, shuffled (360 different URLs), so a short cache sees misses too.
    let mut varied: Vec<String> = Vec::new();
    for path in searches.iter() {
        let base = path.split('&').next().unwrap_or(path);
        varied.push(base.to_string());
        for city in ["lisbon", "berlin", "krakow", "montreal", "mexico%20city", "kyoto", "cape%20town"] {
            varied.push(format!("{base}&city={city}"));
        }
        for category in tessera_core::catalog::Category::ALL {
            varied.push(format!("{base}&category={category}"));
        }
    }
    // A fixed shuffle (multiplicative stride), so runs are comparable.
    let varied =
        Arc::new((0..varied.len()).map(|i| varied[(i * 97) % varied.len()].clone()).collect::<Vec<_>>());

    let listings = Arc::new(
        [
            "/api/events",
            "/api/events?city=kyoto",
            "/api/events?category=concert",
            "/api/events?city=berlin&category=market",
            "/api/events?max_price=20",
            "/api/events?limit=50",
        ]
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>(),
    );

    let run = Duration::from_secs(args.seconds);
    // Warm the connection pool and Postgres's caches before measuring.
    load::run(engine, args.connections, Duration::from_secs(2), Pace::Closed, searches.clone()).await?;

    println!(
        "\n{} connections, {} s per run, on {} cores (server, Postgres and load generator share them)",
        args.connections,
        args.seconds,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    for (mode, addr) in [("no cache", engine), ("micro-cache", cached)] {
        for (name, paths) in [("search", &searches), ("list", &listings)] {
            let report = load::run(addr, args.connections, run, Pace::Closed, paths.clone()).await?;
            println!("{}", report.line(&format!("{name}, {mode}, flat out")));
            let report = load::run(addr, args.connections, run, Pace::Rate(args.rate), paths.clone()).await?;
            println!("{}", report.line(&format!("{name}, {mode}, {} req/s", args.rate)));
        }
    }
    let report = load::run(cached, args.connections, run, Pace::Rate(args.rate), varied.clone()).await?;
    println!("{}", report.line(&format!("search x{}, micro-cache, {} req/s", varied.len(), args.rate)));
    db.close().await;
    if !args.keep_database {
        sqlx::Postgres::drop_database(&url).await.ok();
    }
    Ok(())
}

/// Serves `state` on a free loopback port.
async fn serve(state: AppState) -> anyhow::Result<std::net::SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let app = tessera_api::app::router(state);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(addr)
}

/// Clones the demo events across the coming year until the catalog holds about `target`
/// events, then refreshes the planner's statistics.
async fn clone_catalog(db: &sqlx::PgPool, target: u32) -> anyhow::Result<i64> {
    let demo: i64 = sqlx::query_scalar("select count(*) from event").fetch_one(db).await?;
    let demo = demo.max(1);
    let copies = ((i64::from(target) - demo).max(0) + demo - 1) / demo;
    sqlx::query(
        "insert into event (event_id, slug, title, description, category, city, region, country,
             venue_name, address, latitude, longitude, starts_at, ends_at, timezone, language, tags,
             image_id, image_alt, currency, status)
         select gen_random_uuid(), e.slug || '-x' || g, e.title, e.description, e.category, e.city,
             e.region, e.country, e.venue_name, e.address, e.latitude, e.longitude,
             e.starts_at + (g % 330) * interval '1 day', e.ends_at + (g % 330) * interval '1 day',
             e.timezone, e.language, e.tags, e.image_id, e.image_alt, e.currency, e.status
         from event e cross join generate_series(1, $1) g",
    )
    .bind(copies)
    .execute(db)
    .await?;
    sqlx::query(
        "insert into ticket_type (ticket_type_id, event_id, currency, name, price_minor, capacity, position)
         select gen_random_uuid(), n.event_id, t.currency, t.name, t.price_minor, t.capacity, t.position
         from event n
         join event o on o.slug = regexp_replace(n.slug, '-x[0-9]+$', '')
         join ticket_type t on t.event_id = o.event_id
         where n.slug ~ '-x[0-9]+$'",
    )
    .execute(db)
    .await?;
    sqlx::query("analyze").execute(db).await?;
    Ok(sqlx::query_scalar("select count(*) from event where status = 'published'").fetch_one(db).await?)
}
