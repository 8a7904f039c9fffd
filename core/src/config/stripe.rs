//! Card checkout settings (`TESSERA_STRIPE_*`): Stripe's keys, or the sandbox when none are
//! set. Apart because of the one rule that spans sections: an https deployment must not fall
//! into the sandbox by a forgotten key.

use secrecy::SecretString;
use url::Url;

use super::lookup::ConfigError;

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

impl StripeConfig {
    pub(super) fn from_lookup(
        get: &impl Fn(&str) -> Option<String>,
        public_url: &Url,
    ) -> Result<Self, ConfigError> {
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
            Some(raw) => {
                Url::parse(raw.trim()).ok().filter(|u| matches!(u.scheme(), "http" | "https")).ok_or_else(
                    || ConfigError::new("TESSERA_STRIPE_API_BASE", format!("{raw:?} is not an http(s) URL")),
                )?
            }
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
        Ok(StripeConfig { secret_key, webhook_secrets, api_base })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::config;

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
}
