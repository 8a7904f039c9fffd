use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::catalog::{self, EventStatus, FieldError};
use tessera_core::order::{self, BuyItem, MAX_TICKETS_PER_ORDER, OrderStatus, PaymentMethod};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::auth::client_ip::ClientIp;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{EventNoun, JsonBody, PathId};
use crate::orders;
use crate::state::AppState;

/// What can be bought now.
#[derive(Debug, Serialize, ToSchema)]
pub struct BuyOptions {
    pub event_id: Uuid,
    pub title: String,
    #[schema(example = "EUR")]
    pub currency: String,
    /// False for a cancelled event or one that has started; `closed_reason` says which.
    pub on_sale: bool,
    pub closed_reason: Option<String>,
    pub ticket_types: Vec<AvailableTicketType>,
    #[schema(value_type = Vec<crate::schemas::order::PaymentMethod>)]
    pub payment_methods: Vec<PaymentMethod>,
    /// The chains ETH and tokens (`eth`, `usdc`, `usdt`, `eurc`) are paid on (with the payment contract configured), the
    /// default one first.
    pub payment_chains: Vec<PaymentChain>,
    /// How long tickets are held while the customer pays.
    pub hold_minutes: u64,
    /// How long a crypto price (a bitcoin invoice, an Ethereum quote) holds: an order paid in
    /// crypto is held this long when it is shorter than `hold_minutes`.
    pub quote_minutes: u64,
    pub max_tickets_per_order: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AvailableTicketType {
    pub ticket_type_id: Uuid,
    pub name: String,
    pub price_minor: i64,
    /// Neither sold nor held by a live hold, right now.
    pub available: i32,
}

/// A chain the payment contract takes ETH and tokens on.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentChain {
    /// Its id, to send as `chain_id`; none for a default (local) chain whose id only its node
    /// knows.
    #[schema(example = 8453)]
    pub chain_id: Option<u64>,
    /// Where a purchase naming no chain is quoted.
    pub default: bool,
    #[schema(example = "Base")]
    pub name: String,
    /// `ETH`, then the tokens taken there.
    #[schema(example = json!(["ETH", "USDC"]))]
    pub assets: Vec<String>,
}

/// A purchase.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BuyRequest {
    pub items: Vec<BuyLine>,
    /// `card`, `btc`, `lightning`, `eth`, `usdc`, `usdt` or `eurc`: one of the event's `payment_methods`.
    #[schema(example = "card")]
    pub payment_method: String,
    /// ETH and tokens only: the chain to pay on, by its id (one of `payment_chains`); the
    /// first of them when left out.
    #[schema(example = 8453)]
    pub chain_id: Option<u64>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct BuyLine {
    pub ticket_type_id: Uuid,
    pub quantity: i32,
}

/// The order, holding its tickets, and where to pay for it.
#[derive(Debug, Serialize, ToSchema)]
pub struct BuyResponse {
    pub order_id: Uuid,
    #[schema(value_type = crate::schemas::order::OrderStatus)]
    pub status: OrderStatus,
    /// The tickets are held until then.
    pub expires_at: DateTime<Utc>,
    pub total_minor: i64,
    #[schema(example = "EUR")]
    pub currency: String,
    pub payment: BuyPayment,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BuyPayment {
    #[schema(value_type = crate::schemas::order::PaymentMethod)]
    pub method: PaymentMethod,
    /// For card: the Checkout Session id; bitcoin: the BTCPay invoice id; ETH and tokens: the
    /// order id as the contract sees it (bytes32, 0x-hex).
    pub provider_ref: Option<String>,
    /// Send the customer here to pay: the hosted checkout (card), the invoice (bitcoin), or the
    /// order page showing the quote (ETH and tokens) or the Lightning request (Lightning).
    pub redirect_url: Option<String>,
    /// Lightning (absent otherwise): the BOLT11 payment request to pay; it expires no later
    /// than the hold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_request: Option<String>,
    /// ETH and tokens (absent otherwise): the fields of [`QuoteView`], the quote to pay exactly
    /// as the contract checks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "0x5fbdb2315678afecb367f032d93f642f64180aa3")]
    pub contract: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain_id: Option<i64>,
    /// `ETH` or the token's symbol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// The token paid in; the zero address for ETH.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decimals: Option<i16>,
    /// In the asset's base units, a decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_decimal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<String>,
    /// Unix seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approve_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transactions: Option<Vec<WalletTransaction>>,
}

impl BuyPayment {
    fn new(
        method: PaymentMethod,
        provider_ref: Option<String>,
        redirect_url: Option<String>,
        payment_request: Option<String>,
        quote: Option<QuoteView>,
    ) -> Self {
        let mut payment = BuyPayment {
            method,
            provider_ref,
            redirect_url,
            payment_request,
            contract: None,
            chain_id: None,
            asset: None,
            token: None,
            decimals: None,
            amount: None,
            amount_decimal: None,
            rate: None,
            deadline: None,
            signature: None,
            payment_uri: None,
            approve_uri: None,
            transactions: None,
        };
        if let Some(q) = quote {
            payment.contract = Some(q.contract);
            payment.chain_id = Some(q.chain_id);
            payment.asset = Some(q.asset);
            payment.token = Some(q.token);
            payment.decimals = Some(q.decimals);
            payment.amount = Some(q.amount);
            payment.amount_decimal = Some(q.amount_decimal);
            payment.rate = Some(q.rate);
            payment.deadline = Some(q.deadline);
            payment.signature = Some(q.signature);
            payment.payment_uri = Some(q.payment_uri);
            payment.approve_uri = q.approve_uri;
            payment.transactions = Some(q.transactions);
        }
        payment
    }
}

/// An Ethereum quote: call `pay` (ETH, sending `amount` as the value) or, after approving
/// `amount` of the token for `contract`, `payToken`, with the quote `(provider_ref, token,
/// amount, deadline)` and `signature`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuoteView {
    /// Our payment contract.
    #[schema(example = "0x5fbdb2315678afecb367f032d93f642f64180aa3")]
    pub contract: String,
    pub chain_id: i64,
    /// `ETH` or the token's symbol.
    #[schema(example = "ETH")]
    pub asset: String,
    /// The token paid in; the zero address for ETH.
    pub token: String,
    /// The asset's decimals (18 for ETH, 6 for USDC).
    pub decimals: i16,
    /// In the asset's base units (wei, token units), as a decimal string: exactly this, or the
    /// contract refuses the payment.
    #[schema(example = "4000000000000000")]
    pub amount: String,
    /// `amount` in whole units of the asset, exact (`0.004`).
    #[schema(example = "0.004")]
    pub amount_decimal: String,
    /// The rate the total was converted at: units of the order's currency per whole unit of
    /// the asset.
    #[schema(example = "3000")]
    pub rate: String,
    /// Unix seconds; the contract refuses the payment after it (the end of the hold).
    pub deadline: i64,
    /// The operator's EIP-712 signature over the quote (65 bytes, 0x-hex).
    pub signature: String,
    /// An EIP-681 link to the payment call (`payEth`, or `payTokenWith` after the approval).
    pub payment_uri: String,
    /// Tokens: an EIP-681 link to the `approve` that comes first.
    pub approve_uri: Option<String>,
    /// The transactions a wallet sends, in order (`eth_sendTransaction` fields).
    pub transactions: Vec<WalletTransaction>,
}

/// One transaction for the customer's wallet.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WalletTransaction {
    /// `approve` (the token, for the contract) or `pay`.
    pub step: &'static str,
    pub to: String,
    /// Wei, 0x-hex.
    pub value: String,
    /// Calldata, 0x-hex.
    pub data: String,
}

impl QuoteView {
    pub fn of(quote: &tessera_core::order::eth::EthQuote) -> Result<QuoteView> {
        use tessera_core::money::units_decimal as format_units;
        use tessera_payments::eth::WalletCall;
        let call = WalletCall::of(quote).map_err(|err| Error::Internal(anyhow::anyhow!(err.to_string())))?;
        let mut transactions = Vec::new();
        if let Some(approve) = call.approve {
            transactions.push(WalletTransaction {
                step: "approve",
                to: approve.to,
                value: approve.value,
                data: approve.data,
            });
        }
        transactions.push(WalletTransaction {
            step: "pay",
            to: call.pay.to,
            value: call.pay.value,
            data: call.pay.data,
        });
        Ok(QuoteView {
            contract: quote.contract.clone(),
            chain_id: quote.chain_id,
            asset: quote.asset.clone(),
            token: quote.token.clone(),
            decimals: quote.decimals,
            amount: quote.amount.clone(),
            amount_decimal: format_units(&quote.amount, u32::try_from(quote.decimals).unwrap_or(0)),
            rate: quote.rate.clone(),
            deadline: quote.deadline.timestamp(),
            signature: quote.signature.clone(),
            payment_uri: call.payment_uri,
            approve_uri: call.approve_uri,
            transactions,
        })
    }
}

/// What can be bought for an event now: ticket types with live availability, prices, the
/// payment methods and how long tickets are held.
#[utoipa::path(get, path = "/api/events/{id}/buy", tag = "orders",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "What can be bought", body = BuyOptions),
        SignedIn,
        PathId<EventNoun>,
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn options(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    PathId { id, .. }: PathId<EventNoun>,
) -> Result<Json<BuyOptions>> {
    let event = catalog::event_by_id(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let mut conn = state.db.acquire().await?;
    let available = order::availability(&mut conn, id).await?;
    let closed_reason = if event.status == EventStatus::Cancelled {
        Some(tessera_i18n::t("error-event-cancelled"))
    } else if event.starts_at <= Utc::now() {
        Some(tessera_i18n::t("error-event-started"))
    } else {
        None
    };
    Ok(Json(BuyOptions {
        event_id: event.id,
        title: event.title,
        currency: event.currency,
        on_sale: closed_reason.is_none(),
        closed_reason,
        ticket_types: available
            .into_iter()
            .map(|t| AvailableTicketType {
                ticket_type_id: t.ticket_type_id,
                name: t.name,
                price_minor: t.price_minor,
                available: t.available.max(0),
            })
            .collect(),
        payment_methods: state.payment_methods(),
        payment_chains: state
            .eth
            .iter()
            .flat_map(|eth| eth.chains())
            .map(|chain| PaymentChain {
                chain_id: chain.chain_id,
                default: chain.primary,
                name: crate::state::offer_name(&chain),
                assets: chain.assets,
            })
            .collect(),
        hold_minutes: state.config.hold.as_secs() / 60,
        quote_minutes: state.config.quote_life.as_secs() / 60,
        max_tickets_per_order: MAX_TICKETS_PER_ORDER,
    }))
}

/// Buy tickets: places the order, holds the tickets until `expires_at` and opens the payment.
///
/// Send the customer to `payment.redirect_url`. With an `Idempotency-Key` header, repeating
/// the request returns the same order (with `Idempotent-Replayed: true`); the same key with a
/// different request is a 422.
#[utoipa::path(post, path = "/api/events/{id}/buy", tag = "orders", request_body = BuyRequest,
    params(
        ("id" = Uuid, Path, description = "The event's id"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe: at most 255 visible ASCII characters"),
    ),
    responses(
        (status = 201, description = "The order, holding its tickets", body = BuyResponse),
        (status = 400, description = "The id is not a UUID, not a JSON body of this shape, or a bad Idempotency-Key", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 403, description = "The account has not confirmed its email address yet (`email_unverified`)", body = ErrorBody),
        (status = 404, description = "No such event", body = ErrorBody),
        (status = 409, description = "`sold_out`: not enough tickets (`available` says what is left); `ticket_limit`: the account would hold or own more of the event's tickets than it allows; `too_many_open_orders`: the account has as many unpaid orders as it may", body = ErrorBody),
        (status = 410, description = "The event was cancelled or has started", body = ErrorBody),
        (status = 422, description = "Bad quantities, unknown ticket type or payment method, or a reused Idempotency-Key", body = ErrorBody),
        (status = 429, description = "Too many purchases from this account or address (with `Retry-After`)", body = ErrorBody),
        (status = 502, description = "The payment provider is unavailable; nothing was held", body = ErrorBody),
    ))]
pub async fn buy(
    State(state): State<AppState>,
    signed_in: SignedIn,
    ip: ClientIp,
    visit: crate::demand::VisitChannel,
    PathId { id, .. }: PathId<EventNoun>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<BuyRequest>,
) -> Result<(StatusCode, HeaderMap, Json<BuyResponse>)> {
    let key = idempotency_key(&headers)?;
    let method = payment_method(&request.payment_method)?;
    let items: Vec<BuyItem> = request
        .items
        .iter()
        .map(|line| BuyItem { ticket_type_id: line.ticket_type_id, quantity: line.quantity })
        .collect();
    let bought = orders::buy(
        &state,
        orders::Origin { ip, channel: &visit.0 },
        &signed_in.account,
        id,
        &items,
        (method, request.chain_id),
        key,
    )
    .await?;
    let mut response_headers = HeaderMap::new();
    if bought.replayed {
        response_headers.insert("idempotent-replayed", "true".parse().expect("a header value"));
    }
    Ok((
        StatusCode::CREATED,
        response_headers,
        Json(BuyResponse {
            order_id: bought.order_id,
            status: bought.status,
            expires_at: bought.expires_at,
            total_minor: bought.total_minor,
            currency: bought.currency,
            payment: BuyPayment::new(
                bought.method,
                bought.provider_ref,
                bought.redirect_url,
                bought.payment_request,
                bought.quote.as_ref().map(QuoteView::of).transpose()?,
            ),
        }),
    ))
}

/// A request's `payment_method`, or the field's error naming the methods there are.
pub(super) fn payment_method(value: &str) -> Result<PaymentMethod> {
    value.parse().map_err(|_| {
        Error::InvalidField(FieldError::new(
            "payment_method",
            tessera_i18n::t_args("error-not-a-payment-method", [("value", format!("{value:?}").into())]),
        ))
    })
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<&str>> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let key = value.to_str().ok().filter(|key| order::is_idempotency_key(key));
    key.map(Some)
        .ok_or_else(|| FieldError::new("Idempotency-Key", tessera_i18n::t("error-idempotency-key")).into())
}
