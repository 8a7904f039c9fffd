//! What the i18n tests read off a rendered page.

use tessera_i18n::{Locale, message_ids};

/// What `<html lang="…">` says (empty when the page has none).
pub fn lang_of(html: &str) -> &str {
    html.split("<html lang=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default()
}

/// No message id shows through as text or as an attribute's value.
pub fn assert_no_raw_ids(uri: &str, html: &str) {
    for id in message_ids(Locale::En) {
        assert!(
            !html.contains(&format!(">{id}<")) && !html.contains(&format!("=\"{id}\"")),
            "{uri} shows {id}"
        );
    }
}
