//! Demand, recorded first-party: what people searched for and looked at, where their visit came
//! from, and the Market report that puts it beside the ledger.
//!
//! Nothing here tracks anyone. The web process hands each [`Record`] to [`Demand`], which writes
//! them in batches off the request path; a visitor is a keyed hash of their address and user
//! agent with a salt that lives one day (`demand_salt`), so their id changes every day and no
//! address is ever stored; visitors who send `Sec-GPC: 1` or `DNT: 1` are counted with no id at
//! all. Holds, payments and check-ins are in the ledger already (orders, payments, tickets) and
//! are read from it; an order keeps the channel of the visit that placed it (`order_channel`).
//! Rows are kept `TESSERA_DEMAND_RETENTION_DAYS`; [`retention::roll_up`] counts each finished
//! day into `demand_daily` first, so the Market page keeps the figures after the rows are gone.

mod channel;
pub mod market;
mod record;
pub mod retention;
pub mod tracking;

pub use channel::Channel;
pub use record::{Demand, Kind, Record, Visitor};
