//! The chaos suite (`make chaos`, and a short run in `make test`): Tessera as it runs in
//! production — two `tessera serve` behind HAProxy, two `tessera ticketing`, two
//! `tessera chain-watcher` — over a Postgres, a Redis, an SMTP capture server and an anvil of
//! its own, with customers buying and paying on every rail all along, while a controller kills
//! each kind of process (SIGKILL) and starts it again, restarts Redis (which keeps nothing) and
//! Postgres (as a crash does), takes the SMTP server away, reorganises the chain, and delays and
//! repeats the providers' webhooks. When the traffic stops and the shop has settled, what
//! Postgres, the mailbox, the chain and the providers hold is checked against what customers
//! did ([`checks`]): every failure is listed, with the figures of the run.
//!
//! Stripe and BTCPay are played by fakes in this process ([`providers`]; BTCPay's is the
//! spec-checked [`crate::btcpay_fake::FakeBtcPay`]), which deliver their webhooks like the
//! providers do: late, more than once, again until answered.

mod buyers;
mod checks;
mod cluster;
mod providers;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sqlx::PgPool;
use uuid::Uuid;

use crate::btcpay_fake::FakeBtcPay;
use crate::eth::EthChain;
use crate::mail::Maildev;
use crate::services::{Gate, OwnPostgres, OwnRedis, free_port};

pub use checks::Outcome;

/// How a run goes.
#[derive(Debug, Clone)]
pub struct Options {
    /// The `tessera` binary the processes run.
    pub tessera: PathBuf,
    /// How long customers buy while faults happen.
    pub traffic: Duration,
    /// Customers buying at once.
    pub buyers: usize,
    /// How long the SMTP server stays away each time.
    pub smtp_outage: Duration,
    /// The most the shop may take to settle after the traffic stops.
    pub settle_limit: Duration,
    /// Seeds the random choices (printed, so a run can be repeated).
    pub seed: u64,
}

/// A small, seeded random source (SplitMix64): the run's choices, repeatable from the seed.
pub struct Rng(Mutex<u64>);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(Mutex::new(seed))
    }

    pub fn next(&self) -> u64 {
        let mut state = self.0.lock().expect("rng");
        *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// True with probability `percent`/100.
    pub fn percent(&self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A duration between `low` and `high`.
    pub fn between(&self, low: Duration, high: Duration) -> Duration {
        let span = high.saturating_sub(low).as_millis() as u64;
        low + Duration::from_millis(self.below(span + 1))
    }
}

/// A rail, as the buy request names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rail {
    Card,
    Btc,
    Eth,
}

impl Rail {
    pub fn method(self) -> &'static str {
        match self {
            Rail::Card => "card",
            Rail::Btc => "btc",
            Rail::Eth => "eth",
        }
    }
}

/// What the customers did: every order placed, and every payment a provider (or the chain)
/// took for one.
#[derive(Default, Clone)]
pub struct Ledger {
    pub orders: HashMap<Uuid, Placed>,
    /// Purchases refused (sold out, limits): their status and code.
    pub refused: HashMap<String, u64>,
    /// Requests that failed on the way (5xx, cut connections) and were sent again.
    pub retried: u64,
    /// When each purchase was answered with an order, for recovery figures.
    pub answered_at: Vec<Instant>,
    /// Payments the customer tried that the provider or chain refused (an expired session, a
    /// quote past its deadline).
    pub payment_refused: HashMap<Rail, u64>,
}

/// An order a customer placed.
#[derive(Debug, Clone)]
pub struct Placed {
    pub rail: Rail,
    pub email: String,
    pub event: Uuid,
    pub ticket_type: Uuid,
    pub quantity: i32,
    /// The checkout session, invoice or quote reference.
    pub provider_ref: String,
    pub paid: Option<Paid>,
    /// Paid after its hold ran out, on purpose.
    pub late: bool,
}

/// A payment the provider or the chain took.
#[derive(Debug, Clone)]
pub struct Paid {
    /// Stripe's payment intent, BTCPay's invoice, the transaction's hash.
    pub reference: String,
    /// In the rail's unit: the order's minor units for cards, satoshis, wei.
    pub amount: String,
}

/// A fault and how long the shop took to get over it.
#[derive(Debug, Clone)]
pub struct Recovery {
    pub fault: String,
    pub at: Duration,
    /// What recovery means for this fault, and how long it took (None: not within the limit).
    pub measure: &'static str,
    pub took: Option<Duration>,
}

/// Everything a run needs, shared by its tasks.
pub struct Chaos {
    pub options: Options,
    pub rng: Rng,
    pub db: PgPool,
    pub lb: u16,
    pub stripe: providers::FakeStripe,
    pub btcpay: FakeBtcPay,
    pub webhooks: providers::Webhooks,
    pub eth: buyers::EthPayer,
    pub events: Vec<(Uuid, Uuid, i32)>,
    pub ledger: Mutex<Ledger>,
    pub running: AtomicBool,
    pub started: Instant,
    pub recoveries: Mutex<Vec<Recovery>>,
    pub kills: Mutex<HashMap<&'static str, u64>>,
    pub reorgs: AtomicU64,
    pub reorged_transactions: AtomicU64,
    /// Customers who pay after their hold, waited for before the shop is checked.
    pub late_payers: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl Chaos {
    fn since_start(&self) -> Duration {
        self.started.elapsed()
    }

    fn note_recovery(&self, fault: String, at: Duration, measure: &'static str, took: Option<Duration>) {
        match took {
            Some(took) => println!(
                "chaos: {:>6.1}s  {fault}: {measure} after {:.1}s",
                at.as_secs_f64(),
                took.as_secs_f64()
            ),
            None => println!("chaos: {:>6.1}s  {fault}: {measure} NOT within the limit", at.as_secs_f64()),
        }
        self.recoveries.lock().expect("recoveries").push(Recovery { fault, at, measure, took });
    }
}

/// The servers a run owns.
struct Servers {
    postgres: OwnPostgres,
    redis: OwnRedis,
    maildev: Maildev,
    smtp: Arc<Gate>,
    chain: EthChain,
}

/// Runs the suite: sets everything up, sends customers in while the faults happen, lets the
/// shop settle and checks it. Every process's log is kept in the returned outcome's folder.
pub async fn run(options: Options) -> anyhow::Result<Outcome> {
    let logs = std::env::temp_dir().join(format!("tessera-chaos-{}", options.seed));
    let _ = std::fs::remove_dir_all(&logs);
    std::fs::create_dir_all(&logs)?;
    println!("chaos: seed {}, logs in {}", options.seed, logs.display());

    let postgres = OwnPostgres::start();
    let redis = OwnRedis::start();
    let (smtp_port, web_port) = Maildev::free_ports();
    let maildev = Maildev::spawn(smtp_port, web_port).await;
    let smtp = Arc::new(Gate::open_to(smtp_port).await);
    let chain = EthChain::start().await;
    let db_url = postgres.url("postgres");
    let db = sqlx::postgres::PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        .connect(&db_url)
        .await?;
    tessera_migrations::MIGRATOR.run(&db).await?;
    let events = buyers::events(&db).await?;

    let lb = free_port();
    let public_url = format!("http://127.0.0.1:{lb}");
    let (webhooks, deliveries) = providers::Webhooks::new(public_url.clone());
    let stripe = providers::FakeStripe::start(webhooks.clone()).await;
    let btcpay = FakeBtcPay::start().await;
    let env = cluster::environment(&cluster::Wiring {
        db_url: &db_url,
        redis_url: &redis.url(),
        public_url: &public_url,
        smtp_port: smtp.port,
        stripe: &stripe,
        btcpay: &btcpay,
        chain: &chain,
    });
    let mut cluster = cluster::Cluster::start(&options.tessera, env, lb, &logs);
    cluster.wait_all_ready(Duration::from_secs(120)).await?;
    println!("chaos: the cluster is up behind HAProxy on {public_url}");

    let chaos = Arc::new(Chaos {
        rng: Rng::new(options.seed),
        db: db.clone(),
        lb,
        stripe,
        btcpay,
        webhooks,
        eth: buyers::EthPayer::start(&chain),
        events,
        ledger: Mutex::default(),
        running: AtomicBool::new(true),
        started: Instant::now(),
        recoveries: Mutex::default(),
        kills: Mutex::default(),
        reorgs: AtomicU64::new(0),
        reorged_transactions: AtomicU64::new(0),
        late_payers: Mutex::default(),
        options: options.clone(),
    });
    let delivering = tokio::spawn(providers::deliver(chaos.clone(), deliveries));
    let expiring = tokio::spawn(providers::expire_invoices(chaos.clone()));
    let customers: Vec<_> =
        (0..options.buyers).map(|n| tokio::spawn(buyers::customer(chaos.clone(), n))).collect();

    let mut servers = Servers { postgres, redis, maildev, smtp, chain };
    faults(&chaos, &mut cluster, &mut servers).await;

    chaos.running.store(false, Ordering::SeqCst);
    for customer in customers {
        let _ = customer.await;
    }
    println!(
        "chaos: {:>6.1}s  traffic stopped; waiting for the shop to settle",
        chaos.since_start().as_secs_f64()
    );
    // The last late payers pay up to a minute and a few seconds after the traffic.
    let late_payers = std::mem::take(&mut *chaos.late_payers.lock().expect("late payers"));
    for payer in late_payers {
        let _ = payer.await;
    }
    let outcome = checks::settle_and_check(&chaos, &servers.chain, &servers.maildev, &logs).await;
    expiring.abort();
    delivering.abort();
    let _ = std::fs::copy(servers.postgres.log(), logs.join("postgres.log"));
    // A process that died by itself, at any time, is a failure (one killed on purpose was
    // started again).
    let mut outcome = outcome?;
    outcome.failures.extend(cluster.exited());
    cluster.stop();
    Ok(outcome)
}

/// The controller: every kind of fault, at random moments spread over the traffic's time,
/// each kind at least once (more in a longer run).
async fn faults(chaos: &Arc<Chaos>, cluster: &mut cluster::Cluster, servers: &mut Servers) {
    use cluster::Kind;
    #[derive(Debug, Clone, Copy)]
    enum Fault {
        Kill(Kind, usize),
        Redis,
        Postgres,
        Smtp,
        Reorg,
    }
    let one_round = [
        Fault::Kill(Kind::Web, 0),
        Fault::Kill(Kind::Ticketing, 0),
        Fault::Reorg,
        Fault::Redis,
        Fault::Kill(Kind::Watcher, 0),
        Fault::Smtp,
        Fault::Kill(Kind::Web, 1),
        Fault::Postgres,
        Fault::Kill(Kind::Ticketing, 1),
        Fault::Reorg,
        Fault::Kill(Kind::Watcher, 1),
    ];
    // About one fault every ten seconds, whole rounds only, in a shuffled order after the first.
    let traffic = chaos.options.traffic;
    let rounds = ((traffic.as_secs() / 10) as usize / one_round.len()).max(1);
    let mut plan: Vec<Fault> = Vec::new();
    for round in 0..rounds {
        let mut faults = one_round.to_vec();
        if round > 0 {
            for i in (1..faults.len()).rev() {
                faults.swap(i, chaos.rng.below(i as u64 + 1) as usize);
            }
        }
        plan.extend(faults);
    }
    let slot = traffic / (plan.len() as u32 + 1);
    let mut smtp_outages = Vec::new();
    for (n, fault) in plan.into_iter().enumerate() {
        // Faults land at random moments within their slot (never two at once).
        let due = slot * (n as u32 + 1) + chaos.rng.between(Duration::ZERO, slot / 3);
        if let Some(wait) = due.checked_sub(chaos.since_start()) {
            tokio::time::sleep(wait).await;
        }
        let at = chaos.since_start();
        match fault {
            Fault::Kill(kind, n) => {
                let index = cluster.index_of(kind, n);
                let name = cluster.name(index);
                println!("chaos: {:>6.1}s  SIGKILL {name}", at.as_secs_f64());
                let killed_at = Instant::now();
                cluster.kill(index);
                *chaos.kills.lock().expect("kills").entry(kind.label()).or_default() += 1;
                tokio::time::sleep(chaos.rng.between(Duration::from_millis(200), Duration::from_secs(3)))
                    .await;
                let restarted = Instant::now();
                cluster.spawn(index);
                let took =
                    cluster.wait_ready(index, Duration::from_secs(60)).await.then(|| restarted.elapsed());
                chaos.note_recovery(format!("{name} killed"), at, "ready again after its restart", took);
                if kind == Kind::Ticketing {
                    // What it was delivering waits for its leases to run out, then another
                    // worker takes it over.
                    watch_deliveries(
                        chaos,
                        format!("{name} killed"),
                        at,
                        "every order paid before the kill delivered",
                        killed_at,
                    );
                }
            }
            Fault::Redis => {
                println!("chaos: {:>6.1}s  Redis killed (its data is lost)", at.as_secs_f64());
                servers.redis.stop();
                tokio::time::sleep(chaos.rng.between(Duration::from_secs(1), Duration::from_secs(3))).await;
                servers.redis.restart();
                watch_deliveries(chaos, "Redis restarted empty".into(), at, PAID_BEFORE_IT, Instant::now());
            }
            Fault::Postgres => {
                println!("chaos: {:>6.1}s  Postgres crashed (immediate shutdown)", at.as_secs_f64());
                servers.postgres.crash();
                tokio::time::sleep(chaos.rng.between(Duration::from_secs(1), Duration::from_secs(4))).await;
                // From its start: crash recovery (the WAL replayed) counts.
                let back = Instant::now();
                servers.postgres.restart();
                let chaos = chaos.clone();
                // The first purchase answered after Postgres is back.
                tokio::spawn(async move {
                    let deadline = back + Duration::from_secs(120);
                    let took = loop {
                        let first = chaos
                            .ledger
                            .lock()
                            .expect("ledger")
                            .answered_at
                            .iter()
                            .find(|t| **t > back)
                            .copied();
                        if let Some(first) = first {
                            break Some(first - back);
                        }
                        if !chaos.running.load(Ordering::SeqCst) {
                            println!(
                                "chaos: Postgres restarted: no purchase before the traffic ended (not measured)"
                            );
                            return;
                        }
                        if Instant::now() > deadline {
                            break None;
                        }
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    };
                    chaos.note_recovery("Postgres restarted".into(), at, "first purchase placed", took);
                });
            }
            Fault::Smtp
                if smtp_outages.iter().any(|outage: &tokio::task::JoinHandle<()>| !outage.is_finished()) =>
            {
                println!(
                    "chaos: {:>6.1}s  (the SMTP server is still away: this outage is skipped)",
                    at.as_secs_f64()
                );
            }
            Fault::Smtp => {
                let outage = chaos.options.smtp_outage;
                println!("chaos: {:>6.1}s  SMTP server away for {}s", at.as_secs_f64(), outage.as_secs());
                servers.smtp.close().await;
                let (chaos, gate) = (chaos.clone(), servers.smtp.clone());
                smtp_outages.push(tokio::spawn(async move {
                    tokio::time::sleep(outage).await;
                    gate.open().await;
                    let at = chaos.since_start();
                    println!("chaos: {:>6.1}s  SMTP server back", at.as_secs_f64());
                    watch_deliveries(&chaos, "SMTP server back".into(), at, PAID_BEFORE_IT, Instant::now());
                }));
            }
            Fault::Reorg => {
                let depth = 1 + chaos.rng.below(4);
                match chaos.eth.reorg(depth).await {
                    Ok(moved) => {
                        println!(
                            "chaos: {:>6.1}s  chain reorganised {depth} blocks deep, {moved} payment(s) moved",
                            at.as_secs_f64()
                        );
                        chaos.reorgs.fetch_add(1, Ordering::SeqCst);
                        chaos.reorged_transactions.fetch_add(moved, Ordering::SeqCst);
                    }
                    Err(err) => println!("chaos: {:>6.1}s  reorg failed: {err}", at.as_secs_f64()),
                }
            }
        }
    }
    if let Some(rest) = traffic.checked_sub(chaos.since_start()) {
        tokio::time::sleep(rest).await;
    }
    // The gate is open again before the shop is asked to settle.
    for outage in smtp_outages {
        let _ = outage.await;
    }
}

const PAID_BEFORE_IT: &str = "every order paid before it delivered";

/// Notes how long after `since` every order paid until then is delivered (or that it was not
/// within five minutes): the recovery of a fault that held deliveries back.
fn watch_deliveries(chaos: &Arc<Chaos>, fault: String, at: Duration, measure: &'static str, since: Instant) {
    let chaos = chaos.clone();
    let paid_before = chrono::Utc::now() - chrono::Duration::from_std(since.elapsed()).unwrap_or_default();
    tokio::spawn(async move {
        let took = checks::undelivered_paid_before(&chaos.db, paid_before, Duration::from_secs(300))
            .await
            .then(|| since.elapsed());
        chaos.note_recovery(fault, at, measure, took);
    });
}
