//! Stripe over its REST API: create a Checkout Session (form-encoded, with an idempotency key
//! per order), expire it, refund a payment (an idempotency key per refund), and the shapes of
//! the webhook events we act on. Every request names the API version we speak
//! ([`API_VERSION`]), so an upgrade of the account's default cannot change what we read.

pub mod event;
pub mod signature;

use futures::future::BoxFuture;
use secrecy::{ExposeSecret as _, SecretString};
use serde::Deserialize;
use url::Url;

use tessera_core::money::Currency;
use tessera_core::money::stripe::to_stripe;

use crate::{
    CardRefund, CardRefundRequest, CardRefunds, CheckoutProvider, CheckoutRequest, CheckoutSession,
    ExpireOutcome, PaymentError,
};

pub const DEFAULT_API_BASE: &str = "https://api.stripe.com";

/// The Stripe API version our requests and the shapes in [`event`] follow (`Stripe-Version`).
/// Webhook endpoints should be created with the same version.
pub const API_VERSION: &str = "2026-09-30.endive";

/// Stripe Checkout, for real money.
pub struct StripeCheckout {
    http: reqwest::Client,
    api_base: Url,
    secret_key: SecretString,
}

/// The parts of a Checkout Session object we read.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionObject {
    pub id: String,
    /// `open`, `complete` or `expired`.
    pub status: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ErrorEnvelope {
    error: ErrorObject,
}

#[derive(Debug, Deserialize)]
struct ErrorObject {
    message: Option<String>,
    code: Option<String>,
}

impl StripeCheckout {
    pub fn new(api_base: Url, secret_key: SecretString) -> Result<Self, PaymentError> {
        let http = reqwest::Client::builder()
            .connect_timeout(std::time::Duration::from_secs(5))
            .timeout(std::time::Duration::from_secs(20))
            .user_agent("tessera")
            .build()
            .map_err(|err| PaymentError::Unavailable(err.to_string()))?;
        Ok(Self { http, api_base, secret_key })
    }

    fn url(&self, path: &str) -> Result<Url, PaymentError> {
        self.api_base.join(path).map_err(|err| PaymentError::Rejected(format!("bad Stripe URL: {err}")))
    }

    /// POSTs a form and reads the JSON answer; 4xx is `Rejected`, 5xx and transport errors
    /// `Unavailable`.
    async fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        form: &[(String, String)],
        idempotency_key: Option<&str>,
    ) -> Result<T, PaymentError> {
        let mut request = self
            .http
            .post(self.url(path)?)
            .bearer_auth(self.secret_key.expose_secret())
            .header("stripe-version", API_VERSION)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(serde_urlencoded_pairs(form));
        if let Some(key) = idempotency_key {
            request = request.header("idempotency-key", key);
        }
        read_json(request.send().await).await
    }

    async fn get_session(&self, session_id: &str) -> Result<SessionObject, PaymentError> {
        let request = self
            .http
            .get(self.url(&format!("/v1/checkout/sessions/{session_id}"))?)
            .bearer_auth(self.secret_key.expose_secret())
            .header("stripe-version", API_VERSION);
        read_json(request.send().await).await
    }
}

async fn read_json<T: serde::de::DeserializeOwned>(
    response: Result<reqwest::Response, reqwest::Error>,
) -> Result<T, PaymentError> {
    let response = response.map_err(|err| PaymentError::Unavailable(err.to_string()))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|err| PaymentError::Unavailable(err.to_string()))?;
    if status.is_success() {
        return serde_json::from_slice(&body)
            .map_err(|err| PaymentError::Unavailable(format!("unreadable Stripe response: {err}")));
    }
    let message = serde_json::from_slice::<ErrorEnvelope>(&body)
        .map(|e| format!("{} ({})", e.error.message.unwrap_or_default(), e.error.code.unwrap_or_default()))
        .unwrap_or_else(|_| format!("HTTP {status}"));
    // 409: the same idempotency key is being used by a request still in flight; its answer
    // is coming, so this one is worth retrying, not a refusal.
    if status.is_server_error()
        || status == reqwest::StatusCode::TOO_MANY_REQUESTS
        || status == reqwest::StatusCode::CONFLICT
    {
        Err(PaymentError::Unavailable(message))
    } else {
        Err(PaymentError::Rejected(message))
    }
}

fn serde_urlencoded_pairs(form: &[(String, String)]) -> String {
    url::form_urlencoded::Serializer::new(String::new()).extend_pairs(form).finish()
}

/// The form fields of a Checkout Session for the request, in Stripe's bracket notation and
/// Stripe's units of the currency. The same request always gives the same fields, so a retry
/// under the same idempotency key is the same request to Stripe.
pub fn session_form(request: &CheckoutRequest) -> Result<Vec<(String, String)>, PaymentError> {
    let mut form = vec![
        ("mode".to_string(), "payment".to_string()),
        ("client_reference_id".to_string(), request.order_id.to_string()),
        ("customer_email".to_string(), request.customer_email.clone()),
        ("success_url".to_string(), request.success_url.clone()),
        ("cancel_url".to_string(), request.cancel_url.clone()),
        ("metadata[order_id]".to_string(), request.order_id.to_string()),
        ("payment_intent_data[metadata][order_id]".to_string(), request.order_id.to_string()),
        // Stripe closes the session by itself too (it takes 30 minutes to 24 hours); we close
        // it earlier when our hold ends.
        ("expires_at".to_string(), session_expiry(request.expires_at, chrono::Utc::now()).to_string()),
    ];
    if !request.delayed_methods {
        // Not the account's dynamic list, which may hold methods that settle days later.
        form.push(("payment_method_types[0]".to_string(), "card".to_string()));
    }
    let currency = card_currency(&request.currency)?;
    let lower = request.currency.to_ascii_lowercase();
    for (i, item) in request.line_items.iter().enumerate() {
        let unit_amount = to_stripe(currency, item.unit_amount_minor)
            .map_err(|err| PaymentError::Rejected(err.to_string()))?;
        form.push((format!("line_items[{i}][price_data][currency]"), lower.clone()));
        form.push((format!("line_items[{i}][price_data][unit_amount]"), unit_amount.to_string()));
        form.push((format!("line_items[{i}][price_data][product_data][name]"), item.name.clone()));
        form.push((format!("line_items[{i}][quantity]"), item.quantity.to_string()));
    }
    Ok(form)
}

/// The ISO currency of a card payment.
pub fn card_currency(code: &str) -> Result<Currency, PaymentError> {
    code.parse::<Currency>().map_err(|err| PaymentError::Rejected(err.to_string()))
}

/// When Stripe should close the session: 31 minutes after our hold ends (Stripe wants at least
/// 30 minutes from the session's creation, and checkouts are opened while the hold lasts), so
/// that the same hold always asks for the same time. Only a hold ending more than a day away,
/// which no purchase has, is bounded by the clock instead.
fn session_expiry(hold_ends: chrono::DateTime<chrono::Utc>, now: chrono::DateTime<chrono::Utc>) -> i64 {
    let wanted = hold_ends + chrono::Duration::minutes(31);
    if wanted > now + chrono::Duration::hours(23) {
        (now + chrono::Duration::hours(23)).timestamp()
    } else {
        wanted.max(now + chrono::Duration::minutes(31)).timestamp()
    }
}

/// The form of a refund: of the payment intent, in Stripe's units of the currency, with our
/// refund's id in its metadata (so its events find it).
pub fn refund_form(request: &CardRefundRequest) -> Result<Vec<(String, String)>, PaymentError> {
    let currency = card_currency(&request.currency)?;
    let amount =
        to_stripe(currency, request.amount_minor).map_err(|err| PaymentError::Rejected(err.to_string()))?;
    let mut form = vec![
        ("payment_intent".to_string(), request.payment_intent.clone()),
        ("amount".to_string(), amount.to_string()),
        ("metadata[refund_id]".to_string(), request.refund_id.to_string()),
    ];
    if let Some(order_id) = request.order_id {
        form.push(("metadata[order_id]".to_string(), order_id.to_string()));
    }
    if let Some(reason) = request.reason {
        form.push(("reason".to_string(), reason.to_string()));
    }
    Ok(form)
}

impl CardRefunds for StripeCheckout {
    fn refund<'a>(
        &'a self,
        request: &'a CardRefundRequest,
    ) -> BoxFuture<'a, Result<CardRefund, PaymentError>> {
        Box::pin(async move {
            let refund: event::RefundObject =
                self.post("/v1/refunds", &refund_form(request)?, Some(&request.idempotency_key())).await?;
            Ok(CardRefund::from_stripe(&refund))
        })
    }
}

impl CheckoutProvider for StripeCheckout {
    fn create<'a>(
        &'a self,
        request: &'a CheckoutRequest,
    ) -> BoxFuture<'a, Result<CheckoutSession, PaymentError>> {
        Box::pin(async move {
            let session: SessionObject = self
                .post("/v1/checkout/sessions", &session_form(request)?, Some(&request.idempotency_key()))
                .await?;
            let url = session
                .url
                .ok_or_else(|| PaymentError::Unavailable("Stripe returned a session without a url".into()))?;
            Ok(CheckoutSession { id: session.id, url, payment_request: None })
        })
    }

    fn expire<'a>(&'a self, session_id: &'a str) -> BoxFuture<'a, Result<ExpireOutcome, PaymentError>> {
        Box::pin(async move {
            let path = format!("/v1/checkout/sessions/{session_id}/expire");
            match self.post::<SessionObject>(&path, &[], None).await {
                Ok(_) => Ok(ExpireOutcome::Expired),
                // Only open sessions can be expired; ask what became of it.
                Err(PaymentError::Rejected(_)) => match self.get_session(session_id).await?.status.as_deref()
                {
                    Some("complete") => Ok(ExpireOutcome::AlreadyCompleted),
                    Some("expired") => Ok(ExpireOutcome::AlreadyExpired),
                    other => Err(PaymentError::Rejected(format!(
                        "Stripe would not expire session {session_id} (status {other:?})"
                    ))),
                },
                Err(err) => Err(err),
            }
        })
    }

    fn is_sandbox(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_form_uses_stripes_bracket_notation() {
        let request = CheckoutRequest {
            order_id: uuid::Uuid::nil(),
            customer_email: "ana@example.org".into(),
            currency: "EUR".into(),
            line_items: vec![crate::LineItem {
                name: "Standing".into(),
                unit_amount_minor: 1800,
                quantity: 2,
            }],
            success_url: "https://t.example/orders/x?checkout=success".into(),
            cancel_url: "https://t.example/orders/x?checkout=cancelled".into(),
            expires_at: chrono::Utc::now(),
            delayed_methods: false,
            attempt: None,
        };
        let form = session_form(&request).unwrap();
        let get = |k: &str| form.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("payment_method_types[0]"), Some("card"), "only methods that answer within the hold");
        let delayed = session_form(&CheckoutRequest { delayed_methods: true, ..request.clone() }).unwrap();
        assert!(
            delayed.iter().all(|(key, _)| !key.starts_with("payment_method_types")),
            "the account's own list"
        );
        assert_eq!(get("line_items[0][price_data][currency]"), Some("eur"));
        assert_eq!(get("line_items[0][price_data][unit_amount]"), Some("1800"));
        assert_eq!(get("line_items[0][quantity]"), Some("2"));
        assert_eq!(get("client_reference_id"), Some("00000000-0000-0000-0000-000000000000"));
        assert_eq!(get("mode"), Some("payment"));
    }

    #[test]
    fn the_same_hold_asks_stripe_for_the_same_expiry_whenever_it_is_retried() {
        let hold_ends = chrono::Utc::now() + chrono::Duration::minutes(15);
        let first = session_expiry(hold_ends, hold_ends - chrono::Duration::minutes(15));
        let retry = session_expiry(hold_ends, hold_ends - chrono::Duration::minutes(1));
        assert_eq!(first, retry);
        assert_eq!(first, (hold_ends + chrono::Duration::minutes(31)).timestamp());
    }
}
