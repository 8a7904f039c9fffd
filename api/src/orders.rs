//! Buying: the steps the JSON routes and the pages share. The rules live in
//! `tessera_core::order`; this module connects them to the payment provider and turns their
//! errors into ours. What a payment does to an order once it arrives is `tessera_settlement`'s.

use tessera_core::account::Account;
use tessera_core::order::eth::EthQuote;
use tessera_core::order::{
    self, BuyItem, Closed, FreshOrder, NewOrder, Order, OrderStatus, PaymentMethod, PaymentStatus,
    StatusReason,
};
use tessera_payments::eth::QuoteRequest;
use tessera_payments::{CheckoutRequest, LineItem};
use uuid::Uuid;

use crate::auth::client_ip::ClientIp;
use crate::auth::rate_limit;
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
    /// Lightning: the payment request the customer pays.
    pub payment_request: Option<String>,
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
            payment_request: payment.and_then(|p| p.payment_request.clone()).filter(|request| {
                order.status == OrderStatus::PendingPayment
                    && tessera_payments::btcpay::bolt11::payable_now(request)
            }),
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

/// The start of the idempotency keys of the orders waiting lists place; refused from clients.
pub const WAITLIST_KEY: &str = "waitlist-";

/// Where a purchase comes from: the client's address (for rate limits) and its visit's channel
/// (which the order keeps).
pub struct Origin<'a> {
    pub ip: ClientIp,
    pub channel: &'a tessera_core::demand::Channel,
}

/// Places the order and opens its checkout. With an idempotency key seen before (same
/// request), answers with that order, opening its checkout if an earlier attempt could not.
/// Purchases are rate-limited per account and per client address (429 with `Retry-After`).
pub async fn buy(
    state: &AppState,
    origin: Origin<'_>,
    account: &Account,
    event_id: Uuid,
    items: &[BuyItem],
    (method, chain): (PaymentMethod, Option<u64>),
    idempotency_key: Option<&str>,
) -> Result<Bought> {
    let Origin { ip, channel } = origin;
    if idempotency_key.is_some_and(|key| key.starts_with(WAITLIST_KEY)) {
        return Err(tessera_core::catalog::FieldError::new(
            "Idempotency-Key",
            tessera_i18n::t("error-idempotency-key"),
        )
        .into());
    }
    let purchase = Purchase { account, event_id, items, method, chain, idempotency_key, channel, hold: None };
    check_purchase(state, &purchase).await?;
    let limits = state.config.limits;
    // A retry with the key of an order already placed is an answer, not a new purchase.
    let retry = match idempotency_key {
        Some(key) => order::has_idempotency_key(&state.db, account.id, key).await?,
        None => false,
    };
    if !retry {
        rate_limit::hit(
            state,
            rate_limit::purchases_per_account(limits.purchases_per_account),
            &account.id.to_string(),
        )
        .await?;
        rate_limit::hit(
            state,
            rate_limit::purchases_per_address(limits.purchases_per_address),
            &ip.rate_key(),
        )
        .await?;
    }
    place_and_open(state, &purchase).await
}

/// A purchase as [`place_and_open`] takes it.
pub struct Purchase<'a> {
    pub account: &'a Account,
    pub event_id: Uuid,
    pub items: &'a [BuyItem],
    pub method: PaymentMethod,
    /// For an Ethereum asset, the chain to pay on (its id); none for the first chain.
    pub chain: Option<u64>,
    pub idempotency_key: Option<&'a str>,
    /// The visit's channel, which a new order keeps.
    pub channel: &'a tessera_core::demand::Channel,
    /// How long the tickets are held, when not the usual hold (a waiting list's offer); a crypto
    /// order is held no longer than its price lives either way.
    pub hold: Option<std::time::Duration>,
}

/// What a purchase must be before anything is held: a payment method taken here (free tickets
/// need none), and a buyer whose address is confirmed.
pub async fn check_purchase(state: &AppState, purchase: &Purchase<'_>) -> Result<()> {
    let method = purchase.method;
    let taken = state.payment_methods().contains(&method);
    // An asset on a chain that does not take it (or a chain for a method that takes none).
    let on_its_chain =
        (purchase.chain.is_none() && method.eth_asset().is_none()) || state.takes(method, purchase.chain);
    let payable = taken && on_its_chain;
    // Free tickets need no payment method: they are settled as `free` whichever is chosen.
    if !payable && !order::all_free(&state.db, purchase.event_id, purchase.items).await? {
        if !taken {
            return Err(Error::Unprocessable {
                code: "payment_method_unavailable",
                message: tessera_i18n::t_args(
                    "error-method-unavailable",
                    [("method", method.label().into())],
                ),
                field: Some("payment_method"),
            });
        }
        return Err(chain_unavailable(method));
    }
    // Tickets go to the account's address: it must be the buyer's (free tickets too).
    if !purchase.account.email_verified {
        return Err(Error::EmailUnverified);
    }
    Ok(())
}

/// Places a checked purchase and opens its checkout (or quote), without the rate limits: what
/// [`buy`] does once the purchase is let through, and what a waiting list's offer does.
pub async fn place_and_open(state: &AppState, purchase: &Purchase<'_>) -> Result<Bought> {
    let &Purchase { account, event_id, items, method, chain, idempotency_key, channel, hold } = purchase;
    let hold = match hold {
        Some(hold) if method.quotes_rate() => hold.min(state.config.quote_life),
        Some(hold) => hold,
        None => state.config.hold_for(method),
    };
    // Read before anything is held, so a failure here leaves nothing behind.
    let delayed_methods = method == PaymentMethod::Card
        && order::limits::event_limits(&state.db, event_id).await?.allow_delayed_methods;
    let new = NewOrder {
        account_id: account.id,
        event_id,
        items,
        method,
        idempotency_key,
        hold: chrono::Duration::from_std(hold).unwrap_or(chrono::Duration::minutes(15)),
        max_open_orders: state.config.limits.max_open_orders,
        // What the order's emails and tickets will speak: the buyer's chosen language, else
        // the one this purchase was made in.
        locale: account
            .locale
            .as_deref()
            .and_then(tessera_i18n::Locale::parse)
            .unwrap_or_else(tessera_i18n::current)
            .tag(),
    };
    let placed = state.placer.place(&new).await?;
    let fresh = match placed.fresh {
        Some(fresh) => {
            // The order keeps the channel of the visit that placed it (for the Market page).
            state.demand.order_channel(placed.order_id, channel.clone());
            metrics::counter!("tessera_orders_placed_total", "rail" => method.as_str()).increment(1);
            fresh
        }
        None => {
            // A replay: open the checkout if the first attempt never got that far.
            let order = load(state, placed.order_id, account.id).await?;
            let opened = order.payment.as_ref().is_some_and(|p| p.status != PaymentStatus::Creating);
            // Switched rail since (and maybe back): the switch opens its own checkout.
            let switched: bool = sqlx::query_scalar(
                "select exists (select 1 from payment where order_id = $1 and superseded_at is not null)",
            )
            .bind(order.id)
            .fetch_one(&state.db)
            .await?;
            let switched = switched || order.payment_method != method;
            if order.status != OrderStatus::PendingPayment || opened || switched {
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
        let quote =
            open_quote(state, placed.order_id, (asset, chain), &fresh, on_failure(placed.replayed)).await?;
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
            payment_request: None,
            quote: Some(quote),
            replayed: placed.replayed,
        });
    }
    // Only the request that placed the order may fail it; a replay racing it (a double
    // click) must not close an order the first request is about to send to the checkout.
    let session = open_checkout(
        state,
        placed.order_id,
        method,
        &fresh,
        &account.email,
        on_failure(placed.replayed),
        delayed_methods,
    )
    .await?;
    Ok(Bought {
        order_id: placed.order_id,
        status: OrderStatus::PendingPayment,
        expires_at: fresh.expires_at,
        total_minor: fresh.total_minor,
        currency: fresh.currency,
        method,
        provider_ref: Some(session.id),
        redirect_url: Some(session.url),
        payment_request: session.payment_request,
        quote: None,
        replayed: placed.replayed,
    })
}

/// Only the request that placed an order may fail it; a replay racing it (a double click) must
/// not close an order the first request is about to send to the checkout.
fn on_failure(replayed: bool) -> OnFailure {
    if replayed { OnFailure::LeaveToFirst } else { OnFailure::FailOrder }
}

/// Free tickets: nothing to pay, so the order is paid at once (and announced like any other);
/// the buyer is told what it is.
async fn settle_free(
    state: &AppState,
    order_id: Uuid,
    fresh: &FreshOrder,
    method: PaymentMethod,
    replayed: bool,
) -> Result<Bought> {
    let settlement = tessera_settlement::free::settle(&state.db, order_id, &fresh.currency).await?;
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
        payment_request: None,
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
        message: tessera_i18n::t_args(
            "error-not-cancellable",
            [("status", tessera_web::view::order_status_label(status).into())],
        ),
        field: None,
    };
    if order.status != OrderStatus::PendingPayment {
        return Err(not_cancellable(order.status));
    }
    if order.payment_detected {
        return Err(Error::Conflict {
            code: "payment_in_progress",
            message: tessera_i18n::t("error-payment-in-progress"),
            field: None,
        });
    }
    let mut tx = state.db.begin().await?;
    let cancelled =
        order::close_pending(&mut tx, order_id, Closed::Cancelled, StatusReason::CancelledByCustomer).await?;
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

/// The buyer of a pending order pays on another rail (card → bitcoin → Lightning → ETH…)
/// without losing the tickets. The order moves first, in one guarded transaction (so its old
/// checkout's news no longer moves it), then the new checkout or quote is opened, then the
/// checkouts it left are closed at their providers. Money that still arrives on one of them
/// counts once: paid before the new rail was, it pays the order (a payment left is still the
/// order's own money), and whichever comes second is a duplicate, refunded; sent to a bitcoin
/// invoice once withdrawn (BTCPay's `Invalid`), it is recorded and refunded.
pub async fn switch_rail(
    state: &AppState,
    account: &Account,
    order_id: Uuid,
    to: PaymentMethod,
    chain: Option<u64>,
) -> Result<Bought> {
    let order = load(state, order_id, account.id).await?;
    let from = order.payment_method;
    let not_switchable = || Error::Conflict {
        code: "not_switchable",
        message: tessera_i18n::t("error-rail-switch-closed"),
        field: None,
    };
    if order.status != OrderStatus::PendingPayment || order.expires_at <= chrono::Utc::now() {
        return Err(not_switchable());
    }
    // The same rail again changes nothing, unless its checkout could not be opened: then it is
    // tried again.
    let failed = order.payment.as_ref().is_some_and(|p| p.status == PaymentStatus::Failed);
    if to == from && !failed {
        // Another chain for the same asset is another quote: refused below like any.
        let quoted_chain = match to.eth_asset() {
            Some(_) => order::eth::quote_of_order(&state.db, order_id).await?.map(|q| q.chain_id),
            None => None,
        };
        if quoted_chain.is_none_or(|quoted| state.names_chain(chain, quoted)) {
            return Bought::from_order(order, false).with_quote(state).await;
        }
    }
    // The checkout of the buy (or of another switch) is still being opened: it goes first.
    if order.payment.as_ref().is_some_and(|p| p.status == PaymentStatus::Creating) {
        return Err(Error::Conflict {
            code: "checkout_in_progress",
            message: tessera_i18n::t("error-checkout-in-progress"),
            field: None,
        });
    }
    if order.payment_detected || order.payment.as_ref().is_some_and(|p| p.seen_minor.unwrap_or(0) > 0) {
        return Err(Error::Conflict {
            code: "payment_in_progress",
            message: tessera_i18n::t("error-rail-switch-seen"),
            field: None,
        });
    }
    if !state.payment_methods().contains(&to) || order.total_minor == 0 {
        return Err(method_unavailable(&tessera_web::view::method_label(to)));
    }
    if !state.takes(to, chain) {
        return Err(chain_unavailable(to));
    }
    // A signed quote cannot be withdrawn: an order keeps the one it was given, in its asset.
    if let Some(asset) = to.eth_asset()
        && let Some(quote) = order::eth::quote_of_order(&state.db, order_id).await?
    {
        let message = if quote.asset == asset {
            tessera_i18n::t_args("error-rail-switch-quote-left", [("asset", quote.asset.clone().into())])
        } else {
            tessera_i18n::t_args(
                "error-rail-switch-quoted",
                [("asset", quote.asset.clone().into()), ("wanted", asset.into())],
            )
        };
        return Err(Error::Conflict { code: "already_quoted", message, field: Some("payment_method") });
    }
    let quote_life = to.quotes_rate().then(|| {
        chrono::Duration::from_std(state.config.quote_life).unwrap_or(chrono::Duration::minutes(30))
    });
    let mut tx = state.db.begin().await?;
    order::lock_buyer(&mut tx, order_id).await?;
    let switched = order::switch_rail(&mut tx, order_id, from, to, quote_life).await?;
    tx.commit().await?;
    let order::RailSwitch::Switched { payment_id, left } = switched else { return Err(not_switchable()) };
    tracing::info!(order.id = %order_id, rail.from = from.as_str(), rail.to = to.as_str(), "the buyer switched rail");
    metrics::counter!("tessera_rail_switches_total", "from" => from.as_str(), "to" => to.as_str())
        .increment(1);
    let order = load(state, order_id, account.id).await?;
    let fresh = FreshOrder {
        event_title: order.event.title.clone(),
        currency: order.currency.clone(),
        total_minor: order.total_minor,
        expires_at: order.expires_at,
        items: order.items.clone(),
    };
    let opened = match to.eth_asset() {
        Some(asset) => open_quote(state, order_id, (asset, chain), &fresh, OnFailure::KeepOrder(payment_id))
            .await
            .map(drop),
        None => {
            let delayed_methods = to == PaymentMethod::Card
                && order::limits::event_limits(&state.db, order.event.id).await?.allow_delayed_methods;
            open_checkout(
                state,
                order_id,
                to,
                &fresh,
                &account.email,
                OnFailure::KeepOrder(payment_id),
                delayed_methods,
            )
            .await
            .map(drop)
        }
    };
    // Whatever became of the new checkout, the old ones are closed: the buyer left them.
    for checkout in left {
        let Some(reference) = checkout.provider_ref.as_deref() else { continue };
        // A quote cannot be withdrawn (it lapses at its deadline): paid first, it pays the
        // order; after the new rail paid, it is a duplicate, refunded.
        let Some(provider) = state.provider_named(checkout.provider) else { continue };
        match provider.withdraw(reference).await {
            Ok(tessera_payments::ExpireOutcome::AlreadyCompleted) => {
                tracing::warn!(order.id = %order_id, payment.provider_ref = reference,
                    "the checkout left was paid meanwhile; its money pays the order or goes back");
            }
            Ok(_) => {}
            Err(err) => {
                tracing::warn!(order.id = %order_id, payment.provider_ref = reference, error = %err,
                    "could not close the checkout left; money sent to it pays the order once or goes back");
            }
        }
    }
    opened?;
    Bought::from_order(load(state, order_id, account.id).await?, false).with_quote(state).await
}

/// Quotes an Ethereum payment for the order and records it with the order's payment. A replay
/// that races the first request gets the quote the first one recorded.
async fn open_quote(
    state: &AppState,
    order_id: Uuid,
    (asset, chain): (&str, Option<u64>),
    order: &FreshOrder,
    on_failure: OnFailure,
) -> Result<EthQuote> {
    let eth = state.eth.as_ref().ok_or_else(|| method_unavailable(asset))?;
    let request = QuoteRequest {
        order_id,
        asset,
        chain,
        currency: &order.currency,
        total_minor: order.total_minor,
        expires_at: order.expires_at,
    };
    let quote = match eth.quote(&request).await {
        Ok(quote) => quote,
        Err(err) => {
            return Err(payment_not_opened(state, order_id, err, Explain::Reason, on_failure).await);
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

/// A chain named for a method that is not taken there (or takes no chain).
fn chain_unavailable(method: PaymentMethod) -> Error {
    Error::Unprocessable {
        code: "chain_unavailable",
        message: tessera_i18n::t_args("error-chain-unavailable", [("method", method.label().into())]),
        field: Some("chain_id"),
    }
}

fn method_unavailable(what: &str) -> Error {
    Error::Unprocessable {
        code: "payment_method_unavailable",
        message: tessera_i18n::t_args("error-method-unavailable", [("method", what.into())]),
        field: Some("payment_method"),
    }
}

/// Whether a refusal's reason may be shown to the customer.
#[derive(Debug, Clone, Copy)]
enum Explain {
    Reason,
    Generic,
}

/// Who answers for a payment the provider could not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OnFailure {
    /// The request that placed the order: it closes the order (its tickets go back at once).
    FailOrder,
    /// A replay racing that request: it leaves the order to it.
    LeaveToFirst,
    /// A switch of rail, opening this payment: the order keeps its tickets on the new rail, the
    /// payment failed, and the buyer may try again or pick another.
    KeepOrder(Uuid),
}

/// The provider could not open the payment. The request that placed the order closes it (its
/// tickets go back at once); a replay leaves it to that request; a switch of rail keeps it.
async fn payment_not_opened(
    state: &AppState,
    order_id: Uuid,
    err: tessera_payments::PaymentError,
    explain: Explain,
    on_failure: OnFailure,
) -> Error {
    if let OnFailure::KeepOrder(payment_id) = on_failure {
        let failed = sqlx::query!(
            "update payment set status = 'failed', updated_at = now() where payment_id = $1 and status = 'creating'",
            payment_id
        )
        .execute(&state.db)
        .await;
        if let Err(db) = failed {
            return Error::Database(db);
        }
        tracing::warn!(order.id = %order_id, error = %err, "the new rail's payment was not opened; the order keeps its hold");
        return Error::Unprocessable {
            code: "payment_not_opened",
            message: tessera_i18n::t("error-rail-switch-failed"),
            field: Some("payment_method"),
        };
    }
    if matches!(on_failure, OnFailure::LeaveToFirst) {
        tracing::warn!(order.id = %order_id, error = %err, "payment not opened on a replay; the first request owns it");
        return Error::Conflict {
            code: "checkout_in_progress",
            message: tessera_i18n::t("error-checkout-in-progress"),
            field: None,
        };
    }
    let closed = async {
        let mut tx = state.db.begin().await?;
        order::close_pending(&mut tx, order_id, Closed::Failed, StatusReason::ProviderUnavailable).await?;
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
            Explain::Reason => {
                tessera_i18n::t_args("error-payment-refused-because", [("reason", reason.as_str().into())])
            }
            Explain::Generic => tessera_i18n::t("error-payment-refused"),
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
    on_failure: OnFailure,
    delayed_methods: bool,
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
        delayed_methods,
        attempt: match on_failure {
            OnFailure::KeepOrder(payment_id) => Some(payment_id),
            OnFailure::FailOrder | OnFailure::LeaveToFirst => None,
        },
    };
    let provider = state.provider(method).ok_or_else(|| method_unavailable(method.label()))?;
    match provider.create(&request).await {
        Ok(session) => {
            // A synchronous commit: from here on the order (and its hold) is durable.
            let opened = order::OpenedCheckout {
                order_id,
                provider_ref: session.id.clone(),
                redirect_url: session.url.clone(),
                payment_request: session.payment_request.clone(),
                payment_id: match on_failure {
                    OnFailure::KeepOrder(payment_id) => Some(payment_id),
                    OnFailure::FailOrder | OnFailure::LeaveToFirst => None,
                },
            };
            state.checkouts_opened.record(opened).await?;
            tracing::info!(order.id = %order_id, payment.provider_ref = %session.id, "checkout opened");
            Ok(session)
        }
        Err(err) => Err(payment_not_opened(state, order_id, err, Explain::Generic, on_failure).await),
    }
}
