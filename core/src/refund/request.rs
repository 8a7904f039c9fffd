//! Asking for a refund: of an order (all of it, some of its tickets, or an amount), of money
//! due back on a payment, or of card money for no order. Each runs in one transaction that
//! locks the payment's row first, so that two requests for the same payment see each other:
//! the idempotency key is looked up and the total checked against what the payment received
//! under that lock.

use std::collections::HashMap;

use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::{Refund, RefundCause, VoidReason};
use crate::order::OrderStatus;

/// What part of an order goes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Everything its payment received that has not gone back yet; every ticket is voided.
    Order,
    /// These tickets, at the price each was sold for; they are voided.
    Tickets(Vec<Uuid>),
    /// An amount in the payment's minor units, voiding no ticket (a goodwill refund).
    Amount(i64),
}

/// A refund of an order.
#[derive(Debug, Clone)]
pub struct OrderRefund {
    pub order_id: Uuid,
    pub scope: Scope,
    pub cause: RefundCause,
    /// The admin or customer asking.
    pub requested_by: Option<Uuid>,
    /// An admin asking: the request is audited.
    pub by_admin: bool,
    pub idempotency_key: String,
    /// Refund checked-in tickets too (admins, and a cancelled event; audited for admins).
    pub override_checked_in: bool,
    /// Kept back from a whole-order refund (a self-service cancellation's fee), minor units.
    pub fee_minor: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum RefundError {
    #[error("no such order")]
    NotFound,
    #[error("no such payment")]
    NoSuchPayment,
    #[error("this idempotency key was used for another refund")]
    KeyReused,
    /// Stripe cannot send this amount back exactly.
    #[error("{0}")]
    NotExact(String),
    #[error("this order is {0}: only a paid order can be refunded")]
    NotPaid(OrderStatus),
    /// The payment cannot go back through Tessera (yet): the message says why.
    #[error("{0}")]
    NotRefundable(&'static str),
    #[error("that is more than is left to refund on this payment ({left} in its smallest unit)")]
    TooMuch { left: i64 },
    #[error("everything this payment received has already been refunded, or is being")]
    NothingLeft,
    #[error("the amount must be more than zero")]
    ZeroAmount,
    #[error("ticket {0} is not one of this order's tickets")]
    UnknownTicket(Uuid),
    #[error("ticket {0} was already refunded or voided")]
    AlreadyVoided(String),
    #[error("ticket {0} has been checked in; refunding it needs an admin's explicit override")]
    CheckedIn(String),
    #[error("this order's tickets are still being issued; try again in a minute")]
    TicketsNotIssued,
    #[error("the tickets sold since cannot all be given back: {0}")]
    StockTaken(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Refuses an amount Stripe cannot send back exactly (a fraction of a zero-decimal currency,
/// a three-decimal amount not a multiple of ten).
fn exact_for_stripe(currency: &str, amount_minor: i64) -> Result<(), RefundError> {
    let currency =
        currency.parse::<crate::money::Currency>().map_err(|err| RefundError::NotExact(err.to_string()))?;
    crate::money::stripe::to_stripe(currency, amount_minor)
        .map(|_| ())
        .map_err(|err| RefundError::NotExact(err.to_string()))
}

/// What a new refund row holds.
struct NewRefund<'a> {
    /// `card` or `btc`; `asset` and `decimals` are the unit of `amount_minor`.
    rail: &'static str,
    decimals: i32,
    order_id: Option<Uuid>,
    payment_id: Option<Uuid>,
    unmatched_payment_id: Option<Uuid>,
    asset: &'a str,
    amount_minor: i64,
    cause: RefundCause,
    detail: Option<&'a str>,
    requested_by: Option<Uuid>,
    idempotency_key: &'a str,
    ticket_ids: &'a [Uuid],
    checked_in_override: bool,
}

/// The refund already asked for under `key`, if any; a key used for another order's or
/// payment's refund is an error (the caller reused a key), never that refund's answer.
async fn existing(
    conn: &mut PgConnection,
    key: &str,
    order_id: Option<Uuid>,
    payment_id: Option<Uuid>,
    unmatched_payment_id: Option<Uuid>,
) -> Result<Option<Uuid>, RefundError> {
    let found = sqlx::query!(
        "select refund_id, order_id, payment_id, unmatched_payment_id from refund where idempotency_key = $1",
        key
    )
    .fetch_optional(conn)
    .await?;
    match found {
        None => Ok(None),
        Some(r)
            if (order_id.is_none() || r.order_id == order_id)
                && (payment_id.is_none() || r.payment_id == payment_id)
                && (unmatched_payment_id.is_none() || r.unmatched_payment_id == unmatched_payment_id) =>
        {
            Ok(Some(r.refund_id))
        }
        Some(_) => Err(RefundError::KeyReused),
    }
}

/// What the payment's live refunds add up to, in the rail's unit.
async fn already_back(conn: &mut PgConnection, payment_id: Uuid) -> sqlx::Result<i64> {
    let total = sqlx::query_scalar!(
        r#"select coalesce(sum(amount), 0)::bigint as "total!" from refund
           where payment_id = $1 and status not in ('failed', 'cancelled')"#,
        payment_id
    )
    .fetch_one(conn)
    .await?;
    Ok(total)
}

/// The unit a payment's money goes back in, what it received in that unit, and how an amount
/// of the order's currency converts to it.
struct RailUnits {
    rail: &'static str,
    asset: String,
    decimals: i32,
    /// Received, in the rail's unit (minor units for cards, satoshis settled for bitcoin).
    received: i64,
    /// Bitcoin: the invoice's rate, units of the fiat currency per BTC (mantissa, scale), and the
    /// fiat currency's exponent.
    btc_rate: Option<(i128, u32, u32)>,
}

impl RailUnits {
    /// An amount in minor units of the order's currency, in the rail's unit (rounded down).
    fn in_rail_units(&self, minor: i64) -> i64 {
        match self.btc_rate {
            None => minor,
            Some((mantissa, scale, exponent)) if mantissa > 0 => {
                // Out of range (an absurd rate or amount) reads as too much to refund.
                let sats = i128::from(minor)
                    .checked_mul(100_000_000)
                    .and_then(|n| n.checked_mul(10_i128.checked_pow(scale)?))
                    .and_then(|n| n.checked_div(mantissa.checked_mul(10_i128.checked_pow(exponent)?)?));
                sats.and_then(|sats| i64::try_from(sats).ok()).unwrap_or(i64::MAX)
            }
            Some(_) => 0,
        }
    }
}

/// What a payment of `provider` refunds in; `Err` for the rails Tessera cannot refund on yet.
async fn rail_units(
    conn: &mut PgConnection,
    provider: &str,
    provider_ref: Option<&str>,
    currency: &str,
    received_minor: i64,
) -> Result<RailUnits, RefundError> {
    match provider {
        "stripe" => Ok(RailUnits {
            rail: "card",
            asset: currency.to_string(),
            decimals: currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent() as i32),
            received: received_minor,
            btc_rate: None,
        }),
        "btcpay" => {
            let settled = sqlx::query!(
                r#"select coalesce(sum(amount_sat), 0)::bigint as "sats!", min(rate)::text as rate
                   from btc_receipt where provider = 'btcpay' and provider_ref = $1 and status = 'settled'"#,
                provider_ref.unwrap_or_default()
            )
            .fetch_one(conn)
            .await?;
            let rate = settled.rate.as_deref().and_then(decimal_parts).ok_or(RefundError::NotRefundable(
                "no settled bitcoin output of this invoice is recorded: refund it in BTCPay Server",
            ))?;
            let exponent = currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent());
            Ok(RailUnits {
                rail: "btc",
                asset: "BTC".into(),
                decimals: 8,
                received: settled.sats,
                btc_rate: Some((rate.0, rate.1, exponent)),
            })
        }
        "ethereum" => Err(RefundError::NotRefundable(
            "Ethereum payments cannot be refunded through Tessera yet: send it back from the contract's owner",
        )),
        _ => Err(RefundError::NotRefundable("this order was free: there is no payment to refund")),
    }
}

/// `"47500.12"` as (4750012, 2).
fn decimal_parts(text: &str) -> Option<(i128, u32)> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let fraction = fraction.trim_end_matches('0');
    let digits = format!("{whole}{fraction}");
    Some((digits.parse().ok()?, u32::try_from(fraction.len()).ok()?))
}

async fn insert(conn: &mut PgConnection, new: &NewRefund<'_>) -> sqlx::Result<Uuid> {
    let refund_id = Uuid::now_v7();
    sqlx::query!(
        r#"insert into refund (refund_id, order_id, payment_id, unmatched_payment_id, rail, asset, decimals, amount,
                               reason, detail, requested_by, idempotency_key, ticket_ids, checked_in_override)
           values ($1, $2, $3, $4, $13, $5, $14, $6::bigint::numeric, $7, $8, $9, $10, $11, $12)"#,
        refund_id,
        new.order_id,
        new.payment_id,
        new.unmatched_payment_id,
        new.asset,
        new.amount_minor,
        new.cause.as_str(),
        new.detail,
        new.requested_by,
        new.idempotency_key,
        new.ticket_ids,
        new.checked_in_override,
        new.rail,
        new.decimals
    )
    .execute(&mut *conn)
    .await?;
    Ok(refund_id)
}

/// Records an admin's refund action in the audit log.
pub(super) async fn audit(
    conn: &mut PgConnection,
    admin: Option<Uuid>,
    action: &str,
    refund: &Refund,
) -> sqlx::Result<()> {
    let after = json!({
        "refund_id": refund.id, "order_id": refund.order_id, "amount": refund.amount, "asset": refund.asset,
        "cause": refund.cause, "detail": refund.detail, "tickets": refund.ticket_ids,
        "checked_in_override": refund.checked_in_override, "status": refund.status,
    });
    sqlx::query!(
        "insert into audit_log (account_id, action, subject, after) values ($1, $2, $3, $4)",
        admin,
        action,
        refund.id.to_string(),
        after
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Voids tickets (those not voided yet) and, for refunds of an event still on sale, puts them
/// back on sale. Returns how many it voided.
pub(super) async fn void_tickets(
    conn: &mut PgConnection,
    ticket_ids: &[Uuid],
    reason: VoidReason,
    back_on_sale: bool,
) -> sqlx::Result<u64> {
    let voided = sqlx::query!(
        r#"update ticket set voided_at = now(), void_reason = $2, updated_at = now()
           where ticket_id = any($1) and voided_at is null
           returning ticket_type_id"#,
        ticket_ids,
        reason.as_str()
    )
    .fetch_all(&mut *conn)
    .await?;
    if back_on_sale && !voided.is_empty() {
        let mut per_type: HashMap<Uuid, i32> = HashMap::new();
        for row in &voided {
            *per_type.entry(row.ticket_type_id).or_default() += 1;
        }
        let (types, counts): (Vec<Uuid>, Vec<i32>) = per_type.into_iter().unzip();
        sqlx::query!(
            r#"update ticket_type t set sold = greatest(t.sold - x.n, 0), updated_at = now()
               from unnest($1::uuid[], $2::int[]) as x(id, n)
               where t.ticket_type_id = x.id"#,
            &types,
            &counts
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(voided.len() as u64)
}

/// Asks for a refund of an order; the same key gives back the refund it asked for first. Also
/// says whether it is new (false for a repeat of the key).
pub async fn request_for_order(db: &PgPool, ask: &OrderRefund) -> Result<(Refund, bool), RefundError> {
    let mut tx = db.begin().await?;
    let order = sqlx::query!(
        r#"select status as "status: OrderStatus" from customer_order where order_id = $1 for update"#,
        ask.order_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(RefundError::NotFound)?;
    if let Some(id) = existing(&mut tx, &ask.idempotency_key, Some(ask.order_id), None, None).await? {
        tx.rollback().await?;
        return Ok((super::refund(db, id).await?.ok_or(RefundError::NotFound)?, false));
    }
    if !order.status.is_paid() {
        return Err(RefundError::NotPaid(order.status));
    }
    // The payment that paid for it.
    let payment = sqlx::query!(
        r#"select payment_id, provider, provider_ref, received_minor as "received_minor!", currency from payment
           where order_id = $1 and status = 'succeeded' and received_minor is not null
           order by received_at limit 1 for update"#,
        ask.order_id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(payment) = payment else {
        return Err(RefundError::NotRefundable("this order was free: there is no payment to refund"));
    };
    let units = rail_units(
        &mut tx,
        &payment.provider,
        payment.provider_ref.as_deref(),
        &payment.currency,
        payment.received_minor,
    )
    .await?;
    // In the rail's unit from here on.
    let left = units.received - already_back(&mut tx, payment.payment_id).await?;
    let tickets = sqlx::query!(
        r#"select ticket_id, serial, price_minor, checked_in_at, voided_at, void_reason from ticket
           where order_id = $1 order by position for update"#,
        ask.order_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let (ticket_ids, amount): (Vec<Uuid>, i64) = match &ask.scope {
        Scope::Order | Scope::Tickets(_) if tickets.is_empty() => return Err(RefundError::TicketsNotIssued),
        // Every ticket still admitting, and those voided while a dispute is open: refunded now,
        // a dispute closing later must not bring them back.
        Scope::Order => (
            tickets
                .iter()
                .filter(|t| t.voided_at.is_none() || t.void_reason.as_deref() == Some("disputed"))
                .map(|t| t.ticket_id)
                .collect(),
            left - units.in_rail_units(ask.fee_minor).clamp(0, left),
        ),
        Scope::Tickets(ids) => {
            let mut amount = 0;
            let mut chosen = Vec::new();
            for id in ids {
                let ticket =
                    tickets.iter().find(|t| t.ticket_id == *id).ok_or(RefundError::UnknownTicket(*id))?;
                if ticket.voided_at.is_some() {
                    return Err(RefundError::AlreadyVoided(ticket.serial.clone()));
                }
                if !chosen.contains(id) {
                    chosen.push(*id);
                    amount += ticket.price_minor;
                }
            }
            (chosen, units.in_rail_units(amount))
        }
        Scope::Amount(amount) => (Vec::new(), units.in_rail_units(*amount)),
    };
    for id in &ticket_ids {
        let ticket = tickets.iter().find(|t| t.ticket_id == *id).expect("chosen among them");
        if ticket.checked_in_at.is_some() && !ask.override_checked_in {
            return Err(RefundError::CheckedIn(ticket.serial.clone()));
        }
    }
    if amount <= 0 {
        return Err(if left <= 0 { RefundError::NothingLeft } else { RefundError::ZeroAmount });
    }
    if amount > left {
        return Err(if left <= 0 { RefundError::NothingLeft } else { RefundError::TooMuch { left } });
    }
    if units.rail == "card" {
        exact_for_stripe(&payment.currency, amount)?;
    }
    let checked_in_override = ask.override_checked_in
        && tickets.iter().any(|t| t.checked_in_at.is_some() && ticket_ids.contains(&t.ticket_id));
    let refund_id = insert(
        &mut tx,
        &NewRefund {
            rail: units.rail,
            decimals: units.decimals,
            order_id: Some(ask.order_id),
            payment_id: Some(payment.payment_id),
            unmatched_payment_id: None,
            asset: &units.asset,
            amount_minor: amount,
            cause: ask.cause,
            detail: None,
            requested_by: ask.requested_by,
            idempotency_key: &ask.idempotency_key,
            ticket_ids: &ticket_ids,
            checked_in_override,
        },
    )
    .await?;
    let reason = if ask.cause == RefundCause::EventCancelled {
        VoidReason::EventCancelled
    } else {
        VoidReason::Refunded
    };
    void_tickets(&mut tx, &ticket_ids, reason, ask.cause != RefundCause::EventCancelled).await?;
    sqlx::query!(
        r#"update ticket set void_reason = $2, updated_at = now()
           where ticket_id = any($1) and void_reason = 'disputed'"#,
        &ticket_ids,
        reason.as_str()
    )
    .execute(&mut *tx)
    .await?;
    let refund = super::refund(&mut *tx, refund_id).await?.ok_or(RefundError::NotFound)?;
    if ask.by_admin {
        audit(&mut tx, ask.requested_by, "refund.request", &refund).await?;
    }
    tx.commit().await?;
    Ok((refund, true))
}

/// Asks for the refund of money due back on a payment: all it received when it could not pay
/// for its order (`refund_due`), or the excess of an overpayment. Once per key.
pub async fn request_due_back(
    db: &PgPool,
    payment_id: Uuid,
    admin: Uuid,
    idempotency_key: &str,
) -> Result<(Refund, bool), RefundError> {
    let mut tx = db.begin().await?;
    let payment = sqlx::query!(
        r#"select order_id, provider, provider_ref, status, received_minor, overpaid_minor, refund_reason, currency
           from payment where payment_id = $1 for update"#,
        payment_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(RefundError::NoSuchPayment)?;
    if let Some(id) = existing(&mut tx, idempotency_key, None, Some(payment_id), None).await? {
        tx.rollback().await?;
        return Ok((super::refund(db, id).await?.ok_or(RefundError::NotFound)?, false));
    }
    let units = rail_units(
        &mut tx,
        &payment.provider,
        payment.provider_ref.as_deref(),
        &payment.currency,
        payment.received_minor.unwrap_or(0),
    )
    .await?;
    // In the rail's unit from here on.
    let received = units.received;
    let back = already_back(&mut tx, payment_id).await?;
    let (due, detail) = match payment.status.as_str() {
        "refund_due" => (received, payment.refund_reason.unwrap_or_else(|| "refund_due".into())),
        "succeeded" if payment.overpaid_minor > 0 => {
            (units.in_rail_units(payment.overpaid_minor), "overpaid".into())
        }
        _ => return Err(RefundError::NotRefundable("nothing is due back on this payment")),
    };
    // What was due less what its refunds as money due back have sent or are sending, within
    // what the payment has left (other refunds of an order that was paid count there).
    let due_back_already = sqlx::query_scalar!(
        r#"select coalesce(sum(amount), 0)::bigint as "total!" from refund
           where payment_id = $1 and reason = 'money_due_back' and status not in ('failed', 'cancelled')"#,
        payment_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let amount = (due - due_back_already).min(received - back);
    if amount <= 0 {
        return Err(RefundError::NothingLeft);
    }
    let refund_id = insert(
        &mut tx,
        &NewRefund {
            rail: units.rail,
            decimals: units.decimals,
            order_id: Some(payment.order_id),
            payment_id: Some(payment_id),
            unmatched_payment_id: None,
            asset: &units.asset,
            amount_minor: amount,
            cause: RefundCause::MoneyDueBack,
            detail: Some(&detail),
            requested_by: Some(admin),
            idempotency_key,
            ticket_ids: &[],
            checked_in_override: false,
        },
    )
    .await?;
    let refund = super::refund(&mut *tx, refund_id).await?.ok_or(RefundError::NotFound)?;
    audit(&mut tx, Some(admin), "refund.request", &refund).await?;
    tx.commit().await?;
    Ok((refund, true))
}

/// Asks for the refund of card money for no order of ours. Once per key.
pub async fn request_unmatched(
    db: &PgPool,
    unmatched_payment_id: Uuid,
    admin: Uuid,
    idempotency_key: &str,
) -> Result<(Refund, bool), RefundError> {
    let mut tx = db.begin().await?;
    let unmatched = sqlx::query!(
        r#"select provider, provider_payment_ref, currency, amount_minor from unmatched_payment
           where unmatched_payment_id = $1 for update"#,
        unmatched_payment_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(RefundError::NoSuchPayment)?;
    if let Some(id) = existing(&mut tx, idempotency_key, None, None, Some(unmatched_payment_id)).await? {
        tx.rollback().await?;
        return Ok((super::refund(db, id).await?.ok_or(RefundError::NotFound)?, false));
    }
    if unmatched.provider != "stripe" || unmatched.provider_payment_ref.is_none() {
        return Err(RefundError::NotRefundable(
            "this payment has no card payment reference to refund: refund it at its provider",
        ));
    }
    let back = sqlx::query_scalar!(
        r#"select coalesce(sum(amount), 0)::bigint as "total!" from refund
           where unmatched_payment_id = $1 and status not in ('failed', 'cancelled')"#,
        unmatched_payment_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let amount = unmatched.amount_minor - back;
    if amount <= 0 {
        return Err(RefundError::NothingLeft);
    }
    let currency = unmatched.currency.to_ascii_uppercase();
    let refund_id = insert(
        &mut tx,
        &NewRefund {
            rail: "card",
            decimals: currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent() as i32),
            order_id: None,
            payment_id: None,
            unmatched_payment_id: Some(unmatched_payment_id),
            asset: &currency,
            amount_minor: amount,
            cause: RefundCause::MoneyDueBack,
            detail: Some("unmatched"),
            requested_by: Some(admin),
            idempotency_key,
            ticket_ids: &[],
            checked_in_override: false,
        },
    )
    .await?;
    let refund = super::refund(&mut *tx, refund_id).await?.ok_or(RefundError::NotFound)?;
    audit(&mut tx, Some(admin), "refund.request", &refund).await?;
    tx.commit().await?;
    Ok((refund, true))
}
