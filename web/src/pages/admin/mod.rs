//! The admin pages, one file per template under `templates/admin/`. Every one of them
//! includes `admin/_nav.html`.

mod analytics;
mod audit;
mod checkin;
mod deliveries;
mod events;
mod finance;
mod links;
mod market;
mod refunds;
mod staff;

pub use analytics::{AdminAnalyticsPage, DayRow, EventSalesRow, MethodRow, ReceivedCard};
pub use audit::{AdminAuditPage, AuditRow};
pub use checkin::{AdminCheckinPage, DoorEventView, ScanResult};
pub use deliveries::{AdminDeliveriesPage, DeliveryRowView};
pub use events::{
    AdminEventDeletePage, AdminEventFormPage, AdminEventRow, AdminEventsPage, EventForm, EventHoldsPanel,
    EventRefundsPanel, HolderRow, TicketRow, TranslationForm,
};
pub use finance::{AdminFinancePage, FinanceRow};
pub use links::{AdminLinksPage, LinkView};
pub use market::{AdminMarketPage, MarketSection, MarketTable};
pub use refunds::{
    AdminOrderPage, AdminPaymentRow, AdminRefundsPage, AdminTicketRow, IssuedRefundRow, RefundRow,
    UnmatchedRow,
};
pub use staff::{AdminStaffPage, StaffRow};
