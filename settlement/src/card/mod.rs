//! Card payments through Stripe Checkout: what Stripe's events do to orders, and refunds.

mod arrived;
pub mod refunded;

pub use arrived::{apply, receive};
