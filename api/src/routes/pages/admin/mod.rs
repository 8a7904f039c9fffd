//! The admin console as HTML: the event list with search, the create and edit forms (times in
//! the event's own zone, prices in its own units), delete with confirmation, the audit log.
//! The steps are the same `tessera_core::catalog` functions the JSON API calls.

mod analytics;
mod delete;
mod edit;
mod finance;
mod form;
mod image;
mod tickets;

pub use analytics::analytics;
pub use delete::{delete_event, delete_event_page};
pub use edit::{create_event, edit_event, edit_event_page, new_event};
pub use finance::{finance, resolve as resolve_discrepancy};
pub use image::upload_image;
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
};
use tessera_core::money::Currency;
use tessera_web::pages::{
    AdminAuditPage, AdminEventDeletePage, AdminEventFormPage, AdminEventRow, AdminEventsPage, AuditRow,
    Choice, Chrome, EventForm, TicketRow,
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

// ---- payments due for refund

pub async fn refunds(State(state): State<AppState>, admin: AdminPage) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let mut send_back: HashMap<uuid::Uuid, Vec<String>> = HashMap::new();
    for due in tessera_core::order::eth_receipt::due_back(&state.db, 500).await? {
        let amount = on_chain_amount(&due.amount, due.asset.as_deref(), due.decimals, &due.token);
        send_back.entry(due.order_id).or_default().push(format!(
            "Send back {amount} to {} (paid in {}, log {})",
            due.payer, due.tx_hash, due.log_index
        ));
    }
    let rows = tessera_core::order::refunds_due(&state.db, 500)
        .await?
        .into_iter()
        .map(|r| tessera_web::pages::RefundRow {
            send_back: send_back.get(&r.order_id).cloned().unwrap_or_default(),
            received_at: r.received_at.format("%Y-%m-%d %H:%M").to_string(),
            customer_email: r.customer_email,
            event_title: r.event_title,
            amount: tessera_web::view::price(&r.currency, r.received_minor),
            reason: match r.refund_reason.as_str() {
                "sold_out_after_expiry" => "Paid after the hold ended; sold out by then",
                "event_closed" => "Paid after the hold ended; the event was cancelled or under way",
                "duplicate_payment" => "Second payment for a paid order",
                "amount_mismatch" => "Amount paid differs from the order",
                "partial_payment" => "Paid only part of the order before the invoice expired",
                "overpaid" => "Paid more than the order; the excess",
                "invoice_invalid" => "Money on an invoice that was made invalid",
                "underpaid" => "Paid on chain less than the quote, or in another asset",
                _ => "Order was already closed",
            },
            provider_ref: r.provider_payment_ref.or(r.provider_ref).unwrap_or_default(),
            order_id: r.order_id.to_string(),
            order_status: r.order_status,
        })
        .collect();
    let mut unmatched: Vec<(DateTime<Utc>, tessera_web::pages::UnmatchedRow)> =
        tessera_core::order::unmatched_payments(&state.db, 500)
            .await?
            .into_iter()
            .map(|u| {
                let row = tessera_web::pages::UnmatchedRow {
                    received_at: u.created_at.format("%Y-%m-%d %H:%M").to_string(),
                    amount: tessera_web::view::price(&u.currency.to_ascii_uppercase(), u.amount_minor),
                    refund_to: match u.provider.as_str() {
                        "stripe" => "The card, at Stripe".into(),
                        "btcpay" => "The payer, through BTCPay".into(),
                        other => format!("The payer, at {other}"),
                    },
                    provider_ref: u.provider_payment_ref.unwrap_or(u.provider_ref),
                    claimed_order_ref: u.claimed_order_ref.unwrap_or_else(|| "(none)".into()),
                };
                (u.created_at, row)
            })
            .collect();
    // Money sent to our contract for order ids we never quoted: back to the sending address.
    for orphan in tessera_core::order::eth_receipt::orphans(&state.db, 500).await? {
        let amount = on_chain_amount(&orphan.amount, orphan.asset.as_deref(), orphan.decimals, &orphan.token);
        let row = tessera_web::pages::UnmatchedRow {
            received_at: orphan.block_time.format("%Y-%m-%d %H:%M").to_string(),
            amount,
            provider_ref: format!("{} (log {})", orphan.tx_hash, orphan.log_index),
            claimed_order_ref: orphan.order_ref,
            refund_to: orphan.payer,
        };
        unmatched.push((orphan.block_time, row));
    }
    unmatched.sort_by_key(|(received_at, _)| std::cmp::Reverse(*received_at));
    let unmatched = unmatched.into_iter().map(|(_, row)| row).collect();
    Ok(render_html(
        StatusCode::OK,
        &tessera_web::pages::AdminRefundsPage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            rows,
            unmatched,
        },
    ))
}

/// An amount in an asset's base units as people read it: `0.005 ETH`, or the base units and
/// the token's address when we do not know the token.
fn on_chain_amount(base_units: &str, asset: Option<&str>, decimals: Option<i32>, token: &str) -> String {
    match (asset, decimals) {
        (Some(asset), Some(decimals)) => {
            format!(
                "{} {asset}",
                tessera_core::money::units_decimal(base_units, decimals.max(0).unsigned_abs())
            )
        }
        _ => format!("{base_units} base units of token {token}"),
    }
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
