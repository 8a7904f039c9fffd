//! Configuration from environment variables, with defaults that work on a dev machine.
//!
//! Every setting is read once at startup. A missing or malformed value is a [`ConfigError`]
//! naming the variable, which the binary prints as one line instead of panicking.
//!
//! This file holds [`Config`] and the settings every process reads; each group of settings
//! that goes together (card checkout, media storage) has its own file and parser,
//! called from [`Config::from_lookup`] in a fixed order so the first error reported stays the same.
//! A crate that owns a section of its own (a payment provider's, typed in that crate's terms)
//! parses it with the same [`Lookup`] plumbing, through [`Config::from_lookup_with`], at the
//! place in that order where its settings have always been read.

mod lookup;
mod net;
mod storage;
mod stripe;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

pub use lookup::{ConfigError, Lookup, bounded, check_url_scheme};
pub use net::IpRange;
pub use storage::S3Config;
pub use stripe::{StripeConfig, check_sandbox_url};

pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/tessera";
pub const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "./data";

/// Log output format (`TESSERA_LOG_FORMAT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Pretty,
    /// One JSON object per line, for a log collector.
    Json,
}

/// The settings every process reads. The `tessera` binary's whole configuration is this and
/// the sections other crates own, read together (`tessera_api::settings::Settings`).
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
    /// `TESSERA_SEARCH`: `index` (default), each web process searches its own in-memory index
    /// of the catalog (`tessera_core::search`); `database`, Postgres's full-text search.
    pub search_index: bool,
    /// `TESSERA_MAP_TILES`: the tile server maps draw on, a URL with `{z}`, `{x}` and `{y}`
    /// (default OpenStreetMap's); `off` draws markers on a blank background.
    pub map_tiles: Option<String>,
    /// `TESSERA_MAP_ATTRIBUTION` and `TESSERA_MAP_ATTRIBUTION_URL`: the credit shown under
    /// every map with tiles, and where it links.
    pub map_attribution: (String, String),
    /// `TESSERA_ORIGIN_SECRET`: when set, every request but `/healthz` must carry it in
    /// `X-Origin-Verify` (added by the load balancer or CDN in front of us).
    pub origin_secret: Option<SecretString>,
    /// `TESSERA_S3_BUCKET` and friends: media in an S3-compatible bucket instead of
    /// `TESSERA_DATA_DIR/media`. Credentials come from the usual `AWS_*` variables.
    pub s3: Option<S3Config>,
    /// `TESSERA_HOLD_MINUTES`: how long tickets are held while the customer pays (default 15).
    pub hold: Duration,
    /// `TESSERA_QUOTE_MINUTES` (default 30; 5 to 1440): how long a crypto price holds (an
    /// Ethereum quote's deadline, a bitcoin invoice's expiry), however long `hold` is; a crypto
    /// order is held that long at most (see [`Config::hold_for`]).
    pub quote_life: Duration,
    /// What one account may do at once: see [`Limits`].
    pub limits: Limits,
    /// `TESSERA_ADMIN_IDLE_MINUTES` (default 30; 5 to 1440): an admin's or door staff's session
    /// unused this long ends (customers' last their 30 days).
    pub admin_idle: Duration,
    /// Card checkout: Stripe, or the built-in sandbox when no secret key is set.
    pub stripe: StripeConfig,
    /// `TESSERA_STREAM_PREFIX`: put before every Redis stream name (default none), so several
    /// deployments (or test runs) can share one Redis.
    pub stream_prefix: String,
    /// `TESSERA_TICKET_SIGNING_KEY`: the Ed25519 seed (32 bytes, base64url) tickets are signed
    /// with. Unset: one is made and kept in `TESSERA_DATA_DIR/ticket-signing-key`. (Its `Debug`
    /// shows the public half only.)
    pub ticket_signing_key: Option<ed25519_dalek::SigningKey>,
    // Ticket delivery's settings are the ticketing crate's (`MailSettings`), and the BTCPay
    // Server and Ethereum settings the payments crate's (`BtcPaySettings`, `EthSettings`), in
    // their types, read beside these through `Config::from_lookup_with`.
    /// `TESSERA_REPORTING_TIME_ZONE` (default `UTC`): the IANA zone whose days the admins'
    /// analytics and the finance exports count in, whatever the server's clock says.
    pub reporting_time_zone: chrono_tz::Tz,
    /// `TESSERA_DEMAND`: `on` (default) records searches and page views first-party for the
    /// Market page (`tessera_core::demand`); `off` records none.
    pub record_demand: bool,
    /// `TESSERA_DEMAND_RETENTION_DAYS` (default 90; 1 to 3650): how long demand records are
    /// kept before only their daily counts remain.
    pub demand_retention: chrono::Duration,
    /// `TESSERA_WAITLIST_OFFER_MINUTES` (default 60; 5 to 1380): how long tickets offered to
    /// the next on a waiting list are held for them (a crypto order no longer than its price
    /// lives).
    pub waitlist_offer: Duration,
    /// `TESSERA_METRICS_FROM` (default `127.0.0.0/8,::1/128`): the addresses `/metrics` answers
    /// (the scraper's own connection, never a forwarded address; and never a request that came
    /// through the load balancer), comma-separated ranges like `10.0.0.0/8`.
    pub metrics_from: Vec<IpRange>,
    /// `TESSERA_METRICS_LISTEN`: where `tessera ticketing` and `tessera chain-watcher` serve
    /// their `/metrics` (unset: they serve none; the web app serves it on `TESSERA_LISTEN`).
    pub metrics_listen: Option<SocketAddr>,
    /// `TESSERA_DRAIN_SECONDS` (default 0; 0 to 120): on SIGTERM the web app first answers
    /// `/readyz` with 503 and closes each connection after its response for this long, still
    /// serving, so a load balancer checking `/readyz` stops sending it requests; then it stops
    /// accepting and finishes the requests in flight.
    pub drain: Duration,
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    /// Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        Self::from_lookup_with(lookup, |_, _| Ok(())).map(|(config, ())| config)
    }

    /// [`Config::from_lookup`], and the sections other crates own, read by `sections` (given
    /// the lookup and the public URL) after the ticket signing key and before the reporting
    /// time zone: where the mail and payment providers' settings have always been read, so the
    /// first error reported is the same whichever crate parses the section.
    pub fn from_lookup_with<T>(
        lookup: impl Fn(&str) -> Option<String>,
        sections: impl FnOnce(Lookup<'_>, &Url) -> Result<T, ConfigError>,
    ) -> Result<(Self, T), ConfigError> {
        let lookup = Lookup::new(&lookup);
        let get = |name: &str| lookup.get(name);

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

        let search_index = match get("TESSERA_SEARCH").as_deref().map(str::trim) {
            None | Some("index") => true,
            Some("database") => false,
            Some(other) => {
                return Err(ConfigError::new(
                    "TESSERA_SEARCH",
                    format!("{other:?} is neither index nor database"),
                ));
            }
        };

        let map_tiles = match get("TESSERA_MAP_TILES").as_deref().map(str::trim) {
            None | Some("") => Some("https://tile.openstreetmap.org/{z}/{x}/{y}.png".to_string()),
            Some("off") => None,
            Some(template)
                if ["{z}", "{x}", "{y}"].iter().all(|part| template.contains(part))
                    && !template
                        .replace("{z}", "")
                        .replace("{x}", "")
                        .replace("{y}", "")
                        .contains(['{', '}'])
                    && url::Url::parse(&template.replace(['{', '}'], "")).is_ok_and(|url| {
                        matches!(url.scheme(), "http" | "https") && url.host_str().is_some()
                    }) =>
            {
                Some(template.to_string())
            }
            Some(other) => {
                return Err(ConfigError::new(
                    "TESSERA_MAP_TILES",
                    format!("{other:?} is neither off nor an http(s) URL with {{z}}, {{x}} and {{y}}"),
                ));
            }
        };
        let map_attribution = (
            get("TESSERA_MAP_ATTRIBUTION").unwrap_or_else(|| "© OpenStreetMap contributors".to_string()),
            get("TESSERA_MAP_ATTRIBUTION_URL")
                .unwrap_or_else(|| "https://www.openstreetmap.org/copyright".to_string()),
        );

        let s3 = S3Config::from_lookup(&get)?;

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

        // In range, so the conversions cannot fail.
        let limits = Limits {
            max_open_orders: bounded(get("TESSERA_MAX_OPEN_ORDERS"), "TESSERA_MAX_OPEN_ORDERS", 3, 1, 100)?
                .try_into()
                .unwrap_or(3),
            purchases_per_account: bounded(
                get("TESSERA_PURCHASES_PER_ACCOUNT"),
                "TESSERA_PURCHASES_PER_ACCOUNT",
                20,
                1,
                100_000,
            )?
            .try_into()
            .unwrap_or(20),
            purchases_per_address: bounded(
                get("TESSERA_PURCHASES_PER_ADDRESS"),
                "TESSERA_PURCHASES_PER_ADDRESS",
                200,
                1,
                1_000_000,
            )?
            .try_into()
            .unwrap_or(200),
        };

        let quote_life = Duration::from_secs(
            u64::try_from(bounded(get("TESSERA_QUOTE_MINUTES"), "TESSERA_QUOTE_MINUTES", 30, 5, 1440)?)
                .unwrap_or(30)
                * 60,
        );

        let admin_idle = Duration::from_secs(
            u64::try_from(bounded(
                get("TESSERA_ADMIN_IDLE_MINUTES"),
                "TESSERA_ADMIN_IDLE_MINUTES",
                30,
                5,
                1440,
            )?)
            .unwrap_or(30)
                * 60,
        );

        let stripe = StripeConfig::from_lookup(&get, &public_url)?;

        let ticket_signing_key = match get("TESSERA_TICKET_SIGNING_KEY") {
            None => None,
            Some(raw) => Some(crate::ticket::signing_key_from_base64(&raw).map_err(|_| {
                ConfigError::new(
                    "TESSERA_TICKET_SIGNING_KEY",
                    "is not a base64url-encoded 32-byte Ed25519 seed",
                )
            })?),
        };

        let sections = sections(lookup, &public_url)?;

        let reporting_time_zone = match get("TESSERA_REPORTING_TIME_ZONE") {
            None => chrono_tz::Tz::UTC,
            Some(raw) => raw.trim().parse::<chrono_tz::Tz>().map_err(|_| {
                ConfigError::new(
                    "TESSERA_REPORTING_TIME_ZONE",
                    format!("{raw:?} is not an IANA time zone like Europe/Lisbon"),
                )
            })?,
        };

        let record_demand = match get("TESSERA_DEMAND").as_deref().map(str::trim) {
            None | Some("on") => true,
            Some("off") => false,
            Some(other) => {
                return Err(ConfigError::new("TESSERA_DEMAND", format!("{other:?} is neither on nor off")));
            }
        };
        let demand_retention = match get("TESSERA_DEMAND_RETENTION_DAYS") {
            None => chrono::Duration::days(90),
            Some(raw) => match raw.trim().parse::<i64>() {
                Ok(days) if (1..=3650).contains(&days) => chrono::Duration::days(days),
                _ => {
                    return Err(ConfigError::new(
                        "TESSERA_DEMAND_RETENTION_DAYS",
                        format!("{raw:?} is not a number of days from 1 to 3650"),
                    ));
                }
            },
        };

        let waitlist_offer = match get("TESSERA_WAITLIST_OFFER_MINUTES") {
            None => Duration::from_secs(60 * 60),
            Some(raw) => match raw.trim().parse::<u64>() {
                // A card checkout lives at most 23 hours.
                Ok(minutes) if (5..=1380).contains(&minutes) => Duration::from_secs(minutes * 60),
                _ => {
                    return Err(ConfigError::new(
                        "TESSERA_WAITLIST_OFFER_MINUTES",
                        format!("{raw:?} is not a number of minutes from 5 to 1380"),
                    ));
                }
            },
        };

        let metrics_from = match get("TESSERA_METRICS_FROM") {
            None => net::parse_ranges("127.0.0.0/8,::1/128").expect("the default ranges read"),
            Some(raw) => net::parse_ranges(&raw).map_err(|bad| {
                ConfigError::new(
                    "TESSERA_METRICS_FROM",
                    format!("{bad:?} is not an address or a range like 10.0.0.0/8"),
                )
            })?,
        };
        let metrics_listen = match get("TESSERA_METRICS_LISTEN") {
            None => None,
            Some(raw) => Some(raw.trim().parse::<SocketAddr>().map_err(|_| {
                ConfigError::new(
                    "TESSERA_METRICS_LISTEN",
                    format!("{raw:?} is not an address like 127.0.0.1:9100"),
                )
            })?),
        };

        let drain = Duration::from_secs(
            u64::try_from(bounded(get("TESSERA_DRAIN_SECONDS"), "TESSERA_DRAIN_SECONDS", 0, 0, 120)?)
                .unwrap_or(0),
        );

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

        let config = Self {
            database_url: database_url.into(),
            redis_url: redis_url.into(),
            listen,
            public_url,
            data_dir,
            db_max_connections,
            log_format,
            catalog_cache_ttl,
            search_index,
            map_tiles,
            map_attribution,
            origin_secret: get("TESSERA_ORIGIN_SECRET")
                .map(|secret| SecretString::from(secret.trim().to_string())),
            s3,
            hold,
            quote_life,
            limits,
            admin_idle,
            stripe,
            stream_prefix: get("TESSERA_STREAM_PREFIX").map(|p| p.trim().to_string()).unwrap_or_default(),
            ticket_signing_key,
            reporting_time_zone,
            record_demand,
            demand_retention,
            waitlist_offer,
            metrics_from,
            metrics_listen,
            drain,
        };
        Ok((config, sections))
    }

    /// How long an order paid with `method` holds its tickets: [`Config::hold`], but no longer
    /// than a crypto price lives ([`Config::quote_life`]): past its quote's deadline an Ethereum
    /// order cannot be paid, nor a bitcoin invoice past its expiry, so a longer hold would only
    /// keep tickets from others.
    pub fn hold_for(&self, method: crate::order::PaymentMethod) -> Duration {
        if method.quotes_rate() { self.hold.min(self.quote_life) } else { self.hold }
    }

    /// Whether links we hand out are https, so cookies and HSTS can follow.
    pub fn is_https(&self) -> bool {
        self.public_url.scheme() == "https"
    }

    /// The origin map tiles load from (`https://tile.openstreetmap.org`), for the pages'
    /// `Content-Security-Policy`; none when maps have no tiles.
    pub fn map_tile_origin(&self) -> Option<String> {
        let template = self.map_tiles.as_deref()?;
        let url = url::Url::parse(&template.replace(['{', '}'], "")).ok()?;
        Some(url.origin().ascii_serialization())
    }
}

/// Limits on what one customer can do, against anyone holding an event hostage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// `TESSERA_MAX_OPEN_ORDERS`: unpaid orders one account may have open at once, over every
    /// event (default 3; 1 to 100). Orders kept past their hold because a payment was seen
    /// count too.
    pub max_open_orders: i32,
    /// `TESSERA_PURCHASES_PER_ACCOUNT`: purchases one account may start in ten minutes
    /// (default 20).
    pub purchases_per_account: u32,
    /// `TESSERA_PURCHASES_PER_ADDRESS`: purchases one client address (an IPv6 /64) may start
    /// in ten minutes (default 200: a venue's or a campus's shared address buys too).
    pub purchases_per_address: u32,
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

    /// The configuration `vars` make, for every section's tests.
    pub(super) fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
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

        let err = config(&[("TESSERA_REPORTING_TIME_ZONE", "Mars/Olympus")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_REPORTING_TIME_ZONE");
        let zone = config(&[("TESSERA_REPORTING_TIME_ZONE", "Europe/Lisbon")]).unwrap().reporting_time_zone;
        assert_eq!(zone, chrono_tz::Europe::Lisbon);
    }

    #[test]
    fn database_passwords_stay_out_of_errors_and_debug_output() {
        let err = config(&[("DATABASE_URL", "mysql://user:hunter2@db/x")]).unwrap_err();
        assert!(!err.to_string().contains("hunter2"));
        let config = config(&[("DATABASE_URL", "postgres://user:hunter2@db/x")]).unwrap();
        assert!(!format!("{config:?}").contains("hunter2"));
    }

    #[test]
    fn a_configured_ticket_signing_key_is_parsed_once_and_kept_out_of_debug_output() {
        let seed = "c2VlZC1vZi10aGlydHktdHdvLWJ5dGVzLWV4YWN0bHk";
        let keyed = config(&[("TESSERA_TICKET_SIGNING_KEY", seed)]).unwrap();
        let key = keyed.ticket_signing_key.as_ref().unwrap();
        assert_eq!(key.to_bytes(), crate::ticket::signing_key_from_base64(seed).unwrap().to_bytes());
        assert!(!format!("{keyed:?}").contains(seed));
        let err = config(&[("TESSERA_TICKET_SIGNING_KEY", "short")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_TICKET_SIGNING_KEY");
    }

    #[test]
    fn an_https_public_url_is_detected() {
        let config = config(&[("TESSERA_PUBLIC_URL", "https://tickets.example.org")]).unwrap();
        assert!(config.is_https());
    }
}
