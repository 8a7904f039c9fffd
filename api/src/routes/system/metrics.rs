use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use crate::error::Error;
use crate::state::AppState;

/// How long `/metrics` waits for Postgres's figures before answering without them.
const GAUGES_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /metrics`: Prometheus text format, only to the addresses in `TESSERA_METRICS_FROM`
/// (the connection's own address; a request that came through a proxy or the load balancer,
/// which say so in their headers, is refused whatever its address). Request counts and
/// latency by route and status, the Postgres pool's use, the counters of this process, and
/// what Postgres says of holds, deliveries, the outbox, refunds and the chain watchers
/// (`tessera_core::gauges`), read at scrape time.
pub async fn metrics(State(state): State<AppState>, request: Request) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|info| info.0);
    if !may_scrape(&state, peer, request.headers()) {
        return Error::Forbidden("error-metrics-forbidden").into_response();
    }
    render(&state).await
}

/// Whether a request from `peer` with these headers may read the metrics.
fn may_scrape(state: &AppState, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    // What proxies and load balancers add (nginx's plain `proxy_pass` adds none: put the
    // scraper's address, not the proxy's, in TESSERA_METRICS_FROM).
    let forwarded = [
        "x-forwarded-for",
        "forwarded",
        "x-real-ip",
        "via",
        "x-forwarded-host",
        "x-forwarded-proto",
        "cf-connecting-ip",
        "true-client-ip",
        crate::auth::guard::ORIGIN_VERIFY,
    ]
    .iter()
    .any(|name| headers.contains_key(*name));
    let allowed =
        peer.is_some_and(|peer| state.config.metrics_from.iter().any(|range| range.contains(peer.ip())));
    allowed && !forwarded
}

/// The metrics text, with Postgres's figures read now.
async fn render(state: &AppState) -> Response {
    let size = state.db.size();
    let idle = u32::try_from(state.db.num_idle()).unwrap_or(u32::MAX);
    metrics::gauge!("db_pool_connections", "state" => "idle").set(f64::from(idle));
    metrics::gauge!("db_pool_connections", "state" => "in_use").set(f64::from(size.saturating_sub(idle)));
    metrics::gauge!("db_pool_max_connections").set(f64::from(state.config.db_max_connections));
    let contracts: Vec<(Option<i64>, String)> = state
        .eth_settings
        .iter()
        .flat_map(|eth| &eth.chains)
        .map(|chain| (chain.chain_id.and_then(|id| i64::try_from(id).ok()), format!("{:#x}", chain.contract)))
        .collect();
    match tokio::time::timeout(GAUGES_TIMEOUT, tessera_core::gauges::read(&state.db, &contracts)).await {
        Ok(Ok(gauges)) => {
            gauges.publish();
            metrics::gauge!("tessera_gauges_up").set(1.0);
        }
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "reading the operator gauges failed");
            metrics::gauge!("tessera_gauges_up").set(0.0);
        }
        Err(_) => {
            tracing::warn!("reading the operator gauges took too long");
            metrics::gauge!("tessera_gauges_up").set(0.0);
        }
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")], state.metrics.render())
        .into_response()
}

/// The router of a process that serves only its metrics (`TESSERA_METRICS_LISTEN`, for
/// `tessera ticketing` and `tessera chain-watcher`), under the same rule.
pub fn metrics_only(state: AppState) -> axum::Router {
    axum::Router::new().route("/metrics", axum::routing::get(metrics)).with_state(state)
}
