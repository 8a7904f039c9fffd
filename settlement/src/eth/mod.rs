//! ETH and tokens through our payment contract: what its `OrderPaid` logs do to orders, once
//! the chain-watcher has found them.

mod arrived;

pub use arrived::{SeenPayment, confirm_due, note_seen};
