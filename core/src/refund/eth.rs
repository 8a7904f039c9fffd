//! Ethereum refunds in the database: what the refund wallet has to send, the transaction each is
//! sent in (signed and stored before it is broadcast), and what the contract's `OrderRefunded`
//! logs settle once deep enough. Talking to the node is the chain-watcher's
//! (`tessera_settlement::eth::refunded`).

use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use super::settle::{Settled, mark_succeeded};
use super::{RefundCause, RefundStatus};

/// An Ethereum refund as the refund wallet sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthRefund {
    pub refund_id: Uuid,
    pub status: RefundStatus,
    /// The order id as the contract knows it (the payment log's).
    pub order_ref: String,
    /// Where it goes, lower-case 0x-hex.
    pub to: String,
    /// The zero address for ETH.
    pub token: String,
    /// In the token's base units (wei for ETH), an exact decimal string.
    pub amount: String,
    /// The transaction it was sent in, once signed: the wallet that signed it, its nonce, the
    /// signed bytes (0x-hex) and hash.
    pub from: Option<String>,
    pub nonce: Option<i64>,
    pub raw_tx: Option<String>,
    pub tx_hash: Option<String>,
    /// When its current transaction was signed, and the hashes of those it was signed in
    /// before (replaced), any of which may still be the one mined.
    pub signed_at: Option<chrono::DateTime<chrono::Utc>>,
    pub earlier_txs: Vec<String>,
}

/// Requested Ethereum refunds of payments to `contract` on `chain_id`, oldest first, whose
/// payment log still stands (one reorged out waits: the contract would not know the payment).
pub async fn eth_to_send(
    db: impl PgExecutor<'_>,
    chain_id: i64,
    contract: &str,
    limit: i64,
) -> sqlx::Result<Vec<EthRefund>> {
    eth_refunds(db, chain_id, contract, None, limit).await
}

/// Ethereum refunds `from` sent (their transaction signed and broadcast) on `chain_id` whose
/// log has not confirmed yet, oldest first.
pub async fn eth_in_flight(
    db: impl PgExecutor<'_>,
    chain_id: i64,
    contract: &str,
    from: &str,
    limit: i64,
) -> sqlx::Result<Vec<EthRefund>> {
    eth_refunds(db, chain_id, contract, Some(from), limit).await
}

/// Without `from`, the requested refunds; with it, those it sent.
async fn eth_refunds(
    db: impl PgExecutor<'_>,
    chain_id: i64,
    contract: &str,
    from: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<EthRefund>> {
    sqlx::query_as!(
        EthRefund,
        r#"select r.refund_id, r.status as "status: RefundStatus", e.order_ref, r.eth_to as "to!",
                  r.eth_token as "token!", r.amount::text as "amount!", r.eth_from as from, r.eth_nonce as nonce,
                  r.eth_raw_tx as raw_tx, r.provider_ref as tx_hash, r.eth_signed_at as signed_at,
                  r.eth_prior_txs as earlier_txs
           from refund r join eth_receipt e using (eth_receipt_id)
           where r.rail = 'eth' and e.chain_id = $1 and e.contract = $2
             and case when $3::text is null then r.status = 'requested' and e.status = 'confirmed'
                      else r.status = 'sent' and r.eth_from = $3 end
           order by r.created_at limit $4"#,
        chain_id,
        contract,
        from,
        limit
    )
    .fetch_all(db)
    .await
}

/// The highest nonce of a transaction `from` stored on `chain_id` for a refund still on its
/// way: a signed transaction the node may not have yet (a crash before it was broadcast)
/// still holds it.
pub async fn eth_highest_nonce_in_flight(
    db: impl PgExecutor<'_>,
    chain_id: i64,
    from: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"select max(r.eth_nonce) from refund r join eth_receipt e using (eth_receipt_id)
           where r.rail = 'eth' and r.status = 'sent' and r.eth_from = $2 and e.chain_id = $1"#,
        chain_id,
        from
    )
    .fetch_one(db)
    .await
}

/// The refund's transaction is signed: stored with its nonce, `requested → sent` (the
/// transaction's hash as the provider's reference), before it is broadcast.
pub async fn eth_mark_signed(db: &PgPool, refund_id: Uuid, tx: &SignedTx<'_>) -> sqlx::Result<Settled> {
    let rows = sqlx::query!(
        r#"update refund set status = 'sent', provider_ref = $4, eth_from = $5, eth_nonce = $2, eth_raw_tx = $3,
                  eth_signed_at = now(), send_error = null, send_attempted_at = coalesce(send_attempted_at, now()), sent_at = now(),
                  sending_until = null, updated_at = now()
           where refund_id = $1 and status = 'requested' and rail = 'eth'"#,
        refund_id,
        tx.nonce,
        tx.raw,
        tx.hash,
        tx.from
    )
    .execute(db)
    .await?
    .rows_affected();
    Ok(if rows > 0 { Settled::Moved } else { Settled::Unchanged })
}

/// A signed refund transaction: the wallet, its nonce, the signed bytes (0x-hex) and hash.
#[derive(Debug, Clone, Copy)]
pub struct SignedTx<'a> {
    pub from: &'a str,
    pub nonce: i64,
    pub raw: &'a str,
    pub hash: &'a str,
}

/// The refund's transaction is replaced by a new one: signed with another nonce when its own
/// can never be mined (its nonce was taken, deep in the chain, by another transaction, and it
/// has no receipt), or with the same nonce and higher fees when the chain leaves it waiting
/// (only one of the two can ever be mined). The old hash is kept: should its log appear, it
/// still settles this refund.
pub async fn eth_replace_tx(
    db: &PgPool,
    refund_id: Uuid,
    old_hash: &str,
    tx: &SignedTx<'_>,
) -> sqlx::Result<Settled> {
    let rows = sqlx::query!(
        r#"update refund set provider_ref = $5, eth_from = $6, eth_nonce = $3, eth_raw_tx = $4, send_error = null,
                  eth_prior_txs = eth_prior_txs || $2, eth_signed_at = now(), updated_at = now()
           where refund_id = $1 and status = 'sent' and rail = 'eth' and provider_ref = $2"#,
        refund_id,
        old_hash,
        tx.nonce,
        tx.raw,
        tx.hash,
        tx.from
    )
    .execute(db)
    .await?
    .rows_affected();
    Ok(if rows > 0 { Settled::Moved } else { Settled::Unchanged })
}

/// Why the last try to send a refund did not go out (it is tried again); none clears it.
pub async fn note_send_error(
    db: impl PgExecutor<'_>,
    refund_id: Uuid,
    why: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update refund set send_error = left($2, 500), updated_at = now()
           where refund_id = $1 and status in ('requested', 'sent') and send_error is distinct from left($2, 500)"#,
        refund_id,
        why
    )
    .execute(db)
    .await?;
    Ok(())
}

/// One of our contract's `OrderRefunded` logs, deep enough to count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundLog<'a> {
    pub chain_id: i64,
    pub contract: &'a str,
    pub tx_hash: &'a str,
    pub log_index: i32,
    pub order_ref: &'a str,
    pub recipient: &'a str,
    pub token: &'a str,
    /// In the token's base units, an exact decimal string.
    pub amount: &'a str,
}

/// Settles the refund an `OrderRefunded` log is for, in the caller's transaction: ours, sent in
/// that transaction, `→ succeeded`; one made outside Tessera (the owner or the refund wallet
/// used by hand) is recorded as `outside` and succeeded against the payment log of its order
/// id. Returns the refund, or `None` for a log about a payment we have no confirmed record of
/// (yet: see the caller).
pub async fn settle_refund_log(conn: &mut PgConnection, log: &RefundLog<'_>) -> sqlx::Result<Option<Uuid>> {
    let ours = sqlx::query!(
        r#"select refund_id, status, amount::text as "amount!", eth_to, eth_token from refund
           where rail = 'eth' and (provider_ref = $1 or eth_prior_txs @> array[$1])
           order by (provider_ref = $1) desc limit 1 for update"#,
        log.tx_hash
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(ours) = ours {
        if ours.amount != log.amount
            || ours.eth_to.as_deref() != Some(log.recipient)
            || ours.eth_token.as_deref() != Some(log.token)
        {
            tracing::error!(refund.id = %ours.refund_id, chain.tx_hash = log.tx_hash, refund.amount = %ours.amount,
                log.amount = log.amount, log.recipient = log.recipient,
                "an Ethereum refund's log does not say what the refund asked for; finance must look");
        }
        if ours.status == "failed" {
            // The chain's word wins over a failure we recorded (a revert later reorged away, a
            // transaction given up on that was mined after all): the money did go back.
            tracing::warn!(refund.id = %ours.refund_id, chain.tx_hash = log.tx_hash,
                "an Ethereum refund recorded as failed went through on chain");
            sqlx::query!(
                r#"update refund set status = 'sent', failure_reason = null, settled_at = null, updated_at = now()
                   where refund_id = $1 and status = 'failed'"#,
                ours.refund_id
            )
            .execute(&mut *conn)
            .await?;
        }
        if mark_succeeded(conn, ours.refund_id, None).await? == Settled::Unchanged
            && ours.status == "succeeded"
        {
            // Settled already by another log: two of its transactions went through.
            let others = sqlx::query_scalar!(
                r#"select count(*) as "n!" from eth_refund_log where refund_id = $1 and tx_hash <> $2 and status <> 'reorged'"#,
                ours.refund_id,
                log.tx_hash
            )
            .fetch_one(&mut *conn)
            .await?;
            if others > 0 {
                tracing::error!(refund.id = %ours.refund_id, chain.tx_hash = log.tx_hash,
                    "a second transaction of one Ethereum refund went through: money went back twice; finance must look");
            }
        }
        return Ok(Some(ours.refund_id));
    }
    // Made outside Tessera: against the payment log of its order id on this contract.
    let paid = sqlx::query!(
        r#"select e.eth_receipt_id, e.order_id, p.payment_id as "payment_id?",
                  case when e.token = '0x0000000000000000000000000000000000000000' then 'ETH' else q.asset end as asset,
                  case when e.token = '0x0000000000000000000000000000000000000000' then 18 else q.decimals::int end as decimals
           from eth_receipt e
           left join lateral (select asset, decimals from eth_quote where token = e.token and chain_id = e.chain_id
                              order by (order_ref = e.order_ref) desc limit 1) q on true
           left join payment p on p.order_id = e.order_id and p.provider = 'ethereum' and p.provider_ref = e.order_ref
           where e.chain_id = $1 and e.contract = $2 and e.order_ref = $3 and e.status = 'confirmed'
           order by e.block_number limit 1"#,
        log.chain_id,
        log.contract,
        log.order_ref
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(paid) = paid else { return Ok(None) };
    let provider_ref = format!("{}:{}", log.tx_hash, log.log_index);
    let refund_id = Uuid::now_v7();
    let inserted = sqlx::query_scalar!(
        r#"insert into refund (refund_id, order_id, payment_id, eth_receipt_id, rail, asset, decimals, amount, reason,
                               idempotency_key, status, provider_ref, sent_at, eth_to, eth_token)
           values ($1, $2, $3, $4, 'eth', $5, $6, $7::text::numeric, $8, $9, 'sent', $10, now(), $11, $12)
           on conflict do nothing returning refund_id"#,
        refund_id,
        paid.payment_id.and(paid.order_id),
        paid.payment_id,
        paid.eth_receipt_id,
        paid.asset.unwrap_or_else(|| "TOKEN".into()),
        paid.decimals.unwrap_or(0),
        log.amount,
        RefundCause::Outside.as_str(),
        format!("eth:{provider_ref}"),
        provider_ref,
        log.recipient,
        log.token
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(refund_id) = inserted else {
        // Recorded already (the log read again after a rollback of the watcher's range).
        return sqlx::query_scalar!(
            "select refund_id from refund where rail = 'eth' and provider_ref = $1",
            provider_ref
        )
        .fetch_optional(&mut *conn)
        .await;
    };
    tracing::warn!(refund.id = %refund_id, chain.tx_hash = log.tx_hash, order.r#ref = log.order_ref,
        "an Ethereum refund made outside Tessera; recorded");
    mark_succeeded(conn, refund_id, None).await?;
    Ok(Some(refund_id))
}
