//! Deleting an account: what is the customer's own goes with it (sessions, emailed links,
//! demand records, "tell me when" requests, places in waiting lists, the address each order's
//! tickets were emailed to), the address, name, password and home are overwritten, and the row
//! stays as a tombstone (`deleted_at`), because orders, their tickets and payments are kept for
//! the books and the door (see migration 31). Aggregates counted before (`demand_daily`) hold
//! no account and stay.

use sqlx::PgPool;
use uuid::Uuid;

/// Why an account cannot be deleted now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocker {
    /// Admins are not deleted from the shop.
    Admin,
    /// Door staff are removed from the staff by an admin first.
    DoorStaff,
    /// An order is waiting for its payment (or its payment is confirming).
    UnpaidOrder,
    /// A refund is on its way back to them, or money is due back to them (it, or its email,
    /// needs the address).
    RefundUnderWay,
    /// A paid order's tickets are still being emailed (a delivery given up on does not count:
    /// an admin retries it, or not).
    TicketsBeingSent,
    /// Tickets paid in bitcoin for an event still to come: were it cancelled, the refund is
    /// claimed through a link emailed to them.
    BitcoinTickets,
}

#[derive(Debug, thiserror::Error)]
pub enum EraseError {
    #[error("the account cannot be deleted now: {0:?}")]
    Blocked(Blocker),
    #[error("no such account")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What went with the account.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    pub sessions: u64,
    pub demand_records: u64,
    pub interests: u64,
    pub waitlist_places: u64,
}

/// Why `account_id` cannot be deleted now, if anything stands in the way.
pub async fn deletion_blocker(db: &PgPool, account_id: Uuid) -> sqlx::Result<Option<Blocker>> {
    let mut conn = db.acquire().await?;
    blocker(&mut conn, account_id).await
}

async fn blocker(conn: &mut sqlx::PgConnection, account_id: Uuid) -> sqlx::Result<Option<Blocker>> {
    let (role, unpaid, refund, sending, bitcoin): (String, bool, bool, bool, bool) = sqlx::query_as(
        "select a.role,
                exists (select 1 from customer_order o
                        where o.account_id = a.account_id and o.status = 'pending_payment'
                          and (o.payment_detected or o.expires_at > now())),
                exists (select 1 from refund r join customer_order o using (order_id)
                        where o.account_id = a.account_id
                          and (r.status in ('requested', 'sent')
                               or (r.status = 'succeeded' and r.notified_at is null)))
                or exists (select 1 from payment p join customer_order o using (order_id)
                           where o.account_id = a.account_id and p.status = 'refund_due'),
                exists (select 1 from customer_order o
                        where o.account_id = a.account_id and o.status = 'paid'
                          and not exists (select 1 from delivery d
                                          where d.order_id = o.order_id and d.status = 'failed')),
                exists (select 1 from customer_order o join event e using (event_id)
                        where o.account_id = a.account_id and o.payment_method in ('btc', 'lightning')
                          and o.status in ('paid', 'fulfilled') and e.status <> 'cancelled'
                          and e.ends_at > now())
         from account a where a.account_id = $1",
    )
    .bind(account_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(if role == "admin" {
        Some(Blocker::Admin)
    } else if role != "customer" {
        Some(Blocker::DoorStaff)
    } else if unpaid {
        Some(Blocker::UnpaidOrder)
    } else if refund {
        Some(Blocker::RefundUnderWay)
    } else if sending {
        Some(Blocker::TicketsBeingSent)
    } else if bitcoin {
        Some(Blocker::BitcoinTickets)
    } else {
        None
    })
}

/// Deletes the account in one transaction, unless something stands in the way. The account's
/// row is locked first, as `place_orders` locks it, so no order is placed for it meanwhile (and
/// none after: `place_orders` refuses deleted accounts, and its sessions open nothing).
pub async fn erase_account(db: &PgPool, account_id: Uuid) -> Result<Erased, EraseError> {
    let mut tx = db.begin().await?;
    let live: Option<(String,)> =
        sqlx::query_as("select email from account where account_id = $1 and deleted_at is null for update")
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((email,)) = live else {
        return Err(EraseError::NotFound);
    };
    if let Some(blocked) = blocker(&mut tx, account_id).await? {
        return Err(EraseError::Blocked(blocked));
    }
    let mut erased = Erased::default();
    for (table, count) in [
        ("session", &mut erased.sessions),
        ("account_token", &mut 0),
        ("demand_event", &mut erased.demand_records),
        ("interest", &mut erased.interests),
        ("waitlist_entry", &mut erased.waitlist_places),
    ] {
        *count = sqlx::query(&format!("delete from {table} where account_id = $1"))
            .bind(account_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    }
    // The address each order's tickets went to, and the errors that may quote it.
    sqlx::query(
        "update delivery d set recipient = null, last_error = null, updated_at = now()
         from customer_order o
         where o.order_id = d.order_id and o.account_id = $1
           and (d.recipient is not null or d.last_error is not null)",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "update refund r set notice_error = null, updated_at = now()
         from customer_order o
         where o.order_id = r.order_id and o.account_id = $1 and r.notice_error is not null",
    )
    .bind(account_id)
    .execute(&mut *tx)
    .await?;
    let tombstone = format!("deleted-{account_id}@deleted.invalid");
    // A former staff member's role changes name them by their address: by the tombstone's now.
    sqlx::query(
        "update audit_log set subject = $2, updated_at = now()
         where action = 'account.role' and lower(subject) = lower($1)",
    )
    .bind(&email)
    .bind(&tombstone)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "update account
         set email = $2, name = '—', password_hash = '$argon2id$deleted', email_verified_at = null,
             locale = null, home_country = null, home_city = null, home_asked_at = null,
             deleted_at = now(), updated_at = now()
         where account_id = $1",
    )
    .bind(account_id)
    .bind(&tombstone)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(erased)
}

/// Tickets of the account's orders, not voided, for events still to come: they stay valid
/// after the account is deleted.
pub async fn upcoming_tickets(db: &PgPool, account_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "select count(*) from ticket t
         join customer_order o using (order_id)
         join event e on e.event_id = t.event_id
         where o.account_id = $1 and t.voided_at is null and e.starts_at > now()",
    )
    .bind(account_id)
    .fetch_one(db)
    .await
}
