//! The card sandbox: plays Stripe's part when no Stripe keys are configured, so the demo and
//! the tests run the production path (signature checks, inbox, transitions) end to end.
//!
//! It keeps its sessions in Redis for at most a day, as Stripe keeps them (none of our tables
//! holds them: they belong to the pretend provider), shows a hosted checkout page (the api's
//! `/sandbox/checkout/{id}`, labelled as a sandbox), and turns the buttons on that page into
//! the events Stripe would send, signed with the webhook secret. It is never used when real
//! keys are set.

use chrono::Utc;
use futures::future::BoxFuture;
use redis::AsyncCommands as _;
use serde::{Deserialize, Serialize};
use serde_json::json;
use tessera_core::redis_conn::Redis;
use url::Url;

use crate::stripe::event::{ASYNC_PAYMENT_FAILED, CHECKOUT_COMPLETED, CHECKOUT_EXPIRED};
use crate::stripe::signature;
use crate::{CheckoutProvider, CheckoutRequest, CheckoutSession, ExpireOutcome, PaymentError};

pub struct SandboxCheckout {
    redis: Redis,
    /// Our own public URL; the hosted page lives under it.
    public_url: Url,
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

/// Moves an open session to ARGV[1]/ARGV[2]; returns whether it moved and the session as it
/// now is (empty when there is none). Keeps the session's remaining lifetime.
const TRANSITION: &str = r"
local raw = redis.call('GET', KEYS[1])
if not raw then return {0, ''} end
local session = cjson.decode(raw)
if session.status ~= 'open' then return {0, raw} end
session.status = ARGV[1]
session.payment_status = ARGV[2]
local updated = cjson.encode(session)
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then redis.call('SET', KEYS[1], updated, 'PX', ttl) else redis.call('SET', KEYS[1], updated) end
return {1, updated}
";

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

/// A webhook delivery, signed as Stripe signs it.
#[derive(Debug, Clone)]
pub struct SignedEvent {
    pub body: String,
    pub signature: String,
}

impl SandboxCheckout {
    pub fn new(redis: Redis, public_url: Url) -> Self {
        Self { redis, public_url }
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
    ) -> redis::RedisResult<Option<(SandboxSession, bool)>> {
        let (moved, raw): (i64, String) = redis::Script::new(TRANSITION)
            .key(session_key(id))
            .arg(status)
            .arg(payment_status)
            .invoke_async(&mut self.redis.connection().await?)
            .await?;
        // An empty answer: no such session (or past its lifetime).
        Ok(serde_json::from_str(&raw).ok().map(|session| (session, moved == 1)))
    }

    /// Applies the customer's choice to an open session and returns the events Stripe would
    /// send for it, signed with `webhook_secret`, and where the browser goes next. `None` when
    /// the session is not open any more.
    pub async fn act(
        &self,
        id: &str,
        action: SandboxAction,
        webhook_secret: &str,
    ) -> redis::RedisResult<Option<(Vec<SignedEvent>, String)>> {
        let (status, payment_status) = match action {
            SandboxAction::Pay => ("complete", "paid"),
            SandboxAction::Decline => ("complete", "unpaid"),
            SandboxAction::Abandon => ("expired", "unpaid"),
        };
        let Some((session, true)) = self.transition(id, status, payment_status).await? else {
            return Ok(None);
        };
        let kinds: &[&str] = match action {
            SandboxAction::Pay => &[CHECKOUT_COMPLETED],
            SandboxAction::Decline => &[CHECKOUT_COMPLETED, ASYNC_PAYMENT_FAILED],
            SandboxAction::Abandon => &[CHECKOUT_EXPIRED],
        };
        let payment_intent =
            (action != SandboxAction::Abandon).then(|| format!("pi_sandbox_{}", random_id()));
        let events = kinds
            .iter()
            .map(|kind| {
                let body = event_body(kind, &session, payment_intent.as_deref()).to_string();
                let signature = signature::sign(body.as_bytes(), webhook_secret, Utc::now().timestamp());
                SignedEvent { body, signature }
            })
            .collect();
        let next = if action == SandboxAction::Abandon { session.cancel_url } else { session.success_url };
        Ok(Some((events, next)))
    }
}

/// A Stripe `Event` around the session, as Stripe shapes it.
pub fn event_body(kind: &str, session: &SandboxSession, payment_intent: Option<&str>) -> serde_json::Value {
    json!({
        "id": format!("evt_sandbox_{}", random_id()),
        "object": "event",
        "api_version": "2024-06-20",
        "created": Utc::now().timestamp(),
        "livemode": false,
        "type": kind,
        "data": {
            "object": {
                "id": session.id,
                "object": "checkout.session",
                "client_reference_id": session.client_reference_id,
                "status": session.status,
                "payment_status": session.payment_status,
                "amount_total": session.amount_total,
                "currency": session.currency,
                "customer_email": session.customer_email,
                "payment_intent": payment_intent,
                "metadata": { "order_id": session.client_reference_id },
                "mode": "payment",
            }
        }
    })
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
            let line_items = serde_json::Value::Array(
                request
                    .line_items
                    .iter()
                    .map(|item| {
                        json!({"name": item.name, "unit_amount": item.unit_amount_minor, "quantity": item.quantity})
                    })
                    .collect(),
            );
            let new_id = format!("cs_test_{}", random_id());
            let session = SandboxSession {
                id: new_id.clone(),
                client_reference_id: request.order_id.to_string(),
                status: "open".into(),
                payment_status: "unpaid".into(),
                amount_total: request.total_minor(),
                currency: request.currency.to_ascii_lowercase(),
                customer_email: request.customer_email.clone(),
                line_items,
                success_url: request.success_url.clone(),
                cancel_url: request.cancel_url.clone(),
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
            Ok(CheckoutSession { id, url: url.to_string() })
        })
    }

    fn expire<'a>(&'a self, session_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>> {
        Box::pin(async move {
            let unavailable = |err: redis::RedisError| PaymentError::Unavailable(format!("sandbox: {err}"));
            match self.transition(session_id, "expired", "unpaid").await.map_err(unavailable)? {
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
