//! BTCPay invoices: applying an invoice's state to its order (shared by the webhook and the
//! poller), and the poller, which asks BTCPay about every invoice whose fate may still change,
//! as the backstop for lost webhooks.

use std::time::Duration;

use sqlx::PgPool;
use tessera_core::order::{self, InvoiceOutcome, InvoiceState, InvoiceUpdate, UnmatchedPayment};
use tessera_payments::btcpay::webhook::WebhookEvent;
use tessera_payments::btcpay::{BtcPayClient, Invoice};
use tokio::sync::watch;

/// How long after an order ended its invoice is still watched: BTCPay's default monitoring of
/// an expired invoice for late payments (a day).
pub const LATE_WINDOW: Duration = Duration::from_secs(24 * 3600);

/// Brings an order in line with its BTCPay invoice. With a webhook event, the event is recorded
/// in the inbox in the same transaction, and a repeat changes nothing.
pub async fn apply(db: &PgPool, event: Option<&WebhookEvent>, invoice: Option<&Invoice>) -> sqlx::Result<()> {
    let update = invoice.and_then(Invoice::update);
    if let Some((order_id, InvoiceState::Settled | InvoiceState::PaidLate, ..)) = update {
        // A late payment must see the stock that is really free.
        order::release_expired_holds_of_order(db, order_id).await?;
    }

    let mut tx = db.begin().await?;
    if let Some(event) = event {
        let fresh = sqlx::query_scalar!(
            r#"insert into webhook_inbox (provider, event_id, event_type) values ('btcpay', $1, $2)
               on conflict do nothing returning event_id"#,
            event.dedup_key(),
            event.kind
        )
        .fetch_optional(&mut *tx)
        .await?;
        if fresh.is_none() {
            tracing::info!(webhook.delivery_id = %event.delivery_id, "BTCPay delivery seen before; nothing to do");
            return Ok(());
        }
    }
    let Some(invoice) = invoice else {
        tx.commit().await?;
        return Ok(());
    };
    let Some((order_id, state, amount_minor, paid_minor)) = update else {
        // Not an invoice for an order of ours: money on it is recorded for someone to refund.
        let paid = invoice.amounts_minor().map_or(0, |(_, paid)| paid);
        if paid > 0 {
            let event_id =
                event.map_or_else(|| format!("poll-{}", invoice.id), |e| e.dedup_key().to_string());
            order::record_unmatched_payment(
                &mut *tx,
                &UnmatchedPayment {
                    provider: "btcpay".into(),
                    provider_event_id: event_id,
                    provider_ref: invoice.id.clone(),
                    provider_payment_ref: None,
                    claimed_order_ref: invoice.order_id().map(str::to_string),
                    currency: invoice.currency.clone(),
                    amount_minor: paid,
                    created_at: chrono::Utc::now(),
                },
            )
            .await?;
            tracing::error!(payment.provider_ref = %invoice.id, "bitcoin payment without an order of ours; recorded as unmatched");
        }
        tx.commit().await?;
        return Ok(());
    };
    let outcome = order::apply_invoice(
        &mut tx,
        &InvoiceUpdate {
            order_id,
            provider: "btcpay",
            provider_ref: &invoice.id,
            state,
            currency: &invoice.currency,
            amount_minor,
            paid_minor,
        },
    )
    .await?;
    tx.commit().await?;
    if outcome != InvoiceOutcome::Unchanged {
        tracing::info!(order.id = %order_id, invoice.id = %invoice.id, ?state, ?outcome, "bitcoin invoice applied");
    }
    Ok(())
}

/// One round of polling: reads every watched invoice back and applies it. Returns how many
/// were read; an unreachable BTCPay ends the round early (the next one tries again).
pub async fn poll_once(db: &PgPool, client: &BtcPayClient) -> sqlx::Result<usize> {
    let watched = order::watched_invoices(db, "btcpay", LATE_WINDOW, 500).await?;
    let mut read = 0;
    for invoice in watched {
        match client.invoice(&invoice.provider_ref).await {
            Ok(found) => {
                read += 1;
                apply(db, None, found.as_ref()).await?;
            }
            Err(err) => {
                tracing::warn!(invoice.id = %invoice.provider_ref, error = %err, "cannot read the BTCPay invoice; will poll again");
                if err.is_unavailable() {
                    break;
                }
            }
        }
    }
    Ok(read)
}

/// Polls every `interval` until `shutdown`. One poller leads at a time (a Postgres advisory
/// lock held for the round), so several processes can run it.
pub async fn run(db: PgPool, client: BtcPayClient, interval: Duration, mut shutdown: watch::Receiver<bool>) {
    const LOCK: i64 = 0x7465_7373_6572_6102;
    loop {
        tokio::select! {
            () = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => return,
        }
        let round = async {
            let mut lock = db.acquire().await?;
            let leader: bool = sqlx::query_scalar("select pg_try_advisory_lock($1)")
                .bind(LOCK)
                .fetch_one(&mut *lock)
                .await?;
            if !leader {
                return Ok(0);
            }
            let polled = poll_once(&db, &client).await;
            sqlx::query("select pg_advisory_unlock($1)").bind(LOCK).execute(&mut *lock).await?;
            polled
        };
        if let Err(err) = round.await {
            tracing::warn!(error = %err, "polling BTCPay invoices failed; will try again");
        }
    }
}
