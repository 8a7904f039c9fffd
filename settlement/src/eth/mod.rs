//! ETH and tokens through our payment contract: what its `OrderPaid` logs do to orders, once
//! the chain-watcher has found them (`arrived`), and refunds sent back through it and settled
//! by its `OrderRefunded` logs (`refunded`).

mod arrived;
pub mod refunded;

pub use arrived::{SeenPayment, confirm_due, note_seen};
