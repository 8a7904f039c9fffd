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
//!
//! This file holds the worker's settings and outcomes; `stream` is the Redis side (reading,
//! reclaiming, acknowledging, dead letters, the sweeper) and `deliver` the database and mail
//! side (one order, start to finish), so each can be read without the other.

mod deliver;
mod details;
mod stream;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use ed25519_dalek::SigningKey;
use sqlx::PgPool;
use tessera_core::order::ORDERS_PAID;
use tessera_core::redis_conn::Redis;
use tessera_media::BlobStore;
use tokio::sync::watch;
use url::Url;
use uuid::Uuid;

use crate::mail::Mailer;

pub use deliver::{attachment_name, pdf_blob_key};
pub use details::{DownloadPdf, download_pdf};
pub use stream::publish_delivery;

/// The consumer group every ticketing worker joins.
pub const GROUP: &str = "ticketing";
/// Where messages that could not be delivered go, beside the stream.
pub const DEAD_LETTER_SUFFIX: &str = ".dead";

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
    /// The consumer group was created here (the stream was new or lost) and the undelivered
    /// orders are not all published again yet.
    republish_owed: Arc<AtomicBool>,
    /// An email failed on the SMTP server since the last one went through.
    smtp_failed: Arc<AtomicBool>,
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
        Self {
            db,
            redis,
            blobs,
            mailer,
            key,
            config: Arc::new(config),
            republish_owed: Arc::default(),
            smtp_failed: Arc::default(),
        }
    }

    /// Consumes the stream until `shutdown`, reconnecting with backoff when Redis goes away.
    /// In-flight messages are finished before it returns.
    pub async fn run(self, mut shutdown: watch::Receiver<bool>) {
        let mut backoff = Duration::from_secs(1);
        tracing::info!(consumer = %self.config.consumer, stream = %self.config.stream(), "ticketing worker started");
        loop {
            // A connection that got as far as reading starts the backoff over: each outage is
            // waited out from a second, not from where the last one left it.
            let mut reading = false;
            match self.consume(&mut shutdown, || reading = true).await {
                Ok(()) => return,
                Err(err) => {
                    if reading {
                        backoff = Duration::from_secs(1);
                    }
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
}
