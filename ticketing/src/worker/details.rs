//! What the PDF and the email need of an order, read in one query, and the PDF's contents made
//! from it: apart from `deliver` because it is the only place that knows the order's shape.

use chrono::Utc;
use ed25519_dalek::SigningKey;
use sqlx::PgPool;
use tessera_core::money::Currency;
use tessera_core::ticket;
use tessera_i18n::Locale;
use tessera_web::view::price_in;
use uuid::Uuid;

use super::deliver::StepError;
use crate::pdf::{self, PdfTicket, TicketDocument};

/// What the PDF and the email need of an order.
pub(super) struct OrderDetails {
    pub(super) order_id: Uuid,
    pub(super) email: String,
    pub(super) holder_name: String,
    pub(super) event_slug: String,
    pub(super) event_title: String,
    pub(super) starts_at: chrono::DateTime<Utc>,
    pub(super) timezone: chrono_tz::Tz,
    pub(super) venue_name: String,
    pub(super) address: String,
    pub(super) city: String,
    pub(super) country: String,
    pub(super) currency: String,
    /// The event's own language (its title's).
    pub(super) event_language: String,
    pub(super) ends_at: chrono::DateTime<Utc>,
    pub(super) event_id: Uuid,
    pub(super) event_cancelled: bool,
    pub(super) event_version: i32,
    /// The language the buyer bought in: the email and the PDF are written in it.
    pub(super) locale: Locale,
}

pub(super) async fn order_details(db: &PgPool, order_id: Uuid) -> Result<OrderDetails, StepError> {
    let row = sqlx::query!(
        r#"select a.email, a.name, e.slug, e.title, e.starts_at, e.timezone, e.venue_name, e.address,
                  e.city, e.country, o.currency, o.locale, e.language, e.ends_at, e.event_id,
                  e.status = 'cancelled' as "cancelled!", e.version
           from customer_order o
           join account a on a.account_id = o.account_id
           join event e on e.event_id = o.event_id
           where o.order_id = $1"#,
        order_id
    )
    .fetch_optional(db)
    .await?
    .ok_or_else(|| StepError::Data(format!("no order {order_id}")))?;
    let timezone = row
        .timezone
        .parse()
        .map_err(|_| StepError::Data(format!("the event's time zone {:?} is unknown", row.timezone)))?;
    Ok(OrderDetails {
        order_id,
        email: row.email,
        holder_name: row.name,
        event_slug: row.slug,
        event_title: row.title,
        starts_at: row.starts_at,
        timezone,
        venue_name: row.venue_name,
        address: row.address,
        city: row.city,
        country: row.country,
        currency: row.currency,
        event_language: row.language,
        ends_at: row.ends_at,
        event_id: row.event_id,
        event_cancelled: row.cancelled,
        event_version: row.version,
        locale: Locale::parse(&row.locale).unwrap_or_default(),
    })
}

pub(super) fn ticket_document(
    details: &OrderDetails,
    tickets: &[ticket::IssuedTicket],
    key: &SigningKey,
) -> Result<TicketDocument, StepError> {
    let currency: Currency = details
        .currency
        .parse()
        .map_err(|_| StepError::Data(format!("unknown currency {:?}", details.currency)))?;
    let locale = details.locale;
    Ok(TicketDocument {
        locale,
        event_title: details.event_title.clone(),
        starts_at: details.starts_at,
        timezone: details.timezone,
        venue_name: details.venue_name.clone(),
        address: details.address.clone(),
        city: details.city.clone(),
        country: details.country.clone(),
        holder_name: details.holder_name.clone(),
        order_reference: pdf::order_reference(details.order_id),
        tickets: tickets
            .iter()
            .map(|t| PdfTicket {
                serial: t.serial.clone(),
                ticket_type_name: t.ticket_type_name.clone(),
                price: if t.price_minor == 0 {
                    tessera_i18n::message(locale, "ticket-free")
                } else {
                    price_in(locale, currency.code(), t.price_minor)
                },
                token: ticket::sign(
                    &ticket::TicketClaims { ticket_id: t.ticket_id, event_id: t.event_id },
                    key,
                ),
            })
            .collect(),
    })
}

/// The order's tickets as a PDF to download now. The one emailed is served while every ticket
/// in it still admits; once some were refunded or voided, a PDF of those that still admit is
/// made afresh (same QR codes), so nobody downloads a ticket the door refuses.
pub enum DownloadPdf {
    /// Serve the PDF that was emailed.
    AsEmailed,
    /// Some tickets were voided: this one holds the others.
    Reissued(Vec<u8>),
    /// Every ticket was voided (`void_reason` of the first): nothing to download.
    AllVoided(String),
}

/// What to serve for the order's tickets (see [`DownloadPdf`]).
pub async fn download_pdf(db: &PgPool, key: &SigningKey, order_id: Uuid) -> Result<DownloadPdf, String> {
    let tickets = {
        let mut conn = db.acquire().await.map_err(|e| e.to_string())?;
        ticket::tickets_of_order(&mut conn, order_id).await.map_err(|e| e.to_string())?
    };
    if tickets.iter().all(|t| t.void_reason.is_none()) {
        return Ok(DownloadPdf::AsEmailed);
    }
    let valid: Vec<ticket::IssuedTicket> =
        tickets.iter().filter(|t| t.void_reason.is_none()).cloned().collect();
    if valid.is_empty() {
        let reason = tickets.iter().find_map(|t| t.void_reason.clone()).unwrap_or_default();
        return Ok(DownloadPdf::AllVoided(reason));
    }
    let details = order_details(db, order_id).await.map_err(|e| e.to_string())?;
    let document = ticket_document(&details, &valid, key).map_err(|e| e.to_string())?;
    let pdf = tokio::task::spawn_blocking(move || pdf::render(&document)).await.map_err(|e| e.to_string())?;
    Ok(DownloadPdf::Reissued(pdf))
}
