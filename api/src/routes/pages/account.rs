//! Sign-up, login, logout and the account page, as HTML forms. Every form carries the CSRF
//! token; the steps themselves are `crate::accounts`, shared with the JSON API.

use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::collections::HashMap;

use tessera_web::pages::{
    AccountDeletePage, AccountLinkPage, AccountPage, Chrome, Field, LinkForm, LoginPage, SignupPage,
    ViewerChrome,
};

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
        is_door: signed_in.account.is_door(),
    })
}

/// Where to go after logging in: only paths on this site, never `//elsewhere`.
fn safe_next(next: Option<&str>) -> String {
    next.and_then(local_path).unwrap_or_else(|| "/account".to_string())
}

/// `next` as a path on this site, as the URL parser resolves it against this site, or none.
/// Refused in every form a browser, a proxy or a server might decode it to (up to three
/// rounds of percent-decoding): anything not starting with one `/`, a backslash in the path
/// (browsers read it as `/`), and control characters (browsers drop tabs and line breaks from
/// a `Location`, so `/\t/elsewhere` would become `//elsewhere`; `%0d%0a` would split headers).
fn local_path(next: &str) -> Option<String> {
    let mut form = next.to_string();
    for _ in 0..4 {
        let path = form.split(['?', '#']).next().unwrap_or_default();
        if !form.starts_with('/')
            || form.starts_with("//")
            || path.contains('\\')
            || form.chars().any(char::is_control)
        {
            return None;
        }
        let decoded = percent_decode(&form);
        if decoded == form {
            break;
        }
        form = decoded;
    }
    let site = url::Url::parse("http://tessera.invalid/").ok()?;
    let resolved = site.join(next).ok()?;
    (resolved.origin() == site.origin()).then(|| resolved[url::Position::BeforePath..].to_string())
}

/// One round of percent-decoding (`%2F` → `/`); malformed escapes are left as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (byte, ..) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
        Ok(()) => {
            let page = link_page(
                &form.csrf_token,
                "notice-check-inbox",
                Some(tessera_i18n::t("notice-signup-sent-48h")),
                None,
                LinkForm::None,
            );
            return Ok(render_html(StatusCode::ACCEPTED, &page));
        }
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
            let message = Some(this_field(&field.message));
            match field.field.as_ref() {
                "name" => page.name.error = message,
                "email" => page.email.error = message,
                _ => page.password.error = message,
            }
        }
        Error::Conflict { message, .. } => page.email.error = Some(message),
        err @ Error::TooManyRequests { .. } => page.error = Some(err.to_string()),
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
                Error::TooManyRequests { .. } => err.to_string(),
                _ => tessera_i18n::t("error-bad-credentials"),
            };
            let page = LoginPage {
                chrome: Chrome::new("", None),
                csrf: form.csrf_token.clone(),
                email: form.email.clone(),
                next,
                error: Some(message),
            };
            let mut response = render_html(err.status(), &page);
            if let Error::TooManyRequests { retry_after_secs, .. } = err {
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
    verification: Option<String>,
    home: Option<String>,
}

/// The home form for `account_id`: its countries in the page's language, what the account
/// says, and whether to ask.
async fn home_form(state: &AppState, account_id: uuid::Uuid) -> Result<tessera_web::pages::HomeForm, Error> {
    let (home, ask) = tessera_core::account::home(&state.db, account_id).await?;
    let locale = tessera_i18n::current();
    let mut countries: Vec<tessera_web::pages::Choice> = tessera_core::account::country_codes()
        .iter()
        .map(|code| tessera_web::pages::Choice {
            label: tessera_i18n::format::country(locale, code).unwrap_or_else(|| code.clone()),
            selected: home.country.as_deref() == Some(code.as_str()),
            value: code.clone(),
        })
        .collect();
    countries.sort_by(|a, b| a.label.cmp(&b.label));
    let known_cities =
        tessera_core::catalog::cities(&state.db, None).await?.into_iter().map(|city| city.name).collect();
    Ok(tessera_web::pages::HomeForm {
        countries,
        city: home.city.unwrap_or_default(),
        known_cities,
        ask,
        error: None,
    })
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
        is_door: signed_in.account.is_door(),
        current_password: Field::default(),
        new_password: Field::default(),
        notice: match (query.password.as_deref(), query.verification.as_deref()) {
            (Some("changed"), _) => Some(tessera_i18n::t("notice-password-changed")),
            (_, Some("sent")) => Some(tessera_i18n::t("notice-link-sent")),
            (_, Some("done")) => Some(tessera_i18n::t("notice-email-confirmed")),
            _ => match query.home.as_deref() {
                Some("saved") => Some(tessera_i18n::t("notice-home-saved")),
                Some("declined") => Some(tessera_i18n::t("notice-home-declined")),
                _ => None,
            },
        },
        email_unverified: !signed_in.account.email_verified,
        orders: orders.iter().map(tessera_web::view::OrderSummary::new).collect(),
        home: home_form(&state, signed_in.account.id).await?,
    };
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

#[derive(Deserialize)]
pub struct HomeSubmission {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    home_country: String,
    #[serde(default)]
    home_city: String,
    /// The "rather not say" button.
    decline: Option<String>,
}

/// `POST /account/home`: where the customer lives, or that they would rather not say.
pub async fn home_submit(
    State(state): State<AppState>,
    page: SignedInPage,
    CsrfForm(form): CsrfForm<HomeSubmission>,
) -> Result<Response, PageError> {
    let (viewer, account) = (page.viewer(), &page.0.account);
    if form.decline.is_some() {
        tessera_core::account::decline_home(&state.db, account.id).await?;
        return Ok(Redirect::to("/account?home=declined").into_response());
    }
    let error = match tessera_core::account::parse_home(&form.home_country, &form.home_city) {
        Ok(home) => {
            tessera_core::account::set_home(&state.db, account.id, &home).await?;
            return Ok(Redirect::to("/account?home=saved#home").into_response());
        }
        Err(err) => this_field(&err.message),
    };
    let mut home = home_form(&state, account.id).await?;
    home.city = form.home_city.clone();
    // As they chose it, not as it was.
    let chosen = form.home_country.trim().to_ascii_uppercase();
    for country in &mut home.countries {
        country.selected = country.value == chosen;
    }
    home.error = Some(error);
    let page = AccountPage {
        chrome: Chrome::new("", viewer_chrome(&viewer)),
        csrf: form.csrf_token.clone(),
        name: account.name.clone(),
        email: account.email.clone(),
        is_admin: account.is_admin(),
        is_door: account.is_door(),
        current_password: Field::default(),
        new_password: Field::default(),
        notice: None,
        email_unverified: !account.email_verified,
        orders: tessera_core::order::orders_of_account(&state.db, account.id, 100)
            .await?
            .iter()
            .map(tessera_web::view::OrderSummary::new)
            .collect(),
        home,
    };
    Ok(render_html(StatusCode::UNPROCESSABLE_ENTITY, &page))
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
    let err = match accounts::change_password(&state, account.id, &form.current_password, &form.new_password)
        .await
    {
        // A fresh session for this device: every other one ended.
        Ok(session) => return Ok(signed_in_redirect(&state, &session, "/account?password=changed")),
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
        is_door: account.is_door(),
        current_password: Field::default(),
        new_password: Field::default(),
        notice: None,
        email_unverified: !account.email_verified,
        orders: tessera_core::order::orders_of_account(&state.db, account.id, 100)
            .await?
            .iter()
            .map(tessera_web::view::OrderSummary::new)
            .collect(),
        home: home_form(&state, account.id).await?,
    };
    let message = Some(this_field(&field.message));
    if field.field == "current_password" {
        page.current_password.error = message;
    } else {
        page.new_password.error = message;
    }
    Ok(render_html(StatusCode::UNPROCESSABLE_ENTITY, &page))
}

// ---- deleting the account

/// The deletion page for `account_id`: what goes, what stays, what stands in the way now.
async fn delete_page(
    state: &AppState,
    viewer: &Viewer,
    account_id: uuid::Uuid,
    csrf: &str,
    password_error: Option<String>,
) -> Result<AccountDeletePage, Error> {
    let blocked = tessera_core::account::deletion_blocker(&state.db, account_id).await?;
    Ok(AccountDeletePage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        csrf: csrf.to_string(),
        blocked: blocked.map(accounts::deletion_blocker_message),
        upcoming_tickets: tessera_core::account::upcoming_tickets(&state.db, account_id).await?,
        password: Field { error: password_error, ..Field::default() },
    })
}

/// `GET /account/delete`: what deleting the account does, and the password to confirm.
pub async fn delete_account_page(
    State(state): State<AppState>,
    page: SignedInPage,
    csrf: CsrfToken,
) -> Result<Response, PageError> {
    let viewer = page.viewer();
    let page = delete_page(&state, &viewer, page.0.account.id, &csrf.token, None).await?;
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

// No Debug: it holds a password.
#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    password: String,
}

/// `POST /account/delete`: deletes the account, signs this browser out and says so.
pub async fn delete_account_submit(
    State(state): State<AppState>,
    page: SignedInPage,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<Response, PageError> {
    let viewer = page.viewer();
    let account_id = page.0.account.id;
    let (status, password_error) = match accounts::delete_account(&state, account_id, &form.password).await {
        Ok(()) => {
            return Ok((
                [(header::SET_COOKIE, accounts::clear_session_cookie(&state))],
                Redirect::to("/account/deleted"),
            )
                .into_response());
        }
        Err(Error::InvalidField(field)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Some(this_field(&field.message)))
        }
        // Something stands in the way: the page says what.
        Err(Error::Conflict { .. }) => (StatusCode::CONFLICT, None),
        Err(err) => return Err(err.into()),
    };
    let page = delete_page(&state, &viewer, account_id, &form.csrf_token, password_error).await?;
    Ok(render_html(status, &page))
}

/// `GET /account/deleted`: the goodbye, once the session is gone.
pub async fn account_deleted_page(csrf: CsrfToken) -> Response {
    let page = link_page(
        &csrf.token,
        "account-deleted-heading",
        Some(tessera_i18n::t("account-deleted-message")),
        None,
        LinkForm::None,
    );
    csrf.attach(render_html(StatusCode::OK, &page))
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn after_login_only_paths_on_this_site() {
        for (next, to) in [
            ("/search?q=fado", "/search?q=fado"),
            ("/orders/0192f0a4-7b3c-7def-8123-456789abcdef", "/orders/0192f0a4-7b3c-7def-8123-456789abcdef"),
            ("/search?q=caf%C3%A9&page=2#top", "/search?q=caf%C3%A9&page=2#top"),
            ("/search?q=50%25+off", "/search?q=50%25+off"),
            ("/a/../account", "/account"),
        ] {
            assert_eq!(safe_next(Some(next)), to, "{next}");
        }
    }

    #[test]
    fn every_open_redirect_trick_lands_on_the_account() {
        // From OWASP's unvalidated redirects cheat sheet and the usual bypass lists.
        for next in [
            "//evil.example",
            "///evil.example",
            "////evil.example/",
            "https://evil.example",
            "http:evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "/%252f%252fevil.example",
            "/%5Cevil.example",
            "/%5c/evil.example",
            "/%0d%0aLocation:%20https://evil.example",
            "/\r\nSet-Cookie: x=1",
            "/%E3%80%82/evil.example\\",
            "",
        ] {
            assert_eq!(safe_next(Some(next)), "/account", "{next:?}");
        }
        assert_eq!(safe_next(None), "/account");
    }
}

// ---- the emailed links: confirming the address, resetting the password

/// A form field's problem said of the field: "This must be at most 100 characters".
fn this_field(problem: &str) -> String {
    tessera_i18n::t_args("error-this-field", [("problem", problem.into())])
}

/// A page reached from an emailed link; `heading` is a message id.
fn link_page(
    csrf: &str,
    heading: &str,
    message: Option<String>,
    error: Option<String>,
    form: LinkForm,
) -> AccountLinkPage {
    AccountLinkPage {
        chrome: Chrome::new("", None),
        csrf: csrf.to_string(),
        heading: tessera_i18n::t(heading),
        message,
        error,
        form,
    }
}

#[derive(Debug, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /verify-email?token=…`: a button that confirms. (A GET changes nothing: mail scanners
/// that open every link must not use it up.)
pub async fn verify_email_page(
    State(state): State<AppState>,
    csrf: CsrfToken,
    Query(query): Query<TokenQuery>,
) -> Result<Response, PageError> {
    let page = match accounts::verification_email_of(&state, &query.token).await {
        Ok(email) => link_page(
            &csrf.token,
            "notice-confirm-email",
            Some(tessera_i18n::t_args("notice-link-confirms", [("email", email.as_str().into())])),
            None,
            LinkForm::ConfirmEmail { token: query.token, email },
        ),
        Err(err @ Error::Gone { .. }) => {
            let page = link_page(
                &csrf.token,
                "notice-confirm-email",
                Some(tessera_i18n::t("notice-ask-new-link")),
                Some(err.to_string()),
                LinkForm::None,
            );
            return Ok(private(csrf.attach(render_html(err.status(), &page))));
        }
        Err(err) => return Err(err.into()),
    };
    Ok(private(csrf.attach(render_html(StatusCode::OK, &page))))
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    token: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    password: String,
}

/// `POST /verify-email`: confirms and signs in.
pub async fn verify_email_submit(
    State(state): State<AppState>,
    ip: ClientIp,
    viewer: Viewer,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, PageError> {
    let previous = viewer.0.map(|signed_in| signed_in.token);
    match accounts::verify_email(&state, ip, &form.token, &form.password, previous.as_ref()).await {
        Ok((_, session)) => Ok(signed_in_redirect(&state, &session, "/account?verification=done")),
        Err(err @ Error::Unauthorized { .. }) => {
            let email = accounts::verification_email_of(&state, &form.token).await.unwrap_or_default();
            let page = link_page(
                &form.csrf_token,
                "notice-confirm-email",
                None,
                Some(err.to_string()),
                LinkForm::ConfirmEmail { token: form.token.clone(), email },
            );
            Ok(private(render_html(err.status(), &page)))
        }
        Err(err @ (Error::Gone { .. } | Error::TooManyRequests { .. })) => {
            let page = link_page(
                &form.csrf_token,
                "notice-confirm-email",
                Some(tessera_i18n::t("notice-ask-new-link")),
                Some(err.to_string()),
                LinkForm::None,
            );
            Ok(with_retry_after(render_html(err.status(), &page), &err))
        }
        Err(err) => Err(err.into()),
    }
}

/// `POST /account/verification-email`: the link again.
pub async fn resend_verification_submit(
    State(state): State<AppState>,
    ip: ClientIp,
    page: SignedInPage,
    CsrfForm(_form): CsrfForm<HashMap<String, String>>,
) -> Result<Response, PageError> {
    accounts::resend_verification(&state, ip, &page.0.account).await?;
    Ok(Redirect::to("/account?verification=sent").into_response())
}

#[derive(Debug, Deserialize)]
pub struct EmailQuery {
    #[serde(default)]
    email: String,
}

/// `GET /forgot-password`: asks for the address.
pub async fn forgot_password_page(csrf: CsrfToken, Query(query): Query<EmailQuery>) -> Response {
    let page = link_page(&csrf.token, "login-forgot", None, None, LinkForm::AskReset { email: query.email });
    csrf.attach(render_html(StatusCode::OK, &page))
}

#[derive(Debug, Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
}

/// `POST /forgot-password`: the same answer whether or not the address has an account.
pub async fn forgot_password_submit(
    State(state): State<AppState>,
    ip: ClientIp,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> Result<Response, PageError> {
    match accounts::request_password_reset(&state, ip, &form.email).await {
        Ok(()) => {
            let page = link_page(
                &form.csrf_token,
                "notice-check-inbox",
                Some(tessera_i18n::t(accounts::RESET_ANSWER)),
                None,
                LinkForm::None,
            );
            Ok(render_html(StatusCode::ACCEPTED, &page))
        }
        Err(err @ Error::TooManyRequests { .. }) => {
            let page = link_page(
                &form.csrf_token,
                "login-forgot",
                None,
                Some(err.to_string()),
                LinkForm::AskReset { email: form.email.clone() },
            );
            Ok(with_retry_after(render_html(err.status(), &page), &err))
        }
        Err(err) => Err(err.into()),
    }
}

/// `GET /reset-password?token=…`: the new password's form.
pub async fn reset_password_page(csrf: CsrfToken, Query(query): Query<TokenQuery>) -> Response {
    let page = link_page(
        &csrf.token,
        "notice-choose-password",
        None,
        None,
        LinkForm::NewPassword { token: query.token },
    );
    private(csrf.attach(render_html(StatusCode::OK, &page)))
}

/// A page whose address holds a link's token: its `Referer` is the origin alone (not even our
/// own stylesheet sees the path), and no cache keeps it. (`strict-origin`, not `no-referrer`:
/// with that the browser sends `Origin: null` on the page's form, which the cross-site guard
/// rightly refuses.)
fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::REFERRER_POLICY, axum::http::HeaderValue::from_static("strict-origin"));
    headers.insert(header::CACHE_CONTROL, axum::http::HeaderValue::from_static("private, no-store"));
    response
}

/// `POST /reset-password`: sets it, ends every session, signs in.
pub async fn reset_password_submit(
    State(state): State<AppState>,
    ip: ClientIp,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> Result<Response, PageError> {
    match accounts::reset_password(&state, ip, &form.token, &form.new_password).await {
        Ok((_, session)) => Ok(signed_in_redirect(&state, &session, "/account?password=changed")),
        Err(err @ Error::InvalidField(_)) => {
            let message = match &err {
                Error::InvalidField(field) => {
                    tessera_i18n::t_args("error-new-password", [("problem", field.message.as_str().into())])
                }
                _ => err.to_string(),
            };
            let page = link_page(
                &form.csrf_token,
                "notice-choose-password",
                None,
                Some(message),
                LinkForm::NewPassword { token: form.token.clone() },
            );
            Ok(render_html(err.status(), &page))
        }
        Err(err @ (Error::Gone { .. } | Error::TooManyRequests { .. })) => {
            let page = link_page(
                &form.csrf_token,
                "notice-choose-password",
                None,
                Some(err.to_string()),
                LinkForm::AskReset { email: String::new() },
            );
            Ok(with_retry_after(render_html(err.status(), &page), &err))
        }
        Err(err) => Err(err.into()),
    }
}

fn with_retry_after(mut response: Response, err: &Error) -> Response {
    if let Error::TooManyRequests { retry_after_secs, .. } = err {
        response.headers_mut().insert(header::RETRY_AFTER, (*retry_after_secs).into());
    }
    response
}
