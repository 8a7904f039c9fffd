//! The index kept in step with Postgres: loaded in full at start, then each change the
//! database announces (`NOTIFY tessera_catalog`, sent by triggers on the catalog's tables, see
//! migration 24) applied within a moment, in every process that keeps an index.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::{oneshot, watch};
use uuid::Uuid;

use super::index::Snapshot;
use crate::catalog::upcoming_events;

/// The channel the catalog's triggers notify, with the changed event's id as payload.
pub const CHANNEL: &str = "tessera_catalog";
/// Payloads starting with this are barriers (see [`SearchIndex::caught_up`]), not events.
const BARRIER: &str = "barrier:";
/// The follower's own check that its connection still hears the channel.
const PING: &str = "ping:";
/// Changes announced within this long of each other are applied together...
const GATHER: Duration = Duration::from_millis(20);
/// ...for at most this long, so a steady stream of edits is still applied within a second.
const GATHER_AT_MOST: Duration = Duration::from_millis(250);
/// More changes than this at once (an import) reload everything.
const RELOAD_ABOVE: usize = 2_000;
/// After this long without a notification, the follower pings itself through the channel...
const QUIET: Duration = Duration::from_secs(30);
/// ...and reconnects (and reloads) when its ping does not come back within this long: a
/// connection that died without a word would otherwise leave the index stale for good.
const PING_TIMEOUT: Duration = Duration::from_secs(10);

/// The search index of one process, shared by its request handlers. Cheap to clone.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    db: PgPool,
    current: RwLock<Arc<Snapshot>>,
    /// Bumped each time a generation is published; zero until the first load.
    generation: watch::Sender<u64>,
    started: std::sync::Once,
    barriers: Mutex<HashMap<String, oneshot::Sender<()>>>,
    /// Dropped with the index, which tells the follower to stop (and free its connection).
    stop: Mutex<Option<oneshot::Sender<()>>>,
}

/// The index could not be had in time (the database is unreachable).
#[derive(Debug, thiserror::Error)]
#[error("the search index is not loaded yet")]
pub struct NotReady;

impl SearchIndex {
    /// An index over `db`'s catalog. It loads when first used, or at [`SearchIndex::start`].
    pub fn new(db: PgPool) -> Self {
        Self {
            inner: Arc::new(Inner {
                db,
                current: RwLock::new(Arc::new(Snapshot::default())),
                generation: watch::Sender::new(0),
                started: std::sync::Once::new(),
                barriers: Mutex::new(HashMap::new()),
                stop: Mutex::new(None),
            }),
        }
    }

    /// Starts loading and following the catalog (once; later calls do nothing). Needs a Tokio
    /// runtime. The follower listens on a connection of its own, outside the pool.
    pub fn start(&self) {
        self.inner.started.call_once(|| {
            let (stop, stopped) = oneshot::channel();
            *lock(&self.inner.stop) = Some(stop);
            let listen = crate::db::pool_options(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_lazy_with((*self.inner.db.connect_options()).clone());
            tokio::spawn(maintain(Arc::downgrade(&self.inner), listen, stopped));
        });
    }

    /// Whether the first load is done.
    pub fn is_loaded(&self) -> bool {
        *self.inner.generation.borrow() > 0
    }

    /// The current generation, waiting (up to `wait`) for the first load.
    pub async fn snapshot(&self, wait: Duration) -> Result<Arc<Snapshot>, NotReady> {
        self.start();
        let mut generation = self.inner.generation.subscribe();
        if *generation.borrow_and_update() == 0 {
            tokio::time::timeout(wait, generation.wait_for(|generation| *generation > 0))
                .await
                .map_err(|_| NotReady)?
                .map_err(|_| NotReady)?;
        }
        Ok(self.current())
    }

    /// The current generation if the first load is done; starts loading if not begun.
    pub fn loaded(&self) -> Option<Arc<Snapshot>> {
        self.start();
        self.is_loaded().then(|| self.current())
    }

    fn current(&self) -> Arc<Snapshot> {
        self.inner.current.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    /// Waits until every change committed before this call is in the index: a barrier sent
    /// through the same channel arrives after them (Postgres delivers notifications in commit
    /// order), and is answered once what came before it is applied.
    pub async fn caught_up(&self, wait: Duration) -> Result<(), NotReady> {
        self.snapshot(wait).await?;
        let token = format!("{BARRIER}{}", Uuid::new_v4());
        let (sender, receiver) = oneshot::channel();
        lock(&self.inner.barriers).insert(token.clone(), sender);
        let sent = notify(&self.inner.db, &token).await;
        let answered = sent.is_ok() && matches!(tokio::time::timeout(wait, receiver).await, Ok(Ok(())));
        lock(&self.inner.barriers).remove(&token);
        if answered { Ok(()) } else { Err(NotReady) }
    }

    fn publish(inner: &Inner, snapshot: Snapshot) {
        let events = snapshot.len();
        *inner.current.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(snapshot);
        inner.generation.send_modify(|generation| *generation += 1);
        metrics::gauge!("tessera_search_index_events").set(events as f64);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

async fn notify(db: &PgPool, payload: &str) -> sqlx::Result<()> {
    sqlx::query("select pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(db).await.map(drop)
}

/// Why the follower stops following (to start again, unless the index is gone).
enum Stopped {
    /// The index was dropped or its pool closed: the end.
    Done,
    Failed(sqlx::Error),
}

impl From<sqlx::Error> for Stopped {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolClosed => Stopped::Done,
            err => Stopped::Failed(err),
        }
    }
}

/// Loads, then follows; after a lost connection, loads again (changes may have been missed).
/// Ends when the index is dropped or the pool is closed.
async fn maintain(inner: Weak<Inner>, listen: PgPool, mut stopped: oneshot::Receiver<()>) {
    loop {
        let Some(db) = inner.upgrade().map(|inner| inner.db.clone()) else { break };
        let outcome = tokio::select! {
            outcome = follow(&inner, &db, &listen) => outcome,
            _ = &mut stopped => Err(Stopped::Done),
        };
        match outcome {
            Ok(()) | Err(Stopped::Done) => break,
            Err(Stopped::Failed(err)) => {
                tracing::warn!(error = %err, "search index: following the catalog failed; reloading")
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = &mut stopped => break,
        }
    }
    listen.close().await;
}

async fn follow(inner: &Weak<Inner>, db: &PgPool, listen: &PgPool) -> Result<(), Stopped> {
    let mut listener = PgListener::connect_with(listen).await?;
    listener.listen(CHANNEL).await?;
    // Listening first: whatever changes while the catalog loads is announced after it.
    reload(inner, db).await?;
    let mut ping: Option<(String, tokio::time::Instant)> = None;
    loop {
        let wait = match &ping {
            Some((_, deadline)) => deadline.saturating_duration_since(tokio::time::Instant::now()),
            None => QUIET,
        };
        let first = match tokio::time::timeout(wait, listener.try_recv()).await {
            Ok(Ok(Some(first))) => first,
            // The connection was lost and is back: what changed meanwhile was not announced.
            Ok(Ok(None)) => {
                reload(inner, db).await?;
                continue;
            }
            Ok(Err(err)) => return Err(err.into()),
            Err(_) if ping.is_some() => {
                return Err(Stopped::Failed(sqlx::Error::Protocol(
                    "the catalog channel did not echo a ping; reconnecting".into(),
                )));
            }
            Err(_) => {
                let token = format!("{PING}{}", Uuid::new_v4());
                notify(db, &token).await?;
                ping = Some((token, tokio::time::Instant::now() + PING_TIMEOUT));
                continue;
            }
        };
        let mut changed = HashSet::new();
        let mut barriers = Vec::new();
        let mut lost = false;
        let note =
            |payload: &str, changed: &mut HashSet<Uuid>, barriers: &mut Vec<String>, ping: &mut Option<_>| {
                if payload.starts_with(BARRIER) {
                    barriers.push(payload.to_string());
                } else if ping.as_ref().is_some_and(|(token, _): &(String, _)| token == payload) {
                    *ping = None;
                } else if let Ok(id) = payload.parse::<Uuid>() {
                    changed.insert(id);
                }
            };
        note(first.payload(), &mut changed, &mut barriers, &mut ping);
        let gathering = tokio::time::Instant::now();
        while gathering.elapsed() < GATHER_AT_MOST && changed.len() <= RELOAD_ABOVE {
            match tokio::time::timeout(GATHER, listener.try_recv()).await {
                Err(_) => break,
                Ok(next) => match next? {
                    Some(notification) => {
                        note(notification.payload(), &mut changed, &mut barriers, &mut ping)
                    }
                    None => {
                        lost = true;
                        break;
                    }
                },
            }
        }
        if lost || changed.len() > RELOAD_ABOVE {
            reload(inner, db).await?;
        } else if !changed.is_empty() {
            apply(inner, db, changed.into_iter().collect()).await?;
        }
        let Some(strong) = inner.upgrade() else { return Err(Stopped::Done) };
        let mut waiting = lock(&strong.barriers);
        for token in barriers {
            if let Some(sender) = waiting.remove(&token) {
                let _ = sender.send(());
            }
        }
    }
}

async fn reload(inner: &Weak<Inner>, db: &PgPool) -> Result<(), Stopped> {
    let started = std::time::Instant::now();
    let events = upcoming_events(db, None).await?;
    let count = events.len();
    let snapshot = tokio::task::spawn_blocking(move || {
        Snapshot::build(events.into_iter().map(|event| super::index::Doc::new(Arc::new(event))).collect())
    })
    .await
    .map_err(|err| Stopped::Failed(sqlx::Error::Protocol(format!("building the search index: {err}"))))?;
    let Some(inner) = inner.upgrade() else { return Err(Stopped::Done) };
    SearchIndex::publish(&inner, snapshot);
    tracing::info!(events = count, elapsed_ms = started.elapsed().as_millis() as u64, "search index loaded");
    Ok(())
}

async fn apply(inner: &Weak<Inner>, db: &PgPool, ids: Vec<Uuid>) -> Result<(), Stopped> {
    let events = upcoming_events(db, Some(&ids)).await?;
    let present: HashSet<Uuid> = events.iter().map(|event| event.id).collect();
    let removed: Vec<Uuid> = ids.into_iter().filter(|id| !present.contains(id)).collect();
    let Some(strong) = inner.upgrade() else { return Err(Stopped::Done) };
    let previous = SearchIndex { inner: strong.clone() }.current();
    let now = chrono::Utc::now();
    let snapshot = tokio::task::spawn_blocking(move || previous.with_changes(events, &removed, now))
        .await
        .map_err(|err| Stopped::Failed(sqlx::Error::Protocol(format!("updating the search index: {err}"))))?;
    SearchIndex::publish(&strong, snapshot);
    Ok(())
}
