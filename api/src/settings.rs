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
        let (config, (mail, btcpay, eth)) = Config::from_lookup_with(lookup, |lookup, public_url| {
            Ok((
                MailSettings::from_lookup(lookup)?,
                BtcPaySettings::from_lookup(lookup, public_url)?,
                EthSettings::from_lookup(lookup)?,
            ))
        })?;
        Ok(Self { config, mail, btcpay, eth })
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
}
