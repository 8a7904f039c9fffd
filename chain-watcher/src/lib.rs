//! The chain-watcher: makes sure every payment that settles over time reaches its order, even
//! when a provider's webhook is lost. Today: BTCPay invoices (`btcpay`). The Ethereum contract's
//! logs join it with issue 7.

pub mod btcpay;
