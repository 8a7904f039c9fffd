//! BTCPay invoices: the poller (`poll`), which asks BTCPay about every invoice whose fate may
//! still change, as the backstop for lost webhooks, and hands each to settlement
//! (`tessera_settlement::btc::BtcPaySettlement::sync`), which the webhook calls too.

mod poll;

pub use poll::{LATE_WINDOW, poll_once, run};
