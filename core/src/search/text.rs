//! Text as the search index sees it: folded (case, accents and width ignored), split into
//! words (or, for Japanese and Chinese, into one- and two-character grams), and stemmed.

use std::borrow::Cow;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::decompose_canonical;

/// Lowercase, compatibility forms unified (full-width `Ａ` is `a`, `ｶ` is `カ`), accents and
/// other marks dropped from Latin, Greek and Cyrillic letters (`Fête` is `fete`, `Łódź` is
/// `lodz`), while Japanese kana keep their voicing marks (`が` is not `か`).
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        for lower in c.to_lowercase() {
            match lower {
                'ß' => out.push_str("ss"),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'þ' => out.push_str("th"),
                'ł' => out.push('l'),
                'ø' => out.push('o'),
                'đ' | 'ð' => out.push('d'),
                'ı' => out.push('i'),
                c if (c as u32) < 0x0530 || (0x1E00..0x2000).contains(&(c as u32)) => {
                    decompose_canonical(c, |part| {
                        if !is_mark(part) {
                            out.push(part);
                        }
                    });
                }
                c => out.push(c),
            }
        }
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// How a run of characters is cut into terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Letters and digits of alphabets that put spaces between words.
    Word,
    Han,
    Hiragana,
    Katakana,
}

fn script(c: char) -> Option<Script> {
    match c as u32 {
        0x3040..=0x309F => Some(Script::Hiragana),
        0x30A0..=0x30FF | 0x31F0..=0x31FF => Some(Script::Katakana),
        0x3005 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF => Some(Script::Han),
        _ if c.is_alphanumeric() => Some(Script::Word),
        _ => None,
    }
}

/// Whether an indexed term is a word (not a Japanese or Chinese gram).
pub fn is_word(term: &str) -> bool {
    term.chars().next().and_then(script) == Some(Script::Word)
}

/// Maximal runs of one script in folded text.
fn runs(folded: &str) -> impl Iterator<Item = (Script, &str)> {
    let mut rest = folded;
    std::iter::from_fn(move || {
        let start = rest.char_indices().find(|(_, c)| script(*c).is_some())?.0;
        rest = &rest[start..];
        let kind = script(rest.chars().next()?)?;
        let end = rest.char_indices().find(|(_, c)| script(*c) != Some(kind)).map_or(rest.len(), |(i, _)| i);
        let (run, after) = rest.split_at(end);
        rest = after;
        Some((kind, run))
    })
}

/// One- and two-character grams of a run written without spaces (`茶道` gives `茶`, `茶道`,
/// `道`), so a search for any word in it finds it without a dictionary.
fn grams(run: &str, unigrams: bool, mut emit: impl FnMut(&str)) {
    let bounds: Vec<usize> = run.char_indices().map(|(i, _)| i).chain([run.len()]).collect();
    for i in 0..bounds.len() - 1 {
        if unigrams {
            emit(&run[bounds[i]..bounds[i + 1]]);
        }
        if i + 2 < bounds.len() {
            emit(&run[bounds[i]..bounds[i + 2]]);
        }
    }
}

/// What a document is indexed under: its words (stop words left out), and the grams of its
/// Japanese and Chinese text. `word` is false for grams, which are not stemmed.
pub fn index_terms(folded: &str, mut emit: impl FnMut(&str, bool)) {
    for (kind, run) in runs(folded) {
        match kind {
            Script::Word if !is_stop_word(run) => emit(run, true),
            Script::Word => {}
            _ => grams(run, true, |gram| emit(gram, false)),
        }
    }
}

/// A term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    pub text: String,
    /// A word (stemmed, corrected, completed when last); false for a Japanese or Chinese gram.
    pub word: bool,
    /// Only as the start of a longer word: a stop word being typed ("the" on its way to
    /// "theatre"), in suggestions.
    pub prefix_only: bool,
}

impl QueryTerm {
    fn new(text: &str, word: bool) -> Self {
        Self { text: text.to_string(), word, prefix_only: false }
    }
}

/// A query's terms, every one of which a result must hold: its words without stop words, and
/// for Japanese and Chinese the character pairs of each run of kanji or katakana (a single
/// character alone), so `京都の茶道` asks for `京都` and `茶道`. Hiragana runs of one or two
/// characters are particles (`の`, `で`, `から`) and are left out, unless the query is nothing
/// else (`そば`); longer ones are kept.
pub fn query_terms(folded: &str) -> Vec<QueryTerm> {
    let mut terms = Vec::new();
    let mut particles = Vec::new();
    for (kind, run) in runs(folded) {
        let chars = run.chars().count();
        match kind {
            Script::Word if is_stop_word(run) => {}
            Script::Word => terms.push(QueryTerm::new(run, true)),
            Script::Hiragana if chars <= 2 => particles.push(run),
            _ if chars == 1 => terms.push(QueryTerm::new(run, false)),
            _ => grams(run, false, |gram| terms.push(QueryTerm::new(gram, false))),
        }
    }
    if terms.is_empty() {
        for run in particles {
            match run.chars().count() {
                1 => terms.push(QueryTerm::new(run, false)),
                _ => grams(run, false, |gram| terms.push(QueryTerm::new(gram, false))),
            }
        }
    }
    // The same term twice adds nothing.
    let mut seen = std::collections::HashSet::new();
    terms.retain(|term| seen.insert(term.text.clone()));
    terms
}

/// The terms of text being typed: [`query_terms`], and a last word that is a stop word kept as
/// the start of a longer one.
pub fn typed_terms(folded: &str) -> Vec<QueryTerm> {
    let mut terms = query_terms(folded);
    let last = runs(folded).last();
    if let Some((Script::Word, word)) = last
        && is_stop_word(word)
        && folded.ends_with(word)
    {
        terms.push(QueryTerm { text: word.to_string(), word: true, prefix_only: true });
    }
    terms
}

/// Whether `name`, or a word of it, starts with `typed` (both folded): "lis" for Lisbon,
/// "york" for New York. Two characters at least, except in Japanese and Chinese.
pub fn starts_a_word(name: &str, typed: &str) -> bool {
    let long_enough = typed.chars().count() >= 2 || !typed.is_ascii();
    long_enough && (name.starts_with(typed) || name.split([' ', '-']).any(|word| word.starts_with(typed)))
}

/// Words too common to search by, in the catalog's languages (folded). A query of nothing
/// else lists events, as an empty one does.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

// Sorted, for binary search (a unit test checks).
const STOP_WORDS: &[&str] = &[
    "a", "al", "an", "and", "are", "as", "at", "au", "aux", "be", "by", "con", "da", "das", "de", "del",
    "dem", "den", "der", "des", "die", "do", "dos", "du", "e", "ein", "eine", "el", "em", "en", "et", "for",
    "from", "i", "im", "in", "is", "it", "l", "la", "las", "le", "les", "los", "na", "no", "o", "of", "on",
    "or", "os", "sie", "the", "to", "um", "uma", "un", "und", "une", "w", "we", "with", "y", "z", "ze", "zu",
];

/// The languages words are stemmed in: English, French, German, Spanish and Portuguese by
/// their Snowball stemmers, Polish by [`stem_polish`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
    De,
    Es,
    Pt,
    Pl,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Fr, Lang::De, Lang::Es, Lang::Pt, Lang::Pl];

    /// The stemmer for a BCP 47 tag (`pt-PT` is Portuguese); none for languages without one
    /// (Japanese needs none).
    pub fn of(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or(tag);
        Some(match primary.to_ascii_lowercase().as_str() {
            "en" => Lang::En,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "es" => Lang::Es,
            "pt" => Lang::Pt,
            "pl" => Lang::Pl,
            _ => return None,
        })
    }

    pub fn index(self) -> usize {
        self as usize
    }

    /// The stems a folded word is indexed and searched under: one, and for Polish also the
    /// stem with the locative's consonant change undone (see [`stem_polish`]).
    pub fn stems(self, word: &str) -> impl Iterator<Item = Cow<'_, str>> {
        let changed = match self {
            Lang::Pl => polish_consonant_change(word).map(Cow::Owned),
            _ => None,
        };
        std::iter::once(self.stem(word)).chain(changed)
    }

    /// The stem of a folded word.
    pub fn stem(self, word: &str) -> Cow<'_, str> {
        static SNOWBALL: LazyLock<[Stemmer; 5]> = LazyLock::new(|| {
            [
                Algorithm::English,
                Algorithm::French,
                Algorithm::German,
                Algorithm::Spanish,
                Algorithm::Portuguese,
            ]
            .map(Stemmer::create)
        });
        match self {
            Lang::Pl => stem_polish(word),
            other => SNOWBALL[other.index()].stem(word),
        }
    }
}

/// A light Polish stemmer on folded words: the case and number endings of nouns and adjectives
/// come off (`krakowie`, `krakowa` and `krakow` are all `krak`; `koncertach`, `koncertow` and
/// `koncerty` are `koncert`). Words under five letters are kept. The consonant changes of the
/// locative (`koncercie` for `koncert`) are [`polish_consonant_change`]'s, a second stem.
pub fn stem_polish(word: &str) -> Cow<'_, str> {
    if word.len() < 5 || !word.is_ascii() {
        return Cow::Borrowed(word);
    }
    // Longest first.
    const ENDINGS: [&str; 35] = [
        "owych", "owymi", "owego", "owemu", "owie", "owej", "owym", "ach", "ami", "ego", "emu", "ych", "ymi",
        "ich", "imi", "iem", "owa", "owe", "owi", "owy", "om", "ow", "em", "ej", "ym", "im", "ie", "iu", "a",
        "e", "i", "o", "u", "y", "ia",
    ];
    let mut best: Option<&str> = None;
    for ending in ENDINGS {
        if let Some(stem) = word.strip_suffix(ending).filter(|stem| stem.len() >= 4)
            && best.is_none_or(|best| stem.len() < best.len())
        {
            best = Some(stem);
        }
    }
    Cow::Borrowed(best.unwrap_or(word))
}

/// The stem of a Polish locative with its consonant change undone: `koncercie` is `koncert`,
/// `teatrze` is `teatr`, `muzyce` is `muzyk`, `Pradze` is `prag`. A second stem beside
/// [`stem_polish`]'s, since the same endings close nouns that have no such change
/// (`Katowice`, `Podgórze`).
pub fn polish_consonant_change(word: &str) -> Option<String> {
    if word.len() < 5 || !word.is_ascii() {
        return None;
    }
    const CHANGES: [(&str, &str); 5] = [("dzie", "d"), ("cie", "t"), ("rze", "r"), ("dze", "g"), ("ce", "k")];
    CHANGES.iter().find_map(|(ending, replacement)| {
        word.strip_suffix(ending).filter(|stem| stem.len() >= 4).map(|stem| format!("{stem}{replacement}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_width_but_not_kana_voicing() {
        assert_eq!(fold("Fête à Łódź"), "fete a lodz");
        assert_eq!(fold("KRAKÓW Straße"), "krakow strasse");
        assert_eq!(fold("ＦＡＤＯ ｶﾞ"), "fado ガ");
        assert_eq!(fold("がか"), "がか");
        assert_eq!(fold("São João"), "sao joao");
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn japanese_is_cut_into_grams_and_queries_drop_particles() {
        let mut terms = Vec::new();
        index_terms(&fold("京都の茶道 tea"), |term, word| terms.push((term.to_string(), word)));
        let texts: Vec<&str> = terms.iter().map(|(term, _)| term.as_str()).collect();
        assert_eq!(texts, ["京", "京都", "都", "の", "茶", "茶道", "道", "tea"]);
        assert!(terms.last().unwrap().1);
        let query: Vec<String> = query_terms(&fold("京都の茶道")).into_iter().map(|t| t.text).collect();
        assert_eq!(query, ["京都", "茶道"]);
        let query: Vec<String> = query_terms(&fold("お茶")).into_iter().map(|t| t.text).collect();
        assert_eq!(query, ["茶"]);
        let query: Vec<String> = query_terms(&fold("コンサート")).into_iter().map(|t| t.text).collect();
        assert_eq!(query, ["コン", "ンサ", "サー", "ート"]);
    }

    #[test]
    fn queries_drop_stop_words_and_repeats() {
        let query: Vec<String> =
            query_terms(&fold("The fado and the FADO night")).into_iter().map(|t| t.text).collect();
        assert_eq!(query, ["fado", "night"]);
        assert!(query_terms("the and").is_empty());
    }

    #[test]
    fn polish_inflections_share_a_stem() {
        let stems = |word: &str| Lang::Pl.stems(word).map(Cow::into_owned).collect::<Vec<_>>();
        for group in [
            &["krakow", "krakowie", "krakowa"][..],
            &["koncert", "koncertu", "koncerty", "koncertow", "koncertach", "koncertami", "koncercie"],
            &["warszawa", "warszawie", "warszawy", "warszawe"],
            &["muzyka", "muzyki", "muzyce"],
            &["teatr", "teatru", "teatrze"],
            &["festiwal", "festiwalu", "festiwale", "festiwali", "festiwalach"],
            &["wroclaw", "wroclawiu"],
            &["katowice", "katowicach", "katowic"],
            &["podgorze", "podgorzu", "podgorza"],
            &["zablocie", "zablociu"],
        ] {
            let first = stems(group[0]);
            for word in group {
                let these = stems(word);
                assert!(
                    these.iter().any(|stem| first.contains(stem)),
                    "{word} {these:?} vs {} {first:?}",
                    group[0]
                );
            }
        }
    }

    #[test]
    fn a_query_of_particles_alone_searches_them_and_a_typed_stop_word_is_completed() {
        let terms: Vec<String> = query_terms(&fold("そば")).into_iter().map(|t| t.text).collect();
        assert_eq!(terms, ["そば"]);
        let typed = typed_terms(&fold("jazz con"));
        assert_eq!(typed.len(), 2);
        assert!(typed[1].prefix_only && typed[1].text == "con");
        assert!(!typed_terms("con ").iter().any(|t| t.prefix_only), "a finished stop word is not completed");
    }

    #[test]
    fn snowball_stems_each_language() {
        assert_eq!(Lang::En.stem("concerts"), Lang::En.stem("concert"));
        assert_eq!(Lang::Fr.stem(&fold("dégustations")), Lang::Fr.stem(&fold("dégustation")));
        assert_eq!(Lang::De.stem("fuhrungen"), Lang::De.stem("fuhrung"));
        assert_eq!(Lang::Es.stem("conciertos"), Lang::Es.stem("concierto"));
        assert_eq!(Lang::Pt.stem("noites"), Lang::Pt.stem("noite"));
        assert_eq!(Lang::of("pt-PT"), Some(Lang::Pt));
        assert_eq!(Lang::of("ja"), None);
    }
}
