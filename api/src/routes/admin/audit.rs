use axum::Json;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use tessera_core::catalog::{self, AuditEntry};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Admin;
use crate::error::{ErrorBody, Result};
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
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "Not an admin", body = ErrorBody),
    ))]
pub async fn audit(
    State(state): State<AppState>,
    _admin: Admin,
    Query(query): Query<AuditQuery>,
) -> Result<Json<AuditLog>> {
    Ok(Json(AuditLog { entries: catalog::audit_log(&state.db, query.event_id, 200).await? }))
}
