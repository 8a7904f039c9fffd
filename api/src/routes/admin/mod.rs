//! The admin console's JSON API. Every route takes the `Admin` extractor: anonymous callers
//! get 401, customers 403.

pub mod analytics;
pub mod audit;
pub mod deliveries;
pub mod events;
pub mod reconciliation;
pub mod refunds;

use tessera_core::catalog::CatalogError;

use crate::error::Error;

impl From<CatalogError> for Error {
    fn from(err: CatalogError) -> Self {
        match err {
            CatalogError::Invalid(field) => Error::InvalidField(field),
            CatalogError::NotFound => Error::NotFound("event"),
            CatalogError::Stale { expected, current } => Error::Conflict {
                code: "stale_version",
                message: format!(
                    "Someone else saved this event since you loaded it (you edited version {expected}; \
                     it is now version {current}). Reload it and make your change again."
                ),
                field: Some("version"),
            },
            CatalogError::InUse => Error::Conflict {
                code: "event_has_orders",
                message: "This event has orders, so it cannot be deleted. Cancel it instead \
                          (status \"cancelled\"): sales stop and its orders are kept."
                    .into(),
                field: None,
            },
            CatalogError::Database(err) => Error::Database(err),
        }
    }
}
