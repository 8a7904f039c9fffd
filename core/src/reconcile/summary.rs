//! What a set of ledger rows adds up to: received per asset (exact, in arbitrary precision:
//! wei overflow any integer type) and rows per discrepancy. Domain logic, not a route's: the
//! admin API, the finance page and the `tessera reconcile` CLI all report the same sums.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Discrepancy, LedgerRow};

/// Received in one asset (on one chain, for ETH and tokens) over the rows whose money counts.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct AssetSum {
    pub asset: String,
    /// ETH and tokens: the chain it was received on (USDC on two chains is two sums).
    pub chain_id: Option<i64>,
    pub decimals: i32,
    pub amount_base: String,
    pub amount: String,
    pub receipts: i64,
}

/// Rows with one discrepancy, and how many of them nobody has resolved.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct DiscrepancyCount {
    pub discrepancy: Discrepancy,
    pub label: &'static str,
    pub receipts: i64,
    pub unresolved: i64,
}

/// Sums and counts over ledger rows: base units summed as arbitrary-precision decimals.
pub fn summarise(rows: &[LedgerRow]) -> (Vec<AssetSum>, Vec<DiscrepancyCount>) {
    // (asset, decimals, chain) -> (little-endian digits of the sum, receipts)
    type Key = (String, i32, Option<i64>);
    let mut totals: BTreeMap<Key, (Vec<u8>, i64)> = BTreeMap::new();
    // Only money that counts: what is still confirming, or was reorged or replaced, is listed
    // but not added up.
    for row in rows.iter().filter(|row| row.counted) {
        let entry =
            totals.entry((row.asset.clone(), row.decimals, row.chain_id)).or_insert_with(|| (vec![0], 0));
        add_decimal(&mut entry.0, &row.amount_base);
        entry.1 += 1;
    }
    let totals = totals
        .into_iter()
        .map(|((asset, decimals, chain_id), (digits, receipts))| {
            let amount_base: String = digits.iter().rev().map(|d| char::from(b'0' + d)).collect();
            let amount_base = amount_base.trim_start_matches('0').to_string();
            let amount_base = if amount_base.is_empty() { "0".to_string() } else { amount_base };
            AssetSum {
                amount: crate::money::units_decimal(&amount_base, decimals.max(0) as u32),
                asset,
                chain_id,
                decimals,
                amount_base,
                receipts,
            }
        })
        .collect();
    let discrepancies = Discrepancy::ALL
        .into_iter()
        .map(|d| {
            let of: Vec<&LedgerRow> = rows.iter().filter(|r| r.discrepancy == Some(d)).collect();
            DiscrepancyCount {
                discrepancy: d,
                label: d.label(),
                receipts: of.len() as i64,
                unresolved: of.iter().filter(|r| r.resolution.is_none()).count() as i64,
            }
        })
        .collect();
    (totals, discrepancies)
}

/// Adds a non-negative decimal string to little-endian digits.
fn add_decimal(sum: &mut Vec<u8>, decimal: &str) {
    let mut carry = 0u8;
    for (i, b) in decimal.bytes().rev().filter(u8::is_ascii_digit).enumerate() {
        if i == sum.len() {
            sum.push(0);
        }
        let d = sum[i] + (b - b'0') + carry;
        sum[i] = d % 10;
        carry = d / 10;
    }
    let mut i = decimal.len();
    while carry > 0 {
        if i >= sum.len() {
            sum.push(0);
        }
        let d = sum[i] + carry;
        sum[i] = d % 10;
        carry = d / 10;
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_sums_are_exact_beyond_128_bits() {
        let mut sum = vec![0];
        add_decimal(&mut sum, "999999999999999999999999999999999999999999");
        add_decimal(&mut sum, "1");
        add_decimal(&mut sum, "20000000000000000000");
        let text: String = sum.iter().rev().map(|d| char::from(b'0' + d)).collect();
        assert_eq!(text.trim_start_matches('0'), "1000000000000000000000020000000000000000000");
    }
}
