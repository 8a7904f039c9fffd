use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use tessera_core::catalog::{self, AuditEntry};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Admin;
use crate::error::Result;
use crate::extract::QueryParams;
use crate::state::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only the changes to this event.
    pub event_id: Option<uuid::Uuid>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditLog {
    #[schema(value_type = Vec<crate::schemas::catalog::AuditEntry>)]
    pub entries: Vec<AuditEntry>,
}

/// The newest 200 catalog changes: who, what, when, the event before and after.
#[utoipa::path(get, path = "/api/admin/audit", tag = "admin", params(AuditQuery),
    responses(
        (status = 200, description = "Audit entries, newest first", body = AuditLog),
        QueryParams<AuditQuery>,
        Admin,
    ))]
pub async fn audit(
    State(state): State<AppState>,
    _admin: Admin,
    QueryParams(query): QueryParams<AuditQuery>,
) -> Result<Json<AuditLog>> {
    Ok(Json(AuditLog { entries: catalog::audit_log(&state.db, query.event_id, 200).await? }))
}
