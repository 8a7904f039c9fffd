//! The catalog's audit log (`admin/audit.html`): who changed which event, and how.

use askama::Template;

use crate::pages::Chrome;

/// One catalog change, for people.
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at: String,
    pub admin: String,
    pub action: String,
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
