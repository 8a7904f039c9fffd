//! An order as admins see it (its payments, tickets, refunds), and refunding it: all of it,
//! some of its tickets, or an amount.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use tessera_core::catalog::FieldError;
use tessera_core::order::{self, PaymentRow};
use tessera_core::refund::{self, OrderRefund, Refund, RefundCause, Scope};
use tessera_core::ticket::TicketState;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{JsonBody, OrderNoun, PathId};
use crate::routes::orders::Confirmation;
use crate::state::AppState;

/// An order with everything admins need to act on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AdminOrder {
    /// The order as its customer sees it.
    pub order: Confirmation,
    pub customer_email: String,
    /// Every payment attempt, oldest first.
    #[schema(value_type = Vec<crate::schemas::order::PaymentRow>)]
    pub payments: Vec<PaymentRow>,
    /// Its tickets, with check-ins and voids.
    #[schema(value_type = Vec<crate::schemas::order::TicketState>)]
    pub tickets: Vec<TicketState>,
    /// Every refund, cancelled and failed ones included, oldest first.
    #[schema(value_type = Vec<crate::schemas::refund::Refund>)]
    pub refunds: Vec<Refund>,
}

/// Shared with the admin page.
pub async fn admin_order(state: &AppState, order_id: Uuid) -> Result<AdminOrder> {
    let found = order::order_by_id(&state.db, order_id).await?.ok_or(Error::NotFound("order"))?;
    let customer_email =
        sqlx::query_scalar!("select email from account where account_id = $1", found.account_id)
            .fetch_one(&state.db)
            .await?;
    Ok(AdminOrder {
        order: Confirmation::from(found).with_tickets(state).await?,
        customer_email,
        payments: order::payments_of_order(&state.db, order_id).await?,
        tickets: tessera_core::ticket::ticket_states(&state.db, order_id).await?,
        refunds: refund::refunds_of_order(&state.db, order_id).await?,
    })
}

/// Any order, with its payments, tickets and refunds.
#[utoipa::path(get, path = "/api/admin/orders/{id}", tag = "admin",
    params(("id" = Uuid, Path, description = "The order")),
    responses(
        (status = 200, description = "The order", body = AdminOrder),
        Admin,
        PathId<OrderNoun>,
        (status = 404, description = "No such order", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    _admin: Admin,
    PathId { id, .. }: PathId<OrderNoun>,
) -> Result<Json<AdminOrder>> {
    admin_order(&state, id).await.map(Json)
}

/// What to refund. With neither `tickets` nor `amount_minor`, everything the order's payment
/// received that has not gone back yet, and every ticket.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundRequest {
    /// These tickets, at the price each was sold for; they stop admitting anyone.
    pub tickets: Option<Vec<Uuid>>,
    /// An amount in minor units of the order's currency, voiding no ticket.
    pub amount_minor: Option<i64>,
    /// Refund checked-in tickets too (recorded in the audit log).
    #[serde(default)]
    pub override_checked_in: bool,
}

/// Refunds an order (all of it, some tickets, or an amount) on the rail it was paid by. The
/// refund is sent to the provider at once; its `status` says how far it got. Repeating the
/// request with the same `Idempotency-Key` returns the same refund (200 instead of 201).
#[utoipa::path(post, path = "/api/admin/orders/{id}/refunds", tag = "admin",
    params(
        ("id" = Uuid, Path, description = "The order"),
        ("Idempotency-Key" = String, Header, description = "One refund per key: at most 255 visible ASCII characters"),
    ),
    request_body = RefundRequest,
    responses(
        (status = 201, description = "Refund asked for, and sent if the provider answered", body = crate::schemas::refund::Refund),
        (status = 200, description = "Asked for before under this key", body = crate::schemas::refund::Refund),
        (status = 400, description = "A missing or bad Idempotency-Key, or not a JSON body of this shape", body = ErrorBody),
        Admin,
        PathId<OrderNoun>,
        (status = 404, description = "No such order", body = ErrorBody),
        (status = 409, description = "Not paid, nothing left to refund, a checked-in or voided ticket, or a rail Tessera cannot refund on yet", body = ErrorBody),
        (status = 422, description = "More than is left to refund, or a ticket of another order", body = ErrorBody),
    ))]
pub async fn refund_order(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<OrderNoun>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<RefundRequest>,
) -> Result<(StatusCode, Json<Refund>)> {
    let key = crate::routes::admin::refunds::key_header(&headers)?;
    let scope = match (request.tickets, request.amount_minor) {
        (Some(_), Some(_)) => {
            return Err(FieldError::new("amount_minor", tessera_i18n::t("error-tickets-or-amount")).into());
        }
        (Some(tickets), None) if tickets.is_empty() => {
            return Err(FieldError::new("tickets", tessera_i18n::t("error-name-a-ticket")).into());
        }
        (Some(tickets), None) => Scope::Tickets(tickets),
        (None, Some(amount)) => Scope::Amount(amount),
        (None, None) => Scope::Order,
    };
    let (fresh, refund) = ask_and_send(
        &state,
        OrderRefund {
            order_id: id,
            scope,
            cause: RefundCause::Admin,
            requested_by: Some(admin.0.account.id),
            by_admin: true,
            idempotency_key: key,
            override_checked_in: request.override_checked_in,
            fee_minor: 0,
        },
    )
    .await?;
    Ok((if fresh { StatusCode::CREATED } else { StatusCode::OK }, Json(refund)))
}

/// Asks for the refund and sends it; whether it is new (not a replay of its key).
pub async fn ask_and_send(state: &AppState, ask: OrderRefund) -> Result<(bool, Refund)> {
    let (asked, fresh) = refund::request_for_order(&state.db, &ask).await?;
    let refund = if asked.status == refund::RefundStatus::Requested {
        crate::refunds::send(state, asked.id).await?
    } else {
        asked
    };
    Ok((fresh, refund))
}

/// An event's refund policy: customers may cancel until `until_hours_before` its start, less
/// `fee_percent` of what they paid. `null` for no self-service refunds (the default).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundPolicyBody {
    #[schema(minimum = 0, maximum = 8760, example = 48)]
    pub until_hours_before: i32,
    /// 0 to 100, with up to two decimals (`2.5`).
    #[schema(example = 10.0)]
    pub fee_percent: f64,
}

/// How far the refunds of a cancelled event have got, with its policy.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventRefunds {
    pub policy: Option<RefundPolicyBody>,
    #[schema(value_type = crate::schemas::refund::CancellationProgress)]
    pub cancellation: tessera_core::refund::CancellationProgress,
}

/// Sets (or with `null` removes) an event's refund policy.
#[utoipa::path(put, path = "/api/admin/events/{id}/refund-policy", tag = "admin",
    params(("id" = Uuid, Path, description = "The event")),
    request_body(content = Option<RefundPolicyBody>, description = "The policy, or null for none"),
    responses(
        (status = 200, description = "The policy now, and the refunds of the event if it was cancelled", body = EventRefunds),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        Admin,
        PathId<crate::extract::EventNoun>,
        (status = 404, description = "No such event", body = ErrorBody),
        (status = 422, description = "Hours or fee out of range", body = ErrorBody),
    ))]
pub async fn set_refund_policy(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<crate::extract::EventNoun>,
    JsonBody(body): JsonBody<Option<RefundPolicyBody>>,
) -> Result<Json<EventRefunds>> {
    let policy = body.map(|b| policy_of(b.until_hours_before, b.fee_percent)).transpose()?;
    save_policy(&state, id, policy, admin.0.account.id).await?;
    event_refunds(&state, id).await.map(Json)
}

/// A policy from what an admin typed, checked.
pub fn policy_of(until_hours_before: i32, fee_percent: f64) -> Result<tessera_core::refund::RefundPolicy> {
    if !(0..=8760).contains(&until_hours_before) {
        return Err(Error::InvalidField(FieldError::new(
            "until_hours_before",
            tessera_i18n::t("error-hours-before"),
        )));
    }
    if !(0.0..=100.0).contains(&fee_percent) || !fee_percent.is_finite() {
        return Err(Error::InvalidField(FieldError::new(
            "fee_percent",
            tessera_i18n::t_args("error-between", [("min", 0.into()), ("max", 100.into())]),
        )));
    }
    Ok(tessera_core::refund::RefundPolicy {
        until_hours_before,
        fee_bps: (fee_percent * 100.0).round() as i32,
    })
}

/// Shared with the event's admin page.
pub async fn save_policy(
    state: &AppState,
    event_id: Uuid,
    policy: Option<tessera_core::refund::RefundPolicy>,
    admin: Uuid,
) -> Result<()> {
    tessera_core::catalog::event_for_admin(&state.db, event_id).await?.ok_or(Error::NotFound("event"))?;
    tessera_core::refund::set_policy(&state.db, event_id, policy, admin).await?;
    Ok(())
}

/// An event's policy and the progress of its cancellation's refunds.
pub async fn event_refunds(state: &AppState, event_id: Uuid) -> Result<EventRefunds> {
    Ok(EventRefunds {
        policy: tessera_core::refund::policy(&state.db, event_id).await?.map(|p| RefundPolicyBody {
            until_hours_before: p.until_hours_before,
            fee_percent: f64::from(p.fee_bps) / 100.0,
        }),
        cancellation: tessera_core::refund::cancellation_progress(&state.db, event_id).await?,
    })
}
