//! Configuration from environment variables, with defaults that work on a dev machine.
//!
//! Every setting is read once at startup. A missing or malformed value is a [`ConfigError`]
//! naming the variable, which the binary prints as one line instead of panicking.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/tessera";
pub const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./data";

/// A setting that is present but unusable.
#[derive(Debug, thiserror::Error)]
#[error("invalid {var}: {message}")]
pub struct ConfigError {
    pub var: &'static str,
    pub message: String,
}

impl ConfigError {
    fn new(var: &'static str, message: impl Into<String>) -> Self {
        Self { var, message: message.into() }
    }
}

/// Log output format (`TESSERA_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Pretty,
    /// One JSON object per line, for a log collector.
    Json,
}

/// The configuration of the `tessera` binary.
#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`. Secret: it may carry a password.
    pub database_url: SecretString,
    /// `REDIS_URL`. Secret for the same reason.
    pub redis_url: SecretString,
    /// `TESSERA_LISTEN`: address the web app binds.
    pub listen: SocketAddr,
    /// `TESSERA_PUBLIC_URL`: the address people reach us at, for links in emails and redirects.
    /// Defaults to `http://{listen}`.
    pub public_url: Url,
    /// `TESSERA_DATA_DIR`: the local blob store (media) and other files the app keeps.
    pub data_dir: PathBuf,
    /// `TESSERA_DB_MAX_CONNECTIONS`: size of the Postgres pool.
    pub db_max_connections: u32,
    /// `TESSERA_LOG_FORMAT`: `pretty` (default) or `json`.
    pub log_format: LogFormat,
    /// `TESSERA_CATALOG_CACHE_SECONDS`: how long anonymous catalog responses are reused
    /// (default 5; 0 turns the cache off).
    pub catalog_cache_ttl: Duration,
    /// `TESSERA_ORIGIN_SECRET`: when set, every request but `/healthz` must carry it in
    /// `X-Origin-Verify` (added by the load balancer or CDN in front of us).
    pub origin_secret: Option<SecretString>,
    /// `TESSERA_S3_BUCKET` and friends: media in an S3-compatible bucket instead of
    /// `TESSERA_DATA_DIR/media`. Credentials come from the usual `AWS_*` variables.
    pub s3: Option<S3Config>,
    /// `TESSERA_HOLD_MINUTES`: how long tickets are held while the customer pays (default 15).
    pub hold: Duration,
    /// Card checkout: Stripe, or the built-in sandbox when no secret key is set.
    pub stripe: StripeConfig,
    /// `TESSERA_STREAM_PREFIX`: put before every Redis stream name (default none), so several
    /// deployments (or test runs) can share one Redis.
    pub stream_prefix: String,
    /// `TESSERA_TICKET_SIGNING_KEY`: the Ed25519 seed (32 bytes, base64url) tickets are signed
    /// with. Unset: one is made and kept in `TESSERA_DATA_DIR/ticket-signing-key`.
    pub ticket_signing_key: Option<SecretString>,
    /// Ticket delivery: the SMTP relay, the sender, retries and links.
    pub mail: MailConfig,
    /// Bitcoin payments through a BTCPay Server store; unset, bitcoin is not offered.
    pub btcpay: Option<BtcPayConfig>,
    /// ETH and stablecoin payments through our payment contract; unset, neither is offered.
    pub eth: Option<EthConfig>,
}

/// Ethereum payments through our payment contract (`TESSERA_ETH_*`; the first four go
/// together). The chain id is read from the node.
#[derive(Debug, Clone)]
pub struct EthConfig {
    /// `TESSERA_ETH_RPC_URL`: the node's JSON-RPC over http(s). Secret: providers put API keys
    /// in it.
    pub rpc_url: SecretString,
    /// `TESSERA_ETH_CONTRACT`: the address of our TesseraPay contract (lower-case 0x-hex).
    pub contract: String,
    /// `TESSERA_ETH_OPERATOR_KEY`: the private key (0x-hex) whose address is the contract's
    /// operator; it signs every quote.
    pub operator_key: SecretString,
    /// `TESSERA_ETH_RATES`: where prices are converted: a fixed table (`ETH/EUR=3000,USDC/EUR=0.92`,
    /// for the demo and tests) or an http(s) URL with `{asset}` in it answering in the shape of
    /// Coinbase's exchange-rates API.
    pub rates: RateSourceConfig,
    /// `TESSERA_ETH_RATES_TTL_SECONDS` (default 60): how long a rate read over HTTP is reused.
    pub rates_ttl: Duration,
    /// `TESSERA_ETH_TOKENS`: the allow-listed ERC-20 tokens customers may pay in, as
    /// `SYMBOL=0xaddress` pairs separated by commas (`USDC=0xa0b8…`); decimals are read from the
    /// token. `USDC` is offered as the `usdc` payment method.
    pub tokens: Vec<EthToken>,
    /// `TESSERA_ETH_CONFIRMATIONS` (default 12): how deep a payment's log must be before its
    /// order is paid (1 = in the newest block), or `finalized` to wait for the node's finalized
    /// block (mainnet).
    pub confirmations: Confirmations,
    /// `TESSERA_ETH_START_BLOCK` (default 0): where a watcher with no cursor yet begins (the
    /// contract's deployment block).
    pub start_block: u64,
    /// `TESSERA_ETH_MAX_BLOCK_RANGE` (default 2000): the most blocks asked for in one
    /// `eth_getLogs` (providers limit it).
    pub max_block_range: u64,
    /// `TESSERA_ETH_POLL_SECONDS` (default 4): how often the watcher asks for the head.
    pub poll_interval: Duration,
    /// `TESSERA_ETH_SANDBOX=on`: order pages get a button that pays from a dev account of a local
    /// `anvil` node (chain id 31337 only), for the demo.
    pub sandbox: bool,
}

/// An allow-listed ERC-20 token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthToken {
    /// Upper case, as customers see it (`USDC`).
    pub symbol: String,
    /// Lower-case 0x-hex.
    pub address: String,
}

/// When a payment's log counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmations {
    /// This many blocks deep, counting its own (1 = in the newest block).
    Blocks(u32),
    /// In a block the node reports as finalized.
    Finalized,
}

/// Where crypto quotes get their exchange rates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RateSourceConfig {
    /// A fixed table, `ETH/EUR=3000,USDC/EUR=0.92`.
    Fixed(String),
    /// An http(s) URL with `{asset}` where the asset's symbol goes.
    Http(String),
}

/// The chain id of a local `anvil` (and hardhat) node: the only chain the sandbox pays on.
pub const ANVIL_CHAIN_ID: u64 = 31337;

/// A BTCPay Server store (`TESSERA_BTCPAY_*`; the first four go together).
#[derive(Debug, Clone)]
pub struct BtcPayConfig {
    /// `TESSERA_BTCPAY_URL`: the server, e.g. `https://btcpay.example.org`.
    pub url: Url,
    /// `TESSERA_BTCPAY_API_KEY`: a Greenfield API key with `btcpay.store.cancreateinvoice`,
    /// `btcpay.store.canviewinvoices` and `btcpay.store.canmodifyinvoices` on the store.
    pub api_key: SecretString,
    /// `TESSERA_BTCPAY_STORE_ID`.
    pub store_id: String,
    /// `TESSERA_BTCPAY_WEBHOOK_SECRET`: the secret of the store's webhook to `/webhooks/btcpay`.
    pub webhook_secret: SecretString,
    /// `TESSERA_BTCPAY_SPEED_POLICY` (default `MediumSpeed`, one confirmation): `HighSpeed`,
    /// `MediumSpeed`, `LowMediumSpeed` or `LowSpeed`.
    pub speed_policy: String,
    /// `TESSERA_BTCPAY_POLL_SECONDS` (default 30, 5 in the sandbox): how often the
    /// chain-watcher reads every open invoice back, the backstop for lost webhooks.
    pub poll_interval: Duration,
    /// `TESSERA_BTCPAY_NETWORK` (default `bitcoin`, `regtest` in the sandbox): the network of
    /// the store's addresses, `bitcoin`, `testnet`, `testnet4`, `signet` or `regtest`.
    pub network: String,
    /// `TESSERA_BTCPAY_SANDBOX=on` (never with a real server configured): this app plays
    /// BTCPay Server itself, under `/sandbox/btcpay/`, for the demo and the tests.
    pub sandbox: bool,
}

/// The bitcoin networks a BTCPay store can be on.
pub const BITCOIN_NETWORKS: [&str; 5] = ["bitcoin", "testnet", "testnet4", "signet", "regtest"];

/// The BTCPay sandbox's Greenfield API key and store: fixed, since it holds no real money and
/// a separate `tessera chain-watcher` process must reach the same sandbox.
pub const BTCPAY_SANDBOX_API_KEY: &str = "sandbox-greenfield-key";
pub const BTCPAY_SANDBOX_STORE_ID: &str = "SandboxStore";

/// How tickets reach customers.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `TESSERA_SMTP_URL` (default `smtp://127.0.0.1:1025`, a local capture server):
    /// `smtp://host:port` plain, `?tls=required` for STARTTLS, `smtps://` for TLS, with
    /// `user:password@` for a relay that wants a login. Secret for that reason.
    pub smtp_url: SecretString,
    /// `TESSERA_MAIL_FROM` (default `Tessera <tickets@localhost>`): the sender, whose domain
    /// also names our Message-IDs.
    pub from: String,
    /// `TESSERA_DELIVERY_MAX_ATTEMPTS` (default 5): attempts at delivering an order before it is
    /// dead-lettered for an admin to retry.
    pub max_attempts: i32,
    /// `TESSERA_DOWNLOAD_LINK_DAYS` (default 60): how long the email's download link works.
    pub download_link_days: i64,
    /// `TESSERA_TICKETING_CONCURRENCY` (default 4): orders one worker delivers at once.
    pub concurrency: usize,
}

/// Card checkout settings.
#[derive(Debug, Clone)]
pub struct StripeConfig {
    /// `TESSERA_STRIPE_SECRET_KEY`. Unset: the sandbox plays Stripe's part.
    pub secret_key: Option<SecretString>,
    /// `TESSERA_STRIPE_WEBHOOK_SECRET`: the endpoint's signing secret; several, comma-separated,
    /// while one is being rotated. Required with a secret key; with the sandbox, one is made
    /// up at startup when unset.
    pub webhook_secrets: Vec<SecretString>,
    /// `TESSERA_STRIPE_API_BASE` (default `https://api.stripe.com`).
    pub api_base: Url,
}

/// Where media live when they live in S3 (or anything that speaks its API).
#[derive(Debug, Clone)]
pub struct S3Config {
    /// `TESSERA_S3_BUCKET`.
    pub bucket: String,
    /// `TESSERA_S3_REGION` (default `AWS_REGION`, then `us-east-1`).
    pub region: String,
    /// `TESSERA_S3_ENDPOINT`: for S3-compatible stores; path-style requests are used then.
    pub endpoint: Option<Url>,
    /// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`, when given; otherwise the AWS
    /// defaults apply (instance role, web identity, …).
    pub credentials: Option<(String, SecretString)>,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    /// Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());

        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        check_url_scheme("DATABASE_URL", &database_url, &["postgres", "postgresql"])?;
        let redis_url = get("REDIS_URL").unwrap_or_else(|| DEFAULT_REDIS_URL.into());
        check_url_scheme("REDIS_URL", &redis_url, &["redis", "rediss"])?;

        let listen_raw = get("TESSERA_LISTEN").unwrap_or_else(|| DEFAULT_LISTEN.into());
        let listen: SocketAddr = listen_raw.trim().parse().map_err(|_| {
            ConfigError::new(
                "TESSERA_LISTEN",
                format!("{listen_raw:?} is not an address like 127.0.0.1:8080"),
            )
        })?;

        let public_url = match get("TESSERA_PUBLIC_URL") {
            Some(raw) => parse_public_url(&raw)?,
            None => parse_public_url(&format!("http://{listen}"))?,
        };

        let data_dir = PathBuf::from(get("TESSERA_DATA_DIR").unwrap_or_else(|| DEFAULT_DATA_DIR.into()));

        let db_max_connections = match get("TESSERA_DB_MAX_CONNECTIONS") {
            None => 16,
            Some(raw) => match raw.trim().parse::<u32>() {
                Ok(n) if (1..=1000).contains(&n) => n,
                _ => {
                    return Err(ConfigError::new(
                        "TESSERA_DB_MAX_CONNECTIONS",
                        format!("{raw:?} is not a number from 1 to 1000"),
                    ));
                }
            },
        };

        let catalog_cache_ttl = match get("TESSERA_CATALOG_CACHE_SECONDS") {
            None => Duration::from_secs(5),
            Some(raw) => match raw.trim().parse::<u64>() {
                Ok(seconds) if seconds <= 3600 => Duration::from_secs(seconds),
                _ => {
                    return Err(ConfigError::new(
                        "TESSERA_CATALOG_CACHE_SECONDS",
                        format!("{raw:?} is not a number of seconds from 0 to 3600"),
                    ));
                }
            },
        };

        let s3 = match get("TESSERA_S3_BUCKET") {
            None => None,
            Some(bucket) => {
                let bucket = bucket.trim().to_string();
                let valid = (3..=63).contains(&bucket.len())
                    && bucket
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
                if !valid {
                    return Err(ConfigError::new(
                        "TESSERA_S3_BUCKET",
                        format!("{bucket:?} is not a bucket name"),
                    ));
                }
                let endpoint = match get("TESSERA_S3_ENDPOINT") {
                    None => None,
                    Some(raw) => Some(
                        Url::parse(raw.trim())
                            .ok()
                            .filter(|u| matches!(u.scheme(), "http" | "https"))
                            .ok_or_else(|| {
                                ConfigError::new(
                                    "TESSERA_S3_ENDPOINT",
                                    format!("{raw:?} is not an http(s) URL"),
                                )
                            })?,
                    ),
                };
                let region = get("TESSERA_S3_REGION")
                    .or_else(|| get("AWS_REGION"))
                    .unwrap_or_else(|| "us-east-1".into());
                let credentials = match (get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")) {
                    (Some(id), Some(secret)) => {
                        Some((id.trim().to_string(), SecretString::from(secret.trim().to_string())))
                    }
                    _ => None,
                };
                Some(S3Config { bucket, region: region.trim().to_string(), endpoint, credentials })
            }
        };

        let hold = match get("TESSERA_HOLD_MINUTES") {
            None => Duration::from_secs(15 * 60),
            Some(raw) => match raw.trim().parse::<u64>() {
                Ok(minutes) if (1..=1440).contains(&minutes) => Duration::from_secs(minutes * 60),
                _ => {
                    return Err(ConfigError::new(
                        "TESSERA_HOLD_MINUTES",
                        format!("{raw:?} is not a number of minutes from 1 to 1440"),
                    ));
                }
            },
        };

        let stripe = {
            let secret_key =
                get("TESSERA_STRIPE_SECRET_KEY").map(|key| SecretString::from(key.trim().to_string()));
            let webhook_secrets: Vec<SecretString> = get("TESSERA_STRIPE_WEBHOOK_SECRET")
                .map(|raw| {
                    raw.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(|s| SecretString::from(s.to_string()))
                        .collect()
                })
                .unwrap_or_default();
            if secret_key.is_some() && webhook_secrets.is_empty() {
                return Err(ConfigError::new(
                    "TESSERA_STRIPE_WEBHOOK_SECRET",
                    "is required with TESSERA_STRIPE_SECRET_KEY (the webhook endpoint's signing secret)",
                ));
            }
            let api_base = match get("TESSERA_STRIPE_API_BASE") {
                None => Url::parse("https://api.stripe.com").expect("a valid URL"),
                Some(raw) => Url::parse(raw.trim())
                    .ok()
                    .filter(|u| matches!(u.scheme(), "http" | "https"))
                    .ok_or_else(|| {
                    ConfigError::new("TESSERA_STRIPE_API_BASE", format!("{raw:?} is not an http(s) URL"))
                })?,
            };
            // The sandbox pays for tickets at the click of a button: never let a public
            // deployment fall into it because a key was forgotten.
            let sandbox_allowed = get("TESSERA_CARD_SANDBOX").is_some_and(|v| v.trim() == "on");
            if secret_key.is_none() && public_url.scheme() == "https" && !sandbox_allowed {
                return Err(ConfigError::new(
                    "TESSERA_STRIPE_SECRET_KEY",
                    "is required when TESSERA_PUBLIC_URL is https (without it the card sandbox would take \
                     payments; set TESSERA_CARD_SANDBOX=on if that is really wanted)",
                ));
            }
            StripeConfig { secret_key, webhook_secrets, api_base }
        };

        let ticket_signing_key = match get("TESSERA_TICKET_SIGNING_KEY") {
            None => None,
            Some(raw) => {
                crate::ticket::signing_key_from_base64(&raw).map_err(|_| {
                    ConfigError::new(
                        "TESSERA_TICKET_SIGNING_KEY",
                        "is not a base64url-encoded 32-byte Ed25519 seed",
                    )
                })?;
                Some(SecretString::from(raw.trim().to_string()))
            }
        };

        let mail = {
            let smtp_url = get("TESSERA_SMTP_URL").unwrap_or_else(|| "smtp://127.0.0.1:1025".into());
            check_url_scheme("TESSERA_SMTP_URL", &smtp_url, &["smtp", "smtps"])?;
            let from = get("TESSERA_MAIL_FROM").unwrap_or_else(|| "Tessera <tickets@localhost>".into());
            let address =
                from.trim().rsplit_once('<').map_or(from.trim(), |(_, rest)| rest.trim_end_matches('>'));
            if !address.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
            {
                return Err(ConfigError::new(
                    "TESSERA_MAIL_FROM",
                    format!("{from:?} is not an email address (like \"Tessera <tickets@example.com>\")"),
                ));
            }
            MailConfig {
                smtp_url: SecretString::from(smtp_url.trim().to_string()),
                from: from.trim().to_string(),
                max_attempts: bounded(
                    get("TESSERA_DELIVERY_MAX_ATTEMPTS"),
                    "TESSERA_DELIVERY_MAX_ATTEMPTS",
                    5,
                    1,
                    100,
                )? as i32,
                download_link_days: bounded(
                    get("TESSERA_DOWNLOAD_LINK_DAYS"),
                    "TESSERA_DOWNLOAD_LINK_DAYS",
                    60,
                    1,
                    3650,
                )?,
                concurrency: bounded(
                    get("TESSERA_TICKETING_CONCURRENCY"),
                    "TESSERA_TICKETING_CONCURRENCY",
                    4,
                    1,
                    64,
                )? as usize,
            }
        };

        let btcpay = {
            let names = [
                "TESSERA_BTCPAY_URL",
                "TESSERA_BTCPAY_API_KEY",
                "TESSERA_BTCPAY_STORE_ID",
                "TESSERA_BTCPAY_WEBHOOK_SECRET",
            ];
            let values: Vec<Option<String>> =
                names.iter().map(|name| get(name).map(|v| v.trim().to_string())).collect();
            let sandbox = match get("TESSERA_BTCPAY_SANDBOX").as_deref().map(str::trim) {
                None | Some("" | "off") => false,
                Some("on") => true,
                Some(other) => {
                    return Err(ConfigError::new(
                        "TESSERA_BTCPAY_SANDBOX",
                        format!("{other:?} is not on or off"),
                    ));
                }
            };
            let server = match values.as_slice() {
                [None, None, None, None] => None,
                _ if sandbox => {
                    // The sandbox pays invoices at the click of a button: never beside a real server.
                    return Err(ConfigError::new(
                        "TESSERA_BTCPAY_SANDBOX",
                        "cannot be on while a real BTCPay Server is configured (TESSERA_BTCPAY_URL and the rest)",
                    ));
                }
                [Some(url), Some(api_key), Some(store_id), Some(secret)] => {
                    let url = Url::parse(url)
                        .ok()
                        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
                        .ok_or_else(|| {
                            ConfigError::new("TESSERA_BTCPAY_URL", format!("{url:?} is not an http(s) URL"))
                        })?;
                    Some((url, api_key.clone(), store_id.clone(), SecretString::from(secret.clone())))
                }
                partial => {
                    let missing = names
                        .iter()
                        .zip(partial)
                        .find(|(_, value)| value.is_none())
                        .map_or(names[0], |(name, _)| *name);
                    return Err(ConfigError::new(
                        missing,
                        "is required with the other TESSERA_BTCPAY_* settings (URL, API key, store id, webhook secret)",
                    ));
                }
            };
            let server = match server {
                Some(server) => Some(server),
                // The sandbox's Greenfield API is served by this app; its key is a fixed one,
                // so a separate `tessera chain-watcher` can read it too, and its webhooks are
                // signed with a secret made up at start (they are delivered in-process).
                None if sandbox => Some((
                    public_url.join("sandbox/btcpay/").map_err(|err| {
                        ConfigError::new(
                            "TESSERA_PUBLIC_URL",
                            format!("cannot serve the BTCPay sandbox under it: {err}"),
                        )
                    })?,
                    BTCPAY_SANDBOX_API_KEY.to_string(),
                    BTCPAY_SANDBOX_STORE_ID.to_string(),
                    SecretString::from(format!("btcpay-sandbox-{}", uuid::Uuid::new_v4().simple())),
                )),
                None => None,
            };
            match server {
                None => None,
                Some((url, api_key, store_id, webhook_secret)) => {
                    let speed_policy = get("TESSERA_BTCPAY_SPEED_POLICY")
                        .map(|v| v.trim().to_string())
                        .unwrap_or_else(|| "MediumSpeed".into());
                    if !["HighSpeed", "MediumSpeed", "LowMediumSpeed", "LowSpeed"]
                        .contains(&speed_policy.as_str())
                    {
                        return Err(ConfigError::new(
                            "TESSERA_BTCPAY_SPEED_POLICY",
                            format!(
                                "{speed_policy:?} is not one of HighSpeed, MediumSpeed, LowMediumSpeed, LowSpeed"
                            ),
                        ));
                    }
                    let network = get("TESSERA_BTCPAY_NETWORK")
                        .map(|v| v.trim().to_string())
                        .unwrap_or_else(|| if sandbox { "regtest" } else { "bitcoin" }.into());
                    if !BITCOIN_NETWORKS.contains(&network.as_str()) {
                        return Err(ConfigError::new(
                            "TESSERA_BTCPAY_NETWORK",
                            format!("{network:?} is not one of {}", BITCOIN_NETWORKS.join(", ")),
                        ));
                    }
                    let poll_interval = Duration::from_secs(bounded(
                        get("TESSERA_BTCPAY_POLL_SECONDS"),
                        "TESSERA_BTCPAY_POLL_SECONDS",
                        if sandbox { 5 } else { 30 },
                        1,
                        3600,
                    )? as u64);
                    Some(BtcPayConfig {
                        poll_interval,
                        url,
                        api_key: SecretString::from(api_key),
                        store_id,
                        webhook_secret,
                        speed_policy,
                        network,
                        sandbox,
                    })
                }
            }
        };

        let eth = eth_config(&get)?;

        let log_format = match get("TESSERA_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError::new(
                    "TESSERA_LOG_FORMAT",
                    format!("{other:?} is neither \"pretty\" nor \"json\""),
                ));
            }
        };

        Ok(Self {
            database_url: database_url.into(),
            redis_url: redis_url.into(),
            listen,
            public_url,
            data_dir,
            db_max_connections,
            log_format,
            catalog_cache_ttl,
            origin_secret: get("TESSERA_ORIGIN_SECRET")
                .map(|secret| SecretString::from(secret.trim().to_string())),
            s3,
            hold,
            stripe,
            stream_prefix: get("TESSERA_STREAM_PREFIX").map(|p| p.trim().to_string()).unwrap_or_default(),
            ticket_signing_key,
            mail,
            btcpay,
            eth,
        })
    }

    /// Whether links we hand out are https, so cookies and HSTS can follow.
    pub fn is_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }
}

/// `TESSERA_ETH_*`: all of the first four, or none.
fn eth_config(get: &impl Fn(&str) -> Option<String>) -> Result<Option<EthConfig>, ConfigError> {
    let names =
        ["TESSERA_ETH_RPC_URL", "TESSERA_ETH_CONTRACT", "TESSERA_ETH_OPERATOR_KEY", "TESSERA_ETH_RATES"];
    let values: Vec<Option<String>> =
        names.iter().map(|name| get(name).map(|v| v.trim().to_string())).collect();
    let [Some(rpc_url), Some(contract), Some(operator_key), Some(rates)] = values.as_slice() else {
        if values.iter().all(Option::is_none) {
            if get("TESSERA_ETH_SANDBOX").is_some_and(|v| v.trim() == "on") {
                return Err(ConfigError::new(
                    "TESSERA_ETH_SANDBOX",
                    "needs the node and contract it pays on (TESSERA_ETH_RPC_URL and the rest)",
                ));
            }
            return Ok(None);
        }
        let missing =
            names.iter().zip(&values).find(|(_, v)| v.is_none()).map_or(names[0], |(name, _)| *name);
        return Err(ConfigError::new(
            missing,
            "is required with the other TESSERA_ETH_* settings (RPC URL, contract, operator key, rates)",
        ));
    };
    // The message never repeats the URL: it may hold an API key.
    check_url_scheme("TESSERA_ETH_RPC_URL", rpc_url, &["http", "https"])?;
    let contract = eth_address("TESSERA_ETH_CONTRACT", contract)?;
    let key_hex = operator_key.strip_prefix("0x").unwrap_or(operator_key);
    if key_hex.len() != 64 || !key_hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ConfigError::new("TESSERA_ETH_OPERATOR_KEY", "is not a 32-byte private key in hex"));
    }
    let rates = if rates.starts_with("http://") || rates.starts_with("https://") {
        if !rates.contains("{asset}") {
            return Err(ConfigError::new(
                "TESSERA_ETH_RATES",
                "an HTTP rate source needs {asset} in its URL",
            ));
        }
        RateSourceConfig::Http(rates.clone())
    } else {
        let well_formed = rates.split(',').all(|pair| {
            pair.split_once('=').is_some_and(|(names, rate)| {
                names.split_once('/').is_some_and(|(a, f)| !a.trim().is_empty() && !f.trim().is_empty())
                    && !rate.trim().is_empty()
            })
        });
        if !well_formed {
            return Err(ConfigError::new(
                "TESSERA_ETH_RATES",
                format!("{rates:?} is neither an http(s) URL nor a table like ETH/EUR=3000,USDC/EUR=0.92"),
            ));
        }
        RateSourceConfig::Fixed(rates.clone())
    };
    let mut tokens = Vec::new();
    for pair in get("TESSERA_ETH_TOKENS").iter().flat_map(|raw| raw.split(',')) {
        let pair = pair.trim();
        if pair.is_empty() {
            continue;
        }
        let Some((symbol, address)) = pair.split_once('=') else {
            return Err(ConfigError::new("TESSERA_ETH_TOKENS", format!("{pair:?} is not SYMBOL=0xaddress")));
        };
        let symbol = symbol.trim().to_ascii_uppercase();
        if symbol.is_empty()
            || symbol.len() > 11
            || !symbol.bytes().all(|b| b.is_ascii_alphanumeric())
            || symbol == "ETH"
        {
            return Err(ConfigError::new("TESSERA_ETH_TOKENS", format!("{symbol:?} is not a token symbol")));
        }
        let address = eth_address("TESSERA_ETH_TOKENS", address)?;
        if tokens.iter().any(|t: &EthToken| t.symbol == symbol) {
            return Err(ConfigError::new("TESSERA_ETH_TOKENS", format!("{symbol} is listed twice")));
        }
        tokens.push(EthToken { symbol, address });
    }
    let confirmations = match get("TESSERA_ETH_CONFIRMATIONS").map(|v| v.trim().to_ascii_lowercase()) {
        None => Confirmations::Blocks(12),
        Some(v) if v == "finalized" => Confirmations::Finalized,
        Some(v) => match v.parse::<u32>() {
            Ok(n) if (1..=1000).contains(&n) => Confirmations::Blocks(n),
            _ => {
                return Err(ConfigError::new(
                    "TESSERA_ETH_CONFIRMATIONS",
                    format!("{v:?} is neither a number from 1 to 1000 nor \"finalized\""),
                ));
            }
        },
    };
    let sandbox = match get("TESSERA_ETH_SANDBOX").as_deref().map(str::trim) {
        None | Some("" | "off") => false,
        Some("on") => true,
        Some(other) => {
            return Err(ConfigError::new("TESSERA_ETH_SANDBOX", format!("{other:?} is not on or off")));
        }
    };
    Ok(Some(EthConfig {
        rpc_url: SecretString::from(rpc_url.clone()),
        contract,
        operator_key: SecretString::from(operator_key.clone()),
        rates,
        rates_ttl: Duration::from_secs(bounded(
            get("TESSERA_ETH_RATES_TTL_SECONDS"),
            "TESSERA_ETH_RATES_TTL_SECONDS",
            60,
            1,
            3600,
        )? as u64),
        tokens,
        confirmations,
        start_block: bounded(get("TESSERA_ETH_START_BLOCK"), "TESSERA_ETH_START_BLOCK", 0, 0, i64::MAX)?
            as u64,
        max_block_range: bounded(
            get("TESSERA_ETH_MAX_BLOCK_RANGE"),
            "TESSERA_ETH_MAX_BLOCK_RANGE",
            2000,
            1,
            100_000,
        )? as u64,
        poll_interval: Duration::from_secs(bounded(
            get("TESSERA_ETH_POLL_SECONDS"),
            "TESSERA_ETH_POLL_SECONDS",
            4,
            1,
            3600,
        )? as u64),
        sandbox,
    }))
}

/// A 20-byte address in 0x-hex, lower-cased.
fn eth_address(var: &'static str, raw: &str) -> Result<String, ConfigError> {
    let raw = raw.trim();
    let hex = raw.strip_prefix("0x").unwrap_or("");
    if hex.len() != 40 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ConfigError::new(var, format!("{raw:?} is not a 0x-prefixed 20-byte address")));
    }
    Ok(format!("0x{}", hex.to_ascii_lowercase()))
}

/// A whole number in `min..=max`, or `default` when unset.
fn bounded(
    raw: Option<String>,
    var: &'static str,
    default: i64,
    min: i64,
    max: i64,
) -> Result<i64, ConfigError> {
    let Some(raw) = raw else { return Ok(default) };
    match raw.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ConfigError::new(var, format!("{raw:?} is not a number from {min} to {max}"))),
    }
}

fn check_url_scheme(var: &'static str, raw: &str, schemes: &[&str]) -> Result<(), ConfigError> {
    // The message never repeats the value: it may hold a password.
    let url = Url::parse(raw.trim()).map_err(|err| ConfigError::new(var, format!("not a URL ({err})")))?;
    if !schemes.contains(&url.scheme()) {
        return Err(ConfigError::new(
            var,
            format!("scheme {:?} is not one of {}", url.scheme(), schemes.join(", ")),
        ));
    }
    Ok(())
}

fn parse_public_url(raw: &str) -> Result<Url, ConfigError> {
    let var = "TESSERA_PUBLIC_URL";
    let url = Url::parse(raw.trim())
        .map_err(|err| ConfigError::new(var, format!("{raw:?} is not a URL ({err})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(ConfigError::new(var, format!("{raw:?} is not an http(s) URL")));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(ConfigError::new(var, format!("{raw:?} must not have a query or fragment")));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_lookup(|name| {
            vars.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_string())
        })
    }

    #[test]
    fn defaults_work_on_a_dev_machine() {
        let config = config(&[]).expect("defaults are valid");
        assert_eq!(config.database_url.expose_secret(), DEFAULT_DATABASE_URL);
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.public_url.as_str(), "http://127.0.0.1:8080/");
        assert!(!config.is_https());
    }

    #[test]
    fn a_malformed_setting_names_its_variable() {
        let err = config(&[("TESSERA_LISTEN", "localhost")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_LISTEN");
        assert!(err.to_string().starts_with("invalid TESSERA_LISTEN:"), "{err}");

        let err = config(&[("DATABASE_URL", "mysql://x@y/z")]).unwrap_err();
        assert_eq!(err.var, "DATABASE_URL");

        let err = config(&[("TESSERA_PUBLIC_URL", "ftp://example.com")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_PUBLIC_URL");

        let err = config(&[("TESSERA_DB_MAX_CONNECTIONS", "0")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_DB_MAX_CONNECTIONS");
    }

    #[test]
    fn database_passwords_stay_out_of_errors_and_debug_output() {
        let err = config(&[("DATABASE_URL", "mysql://user:hunter2@db/x")]).unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
        let config = config(&[("DATABASE_URL", "postgres://user:hunter2@db/x")]).unwrap();
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    #[test]
    fn an_https_public_url_is_detected() {
        let config =
            config(&[("TESSERA_PUBLIC_URL", "https://tickets.example.org"), ("TESSERA_CARD_SANDBOX", "on")])
                .unwrap();
        assert!(config.is_https());
    }

    #[test]
    fn a_public_deployment_without_stripe_keys_does_not_start_the_sandbox() {
        let err = config(&[("TESSERA_PUBLIC_URL", "https://tickets.example.org")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_STRIPE_SECRET_KEY");
        let err = config(&[("TESSERA_STRIPE_SECRET_KEY", "sk_live_x")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_STRIPE_WEBHOOK_SECRET");
        let config = config(&[
            ("TESSERA_PUBLIC_URL", "https://tickets.example.org"),
            ("TESSERA_STRIPE_SECRET_KEY", "sk_live_x"),
            ("TESSERA_STRIPE_WEBHOOK_SECRET", "whsec_a, whsec_b"),
        ])
        .unwrap();
        assert_eq!(config.stripe.webhook_secrets.len(), 2);
    }

    #[test]
    fn mail_settings_are_checked_and_smtp_passwords_stay_secret() {
        let defaults = config(&[]).unwrap();
        assert_eq!(defaults.mail.from, "Tessera <tickets@localhost>");
        assert_eq!((defaults.mail.max_attempts, defaults.mail.download_link_days), (5, 60));
        let err = config(&[("TESSERA_SMTP_URL", "http://mail:25")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_SMTP_URL");
        let err = config(&[("TESSERA_MAIL_FROM", "Tessera")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_MAIL_FROM");
        let err = config(&[("TESSERA_DELIVERY_MAX_ATTEMPTS", "0")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_DELIVERY_MAX_ATTEMPTS");
        let config = config(&[("TESSERA_SMTP_URL", "smtps://u:hunter2@mail.example.org")]).unwrap();
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    #[test]
    fn btcpay_settings_come_together_and_keep_their_secrets() {
        assert!(config(&[]).unwrap().btcpay.is_none());
        let err = config(&[("TESSERA_BTCPAY_URL", "https://btcpay.example.org")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_BTCPAY_API_KEY");
        let all = [
            ("TESSERA_BTCPAY_URL", "https://btcpay.example.org"),
            ("TESSERA_BTCPAY_API_KEY", "hunter2key"),
            ("TESSERA_BTCPAY_STORE_ID", "Store1"),
            ("TESSERA_BTCPAY_WEBHOOK_SECRET", "whsecret"),
        ];
        let btcpay = config(&all).unwrap().btcpay.unwrap();
        assert_eq!((btcpay.store_id.as_str(), btcpay.speed_policy.as_str()), ("Store1", "MediumSpeed"));
        assert!(!format!("{:?}", config(&all).unwrap()).contains("hunter2key"));
        let mut slow = all.to_vec();
        slow.push(("TESSERA_BTCPAY_SPEED_POLICY", "Warp"));
        assert_eq!(config(&slow).unwrap_err().var, "TESSERA_BTCPAY_SPEED_POLICY");
        assert_eq!((btcpay.network.as_str(), btcpay.sandbox), ("bitcoin", false));
        let mut elsewhere = all.to_vec();
        elsewhere.push(("TESSERA_BTCPAY_NETWORK", "dogecoin"));
        assert_eq!(config(&elsewhere).unwrap_err().var, "TESSERA_BTCPAY_NETWORK");
    }

    #[test]
    fn ethereum_settings_come_together_and_keep_the_key_secret() {
        assert!(config(&[]).unwrap().eth.is_none());
        let key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
        let contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
        let all = [
            ("TESSERA_ETH_RPC_URL", "https://user:apikey@rpc.example.org/v3/k"),
            ("TESSERA_ETH_CONTRACT", contract),
            ("TESSERA_ETH_OPERATOR_KEY", key),
            ("TESSERA_ETH_RATES", "ETH/EUR=3000,USDC/EUR=0.92"),
        ];
        let err = config(&all[..2]).unwrap_err();
        assert_eq!(err.var, "TESSERA_ETH_OPERATOR_KEY");
        let eth = config(&all).unwrap().eth.unwrap();
        assert_eq!(eth.contract, contract.to_ascii_lowercase());
        assert_eq!(eth.confirmations, Confirmations::Blocks(12));
        assert_eq!(eth.rates, RateSourceConfig::Fixed("ETH/EUR=3000,USDC/EUR=0.92".into()));
        assert!(eth.tokens.is_empty() && !eth.sandbox);
        let debug = format!("{:?}", config(&all).unwrap());
        assert!(!debug.contains(&key[2..]) && !debug.contains("apikey"), "{debug}");

        let with = |extra: &[(&'static str, &'static str)]| {
            let mut vars: Vec<_> =
                all.iter().filter(|(k, _)| extra.iter().all(|(e, _)| e != k)).copied().collect();
            vars.extend_from_slice(extra);
            config(&vars)
        };
        let eth = with(&[
            ("TESSERA_ETH_TOKENS", "usdc=0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
            ("TESSERA_ETH_CONFIRMATIONS", "finalized"),
            ("TESSERA_ETH_RATES", "https://api.example.org/rates?currency={asset}"),
        ])
        .unwrap()
        .eth
        .unwrap();
        assert_eq!(eth.tokens[0].symbol, "USDC");
        assert_eq!(eth.tokens[0].address, "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48");
        assert_eq!(eth.confirmations, Confirmations::Finalized);
        assert!(matches!(eth.rates, RateSourceConfig::Http(_)));

        for (var, value) in [
            ("TESSERA_ETH_CONTRACT", "0x1234"),
            ("TESSERA_ETH_OPERATOR_KEY", "hunter2"),
            ("TESSERA_ETH_RATES", "https://api.example.org/rates"),
            ("TESSERA_ETH_RATES", "three thousand"),
            ("TESSERA_ETH_TOKENS", "USDC"),
            ("TESSERA_ETH_TOKENS", "ETH=0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"),
            ("TESSERA_ETH_CONFIRMATIONS", "0"),
            ("TESSERA_ETH_SANDBOX", "yes"),
        ] {
            let err = with(&[(var, value)]).unwrap_err();
            assert_eq!(err.var, var, "{value}");
            assert!(!err.to_string().contains("hunter2"));
        }
        let err = config(&[("TESSERA_ETH_SANDBOX", "on")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_ETH_SANDBOX");
    }

    #[test]
    fn the_btcpay_sandbox_is_served_here_and_never_beside_a_real_server() {
        let sandbox =
            config(&[("TESSERA_BTCPAY_SANDBOX", "on"), ("TESSERA_PUBLIC_URL", "http://127.0.0.1:8080")])
                .unwrap()
                .btcpay
                .unwrap();
        assert!(sandbox.sandbox);
        assert_eq!(sandbox.url.as_str(), "http://127.0.0.1:8080/sandbox/btcpay/");
        assert_eq!(
            (sandbox.network.as_str(), sandbox.store_id.as_str()),
            ("regtest", BTCPAY_SANDBOX_STORE_ID)
        );
        let err = config(&[
            ("TESSERA_BTCPAY_SANDBOX", "on"),
            ("TESSERA_BTCPAY_URL", "https://btcpay.example.org"),
            ("TESSERA_BTCPAY_API_KEY", "k"),
            ("TESSERA_BTCPAY_STORE_ID", "s"),
            ("TESSERA_BTCPAY_WEBHOOK_SECRET", "w"),
        ])
        .unwrap_err();
        assert_eq!(err.var, "TESSERA_BTCPAY_SANDBOX");
        assert_eq!(config(&[("TESSERA_BTCPAY_SANDBOX", "yes")]).unwrap_err().var, "TESSERA_BTCPAY_SANDBOX");
        assert!(config(&[("TESSERA_BTCPAY_SANDBOX", "off")]).unwrap().btcpay.is_none());
    }
}
