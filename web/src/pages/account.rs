//! Signing up, signing in and the account page (`signup.html`, `login.html`, `account.html`):
//! the pages that hold a customer's credentials, kept together.

use askama::Template;

use super::{Chrome, Field};

#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub name: Field,
    pub email: Field,
    pub password: Field,
    /// A problem not tied to one field.
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub email: String,
    pub next: String,
    pub error: Option<String>,
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    pub is_door: bool,
    pub current_password: Field,
    pub new_password: Field,
    /// Shown after a successful change.
    pub notice: Option<String>,
    /// The address is not confirmed yet: the page offers the link again.
    pub email_unverified: bool,
    /// The customer's orders, newest first.
    pub orders: Vec<crate::view::OrderSummary>,
    /// Where they live, if they care to say.
    pub home: HomeForm,
}

/// Where a customer lives: asked once after their first paid order, changeable after.
#[derive(Debug, Clone, Default)]
pub struct HomeForm {
    /// Every country, in the page's language, the account's selected.
    pub countries: Vec<crate::pages::Choice>,
    pub city: String,
    /// Cities with events, offered as the city is typed (so a city is spelled as its events
    /// spell it).
    pub known_cities: Vec<String>,
    /// They paid for an order and were never asked: the page asks, near the top.
    pub ask: bool,
    pub error: Option<String>,
}

/// The pages of the emailed links and what leads to them: "check your inbox" after sign-up,
/// asking for a reset link, choosing the new password, confirming the address.
#[derive(Template)]
#[template(path = "account_link.html")]
pub struct AccountLinkPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub heading: String,
    /// What happened or what to do, for people.
    pub message: Option<String>,
    pub error: Option<String>,
    pub form: LinkForm,
}

/// The form an [`AccountLinkPage`] shows, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkForm {
    None,
    /// An email field, posting to `/forgot-password`.
    AskReset {
        email: String,
    },
    /// A new password, posting to `/reset-password` with the link's token.
    NewPassword {
        token: String,
    },
    /// The account's password, posting to `/verify-email` with the link's token.
    ConfirmEmail {
        token: String,
        email: String,
    },
}

/// Deleting the account: what goes, what stays, and the password to confirm.
#[derive(Template)]
#[template(path = "account_delete.html")]
pub struct AccountDeletePage {
    pub chrome: Chrome,
    pub csrf: String,
    /// What stands in the way now, if anything (the form is not shown).
    pub blocked: Option<String>,
    /// Tickets for events still to come, which stay valid.
    pub upcoming_tickets: i64,
    pub password: Field,
}
