//! The sandbox's refunds, as BTCPay makes them: `POST /api/v1/invoices/{id}/refund` opens a
//! pull payment of the amount asked (`Custom`, in BTC), whose page (`viewLink`, here
//! `/sandbox/btcpay/pp/{id}`) lets the customer claim it with an address; the sandbox plays the
//! store's automatic payout processor, so a claim is paid out at once (`Completed`, with a
//! made-up transaction as its proof). Pull payments live in Redis for thirty days.

use chrono::Utc;
use redis::AsyncCommands as _;
use serde_json::{Value, json};
use tessera_core::money::parse_decimal;

use super::{BtcPaySandbox, SandboxError};

const PULL_PAYMENT_TTL_SECS: u64 = 30 * 24 * 3600;

/// The store's pull payments, newest first.
const STORE_PULLS: &str = "sandbox:btcpay:pulls";

fn pull_key(id: &str) -> String {
    format!("sandbox:btcpay:pull:{id}")
}

impl BtcPaySandbox {
    /// Opens the pull payment refunding `invoice_id`: `None` when there is no such invoice.
    pub async fn refund_invoice(
        &self,
        invoice_id: &str,
        body: &Value,
    ) -> Result<Option<Value>, SandboxError> {
        let invalid = |message: &str| SandboxError::Invalid(message.to_string());
        let Some(invoice) = self.invoice(invoice_id).await? else { return Ok(None) };
        match body["refundVariant"].as_str() {
            Some("Custom") => {}
            Some("RateThen" | "CurrentRate" | "OverpaidAmount" | "Fiat") => {
                return Err(invalid("refundVariant: the sandbox refunds Custom amounts only"));
            }
            _ => return Err(invalid("refundVariant: RateThen, CurrentRate, OverpaidAmount, Fiat or Custom")),
        }
        if body["customCurrency"].as_str() != Some("BTC") {
            return Err(invalid("customCurrency: the sandbox refunds in BTC"));
        }
        let sats = body["customAmount"]
            .as_str()
            .and_then(|amount| parse_decimal(amount, 8))
            .filter(|sats| *sats > 0)
            .ok_or_else(|| invalid("customAmount: a positive decimal amount of BTC"))?;
        let paid: i64 =
            invoice.payments.iter().filter(|p| p.confirmed && !p.replaced).map(|p| p.value_sat).sum();
        let refunded_key = format!("sandbox:btcpay:refunded:{invoice_id}");
        let refunded: i64 =
            self.redis.connection().await?.get::<_, Option<i64>>(&refunded_key).await?.unwrap_or(0);
        if refunded + sats > paid {
            return Err(invalid("customAmount: more than the invoice received, less its refunds"));
        }
        let _: i64 = self.redis.connection().await?.incr(&refunded_key, sats).await?;
        let _: bool =
            self.redis.connection().await?.expire(&refunded_key, PULL_PAYMENT_TTL_SECS as i64).await?;
        let id = format!("Pp{}", &uuid::Uuid::new_v4().simple().to_string()[..20]);
        let view_link = self
            .public_url
            .join(&format!("/sandbox/btcpay/pp/{id}"))
            .map_err(|err| SandboxError::Invalid(err.to_string()))?;
        let pull = json!({
            "id": id,
            "name": body["name"].as_str().unwrap_or(&format!("Refund {invoice_id}")),
            "description": body["description"].as_str().unwrap_or_default(),
            "currency": "BTC",
            "amount": tessera_core::money::plain_decimal(sats, 8),
            "BOLT11Expiration": "30",
            "autoApproveClaims": true,
            "archived": false,
            "viewLink": view_link.as_str(),
        });
        let stored = json!({"pull": pull, "invoiceId": invoice_id, "sats": sats, "payouts": []});
        let mut conn = self.redis.connection().await?;
        let _: () = conn.set_ex(pull_key(&id), stored.to_string(), PULL_PAYMENT_TTL_SECS).await?;
        let _: i64 = conn.lpush(STORE_PULLS, &id).await?;
        let _: () = conn.ltrim(STORE_PULLS, 0, 999).await?;
        Ok(Some(pull))
    }

    async fn stored_pull(&self, id: &str) -> Result<Option<Value>, SandboxError> {
        let raw: Option<String> = self.redis.connection().await?.get(pull_key(id)).await?;
        Ok(raw.and_then(|raw| serde_json::from_str(&raw).ok()))
    }

    /// The store's pull payments (`PullPaymentDataList`), newest first.
    pub async fn pull_payments(&self) -> Result<Vec<Value>, SandboxError> {
        let ids: Vec<String> = self.redis.connection().await?.lrange(STORE_PULLS, 0, 999).await?;
        let mut pulls = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(stored) = self.stored_pull(&id).await? {
                pulls.push(stored["pull"].clone());
            }
        }
        Ok(pulls)
    }

    /// A pull payment (`PullPaymentData`) and its payouts (`PayoutData`), if there is one.
    pub async fn pull_payment(&self, id: &str) -> Result<Option<(Value, Vec<Value>)>, SandboxError> {
        Ok(self.stored_pull(id).await?.map(|stored| {
            let payouts = stored["payouts"].as_array().cloned().unwrap_or_default();
            (stored["pull"].clone(), payouts)
        }))
    }

    /// The customer claims the whole pull payment to `destination`; the sandbox's payout
    /// processor pays it at once. `None` when there is no such pull payment; refused when it
    /// was claimed already or the address is empty.
    pub async fn claim(&self, id: &str, destination: &str) -> Result<Option<Value>, SandboxError> {
        let destination = destination.trim();
        if destination.is_empty() || destination.len() > 200 {
            return Err(SandboxError::Invalid(
                "destination: a bitcoin address or a Lightning invoice".into(),
            ));
        }
        let Some(mut stored) = self.stored_pull(id).await? else { return Ok(None) };
        if stored["payouts"].as_array().is_some_and(|payouts| !payouts.is_empty()) {
            return Err(SandboxError::Invalid("destination: this refund was claimed already".into()));
        }
        let sats = stored["sats"].as_i64().unwrap_or_default();
        let txid = hex_id();
        // A Lightning invoice (BOLT11) is paid over Lightning (its proof a payment hash and
        // preimage), anything else on-chain (its proof the transaction).
        let lightning = destination.to_ascii_lowercase().starts_with("ln");
        let (method, proof) = if lightning {
            ("BTC-LN", json!({"proofType": "PayoutLightningBlob", "paymentHash": txid, "preimage": hex_id()}))
        } else {
            (
                "BTC-CHAIN",
                json!({"proofType": "PayoutTransactionOnChainBlob", "id": txid,
                                 "link": format!("https://mempool.space/regtest/tx/{txid}")}),
            )
        };
        let payout = json!({
            "id": format!("Po{}", &uuid::Uuid::new_v4().simple().to_string()[..20]),
            "revision": 0,
            "pullPaymentId": id,
            "date": Utc::now().timestamp().to_string(),
            "destination": destination,
            "originalCurrency": "BTC",
            "originalAmount": tessera_core::money::plain_decimal(sats, 8),
            "payoutCurrency": "BTC",
            "payoutAmount": tessera_core::money::plain_decimal(sats, 8),
            "payoutMethodId": method,
            "state": "Completed",
            "paymentProof": proof,
            "metadata": {"source": "Claimed on the sandbox's pull payment page"},
        });
        stored["payouts"] = json!([payout.clone()]);
        let _: () = self
            .redis
            .connection()
            .await?
            .set_ex(pull_key(id), stored.to_string(), PULL_PAYMENT_TTL_SECS)
            .await?;
        Ok(Some(payout))
    }
}

/// 64 hex digits.
fn hex_id() -> String {
    format!("{}{}", uuid::Uuid::new_v4().simple(), uuid::Uuid::new_v4().simple())
}
