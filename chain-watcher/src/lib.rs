//! The chain-watcher: makes sure every payment that settles over time reaches its order, even
//! when a provider's webhook is lost: BTCPay invoices (`btcpay`), and our payment contract's
//! logs on Ethereum (`eth`), applied once they are deep enough and rolled back on reorgs.

pub mod btcpay;
pub mod eth;
