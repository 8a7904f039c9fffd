//! BTCPay's webhooks: the `BTCPay-Sig` check, and the event as it arrives. The event is a
//! trigger, not the truth: the handler reads the invoice back through the API and acts on its
//! status.

use hmac::{Hmac, Mac as _};
use serde::Deserialize;
use sha2::Sha256;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("no BTCPay-Sig header")]
    Missing,
    #[error("the BTCPay-Sig header is not sha256=<hex>")]
    Malformed,
    #[error("the signature does not match the body")]
    Mismatch,
}

/// Checks `BTCPay-Sig: sha256=<hex HMAC-SHA256 of the raw body>` against our secret, in
/// constant time, before anything reads the body.
pub fn verify(body: &[u8], header: Option<&str>, secret: &str) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?.trim();
    let hex_sig = header.strip_prefix("sha256=").ok_or(SignatureError::Malformed)?;
    let signature = hex::decode(hex_sig).map_err(|_| SignatureError::Malformed)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|_| SignatureError::Malformed)?;
    mac.update(body);
    mac.verify_slice(&signature).map_err(|_| SignatureError::Mismatch)
}

/// The `BTCPay-Sig` value for `body` (for the sandbox and tests).
pub fn sign(body: &[u8], secret: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// A webhook delivery, the fields common to every event type we read. Event types we do not
/// know are kept by name and acknowledged.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEvent {
    /// Unique per delivery (a redelivery has a new one; `original_delivery_id` ties them).
    pub delivery_id: String,
    #[serde(default)]
    pub webhook_id: Option<String>,
    #[serde(default)]
    pub original_delivery_id: Option<String>,
    #[serde(default)]
    pub is_redelivery: bool,
    /// `InvoiceCreated`, `InvoiceReceivedPayment`, `InvoiceProcessing`, `InvoiceSettled`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// Unix seconds.
    #[serde(default)]
    pub timestamp: Option<i64>,
    #[serde(default)]
    pub store_id: Option<String>,
    /// Set on every invoice event.
    #[serde(default)]
    pub invoice_id: Option<String>,
}

impl WebhookEvent {
    /// The key that makes a delivery count once: the first delivery's id, so a redelivery of
    /// an event we already handled is recognised.
    pub fn dedup_key(&self) -> &str {
        self.original_delivery_id.as_deref().unwrap_or(&self.delivery_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_body_and_secret() {
        let body = br#"{"deliveryId":"d1","type":"InvoiceSettled","invoiceId":"inv"}"#;
        let header = sign(body, "s3cret");
        assert!(header.starts_with("sha256="));
        assert_eq!(verify(body, Some(&header), "s3cret"), Ok(()));
        assert_eq!(verify(body, Some(&header), "other"), Err(SignatureError::Mismatch));
        assert_eq!(verify(b"{}", Some(&header), "s3cret"), Err(SignatureError::Mismatch));
        assert_eq!(verify(body, None, "s3cret"), Err(SignatureError::Missing));
        assert_eq!(verify(body, Some("sha1=abc"), "s3cret"), Err(SignatureError::Malformed));
        assert_eq!(verify(body, Some("sha256=zz"), "s3cret"), Err(SignatureError::Malformed));
    }

    #[test]
    fn events_of_any_type_parse_and_redeliveries_share_the_first_id() {
        let event: WebhookEvent = serde_json::from_str(
            r#"{"deliveryId":"d2","webhookId":"w","originalDeliveryId":"d1","isRedelivery":true,
                "type":"InvoiceSomethingNew","timestamp":1700000000,"storeId":"s","invoiceId":"i",
                "metadata":{"orderId":"o"},"extra":1}"#,
        )
        .unwrap();
        assert_eq!(event.kind, "InvoiceSomethingNew");
        assert_eq!(event.dedup_key(), "d1");
        assert_eq!(event.invoice_id.as_deref(), Some("i"));
    }
}
