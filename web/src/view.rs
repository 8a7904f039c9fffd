//! What pages show of an event, formatted for people: dates in the event's own time zone,
//! prices in its own currency, country names instead of codes.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tessera_core::catalog::{Category, Event, EventStatus, EventText};
use tessera_core::money::{Currency, plain_decimal};
use tessera_i18n::format::{Style, instant, zone_name};
use tessera_i18n::{Locale, current, message_args};

/// An event as a card in a list.
#[derive(Debug, Clone)]
pub struct EventCard {
    pub href: String,
    pub title: String,
    /// The event's language, for the title's `lang`.
    pub language: String,
    pub category: String,
    pub place: String,
    pub when: String,
    pub datetime: String,
    pub image: Option<String>,
    /// `srcset` values, empty when there are no renditions.
    pub srcset_webp: String,
    pub srcset_jpeg: String,
    pub image_alt: String,
    pub price: Option<String>,
    /// "1.8 km away", when the listing was asked near a place.
    pub distance: Option<String>,
    pub cancelled: bool,
}

impl EventCard {
    /// The card in the request's language when the organiser translated the event into it,
    /// else as written.
    pub fn new(event: &Event) -> Self {
        Self::with_text(event, event.translation_for(current().tag()))
    }

    fn with_text(event: &Event, translation: Option<(&str, &EventText)>) -> Self {
        let (title, language) = match translation {
            Some((tag, text)) => (text.title.clone(), tag.to_string()),
            None => (event.title.clone(), event.language.clone()),
        };
        Self {
            href: format!("/events/{}", event.slug),
            title,
            language,
            category: category_label(event.category),
            place: format!("{}, {}", event.city, country_name(&event.country)),
            distance: event.distance_km.map(|km| {
                let tenths = (km * 10.0).round() as i64;
                message_args(
                    current(),
                    "card-distance",
                    [("km", tessera_i18n::format::tenths(current(), tenths).into())],
                )
            }),
            when: instant(current(), event.starts_at, &event.timezone, Style::DayTime),
            datetime: event.starts_at.to_rfc3339(),
            image: event.image.clone(),
            srcset_webp: srcset(event, "webp"),
            srcset_jpeg: srcset(event, "jpeg"),
            image_alt: event.image_alt.clone(),
            price: event.min_price_minor.map(|min| {
                message_args(current(), "card-from-price", [("price", price(&event.currency, min).into())])
            }),
            cancelled: event.status == EventStatus::Cancelled,
        }
    }
}

/// A category's name in the current request's language.
pub fn category_label(category: Category) -> String {
    tessera_i18n::t(match category {
        Category::Festival => "category-festival",
        Category::Concert => "category-concert",
        Category::Comedy => "category-comedy",
        Category::Theatre => "category-theatre",
        Category::Food => "category-food",
        Category::Workshop => "category-workshop",
        Category::Tour => "category-tour",
        Category::Exhibition => "category-exhibition",
        Category::Market => "category-market",
        Category::Dance => "category-dance",
    })
}

/// A payment method's name in the current request's language.
pub fn method_label(method: tessera_core::order::PaymentMethod) -> String {
    use tessera_core::order::PaymentMethod;
    tessera_i18n::t(match method {
        PaymentMethod::Card => "method-card",
        PaymentMethod::Btc => "method-btc",
        PaymentMethod::Lightning => "method-lightning",
        PaymentMethod::Eth => "method-eth",
        PaymentMethod::Usdc => "method-usdc",
        PaymentMethod::Usdt => "method-usdt",
        PaymentMethod::Eurc => "method-eurc",
    })
}

/// A ticket type as a line on the event page.
#[derive(Debug, Clone)]
pub struct TicketLine {
    pub name: String,
    /// The name's language (the translation's, or the event's own where it has none).
    pub language: String,
    pub price: String,
}

/// The event page's note on its language: shown translated ("Translated from Português by the
/// organiser", with a link to the original), or shown as written at the reader's request (with
/// a link back to the translation).
#[derive(Debug, Clone)]
pub struct TextSwitch {
    /// Empty when showing the original.
    pub note: String,
    pub link: String,
    pub href: String,
    /// The language the link leads to, for its `hreflang`.
    pub link_lang: String,
}

/// The current page's address with `original=1` set, or taken out.
fn page_href(original: bool) -> String {
    let Some(page) = tessera_i18n::page() else {
        return if original { "?original=1".into() } else { "?".into() };
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in url::form_urlencoded::parse(page.query.as_bytes()) {
        if key != "original" && key != "lang" {
            query.append_pair(&key, &value);
        }
    }
    // Links keep the page's language, as the switcher's do.
    query.append_pair("lang", page.locale.tag());
    if original {
        query.append_pair("original", "1");
    }
    let query = query.finish();
    if query.is_empty() { page.path.clone() } else { format!("{}?{query}", page.path) }
}

/// An event on its own page.
#[derive(Debug, Clone)]
pub struct EventDetail {
    pub card: EventCard,
    /// Set when the organiser translated the event into the reader's language.
    pub switch: Option<TextSwitch>,
    pub paragraphs: Vec<String>,
    pub when_long: String,
    pub timezone: String,
    /// The IANA zone, for the browser to add the viewer's own time when it differs.
    pub zone_id: String,
    pub venue_name: String,
    pub address: String,
    /// The venue, its address and the country, in the order the country writes addresses.
    pub address_lines: Vec<String>,
    /// What separates them on one line: a space in Japan, a comma elsewhere.
    pub address_separator: &'static str,
    /// The language the venue and address are written in: the event's own.
    pub place_language: String,
    pub map_href: String,
    pub language: String,
    /// The description's language: the original's when the translation has none.
    pub description_language: String,
    pub tags: Vec<String>,
    pub tickets: Vec<TicketLine>,
    pub is_past: bool,
}

impl EventDetail {
    /// The event's page in the request's language when the organiser translated the event into
    /// it (saying so, with a link to the original), unless `original` asks for the event as
    /// written (with a link back to the translation).
    pub fn new(event: &Event, now: DateTime<Utc>, original: bool) -> Self {
        let translation = event.translation_for(current().tag());
        let shown = translation.filter(|_| !original);
        let (description, description_language) = match shown {
            Some((tag, text)) if !text.description.trim().is_empty() => (text.description.as_str(), tag),
            _ => (event.description.as_str(), event.language.as_str()),
        };
        let language_name = |tag: &str| tessera_i18n::format::autonym(tag).unwrap_or_else(|| tag.to_string());
        let switch = translation.map(|(tag, _)| match shown {
            Some(_) => TextSwitch {
                note: {
                    let primary = event.language.split('-').next().unwrap_or_default();
                    let name = tessera_i18n::format::language(current(), primary);
                    let name = name.unwrap_or_else(|| event.language.clone());
                    message_args(current(), "event-translated", [("language", name.into())])
                },
                link: message_args(
                    current(),
                    "event-show-original",
                    [("language", language_name(&event.language).into())],
                ),
                href: page_href(true),
                link_lang: event.language.clone(),
            },
            None => TextSwitch {
                note: String::new(),
                link: message_args(
                    current(),
                    "event-show-translation",
                    [("language", language_name(tag).into())],
                ),
                href: page_href(false),
                link_lang: tag.to_string(),
            },
        });
        let shown_tag = shown.map(|(tag, _)| tag.to_string());
        Self {
            card: EventCard::with_text(event, shown),
            switch,
            paragraphs: description
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect(),
            when_long: when_long(event),
            timezone: zone_label(event),
            zone_id: event.timezone.clone(),
            venue_name: event.venue_name.clone(),
            address: event.address.clone(),
            address_lines: tessera_i18n::format::address_lines(
                current(),
                &event.country,
                &event.venue_name,
                &event.address,
                &event.city,
            ),
            address_separator: tessera_i18n::format::address_separator(&event.country, &event.address),
            place_language: event.language.clone(),
            map_href: format!(
                "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=17/{lat:.5}/{lon:.5}",
                lat = event.latitude,
                lon = event.longitude
            ),
            language: shown_tag.clone().unwrap_or_else(|| event.language.clone()),
            description_language: description_language.to_string(),
            tags: event.tags.clone(),
            tickets: event
                .ticket_types
                .iter()
                .map(|t| {
                    let translated = shown_tag.as_ref().and_then(|tag| Some((tag, t.translations.get(tag)?)));
                    TicketLine {
                        name: translated.map_or(&t.name, |(_, name)| name).clone(),
                        language: translated.map_or(&event.language, |(tag, _)| tag).clone(),
                        price: price(&t.currency, t.price_minor),
                    }
                })
                .collect(),
            is_past: event.ends_at <= now,
        }
    }
}

/// `"/media/a-400.webp 400w, /media/a-800.webp 800w"` for one format.
fn srcset(event: &Event, format: &str) -> String {
    event
        .image_renditions
        .iter()
        .filter(|r| r.format == format)
        .map(|r| format!("{} {}w", r.url, r.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "Saturday, December 5, 2026, 9:30 PM – 11:30 PM", or across days "Friday, December 4,
/// 2026, 6:00 PM – Sunday, December 6, 2026, 11:00 PM", on the event's clock, in the
/// request's language (the zone is named beside it).
fn when_long(event: &Event) -> String {
    let locale = current();
    let zone = event.timezone.as_str();
    let tz = Tz::from_str(zone).unwrap_or(Tz::UTC);
    let same_day =
        event.starts_at.with_timezone(&tz).date_naive() == event.ends_at.with_timezone(&tz).date_naive();
    let mut args = tessera_i18n::FluentArgs::new();
    args.set("date", instant(locale, event.starts_at, zone, Style::LongDate));
    args.set("start", instant(locale, event.starts_at, zone, Style::Time));
    if same_day {
        args.set("end", instant(locale, event.ends_at, zone, Style::Time));
        tessera_i18n::message_with(locale, "event-when-one-day", &args)
    } else {
        args.set("end_date", instant(locale, event.ends_at, zone, Style::LongDate));
        args.set("end", instant(locale, event.ends_at, zone, Style::Time));
        tessera_i18n::message_with(locale, "event-when-days", &args)
    }
}

/// The event's zone named in the request's language: "Portugal Time".
pub fn zone_label(event: &Event) -> String {
    zone_name(current(), event.starts_at, &event.timezone)
}

/// A price as the request's language writes it (see [`price_in`]).
pub fn price(currency: &str, amount_minor: i64) -> String {
    price_in(current(), currency, amount_minor)
}

/// A price in `currency` (ISO 4217) as `locale` writes it: `€18.00`, `18,00 €`, `45,00 zł`.
/// A code CLDR does not know is written as the plain amount and the code; one that is not a
/// currency at all, as minor units and the code, rather than guessed at.
pub fn price_in(locale: Locale, currency: &str, amount_minor: i64) -> String {
    match Currency::from_str(currency) {
        Ok(code) => tessera_i18n::format::money(locale, code.code(), amount_minor, code.exponent())
            .unwrap_or_else(|| format!("{} {}", plain_decimal(amount_minor, code.exponent()), code.code())),
        Err(_) => format!("{amount_minor} {currency} (minor units)"),
    }
}

/// A horizontal run of dark QR modules: (row, first column, length).
pub type QrRun = (usize, usize, usize);

/// `data` as a QR code (error correction M): its width in modules and its dark modules as
/// horizontal runs `(row, first column, length)`, the shape both the order page's SVG and the
/// tickets' PDF draw. None when `data` does not fit in a QR code.
pub fn qr_runs(data: &str) -> Option<(usize, Vec<QrRun>)> {
    let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let dark = |row: usize, col: usize| colors[row * width + col] == qrcode::Color::Dark;
    let mut runs = Vec::new();
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if !dark(row, col) {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && dark(row, col) {
                col += 1;
            }
            runs.push((row, start, col - start));
        }
    }
    Some((width, runs))
}

/// `data` as a QR code in SVG (dark modules as one path, a quiet zone of four modules), or None
/// when it does not fit in a QR code. Attributes only, no inline style (the CSP forbids it).
pub fn qr_svg(data: &str, label: &str) -> Option<String> {
    use std::fmt::Write as _;
    let (width, runs) = qr_runs(data)?;
    let size = width + 8;
    let mut path = String::new();
    for (row, start, len) in runs {
        let _ = write!(path, "M{} {}h{len}v1h-{len}z", start + 4, row + 4);
    }
    let aria: String = label
        .chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&#39;".to_string(),
            c => c.to_string(),
        })
        .collect();
    Some(format!(
        r##"<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="240" height="240" role="img" aria-label="{aria}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

/// A country's name in the request's language (see [`country_name_in`]).
pub fn country_name(code: &str) -> String {
    country_name_in(current(), code)
}

/// "Portugal" for "PT" in `locale` (`ポルトガル` in Japanese); the code itself if it is not a
/// country CLDR names.
pub fn country_name_in(locale: Locale, code: &str) -> String {
    tessera_i18n::format::country(locale, code).unwrap_or_else(|| code.to_string())
}

/// An order as its pages and the account's order list show it.
#[derive(Debug, Clone)]
pub struct OrderSummary {
    pub id: String,
    pub href: String,
    /// In the reader's language when the organiser translated it.
    pub event_title: String,
    /// The language `event_title` is written in.
    pub event_language: String,
    pub event_href: String,
    /// When the event starts, in its own zone.
    pub when: String,
    pub starts_iso: String,
    /// The event's IANA zone (the viewer's own time is added beside it by the browser).
    pub zone: String,
    pub venue: String,
    /// `pending_payment`, `paid`, ... for CSS and scripts.
    pub status: &'static str,
    pub status_label: String,
    pub total: String,
    pub tickets: i32,
    /// Until when the tickets are held, in the event's zone (pending orders).
    pub held_until: String,
    pub held_until_iso: String,
    pub placed: String,
    pub payment_method: String,
    pub is_pending: bool,
    pub is_paid: bool,
    /// Why it ended as it did, for people; empty when there is nothing to say.
    pub reason: String,
}

impl OrderSummary {
    pub fn new(order: &tessera_core::order::Order) -> Self {
        use tessera_core::order::OrderStatus;
        let locale = current();
        let zone = order.event.timezone.as_str();
        let (title, title_language) = order.event.title_for(locale.tag());
        let reason = match order.status_reason.as_str() {
            "hold_expired" => "order-reason-hold_expired",
            "checkout_expired" => "order-reason-checkout_expired",
            "payment_failed" => "order-reason-payment_failed",
            "provider_unavailable" => "order-reason-provider_unavailable",
            "cancelled_by_customer" => "order-reason-cancelled_by_customer",
            "released_by_admin" => "order-reason-released_by_admin",
            "paid_late" => "order-reason-paid_late",
            "payment_never_settled" => "order-reason-payment_never_settled",
            "event_closed" => "order-reason-event_closed",
            "paid_partially" => "order-reason-paid_partially",
            "underpaid" => "order-reason-underpaid",
            "payment_invalid" => "order-reason-payment_invalid",
            _ => "",
        };
        Self {
            id: order.id.to_string(),
            href: format!("/orders/{}", order.id),
            event_title: title.to_string(),
            event_language: title_language.to_string(),
            event_href: format!("/events/{}", order.event.slug),
            when: in_zone(locale, order.event.starts_at, zone, Style::DateTime),
            starts_iso: order.event.starts_at.to_rfc3339(),
            zone: zone.to_string(),
            venue: format!("{}, {}", order.event.venue_name, order.event.city),
            status: order.status.as_str(),
            status_label: order_status_label(order.status),
            total: price(&order.currency, order.total_minor),
            tickets: order.items.iter().map(|i| i.quantity).sum(),
            held_until: in_zone(locale, order.expires_at, zone, Style::DayTime),
            held_until_iso: order.expires_at.to_rfc3339(),
            placed: in_zone(locale, order.created_at, zone, Style::DateTime),
            payment_method: method_label(order.payment_method),
            is_pending: order.status == OrderStatus::PendingPayment,
            is_paid: order.status.is_paid(),
            reason: if reason.is_empty() { String::new() } else { tessera_i18n::message(locale, reason) },
        }
    }
}

/// An order's state for its customer, in the request's language.
pub fn order_status_label(status: tessera_core::order::OrderStatus) -> String {
    tessera_i18n::t(status.label_id())
}

/// `at` on the clock of `zone`, written in `style`, with the zone named:
/// "Dec 5, 2026, 9:30 PM (Portugal Time)".
pub fn in_zone(locale: Locale, at: DateTime<Utc>, zone: &str, style: Style) -> String {
    message_args(
        locale,
        "order-when",
        [("when", instant(locale, at, zone, style).into()), ("zone", zone_name(locale, at, zone).into())],
    )
}
