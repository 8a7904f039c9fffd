//! The poller: every interval, reads back every invoice whose fate may still change and applies
//! it, so a lost webhook only delays an order.

use std::time::Duration;

use tessera_core::order;
use tokio::sync::watch;

use super::{BtcPayWatcher, LATE_WINDOW, SyncError};

/// One round of polling: syncs every watched invoice. Returns how many were read; an
/// unreachable BTCPay ends the round early (the next one tries again).
pub async fn poll_once(watcher: &BtcPayWatcher) -> sqlx::Result<usize> {
    let watched = order::watched_invoices(&watcher.db, "btcpay", LATE_WINDOW, 500).await?;
    let mut read = 0;
    for invoice in watched {
        match watcher.sync(None, &invoice.provider_ref).await {
            Ok(()) => read += 1,
            Err(SyncError::Db(err)) => return Err(err),
            Err(SyncError::Provider(err)) => {
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
pub async fn run(watcher: BtcPayWatcher, interval: Duration, mut shutdown: watch::Receiver<bool>) {
    const LOCK: i64 = 0x7465_7373_6572_6102;
    loop {
        tokio::select! {
            () = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => return,
        }
        let round = async {
            let mut lock = watcher.db.acquire().await?;
            let leader: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
                .bind(LOCK)
                .fetch_one(&mut *lock)
                .await?;
            if !leader {
                return Ok(0);
            }
            let polled = poll_once(&watcher).await;
            sqlx::query("select pg_advisory_unlock($1)").bind(LOCK).execute(&mut *lock).await?;
            polled
        };
        if let Err(err) = round.await {
            tracing::warn!(error = %err, "polling BTCPay invoices failed; will try again");
        }
    }
}
