//! Ethereum catch-up benchmark: a local anvil with TesseraPay, a chain of N blocks with payments
//! for real orders spread through it (empty blocks mined between them), then a fresh watcher
//! reads it all from block 0 into a scratch database and applies every payment. Prints blocks/s
//! and receipts/s, and fails unless every payment became exactly one receipt and paid its order.
//!
//!     cargo run --release -p tessera-tests --bin bench-eth-catchup -- --help

use std::time::Instant;

use alloy::primitives::{Address, U256};
use anyhow::Context as _;
use clap::Parser;
use sqlx::migrate::MigrateDatabase as _;
use tessera_payments::eth::Confirmations;
use tessera_tests::eth::{EthChain, account, place_eth_order};

/// Catch up with a chain of payments.
#[derive(Debug, Parser)]
struct Args {
    /// Blocks in the chain.
    #[arg(long, default_value_t = 10_000)]
    blocks: u64,
    /// Payments spread through them, each for an order of its own.
    #[arg(long, default_value_t = 300)]
    payments: u64,
    /// The most blocks in one `eth_getLogs` (TESSERA_ETH_MAX_BLOCK_RANGE).
    #[arg(long, default_value_t = 2_000)]
    max_block_range: u64,
    /// Confirmations before an order is paid (TESSERA_ETH_CONFIRMATIONS).
    #[arg(long, default_value_t = 12)]
    confirmations: u32,
    /// Scratch database (dropped and recreated), on the server of DATABASE_URL.
    #[arg(long, default_value = "tessera_bench_eth")]
    database: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    anyhow::ensure!(args.payments > 0 && args.blocks > args.payments + u64::from(args.confirmations) + 10);
    let url = tessera_tests::load::database_url(&args.database)?;
    if sqlx::Postgres::database_exists(&url).await? {
        sqlx::Postgres::drop_database(&url).await?;
    }
    sqlx::Postgres::create_database(&url).await.context("creating the scratch database")?;
    let db = sqlx::postgres::PgPoolOptions::new().max_connections(8).connect(&url).await?;
    tessera_migrations::MIGRATOR.run(&db).await?;

    let mut event = tessera_tests::sample_event("eth-catchup", "Catch-up", 30);
    event.fields.ticket_types[0].capacity = i32::try_from(args.payments)?;
    let event_id = {
        let mut conn = db.acquire().await?;
        tessera_core::catalog::upsert_event(&mut conn, &event).await?
    };
    let ticket_type: uuid::Uuid =
        sqlx::query_scalar("select ticket_type_id from ticket_type where event_id = $1")
            .bind(event_id)
            .fetch_one(&db)
            .await?;

    let chain = EthChain::start().await;
    println!(
        "building a chain of {} blocks with {} payments (one every {} blocks) ...",
        args.blocks,
        args.payments,
        args.blocks / args.payments
    );
    let built = Instant::now();
    let buyer = account(&db).await;
    // Room at the end for the last payment's confirmations.
    let spread = args.blocks - u64::from(args.confirmations) - 10;
    let gap = spread / args.payments;
    let mut orders = Vec::new();
    for _ in 0..args.payments {
        let (order, total) = place_eth_order(&db, buyer, event_id, ticket_type, 1).await;
        let (_, quote, signature) = chain
            .quote_order(
                &db,
                order,
                total,
                ("ETH", Address::ZERO, 18),
                U256::from(5_000_000_000_000_000u64),
                "2000",
            )
            .await;
        chain.send_pay_eth(&quote, &signature).await;
        orders.push(order);
        if gap > 1 {
            chain.mine(gap - 1).await;
        }
    }
    let head = chain.head().await;
    if head + 1 < args.blocks {
        chain.mine(args.blocks - head - 1).await;
    }
    let head = chain.head().await;
    println!("built in {:.1} s; head is block {head}", built.elapsed().as_secs_f64());

    let watcher = chain.watcher(db.clone(), Confirmations::Blocks(args.confirmations), args.max_block_range);
    let started = Instant::now();
    let progress = watcher.catch_up().await?;
    let elapsed = started.elapsed().as_secs_f64();

    let receipts: i64 = sqlx::query_scalar("select count(*) from eth_receipt").fetch_one(&db).await?;
    let distinct: i64 = sqlx::query_scalar("select count(distinct (tx_hash, log_index)) from eth_receipt")
        .fetch_one(&db)
        .await?;
    let paid: i64 = sqlx::query_scalar(
        "select count(*) from customer_order where status = 'paid' and order_id = any($1)",
    )
    .bind(&orders)
    .fetch_one(&db)
    .await?;
    let outbox: i64 = sqlx::query_scalar("select count(*) from outbox").fetch_one(&db).await?;

    println!();
    println!("| blocks | payments | max range | confirmations | steps | time | blocks/s | receipts/s |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    println!(
        "| {} | {} | {} | {} | {} | {:.2} s | {:.0} | {:.0} |",
        progress.blocks,
        args.payments,
        args.max_block_range,
        args.confirmations,
        progress.steps,
        elapsed,
        progress.blocks as f64 / elapsed,
        receipts as f64 / elapsed
    );
    println!();
    println!(
        "receipts {receipts} (distinct {distinct}), applied {}, orders paid {paid}, outbox rows {outbox}",
        progress.confirmed
    );
    // The same chain read again by a watcher whose cursor lost its place: every range is read
    // and recorded, nothing changes, nothing is applied (the cost of reading alone).
    sqlx::query("update eth_cursor set next_block = 0").execute(&db).await?;
    let reread = chain.watcher(db.clone(), Confirmations::Blocks(args.confirmations), args.max_block_range);
    let started = Instant::now();
    let again = reread.catch_up().await?;
    let reread_s = started.elapsed().as_secs_f64();
    println!(
        "read again from block 0: {} blocks in {reread_s:.2} s ({:.0} blocks/s), {} receipts changed, {} applied",
        again.blocks,
        again.blocks as f64 / reread_s,
        again.receipts,
        again.confirmed
    );

    let expected = i64::try_from(args.payments)?;
    anyhow::ensure!(again.receipts == 0 && again.confirmed == 0, "reading again must change nothing");
    anyhow::ensure!(progress.blocks == head + 1, "read {} blocks of {}", progress.blocks, head + 1);
    anyhow::ensure!(
        receipts == expected && distinct == expected,
        "every payment must be exactly one receipt"
    );
    anyhow::ensure!(paid == expected && outbox == expected, "every order must be paid exactly once");
    Ok(())
}
