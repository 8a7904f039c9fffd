//! The event form: what admins type (local times, prices in major units) to and from events.

use super::*;

// ---- create and edit

pub(super) fn categories(selected: &str) -> Vec<Choice> {
    Category::ALL
        .iter()
        .map(|c| Choice {
            value: c.as_str().into(),
            label: tessera_web::view::category_label(*c),
            selected: c.as_str() == selected,
        })
        .collect()
}

pub(super) fn statuses(selected: &str) -> Vec<Choice> {
    ["draft", "published", "cancelled"]
        .iter()
        .map(|s| Choice { value: (*s).into(), label: event_status_label(s), selected: *s == selected })
        .collect()
}

/// `1850` with exponent 2 is `18.50`: what an admin types back, without grouping.
pub(super) fn major_units(amount_minor: i64, exponent: u32) -> String {
    let scale = 10i64.pow(exponent);
    if exponent == 0 {
        amount_minor.to_string()
    } else {
        format!("{}.{:0width$}", amount_minor / scale, amount_minor % scale, width = exponent as usize)
    }
}

/// `"18.5"` in a currency with exponent 2 is `1850`; exact, no floats.
pub(super) fn minor_units(field: String, raw: &str, exponent: u32) -> Result<i64, FieldError> {
    let raw = raw.trim();
    let (units, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 12 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(units) || (!fraction.is_empty() && !digits(fraction)) || fraction.len() > exponent as usize {
        let example = major_units(1850 * 10i64.pow(exponent) / 100, exponent);
        return Err(FieldError::new(
            field,
            message_args(current(), "admin-error-not-a-price", [("example", example.into())]),
        ));
    }
    let units: i64 = units.parse().map_err(|_| FieldError::new(field.clone(), t("admin-error-too-large")))?;
    let fraction: i64 = format!("{fraction:0<width$}", width = exponent as usize).parse().unwrap_or(0);
    units
        .checked_mul(10i64.pow(exponent))
        .and_then(|minor| minor.checked_add(fraction))
        .ok_or_else(|| FieldError::new(field, t("admin-error-too-large")))
}

pub(super) fn form_from_event(event: &Event) -> EventForm {
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
        neighbourhood: event.neighbourhood.clone(),
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
        translations: event
            .translations
            .iter()
            .enumerate()
            .map(|(index, (language, text))| TranslationForm {
                index,
                language: language.clone(),
                title: text.title.clone(),
                description: text.description.clone(),
                ticket_names: event
                    .ticket_types
                    .iter()
                    .enumerate()
                    .map(|(row, t)| {
                        (row, t.name.clone(), t.translations.get(language).cloned().unwrap_or_default())
                    })
                    .collect(),
            })
            .collect(),
        tickets,
    }
}

/// The submitted form as the admin typed it (to show again), and as an event to save.
/// `stored` is the event being edited: a time left as the form showed it keeps its exact
/// instant (seconds, and the right side of a clock change) instead of being re-read.
pub(super) fn read_form(
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
        neighbourhood: get("neighbourhood"),
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
        translations: (0..21)
            .take_while(|index| fields.contains_key(&format!("tr_lang_{index}")))
            .map(|index| TranslationForm {
                index,
                language: get(&format!("tr_lang_{index}")).trim().to_string(),
                title: get(&format!("tr_title_{index}")),
                description: get(&format!("tr_description_{index}")).replace("\r\n", "\n"),
                ticket_names: tickets
                    .iter()
                    .map(|t| (t.index, t.name.clone(), get(&format!("tr_tt_{index}_{}", t.index))))
                    .collect(),
            })
            .collect(),
        tickets,
    };
    let input = event_input(&form, stored);
    (form, input)
}

pub(super) fn event_input(form: &EventForm, stored: Option<&Event>) -> Result<EventInput, FieldError> {
    let unchanged = stored.filter(|event| event.timezone == form.timezone.trim()).map(form_from_event);
    let zone = Tz::from_str(form.timezone.trim())
        .map_err(|_| FieldError::new("timezone", t("admin-error-not-a-zone")))?;
    let instant = |field: &'static str, local: &str| -> Result<String, FieldError> {
        let local = NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M:%S"))
            .map_err(|_| FieldError::new(field, t("admin-error-not-a-datetime")))?;
        let at: DateTime<Utc> = zone
            .from_local_datetime(&local)
            .earliest()
            .ok_or_else(|| {
                FieldError::new(
                    field,
                    message_args(current(), "admin-error-time-skipped", [("zone", zone.name().into())]),
                )
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
        raw.trim().parse::<f64>().map_err(|_| FieldError::new(field, t("admin-error-not-a-number")))
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
                    Uuid::try_parse(id)
                        .map_err(|_| FieldError::new(format!("{at}.id"), t("admin-error-not-ours")))?,
                ),
            },
            name: row.name.clone(),
            price_minor: minor_units(format!("{at}.price_minor"), &row.price, currency.exponent())?,
            currency: currency.code().to_string(),
            capacity: row
                .capacity
                .trim()
                .parse()
                .map_err(|_| FieldError::new(format!("{at}.capacity"), t("admin-error-not-whole")))?,
        });
    }
    let mut languages = std::collections::HashSet::new();
    for tr in &form.translations {
        let typed = !tr.title.trim().is_empty()
            || !tr.description.trim().is_empty()
            || tr.ticket_names.iter().any(|(.., name)| !name.trim().is_empty());
        if tr.language.is_empty() && typed {
            return Err(FieldError::new("translations", t("admin-error-translation-language")));
        }
        if tr.language.is_empty() {
            continue;
        }
        if !languages.insert(tr.language.to_lowercase()) {
            return Err(FieldError::new(
                format!("translations.{}", tr.language),
                t("admin-error-translation-twice"),
            ));
        }
        if tr.title.trim().is_empty() && typed {
            return Err(FieldError::new(
                format!("translations.{}.title", tr.language),
                t("admin-error-translation-title"),
            ));
        }
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
        neighbourhood: form.neighbourhood.clone(),
        latitude: number("latitude", &form.latitude)?,
        longitude: number("longitude", &form.longitude)?,
        starts_at,
        ends_at,
        timezone: form.timezone.clone(),
        language: form.language.clone(),
        tags: form.tags.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect(),
        image_alt: form.image_alt.clone(),
        status: Some(form.status.clone()),
        translations: form
            .translations
            .iter()
            // A slot left without a language (the blank one) or cleared of its title is no
            // translation.
            .filter(|tr| !tr.language.is_empty() && !tr.title.trim().is_empty())
            .map(|tr| {
                let names = form
                    .tickets
                    .iter()
                    .filter(|row| !row.name.trim().is_empty())
                    .map(|row| {
                        tr.ticket_names
                            .iter()
                            .find(|(index, ..)| *index == row.index)
                            .map(|(.., name)| name.clone())
                            .unwrap_or_default()
                    })
                    .collect();
                (
                    tr.language.clone(),
                    TranslationInput {
                        title: tr.title.clone(),
                        description: tr.description.clone(),
                        ticket_types: names,
                    },
                )
            })
            .collect(),
        ticket_types,
        currency: Some(currency.code().to_string()),
    })
}

#[allow(clippy::too_many_arguments)]
pub(super) fn form_page(
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
    // Each translation names every ticket type the form has (typed names kept by row), and a
    // blank slot adds a language.
    let named: Vec<(usize, String)> = form
        .tickets
        .iter()
        .filter(|t| !t.name.trim().is_empty())
        .map(|t| (t.index, t.name.clone()))
        .collect();
    form.translations.retain(|tr| !tr.language.is_empty() || !tr.title.trim().is_empty());
    for tr in &mut form.translations {
        tr.ticket_names = named
            .iter()
            .map(|(row, original)| {
                let typed =
                    tr.ticket_names.iter().find(|(index, ..)| index == row).map(|(.., name)| name.clone());
                (*row, original.clone(), typed.unwrap_or_default())
            })
            .collect();
    }
    let blank = form.translations.len();
    form.translations.push(TranslationForm {
        index: blank,
        ticket_names: named.into_iter().map(|(row, original)| (row, original, String::new())).collect(),
        ..TranslationForm::default()
    });
    for (index, tr) in form.translations.iter_mut().enumerate() {
        tr.index = index;
    }
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
        refunds: None,
        holds: None,
    }
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
