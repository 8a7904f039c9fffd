//! The outbox relay: paid orders reach the Redis stream exactly once, through crashes, Redis
//! outages and competing relays.

use std::time::Duration;

use axum::http::StatusCode;
use redis::AsyncCommands as _;
use sqlx::PgPool;
use tessera_core::redis_conn::Redis;
use tessera_tests::services::OwnRedis;
use tessera_tests::{TestApp, checkout_event, sample_event};
use tessera_ticketing::relay::{self, RelayConfig};
use uuid::Uuid;

/// Buys and pays an order through the webhook; returns its id.
async fn paid_order(app: &TestApp) -> Uuid {
    let event =
        app.insert_event(&sample_event(&format!("relay-{}", Uuid::new_v4().simple()), "Relay", 5)).await;
    let general = app.ticket_types(event).await[0];
    let buyer = app.customer().await;
    let bought = app.buy(&buyer, event, &[(general, 1)], None).await;
    assert_eq!(bought.status, StatusCode::CREATED);
    let body = bought.json();
    let order: Uuid = body["order_id"].as_str().unwrap().parse().unwrap();
    let session = body["payment"]["provider_ref"].as_str().unwrap();
    let paid =
        app.stripe_event(&checkout_event("checkout.session.completed", session, order, 1000, "paid")).await;
    assert_eq!(paid.status, StatusCode::OK);
    assert_eq!(app.order_status(order).await, "paid");
    order
}

fn prefix() -> String {
    format!("test-{}:", Uuid::new_v4().simple())
}

async fn entries(redis: &mut redis::aio::ConnectionManager, stream: &str) -> Vec<String> {
    let reply: redis::streams::StreamRangeReply = redis.xrange_all(stream).await.unwrap();
    reply.ids.iter().map(|entry| entry.get::<String>("order_id").unwrap_or_default()).collect()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_paid_order_is_published_once_even_if_the_relay_dies_before_marking_it(db: PgPool) {
    let app = TestApp::new(db);
    let order = paid_order(&app).await;
    let config = RelayConfig { stream_prefix: prefix() };
    let stream = format!("{}orders.paid", config.stream_prefix);
    let client = redis::Client::open("redis://127.0.0.1:6379").unwrap();
    let mut redis = redis::aio::ConnectionManager::new(client).await.unwrap();

    assert_eq!(relay::publish_pending(&app.db, &mut redis, &config).await.unwrap().unwrap(), 1);
    assert_eq!(entries(&mut redis, &stream).await, vec![order.to_string()]);
    // A relay that crashed between XADD and marking the row publishes it again: no new entry.
    sqlx::query("update outbox set published_at = null").execute(&app.db).await.unwrap();
    assert_eq!(relay::publish_pending(&app.db, &mut redis, &config).await.unwrap().unwrap(), 1);
    assert_eq!(entries(&mut redis, &stream).await, vec![order.to_string()]);
    let unpublished: i64 = sqlx::query_scalar("select count(*) from outbox where published_at is null")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(unpublished, 0);
    let _: () = redis.del(&stream).await.unwrap();
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn payments_commit_while_redis_is_down_and_reach_the_stream_once_it_returns(db: PgPool) {
    let app = TestApp::new(db);
    let mut own = OwnRedis::start();
    let config = RelayConfig { stream_prefix: String::new() };
    let (stop, stopped) = tokio::sync::watch::channel(false);
    // Two relays, as two processes would run: one leads, the other waits.
    let relays = [
        tokio::spawn(relay::run(
            app.db.clone(),
            Redis::new(redis::Client::open(own.url()).unwrap()),
            config.clone(),
            stopped.clone(),
        )),
        tokio::spawn(relay::run(
            app.db.clone(),
            Redis::new(redis::Client::open(own.url()).unwrap()),
            config.clone(),
            stopped.clone(),
        )),
    ];

    own.stop();
    let order = paid_order(&app).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let published: Option<chrono::DateTime<chrono::Utc>> =
        sqlx::query_scalar("select published_at from outbox").fetch_one(&app.db).await.unwrap();
    assert!(published.is_none(), "nothing can be published while Redis is down");

    own.restart();
    let mut redis =
        redis::aio::ConnectionManager::new(redis::Client::open(own.url()).unwrap()).await.unwrap();
    let mut found = Vec::new();
    for _ in 0..200 {
        found = entries(&mut redis, "orders.paid").await;
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(found, vec![order.to_string()]);
    // Give a second relay every chance to publish it again.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    assert_eq!(entries(&mut redis, "orders.paid").await, vec![order.to_string()]);

    stop.send(true).unwrap();
    for relay in relays {
        tokio::time::timeout(Duration::from_secs(5), relay).await.expect("relays stop").unwrap();
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_worker_whose_redis_lost_the_stream_publishes_undelivered_orders_again_at_once(db: PgPool) {
    let app = TestApp::new(db);
    let mut own = OwnRedis::start();
    let order = paid_order(&app).await;
    let config = RelayConfig { stream_prefix: String::new() };
    let mut redis =
        redis::aio::ConnectionManager::new(redis::Client::open(own.url()).unwrap()).await.unwrap();
    assert_eq!(relay::publish_pending(&app.db, &mut redis, &config).await.unwrap().unwrap(), 1);
    // Redis restarts without its data: the published entry is gone, the outbox row stays
    // published.
    own.stop();
    own.restart();
    let mut redis =
        redis::aio::ConnectionManager::new(redis::Client::open(own.url()).unwrap()).await.unwrap();
    assert!(entries(&mut redis, "orders.paid").await.is_empty());

    // A worker finds no consumer group and publishes the order again at once, not after the
    // sweeper's hour.
    let mail = tessera_tests::mail::Maildev::shared();
    let worker =
        app.worker_on(Redis::new(redis::Client::open(own.url()).unwrap()), &mail.smtp_url, "", |_| {});
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let running = tokio::spawn(worker.run(stopped));
    app.wait_for_status(order, "fulfilled").await;
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(10), running).await.expect("the worker stops").unwrap();
    let republished: i32 = sqlx::query_scalar("select republished from delivery where order_id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(republished, 1);
}
