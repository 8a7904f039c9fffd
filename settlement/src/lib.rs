//! Where money settles orders: one room for every rail.
//!
//! A provider's word that money arrived — Stripe's signed event, a BTCPay invoice read back
//! through its API, a log of our contract deep enough on chain — is read here, per rail, and
//! applied to its order through the state machine of `tessera_core::order`. The webhook routes
//! only verify a signature and hand the body over; the chain-watcher only follows chains and
//! polls, and hands over what it found. A provider event is claimed once, in the transaction
//! of its effects ([`inbox::claim`]), so a redelivery never moves an order twice.
//!
//! Each rail is a folder and each direction of money a file in it: `arrived.rs`, and
//! `refunded.rs` for money going back (cards today), so a new flow is a new file, not a new
//! crate edge.

pub mod btc;
pub mod card;
pub mod eth;
pub mod free;
pub mod inbox;

/// How long one sender may take with a refund before another may send it again (under the
/// refund's own idempotency key, so the provider answers with the same refund).
pub(crate) const SEND_LEASE_SECS: i64 = 60;

/// Why a provider's event could not be applied (yet).
#[derive(Debug, thiserror::Error)]
pub enum SettleError {
    /// The signed body does not read as the provider's event; nothing was written.
    #[error("{0}")]
    Malformed(String),
    /// The provider could not be asked about it (BTCPay's API); its redelivery or the next
    /// poll finishes what this one could not.
    #[error(transparent)]
    Provider(#[from] tessera_payments::btcpay::BtcPayError),
    /// A provider could not be reached to send money back; a later try does it.
    #[error("the payment provider is unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}
