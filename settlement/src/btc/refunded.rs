//! Money went back in bitcoin: a refund becomes a BTCPay pull payment of the invoice it gives
//! back from (`POST /api/v1/invoices/{id}/refund`, exactly the refund's satoshis), which the
//! customer claims with their own address on BTCPay's page (emailed to them); the payout that
//! pays the claim is followed until BTCPay completes it, and its transaction recorded.

use sqlx::PgPool;
use tessera_core::money::{parse_decimal, units_decimal};
use tessera_core::refund::{self, RefundStatus};
use tessera_payments::btcpay::{BtcPayClient, BtcPayError, LIGHTNING, ON_CHAIN, RefundInvoice};
use uuid::Uuid;

use crate::SettleError;

/// Hands a requested bitcoin refund to BTCPay as a pull payment; returns its state now. An
/// unreachable BTCPay leaves it `requested` for the next try; a refusal fails it with BTCPay's
/// reason.
pub async fn send(db: &PgPool, client: &BtcPayClient, refund_id: Uuid) -> Result<RefundStatus, SettleError> {
    let Some(found) = refund::refund(db, refund_id).await? else { return Ok(RefundStatus::Failed) };
    if found.status != RefundStatus::Requested || found.rail != "btc" {
        return Ok(found.status);
    }
    let Some(invoice) = refund::btc_invoice(db, refund_id).await? else { return Ok(found.status) };
    if !refund::claim_for_sending(db, refund_id, chrono::Duration::seconds(crate::SEND_LEASE_SECS)).await? {
        return Ok(found.status);
    }
    let name = pull_payment_name(refund_id);
    // Money that came over Lightning may go back over Lightning or on-chain, as the customer
    // prefers; on-chain money goes back on-chain (the invoice's own method).
    let lightning: bool = sqlx::query_scalar(
        "select exists (select 1 from btc_receipt where provider = 'btcpay' and provider_ref = $1 and rail = 'lightning')",
    )
    .bind(&invoice)
    .fetch_one(db)
    .await?;
    let request = RefundInvoice {
        name: name.clone(),
        description: format!("Tessera refund {refund_id}"),
        refund_variant: "Custom".into(),
        custom_amount: btc_amount(&found.amount),
        custom_currency: "BTC".into(),
        payout_methods: lightning.then(|| vec![LIGHTNING.to_string(), ON_CHAIN.to_string()]),
    };
    let mut conn = db.acquire().await?;
    // An earlier attempt may have made the pull payment and lost BTCPay's answer: that one is
    // the refund, never a second.
    let earlier = match client.pull_payments().await {
        Ok(pulls) => pulls.into_iter().find(|p| p.name.as_deref() == Some(name.as_str())),
        Err(BtcPayError::Unavailable(why)) => {
            refund::release_sending(db, refund_id).await?;
            return Err(SettleError::Unavailable(why));
        }
        Err(err) => {
            tracing::warn!(refund.id = %refund_id, error = %err, "cannot list BTCPay's pull payments");
            None
        }
    };
    let created = match earlier {
        Some(pull_payment) => Ok(pull_payment),
        None => client.refund_invoice(&invoice, &request).await,
    };
    match created {
        Ok(pull_payment) => {
            let Some(claim_url) = pull_payment.view_link.as_deref() else {
                refund::mark_failed(
                    &mut conn,
                    refund_id,
                    Some(&pull_payment.id),
                    "BTCPay gave no claim link",
                )
                .await?;
                return Ok(RefundStatus::Failed);
            };
            refund::mark_claimable(&mut conn, refund_id, &pull_payment.id, claim_url).await?;
            tracing::info!(refund.id = %refund_id, refund.provider_ref = %pull_payment.id, "bitcoin refund claimable");
            Ok(RefundStatus::Sent)
        }
        Err(err @ (BtcPayError::Rejected { .. } | BtcPayError::Malformed(_))) => {
            tracing::error!(refund.id = %refund_id, error = %err, "BTCPay refused the refund");
            refund::mark_failed(&mut conn, refund_id, None, &err.to_string()).await?;
            Ok(RefundStatus::Failed)
        }
        Err(BtcPayError::Unavailable(why)) => {
            refund::release_sending(db, refund_id).await?;
            Err(SettleError::Unavailable(why))
        }
    }
}

/// The name our pull payment for a refund has, by which a retry finds it.
pub fn pull_payment_name(refund_id: Uuid) -> String {
    format!("Tessera refund {refund_id}")
}

/// Satoshis as a BTC decimal string with its eight places (`"0.00012345"`).
fn btc_amount(sats: &str) -> String {
    let whole = units_decimal(sats, 8);
    match whole.split_once('.') {
        Some((int, frac)) => format!("{int}.{frac:0<8}"),
        None => format!("{whole}.00000000"),
    }
}

/// Follows the claims of bitcoin refunds: a payout BTCPay completed makes its refund
/// `succeeded`, with the transaction. Returns how many completed; stops at an unreachable
/// BTCPay.
pub async fn follow_claims(db: &PgPool, client: &BtcPayClient) -> Result<usize, SettleError> {
    let mut done = 0;
    for (refund_id, pull_payment) in refund::btc_claims_open(db, 100).await? {
        let payouts = match client.payouts(&pull_payment).await {
            Ok(payouts) => payouts,
            Err(BtcPayError::Unavailable(why)) => return Err(SettleError::Unavailable(why)),
            Err(err) => {
                tracing::warn!(refund.id = %refund_id, error = %err, "cannot read the refund's payouts");
                continue;
            }
        };
        // Paid out once completed payouts add up to the refund: a pull payment can be claimed
        // in parts.
        let completed: Vec<_> = payouts.iter().filter(|p| p.state == "Completed").collect();
        let paid_sats: i64 = completed
            .iter()
            .filter_map(|p| p.payout_amount.as_deref().and_then(|a| parse_decimal(a, 8)))
            .sum();
        let due: i64 =
            refund::refund(db, refund_id).await?.and_then(|r| r.amount.parse().ok()).unwrap_or(i64::MAX);
        let mut conn = db.acquire().await?;
        if !completed.is_empty() && paid_sats >= due {
            // The on-chain payout's transaction (a Lightning proof is a payment hash, not one).
            let txid = completed
                .iter()
                .filter(|p| p.payout_method_id.as_deref() == Some("BTC-CHAIN"))
                .find_map(|p| p.txid());
            if refund::mark_paid_out(&mut conn, refund_id, txid.as_deref()).await? == refund::Settled::Moved {
                tracing::info!(refund.id = %refund_id, "bitcoin refund paid out");
                done += 1;
            }
        } else {
            // Looked at: the others come first next time.
            refund::checked(&mut conn, refund_id).await?;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    #[test]
    fn satoshis_read_as_btc_with_eight_places() {
        assert_eq!(super::btc_amount("12345"), "0.00012345");
        assert_eq!(super::btc_amount("100000000"), "1.00000000");
        assert_eq!(super::btc_amount("150000000"), "1.50000000");
    }
}
