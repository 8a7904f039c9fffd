//! The ledger query: every receipt on every rail (the `receipt` view, which the sales report
//! reads too), matched to its order and quote, with the resolutions recorded against it; and
//! the contract logs as the ledger has them, for checking against the chain.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use super::classify::classify;
use super::{Discrepancy, Filter, LedgerRow, Resolution};
use crate::money::units_decimal;

/// One receipt as the query returns it, before it is classified.
pub(super) struct Raw {
    pub(super) rail: String,
    pub(super) receipt_ref: String,
    pub(super) received_at: DateTime<Utc>,
    pub(super) settled_at: Option<DateTime<Utc>>,
    pub(super) order_id: Option<Uuid>,
    pub(super) order_status: Option<String>,
    pub(super) order_reason: Option<String>,
    pub(super) asset: String,
    pub(super) decimals: i32,
    pub(super) amount_base: String,
    pub(super) quoted_base: Option<String>,
    pub(super) fiat_currency: Option<String>,
    pub(super) order_total_minor: Option<i64>,
    pub(super) received_minor: Option<i64>,
    pub(super) rate: Option<String>,
    pub(super) status: String,
    pub(super) payment_status: Option<String>,
    pub(super) refund_reason: Option<String>,
    pub(super) overpaid_minor: Option<i64>,
    pub(super) outcome: Option<String>,
    pub(super) was_confirmed: bool,
    pub(super) block_number: Option<i64>,
    pub(super) block_hash: Option<String>,
    pub(super) payer: Option<String>,
    pub(super) token: Option<String>,
    pub(super) chain_id: Option<i64>,
    /// False for a bitcoin output other than the first that counts of its invoice: what is
    /// wrong with the invoice as a whole is said once, on its first output.
    pub(super) first_of_payment: bool,
    pub(super) counted: bool,
    /// Its refunds (cards): what went back, what is on its way, the latest one's state, and
    /// each one's reference and state.
    pub(super) refunded_base: Option<String>,
    pub(super) refunding_base: Option<String>,
    pub(super) refund_latest: Option<String>,
    pub(super) refund_refs: Option<String>,
    /// What went back as money due back (or at the provider), not as an admin's refund.
    pub(super) refunded_due_base: Option<String>,
    /// A dispute of the payment (cards): Stripe's status for it.
    pub(super) dispute_status: Option<String>,
}

/// The ledger's rows, oldest first.
pub async fn ledger(db: &PgPool, filter: &Filter) -> sqlx::Result<Vec<LedgerRow>> {
    let rows = sqlx::query_as!(
        Raw,
        r#"select rows.rail as "rail!", rows.receipt_ref as "receipt_ref!", rows.received_at as "received_at!",
                  rows.settled_at, rows.order_id, rows.order_status, rows.order_reason, rows.asset as "asset!",
                  rows.decimals as "decimals!", rows.amount_base as "amount_base!", rows.quoted_base,
                  rows.fiat_currency, rows.order_total_minor, rows.received_minor, rows.rate, rows.status as "status!",
                  rows.payment_status, rows.refund_reason, rows.overpaid_minor, rows.outcome,
                  rows.was_confirmed as "was_confirmed!", rows.block_number, rows.block_hash, rows.payer, rows.token,
                  rows.chain_id, rows.first_of_payment as "first_of_payment!", rows.counted as "counted!",
                  f.refunded_base, f.refunding_base, f.refund_latest, f.refund_refs, f.refunded_due_base,
                  d.dispute_status as "dispute_status?"
           from receipt rows
           -- Money out beside the money in, on the same rail: the refunds of a card receipt's
           -- payment (or of card money for no order); of a bitcoin invoice, beside its first
           -- output; of an Ethereum payment log, with the refund's own log (transaction, log
           -- index, confirmations). And a card receipt's dispute.
           left join lateral (
               select (sum(r.amount) filter (where r.status = 'succeeded'))::text as refunded_base,
                      (sum(r.amount) filter (where r.status in ('requested', 'sent')))::text as refunding_base,
                      (sum(r.amount) filter (where r.status = 'succeeded'
                                               and r.reason in ('money_due_back', 'outside')))::text as refunded_due_base,
                      (array_agg(r.status order by r.created_at desc))[1] as refund_latest,
                      string_agg(coalesce(l.tx_hash || ':' || l.log_index, r.provider_ref, r.refund_id::text)
                                 || ' ' || r.status
                                 || coalesce(' (' || (c.head_block - l.block_number + 1) || ' confirmations)', ''),
                                 '; ' order by r.created_at) as refund_refs
               from refund r
               left join payment p on p.payment_id = r.payment_id
               left join unmatched_payment u on u.unmatched_payment_id = r.unmatched_payment_id
               left join eth_receipt e on e.eth_receipt_id = r.eth_receipt_id
               left join lateral (
                   select x.tx_hash, x.log_index, x.block_number, x.chain_id, x.contract from eth_refund_log x
                   where x.refund_id = r.refund_id and x.status <> 'reorged' limit 1
               ) l on true
               left join eth_cursor c on c.chain_id = l.chain_id and c.contract = l.contract
               where r.rail = rows.rail and r.status <> 'cancelled'
                 and case rows.rail
                     when 'card' then p.provider_ref = rows.receipt_ref
                                      or 'unmatched:' || u.provider_event_id = rows.receipt_ref
                     when 'btc' then rows.first_of_payment and exists (
                                         select 1 from btc_receipt b
                                         where b.provider = 'btcpay' and b.provider_ref = p.provider_ref
                                           and coalesce(b.txid || ':' || b.vout, 'ln:' || b.payment_hash) = rows.receipt_ref)
                     else e.tx_hash || ':' || e.log_index = rows.receipt_ref and e.chain_id = rows.chain_id end
           ) f on true
           left join lateral (
               select p.dispute_status from payment p
               where rows.rail = 'card' and p.provider = 'stripe' and p.provider_ref = rows.receipt_ref
                 and p.dispute_ref is not null
               limit 1
           ) d on true
           where ($1::date is null or (rows.received_at at time zone $3)::date >= $1)
             and ($2::date is null or (rows.received_at at time zone $3)::date <= $2)
             and ($4::text is null or rows.rail = $4)
           order by rows.received_at, rows.rail, rows.receipt_ref"#,
        filter.from,
        filter.to,
        filter.time_zone,
        filter.rail
    )
    .fetch_all(db)
    .await?;
    let resolutions = resolutions(db).await?;
    Ok(rows
        .into_iter()
        .map(|raw| {
            let discrepancy = classify(&raw);
            // A resolution holds for the discrepancy it was made for: a receipt that has since
            // become something else (reorged, then confirmed short) is open again.
            let resolution = discrepancy.and_then(|d| {
                resolutions.get(&(raw.rail.clone(), raw.receipt_ref.clone(), d.as_str())).cloned()
            });
            // Fiat base units are minor units: their decimals are the currency's.
            let decimals = if raw.rail == "card" {
                raw.asset.parse::<crate::money::Currency>().map_or(2, |c| c.exponent() as i32)
            } else {
                raw.decimals
            };
            let whole = |base: &str| units_decimal(base, decimals.max(0) as u32);
            LedgerRow {
                refunded: raw.refunded_base.as_deref().map(whole),
                refunding: raw.refunding_base.as_deref().map(whole),
                refunded_base: raw.refunded_base,
                refunding_base: raw.refunding_base,
                refunds: raw.refund_refs,
                dispute_status: raw.dispute_status,
                amount: whole(&raw.amount_base),
                quoted: raw.quoted_base.as_deref().map(whole),
                rail: raw.rail,
                receipt_ref: raw.receipt_ref,
                received_at: raw.received_at,
                settled_at: raw.settled_at,
                order_id: raw.order_id,
                order_status: raw.order_status,
                asset: raw.asset,
                decimals,
                amount_base: raw.amount_base,
                quoted_base: raw.quoted_base,
                fiat_currency: raw.fiat_currency,
                order_total_minor: raw.order_total_minor,
                received_minor: raw.received_minor,
                rate: raw.rate,
                status: raw.status,
                block_number: raw.block_number,
                block_hash: raw.block_hash,
                payer: raw.payer,
                token: raw.token,
                chain_id: raw.chain_id,
                counted: raw.counted,
                discrepancy,
                resolution,
            }
        })
        .filter(|row| filter.discrepancy.is_none_or(|d| row.discrepancy == Some(d)))
        .filter(|row| !filter.unresolved || (row.discrepancy.is_some() && row.resolution.is_none()))
        .collect())
}

type Resolutions = std::collections::HashMap<(String, String, &'static str), Resolution>;

/// Every resolution, by receipt and the discrepancy it resolved.
async fn resolutions(db: &PgPool) -> sqlx::Result<Resolutions> {
    let rows = sqlx::query!(
        r#"select d.rail, d.receipt_ref, d.class, d.note, a.email as "by?", d.resolved_at
           from discrepancy_resolution d left join account a on a.account_id = d.resolved_by"#
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let class = Discrepancy::parse(&r.class)?.as_str();
            Some(((r.rail, r.receipt_ref, class), Resolution { note: r.note, by: r.by, at: r.resolved_at }))
        })
        .collect())
}

/// A contract log as the ledger has it, to compare with the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EthLedgerEntry {
    pub chain_id: i64,
    pub contract: String,
    pub tx_hash: String,
    pub log_index: i32,
    pub block_number: i64,
    pub block_hash: String,
    pub order_ref: String,
    pub payer: String,
    pub token: String,
    pub amount: String,
    /// `seen` or `confirmed`: the ledger says it is on the chain.
    pub status: String,
}

/// The contract logs the ledger counts as on the chain (seen or confirmed), received in the
/// filter's days.
pub async fn eth_entries(db: &PgPool, filter: &Filter) -> sqlx::Result<Vec<EthLedgerEntry>> {
    sqlx::query_as!(
        EthLedgerEntry,
        r#"select chain_id, contract, tx_hash, log_index, block_number, block_hash, order_ref, payer, token,
                  amount::text as "amount!", status
           from eth_receipt
           where status in ('seen', 'confirmed')
             and ($1::date is null or (block_time at time zone $3)::date >= $1)
             and ($2::date is null or (block_time at time zone $3)::date <= $2)
           order by block_number, log_index"#,
        filter.from,
        filter.to,
        filter.time_zone
    )
    .fetch_all(db)
    .await
}
