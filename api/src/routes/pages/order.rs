//! The order page: the order's true state from the database, right after the customer comes
//! back from paying ("confirming your payment" until the payment is committed, then "paid"),
//! following it without a reload while it is unsettled.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::money::plain_decimal;
use tessera_core::order::{Order, OrderStatus, PaymentMethod};
use tessera_web::pages::{Chrome, OrderLine, OrderPage, TicketLine};
use tessera_web::view::{OrderSummary, price};
use uuid::Uuid;

use super::account::viewer_chrome;
use crate::auth::Viewer;
use crate::auth::csrf::{self, CsrfToken};
use crate::error::{Error, PageError, render_html};
use crate::extract::FormBody;
use crate::orders;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct OrderQuery {
    /// `success` or `cancelled`: the checkout sent the customer back.
    checkout: Option<String>,
}

/// `GET /orders/{id}`: owner only; anyone else gets the same 404 as for no order at all.
pub async fn order_page(
    State(state): State<AppState>,
    viewer: Viewer,
    csrf: CsrfToken,
    Path(id): Path<String>,
    Query(query): Query<OrderQuery>,
) -> Result<Response, PageError> {
    let Some(signed_in) = viewer.0.as_ref() else {
        return Ok(Redirect::to(&format!("/login?next=/orders/{id}")).into_response());
    };
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("order"))?;
    let order = orders::load(&state, id, signed_in.account.id).await?;
    let mut page = page(&viewer, &csrf.token, &order, query.checkout.as_deref());
    if order.payment_method == PaymentMethod::Btc {
        page.transactions = tessera_chain_watcher::btcpay::receipts_of_order(&state.db, order.id)
            .await
            .map_err(Error::from)?
            .into_iter()
            .map(|r| {
                let state = match r.status.as_str() {
                    "settled" => "confirmed",
                    "invalid" => "replaced, does not count",
                    _ => "waiting for confirmations",
                };
                (format!("{}:{}", r.txid, r.vout), plain_decimal(r.amount_sat, 8), state.to_string())
            })
            .collect();
    }
    if order.status.is_paid() {
        let progress = tessera_core::delivery::progress(&state.db, order.id).await.map_err(Error::from)?;
        page.tickets = progress
            .tickets
            .into_iter()
            .map(|t| TicketLine {
                serial: t.serial,
                ticket_type: t.ticket_type_name,
                checked_in: t.checked_in_at.is_some(),
            })
            .collect();
        if progress.pdf_ready {
            page.tickets_pdf = Some(format!("/api/orders/{}/tickets.pdf", order.id));
        } else if progress.failed {
            // Stuck: say so instead of waiting for ever; our admins see it and retry.
            page.delivery_delayed = true;
        } else {
            // Paid, tickets on their way: follow until they can be downloaded.
            page.poll = true;
        }
    }
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

#[derive(Debug, Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    csrf_token: String,
}

/// `POST /orders/{id}/cancel`.
pub async fn cancel_submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    FormBody(form): FormBody<CancelForm>,
) -> Result<Response, PageError> {
    csrf::verify(&headers, &form.csrf_token)?;
    let Some(signed_in) = viewer.0.as_ref() else {
        return Ok(Redirect::to(&format!("/login?next=/orders/{id}")).into_response());
    };
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("order"))?;
    match orders::cancel(&state, id, signed_in.account.id).await {
        // Already paid or closed: the page says what it is now.
        Ok(_) | Err(Error::Conflict { .. }) => Ok(Redirect::to(&format!("/orders/{id}")).into_response()),
        Err(err) => Err(err.into()),
    }
}

fn page(viewer: &Viewer, csrf: &str, order: &Order, checkout: Option<&str>) -> OrderPage {
    let pending = order.status == OrderStatus::PendingPayment;
    // Back from paying, or a payment already seen: the provider's word is on its way.
    let confirming = pending && (checkout == Some("success") || order.payment_detected);
    let payment = order.payment.as_ref();
    let refund_note = payment.and_then(|p| p.refund_reason.as_deref()).map(|reason| {
        let why = match reason {
            "sold_out_after_expiry" => "your payment arrived after the hold ended and the tickets had sold out",
            "event_closed" => "your payment arrived after the hold ended, when the event was no longer on sale",
            "duplicate_payment" => "this order had already been paid",
            "amount_mismatch" => "the amount paid did not match the order",
            "partial_payment" => "it did not reach the order's total before the invoice expired",
            "invoice_invalid" => "the invoice was made invalid before it could pay the order",
            "underpaid" => "it was less than the quote asked (or in another asset), so it could not pay the order",
            _ => "the order had already been closed",
        };
        format!("We received your payment, but {why}. It will be refunded in full; you do not need to do anything.")
    });
    let overpaid = payment.map_or(0, |p| p.overpaid_minor);
    let overpaid_note = (overpaid > 0 && order.status.is_paid()).then(|| {
        format!(
            "You paid {} more than the order's total. The difference will be refunded; you do not need to do anything.",
            price(&order.currency, overpaid)
        )
    });
    let seen = payment.and_then(|p| p.seen_minor).unwrap_or(0);
    // A bitcoin invoice paid in part: what came, and what is missing, until it expires.
    let part_paid = order
        .part_paid()
        .map(|(seen, missing)| (price(&order.currency, seen), price(&order.currency, missing)));
    OrderPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        script: tessera_web::assets::order_script_href(),
        csrf: csrf.to_string(),
        order: OrderSummary::new(order),
        lines: order
            .items
            .iter()
            .map(|item| OrderLine {
                name: item.name.clone(),
                quantity: item.quantity,
                unit_price: price(&order.currency, item.unit_price_minor),
                subtotal: price(&order.currency, item.unit_price_minor * i64::from(item.quantity)),
            })
            .collect(),
        pay_url: payment.and_then(|p| p.redirect_url.clone()).filter(|_| pending),
        confirming,
        checkout_cancelled: pending && checkout == Some("cancelled"),
        poll: pending,
        // The script reloads the page when this changes: a new state, a payment seen, more paid.
        poll_key: format!("{}:{}:{seen}", order.status.as_str(), order.payment_detected),
        bitcoin: order.payment_method == PaymentMethod::Btc,
        part_paid,
        transactions: Vec::new(),
        refund_note: refund_note.or(overpaid_note),
        tickets: Vec::new(),
        tickets_pdf: None,
        delivery_delayed: false,
    }
}
