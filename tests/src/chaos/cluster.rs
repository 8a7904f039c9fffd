//! The processes under test: two `tessera serve` behind HAProxy (`ops/haproxy/tessera.cfg`, as
//! `make demo-cluster` runs it), two `tessera ticketing` and two `tessera chain-watcher`, each
//! killable and started again with the same settings, each writing its log to a file.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::btcpay_fake::FakeBtcPay;
use crate::eth::{EthChain, SHOP_KEY};
use crate::services::{free_port, signal};

use super::providers::{FakeStripe, STRIPE_KEY, STRIPE_WEBHOOK_SECRET};

/// The balancer's secret, which the web processes require.
pub const ORIGIN_SECRET: &str = "chaos-origin-secret";
/// The BTCPay webhook's secret.
pub const BTCPAY_WEBHOOK_SECRET: &str = "chaos-btcpay-webhook-secret";
/// Payments on Ethereum are deep enough after this many blocks.
pub const CONFIRMATIONS: u64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Web,
    Ticketing,
    Watcher,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Web => "serve",
            Kind::Ticketing => "ticketing",
            Kind::Watcher => "chain-watcher",
        }
    }
}

struct Process {
    kind: Kind,
    name: String,
    /// Where it listens: the web app, or the others' metrics.
    port: u16,
    child: Option<Child>,
}

pub struct Cluster {
    bin: PathBuf,
    env: Vec<(String, String)>,
    logs: PathBuf,
    processes: Vec<Process>,
    haproxy: Option<Child>,
    http: reqwest::Client,
    /// Processes found dead before they were killed.
    crashed: Vec<String>,
}

/// What the processes are wired to.
pub struct Wiring<'a> {
    pub db_url: &'a str,
    pub redis_url: &'a str,
    pub public_url: &'a str,
    pub smtp_port: u16,
    pub stripe: &'a FakeStripe,
    pub btcpay: &'a FakeBtcPay,
    pub chain: &'a EthChain,
}

/// The settings every process runs with: the same for all, as in a real deployment.
pub fn environment(wiring: &Wiring<'_>) -> Vec<(String, String)> {
    let signing_key = {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([7u8; 32])
    };
    [
        ("DATABASE_URL", wiring.db_url.to_string()),
        ("REDIS_URL", wiring.redis_url.to_string()),
        ("TESSERA_PUBLIC_URL", wiring.public_url.to_string()),
        ("TESSERA_ORIGIN_SECRET", ORIGIN_SECRET.into()),
        ("TESSERA_DB_MAX_CONNECTIONS", "8".into()),
        ("TESSERA_TICKET_SIGNING_KEY", signing_key),
        ("TESSERA_SEARCH", "database".into()),
        ("TESSERA_DEMAND", "off".into()),
        ("TESSERA_CATALOG_CACHE_SECONDS", "0".into()),
        ("TESSERA_HOLD_MINUTES", "1".into()),
        ("TESSERA_QUOTE_MINUTES", "5".into()),
        ("TESSERA_MAX_OPEN_ORDERS", "100".into()),
        ("TESSERA_PURCHASES_PER_ACCOUNT", "100000".into()),
        ("TESSERA_PURCHASES_PER_ADDRESS", "1000000".into()),
        ("TESSERA_SMTP_URL", format!("smtp://127.0.0.1:{}", wiring.smtp_port)),
        ("TESSERA_MAIL_FROM", "Tessera Chaos <tickets@chaos.test>".into()),
        ("TESSERA_DELIVERY_MAX_ATTEMPTS", "20".into()),
        ("TESSERA_STRIPE_SECRET_KEY", STRIPE_KEY.into()),
        ("TESSERA_STRIPE_WEBHOOK_SECRET", STRIPE_WEBHOOK_SECRET.into()),
        ("TESSERA_STRIPE_API_BASE", wiring.stripe.url.clone()),
        ("TESSERA_BTCPAY_URL", wiring.btcpay.url.to_string()),
        ("TESSERA_BTCPAY_API_KEY", wiring.btcpay.api_key.clone()),
        ("TESSERA_BTCPAY_STORE_ID", wiring.btcpay.store_id.clone()),
        ("TESSERA_BTCPAY_WEBHOOK_SECRET", BTCPAY_WEBHOOK_SECRET.into()),
        ("TESSERA_BTCPAY_NETWORK", "regtest".into()),
        ("TESSERA_BTCPAY_POLL_SECONDS", "3".into()),
        ("TESSERA_ETH_RPC_URL", wiring.chain.anvil.url.clone()),
        ("TESSERA_ETH_CONTRACT", wiring.chain.contract_hex()),
        ("TESSERA_ETH_OPERATOR_KEY", SHOP_KEY.into()),
        ("TESSERA_ETH_RATES", "ETH/EUR=3000".into()),
        ("TESSERA_ETH_CONFIRMATIONS", CONFIRMATIONS.to_string()),
        ("TESSERA_ETH_POLL_SECONDS", "1".into()),
        ("RUST_LOG", "warn,tessera=info".into()),
        ("TESSERA_LOG_FORMAT", "json".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

impl Cluster {
    /// Starts every process and the balancer on `lb`.
    pub fn start(bin: &Path, env: Vec<(String, String)>, lb: u16, logs: &Path) -> Self {
        let mut processes = Vec::new();
        for (kind, count) in [(Kind::Web, 2), (Kind::Ticketing, 2), (Kind::Watcher, 2)] {
            for n in 1..=count {
                let name = format!("{}-{n}", kind.label());
                processes.push(Process { kind, name, port: free_port(), child: None });
            }
        }
        let mut cluster = Self {
            bin: bin.to_path_buf(),
            env,
            logs: logs.to_path_buf(),
            processes,
            haproxy: None,
            crashed: Vec::new(),
            http: reqwest::Client::builder().timeout(Duration::from_secs(3)).build().expect("client"),
        };
        for index in 0..cluster.processes.len() {
            cluster.spawn(index);
        }
        let webs: Vec<u16> =
            cluster.processes.iter().filter(|p| p.kind == Kind::Web).map(|p| p.port).collect();
        let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ops/haproxy/tessera.cfg");
        let log = cluster.log_file("haproxy");
        cluster.haproxy = Some(
            Command::new("haproxy")
                .args(["-db", "-f"])
                .arg(&config)
                .env("TESSERA_LB_BIND", format!("127.0.0.1:{lb}"))
                .env("TESSERA_WEB1", format!("127.0.0.1:{}", webs[0]))
                .env("TESSERA_WEB2", format!("127.0.0.1:{}", webs[1]))
                .env("TESSERA_ORIGIN_SECRET", ORIGIN_SECRET)
                .stdout(log.try_clone().expect("log"))
                .stderr(log)
                .spawn()
                .expect("haproxy (scripts/ensure-services.sh --haproxy installs it)"),
        );
        cluster
    }

    fn log_file(&self, name: &str) -> std::fs::File {
        OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.logs.join(format!("{name}.log")))
            .expect("log file")
    }

    /// The index of the `n`th process (from 0) of a kind.
    pub fn index_of(&self, kind: Kind, n: usize) -> usize {
        self.processes
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == kind)
            .nth(n)
            .map(|(i, _)| i)
            .expect("such a process")
    }

    pub fn name(&self, index: usize) -> String {
        self.processes[index].name.clone()
    }

    /// Starts the process (again), with the cluster's settings.
    pub fn spawn(&mut self, index: usize) {
        let log = self.log_file(&self.processes[index].name);
        let process = &self.processes[index];
        let mut command = Command::new(&self.bin);
        command.envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        match process.kind {
            Kind::Web => {
                command.arg("serve").env("TESSERA_LISTEN", format!("127.0.0.1:{}", process.port));
            }
            Kind::Ticketing => {
                command.arg("ticketing").env("TESSERA_METRICS_LISTEN", format!("127.0.0.1:{}", process.port));
            }
            Kind::Watcher => {
                command
                    .arg("chain-watcher")
                    .env("TESSERA_METRICS_LISTEN", format!("127.0.0.1:{}", process.port));
            }
        }
        let child = command
            .env("TESSERA_DATA_DIR", self.logs.join("data"))
            .stdout(log.try_clone().expect("log"))
            .stderr(log)
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start {}: {err}", self.bin.display()));
        self.processes[index].child = Some(child);
    }

    /// SIGKILL: no drain, no goodbye. (A process found already gone died by itself: noted.)
    pub fn kill(&mut self, index: usize) {
        let process = &mut self.processes[index];
        if let Some(child) = process.child.as_mut()
            && let Ok(Some(status)) = child.try_wait()
        {
            self.crashed.push(format!("{} exited by itself: {status}", process.name));
        }
        if let Some(mut child) = self.processes[index].child.take() {
            signal(child.id(), "KILL");
            let _ = child.wait();
        }
    }

    async fn ready(&self, index: usize) -> bool {
        let process = &self.processes[index];
        // The web app's readiness (behind the balancer's secret), or the others' metrics (which
        // refuse anything a proxy might have sent).
        let request = if process.kind == Kind::Web {
            self.http
                .get(format!("http://127.0.0.1:{}/readyz", process.port))
                .header("X-Origin-Verify", ORIGIN_SECRET)
        } else {
            self.http.get(format!("http://127.0.0.1:{}/metrics", process.port))
        };
        request.send().await.is_ok_and(|answer| answer.status().is_success())
    }

    /// Waits until the process answers as ready; false if it did not within `limit`.
    pub async fn wait_ready(&self, index: usize, limit: Duration) -> bool {
        let started = Instant::now();
        while started.elapsed() < limit {
            if self.ready(index).await {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        false
    }

    /// Waits until every process and the balancer answer.
    pub async fn wait_all_ready(&self, limit: Duration) -> anyhow::Result<()> {
        for index in 0..self.processes.len() {
            if !self.wait_ready(index, limit).await {
                anyhow::bail!(
                    "{} did not get ready within {limit:?} (its log: {})",
                    self.processes[index].name,
                    self.logs.join(format!("{}.log", self.processes[index].name)).display()
                );
            }
        }
        Ok(())
    }

    /// The processes that exited on their own, now or before they were killed.
    pub fn exited(&mut self) -> Vec<String> {
        let mut exited = self.crashed.clone();
        for process in &mut self.processes {
            if let Some(child) = process.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                exited.push(format!("{} exited by itself: {status}", process.name));
            }
        }
        exited
    }

    /// Stops everything (SIGTERM, then SIGKILL after a few seconds).
    pub fn stop(&mut self) {
        let mut children: Vec<Child> = self.processes.iter_mut().filter_map(|p| p.child.take()).collect();
        children.extend(self.haproxy.take());
        for child in &children {
            signal(child.id(), "TERM");
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        for child in &mut children {
            while Instant::now() < deadline && matches!(child.try_wait(), Ok(None)) {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}
