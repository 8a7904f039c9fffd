//! The ticketing worker: reads paid orders from the `orders.paid` stream as a member of the
//! `ticketing` consumer group, and for each one issues the tickets, renders the PDF, stores it,
//! emails it, records the delivery, moves the order to `fulfilled`, and only then acknowledges
//! the message. Run as many as you like (`tessera ticketing`).
//!
//! Exactly-once effects on an at-least-once stream:
//! - the delivery row's lease means one worker works on an order at a time, whichever message
//!   brought it (a redelivery, a republished order, an admin's retry);
//! - tickets are keyed by (order, position), the PDF by the order: doing a step again finds it
//!   done;
//! - the delivery is marked sent and the order fulfilled in one transaction, and a delivery
//!   marked sent is never sent again.
//!
//! The one window that cannot be closed is a crash after the SMTP server accepted the email and
//! before the delivery is marked sent. The next attempt sends it again, with the same
//! Message-ID (which mail software uses to recognise a duplicate) and a warning in the log.
//! It is bounded by how rarely a worker dies inside one SMTP round trip and a commit: at most
//! one extra email per such crash, and never a second set of tickets.
//!
//! Recovery: a message whose worker died is reclaimed (`XAUTOCLAIM`) once idle for the lease
//! time; a failed attempt is retried with exponential backoff; after `max_attempts` the message
//! goes to the `orders.paid.dead` stream and the delivery is marked failed for admins to retry.
//! A sweeper republishes paid orders that nobody has delivered after a while.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use ed25519_dalek::SigningKey;
use redis::AsyncCommands as _;
use redis::streams::{StreamAutoClaimOptions, StreamId, StreamReadOptions, StreamReadReply};
use sqlx::PgPool;
use tessera_core::delivery::{self, Claim, Failure};
use tessera_core::money::Currency;
use tessera_core::order::ORDERS_PAID;
use tessera_core::redis_conn::Redis;
use tessera_core::ticket;
use tessera_media::BlobStore;
use tessera_web::email::TicketEmail;
use tokio::sync::watch;
use url::Url;
use uuid::Uuid;

use crate::mail::{MailError, Mailer};
use crate::pdf::{self, PdfTicket, TicketDocument};

/// The consumer group every ticketing worker joins.
pub const GROUP: &str = "ticketing";
/// Where messages that could not be delivered go, beside the stream.
pub const DEAD_LETTER_SUFFIX: &str = ".dead";
/// A consumer idle this long with nothing pending has gone away (a day, in milliseconds).
const CONSUMER_FORGET_AFTER_MS: usize = 24 * 3600 * 1000;
/// Tries at recording an accepted email before giving the message back.
const MARK_SENT_ATTEMPTS: u32 = 5;
/// Batches of `XAUTOCLAIM` per reclaim tick (each of `concurrency` messages).
const RECLAIM_BATCHES_PER_TICK: usize = 25;
/// Entries kept in each stream (about: trimming is approximate). Years of paid orders at the
/// brief's volume; the database, not the stream, is the record.
const STREAM_MAX_LEN: u64 = 100_000;

/// How a worker behaves; [`WorkerConfig::new`] gives production's defaults.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// Prefix of the stream names (tests use their own).
    pub stream_prefix: String,
    /// This worker's name in the consumer group; unique per process.
    pub consumer: String,
    /// How long a worker may work on an order before others may take it over; also how long a
    /// message stays with a silent worker before it is reclaimed.
    pub lease: Duration,
    /// The first retry's delay; each further one doubles it (up to an hour). A failed message
    /// is picked up again when reclaimed, so retries are at least `lease` apart.
    pub backoff: Duration,
    /// Attempts before a delivery is dead-lettered.
    pub max_attempts: i32,
    /// Messages worked on at once.
    pub concurrency: usize,
    /// How long one SMTP conversation may take before it is abandoned (and retried).
    pub send_timeout: Duration,
    /// A paid order without a delivery for this long is published again.
    pub stall_after: Duration,
    /// How long the email's download link works.
    pub link_ttl: chrono::Duration,
    /// Where links in the email point.
    pub public_url: Url,
}

impl WorkerConfig {
    pub fn new(stream_prefix: String, public_url: Url) -> Self {
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "worker".into());
        Self {
            stream_prefix,
            consumer: format!("{host}-{}-{}", std::process::id(), &Uuid::new_v4().simple().to_string()[..6]),
            lease: Duration::from_secs(60),
            backoff: Duration::from_secs(60),
            max_attempts: 5,
            concurrency: 4,
            send_timeout: Duration::from_secs(45),
            stall_after: Duration::from_secs(5 * 60),
            link_ttl: chrono::Duration::days(60),
            public_url,
        }
    }

    pub fn stream(&self) -> String {
        format!("{}{ORDERS_PAID}", self.stream_prefix)
    }

    pub fn dead_letter_stream(&self) -> String {
        format!("{}{ORDERS_PAID}{DEAD_LETTER_SUFFIX}", self.stream_prefix)
    }
}

/// What handling one message came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Handled {
    /// Tickets issued, stored and emailed; the order is fulfilled.
    Delivered,
    /// Nothing to do (delivered before, not paid, given up on).
    Skipped(&'static str),
    /// Another worker is on the order: this message stays pending and is looked at again when
    /// reclaimed (by then the order is delivered, or the other worker failed and it is due).
    Later(&'static str),
    /// Failed; to be tried again from this message when it is reclaimed.
    RetryLater(String),
    /// Failed for good: moved to the dead-letter stream.
    DeadLettered(String),
}

impl Handled {
    /// Whether the message is done with (acknowledged).
    fn acknowledges(&self) -> bool {
        !matches!(self, Handled::RetryLater(_) | Handled::Later(_))
    }
}

#[derive(Clone)]
pub struct Worker {
    db: PgPool,
    redis: Redis,
    blobs: BlobStore,
    mailer: Mailer,
    key: Arc<SigningKey>,
    config: Arc<WorkerConfig>,
}

/// A failure in one step of a delivery.
#[derive(Debug, thiserror::Error)]
enum StepError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("blob store: {0}")]
    Blob(#[from] object_store::Error),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error("{0}")]
    Data(String),
    #[error("the lease on the order was lost to another worker")]
    LeaseLost,
    /// The email was accepted but recording it failed even after retries: the next attempt
    /// resends it (the window of ARCHITECTURE.md), without counting a failure.
    #[error("the email was sent but recording it failed: {0}")]
    NotRecorded(sqlx::Error),
}

impl StepError {
    /// Failures no retry can fix.
    fn is_permanent(&self) -> bool {
        match self {
            StepError::Mail(err) => err.is_permanent(),
            StepError::Data(_) => true,
            _ => false,
        }
    }

    /// Whether the email may have reached the SMTP server before this failure (a connection
    /// lost or timed out mid-conversation); if not, the next attempt is a clean first send.
    fn email_may_have_gone(&self) -> bool {
        match self {
            StepError::Mail(err) => err.may_have_been_accepted(),
            StepError::NotRecorded(_) => true,
            _ => false,
        }
    }
}

impl Worker {
    pub fn new(
        db: PgPool,
        redis: Redis,
        blobs: BlobStore,
        mailer: Mailer,
        key: Arc<SigningKey>,
        config: WorkerConfig,
    ) -> Self {
        Self { db, redis, blobs, mailer, key, config: Arc::new(config) }
    }

    /// Consumes the stream until `shutdown`, reconnecting with backoff when Redis goes away.
    /// In-flight messages are finished before it returns.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let mut backoff = Duration::from_secs(1);
        tracing::info!(consumer = %self.config.consumer, stream = %self.config.stream(), "ticketing worker started");
        loop {
            match self.consume(&mut shutdown).await {
                Ok(()) => return,
                Err(err) => {
                    tracing::warn!(error = %err, "ticketing worker lost Redis; retrying in {}s", backoff.as_secs());
                    tokio::select! {
                        () = tokio::time::sleep(backoff) => {}
                        _ = shutdown.changed() => return,
                    }
                    backoff = (backoff * 2).min(Duration::from_secs(30));
                }
            }
        }
    }

    async fn consume(&self, shutdown: &mut watch::Receiver<bool>) -> redis::RedisResult<()> {
        let block = Duration::from_secs(2);
        let mut conn = self.redis.dedicated(block + Duration::from_secs(5)).await?;
        let stream = self.config.stream();
        let created: redis::RedisResult<()> = conn.xgroup_create_mkstream(&stream, GROUP, "0").await;
        if let Err(err) = created
            && err.code() != Some("BUSYGROUP")
        {
            return Err(err);
        }
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
                if let Err(err) = self.republish_stalled(&mut conn).await {
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

    /// Delivers one order's tickets, if that is still to do. Safe to call any number of times,
    /// from any number of workers at once.
    pub async fn deliver(&self, order_id: Uuid) -> Handled {
        // The lease is this attempt's, not this worker's: two messages for one order handled
        // side by side by the same worker must not both get it.
        let owner = format!("{}/{}", self.config.consumer, Uuid::new_v4().simple());
        let owner = owner.as_str();
        let claimed = match delivery::claim(&self.db, order_id, owner, self.config.lease).await {
            Ok(claim) => claim,
            Err(err) => return Handled::RetryLater(format!("database: {err}")),
        };
        let started = match claimed {
            Claim::Claimed(row) => row,
            Claim::AlreadySent => return Handled::Skipped("already delivered"),
            Claim::Failed => return Handled::Skipped("failed; waiting for an admin's retry"),
            Claim::Busy => return Handled::Later("another worker is on it"),
            Claim::NotPaid(_) => return Handled::Skipped("the order is not paid"),
            Claim::NotBefore(at) => return Handled::RetryLater(format!("backing off until {at}")),
            Claim::UnknownOrder => return Handled::DeadLettered(format!("no order {order_id}")),
        };
        match self.deliver_claimed(order_id, owner, &started).await {
            Ok(()) => Handled::Delivered,
            Err(StepError::LeaseLost) => Handled::Later("another worker took the order over"),
            Err(StepError::NotRecorded(err)) => {
                tracing::error!(order.id = %order_id, error = %err, "email sent but not recorded; the next attempt resends it");
                Handled::RetryLater(format!("the email was sent but recording it failed: {err}"))
            }
            Err(err) => self.failed(order_id, owner, &err).await,
        }
    }

    async fn failed(&self, order_id: Uuid, owner: &str, err: &StepError) -> Handled {
        let message = err.to_string();
        if err.is_permanent() {
            return match delivery::give_up(&self.db, order_id, owner, &message).await {
                Ok(true) => Handled::DeadLettered(message),
                Ok(false) => Handled::Later("another worker took the order over"),
                Err(db) => Handled::RetryLater(format!("{message}; and recording it failed: {db}")),
            };
        }
        match delivery::record_failure(
            &self.db,
            order_id,
            owner,
            &message,
            self.config.max_attempts,
            self.config.backoff,
            err.email_may_have_gone(),
        )
        .await
        {
            Ok(Failure::GaveUp) => Handled::DeadLettered(message),
            Ok(Failure::RetryAt(_)) => Handled::RetryLater(message),
            Ok(Failure::LeaseLost) => Handled::Later("another worker took the order over"),
            Err(db) => Handled::RetryLater(format!("{message}; and recording it failed: {db}")),
        }
    }

    async fn deliver_claimed(
        &self,
        order_id: Uuid,
        owner: &str,
        started: &delivery::Delivery,
    ) -> Result<(), StepError> {
        let details = order_details(&self.db, order_id).await?;
        let tickets = {
            let mut conn = self.db.acquire().await?;
            ticket::issue_tickets(&mut conn, order_id)
                .await?
                .ok_or_else(|| StepError::Data("the order is no longer paid".into()))?
        };

        // The PDF the customer downloads is the one they were emailed: render it once.
        let stored = match &started.pdf_key {
            Some(key) => self.blobs.get(key).await?,
            None => None,
        };
        let pdf = match stored {
            Some(bytes) => bytes.to_vec(),
            None => {
                let document = ticket_document(&details, &tickets, &self.key)?;
                let pdf = tokio::task::spawn_blocking(move || pdf::render(&document))
                    .await
                    .map_err(|err| StepError::Data(format!("rendering the PDF failed: {err}")))?;
                // A key of this attempt's own: a worker that lost its lease can never replace
                // the PDF its successor recorded and emailed.
                let key = pdf_blob_key(order_id, owner);
                self.blobs.put(&key, bytes::Bytes::from(pdf.clone())).await?;
                let size = i32::try_from(pdf.len()).unwrap_or(i32::MAX);
                if !delivery::record_pdf(&self.db, order_id, owner, &key, size).await? {
                    return Err(StepError::LeaseLost);
                }
                pdf
            }
        };

        if let Some(at) = started.email_started_at {
            tracing::warn!(
                order.id = %order_id,
                previous_attempt = %at,
                "an earlier attempt stopped while sending the email; it may have gone out: resending under the same Message-ID"
            );
        }
        if !delivery::email_starting(&self.db, order_id, owner, &details.email, self.config.lease).await? {
            return Err(StepError::LeaseLost);
        }
        let email = self.ticket_email(&details, tickets.len());
        self.send_holding_lease(order_id, owner, &details.email, &email, pdf).await?;
        // Accepted: from here on a failure must not count as a failed attempt (its retry would
        // send again), so recording it is retried in place first.
        let mut wait = Duration::from_millis(200);
        for attempt in 1..=MARK_SENT_ATTEMPTS {
            match delivery::mark_sent(&self.db, order_id, owner).await {
                Ok(true) => return Ok(()),
                Ok(false) => return Err(StepError::LeaseLost),
                Err(err) if attempt == MARK_SENT_ATTEMPTS => return Err(StepError::NotRecorded(err)),
                Err(err) => {
                    tracing::warn!(order.id = %order_id, error = %err, "recording the sent email failed; retrying");
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
            }
        }
        unreachable!("the loop returns on its last attempt")
    }

    /// Sends the email within `send_timeout`, renewing the lease meanwhile, so a slow SMTP
    /// server never lets a second worker take the order over and send it again.
    async fn send_holding_lease(
        &self,
        order_id: Uuid,
        owner: &str,
        to: &str,
        email: &TicketEmail,
        pdf: Vec<u8>,
    ) -> Result<(), StepError> {
        let send = tokio::time::timeout(
            self.config.send_timeout,
            self.mailer.send_tickets(order_id, to, email, pdf),
        );
        tokio::pin!(send);
        let mut renew = tokio::time::interval(self.config.lease / 3);
        renew.tick().await;
        loop {
            tokio::select! {
                sent = &mut send => {
                    return match sent {
                        Ok(result) => result.map_err(StepError::from),
                        Err(_) => Err(StepError::Mail(MailError::TimedOut(self.config.send_timeout))),
                    };
                }
                _ = renew.tick() => {
                    if let Err(err) = delivery::renew_lease(&self.db, order_id, owner, self.config.lease).await {
                        tracing::warn!(order.id = %order_id, error = %err, "renewing the delivery lease failed");
                    }
                }
            }
        }
    }

    fn ticket_email(&self, details: &OrderDetails, tickets: usize) -> TicketEmail {
        let expires = Utc::now() + self.config.link_ttl;
        let token = ticket::sign_download(details.order_id, expires, &self.key);
        let url = |path: &str| self.config.public_url.join(path).map(String::from).unwrap_or_default();
        TicketEmail {
            holder_name: details.holder_name.clone(),
            event_title: details.event_title.clone(),
            starts_local: pdf::local_start(details.starts_at, details.timezone),
            venue_name: details.venue_name.clone(),
            address: details.address.clone(),
            city: details.city.clone(),
            tickets,
            order_reference: pdf::order_reference(details.order_id),
            order_url: url(&format!("/orders/{}", details.order_id)),
            download_url: url(&format!("/tickets/{token}")),
            download_expires: expires.format("%-d %B %Y").to_string(),
            attachment_name: attachment_name(&details.event_slug, details.order_id),
        }
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

    /// Publishes again the paid orders nobody has delivered for a while.
    async fn republish_stalled(&self, conn: &mut redis::aio::MultiplexedConnection) -> Result<(), StepError> {
        let stalled = delivery::stalled(&self.db, self.config.stall_after, 100).await?;
        for order_id in stalled {
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

/// Where an attempt keeps the order's PDF in the blob store; the delivery row records the one
/// that counts. Not under any public prefix: `/media` serves images only, and the PDF is served
/// by the download routes after their checks.
pub fn pdf_blob_key(order_id: Uuid, attempt: &str) -> String {
    let attempt: String =
        attempt.rsplit('/').next().unwrap_or(attempt).chars().filter(char::is_ascii_alphanumeric).collect();
    format!("tickets/{order_id}/{attempt}.pdf")
}

/// `tickets-lisbon-fado-night-1A2B-3C4D-5E6F.pdf`.
pub fn attachment_name(event_slug: &str, order_id: Uuid) -> String {
    let slug: String = event_slug.chars().take(60).collect();
    format!("tickets-{slug}-{}.pdf", pdf::order_reference(order_id))
}

/// What the PDF and the email need of an order.
struct OrderDetails {
    order_id: Uuid,
    email: String,
    holder_name: String,
    event_slug: String,
    event_title: String,
    starts_at: chrono::DateTime<Utc>,
    timezone: chrono_tz::Tz,
    venue_name: String,
    address: String,
    city: String,
    country: String,
    currency: String,
}

async fn order_details(db: &PgPool, order_id: Uuid) -> Result<OrderDetails, StepError> {
    let row = sqlx::query!(
        r#"select a.email, a.name, e.slug, e.title, e.starts_at, e.timezone, e.venue_name, e.address,
                  e.city, e.country, o.currency
           from customer_order o
           join account a on a.account_id = o.account_id
           join event e on e.event_id = o.event_id
           where o.order_id = $1"#,
        order_id
    )
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StepError::Data(format!("no order {order_id}")))?;
    let timezone = row
        .timezone
        .parse()
        .map_err(|_| StepError::Data(format!("the event's time zone {:?} is unknown", row.timezone)))?;
    Ok(OrderDetails {
        order_id,
        email: row.email,
        holder_name: row.name,
        event_slug: row.slug,
        event_title: row.title,
        starts_at: row.starts_at,
        timezone,
        venue_name: row.venue_name,
        address: row.address,
        city: row.city,
        country: row.country,
        currency: row.currency,
    })
}

fn ticket_document(
    details: &OrderDetails,
    tickets: &[ticket::IssuedTicket],
    key: &SigningKey,
) -> Result<TicketDocument, StepError> {
    let currency: Currency = details
        .currency
        .parse()
        .map_err(|_| StepError::Data(format!("unknown currency {:?}", details.currency)))?;
    Ok(TicketDocument {
        event_title: details.event_title.clone(),
        starts_at: details.starts_at,
        timezone: details.timezone,
        venue_name: details.venue_name.clone(),
        address: details.address.clone(),
        city: details.city.clone(),
        country: details.country.clone(),
        holder_name: details.holder_name.clone(),
        order_reference: pdf::order_reference(details.order_id),
        tickets: tickets
            .iter()
            .map(|t| PdfTicket {
                serial: t.serial.clone(),
                ticket_type_name: t.ticket_type_name.clone(),
                price: if t.price_minor == 0 {
                    format!("Free ({})", currency.code())
                } else {
                    format!("{} {}", currency.format(t.price_minor), currency.code())
                },
                token: ticket::sign(
                    &ticket::TicketClaims { ticket_id: t.ticket_id, event_id: t.event_id },
                    key,
                ),
            })
            .collect(),
    })
}
