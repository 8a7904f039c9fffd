//! Everything a process is configured with: core's [`Config`], and the sections of the crates
//! that own their settings (ticket delivery's, the payment providers'), parsed once at start-up
//! into those crates' types, read together so the first error reported is the one it has
//! always been. Core cannot hold these sections: it would have to name types of crates that
//! depend on it (and of `bitcoin`, `alloy`, `lettre`).

use tessera_core::config::{Config, ConfigError};
use tessera_payments::btcpay::BtcPaySettings;
use tessera_payments::eth::EthSettings;
use tessera_ticketing::mail::MailSettings;

/// The configuration of the `tessera` binary.
#[derive(Debug, Clone)]
pub struct Settings {
    /// What every process reads.
    pub config: Config,
    /// Ticket delivery: the SMTP relay, the sender, retries and links.
    pub mail: MailSettings,
    /// Bitcoin payments through a BTCPay Server store; unset, bitcoin is not offered.
    pub btcpay: Option<BtcPaySettings>,
    /// ETH and stablecoin payments through our payment contract; unset, neither is offered.
    pub eth: Option<EthSettings>,
}

impl Settings {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    /// Empty values count as unset.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let (config, (mail, btcpay, eth)) = Config::from_lookup_with(&lookup, |lookup, public_url| {
            Ok((
                MailSettings::from_lookup(lookup)?,
                BtcPaySettings::from_lookup(lookup, public_url)?,
                EthSettings::from_lookup(lookup)?,
            ))
        })?;
        let settings = Self { config, mail, btcpay, eth };
        settings.check_sandboxes(&get)?;
        Ok(settings)
    }

    /// The sandboxes (card, BTCPay, Ethereum) pay at the click of a button. Each runs only when
    /// asked for (its own `…_SANDBOX=on`); none beside a live Stripe key; none on an https
    /// public URL unless `TESSERA_SANDBOX_ON_HTTPS=on` says so too (a staging site). The card
    /// sandbox checks its own in core's config; the error names the sandbox's setting.
    fn check_sandboxes(&self, get: &impl Fn(&str) -> Option<String>) -> Result<(), ConfigError> {
        let live = self
            .config
            .stripe
            .secret_key
            .as_ref()
            .is_some_and(|key| secrecy::ExposeSecret::expose_secret(key).starts_with("sk_live_"));
        let on = [
            ("TESSERA_BTCPAY_SANDBOX", self.btcpay.as_ref().is_some_and(|b| b.sandbox)),
            ("TESSERA_ETH_SANDBOX", self.eth.as_ref().is_some_and(|e| e.sandbox)),
        ];
        for (var, sandbox) in on {
            if !sandbox {
                continue;
            }
            if live {
                return Err(ConfigError::new(
                    var,
                    "cannot be on beside a live TESSERA_STRIPE_SECRET_KEY (sk_live_…): sandboxes never run next to live keys",
                ));
            }
            tessera_core::config::check_sandbox_url(var, get, &self.config.public_url)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        Settings::from_lookup(|name| {
            vars.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_string())
        })
    }

    #[test]
    fn provider_sections_are_read_with_the_rest_and_report_in_their_place() {
        let sandboxed =
            settings(&[("TESSERA_BTCPAY_SANDBOX", "on"), ("TESSERA_PUBLIC_URL", "http://127.0.0.1:9000")])
                .unwrap();
        let btcpay = sandboxed.btcpay.unwrap();
        assert_eq!(btcpay.url.as_str(), "http://127.0.0.1:9000/sandbox/btcpay/");
        assert_eq!(btcpay.network.to_string(), "regtest");
        // After the mail settings, before the reporting time zone, as always.
        let both = |other: (&'static str, &'static str)| {
            settings(&[("TESSERA_BTCPAY_SANDBOX", "on"), ("TESSERA_BTCPAY_NETWORK", "dogecoin"), other])
                .unwrap_err()
                .var
        };
        assert_eq!(both(("TESSERA_DELIVERY_MAX_ATTEMPTS", "0")), "TESSERA_DELIVERY_MAX_ATTEMPTS");
        assert_eq!(both(("TESSERA_REPORTING_TIME_ZONE", "Mars/Olympus")), "TESSERA_BTCPAY_NETWORK");
    }

    /// Every unsafe combination of a sandbox refuses to start, naming the setting at fault.
    #[test]
    fn the_sandbox_matrix() {
        use secrecy::ExposeSecret as _;
        let eth = [
            ("TESSERA_ETH_RPC_URL", "http://127.0.0.1:8545"),
            ("TESSERA_ETH_CONTRACT", "0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            (
                "TESSERA_ETH_OPERATOR_KEY",
                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            ),
            ("TESSERA_ETH_RATES", "ETH/EUR=3000"),
            ("TESSERA_ETH_SANDBOX", "on"),
        ];
        let live = [("TESSERA_STRIPE_SECRET_KEY", "sk_live_x"), ("TESSERA_STRIPE_WEBHOOK_SECRET", "whsec_a")];
        let test_keys =
            [("TESSERA_STRIPE_SECRET_KEY", "sk_test_x"), ("TESSERA_STRIPE_WEBHOOK_SECRET", "whsec_a")];
        let https = ("TESSERA_PUBLIC_URL", "https://tickets.example.org");
        let staging = ("TESSERA_SANDBOX_ON_HTTPS", "on");
        let btcpay = ("TESSERA_BTCPAY_SANDBOX", "on");
        let refused = |vars: Vec<(&str, &str)>| {
            let err = settings(&vars).expect_err(&format!("{vars:?} must not start"));
            assert!(!err.to_string().is_empty());
            err.var
        };
        let with = |a: &[(&'static str, &'static str)], b: &[(&'static str, &'static str)]| [a, b].concat();

        // Beside live keys: refused, whatever the URL.
        assert_eq!(refused(with(&[btcpay], &live)), "TESSERA_BTCPAY_SANDBOX");
        assert_eq!(refused(with(&eth, &live)), "TESSERA_ETH_SANDBOX");
        assert_eq!(refused(with(&[("TESSERA_CARD_SANDBOX", "on")], &live)), "TESSERA_CARD_SANDBOX");
        // On https without the second setting: refused.
        assert_eq!(refused(vec![btcpay, https]), "TESSERA_BTCPAY_SANDBOX");
        assert_eq!(refused(with(&eth, &[https])), "TESSERA_ETH_SANDBOX");
        assert_eq!(refused(vec![("TESSERA_CARD_SANDBOX", "on"), https]), "TESSERA_CARD_SANDBOX");
        // Beside a real BTCPay Server: refused.
        assert_eq!(
            refused(vec![
                btcpay,
                ("TESSERA_BTCPAY_URL", "https://btcpay.example.org"),
                ("TESSERA_BTCPAY_API_KEY", "k"),
                ("TESSERA_BTCPAY_STORE_ID", "s"),
                ("TESSERA_BTCPAY_WEBHOOK_SECRET", "w"),
            ]),
            "TESSERA_BTCPAY_SANDBOX"
        );

        // Allowed: on http, or a staging site that says so, or beside Stripe's test keys.
        assert!(settings(&with(&[btcpay], &test_keys)).is_ok());
        assert!(settings(&[btcpay, https, staging]).is_ok());
        assert!(settings(&with(&eth, &[https, staging])).is_ok());
        // Nothing runs unasked.
        let plain = settings(&[]).unwrap();
        assert!(plain.btcpay.is_none() && !plain.config.stripe.sandbox);

        // The BTCPay sandbox's key is made up at each start, unless given.
        let key = |vars: &[(&str, &str)]| {
            settings(vars).unwrap().btcpay.unwrap().api_key.expose_secret().to_string()
        };
        assert_ne!(key(&[btcpay]), key(&[btcpay]));
        assert_eq!(
            key(&[btcpay, ("TESSERA_BTCPAY_SANDBOX_KEY", "shared-with-the-watcher")]),
            "shared-with-the-watcher"
        );
    }
}
