//! Reading refunds: one, an order's, the admins' list (newest first, paged without a cap), and
//! those waiting to be sent.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use super::{Refund, RefundCause, RefundStatus};

/// One refund.
pub async fn refund(db: impl PgExecutor<'_>, refund_id: Uuid) -> sqlx::Result<Option<Refund>> {
    Ok(refunds(db, Some(refund_id), None).await?.pop())
}

/// An order's refunds, oldest first.
pub async fn refunds_of_order(db: impl PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Vec<Refund>> {
    refunds(db, None, Some(order_id)).await
}

/// The refund asked for, or an order's, oldest first.
async fn refunds(
    db: impl PgExecutor<'_>,
    refund_id: Option<Uuid>,
    order_id: Option<Uuid>,
) -> sqlx::Result<Vec<Refund>> {
    sqlx::query_as!(
        Refund,
        r#"select r.refund_id as id, r.order_id, r.payment_id, r.unmatched_payment_id, r.eth_receipt_id,
                  r.eth_to as refund_to, r.rail, r.asset, r.decimals,
                  r.amount::text as "amount!", r.reason as "cause: RefundCause", r.detail, a.email as "requested_by?",
                  r.status as "status: RefundStatus", r.provider_ref, r.claim_url, r.payout_txid, r.failure_reason, r.send_error,
                  r.ticket_ids, r.checked_in_override, r.created_at, r.sent_at, r.settled_at
           from refund r left join account a on a.account_id = r.requested_by
           where ($1::uuid is null or r.refund_id = $1) and ($2::uuid is null or r.order_id = $2)
             and ($1::uuid is not null or $2::uuid is not null)
           order by r.created_at, r.refund_id"#,
        refund_id,
        order_id
    )
    .fetch_all(db)
    .await
}

/// A page of the refunds list, newest first.
#[derive(Debug, Clone)]
pub struct RefundPage {
    pub refunds: Vec<Refund>,
    /// Pass as `before` for the next (older) page; `None` on the last.
    pub next: Option<(DateTime<Utc>, Uuid)>,
}

/// Refunds newest first, `limit` at a time, older than `before` (the previous page's `next`),
/// optionally only those in `status`.
pub async fn list(
    db: impl PgExecutor<'_>,
    status: Option<RefundStatus>,
    before: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<RefundPage> {
    let mut refunds = sqlx::query_as!(
        Refund,
        r#"select r.refund_id as id, r.order_id, r.payment_id, r.unmatched_payment_id, r.eth_receipt_id,
                  r.eth_to as refund_to, r.rail, r.asset, r.decimals,
                  r.amount::text as "amount!", r.reason as "cause: RefundCause", r.detail, a.email as "requested_by?",
                  r.status as "status: RefundStatus", r.provider_ref, r.claim_url, r.payout_txid, r.failure_reason, r.send_error,
                  r.ticket_ids,
                  r.checked_in_override, r.created_at, r.sent_at, r.settled_at
           from refund r left join account a on a.account_id = r.requested_by
           where ($1::text is null or r.status = $1)
             and ($2::timestamptz is null or (r.created_at, r.refund_id) < ($2, $3))
           order by r.created_at desc, r.refund_id desc
           limit $4"#,
        status.map(RefundStatus::as_str),
        before.map(|(at, _)| at),
        before.map(|(_, id)| id).unwrap_or_default(),
        limit + 1
    )
    .fetch_all(db)
    .await?;
    let next = if refunds.len() as i64 > limit {
        refunds.truncate(limit.max(0) as usize);
        refunds.last().map(|r| (r.created_at, r.id))
    } else {
        None
    };
    Ok(RefundPage { refunds, next })
}

/// Refunds on `rails` still to hand to the provider: asked for more than `after` ago (a fresh one is
/// being sent by whoever asked), oldest first.
pub async fn to_send(
    db: impl PgExecutor<'_>,
    after: chrono::Duration,
    limit: i64,
    rails: &[&str],
) -> sqlx::Result<Vec<Uuid>> {
    let rails: Vec<String> = rails.iter().map(|r| r.to_string()).collect();
    sqlx::query_scalar!(
        r#"select refund_id from refund
           where status = 'requested' and rail = any($3) and created_at < now() - $1::interval
             and (sending_until is null or sending_until < now())
           order by created_at limit $2"#,
        sqlx::postgres::types::PgInterval::try_from(after).unwrap_or_default() as _,
        limit,
        &rails
    )
    .fetch_all(db)
    .await
}

/// What a card refund goes back through: the payment intent it refunds and the currency.
#[derive(Debug, Clone)]
pub struct CardTarget {
    pub payment_intent: Option<String>,
    pub currency: String,
}

/// The card payment a refund answers.
pub async fn card_target(db: impl PgExecutor<'_>, refund_id: Uuid) -> sqlx::Result<Option<CardTarget>> {
    sqlx::query_as!(
        CardTarget,
        r#"select coalesce(p.provider_payment_ref, u.provider_payment_ref) as payment_intent,
                  r.asset as "currency!"
           from refund r
           left join payment p on p.payment_id = r.payment_id
           left join unmatched_payment u on u.unmatched_payment_id = r.unmatched_payment_id
           where r.refund_id = $1 and r.rail = 'card'"#,
        refund_id
    )
    .fetch_optional(db)
    .await
}

/// The BTCPay invoice a bitcoin refund gives back from: its order's, or the invoice that
/// named no order of ours.
pub async fn btc_invoice(db: impl PgExecutor<'_>, refund_id: Uuid) -> sqlx::Result<Option<String>> {
    let invoice = sqlx::query_scalar!(
        r#"select coalesce(p.provider_ref, u.provider_ref) from refund r
           left join payment p on p.payment_id = r.payment_id and p.provider = 'btcpay'
           left join unmatched_payment u on u.unmatched_payment_id = r.unmatched_payment_id and u.provider = 'btcpay'
           where r.refund_id = $1 and r.rail = 'btc'"#,
        refund_id
    )
    .fetch_optional(db)
    .await?;
    Ok(invoice.flatten())
}

/// Bitcoin refunds waiting for their customer's claim to be paid out, least recently looked at
/// first: (refund, pull payment).
pub async fn btc_claims_open(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        r#"select refund_id, provider_ref as "provider_ref!" from refund
           where rail = 'btc' and status = 'sent' and provider_ref is not null
           order by updated_at limit $1"#,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.refund_id, r.provider_ref)).collect())
}
