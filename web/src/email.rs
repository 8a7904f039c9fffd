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
    /// Where: the venue and its address in the order its country writes them, the country
    /// named in the email's language.
    pub place: String,
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
    /// The language the order was placed in: the whole email is written in it.
    pub locale: Locale,
    pub customer_name: String,
    pub event_title: String,
    /// `€18.00`, `18,00 €`, `0.0052 ETH`, written for `locale`.
    pub amount: String,
    /// Where the money goes, which also says when the customer will see it.
    pub route: RefundRoute,
    /// Why it was refunded, for people, in `locale`.
    pub why: String,
    /// "Your ticket is cancelled", "1 of your 3 tickets is cancelled; the others stay valid",
    /// in `locale`, or empty when no ticket was given back.
    pub tickets_line: String,
    pub order_reference: String,
    pub order_url: String,
    /// Bitcoin: where to claim it; empty otherwise.
    pub claim_url: String,
}

/// Where a refund goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundRoute {
    /// Back to the card paid with.
    Card,
    /// Bitcoin, claimed by the customer with an address of their own.
    Bitcoin,
    /// Back to the address paid from, in the same asset (Ethereum).
    SameAddress,
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

/// A private-use character no message or argument contains: it stands for an argument that
/// is marked up after the message is escaped.
const MARK: &str = "\u{E000}";

fn escape(text: &str) -> String {
    crate::chart::escape(text)
}

impl RefundEmail {
    pub fn subject(&self) -> String {
        let args = [("amount", self.amount.as_str().into()), ("event", self.event_title.as_str().into())];
        if self.claim_url.is_empty() {
            message_args(self.locale, "email-refund-subject", args)
        } else {
            message_args(self.locale, "email-refund-claim-subject", args)
        }
    }

    /// "€18.00 refunded".
    pub fn heading(&self) -> String {
        message_args(self.locale, "email-refund-heading", [("amount", self.amount.as_str().into())])
    }

    fn sent_id(&self) -> &'static str {
        match self.route {
            RefundRoute::Card => "email-refund-sent-card",
            RefundRoute::Bitcoin => "email-refund-sent-btc",
            RefundRoute::SameAddress => "email-refund-sent-crypto",
        }
    }

    /// "We have refunded €18.00 to the card you paid with."
    pub fn sent(&self) -> String {
        message_args(self.locale, self.sent_id(), [("amount", self.amount.as_str().into())])
    }

    /// [`Self::sent`] as HTML (for `|safe`), the amount in bold.
    pub fn sent_html(&self) -> String {
        let text = message_args(self.locale, self.sent_id(), [("amount", MARK.into())]);
        escape(&text).replace(MARK, &format!("<strong>{}</strong>", escape(&self.amount)))
    }

    /// When the customer will see the money.
    pub fn when(&self) -> String {
        match self.route {
            RefundRoute::Card => self.t("email-refund-when-card"),
            RefundRoute::Bitcoin => self.t("email-refund-when-btc"),
            RefundRoute::SameAddress => self.t("email-refund-when-crypto"),
        }
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

/// An email about the account itself: a link to verify the address or reset the password, or
/// a note that someone tried to sign up with an address that already has an account. (Its
/// `Debug` leaves the link out: it opens the account.)
#[derive(Clone)]
pub struct AccountEmail {
    /// The account's language if its owner chose one, else that of the request that asked
    /// for the email.
    pub locale: Locale,
    pub name: String,
    pub kind: AccountEmailKind,
    /// The link to follow (verify, reset), or the login page for `AlreadyRegistered`.
    pub link: String,
    /// `AlreadyRegistered`: the page that sends a reset link.
    pub reset_url: String,
    /// How many hours the link works (verify, reset).
    pub valid_hours: u32,
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
        f.debug_struct("AccountEmail")
            .field("kind", &self.kind)
            .field("locale", &self.locale)
            .finish_non_exhaustive()
    }
}

impl AccountEmail {
    pub fn subject(&self) -> String {
        match self.kind {
            AccountEmailKind::VerifyEmail => self.t("email-account-verify-subject"),
            AccountEmailKind::ResetPassword => self.t("email-account-reset-subject"),
            AccountEmailKind::AlreadyRegistered => self.t("email-account-registered-subject"),
        }
    }

    pub fn is_verify(&self) -> bool {
        self.kind == AccountEmailKind::VerifyEmail
    }

    pub fn is_reset(&self) -> bool {
        self.kind == AccountEmailKind::ResetPassword
    }

    /// What happened, the first sentence after the greeting.
    pub fn intro(&self) -> String {
        match self.kind {
            AccountEmailKind::VerifyEmail => self.t("email-account-verify-intro"),
            AccountEmailKind::ResetPassword => self.t("email-account-reset-intro"),
            AccountEmailKind::AlreadyRegistered => self.t("email-account-registered-intro"),
        }
    }

    /// The button's words.
    pub fn action(&self) -> String {
        match self.kind {
            AccountEmailKind::VerifyEmail => self.t("email-account-verify-action"),
            AccountEmailKind::ResetPassword => self.t("email-account-reset-action"),
            AccountEmailKind::AlreadyRegistered => self.t("email-account-registered-action"),
        }
    }

    /// How long the link works and what to do if it was not asked for (verify, reset).
    pub fn note(&self) -> String {
        let valid = message_args(self.locale, "email-account-hours", [("hours", self.valid_hours.into())]);
        let id = if self.is_reset() { "email-account-reset-note" } else { "email-account-verify-note" };
        message_args(self.locale, id, [("valid", valid.into())])
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

/// An offer from a waiting list: tickets that came back, held for the customer for a while.
#[derive(Debug, Clone)]
pub struct OfferEmail {
    /// The language they joined the line in.
    pub locale: Locale,
    pub name: String,
    pub event_title: String,
    pub ticket_type: String,
    pub quantity: i32,
    /// Until when the tickets are held, in the event's zone and the email's language.
    pub until: String,
    /// The order's page, where they pay.
    pub link: String,
}

#[derive(Template)]
#[template(path = "email/offer.txt")]
pub struct OfferEmailText<'a> {
    pub email: &'a OfferEmail,
}

#[derive(Template)]
#[template(path = "email/offer.html")]
pub struct OfferEmailHtml<'a> {
    pub email: &'a OfferEmail,
}

impl OfferEmail {
    pub fn subject(&self) -> String {
        self.t1("email-offer-subject", "event", &self.event_title)
    }

    /// What came back and until when it is theirs.
    pub fn intro(&self) -> String {
        message_args(
            self.locale,
            "email-offer-intro",
            [
                ("event", self.event_title.clone().into()),
                ("quantity", self.quantity.into()),
                ("ticket", self.ticket_type.clone().into()),
                ("until", self.until.clone().into()),
            ],
        )
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

/// The answer to a "tell me when": an event like the one asked for is on sale.
#[derive(Debug, Clone)]
pub struct InterestEmail {
    /// The language they asked in.
    pub locale: Locale,
    pub name: String,
    pub event_title: String,
    pub city: String,
    /// When it starts, in its zone and the email's language.
    pub when: String,
    /// The event's page.
    pub link: String,
}

#[derive(Template)]
#[template(path = "email/interest.txt")]
pub struct InterestEmailText<'a> {
    pub email: &'a InterestEmail,
}

#[derive(Template)]
#[template(path = "email/interest.html")]
pub struct InterestEmailHtml<'a> {
    pub email: &'a InterestEmail,
}

impl InterestEmail {
    pub fn subject(&self) -> String {
        self.t1("email-interest-subject", "event", &self.event_title)
    }

    /// What is on, where and when.
    pub fn intro(&self) -> String {
        message_args(
            self.locale,
            "email-interest-intro",
            [
                ("event", self.event_title.clone().into()),
                ("city", self.city.clone().into()),
                ("when", self.when.clone().into()),
            ],
        )
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
