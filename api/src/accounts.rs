//! Sign-up, login, logout and password changes: the steps both the JSON API and the HTML
//! forms take, so the two can never disagree.

use axum::http::HeaderValue;
use tessera_core::account::{
    self, Account, AccountError, DisplayName, Email, NewPassword, Role, SESSION_DAYS, SessionToken,
    TokenPurpose,
};
use tessera_core::catalog::FieldError;
use tessera_i18n::Locale;
use tessera_web::email::{AccountEmail, AccountEmailKind};

use crate::auth::client_ip::ClientIp;
use crate::auth::cookies;
use crate::auth::rate_limit::{
    self, EMAIL_LINKS_PER_EMAIL, EMAIL_LINKS_PER_IP, LOGIN_FAILURES_PER_ACCOUNT,
    LOGIN_FAILURES_PER_ACCOUNT_AND_IP, LOGIN_PER_IP, PASSWORD_CHANGE_PER_ACCOUNT, RESET_TRIES_PER_IP,
    SIGNUP_PER_IP,
};
use crate::error::Error;
use crate::state::AppState;

/// Hashing costs tens of milliseconds of CPU and 19 MiB: keep it off the request threads, a
/// few at a time (`AppState::hashing`).
pub(crate) async fn hashing<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    // The permit goes with the work: a client that hangs up does not free it while the hash
    // still runs.
    let permit = state.hashing.clone().acquire_owned().await.map_err(|err| Error::Internal(err.into()))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|err| Error::Internal(err.into()))
}

/// Failures from one address on one account after which it counts as "failing" (and is held
/// back while the account is under attack).
const FAILING: u32 = 2;

const BAD_CREDENTIALS: Error =
    Error::Unauthorized { code: "invalid_credentials", message: "error-bad-credentials" };

/// What sign-up answers (a message id), whether or not the email already had an account: a
/// stranger cannot tell which.
pub const SIGNUP_ANSWER: &str = "notice-signup-sent";

/// What a reset request answers (a message id), whether or not the email has an account.
pub const RESET_ANSWER: &str = "notice-reset-sent";

/// Signs up: a new address gets an account (not yet verified) and a link to confirm it; an
/// address that already has an account gets an email telling its owner so. The answer is the
/// same either way, and so is the work before it (the password is hashed and one row tried in
/// both cases; the rest happens in the background), so sign-up does not tell a stranger
/// whether an address has an account. Nobody is signed in until the link is followed.
pub async fn signup(
    state: &AppState,
    ip: ClientIp,
    email: &str,
    name: &str,
    password: &str,
) -> Result<(), Error> {
    let email = Email::parse(email).map_err(Error::InvalidField)?;
    let name = DisplayName::parse(name).map_err(Error::InvalidField)?;
    let password = NewPassword::parse("password", password).map_err(Error::InvalidField)?;
    rate_limit::hit(state, SIGNUP_PER_IP, &ip.rate_key()).await?;

    let hash = hashing(state, move || account::hash_password(password.expose())).await?;
    match account::create_account(&state.db, &email, &name, &hash, Role::Customer, false).await {
        Ok(account) => {
            tracing::info!(account.id = %account.id, "account created");
            send_link(state, account.email.clone(), TokenPurpose::VerifyEmail);
        }
        Err(AccountError::EmailTaken) => {
            let state = state.clone();
            // The request's language, while it is known (the task below runs outside it).
            let requested = tessera_i18n::current();
            tokio::spawn(async move {
                if rate_limit::hit(&state, EMAIL_LINKS_PER_EMAIL, email.as_str()).await.is_err() {
                    return;
                }
                match account::credentials_by_email(&state.db, &email).await {
                    Ok(Some(existing)) => {
                        let mail = AccountEmail {
                            locale: mail_locale(&existing.account, requested),
                            name: existing.account.name.clone(),
                            kind: AccountEmailKind::AlreadyRegistered,
                            link: link(&state, "/login", None),
                            reset_url: link(&state, "/forgot-password", None),
                            valid_hours: 0,
                        };
                        deliver(&state, &existing.account.email, &mail).await;
                    }
                    Ok(None) => {}
                    Err(err) => {
                        tracing::error!(error = %err, "could not read the account an email was about")
                    }
                }
            });
        }
        Err(AccountError::Database(err)) => return Err(err.into()),
    }
    Ok(())
}

/// A signed-in customer asks for the confirmation link again (limited per address and per
/// recipient, so nobody's inbox can be flooded). Earlier links stop working.
pub async fn resend_verification(state: &AppState, ip: ClientIp, account: &Account) -> Result<(), Error> {
    if account.email_verified {
        return Ok(());
    }
    rate_limit::hit(state, EMAIL_LINKS_PER_IP, &ip.rate_key()).await?;
    rate_limit::hit(state, EMAIL_LINKS_PER_EMAIL, &account.email).await?;
    send_link(state, account.email.clone(), TokenPurpose::VerifyEmail);
    Ok(())
}

/// The address a confirmation link is for, while it works (the page says whom it confirms).
pub async fn verification_email_of(state: &AppState, token: &str) -> Result<String, Error> {
    let token = account::LinkToken::parse(token).ok_or_else(link_invalid)?;
    let mut conn = state.db.acquire().await?;
    let account_id = account::token_account(&mut conn, &token, TokenPurpose::VerifyEmail)
        .await?
        .ok_or_else(link_invalid)?;
    let credentials = account::credentials_by_id(&mut *conn, account_id).await?.ok_or_else(link_invalid)?;
    Ok(credentials.account.email)
}

/// Follows a confirmation link with the account's password: the address is verified, every
/// session the account had ends (whoever signed in before it was confirmed), and its owner is
/// signed in afresh (ending `previous`, the browser's own). Asking for the password means a
/// link only confirms for whoever chose it: someone who signed up with another person's
/// address cannot have them confirm it, nor sign them into an account that is not theirs.
/// A wrong password leaves the link working.
pub async fn verify_email(
    state: &AppState,
    ip: ClientIp,
    token: &str,
    password: &str,
    previous: Option<&SessionToken>,
) -> Result<(Account, SessionToken), Error> {
    rate_limit::hit(state, RESET_TRIES_PER_IP, &ip.rate_key()).await?;
    let token = account::LinkToken::parse(token).ok_or_else(link_invalid)?;
    let account_id = {
        let mut conn = state.db.acquire().await?;
        account::token_account(&mut conn, &token, TokenPurpose::VerifyEmail)
            .await?
            .ok_or_else(link_invalid)?
    };
    let credentials =
        account::credentials_by_id(&state.db, account_id).await?.ok_or(Error::NotFound("account"))?;
    let password = password.to_string();
    let hash = credentials.password_hash.clone();
    if !hashing(state, move || account::verify_password(&password, Some(&hash))).await? {
        return Err(Error::Unauthorized {
            code: "invalid_credentials",
            message: "error-not-this-accounts-password",
        });
    }
    let mut tx = state.db.begin().await?;
    if account::use_token(&mut tx, &token, TokenPurpose::VerifyEmail).await? != Some(account_id) {
        return Err(link_invalid());
    }
    account::mark_verified(&mut tx, account_id).await?;
    let ended = account::delete_sessions_of(&mut *tx, account_id, None).await?;
    if let Some(previous) = previous {
        account::delete_session(&mut *tx, previous).await?;
    }
    let session = account::create_session(&mut *tx, account_id).await?;
    tx.commit().await?;
    tracing::info!(account.id = %account_id, sessions.ended = ended, "email verified");
    let account = Account { email_verified: true, ..credentials.account };
    Ok((account, session))
}

/// Asks for a password reset link. The answer is the same whether or not the address has an
/// account, and so is the work before it: the lookup and the email happen in the background
/// (limited per address and per recipient).
pub async fn request_password_reset(state: &AppState, ip: ClientIp, email: &str) -> Result<(), Error> {
    rate_limit::hit(state, EMAIL_LINKS_PER_IP, &ip.rate_key()).await?;
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let state = state.clone();
    let requested = tessera_i18n::current();
    tokio::spawn(async move {
        if rate_limit::hit(&state, EMAIL_LINKS_PER_EMAIL, email.as_str()).await.is_ok() {
            send_link_now(&state, email.as_str(), TokenPurpose::ResetPassword, requested).await;
        }
    });
    Ok(())
}

/// Follows a reset link with a new password: the password changes, every session of the
/// account ends, the address counts as verified (the link reached it), and the person is
/// signed in with a fresh session. The link works once.
pub async fn reset_password(
    state: &AppState,
    ip: ClientIp,
    token: &str,
    new_password: &str,
) -> Result<(Account, SessionToken), Error> {
    rate_limit::hit(state, RESET_TRIES_PER_IP, &ip.rate_key()).await?;
    let new_password = NewPassword::parse("new_password", new_password).map_err(Error::InvalidField)?;
    let token = account::LinkToken::parse(token).ok_or_else(link_invalid)?;
    let hash = hashing(state, move || account::hash_password(new_password.expose())).await?;
    let mut tx = state.db.begin().await?;
    let account_id =
        account::use_token(&mut tx, &token, TokenPurpose::ResetPassword).await?.ok_or_else(link_invalid)?;
    account::set_password(&mut *tx, account_id, &hash).await?;
    account::mark_verified(&mut tx, account_id).await?;
    let ended = account::delete_sessions_of(&mut *tx, account_id, None).await?;
    let session = account::create_session(&mut *tx, account_id).await?;
    tx.commit().await?;
    let credentials =
        account::credentials_by_id(&state.db, account_id).await?.ok_or(Error::NotFound("account"))?;
    tracing::info!(account.id = %account_id, sessions.ended = ended, "password reset");
    Ok((credentials.account, session))
}

/// A link that is unknown, expired or already used (410).
fn link_invalid() -> Error {
    Error::Gone { code: "link_invalid", message: tessera_i18n::t("error-link-invalid") }
}

/// An absolute link on this site, with the token when there is one.
fn link(state: &AppState, path: &str, token: Option<&account::LinkToken>) -> String {
    let mut url = state.config.public_url.join(path).expect("a path joins");
    if let Some(token) = token {
        url.query_pairs_mut().append_pair("token", token.as_str());
    }
    url.to_string()
}

/// Emails `email`'s account a new link for `purpose`, in the background: the answer does not
/// wait for the database or SMTP (nor tell, by its timing, whether an email went out). A
/// failure is logged; the person can ask again.
fn send_link(state: &AppState, email: String, purpose: TokenPurpose) {
    let state = state.clone();
    let requested = tessera_i18n::current();
    tokio::spawn(async move { send_link_now(&state, &email, purpose, requested).await });
}

/// Issues the link (voiding earlier ones of its purpose) and emails it, in the account's
/// language or else `requested` (that of the request that asked for it); nothing when the
/// address has no account.
async fn send_link_now(state: &AppState, email: &str, purpose: TokenPurpose, requested: Locale) {
    let issued = async {
        let Ok(email) = Email::parse(email) else { return Ok(None) };
        let Some(credentials) = account::credentials_by_email(&state.db, &email).await? else {
            return Ok(None);
        };
        let mut tx = state.db.begin().await?;
        let token = account::issue_token(&mut tx, credentials.account.id, purpose).await?;
        tx.commit().await?;
        Ok::<_, sqlx::Error>(Some((credentials.account, token)))
    }
    .await;
    let (account, token) = match issued {
        Ok(Some(issued)) => issued,
        Ok(None) => return,
        Err(err) => {
            tracing::error!(error = %err, ?purpose, "could not issue an emailed link");
            return;
        }
    };
    let locale = mail_locale(&account, requested);
    let valid_hours = u32::try_from(purpose.lifetime().num_hours()).unwrap_or_default();
    let mail = match purpose {
        TokenPurpose::VerifyEmail => AccountEmail {
            locale,
            name: account.name.clone(),
            kind: AccountEmailKind::VerifyEmail,
            link: link(state, "/verify-email", Some(&token)),
            reset_url: String::new(),
            valid_hours,
        },
        TokenPurpose::ResetPassword => AccountEmail {
            locale,
            name: account.name.clone(),
            kind: AccountEmailKind::ResetPassword,
            link: link(state, "/reset-password", Some(&token)),
            reset_url: String::new(),
            valid_hours,
        },
    };
    deliver(state, &account.email, &mail).await;
    tracing::info!(account.id = %account.id, ?purpose, "emailed link sent");
}

/// The language of an email to `account`: the one its owner chose, else `requested`.
fn mail_locale(account: &Account, requested: Locale) -> Locale {
    account.locale.as_deref().and_then(Locale::parse).unwrap_or(requested)
}

async fn deliver(state: &AppState, to: &str, mail: &AccountEmail) {
    if let Err(err) = state.mailer.send_account(to, mail).await {
        tracing::error!(error = %err, kind = ?mail.kind, "an account email could not be sent");
    }
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
    // This address's failures on this account so far; the attempt is counted as one before the
    // password is checked (a success forgets them all), so parallel guesses cannot slip past.
    let (failed_here, _) = rate_limit::count(state, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, &account_and_ip).await;
    if failed_here >= FAILING {
        // Many addresses failing on the account only hold back those that have been failing
        // too; one typo is not failing.
        rate_limit::check(state, LOGIN_FAILURES_PER_ACCOUNT, email.as_str()).await?;
    }
    rate_limit::hit(state, LOGIN_FAILURES_PER_ACCOUNT_AND_IP, &account_and_ip).await?;

    let credentials = account::credentials_by_email(&state.db, &email).await?;
    let hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let password = password.to_string();
    let valid = hashing(state, move || account::verify_password(&password, hash.as_ref())).await?;
    let Some(credentials) = credentials.filter(|_| valid) else {
        tracing::info!(client.ip = %ip.0, "login failed");
        // Counted, not enforced, here: later attempts are refused if it is past its limit.
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

/// Changes the password after checking the current one, and signs out every session, this
/// one included: the device that changed it gets a fresh session (returned), so a session id
/// someone else may have copied opens nothing afterwards.
pub async fn change_password(
    state: &AppState,
    account_id: uuid::Uuid,
    current: &str,
    new: &str,
) -> Result<SessionToken, Error> {
    let new = NewPassword::parse("new_password", new).map_err(Error::InvalidField)?;
    check_own_password(state, account_id, current, "current_password").await?;
    let hash = hashing(state, move || account::hash_password(new.expose())).await?;
    let mut tx = state.db.begin().await?;
    account::set_password(&mut *tx, account_id, &hash).await?;
    let ended = account::delete_sessions_of(&mut *tx, account_id, None).await?;
    // Reset links sent before no longer open the account.
    account::void_tokens(&mut tx, account_id, TokenPurpose::ResetPassword).await?;
    let session = account::create_session(&mut *tx, account_id).await?;
    tx.commit().await?;
    rate_limit::reset(state, PASSWORD_CHANGE_PER_ACCOUNT, &account_id.to_string()).await;
    tracing::info!(account.id = %account_id, sessions.ended = ended, "password changed");
    Ok(session)
}

/// Deletes the account after checking its password (each check counts against the same limit
/// as changing it): what is the customer's own goes, their orders and tickets stay (see
/// `tessera_core::account::erase_account`). 409 `account_in_use` says what stands in the way.
pub async fn delete_account(state: &AppState, account_id: uuid::Uuid, password: &str) -> Result<(), Error> {
    check_own_password(state, account_id, password, "password").await?;
    let erased = account::erase_account(&state.db, account_id).await.map_err(|err| match err {
        account::EraseError::Blocked(why) => deletion_blocked(why),
        account::EraseError::NotFound => Error::NotFound("account"),
        account::EraseError::Database(err) => Error::Database(err),
    })?;
    rate_limit::reset(state, PASSWORD_CHANGE_PER_ACCOUNT, &account_id.to_string()).await;
    tracing::info!(
        account.id = %account_id,
        sessions.ended = erased.sessions,
        demand.records = erased.demand_records,
        interests = erased.interests,
        waitlist.places = erased.waitlist_places,
        "account deleted"
    );
    Ok(())
}

/// What stands in the way of deleting an account, as the 409 it answers.
fn deletion_blocked(why: account::Blocker) -> Error {
    Error::Conflict { code: "account_in_use", message: deletion_blocker_message(why), field: None }
}

/// What stands in the way of deleting an account, said to its owner.
pub fn deletion_blocker_message(why: account::Blocker) -> String {
    tessera_i18n::t(match why {
        account::Blocker::Admin => "error-delete-admin",
        account::Blocker::DoorStaff => "error-delete-staff",
        account::Blocker::UnpaidOrder => "error-delete-unpaid-order",
        account::Blocker::RefundUnderWay => "error-delete-refund-under-way",
        account::Blocker::TicketsBeingSent => "error-delete-tickets-being-sent",
        account::Blocker::BitcoinTickets => "error-delete-bitcoin-tickets",
    })
}

/// Checks that a signed-in person knows their account's password before a change that needs it
/// (422 on `field` otherwise). Each check costs an argon2 hash and counts against
/// `PASSWORD_CHANGE_PER_ACCOUNT`: a stolen session must not get unlimited guesses. The count is
/// the caller's to reset once the change is done.
async fn check_own_password(
    state: &AppState,
    account_id: uuid::Uuid,
    password: &str,
    field: &'static str,
) -> Result<(), Error> {
    rate_limit::hit(state, PASSWORD_CHANGE_PER_ACCOUNT, &account_id.to_string()).await?;
    let credentials =
        account::credentials_by_id(&state.db, account_id).await?.ok_or(Error::NotFound("account"))?;
    let password = password.to_string();
    let hash = credentials.password_hash;
    if hashing(state, move || account::verify_password(&password, Some(&hash))).await? {
        Ok(())
    } else {
        Err(Error::InvalidField(FieldError::new(field, tessera_i18n::t("error-not-current-password"))))
    }
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
