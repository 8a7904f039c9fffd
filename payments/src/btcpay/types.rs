//! Greenfield's wire types, the fields we read and write: invoice and payment statuses (kept
//! open to values a newer server may add), what we send to create an invoice, and what an
//! invoice and its payment methods say, with what they mean for the order. Apart from the
//! client because the sandbox and the chain-watcher read these types without making a request.

use serde::{Deserialize, Serialize};
use tessera_core::money::{Currency, parse_decimal};
use tessera_core::order::InvoiceState;

use super::BtcPayError;

/// `New`, `Processing`, `Expired`, `Invalid`, `Settled`, or one the spec does not know yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum InvoiceStatus {
    New,
    Processing,
    Expired,
    Invalid,
    Settled,
    Other(String),
}

/// Why an invoice is where it is: `None`, `PaidLate`, `PaidPartial`, `Marked`, `Invalid`,
/// `PaidOver`, or one the spec does not know yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum AdditionalStatus {
    None,
    PaidLate,
    PaidPartial,
    Marked,
    Invalid,
    PaidOver,
    Other(String),
}

/// A payment's own status: `Invalid`, `Processing`, `Settled`, or one not known yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum PaymentStatus {
    Invalid,
    Processing,
    Settled,
    Other(String),
}

macro_rules! string_enum {
    ($name:ident { $($variant:ident),* }) => {
        impl From<String> for $name {
            fn from(value: String) -> Self {
                match value.as_str() {
                    $(stringify!($variant) => $name::$variant,)*
                    _ => $name::Other(value),
                }
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                match value {
                    $($name::$variant => stringify!($variant).to_string(),)*
                    $name::Other(other) => other,
                }
            }
        }
    };
}

string_enum!(InvoiceStatus { New, Processing, Expired, Invalid, Settled });
string_enum!(AdditionalStatus { None, PaidLate, PaidPartial, Marked, Invalid, PaidOver });
string_enum!(PaymentStatus { Invalid, Processing, Settled });

/// How many confirmations make a payment settled (BTCPay's `SpeedPolicy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpeedPolicy {
    /// 0 confirmations (1 if the transaction signals RBF).
    HighSpeed,
    /// 1 confirmation.
    MediumSpeed,
    /// 2 confirmations.
    LowMediumSpeed,
    /// 6 confirmations.
    LowSpeed,
}

impl std::str::FromStr for SpeedPolicy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "HighSpeed" => Ok(SpeedPolicy::HighSpeed),
            "MediumSpeed" => Ok(SpeedPolicy::MediumSpeed),
            "LowMediumSpeed" => Ok(SpeedPolicy::LowMediumSpeed),
            "LowSpeed" => Ok(SpeedPolicy::LowSpeed),
            other => Err(format!("{other:?} is not one of HighSpeed, MediumSpeed, LowMediumSpeed, LowSpeed")),
        }
    }
}

/// What we put in an invoice's metadata (`InvoiceMetadata`; every field optional there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceMetadata {
    /// Our order id: indexed by BTCPay, so an order's invoices can be found again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_desc: Option<String>,
}

/// The checkout settings we set (`CheckoutOptions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct CheckoutOptions {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed_policy: Option<SpeedPolicy>,
    /// Minutes until the invoice expires: our hold's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_minutes: Option<u32>,
    /// Where the checkout sends the customer afterwards: the order page.
    #[serde(rename = "redirectURL", default, skip_serializing_if = "Option::is_none")]
    pub redirect_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_automatically: Option<bool>,
    /// The margin (percent) within which BTCPay counts an invoice paid short as paid: 0, so
    /// nothing settles short of what finance sees as the order's price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_tolerance: Option<f64>,
    /// The payment methods the invoice offers: only those we record receipts for
    /// ([`ON_CHAIN`] or [`LIGHTNING`], one per invoice), so that nothing settles that finance
    /// cannot see.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_methods: Option<Vec<String>>,
}

/// BTCPay's id of on-chain bitcoin (`PaymentMethodId`, BTCPay 2.x: `BTC` before 2.0).
pub const ON_CHAIN: &str = "BTC-CHAIN";

/// BTCPay's id of bitcoin over Lightning (`PaymentMethodId`, BTCPay 2.x:
/// `BTC-LightningNetwork` before 2.0).
pub const LIGHTNING: &str = "BTC-LN";

/// `CreateInvoiceRequest`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateInvoice {
    /// A decimal string in `currency`'s units (`"36.00"`).
    pub amount: String,
    /// The order's fiat currency (ISO 4217).
    pub currency: String,
    pub metadata: InvoiceMetadata,
    pub checkout: CheckoutOptions,
}

/// An invoice as BTCPay returns it (`InvoiceData`), the fields we read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: String,
    #[serde(default)]
    pub store_id: Option<String>,
    /// Decimal string in `currency`.
    pub amount: String,
    #[serde(default)]
    pub paid_amount: Option<String>,
    pub currency: String,
    /// Where to send the customer, exactly as BTCPay gave it.
    #[serde(default)]
    pub checkout_link: Option<String>,
    /// Unix seconds.
    pub created_time: i64,
    pub expiration_time: i64,
    #[serde(default)]
    pub monitoring_expiration: Option<i64>,
    pub status: InvoiceStatus,
    #[serde(default = "no_additional_status")]
    pub additional_status: AdditionalStatus,
    #[serde(default)]
    pub metadata: Option<InvoiceMetadata>,
    #[serde(default)]
    pub archived: Option<bool>,
    /// The checkout options it was made with (the payment methods it offers).
    #[serde(default)]
    pub checkout: Option<InvoiceCheckout>,
}

/// `InvoiceData.checkout`, the part we read.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceCheckout {
    #[serde(default)]
    pub payment_methods: Option<Vec<String>>,
}

fn no_additional_status() -> AdditionalStatus {
    AdditionalStatus::None
}

impl Invoice {
    /// Whether it offers Lightning only (a Lightning order's invoice).
    pub fn is_lightning_only(&self) -> bool {
        self.checkout.as_ref().and_then(|c| c.payment_methods.as_deref()).is_some_and(|methods| {
            !methods.is_empty() && methods.iter().all(|m| m == LIGHTNING || m == "BTC-LightningNetwork")
        })
    }

    /// The order this invoice was made for, from its metadata.
    pub fn order_id(&self) -> Option<&str> {
        self.metadata.as_ref().and_then(|m| m.order_id.as_deref())
    }

    /// What the invoice's status means for an order.
    pub fn state(&self) -> InvoiceState {
        match (&self.status, &self.additional_status) {
            (InvoiceStatus::New, _) => InvoiceState::AwaitingPayment,
            (InvoiceStatus::Processing, _) => InvoiceState::Confirming,
            (InvoiceStatus::Settled, _) => InvoiceState::Settled,
            (InvoiceStatus::Expired, AdditionalStatus::PaidLate) => InvoiceState::PaidLate,
            (InvoiceStatus::Expired, AdditionalStatus::PaidPartial) => InvoiceState::ExpiredPartPaid,
            (InvoiceStatus::Expired, _) => InvoiceState::Expired,
            (InvoiceStatus::Invalid, _) => InvoiceState::Invalid,
            (InvoiceStatus::Other(_), _) => InvoiceState::Unknown,
        }
    }

    /// The amount asked and the amount paid, in minor units of the invoice's currency; `None`
    /// if either is not an exact decimal of that currency.
    pub fn amounts_minor(&self) -> Option<(i64, i64)> {
        let currency: Currency = self.currency.parse().ok()?;
        let amount = parse_decimal(&self.amount, currency.exponent())?;
        let paid = match self.paid_amount.as_deref() {
            Some(paid) => parse_decimal(paid, currency.exponent())?,
            None => 0,
        };
        Some((amount, paid))
    }

    /// The report on this invoice for its order, or `None` when it names no order of ours or
    /// its amounts cannot be read exactly.
    pub fn update(&self) -> Option<(uuid::Uuid, InvoiceState, i64, i64)> {
        let order_id = self.order_id().and_then(|id| uuid::Uuid::parse_str(id).ok())?;
        let (amount, paid) = self.amounts_minor()?;
        Some((order_id, self.state(), amount, paid))
    }
}

/// One way to pay an invoice (`InvoicePaymentMethodDataModel`), with what was paid through it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoicePaymentMethod {
    /// `BTC-CHAIN` for on-chain bitcoin, `BTC-LN` for Lightning.
    pub payment_method_id: String,
    /// The payment method's currency (`BTC`).
    pub currency: String,
    /// The address (on-chain) or invoice (Lightning) to pay.
    pub destination: String,
    #[serde(default)]
    pub payment_link: Option<String>,
    /// Decimal string: invoice currency per unit of `currency`.
    pub rate: String,
    /// Decimal strings in `currency`.
    pub payment_method_paid: String,
    pub total_paid: String,
    pub due: String,
    pub amount: String,
    #[serde(default)]
    pub payment_method_fee: Option<String>,
    #[serde(default)]
    pub payments: Vec<InvoicePayment>,
    #[serde(default)]
    pub activated: Option<bool>,
}

/// A payment received for an invoice (`Payment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoicePayment {
    /// For on-chain payments, the outpoint (`txid-vout`).
    pub id: String,
    /// Unix seconds.
    pub received_date: i64,
    /// Decimal string in the payment method's currency.
    pub value: String,
    #[serde(default)]
    pub fee: Option<String>,
    pub status: PaymentStatus,
    pub destination: String,
}

/// A Lightning payment: the payment hash it settled, its exact amount, the request it paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LightningPayment {
    /// Lower-case hex, 64 digits.
    pub payment_hash: String,
    pub amount_msat: u64,
    /// The BOLT11 request paid.
    pub request: String,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub status: PaymentStatus,
}

/// An on-chain bitcoin payment in bitcoin's own types: the output that paid, its value in
/// satoshis, the address it paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainPayment {
    pub outpoint: bitcoin::OutPoint,
    pub amount: bitcoin::Amount,
    pub destination: bitcoin::Address<bitcoin::address::NetworkUnchecked>,
    pub received_at: chrono::DateTime<chrono::Utc>,
    pub status: PaymentStatus,
}

impl InvoicePaymentMethod {
    /// Whether its payments are bitcoin transactions (not Lightning, not another coin).
    pub fn is_on_chain_bitcoin(&self) -> bool {
        // `BTC-CHAIN` since BTCPay 2.0; `BTC` (and `BTC-OnChain`) before.
        self.currency.eq_ignore_ascii_case("BTC")
            && matches!(self.payment_method_id.as_str(), "BTC-CHAIN" | "BTC" | "BTC-OnChain")
    }

    /// Whether its payments are bitcoin over Lightning.
    pub fn is_lightning(&self) -> bool {
        self.currency.eq_ignore_ascii_case("BTC")
            && matches!(
                self.payment_method_id.as_str(),
                "BTC-LN" | "BTC-LightningNetwork" | "BTC_LightningLike"
            )
    }

    /// Its Lightning payments, each beside the payment as BTCPay gave it. The payment hash is
    /// BTCPay's id of the payment when that is one (BTCPay 2.x), else read from the request it
    /// paid; the amount is the payment's value to the millisatoshi (BTCPay writes Lightning
    /// amounts with 11 decimals). A payment that does not read is an error of its own.
    pub fn lightning_payments(&self) -> Vec<(&InvoicePayment, Result<LightningPayment, BtcPayError>)> {
        self.payments
            .iter()
            .map(|payment| {
                let parsed = (|| {
                    let malformed =
                        |what: &str| BtcPayError::Malformed(format!("payment {:?} has {what}", payment.id));
                    let request = super::bolt11::parse(&payment.destination).map_err(|why| {
                        malformed(&format!("a destination that is not a BOLT11 request ({why})"))
                    })?;
                    let id = payment.id.trim().to_ascii_lowercase();
                    let is_hash = id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit());
                    if is_hash && id != request.payment_hash {
                        return Err(malformed("an id that is not the payment hash of the request it paid"));
                    }
                    let amount_msat = tessera_core::money::parse_decimal(payment.value.trim(), 11)
                        .and_then(|msat| u64::try_from(msat).ok())
                        .filter(|msat| *msat > 0)
                        .ok_or_else(|| malformed("a value that is not an exact amount of bitcoin"))?;
                    let received_at = chrono::DateTime::from_timestamp(payment.received_date, 0)
                        .ok_or_else(|| malformed("a received date out of range"))?;
                    Ok(LightningPayment {
                        payment_hash: request.payment_hash,
                        amount_msat,
                        request: payment.destination.trim().to_string(),
                        received_at,
                        status: payment.status.clone(),
                    })
                })();
                (payment, parsed)
            })
            .collect()
    }

    /// The exchange rate, checked to be a plain positive decimal (`"50123.45"`).
    pub fn checked_rate(&self) -> Result<&str, BtcPayError> {
        let rate = self.rate.trim();
        let (whole, fraction) = rate.split_once('.').unwrap_or((rate, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || !digits(whole)
            || !digits(fraction)
            || rate.bytes().all(|b| b == b'0' || b == b'.')
        {
            return Err(BtcPayError::Malformed(format!("rate {rate:?} is not a positive decimal")));
        }
        Ok(rate)
    }

    /// Its payments as bitcoin outputs, each beside the payment as BTCPay gave it. A payment
    /// whose id is not an outpoint (`txid-vout`), whose value is not an exact amount of bitcoin
    /// or whose destination is not an address is an error of its own: a receipt must never be
    /// recorded half right, and one unreadable payment must not hide the others.
    pub fn chain_payments(&self) -> Vec<(&InvoicePayment, Result<ChainPayment, BtcPayError>)> {
        use std::str::FromStr as _;
        self.payments
            .iter()
            .map(|payment| {
                let parsed = (|| {
                    let malformed =
                        |what: &str| BtcPayError::Malformed(format!("payment {:?} has {what}", payment.id));
                    let (txid, vout) =
                        payment.id.rsplit_once('-').ok_or_else(|| malformed("no txid-vout id"))?;
                    let outpoint = bitcoin::OutPoint {
                        txid: bitcoin::Txid::from_str(txid).map_err(|_| malformed("a malformed txid"))?,
                        vout: vout.parse().map_err(|_| malformed("a malformed output index"))?,
                    };
                    let amount =
                        bitcoin::Amount::from_str_in(payment.value.trim(), bitcoin::Denomination::Bitcoin)
                            .map_err(|_| malformed("a value that is not an exact amount of bitcoin"))?;
                    let destination = bitcoin::Address::from_str(payment.destination.trim())
                        .map_err(|_| malformed("a destination that is not a bitcoin address"))?;
                    let received_at = chrono::DateTime::from_timestamp(payment.received_date, 0)
                        .ok_or_else(|| malformed("a received date out of range"))?;
                    Ok(ChainPayment {
                        outpoint,
                        amount,
                        destination,
                        received_at,
                        status: payment.status.clone(),
                    })
                })();
                (payment, parsed)
            })
            .collect()
    }
}

/// `RefundInvoiceRequest`: a refund of an invoice, as a pull payment the customer claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundInvoice {
    pub name: String,
    pub description: String,
    /// `Custom`: exactly `custom_amount` of `custom_currency`.
    pub refund_variant: String,
    /// A decimal string (`"0.00012345"`).
    pub custom_amount: String,
    /// `BTC`.
    pub custom_currency: String,
    /// What the customer may claim it with (`BTC-CHAIN`, `BTC-LN`); none: the invoice's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payout_methods: Option<Vec<String>>,
}

/// `PullPaymentData`, the fields we read.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PullPayment {
    pub id: String,
    pub name: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    /// Where the customer claims it.
    pub view_link: Option<String>,
}

/// `PayoutData`, the fields we read.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payout {
    pub id: String,
    /// `AwaitingApproval`, `AwaitingPayment`, `InProgress`, `Completed`, `Cancelled`.
    pub state: String,
    pub destination: Option<String>,
    /// In BTC, once approved.
    pub payout_amount: Option<String>,
    /// `BTC-CHAIN`, `BTC-LN`, ...
    pub payout_method_id: Option<String>,
    /// How it was paid: for on-chain payouts, the transaction (`id`, or `transactionId` in
    /// some versions).
    pub payment_proof: Option<serde_json::Value>,
}

impl Payout {
    /// The transaction that paid it out, when the proof names one.
    pub fn txid(&self) -> Option<String> {
        let proof = self.payment_proof.as_ref()?;
        ["id", "transactionId"]
            .iter()
            .filter_map(|key| proof.get(*key).and_then(|v| v.as_str()))
            .map(str::to_ascii_lowercase)
            .find(|txid| txid.len() == 64 && txid.bytes().all(|b| b.is_ascii_hexdigit()))
    }
}
