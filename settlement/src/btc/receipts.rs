//! Every payment an invoice received, recorded for finance: for an on-chain payment the
//! outpoint that paid, its value in satoshis, the rate and address it paid at; for a Lightning
//! payment its payment hash, its value in millisatoshis and the request it paid. Read from BTCPay's payment methods
//! (replaced transactions included) each time the invoice is synced, parsed with bitcoin's own
//! types; a payment read again only updates its status. Read back by
//! `tessera_core::order::btc_receipt`.

use sqlx::PgPool;
use tessera_core::order::btc_receipt::BtcReceiptStatus;
use tessera_payments::btcpay::{
    ChainPayment, Invoice, InvoicePaymentMethod, LightningPayment, PaymentStatus,
};
use uuid::Uuid;

use super::BtcPaySettlement;
use crate::SettleError;

/// Whether the invoice's payments are worth reading: it has (or had) some.
pub(super) async fn worth_reading(db: &PgPool, invoice: &Invoice) -> sqlx::Result<bool> {
    let paid = invoice.amounts_minor().is_some_and(|(_, paid)| paid > 0);
    // A payment replaced since we recorded it leaves nothing paid; its row must still learn.
    Ok(paid || has_receipts(db, &invoice.id).await?)
}

/// Records the invoice's on-chain payments, as read from its payment methods. A payment (or a
/// method's rate) that does not read is kept raw for finance (`btc_unreadable_payment`) and
/// logged, and the others are recorded all the same; one that reads now is resolved.
pub(super) async fn record(
    settlement: &BtcPaySettlement,
    invoice: &Invoice,
    methods: &[InvoicePaymentMethod],
) -> Result<usize, SettleError> {
    let order_id = invoice.order_id().and_then(|id| Uuid::parse_str(id).ok());
    let mut recorded = 0;
    for method in methods.iter().filter(|m| m.is_on_chain_bitcoin() || m.is_lightning()) {
        let rate = method.checked_rate();
        let payments: Vec<(_, Result<Received, _>)> = if method.is_lightning() {
            method
                .lightning_payments()
                .into_iter()
                .map(|(raw, p)| (raw, p.map(Received::Lightning)))
                .collect()
        } else {
            method.chain_payments().into_iter().map(|(raw, p)| (raw, p.map(Received::Chain))).collect()
        };
        for (raw, parsed) in payments {
            let read = match (&rate, parsed) {
                (Ok(rate), Ok(payment)) => Ok((*rate, payment)),
                (Err(err), _) => Err(err.to_string()),
                (_, Err(err)) => Err(err.to_string()),
            };
            match read {
                Ok((rate, payment)) => {
                    let changed = match &payment {
                        Received::Chain(payment) => {
                            store(settlement, invoice, order_id, rate, payment).await?
                        }
                        Received::Lightning(payment) => {
                            store_lightning(settlement, invoice, order_id, rate, payment).await?
                        }
                    };
                    if changed {
                        recorded += 1;
                    }
                    resolve_unreadable(&settlement.db, &invoice.id, &payment_key(raw)).await?;
                }
                Err(problem) => {
                    let key = payment_key(raw);
                    let raw = serde_json::json!({"paymentMethodId": method.payment_method_id, "rate": method.rate,
                                                 "payment": raw});
                    record_unreadable(&settlement.db, invoice, order_id, &key, &problem, &raw).await?;
                }
            }
        }
    }
    Ok(recorded)
}

/// BTCPay's word on a payment as a receipt's status; none (logged) for a status we do not know,
/// recorded once it is one we do.
fn receipt_status(invoice: &Invoice, status: &PaymentStatus) -> Option<BtcReceiptStatus> {
    match status {
        PaymentStatus::Processing => Some(BtcReceiptStatus::Processing),
        PaymentStatus::Settled => Some(BtcReceiptStatus::Settled),
        PaymentStatus::Invalid => Some(BtcReceiptStatus::Invalid),
        PaymentStatus::Other(other) => {
            tracing::warn!(invoice.id = %invoice.id, payment.status = %other, "unknown BTCPay payment status; recorded when it is one we know");
            None
        }
    }
}

/// A payment as read from a payment method.
enum Received {
    Chain(ChainPayment),
    Lightning(LightningPayment),
}

/// The key a payment is kept under among an invoice's unreadable ones: BTCPay's id of it
/// (truncated to what the column holds), or, without one, what it paid and where.
fn payment_key(payment: &tessera_payments::btcpay::InvoicePayment) -> String {
    let key = if payment.id.trim().is_empty() {
        format!("(no id) {} to {} at {}", payment.value, payment.destination, payment.received_date)
    } else {
        payment.id.clone()
    };
    key.chars().take(255).collect()
}

/// Keeps what BTCPay reported and we could not read, for finance; says so in the log.
pub(super) async fn record_unreadable(
    db: &PgPool,
    invoice: &Invoice,
    order_id: Option<Uuid>,
    payment_ref: &str,
    problem: &str,
    raw: &serde_json::Value,
) -> sqlx::Result<()> {
    tracing::error!(invoice.id = %invoice.id, payment.id = payment_ref, problem,
        "a BTCPay payment we cannot read; kept raw for finance, the invoice's order is settled by its state");
    sqlx::query!(
        r#"insert into btc_unreadable_payment (btc_unreadable_payment_id, provider_ref, payment_ref, order_id, problem, raw)
           values ($1, $2, $3, (select order_id from customer_order where order_id = $4), left($5, 500), $6)
           on conflict (provider_ref, payment_ref) do update
               set problem = excluded.problem, raw = excluded.raw, last_seen_at = now(), resolved_at = null"#,
        Uuid::now_v7(),
        invoice.id,
        payment_ref,
        order_id,
        problem,
        raw
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The payment (or, for `""`, the invoice's payment methods as a whole) reads now.
pub(super) async fn resolve_unreadable(db: &PgPool, invoice_id: &str, payment_ref: &str) -> sqlx::Result<()> {
    sqlx::query!(
        r#"update btc_unreadable_payment set resolved_at = now(), last_seen_at = now()
           where provider_ref = $1 and payment_ref = $2 and resolved_at is null"#,
        invoice_id,
        payment_ref
    )
    .execute(db)
    .await?;
    Ok(())
}

async fn has_receipts(db: &PgPool, invoice_id: &str) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        "select exists (select 1 from btc_receipt where provider = 'btcpay' and provider_ref = $1)",
        invoice_id
    )
    .fetch_one(db)
    .await?;
    Ok(found.unwrap_or(false))
}

/// Inserts the payment, or updates its status; true when something changed.
async fn store(
    settlement: &BtcPaySettlement,
    invoice: &Invoice,
    order_id: Option<Uuid>,
    rate: &str,
    payment: &ChainPayment,
) -> sqlx::Result<bool> {
    let Some(status) = receipt_status(invoice, &payment.status) else { return Ok(false) };
    if payment.amount.to_sat() == 0 {
        return Ok(false);
    }
    let destination = payment.destination.clone();
    if !destination.is_valid_for_network(settlement.network) {
        // Money to an address of another network is no money of ours: someone must look.
        tracing::error!(invoice.id = %invoice.id, payment.outpoint = %payment.outpoint, network = %settlement.network,
            "BTCPay reports a payment to an address of another network; not recorded");
        return Ok(false);
    }
    let amount_sat = i64::try_from(payment.amount.to_sat()).unwrap_or(i64::MAX);
    let vout = i32::try_from(payment.outpoint.vout).unwrap_or(i32::MAX);
    let changed = sqlx::query_scalar!(
        r#"insert into btc_receipt as r (btc_receipt_id, network, txid, vout, provider, provider_ref, order_id,
                                      amount_sat, rate, currency, destination, status, received_at, settled_at)
           values ($1, $2, $3, $4, 'btcpay', $5, (select order_id from customer_order where order_id = $6),
                   $7, ($8::text)::numeric, $9, $10, $11, $12, case when $11 = 'settled' then now() end)
           on conflict (txid, vout) do update
               set status = excluded.status, settled_at = coalesce(r.settled_at, excluded.settled_at),
                   updated_at = now()
               where r.provider_ref = excluded.provider_ref and r.status <> excluded.status
           returning r.provider_ref"#,
        Uuid::now_v7(),
        settlement.network.to_string(),
        payment.outpoint.txid.to_string(),
        vout,
        invoice.id,
        order_id,
        amount_sat,
        rate,
        invoice.currency,
        destination.assume_checked_ref().to_string(),
        status.as_str(),
        payment.received_at,
    )
    .fetch_optional(&settlement.db)
    .await?;
    if changed.is_some() {
        tracing::info!(invoice.id = %invoice.id, payment.outpoint = %payment.outpoint, payment.sat = amount_sat, payment.status = %status, "bitcoin receipt recorded");
    } else if another_invoice(&settlement.db, payment, &invoice.id).await? {
        tracing::error!(invoice.id = %invoice.id, payment.outpoint = %payment.outpoint,
            "BTCPay reports an output that already paid another invoice; kept the first");
    }
    Ok(changed.is_some())
}

/// Inserts the Lightning payment, or updates its status; true when something changed. Its
/// payment hash is its key: BTCPay reporting it again (a redelivered webhook, the poller) only
/// updates it, and a hash already recorded for another invoice is kept with the first.
async fn store_lightning(
    settlement: &BtcPaySettlement,
    invoice: &Invoice,
    order_id: Option<Uuid>,
    rate: &str,
    payment: &LightningPayment,
) -> sqlx::Result<bool> {
    let Some(status) = receipt_status(invoice, &payment.status) else { return Ok(false) };
    let Ok(request) = tessera_payments::btcpay::bolt11::parse(&payment.request) else { return Ok(false) };
    if !request.is_for(settlement.network) {
        tracing::error!(invoice.id = %invoice.id, payment.hash = %payment.payment_hash, network = %settlement.network,
            "BTCPay reports a Lightning payment of another network; not recorded");
        return Ok(false);
    }
    let amount_msat = i64::try_from(payment.amount_msat).unwrap_or(i64::MAX);
    let changed = sqlx::query_scalar!(
        r#"insert into btc_receipt as r (btc_receipt_id, network, rail, payment_hash, amount_msat, provider,
                                      provider_ref, order_id, amount_sat, rate, currency, destination, status,
                                      received_at, settled_at)
           values ($1, $2, 'lightning', $3, $4::bigint, 'btcpay', $5, (select order_id from customer_order where order_id = $6),
                   $4::bigint / 1000, ($7::text)::numeric, $8, $9, $10, $11, case when $10 = 'settled' then now() end)
           on conflict (payment_hash) where payment_hash is not null do update
               set status = excluded.status, settled_at = coalesce(r.settled_at, excluded.settled_at),
                   updated_at = now()
               where r.provider_ref = excluded.provider_ref and r.status <> excluded.status
           returning r.provider_ref"#,
        Uuid::now_v7(),
        settlement.network.to_string(),
        payment.payment_hash,
        amount_msat,
        invoice.id,
        order_id,
        rate,
        invoice.currency,
        payment.request,
        status.as_str(),
        payment.received_at,
    )
    .fetch_optional(&settlement.db)
    .await?;
    if changed.is_some() {
        tracing::info!(invoice.id = %invoice.id, payment.hash = %payment.payment_hash, payment.msat = amount_msat, payment.status = %status, "Lightning receipt recorded");
    } else {
        let other = sqlx::query_scalar!(
            "select provider_ref from btc_receipt where payment_hash = $1",
            payment.payment_hash
        )
        .fetch_optional(&settlement.db)
        .await?;
        if other.is_some_and(|other| other != invoice.id) {
            tracing::error!(invoice.id = %invoice.id, payment.hash = %payment.payment_hash,
                "BTCPay reports a Lightning payment that already paid another invoice; kept the first");
        }
    }
    Ok(changed.is_some())
}

async fn another_invoice(db: &PgPool, payment: &ChainPayment, invoice_id: &str) -> sqlx::Result<bool> {
    let other = sqlx::query_scalar!(
        "select provider_ref from btc_receipt where txid = $1 and vout = $2",
        payment.outpoint.txid.to_string(),
        i32::try_from(payment.outpoint.vout).unwrap_or(i32::MAX)
    )
    .fetch_optional(db)
    .await?;
    Ok(other.is_some_and(|other| other != invoice_id))
}
