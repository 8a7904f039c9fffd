//! Sending the ticket email over SMTP (lettre): a plain-text and an HTML part, the PDF
//! attached, and a Message-ID made from the order id, so that every attempt for one order sends
//! the same message as far as mail software can tell.

use std::time::Duration;

use askama::Template as _;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport as _, Message, Tokio1Executor};
use tessera_web::email::{
    AccountEmail, AccountEmailHtml, AccountEmailText, InterestEmail, InterestEmailHtml, InterestEmailText,
    OfferEmail, OfferEmailHtml, OfferEmailText, RefundEmail, RefundEmailHtml, RefundEmailText, TicketEmail,
    TicketEmailHtml, TicketEmailText,
};
use uuid::Uuid;

mod settings;

pub use settings::MailSettings;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("TESSERA_SMTP_URL: {0}")]
    Url(String),
    #[error("the recipient {0:?} is not an email address")]
    Recipient(String),
    #[error("could not build the email: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("SMTP: no answer within {0:?}")]
    TimedOut(Duration),
}

impl MailError {
    /// Whether no retry can help: the message itself cannot be built or addressed. Whatever an
    /// SMTP server says is retried, even a 5xx: a wrong password or a relay refusing our sender
    /// is a configuration mistake to fix, not a reason to give up on every paid order at once
    /// (the attempts run out after a while, and admins retry the rest).
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Recipient(_) | MailError::Build(_) | MailError::Url(_))
    }

    /// Whether the server may have accepted the message despite the error: the connection was
    /// lost or timed out mid-conversation. A refused connection or a negative reply means it
    /// did not.
    pub fn may_have_been_accepted(&self) -> bool {
        match self {
            MailError::TimedOut(_) => true,
            MailError::Smtp(err) => {
                if err.is_transient() || err.is_permanent() || err.is_client() || err.is_tls() {
                    return false;
                }
                let refused = std::error::Error::source(err)
                    .and_then(|source| source.downcast_ref::<std::io::Error>())
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
                !refused
            }
            _ => false,
        }
    }
}

/// An SMTP connection pool and our sender address.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// From `smtp://host:port` (plain, as for a local relay), `smtp://…?tls=required`
    /// (STARTTLS) or `smtps://…` (TLS), with `user:password@` when the relay wants a login.
    pub fn new(smtp_url: &str, from: Mailbox) -> Result<Self, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url.trim())
            .map_err(|err| MailError::Url(err.to_string()))?
            // Bounds connecting; the whole conversation is bounded by the worker's send timeout.
            .timeout(Some(Duration::from_secs(30)))
            .build();
        Ok(Self { transport, from })
    }

    /// The Message-ID of an order's ticket email: the same for every attempt.
    pub fn message_id(&self, order_id: Uuid) -> String {
        format!("<tickets.{order_id}@{}>", self.from.email.domain())
    }

    /// Sends the ticket email with the PDF attached; returns once the SMTP server accepted it.
    pub async fn send_tickets(
        &self,
        order_id: Uuid,
        to: &str,
        email: &TicketEmail,
        pdf: Vec<u8>,
    ) -> Result<(), MailError> {
        let message = self.ticket_message(order_id, to, email, pdf)?;
        self.transport.send(message).await?;
        Ok(())
    }

    /// Sends the email about a refund; its Message-ID is the refund's, the same on every
    /// attempt.
    pub async fn send_refund(&self, refund_id: Uuid, to: &str, email: &RefundEmail) -> Result<(), MailError> {
        let text = RefundEmailText { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let html = RefundEmailHtml { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let message_id = Some(format!("<refund.{refund_id}@{}>", self.from.email.domain()));
        self.send_alternative(to, email.customer_name.clone(), email.subject(), message_id, text, html).await
    }

    /// Sends the answer to a "tell me when"; its Message-ID is the request's.
    pub async fn send_interest(
        &self,
        interest_id: Uuid,
        to: &str,
        email: &InterestEmail,
    ) -> Result<(), MailError> {
        let text = InterestEmailText { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let html = InterestEmailHtml { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let message_id = Some(format!("<interest.{interest_id}@{}>", self.from.email.domain()));
        self.send_alternative(to, email.name.clone(), email.subject(), message_id, text, html).await
    }

    /// Sends a waiting list's offer; its Message-ID is the place's, the same on every attempt.
    pub async fn send_offer(&self, entry_id: Uuid, to: &str, email: &OfferEmail) -> Result<(), MailError> {
        let text = OfferEmailText { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let html = OfferEmailHtml { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let message_id = Some(format!("<offer.{entry_id}@{}>", self.from.email.domain()));
        self.send_alternative(to, email.name.clone(), email.subject(), message_id, text, html).await
    }

    /// Sends an email about the account (a verification or reset link, or a note that the
    /// address already has an account).
    pub async fn send_account(&self, to: &str, email: &AccountEmail) -> Result<(), MailError> {
        let text = AccountEmailText { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let html = AccountEmailHtml { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let message_id = None;
        self.send_alternative(to, email.name.clone(), email.subject(), message_id, text, html).await
    }

    /// Sends `text` and `html` as one email to `to` (named `name`) under `subject`, with
    /// `message_id` when the same email may be sent again.
    async fn send_alternative(
        &self,
        to: &str,
        name: String,
        subject: String,
        message_id: Option<String>,
        text: String,
        html: String,
    ) -> Result<(), MailError> {
        let to = Mailbox::new(Some(name), to.parse().map_err(|_| MailError::Recipient(to.to_string()))?);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .message_id(message_id)
            .multipart(
                MultiPart::alternative()
                    .singlepart(SinglePart::plain(text))
                    .singlepart(SinglePart::html(html)),
            )
            .map_err(|err| MailError::Build(err.to_string()))?;
        self.transport.send(message).await?;
        Ok(())
    }

    fn ticket_message(
        &self,
        order_id: Uuid,
        to: &str,
        email: &TicketEmail,
        pdf: Vec<u8>,
    ) -> Result<Message, MailError> {
        let to = Mailbox::new(
            Some(email.holder_name.clone()),
            to.parse().map_err(|_| MailError::Recipient(to.to_string()))?,
        );
        let text = TicketEmailText { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let html = TicketEmailHtml { email }.render().map_err(|err| MailError::Build(err.to_string()))?;
        let pdf_type =
            ContentType::parse("application/pdf").map_err(|err| MailError::Build(err.to_string()))?;
        let calendar_type = ContentType::parse("text/calendar; charset=utf-8")
            .map_err(|err| MailError::Build(err.to_string()))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject())
            .message_id(Some(self.message_id(order_id)))
            .multipart(
                MultiPart::mixed()
                    .multipart(
                        MultiPart::alternative()
                            .singlepart(SinglePart::plain(text))
                            .singlepart(SinglePart::html(html)),
                    )
                    .singlepart(Attachment::new(email.attachment_name.clone()).body(pdf, pdf_type))
                    .singlepart(
                        Attachment::new(email.calendar_name.clone())
                            .body(email.calendar.clone().into_bytes(), calendar_type),
                    ),
            )
            .map_err(|err| MailError::Build(err.to_string()))
    }
}
