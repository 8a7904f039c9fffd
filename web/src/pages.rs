//! One askama template struct per page. Handlers fill them; templates only lay them out.

use askama::Template;

use crate::view::{EventCard, EventDetail};

/// What every page's frame needs: the stylesheet's cache-busting URL and the search box text.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub stylesheet: &'static str,
    pub favicon: &'static str,
    pub query: String,
}

impl Chrome {
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            stylesheet: crate::assets::stylesheet_href(),
            favicon: crate::assets::favicon_href(),
            query: query.into(),
        }
    }
}

/// An option in a filter menu.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The filter form shared by the home and search pages; its fields keep what was chosen.
#[derive(Debug, Clone)]
pub struct FilterForm {
    pub action: &'static str,
    pub q: String,
    pub cities: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub from: String,
    pub to: String,
    pub max_price: String,
    /// A field the visitor got wrong, and why.
    pub error: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub chrome: Chrome,
    pub filters: FilterForm,
    pub events: Vec<EventCard>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
    pub filtered: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub chrome: Chrome,
    pub filters: FilterForm,
    pub q: String,
    pub corrected_query: Option<String>,
    pub events: Vec<EventCard>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
}

#[derive(Template)]
#[template(path = "event.html")]
pub struct EventPage {
    pub chrome: Chrome,
    pub event: EventDetail,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub chrome: Chrome,
    pub status: u16,
    pub title: String,
    pub message: String,
}
