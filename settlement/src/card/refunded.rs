//! Money went back by card: sending our refunds to Stripe, and Stripe's word on refunds and
//! disputes (`refund.*`, `charge.refunded`, `charge.dispute.*`), including refunds made in
//! Stripe's dashboard. Each event is claimed once, in the transaction of its effects.

use sqlx::PgPool;
use tessera_core::money::Currency;
use tessera_core::money::stripe::from_stripe;
use tessera_core::order::Provider;
use tessera_core::refund::{
    self, DisputeChange, ProviderRefund, ProviderRefundState, RefundCause, RefundStatus,
};
use tessera_payments::stripe::event::{
    self as stripe_event, ChargeObject, DisputeObject, Event, RefundObject,
};
use tessera_payments::{CardRefundRequest, CardRefundState, CardRefunds, PaymentError};
use uuid::Uuid;

use crate::SettleError;
use crate::inbox;

/// The event types this file applies.
pub const HANDLED: [&str; 6] = [
    stripe_event::REFUND_CREATED,
    stripe_event::REFUND_UPDATED,
    stripe_event::REFUND_FAILED,
    stripe_event::CHARGE_REFUNDED,
    stripe_event::DISPUTE_CREATED,
    stripe_event::DISPUTE_CLOSED,
];

/// How sending a refund ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// The provider has it (and may already have sent the money).
    Accepted(RefundStatus),
    /// The provider refused it; the refund is `failed` with the reason.
    Refused(String),
    /// Not ours to send (not requested any more, being sent by someone else, or not a card
    /// refund).
    Nothing,
}

/// Hands a requested card refund to Stripe, under the refund's own idempotency key (sending it
/// again after a crash gives back the same Stripe refund), and records the answer. An
/// unavailable provider leaves it `requested`, for the next try.
pub async fn send(db: &PgPool, provider: &dyn CardRefunds, refund_id: Uuid) -> Result<Sent, SettleError> {
    let Some(refund) = refund::refund(db, refund_id).await? else { return Ok(Sent::Nothing) };
    if refund.status != RefundStatus::Requested || refund.rail != "card" {
        return Ok(Sent::Nothing);
    }
    let Some(target) = refund::card_target(db, refund_id).await? else { return Ok(Sent::Nothing) };
    // One sender at a time: a double click, another process or the sweeper leave it alone.
    if !refund::claim_for_sending(db, refund_id, chrono::Duration::seconds(crate::SEND_LEASE_SECS)).await? {
        return Ok(Sent::Nothing);
    }
    let mut conn = db.acquire().await?;
    let Some(payment_intent) = target.payment_intent else {
        let why = "the payment has no card payment reference to refund";
        refund::mark_failed(&mut conn, refund_id, None, why).await?;
        return Ok(Sent::Refused(why.into()));
    };
    let request = CardRefundRequest {
        refund_id,
        order_id: refund.order_id,
        payment_intent,
        currency: target.currency,
        amount_minor: refund.amount_minor().unwrap_or_default(),
        reason: match (refund.cause, refund.detail.as_deref()) {
            (RefundCause::RequestedByCustomer, _) => Some("requested_by_customer"),
            (RefundCause::MoneyDueBack, Some("duplicate_payment")) => Some("duplicate"),
            _ => None,
        },
    };
    match provider.refund(&request).await {
        Ok(answer) => {
            let mut tx = db.begin().await?;
            refund::mark_sent(&mut tx, refund_id, &answer.id).await?;
            match answer.state {
                CardRefundState::Sent => {}
                CardRefundState::Succeeded => {
                    refund::mark_succeeded(&mut tx, refund_id, Some(&answer.id)).await?;
                }
                CardRefundState::Failed => {
                    let why = answer.failure_reason.as_deref().unwrap_or("the card refund failed");
                    refund::mark_failed(&mut tx, refund_id, Some(&answer.id), why).await?;
                }
            }
            tx.commit().await?;
            let status = refund::refund(db, refund_id).await?.map_or(RefundStatus::Sent, |r| r.status);
            tracing::info!(refund.id = %refund_id, refund.provider_ref = %answer.id, ?status, "card refund sent");
            Ok(Sent::Accepted(status))
        }
        Err(PaymentError::Rejected(why)) => {
            tracing::error!(refund.id = %refund_id, error = %why, "Stripe refused the refund");
            refund::mark_failed(&mut conn, refund_id, None, &why).await?;
            Ok(Sent::Refused(why))
        }
        Err(PaymentError::Unavailable(why)) => {
            refund::release_sending(db, refund_id).await?;
            Err(SettleError::Unavailable(why))
        }
    }
}

fn currency_of(raw: &str) -> Result<Currency, SettleError> {
    raw.to_ascii_uppercase()
        .parse::<Currency>()
        .map_err(|err| SettleError::Malformed(format!("not a currency: {err}")))
}

fn minor(currency: Currency, amount: i64) -> Result<i64, SettleError> {
    from_stripe(currency, amount).ok_or_else(|| {
        SettleError::Malformed(format!("{amount} is not a whole number of {currency} minor units"))
    })
}

fn reported<'a>(object: &'a RefundObject, currency: Currency) -> Result<ProviderRefund<'a>, SettleError> {
    Ok(ProviderRefund {
        provider_ref: &object.id,
        refund_id: object.metadata.get("refund_id").and_then(|id| Uuid::parse_str(id).ok()),
        payment_ref: object.payment_intent.as_deref(),
        amount_minor: minor(currency, object.amount)?,
        currency: currency.code(),
        state: match object.status.as_deref() {
            Some("succeeded") => ProviderRefundState::Succeeded,
            Some("failed" | "canceled") => ProviderRefundState::Failed,
            _ => ProviderRefundState::Sent,
        },
        failure_reason: object.failure_reason.as_deref(),
    })
}

/// Applies a refund or dispute event (one of [`HANDLED`]), once.
pub async fn apply(db: &PgPool, event: &Event) -> Result<(), SettleError> {
    let kind = event.kind.as_str();
    let mut tx = db.begin().await?;
    if !inbox::claim(&mut tx, Provider::Stripe, &event.id, kind).await? {
        tracing::info!(webhook.event_id = %event.id, "Stripe event seen before; nothing to do");
        return Ok(());
    }
    let object = event.data.object.clone();
    match kind {
        stripe_event::CHARGE_REFUNDED => {
            let charge: ChargeObject = serde_json::from_value(object)
                .map_err(|err| SettleError::Malformed(format!("not a Charge: {err}")))?;
            let currency = currency_of(&charge.currency)?;
            for item in charge.refunds.iter().flat_map(|list| list.data.iter()) {
                let mut item = item.clone();
                // The list's items name the charge's payment intent when they are expanded.
                item.payment_intent = item.payment_intent.or_else(|| charge.payment_intent.clone());
                record(&mut tx, &reported(&item, currency)?).await?;
            }
        }
        stripe_event::DISPUTE_CREATED | stripe_event::DISPUTE_CLOSED => {
            let dispute: DisputeObject = serde_json::from_value(object)
                .map_err(|err| SettleError::Malformed(format!("not a Dispute: {err}")))?;
            let currency = currency_of(&dispute.currency)?;
            let Some(payment_ref) = dispute.payment_intent.as_deref() else {
                tracing::error!(dispute.id = %dispute.id, charge = ?dispute.charge,
                    "a dispute without a payment intent; finance must match it by hand");
                tx.commit().await?;
                return Ok(());
            };
            let change = refund::record_dispute(
                &mut tx,
                payment_ref,
                &dispute.id,
                &dispute.status,
                minor(currency, dispute.amount)?,
            )
            .await?;
            match change {
                DisputeChange::UnknownPayment => tracing::error!(dispute.id = %dispute.id,
                    payment.provider_payment_ref = payment_ref, "a dispute of a payment we do not know"),
                change => tracing::warn!(dispute.id = %dispute.id, dispute.status = %dispute.status, ?change,
                    "card payment disputed"),
            }
        }
        _ => {
            let object: RefundObject = serde_json::from_value(object)
                .map_err(|err| SettleError::Malformed(format!("not a Refund: {err}")))?;
            let currency = currency_of(&object.currency)?;
            record(&mut tx, &reported(&object, currency)?).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

async fn record(conn: &mut sqlx::PgConnection, reported: &ProviderRefund<'_>) -> Result<(), SettleError> {
    if refund::record_provider_refund(conn, reported).await?.is_none() {
        tracing::error!(refund.provider_ref = reported.provider_ref, payment.provider_payment_ref = ?reported.payment_ref,
            "a refund of a card payment we do not know");
    }
    Ok(())
}
