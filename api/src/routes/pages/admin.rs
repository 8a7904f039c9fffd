//! The admin console as HTML: the event list with search, the create and edit forms (times in
//! the event's own zone, prices in its own units), delete with confirmation, the audit log.
//! The steps are the same `tessera_core::catalog` functions the JSON API calls.

use std::collections::HashMap;
use std::str::FromStr as _;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDateTime, TimeZone as _, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use tessera_core::catalog::{
    self, CatalogError, Category, Event, EventInput, EventPatch, FieldError, TicketTypeInput,
};
use tessera_core::money::Currency;
use tessera_web::pages::{
    AdminAuditPage, AdminEventDeletePage, AdminEventFormPage, AdminEventRow, AdminEventsPage, AuditRow,
    Choice, Chrome, EventForm, TicketRow,
};
use uuid::Uuid;

use super::account::viewer_chrome;
use crate::auth::csrf::{self, CsrfToken};
use crate::auth::{SignedIn, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::extract::FormBody;
use crate::state::AppState;

/// Blank ticket-type rows offered for new types.
const BLANK_TICKET_ROWS: usize = 2;

/// Someone who may not see an admin page, and where they go instead.
enum NotAdmin {
    /// Not signed in: to the login page, and back here afterwards.
    LogIn(String),
    /// Signed in without the admin role: a 403 page.
    Forbidden,
}

impl IntoResponse for NotAdmin {
    fn into_response(self) -> Response {
        match self {
            NotAdmin::LogIn(here) => Redirect::to(&format!("/login?next={here}")).into_response(),
            NotAdmin::Forbidden => PageError(Error::Forbidden("This page is for admins.")).into_response(),
        }
    }
}

/// The signed-in admin, or where to send everyone else.
fn admin_or_redirect(viewer: &Viewer, here: &str) -> Result<SignedIn, NotAdmin> {
    match &viewer.0 {
        Some(signed_in) if signed_in.account.is_admin() => Ok(signed_in.clone()),
        Some(_) => Err(NotAdmin::Forbidden),
        None => Err(NotAdmin::LogIn(here.to_string())),
    }
}

fn with_csrf(csrf: &CsrfToken, mut response: Response) -> Response {
    if let Some(cookie) = csrf.set_cookie.clone() {
        response.headers_mut().append(axum::http::header::SET_COOKIE, cookie);
    }
    response
}

fn zone_of(event: &Event) -> Tz {
    Tz::from_str(&event.timezone).unwrap_or(Tz::UTC)
}

// ---- the list

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    deleted: Option<String>,
}

pub async fn events(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(query): Query<ListQuery>,
) -> Response {
    if let Err(not_admin) = admin_or_redirect(&viewer, "/admin/events") {
        return not_admin.into_response();
    }
    let q = query.q.unwrap_or_default().replace('\0', "").trim().to_string();
    let events = match catalog::events_for_admin(&state.db, &q, 200).await {
        Ok(events) => events,
        Err(err) => return PageError::from(err).into_response(),
    };
    let rows = events
        .iter()
        .map(|event| AdminEventRow {
            id: event.id.to_string(),
            title: event.title.clone(),
            place: event.city.clone(),
            when: event.starts_at.with_timezone(&zone_of(event)).format("%a %-d %b %Y, %H:%M %Z").to_string(),
            status: event.status.as_str(),
            version: event.version,
            slug: event.slug.clone(),
        })
        .collect();
    render_html(
        StatusCode::OK,
        &AdminEventsPage {
            chrome: Chrome::new("", viewer_chrome(&viewer)),
            q,
            rows,
            notice: query.deleted.map(|_| "The event was deleted.".to_string()),
        },
    )
}

// ---- create and edit

fn categories(selected: &str) -> Vec<Choice> {
    Category::ALL
        .iter()
        .map(|c| Choice {
            value: c.as_str().into(),
            label: c.label().into(),
            selected: c.as_str() == selected,
        })
        .collect()
}

fn statuses(selected: &str) -> Vec<Choice> {
    ["draft", "published", "cancelled"]
        .iter()
        .map(|s| Choice {
            value: (*s).into(),
            label: s[..1].to_uppercase() + &s[1..],
            selected: *s == selected,
        })
        .collect()
}

/// `1850` with exponent 2 is `18.50`: what an admin types back, without grouping.
fn major_units(amount_minor: i64, exponent: u32) -> String {
    let scale = 10i64.pow(exponent);
    if exponent == 0 {
        amount_minor.to_string()
    } else {
        format!("{}.{:0width$}", amount_minor / scale, amount_minor % scale, width = exponent as usize)
    }
}

/// `"18.5"` in a currency with exponent 2 is `1850`; exact, no floats.
fn minor_units(field: String, raw: &str, exponent: u32) -> Result<i64, FieldError> {
    let raw = raw.trim();
    let (units, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(units) || (!fraction.is_empty() && !digits(fraction)) || fraction.len() > exponent as usize {
        let example = major_units(1850 * 10i64.pow(exponent) / 100, exponent);
        return Err(FieldError::new(field, format!("is not a price like {example}")));
    }
    let units: i64 = units.parse().map_err(|_| FieldError::new(field.clone(), "is too large"))?;
    let fraction: i64 = format!("{fraction:0<width$}", width = exponent as usize).parse().unwrap_or(0);
    units
        .checked_mul(10i64.pow(exponent))
        .and_then(|minor| minor.checked_add(fraction))
        .ok_or_else(|| FieldError::new(field, "is too large"))
}

fn form_from_event(event: &Event) -> EventForm {
    let zone = zone_of(event);
    let exponent = Currency::from_str(&event.currency).map_or(2, Currency::exponent);
    let mut tickets: Vec<TicketRow> = event
        .ticket_types
        .iter()
        .enumerate()
        .map(|(index, t)| TicketRow {
            index,
            id: t.id.to_string(),
            name: t.name.clone(),
            price: major_units(t.price_minor, exponent),
            capacity: t.capacity.to_string(),
        })
        .collect();
    let first_blank = tickets.len();
    tickets
        .extend((0..BLANK_TICKET_ROWS).map(|i| TicketRow { index: first_blank + i, ..TicketRow::default() }));
    EventForm {
        title: event.title.clone(),
        description: event.description.clone(),
        category: event.category.as_str().into(),
        city: event.city.clone(),
        region: event.region.clone(),
        country: event.country.clone(),
        venue_name: event.venue_name.clone(),
        address: event.address.clone(),
        latitude: event.latitude.to_string(),
        longitude: event.longitude.to_string(),
        starts_local: event.starts_at.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string(),
        ends_local: event.ends_at.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string(),
        timezone: event.timezone.clone(),
        language: event.language.clone(),
        tags: event.tags.join(", "),
        image_alt: event.image_alt.clone(),
        status: event.status.as_str().into(),
        currency: event.currency.clone(),
        tickets,
    }
}

/// The submitted form as the admin typed it (to show again), and as an event to save.
/// `stored` is the event being edited: a time left as the form showed it keeps its exact
/// instant (seconds, and the right side of a clock change) instead of being re-read.
fn read_form(
    fields: &HashMap<String, String>,
    stored: Option<&Event>,
) -> (EventForm, Result<EventInput, FieldError>) {
    let get = |key: &str| fields.get(key).cloned().unwrap_or_default();
    let mut tickets = Vec::new();
    for index in 0..50 {
        let row = TicketRow {
            index,
            id: get(&format!("tt_id_{index}")),
            name: get(&format!("tt_name_{index}")),
            price: get(&format!("tt_price_{index}")),
            capacity: get(&format!("tt_capacity_{index}")),
        };
        if !fields.keys().any(|key| key.ends_with(&format!("_{index}")) && key.starts_with("tt_")) {
            break;
        }
        tickets.push(row);
    }
    let form = EventForm {
        title: get("title"),
        description: get("description").replace("\r\n", "\n"),
        category: get("category"),
        city: get("city"),
        region: get("region"),
        country: get("country"),
        venue_name: get("venue_name"),
        address: get("address"),
        latitude: get("latitude"),
        longitude: get("longitude"),
        starts_local: get("starts_local"),
        ends_local: get("ends_local"),
        timezone: get("timezone"),
        language: get("language"),
        tags: get("tags"),
        image_alt: get("image_alt"),
        status: get("status"),
        currency: get("currency").trim().to_uppercase(),
        tickets,
    };
    let input = event_input(&form, stored);
    (form, input)
}

fn event_input(form: &EventForm, stored: Option<&Event>) -> Result<EventInput, FieldError> {
    let unchanged = stored.filter(|event| event.timezone == form.timezone.trim()).map(form_from_event);
    let zone = Tz::from_str(form.timezone.trim())
        .map_err(|_| FieldError::new("timezone", "is not an IANA time zone like Europe/Lisbon"))?;
    let instant = |field: &'static str, local: &str| -> Result<String, FieldError> {
        let local = NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M:%S"))
            .map_err(|_| FieldError::new(field, "is not a date and time"))?;
        let at: DateTime<Utc> = zone
            .from_local_datetime(&local)
            .earliest()
            .ok_or_else(|| {
                FieldError::new(field, format!("does not exist in {zone} (the clocks change then)"))
            })?
            .with_timezone(&Utc);
        Ok(at.to_rfc3339())
    };
    let starts_at = match (&unchanged, stored) {
        (Some(shown), Some(event)) if shown.starts_local == form.starts_local.trim() => {
            event.starts_at.to_rfc3339()
        }
        _ => instant("starts_at", &form.starts_local)?,
    };
    let ends_at = match (&unchanged, stored) {
        (Some(shown), Some(event)) if shown.ends_local == form.ends_local.trim() => {
            event.ends_at.to_rfc3339()
        }
        _ => instant("ends_at", &form.ends_local)?,
    };
    let number = |field: &'static str, raw: &str| -> Result<f64, FieldError> {
        raw.trim().parse::<f64>().map_err(|_| FieldError::new(field, "is not a number"))
    };
    let currency = Currency::from_str(form.currency.trim())
        .map_err(|err| FieldError::new("currency", err.to_string()))?;
    let mut ticket_types = Vec::new();
    for row in form.tickets.iter().filter(|row| !row.name.trim().is_empty()) {
        let at = format!("ticket_types[{}]", row.index);
        ticket_types.push(TicketTypeInput {
            id: match row.id.trim() {
                "" => None,
                id => Some(
                    Uuid::try_parse(id).map_err(|_| FieldError::new(format!("{at}.id"), "is not ours"))?,
                ),
            },
            name: row.name.clone(),
            price_minor: minor_units(format!("{at}.price_minor"), &row.price, currency.exponent())?,
            currency: currency.code().to_string(),
            capacity: row
                .capacity
                .trim()
                .parse()
                .map_err(|_| FieldError::new(format!("{at}.capacity"), "is not a whole number"))?,
        });
    }
    Ok(EventInput {
        title: form.title.clone(),
        description: form.description.clone(),
        category: form.category.clone(),
        city: form.city.clone(),
        region: form.region.clone(),
        country: form.country.clone(),
        venue_name: form.venue_name.clone(),
        address: form.address.clone(),
        latitude: number("latitude", &form.latitude)?,
        longitude: number("longitude", &form.longitude)?,
        starts_at,
        ends_at,
        timezone: form.timezone.clone(),
        language: form.language.clone(),
        tags: form.tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect(),
        image_alt: form.image_alt.clone(),
        status: Some(form.status.clone()),
        ticket_types,
        currency: Some(currency.code().to_string()),
    })
}

#[allow(clippy::too_many_arguments)]
fn form_page(
    viewer: &Viewer,
    csrf: &str,
    heading: String,
    action: String,
    version: Option<i32>,
    event: Option<&Event>,
    mut form: EventForm,
    error: Option<(String, String)>,
    notice: Option<String>,
) -> AdminEventFormPage {
    // Always offer blank rows for new ticket types.
    let used = form.tickets.iter().filter(|t| !t.name.trim().is_empty()).count();
    let blanks = form.tickets.len().saturating_sub(used);
    let first = form.tickets.len();
    form.tickets.extend(
        (0..BLANK_TICKET_ROWS.saturating_sub(blanks))
            .map(|i| TicketRow { index: first + i, ..TicketRow::default() }),
    );
    AdminEventFormPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        heading,
        action,
        version,
        event_id: event.map(|e| e.id.to_string()),
        slug: event.map(|e| e.slug.clone()),
        image: event.and_then(|e| e.image.clone()),
        categories: categories(&form.category),
        statuses: statuses(&form.status),
        form,
        error,
        notice,
    }
}

pub async fn new_event(viewer: Viewer, csrf: CsrfToken) -> Response {
    if let Err(not_admin) = admin_or_redirect(&viewer, "/admin/events/new") {
        return not_admin.into_response();
    }
    let form = EventForm {
        category: "concert".into(),
        status: "draft".into(),
        tickets: vec![TicketRow { index: 0, ..TicketRow::default() }],
        ..EventForm::default()
    };
    let page = form_page(
        &viewer,
        &csrf.token,
        "New event".into(),
        "/admin/events/new".into(),
        None,
        None,
        form,
        None,
        None,
    );
    with_csrf(&csrf, render_html(StatusCode::OK, &page))
}

pub async fn create_event(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    FormBody(fields): FormBody<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let admin = match admin_or_redirect(&viewer, "/admin/events/new") {
        Ok(admin) => admin,
        Err(not_admin) => return Ok(not_admin.into_response()),
    };
    csrf::verify(&headers, fields.get("csrf_token").map_or("", String::as_str))?;
    let (form, input) = read_form(&fields, None);
    let err: CatalogError = match input.and_then(EventInput::parse) {
        Ok(parsed) => {
            let mut tx = state.db.begin().await?;
            match catalog::create_event(&mut tx, admin.account.id, &parsed).await {
                Ok(id) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&format!("/admin/events/{id}/edit?saved=1")).into_response());
                }
                Err(err) => err,
            }
        }
        Err(field) => CatalogError::Invalid(field),
    };
    let err = Error::from(err);
    let status = err.status();
    let Error::InvalidField(field) = err else {
        return Err(err.into());
    };
    let csrf = fields.get("csrf_token").cloned().unwrap_or_default();
    let page = form_page(
        &viewer,
        &csrf,
        "New event".into(),
        "/admin/events/new".into(),
        None,
        None,
        form,
        Some((field.field.to_string(), field.message)),
        None,
    );
    Ok(render_html(status, &page))
}

#[derive(Debug, Deserialize)]
pub struct EditQuery {
    saved: Option<String>,
}

pub async fn edit_event_page(
    State(state): State<AppState>,
    viewer: Viewer,
    csrf: CsrfToken,
    Path(id): Path<String>,
    Query(query): Query<EditQuery>,
) -> Result<Response, PageError> {
    if let Err(not_admin) = admin_or_redirect(&viewer, "/admin/events") {
        return Ok(not_admin.into_response());
    }
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("event"))?;
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let page = form_page(
        &viewer,
        &csrf.token,
        format!("Edit “{}”", event.title),
        format!("/admin/events/{id}/edit"),
        Some(event.version),
        Some(&event),
        form_from_event(&event),
        None,
        query.saved.map(|_| "Saved.".to_string()),
    );
    Ok(with_csrf(&csrf, render_html(StatusCode::OK, &page)))
}

pub async fn edit_event(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    FormBody(fields): FormBody<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let admin = match admin_or_redirect(&viewer, "/admin/events") {
        Ok(admin) => admin,
        Err(not_admin) => return Ok(not_admin.into_response()),
    };
    csrf::verify(&headers, fields.get("csrf_token").map_or("", String::as_str))?;
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("event"))?;
    let version: i32 = fields.get("version").and_then(|v| v.trim().parse().ok()).unwrap_or(0);
    let stored = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let (form, input) = read_form(&fields, Some(&stored));

    let err: CatalogError = match input {
        Ok(input) => {
            let patch = EventPatch {
                version,
                title: Some(input.title),
                description: Some(input.description),
                category: Some(input.category),
                city: Some(input.city),
                region: Some(input.region),
                country: Some(input.country),
                venue_name: Some(input.venue_name),
                address: Some(input.address),
                latitude: Some(input.latitude),
                longitude: Some(input.longitude),
                starts_at: Some(input.starts_at),
                ends_at: Some(input.ends_at),
                timezone: Some(input.timezone),
                language: Some(input.language),
                tags: Some(input.tags),
                image_alt: Some(input.image_alt),
                status: input.status,
                ticket_types: Some(input.ticket_types),
                currency: input.currency,
            };
            let mut tx = state.db.begin().await?;
            match catalog::edit_event(&mut tx, admin.account.id, id, patch).await {
                Ok(()) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&format!("/admin/events/{id}/edit?saved=1")).into_response());
                }
                Err(err) => err,
            }
        }
        Err(field) => CatalogError::Invalid(field),
    };
    let err = Error::from(err);
    let status = err.status();
    let message = match &err {
        Error::InvalidField(field) => (field.field.to_string(), field.message.clone()),
        Error::Conflict { message, .. } => ("version".to_string(), message.clone()),
        _ => return Err(err.into()),
    };
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let csrf = fields.get("csrf_token").cloned().unwrap_or_default();
    let page = form_page(
        &viewer,
        &csrf,
        format!("Edit “{}”", event.title),
        format!("/admin/events/{id}/edit"),
        Some(version),
        Some(&event),
        form,
        Some(message),
        None,
    );
    Ok(render_html(status, &page))
}

// ---- the image

pub async fn upload_image(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    mut multipart: axum::extract::Multipart,
) -> Result<Response, PageError> {
    let admin = match admin_or_redirect(&viewer, "/admin/events") {
        Ok(admin) => admin,
        Err(not_admin) => return Ok(not_admin.into_response()),
    };
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("event"))?;
    let mut csrf_token = String::new();
    let mut upload = None;
    while let Some(field) =
        multipart.next_field().await.map_err(|err| Error::InvalidBody(format!("unreadable upload: {err}")))?
    {
        match field.name() {
            Some("csrf_token") => csrf_token = field.text().await.unwrap_or_default(),
            Some("image") => {
                upload = Some(field.bytes().await.map_err(|_| Error::PayloadTooLarge)?);
            }
            _ => {}
        }
    }
    csrf::verify(&headers, &csrf_token)?;
    let bytes = upload
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| Error::InvalidField(FieldError::new("image", "choose a file to upload")));
    let stored = match bytes {
        Ok(bytes) => crate::routes::admin::events::image::store(&state, bytes).await,
        Err(err) => Err(err),
    };
    let err = match stored {
        Ok(media_id) => {
            let mut tx = state.db.begin().await?;
            catalog::set_event_image(&mut tx, admin.account.id, id, media_id).await.map_err(Error::from)?;
            tx.commit().await?;
            return Ok(Redirect::to(&format!("/admin/events/{id}/edit?saved=1")).into_response());
        }
        Err(err) => err,
    };
    let status = err.status();
    let message = match &err {
        Error::InvalidField(field) => (field.field.to_string(), field.message.clone()),
        Error::PayloadTooLarge => ("image".to_string(), "is larger than 10 MB".to_string()),
        _ => return Err(err.into()),
    };
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let page = form_page(
        &viewer,
        &csrf_token,
        format!("Edit “{}”", event.title),
        format!("/admin/events/{id}/edit"),
        Some(event.version),
        Some(&event),
        form_from_event(&event),
        Some(message),
        None,
    );
    Ok(render_html(status, &page))
}

// ---- delete

pub async fn delete_event_page(
    State(state): State<AppState>,
    viewer: Viewer,
    csrf: CsrfToken,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    if let Err(not_admin) = admin_or_redirect(&viewer, "/admin/events") {
        return Ok(not_admin.into_response());
    }
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("event"))?;
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let page = AdminEventDeletePage {
        chrome: Chrome::new("", viewer_chrome(&viewer)),
        csrf: csrf.token.clone(),
        event_id: id.to_string(),
        title: event.title,
        error: None,
    };
    Ok(with_csrf(&csrf, render_html(StatusCode::OK, &page)))
}

#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf_token: String,
}

pub async fn delete_event(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    FormBody(form): FormBody<CsrfForm>,
) -> Result<Response, PageError> {
    let admin = match admin_or_redirect(&viewer, "/admin/events") {
        Ok(admin) => admin,
        Err(not_admin) => return Ok(not_admin.into_response()),
    };
    csrf::verify(&headers, &form.csrf_token)?;
    let id = Uuid::try_parse(&id).map_err(|_| Error::NotFound("event"))?;
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let mut tx = state.db.begin().await?;
    match catalog::delete_event(&mut tx, admin.account.id, id).await {
        Ok(()) => {
            tx.commit().await?;
            Ok(Redirect::to("/admin/events?deleted=1").into_response())
        }
        Err(CatalogError::InUse) => {
            let Error::Conflict { message, .. } = Error::from(CatalogError::InUse) else {
                unreachable!("InUse maps to a conflict")
            };
            let page = AdminEventDeletePage {
                chrome: Chrome::new("", viewer_chrome(&viewer)),
                csrf: form.csrf_token.clone(),
                event_id: id.to_string(),
                title: event.title,
                error: Some(message),
            };
            Ok(render_html(StatusCode::CONFLICT, &page))
        }
        Err(err) => Err(Error::from(err).into()),
    }
}

// ---- the audit log

pub async fn audit(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    if let Err(not_admin) = admin_or_redirect(&viewer, "/admin/audit") {
        return Ok(not_admin.into_response());
    }
    let entries = catalog::audit_log(&state.db, None, 200).await?;
    let rows = entries
        .into_iter()
        .map(|entry| {
            let title = entry
                .after
                .as_ref()
                .or(entry.before.as_ref())
                .and_then(|event| event["title"].as_str())
                .unwrap_or("")
                .to_string();
            let changes = match (&entry.before, &entry.after) {
                (Some(serde_json::Value::Object(before)), Some(serde_json::Value::Object(after))) => after
                    .iter()
                    .filter(|(key, value)| key.as_str() != "version" && before.get(*key) != Some(value))
                    .map(|(key, _)| key.clone())
                    .collect(),
                _ => Vec::new(),
            };
            AuditRow {
                at: entry.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                admin: entry.admin.unwrap_or_else(|| "(deleted account)".into()),
                action: entry.action,
                event_id: entry.event_id.to_string(),
                title,
                changes,
            }
        })
        .collect();
    Ok(render_html(StatusCode::OK, &AdminAuditPage { chrome: Chrome::new("", viewer_chrome(&viewer)), rows }))
}

#[cfg(test)]
mod tests {
    use super::{major_units, minor_units};

    #[test]
    fn prices_convert_exactly_between_what_admins_type_and_minor_units() {
        assert_eq!(minor_units("p".into(), "18.5", 2).unwrap(), 1850);
        assert_eq!(minor_units("p".into(), "18", 2).unwrap(), 1800);
        assert_eq!(minor_units("p".into(), "3500", 0).unwrap(), 3500);
        assert!(minor_units("p".into(), "35.5", 0).is_err(), "yen have no cents");
        assert!(minor_units("p".into(), "1.999", 2).is_err());
        assert!(minor_units("p".into(), "-1", 2).is_err());
        assert!(minor_units("p".into(), "abc", 2).is_err());
        assert_eq!(major_units(1850, 2), "18.50");
        assert_eq!(major_units(3500, 0), "3500");
        assert_eq!(major_units(5, 3), "0.005");
    }
}
