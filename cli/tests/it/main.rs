//! The `tessera` binary as an operator meets it: help, configuration errors, signals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod cluster;
