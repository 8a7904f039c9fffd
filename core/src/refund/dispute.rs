//! Disputes: a customer asked their bank to take a card payment back. While it is open the
//! order's tickets are voided (nobody gets in on money that may be leaving) and finance sees it;
//! won, the tickets admit again; lost, the money is gone and the order is `refunded`.

use sqlx::PgConnection;
use uuid::Uuid;

use super::VoidReason;
use super::request::void_tickets;
use crate::order::StatusReason;

/// What a dispute event did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeChange {
    /// Opened: the order's tickets were voided.
    Opened,
    /// Still open, its status updated.
    Updated,
    /// Closed for the shop: the tickets admit again.
    Won,
    /// Closed for the customer: the order is refunded.
    Lost,
    /// No payment of ours has that reference.
    UnknownPayment,
}

/// Dispute statuses that end it: the shop won (`won`, `warning_closed`, `prevented`), lost, or
/// the charge was refunded meanwhile (`charge_refunded`).
pub fn dispute_is_closed(status: &str) -> bool {
    matches!(status, "won" | "lost" | "warning_closed" | "prevented" | "charge_refunded")
}

/// Closed with the money staying with the shop: the tickets admit again.
fn went_our_way(status: &str) -> bool {
    matches!(status, "won" | "warning_closed" | "prevented")
}

/// Records a dispute of the card payment `payment_ref` (the payment intent) in `status`
/// (Stripe's: `needs_response`, ..., `won`, `lost`, `warning_closed`). Only the payment that
/// paid for its order moves the order's tickets; a dispute of a second payment (one due back)
/// is recorded on that payment alone. A closed dispute stays closed whatever arrives late.
pub async fn record_dispute(
    conn: &mut PgConnection,
    payment_ref: &str,
    dispute_ref: &str,
    status: &str,
    amount_minor: i64,
) -> sqlx::Result<DisputeChange> {
    let payment = sqlx::query!(
        r#"select payment_id, order_id, status, dispute_ref, dispute_status from payment
           where provider = 'stripe' and provider_payment_ref = $1
           order by (status in ('succeeded', 'refunded')) desc, created_at limit 1 for update"#,
        payment_ref
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(payment) = payment else { return Ok(DisputeChange::UnknownPayment) };
    if payment.dispute_status.as_deref().is_some_and(dispute_is_closed) {
        // Over already: an event about it that arrives late changes nothing.
        return Ok(DisputeChange::Updated);
    }
    let opened = payment.dispute_ref.is_none();
    sqlx::query!(
        r#"update payment set dispute_ref = $2, dispute_status = $3, dispute_amount_minor = $4,
                  disputed_at = coalesce(disputed_at, now()), updated_at = now()
           where payment_id = $1"#,
        payment.payment_id,
        dispute_ref,
        status,
        amount_minor
    )
    .execute(&mut *conn)
    .await?;
    // Whether this payment is the one that paid for the order (not money due back).
    let paying = payment.status == "succeeded";
    match status {
        "lost" => {
            sqlx::query!(
                r#"update payment set status = 'refunded', updated_at = now()
                   where payment_id = $1 and status in ('succeeded', 'refund_due')"#,
                payment.payment_id
            )
            .execute(&mut *conn)
            .await?;
            if paying {
                super::settle::refund_order(conn, payment.order_id, Some(StatusReason::DisputeLost)).await?;
                // Its tickets were voided for the dispute; they stay void, now as refunded.
                sqlx::query!(
                    r#"update ticket set void_reason = 'refunded', updated_at = now()
                       where order_id = $1 and void_reason = 'disputed'"#,
                    payment.order_id
                )
                .execute(&mut *conn)
                .await?;
            }
            Ok(DisputeChange::Lost)
        }
        closed if went_our_way(closed) => {
            if paying {
                sqlx::query!(
                    r#"update ticket set voided_at = null, void_reason = null, updated_at = now()
                       where order_id = $1 and void_reason = 'disputed'"#,
                    payment.order_id
                )
                .execute(&mut *conn)
                .await?;
            }
            Ok(DisputeChange::Won)
        }
        // Closed because the charge was refunded: its refunds void what they give back.
        closed if dispute_is_closed(closed) => Ok(DisputeChange::Updated),
        _ if opened && paying => {
            let tickets: Vec<Uuid> = sqlx::query_scalar!(
                "select ticket_id from ticket where order_id = $1 and voided_at is null",
                payment.order_id
            )
            .fetch_all(&mut *conn)
            .await?;
            void_tickets(conn, &tickets, VoidReason::Disputed, false).await?;
            Ok(DisputeChange::Opened)
        }
        _ if opened => Ok(DisputeChange::Opened),
        _ => Ok(DisputeChange::Updated),
    }
}
