//! The messages: one Fluent bundle per locale, built once from the embedded `.ftl` files.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
pub use fluent_bundle::{FluentArgs, FluentValue};

use crate::Locale;

/// The files of each locale, in `locales/{tag}/`. A new file is added to every locale at once.
macro_rules! sources {
    ($($tag:literal),*) => {
        [$(($tag, [
            include_str!(concat!("../locales/", $tag, "/pages.ftl")),
            include_str!(concat!("../locales/", $tag, "/tickets.ftl")),
            include_str!(concat!("../locales/", $tag, "/order.ftl")),
            include_str!(concat!("../locales/", $tag, "/errors.ftl")),
            include_str!(concat!("../locales/", $tag, "/admin.ftl")),
            include_str!(concat!("../locales/", $tag, "/emails.ftl")),
            include_str!(concat!("../locales/", $tag, "/sandbox.ftl")),
        ])),*]
    };
}

const SOURCES: [(&str, [&str; 7]); 7] = sources!("en", "fr", "de", "es", "pt", "ja", "pl");

struct Catalog {
    bundles: HashMap<Locale, FluentBundle<FluentResource>>,
    ids: HashMap<Locale, Vec<String>>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| {
    let mut bundles = HashMap::new();
    let mut ids = HashMap::new();
    for (tag, files) in SOURCES {
        let locale = Locale::parse(tag).expect("every source is one of our locales");
        let language = tag.parse().expect("our tags are language identifiers");
        let mut bundle = FluentBundle::new_concurrent(vec![language]);
        // Pages are HTML: no bidi isolation marks around arguments (they would end up in
        // attribute values and copied text); the text around them is never right-to-left.
        bundle.set_use_isolating(false);
        let mut names = Vec::new();
        for source in files {
            // A file that does not parse is a bug caught by this crate's tests; what parsed of
            // it still serves.
            let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry {
                    names.push(message.id.name.to_string());
                }
            }
            let _ = bundle.add_resource(resource);
        }
        bundles.insert(locale, bundle);
        ids.insert(locale, names);
    }
    Catalog { bundles, ids }
});

/// Message `id` in `locale`; in English when that locale lacks it (the tests forbid that), and
/// the id itself when no locale has it.
pub fn message(locale: Locale, id: &str) -> String {
    format(locale, id, None)
}

/// Message `id` in `locale` with its arguments (`{ $count }`).
pub fn message_with(locale: Locale, id: &str, args: &FluentArgs<'_>) -> String {
    format(locale, id, Some(args))
}

/// Message `id` in `locale` with the named arguments:
/// `message_args(locale, "order-overpaid", [("amount", price.into())])`.
pub fn message_args<'a, const N: usize>(
    locale: Locale,
    id: &str,
    args: [(&'static str, FluentValue<'a>); N],
) -> String {
    let mut fluent = FluentArgs::with_capacity(N);
    for (name, value) in args {
        fluent.set(name, value);
    }
    format(locale, id, Some(&fluent))
}

fn format(locale: Locale, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    for locale in [locale, Locale::En] {
        let Some(bundle) = CATALOG.bundles.get(&locale) else { continue };
        if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
            let mut errors = Vec::new();
            return bundle.format_pattern(pattern, args, &mut errors).into_owned();
        }
    }
    id.to_string()
}

/// The ids of `locale`'s messages, in file order.
pub fn message_ids(locale: Locale) -> Vec<String> {
    CATALOG.ids.get(&locale).cloned().unwrap_or_default()
}

/// Every source file, by locale tag, for the tests that read them.
pub fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    SOURCES.into_iter().flat_map(|(tag, files)| files.into_iter().map(move |file| (tag, file)))
}
