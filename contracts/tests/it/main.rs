//! TesseraPay's rules, each proven on a real anvil (one per test, so they run in parallel).

mod harness;

mod admin;
mod deploy;
mod gas;
mod no_return_token;
mod pay_eth;
mod pay_token;
mod reentrancy;
mod refunds;
mod signatures;
mod stray_eth;
