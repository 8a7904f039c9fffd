//! A small HTTP load generator for the benchmarks: keep-alive connections, a fixed arrival
//! rate or as fast as possible, latency percentiles.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt as _, Empty};
use hyper::Request;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// How requests are sent.
#[derive(Debug, Clone, Copy)]
pub enum Pace {
    /// Each connection sends its next request as soon as the last one answers.
    Closed,
    /// Requests are due at a fixed total rate, spread over the connections. Latency counts
    /// from when a request was due, not when it was sent, so a stall shows up in the figures
    /// instead of hiding (no coordinated omission).
    Rate(u32),
}

#[derive(Debug, Clone)]
pub struct Report {
    pub requests: usize,
    pub errors: usize,
    pub elapsed: Duration,
    /// Sorted latencies in microseconds.
    pub latencies_us: Vec<u64>,
}

impl Report {
    pub fn throughput(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64()
    }

    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.latencies_us.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * (self.latencies_us.len() - 1) as f64).round() as usize;
        self.latencies_us[rank.min(self.latencies_us.len() - 1)] as f64 / 1000.0
    }

    pub fn line(&self, name: &str) -> String {
        format!(
            "{name:<30} {:>6.0} req/s  p50 {:>7.2} ms  p90 {:>7.2} ms  p99 {:>7.2} ms  max {:>8.2} ms  ({} requests, {} errors)",
            self.throughput(),
            self.percentile_ms(50.0),
            self.percentile_ms(90.0),
            self.percentile_ms(99.0),
            self.percentile_ms(100.0),
            self.requests,
            self.errors
        )
    }
}

/// Runs `connections` keep-alive connections against `addr` for `duration`, each request's
/// path chosen by `paths` in turn.
pub async fn run(
    addr: SocketAddr,
    connections: usize,
    duration: Duration,
    pace: Pace,
    paths: Arc<Vec<String>>,
) -> anyhow::Result<Report> {
    let next_path = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + duration;
    let mut workers = Vec::with_capacity(connections);
    for worker in 0..connections {
        let paths = paths.clone();
        let next_path = next_path.clone();
        workers.push(tokio::spawn(async move {
            let stream = TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
            tokio::spawn(connection);
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            // For a fixed rate, this connection's share: every `interval`, offset so that the
            // connections' requests interleave evenly.
            let interval = match pace {
                Pace::Rate(rate) => {
                    Some(Duration::from_secs_f64(connections as f64 / f64::from(rate.max(1))))
                }
                Pace::Closed => None,
            };
            let mut due =
                started + interval.map_or(Duration::ZERO, |i| i.mul_f64(worker as f64 / connections as f64));
            loop {
                if interval.is_some() {
                    if due >= deadline {
                        break;
                    }
                    tokio::time::sleep_until(due.into()).await;
                } else if Instant::now() >= deadline {
                    break;
                }
                let from = if interval.is_some() { due } else { Instant::now() };
                let path = &paths[next_path.fetch_add(1, Ordering::Relaxed) % paths.len()];
                let request = Request::get(path.as_str())
                    .header("host", addr.to_string())
                    .body(Empty::<Bytes>::new())?;
                sender.ready().await?;
                match sender.send_request(request).await {
                    Ok(response) => {
                        let ok = response.status().is_success();
                        response.into_body().collect().await?;
                        if !ok {
                            errors += 1;
                        }
                    }
                    Err(_) => errors += 1,
                }
                latencies.push(from.elapsed().as_micros() as u64);
                if let Some(interval) = interval {
                    due += interval;
                }
            }
            anyhow::Ok((latencies, errors))
        }));
    }
    let mut latencies_us = Vec::new();
    let mut errors = 0;
    for worker in workers {
        let (mut latencies, worker_errors) = worker.await??;
        latencies_us.append(&mut latencies);
        errors += worker_errors;
    }
    latencies_us.sort_unstable();
    Ok(Report { requests: latencies_us.len(), errors, elapsed: started.elapsed(), latencies_us })
}

/// `DATABASE_URL` (or the default) with its database replaced: a benchmark's scratch database.
pub fn database_url(database: &str) -> anyhow::Result<String> {
    let base = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| tessera_core::config::DEFAULT_DATABASE_URL.to_string());
    let mut url = url::Url::parse(&base).map_err(|err| anyhow::anyhow!("DATABASE_URL: {err}"))?;
    url.set_path(database);
    Ok(url.to_string())
}
