//! Finance's reconciliation ledger: one row per receipt, on every rail, matched to its order
//! with the quoted amount beside the received one, and every discrepancy named.
//!
//! - card: a payment the provider collected (its checkout id), or money for no order of ours
//!   (`unmatched_payment`);
//! - btc: every transaction output BTCPay reported for one of our invoices (`btc_receipt`);
//! - eth: every `OrderPaid` log of our contract the chain-watcher saw (`eth_receipt`), tokens
//!   included.
//!
//! Amounts are exact: base units as decimal strings (wei overflow 64 bits) and the same in
//! whole units of the asset.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

use crate::money::units_decimal;

/// What is wrong with a receipt, from finance's point of view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Discrepancy {
    /// Less than the order's quote: it could not pay the order; due back.
    Underpaid,
    /// More than the quote: the order is paid, the excess due back.
    Overpaid,
    /// Paid after the hold ended, with the tickets still there: honoured.
    PaidLate,
    /// Paid after the hold ended, when the tickets had sold out: due back.
    SoldOut,
    /// Due back for another reason (a second payment, a closed order or event, an invalid
    /// invoice).
    RefundDue,
    /// Seen on chain, then its block left the canonical chain before it counted.
    Reorged,
    /// Money naming no order of ours.
    Orphan,
    /// Counted once, but the chain no longer confirms it (reorged after confirmation, or a
    /// bitcoin output replaced).
    NotConfirmed,
}

impl Discrepancy {
    pub const ALL: [Discrepancy; 8] = [
        Discrepancy::Underpaid,
        Discrepancy::Overpaid,
        Discrepancy::PaidLate,
        Discrepancy::SoldOut,
        Discrepancy::RefundDue,
        Discrepancy::Reorged,
        Discrepancy::Orphan,
        Discrepancy::NotConfirmed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Discrepancy::Underpaid => "underpaid",
            Discrepancy::Overpaid => "overpaid",
            Discrepancy::PaidLate => "paid_late",
            Discrepancy::SoldOut => "sold_out",
            Discrepancy::RefundDue => "refund_due",
            Discrepancy::Reorged => "reorged",
            Discrepancy::Orphan => "orphan",
            Discrepancy::NotConfirmed => "not_confirmed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Discrepancy::Underpaid => "Under-paid",
            Discrepancy::Overpaid => "Over-paid (excess due back)",
            Discrepancy::PaidLate => "Paid late",
            Discrepancy::SoldOut => "Refund due: sold out",
            Discrepancy::RefundDue => "Refund due",
            Discrepancy::Reorged => "Reorged",
            Discrepancy::Orphan => "Orphan (no order)",
            Discrepancy::NotConfirmed => "No longer confirmed",
        }
    }

    pub fn parse(raw: &str) -> Option<Discrepancy> {
        Discrepancy::ALL.into_iter().find(|d| d.as_str() == raw)
    }
}

/// How a discrepancy was dealt with.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Resolution {
    pub note: String,
    /// The admin's email, while the account exists.
    pub by: Option<String>,
    pub at: DateTime<Utc>,
}

/// One receipt.
#[derive(Debug, Clone, Serialize)]
pub struct LedgerRow {
    /// `card`, `btc` or `eth` (tokens are `eth`: they come through the same contract).
    pub rail: String,
    /// The receipt's name on its rail: the checkout id (card), `txid:vout` (btc),
    /// `tx_hash:log_index` (eth), or `unmatched:<event id>` (card money for no order).
    pub receipt_ref: String,
    pub received_at: DateTime<Utc>,
    /// When it counted: the payment's settlement, the output's settled time, the log's
    /// confirmation.
    pub settled_at: Option<DateTime<Utc>>,
    pub order_id: Option<Uuid>,
    pub order_status: Option<String>,
    /// `EUR`, `BTC`, `ETH`, `USDC`, ...
    pub asset: String,
    /// The exponent of the asset's base unit (2, 8, 18, 6, ...).
    pub decimals: i32,
    /// Received, in base units and in whole units, exact.
    pub amount_base: String,
    pub amount: String,
    /// The quote the receipt is measured against, in the same asset (the order's total for
    /// cards, the signed quote for ETH and tokens); null where the quote is in another unit
    /// (bitcoin invoices are quoted in fiat) or there is no order.
    pub quoted_base: Option<String>,
    pub quoted: Option<String>,
    /// The order's total, in minor units of `fiat_currency`, and what the payment recorded as
    /// received in it.
    pub fiat_currency: Option<String>,
    pub order_total_minor: Option<i64>,
    pub received_minor: Option<i64>,
    /// Bitcoin: units of `fiat_currency` per BTC, exact. ETH and tokens: the quote's rate.
    pub rate: Option<String>,
    /// The receipt's own state: `succeeded`/`refund_due`/`refunded`/`unmatched` (card),
    /// `processing`/`settled`/`invalid` (btc), `seen`/`confirmed`/`reorged` (eth).
    pub status: String,
    /// ETH: the block, the payer and the token (the zero address for ETH).
    pub block_number: Option<i64>,
    pub block_hash: Option<String>,
    pub payer: Option<String>,
    pub token: Option<String>,
    /// The money counts: collected (card), settled (btc), confirmed (eth). Seen, processing,
    /// reorged and replaced receipts are listed but not counted.
    pub counted: bool,
    pub discrepancy: Option<Discrepancy>,
    /// How the receipt's current discrepancy was dealt with, if it was.
    pub resolution: Option<Resolution>,
}

/// Which rows to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Days (inclusive) of `received_at` in `time_zone`.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub time_zone: String,
    pub rail: Option<String>,
    pub discrepancy: Option<Discrepancy>,
    /// Only discrepancies nobody has resolved yet.
    pub unresolved: bool,
}

struct Raw {
    rail: String,
    receipt_ref: String,
    received_at: DateTime<Utc>,
    settled_at: Option<DateTime<Utc>>,
    order_id: Option<Uuid>,
    order_status: Option<String>,
    order_reason: Option<String>,
    asset: String,
    decimals: i32,
    amount_base: String,
    quoted_base: Option<String>,
    fiat_currency: Option<String>,
    order_total_minor: Option<i64>,
    received_minor: Option<i64>,
    rate: Option<String>,
    status: String,
    payment_status: Option<String>,
    refund_reason: Option<String>,
    overpaid_minor: Option<i64>,
    outcome: Option<String>,
    was_confirmed: bool,
    block_number: Option<i64>,
    block_hash: Option<String>,
    payer: Option<String>,
    token: Option<String>,
    /// False for a bitcoin output other than the first that counts of its invoice: what is
    /// wrong with the invoice as a whole is said once, on its first output.
    first_of_payment: bool,
    counted: bool,
}

/// What is wrong with a receipt, the most serious first.
fn classify(r: &Raw) -> Option<Discrepancy> {
    if r.order_id.is_none() {
        return Some(Discrepancy::Orphan);
    }
    match (r.rail.as_str(), r.status.as_str()) {
        ("eth", "reorged") if r.was_confirmed => return Some(Discrepancy::NotConfirmed),
        ("eth", "reorged") => return Some(Discrepancy::Reorged),
        // A replaced (or double-spent) output: once counted, the chain no longer confirms it;
        // never counted, it is a seen payment that vanished.
        ("btc", "invalid") if r.was_confirmed => return Some(Discrepancy::NotConfirmed),
        ("btc", "invalid") => return Some(Discrepancy::Reorged),
        _ => {}
    }
    if !r.first_of_payment {
        return None;
    }
    if r.outcome.as_deref() == Some("underpaid") {
        return Some(Discrepancy::Underpaid);
    }
    if r.outcome.as_deref() == Some("overpaid") || r.overpaid_minor.unwrap_or(0) > 0 {
        return Some(Discrepancy::Overpaid);
    }
    if r.payment_status.as_deref() == Some("refund_due") {
        return Some(match r.refund_reason.as_deref() {
            Some("partial_payment" | "underpaid") => Discrepancy::Underpaid,
            Some("sold_out_after_expiry") => Discrepancy::SoldOut,
            Some("amount_mismatch") => match (r.received_minor, r.order_total_minor) {
                (Some(received), Some(total)) if received > total => Discrepancy::Overpaid,
                _ => Discrepancy::Underpaid,
            },
            _ => Discrepancy::RefundDue,
        });
    }
    if r.order_reason.as_deref() == Some("paid_late") || r.outcome.as_deref() == Some("paid_late") {
        return Some(Discrepancy::PaidLate);
    }
    None
}

/// The ledger's rows, oldest first.
pub async fn ledger(db: &PgPool, filter: &Filter) -> sqlx::Result<Vec<LedgerRow>> {
    let rows = sqlx::query_as!(
        Raw,
        r#"with rows as (
               -- Cards: what the provider collected for an order.
               select 'card' as rail, p.provider_ref as receipt_ref, p.received_at as received_at,
                      case when p.status in ('succeeded', 'refunded') then p.received_at end as settled_at,
                      o.order_id as order_id, o.status as order_status, o.status_reason as order_reason,
                      p.currency as asset, 0 as decimals, p.received_minor::text as amount_base,
                      o.total_minor::text as quoted_base, o.currency as fiat_currency,
                      o.total_minor as order_total_minor, p.received_minor as received_minor, null::text as rate,
                      p.status as status, p.status as payment_status, p.refund_reason as refund_reason,
                      p.overpaid_minor as overpaid_minor, null::text as outcome, false as was_confirmed,
                      null::bigint as block_number, null::text as block_hash, null::text as payer, null::text as token,
                      true as first_of_payment, true as counted
               from payment p join customer_order o using (order_id)
               where p.provider = 'stripe' and p.received_at is not null
               union all
               -- Card money for no order of ours.
               select 'card', 'unmatched:' || u.provider_event_id, u.created_at, u.created_at, null, null, null,
                      upper(u.currency), 0, u.amount_minor::text, null, upper(u.currency), null, u.amount_minor, null,
                      'unmatched', null, null, null, null, false, null, null, null, null, true, true
               from unmatched_payment u
               where u.provider = 'stripe'
               union all
               -- Bitcoin outputs.
               -- The invoice's total and what it received are said once, on its first output
               -- that counts, so that summing the column never counts an invoice twice.
               select 'btc', r.txid || ':' || r.vout, r.received_at, r.settled_at, r.order_id, o.status,
                      o.status_reason, 'BTC', 8, r.amount_sat::text, null, r.currency,
                      case when row_number() over invoice = 1 then o.total_minor end,
                      case when row_number() over invoice = 1 then p.received_minor end,
                      r.rate::text, r.status, p.status, p.refund_reason, p.overpaid_minor,
                      null, r.settled_at is not null, null, null, null, null,
                      row_number() over invoice = 1, r.status = 'settled'
               from btc_receipt r
               left join customer_order o using (order_id)
               left join payment p on p.order_id = r.order_id and p.provider = r.provider
                                  and p.provider_ref = r.provider_ref
               window invoice as (partition by r.provider, r.provider_ref
                                  order by r.status = 'invalid', r.received_at, r.txid, r.vout)
               union all
               -- Contract logs: ETH and tokens.
               -- The amount is in the unit of the token the log names: the quote's when they
               -- agree, ETH for the zero address, else base units of an unknown token.
               select 'eth', r.tx_hash || ':' || r.log_index, r.block_time, r.confirmed_at, r.order_id, o.status,
                      o.status_reason,
                      case when r.token = q.token then q.asset
                           when r.token = '0x0000000000000000000000000000000000000000' then 'ETH'
                           else r.token end,
                      case when r.token = q.token then q.decimals::int
                           when r.token = '0x0000000000000000000000000000000000000000' then 18
                           else 0 end,
                      r.amount::text, case when r.token = q.token then q.amount::text end, q.currency, o.total_minor,
                      p.received_minor, q.rate::text, r.status, p.status, p.refund_reason, p.overpaid_minor,
                      r.outcome, r.confirmed_at is not null, r.block_number, r.block_hash, r.payer, r.token,
                      true, r.status = 'confirmed'
               from eth_receipt r
               left join customer_order o using (order_id)
               left join eth_quote q using (order_id)
               left join payment p on p.order_id = r.order_id and p.provider = 'ethereum'
           )
           select rows.rail as "rail!", rows.receipt_ref as "receipt_ref!", rows.received_at as "received_at!",
                  rows.settled_at, rows.order_id, rows.order_status, rows.order_reason, rows.asset as "asset!",
                  rows.decimals as "decimals!", rows.amount_base as "amount_base!", rows.quoted_base,
                  rows.fiat_currency, rows.order_total_minor, rows.received_minor, rows.rate, rows.status as "status!",
                  rows.payment_status, rows.refund_reason, rows.overpaid_minor, rows.outcome,
                  rows.was_confirmed as "was_confirmed!", rows.block_number, rows.block_hash, rows.payer, rows.token,
                  rows.first_of_payment as "first_of_payment!", rows.counted as "counted!"
           from rows
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

/// The columns of the CSV export, in order. Stable: finance's spreadsheets depend on them.
pub const CSV_COLUMNS: [&str; 23] = [
    "rail",
    "receipt_ref",
    "received_at",
    "settled_at",
    "order_id",
    "order_status",
    "asset",
    "decimals",
    "amount",
    "amount_base",
    "quoted",
    "quoted_base",
    "fiat_currency",
    "order_total",
    "received_fiat",
    "rate",
    "status",
    "block_number",
    "payer",
    "token",
    "counted",
    "discrepancy",
    "resolution_note",
];

/// The rows as CSV (RFC 4180: comma-separated, quoted where needed, CRLF line ends), with a
/// header row of [`CSV_COLUMNS`].
pub fn to_csv(rows: &[LedgerRow]) -> String {
    fn field(value: &str) -> String {
        if value.contains([',', '"', '\r', '\n']) {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value.to_string()
        }
    }
    let fiat = |minor: Option<i64>, currency: &Option<String>| -> String {
        match (minor, currency) {
            (Some(minor), Some(currency)) => {
                let exponent = currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent());
                crate::money::plain_decimal(minor, exponent)
            }
            _ => String::new(),
        }
    };
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for r in rows {
        let cells = [
            r.rail.clone(),
            r.receipt_ref.clone(),
            r.received_at.to_rfc3339(),
            r.settled_at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            r.order_id.map(|id| id.to_string()).unwrap_or_default(),
            r.order_status.clone().unwrap_or_default(),
            r.asset.clone(),
            r.decimals.to_string(),
            r.amount.clone(),
            r.amount_base.clone(),
            r.quoted.clone().unwrap_or_default(),
            r.quoted_base.clone().unwrap_or_default(),
            r.fiat_currency.clone().unwrap_or_default(),
            fiat(r.order_total_minor, &r.fiat_currency),
            fiat(r.received_minor, &r.fiat_currency),
            r.rate.clone().unwrap_or_default(),
            r.status.clone(),
            r.block_number.map(|n| n.to_string()).unwrap_or_default(),
            r.payer.clone().unwrap_or_default(),
            r.token.clone().unwrap_or_default(),
            r.counted.to_string(),
            r.discrepancy.map(|d| d.as_str().to_string()).unwrap_or_default(),
            // A note is free text: one that a spreadsheet would run as a formula is quoted.
            r.resolution.as_ref().map(|res| spreadsheet_safe(&res.note)).unwrap_or_default(),
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Free text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR) gets a
/// leading apostrophe.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_where_needed() {
        let row = LedgerRow {
            rail: "card".into(),
            receipt_ref: "cs_1".into(),
            received_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            settled_at: None,
            order_id: None,
            order_status: None,
            asset: "EUR".into(),
            decimals: 2,
            amount_base: "1050".into(),
            amount: "10.5".into(),
            quoted_base: None,
            quoted: None,
            fiat_currency: Some("EUR".into()),
            order_total_minor: None,
            received_minor: Some(1050),
            rate: None,
            status: "unmatched".into(),
            block_number: None,
            block_hash: None,
            payer: None,
            token: None,
            counted: true,
            discrepancy: Some(Discrepancy::Orphan),
            resolution: Some(Resolution { note: "refunded, \"by hand\"".into(), by: None, at: Utc::now() }),
        };
        let csv = to_csv(&[row]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0].split(',').count(), CSV_COLUMNS.len());
        assert!(
            lines[1].starts_with(
                "card,cs_1,2027-01-15T08:00:00+00:00,,,,EUR,2,10.5,1050,,,EUR,,10.50,,unmatched,"
            )
        );
        assert!(lines[1].ends_with(",orphan,\"refunded, \"\"by hand\"\"\""), "{}", lines[1]);
    }
}
