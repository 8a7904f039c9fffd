//! The buy page: ticket types with live availability, quantities and the payment method; the
//! form places the order (the same `crate::orders::buy` as the JSON API) and sends the
//! customer to pay.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use tessera_core::catalog::{self, Event, EventStatus};
use tessera_core::order::{self, BuyItem, MAX_TICKETS_PER_ORDER, PaymentMethod};
use tessera_core::waitlist::{self, WaitlistError};
use tessera_web::pages::{BuyPage, BuyRow, Chrome, PlaceView, WaitlistRow};
use tessera_web::view::{EventCard, price};
use uuid::Uuid;

use super::account::viewer_chrome;
use crate::auth::client_ip::ClientIp;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::page::PageRefusal;
use crate::auth::{SignedInPage, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::orders;
use crate::state::AppState;

async fn published_event(state: &AppState, slug: &str) -> Result<Event, PageError> {
    let plausible =
        slug.len() <= 120 && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plausible {
        return Err(Error::NotFound("event").into());
    }
    Ok(catalog::event_by_slug(&state.db, slug).await?.ok_or(Error::NotFound("event"))?)
}

#[derive(Debug, serde::Deserialize)]
pub struct BuyQuery {
    /// `joined` or `left`: what was just done to a waiting list's place.
    waitlist: Option<String>,
}

/// `GET /events/{slug}/buy`.
pub async fn buy_page(
    State(state): State<AppState>,
    signed_in: Result<SignedInPage, PageRefusal>,
    csrf: CsrfToken,
    Path(slug): Path<String>,
    Query(query): Query<BuyQuery>,
) -> Result<Response, PageError> {
    // An event that does not exist is not found, even for a visitor who is not signed in.
    let event = published_event(&state, &slug).await?;
    let viewer = match signed_in {
        Ok(signed_in) => signed_in.viewer(),
        // Wanting to buy counts before signing in.
        Err(refusal) => {
            let note = crate::demand::Note::event(tessera_core::demand::Kind::BuyView, &event, None);
            let mut response = refusal.into_response();
            response.extensions_mut().insert(note);
            return Ok(response);
        }
    };
    let note = crate::demand::Note::event(
        tessera_core::demand::Kind::BuyView,
        &event,
        viewer.0.as_ref().map(|signed_in| signed_in.account.id),
    );
    let mut page = page(&state, &viewer, &csrf.token, &event, &HashMap::new(), None).await?;
    page.waitlist_notice = match query.waitlist.as_deref() {
        Some("joined") => Some(tessera_i18n::t("waitlist-joined")),
        Some("left") => Some(tessera_i18n::t("waitlist-left")),
        _ => None,
    };
    Ok(note.attach(csrf.attach(render_html(StatusCode::OK, &page))))
}

/// `POST /events/{slug}/waitlist`: takes a place in a sold-out ticket type's waiting list.
pub async fn join_waitlist(
    State(state): State<AppState>,
    signed_in: Result<SignedInPage, PageRefusal>,
    csrf: CsrfToken,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let event = published_event(&state, &slug).await?;
    let (viewer, signed_in) = match signed_in {
        Ok(page) => (page.viewer(), page.0),
        Err(refusal) => return Ok(refusal.into_response()),
    };
    let field = |name: &str| form.get(name).map(|v| v.trim()).unwrap_or_default();
    let ticket_type = Uuid::try_parse(field("ticket_type_id")).ok();
    let quantity = field("quantity").parse::<i32>().unwrap_or(0);
    // Free tickets need no payment method (a shop may take none); the offer is settled as free.
    let free = match ticket_type {
        Some(id) => {
            order::all_free(&state.db, event.id, &[BuyItem { ticket_type_id: id, quantity: 1 }]).await?
        }
        None => false,
    };
    let method = field("payment_method")
        .parse::<PaymentMethod>()
        .ok()
        // Offers are quoted on the first chain: only what it takes.
        .filter(|m| state.takes(*m, None))
        .or(free.then_some(PaymentMethod::Card));
    let refusal = match (ticket_type, method) {
        // The offer is emailed and its tickets go to the address: it must be theirs.
        _ if !signed_in.account.email_verified => "error-email-unverified",
        (Some(ticket_type), Some(method)) => {
            match waitlist::join(
                &state.db,
                signed_in.account.id,
                event.id,
                ticket_type,
                quantity,
                method,
                tessera_i18n::current().tag(),
            )
            .await
            {
                Ok(_) => {
                    return Ok(
                        Redirect::to(&format!("/events/{}/buy?waitlist=joined", event.slug)).into_response()
                    );
                }
                Err(WaitlistError::Database(err)) => return Err(Error::Database(err).into()),
                Err(WaitlistError::NoTicketType) => "waitlist-no-type",
                Err(WaitlistError::Closed) => "error-event-started",
                Err(WaitlistError::NotSoldOut) => "waitlist-not-sold-out",
                Err(WaitlistError::AlreadyWaiting) => "waitlist-already",
                Err(WaitlistError::Quantity) => "waitlist-quantity",
            }
        }
        (None, _) => "waitlist-no-type",
        (_, None) => "waitlist-method",
    };
    let page =
        page(&state, &viewer, &csrf.token, &event, &HashMap::new(), Some(tessera_i18n::t(refusal))).await?;
    Ok(csrf.attach(render_html(StatusCode::UNPROCESSABLE_ENTITY, &page)))
}

/// `POST /events/{slug}/waitlist/leave`: gives up a place still waiting.
pub async fn leave_waitlist(
    State(state): State<AppState>,
    signed_in: Result<SignedInPage, PageRefusal>,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let signed_in = match signed_in {
        Ok(page) => page.0,
        Err(refusal) => return Ok(refusal.into_response()),
    };
    let event = published_event(&state, &slug).await?;
    let entry = form.get("entry_id").and_then(|raw| Uuid::try_parse(raw.trim()).ok());
    let left = match entry {
        Some(entry) => waitlist::leave(&state.db, signed_in.account.id, entry).await.map_err(Error::from)?,
        None => false,
    };
    if !left {
        return Err(Error::NotFound("place").into());
    }
    Ok(Redirect::to(&format!("/events/{}/buy?waitlist=left", event.slug)).into_response())
}

/// `POST /events/{slug}/buy`: places the order and redirects to the checkout.
pub async fn buy_submit(
    State(state): State<AppState>,
    signed_in: Result<SignedInPage, PageRefusal>,
    ip: ClientIp,
    visit: crate::demand::VisitChannel,
    csrf: CsrfToken,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let event = published_event(&state, &slug).await?;
    let (viewer, signed_in) = match signed_in {
        Ok(page) => (page.viewer(), page.0),
        Err(refusal) => return Ok(refusal.into_response()),
    };
    let mut chosen = HashMap::new();
    let mut items = Vec::new();
    for ticket_type in &event.ticket_types {
        let quantity = form
            .get(&format!("qty_{}", ticket_type.id))
            .and_then(|q| q.trim().parse::<i32>().ok())
            .unwrap_or(0);
        if quantity > 0 {
            chosen.insert(ticket_type.id, quantity);
            items.push(BuyItem { ticket_type_id: ticket_type.id, quantity });
        }
    }
    let (method, chain) = form
        .get("payment_method")
        .and_then(|m| crate::state::parse_choice(m))
        .unwrap_or((PaymentMethod::Card, None));
    // The key came with the form, so a double click is one order.
    let key = form.get("idempotency_key").map(String::as_str).filter(|k| order::is_idempotency_key(k));
    let err = match orders::buy(
        &state,
        orders::Origin { ip, channel: &visit.0 },
        &signed_in.account,
        event.id,
        &items,
        (method, chain),
        key,
    )
    .await
    {
        Ok(bought) => {
            let to = bought
                .redirect_url
                .filter(|_| bought.status == order::OrderStatus::PendingPayment)
                .unwrap_or_else(|| format!("/orders/{}", bought.order_id));
            return Ok(Redirect::to(&to).into_response());
        }
        Err(err) => err,
    };
    let message = match &err {
        Error::InvalidField(field) if field.field == "items" => {
            Some(tessera_i18n::t_args("error-choose-tickets", [("problem", field.message.as_str().into())]))
        }
        Error::InvalidField(field) => Some(tessera_i18n::t_args(
            "error-field-problem",
            [("field", field.field.as_ref().into()), ("problem", field.message.as_str().into())],
        )),
        Error::SoldOut(_)
        | Error::Conflict { .. }
        | Error::TooManyRequests { .. }
        | Error::Gone { .. }
        | Error::Unprocessable { .. }
        | Error::PaymentUnavailable(_) => Some(err.to_string()),
        _ => None,
    };
    let Some(message) = message else { return Err(err.into()) };
    let message = match &err {
        Error::SoldOut(lines) => lines
            .iter()
            .map(|l| {
                let name =
                    reader_name(&event, l.ticket_type_id).map_or_else(|| l.name.clone(), |(name, _)| name);
                tessera_i18n::t_args(
                    "error-sold-out-short",
                    [("name", name.into()), ("count", l.available.into())],
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
        Error::PaymentUnavailable(_) => tessera_i18n::t("error-payment-unavailable-short"),
        _ => message,
    };
    // A fresh form (and key): the attempt that failed is over.
    let page = page(&state, &viewer, &csrf.token, &event, &chosen, Some(message)).await?;
    let mut response = render_html(err.status(), &page);
    if let Error::TooManyRequests { retry_after_secs, .. } = err {
        response.headers_mut().insert(axum::http::header::RETRY_AFTER, retry_after_secs.into());
    }
    Ok(response)
}

async fn page(
    state: &AppState,
    viewer: &Viewer,
    csrf: &str,
    event: &Event,
    chosen: &HashMap<Uuid, i32>,
    error: Option<String>,
) -> Result<BuyPage, PageError> {
    let mut conn = state.db.acquire().await?;
    let available = order::availability(&mut conn, event.id).await?;
    let closed = if event.status == EventStatus::Cancelled {
        Some(tessera_i18n::t("error-event-cancelled"))
    } else if event.starts_at <= Utc::now() {
        Some(tessera_i18n::t("error-event-started"))
    } else if available.is_empty() {
        Some(tessera_i18n::t("error-none-on-sale-yet"))
    } else {
        None
    };
    let rows = available
        .iter()
        .map(|t| {
            let available = t.available.max(0);
            let (name, language) = reader_name(event, t.ticket_type_id)
                .unwrap_or_else(|| (t.name.clone(), event.language.clone()));
            BuyRow {
                id: t.ticket_type_id.to_string(),
                name,
                language,
                price: price(&event.currency, t.price_minor),
                available,
                quantities: (0..=available.min(MAX_TICKETS_PER_ORDER)).collect(),
                selected: chosen.get(&t.ticket_type_id).copied().unwrap_or(0),
            }
        })
        .collect();
    // A sold-out ticket type takes names, unless the viewer already has a place in its line.
    let places = match viewer.0.as_ref() {
        Some(signed_in) => waitlist::of_account(&state.db, signed_in.account.id, event.id).await?,
        None => Vec::new(),
    };
    let name_of = |id: Uuid| {
        reader_name(event, id).map(|(name, _)| name).unwrap_or_else(|| {
            available.iter().find(|t| t.ticket_type_id == id).map(|t| t.name.clone()).unwrap_or_default()
        })
    };
    let waitlist = if closed.is_some() {
        Vec::new()
    } else {
        available
            .iter()
            .filter(|t| t.available <= 0 && !places.iter().any(|p| p.ticket_type_id == t.ticket_type_id))
            .map(|t| {
                let (name, language) = reader_name(event, t.ticket_type_id)
                    .unwrap_or_else(|| (t.name.clone(), event.language.clone()));
                WaitlistRow {
                    id: t.ticket_type_id.to_string(),
                    name,
                    language,
                    quantities: (1..=waitlist::MAX_QUANTITY.min(MAX_TICKETS_PER_ORDER)).collect(),
                }
            })
            .collect()
    };
    let places = places
        .iter()
        .map(|place| {
            let args = [
                ("position", place.position.unwrap_or(0).into()),
                ("quantity", place.quantity.into()),
                ("ticket", name_of(place.ticket_type_id).into()),
            ];
            PlaceView {
                entry_id: place.entry_id.to_string(),
                text: match place.order_id {
                    Some(_) => tessera_i18n::t_args("waitlist-offered", args),
                    None => tessera_i18n::t_args("waitlist-in-line", args),
                },
                offer_href: place.order_id.map(|order| format!("/orders/{order}")),
            }
        })
        .collect();
    Ok(BuyPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        event: EventCard::new(event),
        slug: event.slug.clone(),
        rows,
        methods: state.checkout_choices(),
        // A waiting list's offer is quoted on the first chain.
        waitlist_methods: state
            .payment_methods()
            .into_iter()
            .filter(|m| state.takes(*m, None))
            .map(|m| (m.as_str(), tessera_web::view::method_label(m)))
            .collect(),
        hold_minutes: state.config.hold.as_secs() / 60,
        crypto_hold_minutes: state
            .payment_methods()
            .iter()
            .find(|m| m.quotes_rate())
            .map(|m| state.config.hold_for(*m).as_secs() / 60)
            .filter(|crypto| *crypto < state.config.hold.as_secs() / 60),
        max_tickets: MAX_TICKETS_PER_ORDER,
        idempotency_key: Uuid::new_v4().to_string(),
        closed,
        unverified: viewer.0.as_ref().is_some_and(|signed_in| !signed_in.account.email_verified),
        error,
        sandbox: state.card.as_ref().is_some_and(|card| card.is_sandbox()),
        waitlist,
        places,
        waitlist_notice: None,
    })
}

/// A ticket type's name in the reader's language, with its tag, where the organiser translated
/// the event into it.
fn reader_name(event: &Event, ticket_type_id: Uuid) -> Option<(String, String)> {
    let (tag, _) = event.translation_for(tessera_i18n::current().tag())?;
    let name = event.ticket_types.iter().find(|t| t.id == ticket_type_id)?.translations.get(tag)?;
    Some((name.clone(), tag.to_string()))
}
