//! The poller: every interval, catches up with the chain and (with the refund wallet's key)
//! sends the refunds due. One watcher leads at a time (a
//! Postgres advisory lock held for the round), so several processes can run it as standbys.

use std::time::Duration;

use tokio::sync::watch;

use tessera_settlement::eth::refunded::Round;

use super::{EthWatchError, EthWatcher};

/// The advisory lock of the first chain's Ethereum watcher's leader, as it always was (BTCPay's
/// poller holds another).
const LOCK: i64 = 0x7465_7373_6572_6103;

/// The class of the per-chain leader locks: Postgres's two-key advisory locks, a space apart
/// from every one-key lock (LOCK and the other tasks').
const CHAIN_LOCK_CLASS: i32 = 0x7465_7373;

/// A leader lock: one key, or two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lock {
    One(i64),
    Two(i32, i32),
}

/// The locks the leader of a chain's watcher holds: the first chain's LOCK (so a process of an
/// earlier version, which knew only it, never leads beside it), and for a chain with a pinned
/// id a lock of that id, so the chain has one leader (one refund sender) whatever its place in
/// `TESSERA_ETH_CHAINS`. The id is folded into 32 bits: chain ids of that size do not collide.
fn leader_locks(first: bool, chain: Option<u64>) -> Vec<Lock> {
    let mut locks = Vec::new();
    if first {
        locks.push(Lock::One(LOCK));
    }
    if let Some(id) = chain {
        locks.push(Lock::Two(CHAIN_LOCK_CLASS, ((id ^ (id >> 32)) as u32).cast_signed()));
    }
    locks
}

/// Tries to take every lock on `conn`; all of them, or none (those taken are let go).
async fn take_all(conn: &mut sqlx::PgConnection, locks: &[Lock]) -> sqlx::Result<bool> {
    for (i, lock) in locks.iter().enumerate() {
        let taken: bool = match *lock {
            Lock::One(key) => sqlx::query_scalar("select pg_try_advisory_lock($1)").bind(key),
            Lock::Two(class, key) => {
                sqlx::query_scalar("select pg_try_advisory_lock($1, $2)").bind(class).bind(key)
            }
        }
        .fetch_one(&mut *conn)
        .await?;
        if !taken {
            release(conn, &locks[..i]).await?;
            return Ok(false);
        }
    }
    Ok(true)
}

async fn release(conn: &mut sqlx::PgConnection, locks: &[Lock]) -> sqlx::Result<()> {
    for lock in locks {
        match *lock {
            Lock::One(key) => sqlx::query("select pg_advisory_unlock($1)").bind(key),
            Lock::Two(class, key) => sqlx::query("select pg_advisory_unlock($1, $2)").bind(class).bind(key),
        }
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Catches up every `interval` until `shutdown`. Never gives up: a node that is down, or a
/// database that fails, is logged and tried again at the next tick.
pub async fn run(watcher: EthWatcher, interval: Duration, mut shutdown: watch::Receiver<bool>) {
    let locks = leader_locks(watcher.is_first(), watcher.chain_pin());
    loop {
        let round = async {
            let mut lock = watcher.db().acquire().await?;
            match take_all(&mut lock, &locks).await {
                Ok(true) => {}
                Ok(false) => return Ok(None),
                // A lock may be held on it still: the session ends, and its locks with it.
                Err(err) => {
                    let _ = lock.close().await;
                    return Err(err.into());
                }
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
            if let Err(err) = release(&mut lock, &locks).await {
                let _ = lock.close().await;
                return Err(err.into());
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_chain_has_a_leader_lock_of_its_own_and_the_first_keeps_the_old_one() {
        assert_eq!(leader_locks(true, None), [Lock::One(LOCK)]);
        assert_eq!(leader_locks(true, Some(1)), [Lock::One(LOCK), Lock::Two(CHAIN_LOCK_CLASS, 1)]);
        assert_eq!(leader_locks(false, Some(8453)), [Lock::Two(CHAIN_LOCK_CLASS, 8453)]);
        assert_ne!(leader_locks(false, Some(10)), leader_locks(false, Some(137)));
    }
}
