//! Ticket deliveries (`admin/deliveries.html`): what was sent, what failed, what to retry.

use askama::Template;

use crate::pages::Chrome;

/// A ticket delivery, for admins.
#[derive(Debug, Clone)]
pub struct DeliveryRowView {
    pub order_id: String,
    /// `pending`, `sent` or `failed`, for CSS.
    pub status: String,
    /// The status in words.
    pub status_label: String,
    pub customer_email: String,
    pub event_title: String,
    pub tickets: i64,
    pub attempts: i32,
    pub last_error: String,
    /// When it was sent, or when it will next be tried.
    pub when: String,
    pub retryable: bool,
}

#[derive(Template)]
#[template(path = "admin/deliveries.html")]
pub struct AdminDeliveriesPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub rows: Vec<DeliveryRowView>,
    /// The status the list is narrowed to, or empty.
    pub status: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}
