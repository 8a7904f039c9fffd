//! The audit log: who changed which event, when, and the event before and after.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::CatalogError;
use crate::catalog::Event;

pub(super) async fn audit(
    conn: &mut PgConnection,
    admin: Uuid,
    action: &str,
    event_id: Uuid,
    before: Option<&Event>,
    after: Option<&Event>,
) -> Result<(), CatalogError> {
    let json =
        |event: Option<&Event>| event.map(|e| serde_json::to_value(e).unwrap_or(serde_json::Value::Null));
    sqlx::query!(
        "insert into audit_log (account_id, action, event_id, before, after) values ($1, $2, $3, $4, $5)",
        admin,
        action,
        event_id,
        json(before),
        json(after),
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One row of the audit log, for admins.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: String,
    /// The event changed (`event.*` actions).
    pub event_id: Option<Uuid>,
    /// What another action was about (`discrepancy.resolve`: `rail:receipt`).
    pub subject: Option<String>,
    /// The admin's email, when the account still exists.
    pub admin: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The newest audit entries, optionally for one event.
pub async fn audit_log(
    db: impl PgExecutor<'_>,
    event_id: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<AuditEntry>> {
    sqlx::query_as!(
        AuditEntry,
        r#"select l.audit_log_id as id, l.created_at as at, l.action, l.event_id, l.subject, a.email as "admin?",
                  l.before, l.after
           from audit_log l left join account a using (account_id)
           where $1::uuid is null or l.event_id = $1
           order by l.audit_log_id desc
           limit $2"#,
        event_id,
        limit
    )
    .fetch_all(db)
    .await
}
