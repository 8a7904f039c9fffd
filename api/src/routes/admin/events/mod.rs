//! `POST /api/admin/events/create`, `/edit/{id}`, `/delete/{id}` (the product brief's
//! routes), `GET /api/admin/events` and `GET /api/admin/events/{id}`.

pub mod create;
pub mod delete;
pub mod edit;
pub mod image;
pub mod list;
pub mod show;

use uuid::Uuid;

use crate::error::Error;

pub(crate) fn event_id(raw: &str) -> Result<Uuid, Error> {
    Uuid::try_parse(raw).map_err(|_| Error::NotFound("event"))
}
