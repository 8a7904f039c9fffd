//! The BTCPay sandbox: plays BTCPay Server for the demo and the tests when
//! `TESSERA_BTCPAY_SANDBOX=on` (never beside a real server). The api serves the Greenfield
//! subset our client calls under `/sandbox/btcpay/api/v1/…`, so the production client, webhook
//! handler and poller are what run; and a checkout page (`/sandbox/btcpay/i/{id}`, labelled as
//! a sandbox) where a person pays in full, in part, too much, after expiry, confirms, replaces
//! a transaction or lets the invoice expire. Each change sends the webhooks BTCPay would send,
//! signed with the webhook secret.
//!
//! Invoices live in Redis for three days (BTCPay watches an expired invoice for a day); none of
//! our tables holds them: they belong to the pretend provider.

mod invoice;
mod pull;

pub use invoice::{SandboxInvoice, SandboxPayment, Status};

use chrono::Utc;
use redis::AsyncCommands as _;
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest as _, Sha256};
use tessera_core::money::{Currency, parse_decimal};
use tessera_core::redis_conn::Redis;
use url::Url;

use super::webhook;
use crate::sandbox::SignedEvent;

const INVOICE_TTL_SECS: u64 = 3 * 24 * 3600;

fn invoice_key(id: &str) -> String {
    format!("sandbox:btcpay:invoice:{id}")
}

fn order_key(order_id: &str) -> String {
    format!("sandbox:btcpay:order:{order_id}")
}

/// Saves ARGV[2] if the stored invoice is still at version ARGV[1] (or absent when ARGV[1] is
/// empty); 1 when saved.
const SAVE: &str = r"
local raw = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if raw then return 0 end
else
  if not raw then return 0 end
  if tostring(cjson.decode(raw).version) ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1
";

/// What the person on the checkout page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SandboxBtcAction {
    /// Sent what is missing.
    PayInFull,
    /// Sent half of what is missing.
    PayPart,
    /// Sent what is missing and a tenth of the price more.
    PayTooMuch,
    /// A block was mined: every payment so far is confirmed.
    Confirm,
    /// Unconfirmed payments were replaced (RBF) by transactions paying someone else.
    Replace,
    /// The invoice's time runs out now.
    Expire,
    /// The merchant marked the invoice invalid.
    MarkInvalid,
}

impl std::str::FromStr for SandboxBtcAction {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Ok(match s {
            "pay" => Self::PayInFull,
            "pay-part" => Self::PayPart,
            "pay-too-much" => Self::PayTooMuch,
            "confirm" => Self::Confirm,
            "replace" => Self::Replace,
            "expire" => Self::Expire,
            "invalidate" => Self::MarkInvalid,
            _ => return Err(()),
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the sandbox's store is unavailable: {0}")]
    Store(#[from] redis::RedisError),
    /// The request is not one BTCPay would take; the message says why.
    #[error("{0}")]
    Invalid(String),
    #[error("the invoice changed meanwhile; try again")]
    Conflict,
}

/// The body of `POST /api/v1/stores/{storeId}/invoices`, the fields the sandbox reads.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInvoiceBody {
    pub amount: Option<String>,
    pub currency: Option<String>,
    #[serde(default)]
    pub metadata: Option<Value>,
    #[serde(default)]
    pub checkout: Option<Value>,
}

pub struct BtcPaySandbox {
    redis: Redis,
    public_url: Url,
    pub store_id: String,
    webhook_secret: secrecy::SecretString,
}

impl BtcPaySandbox {
    pub fn new(
        redis: Redis,
        public_url: Url,
        store_id: String,
        webhook_secret: secrecy::SecretString,
    ) -> Self {
        Self { redis, public_url, store_id, webhook_secret }
    }

    pub async fn invoice(&self, id: &str) -> Result<Option<SandboxInvoice>, SandboxError> {
        let raw: Option<String> = self.redis.connection().await?.get(invoice_key(id)).await?;
        Ok(raw.and_then(|raw| serde_json::from_str(&raw).ok()))
    }

    /// The invoices made for an order (`metadata.orderId`), newest first.
    pub async fn invoices_of_order(&self, order_id: &str) -> Result<Vec<SandboxInvoice>, SandboxError> {
        let ids: Vec<String> = self.redis.connection().await?.lrange(order_key(order_id), 0, 49).await?;
        let mut invoices = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(invoice) = self.invoice(&id).await? {
                invoices.push(invoice);
            }
        }
        Ok(invoices)
    }

    async fn save(&self, invoice: &SandboxInvoice, previous: Option<u64>) -> Result<(), SandboxError> {
        let body = serde_json::to_string(invoice).map_err(|err| SandboxError::Invalid(err.to_string()))?;
        let saved: i64 = redis::Script::new(SAVE)
            .key(invoice_key(&invoice.id))
            .arg(previous.map(|v| v.to_string()).unwrap_or_default())
            .arg(body)
            .arg(INVOICE_TTL_SECS)
            .invoke_async(&mut self.redis.connection().await?)
            .await?;
        if saved == 1 { Ok(()) } else { Err(SandboxError::Conflict) }
    }

    /// Makes an invoice, as `POST /api/v1/stores/{storeId}/invoices` does.
    pub async fn create_invoice(&self, body: &CreateInvoiceBody) -> Result<SandboxInvoice, SandboxError> {
        let invalid = |message: &str| SandboxError::Invalid(message.to_string());
        let currency: Currency = body
            .currency
            .as_deref()
            .unwrap_or_default()
            .parse()
            .map_err(|_| invalid("currency: not a currency the sandbox knows"))?;
        let exponent = currency.exponent();
        let amount_minor = body
            .amount
            .as_deref()
            .and_then(|amount| parse_decimal(amount, exponent))
            .filter(|amount| *amount > 0)
            .ok_or_else(|| invalid("amount: a positive decimal string in the currency is required"))?;
        let minutes = body
            .checkout
            .as_ref()
            .and_then(|c| c.get("expirationMinutes"))
            .and_then(Value::as_i64)
            .unwrap_or(15)
            .clamp(1, 7 * 24 * 60);
        // The store offers on-chain bitcoin and Lightning; an invoice takes one of them (on-chain
        // when it does not say).
        let methods = body.checkout.as_ref().and_then(|c| c.get("paymentMethods")).filter(|m| !m.is_null());
        let mut lightning = false;
        if let Some(methods) = methods {
            let listed = methods
                .as_array()
                .ok_or_else(|| invalid("checkout.paymentMethods: an array of payment method ids"))?;
            match listed.iter().map(Value::as_str).collect::<Vec<_>>().as_slice() {
                [Some(super::ON_CHAIN)] => {}
                [Some(super::LIGHTNING)] => lightning = true,
                _ => {
                    return Err(invalid(
                        "checkout.paymentMethods: this sandbox store offers BTC-CHAIN or BTC-LN, one per invoice",
                    ));
                }
            }
        }
        let rate_minor = sandbox_rate_minor(currency);
        // Rounded up: the satoshis asked are never worth less than the price.
        let rate = i128::from(rate_minor);
        let due_sat = i64::try_from((i128::from(amount_minor) * 100_000_000 + rate - 1) / rate)
            .map_err(|_| invalid("amount: too large"))?;
        let id = format!("Sbx{}", &uuid::Uuid::new_v4().simple().to_string()[..19]);
        let checkout_link = self
            .public_url
            .join(&format!("/sandbox/btcpay/i/{id}"))
            .map_err(|err| SandboxError::Invalid(err.to_string()))?
            .to_string();
        let now = Utc::now().timestamp();
        let address = if lightning {
            // The request pays exactly what is due, to the millisatoshi, and expires with the
            // invoice. Its payment hash is the hash of a preimage only the sandbox knows.
            let preimage = Sha256::digest(format!("{id}:{}", uuid::Uuid::new_v4()));
            let hash: [u8; 32] = Sha256::digest(preimage).into();
            let description = body
                .metadata
                .as_ref()
                .and_then(|m| m.get("itemDesc"))
                .and_then(Value::as_str)
                .unwrap_or("Tessera order");
            super::bolt11::encode(
                bitcoin::Network::Regtest,
                u64::try_from(due_sat).unwrap_or(0).saturating_mul(1000),
                &hash,
                description,
                u64::try_from(now).unwrap_or(0),
                u64::try_from(minutes * 60).unwrap_or(0),
            )
        } else {
            regtest_address(&id)
        };
        let invoice = SandboxInvoice {
            address,
            lightning,
            id,
            store_id: self.store_id.clone(),
            amount_minor,
            exponent,
            currency: currency.code().to_string(),
            metadata: body.metadata.clone().unwrap_or_else(|| Value::Object(Default::default())),
            checkout: body.checkout.clone().unwrap_or(Value::Null),
            checkout_link,
            created_time: now,
            expiration_time: now + minutes * 60,
            rate_minor,
            due_sat,
            payments: Vec::new(),
            marked_invalid: false,
            version: 0,
        };
        self.save(&invoice, None).await?;
        if let Some(order_id) = invoice.metadata.get("orderId").and_then(Value::as_str) {
            let mut conn = self.redis.connection().await?;
            let key = order_key(order_id);
            let _: () = redis::pipe()
                .lpush(&key, &invoice.id)
                .expire(&key, INVOICE_TTL_SECS as i64)
                .query_async(&mut conn)
                .await?;
        }
        Ok(invoice)
    }

    /// Applies what the person did and returns the invoice as it now is, with the webhooks
    /// BTCPay would send for it, signed. `None` when there is no such invoice.
    pub async fn act(
        &self,
        id: &str,
        action: SandboxBtcAction,
    ) -> Result<Option<(SandboxInvoice, Vec<SignedEvent>)>, SandboxError> {
        use secrecy::ExposeSecret as _;
        let Some(before) = self.invoice(id).await? else { return Ok(None) };
        let now = Utc::now().timestamp();
        let mut after = before.clone();
        apply_action(&mut after, action, now);
        if after == before {
            return Ok(Some((after, Vec::new())));
        }
        after.version = before.version + 1;
        self.save(&after, Some(before.version)).await?;
        let events = after
            .events_since(&before, now)
            .into_iter()
            .map(|event| {
                let body = event.to_string();
                let signature = webhook::sign(body.as_bytes(), self.webhook_secret.expose_secret());
                SignedEvent { body, signature }
            })
            .collect();
        Ok(Some((after, events)))
    }
}

/// Changes the invoice as the action would; nothing when it makes no sense in its state.
fn apply_action(invoice: &mut SandboxInvoice, action: SandboxBtcAction, now: i64) {
    let status = invoice.status(now);
    let open = !matches!(status.status, "Settled" | "Invalid");
    let missing = invoice.missing_sat();
    let send = |invoice: &mut SandboxInvoice, value_sat: i64| {
        let n = invoice.payments.len();
        invoice.payments.push(SandboxPayment {
            txid: hex::encode(Sha256::digest(format!("{}:{n}:{}", invoice.id, uuid::Uuid::new_v4()))),
            vout: u32::try_from(n % 3).unwrap_or(0),
            value_sat,
            received: now,
            confirmed: false,
            replaced: false,
        });
    };
    if invoice.lightning {
        // A Lightning request is paid once, in full, and settles as it is paid: nothing to
        // confirm or replace. Paid after its expiry, it is BTCPay's paid late.
        match action {
            SandboxBtcAction::PayInFull if open && invoice.payments.is_empty() => {
                let hash = super::bolt11::parse(&invoice.address).map(|r| r.payment_hash).unwrap_or_default();
                invoice.payments.push(SandboxPayment {
                    txid: hash,
                    vout: 0,
                    value_sat: invoice.due_sat,
                    received: now,
                    confirmed: true,
                    replaced: false,
                });
            }
            SandboxBtcAction::Expire if status.status == "New" => invoice.expiration_time = now,
            SandboxBtcAction::MarkInvalid if open => invoice.marked_invalid = true,
            _ => {}
        }
        return;
    }
    match action {
        SandboxBtcAction::PayInFull if open && missing > 0 => send(invoice, missing),
        // A wallet can always send to an address, even one whose invoice the merchant marked
        // invalid (a buyer who left it for another rail): BTCPay records the payment, and the
        // invoice stays invalid.
        SandboxBtcAction::PayInFull if invoice.marked_invalid && missing > 0 => send(invoice, missing),
        SandboxBtcAction::PayPart if open && missing > 1 => send(invoice, missing / 2),
        SandboxBtcAction::PayTooMuch if open && missing > 0 => send(invoice, missing + invoice.due_sat / 10),
        SandboxBtcAction::Confirm => {
            for payment in invoice.payments.iter_mut().filter(|p| !p.replaced) {
                payment.confirmed = true;
            }
        }
        SandboxBtcAction::Replace => {
            for payment in invoice.payments.iter_mut().filter(|p| !p.confirmed) {
                payment.replaced = true;
            }
        }
        SandboxBtcAction::Expire if status.status == "New" => invoice.expiration_time = now,
        SandboxBtcAction::MarkInvalid if open => invoice.marked_invalid = true,
        _ => {}
    }
}

/// The sandbox's fixed exchange rates, in minor units of the currency per bitcoin: round
/// figures of the right size, so amounts look plausible.
fn sandbox_rate_minor(currency: Currency) -> i64 {
    let major: i64 = match currency.code() {
        "USD" | "CAD" | "AUD" | "NZD" | "SGD" | "CHF" => 60_000,
        "GBP" => 45_000,
        "JPY" => 9_000_000,
        "KRW" => 80_000_000,
        "INR" => 5_000_000,
        "MXN" => 1_100_000,
        "BRL" => 330_000,
        "ZAR" => 1_100_000,
        "SEK" | "NOK" | "DKK" => 600_000,
        "PLN" => 230_000,
        "CZK" => 1_300_000,
        "THB" => 2_000_000,
        _ => 55_000,
    };
    major.saturating_mul(10_i64.saturating_pow(currency.exponent()))
}

/// A valid regtest P2WPKH address of its own for each seed (an invoice id; nobody holds its
/// key).
pub fn regtest_address(invoice_id: &str) -> String {
    let hash = Sha256::digest(invoice_id.as_bytes());
    bitcoin::WitnessProgram::new(bitcoin::WitnessVersion::V0, &hash[..20])
        .map(|program| {
            bitcoin::Address::from_witness_program(program, bitcoin::KnownHrp::Regtest).to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sandbox_addresses_are_regtest_addresses() {
        use std::str::FromStr as _;
        let address = regtest_address("Sbx1");
        let parsed = bitcoin::Address::from_str(&address).unwrap();
        assert!(parsed.is_valid_for_network(bitcoin::Network::Regtest));
        assert!(!parsed.is_valid_for_network(bitcoin::Network::Bitcoin));
    }

    #[test]
    fn actions_that_make_no_sense_change_nothing() {
        let mut invoice = SandboxInvoice {
            id: "Sbx1".into(),
            store_id: "S".into(),
            amount_minor: 100,
            exponent: 2,
            currency: "EUR".into(),
            metadata: Value::Null,
            checkout: Value::Null,
            checkout_link: String::new(),
            created_time: 0,
            expiration_time: 100,
            rate_minor: 5_500_000,
            due_sat: 1_819,
            address: regtest_address("Sbx1"),
            lightning: false,
            payments: Vec::new(),
            marked_invalid: false,
            version: 0,
        };
        apply_action(&mut invoice, SandboxBtcAction::PayInFull, 10);
        apply_action(&mut invoice, SandboxBtcAction::Confirm, 20);
        let settled = invoice.clone();
        assert_eq!(settled.status(30).status, "Settled");
        for action in [SandboxBtcAction::PayInFull, SandboxBtcAction::Expire, SandboxBtcAction::MarkInvalid] {
            apply_action(&mut invoice, action, 30);
        }
        assert_eq!(invoice, settled);
    }

    #[test]
    fn a_lightning_invoice_is_paid_once_in_full_and_settles_at_once_or_late() {
        let request =
            super::super::bolt11::encode(bitcoin::Network::Regtest, 1_819_000, &[9; 32], "x", 0, 100);
        let mut invoice = SandboxInvoice {
            id: "Sbx2".into(),
            store_id: "S".into(),
            amount_minor: 100,
            exponent: 2,
            currency: "EUR".into(),
            metadata: Value::Null,
            checkout: Value::Null,
            checkout_link: String::new(),
            created_time: 0,
            expiration_time: 100,
            rate_minor: 5_500_000,
            due_sat: 1_819,
            address: request.clone(),
            lightning: true,
            payments: Vec::new(),
            marked_invalid: false,
            version: 0,
        };
        let open = invoice.clone();
        for action in [SandboxBtcAction::PayPart, SandboxBtcAction::PayTooMuch, SandboxBtcAction::Confirm] {
            apply_action(&mut invoice, action, 10);
        }
        assert_eq!(invoice, open, "a Lightning request is paid in full or not at all");
        apply_action(&mut invoice, SandboxBtcAction::PayInFull, 10);
        assert_eq!(invoice.status(10).status, "Settled");
        let method = invoice.payment_method(true);
        assert_eq!(method["paymentMethodId"], "BTC-LN");
        assert_eq!(method["paymentLink"], format!("lightning:{request}"));
        assert_eq!(method["payments"][0]["id"], "09".repeat(32), "named by its payment hash");
        assert_eq!(method["payments"][0]["value"], "0.00001819000");
        let settled = invoice.clone();
        apply_action(&mut invoice, SandboxBtcAction::PayInFull, 20);
        assert_eq!(invoice, settled, "paid twice is not possible");

        let mut late = open.clone();
        apply_action(&mut late, SandboxBtcAction::PayInFull, 150);
        assert_eq!((late.status(150).status, late.status(150).additional), ("Expired", "PaidLate"));
    }
}
