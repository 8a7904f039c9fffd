//! Sign-up, login, logout and the account page, as HTML forms. Every form carries the CSRF
//! token; the steps themselves are `crate::accounts`, shared with the JSON API.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_web::pages::{AccountPage, Chrome, Field, LoginPage, SignupPage, ViewerChrome};

use crate::accounts;
use crate::auth::client_ip::ClientIp;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::auth::{SignedInPage, Viewer};
use crate::error::{Error, PageError, render_html};
use crate::state::AppState;

/// The header's view of who is signed in.
pub(crate) fn viewer_chrome(viewer: &Viewer) -> Option<ViewerChrome> {
    viewer.0.as_ref().map(|signed_in| ViewerChrome {
        name: signed_in.account.name.clone(),
        is_admin: signed_in.account.is_admin(),
    })
}

/// Where to go after logging in: only paths on this site, never `//elsewhere`. Browsers drop
/// tabs and line breaks from a `Location`, so `/\t/elsewhere` would become `//elsewhere`: no
/// control character passes either.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(next)
            if next.starts_with('/')
                && !next.starts_with("//")
                && !next.contains('\\')
                && !next.chars().any(char::is_control) =>
        {
            next.to_string()
        }
        _ => "/account".to_string(),
    }
}

fn signed_in_redirect(state: &AppState, token: &tessera_core::account::SessionToken, to: &str) -> Response {
    ([(header::SET_COOKIE, accounts::session_cookie(state, token))], Redirect::to(to)).into_response()
}

// ---- sign up

pub async fn signup_page(viewer: Viewer, csrf: CsrfToken) -> Response {
    if viewer.0.is_some() {
        return Redirect::to("/account").into_response();
    }
    let page = SignupPage {
        chrome: Chrome::new("", None),
        csrf: csrf.token.clone(),
        name: Field::default(),
        email: Field::default(),
        password: Field::default(),
        error: None,
    };
    csrf.attach(render_html(StatusCode::OK, &page))
}

// No Debug: it holds a password.
#[derive(Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn signup_submit(
    State(state): State<AppState>,
    ip: ClientIp,
    CsrfForm(form): CsrfForm<SignupForm>,
) -> Result<Response, PageError> {
    let err = match accounts::signup(&state, ip, &form.email, &form.name, &form.password).await {
        Ok((_, token)) => return Ok(signed_in_redirect(&state, &token, "/account")),
        Err(err) => err,
    };
    let mut page = SignupPage {
        chrome: Chrome::new("", None),
        csrf: form.csrf_token.clone(),
        name: Field { value: form.name.clone(), error: None },
        email: Field { value: form.email.clone(), error: None },
        password: Field::default(),
        error: None,
    };
    let status = err.status();
    match err {
        Error::InvalidField(field) => {
            let message = Some(format!("This {}", field.message));
            match field.field.as_ref() {
                "name" => page.name.error = message,
                "email" => page.email.error = message,
                _ => page.password.error = message,
            }
        }
        Error::Conflict { message, .. } => page.email.error = Some(message),
        Error::TooManyRequests { .. } => {
            page.error = Some("Too many sign-ups from your network. Try again later.".into())
        }
        other => return Err(other.into()),
    }
    Ok(render_html(status, &page))
}

// ---- log in and out

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_page(viewer: Viewer, csrf: CsrfToken, Query(query): Query<NextQuery>) -> Response {
    let next = safe_next(query.next.as_deref());
    if viewer.0.is_some() {
        return Redirect::to(&next).into_response();
    }
    let page = LoginPage {
        chrome: Chrome::new("", None),
        csrf: csrf.token.clone(),
        email: String::new(),
        next,
        error: None,
    };
    csrf.attach(render_html(StatusCode::OK, &page))
}

// No Debug: it holds a password.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

pub async fn login_submit(
    State(state): State<AppState>,
    ip: ClientIp,
    viewer: Viewer,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<Response, PageError> {
    let next = safe_next(form.next.as_deref());
    let previous = viewer.0.map(|signed_in| signed_in.token);
    match accounts::login(&state, ip, &form.email, &form.password, previous.as_ref()).await {
        Ok((_, token)) => Ok(signed_in_redirect(&state, &token, &next)),
        Err(err @ (Error::Unauthorized { .. } | Error::TooManyRequests { .. })) => {
            let message = match &err {
                Error::TooManyRequests { .. } => "Too many attempts. Wait a few minutes and try again.",
                _ => "That email and password do not match an account.",
            };
            let page = LoginPage {
                chrome: Chrome::new("", None),
                csrf: form.csrf_token.clone(),
                email: form.email.clone(),
                next,
                error: Some(message.to_string()),
            };
            let mut response = render_html(err.status(), &page);
            if let Error::TooManyRequests { retry_after_secs } = err {
                response.headers_mut().insert(header::RETRY_AFTER, retry_after_secs.into());
            }
            Ok(response)
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn logout_submit(
    State(state): State<AppState>,
    viewer: Viewer,
    _: CsrfForm,
) -> Result<Response, PageError> {
    if let Some(signed_in) = viewer.0 {
        accounts::logout(&state, &signed_in.token).await?;
    }
    Ok(([(header::SET_COOKIE, accounts::clear_session_cookie(&state))], Redirect::to("/")).into_response())
}

// ---- the account page

#[derive(Debug, Deserialize)]
pub struct AccountQuery {
    password: Option<String>,
}

pub async fn account_page(
    State(state): State<AppState>,
    page: SignedInPage,
    csrf: CsrfToken,
    Query(query): Query<AccountQuery>,
) -> Result<Response, PageError> {
    let (viewer, signed_in) = (page.viewer(), &page.0);
    let orders = tessera_core::order::orders_of_account(&state.db, signed_in.account.id, 100).await?;
    let page = AccountPage {
        chrome: Chrome::new("", viewer_chrome(&viewer)),
        csrf: csrf.token.clone(),
        name: signed_in.account.name.clone(),
        email: signed_in.account.email.clone(),
        is_admin: signed_in.account.is_admin(),
        current_password: Field::default(),
        new_password: Field::default(),
        notice: (query.password.as_deref() == Some("changed"))
            .then(|| "Your password was changed. Other devices were signed out.".to_string()),
        orders: orders.iter().map(tessera_web::view::OrderSummary::new).collect(),
    };
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

// No Debug: it holds a password.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn password_submit(
    State(state): State<AppState>,
    page: SignedInPage,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> Result<Response, PageError> {
    let (viewer, signed_in) = (page.viewer(), &page.0);
    let account = &signed_in.account;
    let err = match accounts::change_password(
        &state,
        account.id,
        &form.current_password,
        &form.new_password,
        &signed_in.token,
    )
    .await
    {
        Ok(()) => return Ok(Redirect::to("/account?password=changed").into_response()),
        Err(err) => err,
    };
    let Error::InvalidField(field) = err else {
        return Err(err.into());
    };
    let mut page = AccountPage {
        chrome: Chrome::new("", viewer_chrome(&viewer)),
        csrf: form.csrf_token.clone(),
        name: account.name.clone(),
        email: account.email.clone(),
        is_admin: account.is_admin(),
        current_password: Field::default(),
        new_password: Field::default(),
        notice: None,
        orders: tessera_core::order::orders_of_account(&state.db, account.id, 100)
            .await?
            .iter()
            .map(tessera_web::view::OrderSummary::new)
            .collect(),
    };
    let message = Some(format!("This {}", field.message));
    if field.field == "current_password" {
        page.current_password.error = message;
    } else {
        page.new_password.error = message;
    }
    Ok(render_html(StatusCode::UNPROCESSABLE_ENTITY, &page))
}
