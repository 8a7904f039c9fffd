//! Creating and editing events with the form.

use super::form::*;
use super::*;

/// "Edit “Fado Night”", in the request's language.
pub(super) fn edit_heading(event: &catalog::Event) -> String {
    message_args(current(), "admin-edit-heading", [("title", event.title.clone().into())])
}

pub async fn new_event(admin: AdminPage, csrf: CsrfToken) -> Response {
    let viewer = admin.viewer();
    let form = EventForm {
        category: "concert".into(),
        status: "draft".into(),
        tickets: vec![TicketRow { index: 0, ..TicketRow::default() }],
        ..EventForm::default()
    };
    let page = form_page(
        &viewer,
        &csrf.token,
        t("admin-new-event-heading"),
        "/admin/events/new".into(),
        None,
        None,
        form,
        None,
        None,
    );
    csrf.attach(render_html(StatusCode::OK, &page))
}

pub async fn create_event(
    State(state): State<AppState>,
    AdminPage(admin): AdminPage,
    csrf: CsrfToken,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let viewer = Viewer(Some(admin.clone()));
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
    let page = form_page(
        &viewer,
        &csrf.token,
        t("admin-new-event-heading"),
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
    admin: AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<EventNoun>,
    Query(query): Query<EditQuery>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let event = catalog::event_for_admin(&state.db, id).await?.ok_or(Error::NotFound("event"))?;
    let mut page = form_page(
        &viewer,
        &csrf.token,
        edit_heading(&event),
        format!("/admin/events/{id}/edit"),
        Some(event.version),
        Some(&event),
        form_from_event(&event),
        None,
        query.saved.map(|_| t("admin-saved")),
    );
    page.refunds = Some(refunds_panel(&state, &event).await?);
    page.holds = Some(holds_panel(&state, &event).await?);
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

/// The event's limits per account and who holds its tickets now.
async fn holds_panel(state: &AppState, event: &catalog::Event) -> Result<EventHoldsPanel, Error> {
    let holds = crate::routes::admin::holds::event_holds(state, event.id).await?;
    Ok(EventHoldsPanel {
        max_tickets_per_account: holds.limits.max_tickets_per_account.to_string(),
        allow_delayed_methods: holds.limits.allow_delayed_methods,
        accounts: holds
            .accounts
            .into_iter()
            .map(|a| HolderRow {
                account_id: a.account_id.to_string(),
                email: a.email,
                name: a.name,
                held: a.held,
                kept_for_payment: a.kept_for_payment,
                bought: a.bought,
                open_orders: a.open_orders,
                holds_until: a
                    .holds_until
                    .map(|at| instant(current(), at, &event.timezone, Style::DateTime))
                    .unwrap_or_default(),
            })
            .collect(),
    })
}

/// `POST /admin/events/{id}/limits`.
pub async fn limits_submit(
    State(state): State<AppState>,
    admin: AdminPage,
    PageId { id, .. }: PageId<EventNoun>,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let max = fields.get("max_tickets_per_account").map(String::as_str).unwrap_or_default();
    let allow_delayed = fields.get("allow_delayed_methods").is_some_and(|v| v == "on");
    let limits = crate::routes::admin::holds::limits_from_form(max, allow_delayed)?;
    crate::routes::admin::holds::save_limits(&state, id, limits, admin.account_id()).await?;
    Ok(Redirect::to(&format!("/admin/events/{id}/edit?saved=1")).into_response())
}

/// `POST /admin/events/{id}/release-holds`.
pub async fn release_holds_submit(
    State(state): State<AppState>,
    admin: AdminPage,
    PageId { id, .. }: PageId<EventNoun>,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let account_id = fields.get("account_id").and_then(|a| a.trim().parse::<uuid::Uuid>().ok()).ok_or(
        Error::InvalidField(tessera_core::catalog::FieldError::new(
            "account_id",
            t("admin-error-not-an-account"),
        )),
    )?;
    crate::routes::admin::holds::release_holds(&state, id, account_id, admin.account_id()).await?;
    Ok(Redirect::to(&format!("/admin/events/{id}/edit?saved=1#holds-heading")).into_response())
}

/// The event's refund policy and, once cancelled, how its refunds are going.
async fn refunds_panel(state: &AppState, event: &catalog::Event) -> Result<EventRefundsPanel, Error> {
    let refunds = crate::routes::admin::orders::event_refunds(state, event.id).await?;
    let progress = refunds.cancellation;
    Ok(EventRefundsPanel {
        until_hours_before: refunds
            .policy
            .as_ref()
            .map(|p| p.until_hours_before.to_string())
            .unwrap_or_default(),
        fee_percent: refunds.policy.as_ref().map(|p| p.fee_percent.to_string()).unwrap_or_default(),
        cancelled: event.status == catalog::EventStatus::Cancelled,
        paid_orders: progress.paid_orders,
        refunded: progress.refunded,
        pending: progress.pending,
        failed: progress.failed,
    })
}

/// `POST /admin/events/{id}/refund-policy`.
pub async fn refund_policy_submit(
    State(state): State<AppState>,
    admin: AdminPage,
    PageId { id, .. }: PageId<EventNoun>,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let hours = fields.get("until_hours_before").map(|h| h.trim()).unwrap_or_default();
    let fee = fields.get("fee_percent").map(|f| f.trim()).filter(|f| !f.is_empty()).unwrap_or("0");
    let policy = if hours.is_empty() {
        None
    } else {
        let hours: i32 = hours.parse().map_err(|_| {
            Error::InvalidField(tessera_core::catalog::FieldError::new(
                "until_hours_before",
                t("admin-error-policy-hours"),
            ))
        })?;
        let fee: f64 = fee.parse().map_err(|_| {
            Error::InvalidField(tessera_core::catalog::FieldError::new(
                "fee_percent",
                t("admin-error-policy-fee"),
            ))
        })?;
        Some(crate::routes::admin::orders::policy_of(hours, fee)?)
    };
    crate::routes::admin::orders::save_policy(&state, id, policy, admin.account_id()).await?;
    Ok(Redirect::to(&format!("/admin/events/{id}/edit?saved=1")).into_response())
}

pub async fn edit_event(
    State(state): State<AppState>,
    AdminPage(admin): AdminPage,
    csrf: CsrfToken,
    PageId { id, .. }: PageId<EventNoun>,
    CsrfForm(fields): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let viewer = Viewer(Some(admin.clone()));
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
                neighbourhood: Some(input.neighbourhood),
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
                translations: Some(input.translations),
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
    // The edit rolled back: the event is as it was read above.
    let event = stored;
    let page = form_page(
        &viewer,
        &csrf.token,
        edit_heading(&event),
        format!("/admin/events/{id}/edit"),
        Some(version),
        Some(&event),
        form,
        Some(message),
        None,
    );
    Ok(render_html(status, &page))
}
