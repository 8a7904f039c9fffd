//! The order page: the order's true state from the database, right after the customer comes
//! back from paying ("confirming your payment" until the payment is committed, then "paid"),
//! following it without a reload while it is unsettled.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::money::plain_decimal;
use tessera_core::order::{Order, OrderStatus, PaymentMethod, PaymentStatus};
use tessera_core::refund::{RefundStatus, SelfCancel};
use tessera_i18n::format::{Style, instant};
use tessera_i18n::{current, message_args, t};
use tessera_web::pages::with_time;
use tessera_web::pages::{
    Chrome, EthPanel, LightningPanel, OrderLine, OrderPage, RefundLine, RefundOfferView, TicketLine,
};
use tessera_web::view::{OrderSummary, in_zone, price, qr_svg};

use super::account::viewer_chrome;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::{SignedInPage, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::extract::{OrderNoun, PageId};
use crate::orders;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct OrderQuery {
    /// `success` or `cancelled`: the checkout sent the customer back.
    checkout: Option<String>,
    /// Why switching rail did not happen (an error code of [`orders::switch_rail`]).
    switch: Option<String>,
}

/// `GET /orders/{id}`: owner only; anyone else gets the same 404 as for no order at all.
pub async fn order_page(
    State(state): State<AppState>,
    signed_in: SignedInPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<OrderNoun>,
    Query(query): Query<OrderQuery>,
) -> Result<Response, PageError> {
    let order = orders::load(&state, id, signed_in.0.account.id).await?;
    let mut page = page(&signed_in.viewer(), &csrf.token, &order, query.checkout.as_deref());
    if page.order.is_paid {
        page.ask_home =
            tessera_core::account::home(&state.db, signed_in.0.account.id).await.map_err(Error::from)?.1;
    }
    if matches!(order.payment_method, PaymentMethod::Btc | PaymentMethod::Lightning) {
        page.transactions = tessera_core::order::btc_receipt::receipts_of_order(&state.db, order.id)
            .await
            .map_err(Error::from)?
            .into_iter()
            .map(|r| {
                let state = match (r.status.as_str(), r.rail.as_str()) {
                    ("settled", "lightning") => "order-ln-settled",
                    ("settled", _) => "order-tx-confirmed",
                    ("invalid", _) => "order-btc-replaced",
                    _ => "order-btc-waiting",
                };
                (r.reference(), r.amount_btc(), t(state))
            })
            .collect();
    }
    if order.payment_method == PaymentMethod::Lightning {
        page.lightning = lightning_panel(&state, &order);
    }
    // Another way to pay, while the tickets are held and nothing was seen paid.
    if order.status == OrderStatus::PendingPayment
        && !order.payment_detected
        && order.total_minor > 0
        && order.expires_at > chrono::Utc::now()
    {
        // An order keeps the one quote it was given: no other Ethereum asset once it has one.
        let quoted = tessera_core::order::eth::quote_of_order(&state.db, order.id)
            .await
            .map_err(Error::from)?
            .is_some();
        page.switch_methods = state
            .checkout_choices()
            .into_iter()
            // The order's own rail too when its checkout could not be opened: to try again.
            .filter(|(value, _)| {
                let Some((m, _)) = crate::state::parse_choice(value) else { return false };
                (m != order.payment_method
                    || order.payment.as_ref().is_some_and(|p| p.status == PaymentStatus::Failed))
                    && !(quoted && m.eth_asset().is_some())
            })
            .collect();
    }
    page.switch_error = query.switch.as_deref().map(|code| {
        t(match code {
            "not_switchable" => "error-rail-switch-closed",
            "payment_in_progress" => "error-rail-switch-seen",
            _ => "error-rail-switch-failed",
        })
    });
    if order.payment_method.eth_asset().is_some() {
        // The script also reloads as a payment log gains confirmations (or is reorged out).
        match eth_panel(&state, &order).await? {
            Some((panel, key)) => {
                page.poll_key.push_str(&key);
                page.ethereum = Some(panel);
            }
            None => page.poll_key.push(':'),
        }
    }
    let zone = order.event.timezone.as_str();
    let refunds = tessera_core::refund::refunds_of_order(&state.db, order.id).await.map_err(Error::from)?;
    page.refunds = refunds
        .iter()
        .filter(|r| r.status != RefundStatus::Cancelled)
        .map(|r| RefundLine {
            amount: match r.rail.as_str() {
                "card" => price(&r.asset, r.amount_minor().unwrap_or_default()),
                _ => format!(
                    "{} {}",
                    tessera_core::money::units_decimal(&r.amount, r.decimals.max(0).unsigned_abs()),
                    r.asset
                ),
            },
            destination: t(match r.rail.as_str() {
                "card" => "order-refund-to-card",
                "btc" => "order-refund-btc",
                _ => "order-refund-eth",
            }),
            claim_url: r.claim_url.clone().filter(|_| r.status == RefundStatus::Sent),
            state: t(match r.status {
                RefundStatus::Requested => "order-refund-requested",
                RefundStatus::Sent => "order-refund-sent",
                RefundStatus::Succeeded => "order-refund-succeeded",
                RefundStatus::Failed => "order-refund-failed",
                RefundStatus::Cancelled => "order-status-cancelled",
            }),
            status: r.status.as_str(),
            when: instant(current(), r.settled_at.unwrap_or(r.created_at), zone, Style::Date),
        })
        .collect();
    if page.order.is_paid && refunds.iter().any(|r| r.status.is_live()) {
        page.order.status_label = t("order-status-partly-refunded");
    }
    if order.status.is_paid()
        && let SelfCancel::Allowed { refund_minor, fee_minor, deadline } =
            tessera_core::refund::self_cancel_terms(&state.db, order.id, chrono::Utc::now())
                .await
                .map_err(Error::from)?
    {
        let refund = price(&order.currency, refund_minor);
        let until = in_zone(current(), deadline, zone, Style::DateTime);
        let offer_html = if fee_minor > 0 {
            let fee = price(&order.currency, fee_minor);
            with_time(
                current(),
                "order-refund-offer-fee",
                &[("refund", &refund), ("fee", &fee)],
                &until,
                &deadline.to_rfc3339(),
            )
        } else {
            with_time(current(), "order-refund-offer", &[("refund", &refund)], &until, &deadline.to_rfc3339())
        };
        page.refund_offer = Some(RefundOfferView { refund, offer_html });
    }
    if order.status.is_paid() || order.status == OrderStatus::Refunded {
        let progress = tessera_core::delivery::progress(&state.db, order.id).await.map_err(Error::from)?;
        page.tickets = progress
            .tickets
            .into_iter()
            .map(|t| TicketLine {
                voided: t.void_reason.as_deref().map(|reason| {
                    tessera_i18n::t(match reason {
                        "disputed" => "order-void-disputed",
                        "event_cancelled" => "order-void-cancelled",
                        _ => "order-void-refunded",
                    })
                }),
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

/// The Lightning request of a pending Lightning order, as the customer pays it: a QR code, a
/// link, the exact amount and the rate it was quoted at. None when there is none to pay.
fn lightning_panel(state: &AppState, order: &Order) -> Option<LightningPanel> {
    let payment = order.payment.as_ref()?;
    let request = payment.payment_request.clone()?;
    let parsed = tessera_payments::btcpay::bolt11::parse(&request).ok()?;
    let msat = parsed.amount_msat?;
    let zone = order.event.timezone.as_str();
    let sats = msat / 1000;
    let btc = plain_decimal(i64::try_from(msat).ok()?, 11);
    let btc = btc.trim_end_matches('0').trim_end_matches('.');
    let amount = message_args(
        current(),
        "order-ln-amount",
        [("sats", i64::try_from(sats).ok()?.into()), ("btc", btc.into())],
    );
    // What the invoice's BTC are worth in the order's currency: its rate, exact to the minor unit.
    let rate_minor = i128::from(order.total_minor) * 100_000_000_000 / i128::from(msat.max(1));
    let quoted_at = chrono::DateTime::from_timestamp(i64::try_from(parsed.timestamp).ok()?, 0)?;
    let rate_html = with_time(
        current(),
        "order-ln-rate",
        &[("rate", &price(&order.currency, i64::try_from(rate_minor).ok()?))],
        &in_zone(current(), quoted_at, zone, Style::DayTime),
        &quoted_at.to_rfc3339(),
    );
    let expires = chrono::DateTime::from_timestamp(i64::try_from(parsed.expires_at()).ok()?, 0)?;
    let until = expires.min(order.expires_at);
    let pay_html = with_time(
        current(),
        "order-ln-pay-text",
        &[("amount", &amount)],
        &in_zone(current(), until, zone, Style::DayTime),
        &until.to_rfc3339(),
    );
    let uri = format!("lightning:{request}");
    let label = message_args(current(), "order-ln-qr", [("amount", amount.as_str().into())]);
    Some(LightningPanel {
        qr_svg: qr_svg(&uri.to_ascii_uppercase(), &label),
        amount,
        rate_html,
        pay_html,
        request,
        uri,
        payable: order.status == OrderStatus::PendingPayment
            && !order.payment_detected
            && until > chrono::Utc::now(),
        sandbox_pay_url: state
            .btcpay_sandbox
            .as_ref()
            .zip(payment.provider_ref.as_deref())
            .map(|(_, invoice)| format!("/sandbox/btcpay/i/{invoice}/pay?return=order")),
    })
}

/// The quote and the payments seen for an ETH or token order, and what order.js compares to
/// notice news about them: `:` and each payment's `status/confirmations` (capped at the
/// confirmations required), comma-separated, as it computes it from the confirmation JSON.
async fn eth_panel(state: &AppState, order: &Order) -> Result<Option<(EthPanel, String)>, PageError> {
    use tessera_core::money::units_decimal as format_units;
    use tessera_core::order::eth;
    use tessera_payments::eth::WalletCall;
    let Some(quote) = eth::quote_of_order(&state.db, order.id).await.map_err(Error::from)? else {
        return Ok(None);
    };
    let decimals = u32::try_from(quote.decimals).unwrap_or(0);
    let call = WalletCall::of(&quote).map_err(|err| Error::Internal(anyhow::anyhow!(err.to_string())))?;
    // The same transactions the buy response hands out.
    let transactions = crate::routes::orders::buy::QuoteView::of(&quote)?.transactions;
    let required =
        state.eth_settings.as_ref().and_then(|eth| eth.chain(quote.chain_id)?.confirmations.blocks());
    let seen = eth::payments_of_order(&state.db, order.id).await.map_err(Error::from)?;
    let key = seen
        .iter()
        .map(|p| match required {
            Some(n) => format!("{}/{}", p.status, p.confirmations.min(i64::from(n))),
            None => p.status.clone(),
        })
        .collect::<Vec<_>>()
        .join(",");
    let payments = seen
        .into_iter()
        .map(|p| {
            let state = match (p.status.as_str(), required) {
                ("confirmed", _) => t("order-tx-confirmed"),
                ("reorged", _) => t("order-eth-reorged"),
                (_, Some(n)) => message_args(
                    current(),
                    "order-eth-confirmations",
                    [("seen", p.confirmations.min(i64::from(n)).into()), ("required", n.into())],
                ),
                (_, None) => t("order-eth-finalizing"),
            };
            // Another token than the quote's (a foreign quote) is shown in its base units.
            let amount = if p.token == quote.token {
                format!("{} {}", format_units(&p.amount, decimals), quote.asset)
            } else {
                message_args(
                    current(),
                    "order-eth-foreign",
                    [("amount", p.amount.as_str().into()), ("token", p.token.as_str().into())],
                )
            };
            (p.tx_hash, amount, state)
        })
        .collect();
    let amount = format!("{} {}", format_units(&quote.amount, decimals), quote.asset);
    let chain = state.chain_label(quote.chain_id);
    let zone = order.event.timezone.as_str();
    // The rate with the time it was read (the quote's signing).
    let quoted_at = eth::quoted_at(&state.db, order.id).await.map_err(Error::from)?.unwrap_or(quote.deadline);
    let rate_html = with_time(
        current(),
        "order-eth-rate",
        &[("asset", &quote.asset), ("rate", &quote.rate.to_string()), ("currency", &quote.currency)],
        &in_zone(current(), quoted_at, zone, Style::DayTime),
        &quoted_at.to_rfc3339(),
    );
    // What the network charges on top, while there is something to pay.
    let payable = order.status == OrderStatus::PendingPayment && quote.deadline > chrono::Utc::now();
    let fee = match (&state.eth, payable) {
        (Some(eth), true) => eth.network_fee(&quote).await.map(|fee| match (fee.ether, fee.fiat_minor) {
            (true, fiat) => {
                let ether = format!("{} ETH", fee_decimal(&fee.base_units.to_string()));
                match fiat {
                    Some(minor) => message_args(
                        current(),
                        "order-eth-fee-fiat",
                        [("fee", ether.into()), ("fiat", price(&quote.currency, minor.max(1)).into())],
                    ),
                    None => message_args(current(), "order-eth-fee", [("fee", ether.into())]),
                }
            }
            (false, _) => message_args(current(), "order-eth-fee-native", [("chain", chain.as_str().into())]),
        }),
        _ => None,
    };
    let pay_html = with_time(
        current(),
        "order-eth-pay-text",
        &[("amount", &amount), ("chain", &chain)],
        &in_zone(current(), quote.deadline, zone, Style::DayTime),
        &quote.deadline.to_rfc3339(),
    );
    let qr_label = |id: &str| message_args(current(), id, [("amount", amount.as_str().into())]);
    let panel = EthPanel {
        asset: quote.asset.clone(),
        amount: format_units(&quote.amount, decimals),
        amount_base: quote.amount.clone(),
        rate_html,
        fee,
        pay_html,
        contract: quote.contract.clone(),
        token: (quote.asset != tessera_payments::eth::ETH).then(|| quote.token.clone()),
        chain_id: quote.chain_id,
        chain_id_hex: format!("{:#x}", quote.chain_id),
        chain_name: chain,
        qr_svg: qr_svg(&call.payment_uri, &qr_label("order-eth-qr-pay")),
        approve_qr_svg: call
            .approve_uri
            .as_deref()
            .and_then(|uri| qr_svg(uri, &qr_label("order-eth-qr-approve"))),
        approve_uri: call.approve_uri,
        payment_uri: call.payment_uri,
        deadline: quote.deadline.timestamp(),
        transactions_json: serde_json::to_string(&transactions).unwrap_or_default(),
        payable,
        sandbox: state.eth.as_ref().is_some_and(|eth| eth.is_sandbox()),
        confirmations_required: required,
        payments,
    };
    Ok(Some((panel, format!(":{key}"))))
}

/// Wei as ether for an estimate: rounded up to six decimals (`0.000121`), never shown as 0.
fn fee_decimal(wei: &str) -> String {
    let micro = wei.parse::<u128>().map_or(1, |wei| wei.div_ceil(1_000_000_000_000).max(1));
    tessera_core::money::units_decimal(&micro.to_string(), 6)
}

/// `POST /orders/{id}/refund`: the customer cancels a paid order for a refund.
pub async fn refund_submit(
    State(state): State<AppState>,
    SignedInPage(signed_in): SignedInPage,
    PageId { id, .. }: PageId<OrderNoun>,
    _: CsrfForm,
) -> Result<Response, PageError> {
    match crate::routes::orders::refund::cancel_for_refund(&state, id, signed_in.account.id).await {
        // Too late, or not allowed: the page says what it is now.
        Ok(_) | Err(Error::Conflict { .. }) => Ok(Redirect::to(&format!("/orders/{id}")).into_response()),
        Err(err) => Err(err.into()),
    }
}

/// `POST /orders/{id}/cancel`.
#[derive(Debug, Deserialize)]
pub struct SwitchForm {
    payment_method: String,
}

/// `POST /orders/{id}/payment-method`: the order page's "Pay another way". Where the new rail
/// is paid elsewhere (a hosted card checkout, a bitcoin invoice), the buyer goes there; else
/// back to the order page, which shows the new request or quote. A refusal comes back as the
/// page's notice.
pub async fn switch_submit(
    State(state): State<AppState>,
    SignedInPage(signed_in): SignedInPage,
    PageId { id, .. }: PageId<OrderNoun>,
    CsrfForm(form): CsrfForm<SwitchForm>,
) -> Result<Response, PageError> {
    let back = |code: &str| Redirect::to(&format!("/orders/{id}?switch={code}")).into_response();
    let Some((method, chain)) = crate::state::parse_choice(&form.payment_method) else {
        return Ok(back("not_a_method"));
    };
    match orders::switch_rail(&state, &signed_in.account, id, method, chain).await {
        Ok(bought) => {
            let order_page =
                state.config.public_url.join(&format!("/orders/{id}")).map(|u| u.to_string()).ok();
            match bought.redirect_url.filter(|url| Some(url) != order_page.as_ref()) {
                Some(elsewhere) => Ok(Redirect::to(&elsewhere).into_response()),
                None => Ok(Redirect::to(&format!("/orders/{id}")).into_response()),
            }
        }
        Err(Error::Conflict { code, .. } | Error::Unprocessable { code, .. }) => Ok(back(code)),
        Err(err) => Err(err.into()),
    }
}

pub async fn cancel_submit(
    State(state): State<AppState>,
    SignedInPage(signed_in): SignedInPage,
    PageId { id, .. }: PageId<OrderNoun>,
    _: CsrfForm,
) -> Result<Response, PageError> {
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
        t(match reason {
            "sold_out_after_expiry" => "order-refund-note-sold_out_after_expiry",
            "event_closed" => "order-refund-note-event_closed",
            "duplicate_payment" => "order-refund-note-duplicate_payment",
            "amount_mismatch" => "order-refund-note-amount_mismatch",
            "wrong_rail" => "order-refund-note-wrong_rail",
            "partial_payment" => "order-refund-note-partial_payment",
            "invoice_invalid" => "order-refund-note-invoice_invalid",
            "underpaid" => "order-refund-note-underpaid",
            _ => "order-refund-note-closed",
        })
    });
    let overpaid = payment.map_or(0, |p| p.overpaid_minor);
    let overpaid_note = (overpaid > 0 && order.status.is_paid()).then(|| {
        message_args(current(), "order-overpaid", [("amount", price(&order.currency, overpaid).into())])
    });
    let seen = payment.and_then(|p| p.seen_minor).unwrap_or(0);
    // A bitcoin invoice paid in part: what came, and what is missing, until it expires.
    let part_paid = order
        .part_paid()
        .map(|(seen, missing)| (price(&order.currency, seen), price(&order.currency, missing)));
    let summary = OrderSummary::new(order);
    let part_paid_html = part_paid
        .as_ref()
        .map(|(received, missing)| {
            with_time(
                current(),
                "order-part-paid-more",
                &[("received", received), ("total", &summary.total), ("missing", missing)],
                &summary.held_until,
                &summary.held_until_iso,
            )
        })
        .unwrap_or_default();
    OrderPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        script: tessera_web::assets::order_script_href(),
        csrf: csrf.to_string(),
        order: summary,
        lines: order
            .items
            .iter()
            .map(|item| {
                let shown = order.event.title_for(current().tag()).1;
                let (name, language) = item.name_in(shown, &order.event.language);
                OrderLine {
                    name: name.to_string(),
                    language: language.to_string(),
                    quantity: item.quantity,
                    unit_price: price(&order.currency, item.unit_price_minor),
                    subtotal: price(&order.currency, item.unit_price_minor * i64::from(item.quantity)),
                }
            })
            .collect(),
        // ETH, tokens and Lightning are paid from this page itself.
        pay_url: payment.and_then(|p| p.redirect_url.clone()).filter(|_| {
            pending
                && order.payment_method.eth_asset().is_none()
                && order.payment_method != PaymentMethod::Lightning
        }),
        confirming,
        checkout_cancelled: pending && checkout == Some("cancelled"),
        poll: pending,
        // The script reloads the page when this changes: a new state, a payment seen, more paid.
        poll_key: format!("{}:{}:{seen}", order.status.as_str(), order.payment_detected),
        eth_rail: order.payment_method.eth_asset().is_some(),
        bitcoin: matches!(order.payment_method, PaymentMethod::Btc | PaymentMethod::Lightning),
        part_paid,
        part_paid_html,
        transactions: Vec::new(),
        lightning: None,
        switch_methods: Vec::new(),
        switch_error: None,
        refund_note: refund_note.or(overpaid_note),
        tickets: Vec::new(),
        tickets_pdf: None,
        delivery_delayed: false,
        ethereum: None,
        wallet_script: tessera_web::assets::wallet_script_href(),
        local_time_script: tessera_web::assets::local_time_script_href(),
        refunds: Vec::new(),
        refund_offer: None,
        ask_home: false,
    }
}
