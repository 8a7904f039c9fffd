//! Catalog benchmark: loads a 10,000-event catalog into a scratch database, serves it with the
//! real app on a loopback port, and measures search (1,000 distinct queries as people type
//! them, answered by the in-memory index and, before it, by Postgres), suggestions and the JSON
//! listing under concurrent load, at full speed and at fixed rates. Prints requests/s and
//! latency percentiles.
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
    /// Distinct search queries in the typed-search runs.
    #[arg(long, default_value_t = 1_000)]
    queries: usize,
    /// The arrival rate of the paced typed-search and suggestion runs, requests per second.
    #[arg(long, default_value_t = 2_000)]
    search_rate: u32,
    /// Keep the scratch database afterwards, to look at query plans.
    #[arg(long)]
    keep_database: bool,
    /// Only these groups of runs (comma-separated): `typed` (search, Postgres and index),
    /// `demand` (recording on and off), `suggest`, `related` (event pages' "more like
    /// this"), `cache` (the micro-cache). All by default.
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
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
    let settings_with = |cache_seconds: &'static str, search: &'static str, demand: &'static str| {
        Settings::from_lookup(|name| match name {
            "DATABASE_URL" => Some(url.clone()),
            "TESSERA_DATA_DIR" => Some(data_path.clone()),
            "TESSERA_CATALOG_CACHE_SECONDS" => Some(cache_seconds.to_string()),
            "TESSERA_SEARCH" => Some(search.to_string()),
            "TESSERA_DEMAND" => Some(demand.to_string()),
            other => std::env::var(other).ok(),
        })
    };
    let settings =
        |cache_seconds: &'static str, search: &'static str| settings_with(cache_seconds, search, "on");
    let db = tessera_core::db::connect_lazy(&settings("0", "index")?.config)?;
    tessera_migrations::MIGRATOR.run(&db).await?;
    let state = AppState::new(settings("0", "index")?, db.clone())?;

    println!("loading the catalog ...");
    tessera_cli::seed::load(&db, &state.blobs).await?;
    let total = clone_catalog(&db, args.events).await?;
    println!("catalog: {total} published events");

    // The same app three times: searching its in-memory index without the catalog micro-cache,
    // searching Postgres (the path the index replaced) without it, and as deployed (index and
    // micro-cache).
    let loading = std::time::Instant::now();
    let index = state.search.clone().context("the index is on by default")?;
    let snapshot = index.snapshot(Duration::from_secs(120)).await?;
    println!("search index: {} events loaded in {:.1} s", snapshot.len(), loading.elapsed().as_secs_f64());
    drop(snapshot);
    let engine = serve(state).await?;
    let database = serve(AppState::new(settings("0", "database")?, db.clone())?).await?;
    let cached_state = AppState::new(settings("5", "index")?, db.clone())?;
    if let Some(index) = &cached_state.search {
        index.snapshot(Duration::from_secs(120)).await?;
    }
    let cached = serve(cached_state).await?;
    // And the index without recording demand (`TESSERA_DEMAND=off`), to show what recording
    // every search costs.
    let quiet_state = AppState::new(settings_with("0", "index", "off")?, db.clone())?;
    if let Some(index) = &quiet_state.search {
        index.snapshot(Duration::from_secs(120)).await?;
    }
    let quiet = serve(quiet_state).await?;

    // 1,000 distinct searches as people type them: whole words, words being typed (prefixes),
    // words with one or two typos, two words, some with a city or category.
    let words = vocabulary(&db).await?;
    let distinct = typed_queries(&words, args.queries);
    println!(
        "{} distinct queries from {} catalog words, e.g. {:?}",
        distinct.len(),
        words.len(),
        &distinct[..8]
    );
    let encode = |q: &str| serde_urlencoded::to_string([("q", q)]).unwrap_or_default();
    let typed = Arc::new(
        distinct
            .iter()
            .enumerate()
            .map(|(i, q)| match i % 10 {
                7 => format!("/api/search?{}&city=lisbon", encode(q)),
                9 => format!("/api/search?{}&category=concert", encode(q)),
                _ => format!("/api/search?{}", encode(q)),
            })
            .collect::<Vec<_>>(),
    );
    let suggestions =
        Arc::new(distinct.iter().map(|q| format!("/api/search/suggest?{}", encode(q))).collect::<Vec<_>>());

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
    let wanted = |group: &str| args.only.is_empty() || args.only.iter().any(|only| only == group);
    // Before and after, in the same run: Postgres's full-text search, then the index.
    for (mode, addr) in [("database", database), ("index", engine)].into_iter().filter(|_| wanted("typed")) {
        let report =
            load::run(addr, args.connections, Duration::from_secs(2), Pace::Closed, typed.clone()).await?;
        drop(report);
        let report = load::run(addr, args.connections, run, Pace::Closed, typed.clone()).await?;
        println!("{}", report.line(&format!("search x{}, {mode}, flat out", typed.len())));
        let report =
            load::run(addr, args.connections, run, Pace::Rate(args.search_rate), typed.clone()).await?;
        println!("{}", report.line(&format!("search x{}, {mode}, {} req/s", typed.len(), args.search_rate)));
    }
    // Recording demand on and off, same run: every search above was recorded.
    for (mode, addr) in
        [("demand recorded", engine), ("demand off", quiet)].into_iter().filter(|_| wanted("demand"))
    {
        let report = load::run(addr, args.connections, run, Pace::Closed, typed.clone()).await?;
        println!("{}", report.line(&format!("search x{}, index, {mode}, flat out", typed.len())));
        let report = load::run(addr, args.connections, run, Pace::Closed, listings.clone()).await?;
        println!("{}", report.line(&format!("list, no cache, {mode}, flat out")));
    }
    if wanted("suggest") {
        let report = load::run(engine, args.connections, run, Pace::Closed, suggestions.clone()).await?;
        println!("{}", report.line(&format!("suggest x{}, index, flat out", suggestions.len())));
        let report =
            load::run(engine, args.connections, run, Pace::Rate(args.search_rate), suggestions.clone())
                .await?;
        println!(
            "{}",
            report.line(&format!("suggest x{}, index, {} req/s", suggestions.len(), args.search_rate))
        );
    }
    if wanted("related") {
        // An event page shows what else is nearby, of the same kind, and bought by the same
        // people: three queries beside the page's own, with no micro-cache in front of them.
        let events: Vec<(uuid::Uuid, String)> = sqlx::query_as(
            "select event_id, slug from event where status = 'published' and ends_at > now()
             order by starts_at, event_id limit 200",
        )
        .fetch_all(&db)
        .await?;
        let pages = Arc::new(events.iter().map(|(_, slug)| format!("/events/{slug}")).collect::<Vec<_>>());
        let related =
            Arc::new(events.iter().map(|(id, _)| format!("/api/events/{id}/related")).collect::<Vec<_>>());
        for (name, paths) in [("event page", &pages), ("related (JSON)", &related)] {
            let report = load::run(engine, args.connections, run, Pace::Closed, paths.clone()).await?;
            println!("{}", report.line(&format!("{name} x{}, no cache, flat out", paths.len())));
            let report =
                load::run(engine, args.connections, run, Pace::Rate(args.rate), paths.clone()).await?;
            println!("{}", report.line(&format!("{name} x{}, no cache, {} req/s", paths.len(), args.rate)));
        }
    }

    for (mode, addr) in
        [("no cache", engine), ("micro-cache", cached)].into_iter().filter(|_| wanted("cache"))
    {
        for (name, paths) in [("search", &searches), ("list", &listings)] {
            let report = load::run(addr, args.connections, run, Pace::Closed, paths.clone()).await?;
            println!("{}", report.line(&format!("{name}, {mode}, flat out")));
            let report = load::run(addr, args.connections, run, Pace::Rate(args.rate), paths.clone()).await?;
            println!("{}", report.line(&format!("{name}, {mode}, {} req/s", args.rate)));
        }
    }
    if wanted("cache") {
        let report = load::run(cached, args.connections, run, Pace::Rate(args.rate), varied.clone()).await?;
        println!("{}", report.line(&format!("search x{}, micro-cache, {} req/s", varied.len(), args.rate)));
    }
    db.close().await;
    if !args.keep_database {
        sqlx::Postgres::drop_database(&url).await.ok();
    }
    Ok(())
}

/// The catalog's words of three letters or more (titles, cities, venues, tags), as people
/// would type them: lowercase, accents kept.
async fn vocabulary(db: &sqlx::PgPool) -> anyhow::Result<Vec<String>> {
    let texts: Vec<String> = sqlx::query_scalar(
        "select distinct concat_ws(' ', title, city, venue_name, array_to_string(tags, ' ')) from event",
    )
    .fetch_all(db)
    .await?;
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| word.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|word| !tessera_core::search::text::is_stop_word(word))
        .collect();
    words.sort();
    words.dedup();
    Ok(words)
}

/// `count` distinct queries from `words`, fixed by a seed so runs compare: 40 % whole words,
/// 25 % the first three to five letters of a word, 20 % a word of five letters or more with
/// one typo (two in nine or more), 15 % two words (the second being typed).
fn typed_queries(words: &[String], count: usize) -> Vec<String> {
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = |below: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % below.max(1)
    };
    let typo = |word: &str, at: usize| {
        let mut chars: Vec<char> = word.chars().collect();
        let i = 1 + at % (chars.len() - 2);
        chars.swap(i, i + 1);
        chars.into_iter().collect::<String>()
    };
    let mut seen = std::collections::HashSet::new();
    let mut queries = Vec::with_capacity(count);
    let mut attempts = 0;
    while queries.len() < count && attempts < count * 100 {
        attempts += 1;
        let word = &words[next(words.len())];
        let chars: Vec<char> = word.chars().collect();
        let query = match next(20) {
            0..=7 => word.clone(),
            8..=12 => chars[..chars.len().min(3 + next(3))].iter().collect(),
            13..=16 if chars.len() >= 5 => {
                let once = typo(word, next(chars.len()));
                if chars.len() >= 9 { typo(&once, next(chars.len())) } else { once }
            }
            13..=16 => continue,
            _ => {
                let other: Vec<char> = words[next(words.len())].chars().collect();
                format!("{word} {}", other[..other.len().min(3 + next(4))].iter().collect::<String>())
            }
        };
        if seen.insert(query.clone()) {
            queries.push(query);
        }
    }
    queries
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
             image_id, image_alt, currency, status, translated_titles, translated_descriptions)
         select gen_random_uuid(), e.slug || '-x' || g, e.title, e.description, e.category, e.city,
             e.region, e.country, e.venue_name, e.address, e.latitude, e.longitude,
             e.starts_at + (g % 330) * interval '1 day', e.ends_at + (g % 330) * interval '1 day',
             e.timezone, e.language, e.tags, e.image_id, e.image_alt, e.currency, e.status,
             e.translated_titles, e.translated_descriptions
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
    sqlx::query(
        "insert into event_translation (event_id, language, title, description)
         select n.event_id, x.language, x.title, x.description
         from event n
         join event o on o.slug = regexp_replace(n.slug, '-x[0-9]+$', '')
         join event_translation x on x.event_id = o.event_id
         where n.slug ~ '-x[0-9]+$'",
    )
    .execute(db)
    .await?;
    sqlx::query("analyze").execute(db).await?;
    Ok(sqlx::query_scalar("select count(*) from event where status = 'published'").fetch_one(db).await?)
}
