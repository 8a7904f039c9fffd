use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use utoipa::ToSchema;

use crate::state::AppState;

/// How long a dependency may take to answer a readiness probe.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Liveness: the process is up and serving.
#[utoipa::path(get, path = "/healthz", tag = "system",
    responses((status = 200, description = "Alive", body = Health)))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    /// `ready`, `unavailable`, or `draining` (shutting down: still serving, but the load
    /// balancer should send no more).
    #[schema(example = "ready")]
    pub status: &'static str,
    pub checks: ReadinessChecks,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReadinessChecks {
    /// `ok`, or what failed.
    pub postgres: String,
    /// `ok`, or what failed.
    pub redis: String,
    /// `ok` once the search index is loaded, `loading` before (Postgres answers searches
    /// meanwhile, more slowly; it does not make the process unready); `off` when Postgres
    /// answers them always (`TESSERA_SEARCH=database`).
    pub search: String,
}

/// Readiness: Postgres and Redis both answer, and the process is not shutting down. A load
/// balancer stops sending traffic on 503. Also says whether the search index has loaded.
#[utoipa::path(get, path = "/readyz", tag = "system",
    responses(
        (status = 200, description = "Ready", body = Readiness),
        (status = 503, description = "A dependency is unreachable, or the process is draining before it stops", body = Readiness),
    ))]
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    let (postgres, redis) = tokio::join!(check_postgres(&state), check_redis(&state));
    let draining = state.draining.load(std::sync::atomic::Ordering::Relaxed);
    let ready = postgres.is_ok() && redis.is_ok() && !draining;
    let describe = |result: Result<(), String>| result.err().unwrap_or_else(|| "ok".into());
    if !ready && !draining {
        tracing::warn!(postgres = ?postgres, redis = ?redis, "not ready");
    }
    (
        if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE },
        Json(Readiness {
            status: if draining {
                "draining"
            } else if ready {
                "ready"
            } else {
                "unavailable"
            },
            checks: ReadinessChecks {
                postgres: describe(postgres),
                redis: describe(redis),
                search: match &state.search {
                    Some(index) if index.loaded().is_some() => "ok".into(),
                    Some(_) => "loading".into(),
                    None => "off".into(),
                },
            },
        }),
    )
}

async fn check_postgres(state: &AppState) -> Result<(), String> {
    let ping = sqlx::query_scalar::<_, i32>("select 1").fetch_one(&state.db);
    match tokio::time::timeout(PROBE_TIMEOUT, ping).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(_)) => Err("unreachable".into()),
        Err(_) => Err("timed out".into()),
    }
}

async fn check_redis(state: &AppState) -> Result<(), String> {
    let ping = async {
        let mut conn = state.redis.connection().await?;
        redis::cmd("PING").query_async::<String>(&mut conn).await
    };
    match tokio::time::timeout(PROBE_TIMEOUT, ping).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(_)) => Err("unreachable".into()),
        Err(_) => Err("timed out".into()),
    }
}
