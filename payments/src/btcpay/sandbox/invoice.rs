//! A sandbox invoice and what BTCPay would make of it: its status from its payments and the
//! clock, its Greenfield JSON (`InvoiceData`, `InvoicePaymentMethodDataModel`), and the webhook
//! events a change to it sends. No I/O here, so the rules are tested on their own.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tessera_core::money::plain_decimal;

/// Satoshis in a bitcoin.
const SAT_PER_BTC: i128 = 100_000_000;

/// An invoice as the sandbox keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SandboxInvoice {
    pub id: String,
    pub store_id: String,
    /// The price, in minor units of `currency`, and its exponent.
    pub amount_minor: i64,
    pub exponent: u32,
    pub currency: String,
    pub metadata: Value,
    pub checkout: Value,
    pub checkout_link: String,
    /// Unix seconds.
    pub created_time: i64,
    pub expiration_time: i64,
    /// Minor units of `currency` per bitcoin, fixed when the invoice was made.
    pub rate_minor: i64,
    /// What the invoice asks, at `rate_minor`.
    pub due_sat: i64,
    /// The regtest address it is paid to; for a Lightning invoice, its payment request.
    pub address: String,
    /// Paid over Lightning (`BTC-LN`): one payment of exactly what is due, settled at once.
    #[serde(default)]
    pub lightning: bool,
    pub payments: Vec<SandboxPayment>,
    /// Marked invalid by the merchant.
    pub marked_invalid: bool,
    /// Bumped on every change, so two changes never overwrite each other.
    pub version: u64,
}

/// A transaction output that paid the invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxPayment {
    pub txid: String,
    pub vout: u32,
    pub value_sat: i64,
    /// Unix seconds.
    pub received: i64,
    pub confirmed: bool,
    /// Replaced by another transaction (RBF) before it confirmed: it no longer counts.
    pub replaced: bool,
}

impl SandboxPayment {
    fn counts(&self) -> bool {
        !self.replaced
    }

    fn status(&self) -> &'static str {
        match (self.replaced, self.confirmed) {
            (true, _) => "Invalid",
            (false, true) => "Settled",
            (false, false) => "Processing",
        }
    }
}

/// `status` and `additionalStatus`, as BTCPay would report them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub status: &'static str,
    pub additional: &'static str,
}

impl SandboxInvoice {
    /// BTCPay's id of the invoice's payment method.
    pub fn payment_method_id(&self) -> &'static str {
        if self.lightning { super::super::LIGHTNING } else { super::super::ON_CHAIN }
    }

    /// An amount of satoshis as BTCPay writes it for the invoice's payment method: 8 decimals
    /// on-chain, 11 (millisatoshis) over Lightning.
    fn btc(&self, sat: i64) -> String {
        if self.lightning { plain_decimal(sat.saturating_mul(1000), 11) } else { plain_decimal(sat, 8) }
    }

    /// The payment link BTCPay gives: a BIP21 URI on-chain, `lightning:` and the request.
    pub fn payment_link(&self) -> String {
        if self.lightning {
            format!("lightning:{}", self.address)
        } else {
            format!("bitcoin:{}?amount={}", self.address, plain_decimal(self.missing_sat(), 8))
        }
    }

    /// What has been paid and still counts, in satoshis.
    pub fn paid_sat(&self) -> i64 {
        self.payments.iter().filter(|p| p.counts()).map(|p| p.value_sat).sum()
    }

    /// What is still missing, in satoshis (zero once paid in full).
    pub fn missing_sat(&self) -> i64 {
        (self.due_sat - self.paid_sat()).max(0)
    }

    /// When the payments that count first reached the amount due.
    fn paid_in_full_at(&self) -> Option<i64> {
        let mut counted: Vec<&SandboxPayment> = self.payments.iter().filter(|p| p.counts()).collect();
        counted.sort_by_key(|p| p.received);
        let mut total = 0;
        counted.into_iter().find_map(|p| {
            total += p.value_sat;
            (total >= self.due_sat).then_some(p.received)
        })
    }

    pub fn is_expired(&self, now: i64) -> bool {
        now >= self.expiration_time
    }

    /// BTCPay's reading of the invoice at `now`: paid in time and confirmed is `Settled`, paid
    /// in time and confirming `Processing`, paid in full only after expiry `Expired`/`PaidLate`
    /// (BTCPay never settles such an invoice; the merchant decides), part-paid `PaidPartial`.
    pub fn status(&self, now: i64) -> Status {
        let paid = self.paid_sat();
        let over = paid > self.due_sat;
        let status = |status, additional| Status { status, additional };
        if self.marked_invalid {
            return status("Invalid", "Marked");
        }
        match self.paid_in_full_at() {
            Some(at) if at < self.expiration_time => {
                let confirmed = self.payments.iter().filter(|p| p.counts()).all(|p| p.confirmed);
                let additional = if over { "PaidOver" } else { "None" };
                if confirmed { status("Settled", additional) } else { status("Processing", additional) }
            }
            Some(_) => status("Expired", "PaidLate"),
            None if paid > 0 && self.is_expired(now) => status("Expired", "PaidPartial"),
            None if paid > 0 => status("New", "PaidPartial"),
            None if self.is_expired(now) => status("Expired", "None"),
            None => status("New", "None"),
        }
    }

    /// Satoshis as the invoice's currency, rounded down to its minor unit.
    fn fiat_minor(&self, sat: i64) -> i64 {
        i64::try_from(i128::from(sat) * i128::from(self.rate_minor) / SAT_PER_BTC).unwrap_or(i64::MAX)
    }

    /// `InvoiceData`.
    pub fn invoice_data(&self, now: i64) -> Value {
        let Status { status, additional } = self.status(now);
        json!({
            "id": self.id,
            "storeId": self.store_id,
            "amount": plain_decimal(self.amount_minor, self.exponent),
            "paidAmount": plain_decimal(self.fiat_minor(self.paid_sat()), self.exponent),
            "currency": self.currency,
            "type": "Standard",
            "checkoutLink": self.checkout_link,
            "createdTime": self.created_time,
            "expirationTime": self.expiration_time,
            "monitoringExpiration": self.expiration_time + 24 * 3600,
            "status": status,
            "additionalStatus": additional,
            "availableStatusesForManualMarking": if status == "Settled" { json!(["Invalid"]) } else { json!(["Settled", "Invalid"]) },
            "archived": false,
            "metadata": self.metadata,
            "checkout": self.checkout,
        })
    }

    /// `Payment`.
    fn payment_data(&self, payment: &SandboxPayment) -> Value {
        // A Lightning payment is named by its payment hash (BTCPay 2.x), an output by its
        // outpoint.
        let id =
            if self.lightning { payment.txid.clone() } else { format!("{}-{}", payment.txid, payment.vout) };
        json!({
            "id": id,
            "receivedDate": payment.received,
            "value": self.btc(payment.value_sat),
            "fee": self.btc(0),
            "status": payment.status(),
            "destination": self.address,
        })
    }

    /// `InvoicePaymentMethodDataModel` for its payment method; with `all`, replaced payments
    /// too (`onlyAccountedPayments=false`).
    pub fn payment_method(&self, all: bool) -> Value {
        let paid = self.paid_sat();
        json!({
            "paymentMethodId": self.payment_method_id(),
            "currency": "BTC",
            "destination": self.address,
            "paymentLink": self.payment_link(),
            "rate": plain_decimal(self.rate_minor, self.exponent),
            "paymentMethodPaid": self.btc(paid),
            "totalPaid": self.btc(paid),
            "due": self.btc(self.missing_sat()),
            "amount": self.btc(self.due_sat),
            "paymentMethodFee": self.btc(0),
            "activated": true,
            "payments": self.payments.iter().filter(|p| all || p.counts()).map(|p| self.payment_data(p)).collect::<Vec<_>>(),
        })
    }

    /// The webhook events BTCPay sends for the change from `before` to `self` (the same
    /// invoice, one action later), in the order it sends them. Replacing a transaction sends
    /// none (BTCPay has no event for it): the poller notices.
    pub fn events_since(&self, before: &SandboxInvoice, now: i64) -> Vec<Value> {
        let mut events = Vec::new();
        let (was, is) = (before.status(now), self.status(now));
        let over = self.paid_sat() > self.due_sat;
        for payment in &self.payments {
            let earlier = before.payments.iter().find(|p| p.txid == payment.txid && p.vout == payment.vout);
            let after_expiration = payment.received >= self.expiration_time;
            let about_payment = json!({
                "afterExpiration": after_expiration,
                "paymentMethodId": self.payment_method_id(),
                "payment": self.payment_data(payment),
            });
            if earlier.is_none() {
                events.push(self.event("InvoiceReceivedPayment", about_payment.clone()));
            }
            if payment.confirmed && !earlier.is_some_and(|p| p.confirmed) && payment.counts() {
                events.push(self.event("InvoicePaymentSettled", about_payment));
            }
        }
        if is != was {
            match is.status {
                "Processing" => events.push(self.event("InvoiceProcessing", json!({"overPaid": over}))),
                "Settled" => {
                    events.push(
                        self.event("InvoiceSettled", json!({"manuallyMarked": false, "overPaid": over})),
                    );
                }
                "Expired" if was.status != "Expired" => events.push(
                    self.event("InvoiceExpired", json!({"partiallyPaid": is.additional == "PaidPartial"})),
                ),
                "Invalid" => events.push(self.event("InvoiceInvalid", json!({"manuallyMarked": true}))),
                _ => {}
            }
        }
        events
    }

    /// A webhook event about this invoice (`WebhookInvoiceEvent` and the type's own fields).
    fn event(&self, kind: &str, fields: Value) -> Value {
        let delivery = format!("Sbx{}", &uuid::Uuid::new_v4().simple().to_string()[..19]);
        let mut event = json!({
            "deliveryId": delivery,
            "webhookId": "SandboxWebhook",
            "originalDeliveryId": delivery,
            "isRedelivery": false,
            "type": kind,
            "timestamp": Utc::now().timestamp(),
            "storeId": self.store_id,
            "invoiceId": self.id,
            "metadata": self.metadata,
        });
        if let (Some(event), Some(fields)) = (event.as_object_mut(), fields.as_object()) {
            event.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        event
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice() -> SandboxInvoice {
        SandboxInvoice {
            id: "inv1".into(),
            store_id: "SandboxStore".into(),
            amount_minor: 3600,
            exponent: 2,
            currency: "EUR".into(),
            metadata: json!({"orderId": "o1"}),
            checkout: json!({}),
            checkout_link: "http://x/i/inv1".into(),
            created_time: 1_000,
            expiration_time: 1_900,
            rate_minor: 5_000_000,
            due_sat: 72_000,
            address: "bcrt1q".into(),
            lightning: false,
            payments: Vec::new(),
            marked_invalid: false,
            version: 0,
        }
    }

    fn paid(value_sat: i64, received: i64, confirmed: bool) -> SandboxPayment {
        SandboxPayment {
            txid: format!("{value_sat:064x}"),
            vout: 0,
            value_sat,
            received,
            confirmed,
            replaced: false,
        }
    }

    #[test]
    fn an_invoice_moves_as_btcpay_moves_it() {
        let mut inv = invoice();
        let at = |s, a| Status { status: s, additional: a };
        assert_eq!(inv.status(1_100), at("New", "None"));
        inv.payments.push(paid(30_000, 1_100, false));
        assert_eq!(inv.status(1_200), at("New", "PaidPartial"));
        assert_eq!(inv.missing_sat(), 42_000);
        assert_eq!(inv.status(2_000), at("Expired", "PaidPartial"));
        inv.payments.push(paid(42_000, 1_200, false));
        assert_eq!(inv.status(1_300), at("Processing", "None"));
        inv.payments.iter_mut().for_each(|p| p.confirmed = true);
        assert_eq!(inv.status(5_000), at("Settled", "None"));
        inv.payments.push(paid(1_000, 1_300, true));
        assert_eq!(inv.status(5_000), at("Settled", "PaidOver"));
        assert_eq!(inv.invoice_data(5_000)["paidAmount"], "36.50");
    }

    #[test]
    fn late_and_replaced_payments_read_as_btcpay_reads_them() {
        let mut inv = invoice();
        inv.payments.push(paid(72_000, 2_000, true));
        assert_eq!(inv.status(2_000).additional, "PaidLate");
        let mut rbf = invoice();
        rbf.payments.push(paid(72_000, 1_100, false));
        assert_eq!(rbf.status(1_200).status, "Processing");
        rbf.payments[0].replaced = true;
        assert_eq!(rbf.status(1_200).status, "New");
        assert_eq!(rbf.payment_method(false)["payments"].as_array().map(Vec::len), Some(0));
        assert_eq!(rbf.payment_method(true)["payments"][0]["status"], "Invalid");
    }

    #[test]
    fn a_change_sends_the_events_btcpay_sends() {
        let before = invoice();
        let mut after = before.clone();
        after.payments.push(paid(72_000, 1_100, false));
        let kinds = |events: Vec<Value>| {
            events.iter().map(|e| e["type"].as_str().unwrap_or("").to_string()).collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(after.events_since(&before, 1_100)),
            ["InvoiceReceivedPayment", "InvoiceProcessing"]
        );
        let mut confirmed = after.clone();
        confirmed.payments[0].confirmed = true;
        assert_eq!(kinds(confirmed.events_since(&after, 1_200)), ["InvoicePaymentSettled", "InvoiceSettled"]);
        let mut expired = before.clone();
        expired.expiration_time = 1_000;
        assert_eq!(kinds(expired.events_since(&before, 1_000)), ["InvoiceExpired"]);
    }
}
