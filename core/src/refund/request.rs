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

/// In English for logs; [`RefundError::message`] says it to people, as a sentence.
#[derive(Debug, thiserror::Error)]
pub enum RefundError {
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    NotFound,
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    NoSuchPayment,
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    KeyReused,
    /// Stripe cannot send this amount back exactly: why, said to whoever asked.
    #[error("{0}")]
    NotExact(String),
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    NotPaid(OrderStatus),
    /// The payment cannot go back through Tessera (yet): the message (an id) says why.
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    NotRefundable(&'static str),
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    TooMuch { left: i128 },
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    NothingLeft,
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    ZeroAmount,
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    UnknownTicket(Uuid),
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    AlreadyVoided(String),
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    CheckedIn(String),
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    TicketsNotIssued,
    /// The message (an id) says why.
    #[error("{}", self.message(tessera_i18n::Locale::En))]
    StockTaken(&'static str),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

impl RefundError {
    /// What went wrong, in `locale`, as a sentence.
    pub fn message(&self, locale: tessera_i18n::Locale) -> String {
        use tessera_i18n::{message, message_args};
        match self {
            RefundError::NotFound => message(locale, "error-not-found-order"),
            RefundError::NoSuchPayment => message(locale, "error-not-found-payment"),
            RefundError::KeyReused => message(locale, "error-refund-key-reused"),
            RefundError::NotExact(why) => why.clone(),
            RefundError::NotPaid(status) => message_args(
                locale,
                "error-refund-not-paid",
                [("status", message(locale, status.label_id()).into())],
            ),
            RefundError::NotRefundable(id) | RefundError::StockTaken(id) => message(locale, id),
            RefundError::TooMuch { left } => {
                message_args(locale, "error-refund-too-much", [("left", left.to_string().into())])
            }
            RefundError::NothingLeft => message(locale, "error-refund-nothing-left"),
            RefundError::ZeroAmount => message(locale, "error-refund-zero"),
            RefundError::UnknownTicket(id) => {
                message_args(locale, "error-refund-unknown-ticket", [("ticket", id.to_string().into())])
            }
            RefundError::AlreadyVoided(serial) => {
                message_args(locale, "error-refund-ticket-voided", [("serial", serial.as_str().into())])
            }
            RefundError::CheckedIn(serial) => {
                message_args(locale, "error-refund-checked-in", [("serial", serial.as_str().into())])
            }
            RefundError::TicketsNotIssued => message(locale, "error-refund-not-issued"),
            RefundError::Db(err) => err.to_string(),
        }
    }
}

/// Refuses an amount Stripe cannot send back exactly (a fraction of a zero-decimal currency,
/// a three-decimal amount not a multiple of ten).
fn exact_for_stripe(currency: &str, amount_minor: i64) -> Result<(), RefundError> {
    let currency = currency
        .parse::<crate::money::Currency>()
        .map_err(|err| RefundError::NotExact(err.message(tessera_i18n::current())))?;
    crate::money::stripe::to_stripe(currency, amount_minor)
        .map(|_| ())
        .map_err(|err| RefundError::NotExact(err.message(tessera_i18n::current())))
}

/// What a new refund row holds.
struct NewRefund<'a> {
    /// `card`, `btc` or `eth`; `asset` and `decimals` are the unit of `amount`.
    rail: &'static str,
    decimals: i32,
    order_id: Option<Uuid>,
    payment_id: Option<Uuid>,
    unmatched_payment_id: Option<Uuid>,
    /// Ethereum: the payment log it answers, and where the money goes back.
    eth: Option<&'a EthTarget>,
    asset: &'a str,
    amount: i128,
    cause: RefundCause,
    detail: Option<&'a str>,
    requested_by: Option<Uuid>,
    idempotency_key: &'a str,
    ticket_ids: &'a [Uuid],
    checked_in_override: bool,
}

/// The refund already asked for under `key`, if any; a key used for another order's or
/// payment's refund is an error (the caller reused a key), never that refund's answer.
async fn existing(conn: &mut PgConnection, key: &str, answers: Answers) -> Result<Option<Uuid>, RefundError> {
    let found = sqlx::query!(
        "select refund_id, order_id, payment_id, unmatched_payment_id, eth_receipt_id from refund where idempotency_key = $1",
        key
    )
    .fetch_optional(conn)
    .await?;
    let same = |asked: Option<Uuid>, found: Option<Uuid>| asked.is_none() || asked == found;
    match found {
        None => Ok(None),
        Some(r)
            if same(answers.order_id, r.order_id)
                && same(answers.payment_id, r.payment_id)
                && same(answers.unmatched_payment_id, r.unmatched_payment_id)
                && same(answers.eth_receipt_id, r.eth_receipt_id) =>
        {
            Ok(Some(r.refund_id))
        }
        Some(_) => Err(RefundError::KeyReused),
    }
}

/// What a refund answers, for [`existing`]: the ids a request names (none: any).
#[derive(Debug, Clone, Copy, Default)]
struct Answers {
    order_id: Option<Uuid>,
    payment_id: Option<Uuid>,
    unmatched_payment_id: Option<Uuid>,
    eth_receipt_id: Option<Uuid>,
}

/// An exact decimal from Postgres (`numeric::text`), in the rail's unit; out of range reads as
/// more than any payment received.
fn parse_units(text: &str) -> i128 {
    text.parse().unwrap_or(i128::MAX)
}

/// What the live refunds of a payment (or of an Ethereum payment log) add up to, in the rail's
/// unit.
async fn already_back(
    conn: &mut PgConnection,
    payment_id: Option<Uuid>,
    eth_receipt_id: Option<Uuid>,
) -> sqlx::Result<i128> {
    let total = sqlx::query_scalar!(
        r#"select coalesce(sum(amount), 0)::text as "total!" from refund
           where (payment_id = $1 or eth_receipt_id = $2) and status not in ('failed', 'cancelled')"#,
        payment_id,
        eth_receipt_id
    )
    .fetch_one(conn)
    .await?;
    Ok(parse_units(&total))
}

/// Where an Ethereum refund goes: the payment log it answers, the address that paid, and the
/// token it paid in (the zero address for ETH).
#[derive(Debug, Clone)]
struct EthTarget {
    eth_receipt_id: Uuid,
    to: String,
    token: String,
}

/// The unit a payment's money goes back in, what it received in that unit, and how an amount
/// of the order's currency converts to it.
struct RailUnits {
    rail: &'static str,
    asset: String,
    decimals: i32,
    /// Received, in the rail's unit (minor units for cards, satoshis settled for bitcoin, wei or
    /// token units for Ethereum).
    received: i128,
    /// Crypto: the rate the customer paid at, units of the fiat currency per whole coin (a
    /// positive decimal, exact), and the fiat currency's exponent.
    rate: Option<(String, u32)>,
    /// Ethereum: where the money goes back, and what the quote asked (in the rail's unit), so
    /// that an overpayment's excess goes back exactly.
    eth: Option<EthTarget>,
    quoted: Option<i128>,
}

impl RailUnits {
    /// An amount in minor units of the order's currency, in the rail's unit (rounded down),
    /// exact in Postgres numeric (`div` truncates without rounding first; a rate of 18
    /// decimals times 10^18 wei does not fit 128 bits).
    async fn in_rail_units(&self, conn: &mut PgConnection, minor: i64) -> sqlx::Result<i128> {
        let Some((rate, exponent)) = &self.rate else { return Ok(i128::from(minor)) };
        let units = sqlx::query_scalar!(
            r#"select div($1::bigint::numeric * power(10::numeric, $2::int),
                          nullif($3::text::numeric, 0) * power(10::numeric, $4::int))::text as "units""#,
            minor,
            self.decimals,
            rate,
            i32::try_from(*exponent).unwrap_or(2)
        )
        .fetch_one(conn)
        .await?;
        // A zero rate (never recorded: quotes and invoices refuse it) converts to nothing.
        Ok(units.as_deref().map_or(0, parse_units))
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
            received: i128::from(received_minor),
            rate: None,
            eth: None,
            quoted: None,
        }),
        "btcpay" => {
            refuse_while_unreadable(&mut *conn, provider_ref.unwrap_or_default()).await?;
            let settled = sqlx::query!(
                r#"select coalesce(sum(amount_sat), 0)::bigint as "sats!", min(rate)::text as rate
                   from btc_receipt where provider = 'btcpay' and provider_ref = $1 and status = 'settled'"#,
                provider_ref.unwrap_or_default()
            )
            .fetch_one(conn)
            .await?;
            let rate = settled
                .rate
                .filter(|r| is_decimal(r))
                .ok_or(RefundError::NotRefundable("error-refund-no-btc-output"))?;
            let exponent = currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent());
            Ok(RailUnits {
                rail: "btc",
                asset: "BTC".into(),
                decimals: 8,
                received: i128::from(settled.sats),
                rate: Some((rate, exponent)),
                eth: None,
                quoted: None,
            })
        }
        "ethereum" => {
            // The contract takes one payment per order id: its log, deep enough and applied.
            let paid = sqlx::query!(
                r#"select e.eth_receipt_id, e.payer, e.token, e.amount::text as "amount!", e.status,
                          q.token as quote_token, q.asset, q.decimals, q.rate::text as "rate!",
                          q.amount::text as "quoted!"
                   from eth_receipt e
                   -- The log on the quote's own chain: one naming the order on another chain
                   -- (an orphan there) is not the order's payment.
                   join eth_quote q on q.order_ref = e.order_ref and q.chain_id = e.chain_id
                                   and q.contract = e.contract
                   where e.order_ref = $1 and e.status in ('confirmed', 'reorged') and e.confirmed_at is not null
                   order by e.block_number limit 1"#,
                provider_ref.unwrap_or_default()
            )
            .fetch_optional(conn)
            .await?
            .ok_or(RefundError::NotRefundable(
                "error-refund-no-chain-payment",
            ))?;
            if paid.status != "confirmed" {
                return Err(RefundError::NotRefundable("error-refund-reorged"));
            }
            let (asset, decimals) = if paid.token == paid.quote_token {
                (paid.asset, i32::from(paid.decimals))
            } else if paid.token == ZERO_ADDRESS {
                ("ETH".to_string(), 18)
            } else {
                return Err(RefundError::NotRefundable("error-refund-wrong-token"));
            };
            let rate = Some(paid.rate).filter(|r| is_decimal(r) && paid.token == paid.quote_token);
            let exponent = currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent());
            Ok(RailUnits {
                rail: "eth",
                asset,
                decimals,
                received: parse_units(&paid.amount),
                rate: rate.map(|rate| (rate, exponent)),
                quoted: (paid.token == paid.quote_token).then(|| parse_units(&paid.quoted)),
                eth: Some(EthTarget {
                    eth_receipt_id: paid.eth_receipt_id,
                    to: paid.payer,
                    token: paid.token,
                }),
            })
        }
        _ => Err(RefundError::NotRefundable("error-refund-free-order")),
    }
}

/// Refuses a bitcoin refund while a payment BTCPay reported on the invoice could not be read:
/// what it received is not known in full, and a refund of the rest would come up short.
async fn refuse_while_unreadable(conn: &mut PgConnection, invoice: &str) -> Result<(), RefundError> {
    let unread = sqlx::query_scalar!(
        r#"select exists (select 1 from btc_unreadable_payment where provider_ref = $1 and resolved_at is null)
               as "unread!""#,
        invoice
    )
    .fetch_one(conn)
    .await?;
    if unread {
        return Err(RefundError::NotRefundable("error-refund-unreadable-btc"));
    }
    Ok(())
}

/// The token address of ETH itself in our contract's logs.
const ZERO_ADDRESS: &str = "0x0000000000000000000000000000000000000000";

/// Whether `text` is a plain decimal (`"47500.12"`), as Postgres writes a numeric.
fn is_decimal(text: &str) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

async fn insert(conn: &mut PgConnection, new: &NewRefund<'_>) -> sqlx::Result<Uuid> {
    let refund_id = Uuid::now_v7();
    sqlx::query!(
        r#"insert into refund (refund_id, order_id, payment_id, unmatched_payment_id, rail, asset, decimals, amount,
                               reason, detail, requested_by, idempotency_key, ticket_ids, checked_in_override,
                               eth_receipt_id, eth_to, eth_token)
           values ($1, $2, $3, $4, $13, $5, $14, $6::text::numeric, $7, $8, $9, $10, $11, $12, $15, $16, $17)"#,
        refund_id,
        new.order_id,
        new.payment_id,
        new.unmatched_payment_id,
        new.asset,
        new.amount.to_string(),
        new.cause.as_str(),
        new.detail,
        new.requested_by,
        new.idempotency_key,
        new.ticket_ids,
        new.checked_in_override,
        new.rail,
        new.decimals,
        new.eth.map(|e| e.eth_receipt_id),
        new.eth.map(|e| e.to.as_str()),
        new.eth.map(|e| e.token.as_str())
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
    if let Some(id) = existing(
        &mut tx,
        &ask.idempotency_key,
        Answers { order_id: Some(ask.order_id), ..Answers::default() },
    )
    .await?
    {
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
        return Err(RefundError::NotRefundable("error-refund-free-order"));
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
    let left = units.received - already_back(&mut tx, Some(payment.payment_id), None).await?;
    let tickets = sqlx::query!(
        r#"select ticket_id, serial, price_minor, checked_in_at, voided_at, void_reason from ticket
           where order_id = $1 order by position for update"#,
        ask.order_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let (ticket_ids, amount): (Vec<Uuid>, i128) = match &ask.scope {
        Scope::Order | Scope::Tickets(_) if tickets.is_empty() => return Err(RefundError::TicketsNotIssued),
        // Every ticket still admitting, and those voided while a dispute is open: refunded now,
        // a dispute closing later must not bring them back.
        Scope::Order => (
            tickets
                .iter()
                .filter(|t| t.voided_at.is_none() || t.void_reason.as_deref() == Some("disputed"))
                .map(|t| t.ticket_id)
                .collect(),
            left - units.in_rail_units(&mut tx, ask.fee_minor).await?.clamp(0, left.max(0)),
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
            (chosen, units.in_rail_units(&mut tx, amount).await?)
        }
        Scope::Amount(amount) => (Vec::new(), units.in_rail_units(&mut tx, *amount).await?),
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
        exact_for_stripe(&payment.currency, i64::try_from(amount).unwrap_or(i64::MAX))?;
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
            eth: units.eth.as_ref(),
            asset: &units.asset,
            amount,
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

/// Records a refund an admin asked for, audited, in its transaction, which it commits.
async fn admin_asked(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    admin: Uuid,
    new: &NewRefund<'_>,
) -> Result<(Refund, bool), RefundError> {
    let refund_id = insert(&mut tx, new).await?;
    let refund = super::refund(&mut *tx, refund_id).await?.ok_or(RefundError::NotFound)?;
    audit(&mut tx, Some(admin), "refund.request", &refund).await?;
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
    if let Some(id) =
        existing(&mut tx, idempotency_key, Answers { payment_id: Some(payment_id), ..Answers::default() })
            .await?
    {
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
    let back = already_back(&mut tx, Some(payment_id), None).await?;
    let (due, detail) = match payment.status.as_str() {
        "refund_due" => (received, payment.refund_reason.unwrap_or_else(|| "refund_due".into())),
        "succeeded" if payment.overpaid_minor > 0 => {
            // On chain the excess is exact: what the log brought beyond the quote.
            let excess = match units.quoted {
                Some(quoted) => received - quoted,
                None => units.in_rail_units(&mut tx, payment.overpaid_minor).await?,
            };
            (excess, "overpaid".into())
        }
        _ => return Err(RefundError::NotRefundable("error-refund-nothing-due")),
    };
    // What was due less what its refunds as money due back have sent or are sending, within
    // what the payment has left (other refunds of an order that was paid count there).
    let due_back_already = sqlx::query_scalar!(
        r#"select coalesce(sum(amount), 0)::text as "total!" from refund
           where payment_id = $1 and reason = 'money_due_back' and status not in ('failed', 'cancelled')"#,
        payment_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let amount = (due - parse_units(&due_back_already)).min(received - back);
    if amount <= 0 {
        return Err(RefundError::NothingLeft);
    }
    admin_asked(
        tx,
        admin,
        &NewRefund {
            rail: units.rail,
            decimals: units.decimals,
            order_id: Some(payment.order_id),
            payment_id: Some(payment_id),
            unmatched_payment_id: None,
            eth: units.eth.as_ref(),
            asset: &units.asset,
            amount,
            cause: RefundCause::MoneyDueBack,
            detail: Some(&detail),
            requested_by: Some(admin),
            idempotency_key,
            ticket_ids: &[],
            checked_in_override: false,
        },
    )
    .await
}

/// Asks for the refund of money for no order of ours: card money through Stripe, bitcoin (an
/// invoice of BTCPay's naming no order we have) as a pull payment of what the invoice settled.
/// Once per key.
pub async fn request_unmatched(
    db: &PgPool,
    unmatched_payment_id: Uuid,
    admin: Uuid,
    idempotency_key: &str,
) -> Result<(Refund, bool), RefundError> {
    let mut tx = db.begin().await?;
    let unmatched = sqlx::query!(
        r#"select provider, provider_ref, provider_payment_ref, currency, amount_minor from unmatched_payment
           where unmatched_payment_id = $1 for update"#,
        unmatched_payment_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(RefundError::NoSuchPayment)?;
    if let Some(id) = existing(
        &mut tx,
        idempotency_key,
        Answers { unmatched_payment_id: Some(unmatched_payment_id), ..Answers::default() },
    )
    .await?
    {
        tx.rollback().await?;
        return Ok((super::refund(db, id).await?.ok_or(RefundError::NotFound)?, false));
    }
    let currency = unmatched.currency.to_ascii_uppercase();
    // What it received, in the unit it goes back in.
    let (rail, asset, decimals, received) = match unmatched.provider.as_str() {
        "stripe" if unmatched.provider_payment_ref.is_some() => (
            "card",
            currency.clone(),
            currency.parse::<crate::money::Currency>().map_or(2, |c| c.exponent() as i32),
            i128::from(unmatched.amount_minor),
        ),
        "btcpay" => {
            refuse_while_unreadable(&mut tx, &unmatched.provider_ref).await?;
            let sats = sqlx::query_scalar!(
                r#"select coalesce(sum(amount_sat), 0)::bigint as "sats!" from btc_receipt
                   where provider = 'btcpay' and provider_ref = $1 and status = 'settled'"#,
                unmatched.provider_ref
            )
            .fetch_one(&mut *tx)
            .await?;
            if sats == 0 {
                return Err(RefundError::NotRefundable("error-refund-btc-unsettled"));
            }
            ("btc", "BTC".to_string(), 8, i128::from(sats))
        }
        _ => {
            return Err(RefundError::NotRefundable("error-refund-no-reference"));
        }
    };
    // A webhook and a poll may each have recorded the same money: what went back counts over
    // every record of the provider's payment, under one lock of it.
    sqlx::query!("select pg_advisory_xact_lock(hashtext('refund-unmatched:' || $1))", unmatched.provider_ref)
        .execute(&mut *tx)
        .await?;
    let back = sqlx::query_scalar!(
        r#"select coalesce(sum(f.amount), 0)::text as "total!" from refund f
           join unmatched_payment u using (unmatched_payment_id)
           where u.provider = $1 and u.provider_ref = $2 and f.status not in ('failed', 'cancelled')"#,
        unmatched.provider,
        unmatched.provider_ref
    )
    .fetch_one(&mut *tx)
    .await?;
    let amount = received - parse_units(&back);
    if amount <= 0 {
        return Err(RefundError::NothingLeft);
    }
    admin_asked(
        tx,
        admin,
        &NewRefund {
            rail,
            decimals,
            order_id: None,
            payment_id: None,
            unmatched_payment_id: Some(unmatched_payment_id),
            eth: None,
            asset: &asset,
            amount,
            cause: RefundCause::MoneyDueBack,
            detail: Some("unmatched"),
            requested_by: Some(admin),
            idempotency_key,
            ticket_ids: &[],
            checked_in_override: false,
        },
    )
    .await
}

/// Asks for the refund of money paid to our contract for an order id we never quoted (an
/// orphan), all of it, to the address that paid, in the asset it paid. Once per key.
pub async fn request_eth_orphan(
    db: &PgPool,
    eth_receipt_id: Uuid,
    admin: Uuid,
    idempotency_key: &str,
) -> Result<(Refund, bool), RefundError> {
    let mut tx = db.begin().await?;
    let orphan = sqlx::query!(
        r#"select e.payer, e.token, e.amount::text as "amount!", e.status, e.outcome,
                  case when e.token = $2 then 'ETH' else q.asset end as asset,
                  case when e.token = $2 then 18 else q.decimals::int end as decimals
           from eth_receipt e
           left join lateral (select asset, decimals from eth_quote where token = e.token and chain_id = e.chain_id
                              limit 1) q on true
           where e.eth_receipt_id = $1
           for update of e"#,
        eth_receipt_id,
        ZERO_ADDRESS
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(RefundError::NoSuchPayment)?;
    let answers = Answers { eth_receipt_id: Some(eth_receipt_id), ..Answers::default() };
    if let Some(id) = existing(&mut tx, idempotency_key, answers).await? {
        tx.rollback().await?;
        return Ok((super::refund(db, id).await?.ok_or(RefundError::NotFound)?, false));
    }
    if orphan.status != "confirmed" || orphan.outcome.as_deref() != Some("orphan") {
        return Err(RefundError::NotRefundable("error-refund-not-stray"));
    }
    let (Some(asset), Some(decimals)) = (orphan.asset, orphan.decimals) else {
        return Err(RefundError::NotRefundable("error-refund-unknown-token"));
    };
    let amount = parse_units(&orphan.amount) - already_back(&mut tx, None, Some(eth_receipt_id)).await?;
    if amount <= 0 {
        return Err(RefundError::NothingLeft);
    }
    let target = EthTarget { eth_receipt_id, to: orphan.payer, token: orphan.token };
    admin_asked(
        tx,
        admin,
        &NewRefund {
            rail: "eth",
            decimals,
            order_id: None,
            payment_id: None,
            unmatched_payment_id: None,
            eth: Some(&target),
            asset: &asset,
            amount,
            cause: RefundCause::MoneyDueBack,
            detail: Some("orphan"),
            requested_by: Some(admin),
            idempotency_key,
            ticket_ids: &[],
            checked_in_override: false,
        },
    )
    .await
}
