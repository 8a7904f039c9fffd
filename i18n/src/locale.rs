//! The seven locales and how one is chosen.

/// A language the interface speaks: the demo cities' languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub enum Locale {
    #[default]
    En,
    Fr,
    De,
    Es,
    Pt,
    Ja,
    Pl,
}

impl Locale {
    pub const ALL: [Locale; 7] =
        [Locale::En, Locale::Fr, Locale::De, Locale::Es, Locale::Pt, Locale::Ja, Locale::Pl];

    /// The BCP 47 tag: `pt`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::De => "de",
            Locale::Es => "es",
            Locale::Pt => "pt",
            Locale::Ja => "ja",
            Locale::Pl => "pl",
        }
    }

    /// The language's name in itself, as the switcher shows it: `Português`.
    pub fn name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
            Locale::De => "Deutsch",
            Locale::Es => "Español",
            Locale::Pt => "Português",
            Locale::Ja => "日本語",
            Locale::Pl => "Polski",
        }
    }

    /// The locale of a language tag, by its language (`pt-BR` is Portuguese), any case.
    pub fn parse(tag: &str) -> Option<Locale> {
        let language = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Locale::ALL.into_iter().find(|locale| locale.tag().eq_ignore_ascii_case(language))
    }

    /// The best locale for an `Accept-Language` header: the one with the highest weight that
    /// we speak (the first listed among equals), or None when we speak none of them.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(Locale, u16)> = None;
        for item in accept_language.split(',').take(32) {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let weight = parts
                .filter_map(|p| p.split_once('='))
                .find(|(key, _)| key.trim().eq_ignore_ascii_case("q"))
                .map_or(Some(1000), |(_, value)| quality(value))
                .unwrap_or(0);
            if weight == 0 {
                continue;
            }
            if let Some(locale) = Locale::parse(tag)
                && best.is_none_or(|(_, w)| weight > w)
            {
                best = Some((locale, weight));
            }
        }
        best.map(|(locale, _)| locale)
    }
}

/// A quality value (`0.8`) in thousandths, or None when it is not one.
fn quality(text: &str) -> Option<u16> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let fraction: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(fraction),
        "1" if fraction == 0 => Some(1000),
        _ => None,
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_language_we_speak_wins() {
        assert_eq!(Locale::negotiate("pt-BR,pt;q=0.9"), Some(Locale::Pt));
        assert_eq!(Locale::negotiate("en-GB;q=0.5, ja;q=0.8"), Some(Locale::Ja));
        assert_eq!(Locale::negotiate("nl, de;q=0.7, fr;q=0.7"), Some(Locale::De));
        assert_eq!(Locale::negotiate("nl, *;q=0.5"), None);
        assert_eq!(Locale::negotiate("pl;q=0, es"), Some(Locale::Es));
        assert_eq!(Locale::negotiate("PL-pl"), Some(Locale::Pl));
        assert_eq!(Locale::negotiate("es;q=2, fr"), Some(Locale::Fr), "a weight that is not one counts as 0");
        assert_eq!(Locale::negotiate("de;Q=0.1, pl ; q = 0.5"), Some(Locale::Pl));
        assert_eq!(Locale::negotiate(""), None);
        assert_eq!(Locale::parse("ja_JP"), Some(Locale::Ja));
        assert_eq!(Locale::parse("jav"), None);
    }
}
