//! BTCPay Server settings (`TESSERA_BTCPAY_*`): a real store, or the sandbox this app plays
//! itself, parsed once at start-up into the types they are used as ([`SpeedPolicy`],
//! [`bitcoin::Network`]). Kept apart because the two exclude each other and the sandbox's
//! address depends on the public URL, which is the only thing this section needs from the rest.

use std::time::Duration;

use secrecy::SecretString;
use tessera_core::config::{ConfigError, Lookup};
use url::Url;

use super::SpeedPolicy;

/// A BTCPay Server store (`TESSERA_BTCPAY_*`; the first four go together).
#[derive(Debug, Clone)]
pub struct BtcPaySettings {
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
    pub speed_policy: SpeedPolicy,
    /// `TESSERA_BTCPAY_POLL_SECONDS` (default 30, 5 in the sandbox): how often the
    /// chain-watcher reads every open invoice back, the backstop for lost webhooks.
    pub poll_interval: Duration,
    /// `TESSERA_BTCPAY_NETWORK` (default `bitcoin`, `regtest` in the sandbox): the network of
    /// the store's addresses, `bitcoin`, `testnet`, `testnet4`, `signet` or `regtest`.
    pub network: bitcoin::Network,
    /// `TESSERA_BTCPAY_LIGHTNING=on` (default off; on in the sandbox): the store has Lightning
    /// enabled (`BTC-LN`), and customers may pay over Lightning: the invoice's payment request
    /// is shown on the order page.
    pub lightning: bool,
    /// `TESSERA_BTCPAY_SANDBOX=on` (never with a real server configured): this app plays
    /// BTCPay Server itself, under `/sandbox/btcpay/`, for the demo and the tests.
    pub sandbox: bool,
}

/// The bitcoin networks a BTCPay store can be on, by the names `TESSERA_BTCPAY_NETWORK` takes.
pub const BITCOIN_NETWORKS: [(&str, bitcoin::Network); 5] = [
    ("bitcoin", bitcoin::Network::Bitcoin),
    ("testnet", bitcoin::Network::Testnet),
    ("testnet4", bitcoin::Network::Testnet4),
    ("signet", bitcoin::Network::Signet),
    ("regtest", bitcoin::Network::Regtest),
];

/// The BTCPay sandbox's store. Its Greenfield API key is made up at each start (nobody can
/// read its invoices or make some with a key printed in our sources), unless
/// `TESSERA_BTCPAY_SANDBOX_KEY` gives one, so a separate `tessera chain-watcher` process can
/// reach the same sandbox.
pub const BTCPAY_SANDBOX_STORE_ID: &str = "SandboxStore";

impl BtcPaySettings {
    /// All of the first four settings or none; `TESSERA_BTCPAY_SANDBOX=on` instead of them
    /// serves the sandbox under `public_url`. Read through
    /// [`tessera_core::config::Config::from_lookup_with`], so its errors come in their place.
    pub fn from_lookup(lookup: Lookup<'_>, public_url: &Url) -> Result<Option<Self>, ConfigError> {
        let names = [
            "TESSERA_BTCPAY_URL",
            "TESSERA_BTCPAY_API_KEY",
            "TESSERA_BTCPAY_STORE_ID",
            "TESSERA_BTCPAY_WEBHOOK_SECRET",
        ];
        let values: Vec<Option<String>> =
            names.iter().map(|name| lookup.get(name).map(|v| v.trim().to_string())).collect();
        let sandbox = lookup.on_off("TESSERA_BTCPAY_SANDBOX")?;
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
            // The sandbox's Greenfield API is served by this app, behind a key made up at
            // start (or `TESSERA_BTCPAY_SANDBOX_KEY`, shared with a separate chain-watcher),
            // and its webhooks are signed with a secret made up at start (they are delivered
            // in-process).
            None if sandbox => Some((
                public_url.join("sandbox/btcpay/").map_err(|err| {
                    ConfigError::new(
                        "TESSERA_PUBLIC_URL",
                        format!("cannot serve the BTCPay sandbox under it: {err}"),
                    )
                })?,
                lookup
                    .get("TESSERA_BTCPAY_SANDBOX_KEY")
                    .map(|key| key.trim().to_string())
                    .unwrap_or_else(|| format!("sbx-{}", uuid::Uuid::new_v4().simple())),
                BTCPAY_SANDBOX_STORE_ID.to_string(),
                SecretString::from(format!("btcpay-sandbox-{}", uuid::Uuid::new_v4().simple())),
            )),
            None => None,
        };
        let Some((url, api_key, store_id, webhook_secret)) = server else { return Ok(None) };
        let speed_policy = match lookup.get("TESSERA_BTCPAY_SPEED_POLICY") {
            None => SpeedPolicy::MediumSpeed,
            // Its error reads `"Warp" is not one of HighSpeed, MediumSpeed, …`.
            Some(raw) => {
                raw.parse().map_err(|err: String| ConfigError::new("TESSERA_BTCPAY_SPEED_POLICY", err))?
            }
        };
        let network = match lookup.get("TESSERA_BTCPAY_NETWORK") {
            None if sandbox => bitcoin::Network::Regtest,
            None => bitcoin::Network::Bitcoin,
            Some(raw) => {
                let raw = raw.trim();
                BITCOIN_NETWORKS
                    .iter()
                    .find(|(name, _)| *name == raw)
                    .map(|(_, network)| *network)
                    .ok_or_else(|| {
                        let names: Vec<&str> = BITCOIN_NETWORKS.iter().map(|(name, _)| *name).collect();
                        ConfigError::new(
                            "TESSERA_BTCPAY_NETWORK",
                            format!("{raw:?} is not one of {}", names.join(", ")),
                        )
                    })?
            }
        };
        let poll_interval = Duration::from_secs(lookup.bounded(
            "TESSERA_BTCPAY_POLL_SECONDS",
            if sandbox { 5 } else { 30 },
            1,
            3600,
        )? as u64);
        let lightning = match lookup.get("TESSERA_BTCPAY_LIGHTNING") {
            None => sandbox,
            Some(_) => lookup.on_off("TESSERA_BTCPAY_LIGHTNING")?,
        };
        Ok(Some(BtcPaySettings {
            lightning,
            poll_interval,
            url,
            api_key: SecretString::from(api_key),
            store_id,
            webhook_secret,
            speed_policy,
            network,
            sandbox,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Option<BtcPaySettings>, ConfigError> {
        let raw =
            |name: &str| vars.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_string());
        let public_url = Url::parse("http://127.0.0.1:8080").unwrap();
        BtcPaySettings::from_lookup(Lookup::new(&raw), &public_url)
    }

    #[test]
    fn btcpay_settings_come_together_and_keep_their_secrets() {
        assert!(settings(&[]).unwrap().is_none());
        let err = settings(&[("TESSERA_BTCPAY_URL", "https://btcpay.example.org")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_BTCPAY_API_KEY");
        let all = [
            ("TESSERA_BTCPAY_URL", "https://btcpay.example.org"),
            ("TESSERA_BTCPAY_API_KEY", "hunter2key"),
            ("TESSERA_BTCPAY_STORE_ID", "Store1"),
            ("TESSERA_BTCPAY_WEBHOOK_SECRET", "whsecret"),
        ];
        let btcpay = settings(&all).unwrap().unwrap();
        assert_eq!((btcpay.store_id.as_str(), btcpay.speed_policy), ("Store1", SpeedPolicy::MediumSpeed));
        assert!(!format!("{btcpay:?}").contains("hunter2key"));
        let mut slow = all.to_vec();
        slow.push(("TESSERA_BTCPAY_SPEED_POLICY", " Warp "));
        assert_eq!(
            settings(&slow).unwrap_err().to_string(),
            "invalid TESSERA_BTCPAY_SPEED_POLICY: \"Warp\" is not one of HighSpeed, MediumSpeed, LowMediumSpeed, LowSpeed"
        );
        slow.pop();
        slow.push(("TESSERA_BTCPAY_SPEED_POLICY", "LowSpeed"));
        assert_eq!(settings(&slow).unwrap().unwrap().speed_policy, SpeedPolicy::LowSpeed);
        assert_eq!(
            (btcpay.network, btcpay.sandbox, btcpay.lightning),
            (bitcoin::Network::Bitcoin, false, false)
        );
        let mut fast = all.to_vec();
        fast.push(("TESSERA_BTCPAY_LIGHTNING", "on"));
        assert!(settings(&fast).unwrap().unwrap().lightning);
        fast.pop();
        fast.push(("TESSERA_BTCPAY_LIGHTNING", "lightning"));
        assert_eq!(settings(&fast).unwrap_err().var, "TESSERA_BTCPAY_LIGHTNING");
        let mut elsewhere = all.to_vec();
        elsewhere.push(("TESSERA_BTCPAY_NETWORK", "dogecoin"));
        assert_eq!(
            settings(&elsewhere).unwrap_err().to_string(),
            "invalid TESSERA_BTCPAY_NETWORK: \"dogecoin\" is not one of bitcoin, testnet, testnet4, signet, regtest"
        );
        elsewhere.pop();
        elsewhere.push(("TESSERA_BTCPAY_NETWORK", "testnet4"));
        assert_eq!(settings(&elsewhere).unwrap().unwrap().network, bitcoin::Network::Testnet4);
    }

    #[test]
    fn the_btcpay_sandbox_is_served_here_and_never_beside_a_real_server() {
        let sandbox = settings(&[("TESSERA_BTCPAY_SANDBOX", "on")]).unwrap().unwrap();
        assert!(sandbox.sandbox && sandbox.lightning, "the sandbox plays Lightning too");
        assert_eq!(sandbox.url.as_str(), "http://127.0.0.1:8080/sandbox/btcpay/");
        assert_eq!(
            (sandbox.network, sandbox.store_id.as_str(), sandbox.poll_interval),
            (bitcoin::Network::Regtest, BTCPAY_SANDBOX_STORE_ID, Duration::from_secs(5))
        );
        let err = settings(&[
            ("TESSERA_BTCPAY_SANDBOX", "on"),
            ("TESSERA_BTCPAY_URL", "https://btcpay.example.org"),
            ("TESSERA_BTCPAY_API_KEY", "k"),
            ("TESSERA_BTCPAY_STORE_ID", "s"),
            ("TESSERA_BTCPAY_WEBHOOK_SECRET", "w"),
        ])
        .unwrap_err();
        assert_eq!(err.var, "TESSERA_BTCPAY_SANDBOX");
        assert_eq!(settings(&[("TESSERA_BTCPAY_SANDBOX", "yes")]).unwrap_err().var, "TESSERA_BTCPAY_SANDBOX");
        assert!(settings(&[("TESSERA_BTCPAY_SANDBOX", "off")]).unwrap().is_none());
    }
}
