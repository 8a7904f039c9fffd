//! Staff: the admins, and the door staff admins choose. A door account checks tickets in and
//! can do nothing else an admin can; it is a customer's account otherwise. Admins are only
//! made on the command line, so here the door role is the only one given or taken, and every
//! change is in the audit log (`account.role`, about the account's email).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::{Email, Role};

/// Someone on the staff list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaffMember {
    pub account_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// When the account was last given its role here (for an admin made on the command line,
    /// or one promoted there, when the account was made).
    pub since: DateTime<Utc>,
}

/// Why the door role was not given or taken.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StaffError {
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    NoAccount,
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    Unverified,
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    IsAdmin,
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    NotDoor,
}

impl StaffError {
    /// What is wrong, in `locale` (the `Display` is English, for logs).
    pub fn message(&self, locale: tessera_i18n::Locale) -> String {
        tessera_i18n::message(
            locale,
            match self {
                StaffError::NoAccount => "error-staff-no-account",
                StaffError::Unverified => "error-staff-unverified",
                StaffError::IsAdmin => "error-staff-is-admin",
                StaffError::NotDoor => "error-staff-not-door",
            },
        )
    }
}

/// Admins and door staff, admins first, then by email.
pub async fn list_staff(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<StaffMember>> {
    staff_where(db, None, &["admin", "door"]).await
}

/// Accounts with one of `roles` (one account when `account_id` is given), with since when.
async fn staff_where(
    db: impl PgExecutor<'_>,
    account_id: Option<Uuid>,
    roles: &[&str],
) -> sqlx::Result<Vec<StaffMember>> {
    let roles: Vec<String> = roles.iter().map(|r| r.to_string()).collect();
    let rows = sqlx::query!(
        r#"select account_id, email, name, role,
                  coalesce((select max(l.created_at) from audit_log l
                            where l.subject = a.email and l.action = 'account.role'),
                           a.created_at) as "since!"
           from account a
           where role = any($2) and ($1::uuid is null or account_id = $1)
           order by role = 'admin' desc, lower(email)"#,
        account_id,
        &roles
    )
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(StaffMember {
                account_id: r.account_id,
                email: r.email,
                name: r.name,
                role: super::store::role(r.role)?,
                since: r.since,
            })
        })
        .collect()
}

/// Makes the customer with this email door staff, audited as `admin`'s doing. Giving it again
/// changes nothing and is not an error. The account must have confirmed its address: whoever
/// signed up with someone else's address must not be let into the door by its name.
pub async fn grant_door(
    conn: &mut PgConnection,
    admin: Uuid,
    email: &Email,
) -> sqlx::Result<Result<StaffMember, StaffError>> {
    let found = sqlx::query!(
        r#"select account_id, role, email_verified_at is not null as "verified!"
           from account where lower(email) = lower($1) for update"#,
        email.as_str()
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(found) = found else { return Ok(Err(StaffError::NoAccount)) };
    match found.role.as_str() {
        "admin" => return Ok(Err(StaffError::IsAdmin)),
        "door" => return Ok(Ok(member(&mut *conn, found.account_id).await?)),
        _ if !found.verified => return Ok(Err(StaffError::Unverified)),
        _ => {}
    }
    change_role(conn, admin, found.account_id, Role::Customer, Role::Door).await.map(Ok)
}

/// Takes the door role back: the account is a customer again, from its next request on.
pub async fn revoke_door(
    conn: &mut PgConnection,
    admin: Uuid,
    account_id: Uuid,
) -> sqlx::Result<Result<StaffMember, StaffError>> {
    let role = sqlx::query_scalar!("select role from account where account_id = $1 for update", account_id)
        .fetch_optional(&mut *conn)
        .await?;
    match role.as_deref() {
        Some("door") => change_role(conn, admin, account_id, Role::Door, Role::Customer).await.map(Ok),
        Some("admin") => Ok(Err(StaffError::IsAdmin)),
        _ => Ok(Err(StaffError::NotDoor)),
    }
}

async fn change_role(
    conn: &mut PgConnection,
    admin: Uuid,
    account_id: Uuid,
    from: Role,
    to: Role,
) -> sqlx::Result<StaffMember> {
    let row = sqlx::query!(
        r#"update account set role = $3, updated_at = now()
           where account_id = $1 and role = $2
           returning email"#,
        account_id,
        from.as_str(),
        to.as_str()
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!(
        r#"insert into audit_log (account_id, action, subject, before, after)
           values ($1, 'account.role', $2, jsonb_build_object('role', $3::text), jsonb_build_object('role', $4::text))"#,
        admin,
        row.email,
        from.as_str(),
        to.as_str()
    )
    .execute(&mut *conn)
    .await?;
    member(conn, account_id).await
}

/// The account as a staff member, whatever its role now (a customer once the role is taken).
async fn member(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<StaffMember> {
    staff_where(&mut *conn, Some(account_id), &["admin", "door", "customer"])
        .await?
        .pop()
        .ok_or(sqlx::Error::RowNotFound)
}
