//! One askama template struct per page. Handlers fill them; templates only lay them out.
//!
//! The modules mirror `templates/`: one per page or group of pages that go together, and
//! `admin` for `templates/admin/`. Everything is re-exported here, so handlers name
//! `pages::X` whatever file it lives in. This file keeps what every page shares: the frame
//! (`base.html`), form fields, and the error page.

mod account;
mod admin;
mod catalog;
mod interests;
mod order;
mod sandbox;

use askama::Template;
use tessera_i18n::Locale;

pub use account::{
    AccountDeletePage, AccountLinkPage, AccountPage, HomeForm, LinkForm, LoginPage, SignupPage,
};
pub use admin::{
    AdminAnalyticsPage, AdminAuditPage, AdminCheckinPage, AdminDeliveriesPage, AdminEventDeletePage,
    AdminEventFormPage, AdminEventRow, AdminEventsPage, AdminFinancePage, AdminLinksPage, AdminMarketPage,
    AdminOrderPage, AdminPaymentRow, AdminRefundsPage, AdminStaffPage, AdminTicketRow, AuditRow, DayRow,
    DeliveryRowView, DoorEventView, EventForm, EventHoldsPanel, EventRefundsPanel, EventSalesRow, FinanceRow,
    HolderRow, IssuedRefundRow, LinkView, MarketSection, MarketTable, MethodRow, ReceivedCard, RefundRow,
    ScanResult, StaffRow, TicketRow, TranslationForm, UnmatchedRow,
};
pub use catalog::{CityPage, EventPage, FilterForm, HomePage, SearchPage};
pub use interests::{InterestView, InterestsPage};
pub use order::{
    BuyPage, BuyRow, EthPanel, LightningPanel, OrderLine, OrderPage, PlaceView, RefundLine, RefundOfferView,
    TicketLine, WaitlistRow,
};
pub use sandbox::{SandboxBtcPayClaimPage, SandboxBtcPayPage, SandboxCheckoutPage};

/// What every page's frame needs: the stylesheet's cache-busting URL, the search box text,
/// and who is signed in.
#[derive(Debug, Clone)]
pub struct Chrome {
    pub stylesheet: &'static str,
    pub favicon: &'static str,
    /// The search box's suggestions.
    pub suggest_script: &'static str,
    pub query: String,
    pub viewer: Option<ViewerChrome>,
    /// The language the page is in (`<html lang>`, every message).
    pub lang: Locale,
    /// The switcher: the page in each language, the current one marked.
    pub languages: Vec<LanguageLink>,
    /// The page's absolute address in each language (`hreflang` alternates), the current
    /// one being the canonical address. Empty outside a request.
    pub alternates: Vec<(&'static str, String)>,
    pub canonical: Option<String>,
}

/// The current page in another language.
#[derive(Debug, Clone)]
pub struct LanguageLink {
    pub tag: &'static str,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
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
    /// The frame of a page rendered now: in the request's language (see [`tessera_i18n::scope`]).
    pub fn new(query: impl Into<String>, viewer: Option<ViewerChrome>) -> Self {
        let page = tessera_i18n::page();
        let lang = page.as_ref().map_or_else(Locale::default, |page| page.locale);
        let languages = Locale::ALL
            .into_iter()
            .map(|locale| LanguageLink {
                tag: locale.tag(),
                name: locale.name(),
                href: page
                    .as_ref()
                    .map_or_else(|| format!("/?lang={locale}&choose=1"), |page| page.choose_href(locale)),
                current: locale == lang,
            })
            .collect();
        let alternates = page
            .as_ref()
            .map(|page| Locale::ALL.into_iter().map(|locale| (locale.tag(), page.url_in(locale))).collect())
            .unwrap_or_default();
        Self {
            stylesheet: crate::assets::stylesheet_href(),
            favicon: crate::assets::favicon_href(),
            suggest_script: crate::assets::suggest_script_href(),
            query: query.into(),
            viewer,
            lang,
            languages,
            alternates,
            canonical: page.map(|page| page.url_in(lang)),
        }
    }

    /// Message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        tessera_i18n::message(self.lang, id)
    }

    /// Message `id` with a number `name`, which chooses the plural form.
    pub fn tn(&self, id: &str, name: &'static str, count: impl Count) -> String {
        let mut args = tessera_i18n::FluentArgs::new();
        args.set(name, count.count());
        tessera_i18n::message_with(self.lang, id, &args)
    }

    /// Message `id` with two arguments.
    pub fn t2(
        &self,
        id: &str,
        name: &'static str,
        value: impl std::fmt::Display,
        other: &'static str,
        other_value: impl std::fmt::Display,
    ) -> String {
        let mut args = tessera_i18n::FluentArgs::new();
        args.set(name, value.to_string());
        args.set(other, other_value.to_string());
        tessera_i18n::message_with(self.lang, id, &args)
    }

    /// Message `id` as HTML, its argument `until` a `<time>` (see [`with_time`]).
    pub fn t_until(&self, id: &str, display: &str, iso: &str) -> String {
        with_time(self.lang, id, &[], display, iso)
    }

    /// Message `id` with one argument.
    pub fn t1(&self, id: &str, name: &'static str, value: impl std::fmt::Display) -> String {
        let mut args = tessera_i18n::FluentArgs::new();
        args.set(name, value.to_string());
        tessera_i18n::message_with(self.lang, id, &args)
    }
}

/// Message `id` in `locale` as HTML, for `|safe`: its text escaped, and its argument `until`
/// (`display`) marked up as `<time datetime="{iso}">`, so the sentence keeps each language's
/// word order around the time. The other `args` are plain text, escaped with the rest.
pub fn with_time(
    locale: Locale,
    id: &str,
    args: &[(&'static str, &str)],
    display: &str,
    iso: &str,
) -> String {
    // A private-use character no message or argument contains stands for the time.
    const MARK: &str = "\u{E000}";
    let mut fluent = tessera_i18n::FluentArgs::new();
    for (name, value) in args {
        fluent.set(*name, value.replace(MARK, ""));
    }
    fluent.set("until", MARK);
    let text = tessera_i18n::message_with(locale, id, &fluent);
    let time =
        format!("<time datetime=\"{}\">{}</time>", crate::chart::escape(iso), crate::chart::escape(display));
    crate::chart::escape(&text).replace(MARK, &time)
}

/// A whole number a message's plural form depends on, as templates hand it over (by reference).
pub trait Count {
    fn count(&self) -> i64;
}

impl Count for i32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for u32 {
    fn count(&self) -> i64 {
        i64::from(*self)
    }
}

impl Count for i64 {
    fn count(&self) -> i64 {
        *self
    }
}

impl<T: Count> Count for &T {
    fn count(&self) -> i64 {
        (*self).count()
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
