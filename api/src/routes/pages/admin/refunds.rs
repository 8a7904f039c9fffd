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
use tessera_i18n::format::{Style, instant};
use tessera_i18n::{current, message_args, t};
use tessera_web::pages::{
    AdminOrderPage, AdminPaymentRow, AdminRefundsPage, AdminTicketRow, Chrome, IssuedRefundRow, RefundRow,
    UnmatchedRow,
};
use tessera_web::view::price;
use uuid::Uuid;

use super::{order_status_words, payment_state_label, viewer_chrome};
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
        _ => message_args(
            current(),
            "admin-refunds-base-units",
            [("units", base_units.to_string().into()), ("token", token.to_string().into())],
        ),
    }
}

/// A refund's state in words.
fn refund_status_label(status: RefundStatus) -> String {
    t(match status {
        RefundStatus::Requested => "admin-refund-status-requested",
        RefundStatus::Sent => "admin-refund-status-sent",
        RefundStatus::Succeeded => "admin-refund-status-succeeded",
        RefundStatus::Failed => "admin-refund-status-failed",
        RefundStatus::Cancelled => "admin-refund-status-cancelled",
    })
}

/// Why a refund was made, in words.
fn refund_cause_label(cause: RefundCause) -> String {
    t(match cause {
        RefundCause::RequestedByCustomer => "admin-refund-cause-customer",
        RefundCause::Admin => "admin-refund-cause-admin",
        RefundCause::EventCancelled => "admin-refund-cause-event-cancelled",
        RefundCause::MoneyDueBack => "admin-refund-cause-money-due-back",
        RefundCause::Outside => "admin-refund-cause-outside",
    })
}

fn refund_state(status: Option<&str>) -> Option<String> {
    let status = status?.parse::<RefundStatus>().ok()?;
    Some(match status {
        RefundStatus::Failed => t("admin-refunds-last-failed"),
        RefundStatus::Cancelled => t("admin-refunds-last-cancelled"),
        live => refund_status_label(live),
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
        (RefundStatus::Requested | RefundStatus::Sent, Some(why)) => {
            message_args(current(), "admin-refunds-waiting", [("why", why.clone().into())])
        }
        (RefundStatus::Requested, None) if r.rail == "eth" => t("admin-refunds-wallet-soon"),
        _ => String::new(),
    };
    let note = match (&r.refund_to, &r.claim_url) {
        (Some(to), _) if waiting.is_empty() => {
            message_args(current(), "admin-refunds-to", [("to", to.clone().into())])
        }
        (Some(to), _) => format!(
            "{} {waiting}",
            message_args(current(), "admin-refunds-to-then", [("to", to.clone().into())])
        ),
        // Money for no order: nobody to email the claim link to, so the admin passes it on.
        (None, Some(link)) if r.order_id.is_none() && r.status == RefundStatus::Sent => {
            message_args(current(), "admin-refunds-claim-link", [("link", link.clone().into())])
        }
        _ => waiting,
    };
    IssuedRefundRow {
        id: r.id.to_string(),
        note,
        requested_at: r.created_at.format("%Y-%m-%d %H:%M").to_string(),
        amount,
        cause: refund_cause_label(r.cause),
        requested_by: r.requested_by.unwrap_or_else(|| "—".into()),
        status: r.status.as_str(),
        status_label: refund_status_label(r.status),
        failure_reason: r.failure_reason.unwrap_or_default(),
        provider_ref: r.provider_ref.unwrap_or_default(),
        order_id: r.order_id.map(|id| id.to_string()),
        tickets: i64::try_from(r.ticket_ids.len()).unwrap_or(i64::MAX),
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
    let notice = query
        .done
        .as_deref()
        .and_then(|id| Uuid::try_parse(id).ok())
        .map(|id| message_args(current(), "admin-refunds-done", [("id", id.to_string().into())]));
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
        let amount = state.on_chain(amount, Some(due.chain_id));
        send_back.entry(due.order_id).or_default().push(message_args(
            current(),
            "admin-refunds-goes-back",
            [
                ("amount", amount.into()),
                ("payer", due.payer.clone().into()),
                ("tx", due.tx_hash.clone().into()),
                ("log", due.log_index.to_string().into()),
            ],
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
                reason: t(match r.refund_reason.as_str() {
                    "sold_out_after_expiry" => "admin-due-sold-out",
                    "event_closed" => "admin-due-event-closed",
                    "duplicate_payment" => "admin-due-duplicate",
                    "amount_mismatch" => "admin-due-amount-mismatch",
                    "wrong_rail" => "admin-due-wrong-rail",
                    "partial_payment" => "admin-due-partial",
                    "overpaid" => "admin-due-overpaid",
                    "invoice_invalid" => "admin-due-invoice-invalid",
                    "underpaid" => "admin-due-underpaid",
                    _ => "admin-due-order-closed",
                }),
                refund_state: refund_state(r.refund_status.as_deref()),
                refund_action: (!in_flight
                    && ((r.provider == "stripe" && r.received_minor > r.refunding_minor)
                        || ((r.provider == "btcpay" || r.provider == "ethereum")
                            && r.refund_status.as_deref() != Some("succeeded"))))
                .then(|| format!("/admin/refunds/payments/{}", r.payment_id)),
                provider_ref: r.provider_payment_ref.or(r.provider_ref).unwrap_or_default(),
                order_id: r.order_id.to_string(),
                order_status: order_status_words(&r.order_status),
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
                    "stripe" => t("admin-refunds-to-card"),
                    "btcpay" => t("admin-refunds-to-btcpay"),
                    other => message_args(
                        current(),
                        "admin-refunds-to-payer-at",
                        [("provider", other.to_string().into())],
                    ),
                },
                refund_state: refund_state(u.refund_status.as_deref()),
                refund_action: (((u.provider == "stripe" && u.provider_payment_ref.is_some())
                    || (u.provider == "btcpay" && u.refund_status.as_deref() != Some("succeeded")))
                    && !in_flight)
                    .then(|| format!("/admin/refunds/unmatched/{}", u.id)),
                provider_ref: u.provider_payment_ref.unwrap_or(u.provider_ref),
                claimed_order_ref: u.claimed_order_ref.unwrap_or_else(|| t("admin-refunds-no-reference")),
            };
            (u.created_at, row)
        })
        .collect();
    // Money sent to our contract for order ids we never quoted: back to the sending address.
    for orphan in listed.eth_orphans {
        let amount = on_chain_amount(&orphan.amount, orphan.asset.as_deref(), orphan.decimals, &orphan.token);
        let amount = state.on_chain(amount, Some(orphan.chain_id));
        let row = UnmatchedRow {
            received_at: orphan.block_time.format("%Y-%m-%d %H:%M").to_string(),
            amount,
            provider_ref: message_args(
                current(),
                "admin-refunds-tx-log",
                [("tx", orphan.tx_hash.clone().into()), ("log", orphan.log_index.to_string().into())],
            ),
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
        Err(Error::InvalidBody(t("admin-error-form-expired")))
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
            let message = message_args(
                current(),
                "admin-refunds-cancel-too-late",
                [("state", refund_status_label(found.status).into())],
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
    let notice = query.refunded.map(|_| t("admin-order-refunded-notice"));
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
    let exponent = Currency::from_str(&currency).map_or(2, |c| c.exponent());
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
        event_when: instant(current(), order.event.starts_at, zone.name(), Style::DateTime),
        status_label: if order.status.is_paid() && view.refunds.iter().any(|r| r.status.is_live()) {
            t("order-status-partly-refunded")
        } else {
            tessera_web::view::order_status_label(order.status)
        },
        total: price(&currency, order.total_minor),
        refunded: price(&currency, order.refunded_minor),
        refundable: match (refundable, crypto) {
            (false, _) => String::new(),
            (true, Some("btcpay")) => t("admin-order-refundable-btc"),
            (true, Some(_)) => t("admin-order-refundable-eth"),
            (true, None) => price(&currency, left),
        },
        amount_example: message_args(
            current(),
            "admin-order-amount-example",
            [("amount", super::form::major_units(1000 * 10i64.pow(exponent) / 100, exponent).into())],
        ),
        placed_at: order.created_at.format("%Y-%m-%d %H:%M").to_string(),
        payments: view
            .payments
            .iter()
            .map(|p| AdminPaymentRow {
                provider: match p.provider.as_str() {
                    "stripe" => "Stripe".to_string(),
                    "btcpay" => "BTCPay".to_string(),
                    "ethereum" => "Ethereum".to_string(),
                    "free" => t("admin-provider-free"),
                    other => other.to_string(),
                },
                reference: p
                    .provider_payment_ref
                    .clone()
                    .or_else(|| p.provider_ref.clone())
                    .unwrap_or_default(),
                status: payment_state_label(&p.status),
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
                        "disputed" => tessera_i18n::t("admin-ticket-void-disputed"),
                        "event_cancelled" => tessera_i18n::t("admin-ticket-void-cancelled"),
                        _ => tessera_i18n::t("admin-ticket-refunded"),
                    },
                    (None, Some(at)) => message_args(
                        current(),
                        "admin-ticket-checked-in",
                        [("when", instant(current(), at, zone.name(), Style::DayTime).into())],
                    ),
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
        (false, Some(_)) => Err(t("admin-error-refund-both")),
        (false, None) => Ok(Scope::Tickets(tickets)),
        (true, Some(raw)) => {
            let order =
                tessera_core::order::order_by_id(&state.db, id).await?.ok_or(Error::NotFound("order"))?;
            let exponent = Currency::from_str(&order.currency).map_or(2, |c| c.exponent());
            parse_decimal(raw, exponent).filter(|minor| *minor > 0).map(Scope::Amount).ok_or_else(|| {
                message_args(
                    current(),
                    "admin-error-refund-amount",
                    [("amount", raw.to_string().into()), ("currency", order.currency.clone().into())],
                )
            })
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
