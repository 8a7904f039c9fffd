//! One askama template struct per page. Handlers fill them; templates only lay them out.
//!
//! The modules mirror `templates/`: one per page or group of pages that go together, and
//! `admin` for `templates/admin/`. Everything is re-exported here, so handlers name
//! `pages::X` whatever file it lives in. This file keeps what every page shares: the frame
//! (`base.html`), form fields, and the error page.

mod account;
mod admin;
mod catalog;
mod order;
mod sandbox;

use askama::Template;

pub use account::{AccountLinkPage, AccountPage, LinkForm, LoginPage, SignupPage};
pub use admin::{
    AdminAnalyticsPage, AdminAuditPage, AdminCheckinPage, AdminDeliveriesPage, AdminEventDeletePage,
    AdminEventFormPage, AdminEventRow, AdminEventsPage, AdminFinancePage, AdminOrderPage, AdminPaymentRow,
    AdminRefundsPage, AdminStaffPage, AdminTicketRow, AuditRow, DayRow, DeliveryRowView, DoorEventView,
    EventForm, EventHoldsPanel, EventRefundsPanel, EventSalesRow, FinanceRow, HolderRow, IssuedRefundRow,
    MethodRow, ReceivedCard, RefundRow, ScanResult, StaffRow, TicketRow, UnmatchedRow,
};
pub use catalog::{EventPage, FilterForm, HomePage, SearchPage};
pub use order::{BuyPage, BuyRow, EthPanel, OrderLine, OrderPage, RefundLine, RefundOfferView, TicketLine};
pub use sandbox::{SandboxBtcPayClaimPage, SandboxBtcPayPage, SandboxCheckoutPage};

/// What every page's frame needs: the stylesheet's cache-busting URL, the search box text,
/// and who is signed in.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub stylesheet: &'static str,
    pub favicon: &'static str,
    pub query: String,
    pub viewer: Option<ViewerChrome>,
}

/// The signed-in person, as the header shows them.
#[derive(Debug, Clone)]
pub struct ViewerChrome {
    pub name: String,
    pub is_admin: bool,
    /// Door staff: the header links to the door's page.
    pub is_door: bool,
}

impl Chrome {
    pub fn new(query: impl Into<String>, viewer: Option<ViewerChrome>) -> Self {
        Self {
            stylesheet: crate::assets::stylesheet_href(),
            favicon: crate::assets::favicon_href(),
            query: query.into(),
            viewer,
        }
    }
}

/// A form field's value and its error, if any.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub value: String,
    pub error: Option<String>,
}

/// An option in a filter menu.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub chrome: Chrome,
    pub status: u16,
    pub title: String,
    pub message: String,
}
