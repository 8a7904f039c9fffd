//! Money arrived on Ethereum: what a receipt of our contract's `OrderPaid` log does to its
//! order. The chain-watcher finds and records the logs (following the chain, rolling back
//! reorgs) and hands each over here: while it waits for confirmations the order keeps its
//! tickets past the hold (`payment_detected`) and shows what was seen; once it is deep enough it
//! is applied exactly once, in the transaction that marks it confirmed with its outcome.
//!
//! Against the order's quote: the quoted amount in the quoted asset pays the order (late if the
//! hold had ended, refund due if the tickets are gone); more than quoted pays it and records the
//! excess for refund (when it is due back anyway, all of it is); less, or another asset, cannot
//! pay it (the contract takes one payment per order id) and is due back whole. A log for an
//! order id we never quoted is an orphan.

use std::str::FromStr as _;

use alloy::primitives::U256;
use sqlx::{PgConnection, PgPool};
use tessera_core::money::Currency;

use tessera_core::order::eth::{EthQuote, quote_by_ref};
use tessera_core::order::eth_receipt::{self, EthOutcome};
use tessera_core::order::{self, DueBack, Provider, Receipt, Settlement};
use uuid::Uuid;

/// At most this many receipts are applied per step; the rest wait for the next.
const CONFIRM_BATCH: i64 = 500;

/// The fiat value of `amount` base units of the quote's asset at the quote's rate, in minor
/// units, rounded down: exact, in Postgres numeric.
async fn fiat_minor(conn: &mut PgConnection, amount: &str, quote: &EthQuote) -> sqlx::Result<i64> {
    let exponent = Currency::from_str(&quote.currency).map_or(2, Currency::exponent);
    let value = sqlx::query_scalar!(
        r#"select least(floor($1::text::numeric * $2::text::numeric * power(10::numeric, $3::int)
                              / power(10::numeric, $4::int)),
                        9223372036854775807)::bigint as "v!""#,
        amount,
        quote.rate,
        i32::try_from(exponent).unwrap_or(2),
        i32::from(quote.decimals)
    )
    .fetch_one(conn)
    .await?;
    Ok(value)
}

fn parse_amount(amount: &str) -> U256 {
    U256::from_str_radix(amount, 10).unwrap_or_default()
}

/// A receipt of a quoted order, just recorded or changed, that waits for confirmations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeenPayment {
    pub order_id: Uuid,
    /// The order id as the contract saw it (0x-hex, 32 bytes).
    pub order_ref: String,
    /// The token's address (the zero address for ETH), lower-case 0x-hex.
    pub token: String,
    /// In the token's base units, an exact decimal string.
    pub amount: String,
}

/// A receipt of a known order is waiting for confirmations: the order keeps its tickets past
/// the hold, and its page shows what was seen. In the transaction recording the range.
pub async fn note_seen(conn: &mut PgConnection, seen: &SeenPayment) -> sqlx::Result<()> {
    let Some(quote) = quote_by_ref(&mut *conn, &seen.order_ref).await? else { return Ok(()) };
    // A quote its buyer left for another rail: the order waits on that rail, whatever is seen
    // here (it is settled, or refunded, once confirmed).
    if order::is_left_checkout(&mut *conn, seen.order_id, Provider::Ethereum, &quote.order_ref).await? {
        return Ok(());
    }
    order::mark_payment_detected(conn, seen.order_id).await?;
    let seen_minor = if seen.token != quote.token {
        0
    } else if parse_amount(&seen.amount) == parse_amount(&quote.amount) {
        quote.total_minor
    } else {
        fiat_minor(conn, &seen.amount, &quote).await?
    };
    order::record_seen_amount(conn, seen.order_id, Provider::Ethereum, &quote.order_ref, seen_minor).await?;
    Ok(())
}

struct Due {
    eth_receipt_id: Uuid,
    order_id: Option<Uuid>,
    order_ref: String,
    token: String,
    amount: String,
    tx_hash: String,
    log_index: i32,
}

/// Applies every seen receipt of `contract` on `chain_id` in a block up to `tip` (the newest
/// block deep enough). Returns how many were applied.
pub async fn confirm_due(db: &PgPool, chain_id: i64, contract: &str, tip: i64) -> sqlx::Result<usize> {
    let due = sqlx::query_as!(
        Due,
        r#"select eth_receipt_id, order_id, order_ref, token, amount::text as "amount!", tx_hash, log_index
           from eth_receipt
           where chain_id = $1 and contract = $2 and status = 'seen' and block_number <= $3
           order by block_number, log_index
           limit $4"#,
        chain_id,
        contract,
        tip,
        CONFIRM_BATCH
    )
    .fetch_all(db)
    .await?;
    let mut applied = 0;
    for receipt in &due {
        if apply(db, receipt).await? {
            applied += 1;
        }
    }
    Ok(applied)
}

/// Applies one receipt and marks it confirmed with its outcome, in one transaction; false when
/// it was no longer waiting (another watcher, or a reorg, got there first).
async fn apply(db: &PgPool, receipt: &Due) -> sqlx::Result<bool> {
    if let Some(order_id) = receipt.order_id {
        // A late payment must see the stock that is really free.
        order::release_expired_holds_of_order(db, order_id).await?;
    }
    let mut tx = db.begin().await?;
    let status = sqlx::query_scalar!(
        "select status from eth_receipt where eth_receipt_id = $1 for update",
        receipt.eth_receipt_id
    )
    .fetch_one(&mut *tx)
    .await?;
    if status != "seen" {
        return Ok(false);
    }
    let quote = match receipt.order_id {
        Some(_) => quote_by_ref(&mut *tx, &receipt.order_ref).await?,
        None => None,
    };
    let outcome = match &quote {
        Some(quote) => outcome(&mut tx, receipt, quote).await?,
        None => {
            tracing::error!(chain.tx_hash = %receipt.tx_hash, chain.log_index = receipt.log_index,
                order.r#ref = %receipt.order_ref, payment.token = %receipt.token, payment.amount = %receipt.amount,
                "an Ethereum payment for an order id we never quoted; recorded as an orphan for finance");
            EthOutcome::Orphan
        }
    };
    sqlx::query!(
        r#"update eth_receipt set status = 'confirmed', outcome = $2, confirmed_at = now(), updated_at = now()
           where eth_receipt_id = $1"#,
        receipt.eth_receipt_id,
        outcome.as_str()
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(chain.tx_hash = %receipt.tx_hash, chain.log_index = receipt.log_index, order.id = ?receipt.order_id,
        receipt.outcome = %outcome, "Ethereum payment confirmed");
    Ok(true)
}

async fn outcome(conn: &mut PgConnection, receipt: &Due, quote: &EthQuote) -> sqlx::Result<EthOutcome> {
    let (paid, quoted) = (parse_amount(&receipt.amount), parse_amount(&quote.amount));
    if receipt.token != quote.token || paid < quoted {
        let received_minor =
            if receipt.token == quote.token { fiat_minor(conn, &receipt.amount, quote).await? } else { 0 };
        tracing::warn!(order.id = %quote.order_id, chain.tx_hash = %receipt.tx_hash, payment.token = %receipt.token,
            payment.amount = %receipt.amount, quote.token = %quote.token, quote.amount = %quote.amount,
            "an Ethereum payment below its quote (or in another asset); due back");
        order::record_money_due_back(
            conn,
            quote.order_id,
            Provider::Ethereum,
            &quote.order_ref,
            received_minor,
            DueBack::Underpaid,
        )
        .await?;
        return Ok(EthOutcome::Underpaid);
    }
    let payment_ref = format!("{}:{}", receipt.tx_hash, receipt.log_index);
    let settled = order::settle(
        conn,
        &Receipt {
            order_id: quote.order_id,
            provider: Provider::Ethereum,
            provider_ref: &quote.order_ref,
            provider_payment_ref: Some(&payment_ref),
            amount_minor: quote.total_minor,
            currency: &quote.currency,
        },
    )
    .await?;
    let outcome = match settled {
        Settlement::Paid | Settlement::AlreadyPaid => EthOutcome::Paid,
        Settlement::PaidLate => EthOutcome::PaidLate,
        Settlement::RefundDue(_) => EthOutcome::RefundDue,
        Settlement::UnknownOrder => EthOutcome::Orphan,
    };
    if paid > quoted {
        let excess = (paid - quoted).to_string();
        let excess_minor = fiat_minor(conn, &excess, quote).await?;
        match outcome {
            EthOutcome::Paid | EthOutcome::PaidLate => {
                order::record_overpayment(
                    conn,
                    quote.order_id,
                    Provider::Ethereum,
                    &quote.order_ref,
                    excess_minor,
                )
                .await?;
                return Ok(EthOutcome::Overpaid);
            }
            // Due back anyway: all of it.
            EthOutcome::RefundDue => {
                eth_receipt::add_excess_to_refund(conn, quote.order_id, &quote.order_ref, excess_minor)
                    .await?;
            }
            _ => {}
        }
    }
    Ok(outcome)
}
