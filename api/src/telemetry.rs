//! Logs and metrics: `tracing` to stdout, Prometheus metrics at `/metrics`.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tessera_core::config::LogFormat;
use tracing_subscriber::EnvFilter;

use crate::error::ErrorCause;

/// Starts logging. `RUST_LOG` filters (default: info for Tessera, warn for the rest).
pub fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("warn,tessera=info,tessera_api=info,tessera_core=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(true);
    // A second init (tests) is harmless; keep whichever came first.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// The process-wide Prometheus recorder. Installed once; every app in the process shares it.
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("http_request_duration_seconds".into()),
                    &[0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0],
                )
                .expect("bucket list is not empty")
                .build_recorder();
            let handle = recorder.handle();
            // Fails only if another recorder was installed first; ours still renders then.
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// Counts and times every request by route template and status, and logs the cause of any
/// server error exactly once.
pub async fn track_requests(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |path| path.as_str().to_string());

    let response = next.run(request).await;

    let status = response.status();
    let elapsed = started.elapsed();
    let labels =
        [("method", method.to_string()), ("route", route.clone()), ("status", status.as_u16().to_string())];
    metrics::counter!("http_requests_total", &labels).increment(1);
    metrics::histogram!("http_request_duration_seconds", &labels).record(elapsed.as_secs_f64());

    // A 503 from `/readyz` is its answer, not a failure (it logs why it is unready itself, and
    // says so on purpose while draining).
    if status.is_server_error() && route != "/readyz" {
        let cause = response.extensions().get::<ErrorCause>().map(|cause| cause.0.as_str());
        // Timeouts (503 from the timeout layer) and caught panics carry no cause of ours.
        tracing::error!(
            http.method = %method,
            http.route = %route,
            http.status = status.as_u16(),
            duration_ms = elapsed.as_millis() as u64,
            error.cause = cause.unwrap_or("(none recorded)"),
            "request failed"
        );
    } else {
        tracing::debug!(
            http.method = %method,
            http.route = %route,
            http.status = status.as_u16(),
            duration_ms = elapsed.as_millis() as u64,
            "request"
        );
    }
    response
}
