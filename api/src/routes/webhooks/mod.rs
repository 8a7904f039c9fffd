//! Webhooks from payment providers. Each verifies its sender's signature over the raw body
//! before reading anything; the cross-site guard lets them through for that reason.

pub mod btcpay;
pub mod stripe;
