//! Refund emails: the ticketing process tells each customer what went back, where and when,
//! once a refund of their order succeeded (`tessera_core::refund::notice` holds the claim and
//! the record). Each email is claimed with a lease, so with several ticketing processes one
//! sends it; a failure is retried later with the same Message-ID.

use std::time::Duration;

use sqlx::PgPool;
use tessera_core::refund::{self, RefundCause, RefundNotice};
use tessera_web::email::RefundEmail;
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

/// What the email says about this refund.
pub fn compose(notice: &RefundNotice, public_url: &Url) -> RefundEmail {
    let amount = match notice.amount.parse::<i64>() {
        Ok(minor) if notice.rail == "card" => tessera_web::view::price(&notice.asset, minor),
        _ => format!(
            "{} {}",
            tessera_core::money::units_decimal(&notice.amount, notice.decimals.max(0).unsigned_abs()),
            notice.asset
        ),
    };
    let (destination, when) = match notice.rail.as_str() {
        "card" => (
            "to the card you paid with",
            "card refunds usually appear on your statement within 5 to 10 business days, depending on your bank",
        ),
        "btc" => (
            "in bitcoin: claim it with your own address (on-chain or Lightning) at the link below",
            "once you claim it, as soon as the transaction confirms",
        ),
        _ => ("to the address you paid from, in the same asset", "as soon as the transaction confirms"),
    };
    let why = match notice.cause {
        RefundCause::RequestedByCustomer => "You cancelled your order.",
        RefundCause::EventCancelled => "The event was cancelled; we are sorry.",
        RefundCause::MoneyDueBack => "Your payment could not be used for the order, so it goes back to you.",
        RefundCause::Admin | RefundCause::Outside => "The organiser refunded your order.",
    };
    let tickets_line = match (notice.tickets_back as i64, notice.tickets_in_order, notice.order_refunded) {
        (_, 0, _) => String::new(),
        (_, 1, true) => "Your ticket is cancelled.".to_string(),
        (_, all, true) => format!("All {all} of your tickets are cancelled."),
        (0, _, false) => "Your tickets stay valid.".to_string(),
        (1, all, false) => format!("1 of your {all} tickets is cancelled; the others stay valid."),
        (back, all, false) => format!("{back} of your {all} tickets are cancelled; the others stay valid."),
    };
    let order_url =
        public_url.join(&format!("/orders/{}", notice.order_id)).map(|u| u.to_string()).unwrap_or_default();
    RefundEmail {
        customer_name: notice.customer_name.clone(),
        event_title: notice.event_title.clone(),
        amount,
        destination: destination.to_string(),
        when: when.to_string(),
        why: why.to_string(),
        tickets_line,
        order_reference: crate::pdf::order_reference(notice.order_id),
        claim_url: notice.claim_url.clone().unwrap_or_default(),
        order_url,
    }
}
