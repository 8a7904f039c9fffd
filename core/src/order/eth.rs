//! Ethereum quotes: what an order paying in ETH or a token was offered, exactly as our payment
//! contract checks it. The chain-watcher matches every `OrderPaid` log to its quote by the
//! order id the contract saw (`order_ref`).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// The order id as the contract sees it: the UUID's 16 bytes followed by 16 zero bytes (what
/// Solidity's `bytes32(bytes16(id))` gives), lower-case 0x-hex.
pub fn order_ref(order_id: Uuid) -> String {
    format!("0x{}{}", order_id.simple(), "0".repeat(32))
}

/// An order's quote. Addresses, hashes and the signature are lower-case 0x-hex; `amount` is in
/// the asset's base units and `rate` in units of `currency` per whole unit of `asset`, both as
/// exact decimal strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthQuote {
    pub order_id: Uuid,
    pub chain_id: i64,
    pub contract: String,
    pub order_ref: String,
    /// `ETH`, or the token's symbol.
    pub asset: String,
    /// The zero address for ETH.
    pub token: String,
    pub decimals: i16,
    pub amount: String,
    pub rate: String,
    pub currency: String,
    pub total_minor: i64,
    pub deadline: DateTime<Utc>,
    pub signature: String,
}

/// Records the order's quote and opens its payment (reference: the order id as the contract
/// sees it), in the caller's transaction. An order has one quote: a second call changes
/// nothing and returns false.
pub async fn record_quote(conn: &mut PgConnection, quote: &EthQuote, order_url: &str) -> sqlx::Result<bool> {
    let inserted = sqlx::query!(
        r#"insert into eth_quote (order_id, chain_id, contract, order_ref, asset, token, decimals, amount,
                                  rate, currency, total_minor, deadline, signature)
           values ($1, $2, $3, $4, $5, $6, $7, $8::text::numeric, $9::text::numeric, $10, $11, $12, $13)
           on conflict (order_id) do nothing"#,
        quote.order_id,
        quote.chain_id,
        quote.contract,
        quote.order_ref,
        quote.asset,
        quote.token,
        quote.decimals,
        quote.amount,
        quote.rate,
        quote.currency,
        quote.total_minor,
        quote.deadline,
        quote.signature
    )
    .execute(&mut *conn)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(false);
    }
    super::record_payment_opened(conn, quote.order_id, &quote.order_ref, order_url).await?;
    Ok(true)
}

/// The quote of an order, if it has one.
pub async fn quote_of_order(db: impl PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Option<EthQuote>> {
    quotes_where(db, Some(order_id), None).await
}

/// When the order's quote was signed (its rate's time), if it has one.
pub async fn quoted_at(
    db: impl PgExecutor<'_>,
    order_id: Uuid,
) -> sqlx::Result<Option<chrono::DateTime<chrono::Utc>>> {
    sqlx::query_scalar!("select created_at from eth_quote where order_id = $1", order_id)
        .fetch_optional(db)
        .await
}

/// The quote the contract knows by `order_ref` (lower-case 0x-hex), if it is ours.
pub async fn quote_by_ref(db: impl PgExecutor<'_>, order_ref: &str) -> sqlx::Result<Option<EthQuote>> {
    quotes_where(db, None, Some(order_ref)).await
}

async fn quotes_where(
    db: impl PgExecutor<'_>,
    order_id: Option<Uuid>,
    order_ref: Option<&str>,
) -> sqlx::Result<Option<EthQuote>> {
    let row = sqlx::query!(
        r#"select order_id, chain_id, contract, order_ref, asset, token, decimals, amount::text as "amount!",
                  rate::text as "rate!", currency, total_minor, deadline, signature
           from eth_quote
           where ($1::uuid is null or order_id = $1) and ($2::text is null or order_ref = $2)
           limit 1"#,
        order_id,
        order_ref
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| EthQuote {
        order_id: r.order_id,
        chain_id: r.chain_id,
        contract: r.contract,
        order_ref: r.order_ref,
        asset: r.asset,
        token: r.token,
        decimals: r.decimals,
        amount: r.amount,
        rate: r.rate,
        currency: r.currency,
        total_minor: r.total_minor,
        deadline: r.deadline,
        signature: r.signature,
    }))
}

/// A payment log of the order's, as the chain-watcher last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenPayment {
    pub tx_hash: String,
    pub log_index: i32,
    pub block_number: i64,
    pub payer: String,
    pub token: String,
    /// Base units, exact.
    pub amount: String,
    /// `seen`, `confirmed` or `reorged`.
    pub status: String,
    /// How deep its block is under the head the watcher last read (1 = the head itself).
    pub confirmations: i64,
}

/// The order's payment logs, oldest first.
pub async fn payments_of_order(db: impl PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Vec<SeenPayment>> {
    sqlx::query_as!(
        SeenPayment,
        r#"select r.tx_hash, r.log_index, r.block_number, r.payer, r.token, r.amount::text as "amount!", r.status,
                  greatest(coalesce(c.head_block, 0) - r.block_number + 1, 0) as "confirmations!"
           from eth_receipt r
           left join eth_cursor c on c.chain_id = r.chain_id and c.contract = r.contract
           where r.order_id = $1
           order by r.block_number, r.log_index"#,
        order_id
    )
    .fetch_all(db)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_ref_is_the_uuid_left_aligned_in_32_bytes() {
        let id = Uuid::parse_str("0192f0a4-7b3c-7def-8123-456789abcdef").unwrap();
        let r = order_ref(id);
        assert_eq!(r, "0x0192f0a47b3c7def8123456789abcdef00000000000000000000000000000000");
        assert_eq!(r.len(), 66);
    }
}
