//! The door (`admin/checkin.html`): choosing the event and scanning tickets in.

use askama::Template;

use crate::pages::Chrome;

/// An event the door can check in.
#[derive(Debug, Clone)]
pub struct DoorEventView {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

/// What the last scan came to.
#[derive(Debug, Clone)]
pub struct ScanResult {
    /// `ok`, `repeat` or `refused`.
    pub kind: &'static str,
    pub headline: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "admin/checkin.html")]
pub struct AdminCheckinPage {
    pub chrome: Chrome,
    pub csrf: String,
    /// The admin console's links, for admins (door staff have only this page).
    pub admin_nav: bool,
    pub events: Vec<DoorEventView>,
    /// The event being checked in, and how many are in.
    pub event_id: String,
    pub progress: Option<String>,
    pub result: Option<ScanResult>,
}
