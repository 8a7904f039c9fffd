//! Background work that `tessera all` runs beside the web app. Each task loops until the
//! shutdown signal, and a failed round is logged and retried on the next tick: nothing here
//! may take the process down.

use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::watch;

/// How often expired sessions are swept away.
const SESSION_SWEEP_EVERY: Duration = Duration::from_secs(15 * 60);

/// Deletes expired sessions every quarter of an hour. They open nothing already; this only
/// keeps the table from growing without end.
pub async fn sweep_sessions(db: PgPool, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(SESSION_SWEEP_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        match tessera_core::account::purge_expired_sessions(&db).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(sessions.purged = purged, "expired sessions swept"),
            Err(err) => tracing::warn!(error = %err, "sweeping expired sessions failed; will retry"),
        }
    }
}
