//! Ethereum receipts as the rest of the shop reads them: every `OrderPaid` log of our contract
//! the chain-watcher recorded (`eth_receipt`), for the order page and for finance, who
//! reconcile each one (transaction hash and log index) against its order. The watcher writes
//! them (`tessera-chain-watcher`'s `eth` module); here they are only read, and the one change
//! to a payment that only an on-chain payment needs is made.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::Provider;

crate::text_enum! {
    /// What applying a confirmed `OrderPaid` log did (`eth_receipt.outcome`); kept when the
    /// receipt is reorged out afterwards.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum EthOutcome: "Ethereum receipt outcome" in Some(("eth_receipt", "outcome")) => {
        /// The quoted amount in the quoted asset paid the order.
        Paid = "paid",
        /// The same, after the hold had ended, with the tickets still there.
        PaidLate = "paid_late",
        /// More than quoted: the order is paid, the excess due back.
        Overpaid = "overpaid",
        /// Less than quoted, or another asset: due back whole.
        Underpaid = "underpaid",
        /// It could not pay the order (sold out after the hold, a closed event): due back.
        RefundDue = "refund_due",
        /// An order id we never quoted.
        Orphan = "orphan",
    }
}

crate::text_enum! {
    /// Where a recorded `OrderPaid` log stands (`eth_receipt.status`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum EthReceiptStatus: "Ethereum receipt status" in Some(("eth_receipt", "status")) => {
        /// Waiting for confirmations.
        Seen = "seen",
        /// Deep enough, and applied to its order.
        Confirmed = "confirmed",
        /// Its block left the canonical chain.
        Reorged = "reorged",
    }
}

/// One `OrderPaid` log. Addresses and hashes are lower-case 0x-hex; `amount` is in the
/// token's base units (wei for ETH), an exact decimal string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EthReceipt {
    pub chain_id: i64,
    pub tx_hash: String,
    pub log_index: i32,
    pub block_number: i64,
    pub block_hash: String,
    pub block_time: DateTime<Utc>,
    /// The order id the contract saw; `order_id` is ours when we quoted it (none: an orphan).
    pub order_ref: String,
    pub order_id: Option<Uuid>,
    pub payer: String,
    /// The zero address for ETH.
    pub token: String,
    pub amount: String,
    /// `seen` (waiting for confirmations), `confirmed` (applied) or `reorged` (its block left
    /// the canonical chain).
    pub status: String,
    /// What applying it did: `paid`, `paid_late`, `overpaid`, `underpaid`, `refund_due`,
    /// `orphan`. Kept when a confirmed receipt is reorged out afterwards.
    pub outcome: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub reorged_at: Option<DateTime<Utc>>,
}

/// The receipts of an order, oldest first.
pub async fn receipts_of_order(db: impl PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Vec<EthReceipt>> {
    sqlx::query_as!(
        EthReceipt,
        r#"select chain_id, tx_hash, log_index, block_number, block_hash, block_time, order_ref, order_id, payer,
                  token, amount::text as "amount!", status, outcome, confirmed_at, reorged_at
           from eth_receipt where order_id = $1 order by block_number, log_index"#,
        order_id
    )
    .fetch_all(db)
    .await
}

/// The receipts someone in finance must act on, newest first: money for no order of ours
/// (`orphan`), money to give back in part or whole (`overpaid`, `underpaid`, `refund_due`),
/// and applied payments whose block later left the chain (the order stays paid; the money may
/// not have arrived).
pub async fn receipts_to_reconcile(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<EthReceipt>> {
    sqlx::query_as!(
        EthReceipt,
        r#"select chain_id, tx_hash, log_index, block_number, block_hash, block_time, order_ref, order_id, payer,
                  token, amount::text as "amount!", status, outcome, confirmed_at, reorged_at
           from eth_receipt
           where (status = 'confirmed' and outcome in ('orphan', 'overpaid', 'underpaid', 'refund_due'))
              or (status = 'reorged' and confirmed_at is not null)
           order by block_time desc, tx_hash, log_index
           limit $1"#,
        limit
    )
    .fetch_all(db)
    .await
}

/// Money paid to our contract for an order id we never quoted (`orphan`): it pays for nothing
/// and goes back to its payer, through the contract's refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EthOrphan {
    pub eth_receipt_id: Uuid,
    pub chain_id: i64,
    pub tx_hash: String,
    pub log_index: i32,
    pub block_number: i64,
    /// The chain's time for the block.
    pub block_time: DateTime<Utc>,
    /// The order id the payer's transaction named.
    pub order_ref: String,
    /// Where the money came from, and so where it goes back to.
    pub payer: String,
    /// The zero address for ETH.
    pub token: String,
    /// `ETH`, or the token's symbol when we have quoted in it (none for a token we never
    /// offered).
    pub asset: Option<String>,
    /// The exponent of the asset's base unit, when the asset is known.
    pub decimals: Option<i32>,
    /// In the token's base units (wei for ETH), an exact decimal string.
    pub amount: String,
    /// The state of its latest refund, if one was asked for.
    pub refund_status: Option<String>,
}

/// What goes back on chain for a payment listed among the refunds due (`refunds_due`): for each
/// confirmed log of the order that could not pay for it, the whole amount (`refund_due`,
/// `underpaid`), or what it brought beyond the quote (`overpaid`), in the asset it came in, to
/// the address it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EthDueBack {
    pub order_id: Uuid,
    /// The chain the log is on, where the money goes back.
    pub chain_id: i64,
    pub tx_hash: String,
    pub log_index: i32,
    /// The log's outcome: `refund_due`, `underpaid` or `overpaid`.
    pub outcome: String,
    /// Where the money came from, and so where it goes back to.
    pub payer: String,
    /// The zero address for ETH.
    pub token: String,
    /// `ETH`, or the token's symbol when it is the quote's (none for another token).
    pub asset: Option<String>,
    /// The exponent of the asset's base unit, when the asset is known.
    pub decimals: Option<i32>,
    /// What goes back, in the token's base units (wei for ETH), an exact decimal string.
    pub amount: String,
}

/// What goes back on chain for the Ethereum payments of these orders that are due for refund,
/// oldest first.
pub async fn due_back(db: impl PgExecutor<'_>, order_ids: &[Uuid]) -> sqlx::Result<Vec<EthDueBack>> {
    sqlx::query_as!(
        EthDueBack,
        r#"select r.order_id as "order_id!", r.chain_id, r.tx_hash, r.log_index, r.outcome as "outcome!", r.payer,
                  r.token,
                  case when r.token = q.token then q.asset
                       when r.token = '0x0000000000000000000000000000000000000000' then 'ETH' end as asset,
                  case when r.token = q.token then q.decimals::int
                       when r.token = '0x0000000000000000000000000000000000000000' then 18 end as decimals,
                  (case when r.outcome = 'overpaid' then r.amount - q.amount else r.amount end)::text
                      as "amount!"
           from eth_receipt r
           join eth_quote q using (order_id)
           join payment p on p.order_id = r.order_id and p.provider = 'ethereum'
           where r.status = 'confirmed' and r.outcome in ('refund_due', 'underpaid', 'overpaid')
             and (p.status = 'refund_due' or (p.status = 'succeeded' and p.overpaid_minor > 0))
             and r.order_id = any($1)
           order by r.block_time, r.tx_hash, r.log_index"#,
        order_ids
    )
    .fetch_all(db)
    .await
}

/// The confirmed orphans, newest first, `limit` at a time, older than `before` (the last row's
/// `block_time` and `eth_receipt_id`).
pub async fn orphans(
    db: impl PgExecutor<'_>,
    before: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<EthOrphan>> {
    sqlx::query_as!(
        EthOrphan,
        r#"select r.eth_receipt_id, r.chain_id, r.tx_hash, r.log_index, r.block_number, r.block_time, r.order_ref, r.payer,
                  r.token, case when r.token = '0x0000000000000000000000000000000000000000' then 'ETH'
                                else q.asset end as asset,
                  case when r.token = '0x0000000000000000000000000000000000000000' then 18
                       else q.decimals::int end as decimals,
                  r.amount::text as "amount!",
                  (select f.status from refund f where f.eth_receipt_id = r.eth_receipt_id
                   order by f.created_at desc limit 1) as refund_status
           from eth_receipt r
           left join lateral (
               select asset, decimals from eth_quote where token = r.token and chain_id = r.chain_id limit 1
           ) q on true
           where r.status = 'confirmed' and r.outcome = 'orphan'
             and ($1::timestamptz is null or (r.block_time, r.eth_receipt_id) < ($1, $2))
           order by r.block_time desc, r.eth_receipt_id desc
           limit $3"#,
        before.map(|(at, _)| at),
        before.map(|(_, id)| id).unwrap_or_default(),
        limit
    )
    .fetch_all(db)
    .await
}

/// An on-chain payment that brought more than its quote and is due back anyway (the tickets
/// were gone, the order closed): all of it goes back, so the excess is added to what the
/// payment records as received. False when the payment is not due for refund.
pub async fn add_excess_to_refund(
    conn: &mut PgConnection,
    order_id: Uuid,
    order_ref: &str,
    excess_minor: i64,
) -> sqlx::Result<bool> {
    let added = sqlx::query!(
        r#"update payment set received_minor = coalesce(received_minor, 0) + $3, updated_at = now()
           where order_id = $1 and provider = $4 and provider_ref = $2 and status = 'refund_due'"#,
        order_id,
        order_ref,
        excess_minor.max(0),
        Provider::Ethereum.as_str()
    )
    .execute(conn)
    .await?;
    Ok(added.rows_affected() == 1)
}
