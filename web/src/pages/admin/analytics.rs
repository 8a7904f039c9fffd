//! Sales analytics (`admin/analytics.html`): the figures and the charts' rows.

use askama::Template;

use crate::pages::{Choice, Chrome};

#[derive(Template)]
#[template(path = "admin/analytics.html")]
pub struct AdminAnalyticsPage {
    pub chrome: Chrome,
    pub from: String,
    pub to: String,
    pub time_zone: String,
    /// "Days in Europe/Lisbon, Dec 1, 2026 to Dec 31, 2026.", in the page's language.
    pub range_note: String,
    /// The event filter: every event, the chosen one selected.
    pub events_filter: Vec<Choice>,
    /// A bad filter, said plainly; the figures are then those of the default range.
    pub error: Option<String>,
    /// The same figures as JSON.
    pub json_href: String,
    pub received: Vec<ReceivedCard>,
    pub by_method: Vec<MethodRow>,
    pub method_chart: String,
    pub days: Vec<DayRow>,
    pub orders_chart: String,
    pub tickets_chart: String,
    pub funnel: Vec<(String, i64)>,
    pub funnel_chart: String,
    pub cities: Vec<(String, i64, i64)>,
    pub cities_chart: String,
    pub categories: Vec<(String, i64, i64)>,
    pub categories_chart: String,
    pub events: Vec<EventSalesRow>,
}

/// What came in in one asset, in its own unit.
#[derive(Debug, Clone)]
pub struct ReceivedCard {
    /// `1,234.50 EUR`, `0.0125 BTC`.
    pub amount: String,
    /// What it was paid by, in words.
    pub kind: String,
    pub orders: i64,
    /// Refunded of it, and what stays; empty when nothing was refunded.
    pub refunded: String,
    pub net: String,
}

#[derive(Debug, Clone)]
pub struct MethodRow {
    pub method: String,
    pub orders: i64,
    pub tickets: i64,
    /// The orders' totals, formatted in their currency.
    pub amount: String,
}

#[derive(Debug, Clone)]
pub struct DayRow {
    pub date: String,
    pub placed: i64,
    pub paid: i64,
    pub tickets: i64,
}

#[derive(Debug, Clone)]
pub struct EventSalesRow {
    pub title: String,
    pub href: String,
    pub city: String,
    pub sold: i64,
    pub held: i64,
    pub capacity: i64,
    /// `42.5 %`.
    pub sell_through: String,
    pub revenue: String,
}
