//! The poller: every interval, catches up with the chain and (with the refund wallet's key)
//! sends the refunds due. One watcher leads at a time (a
//! Postgres advisory lock held for the round), so several processes can run it as standbys.

use std::time::Duration;

use tokio::sync::watch;

use tessera_settlement::eth::refunded::Round;

use super::{EthWatchError, EthWatcher};

/// The advisory lock of the first chain's Ethereum watcher's leader (BTCPay's poller holds
/// another); each other chain's leader holds its own, [`lock_of`].
const LOCK: i64 = 0x7465_7373_6572_6103;

/// The leader's lock for the other chain pinned to `chain` (the first chain's when none).
fn lock_of(chain: Option<u64>) -> i64 {
    match chain {
        None => LOCK,
        // Apart from LOCK's and from each other's: the id in the low bits, a tag in the high.
        Some(id) => 0x7465_7300_0000_0000 | (id as i64 & 0xff_ffff_ffff),
    }
}

/// Catches up every `interval` until `shutdown`. Never gives up: a node that is down, or a
/// database that fails, is logged and tried again at the next tick.
pub async fn run(watcher: EthWatcher, interval: Duration, mut shutdown: watch::Receiver<bool>) {
    let leader_lock = lock_of(watcher.other_chain());
    loop {
        let round = async {
            let mut lock = watcher.db().acquire().await?;
            let leader: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
                .bind(leader_lock)
                .fetch_one(&mut *lock)
                .await?;
            if !leader {
                return Ok(None);
            }
            let mut progress = watcher.catch_up().await;
            // The refund wallet sends under the same lock: one sender, so one nonce sequence.
            if progress.is_ok() && watcher.sends_refunds() {
                match watcher.send_refunds().await {
                    Ok(round) if round != Round::default() => {
                        tracing::info!(
                            refund.sent = round.sent,
                            refund.rebroadcast = round.rebroadcast,
                            refund.replaced = round.replaced,
                            refund.bumped = round.bumped,
                            refund.failed = round.failed,
                            refund.waiting = round.waiting,
                            "Ethereum refunds"
                        );
                    }
                    Ok(_) => {}
                    Err(err) => progress = Err(err),
                }
            }
            sqlx::query("select pg_advisory_unlock($1)").bind(leader_lock).execute(&mut *lock).await?;
            progress.map(Some)
        };
        match round.await {
            Ok(Some(progress)) if progress.blocks > 0 || progress.confirmed > 0 || progress.reorged > 0 => {
                tracing::debug!(
                    chain.head = progress.head,
                    chain.blocks = progress.blocks,
                    receipt.recorded = progress.receipts,
                    receipt.confirmed = progress.confirmed,
                    receipt.reorged = progress.reorged,
                    "followed the chain"
                );
            }
            Ok(_) => {}
            Err(err @ EthWatchError::Node(_)) => {
                tracing::warn!(error = %watcher.describe(&err), "the Ethereum node did not answer; will try again");
            }
            Err(err) => {
                tracing::warn!(error = %watcher.describe(&err), "following the chain failed; will try again");
            }
        }
        tokio::select! {
            () = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => return,
        }
    }
}
