//! Running the web app: bind, serve, and stop gracefully on SIGTERM or Ctrl-C.

use anyhow::Context as _;
use tessera_core::config::Config;
use tokio::net::TcpListener;

use crate::app::router;
use crate::state::AppState;

/// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish
/// (each is bounded by the 30 s request timeout) and returns.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let db = tessera_core::db::connect_lazy(&config).context("invalid DATABASE_URL")?;
    let listen = config.listen;
    let public_url = config.public_url.clone();
    let state = AppState::new(config, db)?;
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen} (TESSERA_LISTEN)"))?;
    tracing::info!(http.listen = %listen, http.public_url = %public_url, "Tessera is serving on {public_url}");
    axum::serve(listener, router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server failed")?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
