//! The watcher's state in Postgres: the cursor (the next block to read, and the head it last
//! saw), the hashes of the blocks it read, the receipts (`OrderPaid`) and the refund logs
//! (`OrderRefunded`). A range of blocks is recorded in
//! one transaction with the cursor's move past it, so a crash redoes the whole range or none of
//! it, and reading a log again updates its row instead of adding one.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use tessera_core::order;
use tessera_settlement::eth::SeenPayment;
use uuid::Uuid;

use super::node::{ContractLog, Header, LogKind};

/// How many blocks below the reorg window are kept (the ends of the ranges read last), so a
/// reorg deeper than the window still finds a common ancestor not far back.
const SPARSE_BLOCKS_KEPT: i64 = 32;

/// Which contract on which chain: the key of everything the watcher stores.
#[derive(Debug, Clone)]
pub(super) struct Scope {
    pub chain_id: i64,
    pub contract: String,
}

/// Blocks read and what they held, ready to be recorded as one.
#[derive(Debug)]
pub(super) struct Range<'a> {
    /// The cursor this range was read from; recording fails if someone moved it meanwhile.
    pub from: u64,
    pub to: u64,
    pub head: u64,
    /// The headers to remember: every block near the head, only the last one further back.
    pub headers: &'a [Header],
    pub logs: &'a [ContractLog],
    /// Blocks below this are outside the reorg window and pruned to a sparse few.
    pub window_floor: u64,
}

/// Whether the range was recorded, or another watcher had moved the cursor first.
#[derive(Debug)]
pub(super) enum Recorded {
    Done { receipts_changed: usize },
    CursorMoved,
}

/// What rolling back to a common ancestor undid.
#[derive(Debug, Default)]
pub(super) struct RolledBack {
    pub receipts: usize,
    pub confirmed: usize,
    /// `OrderRefunded` logs marked reorged.
    pub refunds: usize,
}

/// `block` as the bigint columns hold it (block numbers never come near `i64::MAX`).
pub(super) fn int(block: u64) -> i64 {
    i64::try_from(block).unwrap_or(i64::MAX)
}

/// The cursor: the next block to read.
pub(super) async fn next_block(db: &PgPool, scope: &Scope) -> sqlx::Result<Option<u64>> {
    let next = sqlx::query_scalar!(
        "select next_block from eth_cursor where chain_id = $1 and contract = $2",
        scope.chain_id,
        scope.contract
    )
    .fetch_optional(db)
    .await?;
    Ok(next.map(|n| u64::try_from(n).unwrap_or(0)))
}

/// The stored blocks, newest first: where continuity is checked and ancestors are looked for.
pub(super) async fn blocks_newest_first(
    db: &PgPool,
    scope: &Scope,
    limit: i64,
) -> sqlx::Result<Vec<(u64, String)>> {
    let rows = sqlx::query!(
        "select number, hash from eth_block where chain_id = $1 and contract = $2 order by number desc limit $3",
        scope.chain_id,
        scope.contract,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (u64::try_from(r.number).unwrap_or(0), r.hash)).collect())
}

/// The stored hash of block `number`, if it was kept.
pub(super) async fn block_hash(db: &PgPool, scope: &Scope, number: u64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select hash from eth_block where chain_id = $1 and contract = $2 and number = $3",
        scope.chain_id,
        scope.contract,
        int(number)
    )
    .fetch_optional(db)
    .await
}

/// Notes the chain's head on the cursor (made at `start` if there is none yet), so pages can
/// count confirmations without asking the node.
pub(super) async fn note_head(db: &PgPool, scope: &Scope, start: u64, head: u64) -> sqlx::Result<()> {
    sqlx::query!(
        r#"insert into eth_cursor (chain_id, contract, next_block, head_block) values ($1, $2, $3, $4)
           on conflict (chain_id, contract) do update set head_block = excluded.head_block, updated_at = now()
           where eth_cursor.head_block <> excluded.head_block"#,
        scope.chain_id,
        scope.contract,
        int(start),
        int(head)
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Records a range in one transaction: its headers, its receipts (inserted, or updated when
/// read again in another block), the seen payments on their orders, the cursor moved past it,
/// and old headers pruned.
pub(super) async fn record_range(db: &PgPool, scope: &Scope, range: &Range<'_>) -> sqlx::Result<Recorded> {
    let mut tx = db.begin().await?;
    let moved = sqlx::query_scalar!(
        r#"insert into eth_cursor (chain_id, contract, next_block, head_block) values ($1, $2, $4, $5)
           on conflict (chain_id, contract) do update
               set next_block = excluded.next_block, head_block = excluded.head_block, updated_at = now()
               where eth_cursor.next_block = $3
           returning next_block"#,
        scope.chain_id,
        scope.contract,
        int(range.from),
        int(range.to + 1),
        int(range.head)
    )
    .fetch_optional(&mut *tx)
    .await?;
    if moved.is_none() {
        return Ok(Recorded::CursorMoved);
    }

    let numbers: Vec<i64> = range.headers.iter().map(|h| int(h.number)).collect();
    let hashes: Vec<String> = range.headers.iter().map(|h| h.hash.clone()).collect();
    let parents: Vec<String> = range.headers.iter().map(|h| h.parent_hash.clone()).collect();
    sqlx::query!(
        r#"insert into eth_block (chain_id, contract, number, hash, parent_hash)
           select $1, $2, n, h, p from unnest($3::bigint[], $4::text[], $5::text[]) as b(n, h, p)
           on conflict (chain_id, contract, number) do update
               set hash = excluded.hash, parent_hash = excluded.parent_hash, created_at = now()"#,
        scope.chain_id,
        scope.contract,
        &numbers,
        &hashes,
        &parents
    )
    .execute(&mut *tx)
    .await?;

    let mut changed = 0;
    for log in range.logs {
        if log.kind == LogKind::Refunded {
            if upsert_refund_log(&mut tx, scope, log).await? {
                changed += 1;
            }
            continue;
        }
        if let Some(seen) = upsert_receipt(&mut tx, scope, log).await? {
            changed += 1;
            if let Some(seen) = seen {
                tessera_settlement::eth::note_seen(&mut tx, &seen).await?;
            }
        }
    }

    sqlx::query!(
        r#"delete from eth_block
           where chain_id = $1 and contract = $2 and number < $3
             and number not in (select number from eth_block
                                where chain_id = $1 and contract = $2 and number < $3
                                order by number desc limit $4)"#,
        scope.chain_id,
        scope.contract,
        int(range.window_floor),
        SPARSE_BLOCKS_KEPT
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Recorded::Done { receipts_changed: changed })
}

/// The chain's time for the log's block (now, if the node gave none).
fn block_time(log: &ContractLog) -> DateTime<Utc> {
    log.block_time
        .and_then(|t| DateTime::<Utc>::from_timestamp(i64::try_from(t).unwrap_or(i64::MAX), 0))
        .unwrap_or_else(Utc::now)
}

/// Inserts the log's receipt, or moves it to the block it was read in now. A receipt that had
/// been reorged out and is back waits for its confirmations again (`seen`), unless it had
/// already been applied (`confirmed`: an order is never paid twice, nor unpaid). None when
/// nothing changed; `Some(Some(..))` when a receipt of a known order is now waiting.
async fn upsert_receipt(
    conn: &mut PgConnection,
    scope: &Scope,
    log: &ContractLog,
) -> sqlx::Result<Option<Option<SeenPayment>>> {
    let block_time = block_time(log);
    let row = sqlx::query!(
        r#"insert into eth_receipt as r (eth_receipt_id, chain_id, contract, tx_hash, log_index, block_number,
                                       block_hash, order_ref, order_id, payer, token, amount, status, block_time)
           values ($1, $2, $3, $4, $5, $6, $7, $8,
                   (select order_id from eth_quote where order_ref = $8 and chain_id = $2 and contract = $3),
                   $9, $10, $11::text::numeric, 'seen', $12)
           on conflict (chain_id, tx_hash, log_index) do update
               set block_number = excluded.block_number, block_hash = excluded.block_hash,
                   block_time = excluded.block_time,
                   status = case when r.status <> 'reorged' then r.status
                                 when r.confirmed_at is not null then 'confirmed'
                                 else 'seen' end,
                   updated_at = now()
               where r.block_hash <> excluded.block_hash or r.status = 'reorged'
           returning r.order_id, r.status, r.order_ref, r.token, r.amount::text as "amount!""#,
        Uuid::now_v7(),
        scope.chain_id,
        scope.contract,
        log.tx_hash,
        i32::try_from(log.log_index).unwrap_or(i32::MAX),
        int(log.block_number),
        log.block_hash,
        log.order_ref,
        log.party,
        log.token,
        log.amount.to_string(),
        block_time
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    tracing::info!(chain.tx_hash = %log.tx_hash, chain.log_index = log.log_index, chain.block = log.block_number,
        order.r#ref = %log.order_ref, receipt.status = %row.status, "OrderPaid log recorded");
    Ok(Some(match (row.order_id, row.status.as_str()) {
        (Some(order_id), "seen") => {
            Some(SeenPayment { order_id, order_ref: row.order_ref, token: row.token, amount: row.amount })
        }
        _ => None,
    }))
}

/// Inserts an `OrderRefunded` log, or moves it to the block it was read in now; one that had
/// been reorged out and is back waits for its confirmations again, unless its refund had
/// already been settled. True when something changed.
async fn upsert_refund_log(conn: &mut PgConnection, scope: &Scope, log: &ContractLog) -> sqlx::Result<bool> {
    let block_time = block_time(log);
    let row = sqlx::query_scalar!(
        r#"insert into eth_refund_log as r (eth_refund_log_id, chain_id, contract, tx_hash, log_index, block_number,
                                           block_hash, block_time, order_ref, recipient, token, amount, status)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text::numeric, 'seen')
           on conflict (chain_id, tx_hash, log_index) do update
               set block_number = excluded.block_number, block_hash = excluded.block_hash,
                   block_time = excluded.block_time,
                   status = case when r.status <> 'reorged' then r.status
                                 when r.confirmed_at is not null then 'confirmed'
                                 else 'seen' end,
                   updated_at = now()
               where r.block_hash <> excluded.block_hash or r.status = 'reorged'
           returning r.status"#,
        Uuid::now_v7(),
        scope.chain_id,
        scope.contract,
        log.tx_hash,
        i32::try_from(log.log_index).unwrap_or(i32::MAX),
        int(log.block_number),
        log.block_hash,
        block_time,
        log.order_ref,
        log.party,
        log.token,
        log.amount.to_string()
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(status) = row else { return Ok(false) };
    tracing::info!(chain.tx_hash = %log.tx_hash, chain.log_index = log.log_index, chain.block = log.block_number,
        order.r#ref = %log.order_ref, log.status = %status, "OrderRefunded log recorded");
    Ok(true)
}

/// Rolls the watcher back to the common ancestor `ancestor` (none: no block it remembers is
/// still canonical, so everything from `start` is read again), in one transaction: receipts
/// above it are marked reorged and the orders of those only seen wait for payment again,
/// headers above it are forgotten and the cursor moves back. A receipt that had already been
/// applied is only marked: the order stays as it is, and someone must look.
pub(super) async fn roll_back(
    db: &PgPool,
    scope: &Scope,
    ancestor: Option<u64>,
    start: u64,
) -> sqlx::Result<RolledBack> {
    let keep_up_to = ancestor.map_or(int(start) - 1, int);
    let mut tx = db.begin().await?;
    let gone = sqlx::query!(
        r#"update eth_receipt r set status = 'reorged', reorged_at = now(), updated_at = now()
           from (select eth_receipt_id, status from eth_receipt
                 where chain_id = $1 and contract = $2 and block_number > $3 and status <> 'reorged'
                 for update) old
           where r.eth_receipt_id = old.eth_receipt_id
           returning r.order_id, old.status as was, r.tx_hash, r.log_index, r.block_number, r.outcome"#,
        scope.chain_id,
        scope.contract,
        keep_up_to
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut rolled = RolledBack { receipts: gone.len(), confirmed: 0, refunds: 0 };
    for receipt in &gone {
        if receipt.was == "confirmed" {
            rolled.confirmed += 1;
            tracing::error!(chain.tx_hash = %receipt.tx_hash, chain.log_index = receipt.log_index,
                chain.block = receipt.block_number, order.id = ?receipt.order_id, receipt.outcome = ?receipt.outcome,
                "a confirmed Ethereum payment left the canonical chain; its order is unchanged and finance must look");
            continue;
        }
        tracing::warn!(chain.tx_hash = %receipt.tx_hash, chain.log_index = receipt.log_index,
            chain.block = receipt.block_number, order.id = ?receipt.order_id,
            "a seen Ethereum payment left the canonical chain before it confirmed");
        let Some(order_id) = receipt.order_id else { continue };
        let still_seen = sqlx::query_scalar!(
            r#"select exists (select 1 from eth_receipt where order_id = $1 and status = 'seen') as "e!""#,
            order_id
        )
        .fetch_one(&mut *tx)
        .await?;
        if !still_seen {
            order::unmark_payment_detected(&mut tx, order_id).await?;
        }
    }
    let refunds_gone = sqlx::query!(
        r#"update eth_refund_log set status = 'reorged', reorged_at = now(), updated_at = now()
           where chain_id = $1 and contract = $2 and block_number > $3 and status <> 'reorged'
           returning tx_hash, log_index, block_number, refund_id, confirmed_at"#,
        scope.chain_id,
        scope.contract,
        keep_up_to
    )
    .fetch_all(&mut *tx)
    .await?;
    for log in &refunds_gone {
        if log.confirmed_at.is_some() {
            tracing::error!(chain.tx_hash = %log.tx_hash, chain.log_index = log.log_index, chain.block = log.block_number,
                refund.id = ?log.refund_id,
                "a confirmed Ethereum refund left the canonical chain; its refund stays settled and finance must look");
        } else {
            tracing::warn!(chain.tx_hash = %log.tx_hash, chain.log_index = log.log_index, chain.block = log.block_number,
                "a seen Ethereum refund left the canonical chain before it confirmed; it waits to be mined again");
        }
    }
    rolled.refunds = refunds_gone.len();
    sqlx::query!(
        "delete from eth_block where chain_id = $1 and contract = $2 and number > $3",
        scope.chain_id,
        scope.contract,
        keep_up_to
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        r#"update eth_cursor set next_block = $3::bigint + 1, updated_at = now()
           where chain_id = $1 and contract = $2 and next_block > $3::bigint + 1"#,
        scope.chain_id,
        scope.contract,
        keep_up_to
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rolled)
}
