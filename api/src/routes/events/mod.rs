//! The catalog as JSON: `GET /api/events`, `GET /api/events/{id}`, `GET|POST /api/search`.

pub mod list;
pub mod related;
pub mod search;
pub mod show;

use serde::Serialize;
use tessera_core::catalog::{Event, EventText};

/// An event as the catalog's JSON gives it: its texts (title, description, ticket type names)
/// in the request's language when the organiser translated them, the original beside them,
/// and every translation.
#[derive(Debug, Serialize)]
pub struct LocalizedEvent {
    #[serde(flatten)]
    pub event: Event,
    /// The language of `title`: the request's when there is a translation into it, else the
    /// event's own (`language`). The description and names follow where translated.
    pub text_language: String,
    /// The title and description as written, in the event's own language.
    pub original: EventText,
}

impl LocalizedEvent {
    /// `event` as the organiser wrote it, whatever the request's language (what admins edit).
    pub fn as_written(event: Event) -> Self {
        let original = EventText { title: event.title.clone(), description: event.description.clone() };
        LocalizedEvent { text_language: event.language.clone(), original, event }
    }

    /// `event` for a reader of the request's language (`?lang=`, the chosen language,
    /// `Accept-Language`).
    pub fn new(mut event: Event) -> Self {
        let original = EventText { title: event.title.clone(), description: event.description.clone() };
        let wanted = tessera_i18n::current().tag();
        let text_language = match event.translation_for(wanted) {
            Some((tag, text)) => {
                let (tag, text) = (tag.to_string(), text.clone());
                for ticket_type in &mut event.ticket_types {
                    if let Some(name) = ticket_type.translations.get(&tag) {
                        ticket_type.name = name.clone();
                    }
                }
                event.title = text.title;
                if !text.description.is_empty() {
                    event.description = text.description;
                }
                tag
            }
            None => event.language.clone(),
        };
        LocalizedEvent { event, text_language, original }
    }
}
