//! The staff: admins, and the door staff admins choose. Door staff check tickets in and can do
//! nothing else an admin does; admins are only made on the command line.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::account::{self, Email, StaffError, StaffMember};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{AccountNoun, JsonBody, PathId};
use crate::state::AppState;

/// Someone on the staff.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffMemberBody {
    pub account_id: Uuid,
    pub email: String,
    pub name: String,
    /// `admin` or `door` (`customer` once the door role is taken back).
    #[schema(value_type = crate::schemas::account::Role)]
    pub role: account::Role,
    /// When the account last changed role.
    pub since: DateTime<Utc>,
}

impl From<StaffMember> for StaffMemberBody {
    fn from(m: StaffMember) -> Self {
        StaffMemberBody {
            account_id: m.account_id,
            email: m.email,
            name: m.name,
            role: m.role,
            since: m.since,
        }
    }
}

/// Admins first, then door staff.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffList {
    pub staff: Vec<StaffMemberBody>,
}

/// Whom to make door staff.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDoorStaff {
    /// The email of an account that has confirmed its address.
    #[schema(example = "door@tasca.example")]
    pub email: String,
}

/// Admins and door staff.
#[utoipa::path(get, path = "/api/admin/staff", tag = "admin",
    responses(
        (status = 200, description = "The staff", body = StaffList),
        Admin,
    ))]
pub async fn staff(State(state): State<AppState>, _admin: Admin) -> Result<Json<StaffList>> {
    Ok(Json(StaffList {
        staff: account::list_staff(&state.db).await?.into_iter().map(StaffMemberBody::from).collect(),
    }))
}

/// Makes an account door staff: from its next request it can check tickets in, and nothing
/// else an admin can. Making someone door staff twice is not an error.
#[utoipa::path(post, path = "/api/admin/staff", tag = "admin",
    request_body = NewDoorStaff,
    responses(
        (status = 200, description = "Door staff now", body = StaffMemberBody),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        Admin,
        (status = 409, description = "`is_admin`: the account is an admin already", body = ErrorBody),
        (status = 422, description = "Not an email address; `no_account`: nobody has signed up with it; `email_unverified`: its owner has not confirmed it", body = ErrorBody),
    ))]
pub async fn add_door(
    State(state): State<AppState>,
    admin: Admin,
    JsonBody(body): JsonBody<NewDoorStaff>,
) -> Result<Json<StaffMemberBody>> {
    grant(&state, admin.0.account.id, &body.email).await.map(|m| Json(m.into()))
}

/// Takes the door role back: the account is a customer's again from its next request.
#[utoipa::path(delete, path = "/api/admin/staff/{id}", tag = "admin",
    params(("id" = Uuid, Path, description = "The door staff's account")),
    responses(
        (status = 204, description = "A customer again"),
        Admin,
        PathId<AccountNoun>,
        (status = 404, description = "Not door staff", body = ErrorBody),
        (status = 409, description = "`is_admin`: an admin, whom only the command line makes", body = ErrorBody),
    ))]
pub async fn remove_door(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<AccountNoun>,
) -> Result<StatusCode> {
    revoke(&state, admin.0.account.id, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Shared with the staff page.
pub async fn grant(state: &AppState, admin: Uuid, email: &str) -> Result<StaffMember> {
    let email = Email::parse(email).map_err(Error::InvalidField)?;
    let mut tx = state.db.begin().await?;
    let granted = account::grant_door(&mut tx, admin, &email).await?;
    tx.commit().await?;
    let member = granted.map_err(staff_error)?;
    tracing::info!(account.id = %member.account_id, admin.id = %admin, "door staff added");
    Ok(member)
}

/// Shared with the staff page.
pub async fn revoke(state: &AppState, admin: Uuid, account_id: Uuid) -> Result<StaffMember> {
    let mut tx = state.db.begin().await?;
    let revoked = account::revoke_door(&mut tx, admin, account_id).await?;
    tx.commit().await?;
    let member = revoked.map_err(staff_error)?;
    tracing::info!(account.id = %account_id, admin.id = %admin, "door staff removed");
    Ok(member)
}

fn staff_error(err: StaffError) -> Error {
    let message = crate::error::sentence(&err.message(tessera_i18n::current()));
    match err {
        StaffError::NoAccount => Error::Unprocessable { code: "no_account", message, field: Some("email") },
        StaffError::Unverified => {
            Error::Unprocessable { code: "email_unverified", message, field: Some("email") }
        }
        StaffError::IsAdmin => Error::Conflict { code: "is_admin", message, field: None },
        StaffError::NotDoor => Error::NotFound("door staff member"),
    }
}
