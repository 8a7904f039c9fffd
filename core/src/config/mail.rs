//! Ticket delivery settings: the SMTP relay, the sender, retries and link lifetimes. Only the
//! ticketing worker reads them; they live apart so its knobs are found in one place.

use secrecy::SecretString;

use super::lookup::{ConfigError, bounded, check_url_scheme};

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

impl MailConfig {
    pub(super) fn from_lookup(get: &impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let smtp_url = get("TESSERA_SMTP_URL").unwrap_or_else(|| "smtp://127.0.0.1:1025".into());
        check_url_scheme("TESSERA_SMTP_URL", &smtp_url, &["smtp", "smtps"])?;
        let from = get("TESSERA_MAIL_FROM").unwrap_or_else(|| "Tessera <tickets@localhost>".into());
        let address =
            from.trim().rsplit_once('<').map_or(from.trim(), |(_, rest)| rest.trim_end_matches('>'));
        if !address.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty()) {
            return Err(ConfigError::new(
                "TESSERA_MAIL_FROM",
                format!("{from:?} is not an email address (like \"Tessera <tickets@example.com>\")"),
            ));
        }
        Ok(MailConfig {
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
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::config::tests::config;

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
}
