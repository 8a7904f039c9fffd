//! The catalog as JSON: `GET /api/events`, `GET /api/events/{id}`, `GET|POST /api/search`.

pub mod list;
pub mod related;
pub mod search;
pub mod show;

use serde::Serialize;
use tessera_core::catalog::{Event, EventText, TicketType};
use tessera_core::search::Hit;

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
        let reading = Reading::of(&event);
        let (text_language, title, description) =
            (reading.language.to_string(), reading.title.to_string(), reading.description.to_string());
        let ticket_types = reading.ticket_types(&event);
        event.title = title;
        event.description = description;
        if let Some(ticket_types) = ticket_types {
            event.ticket_types = ticket_types;
        }
        LocalizedEvent { event, text_language, original }
    }

    /// Writes `hit` as JSON exactly as [`LocalizedEvent::new`] would give it for the request's
    /// language, without copying the event: what a translation changes is written here, the
    /// rest is the index's rendering, made once per event ([`Hit::json_members_in_every_language`]).
    pub fn write_hit(hit: &Hit, out: &mut Vec<u8>) -> serde_json::Result<()> {
        /// The members [`Event::JSON_MEMBERS_BY_LANGUAGE`] and ours.
        #[derive(Serialize)]
        struct InLanguage<'a> {
            title: &'a str,
            description: &'a str,
            ticket_types: &'a [TicketType],
            text_language: &'a str,
            original: Original<'a>,
            #[serde(skip_serializing_if = "Option::is_none")]
            distance_km: Option<f64>,
        }
        #[derive(Serialize)]
        struct Original<'a> {
            title: &'a str,
            description: &'a str,
        }
        let event = &hit.event;
        let reading = Reading::of(event);
        let translated_names = reading.ticket_types(event);
        serde_json::to_writer(
            &mut *out,
            &InLanguage {
                title: reading.title,
                description: reading.description,
                ticket_types: translated_names.as_deref().unwrap_or(&event.ticket_types),
                text_language: reading.language,
                original: Original { title: &event.title, description: &event.description },
                distance_km: hit.distance_km,
            },
        )?;
        let shared = hit.json_members_in_every_language();
        if !shared.is_empty() && out.last() == Some(&b'}') {
            out.pop();
            out.push(b',');
            out.extend_from_slice(shared.as_bytes());
            out.push(b'}');
        }
        Ok(())
    }
}

/// What a reader of the request's language is shown of an event: the organiser's translation
/// into it when there is one (its description only when translated too), else the original.
struct Reading<'a> {
    /// The language of `title`.
    language: &'a str,
    title: &'a str,
    description: &'a str,
    /// The translation's language tag, which names ticket types too.
    translation: Option<&'a str>,
}

impl<'a> Reading<'a> {
    fn of(event: &'a Event) -> Self {
        match event.translation_for(tessera_i18n::current().tag()) {
            Some((tag, text)) => Reading {
                language: tag,
                title: &text.title,
                description: if text.description.is_empty() { &event.description } else { &text.description },
                translation: Some(tag),
            },
            None => Reading {
                language: &event.language,
                title: &event.title,
                description: &event.description,
                translation: None,
            },
        }
    }

    /// The event's ticket types with their names translated, when any name is; None when they
    /// read as written.
    fn ticket_types(&self, event: &Event) -> Option<Vec<TicketType>> {
        let tag = self.translation?;
        event.ticket_types.iter().any(|ticket_type| ticket_type.translations.contains_key(tag)).then(|| {
            event
                .ticket_types
                .iter()
                .map(|ticket_type| {
                    let mut ticket_type = ticket_type.clone();
                    if let Some(name) = ticket_type.translations.get(tag) {
                        ticket_type.name = name.clone();
                    }
                    ticket_type
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use tessera_core::catalog::{Category, Event, EventStatus, EventText, ImageRendition, TicketType};
    use tessera_core::search::Hit;

    use super::LocalizedEvent;

    fn event() -> Event {
        Event {
            id: uuid::Uuid::from_u128(0x6f1c_8a4e_0000_4000_8000_0000_0000_0001),
            slug: "noite-de-fado".into(),
            title: "Noite de Fado".into(),
            description: "Fado \"vadio\" na Mouraria.\nTrês vozes.".into(),
            category: Category::Concert,
            city: "Lisbon".into(),
            region: "Lisboa".into(),
            country: "PT".into(),
            venue_name: "Tasca do Chico".into(),
            address: "Rua do Diário de Notícias 39".into(),
            neighbourhood: "Bairro Alto".into(),
            latitude: 38.7116,
            longitude: -9.1456,
            starts_at: "2027-01-09T21:30:00Z".parse().expect("a time"),
            ends_at: "2027-01-09T23:30:00Z".parse().expect("a time"),
            timezone: "Europe/Lisbon".into(),
            language: "pt".into(),
            tags: vec!["fado".into(), "música".into()],
            image: Some("events/fado.jpg".into()),
            image_renditions: vec![ImageRendition {
                url: "/media/events/fado-480.webp".into(),
                width: 480,
                height: 320,
                format: "webp".into(),
            }],
            image_alt: "Três fadistas".into(),
            status: EventStatus::Published,
            version: 3,
            min_price_minor: Some(1800),
            currency: "EUR".into(),
            ticket_types: vec![TicketType {
                id: uuid::Uuid::nil(),
                name: "Mesa".into(),
                price_minor: 1800,
                currency: "EUR".into(),
                capacity: 40,
                translations: BTreeMap::from([("en".into(), "Table".into())]),
            }],
            translations: BTreeMap::from([
                ("en".into(), EventText { title: "Fado Night".into(), description: "Three voices.".into() }),
                ("ja".into(), EventText { title: "ファドの夜".into(), description: String::new() }),
            ]),
            distance_km: None,
        }
    }

    /// The JSON a search writes from the index is the JSON of the event localized, in every
    /// case: translated with names, translated without them, untranslated, with a distance.
    #[tokio::test]
    async fn a_hit_is_written_as_the_localized_event() {
        for (locale, distance) in [
            (tessera_i18n::Locale::En, None),
            (tessera_i18n::Locale::Ja, Some(1.25)),
            (tessera_i18n::Locale::Pt, None),
            (tessera_i18n::Locale::De, Some(0.0)),
        ] {
            let mut event = event();
            event.distance_km = distance;
            let page = tessera_i18n::PageContext {
                locale,
                origin: String::new(),
                path: "/api/search".into(),
                query: String::new(),
            };
            tessera_i18n::scope(page, async {
                let expected = serde_json::to_value(LocalizedEvent::new(event.clone())).expect("written");
                let mut out = Vec::new();
                LocalizedEvent::write_hit(&Hit::loaded(event), &mut out).expect("written");
                let written: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
                assert_eq!(written, expected, "{locale:?}");
            })
            .await;
        }
    }
}
