//! A refund's transitions, and what the provider says about refunds: its answer when we send
//! one, and its events, including refunds made at the provider rather than through Tessera.
//! When all a payment received has gone back, the payment is `refunded`, and so is the order
//! it paid for, whose remaining tickets are voided.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::request::{audit, void_tickets};
use super::{RefundCause, RefundError, VoidReason};
use crate::order::StatusReason;

/// What a transition came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// It moved.
    Moved,
    /// It was not in a state to move (a duplicate or late answer): nothing changed.
    Unchanged,
}

fn moved(rows: u64) -> Settled {
    if rows > 0 { Settled::Moved } else { Settled::Unchanged }
}

/// Claims a requested refund for sending, for `lease`: true for the one caller that may hand it
/// to the provider now (a double click, a second process and the sweeper do not send it at
/// the same time). From the first claim on, the refund may exist at the provider, so it can no
/// longer be cancelled.
pub async fn claim_for_sending(db: &PgPool, refund_id: Uuid, lease: chrono::Duration) -> sqlx::Result<bool> {
    let lease = sqlx::postgres::types::PgInterval::try_from(lease).unwrap_or_default();
    let claimed = sqlx::query!(
        r#"update refund set send_attempted_at = coalesce(send_attempted_at, now()),
                  sending_until = now() + $2::interval, updated_at = now()
           where refund_id = $1 and status = 'requested' and (sending_until is null or sending_until < now())"#,
        refund_id,
        lease as _
    )
    .execute(db)
    .await?
    .rows_affected();
    Ok(claimed > 0)
}

/// Gives the sending lease back (the provider could not be reached): the next try may send.
pub async fn release_sending(db: &PgPool, refund_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update refund set sending_until = null, updated_at = now() where refund_id = $1 and status = 'requested'",
        refund_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The provider has it: `requested → sent`.
pub async fn mark_sent(
    conn: &mut PgConnection,
    refund_id: Uuid,
    provider_ref: &str,
) -> sqlx::Result<Settled> {
    let rows = sqlx::query!(
        r#"update refund set status = 'sent', provider_ref = $2, sent_at = now(), updated_at = now()
           where refund_id = $1 and status = 'requested'"#,
        refund_id,
        provider_ref
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(moved(rows))
}

/// A bitcoin refund's pull payment: `requested → sent`, with the page where the customer claims
/// it.
pub async fn mark_claimable(
    conn: &mut PgConnection,
    refund_id: Uuid,
    pull_payment_id: &str,
    claim_url: &str,
) -> sqlx::Result<Settled> {
    let rows = sqlx::query!(
        r#"update refund set status = 'sent', provider_ref = $2, claim_url = $3, sent_at = now(), updated_at = now()
           where refund_id = $1 and status = 'requested'"#,
        refund_id,
        pull_payment_id,
        claim_url
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(moved(rows))
}

/// Notes that a sent refund's claim was looked at (it goes to the back of the queue).
pub async fn checked(conn: &mut PgConnection, refund_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("update refund set updated_at = now() where refund_id = $1 and status = 'sent'", refund_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// A bitcoin refund paid out: the transaction that sent it, then `sent → succeeded`.
pub async fn mark_paid_out(
    conn: &mut PgConnection,
    refund_id: Uuid,
    txid: Option<&str>,
) -> sqlx::Result<Settled> {
    sqlx::query!(
        "update refund set payout_txid = coalesce(payout_txid, $2), updated_at = now() where refund_id = $1",
        refund_id,
        txid
    )
    .execute(&mut *conn)
    .await?;
    mark_succeeded(conn, refund_id, None).await
}

/// The money went back: `requested | sent → succeeded`; then the payment and its order follow
/// if nothing is left on the payment.
pub async fn mark_succeeded(
    conn: &mut PgConnection,
    refund_id: Uuid,
    provider_ref: Option<&str>,
) -> sqlx::Result<Settled> {
    let payment_id = sqlx::query_scalar!(
        r#"update refund set status = 'succeeded', provider_ref = coalesce(provider_ref, $2),
                  sent_at = coalesce(sent_at, now()), settled_at = now(), updated_at = now()
           where refund_id = $1 and status in ('requested', 'sent')
           returning payment_id"#,
        refund_id,
        provider_ref
    )
    .fetch_optional(&mut *conn)
    .await?;
    match payment_id {
        None => Ok(Settled::Unchanged),
        Some(payment_id) => {
            if let Some(payment_id) = payment_id {
                close_if_all_back(conn, payment_id).await?;
            }
            // An order whose every ticket went back is refunded, even when a fee was kept: every
            // ticket in a refund that succeeded, and no refund of it on its way.
            sqlx::query!(
                r#"update customer_order o set status = 'refunded', updated_at = now()
                   where o.order_id = (select order_id from refund where refund_id = $1 and cardinality(ticket_ids) > 0)
                     and o.status in ('paid', 'fulfilled')
                     and not exists (
                         select 1 from ticket t where t.order_id = o.order_id
                           and not exists (select 1 from refund f where f.order_id = o.order_id
                                             and f.status = 'succeeded' and t.ticket_id = any(f.ticket_ids)))
                     and not exists (select 1 from refund f where f.order_id = o.order_id
                                       and f.status in ('requested', 'sent'))"#,
                refund_id
            )
            .execute(&mut *conn)
            .await?;
            Ok(Settled::Moved)
        }
    }
}

/// The money did not go back: `requested | sent → failed`. Its tickets stay voided (the
/// customer gave them up); finance sees the failure and asks again.
pub async fn mark_failed(
    conn: &mut PgConnection,
    refund_id: Uuid,
    provider_ref: Option<&str>,
    why: &str,
) -> sqlx::Result<Settled> {
    let rows = sqlx::query!(
        r#"update refund set status = 'failed', provider_ref = coalesce(provider_ref, $2), failure_reason = left($3, 500),
                  settled_at = now(), updated_at = now()
           where refund_id = $1 and status in ('requested', 'sent')"#,
        refund_id,
        provider_ref,
        why
    )
    .execute(conn)
    .await?
    .rows_affected();
    Ok(moved(rows))
}

/// Withdraws a refund never handed to the provider: `requested → cancelled`; its tickets admit
/// again (and are taken off sale again), unless they have been sold since.
pub async fn cancel(db: &PgPool, refund_id: Uuid, admin: Uuid) -> Result<Settled, RefundError> {
    let mut tx = db.begin().await?;
    let tickets = sqlx::query_scalar!(
        r#"update refund set status = 'cancelled', settled_at = now(), updated_at = now()
           where refund_id = $1 and status = 'requested' and send_attempted_at is null returning ticket_ids"#,
        refund_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(tickets) = tickets else {
        return Ok(Settled::Unchanged);
    };
    let restored = sqlx::query!(
        r#"update ticket set voided_at = null, void_reason = null, updated_at = now()
           where ticket_id = any($1) and void_reason = 'refunded'
           returning ticket_type_id"#,
        &tickets
    )
    .fetch_all(&mut *tx)
    .await?;
    for row in &restored {
        let taken = sqlx::query!(
            r#"update ticket_type set sold = sold + 1, updated_at = now()
               where ticket_type_id = $1 and sold + held < capacity"#,
            row.ticket_type_id
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if taken == 0 {
            return Err(RefundError::StockTaken("error-refund-stock-taken"));
        }
    }
    let refund = super::refund(&mut *tx, refund_id).await?.ok_or(RefundError::NotFound)?;
    audit(&mut tx, Some(admin), "refund.cancel", &refund).await?;
    tx.commit().await?;
    Ok(Settled::Moved)
}

/// When all a payment received has gone back: the payment is `refunded`; if it was the one
/// that paid for its order, the order is `refunded` too and its remaining tickets voided.
async fn close_if_all_back(conn: &mut PgConnection, payment_id: Uuid) -> sqlx::Result<()> {
    let closed = sqlx::query!(
        r#"with before as (
               select payment_id, status, order_id from payment where payment_id = $1 for update
           ), back as (
               select coalesce(sum(amount), 0) as total from refund where payment_id = $1 and status = 'succeeded'
           )
           update payment p set status = 'refunded', updated_at = now()
           from before, back
           where p.payment_id = before.payment_id and before.status in ('succeeded', 'refund_due')
             and p.received_minor is not null
             -- In the unit the refunds count in: satoshis settled for bitcoin, the base units of
             -- the confirmed log for Ethereum, minor units else.
             and back.total >= case when p.provider = 'btcpay'
                                    then (select greatest(coalesce(sum(b.amount_sat), 0), 1) from btc_receipt b
                                          where b.provider = 'btcpay' and b.provider_ref = p.provider_ref
                                            and b.status = 'settled')
                                    -- Nothing confirmed (its log reorged out): never all back.
                                    when p.provider = 'ethereum'
                                    then (select greatest(coalesce(sum(e.amount), 0), 1) from eth_receipt e
                                          where e.order_ref = p.provider_ref and e.order_id = p.order_id
                                            and e.status = 'confirmed')
                                    else p.received_minor end
           returning before.status as was, p.order_id"#,
        payment_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(closed) = closed else { return Ok(()) };
    if closed.was == "succeeded" {
        refund_order(conn, closed.order_id, None).await?;
    }
    Ok(())
}

/// Moves a paid order to `refunded` and voids the tickets it still has.
pub(super) async fn refund_order(
    conn: &mut PgConnection,
    order_id: Uuid,
    reason: Option<StatusReason>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update customer_order set status = 'refunded', status_reason = coalesce($2, status_reason), updated_at = now()
           where order_id = $1 and status in ('paid', 'fulfilled')"#,
        order_id,
        reason.map(StatusReason::as_str)
    )
    .execute(&mut *conn)
    .await?;
    let tickets = sqlx::query_scalar!(
        "select ticket_id from ticket where order_id = $1 and voided_at is null",
        order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    void_tickets(conn, &tickets, VoidReason::Refunded, true).await?;
    Ok(())
}

/// Where the provider says a refund is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderRefundState {
    Sent,
    Succeeded,
    Failed,
}

/// A refund as the provider reported it (Stripe's `refund.*` events and a charge's refunds).
#[derive(Debug, Clone)]
pub struct ProviderRefund<'a> {
    /// `re_…`.
    pub provider_ref: &'a str,
    /// Our refund's id, when we asked for it (its metadata).
    pub refund_id: Option<Uuid>,
    /// The payment it refunds (the payment intent).
    pub payment_ref: Option<&'a str>,
    /// In our minor units of `currency`.
    pub amount_minor: i64,
    /// Upper case ISO 4217.
    pub currency: &'a str,
    pub state: ProviderRefundState,
    pub failure_reason: Option<&'a str>,
}

/// Applies what the provider says about a refund: moves ours, found by its id or the
/// provider's reference; a refund we never asked for (made in the provider's dashboard) is
/// recorded as `outside`, against the payment it refunds. Returns the refund, or `None` for a
/// refund of a payment we do not know.
pub async fn record_provider_refund(
    conn: &mut PgConnection,
    reported: &ProviderRefund<'_>,
) -> sqlx::Result<Option<Uuid>> {
    let ours = sqlx::query_scalar!(
        r#"select refund_id from refund
           where rail = 'card' and (provider_ref = $1 or refund_id = $2)
           order by (provider_ref = $1) desc nulls last limit 1"#,
        reported.provider_ref,
        reported.refund_id
    )
    .fetch_optional(&mut *conn)
    .await?;
    let refund_id = match ours {
        Some(id) => id,
        None => {
            let Some(payment_ref) = reported.payment_ref else { return Ok(None) };
            let payment = sqlx::query!(
                r#"select payment_id, order_id from payment where provider = 'stripe' and provider_payment_ref = $1
                   order by (status in ('succeeded', 'refunded')) desc, created_at limit 1"#,
                payment_ref
            )
            .fetch_optional(&mut *conn)
            .await?;
            let unmatched = match payment {
                Some(_) => None,
                None => sqlx::query_scalar!(
                    "select unmatched_payment_id from unmatched_payment where provider = 'stripe' and provider_payment_ref = $1 limit 1",
                    payment_ref
                )
                .fetch_optional(&mut *conn)
                .await?,
            };
            if payment.is_none() && unmatched.is_none() {
                return Ok(None);
            }
            let refund_id = Uuid::now_v7();
            let inserted = sqlx::query_scalar!(
                r#"insert into refund (refund_id, order_id, payment_id, unmatched_payment_id, rail, asset, decimals, amount,
                                       reason, idempotency_key, status, provider_ref, sent_at)
                   values ($1, $2, $3, $4, 'card', $5, currency_exponent($5), $6::bigint::numeric, $7, $8, 'sent', $9, now())
                   on conflict do nothing returning refund_id"#,
                refund_id,
                payment.as_ref().map(|p| p.order_id),
                payment.as_ref().map(|p| p.payment_id),
                unmatched,
                reported.currency,
                reported.amount_minor,
                RefundCause::Outside.as_str(),
                format!("stripe:{}", reported.provider_ref),
                reported.provider_ref
            )
            .fetch_optional(&mut *conn)
            .await?;
            match inserted {
                Some(id) => {
                    tracing::warn!(refund.id = %id, refund.provider_ref = reported.provider_ref,
                        "a refund made at the provider, not through Tessera; recorded");
                    id
                }
                // Recorded by a concurrent delivery of another event about it.
                None => {
                    sqlx::query_scalar!(
                        "select refund_id from refund where rail = 'card' and provider_ref = $1",
                        reported.provider_ref
                    )
                    .fetch_one(&mut *conn)
                    .await?
                }
            }
        }
    };
    match reported.state {
        ProviderRefundState::Sent => {
            mark_sent(conn, refund_id, reported.provider_ref).await?;
        }
        ProviderRefundState::Succeeded => {
            if mark_succeeded(conn, refund_id, Some(reported.provider_ref)).await? == Settled::Unchanged {
                // The provider's word wins over a failure we recorded (a refused retry of a
                // refund it had made): the money did go back.
                let revived = sqlx::query_scalar!(
                    r#"update refund set status = 'requested', failure_reason = null, settled_at = null, updated_at = now()
                       where refund_id = $1 and status = 'failed' returning refund_id"#,
                    refund_id
                )
                .fetch_optional(&mut *conn)
                .await?;
                if revived.is_some() {
                    tracing::warn!(refund.id = %refund_id, "a refund recorded as failed succeeded at the provider");
                    mark_succeeded(conn, refund_id, Some(reported.provider_ref)).await?;
                }
            }
        }
        ProviderRefundState::Failed => {
            mark_failed(
                conn,
                refund_id,
                Some(reported.provider_ref),
                reported.failure_reason.unwrap_or("the provider could not send the money back"),
            )
            .await?;
        }
    }
    Ok(Some(refund_id))
}
