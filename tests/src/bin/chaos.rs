//! The chaos suite: Tessera as a cluster (two web processes behind HAProxy, two ticketing, two
//! chain-watchers) on a Postgres, Redis, SMTP server and chain of its own, customers buying and
//! paying on every rail, while processes are killed, Redis and Postgres restarted, the SMTP
//! server taken away, the chain reorganised and webhooks delayed and repeated. Then the shop
//! must settle with nothing lost or done twice (see `tessera_tests::chaos`). Exits non-zero on
//! any failure, after listing them and the run's figures.
//!
//!     make chaos                                   # ten minutes, release build
//!     cargo run -p tessera-tests --bin chaos -- --help

use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use tessera_tests::chaos::{self, Options};

#[derive(Debug, Parser)]
#[command(about = "Tessera under faults: kills, restarts, outages, reorgs; then nothing may be lost")]
struct Args {
    /// The tessera binary to run (default: beside this one).
    #[arg(long)]
    tessera: Option<PathBuf>,
    /// Seconds of traffic and faults (about one fault every ten seconds, every kind at least
    /// once).
    #[arg(long, default_value_t = 120)]
    seconds: u64,
    /// Customers buying at once.
    #[arg(long, default_value_t = 6)]
    buyers: usize,
    /// Seconds the SMTP server stays away each time.
    #[arg(long, default_value_t = 20)]
    smtp_outage: u64,
    /// The most seconds the shop may take to settle once the traffic stops.
    #[arg(long, default_value_t = 300)]
    settle: u64,
    /// Seed of the random choices (default: the clock); printed. The same seed gives the same
    /// fault plan; what customers do also depends on timing.
    #[arg(long)]
    seed: Option<u64>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let tessera = match args.tessera {
        Some(path) => path,
        None => std::env::current_exe()?.with_file_name("tessera"),
    };
    anyhow::ensure!(
        tessera.exists(),
        "no tessera binary at {} (build it, or pass --tessera)",
        tessera.display()
    );
    let seed = args.seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let outcome = chaos::run(Options {
        tessera,
        traffic: Duration::from_secs(args.seconds),
        buyers: args.buyers,
        smtp_outage: Duration::from_secs(args.smtp_outage),
        settle_limit: Duration::from_secs(args.settle),
        seed,
    })
    .await?;
    println!("\nchaos: figures");
    for figure in &outcome.figures {
        println!("  - {figure}");
    }
    if outcome.failures.is_empty() {
        println!("chaos: nothing lost, nothing done twice (seed {seed})");
        let _ = std::fs::remove_dir_all(&outcome.logs);
        return Ok(());
    }
    println!(
        "\nchaos: {} FAILURES (seed {seed}; process logs in {})",
        outcome.failures.len(),
        outcome.logs.display()
    );
    for failure in outcome.failures.iter().take(50) {
        println!("  - {failure}");
    }
    std::process::exit(1);
}
