//! Tessera's web app and the `tessera` binary: routes (public catalog, pages, system), the
//! error type, telemetry, and the command line. `main.rs` only calls [`cli::main`].

pub mod accounts;
pub mod app;
pub mod auth;
pub mod cache;
pub mod cli;
pub mod error;
pub mod extract;
pub mod orders;
pub mod routes;
pub mod schemas;
pub mod server;
pub mod state;
pub mod tasks;
pub mod telemetry;
