//! Login rate limits, counted in Redis so every copy of the app shares them: per client
//! address (every attempt) and per account (failed attempts). If Redis is unreachable the
//! limit is not enforced and the failure is logged: logins keep working, guessing does not get
//! any easier than the password hash already makes it.

use std::time::Duration;

use redis::AsyncCommands as _;
use sha2::{Digest as _, Sha256};

use crate::error::Error;
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
}

/// Login attempts from one address.
pub const LOGIN_PER_IP: Limit = Limit { name: "login-ip", max: 30, window: Duration::from_secs(600) };
/// Login attempts to one account from one address (a success starts the count again). Keyed
/// by both, so nobody can lock someone else out by failing on purpose.
pub const LOGIN_PER_ACCOUNT_AND_IP: Limit =
    Limit { name: "login-account-ip", max: 5, window: Duration::from_secs(900) };
/// Login attempts to one account from anywhere: bounds guessing spread over many addresses.
pub const LOGIN_PER_ACCOUNT: Limit =
    Limit { name: "login-account", max: 100, window: Duration::from_secs(900) };
/// Wrong current passwords when changing it, per account.
pub const PASSWORD_CHANGE_PER_ACCOUNT: Limit =
    Limit { name: "password-change", max: 5, window: Duration::from_secs(900) };
/// Sign-ups from one address.
pub const SIGNUP_PER_IP: Limit = Limit { name: "signup-ip", max: 20, window: Duration::from_secs(3600) };

fn key(limit: Limit, subject: &str) -> String {
    // Hashed: keys must not carry emails or addresses in the clear.
    let digest = Sha256::digest(subject.to_lowercase().as_bytes());
    format!("tessera:ratelimit:{}:{}", limit.name, hex::encode(&digest[..16]))
}

/// Counts one event against the limit; 429 once it is exceeded.
pub async fn hit(state: &AppState, limit: Limit, subject: &str) -> Result<(), Error> {
    let key = key(limit, subject);
    let counted: redis::RedisResult<(u32, i64)> = async {
        let mut conn = state.redis.connection().await?;
        redis::pipe()
            .incr(&key, 1)
            .cmd("EXPIRE")
            .arg(&key)
            .arg(limit.window.as_secs())
            .arg("NX")
            .ignore()
            .ttl(&key)
            .query_async(&mut conn)
            .await
    }
    .await;
    match counted {
        Ok((count, ttl)) if count > limit.max => {
            Err(Error::TooManyRequests { retry_after_secs: u64::try_from(ttl).unwrap_or(60).max(1) })
        }
        Ok(_) => Ok(()),
        Err(err) => {
            tracing::error!(limit = limit.name, error = %err, "rate limit not enforced: Redis unavailable");
            Ok(())
        }
    }
}

/// Forgets the count (after a successful login).
pub async fn reset(state: &AppState, limit: Limit, subject: &str) {
    let key = key(limit, subject);
    let result: redis::RedisResult<()> = async {
        let mut conn = state.redis.connection().await?;
        conn.del(&key).await
    }
    .await;
    if let Err(err) = result {
        tracing::warn!(limit = limit.name, error = %err, "could not reset a rate limit");
    }
}
