//! The ledger as CSV for finance's spreadsheets: stable columns, RFC 4180 quoting, and free
//! text kept from being run as a formula.

use super::LedgerRow;

/// The columns of the CSV export, in order. Stable: finance's spreadsheets depend on them (new
/// ones go last).
pub const CSV_COLUMNS: [&str; 28] = [
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
    "refunded",
    "refunding",
    "refunds",
    "dispute_status",
    "chain_id",
];

/// One CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180).
pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The rows as CSV (RFC 4180: comma-separated, quoted where needed, CRLF line ends), with a
/// header row of [`CSV_COLUMNS`].
pub fn to_csv(rows: &[LedgerRow]) -> String {
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
            r.refunded.clone().unwrap_or_default(),
            r.refunding.clone().unwrap_or_default(),
            r.refunds.clone().unwrap_or_default(),
            r.dispute_status.clone().unwrap_or_default(),
            r.chain_id.map(|id| id.to_string()).unwrap_or_default(),
        ];
        out.push_str(&cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Free text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR) gets a
/// leading apostrophe.
fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::reconcile::{Discrepancy, Resolution};

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
            chain_id: None,
            counted: true,
            discrepancy: Some(Discrepancy::Orphan),
            resolution: Some(Resolution { note: "refunded, \"by hand\"".into(), by: None, at: Utc::now() }),
            refunded_base: Some("50".into()),
            refunded: Some("0.50".into()),
            refunding_base: None,
            refunding: None,
            refunds: Some("re_1 succeeded".into()),
            dispute_status: None,
        };
        let csv = to_csv(&[row]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0].split(',').count(), CSV_COLUMNS.len());
        assert!(
            lines[1].starts_with(
                "card,cs_1,2027-01-15T08:00:00+00:00,,,,EUR,2,10.5,1050,,,EUR,,10.50,,unmatched,"
            )
        );
        assert!(
            lines[1].ends_with(",orphan,\"refunded, \"\"by hand\"\"\",0.50,,re_1 succeeded,,"),
            "{}",
            lines[1]
        );
    }
}
