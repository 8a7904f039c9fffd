//! `POST /api/admin/events/create`, `/edit/{id}`, `/delete/{id}` (the product brief's
//! routes), `GET /api/admin/events` and `GET /api/admin/events/{id}`.

pub mod create;
pub mod delete;
pub mod edit;
pub mod image;
pub mod list;
pub mod show;
