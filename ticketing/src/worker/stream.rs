//! The Redis side of the worker: reading the stream as a consumer group, reclaiming what dead
//! or backing-off workers left pending, acknowledging, dead-lettering, trimming, and the sweeper
//! that republishes paid orders nobody delivered. Nothing here knows how an order is delivered;
//! it hands each message to [`Worker::deliver`] and acts on the [`Handled`] it gets back.

use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::Utc;
use redis::AsyncCommands as _;
use redis::streams::{StreamAutoClaimOptions, StreamId, StreamReadOptions, StreamReadReply};
use tessera_core::delivery;
use tessera_core::order::ORDERS_PAID;
use tokio::sync::watch;
use uuid::Uuid;

use super::deliver::StepError;
use super::{GROUP, Handled, Worker};

/// A consumer idle this long with nothing pending has gone away (a day, in milliseconds).
const CONSUMER_FORGET_AFTER_MS: usize = 24 * 3600 * 1000;
/// Batches of `XAUTOCLAIM` per reclaim tick (each of `concurrency` messages).
const RECLAIM_BATCHES_PER_TICK: usize = 25;
/// Entries kept in each stream (about: trimming is approximate). Years of paid orders at the
/// brief's volume; the database, not the stream, is the record.
const STREAM_MAX_LEN: u64 = 100_000;
/// The most paid orders published again at once when the stream was lost; any beyond are left
/// to the sweeper.
const LOST_STREAM_REPUBLISH: i64 = 10_000;

impl Worker {
    /// Reads the stream until `shutdown` or an error; calls `connected` once it is reading.
    pub(super) async fn consume(
        &self,
        shutdown: &mut watch::Receiver<bool>,
        connected: impl FnOnce(),
    ) -> redis::RedisResult<()> {
        let block = Duration::from_secs(2);
        let mut conn = self.redis.dedicated(block + Duration::from_secs(5)).await?;
        let stream = self.config.stream();
        let created: redis::RedisResult<()> = conn.xgroup_create_mkstream(&stream, GROUP, "0").await;
        match created {
            // The group is new: a first start, or Redis came back without its data (a restart
            // of a Redis that keeps nothing, a failover to an empty replica). Entries published
            // before are gone with it, those a worker was on or waiting to retry included, so
            // every paid order not delivered yet is published again now rather than after
            // `stall_after`. One more message costs a lookup: a worker still on the order
            // leaves it pending until it is done, and a backoff is kept.
            Ok(()) => {
                tracing::info!(stream = %stream, "consumer group created: publishing undelivered paid orders again");
                self.republish_owed.store(true, Ordering::SeqCst);
            }
            Err(err) if err.code() == Some("BUSYGROUP") => {}
            Err(err) => return Err(err),
        }
        // Owed until it succeeds: a republish cut short (Postgres or Redis away) is done again
        // at the next connection, even though the group is there by then.
        if self.republish_owed.load(Ordering::SeqCst) {
            let republished = match delivery::undelivered(&self.db, LOST_STREAM_REPUBLISH).await {
                Ok(orders) => self.republish(&mut conn, orders).await,
                Err(err) => Err(err.into()),
            };
            if let Err(err) = republished {
                tracing::warn!(error = %err, "republishing undelivered orders failed; will try again");
                return Err(redis::RedisError::from((
                    redis::ErrorKind::Client,
                    "republishing undelivered orders after the stream was lost failed",
                )));
            }
            self.republish_owed.store(false, Ordering::SeqCst);
        }
        connected();
        let count = self.config.concurrency.max(1);
        let reclaim_every = (self.config.lease / 2).max(Duration::from_millis(100));
        let sweep_every =
            (self.config.stall_after / 2).clamp(Duration::from_millis(200), Duration::from_secs(60));
        let mut last_reclaim = tokio::time::Instant::now();
        let mut last_sweep = tokio::time::Instant::now();
        loop {
            if *shutdown.borrow() {
                return Ok(());
            }
            if last_reclaim.elapsed() >= reclaim_every {
                last_reclaim = tokio::time::Instant::now();
                self.reclaim(&mut conn, &stream, count).await?;
            }
            if last_sweep.elapsed() >= sweep_every {
                last_sweep = tokio::time::Instant::now();
                let stalled = delivery::stalled(&self.db, self.config.stall_after, 100).await;
                let republished = match stalled {
                    Ok(orders) => self.republish(&mut conn, orders).await,
                    Err(err) => Err(err.into()),
                };
                if let Err(err) = republished {
                    tracing::warn!(error = %err, "republishing stalled deliveries failed");
                }
                if let Err(err) = self.forget_departed_consumers(&mut conn, &stream).await {
                    tracing::warn!(error = %err, "cleaning up departed consumers failed");
                }
                // Keep the streams from growing forever. An entry trimmed while still pending is
                // acknowledged on reclaim, and its order republished by the sweeper if need be.
                for key in [&stream, &self.config.dead_letter_stream()] {
                    let trimmed: redis::RedisResult<i64> = redis::cmd("XTRIM")
                        .arg(key)
                        .arg("MAXLEN")
                        .arg("~")
                        .arg(STREAM_MAX_LEN)
                        .query_async(&mut conn)
                        .await;
                    if let Err(err) = trimmed {
                        tracing::warn!(error = %err, stream = %key, "trimming the stream failed");
                    }
                }
            }
            let block_ms = block.min(reclaim_every).as_millis() as usize;
            let options =
                StreamReadOptions::default().group(GROUP, &self.config.consumer).count(count).block(block_ms);
            let (keys, ids) = ([&stream], [">"]);
            let reply: Option<StreamReadReply> = tokio::select! {
                reply = conn.xread_options(&keys, &ids, &options) => reply?,
                _ = shutdown.changed() => return Ok(()),
            };
            let entries: Vec<StreamId> = reply.into_iter().flat_map(|r| r.keys).flat_map(|k| k.ids).collect();
            self.handle_entries(&mut conn, &stream, entries).await?;
        }
    }

    /// Takes over messages other workers (or this one, before a retry) left idle for a lease.
    async fn reclaim(
        &self,
        conn: &mut redis::aio::MultiplexedConnection,
        stream: &str,
        count: usize,
    ) -> redis::RedisResult<()> {
        let idle_ms = self.config.lease.as_millis() as u64;
        // Walk the whole pending list (up to a budget per tick), not just its head: messages
        // waiting out a backoff must not hide a dead worker's messages behind them.
        let mut cursor = "0-0".to_string();
        for _ in 0..RECLAIM_BATCHES_PER_TICK {
            let reply: redis::streams::StreamAutoClaimReply = conn
                .xautoclaim_options(
                    stream,
                    GROUP,
                    &self.config.consumer,
                    idle_ms,
                    &cursor,
                    StreamAutoClaimOptions::default().count(count),
                )
                .await?;
            if !reply.deleted_ids.is_empty() {
                // Trimmed away while pending: nothing left to deliver from them. The sweeper
                // republishes their orders if they were never delivered.
                let _: i64 = conn.xack(stream, GROUP, &reply.deleted_ids).await?;
            }
            if !reply.claimed.is_empty() {
                tracing::debug!(count = reply.claimed.len(), "reclaimed idle paid-order messages");
            }
            self.handle_entries(conn, stream, reply.claimed).await?;
            if reply.next_stream_id == "0-0" {
                break;
            }
            cursor = reply.next_stream_id;
        }
        Ok(())
    }

    async fn handle_entries(
        &self,
        conn: &mut redis::aio::MultiplexedConnection,
        stream: &str,
        entries: Vec<StreamId>,
    ) -> redis::RedisResult<()> {
        if entries.is_empty() {
            return Ok(());
        }
        let handled = futures::future::join_all(entries.iter().map(|entry| self.handle_entry(entry))).await;
        let mut done = Vec::new();
        for (entry, handled) in entries.iter().zip(handled) {
            if let Handled::DeadLettered(error) = &handled {
                let order_id = entry.get::<String>("order_id").unwrap_or_default();
                let _: String = conn
                    .xadd(
                        self.config.dead_letter_stream(),
                        "*",
                        &[
                            ("order_id", order_id.as_str()),
                            ("entry_id", entry.id.as_str()),
                            ("error", error.as_str()),
                            ("failed_at", &Utc::now().to_rfc3339()),
                        ],
                    )
                    .await?;
            }
            if handled.acknowledges() {
                done.push(entry.id.clone());
            }
        }
        if !done.is_empty() {
            let _: i64 = conn.xack(stream, GROUP, &done).await?;
        }
        Ok(())
    }

    async fn handle_entry(&self, entry: &StreamId) -> Handled {
        let Some(order_id) = entry.get::<String>("order_id").and_then(|raw| Uuid::parse_str(&raw).ok())
        else {
            tracing::error!(entry = %entry.id, "paid-order message without an order id: dead-lettered");
            return Handled::DeadLettered("the message has no valid order_id".into());
        };
        let started = std::time::Instant::now();
        let handled = self.deliver(order_id).await;
        let outcome = match &handled {
            Handled::Delivered => "delivered",
            Handled::Skipped(_) => "skipped",
            Handled::Later(_) => "later",
            Handled::RetryLater(_) => "retry",
            Handled::DeadLettered(_) => "dead_letter",
        };
        metrics::counter!("ticket_deliveries_total", "outcome" => outcome).increment(1);
        if handled == Handled::Delivered {
            metrics::histogram!("ticket_delivery_duration_seconds").record(started.elapsed().as_secs_f64());
        }
        match &handled {
            Handled::Delivered => tracing::info!(order.id = %order_id, "tickets delivered"),
            Handled::Skipped(why) | Handled::Later(why) => {
                tracing::debug!(order.id = %order_id, why, "nothing to deliver now")
            }
            Handled::RetryLater(error) => {
                tracing::warn!(order.id = %order_id, error, "delivery failed; will retry")
            }
            Handled::DeadLettered(error) => {
                tracing::error!(order.id = %order_id, error, "delivery failed for good; dead-lettered")
            }
        }
        handled
    }

    /// Every worker process joins the group under a name of its own; the names of processes
    /// long gone, with nothing left pending, are removed so the group stays readable.
    async fn forget_departed_consumers(
        &self,
        conn: &mut redis::aio::MultiplexedConnection,
        stream: &str,
    ) -> redis::RedisResult<()> {
        let info: redis::streams::StreamInfoConsumersReply = conn.xinfo_consumers(stream, GROUP).await?;
        for consumer in info.consumers {
            if consumer.pending == 0
                && consumer.idle > CONSUMER_FORGET_AFTER_MS
                && consumer.name != self.config.consumer
            {
                let _: i64 = conn.xgroup_delconsumer(stream, GROUP, &consumer.name).await?;
                tracing::info!(consumer = %consumer.name, "removed a departed consumer from the group");
            }
        }
        Ok(())
    }

    /// Publishes these paid orders again.
    async fn republish(
        &self,
        conn: &mut redis::aio::MultiplexedConnection,
        orders: Vec<Uuid>,
    ) -> Result<(), StepError> {
        for order_id in orders {
            tracing::warn!(order.id = %order_id, "paid order without a delivery: publishing it again");
            publish_delivery(conn, &self.config.stream_prefix, order_id, "republished")
                .await
                .map_err(|err| StepError::Data(format!("redis: {err}")))?;
        }
        Ok(())
    }
}

/// Adds a paid-order message for `order_id` to the stream, outside the outbox: used to
/// republish stalled orders and for admins' retries. Handling is idempotent, so an extra
/// message costs a lookup.
pub async fn publish_delivery<C: redis::aio::ConnectionLike + Send>(
    conn: &mut C,
    stream_prefix: &str,
    order_id: Uuid,
    reason: &str,
) -> redis::RedisResult<String> {
    let payload = format!(r#"{{"order_id":"{order_id}","reason":"{reason}"}}"#);
    redis::cmd("XADD")
        .arg(format!("{stream_prefix}{ORDERS_PAID}"))
        .arg("*")
        .arg("order_id")
        .arg(order_id.to_string())
        .arg("outbox_id")
        .arg(0)
        .arg("payload")
        .arg(payload)
        .query_async(conn)
        .await
}
