//! The HTTP side of Greenfield: one store's client, the four calls we make, and how the
//! server's answers (and its two shapes of error body) become results.

use std::time::Duration;

use secrecy::{ExposeSecret as _, SecretString};
use serde::Deserialize;
use url::Url;

use super::{CreateInvoice, Invoice, InvoicePaymentMethod, Payout, PullPayment, RefundInvoice};

/// A Greenfield client for one store.
#[derive(Clone)]
pub struct BtcPayClient {
    http: reqwest::Client,
    base: Url,
    api_key: SecretString,
    store_id: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BtcPayError {
    /// The server could not be reached, timed out or failed (5xx): try again later.
    #[error("BTCPay Server is unavailable: {0}")]
    Unavailable(String),
    /// The server refused the request (4xx), with its reason.
    #[error("BTCPay Server refused the request ({status}): {message}")]
    Rejected { status: u16, code: Option<String>, message: String },
    /// The server answered something that is not what its API promises.
    #[error("BTCPay Server answered something unexpected: {0}")]
    Malformed(String),
}

impl BtcPayError {
    pub fn is_unavailable(&self) -> bool {
        matches!(self, BtcPayError::Unavailable(_))
    }
}

/// A Greenfield error body: `ProblemDetails` (`{"code","message"}`) or, for a 422,
/// `ValidationProblemDetails` (`[{"path","message"}]`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Problem {
    Details { code: Option<String>, message: Option<String> },
    Validation(Vec<ValidationProblem>),
}

#[derive(Debug, Deserialize)]
struct ValidationProblem {
    path: Option<String>,
    message: Option<String>,
}

impl BtcPayClient {
    /// The store this client works for.
    pub fn store_id(&self) -> &str {
        &self.store_id
    }

    /// A client for `store_id` on the server at `base` (e.g. `https://btcpay.example.org`).
    pub fn new(base: Url, api_key: SecretString, store_id: impl Into<String>) -> Result<Self, BtcPayError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(20))
            .user_agent("tessera")
            .build()
            .map_err(|err| BtcPayError::Unavailable(err.to_string()))?;
        Ok(Self { http, base, api_key, store_id: store_id.into() })
    }

    fn url(&self, segments: &[&str]) -> Result<Url, BtcPayError> {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .map_err(|_| BtcPayError::Malformed(format!("{} cannot be a base URL", self.base)))?
            .pop_if_empty()
            .extend(segments);
        Ok(url)
    }

    fn request(&self, method: reqwest::Method, url: Url) -> reqwest::RequestBuilder {
        self.http
            .request(method, url)
            .header("authorization", format!("token {}", self.api_key.expose_secret()))
            .header("accept", "application/json")
    }

    /// `POST /api/v1/stores/{storeId}/invoices`.
    pub async fn create_invoice(&self, invoice: &CreateInvoice) -> Result<Invoice, BtcPayError> {
        let url = self.url(&["api", "v1", "stores", &self.store_id, "invoices"])?;
        let response = self.request(reqwest::Method::POST, url).json(invoice).send().await;
        read_json(response).await
    }

    /// `GET /api/v1/stores/{storeId}/invoices?orderId=…`: the order's invoices, newest first.
    pub async fn invoices_for_order(&self, order_id: &str) -> Result<Vec<Invoice>, BtcPayError> {
        let mut url = self.url(&["api", "v1", "stores", &self.store_id, "invoices"])?;
        url.query_pairs_mut().append_pair("orderId", order_id);
        let response = self.request(reqwest::Method::GET, url).send().await;
        let mut invoices: Vec<Invoice> = read_json(response).await?;
        // The filter is BTCPay's; a metadata mismatch would be a bug of theirs, never an
        // invoice of another order to reuse.
        invoices.retain(|invoice| invoice.order_id() == Some(order_id));
        invoices.sort_by_key(|invoice| std::cmp::Reverse(invoice.created_time));
        Ok(invoices)
    }

    /// `GET /api/v1/invoices/{invoiceId}`; `None` when the server has no such invoice.
    pub async fn invoice(&self, invoice_id: &str) -> Result<Option<Invoice>, BtcPayError> {
        let url = self.url(&["api", "v1", "invoices", invoice_id])?;
        let response = self.request(reqwest::Method::GET, url).send().await;
        not_found_as_none(read_json(response).await)
    }

    /// `GET /api/v1/invoices/{invoiceId}/payment-methods`, with the payments of each —
    /// replaced and double-spent ones too (`onlyAccountedPayments=false`), so that finance
    /// sees every transaction that ever paid the invoice.
    pub async fn payment_methods(&self, invoice_id: &str) -> Result<Vec<InvoicePaymentMethod>, BtcPayError> {
        let mut url = self.url(&["api", "v1", "invoices", invoice_id, "payment-methods"])?;
        url.query_pairs_mut().append_pair("onlyAccountedPayments", "false");
        let response = self.request(reqwest::Method::GET, url).send().await;
        read_json(response).await
    }
}

impl BtcPayClient {
    /// `POST /api/v1/invoices/{invoiceId}/status` with `Invalid`: nothing can pay it any more.
    pub async fn mark_invalid(&self, invoice_id: &str) -> Result<Invoice, BtcPayError> {
        let url = self.url(&["api", "v1", "invoices", invoice_id, "status"])?;
        let body = serde_json::json!({"status": "Invalid"});
        let response = self.request(reqwest::Method::POST, url).json(&body).send().await;
        read_json(response).await
    }

    /// `POST /api/v1/invoices/{invoiceId}/refund`: a pull payment of the refund, which the
    /// customer claims with their own address.
    pub async fn refund_invoice(
        &self,
        invoice_id: &str,
        refund: &RefundInvoice,
    ) -> Result<PullPayment, BtcPayError> {
        let url = self.url(&["api", "v1", "invoices", invoice_id, "refund"])?;
        let response = self.request(reqwest::Method::POST, url).json(refund).send().await;
        read_json(response).await
    }

    /// `GET /api/v1/stores/{storeId}/pull-payments`: the store's pull payments (not archived).
    pub async fn pull_payments(&self) -> Result<Vec<PullPayment>, BtcPayError> {
        let url = self.url(&["api", "v1", "stores", &self.store_id, "pull-payments"])?;
        let response = self.request(reqwest::Method::GET, url).send().await;
        read_json(response).await
    }

    /// `GET /api/v1/pull-payments/{pullPaymentId}/payouts`: the claims of a pull payment.
    pub async fn payouts(&self, pull_payment_id: &str) -> Result<Vec<Payout>, BtcPayError> {
        let url = self.url(&["api", "v1", "pull-payments", pull_payment_id, "payouts"])?;
        let response = self.request(reqwest::Method::GET, url).send().await;
        read_json(response).await
    }
}

fn not_found_as_none<T>(result: Result<T, BtcPayError>) -> Result<Option<T>, BtcPayError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(BtcPayError::Rejected { status: 404, .. }) => Ok(None),
        Err(err) => Err(err),
    }
}

async fn read_json<T: serde::de::DeserializeOwned>(
    response: Result<reqwest::Response, reqwest::Error>,
) -> Result<T, BtcPayError> {
    let response = response.map_err(|err| BtcPayError::Unavailable(err.to_string()))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|err| BtcPayError::Unavailable(err.to_string()))?;
    if status.is_server_error() {
        return Err(BtcPayError::Unavailable(format!("HTTP {status}")));
    }
    if !status.is_success() {
        let (code, message) = match serde_json::from_slice::<Problem>(&body) {
            Ok(Problem::Details { code, message }) => (code, message.unwrap_or_else(|| status.to_string())),
            Ok(Problem::Validation(problems)) => (
                Some("validation".to_string()),
                problems
                    .iter()
                    .map(|p| {
                        format!(
                            "{}: {}",
                            p.path.as_deref().unwrap_or("?"),
                            p.message.as_deref().unwrap_or("?")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
            Err(_) => (None, status.to_string()),
        };
        return Err(BtcPayError::Rejected { status: status.as_u16(), code, message });
    }
    serde_json::from_slice(&body).map_err(|err| BtcPayError::Malformed(err.to_string()))
}
