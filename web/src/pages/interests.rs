//! "Tell me when" (`interests.html`): a customer's requests and the form to make one.

use askama::Template;

use crate::pages::{Choice, Chrome};

#[derive(Template)]
#[template(path = "interests.html")]
pub struct InterestsPage {
    pub chrome: Chrome,
    pub csrf: String,
    /// The form, filled from the search that led here.
    pub city: String,
    pub words: String,
    pub categories: Vec<Choice>,
    pub interests: Vec<InterestView>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct InterestView {
    pub id: String,
    pub city: String,
    pub category: String,
    pub words: String,
    /// When it was answered; open ones can be withdrawn.
    pub answered: Option<String>,
}
