//! Tessera's web app: routes (public catalog, accounts, orders, admin, webhooks, sandboxes,
//! pages, system), the error type, telemetry and the background sweepers. The `tessera` binary
//! that serves it is `tessera-cli`.

pub mod accounts;
pub mod app;
pub mod auth;
pub mod cache;
pub mod demand;
pub mod error;
pub mod extract;
pub mod interest;
pub mod locale;
pub mod orders;
pub mod refunds;
pub mod routes;
pub mod schemas;
pub mod settings;
pub mod state;
pub mod tasks;
pub mod telemetry;
pub mod waitlist;
