//! Recording demand off the request path: a bounded queue and one task that writes what it
//! holds in one statement.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest as _, Sha256};
use sqlx::PgPool;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::Channel;

/// Records waiting to be written, at most; past that they are dropped (and counted): a page
/// never waits for analytics.
const QUEUE: usize = 65_536;
/// Records written in one statement, at most.
const BATCH: usize = 2_000;

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A search of the catalog (the search page or the JSON search).
    Search,
    /// An event's page.
    EventView,
    /// An event's buy page.
    BuyView,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Search => "search",
            Kind::EventView => "event_view",
            Kind::BuyView => "buy_view",
        }
    }
}

/// Who did it, as far as we may know.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    /// What the day's visitor id is made from (their address and user agent), hashed by the
    /// recording task and never stored; none for visitors who ask not to be tracked.
    pub key: Option<Vec<u8>>,
    /// The signed-in account: their rows go with it.
    pub account_id: Option<Uuid>,
    /// The language the page was shown in.
    pub lang: &'static str,
    /// Where their visit came from.
    pub channel: Channel,
}

/// One thing a visitor did.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    pub at: DateTime<Utc>,
    pub visitor: Visitor,
    pub event_id: Option<Uuid>,
    /// The event's city, or the city a search was narrowed to.
    pub city: String,
    /// The event's category, or the category a search was narrowed to.
    pub category: String,
    /// A search's words, folded.
    pub words: String,
    /// How many events a search found.
    pub results: Option<i32>,
}

enum Message {
    Record(Box<Record>),
    Channel(Uuid, Channel),
    Flush(oneshot::Sender<()>),
}

/// Hands records to the task that writes them. Cheap to clone; off (`TESSERA_DEMAND=off`), it
/// drops everything.
#[derive(Clone)]
pub struct Demand {
    queue: Option<mpsc::Sender<Message>>,
    dropped: Arc<AtomicU64>,
}

impl std::fmt::Debug for Demand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Demand").field("on", &self.queue.is_some()).finish()
    }
}

impl Demand {
    /// Starts the writing task (inside a Tokio runtime). Days, and so visitor ids, turn at
    /// midnight in `zone`.
    pub fn start(db: PgPool, zone: chrono_tz::Tz) -> Self {
        let (queue, inbox) = mpsc::channel(QUEUE);
        tokio::spawn(write(db, zone, inbox));
        Demand { queue: Some(queue), dropped: Arc::default() }
    }

    /// Records nothing.
    pub fn off() -> Self {
        Demand { queue: None, dropped: Arc::default() }
    }

    pub fn is_on(&self) -> bool {
        self.queue.is_some()
    }

    /// Queues `record`; never waits.
    pub fn record(&self, record: Record) {
        self.send(Message::Record(Box::new(record)));
    }

    /// Attaches `channel` to a newly placed order (direct ones too: an order placed on our pages
    /// with no channel to its visit was placed directly).
    pub fn order_channel(&self, order_id: Uuid, channel: Channel) {
        self.send(Message::Channel(order_id, channel));
    }

    /// Waits until everything queued before it is written (or dropped after a failure).
    pub async fn flush(&self) {
        let Some(queue) = &self.queue else { return };
        let (done, written) = oneshot::channel();
        if queue.send(Message::Flush(done)).await.is_ok() {
            let _ = written.await;
        }
    }

    /// Records dropped because the queue was full or the task gone.
    pub fn dropped(&self) -> u64 {
        self.dropped.load(Ordering::Relaxed)
    }

    fn send(&self, message: Message) {
        let Some(queue) = &self.queue else { return };
        if queue.try_send(message).is_err() {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            metrics::counter!("tessera_demand_dropped_total").increment(1);
        }
    }
}

/// The day's salt, made on first use by whichever process needs it first.
async fn salt(db: &PgPool, day: NaiveDate) -> sqlx::Result<Vec<u8>> {
    sqlx::query(
        "insert into demand_salt (day, salt)
         values ($1, decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'))
         on conflict (day) do nothing",
    )
    .bind(day)
    .execute(db)
    .await?;
    sqlx::query_scalar("select salt from demand_salt where day = $1").bind(day).fetch_one(db).await
}

/// The visitor's id for the day of `salt`: the first 16 bytes of SHA-256 over the salt and
/// what identifies them.
fn visitor_id(salt: &[u8], key: &[u8]) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(salt);
    hash.update(key);
    hash.finalize()[..16].to_vec()
}

async fn write(db: PgPool, zone: chrono_tz::Tz, mut inbox: mpsc::Receiver<Message>) {
    let mut salts: Option<(NaiveDate, Vec<u8>)> = None;
    let mut messages = Vec::with_capacity(BATCH);
    while inbox.recv_many(&mut messages, BATCH).await > 0 {
        let mut records = Vec::new();
        let mut channels = Vec::new();
        let mut flushes = Vec::new();
        for message in messages.drain(..) {
            match message {
                Message::Record(record) => records.push(*record),
                Message::Channel(order, channel) => channels.push((order, channel)),
                Message::Flush(done) => flushes.push(done),
            }
        }
        for attempt in 1..=3 {
            match write_batch(&db, zone, &mut salts, &records, &channels).await {
                Ok(()) => break,
                Err(err) if attempt < 3 => {
                    tracing::warn!(error = %err, attempt, "recording demand failed; trying again");
                    tokio::time::sleep(std::time::Duration::from_millis(200 * attempt)).await;
                }
                Err(err) => {
                    tracing::warn!(error = %err, records = records.len(), "recording demand failed; dropped");
                    metrics::counter!("tessera_demand_dropped_total").increment(records.len() as u64);
                }
            }
        }
        for done in flushes {
            let _ = done.send(());
        }
    }
}

async fn write_batch(
    db: &PgPool,
    zone: chrono_tz::Tz,
    salts: &mut Option<(NaiveDate, Vec<u8>)>,
    records: &[Record],
    channels: &[(Uuid, Channel)],
) -> sqlx::Result<()> {
    // All or nothing, so a batch tried again is not counted twice.
    let mut tx = db.begin().await?;
    if !records.is_empty() {
        let mut visitors: Vec<Option<Vec<u8>>> = Vec::with_capacity(records.len());
        for record in records {
            let day = record.at.with_timezone(&zone).date_naive();
            let visitor = match &record.visitor.key {
                None => None,
                Some(key) => {
                    if salts.as_ref().is_none_or(|(known, _)| *known != day) {
                        *salts = Some((day, salt(db, day).await?));
                    }
                    salts.as_ref().map(|(_, salt)| visitor_id(salt, key))
                }
            };
            visitors.push(visitor);
        }
        let column = |f: fn(&Record) -> String| records.iter().map(f).collect::<Vec<_>>();
        sqlx::query(
            "insert into demand_event
                 (at, kind, visitor, account_id, event_id, city, category, words, results, lang,
                  source, medium, campaign)
             select u.at, u.kind, u.visitor, a.account_id, u.event_id, u.city, u.category, u.words,
                    u.results, u.lang, u.source, u.medium, u.campaign
             from unnest($1::timestamptz[], $2::text[], $3::bytea[], $4::uuid[], $5::uuid[],
                         $6::text[], $7::text[], $8::text[], $9::int[], $10::text[],
                         $11::text[], $12::text[], $13::text[]) with ordinality
                  as u (at, kind, visitor, account_id, event_id, city, category, words, results, lang,
                        source, medium, campaign, n)
             -- An account deleted since keeps nothing: its records are not written.
             left join account a on a.account_id = u.account_id
             where u.account_id is null or (a.account_id is not null and a.deleted_at is null)
             order by u.n",
        )
        .bind(records.iter().map(|r| r.at).collect::<Vec<_>>())
        .bind(column(|r| r.kind.as_str().to_string()))
        .bind(visitors)
        .bind(records.iter().map(|r| r.visitor.account_id).collect::<Vec<_>>())
        .bind(records.iter().map(|r| r.event_id).collect::<Vec<_>>())
        .bind(column(|r| r.city.chars().take(100).collect()))
        .bind(column(|r| r.category.chars().take(40).collect()))
        .bind(column(|r| r.words.chars().take(200).collect()))
        .bind(records.iter().map(|r| r.results).collect::<Vec<_>>())
        .bind(column(|r| r.visitor.lang.to_string()))
        .bind(column(|r| r.visitor.channel.source.clone()))
        .bind(column(|r| r.visitor.channel.medium.clone()))
        .bind(column(|r| r.visitor.channel.campaign.clone()))
        .execute(&mut *tx)
        .await?;
    }
    if !channels.is_empty() {
        let part =
            |f: fn(&Channel) -> &String| channels.iter().map(|(_, c)| f(c).clone()).collect::<Vec<_>>();
        sqlx::query(
            "insert into order_channel (order_id, source, medium, campaign)
             select u.* from unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
                      as u (order_id, source, medium, campaign)
             where exists (select 1 from customer_order o where o.order_id = u.order_id)
             on conflict (order_id) do nothing",
        )
        .bind(channels.iter().map(|(order, _)| *order).collect::<Vec<_>>())
        .bind(part(|c| &c.source))
        .bind(part(|c| &c.medium))
        .bind(part(|c| &c.campaign))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visitor_id_depends_on_the_day_and_the_visitor() {
        let (monday, tuesday) = ([1u8; 32], [2u8; 32]);
        assert_eq!(visitor_id(&monday, b"1.2.3.4 Firefox"), visitor_id(&monday, b"1.2.3.4 Firefox"));
        assert_ne!(visitor_id(&monday, b"1.2.3.4 Firefox"), visitor_id(&tuesday, b"1.2.3.4 Firefox"));
        assert_ne!(visitor_id(&monday, b"1.2.3.4 Firefox"), visitor_id(&monday, b"1.2.3.5 Firefox"));
        assert_eq!(visitor_id(&monday, b"x").len(), 16);
    }
}
