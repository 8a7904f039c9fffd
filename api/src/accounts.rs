//! Sign-up, login, logout and password changes: the steps both the JSON API and the HTML
//! forms take, so the two can never disagree.

use axum::http::HeaderValue;
use tessera_core::account::{
    self, Account, AccountError, DisplayName, Email, NewPassword, Role, SESSION_DAYS, SessionToken,
};
use tessera_core::catalog::FieldError;

use crate::auth::client_ip::ClientIp;
use crate::auth::cookies;
use crate::auth::rate_limit::{
    self, LOGIN_FAILURES_PER_ACCOUNT, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, LOGIN_PER_IP,
    PASSWORD_CHANGE_PER_ACCOUNT, SIGNUP_PER_IP,
};
use crate::error::Error;
use crate::state::AppState;

/// Hashing costs tens of milliseconds of CPU and 19 MiB: keep it off the request threads, a
/// few at a time (`AppState::hashing`).
pub(crate) async fn hashing<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    let _permit = state.hashing.acquire().await.map_err(|err| Error::Internal(err.into()))?;
    tokio::task::spawn_blocking(work).await.map_err(|err| Error::Internal(err.into()))
}

const BAD_CREDENTIALS: Error = Error::Unauthorized {
    code: "invalid_credentials",
    message: "That email and password do not match an account.",
};

/// Creates a customer account and signs it in.
pub async fn signup(
    state: &AppState,
    ip: ClientIp,
    email: &str,
    name: &str,
    password: &str,
) -> Result<(Account, SessionToken), Error> {
    let email = Email::parse(email).map_err(Error::InvalidField)?;
    let name = DisplayName::parse(name).map_err(Error::InvalidField)?;
    let password = NewPassword::parse("password", password).map_err(Error::InvalidField)?;
    rate_limit::hit(state, SIGNUP_PER_IP, &ip.rate_key()).await?;

    let hash = hashing(state, move || account::hash_password(password.expose())).await?;
    let account = match account::create_account(&state.db, &email, &name, &hash, Role::Customer).await {
        Ok(account) => account,
        Err(AccountError::EmailTaken) => {
            return Err(Error::Conflict {
                code: "email_taken",
                message: "An account with this email already exists. Log in instead.".into(),
                field: Some("email"),
            });
        }
        Err(AccountError::Database(err)) => return Err(err.into()),
    };
    let token = account::create_session(&state.db, account.id).await?;
    tracing::info!(account.id = %account.id, "account created");
    Ok((account, token))
}

/// Checks the password and opens a fresh session (a new id: any session id an attacker may
/// have planted before login is worthless). Failures say the same whether or not the email
/// exists and take as long. Every attempt counts against the address; only failures count
/// against the account, and an account many addresses failed on still lets in an address that
/// has not failed on it: nobody can lock the owner out by guessing.
pub async fn login(
    state: &AppState,
    ip: ClientIp,
    email: &str,
    password: &str,
    previous: Option<&SessionToken>,
) -> Result<(Account, SessionToken), Error> {
    rate_limit::hit(state, LOGIN_PER_IP, &ip.rate_key()).await?;
    let Ok(email) = Email::parse(email) else {
        return Err(BAD_CREDENTIALS);
    };
    let account_and_ip = format!("{}|{}", email.as_str().to_lowercase(), ip.rate_key());
    rate_limit::check(state, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, &account_and_ip).await?;
    let (failed_here, _) = rate_limit::count(state, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, &account_and_ip).await;
    if failed_here > 0 {
        rate_limit::check(state, LOGIN_FAILURES_PER_ACCOUNT, email.as_str()).await?;
    }

    let credentials = account::credentials_by_email(&state.db, &email).await?;
    let hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let password = password.to_string();
    let valid = hashing(state, move || account::verify_password(&password, hash.as_ref())).await?;
    let Some(credentials) = credentials.filter(|_| valid) else {
        tracing::info!(client.ip = %ip.0, "login failed");
        // Counted, not enforced, here: the next attempt is refused if these are past their limit.
        let _ = rate_limit::hit(state, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, &account_and_ip).await;
        let _ = rate_limit::hit(state, LOGIN_FAILURES_PER_ACCOUNT, email.as_str()).await;
        return Err(BAD_CREDENTIALS);
    };
    rate_limit::reset(state, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, &account_and_ip).await;

    if let Some(previous) = previous {
        account::delete_session(&state.db, previous).await?;
    }
    let token = account::create_session(&state.db, credentials.account.id).await?;
    tracing::info!(account.id = %credentials.account.id, "logged in");
    Ok((credentials.account, token))
}

/// Ends the session on the server; the cookie alone is worthless afterwards.
pub async fn logout(state: &AppState, token: &SessionToken) -> Result<(), Error> {
    account::delete_session(&state.db, token).await?;
    Ok(())
}

/// Changes the password after checking the current one, and signs out every other session.
pub async fn change_password(
    state: &AppState,
    account_id: uuid::Uuid,
    current: &str,
    new: &str,
    keep: &SessionToken,
) -> Result<(), Error> {
    let new = NewPassword::parse("new_password", new).map_err(Error::InvalidField)?;
    // Each check costs an argon2 hash: a stolen session must not get unlimited guesses.
    rate_limit::hit(state, PASSWORD_CHANGE_PER_ACCOUNT, &account_id.to_string()).await?;
    let credentials =
        account::credentials_by_id(&state.db, account_id).await?.ok_or(Error::NotFound("account"))?;
    let current = current.to_string();
    let hash = credentials.password_hash.clone();
    if !hashing(state, move || account::verify_password(&current, Some(&hash))).await? {
        return Err(Error::InvalidField(FieldError::new("current_password", "is not your current password")));
    }
    let hash = hashing(state, move || account::hash_password(new.expose())).await?;
    let mut tx = state.db.begin().await?;
    account::set_password(&mut *tx, account_id, &hash).await?;
    let ended = account::delete_sessions_of(&mut *tx, account_id, Some(keep)).await?;
    tx.commit().await?;
    rate_limit::reset(state, PASSWORD_CHANGE_PER_ACCOUNT, &account_id.to_string()).await;
    tracing::info!(account.id = %account_id, sessions.ended = ended, "password changed");
    Ok(())
}

/// The cookie that carries a new session.
pub fn session_cookie(state: &AppState, token: &SessionToken) -> HeaderValue {
    cookies::set(
        cookies::SESSION,
        token.as_cookie_value(),
        SESSION_DAYS * 24 * 3600,
        "Lax",
        state.config.is_https(),
    )
}

/// The cookie that removes the session from the browser.
pub fn clear_session_cookie(state: &AppState) -> HeaderValue {
    cookies::clear(cookies::SESSION, state.config.is_https())
}
