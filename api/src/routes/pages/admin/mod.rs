//! The admin console as HTML: the event list with search, the create and edit forms (times in
//! the event's own zone, prices in its own units), delete with confirmation, the audit log.
//! The steps are the same `tessera_core::catalog` functions the JSON API calls.

mod analytics;
mod delete;
mod edit;
mod finance;
mod form;
mod image;
mod links;
mod market;
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
pub use links::{create_link, links, remove_link};
pub use market::market;
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
use tessera_i18n::format::{Style, instant};
use tessera_i18n::{current, message_args, t};
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

/// An event's status in words, in the request's language.
pub(super) fn event_status_label(status: &str) -> String {
    t(match status {
        "draft" => "admin-event-status-draft",
        "published" => "admin-event-status-published",
        _ => "admin-event-status-cancelled",
    })
}

/// A payment's or a receipt's state, from its code (`refund_due`, `settled`...), in words; a
/// code this page does not know as it is.
pub(super) fn payment_state_label(code: &str) -> String {
    let id = match code {
        "creating" => "admin-payment-state-creating",
        "open" => "admin-payment-state-open",
        "succeeded" => "admin-payment-state-succeeded",
        "failed" => "admin-payment-state-failed",
        "expired" => "admin-payment-state-expired",
        "refund_due" => "admin-payment-state-refund-due",
        "refunded" => "admin-payment-state-refunded",
        "unmatched" => "admin-payment-state-unmatched",
        "processing" => "admin-payment-state-processing",
        "settled" => "admin-payment-state-settled",
        "invalid" => "admin-payment-state-invalid",
        "seen" => "admin-payment-state-seen",
        "confirmed" => "admin-payment-state-confirmed",
        "reorged" => "admin-payment-state-reorged",
        other => return other.to_string(),
    };
    t(id)
}

/// An order's status, from its code, in the words its customer reads; an unknown code as it is.
pub(super) fn order_status_words(code: &str) -> String {
    tessera_core::order::OrderStatus::from_str(code)
        .map_or_else(|_| code.to_string(), tessera_web::view::order_status_label)
}

/// What an audit log entry's action did, in words; an action this page does not know by its code.
fn audit_action_label(action: &str) -> String {
    let id = match action {
        "event.create" => "admin-audit-event-create",
        "event.edit" => "admin-audit-event-edit",
        "event.delete" => "admin-audit-event-delete",
        "event.refund_policy" => "admin-audit-event-refund-policy",
        "event.limits" => "admin-audit-event-limits",
        "event.release_holds" => "admin-audit-event-release-holds",
        "refund.request" => "admin-audit-refund-request",
        "refund.cancel" => "admin-audit-refund-cancel",
        "discrepancy.resolve" => "admin-audit-discrepancy-resolve",
        "account.role" => "admin-audit-account-role",
        other => return other.to_string(),
    };
    t(id)
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
            when: instant(current(), event.starts_at, &event.timezone, Style::DateTime),
            status: event.status.as_str(),
            status_label: event_status_label(event.status.as_str()),
            slug: event.slug.clone(),
        })
        .collect();
    render_html(
        StatusCode::OK,
        &AdminEventsPage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            q,
            rows,
            notice: query.deleted.map(|_| t("admin-events-deleted")),
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
                admin: entry.admin.unwrap_or_else(|| t("admin-deleted-account")),
                action_label: audit_action_label(&entry.action),
                action: entry.action,
                event_id: entry.event_id.map(|id| id.to_string()).unwrap_or_default(),
                title,
                changes,
            }
        })
        .collect();
    Ok(render_html(StatusCode::OK, &AdminAuditPage { chrome: Chrome::new("", viewer_chrome(&viewer)), rows }))
}
