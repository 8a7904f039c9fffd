//! The poller: every interval, reads back every invoice whose fate may still change and applies
//! it, so a lost webhook only delays an order.

use std::time::Duration;

use tessera_core::order;
use tessera_settlement::SettleError;
use tessera_settlement::btc::BtcPaySettlement;
use tokio::sync::watch;

/// How long after an order ended its invoice is still watched: BTCPay's default monitoring of
/// an expired invoice for late payments (a day).
pub const LATE_WINDOW: Duration = Duration::from_secs(24 * 3600);

/// One round of polling: syncs every watched invoice. Returns how many were read; an
/// unreachable BTCPay ends the round early (the next one tries again).
pub async fn poll_once(settlement: &BtcPaySettlement) -> sqlx::Result<usize> {
    let watched = order::watched_invoices(&settlement.db, order::Provider::BtcPay, LATE_WINDOW, 500).await?;
    let mut read = 0;
    for invoice in watched {
        match settlement.sync(None, &invoice.provider_ref).await {
            Ok(()) => read += 1,
            Err(SettleError::Db(err)) => return Err(err),
            // Its body was not read from a webhook: it cannot be malformed; and reading an
            // invoice sends no money.
            Err(SettleError::Malformed(_) | SettleError::Unavailable(_)) => {}
            Err(SettleError::Provider(err)) => {
                tracing::warn!(invoice.id = %invoice.provider_ref, error = %err, "cannot read the BTCPay invoice; will poll again");
                if err.is_unavailable() {
                    break;
                }
            }
        }
    }
    Ok(read)
}

/// Polls every `interval` until `shutdown`. One poller leads at a time (a Postgres advisory
/// lock held for the round), so several processes can run it.
pub async fn run(settlement: BtcPaySettlement, interval: Duration, mut shutdown: watch::Receiver<bool>) {
    const LOCK: i64 = 0x7465_7373_6572_6102;
    loop {
        tokio::select! {
            () = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => return,
        }
        let round = async {
            let mut lock = settlement.db.acquire().await?;
            let leader: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
                .bind(LOCK)
                .fetch_one(&mut *lock)
                .await?;
            if !leader {
                return Ok(0);
            }
            let polled = poll_once(&settlement).await;
            sqlx::query("select pg_advisory_unlock($1)").bind(LOCK).execute(&mut *lock).await?;
            polled
        };
        if let Err(err) = round.await {
            tracing::warn!(error = %err, "polling BTCPay invoices failed; will try again");
        }
    }
}
