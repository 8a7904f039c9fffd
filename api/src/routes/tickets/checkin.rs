use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tessera_core::ticket::{self, CheckInError, TokenError};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::DoorStaff;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::JsonBody;
use crate::state::AppState;

/// A scanned ticket, at the door of an event.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CheckInRequest {
    /// The QR code's text: `TT1.….…`.
    pub token: String,
    /// The event being checked in.
    pub event_id: Uuid,
}

/// A ticket let in.
#[derive(Debug, Serialize, ToSchema)]
pub struct CheckedIn {
    pub ticket_id: Uuid,
    #[schema(example = "7K3M-9Q2P-XW4D")]
    pub serial: String,
    pub holder_name: String,
    pub ticket_type: String,
    pub event_id: Uuid,
    pub event_title: String,
    pub checked_in_at: DateTime<Utc>,
}

/// Checks a ticket in: the first scan lets its holder in, any later one is refused with when
/// it was first scanned. For door staff and admins.
#[utoipa::path(post, path = "/api/admin/checkin", tag = "admin",
    request_body = CheckInRequest,
    responses(
        (status = 200, description = "Let in", body = CheckedIn),
        (status = 400, description = "Not a ticket we signed", body = ErrorBody),
        DoorStaff,
        (status = 404, description = "A ticket we signed but do not have", body = ErrorBody),
        (status = 409, description = "Already checked in, or its order was refunded", body = ErrorBody),
        (status = 422, description = "A ticket for another event", body = ErrorBody),
    ))]
pub async fn checkin(
    State(state): State<AppState>,
    door: DoorStaff,
    JsonBody(request): JsonBody<CheckInRequest>,
) -> Result<Json<CheckedIn>> {
    check_in(&state, &door, &request.token, request.event_id).await.map(Json)
}

/// Shared with the staff page.
pub async fn check_in(state: &AppState, door: &DoorStaff, token: &str, event_id: Uuid) -> Result<CheckedIn> {
    let claims = ticket::verify(token, &state.ticket_key.verifying_key()).map_err(|err| match err {
        TokenError::Malformed => Error::InvalidSignature("This is not a Tessera ticket code."),
        TokenError::BadSignature => {
            Error::InvalidSignature("This ticket's signature does not verify: it is forged or damaged.")
        }
    })?;
    let mut conn = state.db.acquire().await?;
    match ticket::check_in(&mut conn, &claims, event_id, door.0.account.id).await? {
        Ok(done) => Ok(CheckedIn {
            ticket_id: done.ticket_id,
            serial: done.serial,
            holder_name: done.holder_name,
            ticket_type: done.ticket_type_name,
            event_id: done.event_id,
            event_title: done.event_title,
            checked_in_at: done.checked_in_at,
        }),
        Err(CheckInError::UnknownTicket) => Err(Error::NotFound("ticket")),
        Err(CheckInError::OtherEvent { event_title }) => Err(Error::Unprocessable {
            code: "other_event",
            message: tessera_i18n::t_args("error-checkin-other-event", [("event", event_title.into())]),
            field: Some("token"),
        }),
        Err(CheckInError::AlreadyCheckedIn { at, serial, holder_name, event_timezone }) => {
            // In the event's own time, as the door staff read their watches.
            let locale = tessera_i18n::current();
            let zone =
                if event_timezone.parse::<chrono_tz::Tz>().is_ok() { event_timezone.as_str() } else { "UTC" };
            let when = format!(
                "{} ({})",
                tessera_i18n::format::instant(locale, at, zone, tessera_i18n::format::Style::DateTime),
                tessera_i18n::format::zone_name(locale, at, zone)
            );
            Err(Error::Conflict {
                code: "already_checked_in",
                message: tessera_i18n::t_args(
                    "error-checkin-already",
                    [("when", when.into()), ("serial", serial.into()), ("holder", holder_name.into())],
                ),
                field: None,
            })
        }
        Err(CheckInError::Voided { why, serial }) => Err(Error::Conflict {
            code: "ticket_voided",
            message: tessera_i18n::t_args(
                "error-checkin-voided",
                [("serial", serial.into()), ("why", tessera_i18n::t(why).into())],
            ),
            field: None,
        }),
        Err(CheckInError::Void { status }) => Err(Error::Conflict {
            code: "ticket_void",
            message: tessera_i18n::t_args(
                "error-checkin-void",
                [(
                    "status",
                    match status.parse::<tessera_core::order::OrderStatus>() {
                        Ok(status) => tessera_web::view::order_status_label(status),
                        Err(_) => status,
                    }
                    .into(),
                )],
            ),
            field: None,
        }),
    }
}
