use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::catalog::{self, EventStatus, FieldError};
use tessera_core::order::{self, BuyItem, MAX_TICKETS_PER_ORDER, OrderStatus, PaymentMethod};
use utoipa::ToSchema;
use uuid::Uuid;

use super::parse_id;
use crate::auth::SignedIn;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::JsonBody;
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
    pub payment_methods: Vec<PaymentMethod>,
    /// How long tickets are held while the customer pays.
    pub hold_minutes: u64,
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

/// A purchase.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BuyRequest {
    pub items: Vec<BuyLine>,
    /// `card` (crypto methods are coming).
    #[schema(example = "card")]
    pub payment_method: String,
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
    pub method: PaymentMethod,
    /// For card: the Checkout Session id.
    pub provider_ref: Option<String>,
    /// Send the customer here to pay.
    pub redirect_url: Option<String>,
}

/// What can be bought for an event now: ticket types with live availability, prices, the
/// payment methods and how long tickets are held.
#[utoipa::path(get, path = "/api/events/{id}/buy", tag = "orders",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "What can be bought", body = BuyOptions),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn options(
    State(state): State<AppState>,
    _signed_in: SignedIn,
    Path(id): Path<String>,
) -> Result<Json<BuyOptions>> {
    let id = parse_id(&id, "an event id")?;
    let event = catalog::event_by_id(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let mut conn = state.db.acquire().await?;
    let available = order::availability(&mut conn, id).await?;
    let closed_reason = if event.status == EventStatus::Cancelled {
        Some("This event was cancelled.".to_string())
    } else if event.starts_at <= Utc::now() {
        Some("This event has already started.".to_string())
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
        hold_minutes: state.config.hold.as_secs() / 60,
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
        (status = 400, description = "Not a JSON body of this shape, or a bad Idempotency-Key", body = ErrorBody),
        (status = 401, description = "Not signed in", body = ErrorBody),
        (status = 404, description = "No such event", body = ErrorBody),
        (status = 409, description = "`sold_out`: not enough tickets; `available` says what is left", body = ErrorBody),
        (status = 410, description = "The event was cancelled or has started", body = ErrorBody),
        (status = 422, description = "Bad quantities, unknown ticket type or payment method, or a reused Idempotency-Key", body = ErrorBody),
        (status = 502, description = "The payment provider is unavailable; nothing was held", body = ErrorBody),
    ))]
pub async fn buy(
    State(state): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<String>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<BuyRequest>,
) -> Result<(StatusCode, HeaderMap, Json<BuyResponse>)> {
    let id = parse_id(&id, "an event id")?;
    let key = idempotency_key(&headers)?;
    let method: PaymentMethod = request.payment_method.parse().map_err(|_| {
        Error::InvalidField(FieldError::new(
            "payment_method",
            format!("{:?} is not a payment method; use \"card\"", request.payment_method),
        ))
    })?;
    let items: Vec<BuyItem> = request
        .items
        .iter()
        .map(|line| BuyItem { ticket_type_id: line.ticket_type_id, quantity: line.quantity })
        .collect();
    let bought = orders::buy(&state, &signed_in.account, id, &items, method, key).await?;
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
            payment: BuyPayment {
                method: bought.method,
                provider_ref: bought.provider_ref,
                redirect_url: bought.redirect_url,
            },
        }),
    ))
}

fn idempotency_key(headers: &HeaderMap) -> Result<Option<&str>> {
    let Some(value) = headers.get("idempotency-key") else { return Ok(None) };
    let key = value
        .to_str()
        .ok()
        .filter(|key| (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()));
    key.map(Some)
        .ok_or_else(|| FieldError::new("Idempotency-Key", "must be 1 to 255 visible ASCII characters").into())
}
