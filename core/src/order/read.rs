//! Reading orders: one order for its owner, a customer's orders, and the payments admins must
//! refund.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use super::{Order, OrderEvent, OrderItem, OrderStatus, Payment, PaymentStatus};

struct OrderRow {
    order_id: Uuid,
    account_id: Uuid,
    status: String,
    status_reason: String,
    payment_method: String,
    currency: String,
    total_minor: i64,
    expires_at: DateTime<Utc>,
    payment_detected: bool,
    paid_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    event_id: Uuid,
    slug: String,
    title: String,
    language: String,
    title_translations: serde_json::Value,
    starts_at: DateTime<Utc>,
    timezone: String,
    venue_name: String,
    city: String,
    items: serde_json::Value,
    payment: Option<serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct PaymentJson {
    payment_id: Uuid,
    provider: String,
    provider_ref: Option<String>,
    redirect_url: Option<String>,
    #[serde(default)]
    payment_request: Option<String>,
    status: String,
    amount_minor: i64,
    received_minor: Option<i64>,
    #[serde(default)]
    seen_minor: Option<i64>,
    #[serde(default)]
    overpaid_minor: i64,
    refund_reason: Option<String>,
}

impl TryFrom<OrderRow> for Order {
    type Error = sqlx::Error;

    fn try_from(row: OrderRow) -> Result<Self, Self::Error> {
        let decode = |err: String| sqlx::Error::Decode(err.into());
        let payment = match row.payment {
            None => None,
            Some(json) => {
                let p: PaymentJson = serde_json::from_value(json).map_err(|e| decode(e.to_string()))?;
                Some(Payment {
                    id: p.payment_id,
                    provider: p.provider,
                    provider_ref: p.provider_ref,
                    redirect_url: p.redirect_url,
                    payment_request: p.payment_request,
                    status: p.status.parse::<PaymentStatus>().map_err(decode)?,
                    amount_minor: p.amount_minor,
                    received_minor: p.received_minor,
                    seen_minor: p.seen_minor,
                    overpaid_minor: p.overpaid_minor,
                    refund_reason: p.refund_reason,
                })
            }
        };
        Ok(Order {
            id: row.order_id,
            account_id: row.account_id,
            status: row.status.parse::<OrderStatus>().map_err(decode)?,
            status_reason: row.status_reason,
            payment_method: row.payment_method.parse().map_err(decode)?,
            currency: row.currency,
            total_minor: row.total_minor,
            expires_at: row.expires_at,
            payment_detected: row.payment_detected,
            paid_at: row.paid_at,
            created_at: row.created_at,
            event: OrderEvent {
                id: row.event_id,
                slug: row.slug,
                title: row.title,
                language: row.language,
                translations: serde_json::from_value(row.title_translations)
                    .map_err(|e| decode(e.to_string()))?,
                starts_at: row.starts_at,
                timezone: row.timezone,
                venue_name: row.venue_name,
                city: row.city,
            },
            items: serde_json::from_value::<Vec<OrderItem>>(row.items).map_err(|e| decode(e.to_string()))?,
            payment,
        })
    }
}

/// The order, if it belongs to `account_id`: others' orders do not exist for them.
pub async fn order_for_account(
    db: impl PgExecutor<'_>,
    order_id: Uuid,
    account_id: Uuid,
) -> sqlx::Result<Option<Order>> {
    Ok(orders(db, Some(account_id), Some(order_id), 1).await?.pop())
}

/// Any order, for admins.
pub async fn order_by_id(db: impl PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Option<Order>> {
    Ok(orders(db, None, Some(order_id), 1).await?.pop())
}

/// A customer's orders, newest first, for their account page.
pub async fn orders_of_account(
    db: impl PgExecutor<'_>,
    account_id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<Order>> {
    orders(db, Some(account_id), None, limit).await
}

/// The account's orders (or the one of them asked for), newest first, with their items and
/// latest payment.
async fn orders(
    db: impl PgExecutor<'_>,
    account_id: Option<Uuid>,
    order_id: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Order>> {
    let rows = sqlx::query_as!(
        OrderRow,
        r#"select o.order_id, o.account_id, o.status, o.status_reason, o.payment_method, o.currency,
                  o.total_minor, o.expires_at, o.payment_detected, o.paid_at, o.created_at,
                  e.event_id, e.slug, e.title, e.language, e.starts_at, e.timezone, e.venue_name, e.city,
                  (select coalesce(json_object_agg(t.language, t.title), '{}')
                   from event_translation t where t.event_id = e.event_id) as "title_translations!",
                  (select json_agg(json_build_object(
                              'ticket_type_id', i.ticket_type_id, 'name', i.ticket_type_name,
                              'unit_price_minor', i.unit_price_minor, 'quantity', i.quantity,
                              'translations', (select coalesce(json_object_agg(t.language, t.name), '{}')
                                               from ticket_type_translation t
                                               where t.ticket_type_id = i.ticket_type_id))
                          order by i.ticket_type_name)
                   from order_item i where i.order_id = o.order_id) as "items!",
                  (select to_json(p) from (
                       select payment_id, provider, provider_ref, redirect_url, payment_request, status, amount_minor,
                              received_minor, seen_minor, overpaid_minor, refund_reason
                       from payment where order_id = o.order_id
                       order by created_at desc limit 1) p) as "payment?"
           from customer_order o join event e using (event_id)
           where ($1::uuid is null or o.account_id = $1) and ($2::uuid is null or o.order_id = $2)
           order by o.created_at desc
           limit $3"#,
        account_id,
        order_id,
        limit
    )
    .fetch_all(db)
    .await?;
    rows.into_iter().map(Order::try_from).collect()
}

/// Money received that must go back to the customer, for admins.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RefundDue {
    pub payment_id: Uuid,
    pub order_id: Uuid,
    pub order_status: String,
    pub customer_email: String,
    pub event_title: String,
    pub provider: String,
    /// The checkout (Checkout Session id).
    pub provider_ref: Option<String>,
    /// The money movement (PaymentIntent id): refund this.
    pub provider_payment_ref: Option<String>,
    pub currency: String,
    /// What is due back: the whole payment, or for `overpaid` the excess only.
    pub received_minor: i64,
    /// `sold_out_after_expiry`, `event_closed`, `order_closed`, `duplicate_payment`,
    /// `amount_mismatch`, `wrong_rail` (paid by another method than the order's),
    /// `partial_payment` (too little, too late: all of it back) or `overpaid` (the order is
    /// paid; the excess goes back).
    #[serde(rename = "reason")]
    pub refund_reason: String,
    pub received_at: DateTime<Utc>,
    /// What its refunds have sent back or are sending, in their unit: minor units, satoshis
    /// for bitcoin, the asset's base units for Ethereum (at most 2⁶³−1).
    pub refunding_minor: i64,
    /// The state of its latest refund, if one was asked for.
    pub refund_status: Option<String>,
}

/// Payments with money due back that has not all gone back yet, newest first, `limit` at a
/// time, received before `before` (the last row's `received_at` and `payment_id`).
pub async fn refunds_due(
    db: impl PgExecutor<'_>,
    before: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<RefundDue>> {
    sqlx::query_as!(
        RefundDue,
        r#"select p.payment_id, p.order_id, o.status as order_status, a.email as customer_email,
                  e.title as event_title, p.provider, p.provider_ref, p.provider_payment_ref, p.currency,
                  (case when p.status = 'refund_due' then p.received_minor else p.overpaid_minor end)
                      as "received_minor!",
                  (case when p.status = 'refund_due' then p.refund_reason else 'overpaid' end) as "refund_reason!",
                  p.received_at as "received_at!",
                  least(coalesce(r.live, 0), 9223372036854775807)::bigint as "refunding_minor!",
                  r.latest as refund_status
           from payment p
           join customer_order o using (order_id)
           join account a using (account_id)
           join event e on e.event_id = o.event_id
           left join lateral (
               select sum(amount) filter (where status not in ('failed', 'cancelled')) as live,
                      sum(amount) filter (where status = 'succeeded') as done,
                      (array_agg(status order by created_at desc))[1] as latest
               from refund where payment_id = p.payment_id
                 and (p.status = 'refund_due' or reason = 'money_due_back')
           ) r on true
           -- What is due, in the unit its refunds count in: satoshis for bitcoin (all the invoice
           -- settled, or the excess at the invoice's rate), the log's base units for Ethereum
           -- (all of it, or what it brought beyond the quote), minor units else.
           left join lateral (
               select coalesce(sum(b.amount_sat), 0) as sats, min(b.rate) as rate from btc_receipt b
               where p.provider = 'btcpay' and b.provider = 'btcpay' and b.provider_ref = p.provider_ref
                 and b.status = 'settled'
           ) btc on true
           left join lateral (
               select coalesce(sum(x.amount), 0) as base_units, min(q.amount) as quoted from eth_receipt x
               left join eth_quote q on q.order_ref = x.order_ref and q.token = x.token and q.chain_id = x.chain_id
               where p.provider = 'ethereum' and x.order_ref = p.provider_ref and x.order_id = p.order_id
                 and x.status = 'confirmed'
           ) eth on true
           where (p.status = 'refund_due' or (p.status = 'succeeded' and p.overpaid_minor > 0))
             and coalesce(r.done, 0) < (case
                 -- No settled output recorded (yet): listed while nothing went back.
                 when p.provider = 'btcpay' and p.status = 'refund_due' then greatest(btc.sats, 1)
                 when p.provider = 'btcpay' then coalesce(floor(p.overpaid_minor::numeric
                     / power(10, currency_exponent(p.currency)) * 100000000 / nullif(btc.rate, 0)), 1)
                 when p.provider = 'ethereum' and p.status = 'refund_due' then greatest(eth.base_units, 1)
                 when p.provider = 'ethereum' then greatest(eth.base_units - coalesce(eth.quoted, 0), 1)
                 when p.status = 'refund_due' then p.received_minor
                 else p.overpaid_minor end)
             and ($1::timestamptz is null or (p.received_at, p.payment_id) < ($1, $2))
           order by p.received_at desc, p.payment_id desc
           limit $3"#,
        before.map(|(at, _)| at),
        before.map(|(_, id)| id).unwrap_or_default(),
        limit
    )
    .fetch_all(db)
    .await
}

/// Money collected for an order we do not have, for admins.
#[derive(Debug, Clone, serde::Serialize)]
pub struct UnmatchedPayment {
    #[serde(rename = "unmatched_payment_id")]
    pub id: Uuid,
    pub provider: String,
    pub provider_event_id: String,
    pub provider_ref: String,
    /// Refund this (a PaymentIntent id).
    pub provider_payment_ref: Option<String>,
    /// The order reference the provider sent, verbatim.
    pub claimed_order_ref: Option<String>,
    pub currency: String,
    pub amount_minor: i64,
    #[serde(rename = "received_at")]
    pub created_at: DateTime<Utc>,
    /// What its refunds have sent back or are sending, in their unit: minor units, satoshis for
    /// bitcoin (0 when recording it).
    pub refunding_minor: i64,
    /// The state of its latest refund, if one was asked for.
    pub refund_status: Option<String>,
}

/// Money for orders we do not have that has not all gone back yet, newest first, `limit` at a
/// time, received before `before`.
pub async fn unmatched_payments(
    db: impl PgExecutor<'_>,
    before: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> sqlx::Result<Vec<UnmatchedPayment>> {
    sqlx::query_as!(
        UnmatchedPayment,
        r#"select u.unmatched_payment_id as id, u.provider, u.provider_event_id, u.provider_ref, u.provider_payment_ref,
                  u.claimed_order_ref, u.currency, u.amount_minor, u.created_at,
                  coalesce(r.live, 0)::bigint as "refunding_minor!", r.latest as refund_status
           from unmatched_payment u
           -- The refunds of the provider's payment, whichever record of it they were asked from
           -- (a webhook and a poll may each have recorded it); only its first record is listed.
           left join lateral (
               select sum(f.amount) filter (where f.status not in ('failed', 'cancelled')) as live,
                      sum(f.amount) filter (where f.status = 'succeeded') as done,
                      (array_agg(f.status order by f.created_at desc))[1] as latest
               from refund f join unmatched_payment x using (unmatched_payment_id)
               where x.provider = u.provider and x.provider_ref = u.provider_ref
           ) r on true
           -- Listed until all of it went back, in the unit its refunds count in: satoshis settled
           -- for bitcoin (listed while none is recorded), minor units for cards.
           where coalesce(r.done, 0) < case when u.provider = 'btcpay'
                   then greatest((select coalesce(sum(b.amount_sat), 0) from btc_receipt b
                                  where b.provider = 'btcpay' and b.provider_ref = u.provider_ref
                                    and b.status = 'settled'), 1)
                   else u.amount_minor end
             and not exists (select 1 from unmatched_payment o
                             where o.provider = u.provider and o.provider_ref = u.provider_ref
                               and (o.created_at, o.unmatched_payment_id) < (u.created_at, u.unmatched_payment_id))
             and ($1::timestamptz is null or (u.created_at, u.unmatched_payment_id) < ($1, $2))
           order by u.created_at desc, u.unmatched_payment_id desc limit $3"#,
        before.map(|(at, _)| at),
        before.map(|(_, id)| id).unwrap_or_default(),
        limit
    )
    .fetch_all(db)
    .await
}

/// Records money a provider collected for an order we do not have. Idempotent per provider
/// event.
pub async fn record_unmatched_payment(
    db: impl PgExecutor<'_>,
    payment: &UnmatchedPayment,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"insert into unmatched_payment
               (unmatched_payment_id, provider, provider_event_id, provider_ref, provider_payment_ref,
                claimed_order_ref, currency, amount_minor)
           values ($1, $2, $3, $4, $5, $6, $7, $8)
           on conflict (provider, provider_event_id) do nothing"#,
        payment.id,
        payment.provider,
        payment.provider_event_id,
        payment.provider_ref,
        payment.provider_payment_ref,
        payment.claimed_order_ref,
        payment.currency,
        payment.amount_minor,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// A payment attempt of an order, for admins.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PaymentRow {
    pub payment_id: Uuid,
    pub provider: String,
    /// The checkout or invoice.
    pub provider_ref: Option<String>,
    /// The money movement (a PaymentIntent id).
    pub provider_payment_ref: Option<String>,
    pub status: String,
    pub currency: String,
    pub amount_minor: i64,
    pub received_minor: Option<i64>,
    pub overpaid_minor: i64,
    pub refund_reason: Option<String>,
    pub received_at: Option<DateTime<Utc>>,
    /// A dispute with the customer's bank: its id and Stripe's status for it.
    pub dispute_ref: Option<String>,
    pub dispute_status: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Every payment attempt of an order, oldest first.
pub async fn payments_of_order(db: impl PgExecutor<'_>, order_id: Uuid) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as!(
        PaymentRow,
        r#"select payment_id, provider, provider_ref, provider_payment_ref, status, currency, amount_minor,
                  received_minor, overpaid_minor, refund_reason, received_at, dispute_ref, dispute_status, created_at
           from payment where order_id = $1 order by created_at"#,
        order_id
    )
    .fetch_all(db)
    .await
}
