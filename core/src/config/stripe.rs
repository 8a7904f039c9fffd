//! Card checkout settings (`TESSERA_STRIPE_*`): Stripe's keys, or the sandbox when asked for
//! (`TESSERA_CARD_SANDBOX=on`), or neither (cards are not offered). The sandbox pays for
//! tickets at the click of a button, so it never runs by accident: only when asked for, never
//! beside a Stripe key, and on an https public URL only with `TESSERA_SANDBOX_ON_HTTPS=on`
//! too (a staging site).

use secrecy::SecretString;
use url::Url;

use super::lookup::ConfigError;

/// Card checkout settings.
#[derive(Debug, Clone)]
pub struct StripeConfig {
    /// `TESSERA_STRIPE_SECRET_KEY`. Unset: the sandbox plays Stripe's part if asked for, and
    /// otherwise cards are not offered.
    pub secret_key: Option<SecretString>,
    /// `TESSERA_CARD_SANDBOX=on`: the sandbox plays Stripe (no real money).
    pub sandbox: bool,
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
        let sandbox = match get("TESSERA_CARD_SANDBOX").as_deref().map(str::trim) {
            None | Some("off") => false,
            Some("on") => true,
            Some(other) => {
                return Err(ConfigError::new("TESSERA_CARD_SANDBOX", format!("{other:?} is not on or off")));
            }
        };
        if sandbox && secret_key.is_some() {
            return Err(ConfigError::new(
                "TESSERA_CARD_SANDBOX",
                "cannot be on beside TESSERA_STRIPE_SECRET_KEY: the sandbox never runs next to live keys",
            ));
        }
        if sandbox {
            check_sandbox_url("TESSERA_CARD_SANDBOX", get, public_url)?;
        }
        Ok(StripeConfig { secret_key, sandbox, webhook_secrets, api_base })
    }
}

/// A sandbox on an https public URL (a site people may reach) only with
/// `TESSERA_SANDBOX_ON_HTTPS=on` as well; the error names the sandbox's own setting.
pub fn check_sandbox_url(
    var: &'static str,
    get: &impl Fn(&str) -> Option<String>,
    public_url: &Url,
) -> Result<(), ConfigError> {
    let allowed = match get("TESSERA_SANDBOX_ON_HTTPS").as_deref().map(str::trim) {
        None | Some("off") => false,
        Some("on") => true,
        Some(other) => {
            return Err(ConfigError::new("TESSERA_SANDBOX_ON_HTTPS", format!("{other:?} is not on or off")));
        }
    };
    if public_url.scheme() == "https" && !allowed {
        return Err(ConfigError::new(
            var,
            "is refused with an https TESSERA_PUBLIC_URL: a sandbox pays at the click of a button; \
             for a staging site set TESSERA_SANDBOX_ON_HTTPS=on as well",
        ));
    }
    Ok(())
}

impl StripeConfig {
    /// Whether card payments are offered at all (by Stripe or by the sandbox).
    pub fn is_offered(&self) -> bool {
        self.secret_key.is_some() || self.sandbox
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::config;

    #[test]
    fn the_card_sandbox_runs_only_when_asked_for_never_beside_keys_and_on_https_only_if_told() {
        // Neither keys nor the sandbox: cards are simply not offered.
        let none = config(&[]).unwrap();
        assert!(!none.stripe.is_offered() && !none.stripe.sandbox);
        let https_without = config(&[("TESSERA_PUBLIC_URL", "https://tickets.example.org")]).unwrap();
        assert!(!https_without.stripe.is_offered(), "a forgotten key never means the sandbox");
        assert!(config(&[("TESSERA_CARD_SANDBOX", "on")]).unwrap().stripe.sandbox);

        let refused = |vars: &[(&str, &str)]| config(vars).unwrap_err().var;
        assert_eq!(
            refused(&[
                ("TESSERA_CARD_SANDBOX", "on"),
                ("TESSERA_STRIPE_SECRET_KEY", "sk_test_x"),
                ("TESSERA_STRIPE_WEBHOOK_SECRET", "whsec_a"),
            ]),
            "TESSERA_CARD_SANDBOX"
        );
        assert_eq!(
            refused(&[("TESSERA_CARD_SANDBOX", "on"), ("TESSERA_PUBLIC_URL", "https://tickets.example.org")]),
            "TESSERA_CARD_SANDBOX"
        );
        assert_eq!(refused(&[("TESSERA_CARD_SANDBOX", "yes")]), "TESSERA_CARD_SANDBOX");
        assert_eq!(
            refused(&[
                ("TESSERA_CARD_SANDBOX", "on"),
                ("TESSERA_SANDBOX_ON_HTTPS", "maybe"),
                ("TESSERA_PUBLIC_URL", "https://tickets.example.org"),
            ]),
            "TESSERA_SANDBOX_ON_HTTPS"
        );
        let staging = config(&[
            ("TESSERA_CARD_SANDBOX", "on"),
            ("TESSERA_SANDBOX_ON_HTTPS", "on"),
            ("TESSERA_PUBLIC_URL", "https://staging.example.org"),
        ])
        .unwrap();
        assert!(staging.stripe.sandbox);

        let err = config(&[("TESSERA_STRIPE_SECRET_KEY", "sk_live_x")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_STRIPE_WEBHOOK_SECRET");
        let live = config(&[
            ("TESSERA_PUBLIC_URL", "https://tickets.example.org"),
            ("TESSERA_STRIPE_SECRET_KEY", "sk_live_x"),
            ("TESSERA_STRIPE_WEBHOOK_SECRET", "whsec_a, whsec_b"),
        ])
        .unwrap();
        assert_eq!(live.stripe.webhook_secrets.len(), 2);
        assert!(live.stripe.is_offered() && !live.stripe.sandbox);
    }
}
