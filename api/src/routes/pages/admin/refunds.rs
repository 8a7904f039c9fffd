//! Refunds as HTML: money due back with a button that sends each back, the refunds asked for
//! and their state, and one order's page with its payments, tickets and refunds, from which an
//! admin refunds all of it, some tickets or an amount. The steps are the JSON API's.

use std::collections::HashMap;
use std::str::FromStr as _;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::money::{Currency, parse_decimal};
use tessera_core::refund::{self, OrderRefund, Refund, RefundCause, RefundStatus, Scope};
use tessera_web::pages::{
    AdminOrderPage, AdminPaymentRow, AdminRefundsPage, AdminTicketRow, Chrome, IssuedRefundRow, RefundRow,
    UnmatchedRow,
};
use tessera_web::view::price;
use uuid::Uuid;

use super::viewer_chrome;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::{AdminPage, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::extract::{OrderNoun, PageId};
use crate::routes::admin::orders::{admin_order, ask_and_send};
use crate::routes::admin::refunds::{PaymentNoun, RefundNoun, page, parse_cursor};
use crate::state::AppState;

/// A fresh key for the actions of a page just rendered.
fn fresh_key() -> String {
    Uuid::new_v4().simple().to_string()
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

fn refund_state(status: Option<&str>) -> Option<String> {
    let status = status?.parse::<RefundStatus>().ok()?;
    Some(match status {
        RefundStatus::Failed | RefundStatus::Cancelled => {
            format!("Last refund: {}", status.label().to_lowercase())
        }
        live => live.label().to_string(),
    })
}

fn issued_row(r: Refund) -> IssuedRefundRow {
    let amount = match r.amount_minor() {
        Some(minor) if r.rail == "card" => price(&r.asset, minor),
        _ => format!(
            "{} {}",
            tessera_core::money::units_decimal(&r.amount, r.decimals.max(0).unsigned_abs()),
            r.asset
        ),
    };
    let waiting = match (r.status, &r.send_error) {
        (RefundStatus::Requested | RefundStatus::Sent, Some(why)) => format!("Waiting: {why}"),
        (RefundStatus::Requested, None) if r.rail == "eth" => {
            "The refund wallet sends it within a minute".into()
        }
        _ => String::new(),
    };
    let note = match (&r.refund_to, &r.claim_url) {
        (Some(to), _) if waiting.is_empty() => format!("To {to}"),
        (Some(to), _) => format!("To {to}. {waiting}"),
        // Money for no order: nobody to email the claim link to, so the admin passes it on.
        (None, Some(link)) if r.order_id.is_none() && r.status == RefundStatus::Sent => {
            format!("Claim link for the payer: {link}")
        }
        _ => waiting,
    };
    IssuedRefundRow {
        id: r.id.to_string(),
        note,
        requested_at: r.created_at.format("%Y-%m-%d %H:%M").to_string(),
        amount,
        cause: r.cause.label(),
        requested_by: r.requested_by.unwrap_or_else(|| "—".into()),
        status: r.status.as_str(),
        status_label: r.status.label(),
        failure_reason: r.failure_reason.unwrap_or_default(),
        provider_ref: r.provider_ref.unwrap_or_default(),
        order_id: r.order_id.map(|id| id.to_string()),
        tickets: r.ticket_ids.len(),
        cancellable: r.status == RefundStatus::Requested,
    }
}

#[derive(Debug, Deserialize)]
pub struct RefundsQuery {
    before: Option<String>,
    done: Option<String>,
}

/// `GET /admin/refunds`.
pub async fn refunds(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    Query(query): Query<RefundsQuery>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let notice = query.done.as_deref().and_then(|id| Uuid::try_parse(id).ok()).map(|id| {
        format!("Refund {id} asked for; its state is below and follows what the provider reports.")
    });
    let page = refunds_page(&state, &viewer, &csrf.token, query.before.as_deref(), notice, None).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

async fn refunds_page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &str,
    before: Option<&str>,
    notice: Option<String>,
    error: Option<String>,
) -> Result<AdminRefundsPage, Error> {
    // A cursor this list never gave names no page.
    let cursor = parse_cursor(before).map_err(|_| Error::NotFound("page"))?;
    let listed = page(state, cursor, None).await?;
    let mut send_back: HashMap<Uuid, Vec<String>> = HashMap::new();
    for due in &listed.eth_due_back {
        let amount = on_chain_amount(&due.amount, due.asset.as_deref(), due.decimals, &due.token);
        send_back.entry(due.order_id).or_default().push(format!(
            "Goes back: {amount} to {} (paid in {}, log {})",
            due.payer, due.tx_hash, due.log_index
        ));
    }
    let rows = listed
        .refunds
        .into_iter()
        .map(|r| {
            let in_flight = matches!(r.refund_status.as_deref(), Some("requested" | "sent"));
            RefundRow {
                send_back: if r.provider == "ethereum" && in_flight {
                    Vec::new()
                } else {
                    send_back.get(&r.order_id).cloned().unwrap_or_default()
                },
                received_at: r.received_at.format("%Y-%m-%d %H:%M").to_string(),
                customer_email: r.customer_email,
                event_title: r.event_title,
                // Refunds of crypto count in the coin's units: the fiat due is shown as it came.
                amount: if r.provider == "btcpay" || r.provider == "ethereum" {
                    price(&r.currency, r.received_minor)
                } else {
                    price(&r.currency, r.received_minor - r.refunding_minor)
                },
                reason: match r.refund_reason.as_str() {
                    "sold_out_after_expiry" => "Paid after the hold ended; sold out by then",
                    "event_closed" => "Paid after the hold ended; the event was cancelled or under way",
                    "duplicate_payment" => "Second payment for a paid order",
                    "amount_mismatch" => "Amount paid differs from the order",
                    "wrong_rail" => "Paid by another method than the order's",
                    "partial_payment" => "Paid only part of the order before the invoice expired",
                    "overpaid" => "Paid more than the order; the excess",
                    "invoice_invalid" => "Money on an invoice that was made invalid",
                    "underpaid" => "Paid on chain less than the quote, or in another asset",
                    _ => "Order was already closed",
                },
                refund_state: refund_state(r.refund_status.as_deref()),
                refund_action: (!in_flight
                    && ((r.provider == "stripe" && r.received_minor > r.refunding_minor)
                        || ((r.provider == "btcpay" || r.provider == "ethereum")
                            && r.refund_status.as_deref() != Some("succeeded"))))
                .then(|| format!("/admin/refunds/payments/{}", r.payment_id)),
                provider_ref: r.provider_payment_ref.or(r.provider_ref).unwrap_or_default(),
                order_id: r.order_id.to_string(),
                order_status: r.order_status,
            }
        })
        .collect();
    let mut unmatched: Vec<(chrono::DateTime<chrono::Utc>, UnmatchedRow)> = listed
        .unmatched
        .into_iter()
        .map(|u| {
            let in_flight = matches!(u.refund_status.as_deref(), Some("requested" | "sent"));
            let row = UnmatchedRow {
                received_at: u.created_at.format("%Y-%m-%d %H:%M").to_string(),
                // Bitcoin refunds count in satoshis: the fiat it came as is shown.
                amount: if u.provider == "btcpay" {
                    price(&u.currency.to_ascii_uppercase(), u.amount_minor)
                } else {
                    price(&u.currency.to_ascii_uppercase(), u.amount_minor - u.refunding_minor)
                },
                refund_to: match u.provider.as_str() {
                    "stripe" => "The card, at Stripe".into(),
                    "btcpay" => "The payer, who claims it on BTCPay's page (its link is listed below)".into(),
                    other => format!("The payer, at {other}"),
                },
                refund_state: refund_state(u.refund_status.as_deref()),
                refund_action: (((u.provider == "stripe" && u.provider_payment_ref.is_some())
                    || (u.provider == "btcpay" && u.refund_status.as_deref() != Some("succeeded")))
                    && !in_flight)
                    .then(|| format!("/admin/refunds/unmatched/{}", u.id)),
                provider_ref: u.provider_payment_ref.unwrap_or(u.provider_ref),
                claimed_order_ref: u.claimed_order_ref.unwrap_or_else(|| "(none)".into()),
            };
            (u.created_at, row)
        })
        .collect();
    // Money sent to our contract for order ids we never quoted: back to the sending address.
    for orphan in listed.eth_orphans {
        let amount = on_chain_amount(&orphan.amount, orphan.asset.as_deref(), orphan.decimals, &orphan.token);
        let row = UnmatchedRow {
            received_at: orphan.block_time.format("%Y-%m-%d %H:%M").to_string(),
            amount,
            provider_ref: format!("{} (log {})", orphan.tx_hash, orphan.log_index),
            claimed_order_ref: orphan.order_ref,
            refund_to: orphan.payer,
            refund_action: (!matches!(
                orphan.refund_status.as_deref(),
                Some("requested" | "sent" | "succeeded")
            ))
            .then(|| format!("/admin/refunds/eth/{}", orphan.eth_receipt_id)),
            refund_state: refund_state(orphan.refund_status.as_deref()),
        };
        unmatched.push((orphan.block_time, row));
    }
    unmatched.sort_by_key(|(received_at, _)| std::cmp::Reverse(*received_at));
    Ok(AdminRefundsPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        key: fresh_key(),
        rows,
        unmatched: unmatched.into_iter().map(|(_, row)| row).collect(),
        issued: listed.issued.into_iter().map(issued_row).collect(),
        notice,
        error,
        next_href: listed.next_before.map(|cursor| {
            format!(
                "/admin/refunds?{}",
                serde_urlencoded::to_string([("before", cursor)]).unwrap_or_default()
            )
        }),
        first_href: before.is_some().then(|| "/admin/refunds".to_string()),
    })
}

#[derive(Debug, Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    key: String,
}

/// The page's action key, checked like an `Idempotency-Key`.
fn form_key(raw: &str) -> Result<String, Error> {
    if tessera_core::order::is_idempotency_key(raw) {
        Ok(format!("admin:{raw}"))
    } else {
        Err(Error::InvalidBody("The form has expired; reload the page and try again.".into()))
    }
}

/// After an action on the refunds page: back to it with a notice, or the page with the error.
async fn after_action(
    state: &AppState,
    viewer: &Viewer,
    csrf: CsrfToken,
    done: Result<(Refund, bool), refund::RefundError>,
) -> Result<Response, PageError> {
    match done {
        Ok((asked, _)) => {
            if asked.status == RefundStatus::Requested {
                crate::refunds::send(state, asked.id).await?;
            }
            Ok(Redirect::to(&format!("/admin/refunds?done={}", asked.id)).into_response())
        }
        Err(err) => {
            let err = Error::from(err);
            let status = err.status();
            if status.is_server_error() {
                return Err(err.into());
            }
            let page = refunds_page(state, viewer, &csrf.token, None, None, Some(err.to_string())).await?;
            Ok(csrf.attach(render_html(status, &page)))
        }
    }
}

/// `POST /admin/refunds/payments/{id}`: send back what is due on a payment.
pub async fn refund_payment(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<PaymentNoun>,
    CsrfForm(form): CsrfForm<KeyForm>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let admin_id = admin.account_id();
    let key = form_key(&form.key)?;
    let done = refund::request_due_back(&state.db, id, admin_id, &key).await;
    after_action(&state, &viewer, csrf, done).await
}

/// `POST /admin/refunds/unmatched/{id}`: send back card or bitcoin money for no order of ours.
pub async fn refund_unmatched(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<PaymentNoun>,
    CsrfForm(form): CsrfForm<KeyForm>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let admin_id = admin.account_id();
    let key = form_key(&form.key)?;
    let done = refund::request_unmatched(&state.db, id, admin_id, &key).await;
    after_action(&state, &viewer, csrf, done).await
}

/// `POST /admin/refunds/eth/{id}`: send back money paid to our contract for an order id we never
/// quoted.
pub async fn refund_eth_orphan(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<PaymentNoun>,
    CsrfForm(form): CsrfForm<KeyForm>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let admin_id = admin.account_id();
    let key = form_key(&form.key)?;
    let done = refund::request_eth_orphan(&state.db, id, admin_id, &key).await;
    after_action(&state, &viewer, csrf, done).await
}

/// `POST /admin/refunds/{id}/cancel`.
pub async fn cancel_refund(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<RefundNoun>,
    _: CsrfForm,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let found = refund::refund(&state.db, id).await?.ok_or(Error::NotFound("refund"))?;
    let back = found.order_id.map_or("/admin/refunds".to_string(), |order| format!("/admin/orders/{order}"));
    match refund::cancel(&state.db, id, admin.account_id()).await {
        Ok(refund::Settled::Unchanged) if found.status != RefundStatus::Cancelled => {
            let message = format!(
                "This refund was already handed to the provider ({}), so it can no longer be cancelled.",
                found.status.label().to_lowercase()
            );
            let page = refunds_page(&state, &viewer, &csrf.token, None, None, Some(message)).await?;
            Ok(csrf.attach(render_html(StatusCode::CONFLICT, &page)))
        }
        Ok(_) => Ok(Redirect::to(&back).into_response()),
        Err(err) => {
            let err = Error::from(err);
            let status = err.status();
            if status.is_server_error() {
                return Err(err.into());
            }
            let page = refunds_page(&state, &viewer, &csrf.token, None, None, Some(err.to_string())).await?;
            Ok(csrf.attach(render_html(status, &page)))
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct OrderQuery {
    refunded: Option<String>,
}

/// `GET /admin/orders/{id}`.
pub async fn order_page(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<OrderNoun>,
    Query(query): Query<OrderQuery>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let notice = query.refunded.map(|_| "Refund asked for; its state is below.".to_string());
    let page = order_view(&state, &viewer, &csrf.token, id, notice, None).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

async fn order_view(
    state: &AppState,
    viewer: &Viewer,
    csrf: &str,
    order_id: Uuid,
    notice: Option<String>,
    error: Option<String>,
) -> Result<AdminOrderPage, Error> {
    let view = admin_order(state, order_id).await?;
    let order = &view.order;
    let currency = order.currency.clone();
    let paying = view.payments.iter().find(|p| p.status == "succeeded" && p.provider == "stripe");
    // Crypto refunds count in the coin's units: what is left is the payment's, said in words.
    let crypto = view
        .payments
        .iter()
        .find(|p| p.status == "succeeded" && (p.provider == "btcpay" || p.provider == "ethereum"))
        .map(|p| p.provider.as_str());
    let left = paying.map_or(0, |p| {
        let live: i64 = view
            .refunds
            .iter()
            .filter(|r| r.payment_id == Some(p.payment_id) && r.status.is_live())
            .filter_map(Refund::amount_minor)
            .sum();
        p.received_minor.unwrap_or(0) - live
    });
    let refundable = order.status.is_paid() && (left > 0 || crypto.is_some());
    let zone = order.event.timezone.parse::<chrono_tz::Tz>().unwrap_or(chrono_tz::Tz::UTC);
    Ok(AdminOrderPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        key: fresh_key(),
        order_id: order_id.to_string(),
        customer_email: view.customer_email.clone(),
        event_title: order.event.title.clone(),
        event_when: order.event.starts_at.with_timezone(&zone).format("%a %-d %b %Y, %H:%M").to_string(),
        status_label: order.status_label.to_string(),
        total: price(&currency, order.total_minor),
        refunded: price(&currency, order.refunded_minor),
        refundable: match (refundable, crypto) {
            (false, _) => String::new(),
            (true, Some("btcpay")) => "the bitcoin the invoice received".into(),
            (true, Some(_)) => "what the payment sent to the contract, back to the address that paid".into(),
            (true, None) => price(&currency, left),
        },
        placed_at: order.created_at.format("%Y-%m-%d %H:%M").to_string(),
        payments: view
            .payments
            .iter()
            .map(|p| AdminPaymentRow {
                provider: p.provider.clone(),
                reference: p
                    .provider_payment_ref
                    .clone()
                    .or_else(|| p.provider_ref.clone())
                    .unwrap_or_default(),
                status: p.status.clone(),
                amount: price(&p.currency, p.amount_minor),
                received: p.received_minor.map(|r| price(&p.currency, r)).unwrap_or_default(),
                dispute: match (&p.dispute_ref, &p.dispute_status) {
                    (Some(id), Some(status)) => format!("{status} ({id})"),
                    _ => String::new(),
                },
            })
            .collect(),
        tickets: view
            .tickets
            .iter()
            .map(|t| AdminTicketRow {
                id: t.ticket_id.to_string(),
                serial: t.serial.clone(),
                holder_name: t.holder_name.clone(),
                ticket_type: t.ticket_type_name.clone(),
                price: price(&t.currency, t.price_minor),
                state: match (&t.void_reason, t.checked_in_at) {
                    (Some(reason), _) => match reason.as_str() {
                        "disputed" => "Void: payment disputed".into(),
                        "event_cancelled" => "Void: event cancelled".into(),
                        _ => "Refunded".into(),
                    },
                    (None, Some(at)) => {
                        format!("Checked in {}", at.with_timezone(&zone).format("%-d %b %H:%M"))
                    }
                    (None, None) => String::new(),
                },
                checked_in: t.checked_in_at.is_some(),
                refundable: refundable && t.void_reason.is_none(),
            })
            .collect(),
        refunds: view.refunds.iter().cloned().map(issued_row).collect(),
        currency,
        notice,
        error,
    })
}

/// `POST /admin/orders/{id}/refund`: ticked tickets, or an amount, or everything left.
pub async fn refund_order(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<OrderNoun>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let key = form_key(form.get("key").map_or("", String::as_str))?;
    let tickets: Vec<Uuid> = form
        .keys()
        .filter_map(|name| name.strip_prefix("ticket_"))
        .filter_map(|id| Uuid::try_parse(id).ok())
        .collect();
    let amount = form.get("amount").map(|a| a.trim()).filter(|a| !a.is_empty());
    let scope = match (tickets.is_empty(), amount) {
        (false, Some(_)) => Err("Tick tickets or give an amount, not both.".to_string()),
        (false, None) => Ok(Scope::Tickets(tickets)),
        (true, Some(raw)) => {
            let order =
                tessera_core::order::order_by_id(&state.db, id).await?.ok_or(Error::NotFound("order"))?;
            let exponent = Currency::from_str(&order.currency).map_or(2, |c| c.exponent());
            parse_decimal(raw, exponent)
                .filter(|minor| *minor > 0)
                .map(Scope::Amount)
                .ok_or_else(|| format!("{raw:?} is not an amount of {}.", order.currency))
        }
        (true, None) => Ok(Scope::Order),
    };
    let result = match scope {
        Err(message) => Err(Error::Unprocessable { code: "invalid_refund", message, field: Some("amount") }),
        Ok(scope) => ask_and_send(
            &state,
            OrderRefund {
                order_id: id,
                scope,
                cause: RefundCause::Admin,
                requested_by: Some(admin.account_id()),
                by_admin: true,
                idempotency_key: key,
                override_checked_in: form.contains_key("override_checked_in"),
                fee_minor: 0,
            },
        )
        .await
        .map(|_| ()),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("/admin/orders/{id}?refunded=1")).into_response()),
        Err(err) if !err.status().is_server_error() && err.status() != StatusCode::NOT_FOUND => {
            let status = err.status();
            let page = order_view(&state, &viewer, &csrf.token, id, None, Some(err.to_string())).await?;
            Ok(csrf.attach(render_html(status, &page)))
        }
        Err(err) => Err(err.into()),
    }
}
