//! The catalog as JSON: `GET /api/events`, `GET /api/events/{id}`, `GET|POST /api/search`.

pub mod list;
pub mod search;
pub mod show;
