//! The emails Tessera sends: askama templates under `templates/email/`, a plain-text and an
//! HTML part of the same message.

use askama::Template;
use tessera_i18n::{Locale, message, message_args};

/// What the ticket email says, shared by both parts.
#[derive(Debug, Clone)]
pub struct TicketEmail {
    /// The language the buyer bought in: the whole email is written in it.
    pub locale: Locale,
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
    /// The event as a calendar entry (`.ics`), attached beside the PDF.
    pub calendar: String,
    pub calendar_name: String,
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
        message_args(
            self.locale,
            "email-tickets-subject",
            [("count", self.tickets.into()), ("event", self.event_title.as_str().into())],
        )
    }

    /// "Your 2 tickets are attached to this email as a PDF."
    pub fn attached(&self) -> String {
        message_args(self.locale, "email-tickets-attached", [("count", self.tickets.into())])
    }

    /// Message `id` in the email's language.
    pub fn t(&self, id: &str) -> String {
        message(self.locale, id)
    }

    /// Message `id` with one argument.
    pub fn t1(&self, id: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        message_args(self.locale, id, [(name, value.to_string().into())])
    }
}

/// What the refund email says, shared by both parts.
#[derive(Debug, Clone)]
pub struct RefundEmail {
    pub customer_name: String,
    pub event_title: String,
    /// `€18.00`, `0.0052 ETH`.
    pub amount: String,
    /// Where it goes: "to the card you paid with".
    pub destination: String,
    /// When the customer will see it.
    pub when: String,
    /// Why it was refunded, for people.
    pub why: String,
    /// "Both tickets are cancelled", "1 of your 3 tickets is cancelled; the others stay valid",
    /// or empty when no ticket was given back.
    pub tickets_line: String,
    pub order_reference: String,
    pub order_url: String,
    /// Bitcoin: where to claim it; empty otherwise.
    pub claim_url: String,
}

#[derive(Template)]
#[template(path = "email/refund.txt")]
pub struct RefundEmailText<'a> {
    pub email: &'a RefundEmail,
}

#[derive(Template)]
#[template(path = "email/refund.html")]
pub struct RefundEmailHtml<'a> {
    pub email: &'a RefundEmail,
}

impl RefundEmail {
    pub fn subject(&self) -> String {
        if self.claim_url.is_empty() {
            format!("Your refund of {} for {}", self.amount, self.event_title)
        } else {
            format!("Claim your refund of {} for {}", self.amount, self.event_title)
        }
    }
}

/// An email about the account itself: a link to verify the address or reset the password, or
/// a note that someone tried to sign up with an address that already has an account. (Its
/// `Debug` leaves the link out: it opens the account.)
#[derive(Clone)]
pub struct AccountEmail {
    pub name: String,
    pub kind: AccountEmailKind,
    /// The link to follow (verify, reset), or the login page for `AlreadyRegistered`.
    pub link: String,
    /// `AlreadyRegistered`: the page that sends a reset link.
    pub reset_url: String,
    /// "48 hours", "1 hour".
    pub valid_for: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountEmailKind {
    VerifyEmail,
    ResetPassword,
    AlreadyRegistered,
}

#[derive(Template)]
#[template(path = "email/account.txt")]
pub struct AccountEmailText<'a> {
    pub email: &'a AccountEmail,
}

#[derive(Template)]
#[template(path = "email/account.html")]
pub struct AccountEmailHtml<'a> {
    pub email: &'a AccountEmail,
}

impl std::fmt::Debug for AccountEmail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountEmail").field("kind", &self.kind).finish_non_exhaustive()
    }
}

impl AccountEmail {
    pub fn subject(&self) -> &'static str {
        match self.kind {
            AccountEmailKind::VerifyEmail => "Confirm your email address for Tessera",
            AccountEmailKind::ResetPassword => "Reset your Tessera password",
            AccountEmailKind::AlreadyRegistered => "You already have a Tessera account",
        }
    }

    pub fn is_verify(&self) -> bool {
        self.kind == AccountEmailKind::VerifyEmail
    }

    pub fn is_reset(&self) -> bool {
        self.kind == AccountEmailKind::ResetPassword
    }

    /// The button's words.
    pub fn action(&self) -> &'static str {
        match self.kind {
            AccountEmailKind::VerifyEmail => "Confirm my email address",
            AccountEmailKind::ResetPassword => "Choose a new password",
            AccountEmailKind::AlreadyRegistered => "Log in",
        }
    }
}
