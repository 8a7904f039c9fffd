//! `/admin/staff`: admins and door staff; adding and removing door staff.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::account::{self, Role};
use tessera_i18n::{current, message_args, t};
use tessera_web::pages::{AdminStaffPage, Chrome, StaffRow};
use uuid::Uuid;

use super::viewer_chrome;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::{AdminPage, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::extract::{AccountNoun, PageId};
use crate::routes::admin::staff::{grant, revoke};
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct StaffQuery {
    added: Option<String>,
    removed: Option<String>,
}

/// `GET /admin/staff`.
pub async fn staff(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    Query(query): Query<StaffQuery>,
) -> Result<Response, PageError> {
    // Said only while true of the account named (a link cannot make the page claim a change).
    let (id, added) = match (query.added, query.removed) {
        (Some(id), _) => (Some(id), true),
        (None, id) => (id, false),
    };
    let account = match id.and_then(|id| Uuid::try_parse(&id).ok()) {
        Some(id) => account::credentials_by_id(&state.db, id).await?.map(|found| found.account),
        None => None,
    };
    let notice = account.and_then(|account| match (added, account.role) {
        (true, Role::Door) => {
            Some(message_args(current(), "admin-staff-added", [("email", account.email.into())]))
        }
        (false, Role::Customer) => {
            Some(message_args(current(), "admin-staff-removed", [("email", account.email.into())]))
        }
        _ => None,
    });
    let page = staff_page(&state, &admin.viewer(), &csrf.token, String::new(), notice, None).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

/// `POST /admin/staff`: adds door staff by email.
pub async fn add_staff(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let email = fields.get("email").map(|e| e.trim().to_string()).unwrap_or_default();
    match grant(&state, admin.account_id(), &email).await {
        Ok(member) => Ok(Redirect::to(&format!("/admin/staff?added={}", member.account_id)).into_response()),
        Err(err @ (Error::InvalidField(_) | Error::Unprocessable { .. } | Error::Conflict { .. })) => {
            let status = err.status();
            let page =
                staff_page(&state, &admin.viewer(), &csrf.token, email, None, Some(err.message())).await?;
            Ok(csrf.attach(render_html(status, &page)))
        }
        Err(err) => Err(err.into()),
    }
}

/// `POST /admin/staff/{id}/remove`.
pub async fn remove_staff(
    State(state): State<AppState>,
    admin: AdminPage,
    PageId { id, .. }: PageId<AccountNoun>,
    _: CsrfForm,
) -> Result<Response, PageError> {
    revoke(&state, admin.account_id(), id).await?;
    Ok(Redirect::to(&format!("/admin/staff?removed={id}")).into_response())
}

async fn staff_page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &str,
    email: String,
    notice: Option<String>,
    error: Option<String>,
) -> Result<AdminStaffPage, Error> {
    let rows = account::list_staff(&state.db)
        .await?
        .into_iter()
        .map(|m| StaffRow {
            account_id: m.account_id.to_string(),
            name: m.name,
            email: m.email,
            role: t(if m.role == Role::Admin { "admin-staff-role-admin" } else { "admin-staff-role-door" }),
            removable: m.role == Role::Door,
            since: m.since.format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect();
    Ok(AdminStaffPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        rows,
        email,
        notice,
        error,
    })
}
