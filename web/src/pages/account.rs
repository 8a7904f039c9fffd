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
    pub current_password: Field,
    pub new_password: Field,
    /// Shown after a successful change.
    pub notice: Option<String>,
    /// The customer's orders, newest first.
    pub orders: Vec<crate::view::OrderSummary>,
}
