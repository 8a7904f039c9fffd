//! Server-side sessions. The browser holds a random 256-bit token; Postgres holds only its
//! SHA-256, so reading the table opens no session. Logging out deletes the row.

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest as _, Sha256};
use std::collections::HashMap;

use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use super::{Account, Role};
use crate::batch::{BatchError, Batcher};

/// How long a session lasts from login.
pub const SESSION_DAYS: i64 = 30;

/// The secret a session cookie carries.
#[derive(Clone, PartialEq, Eq)]
pub struct SessionToken(String);

impl SessionToken {
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        SessionToken(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token from a cookie; `None` if it cannot be one of ours.
    pub fn from_cookie(value: &str) -> Option<Self> {
        (value.len() == 43 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
            .then(|| SessionToken(value.to_string()))
    }

    pub fn as_cookie_value(&self) -> &str {
        &self.0
    }

    fn id(&self) -> String {
        hex::encode(Sha256::digest(self.0.as_bytes()))
    }
}

impl std::fmt::Debug for SessionToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionToken(***)")
    }
}

/// Opens a new session for the account and returns its token.
pub async fn create_session(db: impl PgExecutor<'_>, account_id: Uuid) -> sqlx::Result<SessionToken> {
    let token = SessionToken::generate();
    sqlx::query!(
        "insert into session (session_id, account_id, expires_at)
         values ($1, $2, now() + make_interval(days => $3))",
        token.id(),
        account_id,
        SESSION_DAYS as i32,
    )
    .execute(db)
    .await?;
    Ok(token)
}

/// The accounts behind live sessions (by id), in one query: one answer per id, in order.
/// (A session past its `expires_at` opens nothing, nor a staff member's (an admin's or door
/// staff's) unused for longer than `admin_idle`; a staff session used now is marked so, to
/// the minute.)
async fn find_sessions(
    db: impl PgExecutor<'_>,
    ids: Vec<String>,
    admin_idle: std::time::Duration,
) -> sqlx::Result<Vec<Option<Account>>> {
    let idle_secs = admin_idle.as_secs_f64();
    let rows = sqlx::query!(
        r#"with found as (
               select s.session_id, s.last_seen_at, a.account_id, a.email, a.name, a.role,
                      a.email_verified_at is not null as email_verified, a.locale
               from session s join account a using (account_id)
               where s.session_id = any($1) and s.expires_at > now() and a.deleted_at is null
                 and (a.role = 'customer' or s.last_seen_at > now() - make_interval(secs => $2))
           ), seen as (
               -- Only rows free to lock now: a session row held elsewhere (a logout, a
               -- password change) never holds up everyone's lookup; it is marked next time.
               update session set last_seen_at = now()
               where session_id in (
                   select s.session_id from session s
                   where s.session_id = any(array(select f.session_id from found f
                                                  where f.role <> 'customer'
                                                    and f.last_seen_at < now() - interval '1 minute'))
                   order by s.session_id
                   for update skip locked
               )
           )
           select session_id as "session_id!", account_id as "account_id!", email as "email!",
                  name as "name!", role as "role!", email_verified as "email_verified!", locale
           from found"#,
        &ids,
        idle_secs
    )
    .fetch_all(db)
    .await?;
    let found: HashMap<String, Account> = rows
        .into_iter()
        .filter_map(|row| {
            let role = Role::try_from(row.role).ok()?;
            let account = Account {
                id: row.account_id,
                email: row.email,
                name: row.name,
                role,
                email_verified: row.email_verified,
                locale: row.locale,
            };
            Some((row.session_id, account))
        })
        .collect();
    // The same session twice in a batch (two tabs at once) answers both.
    Ok(ids.iter().map(|id| found.get(id).cloned()).collect())
}

/// Looks sessions up in batches: every request of a signed-in person starts with one, so under
/// load they are the most frequent query of all (see [`crate::batch`]).
#[derive(Debug, Clone)]
pub struct Sessions(Batcher<String, Option<Account>>);

/// How long an admin's session may go unused before it ends (`TESSERA_ADMIN_IDLE_MINUTES`).
pub const DEFAULT_ADMIN_IDLE: std::time::Duration = std::time::Duration::from_secs(30 * 60);

impl Sessions {
    /// Starts the lookup task (on the current Tokio runtime).
    pub fn start(db: PgPool) -> Self {
        Self::with_admin_idle(db, DEFAULT_ADMIN_IDLE)
    }

    /// [`Sessions::start`], ending admins' sessions unused for `admin_idle`.
    pub fn with_admin_idle(db: PgPool, admin_idle: std::time::Duration) -> Self {
        Sessions(Batcher::start("sessions", move |ids| {
            let db = db.clone();
            async move { find_sessions(&db, ids, admin_idle).await }
        }))
    }

    /// The account behind a live session, from the next batch.
    pub async fn find(&self, token: &SessionToken) -> Result<Option<Account>, BatchError> {
        self.0.call(token.id()).await
    }
}

pub async fn delete_session(db: impl PgExecutor<'_>, token: &SessionToken) -> sqlx::Result<()> {
    sqlx::query!("delete from session where session_id = $1", token.id()).execute(db).await?;
    Ok(())
}

/// Deletes sessions that have expired (they already open nothing); returns how many.
pub async fn purge_expired_sessions(db: impl PgExecutor<'_>) -> sqlx::Result<u64> {
    Ok(sqlx::query!("delete from session where expires_at <= now()").execute(db).await?.rows_affected())
}

/// Ends every session of the account except `keep` (after a password change).
pub async fn delete_sessions_of(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    keep: Option<&SessionToken>,
) -> sqlx::Result<u64> {
    let keep = keep.map(SessionToken::id);
    let result = sqlx::query!(
        "delete from session where account_id = $1 and session_id is distinct from $2",
        account_id,
        keep
    )
    .execute(db)
    .await?;
    Ok(result.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::SessionToken;

    #[test]
    fn tokens_are_random_and_only_well_formed_cookies_are_read() {
        let a = SessionToken::generate();
        assert_ne!(a, SessionToken::generate());
        assert_eq!(SessionToken::from_cookie(a.as_cookie_value()), Some(a.clone()));
        assert!(SessionToken::from_cookie("short").is_none());
        assert!(SessionToken::from_cookie(&"x".repeat(42).replace('x', "é")).is_none());
        assert!(!format!("{a:?}").contains(a.as_cookie_value()));
    }
}
