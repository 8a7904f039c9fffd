//! The catalog's audit log (`admin/audit.html`): who changed which event, and how.

use askama::Template;

use crate::pages::Chrome;

/// One catalog change, for people.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: String,
    pub admin: String,
    /// The action's code (`event.edit`), kept on the row.
    pub action: String,
    /// The action in words.
    pub action_label: String,
    pub event_id: String,
    pub title: String,
    pub changes: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AdminAuditPage {
    pub chrome: Chrome,
    pub rows: Vec<AuditRow>,
}
