//! One shared, self-reconnecting Redis connection per process, opened on first use so the app
//! starts (and reports itself unready) while Redis is down.

use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::OnceCell;

#[derive(Clone)]
pub struct Redis {
    client: redis::Client,
    manager: std::sync::Arc<OnceCell<ConnectionManager>>,
}

impl Redis {
    pub fn new(client: redis::Client) -> Self {
        Self { client, manager: Default::default() }
    }

    /// The shared connection (cheap to clone). Fails fast while Redis is unreachable.
    pub async fn connection(&self) -> redis::RedisResult<ConnectionManager> {
        let manager = self
            .manager
            .get_or_try_init(|| async {
                let config = ConnectionManagerConfig::new()
                    .set_connection_timeout(Some(Duration::from_secs(2)))
                    .set_response_timeout(Some(Duration::from_secs(2)))
                    .set_number_of_retries(1);
                tokio::time::timeout(
                    Duration::from_secs(3),
                    ConnectionManager::new_with_config(self.client.clone(), config),
                )
                .await
                .map_err(|_| {
                    redis::RedisError::from(std::io::Error::new(
                        std::io::ErrorKind::TimedOut,
                        "connecting to Redis timed out",
                    ))
                })?
            })
            .await?;
        Ok(manager.clone())
    }

    /// A connection of its own, for blocking commands (`XREADGROUP … BLOCK`) that would hold up
    /// everyone else on the shared one. `response_timeout` must outlast the blocking time.
    pub async fn dedicated(
        &self,
        response_timeout: Duration,
    ) -> redis::RedisResult<redis::aio::MultiplexedConnection> {
        let config = redis::AsyncConnectionConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(response_timeout));
        self.client.get_multiplexed_async_connection_with_config(&config).await
    }
}
