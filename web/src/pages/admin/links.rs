//! An event's tracking links (`admin/links.html`): make one, copy it, see what it brought on
//! the Market page, remove it.

use askama::Template;

use crate::pages::Chrome;

#[derive(Template)]
#[template(path = "admin/links.html")]
pub struct AdminLinksPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub event_title: String,
    pub event_href: String,
    /// Where the form posts.
    pub action: String,
    pub links: Vec<LinkView>,
    /// The form's values after a refusal.
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// A refusal, said plainly: (field, message).
    pub error: Option<(String, String)>,
    /// What was just done.
    pub notice: Option<String>,
}

#[derive(Debug, Clone)]
pub struct LinkView {
    pub link_id: String,
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// The whole address to hand out.
    pub url: String,
    pub created: String,
    /// Where its remove button posts.
    pub delete_action: String,
}
