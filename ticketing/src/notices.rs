//! Refund emails: the ticketing process tells each customer what went back, where and when,
//! once a refund of their order succeeded (`tessera_core::refund::notice` holds the claim and
//! the record). Each email is claimed with a lease, so with several ticketing processes one
//! sends it; a failure is retried later with the same Message-ID.

use std::time::Duration;

use sqlx::PgPool;
use tessera_core::refund::{self, RefundCause, RefundNotice};
use tessera_i18n::{Locale, message, message_args};
use tessera_web::email::{RefundEmail, RefundRoute};
use tokio::sync::watch;
use url::Url;

use crate::mail::Mailer;

/// How often to look for refund emails to send.
const EVERY: Duration = Duration::from_secs(2);
/// How long one worker may take over an email before another may.
const LEASE_SECS: i64 = 120;

/// Sends refund emails until `shutdown`.
pub async fn run(
    db: PgPool,
    mailer: Mailer,
    public_url: Url,
    send_timeout: Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        if let Err(err) = send_due(&db, &mailer, &public_url, send_timeout).await {
            tracing::warn!(error = %err, "sending refund emails failed; will retry");
        }
    }
}

/// One round: claims the emails due and sends them; returns how many the mail server accepted.
pub async fn send_due(
    db: &PgPool,
    mailer: &Mailer,
    public_url: &Url,
    send_timeout: Duration,
) -> sqlx::Result<usize> {
    let mut sent = 0;
    // One at a time, each claimed for longer than sending it may take, so no other process
    // picks up an email this one is still sending.
    for _ in 0..20 {
        let Some(notice) = refund::claim_notices(db, chrono::Duration::seconds(LEASE_SECS), 1).await?.pop()
        else {
            break;
        };
        let email = compose(&notice, public_url);
        let sending = mailer.send_refund(notice.refund_id, &notice.customer_email, &email);
        match tokio::time::timeout(send_timeout, sending).await {
            Ok(Ok(())) => {
                refund::notified(db, notice.refund_id).await?;
                tracing::info!(refund.id = %notice.refund_id, order.id = %notice.order_id, "refund email sent");
                sent += 1;
            }
            Ok(Err(err)) => {
                tracing::warn!(refund.id = %notice.refund_id, error = %err, "refund email not sent; will retry");
                refund::notice_failed(db, notice.refund_id, &err.to_string()).await?;
            }
            Err(_) => {
                tracing::warn!(refund.id = %notice.refund_id, "refund email timed out; will retry");
                refund::notice_failed(db, notice.refund_id, "the mail server did not answer in time").await?;
            }
        }
    }
    Ok(sent)
}

/// What the email says about this refund, in the language the order was placed in.
pub fn compose(notice: &RefundNotice, public_url: &Url) -> RefundEmail {
    let locale = Locale::parse(&notice.locale).unwrap_or_default();
    let amount = match notice.amount.parse::<i64>() {
        Ok(minor) if notice.rail == "card" => tessera_web::view::price_in(locale, &notice.asset, minor),
        _ => format!(
            "{} {}",
            tessera_core::money::units_decimal(&notice.amount, notice.decimals.max(0).unsigned_abs()),
            notice.asset
        ),
    };
    let route = match notice.rail.as_str() {
        "card" => RefundRoute::Card,
        "btc" => RefundRoute::Bitcoin,
        _ => RefundRoute::SameAddress,
    };
    let why = match notice.cause {
        RefundCause::RequestedByCustomer => message(locale, "email-refund-why-customer"),
        RefundCause::EventCancelled => message(locale, "email-refund-why-event-cancelled"),
        RefundCause::MoneyDueBack => message(locale, "email-refund-why-money-due-back"),
        RefundCause::Admin | RefundCause::Outside => message(locale, "email-refund-why-organiser"),
    };
    let tickets_line = match (i64::from(notice.tickets_back), notice.tickets_in_order, notice.order_refunded)
    {
        (_, 0, _) => String::new(),
        (_, 1, true) => message(locale, "email-refund-ticket-cancelled"),
        (_, all, true) => message_args(locale, "email-refund-all-cancelled", [("count", all.into())]),
        (0, _, false) => message(locale, "email-refund-tickets-valid"),
        (back, all, false) => message_args(
            locale,
            "email-refund-some-cancelled",
            [("back", back.into()), ("count", all.into())],
        ),
    };
    let order_url =
        public_url.join(&format!("/orders/{}", notice.order_id)).map(|u| u.to_string()).unwrap_or_default();
    RefundEmail {
        locale,
        customer_name: notice.customer_name.clone(),
        event_title: notice.event_title.clone(),
        amount,
        route,
        why,
        tickets_line,
        order_reference: crate::pdf::order_reference(notice.order_id),
        claim_url: notice.claim_url.clone().unwrap_or_default(),
        order_url,
    }
}
