//! Money arrived by card: Stripe's `checkout.session.*` events, read after the webhook route
//! verified their signature, applied to their order once (the inbox, in the same transaction).
//! Amounts are turned from Stripe's units into our minor units first (`money::stripe`).
//! Refund and dispute events go to `refunded`.

use sqlx::PgPool;
use tessera_core::money::Currency;
use tessera_core::money::stripe::from_stripe;
use tessera_core::order::{self, Closed, PaymentStatus, Provider, StatusReason, UnmatchedPayment};
use tessera_payments::stripe::event::{self as stripe_event, CheckoutSession, Event};
use uuid::Uuid;

use crate::SettleError;
use crate::inbox;

/// Reads a verified body as a Stripe event and applies it.
pub async fn receive(db: &PgPool, body: &[u8]) -> Result<(), SettleError> {
    let event: Event = serde_json::from_slice(body)
        .map_err(|err| SettleError::Malformed(format!("not a Stripe event: {err}")))?;
    apply(db, &event).await
}

/// Applies a Stripe event: a completed or async-succeeded checkout pays its order, an unpaid
/// completion (a bank debit) keeps its tickets while it clears, a failure or an expiry closes
/// it. Other event types are claimed and ignored; a replay changes nothing.
pub async fn apply(db: &PgPool, event: &Event) -> Result<(), SettleError> {
    let kind = event.kind.as_str();
    if super::refunded::HANDLED.contains(&kind) {
        return super::refunded::apply(db, event).await;
    }
    let handled = [
        stripe_event::CHECKOUT_COMPLETED,
        stripe_event::ASYNC_PAYMENT_SUCCEEDED,
        stripe_event::ASYNC_PAYMENT_FAILED,
        stripe_event::CHECKOUT_EXPIRED,
    ];
    let session = if handled.contains(&kind) {
        Some(
            serde_json::from_value::<CheckoutSession>(event.data.object.clone())
                .map_err(|err| SettleError::Malformed(format!("not a Checkout Session: {err}")))?,
        )
    } else {
        None
    };
    let order_id = session
        .as_ref()
        .and_then(|s| s.client_reference_id.as_deref())
        .and_then(|id| Uuid::parse_str(id).ok());
    let paid = session.as_ref().is_some_and(|s| {
        kind == stripe_event::ASYNC_PAYMENT_SUCCEEDED
            || (kind == stripe_event::CHECKOUT_COMPLETED && s.payment_status.as_deref() == Some("paid"))
    });
    if paid && let Some(order_id) = order_id {
        // A late payment must see the stock that is really free.
        order::release_expired_holds_of_order(db, order_id).await?;
    }

    let mut tx = db.begin().await?;
    if !inbox::claim(&mut tx, Provider::Stripe, &event.id, &event.kind).await? {
        tracing::info!(webhook.event_id = %event.id, "Stripe event seen before; nothing to do");
        return Ok(());
    }
    let Some(session) = session else {
        // An event type we do not act on.
        tx.commit().await?;
        return Ok(());
    };
    // Stripe's units of the currency, as our minor units (an amount that is not a whole number
    // of them cannot be the order's, and is kept as it came for finance).
    let amount_minor = {
        let total = session.amount_total.unwrap_or_default();
        session
            .currency
            .as_deref()
            .and_then(|code| code.to_ascii_uppercase().parse::<Currency>().ok())
            .and_then(|currency| from_stripe(currency, total))
            .unwrap_or(total)
    };
    let unmatched = |claimed: Option<String>| UnmatchedPayment {
        id: Uuid::now_v7(),
        refunding_minor: 0,
        refund_status: None,
        provider: Provider::Stripe.as_str().into(),
        provider_event_id: event.id.clone(),
        provider_ref: session.id.clone(),
        provider_payment_ref: session.payment_intent.clone(),
        claimed_order_ref: claimed,
        currency: session.currency.clone().unwrap_or_default(),
        amount_minor,
        created_at: chrono::Utc::now(),
    };
    let Some(order_id) = order_id else {
        if paid {
            // Money for a checkout without our order id: recorded for someone to refund.
            order::record_unmatched_payment(&mut *tx, &unmatched(session.client_reference_id.clone()))
                .await?;
            tracing::error!(webhook.event_id = %event.id, payment.provider_ref = %session.id,
                "card payment without an order reference; recorded as unmatched");
        }
        tx.commit().await?;
        return Ok(());
    };
    if paid {
        let receipt = order::Receipt {
            order_id,
            provider: Provider::Stripe,
            provider_ref: &session.id,
            provider_payment_ref: session.payment_intent.as_deref(),
            amount_minor,
            currency: session.currency.as_deref().unwrap_or_default(),
        };
        let settlement = order::settle(&mut tx, &receipt).await?;
        if settlement == order::Settlement::UnknownOrder {
            order::record_unmatched_payment(&mut *tx, &unmatched(Some(order_id.to_string()))).await?;
            tracing::error!(order.id = %order_id, payment.provider_ref = %session.id,
                "card payment for an order we do not have; recorded as unmatched");
        } else {
            tracing::info!(order.id = %order_id, payment.provider_ref = %session.id, ?settlement, "card payment settled");
        }
    } else if !order::is_own_checkout(&mut tx, order_id, Provider::Stripe, &session.id).await? {
        // Only the checkout the order opened by card moves it while unpaid: a session naming
        // an order of another method, or another session naming this one, changes nothing.
        tracing::warn!(order.id = %order_id, payment.provider_ref = %session.id, webhook.kind = %kind,
            "a checkout that is not the order's own; its order is left alone");
    } else if kind == stripe_event::CHECKOUT_COMPLETED {
        // An async method (a bank debit): paid later or not at all; keep the tickets meanwhile.
        order::mark_payment_detected(&mut tx, order_id).await?;
    } else if kind == stripe_event::ASYNC_PAYMENT_FAILED {
        order::close_pending(&mut tx, order_id, Closed::Failed, StatusReason::PaymentFailed).await?;
        order::close_payment(&mut tx, order_id, &session.id, PaymentStatus::Failed).await?;
    } else {
        order::close_pending(&mut tx, order_id, Closed::Expired, StatusReason::CheckoutExpired).await?;
        order::close_payment(&mut tx, order_id, &session.id, PaymentStatus::Expired).await?;
    }
    tx.commit().await?;
    Ok(())
}
