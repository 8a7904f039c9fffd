//! End-to-end tests: the real router over real Postgres (a fresh database per test) and Redis.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod admin_events;
mod admin_pages;
mod btcpay_client;
mod btcpay_orders;
mod btcpay_sandbox;
mod catalog_filters;
mod catalog_list;
mod delivery;
mod eth_watcher;
mod forms;
mod guard;
mod images;
mod migrations;
mod order_pages;
mod orders;
mod outbox;
mod pages;
mod rates;
mod s3;
mod search;
mod seed;
mod stripe_api;
mod stripe_webhooks;
mod system;
