//! Running the platform's processes: the web app (bind, serve), the background tasks, the
//! ticketing worker, the chain-watcher; each stops gracefully on SIGTERM or Ctrl-C.

use anyhow::Context as _;
use tokio::net::TcpListener;

use tessera_api::app::router;
use tessera_api::settings::Settings;
use tessera_api::state::AppState;

/// Which processes of the platform run here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Services {
    /// The web app alone (`tessera serve`).
    Web,
    /// The web app and every background task (`tessera all`).
    All,
}

/// The ticketing worker as configured, with the relay that feeds it and the sender of refund
/// emails: `tessera ticketing` runs these alone, `tessera all` beside the web app.
fn ticketing_tasks(
    state: &AppState,
    tasks: &mut tokio::task::JoinSet<()>,
    stopped: &tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<()> {
    use secrecy::ExposeSecret as _;
    let (config, mail) = (&state.config, &state.mail_settings);
    let mailer = tessera_ticketing::mail::Mailer::new(mail.smtp_url.expose_secret(), mail.from.clone())?;
    let mut worker_config =
        tessera_ticketing::worker::WorkerConfig::new(config.stream_prefix.clone(), config.public_url.clone());
    worker_config.max_attempts = mail.max_attempts;
    worker_config.concurrency = mail.concurrency;
    worker_config.link_ttl = chrono::Duration::days(mail.download_link_days);
    tasks.spawn(tessera_ticketing::notices::run(
        state.db.clone(),
        mailer.clone(),
        config.public_url.clone(),
        worker_config.send_timeout,
        stopped.clone(),
    ));
    let worker = tessera_ticketing::worker::Worker::new(
        state.db.clone(),
        state.redis.clone(),
        state.blobs.clone(),
        mailer,
        state.ticket_key.clone(),
        worker_config,
    );
    tasks.spawn(worker.run(stopped.clone()));
    let relay = tessera_ticketing::relay::RelayConfig { stream_prefix: config.stream_prefix.clone() };
    tasks.spawn(tessera_ticketing::relay::run(state.db.clone(), state.redis.clone(), relay, stopped.clone()));
    Ok(())
}

/// The sweepers and rounds that keep the shop's state moving: expired sessions, holds that ran
/// out (and their checkouts), refunds to send, demand counts, waiting lists' offers, "tell me
/// when" answers. Each is safe to run in several processes at once (guarded updates, or one at
/// a time under its advisory lock): `tessera ticketing` runs them, and so does `tessera all`.
fn housekeeping_tasks(
    state: &AppState,
    tasks: &mut tokio::task::JoinSet<()>,
    stopped: &tokio::sync::watch::Receiver<bool>,
) {
    tasks.spawn(tessera_api::tasks::sweep_sessions(state.db.clone(), stopped.clone()));
    tasks.spawn(tessera_api::tasks::sweep_orders(state.clone(), stopped.clone()));
    tasks.spawn(tessera_api::tasks::send_refunds(state.clone(), stopped.clone()));
    tasks.spawn(tessera_api::tasks::sweep_demand(state.clone(), stopped.clone()));
    tasks.spawn(tessera_api::waitlist::offer_tickets(state.clone(), stopped.clone()));
    tasks.spawn(tessera_api::interest::notify_interests(state.clone(), stopped.clone()));
}

/// Serves `/metrics` alone on `TESSERA_METRICS_LISTEN`, if set, until `stopped`: for the
/// processes that serve no web app.
async fn serve_metrics(
    state: &AppState,
    tasks: &mut tokio::task::JoinSet<()>,
    stopped: &tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<()> {
    let Some(listen) = state.config.metrics_listen else { return Ok(()) };
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen} (TESSERA_METRICS_LISTEN)"))?;
    let router = tessera_api::routes::system::metrics::metrics_only(state.clone());
    let mut stopped = stopped.clone();
    tasks.spawn(async move {
        let served =
            axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .with_graceful_shutdown(async move {
                    let _ = stopped.changed().await;
                })
                .await;
        if let Err(err) = served {
            tracing::error!(error = %err, "the metrics listener failed");
        }
    });
    tracing::info!(metrics.listen = %listen, "metrics on http://{listen}/metrics");
    Ok(())
}

/// The chain-watcher's pollers for the providers configured here: BTCPay invoices, and our
/// payment contract's logs on Ethereum. Returns what it started ("BTCPay invoices", ...), empty
/// when nothing is configured.
fn chain_watcher_tasks(
    state: &AppState,
    tasks: &mut tokio::task::JoinSet<()>,
    stopped: &tokio::sync::watch::Receiver<bool>,
) -> anyhow::Result<Vec<&'static str>> {
    let mut started = Vec::new();
    if let (Some(watcher), Some(config)) = (state.btc_settlement.as_ref(), state.btcpay_settings.as_deref()) {
        tasks.spawn(tessera_chain_watcher::btcpay::run(
            watcher.clone(),
            config.poll_interval,
            stopped.clone(),
        ));
        started.push("BTCPay invoices");
    }
    if let Some(config) = state.eth_settings.as_deref() {
        for chain in &config.chains {
            let watcher = tessera_chain_watcher::eth::EthWatcher::new(state.db.clone(), config, chain)
                .with_context(|| {
                    format!("cannot follow the payment contract of {}", chain.var("CONTRACT"))
                })?;
            tasks.spawn(tessera_chain_watcher::eth::run(watcher, config.poll_interval, stopped.clone()));
        }
        started.push("Ethereum payment logs");
    }
    Ok(started)
}

/// Runs the chain-watcher until SIGTERM or SIGINT (`tessera chain-watcher`).
pub async fn chain_watcher(settings: Settings) -> anyhow::Result<()> {
    let shutdown = shutdown_signal();
    let db = tessera_core::db::connect_lazy(&settings.config).context("invalid DATABASE_URL")?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    let state = AppState::new(settings, db)?;
    let started = chain_watcher_tasks(&state, &mut tasks, &stopped)?;
    serve_metrics(&state, &mut tasks, &stopped).await?;
    if started.is_empty() {
        anyhow::bail!(
            "nothing to watch: set TESSERA_BTCPAY_URL and the other TESSERA_BTCPAY_* settings, \
             or TESSERA_ETH_RPC_URL and the other TESSERA_ETH_* settings"
        );
    }
    tracing::info!("chain-watcher: following {}", started.join(" and "));
    shutdown.await;
    let _ = stop.send(true);
    while tasks.join_next().await.is_some() {}
    Ok(())
}

/// Runs the ticketing worker, the outbox relay and the housekeeping until SIGTERM or SIGINT
/// (`tessera ticketing`); start as many as the load needs.
pub async fn ticketing(settings: Settings) -> anyhow::Result<()> {
    let shutdown = shutdown_signal();
    let db = tessera_core::db::connect_lazy(&settings.config).context("invalid DATABASE_URL")?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    let state = AppState::new(settings, db)?;
    ticketing_tasks(&state, &mut tasks, &stopped)?;
    housekeeping_tasks(&state, &mut tasks, &stopped);
    serve_metrics(&state, &mut tasks, &stopped).await?;
    tracing::info!(
        "ticketing: outbox relay, ticketing worker, refund emails, session sweeper, hold expiry, refunds to send, demand counts, waiting lists' offers, \"tell me when\" answers"
    );
    shutdown.await;
    let _ = stop.send(true);
    while tasks.join_next().await.is_some() {}
    tracing::info!("stopped");
    Ok(())
}

/// Serves until SIGTERM or SIGINT, then stops accepting, lets in-flight requests finish
/// (each is bounded by the 30 s request timeout), stops the background tasks and returns.
pub async fn serve(settings: Settings, services: Services) -> anyhow::Result<()> {
    let db = tessera_core::db::connect_lazy(&settings.config).context("invalid DATABASE_URL")?;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut tasks = tokio::task::JoinSet::new();
    let listen = settings.config.listen;
    let public_url = settings.config.public_url.clone();
    let state = AppState::new(settings, db.clone())?;
    if let Some(search) = &state.search {
        search.start();
    }
    if let Some(eth) = &state.eth {
        eth.check_at_start().await.map_err(anyhow::Error::msg)?;
    }
    match &state.card {
        Some(card) if card.is_sandbox() => {
            tracing::warn!("TESSERA_CARD_SANDBOX=on: card payments run in the sandbox (no real money)");
        }
        Some(_) => {}
        None => tracing::warn!(
            "neither TESSERA_STRIPE_SECRET_KEY nor TESSERA_CARD_SANDBOX=on: card payments are not offered"
        ),
    }
    if services == Services::Web
        && state.eth_settings.as_deref().is_some_and(|eth| eth.refund_signer.is_some())
    {
        tracing::warn!(
            "TESSERA_ETH_REFUND_KEY is set, but the web app never uses it: keep the refund wallet's key in the chain-watcher's environment only"
        );
    }
    if services == Services::All {
        chain_watcher_tasks(&state, &mut tasks, &stopped)?;
        housekeeping_tasks(&state, &mut tasks, &stopped);
        ticketing_tasks(&state, &mut tasks, &stopped)?;
        tracing::info!(
            "background tasks: session sweeper, hold expiry, refunds to send, demand counts, waiting lists' offers, \"tell me when\" answers, outbox relay, ticketing worker, refund emails"
        );
    }
    let signal = shutdown_signal();
    let drain = state.config.drain;
    let draining = state.draining.clone();
    let shutdown = async move {
        signal.await;
        if !drain.is_zero() {
            // Still serving, but unready: the load balancer moves the traffic elsewhere first.
            draining.store(true, std::sync::atomic::Ordering::Relaxed);
            tracing::info!("draining for {} s before stopping (TESSERA_DRAIN_SECONDS)", drain.as_secs());
            tokio::time::sleep(drain).await;
        }
    };
    let listener = TcpListener::bind(listen)
        .await
        .with_context(|| format!("cannot listen on {listen} (TESSERA_LISTEN)"))?;
    tracing::info!(http.listen = %listen, http.public_url = %public_url, "Tessera is serving on {public_url}");
    axum::serve(listener, router(state).into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
        .context("server failed")?;
    let _ = stop.send(true);
    while tasks.join_next().await.is_some() {}
    tracing::info!("stopped");
    Ok(())
}

/// Waits for SIGTERM or SIGINT (Ctrl-C). The handlers are installed when this is called, not
/// when the future is first polled: a signal that arrives while the server is still starting
/// (the listener bound, the serve loop not yet running) must stop it gracefully, not kill it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let (terminate, interrupt) = {
        use tokio::signal::unix::{SignalKind, signal};
        (signal(SignalKind::terminate()).ok(), signal(SignalKind::interrupt()).ok())
    };
    async move {
        #[cfg(unix)]
        {
            let wait = |signal: Option<tokio::signal::unix::Signal>| async move {
                match signal {
                    Some(mut signal) => {
                        signal.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(terminate) => {},
                () = wait(interrupt) => {},
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        tracing::info!("shutting down: finishing requests in flight");
    }
}
