//! Bitcoin receipts as the rest of the shop reads them: every on-chain output and every
//! Lightning payment that paid a BTCPay invoice (`btc_receipt`), for the order page and the
//! confirmation. Settlement writes
//! them (`tessera-settlement`'s `btc` rail); here they are only read.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

crate::text_enum! {
    /// Where an output that paid an invoice stands, as BTCPay reports it (`btc_receipt.status`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum BtcReceiptStatus: "bitcoin receipt status" in Some(("btc_receipt", "status")) => {
        /// Seen, confirming.
        Processing = "processing",
        /// Confirmed as the store's speed policy asks.
        Settled = "settled",
        /// Replaced or double-spent.
        Invalid = "invalid",
    }
}

/// A recorded bitcoin payment: an on-chain output (`txid`, `vout`) or a Lightning payment
/// (`payment_hash`, `amount_msat`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BtcReceipt {
    /// `chain` or `lightning`.
    pub rail: String,
    pub txid: Option<String>,
    pub vout: Option<i32>,
    pub payment_hash: Option<String>,
    /// Lightning: the exact amount; `amount_sat` is it rounded down.
    pub amount_msat: Option<i64>,
    pub provider_ref: String,
    pub order_id: Option<Uuid>,
    pub amount_sat: i64,
    /// Units of `currency` per bitcoin, as an exact decimal string.
    pub rate: String,
    pub currency: String,
    pub destination: String,
    /// `processing`, `settled` or `invalid`.
    pub status: String,
    pub received_at: DateTime<Utc>,
    pub settled_at: Option<DateTime<Utc>>,
}

impl BtcReceipt {
    /// Its name on its rail: `txid:vout` for an output, the payment hash for Lightning.
    pub fn reference(&self) -> String {
        match (&self.txid, self.vout, &self.payment_hash) {
            (Some(txid), Some(vout), _) => format!("{txid}:{vout}"),
            (_, _, Some(hash)) => hash.clone(),
            _ => String::new(),
        }
    }

    /// What it paid, in bitcoin, as exactly as it is known (to the millisatoshi for Lightning).
    pub fn amount_btc(&self) -> String {
        match self.amount_msat {
            Some(msat) => crate::money::plain_decimal(msat, 11),
            None => crate::money::plain_decimal(self.amount_sat, 8),
        }
    }
}

/// The bitcoin payments recorded for an order, oldest first.
pub async fn receipts_of_order(db: &PgPool, order_id: Uuid) -> sqlx::Result<Vec<BtcReceipt>> {
    sqlx::query_as!(
        BtcReceipt,
        r#"select rail, txid, vout, payment_hash, amount_msat, provider_ref, order_id, amount_sat, rate::text as "rate!", currency, destination,
                  status, received_at, settled_at
           from btc_receipt where order_id = $1 order by received_at, txid, vout, payment_hash"#,
        order_id
    )
    .fetch_all(db)
    .await
}
