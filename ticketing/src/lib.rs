//! Delivery of paid orders: the outbox relay, which publishes the `orders.paid` outbox rows to
//! the Redis stream of the same name, and the ticketing worker, which consumes that stream to
//! issue the tickets, render their PDF (`pdf`), email it (`mail`) and fulfil the order.

pub mod mail;
pub mod notices;
pub mod pdf;
pub mod relay;
pub mod worker;
