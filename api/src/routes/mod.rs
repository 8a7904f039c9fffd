//! Routes grouped by noun: `events` (the JSON catalog), `pages` (HTML for people),
//! `system` (health, metrics, media and static files).

pub mod auth;
pub mod events;
pub mod pages;
pub mod system;

use tessera_core::catalog::{FieldError, RawFilter};

use crate::error::Error;

/// The catalog parameters of a query string. Unknown parameters are ignored; a malformed
/// query string is a 400 like any other bad parameter.
pub(crate) fn catalog_params(raw_query: Option<&str>) -> Result<(RawFilter, Option<String>), Error> {
    #[derive(serde::Deserialize)]
    struct Q {
        q: Option<String>,
    }
    let query = raw_query.unwrap_or("");
    let filter: RawFilter = serde_urlencoded::from_str(query)
        .map_err(|err| FieldError::new("query", format!("unreadable query string: {err}")))?;
    let Q { q } = serde_urlencoded::from_str(query)
        .map_err(|err| FieldError::new("q", format!("unreadable query string: {err}")))?;
    if q.as_deref().is_some_and(|q| q.chars().count() > 200) {
        return Err(FieldError::new("q", "must be at most 200 characters").into());
    }
    Ok((filter, q))
}
