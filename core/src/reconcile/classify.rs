//! What finance calls a discrepancy, and how a ledger row is classified into one. Apart from
//! the query because the rules (which outcome wins, when a bitcoin invoice speaks once) change
//! on their own, and are easier to check without the SQL beside them.

use serde::Serialize;

use super::ledger::Raw;

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
    /// A refund of it is on its way (asked for, or sent and not yet confirmed by the provider).
    RefundPending,
    /// Its latest refund failed: the money is still here and still due back.
    RefundFailed,
    /// The customer disputed it with their bank (open, or lost: the bank took it back).
    Disputed,
}

impl Discrepancy {
    pub const ALL: [Discrepancy; 11] = [
        Discrepancy::Underpaid,
        Discrepancy::Overpaid,
        Discrepancy::PaidLate,
        Discrepancy::SoldOut,
        Discrepancy::RefundDue,
        Discrepancy::Reorged,
        Discrepancy::Orphan,
        Discrepancy::NotConfirmed,
        Discrepancy::RefundPending,
        Discrepancy::RefundFailed,
        Discrepancy::Disputed,
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
            Discrepancy::RefundPending => "refund_pending",
            Discrepancy::RefundFailed => "refund_failed",
            Discrepancy::Disputed => "disputed",
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
            Discrepancy::RefundPending => "Refund on its way",
            Discrepancy::RefundFailed => "Refund failed",
            Discrepancy::Disputed => "Disputed",
        }
    }

    pub fn parse(raw: &str) -> Option<Discrepancy> {
        Discrepancy::ALL.into_iter().find(|d| d.as_str() == raw)
    }
}

impl crate::text_enum::TextEnum for Discrepancy {
    const ALL: &'static [Self] = &Discrepancy::ALL;
    const COLUMN: Option<(&'static str, &'static str)> = Some(("discrepancy_resolution", "class"));
    fn as_str(self) -> &'static str {
        Discrepancy::as_str(self)
    }
}

crate::text_enum! {
    /// The rail money came by, as finance reconciles it (`discrepancy_resolution.rail`): tokens
    /// are `eth`, since they come through the same contract.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Rail: "rail" in Some(("discrepancy_resolution", "rail")) => {
        Card = "card",
        Btc = "btc",
        Eth = "eth",
    }
}

/// What is wrong with a receipt, the most serious first, its refunds considered: a dispute
/// comes first; then a refund on its way, or one that failed; money due back that has all
/// gone back is no longer a discrepancy.
pub(super) fn classify(r: &Raw) -> Option<Discrepancy> {
    // Open, or lost (the bank took the money back): finance must know. Won, or closed because the
    // charge was refunded (the refund is listed beside it), it is over.
    if r.dispute_status
        .as_deref()
        .is_some_and(|status| !crate::refund::dispute_is_closed(status) || status == "lost")
    {
        return Some(Discrepancy::Disputed);
    }
    if r.refunding_base.is_some() {
        return Some(Discrepancy::RefundPending);
    }
    if r.refund_latest.as_deref() == Some("failed") {
        // Whatever it was for, money we meant to send back is still here.
        return Some(Discrepancy::RefundFailed);
    }
    let before = classify_receipt(r);
    let parse = |base: &Option<String>| -> i128 { base.as_deref().and_then(|b| b.parse().ok()).unwrap_or(0) };
    if before.is_some_and(is_due_back) {
        // The excess of an overpayment went back by refunds of money due back (an admin's
        // refund of some tickets does not return it); for the rest, any refund of the payment.
        let (due, refunded): (i128, i128) = match before {
            Some(Discrepancy::Overpaid) if r.overpaid_minor.unwrap_or(0) > 0 => {
                (excess_in_base_units(r), parse(&r.refunded_due_base))
            }
            _ => (r.amount_base.parse().unwrap_or(i128::MAX), parse(&r.refunded_base)),
        };
        if refunded > 0 && refunded >= due {
            return None;
        }
    }
    before
}

/// An overpayment's excess in the unit the receipt's refunds count in: minor units for cards,
/// what the log brought beyond its quote on chain, the excess at the invoice's rate in
/// satoshis (rounded down, as its refund is) for bitcoin.
fn excess_in_base_units(r: &Raw) -> i128 {
    let minor = i128::from(r.overpaid_minor.unwrap_or(0));
    match r.rail.as_str() {
        "eth" => match (r.amount_base.parse::<i128>(), r.quoted_base.as_deref().map(str::parse::<i128>)) {
            (Ok(paid), Some(Ok(quoted))) => paid - quoted,
            _ => minor,
        },
        "btc" => {
            let exponent = r
                .fiat_currency
                .as_deref()
                .and_then(|c| c.parse::<crate::money::Currency>().ok())
                .map_or(2, |c| c.exponent());
            let Some((whole, fraction)) =
                r.rate.as_deref().map(|rate| rate.split_once('.').unwrap_or((rate, "")))
            else {
                return minor;
            };
            let fraction = fraction.trim_end_matches('0');
            let (Ok(mantissa), Ok(scale)) =
                (format!("{whole}{fraction}").parse::<i128>(), u32::try_from(fraction.len()))
            else {
                return minor;
            };
            minor
                .checked_mul(100_000_000)
                .and_then(|n| n.checked_mul(10_i128.checked_pow(scale)?))
                .and_then(|n| n.checked_div(mantissa.checked_mul(10_i128.checked_pow(exponent)?)?))
                .unwrap_or(i128::MAX)
        }
        _ => minor,
    }
}

/// Whether a discrepancy is money that goes back.
fn is_due_back(d: Discrepancy) -> bool {
    matches!(
        d,
        Discrepancy::Underpaid
            | Discrepancy::Overpaid
            | Discrepancy::SoldOut
            | Discrepancy::RefundDue
            | Discrepancy::Orphan
    )
}

/// What is wrong with the receipt itself, before its refunds.
fn classify_receipt(r: &Raw) -> Option<Discrepancy> {
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
