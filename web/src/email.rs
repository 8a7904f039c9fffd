//! The emails Tessera sends: askama templates under `templates/email/`, a plain-text and an
//! HTML part of the same message.

use askama::Template;

/// What the ticket email says, shared by both parts.
#[derive(Debug, Clone)]
pub struct TicketEmail {
    pub holder_name: String,
    pub event_title: String,
    /// In the event's time zone, with the zone named.
    pub starts_local: String,
    pub venue_name: String,
    pub address: String,
    pub city: String,
    pub tickets: usize,
    pub order_reference: String,
    /// The order page (login required).
    pub order_url: String,
    /// The signed download link (no login), and how long it lasts.
    pub download_url: String,
    pub download_expires: String,
    pub attachment_name: String,
}

#[derive(Template)]
#[template(path = "email/tickets.txt")]
pub struct TicketEmailText<'a> {
    pub email: &'a TicketEmail,
}

#[derive(Template)]
#[template(path = "email/tickets.html")]
pub struct TicketEmailHtml<'a> {
    pub email: &'a TicketEmail,
}

impl TicketEmail {
    pub fn subject(&self) -> String {
        let noun = if self.tickets == 1 { "ticket" } else { "tickets" };
        format!("Your {noun} for {}", self.event_title)
    }
}
