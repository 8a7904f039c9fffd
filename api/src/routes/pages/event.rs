use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tessera_core::catalog;
use tessera_web::pages::{Chrome, EventPage};
use tessera_web::view::{EventCard, EventDetail};

use super::account::viewer_chrome;
use crate::error::{Error, PageError, render_html};
use crate::state::AppState;

#[derive(Debug, serde::Deserialize)]
pub struct EventQuery {
    /// `1`: the event as the organiser wrote it, even when it is translated into the reader's
    /// language.
    original: Option<String>,
}

/// The published or cancelled event under `slug`; only what could be a slug reaches the
/// database.
async fn public_event(state: &AppState, slug: &str) -> Result<catalog::Event, Error> {
    let plausible =
        slug.len() <= 120 && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plausible {
        return Err(Error::NotFound("event"));
    }
    catalog::event_by_slug(&state.db, slug).await?.ok_or(Error::NotFound("event"))
}

/// `GET /events/{slug}`: the event's page, with times in its own time zone.
pub async fn event(
    State(state): State<AppState>,
    viewer: crate::auth::Viewer,
    Path(slug): Path<String>,
    Query(query): Query<EventQuery>,
) -> Result<Response, PageError> {
    let event = public_event(&state, &slug).await?;
    let related = tessera_core::search::related(state.search.as_ref(), &state.db, &event, 4).await?;
    let cards = |events: Vec<catalog::Event>| events.iter().map(EventCard::new).collect::<Vec<_>>();
    let note = crate::demand::Note::event(
        tessera_core::demand::Kind::EventView,
        &event,
        viewer.0.as_ref().map(|signed_in| signed_in.account.id),
    );
    Ok(note.attach(render_html(
        StatusCode::OK,
        &EventPage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            event: EventDetail::new(&event, chrono::Utc::now(), query.original.as_deref() == Some("1")),
            local_time_script: tessera_web::assets::local_time_script_href(),
            city_link: (event.city.clone(), super::city::city_href(&event.city)),
            related: [
                ("event-related-nearby", cards(related.nearby)),
                ("event-related-same-kind", cards(related.same_kind)),
                ("event-related-also-bought", cards(related.also_bought)),
            ]
            .into_iter()
            .filter(|(_, cards)| !cards.is_empty())
            .collect(),
        },
    )))
}

/// `GET /events/{slug}/calendar.ics`: the event as a calendar entry, on its own clock and
/// zone, its title in the reader's language when translated. Published and cancelled events,
/// like the page.
pub async fn calendar(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let event = public_event(&state, &slug).await?;
    let ics = tessera_web::ics::calendar(&calendar_event(&state, &event), chrono::Utc::now());
    let headers = [
        (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
        (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{}.ics\"", event.slug)),
        (header::CACHE_CONTROL, "public, max-age=300".to_string()),
    ];
    Ok((headers, ics).into_response())
}

/// What a calendar shows of `event`, for a reader of the request's language.
pub fn calendar_event(state: &AppState, event: &catalog::Event) -> tessera_web::ics::CalendarEvent {
    let (title, language) = match event.translation_for(tessera_i18n::current().tag()) {
        Some((tag, text)) => (text.title.clone(), tag.to_string()),
        None => (event.title.clone(), event.language.clone()),
    };
    let url = state
        .config
        .public_url
        .join(&format!("/events/{}", event.slug))
        .map(String::from)
        .unwrap_or_default();
    tessera_web::ics::CalendarEvent {
        uid: format!("{}@{}", event.id, state.config.public_url.host_str().unwrap_or("tessera")),
        title,
        language,
        description: url.clone(),
        location: format!("{}, {}, {}", event.venue_name, event.address, event.city),
        url,
        starts_at: event.starts_at,
        ends_at: event.ends_at,
        timezone: event.timezone.parse().unwrap_or(chrono_tz::Tz::UTC),
        cancelled: event.status == catalog::EventStatus::Cancelled,
        sequence: event.version,
    }
}
