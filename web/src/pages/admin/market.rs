//! The Market page (`admin/market.html`): demand beside the ledger, each table with its chart
//! and its CSV.

use askama::Template;

use crate::pages::{Choice, Chrome};

#[derive(Template)]
#[template(path = "admin/market.html")]
pub struct AdminMarketPage {
    pub chrome: Chrome,
    pub from: String,
    pub to: String,
    pub city: String,
    /// The category filter: every category, the chosen one selected.
    pub categories: Vec<Choice>,
    /// "Days in Europe/Lisbon, Dec 1, 2026 to Dec 31, 2026.", in the page's language.
    pub range_note: String,
    /// A bad filter, said plainly; the figures are then those of the default range.
    pub error: Option<String>,
    /// The same figures as JSON.
    pub json_href: String,
    /// Headline figures: (what, how many).
    pub cards: Vec<(String, String)>,
    pub sections: Vec<MarketSection>,
}

/// One of the page's questions: willing to pay, who, where, how to reach them, what is missing.
#[derive(Debug, Clone)]
pub struct MarketSection {
    pub title: String,
    pub hint: String,
    pub tables: Vec<MarketTable>,
}

/// A table, its chart (an inline SVG, or empty) and where to download it as CSV.
#[derive(Debug, Clone)]
pub struct MarketTable {
    pub caption: String,
    pub chart: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Said instead of an empty table.
    pub empty: String,
    pub csv_href: String,
}
