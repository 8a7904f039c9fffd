//! "Tell me when": the page where a customer asks to hear about an event like the one they
//! looked for, and the task that answers each request once, by email, when one is published.

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::catalog::Category;
use tessera_core::interest::{self, InterestError};
use tessera_i18n::format::{Style, instant};
use tessera_i18n::{Locale, current, t};
use tessera_web::pages::{Choice, Chrome, InterestView, InterestsPage};
use tokio::sync::watch;
use uuid::Uuid;

use crate::auth::SignedInPage;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::error::{Error, PageError, render_html};
use crate::routes::pages::account::viewer_chrome;
use crate::state::AppState;

/// How often open requests are matched against the catalog.
const NOTIFY_EVERY: Duration = Duration::from_secs(30);

/// Answers open requests, every half minute, until shut down.
pub async fn notify_interests(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let mut tick = tokio::time::interval(NOTIFY_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = tick.tick() => {}
            _ = shutdown.changed() => return,
        }
        match notify_round(&state).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(interests.answered = sent, "\"tell me when\" requests answered"),
            Err(err) => {
                tracing::warn!(error = %err, "answering \"tell me when\" requests failed; will retry")
            }
        }
    }
}

/// One round: each open request with a match gets its one email; how many went. The email goes
/// before the request is marked answered, so a crash in between sends it again (under the same
/// Message-ID) rather than never.
pub async fn notify_round(state: &AppState) -> Result<u64, Error> {
    // One process at a time answers, so nobody gets the same answer from two.
    crate::waitlist::alone(state, INTEREST_LOCK, answer_all(state)).await.map(Option::unwrap_or_default)
}

/// The advisory lock the answering round holds.
const INTEREST_LOCK: i64 = 0x7465_7373_6572_6105;

async fn answer_all(state: &AppState) -> Result<u64, Error> {
    let mut sent = 0;
    for found in interest::matches(&state.db).await? {
        let locale = Locale::parse(&found.locale).unwrap_or_default();
        let email = tessera_web::email::InterestEmail {
            locale,
            name: found.name.clone(),
            event_title: found.title.clone(),
            city: found.city.clone(),
            when: instant(locale, found.starts_at, &found.timezone, Style::DateTime),
            link: state
                .config
                .public_url
                .join(&format!("/events/{}", found.slug))
                .map(String::from)
                .unwrap_or_default(),
        };
        match state.mailer.send_interest(found.interest_id, &found.email, &email).await {
            Ok(()) => {
                if interest::answered(&state.db, found.interest_id, found.event_id).await? {
                    sent += 1;
                }
            }
            Err(err) => {
                tracing::warn!(error = %err, interest = %found.interest_id, "a \"tell me when\" email could not be sent")
            }
        }
    }
    Ok(sent)
}

#[derive(Debug, Default, Deserialize)]
pub struct InterestQuery {
    #[serde(default)]
    city: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    q: String,
    done: Option<String>,
}

/// `GET /interests`: the customer's requests, and a form to make one (filled from the search
/// that led here).
pub async fn interests_page(
    State(state): State<AppState>,
    signed_in: SignedInPage,
    csrf: CsrfToken,
    Query(query): Query<InterestQuery>,
) -> Result<Response, PageError> {
    let notice = match query.done.as_deref() {
        Some("saved") => Some(t("interest-saved")),
        Some("removed") => Some(t("interest-removed")),
        _ => None,
    };
    let page = page(&state, &signed_in, &csrf.token, &query, notice, None).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

/// `POST /interests`: keeps a request.
pub async fn create_interest(
    State(state): State<AppState>,
    signed_in: SignedInPage,
    csrf: CsrfToken,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    let query = InterestQuery { city: field("city"), category: field("category"), q: field("q"), done: None };
    let account = signed_in.0.account.id;
    // The answer is emailed: the address must be theirs.
    if !signed_in.0.account.email_verified {
        let page =
            page(&state, &signed_in, &csrf.token, &query, None, Some(t("error-email-unverified"))).await?;
        return Ok(csrf.attach(render_html(StatusCode::FORBIDDEN, &page)));
    }
    match interest::create(&state.db, account, &query.city, &query.category, &query.q, current().tag()).await
    {
        Ok(()) => Ok(Redirect::to("/interests?done=saved").into_response()),
        Err(InterestError::Database(err)) => Err(Error::Database(err).into()),
        Err(InterestError::Invalid(err)) => {
            let page = page(&state, &signed_in, &csrf.token, &query, None, Some(err.message)).await?;
            Ok(csrf.attach(render_html(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
    }
}

/// `POST /interests/remove`: withdraws an open request.
pub async fn remove_interest(
    State(state): State<AppState>,
    signed_in: SignedInPage,
    CsrfForm(form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = form.get("interest_id").and_then(|raw| Uuid::try_parse(raw.trim()).ok());
    let removed = match id {
        Some(id) => interest::remove(&state.db, signed_in.0.account.id, id).await.map_err(Error::from)?,
        None => false,
    };
    if !removed {
        return Err(Error::NotFound("request").into());
    }
    Ok(Redirect::to("/interests?done=removed").into_response())
}

async fn page(
    state: &AppState,
    signed_in: &SignedInPage,
    csrf: &str,
    query: &InterestQuery,
    notice: Option<String>,
    error: Option<String>,
) -> Result<InterestsPage, Error> {
    let category_name = |code: &str| {
        code.parse::<Category>()
            .map_or_else(|_| t("interest-any-category"), tessera_web::view::category_label)
    };
    let interests = interest::of_account(&state.db, signed_in.0.account.id)
        .await?
        .into_iter()
        .map(|i| InterestView {
            id: i.interest_id.to_string(),
            city: if i.city.is_empty() { t("interest-any-city") } else { i.city.clone() },
            category: category_name(&i.category),
            words: i.words.clone(),
            answered: i.notified_at.map(|at| instant(current(), at, "UTC", Style::Date)),
        })
        .collect();
    Ok(InterestsPage {
        chrome: Chrome::new("", viewer_chrome(&signed_in.viewer())),
        csrf: csrf.to_string(),
        city: query.city.trim().to_string(),
        words: query.q.trim().to_string(),
        categories: Category::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_string(),
                label: tessera_web::view::category_label(*c),
                selected: query.category.trim() == c.as_str(),
            })
            .collect(),
        interests,
        notice,
        error,
    })
}
