//! The delivery desk and the door: failed deliveries with a retry button, and the staff page
//! that checks tickets in.

use std::str::FromStr as _;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Tz;
use serde::Deserialize;
use tessera_core::{delivery, ticket};
use tessera_i18n::format::{Style, instant};
use tessera_i18n::{FluentValue, current, message_args, t};
use tessera_web::pages::{
    AdminCheckinPage, AdminDeliveriesPage, Chrome, DeliveryRowView, DoorEventView, ScanResult,
};
use uuid::Uuid;

use super::viewer_chrome;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::{AdminPage, DoorPage, DoorStaff, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::extract::{OrderNoun, PageId};
use crate::routes::admin::deliveries::retry_delivery as queue_retry;
use crate::routes::tickets::checkin::check_in;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct DeliveriesQuery {
    status: Option<String>,
    retried: Option<String>,
}

/// `GET /admin/deliveries`.
pub async fn deliveries(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    Query(query): Query<DeliveriesQuery>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let status =
        query.status.filter(|s| matches!(s.as_str(), "pending" | "sent" | "failed")).unwrap_or_default();
    let notice = query
        .retried
        .filter(|id| Uuid::try_parse(id).is_ok())
        .map(|id| message_args(current(), "admin-deliveries-retried", [("order", id.into())]));
    let page = deliveries_page(&state, &viewer, &csrf.token, status, notice, None).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

async fn deliveries_page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &str,
    status: String,
    notice: Option<String>,
    error: Option<String>,
) -> Result<AdminDeliveriesPage, Error> {
    let filter = (!status.is_empty()).then_some(status.as_str());
    let rows = delivery::list(&state.db, filter, 500)
        .await?
        .into_iter()
        .map(|d| DeliveryRowView {
            order_id: d.order_id.to_string(),
            retryable: d.status != "sent",
            when: match (d.sent_at, d.next_attempt_at) {
                (Some(sent), _) => message_args(
                    current(),
                    "admin-deliveries-sent-at",
                    [("when", sent.format("%Y-%m-%d %H:%M").to_string().into())],
                ),
                (None, Some(next)) if d.status == "pending" => message_args(
                    current(),
                    "admin-deliveries-next-try",
                    [("when", next.format("%Y-%m-%d %H:%M").to_string().into())],
                ),
                _ => d.updated_at.format("%Y-%m-%d %H:%M").to_string(),
            },
            status_label: t(match d.status.as_str() {
                "sent" => "admin-delivery-status-sent",
                "failed" => "admin-delivery-status-failed",
                _ => "admin-delivery-status-pending",
            }),
            status: d.status,
            customer_email: d.customer_email,
            event_title: d.event_title,
            tickets: d.tickets,
            attempts: d.attempts,
            last_error: d.last_error.unwrap_or_default(),
        })
        .collect();
    Ok(AdminDeliveriesPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        rows,
        status,
        notice,
        error,
    })
}

/// `POST /admin/deliveries/{order_id}/retry`.
pub async fn retry_delivery(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id: order_id, .. }: PageId<OrderNoun>,
    _: CsrfForm,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    match queue_retry(&state, order_id).await {
        Ok(()) => Ok(Redirect::to(&format!("/admin/deliveries?retried={order_id}")).into_response()),
        Err(err @ (Error::Conflict { .. } | Error::NotFound(_))) => {
            let status = err.status();
            let page =
                deliveries_page(&state, &viewer, &csrf.token, String::new(), None, Some(err.to_string()))
                    .await?;
            Ok(csrf.attach(render_html(status, &page)))
        }
        Err(err) => Err(err.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct CheckinQuery {
    event: Option<String>,
}

/// `GET /admin/checkin`: pick the event, scan tickets. For door staff and admins.
pub async fn checkin_page(
    State(state): State<AppState>,
    DoorPage(signed_in): DoorPage,
    csrf: CsrfToken,
    Query(query): Query<CheckinQuery>,
) -> Result<Response, PageError> {
    let viewer = Viewer(Some(signed_in));
    let event = query.event.and_then(|id| Uuid::try_parse(&id).ok());
    let page = checkin_view(&state, &viewer, &csrf.token, event, None).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

#[derive(Debug, Deserialize)]
pub struct CheckinForm {
    #[serde(default)]
    event_id: String,
    #[serde(default)]
    token: String,
}

/// `POST /admin/checkin`: one scan. The page answers with a big green, amber or red result and
/// is ready for the next scan.
pub async fn checkin_submit(
    State(state): State<AppState>,
    DoorPage(signed_in): DoorPage,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<CheckinForm>,
) -> Result<Response, PageError> {
    let viewer = Viewer(Some(signed_in.clone()));
    let event_id = Uuid::try_parse(form.event_id.trim()).map_err(|_| Error::NotFound("event"))?;
    let (status, result) = match check_in(&state, &DoorStaff(signed_in), &form.token, event_id).await {
        Ok(done) => (
            StatusCode::OK,
            ScanResult {
                kind: "ok",
                headline: message_args(
                    current(),
                    "admin-checkin-welcome",
                    [("name", done.holder_name.into())],
                ),
                detail: message_args(
                    current(),
                    "admin-checkin-ticket",
                    [("type", done.ticket_type.into()), ("serial", done.serial.into())],
                ),
            },
        ),
        Err(err @ Error::Conflict { code: "already_checked_in", .. }) => (
            StatusCode::CONFLICT,
            ScanResult { kind: "repeat", headline: t("admin-checkin-repeat"), detail: err.to_string() },
        ),
        Err(
            err @ (Error::Conflict { .. }
            | Error::Unprocessable { .. }
            | Error::InvalidSignature(_)
            | Error::NotFound(_)),
        ) => {
            let status = err.status();
            (
                status,
                ScanResult { kind: "refused", headline: t("admin-checkin-refused"), detail: err.to_string() },
            )
        }
        Err(err) => return Err(err.into()),
    };
    let page = checkin_view(&state, &viewer, &csrf.token, Some(event_id), Some(result)).await?;
    Ok(csrf.attach(render_html(status, &page)))
}

async fn checkin_view(
    state: &AppState,
    viewer: &Viewer,
    csrf: &str,
    event: Option<Uuid>,
    result: Option<ScanResult>,
) -> Result<AdminCheckinPage, Error> {
    let events = ticket::door_events(&state.db).await?;
    let selected =
        event.filter(|id| events.iter().any(|e| e.event_id == *id)).or(events.first().map(|e| e.event_id));
    let progress = events.iter().find(|e| Some(e.event_id) == selected).map(|e| {
        message_args(
            current(),
            "admin-checkin-progress",
            [("checked", FluentValue::from(e.checked_in)), ("total", FluentValue::from(e.tickets))],
        )
    });
    let events = events
        .into_iter()
        .map(|e| {
            let zone = Tz::from_str(&e.timezone).unwrap_or(Tz::UTC);
            DoorEventView {
                id: e.event_id.to_string(),
                label: format!(
                    "{} — {}, {}",
                    e.title,
                    e.city,
                    instant(current(), e.starts_at, zone.name(), Style::DayTime)
                ),
                selected: Some(e.event_id) == selected,
            }
        })
        .collect();
    Ok(AdminCheckinPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        admin_nav: viewer.0.as_ref().is_some_and(|signed_in| signed_in.account.is_admin()),
        csrf: csrf.to_string(),
        events,
        event_id: selected.map(|id| id.to_string()).unwrap_or_default(),
        progress,
        result,
    })
}
