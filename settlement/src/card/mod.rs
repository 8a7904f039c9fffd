//! Card payments through Stripe Checkout: what Stripe's events do to orders.

mod arrived;

pub use arrived::{apply, receive};
