//! The Postgres pool every process shares.

use std::time::Duration;

use secrecy::ExposeSecret as _;
use sqlx::migrate::MigrateDatabase as _;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres};

use crate::config::Config;

/// Pool options: requests wait at most 3 s for a connection rather than hanging, and each
/// statement is cut off after 30 s so one bad query cannot pin a connection forever.
pub fn pool_options(max_connections: u32) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(3))
        .idle_timeout(Duration::from_secs(600))
}

fn connect_options(config: &Config) -> sqlx::Result<PgConnectOptions> {
    let url = config.database_url.expose_secret();
    let mut options: PgConnectOptions = url.parse()?;
    // TLS to a server on this machine protects nothing and costs a quarter of a flash sale's
    // throughput (measured): unless the URL (or PGSSLMODE) asks for an `sslmode`, loopback
    // goes in the clear.
    if is_loopback_without_sslmode(url) {
        options = options.ssl_mode(sqlx::postgres::PgSslMode::Disable);
    }
    Ok(options.application_name("tessera").options([("statement_timeout", "30s"), ("lock_timeout", "10s")]))
}

fn is_loopback_without_sslmode(url: &str) -> bool {
    let Ok(url) = url::Url::parse(url) else { return false };
    let asks_for_tls = url.query_pairs().any(|(key, _)| key == "sslmode" || key == "ssl-mode");
    let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]" | "::1"));
    // `PGSSLMODE` in the environment is the operator asking too.
    let environment_asks = std::env::var_os("PGSSLMODE").is_some();
    loopback && !asks_for_tls && !environment_asks
}

/// A pool that connects on first use, so the web app starts (and says it is not ready) while
/// Postgres is still coming up.
pub fn connect_lazy(config: &Config) -> sqlx::Result<PgPool> {
    Ok(pool_options(config.db_max_connections).connect_lazy_with(connect_options(config)?))
}

/// Creates the configured database if it does not exist yet (for `tessera migrate`).
pub async fn create_database_if_missing(config: &Config) -> sqlx::Result<bool> {
    let url = config.database_url.expose_secret();
    if Postgres::database_exists(url).await? {
        return Ok(false);
    }
    Postgres::create_database(url).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::is_loopback_without_sslmode;

    #[test]
    fn only_loopback_without_an_explicit_sslmode_skips_tls() {
        assert!(is_loopback_without_sslmode("postgres://postgres@127.0.0.1:5432/tessera"));
        assert!(is_loopback_without_sslmode("postgres://u:p@localhost/tessera"));
        assert!(!is_loopback_without_sslmode("postgres://postgres@127.0.0.1/tessera?sslmode=require"));
        assert!(!is_loopback_without_sslmode("postgres://u:p@db.example.org/tessera"));
    }
}
