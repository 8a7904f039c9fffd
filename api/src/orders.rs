//! Buying and paying: the steps the JSON routes, the pages, the webhooks and the sandbox
//! share. The rules live in `tessera_core::order`; this module connects them to the payment
//! provider and turns their errors into ours.

use std::time::Duration;

use axum::http::HeaderMap;
use secrecy::ExposeSecret as _;
use tessera_core::account::Account;
use tessera_core::order::eth::EthQuote;
use tessera_core::order::{
    self, BuyError, BuyItem, Closed, FreshOrder, NewOrder, Order, OrderStatus, PaymentMethod, PaymentStatus,
    UnmatchedPayment,
};
use tessera_payments::eth::QuoteRequest;
use tessera_payments::stripe::event::{self as stripe_event, CheckoutSession, Event};
use tessera_payments::stripe::signature;
use tessera_payments::{CheckoutRequest, LineItem};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::state::AppState;

/// A purchase as its buyer is told about it.
#[derive(Debug, Clone)]
pub struct Bought {
    pub order_id: Uuid,
    pub status: OrderStatus,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub total_minor: i64,
    pub currency: String,
    pub method: PaymentMethod,
    pub provider_ref: Option<String>,
    pub redirect_url: Option<String>,
    /// ETH and tokens: the quote the customer's wallet pays.
    pub quote: Option<EthQuote>,
    /// An earlier request with the same idempotency key made this order.
    pub replayed: bool,
}

impl Bought {
    fn from_order(order: Order, replayed: bool) -> Self {
        let payment = order.payment.as_ref();
        Bought {
            order_id: order.id,
            status: order.status,
            expires_at: order.expires_at,
            total_minor: order.total_minor,
            currency: order.currency.clone(),
            method: order.payment_method,
            provider_ref: payment.and_then(|p| p.provider_ref.clone()),
            redirect_url: payment.and_then(|p| p.redirect_url.clone()),
            quote: None,
            replayed,
        }
    }

    /// With the order's quote, for the Ethereum methods.
    async fn with_quote(mut self, state: &AppState) -> Result<Self> {
        if self.method.eth_asset().is_some() && self.quote.is_none() {
            self.quote = order::eth::quote_of_order(&state.db, self.order_id).await?;
        }
        Ok(self)
    }
}

/// Places the order and opens its checkout. With an idempotency key seen before (same
/// request), answers with that order, opening its checkout if an earlier attempt could not.
pub async fn buy(
    state: &AppState,
    account: &Account,
    event_id: Uuid,
    items: &[BuyItem],
    method: PaymentMethod,
    idempotency_key: Option<&str>,
) -> Result<Bought> {
    if !state.payment_methods().contains(&method) {
        return Err(Error::Unprocessable {
            code: "payment_method_unavailable",
            message: format!("{} payments are not available; pay by card.", method.label()),
            field: Some("payment_method"),
        });
    }
    let new = NewOrder {
        account_id: account.id,
        event_id,
        items,
        method,
        idempotency_key,
        hold: chrono::Duration::from_std(state.config.hold).unwrap_or(chrono::Duration::minutes(15)),
    };
    let placed = state.placer.place(&new).await.map_err(buy_error)?;
    let fresh = match placed.fresh {
        Some(fresh) => fresh,
        None => {
            // A replay: open the checkout if the first attempt never got that far.
            let order = load(state, placed.order_id, account.id).await?;
            let opened = order.payment.as_ref().is_some_and(|p| p.status != PaymentStatus::Creating);
            if order.status != OrderStatus::PendingPayment || opened {
                return Bought::from_order(order, true).with_quote(state).await;
            }
            FreshOrder {
                event_title: order.event.title.clone(),
                currency: order.currency.clone(),
                total_minor: order.total_minor,
                expires_at: order.expires_at,
                items: order.items.clone(),
            }
        }
    };
    if fresh.total_minor == 0 {
        return settle_free(state, placed.order_id, &fresh, method, placed.replayed).await;
    }
    if let Some(asset) = method.eth_asset() {
        let quote = open_quote(state, placed.order_id, asset, &fresh, !placed.replayed).await?;
        return Ok(Bought {
            order_id: placed.order_id,
            status: OrderStatus::PendingPayment,
            expires_at: fresh.expires_at,
            total_minor: fresh.total_minor,
            currency: fresh.currency,
            method,
            provider_ref: Some(quote.order_ref.clone()),
            // The order page shows how to pay the quote.
            redirect_url: Some(order_page_url(state, placed.order_id)),
            quote: Some(quote),
            replayed: placed.replayed,
        });
    }
    // Only the request that placed the order may fail it; a replay racing it (a double
    // click) must not close an order the first request is about to send to the checkout.
    let session =
        open_checkout(state, placed.order_id, method, &fresh, &account.email, !placed.replayed).await?;
    Ok(Bought {
        order_id: placed.order_id,
        status: OrderStatus::PendingPayment,
        expires_at: fresh.expires_at,
        total_minor: fresh.total_minor,
        currency: fresh.currency,
        method,
        provider_ref: Some(session.id),
        redirect_url: Some(session.url),
        quote: None,
        replayed: placed.replayed,
    })
}

/// Free tickets: nothing to pay, so the order is paid at once (and announced like any other).
async fn settle_free(
    state: &AppState,
    order_id: Uuid,
    fresh: &FreshOrder,
    method: PaymentMethod,
    replayed: bool,
) -> Result<Bought> {
    let reference = format!("free-{order_id}");
    let receipt = order::Receipt {
        order_id,
        provider: order::FREE,
        provider_ref: &reference,
        provider_payment_ref: None,
        amount_minor: 0,
        currency: &fresh.currency,
    };
    let mut tx = state.db.begin().await?;
    let settlement = order::settle(&mut tx, &receipt).await?;
    tx.commit().await?;
    tracing::info!(order.id = %order_id, ?settlement, "free order settled");
    if !matches!(
        settlement,
        order::Settlement::Paid | order::Settlement::PaidLate | order::Settlement::AlreadyPaid
    ) {
        // Closed meanwhile (a replay of a long-expired order): say what it is.
        let account_id =
            sqlx::query_scalar!("select account_id from customer_order where order_id = $1", order_id)
                .fetch_one(&state.db)
                .await?;
        return Bought::from_order(load(state, order_id, account_id).await?, replayed)
            .with_quote(state)
            .await;
    }
    Ok(Bought {
        order_id,
        status: OrderStatus::Paid,
        expires_at: fresh.expires_at,
        total_minor: 0,
        currency: fresh.currency.clone(),
        method,
        provider_ref: None,
        redirect_url: None,
        quote: None,
        replayed,
    })
}

/// The order if it is `account_id`'s; 404 otherwise, whether or not it exists.
pub async fn load(state: &AppState, order_id: Uuid, account_id: Uuid) -> Result<Order> {
    order::order_for_account(&state.db, order_id, account_id).await?.ok_or(Error::NotFound("order"))
}

/// The customer gives up on a pending order: the hold is released at once.
pub async fn cancel(state: &AppState, order_id: Uuid, account_id: Uuid) -> Result<Order> {
    let order = load(state, order_id, account_id).await?;
    let not_cancellable = |status: OrderStatus| Error::Conflict {
        code: "not_cancellable",
        message: format!("This order is {} and can no longer be cancelled.", status.label().to_lowercase()),
        field: None,
    };
    if order.status != OrderStatus::PendingPayment {
        return Err(not_cancellable(order.status));
    }
    if order.payment_detected {
        return Err(Error::Conflict {
            code: "payment_in_progress",
            message: "A payment for this order is being confirmed, so it cannot be cancelled now.".into(),
            field: None,
        });
    }
    let mut tx = state.db.begin().await?;
    let cancelled =
        order::close_pending(&mut tx, order_id, Closed::Cancelled, "cancelled_by_customer").await?;
    tx.commit().await?;
    let order = load(state, order_id, account_id).await?;
    if !cancelled {
        // Paid (or closed) between the look and the cancel.
        return Err(not_cancellable(order.status));
    }
    tracing::info!(order.id = %order_id, "order cancelled by the customer");
    // The sweeper tells the provider to close the checkout.
    Ok(order)
}

/// Quotes an Ethereum payment for the order and records it with the order's payment. A replay
/// that races the first request gets the quote the first one recorded.
async fn open_quote(
    state: &AppState,
    order_id: Uuid,
    asset: &str,
    order: &FreshOrder,
    may_fail_order: bool,
) -> Result<EthQuote> {
    let eth = state.eth.as_ref().ok_or_else(|| method_unavailable(asset))?;
    let request = QuoteRequest {
        order_id,
        asset,
        currency: &order.currency,
        total_minor: order.total_minor,
        expires_at: order.expires_at,
    };
    let quote = match eth.quote(&request).await {
        Ok(quote) => quote,
        Err(err) => {
            return Err(payment_not_opened(state, order_id, err, Explain::Reason, may_fail_order).await);
        }
    };
    // The quote and its payment's reference together, or neither.
    let mut tx = state.db.begin().await?;
    let recorded = order::eth::record_quote(&mut tx, &quote, &order_page_url(state, order_id)).await?;
    tx.commit().await?;
    if !recorded {
        // A replay got here first: its quote is the one to pay.
        return order::eth::quote_of_order(&state.db, order_id).await?.ok_or(Error::NotFound("order"));
    }
    tracing::info!(order.id = %order_id, quote.asset = %quote.asset, quote.amount = %quote.amount, "quote opened");
    Ok(quote)
}

fn order_page_url(state: &AppState, order_id: Uuid) -> String {
    state.config.public_url.join(&format!("/orders/{order_id}")).expect("a path joins").to_string()
}

fn method_unavailable(what: &str) -> Error {
    Error::Unprocessable {
        code: "payment_method_unavailable",
        message: format!("{what} payments are not available; pay by card."),
        field: Some("payment_method"),
    }
}

/// Whether a refusal's reason may be shown to the customer.
#[derive(Debug, Clone, Copy)]
enum Explain {
    Reason,
    Generic,
}

/// The provider could not open the payment. The request that placed the order closes it (its
/// tickets go back at once); a replay leaves it to that request.
async fn payment_not_opened(
    state: &AppState,
    order_id: Uuid,
    err: tessera_payments::PaymentError,
    explain: Explain,
    may_fail_order: bool,
) -> Error {
    if !may_fail_order {
        tracing::warn!(order.id = %order_id, error = %err, "payment not opened on a replay; the first request owns it");
        return Error::Conflict {
            code: "checkout_in_progress",
            message: "This order's payment is still being set up. Try again in a moment.".into(),
            field: None,
        };
    }
    let closed = async {
        let mut tx = state.db.begin().await?;
        order::close_pending(&mut tx, order_id, Closed::Failed, "provider_unavailable").await?;
        sqlx::query!(
            "update payment set status = 'failed', updated_at = now() where order_id = $1 and status = 'creating'",
            order_id
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    };
    if let Err(db) = closed.await {
        return Error::Database(db);
    }
    if let tessera_payments::PaymentError::Rejected(reason) = &err {
        tracing::warn!(order.id = %order_id, error = %reason, "the payment provider refused the payment");
        // Our own quoter's reasons are for customers; a provider's may not be.
        let message = match explain {
            Explain::Reason => format!(
                "This purchase cannot be paid this way ({reason}), so nothing was charged and your tickets \
                 were released."
            ),
            Explain::Generic => {
                "The payment provider refused this purchase, so nothing was charged and your \
                                 tickets were released. Please contact us if it happens again."
                    .into()
            }
        };
        return Error::Unprocessable { code: "payment_rejected", message, field: None };
    }
    Error::PaymentUnavailable(err.to_string())
}

async fn open_checkout(
    state: &AppState,
    order_id: Uuid,
    method: PaymentMethod,
    order: &FreshOrder,
    email: &str,
    may_fail_order: bool,
) -> Result<tessera_payments::CheckoutSession> {
    let order_url = |outcome: &str| {
        let mut url = state.config.public_url.join(&format!("/orders/{order_id}")).expect("a path joins");
        url.query_pairs_mut().append_pair("checkout", outcome);
        url.to_string()
    };
    let request = CheckoutRequest {
        order_id,
        customer_email: email.to_string(),
        currency: order.currency.clone(),
        line_items: order
            .items
            .iter()
            .map(|item| LineItem {
                name: format!("{} — {}", order.event_title, item.name),
                unit_amount_minor: item.unit_price_minor,
                quantity: item.quantity,
            })
            .collect(),
        success_url: order_url("success"),
        cancel_url: order_url("cancelled"),
        expires_at: order.expires_at,
    };
    let provider = state.provider(method).ok_or_else(|| method_unavailable(method.label()))?;
    match provider.create(&request).await {
        Ok(session) => {
            // A synchronous commit: from here on the order (and its hold) is durable.
            let opened = order::OpenedCheckout {
                order_id,
                provider_ref: session.id.clone(),
                redirect_url: session.url.clone(),
            };
            state.checkouts_opened.record(opened).await?;
            tracing::info!(order.id = %order_id, payment.provider_ref = %session.id, "checkout opened");
            Ok(session)
        }
        Err(err) => Err(payment_not_opened(state, order_id, err, Explain::Generic, may_fail_order).await),
    }
}

fn buy_error(err: BuyError) -> Error {
    match err {
        BuyError::EventNotFound => Error::NotFound("event"),
        BuyError::EventClosed(message) => Error::Gone { code: "not_on_sale", message: message.to_string() },
        BuyError::Invalid(field) => Error::InvalidField(field),
        BuyError::SoldOut(lines) => Error::SoldOut(lines),
        BuyError::IdempotencyKeyReused => Error::Unprocessable {
            code: "idempotency_key_reused",
            message: "This Idempotency-Key was already used for a different purchase; use a new key.".into(),
            field: Some("Idempotency-Key"),
        },
        BuyError::Database(err) => Error::Database(err),
    }
}

/// Receives a Stripe webhook: verifies its signature before reading anything, records the
/// event in the inbox (a replay changes nothing) and applies it, all in one transaction.
pub async fn receive_stripe_webhook(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<()> {
    let header = headers.get("stripe-signature").and_then(|value| value.to_str().ok());
    let now = chrono::Utc::now().timestamp();
    signature::verify(body, header, &state.stripe_webhook_secrets, now).map_err(|err| {
        tracing::warn!(error = %err, "Stripe webhook refused");
        Error::InvalidSignature(match err {
            signature::SignatureError::Stale => "The signature's timestamp is too old.",
            _ => "The Stripe-Signature header does not verify.",
        })
    })?;
    let event: Event = serde_json::from_slice(body)
        .map_err(|err| Error::InvalidBody(format!("not a Stripe event: {err}")))?;

    let kind = event.kind.as_str();
    let handled = [
        stripe_event::CHECKOUT_COMPLETED,
        stripe_event::ASYNC_PAYMENT_SUCCEEDED,
        stripe_event::ASYNC_PAYMENT_FAILED,
        stripe_event::CHECKOUT_EXPIRED,
    ];
    let session = if handled.contains(&kind) {
        Some(
            serde_json::from_value::<CheckoutSession>(event.data.object.clone())
                .map_err(|err| Error::InvalidBody(format!("not a Checkout Session: {err}")))?,
        )
    } else {
        None
    };
    let order_id = session
        .as_ref()
        .and_then(|s| s.client_reference_id.as_deref())
        .and_then(|id| Uuid::parse_str(id).ok());
    let paid = session.as_ref().is_some_and(|s| {
        kind == stripe_event::ASYNC_PAYMENT_SUCCEEDED
            || (kind == stripe_event::CHECKOUT_COMPLETED && s.payment_status.as_deref() == Some("paid"))
    });
    if paid && let Some(order_id) = order_id {
        // A late payment must see the stock that is really free.
        order::release_expired_holds_of_order(&state.db, order_id).await?;
    }

    let mut tx = state.db.begin().await?;
    let fresh = sqlx::query_scalar!(
        r#"insert into webhook_inbox (provider, event_id, event_type) values ('stripe', $1, $2)
           on conflict do nothing returning event_id"#,
        event.id,
        event.kind
    )
    .fetch_optional(&mut *tx)
    .await?;
    if fresh.is_none() {
        tracing::info!(webhook.event_id = %event.id, "Stripe event seen before; nothing to do");
        return Ok(());
    }
    let Some(session) = session else {
        // An event type we do not act on.
        tx.commit().await?;
        return Ok(());
    };
    let unmatched = |claimed: Option<String>| UnmatchedPayment {
        provider: "stripe".into(),
        provider_event_id: event.id.clone(),
        provider_ref: session.id.clone(),
        provider_payment_ref: session.payment_intent.clone(),
        claimed_order_ref: claimed,
        currency: session.currency.clone().unwrap_or_default(),
        amount_minor: session.amount_total.unwrap_or_default(),
        created_at: chrono::Utc::now(),
    };
    let Some(order_id) = order_id else {
        if paid {
            // Money for a checkout without our order id: recorded for someone to refund.
            order::record_unmatched_payment(&mut *tx, &unmatched(session.client_reference_id.clone()))
                .await?;
            tracing::error!(webhook.event_id = %event.id, payment.provider_ref = %session.id,
                "card payment without an order reference; recorded as unmatched");
        }
        tx.commit().await?;
        return Ok(());
    };
    if paid {
        let receipt = order::Receipt {
            order_id,
            provider: "stripe",
            provider_ref: &session.id,
            provider_payment_ref: session.payment_intent.as_deref(),
            amount_minor: session.amount_total.unwrap_or_default(),
            currency: session.currency.as_deref().unwrap_or_default(),
        };
        let settlement = order::settle(&mut tx, &receipt).await?;
        if settlement == order::Settlement::UnknownOrder {
            order::record_unmatched_payment(&mut *tx, &unmatched(Some(order_id.to_string()))).await?;
            tracing::error!(order.id = %order_id, payment.provider_ref = %session.id,
                "card payment for an order we do not have; recorded as unmatched");
        } else {
            tracing::info!(order.id = %order_id, payment.provider_ref = %session.id, ?settlement, "card payment settled");
        }
    } else if kind == stripe_event::CHECKOUT_COMPLETED {
        // An async method (a bank debit): paid later or not at all; keep the tickets meanwhile.
        order::mark_payment_detected(&mut tx, order_id).await?;
    } else if kind == stripe_event::ASYNC_PAYMENT_FAILED {
        order::close_pending(&mut tx, order_id, Closed::Failed, "payment_failed").await?;
        order::close_payment(&mut tx, order_id, &session.id, "failed").await?;
    } else {
        order::close_pending(&mut tx, order_id, Closed::Expired, "checkout_expired").await?;
        order::close_payment(&mut tx, order_id, &session.id, "expired").await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The provider a sandbox plays, whose webhook handler its events go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SandboxWebhooks {
    Stripe,
    BtcPay,
}

/// Delivers a sandbox's signed events to our webhook handler, one after the other and retrying
/// as the provider would, in the background: like the provider's, they arrive after the
/// customer has moved on.
pub fn deliver_sandbox_events(
    state: AppState,
    to: SandboxWebhooks,
    events: Vec<tessera_payments::sandbox::SignedEvent>,
) {
    if events.is_empty() {
        return;
    }
    tokio::spawn(async move {
        for event in events {
            let mut headers = HeaderMap::new();
            let Ok(value) = event.signature.parse() else { continue };
            headers
                .insert(if to == SandboxWebhooks::Stripe { "stripe-signature" } else { "btcpay-sig" }, value);
            let mut wait = Duration::from_millis(200);
            for attempt in 1..=6 {
                let delivered = match to {
                    SandboxWebhooks::Stripe => {
                        receive_stripe_webhook(&state, &headers, event.body.as_bytes()).await
                    }
                    SandboxWebhooks::BtcPay => {
                        receive_btcpay_webhook(&state, &headers, event.body.as_bytes()).await
                    }
                };
                match delivered {
                    Ok(()) => break,
                    Err(err) if attempt < 6 => {
                        tracing::warn!(error = %err, attempt, ?to, "sandbox webhook delivery failed; retrying");
                        tokio::time::sleep(wait).await;
                        wait *= 2;
                    }
                    Err(err) => tracing::error!(error = %err, ?to, "sandbox webhook delivery gave up"),
                }
            }
        }
    });
}

/// The secret the sandbox signs with: the first configured one.
pub fn sandbox_signing_secret(state: &AppState) -> String {
    state.stripe_webhook_secrets.first().map(|s| s.expose_secret().to_string()).unwrap_or_default()
}

/// Receives a BTCPay webhook: verifies `BTCPay-Sig` before reading anything, counts each
/// delivery once (redeliveries share the first delivery's id), then reads the invoice back
/// through the API and acts on its authoritative status: the webhook is only a trigger.
pub async fn receive_btcpay_webhook(state: &AppState, headers: &HeaderMap, body: &[u8]) -> Result<()> {
    use tessera_chain_watcher::btcpay::SyncError;
    use tessera_payments::btcpay::webhook;

    let (Some(watcher), Some(config)) = (state.btc_watcher.as_ref(), state.config.btcpay.as_ref()) else {
        return Err(Error::NotFound("route"));
    };
    let header = headers.get("btcpay-sig").and_then(|value| value.to_str().ok());
    webhook::verify(body, header, config.webhook_secret.expose_secret()).map_err(|err| {
        tracing::warn!(error = %err, "BTCPay webhook refused");
        Error::InvalidSignature("The BTCPay-Sig header does not verify.")
    })?;
    let event: webhook::WebhookEvent = serde_json::from_slice(body)
        .map_err(|err| Error::InvalidBody(format!("not a BTCPay webhook event: {err}")))?;
    let Some(invoice_id) = event.invoice_id.as_deref() else {
        // Not about an invoice (a payout, a payment request): nothing of ours to follow.
        tracing::debug!(webhook.kind = %event.kind, "BTCPay event without an invoice; acknowledged");
        return Ok(());
    };
    watcher.sync(Some(&event), invoice_id).await.map_err(|err| match err {
        // BTCPay delivers again later; the redelivery finishes what this one could not.
        SyncError::Provider(err) => Error::PaymentUnavailable(err.to_string()),
        SyncError::Db(err) => Error::Database(err),
    })
}
