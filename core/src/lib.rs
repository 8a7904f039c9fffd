//! Tessera's domain, shared by every process: money, the catalog, configuration and
//! Postgres access. Nothing here knows about HTTP.

pub mod account;
pub mod analytics;
pub mod batch;
pub mod catalog;
pub mod config;
pub mod db;
pub mod delivery;
pub mod demand;
pub mod gauges;
pub mod interest;
pub mod money;
pub mod order;
pub mod reconcile;
pub mod redis_conn;
pub mod refund;
pub mod search;
pub mod text_enum;
pub mod ticket;
pub mod waitlist;
