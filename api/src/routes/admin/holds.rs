//! Who holds an event's tickets, the event's limits on what one account may take, and
//! releasing an account's holds.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::catalog::FieldError;
use tessera_core::order::limits::{self, AccountHolds, EventLimits, LimitsError};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{EventNoun, JsonBody, PathId};
use crate::state::AppState;

/// The most accounts an event's holds list shows.
pub const HOLDERS_SHOWN: i64 = 200;

/// An event's limits on what one account may take.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventLimitsBody {
    /// Tickets one account may hold and own together (default 10).
    #[schema(minimum = 1, maximum = 10000, example = 10)]
    pub max_tickets_per_account: i32,
    /// Card checkouts may offer payment methods whose result arrives after the hold (bank
    /// debits, vouchers). Off by default: only methods that answer at once.
    pub allow_delayed_methods: bool,
}

impl From<EventLimits> for EventLimitsBody {
    fn from(limits: EventLimits) -> Self {
        EventLimitsBody {
            max_tickets_per_account: limits.max_tickets_per_account,
            allow_delayed_methods: limits.allow_delayed_methods,
        }
    }
}

/// One account's holds and purchases of the event.
#[derive(Debug, Serialize, ToSchema)]
pub struct AccountHoldsBody {
    pub account_id: Uuid,
    pub email: String,
    pub name: String,
    /// Tickets in unpaid orders whose hold is live.
    pub held: i32,
    /// Tickets in unpaid orders kept past their hold because a payment was seen.
    pub kept_for_payment: i32,
    /// Tickets in paid orders.
    pub bought: i32,
    /// Unpaid orders of this event.
    pub open_orders: i32,
    /// When the earliest live hold runs out.
    pub holds_until: Option<DateTime<Utc>>,
}

impl From<AccountHolds> for AccountHoldsBody {
    fn from(h: AccountHolds) -> Self {
        AccountHoldsBody {
            account_id: h.account_id,
            email: h.email,
            name: h.name,
            held: h.held,
            kept_for_payment: h.kept_for_payment,
            bought: h.bought,
            open_orders: h.open_orders,
            holds_until: h.holds_until,
        }
    }
}

/// The event's limits and the accounts holding its tickets, those holding most first (at
/// most 200).
#[derive(Debug, Serialize, ToSchema)]
pub struct EventHolds {
    pub limits: EventLimitsBody,
    pub accounts: Vec<AccountHoldsBody>,
}

/// Releasing an account's holds on an event.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseHolds {
    pub account_id: Uuid,
}

/// The orders a release closed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReleasedHolds {
    /// Closed as `released_by_admin`; their tickets are back on sale.
    pub orders: Vec<Uuid>,
}

/// The event's limits, and who holds its tickets now.
#[utoipa::path(get, path = "/api/admin/events/{id}/holds", tag = "admin",
    params(("id" = Uuid, Path, description = "The event")),
    responses(
        (status = 200, description = "The limits and the accounts holding tickets", body = EventHolds),
        Admin,
        PathId<EventNoun>,
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn holds(
    State(state): State<AppState>,
    _admin: Admin,
    PathId { id, .. }: PathId<EventNoun>,
) -> Result<Json<EventHolds>> {
    event_holds(&state, id).await.map(Json)
}

/// Sets what one account may take of the event. A lower limit applies from the next
/// purchase; what accounts already hold or own stays theirs.
#[utoipa::path(put, path = "/api/admin/events/{id}/limits", tag = "admin",
    params(("id" = Uuid, Path, description = "The event")),
    request_body = EventLimitsBody,
    responses(
        (status = 200, description = "The limits now, and who holds tickets", body = EventHolds),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        Admin,
        PathId<EventNoun>,
        (status = 404, description = "No such event", body = ErrorBody),
        (status = 422, description = "A limit out of range", body = ErrorBody),
    ))]
pub async fn set_limits(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<EventNoun>,
    JsonBody(body): JsonBody<EventLimitsBody>,
) -> Result<Json<EventHolds>> {
    let limits = EventLimits {
        max_tickets_per_account: body.max_tickets_per_account,
        allow_delayed_methods: body.allow_delayed_methods,
    };
    save_limits(&state, id, limits, admin.0.account.id).await?;
    event_holds(&state, id).await.map(Json)
}

/// Releases an account's live holds on the event: its unpaid orders close and their tickets
/// go back on sale. Orders whose payment was seen are kept (the money is on its way).
#[utoipa::path(post, path = "/api/admin/events/{id}/release-holds", tag = "admin",
    params(("id" = Uuid, Path, description = "The event")),
    request_body = ReleaseHolds,
    responses(
        (status = 200, description = "The orders closed (none when the account held nothing)", body = ReleasedHolds),
        (status = 400, description = "Not a JSON body of this shape", body = ErrorBody),
        Admin,
        PathId<EventNoun>,
        (status = 404, description = "No such event", body = ErrorBody),
    ))]
pub async fn release(
    State(state): State<AppState>,
    admin: Admin,
    PathId { id, .. }: PathId<EventNoun>,
    JsonBody(body): JsonBody<ReleaseHolds>,
) -> Result<Json<ReleasedHolds>> {
    let orders = release_holds(&state, id, body.account_id, admin.0.account.id).await?;
    Ok(Json(ReleasedHolds { orders }))
}

/// Shared with the event's admin page.
pub async fn event_holds(state: &AppState, event_id: Uuid) -> Result<EventHolds> {
    tessera_core::catalog::event_for_admin(&state.db, event_id).await?.ok_or(Error::NotFound("event"))?;
    Ok(EventHolds {
        limits: limits::event_limits(&state.db, event_id).await?.into(),
        accounts: limits::holds_of_event(&state.db, event_id, HOLDERS_SHOWN)
            .await?
            .into_iter()
            .map(AccountHoldsBody::from)
            .collect(),
    })
}

/// Shared with the event's admin page.
pub async fn save_limits(state: &AppState, event_id: Uuid, limits: EventLimits, admin: Uuid) -> Result<()> {
    match limits::set_event_limits(&state.db, event_id, limits, admin).await {
        Ok(()) => Ok(()),
        Err(LimitsError::EventNotFound) => Err(Error::NotFound("event")),
        Err(LimitsError::Invalid(field)) => Err(Error::InvalidField(field)),
        Err(LimitsError::Database(err)) => Err(err.into()),
    }
}

/// Shared with the event's admin page.
pub async fn release_holds(
    state: &AppState,
    event_id: Uuid,
    account_id: Uuid,
    admin: Uuid,
) -> Result<Vec<Uuid>> {
    tessera_core::catalog::event_for_admin(&state.db, event_id).await?.ok_or(Error::NotFound("event"))?;
    let released = limits::release_account_holds(&state.db, event_id, account_id, admin).await?;
    if !released.is_empty() {
        tracing::info!(event.id = %event_id, account.id = %account_id, orders = released.len(), "holds released by an admin");
    }
    Ok(released)
}

/// A limit as an admin typed it in the form.
pub fn limits_from_form(max: &str, allow_delayed: bool) -> Result<EventLimits> {
    let max_tickets_per_account = max.trim().parse::<i32>().map_err(|_| {
        Error::InvalidField(FieldError::new(
            "max_tickets_per_account",
            tessera_i18n::t("error-whole-tickets"),
        ))
    })?;
    Ok(EventLimits { max_tickets_per_account, allow_delayed_methods: allow_delayed })
}
