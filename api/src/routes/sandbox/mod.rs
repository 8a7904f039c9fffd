//! The sandboxes that play our payment providers when no real one is configured, labelled as
//! sandboxes on every page: the card checkout (`card`, for Stripe), and BTCPay Server
//! (`btcpay`: its checkout page, and `greenfield`: the API subset our client calls), and a
//! customer's Ethereum wallet on a local anvil chain (`eth`).

pub mod btcpay;
pub mod card;
pub mod deliver;
pub mod eth;
pub mod greenfield;
