//! The Market report: demand beside the ledger.

use chrono::NaiveDate;
use serde::Serialize;
use tessera_core::demand::market as domain;
use utoipa::ToSchema;
use uuid::Uuid;

/// From looking to going. Each step after the first also as a share of the one before it, in
/// thousandths (0 when the step before is 0).
#[derive(Serialize, ToSchema)]
#[schema(as = MarketFunnel)]
pub struct Funnel {
    /// Event page views.
    pub views: i64,
    /// Visitors who viewed event pages: a visitor once a day on each event's page (a visitor
    /// who asked not to be tracked, once per view).
    pub viewers: i64,
    /// Buy page views.
    pub buy_views: i64,
    /// Orders placed: tickets held.
    pub holds: i64,
    /// Of those, the orders paid.
    pub paid: i64,
    /// Of those, the orders with a ticket checked in at the door.
    pub attended: i64,
    pub buy_view_permille: i64,
    pub hold_permille: i64,
    pub paid_permille: i64,
    pub attended_permille: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Funnel) = |domain::Funnel {
                                   views: _,
                                   viewers: _,
                                   buy_views: _,
                                   holds: _,
                                   paid: _,
                                   attended: _,
                                   buy_view_permille: _,
                                   hold_permille: _,
                                   paid_permille: _,
                                   attended_permille: _,
                               }| {};

/// The funnel of one city, category or price band.
#[derive(Serialize, ToSchema)]
pub struct FunnelRow {
    /// The city as written, the category's code, or the band (`EUR:2`, see `PriceBand`).
    pub key: String,
    #[serde(flatten)]
    pub funnel: Funnel,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::FunnelRow) = |domain::FunnelRow { key: _, funnel: _ }| {};

/// Orders started and paid on one payment rail.
#[derive(Serialize, ToSchema)]
pub struct RailRow {
    /// `card`, `btc`, `lightning`, `eth`, `usdc`, `usdt` or `eurc`.
    pub method: String,
    pub started: i64,
    pub paid: i64,
    pub paid_permille: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::RailRow) = |domain::RailRow { method: _, started: _, paid: _, paid_permille: _ }| {};

/// A count under a name.
#[derive(Serialize, ToSchema)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Count) = |domain::Count { key: _, count: _ }| {};

/// A language: pages viewed in it and orders paid in it.
#[derive(Serialize, ToSchema)]
pub struct LanguageRow {
    pub lang: String,
    pub views: i64,
    pub paid_orders: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::LanguageRow) = |domain::LanguageRow { lang: _, views: _, paid_orders: _ }| {};

/// The people who paid.
#[derive(Serialize, ToSchema)]
pub struct Who {
    /// Accounts with a paid order among those placed in the range.
    pub buyers: i64,
    /// Of those, paying for the first time.
    pub new_buyers: i64,
    /// Of those, who had paid for an order placed before the range.
    pub returning_buyers: i64,
    /// Buyers who live in the city of the event they paid for (by their account's home city),
    /// who live elsewhere, and who did not say. A buyer of several events counts once in each
    /// that applies.
    pub locals: i64,
    pub visitors: i64,
    pub home_unknown: i64,
    pub languages: Vec<LanguageRow>,
    /// Paid orders by tickets in them: `1`, `2`, `3-4`, `5+`.
    pub group_sizes: Vec<Count>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Who) = |domain::Who {
                                buyers: _,
                                new_buyers: _,
                                returning_buyers: _,
                                locals: _,
                                visitors: _,
                                home_unknown: _,
                                languages: _,
                                group_sizes: _,
                            }| {};

/// Buyers from one place paying for events in one city.
#[derive(Serialize, ToSchema)]
pub struct FlowRow {
    /// The buyer's home, as their account says (empty when it does not).
    pub home_country: String,
    pub home_city: String,
    pub event_city: String,
    pub event_country: String,
    pub buyers: i64,
    pub paid_orders: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::FlowRow) = |domain::FlowRow {
                                    home_country: _,
                                    home_city: _,
                                    event_city: _,
                                    event_country: _,
                                    buyers: _,
                                    paid_orders: _,
                                }| {};

/// Money in one currency, in its minor units.
#[derive(Serialize, ToSchema)]
pub struct Money {
    pub currency: String,
    pub minor: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Money) = |domain::Money { currency: _, minor: _ }| {};

/// What one channel brought.
#[derive(Serialize, ToSchema)]
pub struct ChannelRow {
    /// All three empty: direct.
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// Pages viewed in visits that came this way (searches, event and buy pages).
    pub page_views: i64,
    /// Orders placed in such visits, and of them paid.
    pub orders: i64,
    pub paid: i64,
    /// Paid orders per thousand page views.
    pub paid_per_mille_views: i64,
    /// What the paid orders came to, per currency.
    pub revenue: Vec<Money>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::ChannelRow) = |domain::ChannelRow {
                                       source: _,
                                       medium: _,
                                       campaign: _,
                                       page_views: _,
                                       orders: _,
                                       paid: _,
                                       paid_per_mille_views: _,
                                       revenue: _,
                                   }| {};

/// What one tracking link brought to its event.
#[derive(Serialize, ToSchema)]
pub struct LinkRow {
    pub link_id: Uuid,
    pub event_id: Uuid,
    pub event_title: String,
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// The address handed out.
    pub path: String,
    pub page_views: i64,
    pub orders: i64,
    pub paid: i64,
    pub currency: String,
    pub revenue_minor: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::LinkRow) = |domain::LinkRow {
                                    link_id: _,
                                    event_id: _,
                                    event_title: _,
                                    source: _,
                                    medium: _,
                                    campaign: _,
                                    path: _,
                                    page_views: _,
                                    orders: _,
                                    paid: _,
                                    currency: _,
                                    revenue_minor: _,
                                }| {};

/// Searches that found nothing, or few.
#[derive(Serialize, ToSchema)]
pub struct SearchGap {
    /// The words, folded (empty: a search by its filters alone).
    pub words: String,
    /// The city it was narrowed to, if any.
    pub city: String,
    /// Most results any of them found: 0, or up to 3.
    pub results: i32,
    pub searches: i64,
    /// Searchers, each counted once a day.
    pub searchers: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::SearchGap) =
    |domain::SearchGap { words: _, city: _, results: _, searches: _, searchers: _ }| {};

/// A ticket type with nothing left to sell, or with people waiting for it.
#[derive(Serialize, ToSchema)]
pub struct SoldOut {
    pub event_id: Uuid,
    pub title: String,
    pub city: String,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ticket_type: String,
    pub capacity: i64,
    /// People on its waiting list, and the tickets they ask for.
    pub waiting: i64,
    pub waiting_tickets: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::SoldOut) = |domain::SoldOut {
                                    event_id: _,
                                    title: _,
                                    city: _,
                                    starts_at: _,
                                    ticket_type: _,
                                    capacity: _,
                                    waiting: _,
                                    waiting_tickets: _,
                                }| {};

/// The whole report.
#[derive(Serialize, ToSchema)]
pub struct Market {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub time_zone: String,
    pub city: Option<String>,
    pub category: Option<String>,
    pub funnel: Funnel,
    pub by_city: Vec<FunnelRow>,
    pub by_category: Vec<FunnelRow>,
    pub by_price_band: Vec<FunnelRow>,
    pub by_rail: Vec<RailRow>,
    pub who: Who,
    /// Where buyers live against where the events they paid for are, most orders first.
    pub flows: Vec<FlowRow>,
    /// The channels, most page views first (at most 100).
    pub channels: Vec<ChannelRow>,
    pub tracking_links: Vec<LinkRow>,
    /// Searches with no results, then those with few, most searched first.
    pub search_gaps: Vec<SearchGap>,
    /// Upcoming ticket types sold out, the longest waiting lists first.
    pub sold_out: Vec<SoldOut>,
    /// "Tell me when" requests, the most open first.
    pub interests: Vec<InterestRow>,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::Market) = |domain::Market {
                                   from: _,
                                   to: _,
                                   time_zone: _,
                                   city: _,
                                   category: _,
                                   funnel: _,
                                   by_city: _,
                                   by_category: _,
                                   by_price_band: _,
                                   by_rail: _,
                                   who: _,
                                   flows: _,
                                   channels: _,
                                   tracking_links: _,
                                   search_gaps: _,
                                   sold_out: _,
                                   interests: _,
                               }| {};

/// "Tell me when" requests made in the range for a city and a category (either may be open).
#[derive(Serialize, ToSchema)]
pub struct InterestRow {
    pub city: String,
    pub category: String,
    /// Still waiting for a match.
    pub open: i64,
    /// Answered with an event.
    pub answered: i64,
}

// Fails to compile when the core type gains or loses a field.
const _: fn(domain::InterestRow) = |domain::InterestRow { city: _, category: _, open: _, answered: _ }| {};
