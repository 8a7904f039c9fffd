//! Resolving a discrepancy: an admin's note on the receipt, recorded once, with its audit entry
//! in the same transaction.

use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use super::{Discrepancy, Filter, ledger};

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("no such receipt")]
    UnknownReceipt,
    #[error("this receipt has no discrepancy to resolve")]
    NothingToResolve,
    #[error("this discrepancy was resolved already")]
    AlreadyResolved,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Marks the discrepancy of a receipt resolved with `note`, and records it in the audit log,
/// in one transaction.
pub async fn resolve(
    db: &PgPool,
    admin: Uuid,
    rail: &str,
    receipt_ref: &str,
    note: &str,
) -> Result<Discrepancy, ResolveError> {
    let filter = Filter { time_zone: "UTC".into(), rail: Some(rail.to_string()), ..Filter::default() };
    let row = ledger(db, &filter)
        .await?
        .into_iter()
        .find(|row| row.receipt_ref == receipt_ref)
        .ok_or(ResolveError::UnknownReceipt)?;
    let class = row.discrepancy.ok_or(ResolveError::NothingToResolve)?;
    if row.resolution.is_some() {
        return Err(ResolveError::AlreadyResolved);
    }
    let mut tx = db.begin().await?;
    let inserted = sqlx::query!(
        r#"insert into discrepancy_resolution (rail, receipt_ref, class, note, resolved_by)
           values ($1, $2, $3, $4, $5) on conflict do nothing"#,
        rail,
        receipt_ref,
        class.as_str(),
        note.trim(),
        admin
    )
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(ResolveError::AlreadyResolved);
    }
    audit(&mut *tx, admin, rail, receipt_ref, class, note.trim()).await?;
    tx.commit().await?;
    Ok(class)
}

async fn audit(
    db: impl PgExecutor<'_>,
    admin: Uuid,
    rail: &str,
    receipt_ref: &str,
    class: Discrepancy,
    note: &str,
) -> sqlx::Result<()> {
    let after =
        serde_json::json!({"rail": rail, "receipt_ref": receipt_ref, "class": class.as_str(), "note": note});
    sqlx::query!(
        "insert into audit_log (account_id, action, subject, after) values ($1, 'discrepancy.resolve', $2, $3)",
        admin,
        format!("{rail}:{receipt_ref}"),
        after
    )
    .execute(db)
    .await?;
    Ok(())
}
