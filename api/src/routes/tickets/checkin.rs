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
            message: format!("This ticket is for another event: {event_title}."),
            field: Some("token"),
        }),
        Err(CheckInError::AlreadyCheckedIn { at, serial, holder_name, event_timezone }) => {
            // In the event's own time, as the door staff read their watches.
            let when = match event_timezone.parse::<chrono_tz::Tz>() {
                Ok(tz) => at.with_timezone(&tz).format("%H:%M:%S on %-d %b %Y (%Z)").to_string(),
                Err(_) => at.format("%H:%M:%S on %-d %b %Y (UTC)").to_string(),
            };
            Err(Error::Conflict {
                code: "already_checked_in",
                message: format!("Already checked in at {when}: ticket {serial} ({holder_name})."),
                field: None,
            })
        }
        Err(CheckInError::Voided { why, serial }) => Err(Error::Conflict {
            code: "ticket_voided",
            message: format!("Ticket {serial} does not admit anyone: {why}."),
            field: None,
        }),
        Err(CheckInError::Void { status }) => Err(Error::Conflict {
            code: "ticket_void",
            message: format!("This ticket's order is {status}; it does not admit anyone."),
            field: None,
        }),
    }
}
