//! After the run: waiting for the shop to settle, then holding what Postgres, the mailbox, the
//! chain and the providers say against what the customers did.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use alloy::providers::Provider as _;
use alloy::rpc::types::Filter;
use alloy::sol_types::SolEvent as _;
use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

use super::cluster::CONFIRMATIONS;
use super::{Chaos, Rail};
use crate::eth::EthChain;
use crate::mail::Maildev;

/// What a run came to: every broken promise, and the figures.
#[derive(Debug)]
pub struct Outcome {
    pub failures: Vec<String>,
    pub figures: Vec<String>,
    /// Where each process's log is.
    pub logs: PathBuf,
}

/// Waits (up to `limit`) until no order paid before `before` is left undelivered; true if so.
pub async fn undelivered_paid_before(
    db: &PgPool,
    before: chrono::DateTime<chrono::Utc>,
    limit: Duration,
) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        let left: sqlx::Result<i64> =
            sqlx::query_scalar("select count(*) from customer_order where status = 'paid' and paid_at <= $1")
                .bind(before)
                .fetch_one(db)
                .await;
        if left.is_ok_and(|left| left == 0) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    false
}

/// What keeps the shop from being settled, if anything.
async fn unsettled(chaos: &Chaos, chain: &EthChain) -> anyhow::Result<Vec<String>> {
    let mut left = Vec::new();
    let pending = chaos.webhooks.stats.pending.load(Ordering::SeqCst);
    if pending > 0 {
        left.push(format!("{pending} webhook deliveries not yet taken"));
    }
    let head = i64::try_from(chain.head().await)?;
    let (unpublished, undelivered, stuck, detected, shallow, behind): (i64, i64, i64, i64, i64, i64) =
        sqlx::query_as(
            "select (select count(*) from outbox where published_at is null),
                (select count(*) from customer_order where status = 'paid'),
                (select count(*) from customer_order
                  where status = 'pending_payment' and not payment_detected
                    and expires_at < now() - interval '20 seconds'),
                (select count(*) from customer_order where status = 'pending_payment' and payment_detected),
                (select count(*) from eth_receipt where status = 'seen' and $2 > 0),
                (select count(*) from eth_cursor where next_block <= $1 - 1)",
        )
        .bind(head)
        .bind(i64::try_from(CONFIRMATIONS)?)
        .fetch_one(&chaos.db)
        .await?;
    for (count, what) in [
        (unpublished, "outbox rows not yet published"),
        (undelivered, "paid orders not yet delivered"),
        (stuck, "holds past their time not yet released"),
        (detected, "orders with a payment seen, not yet settled"),
        (shallow, "Ethereum receipts not yet confirmed"),
        (behind, "Ethereum cursors behind the chain's head"),
    ] {
        if count > 0 {
            left.push(format!("{count} {what}"));
        }
    }
    // Every payment a customer made has reached its order.
    let paid: Vec<Uuid> = {
        let ledger = chaos.ledger.lock().expect("ledger");
        ledger.orders.iter().filter(|(_, placed)| placed.paid.is_some()).map(|(id, _)| *id).collect()
    };
    let waiting: i64 = sqlx::query_scalar(
        "select count(*) from customer_order o
          where o.order_id = any($1) and o.status = 'pending_payment'",
    )
    .bind(&paid)
    .fetch_one(&chaos.db)
    .await?;
    if waiting > 0 {
        left.push(format!("{waiting} orders paid by their customer still waiting for the money"));
    }
    Ok(left)
}

/// Waits for the shop to settle, then checks everything.
pub async fn settle_and_check(
    chaos: &Chaos,
    chain: &EthChain,
    maildev: &Maildev,
    logs: &Path,
) -> anyhow::Result<Outcome> {
    let mut failures = Vec::new();
    let settling = Instant::now();
    loop {
        let last = match unsettled(chaos, chain).await {
            Ok(left) if left.is_empty() => break,
            Ok(left) => left,
            Err(err) => vec![format!("cannot tell: {err}")],
        };
        if settling.elapsed() > chaos.options.settle_limit {
            failures.push(format!(
                "the shop did not settle within {}s: {}",
                chaos.options.settle_limit.as_secs(),
                last.join("; ")
            ));
            break;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    let settled_after = settling.elapsed();
    println!("chaos: settled after {:.1}s; checking", settled_after.as_secs_f64());

    let mut figures = Vec::new();
    check(chaos, chain, maildev, logs, &mut failures, &mut figures).await?;
    figures.push(format!("settled {:.1}s after the traffic stopped", settled_after.as_secs_f64()));
    Ok(Outcome { failures, figures, logs: logs.to_path_buf() })
}

/// An `eth_receipt`: transaction, log index, status, outcome, order.
type ReceiptRow = (String, i32, String, Option<String>, Option<Uuid>);

#[derive(sqlx::FromRow)]
struct OrderRow {
    order_id: Uuid,
    status: String,
    email: String,
    total_minor: i64,
    quantity: i64,
    /// Every ticket of the order, voided or not.
    tickets: i64,
    last_position: i64,
    delivery: Option<String>,
}

#[derive(sqlx::FromRow)]
struct PaymentRow {
    order_id: Uuid,
    provider: String,
    status: String,
    refund_reason: Option<String>,
    /// What the provider or chain said it received, in the order's minor units.
    received_minor: Option<i64>,
}

async fn check(
    chaos: &Chaos,
    chain: &EthChain,
    maildev: &Maildev,
    logs: &Path,
    failures: &mut Vec<String>,
    figures: &mut Vec<String>,
) -> anyhow::Result<()> {
    let db = &chaos.db;
    let orders: Vec<OrderRow> = sqlx::query_as(
        "select o.order_id, o.status, a.email, o.total_minor,
                (select coalesce(sum(quantity), 0) from order_item i where i.order_id = o.order_id)::bigint as quantity,
                (select count(*) from ticket t where t.order_id = o.order_id) as tickets,
                (select coalesce(max(position), 0) from ticket t where t.order_id = o.order_id)::bigint as last_position,
                d.status as delivery
           from customer_order o join account a using (account_id)
           left join delivery d using (order_id)",
    )
    .fetch_all(db)
    .await?;
    let payments: Vec<PaymentRow> =
        sqlx::query_as("select order_id, provider, status, refund_reason, received_minor from payment")
            .fetch_all(db)
            .await?;
    let mut payments_of: HashMap<Uuid, Vec<&PaymentRow>> = HashMap::new();
    for payment in &payments {
        payments_of.entry(payment.order_id).or_default().push(payment);
    }
    // The chain: every payment on the chain as it ended is a confirmed receipt; a receipt
    // reorged away pays nothing.
    let paid_logs = chain
        .provider
        .get_logs(
            &Filter::new()
                .address(chain.contract())
                .event_signature(tessera_contracts::TesseraPay::OrderPaid::SIGNATURE_HASH)
                .from_block(0u64),
        )
        .await?;
    let canonical: HashSet<(String, i64)> = paid_logs
        .iter()
        .filter_map(|log| {
            Some((format!("{:#x}", log.transaction_hash?), i64::try_from(log.log_index?).ok()?))
        })
        .collect();
    let receipts: Vec<ReceiptRow> =
        sqlx::query_as("select tx_hash, log_index, status, outcome, order_id from eth_receipt")
            .fetch_all(db)
            .await?;
    let moved: i64 = sqlx::query_scalar("select count(*) from eth_receipt where reorged_at is not null")
        .fetch_one(db)
        .await?;
    let (mut reorged, mut reverted_on_landing, mut moved_in_block, mut dropped) = (0, 0, 0, 0);
    for (tx, index, status, outcome, _) in &receipts {
        let on_chain = canonical.contains(&(tx.clone(), i64::from(*index)));
        match (status.as_str(), on_chain) {
            ("confirmed", true) => {}
            ("reorged", false) => {
                reorged += 1;
                // Why its log is gone: the transaction landed again but reverted (its quote
                // had run out by then), or it is not on the chain at all.
                let hash: alloy::primitives::B256 = tx.parse()?;
                let landed = chain.provider.get_transaction_receipt(hash).await?;
                match landed {
                    Some(landed) if !landed.status() => reverted_on_landing += 1,
                    // Landed again behind other payments in its new block: its log has another
                    // index there, a receipt of its own.
                    Some(_) => moved_in_block += 1,
                    None => dropped += 1,
                }
            }
            _ => failures.push(format!(
                "receipt {tx}:{index} is {status} ({outcome:?}) but the chain {} it",
                if on_chain { "holds" } else { "does not hold" }
            )),
        }
    }
    let recorded: HashSet<(String, i64)> =
        receipts.iter().map(|(tx, i, ..)| (tx.clone(), i64::from(*i))).collect();
    for missing in canonical.difference(&recorded) {
        failures.push(format!("payment {}:{} is on chain but was never recorded", missing.0, missing.1));
    }

    let ledger = chaos.ledger.lock().expect("ledger").clone();

    // Money taken is on a paid order or listed for refund.
    // A payment on chain is money only if it is on the chain as it ended.
    let canonical_txs: HashSet<&str> = canonical.iter().map(|(tx, _)| tx.as_str()).collect();
    let arrived = |placed: &super::Placed| {
        placed
            .paid
            .as_ref()
            .is_some_and(|paid| placed.rail != Rail::Eth || canonical_txs.contains(paid.reference.as_str()))
    };
    let scarce_event = chaos.events.iter().min_by_key(|(_, _, capacity)| *capacity).map(|(id, ..)| *id);
    let scarce_event = scarce_event.unwrap_or_default();
    let mut refund_due: HashMap<String, u64> = HashMap::new();
    for (order, placed) in &ledger.orders {
        let Some(paid) = placed.paid.as_ref().filter(|_| arrived(placed)) else { continue };
        let provider = match placed.rail {
            Rail::Card => "stripe",
            Rail::Btc => "btcpay",
            Rail::Eth => "ethereum",
        };
        let status =
            orders.iter().find(|o| o.order_id == *order).map(|o| o.status.as_str()).unwrap_or("missing");
        let rows: Vec<&&PaymentRow> = payments_of
            .get(order)
            .map(|rows| rows.iter().filter(|p| p.provider == provider).collect())
            .unwrap_or_default();
        let on_paid_order =
            matches!(status, "paid" | "fulfilled") && rows.iter().any(|p| p.status == "succeeded");
        let for_refund = rows.iter().find(|p| matches!(p.status.as_str(), "refund_due" | "refunded"));
        if let Some(row) = for_refund {
            let reason = row.refund_reason.clone().unwrap_or_default();
            *refund_due.entry(reason.clone()).or_default() += 1;
            // The one reason this run can give: paid after the hold, for a small hall whose
            // tickets went to others meanwhile. The large hall never runs short.
            if reason != "sold_out_after_expiry" || placed.event != scarce_event {
                failures.push(format!(
                    "{} payment for order {order} ({status}) is listed for refund as {reason:?}, which nothing in this run calls for",
                    placed.rail.method()
                ));
            }
        }
        // What the shop recorded as received is what the order cost (every customer pays the
        // exact amount asked).
        let total = orders.iter().find(|o| o.order_id == *order).map(|o| o.total_minor);
        if let Some(row) = rows.iter().find(|p| p.received_minor.is_some())
            && row.received_minor != total
        {
            failures.push(format!(
                "order {order}: {} recorded {:?} received for a total of {total:?}",
                placed.rail.method(),
                row.received_minor
            ));
        }
        if !on_paid_order && for_refund.is_none() {
            failures.push(format!(
                "{} paid for order {order} ({} {}), which is {status} with payments {:?}: neither paid nor listed for refund",
                placed.rail.method(),
                paid.reference,
                paid.amount,
                rows.iter().map(|p| p.status.as_str()).collect::<Vec<_>>()
            ));
        }
    }
    // And every payment listed for refund is money a customer paid.
    // (Except a payment decided on a confirmed log that a deeper reorganisation then took away:
    // its receipt is flagged `reorged` for finance, like an order paid on one.)
    let decided_then_reorged = |order: Uuid| {
        receipts.iter().any(|(_, _, status, outcome, order_id)| {
            *order_id == Some(order) && status == "reorged" && outcome.is_some()
        })
    };
    for payment in payments.iter().filter(|p| matches!(p.status.as_str(), "refund_due" | "refunded")) {
        if !ledger.orders.get(&payment.order_id).is_some_and(&arrived)
            && !decided_then_reorged(payment.order_id)
        {
            failures.push(format!(
                "a {} payment of order {} is listed for refund but no money of its customer arrived",
                payment.provider, payment.order_id
            ));
        }
    }
    // No order paid without money; every paid order delivered once.
    let emails = mailbox(maildev).await?;
    let mut by_address: HashMap<String, Vec<&Value>> = HashMap::new();
    for email in &emails {
        for to in email["to"].as_array().into_iter().flatten() {
            if let Some(address) = to["address"].as_str() {
                by_address.entry(address.to_lowercase()).or_default().push(email);
            }
        }
    }
    let (mut fulfilled, mut duplicate_emails, mut tickets, mut flagged_for_finance) = (0, 0, 0, 0);
    for order in &orders {
        let received = by_address.get(&order.email.to_lowercase()).cloned().unwrap_or_default();
        let paid_for = ledger.orders.get(&order.order_id).is_some_and(&arrived);
        if matches!(order.status.as_str(), "paid" | "fulfilled") {
            fulfilled += 1;
            tickets += order.tickets;
            // Paid on a log that was confirmed and later reorged away: the order stays paid and
            // finance sees the receipt flagged.
            if !paid_for && decided_then_reorged(order.order_id) {
                flagged_for_finance += 1;
            } else if !paid_for {
                failures.push(format!(
                    "order {} is {} but no money of its customer arrived",
                    order.order_id, order.status
                ));
            }
            if order.status != "fulfilled" || order.delivery.as_deref() != Some("sent") {
                failures.push(format!(
                    "order {} is {} with delivery {:?}: not delivered",
                    order.order_id, order.status, order.delivery
                ));
            }
            // Tickets are keyed by (order, position): one per ticket bought, positions 1..n.
            if order.tickets != order.quantity || order.last_position != order.quantity {
                failures.push(format!(
                    "order {} has {} tickets up to position {} for {} bought",
                    order.order_id, order.tickets, order.last_position, order.quantity
                ));
            }
            let message_id = format!("<tickets.{}@chaos.test>", order.order_id);
            let ids: HashSet<&str> =
                received.iter().map(|e| e["headers"]["message-id"].as_str().unwrap_or("none")).collect();
            if order.status != "fulfilled" {
                // Not delivered: said above.
            } else if received.is_empty() {
                failures.push(format!(
                    "order {} is delivered but no email reached {}",
                    order.order_id, order.email
                ));
            } else if ids.len() != 1 || !ids.contains(message_id.as_str()) {
                failures.push(format!(
                    "order {}: emails {ids:?}, expected each to be {message_id}",
                    order.order_id
                ));
            }
            duplicate_emails += received.len().saturating_sub(1);
        } else {
            if order.tickets > 0 {
                failures.push(format!(
                    "order {} is {} but has {} tickets",
                    order.order_id, order.status, order.tickets
                ));
            }
            if !received.is_empty() {
                failures.push(format!(
                    "order {} is {} but {} emails reached its customer",
                    order.order_id,
                    order.status,
                    received.len()
                ));
            }
        }
    }
    // An email goes out twice only through the window ARCHITECTURE.md names: a worker killed,
    // or cut off from the SMTP server, after the server took it and before `sent` was
    // committed. The next attempt resends it under the same Message-ID (checked above) and
    // says so in the log: every duplicate must be one of those resends.
    let kills = chaos.kills.lock().expect("kills").clone();
    let resends = resends_logged(logs);
    if duplicate_emails > resends {
        failures.push(format!(
            "{duplicate_emails} duplicate emails, but only {resends} resends of an email that may have gone out were logged"
        ));
    }

    // No seat oversold, no hold stuck: each ticket type's counters are what the orders say.
    let stock: Vec<(Uuid, i32, i32, i32, i64, i64)> = sqlx::query_as(
        "select t.ticket_type_id, t.capacity, t.sold, t.held,
                coalesce(sum(i.quantity) filter (where o.status in ('paid', 'fulfilled')), 0)::bigint,
                coalesce(sum(i.quantity) filter (where o.status = 'pending_payment'), 0)::bigint
           from ticket_type t
           left join order_item i using (ticket_type_id)
           left join customer_order o using (order_id)
          group by t.ticket_type_id",
    )
    .fetch_all(db)
    .await?;
    for (ticket_type, capacity, sold, held, paid, pending) in &stock {
        if i64::from(*sold) != *paid || i64::from(*held) != *pending {
            failures.push(format!(
                "ticket type {ticket_type}: capacity {capacity}, sold {sold}, held {held}; orders say {paid} paid, {pending} held"
            ));
        }
        figures.push(format!("ticket type of capacity {capacity}: {sold} sold, {held} held at the end"));
    }
    let (unpublished, not_sent, stuck): (i64, i64, i64) = sqlx::query_as(
        "select (select count(*) from outbox where published_at is null),
                (select count(*) from delivery where status <> 'sent'),
                (select count(*) from customer_order where status = 'pending_payment' and expires_at < now() - interval '20 seconds')",
    )
    .fetch_one(db)
    .await?;
    for (count, what) in [
        (unpublished, "outbox rows never published"),
        (not_sent, "deliveries pending or dead-lettered"),
        (stuck, "holds stuck past their time"),
    ] {
        if count > 0 {
            failures.push(format!("{count} {what}"));
        }
    }

    // The providers' side.
    for violation in chaos.btcpay.violations() {
        failures.push(format!("BTCPay fake: {violation}"));
    }
    let stripe_paid = chaos.stripe.completed().len();

    // Figures.
    let mut placed_by_rail: HashMap<&str, (u64, u64)> = HashMap::new();
    for placed in ledger.orders.values() {
        let entry = placed_by_rail.entry(placed.rail.method()).or_default();
        entry.0 += 1;
        entry.1 += u64::from(placed.paid.is_some());
    }
    let mut rails: Vec<_> = placed_by_rail.into_iter().collect();
    rails.sort();
    figures.push(format!(
        "orders placed {} ({}), paid by their customer {} ({} on purpose after their hold), refused {:?}, requests sent again {}",
        ledger.orders.len(),
        rails.iter().map(|(rail, (placed, paid))| format!("{rail} {placed}/{paid} paid")).collect::<Vec<_>>().join(", "),
        ledger.orders.values().filter(|p| p.paid.is_some()).count(),
        ledger.orders.values().filter(|p| p.late && p.paid.is_some()).count(),
        ledger.refused,
        ledger.retried,
    ));
    figures.push(format!(
        "orders delivered {fulfilled} with {tickets} tickets and {} emails ({duplicate_emails} duplicates); Stripe sessions paid {stripe_paid}; payments refused by provider or chain {:?}",
        emails.len(),
        ledger.payment_refused
    ));
    figures.push(format!("money listed for refund, by reason: {refund_due:?}"));
    let stats = &chaos.webhooks.stats;
    figures.push(format!(
        "webhooks: {} events, {} deliveries taken, {} sent twice, {} held back 5-20 s, {} attempts refused or cut and made again",
        stats.events.load(Ordering::SeqCst),
        stats.delivered.load(Ordering::SeqCst),
        stats.duplicated.load(Ordering::SeqCst),
        stats.delayed.load(Ordering::SeqCst),
        stats.failed_attempts.load(Ordering::SeqCst),
    ));
    let mut kills: Vec<_> = kills.into_iter().collect();
    kills.sort();
    figures.push(format!(
        "faults: SIGKILLs {kills:?}; chain reorganisations {} moving {} transactions; receipts reorged {moved} (since seen in their new block: {}), reorged away {reorged} ({moved_in_block} landed again under another log index, {reverted_on_landing} reverted when they landed again, their quote past its deadline, {dropped} left out; orders paid on one and flagged for finance: {flagged_for_finance})",
        chaos.reorgs.load(Ordering::SeqCst),
        chaos.reorged_transactions.load(Ordering::SeqCst),
        moved - reorged,
    ));
    for recovery in chaos.recoveries.lock().expect("recoveries").iter() {
        match recovery.took {
            Some(took) => figures.push(format!(
                "at {:.0}s {}: {} after {:.1}s",
                recovery.at.as_secs_f64(),
                recovery.fault,
                recovery.measure,
                took.as_secs_f64()
            )),
            None => failures.push(format!(
                "at {:.0}s {}: not {} within the limit",
                recovery.at.as_secs_f64(),
                recovery.fault,
                recovery.measure
            )),
        }
    }
    Ok(())
}

/// How many times the ticketing processes logged that they resend an email that may have gone
/// out already.
fn resends_logged(logs: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(logs) else { return 0 };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("ticketing-"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .map(|log| log.lines().filter(|line| line.contains("resending under the same Message-ID")).count())
        .sum()
}

/// Every email the capture server holds.
async fn mailbox(maildev: &Maildev) -> anyhow::Result<Vec<Value>> {
    Ok(reqwest::get(format!("{}/api/email", maildev.api)).await?.json().await?)
}
