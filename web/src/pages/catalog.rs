//! The catalog's pages (`home.html`, `search.html`, `event.html`, with the `_filters`,
//! `_cards` and `_pager` partials): what anyone can browse without signing in.

use askama::Template;

use super::{Choice, Chrome};
use crate::map::MapView;
use crate::view::{EventCard, EventDetail};

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
    /// Where the listing is near, kept as the form is submitted again: (name, value).
    pub kept: Vec<(&'static str, String)>,
    /// The same listing anywhere (without the place), when it is near one.
    pub anywhere_href: Option<String>,
    /// A field the visitor got wrong, and why.
    pub error: Option<(String, String)>,
}

impl FilterForm {
    /// Whether `field` is the one the visitor got wrong.
    pub fn is_invalid(&self, field: &str) -> bool {
        self.error.as_ref().is_some_and(|(wrong, _)| wrong == field)
    }

    /// Whether the place (`near`, `radius_km`, `sort`) is what the visitor got wrong: then it
    /// is not kept, so the next submit starts afresh.
    pub fn place_is_invalid(&self) -> bool {
        self.error.as_ref().is_some_and(|(wrong, _)| matches!(wrong.as_str(), "near" | "radius_km" | "sort"))
    }

    /// The script behind the form's "near me" button.
    pub fn near_me_script(&self) -> &'static str {
        crate::assets::near_me_script_href()
    }
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub chrome: Chrome,
    pub filters: FilterForm,
    pub events: Vec<EventCard>,
    /// The page's events on a map, when asked for (`view=map`).
    pub map: Option<MapView>,
    /// The same page with the map shown, or without it when it is.
    pub map_toggle_href: Option<String>,
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
    /// The page's results on a map, when asked for (`view=map`).
    pub map: Option<MapView>,
    /// The same page with the map shown, or without it when it is.
    pub map_toggle_href: Option<String>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
    /// "Tell me when" for this search (its words, city and category).
    pub tell_me_href: String,
}

/// `/cities/{city}`: what is on in one city, narrowed to a neighbourhood, on a map and listed.
#[derive(Template)]
#[template(path = "city.html")]
pub struct CityPage {
    pub chrome: Chrome,
    pub city: String,
    /// How many events, in the city and country (in the reader's language).
    pub intro: String,
    /// "All neighbourhoods" first, then each neighbourhood with events: (label, href, chosen).
    pub neighbourhoods: Vec<(String, String, bool)>,
    pub events: Vec<EventCard>,
    pub map: Option<MapView>,
    /// None: the map is always shown.
    pub map_toggle_href: Option<String>,
    pub next_href: Option<String>,
    pub first_href: Option<String>,
}

#[derive(Template)]
#[template(path = "event.html")]
pub struct EventPage {
    pub chrome: Chrome,
    pub event: EventDetail,
    pub local_time_script: &'static str,
    /// "More like this": (message id of the heading, cards), lists with cards only.
    pub related: Vec<(&'static str, Vec<EventCard>)>,
    /// The city's page ("More in Lisbon"): (city, href).
    pub city_link: (String, String),
}
