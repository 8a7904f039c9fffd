//! The outbox relay: publishes outbox rows to their Redis stream (`XADD`) and marks them
//! published.
//!
//! - One relay leads at a time, however many processes run one: the leader holds a Postgres
//!   advisory lock on a connection of its own, and the others wait for it to go away.
//! - Publishing is idempotent: a Lua script adds the entry and a marker keyed by the order in
//!   one step, and skips the entry when the marker is there. A relay that dies after `XADD`
//!   but before marking the row published republishes nothing.
//! - If Redis is down, nothing is lost: payments still commit their rows, the relay counts the
//!   failed attempt on the row and tries again with backoff until Redis returns.

use std::time::Duration;

use redis::aio::ConnectionManager;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tessera_core::order;
use tessera_core::redis_conn::Redis;
use tokio::sync::watch;

/// The advisory lock key of the relay leader (`'tessera-outbox-relay'` as a number).
const LEADER_LOCK: i64 = 0x7465_7373_6572_6101;
/// How long the published marker of an order is kept: far longer than any relay outage.
const MARKER_TTL_SECS: u64 = 30 * 24 * 3600;
/// Polling interval when no notification arrives.
const POLL: Duration = Duration::from_secs(2);

/// Where the relay publishes.
#[derive(Debug, Clone, Default)]
pub struct RelayConfig {
    /// Prefix of the stream names (and markers); the `orders.paid` topic goes to
    /// `{prefix}orders.paid`. Empty in production; tests use their own.
    pub stream_prefix: String,
}

/// Adds the entry unless this order was already published; returns the entry id either way.
const PUBLISH_ONCE: &str = r"
local done = redis.call('GET', KEYS[2])
if done then return done end
local id = redis.call('XADD', KEYS[1], '*', 'order_id', ARGV[1], 'outbox_id', ARGV[2], 'payload', ARGV[3])
redis.call('SET', KEYS[2], id, 'EX', ARGV[4])
return id
";

/// Runs the relay until `shutdown`: waits to lead, then publishes whatever the outbox holds,
/// woken by `NOTIFY outbox` or every two seconds.
pub async fn run(db: PgPool, redis: Redis, config: RelayConfig, mut shutdown: watch::Receiver<bool>) {
    let mut backoff = Duration::from_secs(1);
    loop {
        match lead(&db, &redis, &config, &mut shutdown).await {
            Ok(()) => return,
            Err(err) => {
                tracing::warn!(error = %err, "outbox relay interrupted; retrying in {}s", backoff.as_secs());
                tokio::select! {
                    () = tokio::time::sleep(backoff) => {}
                    _ = shutdown.changed() => return,
                }
                backoff = (backoff * 2).min(Duration::from_secs(30));
            }
        }
    }
}

/// Becomes the leader (waiting while another relay is), then relays until shutdown.
async fn lead(
    db: &PgPool,
    redis: &Redis,
    config: &RelayConfig,
    shutdown: &mut watch::Receiver<bool>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut lock_conn = db.acquire().await?;
    loop {
        let leader: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
            .bind(LEADER_LOCK)
            .fetch_one(&mut *lock_conn)
            .await?;
        if leader {
            break;
        }
        tokio::select! {
            () = tokio::time::sleep(Duration::from_secs(5)) => {}
            _ = shutdown.changed() => return Ok(()),
        }
    }
    // The lock belongs to this connection's session: it must never go back to the pool.
    let mut lock_conn = lock_conn.detach();
    tracing::info!("outbox relay is the leader");

    let mut listener = PgListener::connect_with(db).await?;
    listener.listen("outbox").await?;
    let mut retry_in = Duration::ZERO;
    loop {
        // Still the leader? A dropped connection would have dropped the lock.
        sqlx::query("select 1").execute(&mut lock_conn).await?;
        let failed = match redis.connection().await {
            Ok(mut conn) => publish_pending(db, &mut conn, config).await?.is_err(),
            Err(err) => {
                tracing::warn!(error = %err, "outbox relay cannot reach Redis; paid orders wait in the outbox");
                true
            }
        };
        retry_in = if failed {
            (retry_in * 2).clamp(Duration::from_millis(500), Duration::from_secs(5))
        } else {
            Duration::ZERO
        };
        let wait = if failed { retry_in } else { POLL };
        tokio::select! {
            notified = listener.recv(), if !failed => { notified?; }
            () = tokio::time::sleep(wait) => {}
            _ = shutdown.changed() => {
                let _ = sqlx::query("select pg_advisory_unlock($1)").bind(LEADER_LOCK).execute(&mut lock_conn).await;
                return Ok(());
            }
        }
    }
}

/// Publishes every unpublished outbox row, oldest first. The outer error is Postgres; the
/// inner one says Redis failed (the row stays unpublished, its attempt counted).
pub async fn publish_pending(
    db: &PgPool,
    redis: &mut ConnectionManager,
    config: &RelayConfig,
) -> sqlx::Result<Result<usize, redis::RedisError>> {
    let mut published = 0;
    loop {
        let batch = order::unpublished(db, 100).await?;
        if batch.is_empty() {
            return Ok(Ok(published));
        }
        for message in batch {
            let stream = format!("{}{}", config.stream_prefix, message.topic);
            // The stream's name as a hash tag, so both keys of the script live in one slot of a
            // Redis Cluster.
            let marker = format!("{{{stream}}}:published:{}", message.order_id);
            let added: redis::RedisResult<String> = redis::Script::new(PUBLISH_ONCE)
                .key(&stream)
                .key(&marker)
                .arg(message.order_id.to_string())
                .arg(message.outbox_id)
                .arg(message.payload.to_string())
                .arg(MARKER_TTL_SECS)
                .invoke_async(redis)
                .await;
            match added {
                Ok(entry) => {
                    order::mark_published(db, message.outbox_id).await?;
                    tracing::info!(order.id = %message.order_id, stream.entry = %entry, "paid order published");
                    published += 1;
                }
                Err(err) => {
                    order::mark_failed(db, message.outbox_id, &err.to_string()).await?;
                    return Ok(Err(err));
                }
            }
        }
    }
}
