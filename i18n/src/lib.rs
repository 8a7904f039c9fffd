//! Tessera in the buyer's language: the seven [`Locale`]s, choosing one from what a browser
//! says it reads ([`Locale::negotiate`]), and the interface's messages in each, written in
//! Project Fluent (`locales/{tag}/*.ftl`, embedded at build time).
//!
//! Pages are rendered inside [`scope`], which makes the request's locale (and the page's own
//! address, for the language switcher's links) [`current`] for the whole rendering: the
//! templates' frame reads it, so a handler does not pass it down by hand. Work outside a
//! request (an email, a PDF) names its locale explicitly with [`message`].

pub mod format;
mod locale;
mod messages;

pub use locale::Locale;
pub use messages::{FluentArgs, FluentValue, message, message_args, message_ids, message_with, sources};

/// What a page is rendered for: the locale, and where the page is (for `hreflang` links and
/// the switcher, which keep everything but the language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageContext {
    pub locale: Locale,
    /// The public origin, `https://tickets.example` (no trailing slash).
    pub origin: String,
    /// The path, `/events/fado`.
    pub path: String,
    /// The query without its `lang` parameter, already encoded (`city=lisbon&q=fado`), or empty.
    pub query: String,
}

impl PageContext {
    /// The page's address in `locale` (relative, for links on the page): the other parameters
    /// kept, `lang` set.
    pub fn href_in(&self, locale: Locale) -> String {
        if self.query.is_empty() {
            format!("{}?lang={}", self.path, locale.tag())
        } else {
            format!("{}?{}&lang={}", self.path, self.query, locale.tag())
        }
    }

    /// The switcher's link to the page in `locale`: it also remembers the choice.
    pub fn choose_href(&self, locale: Locale) -> String {
        format!("{}&choose=1", self.href_in(locale))
    }

    /// The page's absolute address in `locale`, for `hreflang` alternates and the canonical link.
    pub fn url_in(&self, locale: Locale) -> String {
        format!("{}{}", self.origin, self.href_in(locale))
    }
}

tokio::task_local! {
    static PAGE: PageContext;
}

/// Runs `future` (a request's handling) with `context` as the current page.
pub async fn scope<F: Future>(context: PageContext, future: F) -> F::Output {
    PAGE.scope(context, future).await
}

/// The current page's context, if rendering inside [`scope`].
pub fn page() -> Option<PageContext> {
    PAGE.try_with(Clone::clone).ok()
}

/// The current request's locale; English outside a request.
pub fn current() -> Locale {
    PAGE.try_with(|page| page.locale).unwrap_or_default()
}

/// A message of the current locale (see [`message`]).
pub fn t(id: &str) -> String {
    message(current(), id)
}

/// A message of the current locale with named arguments (see [`message_args`]): what code
/// that runs for a request (validation, refusals) says to whoever made it.
pub fn t_args<'a, const N: usize>(id: &str, args: [(&'static str, FluentValue<'a>); N]) -> String {
    message_args(current(), id, args)
}
