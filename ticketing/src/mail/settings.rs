//! Ticket delivery settings: the SMTP relay, the sender, retries and link lifetimes. Only the
//! ticketing worker reads them; they live apart so its knobs are found in one place, and here
//! so the sender is parsed once, at start-up, into the [`Mailbox`] it is sent as.

use lettre::message::Mailbox;
use secrecy::SecretString;
use tessera_core::config::{ConfigError, Lookup, check_url_scheme};

/// How tickets reach customers.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `TESSERA_SMTP_URL` (default `smtp://127.0.0.1:1025`, a local capture server):
    /// `smtp://host:port` plain, `?tls=required` for STARTTLS, `smtps://` for TLS, with
    /// `user:password@` for a relay that wants a login. Secret for that reason.
    pub smtp_url: SecretString,
    /// `TESSERA_MAIL_FROM` (default `Tessera <tickets@localhost>`): the sender, whose domain
    /// also names our Message-IDs.
    pub from: Mailbox,
    /// `TESSERA_DELIVERY_MAX_ATTEMPTS` (default 5): attempts at delivering an order before it is
    /// dead-lettered for an admin to retry.
    pub max_attempts: i32,
    /// `TESSERA_DOWNLOAD_LINK_DAYS` (default 60): how long the email's download link works.
    pub download_link_days: i64,
    /// `TESSERA_TICKETING_CONCURRENCY` (default 4): orders one worker delivers at once.
    pub concurrency: usize,
}

impl MailSettings {
    /// Read through [`tessera_core::config::Config::from_lookup_with`], so its errors come in
    /// their place (after the ticket signing key, before the payment providers').
    pub fn from_lookup(lookup: Lookup<'_>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup.get(name);
        let smtp_url = get("TESSERA_SMTP_URL").unwrap_or_else(|| "smtp://127.0.0.1:1025".into());
        check_url_scheme("TESSERA_SMTP_URL", &smtp_url, &["smtp", "smtps"])?;
        let from = get("TESSERA_MAIL_FROM").unwrap_or_else(|| "Tessera <tickets@localhost>".into());
        let address =
            from.trim().rsplit_once('<').map_or(from.trim(), |(_, rest)| rest.trim_end_matches('>'));
        let not_an_address = || {
            ConfigError::new(
                "TESSERA_MAIL_FROM",
                format!("{from:?} is not an email address (like \"Tessera <tickets@example.com>\")"),
            )
        };
        if !address.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty()) {
            return Err(not_an_address());
        }
        let sender: Mailbox = from.trim().parse().map_err(|_| not_an_address())?;
        Ok(MailSettings {
            smtp_url: SecretString::from(smtp_url.trim().to_string()),
            from: sender,
            max_attempts: lookup.bounded("TESSERA_DELIVERY_MAX_ATTEMPTS", 5, 1, 100)? as i32,
            download_link_days: lookup.bounded("TESSERA_DOWNLOAD_LINK_DAYS", 60, 1, 3650)?,
            concurrency: lookup.bounded("TESSERA_TICKETING_CONCURRENCY", 4, 1, 64)? as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<MailSettings, ConfigError> {
        let raw =
            |name: &str| vars.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_string());
        MailSettings::from_lookup(Lookup::new(&raw))
    }

    #[test]
    fn mail_settings_are_checked_and_smtp_passwords_stay_secret() {
        let defaults = config(&[]).unwrap();
        assert_eq!(defaults.from.to_string(), "Tessera <tickets@localhost>");
        assert_eq!((defaults.max_attempts, defaults.download_link_days), (5, 60));
        let err = config(&[("TESSERA_SMTP_URL", "http://mail:25")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_SMTP_URL");
        let err = config(&[("TESSERA_MAIL_FROM", "Tessera")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_MAIL_FROM");
        // Shaped like an address, but not one lettre would send from: refused here, not when
        // the worker starts.
        let err = config(&[("TESSERA_MAIL_FROM", "Tessera <a b@example.org>")]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid TESSERA_MAIL_FROM: \"Tessera <a b@example.org>\" is not an email address (like \"Tessera <tickets@example.com>\")"
        );
        let err = config(&[("TESSERA_DELIVERY_MAX_ATTEMPTS", "0")]).unwrap_err();
        assert_eq!(err.var, "TESSERA_DELIVERY_MAX_ATTEMPTS");
        let config = config(&[("TESSERA_SMTP_URL", "smtps://u:hunter2@mail.example.org")]).unwrap();
        assert!(!format!("{config:?}").contains("hunter2"));
    }
}
