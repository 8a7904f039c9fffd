//! Accounts in Postgres.

use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use super::{Account, DisplayName, Email, PasswordHash, Role};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("an account with this email already exists")]
    EmailTaken,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// An account with its password hash, for checking a login.
pub struct Credentials {
    pub account: Account,
    pub password_hash: PasswordHash,
}

pub(super) fn role(raw: String) -> Result<Role, sqlx::Error> {
    Role::try_from(raw).map_err(|err| sqlx::Error::Decode(err.into()))
}

/// Creates an account with `role`. Admins are only ever created by the command line: there
/// is no way to become one over HTTP.
pub async fn create_account(
    db: impl PgExecutor<'_>,
    email: &Email,
    name: &DisplayName,
    password_hash: &PasswordHash,
    role: Role,
    email_verified: bool,
) -> Result<Account, AccountError> {
    let id = Uuid::now_v7();
    let result = sqlx::query!(
        r#"insert into account (account_id, email, name, password_hash, role, email_verified_at)
           values ($1, $2, $3, $4, $5, case when $6 then now() end)"#,
        id,
        email.as_str(),
        name.as_str(),
        password_hash.0,
        role.as_str(),
        email_verified,
    )
    .execute(db)
    .await;
    match result {
        Ok(_) => Ok(Account {
            id,
            email: email.as_str().to_string(),
            name: name.as_str().to_string(),
            role,
            email_verified,
            locale: None,
        }),
        Err(sqlx::Error::Database(err)) if err.constraint() == Some("account_email_key") => {
            Err(AccountError::EmailTaken)
        }
        Err(err) => Err(err.into()),
    }
}

pub async fn credentials_by_email(
    db: impl PgExecutor<'_>,
    email: &Email,
) -> sqlx::Result<Option<Credentials>> {
    let row = sqlx::query!(
        r#"select account_id, email, name, role, password_hash, email_verified_at is not null as "email_verified!",
                  locale
           from account where lower(email) = lower($1)"#,
        email.as_str()
    )
    .fetch_optional(db)
    .await?;
    row.map(|row| {
        Ok(Credentials {
            account: Account {
                id: row.account_id,
                email: row.email,
                name: row.name,
                role: role(row.role)?,
                email_verified: row.email_verified,
                locale: row.locale,
            },
            password_hash: PasswordHash(row.password_hash),
        })
    })
    .transpose()
}

pub async fn credentials_by_id(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Credentials>> {
    let row = sqlx::query!(
        r#"select account_id, email, name, role, password_hash, email_verified_at is not null as "email_verified!",
                  locale
           from account where account_id = $1 and deleted_at is null"#,
        id
    )
    .fetch_optional(db)
    .await?;
    row.map(|row| {
        Ok(Credentials {
            account: Account {
                id: row.account_id,
                email: row.email,
                name: row.name,
                role: role(row.role)?,
                email_verified: row.email_verified,
                locale: row.locale,
            },
            password_hash: PasswordHash(row.password_hash),
        })
    })
    .transpose()
}

/// Remembers the language the person chose (`pt`), or forgets it (None).
pub async fn set_locale(db: impl PgExecutor<'_>, id: Uuid, locale: Option<&str>) -> sqlx::Result<()> {
    sqlx::query!(
        "update account set locale = $2, updated_at = now()
         where account_id = $1 and locale is distinct from $2 and deleted_at is null",
        id,
        locale
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_password(db: impl PgExecutor<'_>, id: Uuid, hash: &PasswordHash) -> sqlx::Result<()> {
    sqlx::query!(
        "update account set password_hash = $2, updated_at = now() where account_id = $1 and deleted_at is null",
        id,
        hash.0
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Makes an existing account an admin with a new password and ends every session it had, so
/// whoever held the account before cannot walk into the admin console with an old cookie.
pub async fn promote_to_admin(
    db: &PgPool,
    email: &Email,
    hash: &PasswordHash,
) -> sqlx::Result<Option<Account>> {
    let mut tx = db.begin().await?;
    let row = sqlx::query!(
        r#"update account set role = 'admin', password_hash = $2, updated_at = now(),
               email_verified_at = coalesce(email_verified_at, now())
           where lower(email) = lower($1)
           returning account_id, email, name, locale"#,
        email.as_str(),
        hash.0,
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    super::delete_sessions_of(&mut *tx, row.account_id, None).await?;
    tx.commit().await?;
    Ok(Some(Account {
        id: row.account_id,
        email: row.email,
        name: row.name,
        role: Role::Admin,
        email_verified: true,
        locale: row.locale,
    }))
}
