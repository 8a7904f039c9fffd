//! What every handler can reach.

use std::sync::Arc;

use metrics_exporter_prometheus::PrometheusHandle;
use secrecy::SecretString;
use sqlx::PgPool;
use tessera_core::config::Config;
use tessera_core::order::{PaymentMethod, Provider};
use tessera_media::BlobStore;
use tessera_payments::btcpay::sandbox::BtcPaySandbox;
use tessera_payments::btcpay::{BtcPayCheckout, BtcPayClient, BtcPaySettings};
use tessera_payments::eth::{EthPayments, EthSettings};
use tessera_payments::sandbox::SandboxCheckout;
use tessera_payments::stripe::StripeCheckout;
use tessera_payments::{CardRefunds, CheckoutProvider};
use tessera_settlement::btc::BtcPaySettlement;
use tessera_ticketing::mail::MailSettings;

use crate::cache::ResponseCache;
use crate::settings::Settings;
use tessera_core::redis_conn::Redis;

/// Card checkout as it was set up: the provider, its refunds, the sandbox when it plays
/// Stripe, and the webhook secrets.
type CardSetup = (
    Option<Arc<dyn CheckoutProvider>>,
    Option<Arc<dyn CardRefunds>>,
    Option<Arc<SandboxCheckout>>,
    Vec<SecretString>,
);

/// What every handler can reach: one shared [`Services`], so that the copy each middleware
/// layer and handler takes of it is one reference count, not thirty.
#[derive(Clone)]
pub struct AppState(Arc<Services>);

impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

/// The process's pools, clients, caches and settings.
pub struct Services {
    pub config: Arc<Config>,
    pub db: PgPool,
    /// Places purchases in batches (see `tessera_core::order::Placer`).
    pub placer: tessera_core::order::Placer,
    /// Looks sessions up in batches.
    pub sessions: tessera_core::account::Sessions,
    /// Records opened checkouts in batches.
    pub checkouts_opened: tessera_core::order::CheckoutsOpened,
    pub redis: Redis,
    pub blobs: BlobStore,
    pub metrics: PrometheusHandle,
    /// Set on SIGTERM while the web app drains (`TESSERA_DRAIN_SECONDS`): `/readyz` answers 503
    /// and every response closes its connection.
    pub draining: Arc<std::sync::atomic::AtomicBool>,
    /// Recent catalog responses (see `cache`).
    pub catalog_cache: Arc<ResponseCache>,
    /// This process's search index (`TESSERA_SEARCH=index`, the default); none searches
    /// Postgres.
    pub search: Option<tessera_core::search::SearchIndex>,
    /// Records demand (searches, page views, orders' channels) off the request path, for the
    /// Market page; off with `TESSERA_DEMAND=off`.
    pub demand: tessera_core::demand::Demand,
    /// The pages' `Content-Security-Policy` (it names the map tile server).
    pub content_security_policy: axum::http::HeaderValue,
    /// Where maps get their tiles, and whom they credit; none draws markers on a blank map.
    pub map_tiles: Option<tessera_web::map::TileServer>,
    /// Card checkout: Stripe, or the sandbox when asked for (`TESSERA_CARD_SANDBOX=on`);
    /// none, cards are not offered.
    pub card: Option<Arc<dyn CheckoutProvider>>,
    /// Card refunds, by the same provider as `card`.
    pub card_refunds: Option<Arc<dyn CardRefunds>>,
    /// The sandbox, when it plays Stripe (its pages are served only then).
    pub sandbox: Option<Arc<SandboxCheckout>>,
    /// The secrets Stripe webhooks are signed with (configured, or made up for the sandbox).
    pub stripe_webhook_secrets: Arc<Vec<SecretString>>,
    /// Ticket delivery's settings, for the ticketing worker.
    pub mail_settings: Arc<MailSettings>,
    /// The key tickets are signed with; its public half is published for door scanners.
    pub ticket_key: Arc<ed25519_dalek::SigningKey>,
    /// The BTCPay Server store's settings, when configured (or played by the sandbox).
    pub btcpay_settings: Option<Arc<BtcPaySettings>>,
    /// Bitcoin checkout through BTCPay Server, when configured (or played by the sandbox).
    pub btc: Option<Arc<BtcPayCheckout>>,
    /// Bitcoin over Lightning through the same store, when it has Lightning enabled.
    pub lightning: Option<Arc<BtcPayCheckout>>,
    /// Brings orders in line with their BTCPay invoices and records their payments (the
    /// webhook here, the chain-watcher's poller).
    pub btc_settlement: Option<BtcPaySettlement>,
    /// The BTCPay sandbox, when it plays BTCPay Server (its pages and API are served only then).
    pub btcpay_sandbox: Option<Arc<BtcPaySandbox>>,
    /// The Ethereum settings, when configured: the contract, the node, the confirmations.
    pub eth_settings: Option<Arc<EthSettings>>,
    /// ETH and stablecoin quotes for our payment contract, when configured.
    pub eth: Option<Arc<EthPayments>>,
    /// Rate limits counted here while Redis is unreachable.
    pub local_limits: Arc<crate::auth::rate_limit::LocalLimits>,
    /// Password hashes computed at once: each takes 19 MiB, so a flood of logins waits its
    /// turn instead of exhausting memory.
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// Sends the account emails (verification and reset links); tickets go from the ticketing
    /// process.
    pub mailer: Arc<tessera_ticketing::mail::Mailer>,
}

impl AppState {
    /// State around an existing pool (the binary's lazy pool, or a test database's).
    pub fn new(settings: Settings, db: PgPool) -> anyhow::Result<Self> {
        use anyhow::Context as _;
        use secrecy::ExposeSecret as _;
        let Settings { config, mail, btcpay: btcpay_settings, eth: eth_settings } = settings;
        let redis =
            Redis::new(redis::Client::open(config.redis_url.expose_secret()).context("invalid REDIS_URL")?);
        let blobs = BlobStore::from_config(&config)
            .context("cannot open the media store (TESSERA_DATA_DIR or TESSERA_S3_*)")?;
        let mailer = Arc::new(
            tessera_ticketing::mail::Mailer::new(mail.smtp_url.expose_secret(), mail.from.clone())
                .context("cannot set up email (TESSERA_SMTP_URL)")?,
        );
        let admin_idle = config.admin_idle;
        let catalog_cache = Arc::new(ResponseCache::new(config.catalog_cache_ttl, 64 * 1024 * 1024));
        let search = config.search_index.then(|| tessera_core::search::SearchIndex::new(db.clone()));
        let demand = if config.record_demand {
            tessera_core::demand::Demand::start(db.clone(), config.reporting_time_zone)
        } else {
            tessera_core::demand::Demand::off()
        };
        let content_security_policy = crate::auth::guard::content_security_policy(&config);
        let map_tiles = config.map_tiles.clone().map(|template| tessera_web::map::TileServer {
            template,
            attribution: config.map_attribution.0.clone(),
            attribution_url: config.map_attribution.1.clone(),
        });
        let (card, card_refunds, sandbox, stripe_webhook_secrets): CardSetup = match &config.stripe.secret_key
        {
            Some(key) => {
                let stripe = Arc::new(
                    StripeCheckout::new(config.stripe.api_base.clone(), key.clone())
                        .context("cannot set up the Stripe client")?,
                );
                (Some(stripe.clone()), Some(stripe), None, config.stripe.webhook_secrets.clone())
            }
            None if !config.stripe.sandbox => (None, None, None, Vec::new()),
            None => {
                let secrets = if config.stripe.webhook_secrets.is_empty() {
                    let made_up = format!("whsec_sandbox_{}", uuid::Uuid::new_v4().simple());
                    vec![SecretString::from(made_up)]
                } else {
                    config.stripe.webhook_secrets.clone()
                };
                // It signs with the first secret, as the webhook handler checks it.
                let sandbox = Arc::new(SandboxCheckout::new(
                    redis.clone(),
                    config.public_url.clone(),
                    secrets[0].expose_secret().to_string(),
                ));
                (Some(sandbox.clone()), Some(sandbox.clone()), Some(sandbox), secrets)
            }
        };
        let ticket_key = match &config.ticket_signing_key {
            Some(key) => key.clone(),
            None => tessera_core::ticket::load_or_create_signing_key(&config.data_dir)
                .context("cannot keep the ticket signing key in TESSERA_DATA_DIR")?,
        };
        let (btc, lightning, btc_settlement, btcpay_sandbox) = match &btcpay_settings {
            None => (None, None, None, None),
            Some(btcpay) => {
                let client =
                    BtcPayClient::new(btcpay.url.clone(), btcpay.api_key.clone(), btcpay.store_id.clone())
                        .context("cannot set up the BTCPay client")?;
                let settlement = BtcPaySettlement::new(db.clone(), client.clone(), btcpay.network);
                let sandbox = btcpay.sandbox.then(|| {
                    Arc::new(BtcPaySandbox::new(
                        redis.clone(),
                        config.public_url.clone(),
                        btcpay.store_id.clone(),
                        btcpay.webhook_secret.clone(),
                    ))
                });
                let lightning = btcpay
                    .lightning
                    .then(|| Arc::new(BtcPayCheckout::lightning(client.clone(), btcpay.network)));
                (
                    Some(Arc::new(BtcPayCheckout::new(client, btcpay.speed_policy))),
                    lightning,
                    Some(settlement),
                    sandbox,
                )
            }
        };
        let eth = match &eth_settings {
            None => None,
            Some(eth) => Some(EthPayments::new(eth).context("cannot set up Ethereum payments")?),
        };
        Ok(Self(Arc::new(Services {
            eth,
            eth_settings: eth_settings.map(Arc::new),
            btcpay_settings: btcpay_settings.map(Arc::new),
            btc,
            lightning,
            btc_settlement,
            btcpay_sandbox,
            config: Arc::new(config),
            placer: tessera_core::order::Placer::start(db.clone()),
            sessions: tessera_core::account::Sessions::with_admin_idle(db.clone(), admin_idle),
            checkouts_opened: tessera_core::order::CheckoutsOpened::start(db.clone()),
            db,
            redis,
            blobs,
            metrics: crate::telemetry::metrics_handle(),
            draining: Arc::default(),
            catalog_cache,
            search,
            demand,
            content_security_policy,
            map_tiles,
            card,
            card_refunds,
            sandbox,
            stripe_webhook_secrets: Arc::new(stripe_webhook_secrets),
            ticket_key: Arc::new(ticket_key),
            mailer,
            mail_settings: Arc::new(mail),
            local_limits: Arc::default(),
            hashing: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get).clamp(2, 8),
            )),
        })))
    }

    /// The payment methods this deployment takes: card with Stripe (or its sandbox), bitcoin
    /// with BTCPay configured (and Lightning when its store has it), and with the payment
    /// contract configured ETH where a chain's coin is ether, and USDC, USDT and EURC where a
    /// chain allow-lists them.
    pub fn payment_methods(&self) -> Vec<PaymentMethod> {
        let mut methods = Vec::new();
        if self.card.is_some() {
            methods.push(PaymentMethod::Card);
        }
        if self.btc.is_some() {
            methods.push(PaymentMethod::Btc);
        }
        if self.lightning.is_some() {
            methods.push(PaymentMethod::Lightning);
        }
        if let Some(eth) = &self.eth {
            let chains = eth.chains();
            for method in [PaymentMethod::Eth, PaymentMethod::Usdc, PaymentMethod::Usdt, PaymentMethod::Eurc]
            {
                let asset = method.eth_asset().unwrap_or_default();
                if chains.iter().any(|chain| chain.assets.iter().any(|a| a == asset)) {
                    methods.push(method);
                }
            }
        }
        methods
    }

    /// Whether payments of `method` are taken on `chain` (an Ethereum asset's chain id; none
    /// for the first chain, and for every other method).
    pub fn takes(&self, method: PaymentMethod, chain: Option<u64>) -> bool {
        match (method.eth_asset(), &self.eth) {
            (Some(asset), Some(eth)) => eth.offers(asset, chain),
            (Some(_), None) => false,
            (None, _) => chain.is_none() && self.payment_methods().contains(&method),
        }
    }

    /// Whether a buyer asking for `asked` (a chain id; none for the first chain) means chain
    /// `chain_id`.
    pub fn names_chain(&self, asked: Option<u64>, chain_id: i64) -> bool {
        let asked = asked.or_else(|| self.eth_settings.as_ref().and_then(|eth| eth.primary().chain_id));
        // A lone unpinned first chain is whatever chain its node is on.
        asked.is_none_or(|asked| i64::try_from(asked).ok() == Some(chain_id))
    }

    /// What a checkout offers, as (form value, label): each method this deployment takes, and
    /// with several chains each Ethereum asset on every chain that takes it, labelled with the
    /// chain ("USDC on Base"); off the first chain the value names the chain (`usdc@8453`,
    /// read back by [`parse_choice`]).
    pub fn checkout_choices(&self) -> Vec<(String, String)> {
        let mut choices = Vec::new();
        for method in self.payment_methods() {
            let label = tessera_web::view::method_label(method);
            let (Some(asset), Some(eth)) = (method.eth_asset(), &self.eth) else {
                choices.push((method.as_str().to_string(), label));
                continue;
            };
            let chains = eth.chains();
            for chain in chains.iter().filter(|chain| chain.assets.iter().any(|a| a == asset)) {
                let value = match (chain.primary, chain.chain_id) {
                    (true, _) => method.as_str().to_string(),
                    (false, Some(id)) => format!("{}@{id}", method.as_str()),
                    (false, None) => continue,
                };
                let label = if chains.len() == 1 {
                    label.clone()
                } else {
                    let name = offer_name(chain);
                    tessera_i18n::t_args(
                        "method-on-chain",
                        [("method", label.as_str().into()), ("chain", name.into())],
                    )
                };
                choices.push((value, label));
            }
        }
        choices
    }

    /// `what` on the chain it is on ("12.5 USDC on Base"), when this shop takes payments on
    /// several chains and `chain_id` names one; else `what` as it is.
    pub fn on_chain(&self, what: String, chain_id: Option<i64>) -> String {
        match chain_id {
            Some(chain) if self.eth_settings.as_ref().is_some_and(|eth| eth.chains.len() > 1) => {
                tessera_i18n::t_args(
                    "method-on-chain",
                    [("method", what.into()), ("chain", self.chain_label(chain).into())],
                )
            }
            _ => what,
        }
    }

    /// What customers read for chain `chain_id`: the name it was configured with, else its
    /// well-known name.
    pub fn chain_label(&self, chain_id: i64) -> String {
        chain_label(self.eth.as_ref().and_then(|eth| eth.chain_name(chain_id)), chain_id)
    }

    /// Who takes payments of this method, if anyone here does.
    pub fn provider(&self, method: PaymentMethod) -> Option<Arc<dyn CheckoutProvider>> {
        match method {
            PaymentMethod::Card => self.card.clone(),
            PaymentMethod::Btc => self.btc.clone().map(|btc| btc as Arc<dyn CheckoutProvider>),
            PaymentMethod::Lightning => self.lightning.clone().map(|ln| ln as Arc<dyn CheckoutProvider>),
            PaymentMethod::Eth | PaymentMethod::Usdc | PaymentMethod::Usdt | PaymentMethod::Eurc => None,
        }
    }

    /// The provider behind a payment row's `provider`.
    pub fn provider_named(&self, provider: Provider) -> Option<Arc<dyn CheckoutProvider>> {
        match provider {
            Provider::Stripe => self.provider(PaymentMethod::Card),
            Provider::BtcPay => self.provider(PaymentMethod::Btc),
            Provider::Free | Provider::Ethereum => None,
        }
    }
}

/// A checkout's choice as [`AppState::checkout_choices`] writes it: the method, and the chain
/// for an Ethereum asset off the first chain (`usdc@8453`).
pub fn parse_choice(value: &str) -> Option<(PaymentMethod, Option<u64>)> {
    let (method, chain) = match value.trim().split_once('@') {
        Some((method, chain)) => (method, Some(chain.parse::<u64>().ok()?)),
        None => (value.trim(), None),
    };
    let method = method.parse::<PaymentMethod>().ok()?;
    (chain.is_none() || method.eth_asset().is_some()).then_some((method, chain))
}

/// What customers read for a chain on offer: its configured name, else its well-known name (an
/// unpinned first chain is a local one).
pub fn offer_name(chain: &tessera_payments::eth::ChainOffer) -> String {
    match chain.chain_id {
        Some(id) => chain_label(chain.name.as_deref(), i64::try_from(id).unwrap_or_default()),
        None => chain.name.clone().unwrap_or_else(|| tessera_i18n::t("order-chain-local")),
    }
}

/// The configured `name`, else the chain's well-known name, in the reader's language.
fn chain_label(name: Option<&str>, chain_id: i64) -> String {
    if let Some(name) = name {
        return name.to_string();
    }
    match chain_id {
        1 => "Ethereum".into(),
        10 => "OP Mainnet".into(),
        137 => "Polygon".into(),
        8453 => "Base".into(),
        42161 => "Arbitrum One".into(),
        11_155_111 => tessera_i18n::t("order-chain-sepolia"),
        31337 => tessera_i18n::t("order-chain-local"),
        other => tessera_i18n::t_args("order-chain-other", [("id", other.to_string().into())]),
    }
}
