//! Every message exists in every language, parses, and is used; every message the code asks
//! for exists. (A page that would show a raw message id fails here first.)
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use tessera_i18n::{Locale, message_ids, sources};

/// Where the code that asks for messages lives, from this crate's folder.
const CODE: [&str; 5] = ["../web/templates", "../web/src", "../api/src", "../ticketing/src", "../core/src"];

fn files(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs" || ext == "html" || ext == "txt") {
            out.push(std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn code() -> String {
    let mut out = Vec::new();
    for dir in CODE {
        files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    }
    out.join("\n")
}

#[test]
fn every_file_parses() {
    for (tag, source) in sources() {
        if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source.to_string()) {
            panic!("locales/{tag}: {errors:?}");
        }
    }
}

#[test]
fn every_language_has_every_message_and_no_other() {
    let english: BTreeSet<String> = message_ids(Locale::En).into_iter().collect();
    assert!(english.len() > 50, "{} messages", english.len());
    for locale in Locale::ALL {
        let ids = message_ids(locale);
        let set: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(set.len(), ids.len(), "{locale}: a message is defined twice");
        let missing: Vec<_> = english.difference(&set).collect();
        let extra: Vec<_> = set.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{locale}: missing {missing:?}, not in English {extra:?}"
        );
        for id in &ids {
            let text = tessera_i18n::message(locale, id);
            assert!(!text.trim().is_empty() && text != *id, "{locale}: {id} is empty");
        }
    }
}

#[test]
fn every_message_is_used_and_every_message_asked_for_exists() {
    let code = code();
    let ids: BTreeSet<String> = message_ids(Locale::En).into_iter().collect();
    let unused: Vec<_> = ids.iter().filter(|id| !code.contains(&format!("\"{id}\""))).collect();
    assert!(unused.is_empty(), "messages no code asks for: {unused:?}");
    // Whatever the code asks `t` for (`chrome.t("…")`, `chrome.t1("…"`, `chrome.tn("…"`,
    // `tessera_i18n::t("…")`), or names after the locale, is a message.
    let asked: BTreeSet<&str> = [".t(\"", ".t1(\"", ".t2(\"", ".tn(\"", "::t(\"", "t_args(\""]
        .iter()
        .flat_map(|call| code.split(call).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| !id.is_empty())
        // And `message(locale, "…")`, `message_with(locale, "…", …)`, `message_args(locale, "…", …)`.
        .chain(
            ["message(", "message_with(", "message_args("]
                .iter()
                .flat_map(|call| code.split(call).skip(1))
                .filter_map(|rest| rest.split_once(',')?.1.trim_start().strip_prefix('"')?.split('"').next()),
        )
        .collect();
    // And any literal that names an error or a notice (`Error::Forbidden("error-admin-only")`):
    // those are ids wherever they are written.
    let named = ["\"error-", "\"notice-"]
        .iter()
        .flat_map(|prefix| code.match_indices(prefix).map(|(at, _)| &code[at + 1..]))
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| {
            id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        });
    let asked: BTreeSet<&str> = asked.into_iter().chain(named).collect();
    let unknown: Vec<_> = asked.iter().filter(|id| !ids.contains(**id)).collect();
    assert!(unknown.is_empty(), "asked for but not defined: {unknown:?}");
}

#[test]
fn arguments_fill_in_without_isolation_marks() {
    let mut args = tessera_i18n::FluentArgs::new();
    args.set("query", "fado & chá");
    assert_eq!(
        tessera_i18n::message_with(Locale::Pt, "search-heading-query", &args),
        "Resultados para «fado & chá»"
    );
    assert_eq!(tessera_i18n::message(Locale::Ja, "nav-log-in"), "ログイン");
    assert_eq!(tessera_i18n::message(Locale::De, "no-such-message"), "no-such-message");
}

#[test]
fn counts_take_each_languages_plural_forms() {
    let tickets = |locale, count: i64| {
        let mut args = tessera_i18n::FluentArgs::new();
        args.set("count", count);
        tessera_i18n::message_with(locale, "account-order-tickets", &args)
    };
    assert_eq!(tickets(Locale::En, 1), "1 ticket");
    assert_eq!(tickets(Locale::En, 2), "2 tickets");
    assert_eq!(tickets(Locale::Pl, 1), "1 bilet");
    assert_eq!(tickets(Locale::Pl, 3), "3 bilety");
    assert_eq!(tickets(Locale::Pl, 5), "5 biletów");
    assert_eq!(tickets(Locale::Pl, 22), "22 bilety");
    assert_eq!(tickets(Locale::Fr, 1), "1 billet");
    assert_eq!(tickets(Locale::Ja, 4), "チケット 4 枚");
}
