//! BTCPay Server's Greenfield API, the part we call: create an invoice for an order, find an
//! order's invoices (BTCPay has no idempotency key, so a retried buy looks before it creates),
//! read an invoice, and read its payment methods with their on-chain and Lightning payments.
//!
//! Written against the OpenAPI files of BTCPay Server v2.4.1 (`shared/vendor-specs/btcpay/`):
//! invoices are created and listed under `/api/v1/stores/{storeId}/invoices`, and read at
//! `/api/v1/invoices/{invoiceId}` (that version's spec has no store-scoped route for one
//! invoice). Amounts are decimal strings both ways, never floats; statuses the spec does not
//! list are kept as [`InvoiceStatus::Other`] rather than refused, so a newer server does not
//! break us.
//!
//! The wire types are in `types`, the HTTP client in `client`; both are re-exported here.

pub mod bolt11;
mod checkout;
mod client;
pub mod sandbox;
mod settings;
mod types;
pub mod webhook;

pub use checkout::{BtcPayCheckout, BtcRail};
pub use client::{BtcPayClient, BtcPayError};
pub use settings::{BITCOIN_NETWORKS, BTCPAY_SANDBOX_STORE_ID, BtcPaySettings};
pub use types::{
    AdditionalStatus, ChainPayment, CheckoutOptions, CreateInvoice, Invoice, InvoiceMetadata, InvoicePayment,
    InvoicePaymentMethod, InvoiceStatus, LIGHTNING, LightningPayment, ON_CHAIN, PaymentStatus, Payout,
    PullPayment, RefundInvoice, SpeedPolicy,
};
