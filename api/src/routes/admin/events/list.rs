use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use tessera_core::catalog;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Admin;
use crate::error::Result;
use crate::extract::QueryParams;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AdminEventQuery {
    /// Words in the title, venue or city (any status).
    pub q: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AdminEventList {
    #[schema(value_type = Vec<crate::schemas::catalog::Event>)]
    pub events: Vec<crate::routes::events::LocalizedEvent>,
}

/// Every event, drafts and cancelled ones included, soonest first (at most 200).
#[utoipa::path(get, path = "/api/admin/events", tag = "admin", params(AdminEventQuery),
    responses(
        (status = 200, description = "Events", body = AdminEventList),
        QueryParams<AdminEventQuery>,
        Admin,
    ))]
pub async fn list(
    State(state): State<AppState>,
    _admin: Admin,
    QueryParams(query): QueryParams<AdminEventQuery>,
) -> Result<Json<AdminEventList>> {
    let q = query.q.unwrap_or_default().replace('\0', "");
    let events = catalog::events_for_admin(&state.db, q.trim(), 200).await?;
    Ok(Json(AdminEventList {
        events: events.into_iter().map(crate::routes::events::LocalizedEvent::as_written).collect(),
    }))
}
