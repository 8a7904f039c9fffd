//! The staff (`admin/staff.html`): admins, and the door staff who check tickets in.

use askama::Template;

use crate::pages::Chrome;

/// Someone on the staff.
#[derive(Debug, Clone)]
pub struct StaffRow {
    pub account_id: String,
    pub name: String,
    pub email: String,
    /// `Admin` or `Door staff`, in the page's language.
    pub role: String,
    /// Door staff can be removed here; admins only on the command line.
    pub removable: bool,
    pub since: String,
}

#[derive(Template)]
#[template(path = "admin/staff.html")]
pub struct AdminStaffPage {
    pub chrome: Chrome,
    pub csrf: String,
    pub rows: Vec<StaffRow>,
    /// The address typed in the form, kept when it is refused.
    pub email: String,
    pub notice: Option<String>,
    pub error: Option<String>,
}
