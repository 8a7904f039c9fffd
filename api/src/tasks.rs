//! Background work that `tessera ticketing` runs (and `tessera all`, beside the web app). Each
//! task loops until the
//! shutdown signal, and a failed round is logged and retried on the next tick: nothing here
//! may take the process down.

use std::time::Duration;

use sqlx::PgPool;
use tessera_core::order::{PaymentStatus, Provider};
use tokio::sync::watch;

/// How often expired sessions are swept away.
const SESSION_SWEEP_EVERY: Duration = Duration::from_secs(15 * 60);

/// Deletes expired sessions every quarter of an hour. They open nothing already; this only
/// keeps the table from growing without end.
pub async fn sweep_sessions(db: PgPool, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(SESSION_SWEEP_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        match tessera_core::account::purge_expired_sessions(&db).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(sessions.purged = purged, "expired sessions swept"),
            Err(err) => tracing::warn!(error = %err, "sweeping expired sessions failed; will retry"),
        }
    }
}

/// How often finished days of demand are counted and old records removed.
const DEMAND_SWEEP_EVERY: Duration = Duration::from_secs(15 * 60);

/// Counts each finished day of demand records into daily figures, then removes the records
/// older than `TESSERA_DEMAND_RETENTION_DAYS` and the visitor salts of past days
/// (`tessera_core::demand::retention`); at start, then every quarter of an hour.
pub async fn sweep_demand(state: crate::state::AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(DEMAND_SWEEP_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        let config = &state.config;
        match tessera_core::demand::retention::sweep(
            &state.db,
            config.reporting_time_zone,
            config.demand_retention,
            chrono::Utc::now(),
        )
        .await
        {
            Ok(swept) if swept == Default::default() => {}
            Ok(swept) => tracing::info!(
                demand.days_counted = swept.days_rolled_up,
                demand.rows_removed = swept.rows_removed,
                demand.salts_removed = swept.salts_removed,
                "demand records counted and swept"
            ),
            Err(err) => tracing::warn!(error = %err, "sweeping demand records failed; will retry"),
        }
    }
}

/// How often holds are checked for expiry.
const ORDER_SWEEP_EVERY: Duration = Duration::from_secs(5);

/// Releases expired holds, then tells the payment provider to close the checkout of every
/// order that ended without payment (expired here, cancelled, or failed), so nobody can pay
/// for tickets that went back on sale. A payment that slips through anyway is honoured or
/// refunded by the late-payment rule.
pub async fn sweep_orders(state: crate::state::AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(ORDER_SWEEP_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        if let Err(err) = sweep_orders_once(&state).await {
            tracing::warn!(error = %err, "sweeping expired holds failed; will retry");
        }
    }
}

/// One round of [`sweep_orders`]; returns how many holds were released.
pub async fn sweep_orders_once(state: &crate::state::AppState) -> sqlx::Result<usize> {
    use tessera_core::order;
    use tessera_payments::ExpireOutcome;

    let mut expired = order::release_expired_holds(&state.db, None, 500).await?;
    if !expired.is_empty() {
        tracing::info!(orders.expired = expired.len(), "expired holds released");
    }
    let stale = order::release_stale_settling_holds(&state.db, 100).await?;
    if !stale.is_empty() {
        tracing::warn!(
            orders.expired = stale.len(),
            "payments seen but never settled; their holds were released"
        );
        expired.extend(stale);
    }
    for payment in order::payments_to_close(&state.db, 100).await? {
        let Some(session_id) = payment.provider_ref.as_deref() else {
            // The provider never confirmed a checkout for it.
            let mut conn = state.db.acquire().await?;
            order::close_open_payment(&mut conn, payment.payment_id, PaymentStatus::Expired).await?;
            continue;
        };
        if payment.provider == Provider::Ethereum {
            // A signed quote cannot be withdrawn: it lapses at its deadline, and a payment made
            // before then follows the late-payment rule.
            let quote = order::eth::quote_of_order(&state.db, payment.order_id).await?;
            let mut conn = state.db.acquire().await?;
            if quote.is_none_or(|q| q.deadline <= chrono::Utc::now()) {
                order::close_open_payment(&mut conn, payment.payment_id, PaymentStatus::Expired).await?;
            } else {
                order::close_attempted(&mut conn, payment.payment_id).await?;
            }
            continue;
        }
        let Some(provider) = state.provider_named(payment.provider) else {
            // A provider this deployment no longer has: nothing to close it with.
            let mut conn = state.db.acquire().await?;
            order::close_attempted(&mut conn, payment.payment_id).await?;
            continue;
        };
        match provider.expire(session_id).await {
            Ok(ExpireOutcome::Expired | ExpireOutcome::AlreadyExpired) => {
                let mut conn = state.db.acquire().await?;
                order::close_open_payment(&mut conn, payment.payment_id, PaymentStatus::Expired).await?;
            }
            Ok(ExpireOutcome::AlreadyCompleted) => {
                // Paid just as the hold ended: the provider's webhook settles it (late payment).
                tracing::info!(order.id = %payment.order_id, payment.provider_ref = session_id,
                    "checkout completed after the hold ended; waiting for its webhook");
                let mut conn = state.db.acquire().await?;
                order::close_attempted(&mut conn, payment.payment_id).await?;
            }
            Err(err) => {
                tracing::warn!(order.id = %payment.order_id, error = %err, "could not close the checkout; will retry");
                let mut conn = state.db.acquire().await?;
                order::close_attempted(&mut conn, payment.payment_id).await?;
            }
        }
    }
    Ok(expired.len())
}

/// How often refunds that were asked for but never handed to their provider are sent.
const REFUND_SEND_EVERY: Duration = Duration::from_secs(10);

/// Refunds the paid orders of cancelled events, and sends refunds nobody sent (a crash after
/// asking, a provider that was down), until `shutdown`: apart from the hold sweeper, so a slow
/// provider never delays releasing holds.
pub async fn send_refunds(state: crate::state::AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(REFUND_SEND_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        match crate::refunds::refund_cancelled_events(&state).await {
            Ok(0) => {}
            Ok(asked) => tracing::info!(refunds.asked = asked, "refunds of cancelled events asked for"),
            Err(err) => tracing::warn!(error = %err, "refunding cancelled events failed; will retry"),
        }
        match crate::refunds::follow_btc_claims(&state).await {
            Ok(0) => {}
            Ok(done) => tracing::info!(refunds.paid_out = done, "bitcoin refunds paid out"),
            Err(err) => tracing::warn!(error = %err, "following bitcoin refunds failed; will retry"),
        }
        match crate::refunds::send_waiting(&state).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(refunds.sent = sent, "waiting refunds handed to their provider"),
            Err(err) => tracing::warn!(error = %err, "sending waiting refunds failed; will retry"),
        }
    }
}
