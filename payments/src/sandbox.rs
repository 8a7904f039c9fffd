//! The card sandbox: plays Stripe's part when no Stripe keys are configured, so the demo and
//! the tests run the production path (signature checks, inbox, transitions) end to end.
//!
//! It keeps its sessions in Redis for at most a day, as Stripe keeps them (none of our tables
//! holds them: they belong to the pretend provider), shows a hosted checkout page (the api's
//! `/sandbox/checkout/{id}`, labelled as a sandbox), and turns the buttons on that page into
//! the events Stripe would send, signed with the webhook secret: paying, declining,
//! abandoning, and after payment a dispute (opened, then won or lost) and a refund made in
//! "Stripe's dashboard". It refunds as Stripe does (never more than the charge, once per
//! idempotency key) and announces each refund with `refund.created` and `charge.refunded`.
//! Amounts are in Stripe's units, as Stripe's are. It is never used when real keys are set.

use chrono::Utc;
use futures::future::BoxFuture;
use redis::AsyncCommands as _;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tessera_core::redis_conn::Redis;
use url::Url;

use crate::stripe::event::{
    ASYNC_PAYMENT_FAILED, CHARGE_REFUNDED, CHECKOUT_COMPLETED, CHECKOUT_EXPIRED, DISPUTE_CLOSED,
    DISPUTE_CREATED, REFUND_CREATED,
};
use crate::stripe::{API_VERSION, card_currency, signature};
use crate::{
    CardRefund, CardRefundRequest, CardRefunds, CheckoutProvider, CheckoutRequest, CheckoutSession,
    ExpireOutcome, PaymentError,
};

pub struct SandboxCheckout {
    redis: Redis,
    /// Our own public URL; the hosted page lives under it.
    public_url: Url,
    /// What its events are signed with.
    webhook_secret: String,
}

/// A sandbox session as its hosted page shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SandboxSession {
    pub id: String,
    pub client_reference_id: String,
    /// `open`, `complete` or `expired`.
    pub status: String,
    /// `unpaid` or `paid`.
    pub payment_status: String,
    pub amount_total: i64,
    /// Lower case, as Stripe writes it.
    pub currency: String,
    pub customer_email: String,
    pub line_items: serde_json::Value,
    pub success_url: String,
    pub cancel_url: String,
    /// Once paid: the payment intent and its charge.
    #[serde(default)]
    pub payment_intent: Option<String>,
    #[serde(default)]
    pub charge: Option<String>,
    /// Refunded so far, in Stripe's units.
    #[serde(default)]
    pub amount_refunded: i64,
    /// A dispute of the payment, and its status.
    #[serde(default)]
    pub dispute: Option<String>,
    #[serde(default)]
    pub dispute_status: Option<String>,
    /// What the session was created to offer (`["card"]`); empty: the account's dynamic list.
    #[serde(default)]
    pub payment_method_types: Vec<String>,
}

/// Sessions live as long as Stripe's at most.
const SESSION_TTL_SECS: u64 = 24 * 3600;

fn session_key(id: &str) -> String {
    format!("sandbox:checkout:{id}")
}

fn idempotency_key(key: &str) -> String {
    format!("sandbox:checkout-key:{key}")
}

/// Creates the session unless one was made with this idempotency key; returns its id.
const CREATE: &str = r"
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
return ARGV[1]
";

/// Moves an open session to ARGV[1]/ARGV[2] (paid with payment intent ARGV[3] and charge
/// ARGV[4], when not empty, indexed by KEYS[2]); returns whether it moved and the session as
/// it now is (empty when there is none). Keeps the session's remaining lifetime.
const TRANSITION: &str = r"
local raw = redis.call('GET', KEYS[1])
if not raw then return {0, ''} end
local session = cjson.decode(raw)
if session.status ~= 'open' then return {0, raw} end
session.status = ARGV[1]
session.payment_status = ARGV[2]
if ARGV[3] ~= '' then
  session.payment_intent = ARGV[3]
  session.charge = ARGV[4]
  redis.call('SET', KEYS[2], session.id, 'EX', ARGV[5])
end
local updated = cjson.encode(session)
redis.call('SET', KEYS[1], updated, 'KEEPTTL')
return {1, updated}
";

/// Refunds ARGV[2] (Stripe units) of the payment intent indexed by KEYS[2] as refund ARGV[1],
/// unless a refund was made under the idempotency key KEYS[1] (then that one is returned).
/// Returns {'1', refund json, session json} or {'0', error message}.
const REFUND: &str = r"
if KEYS[1] ~= '' then
  local existing = redis.call('GET', KEYS[1])
  if existing then
    local r = cjson.decode(existing)
    return {'1', existing, redis.call('GET', 'sandbox:checkout:' .. r.session) or ''}
  end
end
local sid = redis.call('GET', KEYS[2])
if not sid then return {'0', 'No such payment_intent'} end
local skey = 'sandbox:checkout:' .. sid
local raw = redis.call('GET', skey)
if not raw then return {'0', 'No such payment_intent'} end
local session = cjson.decode(raw)
local amount = tonumber(ARGV[2])
if amount == nil then amount = session.amount_total - (session.amount_refunded or 0) end
if amount <= 0 then return {'0', 'Charge has already been refunded.'} end
if (session.amount_refunded or 0) + amount > session.amount_total then
  return {'0', 'Refund amount is greater than unrefunded amount on charge'}
end
session.amount_refunded = (session.amount_refunded or 0) + amount
local updated = cjson.encode(session)
redis.call('SET', skey, updated, 'KEEPTTL')
local refund = cjson.encode({id = ARGV[1], amount = amount, session = sid, metadata = ARGV[3]})
if KEYS[1] ~= '' then redis.call('SET', KEYS[1], refund, 'EX', ARGV[4]) end
return {'1', refund, updated}
";

/// Opens (ARGV[1] = the dispute id) or closes (ARGV[1] empty) a paid session's dispute with
/// status ARGV[2]; returns the session, or empty when it cannot.
const DISPUTE: &str = r"
local raw = redis.call('GET', KEYS[1])
if not raw then return '' end
local session = cjson.decode(raw)
if session.payment_status ~= 'paid' then return '' end
local disputed = session.dispute ~= nil and session.dispute ~= cjson.null
if ARGV[1] ~= '' then
  if disputed then return '' end
  session.dispute = ARGV[1]
else
  if not disputed or session.dispute_status == 'won' or session.dispute_status == 'lost' then return '' end
end
session.dispute_status = ARGV[2]
local updated = cjson.encode(session)
redis.call('SET', KEYS[1], updated, 'KEEPTTL')
return updated
";

fn payment_intent_key(payment_intent: &str) -> String {
    format!("sandbox:checkout-pi:{payment_intent}")
}

fn refund_key(key: &str) -> String {
    format!("sandbox:refund-key:{key}")
}

/// What the customer did on the hosted page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SandboxAction {
    /// Paid by card: `checkout.session.completed`, paid.
    Pay,
    /// A bank debit that the bank then refused: `checkout.session.completed` (unpaid), then
    /// `checkout.session.async_payment_failed`.
    Decline,
    /// Left without paying: the session expires, `checkout.session.expired`.
    Abandon,
}

/// What happens to a paid session afterwards, outside Tessera.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SandboxAfterward {
    /// The customer disputes the payment with their bank: `charge.dispute.created`.
    Dispute,
    /// The bank closes the dispute for the shop, or for the customer: `charge.dispute.closed`.
    DisputeWon,
    DisputeLost,
    /// Someone refunds what is left in Stripe's dashboard: `refund.created`, `charge.refunded`.
    DashboardRefund,
}

/// A webhook delivery, signed as Stripe signs it.
#[derive(Debug, Clone)]
pub struct SignedEvent {
    pub body: String,
    pub signature: String,
}

impl SandboxCheckout {
    pub fn new(redis: Redis, public_url: Url, webhook_secret: String) -> Self {
        Self { redis, public_url, webhook_secret }
    }

    fn sign(&self, body: &serde_json::Value) -> SignedEvent {
        let body = body.to_string();
        let signature = signature::sign(body.as_bytes(), &self.webhook_secret, Utc::now().timestamp());
        SignedEvent { body, signature }
    }

    pub async fn session(&self, id: &str) -> redis::RedisResult<Option<SandboxSession>> {
        let raw: Option<String> = self.redis.connection().await?.get(session_key(id)).await?;
        Ok(raw.and_then(|raw| serde_json::from_str(&raw).ok()))
    }

    /// Moves an open session to `status`; returns it, and whether it moved.
    async fn transition(
        &self,
        id: &str,
        status: &str,
        payment_status: &str,
        payment_intent: Option<&str>,
    ) -> redis::RedisResult<Option<(SandboxSession, bool)>> {
        let (moved, raw): (i64, String) = redis::Script::new(TRANSITION)
            .key(session_key(id))
            .key(payment_intent_key(payment_intent.unwrap_or("none")))
            .arg(status)
            .arg(payment_status)
            .arg(payment_intent.unwrap_or_default())
            .arg(payment_intent.map(|pi| pi.replacen("pi_", "ch_", 1)).unwrap_or_default())
            .arg(SESSION_TTL_SECS)
            .invoke_async(&mut self.redis.connection().await?)
            .await?;
        // An empty answer: no such session (or past its lifetime).
        Ok(serde_json::from_str(&raw).ok().map(|session| (session, moved == 1)))
    }

    /// Applies the customer's choice to an open session and returns the events Stripe would
    /// send for it, signed, and where the browser goes next. `None` when the session is not
    /// open any more.
    pub async fn act(
        &self,
        id: &str,
        action: SandboxAction,
    ) -> redis::RedisResult<Option<(Vec<SignedEvent>, String)>> {
        let (status, payment_status) = match action {
            SandboxAction::Pay => ("complete", "paid"),
            SandboxAction::Decline => ("complete", "unpaid"),
            SandboxAction::Abandon => ("expired", "unpaid"),
        };
        let payment_intent =
            (action != SandboxAction::Abandon).then(|| format!("pi_sandbox_{}", random_id()));
        let Some((session, true)) =
            self.transition(id, status, payment_status, payment_intent.as_deref()).await?
        else {
            return Ok(None);
        };
        let kinds: &[&str] = match action {
            SandboxAction::Pay => &[CHECKOUT_COMPLETED],
            SandboxAction::Decline => &[CHECKOUT_COMPLETED, ASYNC_PAYMENT_FAILED],
            SandboxAction::Abandon => &[CHECKOUT_EXPIRED],
        };
        let events = kinds.iter().map(|kind| self.sign(&event_body(kind, &session))).collect();
        let next = if action == SandboxAction::Abandon { session.cancel_url } else { session.success_url };
        Ok(Some((events, next)))
    }

    /// Plays what happens to a paid session afterwards; returns the signed events, or `None`
    /// when the session is not in a state for it (unpaid, already disputed, fully refunded).
    pub async fn afterward(
        &self,
        id: &str,
        what: SandboxAfterward,
    ) -> Result<Option<Vec<SignedEvent>>, PaymentError> {
        let unavailable = |err: redis::RedisError| PaymentError::Unavailable(format!("sandbox: {err}"));
        let dispute = |dispute_id: String, status: &'static str| async move {
            let raw: String = redis::Script::new(DISPUTE)
                .key(session_key(id))
                .arg(dispute_id)
                .arg(status)
                .invoke_async(&mut self.redis.connection().await?)
                .await?;
            Ok::<_, redis::RedisError>(serde_json::from_str::<SandboxSession>(&raw).ok())
        };
        let session = match what {
            SandboxAfterward::Dispute => {
                dispute(format!("dp_sandbox_{}", random_id()), "needs_response").await.map_err(unavailable)?
            }
            SandboxAfterward::DisputeWon => dispute(String::new(), "won").await.map_err(unavailable)?,
            SandboxAfterward::DisputeLost => dispute(String::new(), "lost").await.map_err(unavailable)?,
            SandboxAfterward::DashboardRefund => {
                let Some(session) = self.session(id).await.map_err(unavailable)? else { return Ok(None) };
                let Some(payment_intent) = session.payment_intent.as_deref() else { return Ok(None) };
                return match self.refund_at_stripe(payment_intent, None, None, None).await {
                    Ok((refund, session)) => Ok(Some(self.refund_events(&refund, &session))),
                    Err(PaymentError::Rejected(_)) => Ok(None),
                    Err(err) => Err(err),
                };
            }
        };
        let Some(session) = session else { return Ok(None) };
        let kind = if what == SandboxAfterward::Dispute { DISPUTE_CREATED } else { DISPUTE_CLOSED };
        Ok(Some(vec![self.sign(&dispute_event(kind, &session))]))
    }

    /// Refunds `amount` (Stripe units; all that is left when `None`) of a payment intent, once
    /// per idempotency key; returns the Refund object and the session after it.
    async fn refund_at_stripe(
        &self,
        payment_intent: &str,
        amount: Option<i64>,
        idempotency_key: Option<&str>,
        refund_id: Option<uuid::Uuid>,
    ) -> Result<(serde_json::Value, SandboxSession), PaymentError> {
        let unavailable = |err: redis::RedisError| PaymentError::Unavailable(format!("sandbox: {err}"));
        let reply: Vec<String> = redis::Script::new(REFUND)
            .key(idempotency_key.map(refund_key).unwrap_or_default())
            .key(payment_intent_key(payment_intent))
            .arg(format!("re_sandbox_{}", random_id()))
            .arg(amount.map(|a| a.to_string()).unwrap_or_default())
            .arg(refund_id.map(|id| id.to_string()).unwrap_or_default())
            .arg(SESSION_TTL_SECS)
            .invoke_async(&mut self.redis.connection().await.map_err(unavailable)?)
            .await
            .map_err(unavailable)?;
        match reply.as_slice() {
            [ok, refund, session] if ok == "1" => {
                let refund: serde_json::Value =
                    serde_json::from_str(refund).map_err(|err| PaymentError::Unavailable(err.to_string()))?;
                let session: SandboxSession = serde_json::from_str(session)
                    .map_err(|err| PaymentError::Unavailable(err.to_string()))?;
                Ok((refund_object(&refund, &session), session))
            }
            [_, message, ..] => Err(PaymentError::Rejected(message.clone())),
            _ => Err(PaymentError::Unavailable("sandbox: unreadable refund".into())),
        }
    }

    /// What Stripe sends about a refund: `refund.created` and `charge.refunded`, signed.
    fn refund_events(&self, refund: &serde_json::Value, session: &SandboxSession) -> Vec<SignedEvent> {
        vec![
            self.sign(&envelope(REFUND_CREATED, refund.clone())),
            self.sign(&envelope(CHARGE_REFUNDED, charge_object(session, refund))),
        ]
    }

    /// Refunds as Stripe would, and returns the events it sends about it (which the api
    /// delivers to our webhook, as for checkouts).
    pub async fn refund_with_events(
        &self,
        request: &CardRefundRequest,
    ) -> Result<(CardRefund, Vec<SignedEvent>), PaymentError> {
        let currency = card_currency(&request.currency)?;
        let amount = tessera_core::money::stripe::to_stripe(currency, request.amount_minor)
            .map_err(|err| PaymentError::Rejected(err.to_string()))?;
        let (refund, session) = self
            .refund_at_stripe(
                &request.payment_intent,
                Some(amount),
                Some(&request.idempotency_key()),
                Some(request.refund_id),
            )
            .await?;
        let object: crate::stripe::event::RefundObject = serde_json::from_value(refund.clone())
            .map_err(|err| PaymentError::Unavailable(err.to_string()))?;
        Ok((CardRefund::from_stripe(&object), self.refund_events(&refund, &session)))
    }
}

impl CardRefunds for SandboxCheckout {
    fn refund<'a>(
        &'a self,
        request: &'a CardRefundRequest,
    ) -> BoxFuture<'a, Result<CardRefund, PaymentError>> {
        Box::pin(async move { self.refund_with_events(request).await.map(|(refund, _)| refund) })
    }
}

fn envelope(kind: &str, object: serde_json::Value) -> serde_json::Value {
    json!({
        "id": format!("evt_sandbox_{}", random_id()),
        "object": "event",
        "api_version": API_VERSION,
        "created": Utc::now().timestamp(),
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": null, "idempotency_key": null},
        "type": kind,
        "data": { "object": object }
    })
}

/// A Refund object, in the shape of Stripe's own example (`fixtures3.json`).
fn refund_object(refund: &serde_json::Value, session: &SandboxSession) -> serde_json::Value {
    let metadata = match refund["metadata"].as_str() {
        Some(id) if !id.is_empty() => json!({"refund_id": id, "order_id": session.client_reference_id}),
        _ => json!({}),
    };
    json!({
        "id": refund["id"],
        "object": "refund",
        "amount": refund["amount"],
        "balance_transaction": null,
        "charge": session.charge,
        "created": Utc::now().timestamp(),
        "currency": session.currency,
        "destination_details": {"card": {"type": "refund"}, "type": "card"},
        "metadata": metadata,
        "payment_intent": session.payment_intent,
        "reason": null,
        "receipt_number": null,
        "source_transfer_reversal": null,
        "status": "succeeded",
        "transfer_reversal": null,
    })
}

/// The session's Charge object, with the refund just made in its `refunds` list.
fn charge_object(session: &SandboxSession, refund: &serde_json::Value) -> serde_json::Value {
    json!({
        "id": session.charge,
        "object": "charge",
        "amount": session.amount_total,
        "amount_captured": session.amount_total,
        "amount_refunded": session.amount_refunded,
        "captured": true,
        "currency": session.currency,
        "disputed": session.dispute.is_some(),
        "livemode": false,
        "metadata": {"order_id": session.client_reference_id},
        "paid": true,
        "payment_intent": session.payment_intent,
        "refunded": session.amount_refunded >= session.amount_total,
        "refunds": {"object": "list", "data": [refund], "has_more": false,
                    "url": format!("/v1/charges/{}/refunds", session.charge.as_deref().unwrap_or_default())},
        "status": "succeeded",
    })
}

/// A `charge.dispute.*` event about the session's dispute.
fn dispute_event(kind: &str, session: &SandboxSession) -> serde_json::Value {
    envelope(
        kind,
        json!({
            "id": session.dispute,
            "object": "dispute",
            "amount": session.amount_total,
            "balance_transactions": [],
            "charge": session.charge,
            "created": Utc::now().timestamp(),
            "currency": session.currency,
            "is_charge_refundable": session.dispute_status.as_deref() != Some("lost"),
            "livemode": false,
            "metadata": {},
            "payment_intent": session.payment_intent,
            "reason": "general",
            "status": session.dispute_status,
        }),
    )
}

/// A Stripe `Event` around the session, as Stripe shapes it.
pub fn event_body(kind: &str, session: &SandboxSession) -> serde_json::Value {
    envelope(
        kind,
        json!({
            "id": session.id,
            "object": "checkout.session",
            "client_reference_id": session.client_reference_id,
            "status": session.status,
            "payment_status": session.payment_status,
            "amount_total": session.amount_total,
            "currency": session.currency,
            "customer_email": session.customer_email,
            "payment_intent": session.payment_intent,
            "metadata": { "order_id": session.client_reference_id },
            "mode": "payment",
        }),
    )
}

fn random_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

impl CheckoutProvider for SandboxCheckout {
    fn create<'a>(
        &'a self,
        request: &'a CheckoutRequest,
    ) -> BoxFuture<'a, Result<CheckoutSession, PaymentError>> {
        Box::pin(async move {
            let unavailable = |err: redis::RedisError| PaymentError::Unavailable(format!("sandbox: {err}"));
            // In Stripe's units, as Stripe would take them (the form says how).
            let form = crate::stripe::session_form(request)?;
            let field = |key: String| form.iter().find(|(k, _)| *k == key).map(|(_, v)| v.clone());
            let mut items = Vec::new();
            let mut amount_total = 0_i64;
            for i in 0..request.line_items.len() {
                let unit: i64 = field(format!("line_items[{i}][price_data][unit_amount]"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_default();
                let quantity: i64 = field(format!("line_items[{i}][quantity]"))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_default();
                amount_total += unit * quantity;
                items.push(json!({
                    "name": field(format!("line_items[{i}][price_data][product_data][name]")),
                    "unit_amount": unit,
                    "quantity": quantity,
                }));
            }
            let new_id = format!("cs_test_{}", random_id());
            let session = SandboxSession {
                id: new_id.clone(),
                client_reference_id: request.order_id.to_string(),
                status: "open".into(),
                payment_status: "unpaid".into(),
                amount_total,
                currency: request.currency.to_ascii_lowercase(),
                customer_email: request.customer_email.clone(),
                line_items: serde_json::Value::Array(items),
                success_url: request.success_url.clone(),
                cancel_url: request.cancel_url.clone(),
                payment_intent: None,
                charge: None,
                amount_refunded: 0,
                dispute: None,
                dispute_status: None,
                payment_method_types: form
                    .iter()
                    .filter(|(k, _)| k.starts_with("payment_method_types["))
                    .map(|(_, v)| v.clone())
                    .collect(),
            };
            let body =
                serde_json::to_string(&session).map_err(|err| PaymentError::Rejected(err.to_string()))?;
            // Like Stripe, the same idempotency key gives back the same session.
            let id: String = redis::Script::new(CREATE)
                .key(idempotency_key(&request.idempotency_key()))
                .key(session_key(&new_id))
                .arg(&new_id)
                .arg(body)
                .arg(SESSION_TTL_SECS)
                .invoke_async(&mut self.redis.connection().await.map_err(unavailable)?)
                .await
                .map_err(unavailable)?;
            let url = self
                .public_url
                .join(&format!("/sandbox/checkout/{id}"))
                .map_err(|err| PaymentError::Rejected(err.to_string()))?;
            Ok(CheckoutSession { id, url: url.to_string(), payment_request: None })
        })
    }

    fn expire<'a>(&'a self, session_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>> {
        Box::pin(async move {
            let unavailable = |err: redis::RedisError| PaymentError::Unavailable(format!("sandbox: {err}"));
            match self.transition(session_id, "expired", "unpaid", None).await.map_err(unavailable)? {
                Some((_, true)) => Ok(ExpireOutcome::Expired),
                Some((session, false)) if session.status == "complete" => Ok(ExpireOutcome::AlreadyCompleted),
                Some(_) => Ok(ExpireOutcome::AlreadyExpired),
                // Past its lifetime: gone, as good as expired.
                None => Ok(ExpireOutcome::AlreadyExpired),
            }
        })
    }

    fn is_sandbox(&self) -> bool {
        true
    }
}
