//! The OpenAPI schemas of the domain types the JSON API sends and reads. Those types live in
//! `tessera_core`, which knows nothing of HTTP or OpenAPI; the handlers serialize (and parse)
//! them as they are, and these structs only describe them in the document: each has its core
//! type's name, fields, serde attributes and doc comments, and a check beside it that stops
//! compiling when the core type gains or loses a field or variant. Change one with the other.

pub mod account;
pub mod analytics;
pub mod catalog;
pub mod delivery;
pub mod market;
pub mod order;
pub mod reconcile;
pub mod refund;
