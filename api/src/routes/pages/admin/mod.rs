//! The admin console as HTML: the event list with search, the create and edit forms (times in
//! the event's own zone, prices in its own units), delete with confirmation, the audit log.
//! The steps are the same `tessera_core::catalog` functions the JSON API calls.

mod analytics;
mod delete;
mod edit;
mod finance;
mod form;
mod image;
mod refunds;
mod staff;
mod tickets;

pub use analytics::analytics;
pub use delete::{delete_event, delete_event_page};
pub use edit::{
    create_event, edit_event, edit_event_page, limits_submit, new_event, refund_policy_submit,
    release_holds_submit,
};
pub use finance::{finance, resolve as resolve_discrepancy};
pub use image::upload_image;
pub use refunds::{
    cancel_refund, order_page, refund_eth_orphan, refund_order, refund_payment, refund_unmatched, refunds,
};
pub use staff::{add_staff, remove_staff, staff};
pub use tickets::{checkin_page, checkin_submit, deliveries, retry_delivery};

use std::collections::HashMap;
use std::str::FromStr as _;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDateTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use tessera_core::catalog::{
    self, CatalogError, Category, Event, EventInput, EventPatch, FieldError, TicketTypeInput,
    TranslationInput,
};
use tessera_core::money::Currency;
use tessera_web::pages::{
    AdminAuditPage, AdminEventDeletePage, AdminEventFormPage, AdminEventRow, AdminEventsPage, AuditRow,
    Choice, Chrome, EventForm, EventHoldsPanel, EventRefundsPanel, HolderRow, TicketRow, TranslationForm,
};
use uuid::Uuid;

use super::account::viewer_chrome;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::{AdminPage, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::extract::{EventNoun, PageId};
use crate::state::AppState;

/// Blank ticket-type rows offered for new types.
const BLANK_TICKET_ROWS: usize = 2;

fn zone_of(event: &Event) -> Tz {
    Tz::from_str(&event.timezone).unwrap_or(Tz::UTC)
}

// ---- the list

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    deleted: Option<String>,
}

pub async fn events(
    State(state): State<AppState>,
    admin: AdminPage,
    Query(query): Query<ListQuery>,
) -> Response {
    let viewer = admin.viewer();
    let q = query.q.unwrap_or_default().replace('\0', "").trim().to_string();
    let events = match catalog::events_for_admin(&state.db, &q, 200).await {
        Ok(events) => events,
        Err(err) => return PageError::from(err).into_response(),
    };
    let rows = events
        .iter()
        .map(|event| AdminEventRow {
            id: event.id.to_string(),
            title: event.title.clone(),
            place: event.city.clone(),
            when: event.starts_at.with_timezone(&zone_of(event)).format("%a %-d %b %Y, %H:%M %Z").to_string(),
            status: event.status.as_str(),
            slug: event.slug.clone(),
        })
        .collect();
    render_html(
        StatusCode::OK,
        &AdminEventsPage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            q,
            rows,
            notice: query.deleted.map(|_| "The event was deleted.".to_string()),
        },
    )
}

// ---- the audit log

pub async fn audit(State(state): State<AppState>, admin: AdminPage) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let entries = catalog::audit_log(&state.db, None, 200).await?;
    let rows = entries
        .into_iter()
        .map(|entry| {
            let title = match &entry.subject {
                Some(subject) => subject.clone(),
                None => entry
                    .after
                    .as_ref()
                    .or(entry.before.as_ref())
                    .and_then(|event| event["title"].as_str())
                    .unwrap_or("")
                    .to_string(),
            };
            let changes = match (&entry.before, &entry.after) {
                (Some(serde_json::Value::Object(before)), Some(serde_json::Value::Object(after))) => after
                    .iter()
                    .filter(|(key, value)| key.as_str() != "version" && before.get(*key) != Some(value))
                    .map(|(key, _)| key.clone())
                    .collect(),
                // A resolved discrepancy: its class and the note left.
                (None, Some(after)) if entry.action == "discrepancy.resolve" => {
                    [after["class"].as_str(), after["note"].as_str()]
                        .into_iter()
                        .flatten()
                        .map(str::to_string)
                        .collect()
                }
                _ => Vec::new(),
            };
            AuditRow {
                at: entry.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                admin: entry.admin.unwrap_or_else(|| "(deleted account)".into()),
                action: entry.action,
                event_id: entry.event_id.map(|id| id.to_string()).unwrap_or_default(),
                title,
                changes,
            }
        })
        .collect();
    Ok(render_html(StatusCode::OK, &AdminAuditPage { chrome: Chrome::new("", viewer_chrome(&viewer)), rows }))
}
