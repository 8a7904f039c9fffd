//! The `tessera` binary: its command line and the processes it runs — the web app
//! (`tessera-api`), the ticketing worker and relay (`tessera-ticketing`), the chain-watcher
//! (`tessera-chain-watcher`), or all of them at once. `main.rs` only calls [`main`].

mod admin;
pub mod backup;
mod contracts;
pub mod reconcile;
pub mod seed;
pub mod server;

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use tessera_api::settings::Settings;
use tessera_core::config::Config;

/// Tessera: tickets for local, authentic events, paid by card or crypto.
///
/// Configuration comes from environment variables (DATABASE_URL, REDIS_URL, TESSERA_LISTEN,
/// TESSERA_PUBLIC_URL, TESSERA_DATA_DIR, ...); every one has a default that works on a
/// development machine. See the README's configuration table.
#[derive(Debug, Parser)]
#[command(name = "tessera", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the database if needed and apply every pending migration.
    Migrate,
    /// Load data into the database.
    Seed {
        /// The demo catalog: 60-odd upcoming events in seven cities, dated from today.
        /// Safe to run again: it updates what it loaded before instead of duplicating it.
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Serve the web app (pages and JSON API) on TESSERA_LISTEN.
    Serve,
    /// Manage admin accounts.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Deliver paid orders: the ticketing worker (tickets, PDF, email) and the outbox relay
    /// that feeds it. Run as many as the load needs.
    Ticketing,
    /// Watch payments that settle over time: polls every open BTCPay invoice as the backstop
    /// for lost webhooks (needs the TESSERA_BTCPAY_* settings), and follows the payment
    /// contract's logs on Ethereum (needs the TESSERA_ETH_* settings).
    ChainWatcher,
    /// Run every service of the platform in one process: the web app and the background
    /// tasks (session and hold sweepers, the outbox relay, the ticketing worker).
    All,
    /// Our payment contract on an Ethereum chain.
    /// Print finance's reconciliation ledger: one row per receipt on every rail, matched to its
    /// order, with its discrepancy. Days are in TESSERA_REPORTING_TIME_ZONE.
    Reconcile {
        /// First day received, YYYY-MM-DD (default: the beginning).
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// Last day received, inclusive (default: today).
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value = "csv")]
        format: LedgerFormat,
        /// Also re-read every ETH receipt from the node (TESSERA_ETH_RPC_URL) and report any that
        /// disagree with the ledger; exits 1 if one does.
        #[arg(long)]
        verify_chain: bool,
    },
    Contracts {
        #[command(subcommand)]
        command: ContractsCommand,
    },
    /// Take a consistent backup of the database and the blob store (while the shop sells)
    /// into a new folder under --to.
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Restore a backup folder into the (new, empty) database at DATABASE_URL and the blob
    /// store, checking every table and blob against the backup's manifest.
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum LedgerFormat {
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
enum ContractsCommand {
    /// Deploy the TesseraPay payment contract and print its address (set it as
    /// TESSERA_ETH_CONTRACT). On a local chain (31337, 1337) every role defaults to the
    /// deploying key; on any other, --owner, --treasury, --operator and --refunder are required
    /// and must differ.
    Deploy {
        /// The chain's JSON-RPC endpoint, e.g. http://127.0.0.1:8545.
        #[arg(long, env = "TESSERA_ETH_RPC_URL")]
        rpc_url: String,
        /// The deploying account's private key (hex). Prefer the environment variable: a
        /// command line is visible to other users of the machine.
        #[arg(long, env = "TESSERA_ETH_DEPLOYER_KEY", hide_env_values = true)]
        private_key: String,
        /// Who may pause, refund and change settings (default: the deploying account).
        #[arg(long)]
        owner: Option<String>,
        /// Where payments go (default: the deploying account).
        #[arg(long)]
        treasury: Option<String>,
        /// The address whose key signs quotes, TESSERA_ETH_OPERATOR_KEY's (default: the
        /// deploying account).
        #[arg(long)]
        operator: Option<String>,
        /// The refund wallet's address, TESSERA_ETH_REFUND_KEY's: it sends refunds from its own
        /// balance (default: the deploying account).
        #[arg(long)]
        refunder: Option<String>,
    },
    /// For the demo, on a local anvil chain only (chain id 31337 or 1337): deploy TesseraPay
    /// and a demo USDC from anvil's first dev account (or find them already there), allow-list
    /// the token, and print the TESSERA_ETH_* settings that point at them.
    Demo {
        /// The anvil node's JSON-RPC endpoint.
        #[arg(long, default_value = "http://127.0.0.1:8545")]
        rpc_url: String,
        /// For a further chain of TESSERA_ETH_CHAINS: print its TESSERA_ETH_<KEY>_* settings
        /// (contract, tokens, chain id) instead of the first chain's and the shared keys.
        #[arg(long)]
        chain_key: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create an admin account. The password is asked for at a prompt, or read as the first
    /// line of standard input when it is piped in. There is no way to become an admin over
    /// HTTP.
    Create {
        /// The admin's email address.
        #[arg(long)]
        email: String,
        /// The name shown in the admin console (default: the part of the email before @).
        #[arg(long)]
        name: Option<String>,
        /// If an account with this email exists, make it an admin: its password is replaced and
        /// every session it had is ended.
        #[arg(long)]
        promote: bool,
    },
}

/// Runs the command line and turns any failure into one line on stderr.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(err) => {
            eprintln!("tessera: {err}");
            return ExitCode::from(2);
        }
    };
    tessera_api::telemetry::init_logging(settings.config.log_format);
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("tessera: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("tessera: {err:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command, settings: Settings) -> anyhow::Result<()> {
    let config = &settings.config;
    match command {
        Command::Migrate => migrate(config).await,
        Command::Seed { demo: _ } => seed::demo(config).await,
        Command::Serve => crate::server::serve(settings, crate::server::Services::Web).await,
        Command::Ticketing => crate::server::ticketing(settings).await,
        Command::ChainWatcher => crate::server::chain_watcher(settings).await,
        Command::All => crate::server::serve(settings, crate::server::Services::All).await,
        Command::Admin { command: AdminCommand::Create { email, name, promote } } => {
            admin::create(config, &email, name.as_deref(), promote).await
        }
        Command::Contracts {
            command: ContractsCommand::Deploy { rpc_url, private_key, owner, treasury, operator, refunder },
        } => contracts::deploy(&rpc_url, &private_key, [owner, treasury, operator, refunder]).await,
        Command::Contracts { command: ContractsCommand::Demo { rpc_url, chain_key } } => {
            contracts::demo(&rpc_url, chain_key.as_deref()).await
        }
        Command::Backup { to } => backup(config, &to).await,
        Command::Restore { from } => restore(config, &from).await,
        Command::Reconcile { from, to, format, verify_chain } => {
            let format = match format {
                LedgerFormat::Csv => "csv",
                LedgerFormat::Json => "json",
            };
            reconcile::run(&settings, from, to, format, verify_chain).await
        }
    }
}

async fn backup(config: &Config, to: &std::path::Path) -> anyhow::Result<()> {
    use secrecy::ExposeSecret as _;
    let blobs = tessera_media::BlobStore::from_config(config).context("cannot open the blob store")?;
    let site = backup::Site {
        database_url: config.database_url.expose_secret(),
        blobs: &blobs,
        key_dir: config.ticket_signing_key.is_none().then_some(config.data_dir.as_path()),
    };
    let done = backup::backup(&site, to).await?;
    println!(
        "backed up to {}: {} tables ({} rows) as of {}, {} blobs ({} bytes){}, in {:.1} s",
        done.dir.display(),
        done.manifest.tables.len(),
        done.rows(),
        done.manifest.taken_at.to_rfc3339(),
        done.manifest.blobs.len(),
        done.blob_bytes(),
        if done.manifest.signing_key { ", the ticket signing key" } else { "" },
        done.elapsed.as_secs_f64()
    );
    Ok(())
}

async fn restore(config: &Config, from: &std::path::Path) -> anyhow::Result<()> {
    use secrecy::ExposeSecret as _;
    if tessera_core::db::create_database_if_missing(config)
        .await
        .context("cannot reach Postgres at DATABASE_URL")?
    {
        println!("created the database");
    }
    let blobs = tessera_media::BlobStore::from_config(config).context("cannot open the blob store")?;
    let site = backup::Site {
        database_url: config.database_url.expose_secret(),
        blobs: &blobs,
        key_dir: config.ticket_signing_key.is_none().then_some(config.data_dir.as_path()),
    };
    let done = backup::restore(&site, from).await?;
    println!(
        "restored {} as of {}: {} tables ({} rows) match the backup's digests, {} blobs ({} bytes) checked{}, in {:.1} s",
        from.display(),
        done.manifest.taken_at.to_rfc3339(),
        done.manifest.tables.len(),
        done.rows(),
        done.manifest.blobs.len(),
        done.blob_bytes(),
        if done.manifest.signing_key { ", the ticket signing key" } else { "" },
        done.elapsed.as_secs_f64()
    );
    Ok(())
}

async fn migrate(config: &Config) -> anyhow::Result<()> {
    if tessera_core::db::create_database_if_missing(config)
        .await
        .context("cannot reach Postgres at DATABASE_URL")?
    {
        println!("created the database");
    }
    let db = tessera_core::db::connect_lazy(config)?;
    tessera_migrations::MIGRATOR.run(&db).await.context("migration failed")?;
    let applied = tessera_migrations::MIGRATOR.iter().count();
    println!("database is up to date ({applied} migrations)");
    Ok(())
}
