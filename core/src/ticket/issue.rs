//! Issuing an order's tickets: one per admission, numbered through the order, each with a
//! serial people can read out. Idempotent: the tickets are keyed by (order, position), so
//! issuing twice (a message handled twice, two workers) returns the tickets of the first time.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// The characters of a serial: digits and capitals without I and O, which read as 1 and 0.
const SERIAL_ALPHABET: &[u8; 34] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// A ticket as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedTicket {
    pub ticket_id: Uuid,
    pub order_id: Uuid,
    pub position: i32,
    pub event_id: Uuid,
    pub ticket_type_id: Uuid,
    pub ticket_type_name: String,
    pub price_minor: i64,
    pub currency: String,
    pub serial: String,
    pub holder_name: String,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Why it no longer admits anyone (`refunded`, `disputed`, `event_cancelled`), if so.
    pub void_reason: Option<String>,
}

/// Issues the tickets of a paid (or fulfilled) order, unless they were issued before, and
/// returns them in order. `None` when the order is not paid: nothing is issued for it.
pub async fn issue_tickets(
    conn: &mut PgConnection,
    order_id: Uuid,
) -> sqlx::Result<Option<Vec<IssuedTicket>>> {
    let lines = sqlx::query!(
        r#"select i.ticket_type_id, i.ticket_type_name, i.unit_price_minor, i.quantity,
                  o.event_id, o.currency, a.name as holder_name
           from customer_order o
           join order_item i on i.order_id = o.order_id
           join account a on a.account_id = o.account_id
           where o.order_id = $1 and o.status in ('paid', 'fulfilled')
           order by i.ticket_type_id"#,
        order_id
    )
    .fetch_all(&mut *conn)
    .await?;
    if lines.is_empty() {
        return Ok(None);
    }

    let mut ids = Vec::new();
    let mut positions = Vec::new();
    let mut type_ids = Vec::new();
    let mut type_names = Vec::new();
    let mut prices = Vec::new();
    let mut serials = Vec::new();
    for line in &lines {
        for _ in 0..line.quantity {
            ids.push(Uuid::now_v7());
            positions.push(i32::try_from(positions.len() + 1).unwrap_or(i32::MAX));
            type_ids.push(line.ticket_type_id);
            type_names.push(line.ticket_type_name.clone());
            prices.push(line.unit_price_minor);
            serials.push(new_serial());
        }
    }
    let first = &lines[0];
    sqlx::query!(
        r#"insert into ticket (ticket_id, order_id, position, event_id, ticket_type_id, ticket_type_name,
                               price_minor, currency, serial, holder_name)
           select t.ticket_id, $2, t.position, $3, t.ticket_type_id, t.ticket_type_name, t.price_minor,
                  $4, t.serial, $5
           from unnest($1::uuid[], $6::int[], $7::uuid[], $8::text[], $9::bigint[], $10::text[])
                as t (ticket_id, position, ticket_type_id, ticket_type_name, price_minor, serial)
           on conflict (order_id, position) do nothing"#,
        &ids,
        order_id,
        first.event_id,
        first.currency,
        first.holder_name,
        &positions,
        &type_ids,
        &type_names,
        &prices,
        &serials,
    )
    .execute(&mut *conn)
    .await?;
    Ok(Some(tickets_of_order(conn, order_id).await?))
}

/// The tickets issued for an order, in order (none before it is paid).
pub async fn tickets_of_order(conn: &mut PgConnection, order_id: Uuid) -> sqlx::Result<Vec<IssuedTicket>> {
    sqlx::query_as!(
        IssuedTicket,
        r#"select ticket_id, order_id, position, event_id, ticket_type_id, ticket_type_name, price_minor,
                  currency, serial, holder_name, checked_in_at, void_reason
           from ticket where order_id = $1 order by position"#,
        order_id
    )
    .fetch_all(conn)
    .await
}

/// A ticket and where it stands: checked in, voided.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TicketState {
    pub ticket_id: Uuid,
    pub position: i32,
    pub serial: String,
    pub holder_name: String,
    pub ticket_type_name: String,
    pub price_minor: i64,
    pub currency: String,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub voided_at: Option<DateTime<Utc>>,
    /// `refunded`, `disputed` or `event_cancelled`.
    pub void_reason: Option<String>,
}

/// An order's tickets with their state, in order.
pub async fn ticket_states(db: impl sqlx::PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Vec<TicketState>> {
    sqlx::query_as!(
        TicketState,
        r#"select ticket_id, position, serial, holder_name, ticket_type_name, price_minor, currency, checked_in_at,
                  voided_at, void_reason
           from ticket where order_id = $1 order by position"#,
        order_id
    )
    .fetch_all(db)
    .await
}

/// `XXXX-XXXX-XXXX` from the serial alphabet: 60 bits of randomness, so collisions (which the
/// unique index would refuse) do not happen in practice.
fn new_serial() -> String {
    let random = Uuid::new_v4().as_u128();
    let mut serial = String::with_capacity(14);
    for i in 0..12 {
        if i > 0 && i % 4 == 0 {
            serial.push('-');
        }
        let digit = (random >> (i * 6)) as usize % SERIAL_ALPHABET.len();
        serial.push(char::from(SERIAL_ALPHABET[digit]));
    }
    serial
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_readable_and_distinct() {
        let a = new_serial();
        assert_eq!(a.len(), 14);
        assert!(a.chars().all(|c| c == '-' || SERIAL_ALPHABET.contains(&(c as u8))), "{a}");
        assert!(!a.contains('O') && !a.contains('I'));
        assert_ne!(a, new_serial());
    }
}
