//! Delivering one order, start to finish: take the delivery's lease, issue the tickets, render
//! and store the PDF, email it while holding the lease, and record it sent (which fulfils the
//! order). Every step finds itself done when repeated, which is what makes redelivered and
//! republished messages harmless; see the module above for the one window that remains.

use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::Utc;
use tessera_core::delivery::{self, Claim, Failure};
use tessera_core::ticket;
use tessera_web::email::TicketEmail;
use uuid::Uuid;

use super::details::{OrderDetails, order_details, ticket_document};
use super::{Handled, Worker};
use crate::mail::MailError;
use crate::pdf;

/// Tries at recording an accepted email before giving the message back.
const MARK_SENT_ATTEMPTS: u32 = 5;

/// A failure in one step of a delivery.
#[derive(Debug, thiserror::Error)]
pub(super) enum StepError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("blob store: {0}")]
    Blob(#[from] object_store::Error),
    #[error(transparent)]
    Mail(#[from] MailError),
    #[error("{0}")]
    Data(String),
    #[error("the lease on the order was lost to another worker")]
    LeaseLost,
    /// The email was accepted but recording it failed even after retries: the next attempt
    /// resends it (the window of ARCHITECTURE.md), without counting a failure.
    #[error("the email was sent but recording it failed: {0}")]
    NotRecorded(sqlx::Error),
}

impl StepError {
    /// Failures no retry can fix.
    fn is_permanent(&self) -> bool {
        match self {
            StepError::Mail(err) => err.is_permanent(),
            StepError::Data(_) => true,
            _ => false,
        }
    }

    /// Whether the email may have reached the SMTP server before this failure (a connection
    /// lost or timed out mid-conversation); if not, the next attempt is a clean first send.
    fn email_may_have_gone(&self) -> bool {
        match self {
            StepError::Mail(err) => err.may_have_been_accepted(),
            StepError::NotRecorded(_) => true,
            _ => false,
        }
    }
}

impl Worker {
    /// Delivers one order's tickets, if that is still to do. Safe to call any number of times,
    /// from any number of workers at once.
    pub async fn deliver(&self, order_id: Uuid) -> Handled {
        // The lease is this attempt's, not this worker's: two messages for one order handled
        // side by side by the same worker must not both get it.
        let owner = format!("{}/{}", self.config.consumer, Uuid::new_v4().simple());
        let owner = owner.as_str();
        let claimed = match delivery::claim(&self.db, order_id, owner, self.config.lease).await {
            Ok(claim) => claim,
            Err(err) => return Handled::RetryLater(format!("database: {err}")),
        };
        let started = match claimed {
            Claim::Claimed(row) => row,
            Claim::AlreadySent => return Handled::Skipped("already delivered"),
            Claim::Failed => return Handled::Skipped("failed; waiting for an admin's retry"),
            Claim::Busy => return Handled::Later("another worker is on it"),
            Claim::NotPaid(_) => return Handled::Skipped("the order is not paid"),
            Claim::NotBefore(at) => return Handled::RetryLater(format!("backing off until {at}")),
            Claim::UnknownOrder => return Handled::DeadLettered(format!("no order {order_id}")),
        };
        match self.deliver_claimed(order_id, owner, &started).await {
            Ok(()) => {
                if self.smtp_failed.swap(false, Ordering::SeqCst) {
                    match delivery::smtp_back(&self.db).await {
                        Ok(0) => {}
                        Ok(due) => tracing::info!(
                            deliveries = due,
                            "the SMTP server takes email again: deliveries backing off are due now"
                        ),
                        Err(err) => {
                            tracing::warn!(error = %err, "bringing deliveries forward after SMTP came back failed")
                        }
                    }
                }
                Handled::Delivered
            }
            Err(StepError::LeaseLost) => Handled::Later("another worker took the order over"),
            Err(StepError::NotRecorded(err)) => {
                tracing::error!(order.id = %order_id, error = %err, "email sent but not recorded; the next attempt resends it");
                Handled::RetryLater(format!("the email was sent but recording it failed: {err}"))
            }
            Err(err) => self.failed(order_id, owner, &err).await,
        }
    }

    async fn failed(&self, order_id: Uuid, owner: &str, err: &StepError) -> Handled {
        let message = err.to_string();
        if matches!(err, StepError::Mail(MailError::Smtp(_) | MailError::TimedOut(_))) {
            self.smtp_failed.store(true, Ordering::SeqCst);
        }
        if err.is_permanent() {
            return match delivery::give_up(&self.db, order_id, owner, &message).await {
                Ok(true) => Handled::DeadLettered(message),
                Ok(false) => Handled::Later("another worker took the order over"),
                Err(db) => Handled::RetryLater(format!("{message}; and recording it failed: {db}")),
            };
        }
        match delivery::record_failure(
            &self.db,
            order_id,
            owner,
            &message,
            self.config.max_attempts,
            self.config.backoff,
            err.email_may_have_gone(),
        )
        .await
        {
            Ok(Failure::GaveUp) => Handled::DeadLettered(message),
            Ok(Failure::RetryAt(_)) => Handled::RetryLater(message),
            Ok(Failure::LeaseLost) => Handled::Later("another worker took the order over"),
            Err(db) => Handled::RetryLater(format!("{message}; and recording it failed: {db}")),
        }
    }

    async fn deliver_claimed(
        &self,
        order_id: Uuid,
        owner: &str,
        started: &delivery::Delivery,
    ) -> Result<(), StepError> {
        let details = order_details(&self.db, order_id).await?;
        let tickets = {
            let mut conn = self.db.acquire().await?;
            ticket::issue_tickets(&mut conn, order_id)
                .await?
                .ok_or_else(|| StepError::Data("the order is no longer paid".into()))?
        };

        // The PDF the customer downloads is the one they were emailed: render it once.
        let stored = match &started.pdf_key {
            Some(key) => self.blobs.get(key).await?,
            None => None,
        };
        let pdf = match stored {
            Some(bytes) => bytes.to_vec(),
            None => {
                let document = ticket_document(&details, &tickets, &self.key)?;
                let pdf = tokio::task::spawn_blocking(move || pdf::render(&document))
                    .await
                    .map_err(|err| StepError::Data(format!("rendering the PDF failed: {err}")))?;
                // A key of this attempt's own: a worker that lost its lease can never replace
                // the PDF its successor recorded and emailed.
                let key = pdf_blob_key(order_id, owner);
                self.blobs.put(&key, bytes::Bytes::from(pdf.clone())).await?;
                let size = i32::try_from(pdf.len()).unwrap_or(i32::MAX);
                if !delivery::record_pdf(&self.db, order_id, owner, &key, size).await? {
                    return Err(StepError::LeaseLost);
                }
                pdf
            }
        };

        if let Some(at) = started.email_started_at {
            tracing::warn!(
                order.id = %order_id,
                previous_attempt = %at,
                "an earlier attempt stopped while sending the email; it may have gone out: resending under the same Message-ID"
            );
        }
        if !delivery::email_starting(&self.db, order_id, owner, &details.email, self.config.lease).await? {
            return Err(StepError::LeaseLost);
        }
        let email = self.ticket_email(&details, tickets.len());
        self.send_holding_lease(order_id, owner, &details.email, &email, pdf).await?;
        // Accepted: from here on a failure must not count as a failed attempt (its retry would
        // send again), so recording it is retried in place first.
        let mut wait = Duration::from_millis(200);
        for attempt in 1..=MARK_SENT_ATTEMPTS {
            match delivery::mark_sent(&self.db, order_id, owner).await {
                Ok(true) => return Ok(()),
                Ok(false) => return Err(StepError::LeaseLost),
                Err(err) if attempt == MARK_SENT_ATTEMPTS => return Err(StepError::NotRecorded(err)),
                Err(err) => {
                    tracing::warn!(order.id = %order_id, error = %err, "recording the sent email failed; retrying");
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                }
            }
        }
        unreachable!("the loop returns on its last attempt")
    }

    /// Sends the email within `send_timeout`, renewing the lease meanwhile, so a slow SMTP
    /// server never lets a second worker take the order over and send it again.
    async fn send_holding_lease(
        &self,
        order_id: Uuid,
        owner: &str,
        to: &str,
        email: &TicketEmail,
        pdf: Vec<u8>,
    ) -> Result<(), StepError> {
        let send = tokio::time::timeout(
            self.config.send_timeout,
            self.mailer.send_tickets(order_id, to, email, pdf),
        );
        tokio::pin!(send);
        let mut renew = tokio::time::interval(self.config.lease / 3);
        renew.tick().await;
        loop {
            tokio::select! {
                sent = &mut send => {
                    return match sent {
                        Ok(result) => result.map_err(StepError::from),
                        Err(_) => Err(StepError::Mail(MailError::TimedOut(self.config.send_timeout))),
                    };
                }
                _ = renew.tick() => {
                    if let Err(err) = delivery::renew_lease(&self.db, order_id, owner, self.config.lease).await {
                        tracing::warn!(order.id = %order_id, error = %err, "renewing the delivery lease failed");
                    }
                }
            }
        }
    }

    fn ticket_email(&self, details: &OrderDetails, tickets: usize) -> TicketEmail {
        let expires = Utc::now() + self.config.link_ttl;
        let token = ticket::sign_download(details.order_id, expires, &self.key);
        let url = |path: &str| self.config.public_url.join(path).map(String::from).unwrap_or_default();
        let locale = details.locale;
        TicketEmail {
            locale,
            holder_name: details.holder_name.clone(),
            event_title: details.event_title.clone(),
            starts_local: pdf::local_start(locale, details.starts_at, details.timezone),
            place: tessera_i18n::format::address_line(
                locale,
                &details.country,
                &details.venue_name,
                &details.address,
                &details.city,
            ),
            tickets,
            order_reference: pdf::order_reference(details.order_id),
            order_url: url(&format!("/orders/{}", details.order_id)),
            download_url: url(&format!("/tickets/{token}")),
            download_expires: tessera_i18n::format::instant(
                locale,
                expires,
                details.timezone.name(),
                tessera_i18n::format::Style::Date,
            ),
            attachment_name: attachment_name(&details.event_slug, details.order_id),
            calendar: tessera_web::ics::calendar(
                &tessera_web::ics::CalendarEvent {
                    uid: format!(
                        "{}@{}",
                        details.event_id,
                        self.config.public_url.host_str().unwrap_or("tessera")
                    ),
                    title: details.event_title.clone(),
                    language: details.event_language.clone(),
                    description: url(&format!("/orders/{}", details.order_id)),
                    location: format!("{}, {}, {}", details.venue_name, details.address, details.city),
                    url: url(&format!("/events/{}", details.event_slug)),
                    starts_at: details.starts_at,
                    ends_at: details.ends_at,
                    timezone: details.timezone,
                    cancelled: details.event_cancelled,
                    sequence: details.event_version,
                },
                Utc::now(),
            ),
            calendar_name: format!("{}.ics", details.event_slug.chars().take(60).collect::<String>()),
        }
    }
}

/// Where an attempt keeps the order's PDF in the blob store; the delivery row records the one
/// that counts. Not under any public prefix: `/media` serves images only, and the PDF is served
/// by the download routes after their checks.
pub fn pdf_blob_key(order_id: Uuid, attempt: &str) -> String {
    let attempt: String =
        attempt.rsplit('/').next().unwrap_or(attempt).chars().filter(char::is_ascii_alphanumeric).collect();
    format!("tickets/{order_id}/{attempt}.pdf")
}

/// `tickets-lisbon-fado-night-1A2B-3C4D-5E6F.pdf`.
pub fn attachment_name(event_slug: &str, order_id: Uuid) -> String {
    let slug: String = event_slug.chars().take(60).collect();
    format!("tickets-{slug}-{}.pdf", pdf::order_reference(order_id))
}
