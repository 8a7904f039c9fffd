//! What every handler can reach.

use std::sync::Arc;

use metrics_exporter_prometheus::PrometheusHandle;
use sqlx::PgPool;
use tessera_core::config::Config;
use tessera_core::media::BlobStore;

use crate::cache::ResponseCache;
use crate::redis_conn::Redis;

#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: PgPool,
    pub redis: Redis,
    pub blobs: BlobStore,
    pub metrics: PrometheusHandle,
    /// Recent catalog responses (see `cache`).
    pub catalog_cache: Arc<ResponseCache>,
}

impl AppState {
    /// State around an existing pool (the binary's lazy pool, or a test database's).
    pub fn new(config: Config, db: PgPool) -> anyhow::Result<Self> {
        use anyhow::Context as _;
        use secrecy::ExposeSecret as _;
        let redis =
            Redis::new(redis::Client::open(config.redis_url.expose_secret()).context("invalid REDIS_URL")?);
        let blobs = BlobStore::from_config(&config)
            .context("cannot open the media store (TESSERA_DATA_DIR or TESSERA_S3_*)")?;
        let catalog_cache = Arc::new(ResponseCache::new(config.catalog_cache_ttl, 64 * 1024 * 1024));
        Ok(Self {
            config: Arc::new(config),
            db,
            redis,
            blobs,
            metrics: crate::telemetry::metrics_handle(),
            catalog_cache,
        })
    }
}
