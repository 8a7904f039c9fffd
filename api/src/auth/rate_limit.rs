//! Rate limits, counted in Redis so every copy of the app shares them. While Redis is
//! unreachable each process counts on its own (in memory) and the failure is logged: limits
//! get looser by the number of processes, never switched off.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::AsyncCommands as _;
use sha2::{Digest as _, Sha256};

use crate::error::Error;
use crate::state::AppState;

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub name: &'static str,
    pub max: u32,
    pub window: Duration,
    /// The message saying what was done too often, with `$when` to try again: "Too many
    /// login attempts. Try again in 3 minutes."
    pub what: &'static str,
}

/// Login attempts from one address.
pub const LOGIN_PER_IP: Limit =
    Limit { name: "login-ip", max: 30, window: Duration::from_secs(600), what: "error-too-many-logins" };
/// Login attempts to one account from one address, counted before the password is checked
/// (a success starts the count again, so in effect only failures count).
pub const LOGIN_FAILURES_PER_ACCOUNT_AND_IP: Limit = Limit {
    name: "login-fail-account-ip",
    max: 5,
    window: Duration::from_secs(900),
    what: "error-too-many-logins",
};
/// Failed logins to one account from anywhere: past it, addresses that have been failing on
/// this account wait, while others (the owner, who has not been failing) still get in.
pub const LOGIN_FAILURES_PER_ACCOUNT: Limit = Limit {
    name: "login-fail-account",
    max: 20,
    window: Duration::from_secs(900),
    what: "error-too-many-logins",
};
/// Wrong current passwords when changing it, per account.
pub const PASSWORD_CHANGE_PER_ACCOUNT: Limit = Limit {
    name: "password-change",
    max: 5,
    window: Duration::from_secs(900),
    what: "error-too-many-passwords",
};
/// Sign-ups from one address.
pub const SIGNUP_PER_IP: Limit =
    Limit { name: "signup-ip", max: 20, window: Duration::from_secs(3600), what: "error-too-many-signups" };
/// Emails we send on request (verification links, password resets), per address.
pub const EMAIL_LINKS_PER_IP: Limit = Limit {
    name: "email-links-ip",
    max: 20,
    window: Duration::from_secs(3600),
    what: "error-too-many-emails",
};
/// Emails we send on request, per recipient: a stranger cannot flood someone's inbox.
pub const EMAIL_LINKS_PER_EMAIL: Limit = Limit {
    name: "email-links-email",
    max: 5,
    window: Duration::from_secs(3600),
    what: "error-too-many-emails",
};
/// Password reset tokens tried, per address.
pub const RESET_TRIES_PER_IP: Limit =
    Limit { name: "reset-ip", max: 30, window: Duration::from_secs(3600), what: "error-too-many-resets" };

/// Purchases one account starts in ten minutes (`TESSERA_PURCHASES_PER_ACCOUNT`).
pub fn purchases_per_account(max: u32) -> Limit {
    Limit { name: "buy-account", max, window: Duration::from_secs(600), what: "error-too-many-purchases" }
}

/// Purchases one address starts in ten minutes (`TESSERA_PURCHASES_PER_ADDRESS`).
pub fn purchases_per_address(max: u32) -> Limit {
    Limit { name: "buy-ip", max, window: Duration::from_secs(600), what: "error-too-many-purchases" }
}

fn key(limit: Limit, subject: &str) -> String {
    // Hashed: keys must not carry emails or addresses in the clear.
    let digest = Sha256::digest(subject.to_lowercase().as_bytes());
    format!("tessera:ratelimit:{}:{}", limit.name, hex::encode(&digest[..16]))
}

fn refusal(limit: Limit, retry_after_secs: u64) -> Error {
    Error::TooManyRequests { retry_after_secs: retry_after_secs.max(1), what: limit.what }
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
    let (count, ttl) = match counted {
        Ok((count, ttl)) => (count, u64::try_from(ttl).unwrap_or(limit.window.as_secs())),
        Err(err) => {
            tracing::warn!(limit = limit.name, error = %err, "Redis unavailable: rate limit counted in this process");
            state.local_limits.hit(&key, limit.window)
        }
    };
    if count > limit.max { Err(refusal(limit, ttl)) } else { Ok(()) }
}

/// How many events the limit has counted for `subject` in its window, without counting one.
pub async fn count(state: &AppState, limit: Limit, subject: &str) -> (u32, u64) {
    let key = key(limit, subject);
    let read: redis::RedisResult<(Option<u32>, i64)> = async {
        let mut conn = state.redis.connection().await?;
        redis::pipe().get(&key).ttl(&key).query_async(&mut conn).await
    }
    .await;
    match read {
        Ok((count, ttl)) => (count.unwrap_or(0), u64::try_from(ttl).unwrap_or(limit.window.as_secs())),
        Err(err) => {
            tracing::warn!(limit = limit.name, error = %err, "Redis unavailable: rate limit read in this process");
            state.local_limits.count(&key)
        }
    }
}

/// 429 when `subject` is already past the limit; counts nothing.
pub async fn check(state: &AppState, limit: Limit, subject: &str) -> Result<(), Error> {
    match count(state, limit, subject).await {
        (count, ttl) if count >= limit.max => Err(refusal(limit, ttl)),
        _ => Ok(()),
    }
}

/// Forgets the count (after a successful login).
pub async fn reset(state: &AppState, limit: Limit, subject: &str) {
    let key = key(limit, subject);
    state.local_limits.reset(&key);
    let result: redis::RedisResult<()> = async {
        let mut conn = state.redis.connection().await?;
        conn.del(&key).await
    }
    .await;
    if let Err(err) = result {
        tracing::warn!(limit = limit.name, error = %err, "could not reset a rate limit");
    }
}

/// The counts this process keeps while Redis is down: fixed windows, like Redis's.
#[derive(Debug, Default)]
pub struct LocalLimits {
    counts: Mutex<HashMap<String, (u32, Instant)>>,
}

/// Past this many keys, windows that have ended are dropped before another is added.
const LOCAL_KEYS: usize = 100_000;

impl LocalLimits {
    /// Counts one; the count in the window and the seconds it has left.
    fn hit(&self, key: &str, window: Duration) -> (u32, u64) {
        let now = Instant::now();
        let mut counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if counts.len() >= LOCAL_KEYS {
            counts.retain(|_, (_, until)| *until > now);
            if counts.len() >= LOCAL_KEYS / 2 {
                // Still full of live windows (keys someone chose): the half whose windows end
                // first goes, so memory stays bounded and the sweep stays rare, while the
                // counts that started last (an attack under way) are kept.
                let mut ends: Vec<Instant> = counts.values().map(|(_, until)| *until).collect();
                let middle = ends.len() / 2;
                let (_, median, _) = ends.select_nth_unstable(middle);
                let median = *median;
                counts.retain(|_, (_, until)| *until > median);
            }
        }
        let entry = counts.entry(key.to_string()).or_insert((0, now + window));
        if entry.1 <= now {
            *entry = (0, now + window);
        }
        entry.0 = entry.0.saturating_add(1);
        (entry.0, entry.1.saturating_duration_since(now).as_secs().max(1))
    }

    fn count(&self, key: &str) -> (u32, u64) {
        let now = Instant::now();
        let counts = self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match counts.get(key) {
            Some(&(count, until)) if until > now => {
                (count, until.saturating_duration_since(now).as_secs().max(1))
            }
            _ => (0, 0),
        }
    }

    fn reset(&self, key: &str) {
        self.counts.lock().unwrap_or_else(std::sync::PoisonError::into_inner).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_counts_have_windows_and_resets() {
        let local = LocalLimits::default();
        assert_eq!(local.hit("a", Duration::from_secs(60)).0, 1);
        assert_eq!(local.hit("a", Duration::from_secs(60)).0, 2);
        assert_eq!(local.count("a").0, 2);
        assert_eq!(local.count("b"), (0, 0));
        local.reset("a");
        assert_eq!(local.count("a").0, 0);
        // A window that ended starts again.
        assert_eq!(local.hit("c", Duration::ZERO).0, 1);
        assert_eq!(local.hit("c", Duration::ZERO).0, 1);
    }
}
