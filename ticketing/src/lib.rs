//! Delivery of paid orders. Today: the outbox relay, which publishes the `orders.paid` outbox
//! rows to the Redis stream of the same name. The ticketing worker that consumes the stream
//! joins it here.

pub mod relay;
