//! The admin console's JSON API. Every route takes the `Admin` extractor: anonymous callers
//! get 401, customers 403.

pub mod analytics;
pub mod audit;
pub mod deliveries;
pub mod events;
pub mod holds;
pub mod market;
pub mod orders;
pub mod reconciliation;
pub mod refunds;
pub mod staff;
