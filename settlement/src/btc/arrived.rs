//! Money arrived in bitcoin: what an invoice's state, as BTCPay reports it now, does to its
//! order. The provider's vocabulary is mapped to [`InvoiceState`] by its client
//! (`tessera_payments::btcpay::Invoice::state`); here is what each state means for the order,
//! applied in one transaction with the webhook's claim on the inbox.

use sqlx::{PgConnection, PgPool};
use tessera_core::order::{
    self, Closed, DueBack, InvoiceState, PaymentStatus, Provider, Receipt, Settlement, StatusReason,
    UnmatchedPayment, close_payment, close_pending, mark_payment_detected, record_money_due_back,
    record_overpayment, record_seen_amount, settle, unmark_payment_detected,
};
use tessera_payments::btcpay::Invoice;
use tessera_payments::btcpay::webhook::WebhookEvent;
use uuid::Uuid;

use crate::inbox;

/// Brings an order in line with its BTCPay invoice (`confirming_late`: a late payment still
/// confirming, not honoured yet). With a webhook event, the event is recorded in the inbox in
/// the same transaction, and a repeat changes nothing.
pub(super) async fn apply(
    db: &PgPool,
    event: Option<&WebhookEvent>,
    invoice: Option<&Invoice>,
    confirming_late: bool,
) -> sqlx::Result<()> {
    let mut update = invoice.and_then(Invoice::update).map(|(order_id, state, amount, paid)| {
        (order_id, if confirming_late { InvoiceState::Unknown } else { state }, amount, paid)
    });
    // An invoice naming an order id we do not have (made by hand in BTCPay, another shop's
    // database) is money for no order of ours, like one naming none.
    if let Some((order_id, ..)) = update {
        let known = sqlx::query_scalar!(
            r#"select exists (select 1 from customer_order where order_id = $1) as "known!""#,
            order_id
        )
        .fetch_one(db)
        .await?;
        if !known {
            update = None;
        }
    }
    if let Some((order_id, InvoiceState::Settled | InvoiceState::PaidLate, ..)) = update {
        // A late payment must see the stock that is really free.
        order::release_expired_holds_of_order(db, order_id).await?;
    }

    let mut tx = db.begin().await?;
    if let Some(event) = event
        && !inbox::claim(&mut tx, Provider::BtcPay, event.dedup_key(), &event.kind).await?
    {
        tracing::info!(webhook.delivery_id = %event.delivery_id, "BTCPay delivery seen before; nothing to do");
        return Ok(());
    }
    // Only the invoice an order opened on its own rail moves it while unpaid (expired,
    // invalid, seen): another invoice naming it (made by hand, or naming a card order) does
    // not close or hold anything. Its money is recorded once: when it settles (`settle`
    // pays with it or records it due back, `wrong_rail`), or, if it never will (expired part
    // paid, invalid), as unmatched money keyed on the invoice.
    if let (Some(invoice), Some((order_id, state, _, paid_minor))) = (invoice, update)
        && !matches!(state, InvoiceState::Settled | InvoiceState::PaidLate)
        && !order::is_own_checkout(&mut tx, order_id, Provider::BtcPay, &invoice.id).await?
    {
        tracing::warn!(order.id = %order_id, invoice.id = %invoice.id, ?state, "an invoice that is not the order's own; its order is left alone");
        let never_settles = matches!(state, InvoiceState::ExpiredPartPaid | InvoiceState::Invalid);
        if never_settles && paid_minor > 0 {
            order::record_unmatched_payment(
                &mut *tx,
                &UnmatchedPayment {
                    id: Uuid::now_v7(),
                    refunding_minor: 0,
                    refund_status: None,
                    provider: Provider::BtcPay.as_str().into(),
                    provider_event_id: format!("invoice-{}", invoice.id),
                    provider_ref: invoice.id.clone(),
                    provider_payment_ref: None,
                    claimed_order_ref: Some(order_id.to_string()),
                    currency: invoice.currency.clone(),
                    amount_minor: paid_minor,
                    created_at: chrono::Utc::now(),
                },
            )
            .await?;
        }
        tx.commit().await?;
        return Ok(());
    }
    let Some(invoice) = invoice else {
        tx.commit().await?;
        return Ok(());
    };
    let Some((order_id, state, amount_minor, paid_minor)) = update else {
        // Not an invoice for an order of ours: money on it is recorded for someone to refund.
        let paid = invoice.amounts_minor().map_or(0, |(_, paid)| paid);
        if paid > 0 {
            let event_id =
                event.map_or_else(|| format!("poll-{}", invoice.id), |e| e.dedup_key().to_string());
            order::record_unmatched_payment(
                &mut *tx,
                &UnmatchedPayment {
                    id: Uuid::now_v7(),
                    refunding_minor: 0,
                    refund_status: None,
                    provider: Provider::BtcPay.as_str().into(),
                    provider_event_id: event_id,
                    provider_ref: invoice.id.clone(),
                    provider_payment_ref: None,
                    claimed_order_ref: invoice.order_id().map(str::to_string),
                    currency: invoice.currency.clone(),
                    amount_minor: paid,
                    created_at: chrono::Utc::now(),
                },
            )
            .await?;
            tracing::error!(payment.provider_ref = %invoice.id, "bitcoin payment without an order of ours; recorded as unmatched");
        }
        tx.commit().await?;
        return Ok(());
    };
    let outcome = apply_invoice(
        &mut tx,
        &InvoiceUpdate {
            order_id,
            provider: Provider::BtcPay,
            provider_ref: &invoice.id,
            state,
            currency: &invoice.currency,
            amount_minor,
            paid_minor,
        },
    )
    .await?;
    tx.commit().await?;
    if outcome != InvoiceOutcome::Unchanged {
        tracing::info!(order.id = %order_id, invoice.id = %invoice.id, ?state, ?outcome, "bitcoin invoice applied");
    }
    Ok(())
}

/// A provider's report on an invoice.
#[derive(Debug, Clone)]
pub struct InvoiceUpdate<'a> {
    pub order_id: Uuid,
    pub provider: Provider,
    /// The invoice's id at the provider.
    pub provider_ref: &'a str,
    pub state: InvoiceState,
    /// ISO 4217, the invoice's (and the order's) currency.
    pub currency: &'a str,
    /// What the invoice asked, and what has been paid, in minor units of `currency`.
    pub amount_minor: i64,
    pub paid_minor: i64,
}

impl InvoiceUpdate<'_> {
    /// Whether applying it may take tickets again (a late payment): the caller releases the
    /// order's expired holds first, so that the stock it sees is really free.
    pub fn may_settle(&self) -> bool {
        matches!(self.state, InvoiceState::Settled | InvoiceState::PaidLate)
    }
}

/// What applying an update did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InvoiceOutcome {
    Settled(Settlement),
    Confirming,
    AwaitingPaymentAgain,
    Closed,
    /// The invoice ended with money on it that cannot pay the order: due back.
    MoneyDueBack,
    /// Only what has been seen paid so far changed (a part payment).
    SeenAmountChanged,
    Unchanged,
}

/// Brings the order in line with its invoice, in the caller's transaction.
pub async fn apply_invoice(
    conn: &mut PgConnection,
    update: &InvoiceUpdate<'_>,
) -> sqlx::Result<InvoiceOutcome> {
    let order_id = update.order_id;
    // Before the payment row below: settling takes the account first, always.
    order::lock_buyer(conn, order_id).await?;
    let seen_changed =
        record_seen_amount(conn, order_id, update.provider, update.provider_ref, update.paid_minor).await?;
    let unchanged = if seen_changed { InvoiceOutcome::SeenAmountChanged } else { InvoiceOutcome::Unchanged };
    Ok(match update.state {
        InvoiceState::AwaitingPayment => {
            if unmark_payment_detected(conn, order_id).await? {
                InvoiceOutcome::AwaitingPaymentAgain
            } else {
                unchanged
            }
        }
        InvoiceState::Confirming => {
            if mark_payment_detected(conn, order_id).await? {
                InvoiceOutcome::Confirming
            } else {
                unchanged
            }
        }
        InvoiceState::Settled | InvoiceState::PaidLate => {
            // The invoice's amount is the order's: that is what is settled. More than that is
            // recorded as due back.
            let receipt = Receipt {
                order_id,
                provider: update.provider,
                provider_ref: update.provider_ref,
                provider_payment_ref: None,
                amount_minor: update.amount_minor,
                currency: update.currency,
            };
            let settlement = settle(conn, &receipt).await?;
            let overpaid = update.paid_minor - update.amount_minor;
            if overpaid > 0
                && matches!(settlement, Settlement::Paid | Settlement::PaidLate | Settlement::AlreadyPaid)
            {
                record_overpayment(conn, order_id, update.provider, update.provider_ref, overpaid).await?;
            }
            InvoiceOutcome::Settled(settlement)
        }
        InvoiceState::ExpiredPartPaid => money_due_back(conn, update, DueBack::PartPaid, unchanged).await?,
        // Money sat on the invoice when it was made invalid: someone must give it back.
        InvoiceState::Invalid if update.paid_minor > 0 => {
            money_due_back(conn, update, DueBack::InvoiceInvalid, unchanged).await?
        }
        InvoiceState::Expired => {
            let closed =
                close_pending(conn, order_id, Closed::Expired, StatusReason::CheckoutExpired).await?;
            close_payment(conn, order_id, update.provider_ref, PaymentStatus::Expired).await?;
            if closed { InvoiceOutcome::Closed } else { unchanged }
        }
        InvoiceState::Invalid => {
            let closed = close_pending(conn, order_id, Closed::Failed, StatusReason::PaymentInvalid).await?;
            close_payment(conn, order_id, update.provider_ref, PaymentStatus::Failed).await?;
            if closed { InvoiceOutcome::Closed } else { unchanged }
        }
        InvoiceState::Unknown => unchanged,
    })
}

/// Records what the invoice received as due back (closing its order); `unchanged` when it was
/// recorded before.
async fn money_due_back(
    conn: &mut PgConnection,
    update: &InvoiceUpdate<'_>,
    why: DueBack,
    unchanged: InvoiceOutcome,
) -> sqlx::Result<InvoiceOutcome> {
    let (provider, provider_ref) = (update.provider, update.provider_ref);
    Ok(
        if record_money_due_back(conn, update.order_id, provider, provider_ref, update.paid_minor, why)
            .await?
        {
            InvoiceOutcome::MoneyDueBack
        } else {
            unchanged
        },
    )
}
