//! Managing events (`admin/events.html`, `admin/event_form.html`, `admin/event_delete.html`):
//! the list, the create/edit form with its ticket types, and the delete confirmation.

use askama::Template;

use crate::pages::{Choice, Chrome};

/// An event's row in the admin list.
#[derive(Debug, Clone)]
pub struct AdminEventRow {
    pub id: String,
    pub title: String,
    pub place: String,
    pub when: String,
    /// `draft`, `published`, `cancelled`, for CSS.
    pub status: &'static str,
    /// The status in words, in the page's language.
    pub status_label: String,
    pub slug: String,
}

#[derive(Template)]
#[template(path = "admin/events.html")]
pub struct AdminEventsPage {
    pub chrome: Chrome,
    pub q: String,
    pub rows: Vec<AdminEventRow>,
    pub notice: Option<String>,
}

/// A ticket type's row in the event form (blank rows add new types).
#[derive(Debug, Clone, Default)]
pub struct TicketRow {
    pub index: usize,
    pub id: String,
    pub name: String,
    /// In major units, as typed: "18.00".
    pub price: String,
    pub capacity: String,
}

/// The create/edit form, filled with what the admin typed or what is saved.
#[derive(Debug, Clone, Default)]
pub struct EventForm {
    pub title: String,
    pub description: String,
    pub category: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub venue_name: String,
    pub address: String,
    pub neighbourhood: String,
    pub latitude: String,
    pub longitude: String,
    /// `YYYY-MM-DDTHH:MM` in the event's own time zone.
    pub starts_local: String,
    pub ends_local: String,
    pub timezone: String,
    pub language: String,
    /// Comma-separated.
    pub tags: String,
    pub image_alt: String,
    pub status: String,
    pub currency: String,
    pub tickets: Vec<TicketRow>,
    /// One per translation, and a blank one for adding a language.
    pub translations: Vec<TranslationForm>,
}

/// A translation on the event form: beside each original text, its text in `language`.
#[derive(Debug, Clone, Default)]
pub struct TranslationForm {
    pub index: usize,
    /// BCP 47; empty in the blank slot.
    pub language: String,
    pub title: String,
    pub description: String,
    /// By the ticket rows' `index`: (row index, the original name, its translation).
    pub ticket_names: Vec<(usize, String, String)>,
}

#[derive(Template)]
#[template(path = "admin/event_form.html")]
pub struct AdminEventFormPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub heading: String,
    pub action: String,
    /// The version being edited; none when creating.
    pub version: Option<i32>,
    pub event_id: Option<String>,
    pub slug: Option<String>,
    /// The event's current image, when it has one.
    pub image: Option<String>,
    pub form: EventForm,
    pub categories: Vec<Choice>,
    pub statuses: Vec<Choice>,
    /// The field at fault and why, or a problem with the whole form.
    pub error: Option<(String, String)>,
    pub notice: Option<String>,
    /// An existing event's refunds: its policy, and a cancelled event's refunds under way.
    pub refunds: Option<EventRefundsPanel>,
    /// An existing event's limits per account and who holds its tickets.
    pub holds: Option<EventHoldsPanel>,
}

/// The per-account limits form and the accounts holding the event's tickets.
#[derive(Debug, Clone, Default)]
pub struct EventHoldsPanel {
    pub max_tickets_per_account: String,
    pub allow_delayed_methods: bool,
    pub accounts: Vec<HolderRow>,
}

/// One account holding tickets of the event.
#[derive(Debug, Clone, Default)]
pub struct HolderRow {
    pub account_id: String,
    pub email: String,
    pub name: String,
    pub held: i32,
    pub kept_for_payment: i32,
    pub bought: i32,
    pub open_orders: i32,
    /// When its earliest live hold runs out, on the event's clock; empty when none is live.
    pub holds_until: String,
}

/// The refund policy form and a cancelled event's refund progress.
#[derive(Debug, Clone, Default)]
pub struct EventRefundsPanel {
    /// Hours before the start until which customers may cancel; empty: no self-service refunds.
    pub until_hours_before: String,
    /// The fee in percent, `10` or `2.5`.
    pub fee_percent: String,
    /// The event is cancelled: its paid orders are being refunded.
    pub cancelled: bool,
    pub paid_orders: i64,
    pub refunded: i64,
    pub pending: i64,
    pub failed: i64,
}

impl AdminEventFormPage {
    pub fn is_invalid(&self, field: &str) -> bool {
        self.error
            .as_ref()
            .is_some_and(|(wrong, _)| wrong == field || wrong.starts_with(&format!("{field}[")))
    }

    /// Whether the error is about the translation into `language`.
    pub fn is_invalid_translation(&self, language: &str) -> bool {
        !language.is_empty()
            && self.error.as_ref().is_some_and(|(wrong, _)| {
                wrong.strip_prefix("translations.").is_some_and(|rest| {
                    rest == language
                        || rest.starts_with(&format!("{language}."))
                        || rest.starts_with(&format!("{language}["))
                })
            })
    }
}

#[derive(Template)]
#[template(path = "admin/event_delete.html")]
pub struct AdminEventDeletePage {
    pub chrome: Chrome,
    pub csrf: String,
    pub event_id: String,
    pub title: String,
    pub error: Option<String>,
}
