//! Checking a ticket in at the door: once, for the event being checked in, and only while its
//! order stands (a refunded order's tickets no longer admit anyone).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::TicketClaims;

/// A ticket let in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckIn {
    pub ticket_id: Uuid,
    pub serial: String,
    pub holder_name: String,
    pub ticket_type_name: String,
    pub event_id: Uuid,
    pub event_title: String,
    pub checked_in_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckInError {
    #[error("no such ticket")]
    UnknownTicket,
    #[error("this ticket is for another event: {event_title}")]
    OtherEvent { event_title: String },
    #[error("already checked in at {at}")]
    AlreadyCheckedIn { at: DateTime<Utc>, serial: String, holder_name: String, event_timezone: String },
    #[error("this ticket's order is {status}; it does not admit anyone")]
    Void { status: String },
    /// The ticket itself was voided: refunded, or its payment disputed.
    #[error("this ticket was voided: {}", tessera_i18n::message(tessera_i18n::Locale::En, why))]
    Voided { why: &'static str, serial: String },
}

/// Lets the ticket of a verified token in to `event_id`, recording who checked it in.
pub async fn check_in(
    conn: &mut PgConnection,
    claims: &TicketClaims,
    event_id: Uuid,
    staff: Uuid,
) -> sqlx::Result<Result<CheckIn, CheckInError>> {
    let Some(ticket) = sqlx::query!(
        r#"select t.ticket_id, t.serial, t.holder_name, t.ticket_type_name, t.event_id,
                  e.title as event_title, e.timezone as event_timezone, o.status as order_status,
                  t.void_reason as "void_reason: crate::refund::VoidReason"
           from ticket t
           join event e on e.event_id = t.event_id
           join customer_order o on o.order_id = t.order_id
           where t.ticket_id = $1"#,
        claims.ticket_id
    )
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(Err(CheckInError::UnknownTicket));
    };
    // The token names the event too: a ticket for another event is refused even if our rows
    // were ever to disagree with what was signed.
    if ticket.event_id != event_id || claims.event_id != event_id {
        return Ok(Err(CheckInError::OtherEvent { event_title: ticket.event_title }));
    }
    if let Some(reason) = ticket.void_reason {
        return Ok(Err(CheckInError::Voided { why: reason.explain(), serial: ticket.serial }));
    }
    if !matches!(ticket.order_status.as_str(), "paid" | "fulfilled") {
        return Ok(Err(CheckInError::Void { status: ticket.order_status }));
    }
    let checked_in_at = sqlx::query_scalar!(
        r#"update ticket set checked_in_at = now(), checked_in_by = $2, updated_at = now()
           where ticket_id = $1 and checked_in_at is null and voided_at is null
           returning checked_in_at as "checked_in_at!""#,
        ticket.ticket_id,
        staff
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(checked_in_at) = checked_in_at else {
        // Someone was first, or it was voided meanwhile; read which, under the row's now-settled
        // value.
        let now = sqlx::query!(
            r#"select checked_in_at, void_reason as "void_reason: crate::refund::VoidReason" from ticket
               where ticket_id = $1"#,
            ticket.ticket_id
        )
        .fetch_one(&mut *conn)
        .await?;
        let Some(at) = now.checked_in_at else {
            let why = now.void_reason.map_or("error-void-voided", |reason| reason.explain());
            return Ok(Err(CheckInError::Voided { why, serial: ticket.serial }));
        };
        return Ok(Err(CheckInError::AlreadyCheckedIn {
            at,
            serial: ticket.serial,
            holder_name: ticket.holder_name,
            event_timezone: ticket.event_timezone,
        }));
    };
    Ok(Ok(CheckIn {
        ticket_id: ticket.ticket_id,
        serial: ticket.serial,
        holder_name: ticket.holder_name,
        ticket_type_name: ticket.ticket_type_name,
        event_id: ticket.event_id,
        event_title: ticket.event_title,
        checked_in_at,
    }))
}

/// An event the door may be checking in: with tickets, not long over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoorEvent {
    pub event_id: Uuid,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub timezone: String,
    pub city: String,
    pub tickets: i64,
    pub checked_in: i64,
}

/// Events with issued tickets that have not ended more than a day ago, soonest first.
pub async fn door_events(db: impl sqlx::PgExecutor<'_>) -> sqlx::Result<Vec<DoorEvent>> {
    sqlx::query_as!(
        DoorEvent,
        r#"select e.event_id, e.title, e.starts_at, e.timezone, e.city,
                  count(t.ticket_id) as "tickets!", count(t.checked_in_at) as "checked_in!"
           from event e
           join ticket t on t.event_id = e.event_id
           where e.ends_at > now() - interval '1 day'
           group by e.event_id
           order by e.starts_at, e.title
           limit 200"#
    )
    .fetch_all(db)
    .await
}
