//! Single-use links sent by email: verifying an address, resetting a password. The link
//! carries a random 256-bit token; Postgres holds only its SHA-256 (`account_token`), so a copy
//! of the table opens nothing. A token is used by one guarded update, so it works once.

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use sha2::{Digest as _, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

/// What a link is for, and how long it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    VerifyEmail,
    ResetPassword,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::VerifyEmail => "verify_email",
            TokenPurpose::ResetPassword => "reset_password",
        }
    }

    /// Verification links last two days; reset links an hour (they open the account).
    pub fn lifetime(self) -> Duration {
        match self {
            TokenPurpose::VerifyEmail => Duration::hours(48),
            TokenPurpose::ResetPassword => Duration::hours(1),
        }
    }
}

/// The secret a link carries.
#[derive(Clone, PartialEq, Eq)]
pub struct LinkToken(String);

impl LinkToken {
    fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        LinkToken(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// A token from a link; `None` if it cannot be one of ours.
    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        (value.len() == 43 && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
            .then(|| LinkToken(value.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn hash(&self) -> Vec<u8> {
        Sha256::digest(self.0.as_bytes()).to_vec()
    }
}

impl std::fmt::Debug for LinkToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkToken(***)")
    }
}

/// A new link for the account. Earlier unused links of the same purpose stop working: only the
/// newest email's link opens anything.
pub async fn issue_token(
    conn: &mut PgConnection,
    account_id: Uuid,
    purpose: TokenPurpose,
) -> sqlx::Result<LinkToken> {
    // Two requests at once for one account: one after the other, so one link is left.
    sqlx::query!("select account_id from account where account_id = $1 for no key update", account_id)
        .fetch_optional(&mut *conn)
        .await?;
    void_tokens(conn, account_id, purpose).await?;
    // Used and expired links are kept a day for the record, then dropped with the next issue.
    sqlx::query!("delete from account_token where expires_at < now() - interval '1 day'")
        .execute(&mut *conn)
        .await?;
    let token = LinkToken::generate();
    sqlx::query!(
        // (None for an account deleted meanwhile: the link opens nothing.)
        r#"insert into account_token (token_hash, account_id, purpose, expires_at)
           select $1, $2, $3, now() + make_interval(secs => $4)
           where exists (select 1 from account where account_id = $2 and deleted_at is null)"#,
        token.hash(),
        account_id,
        purpose.as_str(),
        purpose.lifetime().num_seconds() as f64,
    )
    .execute(&mut *conn)
    .await?;
    Ok(token)
}

/// The account a link is for while it still works, without using it (to show whom it is
/// for, or to check the account's password before using it).
pub async fn token_account(
    conn: &mut PgConnection,
    token: &LinkToken,
    purpose: TokenPurpose,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        r#"select account_id from account_token
           where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()"#,
        token.hash(),
        purpose.as_str()
    )
    .fetch_optional(conn)
    .await
}

/// Voids the account's unused links of this purpose (a password changed another way voids
/// the reset links sent before).
pub async fn void_tokens(
    conn: &mut PgConnection,
    account_id: Uuid,
    purpose: TokenPurpose,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from account_token where account_id = $1 and purpose = $2 and used_at is null",
        account_id,
        purpose.as_str()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Uses the link: the account it opens, once; `None` when it is unknown, expired, already
/// used, or for another purpose.
pub async fn use_token(
    conn: &mut PgConnection,
    token: &LinkToken,
    purpose: TokenPurpose,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        r#"update account_token set used_at = now()
           where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now()
           returning account_id"#,
        token.hash(),
        purpose.as_str()
    )
    .fetch_optional(conn)
    .await
}

/// The account's address is proved to be its owner's.
pub async fn mark_verified(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update account set email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
           where account_id = $1"#,
        account_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::LinkToken;

    #[test]
    fn tokens_are_random_and_only_well_formed_ones_are_read() {
        let a = LinkToken::generate();
        assert_ne!(a, LinkToken::generate());
        assert_eq!(LinkToken::parse(a.as_str()), Some(a.clone()));
        assert_eq!(LinkToken::parse("short"), None);
        assert_eq!(LinkToken::parse(&format!("{}!", &a.as_str()[..42])), None);
        assert_eq!(format!("{a:?}"), "LinkToken(***)");
    }
}
