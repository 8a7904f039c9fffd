//! The card sandbox: plays Stripe's part when no Stripe keys are configured, so the demo and
//! the tests run the production path (signature checks, inbox, transitions) end to end.
//!
//! It keeps its sessions in its own table (`sandbox_checkout_session`), shows a hosted checkout
//! page (the api's `/sandbox/checkout/{id}`, labelled as a sandbox), and turns the buttons on
//! that page into the events Stripe would send, signed with the webhook secret. It is never
//! used when real keys are set.

use chrono::Utc;
use futures::future::BoxFuture;
use serde_json::json;
use sqlx::PgPool;
use url::Url;

use crate::stripe::event::{ASYNC_PAYMENT_FAILED, CHECKOUT_COMPLETED, CHECKOUT_EXPIRED};
use crate::stripe::signature;
use crate::{CheckoutProvider, CheckoutRequest, CheckoutSession, ExpireOutcome, PaymentError};

pub struct SandboxCheckout {
    db: PgPool,
    /// Our own public URL; the hosted page lives under it.
    public_url: Url,
}

/// A sandbox session as its hosted page shows it.
#[derive(Debug, Clone)]
pub struct SandboxSession {
    pub id: String,
    pub client_reference_id: String,
    pub status: String,
    pub payment_status: String,
    pub amount_total: i64,
    pub currency: String,
    pub customer_email: String,
    pub line_items: serde_json::Value,
    pub success_url: String,
    pub cancel_url: String,
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

/// A webhook delivery, signed as Stripe signs it.
#[derive(Debug, Clone)]
pub struct SignedEvent {
    pub body: String,
    pub signature: String,
}

impl SandboxCheckout {
    pub fn new(db: PgPool, public_url: Url) -> Self {
        Self { db, public_url }
    }

    pub async fn session(&self, id: &str) -> sqlx::Result<Option<SandboxSession>> {
        sqlx::query_as!(
            SandboxSession,
            r#"select session_id as id, client_reference_id, status, payment_status, amount_total, currency,
                      customer_email, line_items, success_url, cancel_url
               from sandbox_checkout_session where session_id = $1"#,
            id
        )
        .fetch_optional(&self.db)
        .await
    }

    /// Applies the customer's choice to an open session and returns the events Stripe would
    /// send for it, signed with `webhook_secret`, and where the browser goes next. `None` when
    /// the session is not open any more.
    pub async fn act(
        &self,
        id: &str,
        action: SandboxAction,
        webhook_secret: &str,
    ) -> sqlx::Result<Option<(Vec<SignedEvent>, String)>> {
        let (status, payment_status) = match action {
            SandboxAction::Pay => ("complete", "paid"),
            SandboxAction::Decline => ("complete", "unpaid"),
            SandboxAction::Abandon => ("expired", "unpaid"),
        };
        let Some(session) = sqlx::query_as!(
            SandboxSession,
            r#"update sandbox_checkout_session set status = $2, payment_status = $3, updated_at = now()
               where session_id = $1 and status = 'open'
               returning session_id as id, client_reference_id, status, payment_status, amount_total, currency,
                         customer_email, line_items, success_url, cancel_url"#,
            id,
            status,
            payment_status
        )
        .fetch_optional(&self.db)
        .await?
        else {
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
            let line_items = serde_json::Value::Array(
                request
                    .line_items
                    .iter()
                    .map(|item| {
                        json!({"name": item.name, "unit_amount": item.unit_amount_minor, "quantity": item.quantity})
                    })
                    .collect(),
            );
            // Like Stripe, the same idempotency key gives back the same session.
            let id = sqlx::query_scalar!(
                r#"with created as (
                       insert into sandbox_checkout_session
                           (session_id, idempotency_key, client_reference_id, status, payment_status,
                            amount_total, currency, customer_email, line_items, success_url, cancel_url)
                       values ($1, $2, $3, 'open', 'unpaid', $4, $5, $6, $7, $8, $9)
                       on conflict (idempotency_key) do nothing
                       returning session_id
                   )
                   select session_id as "session_id!" from created
                   union all
                   select session_id from sandbox_checkout_session where idempotency_key = $2"#,
                format!("cs_test_{}", random_id()),
                request.idempotency_key(),
                request.order_id.to_string(),
                request.total_minor(),
                request.currency.to_ascii_lowercase(),
                request.customer_email,
                line_items,
                request.success_url,
                request.cancel_url,
            )
            .fetch_optional(&self.db)
            .await?;
            // A concurrent create with the same key committed after this statement's snapshot:
            // read what it made.
            let id = match id {
                Some(id) => id,
                None => {
                    sqlx::query_scalar!(
                        "select session_id from sandbox_checkout_session where idempotency_key = $1",
                        request.idempotency_key()
                    )
                    .fetch_one(&self.db)
                    .await?
                }
            };
            let url = self
                .public_url
                .join(&format!("/sandbox/checkout/{id}"))
                .map_err(|err| PaymentError::Rejected(err.to_string()))?;
            Ok(CheckoutSession { id, url: url.to_string() })
        })
    }

    fn expire<'a>(&'a self, session_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>> {
        Box::pin(async move {
            let expired = sqlx::query!(
                r#"update sandbox_checkout_session set status = 'expired', updated_at = now()
                   where session_id = $1 and status = 'open'"#,
                session_id
            )
            .execute(&self.db)
            .await?;
            if expired.rows_affected() == 1 {
                return Ok(ExpireOutcome::Expired);
            }
            match self.session(session_id).await?.map(|s| s.status) {
                Some(status) if status == "complete" => Ok(ExpireOutcome::AlreadyCompleted),
                Some(_) => Ok(ExpireOutcome::AlreadyExpired),
                None => Err(PaymentError::Rejected(format!("no such checkout session: {session_id}"))),
            }
        })
    }

    fn is_sandbox(&self) -> bool {
        true
    }
}
