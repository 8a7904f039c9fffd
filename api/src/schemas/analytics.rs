//! The admins' sales report.

use chrono::NaiveDate;
use serde::Serialize;
use tessera_core::analytics as domain;
use utoipa::ToSchema;
use uuid::Uuid;

/// One event's inventory and takings (now, not limited to the range).
#[derive(Serialize, ToSchema)]
pub struct EventSales {
    pub event_id: Uuid,
    pub title: String,
    pub city: String,
    pub category: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub currency: String,
    pub capacity: i64,
    pub sold: i64,
    /// Held by orders waiting for payment.
    pub held: i64,
    /// Sold per thousand of capacity (0 with no capacity).
    pub sell_through_permille: i64,
    /// What its paid orders came to, in minor units of `currency`.
    pub revenue_minor: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::EventSales) = |domain::EventSales {
                                       event_id: _,
                                       title: _,
                                       city: _,
                                       category: _,
                                       starts_at: _,
                                       currency: _,
                                       capacity: _,
                                       sold: _,
                                       held: _,
                                       sell_through_permille: _,
                                       revenue_minor: _,
                                   }| {};

/// A day of the range.
#[derive(Serialize, ToSchema)]
pub struct Day {
    pub date: NaiveDate,
    /// Orders placed that day, whatever became of them.
    pub orders_placed: i64,
    /// Orders paid that day, and their tickets.
    pub orders_paid: i64,
    pub tickets_sold: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Day) = |domain::Day { date: _, orders_placed: _, orders_paid: _, tickets_sold: _ }| {};

/// Money received in one asset, in its own unit.
#[derive(Serialize, ToSchema)]
pub struct AssetTotal {
    /// `EUR`, `BTC`, `ETH`, `USDC`, ...
    pub asset: String,
    /// `fiat`, `bitcoin`, `ether` or `token`.
    pub kind: String,
    /// Ether and tokens: the chain they were received on (USDC on two chains is two totals).
    pub chain_id: Option<i64>,
    /// The exponent of the asset's base unit: 2 for EUR cents, 8 for satoshis, 18 for wei.
    pub decimals: i32,
    /// In base units, exact (a decimal string: wei overflow 64 bits).
    pub amount_base: String,
    /// The same in whole units of the asset, exact (`0.0125` BTC).
    pub amount: String,
    /// Paid orders it came from.
    pub orders: i64,
    /// What went back of it (refunds that succeeded), in base units and whole units.
    pub refunded_base: String,
    pub refunded: String,
    /// What stays: received less refunded.
    pub net_base: String,
    pub net: String,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::AssetTotal) = |domain::AssetTotal {
                                       asset: _,
                                       kind: _,
                                       chain_id: _,
                                       decimals: _,
                                       amount_base: _,
                                       amount: _,
                                       orders: _,
                                       refunded_base: _,
                                       refunded: _,
                                       net_base: _,
                                       net: _,
                                   }| {};

/// The fiat value of what one payment method took in one currency: the orders' totals, at the
/// rate each was quoted at.
#[derive(Serialize, ToSchema)]
pub struct MethodTotal {
    /// `card`, `btc`, `lightning`, `eth`, `usdc`, `usdt` or `eurc`.
    pub method: String,
    pub currency: String,
    pub orders: i64,
    pub tickets: i64,
    pub amount_minor: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::MethodTotal) =
    |domain::MethodTotal { method: _, currency: _, orders: _, tickets: _, amount_minor: _ }| {};

/// What became of the orders placed in the range.
#[derive(Serialize, ToSchema)]
pub struct Funnel {
    pub created: i64,
    /// Reached `paid` (including those fulfilled and refunded since).
    pub paid: i64,
    pub fulfilled: i64,
    pub expired: i64,
    pub cancelled: i64,
    pub failed: i64,
    pub pending: i64,
    /// With money due back (a payment that could not pay, or an overpayment's excess).
    pub refund_due: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Funnel) = |domain::Funnel {
                                   created: _,
                                   paid: _,
                                   fulfilled: _,
                                   expired: _,
                                   cancelled: _,
                                   failed: _,
                                   pending: _,
                                   refund_due: _,
                               }| {};

/// Tickets sold in the range by a city or category.
#[derive(Serialize, ToSchema)]
pub struct Ranked {
    pub name: String,
    pub tickets: i64,
    pub orders: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Ranked) = |domain::Ranked { name: _, tickets: _, orders: _ }| {};

/// The whole report.
#[derive(Serialize, ToSchema)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub time_zone: String,
    pub event_id: Option<Uuid>,
    pub events: Vec<EventSales>,
    pub days: Vec<Day>,
    /// What came in, per asset in its own unit (orders paid in the range).
    pub received: Vec<AssetTotal>,
    /// The same orders' totals per payment method and currency.
    pub by_method: Vec<MethodTotal>,
    pub funnel: Funnel,
    pub top_cities: Vec<Ranked>,
    pub top_categories: Vec<Ranked>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Report) = |domain::Report {
                                   from: _,
                                   to: _,
                                   time_zone: _,
                                   event_id: _,
                                   events: _,
                                   days: _,
                                   received: _,
                                   by_method: _,
                                   funnel: _,
                                   top_cities: _,
                                   top_categories: _,
                               }| {};
