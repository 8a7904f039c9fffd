//! The search index: every upcoming published event, analysed, with its terms in a
//! finite-state dictionary (prefixes and typos are walks over it) and its stems by language.
//! Immutable once built: a change builds a new one from the old one's analysed documents.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, OnceLock};

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use fst::{Automaton, IntoStreamer as _, Streamer as _};
use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};
use uuid::Uuid;

use super::text::{Lang, QueryTerm, fold, index_terms, is_word, query_terms, starts_a_word, typed_terms};
use crate::catalog::{Category, Cursor, Event, EventFilter, Limit, Near};

/// Where in an event a term was found; a term's best place decides its weight.
const TITLE: u8 = 1;
const PLACE: u8 = 2;
const TAGS: u8 = 4;
const DESCRIPTION: u8 = 8;

/// Title beats venue and city, which beat tags (and the category), which beat description.
fn weight(fields: u8) -> f32 {
    if fields & TITLE != 0 {
        8.0
    } else if fields & PLACE != 0 {
        4.0
    } else if fields & TAGS != 0 {
        2.0
    } else {
        1.0
    }
}

/// How well a query word matched a term: exactly, by its stem, as the start of a longer word
/// (the word being typed), or with one or two typos.
const EXACT: f32 = 1.0;
const STEM: f32 = 0.9;
const PREFIX: f32 = 0.8;
const ONE_TYPO: f32 = 0.6;
const TWO_TYPOS: f32 = 0.45;

/// At most this many completions of a prefix (the most common) or corrections of a word.
const MAX_EXPANSIONS: usize = 64;

#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    fields: u8,
}

/// An event's terms, kept so that a change re-analyses only the events that changed.
#[derive(Debug, Default)]
pub(super) struct Analysed {
    words: Vec<(Box<str>, u8)>,
    stems: Vec<(Lang, Box<str>, u8)>,
}

/// An event with what filtering it needs at hand.
#[derive(Debug)]
pub(super) struct Doc {
    pub event: Arc<Event>,
    analysed: Arc<Analysed>,
    /// The event's JSON members that read the same in every language, rendered the first
    /// time it is found and kept until it changes.
    json: Arc<OnceLock<Box<str>>>,
    /// The event's end, beside the rest so that most filtering never reads the event.
    ends_at: DateTime<Utc>,
    zone: chrono_tz::Tz,
    city_key: String,
    neighbourhood_key: String,
    exponent: u32,
}

/// The filter's names folded once per search, not once per event.
struct Places {
    city: Option<String>,
    neighbourhood: Option<String>,
}

impl Places {
    fn of(filter: &EventFilter) -> Self {
        Self {
            city: filter.city.as_deref().map(fold),
            neighbourhood: filter.neighbourhood.as_deref().map(fold),
        }
    }
}

impl Doc {
    pub fn new(event: Arc<Event>) -> Self {
        let analysed = Arc::new(analyse(&event));
        Self::with_analysis(event, analysed, Arc::default())
    }

    fn with_analysis(event: Arc<Event>, analysed: Arc<Analysed>, json: Arc<OnceLock<Box<str>>>) -> Self {
        let zone = event.timezone.parse().unwrap_or(chrono_tz::UTC);
        let exponent =
            event.currency.parse::<crate::money::Currency>().map_or(2, |currency| currency.exponent());
        Self {
            city_key: fold(&event.city),
            neighbourhood_key: fold(&event.neighbourhood),
            zone,
            exponent,
            analysed,
            json,
            ends_at: event.ends_at,
            event,
        }
    }

    fn same(&self) -> Self {
        Self::with_analysis(self.event.clone(), self.analysed.clone(), self.json.clone())
    }

    /// The start of `day` in the event's own zone, as Postgres reads `day::timestamp at time
    /// zone`: at a clock change, a midnight that happens twice is the first, and one that never
    /// happens is read with the offset in force just before it.
    fn local_midnight(&self, day: NaiveDate) -> Option<DateTime<Utc>> {
        use chrono::Offset as _;
        let midnight = day.and_hms_opt(0, 0, 0)?;
        if let Some(at) = self.zone.from_local_datetime(&midnight).earliest() {
            return Some(at.with_timezone(&Utc));
        }
        let before = self.zone.from_local_datetime(&(midnight - chrono::Duration::hours(3))).earliest()?;
        before.offset().fix().from_local_datetime(&midnight).single().map(|at| at.with_timezone(&Utc))
    }

    fn admits(&self, filter: &EventFilter, places: &Places, now: DateTime<Utc>) -> Option<Option<f64>> {
        if self.ends_at <= now {
            return None;
        }
        let event = &self.event;
        if places.city.as_ref().is_some_and(|city| *city != self.city_key) {
            return None;
        }
        if places.neighbourhood.as_ref().is_some_and(|neighbourhood| *neighbourhood != self.neighbourhood_key)
        {
            return None;
        }
        if filter.category.is_some_and(|category| category != event.category) {
            return None;
        }
        if let Some(from) = filter.from
            && self.local_midnight(from).is_some_and(|from| event.ends_at <= from)
        {
            return None;
        }
        if let Some(to) = filter.to
            && self.local_midnight(to + chrono::Days::new(1)).is_some_and(|end| event.starts_at >= end)
        {
            return None;
        }
        if let Some(cap) = &filter.max_price
            && !event.min_price_minor.is_some_and(|price| cap.admits(price, self.exponent))
        {
            return None;
        }
        match filter.near {
            Some(near) => {
                let distance = distance_km(near, event.latitude, event.longitude);
                (distance <= near.radius_km()).then_some(Some(distance))
            }
            None => Some(None),
        }
    }
}

/// The great-circle distance in km, as the database computes it (haversine on a sphere of the
/// Earth's mean radius).
pub(super) fn distance_km(near: Near, latitude: f64, longitude: f64) -> f64 {
    let (lat, lng) = (near.latitude().to_radians(), near.longitude().to_radians());
    let (to_lat, to_lng) = (latitude.to_radians(), longitude.to_radians());
    let a = ((to_lat - lat) / 2.0).sin().powi(2)
        + lat.cos() * to_lat.cos() * ((to_lng - lng) / 2.0).sin().powi(2);
    12742.0176 * a.sqrt().min(1.0).asin()
}

fn analyse(event: &Event) -> Analysed {
    let mut words: HashMap<String, u8> = HashMap::new();
    let mut stems: HashMap<(Lang, String), u8> = HashMap::new();
    let mut add = |text: &str, field: u8, langs: &[Lang]| {
        index_terms(&fold(text), |term, word| {
            *words.entry(term.to_string()).or_default() |= field;
            if word {
                for lang in langs {
                    for stem in lang.stems(term) {
                        *stems.entry((*lang, stem.into_owned())).or_default() |= field;
                    }
                }
            }
        });
    };
    let own: Vec<Lang> = Lang::of(&event.language).into_iter().collect();
    add(&event.title, TITLE, &own);
    add(&event.description, DESCRIPTION, &own);
    for (language, text) in &event.translations {
        let langs: Vec<Lang> = Lang::of(language).into_iter().collect();
        add(&text.title, TITLE, &langs);
        add(&text.description, DESCRIPTION, &langs);
    }
    // Place names are inflected in whatever language the searcher writes ("Krakowie").
    for place in [&event.venue_name, &event.neighbourhood, &event.city, &event.region] {
        add(place, PLACE, &Lang::ALL);
    }
    for tag in &event.tags {
        add(tag, TAGS, &own);
    }
    // The category by its name in every language the interface speaks ("Konzert", "コンサート").
    add(event.category.as_str(), TAGS, &[Lang::En]);
    for (label, lang) in category_names(event.category) {
        add(label, TAGS, lang.as_slice());
    }
    Analysed {
        words: words.into_iter().map(|(term, fields)| (term.into_boxed_str(), fields)).collect(),
        stems: stems
            .into_iter()
            .map(|((lang, stem), fields)| (lang, stem.into_boxed_str(), fields))
            .collect(),
    }
}

/// Each category's name in each language the interface speaks, with that language's stemmer.
/// A name, and the stemmer of its language.
type Name = (String, Option<Lang>);

/// `category`'s name in each language the interface speaks.
pub(super) fn category_names(category: Category) -> &'static [Name] {
    let position = Category::ALL.iter().position(|known| *known == category).unwrap_or(0);
    &CATEGORY_NAMES[position]
}

/// `category`'s names as [`category_names`], folded (case and accents gone) for matching.
pub(super) fn folded_category_names(category: Category) -> &'static [String] {
    static FOLDED: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
        Category::ALL
            .iter()
            .map(|category| category_names(*category).iter().map(|(label, _)| fold(label)).collect())
            .collect()
    });
    let position = Category::ALL.iter().position(|known| *known == category).unwrap_or(0);
    &FOLDED[position]
}

static CATEGORY_NAMES: LazyLock<Vec<Vec<Name>>> = LazyLock::new(|| {
    Category::ALL
        .iter()
        .map(|category| {
            tessera_i18n::Locale::ALL
                .iter()
                .map(|locale| {
                    let label = tessera_i18n::message(*locale, &format!("category-{}", category.as_str()));
                    (label, Lang::of(locale.tag()))
                })
                .collect()
        })
        .collect()
});

/// The shortest term a typo can be corrected to: one typo is forgiven in words of five
/// letters or more, so a correction has at least four.
const SHORTEST_CORRECTION: usize = 4;

/// One immutable generation of the index.
pub struct Snapshot {
    docs: Vec<Doc>,
    terms: fst::Map<Vec<u8>>,
    /// The words a typo can be corrected to (at least [`SHORTEST_CORRECTION`] letters, no
    /// Japanese or Chinese grams, which are never within two edits of a word), each with its
    /// id in `terms`: the typo walk explores far less of this dictionary.
    corrections: fst::Map<Vec<u8>>,
    postings: Vec<Vec<Posting>>,
    stems: [HashMap<Box<str>, Vec<Posting>>; 6],
    cities: Vec<CityEntry>,
    /// When each category's events end, soonest first: counting those still to come is a
    /// binary search, not a walk through the catalog.
    category_ends: [Ends; 10],
}

/// When a set of events end, in order, to count those not over at any moment.
#[derive(Debug, Clone, Default)]
struct Ends(Vec<DateTime<Utc>>);

impl Ends {
    fn push(&mut self, at: DateTime<Utc>) {
        self.0.push(at);
    }

    fn sort(&mut self) {
        self.0.sort_unstable();
    }

    /// How many end after `now`.
    fn after(&self, now: DateTime<Utc>) -> usize {
        self.0.len() - self.0.partition_point(|end| *end <= now)
    }
}

/// A city with upcoming events, for suggestions.
#[derive(Debug, Clone)]
struct CityEntry {
    name: String,
    country: String,
    key: String,
    ends: Ends,
}

impl Default for Snapshot {
    fn default() -> Self {
        Self::build(Vec::new())
    }
}

impl Snapshot {
    pub(super) fn build(mut docs: Vec<Doc>) -> Self {
        // In start order, so that among equal matches the sooner event comes first.
        docs.sort_by_key(|doc| (doc.event.starts_at, doc.event.id));
        let mut words: HashMap<&str, Vec<Posting>> = HashMap::new();
        let mut stems: [HashMap<Box<str>, Vec<Posting>>; 6] = Default::default();
        let mut cities: HashMap<&str, CityEntry> = HashMap::new();
        let mut category_ends: [Ends; 10] = Default::default();
        for (doc, entry) in docs.iter().enumerate() {
            let doc = doc as u32;
            for (term, fields) in &entry.analysed.words {
                words.entry(term).or_default().push(Posting { doc, fields: *fields });
            }
            for (lang, stem, fields) in &entry.analysed.stems {
                let postings = match stems[lang.index()].get_mut(stem) {
                    Some(postings) => postings,
                    None => stems[lang.index()].entry(stem.clone()).or_default(),
                };
                postings.push(Posting { doc, fields: *fields });
            }
            cities
                .entry(&entry.city_key)
                .or_insert_with(|| CityEntry {
                    name: entry.event.city.clone(),
                    country: entry.event.country.clone(),
                    key: entry.city_key.clone(),
                    ends: Ends::default(),
                })
                .ends
                .push(entry.event.ends_at);
            if let Some(i) = Category::ALL.iter().position(|category| *category == entry.event.category) {
                category_ends[i].push(entry.event.ends_at);
            }
        }
        category_ends.iter_mut().for_each(Ends::sort);
        let mut sorted: Vec<(&str, Vec<Posting>)> = words.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut builder = fst::MapBuilder::memory();
        let mut correctable = fst::MapBuilder::memory();
        let mut postings = Vec::with_capacity(sorted.len());
        for (id, (term, list)) in sorted.into_iter().enumerate() {
            builder.insert(term, id as u64).expect("terms are inserted in order, once each");
            if is_word(term) && term.chars().count() >= SHORTEST_CORRECTION {
                correctable.insert(term, id as u64).expect("terms are inserted in order, once each");
            }
            postings.push(list);
        }
        let terms = builder.into_map();
        let corrections = correctable.into_map();
        let mut cities: Vec<CityEntry> = cities.into_values().collect();
        cities.sort_by(|a, b| a.key.cmp(&b.key));
        cities.iter_mut().for_each(|city| city.ends.sort());
        Self { docs, terms, corrections, postings, stems, cities, category_ends }
    }

    /// The next generation: `changed` events replaced or added, `removed` ones gone, and those
    /// over by `now` dropped; only the changed events are analysed again.
    pub(super) fn with_changes(&self, changed: Vec<Event>, removed: &[Uuid], now: DateTime<Utc>) -> Self {
        let replaced: std::collections::HashSet<Uuid> =
            changed.iter().map(|event| event.id).chain(removed.iter().copied()).collect();
        let mut docs: Vec<Doc> = self
            .docs
            .iter()
            .filter(|doc| !replaced.contains(&doc.event.id) && doc.event.ends_at > now)
            .map(Doc::same)
            .collect();
        docs.extend(changed.into_iter().map(|event| Doc::new(Arc::new(event))));
        Self::build(docs)
    }

    /// How many events the index holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    fn visit_term(&self, id: u64, quality: f32, scores: &mut Scores) {
        for posting in &self.postings[id as usize] {
            scores.offer(posting.doc, quality * weight(posting.fields));
        }
    }

    /// Scores every event holding `term` by its best match, and says what the term would be
    /// corrected to when nothing holds it as typed.
    fn match_term(&self, term: &QueryTerm, last: bool, scores: &mut Scores) -> Option<String> {
        let mut found = false;
        let chars = term.text.chars().count();
        if !term.prefix_only {
            if let Some(id) = self.terms.get(&term.text) {
                self.visit_term(id, EXACT, scores);
                found = true;
            }
            if !term.word {
                return None;
            }
            for lang in Lang::ALL {
                for stem in lang.stems(&term.text) {
                    if let Some(postings) = self.stems[lang.index()].get(stem.as_ref()) {
                        for posting in postings {
                            scores.offer(posting.doc, STEM * weight(posting.fields));
                        }
                        found = true;
                    }
                }
            }
        }
        if last && chars >= 2 {
            let automaton = fst::automaton::Str::new(&term.text).starts_with();
            let mut stream = self.terms.search(automaton).into_stream();
            let mut completions = Vec::new();
            while let Some((key, id)) = stream.next() {
                if key.len() > term.text.len() {
                    completions.push(id);
                }
            }
            found |= !completions.is_empty();
            self.most_common(&mut completions);
            for id in completions {
                self.visit_term(id, PREFIX, scores);
            }
        }
        if chars < 5 || term.prefix_only {
            return None;
        }
        let typos = if chars >= 9 { 2 } else { 1 };
        let dfa = LEVENSHTEIN[typos - 1].build_dfa(&term.text);
        let mut stream = self.corrections.search(Typos(&dfa)).into_stream();
        let mut corrections: Vec<(u8, u64, String)> = Vec::new();
        while let Some((key, id)) = stream.next() {
            if let Distance::Exact(distance @ 1..) = dfa.eval(key) {
                corrections.push((distance, id, String::from_utf8_lossy(key).into_owned()));
            }
        }
        // The nearest, then the most common, then alphabetically.
        corrections.sort_by(|a, b| {
            (a.0, std::cmp::Reverse(self.postings[a.1 as usize].len()), &a.2).cmp(&(
                b.0,
                std::cmp::Reverse(self.postings[b.1 as usize].len()),
                &b.2,
            ))
        });
        corrections.truncate(MAX_EXPANSIONS);
        for (distance, id, _) in &corrections {
            self.visit_term(*id, if *distance == 1 { ONE_TYPO } else { TWO_TYPOS }, scores);
        }
        if found { None } else { corrections.into_iter().next().map(|(_, _, word)| word) }
    }

    fn most_common(&self, ids: &mut Vec<u64>) {
        if ids.len() > MAX_EXPANSIONS {
            ids.sort_by_key(|id| std::cmp::Reverse(self.postings[*id as usize].len()));
            ids.truncate(MAX_EXPANSIONS);
        }
    }

    /// Upcoming events matching every term of `text` and `filter`, best first (nearest first
    /// when the filter asks), then sooner first. None when `text` holds no words to search by
    /// (empty, or only stop words): the caller lists events instead.
    pub fn search(
        &self,
        text: &str,
        filter: &EventFilter,
        limit: Limit,
        cursor: Option<Cursor>,
        now: DateTime<Utc>,
    ) -> Option<Found> {
        let terms = query_terms(&fold(text));
        let offset = match cursor {
            Some(Cursor::Offset(offset)) => offset as usize,
            _ => 0,
        };
        self.run(text, &terms, filter, limit, offset, now)
    }

    /// The best events for text being typed, for suggestions: as [`Snapshot::search`], with a
    /// last word that is a stop word so far completed as a prefix. None when there is nothing
    /// to search by.
    pub fn suggest_events(
        &self,
        text: &str,
        filter: &EventFilter,
        limit: Limit,
        now: DateTime<Utc>,
    ) -> Option<Vec<Event>> {
        let terms = typed_terms(&fold(text));
        self.run(text, &terms, filter, limit, 0, now)
            .map(|found| found.hits.into_iter().map(Hit::into_event).collect())
    }

    fn run(
        &self,
        text: &str,
        terms: &[QueryTerm],
        filter: &EventFilter,
        limit: Limit,
        offset: usize,
        now: DateTime<Utc>,
    ) -> Option<Found> {
        if terms.is_empty() {
            return None;
        }
        let mut corrections: Vec<(&str, String)> = Vec::new();
        let places = Places::of(filter);
        let mut hits: Vec<(u32, f32, Option<f64>)> = Vec::new();
        WORK.with_borrow_mut(|work| {
            let Work { scores, total, matched, candidates } = work;
            // Left clean by the last search, unless it panicked half way.
            scores.clear();
            for doc in candidates.drain(..) {
                total[doc as usize] = 0.0;
                matched[doc as usize] = 0;
            }
            scores.fit(self.docs.len());
            if total.len() < self.docs.len() {
                total.resize(self.docs.len(), 0.0);
                matched.resize(self.docs.len(), 0);
            }
            // Only the first term's events can hold every term; each later term counts for
            // those that held all the terms before it.
            for (i, term) in terms.iter().enumerate() {
                if let Some(correction) = self.match_term(term, i + 1 == terms.len(), scores) {
                    corrections.push((&term.text, correction));
                }
                let before = i as u16;
                for (doc, score) in scores.drain() {
                    let at = doc as usize;
                    if before == 0 {
                        candidates.push(doc);
                        total[at] = score;
                        matched[at] = 1;
                    } else if matched[at] == before {
                        total[at] += score;
                        matched[at] += 1;
                    }
                }
            }
            let all = terms.len() as u16;
            for &doc in candidates.iter() {
                if matched[doc as usize] == all
                    && let Some(distance) = self.docs[doc as usize].admits(filter, &places, now)
                {
                    hits.push((doc, total[doc as usize], distance));
                }
            }
        });
        // Best first (nearest first when asked); docs are numbered in start order, so among
        // equals the sooner event comes first. Only the page and what precedes it are sorted.
        let order = |a: &(u32, f32, Option<f64>), b: &(u32, f32, Option<f64>)| {
            let by_score = b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            if filter.by_distance {
                a.2.unwrap_or(0.0).total_cmp(&b.2.unwrap_or(0.0)).then(by_score)
            } else {
                by_score
            }
        };
        let more = hits.len() > offset + usize::from(limit.get());
        let shown = (offset + usize::from(limit.get())).min(hits.len());
        if shown < hits.len() {
            hits.select_nth_unstable_by(shown, order);
            hits.truncate(shown);
        }
        hits.sort_unstable_by(order);
        let hits = hits
            .iter()
            .skip(offset)
            .take(usize::from(limit.get()))
            .map(|(doc, _, distance)| {
                let doc = &self.docs[*doc as usize];
                Hit { event: doc.event.clone(), distance_km: *distance, json: doc.json.clone() }
            })
            .collect();
        Some(Found {
            hits,
            next_offset: more.then(|| (offset + usize::from(limit.get())) as u32),
            corrected_query: (!corrections.is_empty()).then(|| corrected(text, &corrections)),
        })
    }

    /// Upcoming events admitted by `filter` (which asks for them `near` a place, nearest
    /// first), as [`crate::catalog::list_upcoming`] lists them from Postgres: by distance, then
    /// sooner first. The first `limit`.
    pub fn nearest(&self, filter: &EventFilter, limit: Limit, now: DateTime<Utc>) -> Vec<Event> {
        let places = Places::of(filter);
        let mut hits: Vec<(f64, u32)> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(doc, entry)| Some((entry.admits(filter, &places, now)?.unwrap_or(0.0), doc as u32)))
            .collect();
        let order = |a: &(f64, u32), b: &(f64, u32)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
        let shown = usize::from(limit.get()).min(hits.len());
        if shown < hits.len() {
            hits.select_nth_unstable_by(shown, order);
            hits.truncate(shown);
        }
        hits.sort_unstable_by(order);
        hits.into_iter()
            .map(|(distance, doc)| {
                let mut event = Event::clone(&self.docs[doc as usize].event);
                event.distance_km = filter.near.map(|_| distance);
                event
            })
            .collect()
    }

    /// Cities with upcoming events whose name, or a word of it, starts with `prefix` (folded) or
    /// is one typo from it, with how many events each has; most events first.
    pub fn cities_like(
        &self,
        prefix: &str,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Vec<(String, String, usize)> {
        let prefix = fold(prefix.trim());
        let typo = (prefix.chars().count() >= 5).then(|| LEVENSHTEIN[0].build_prefix_dfa(&prefix));
        let mut found: Vec<(String, String, usize)> = self
            .cities
            .iter()
            .filter(|city| {
                starts_a_word(&city.key, &prefix)
                    || typo.as_ref().is_some_and(|dfa| matches!(dfa.eval(&city.key), Distance::Exact(_)))
            })
            .filter_map(|city| {
                let upcoming = city.ends.after(now);
                (upcoming > 0).then(|| (city.name.clone(), city.country.clone(), upcoming))
            })
            .collect();
        found.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        found.truncate(limit);
        found
    }

    /// Upcoming events of each category, in the order of [`Category::ALL`].
    pub fn category_counts(&self, now: DateTime<Utc>) -> [usize; 10] {
        std::array::from_fn(|i| self.category_ends[i].after(now))
    }
}

/// `text` as typed with each misspelt word replaced by its correction: `festvial in cape
/// town` is `festival in cape town`.
fn corrected(text: &str, corrections: &[(&str, String)]) -> String {
    text.split_whitespace()
        .map(|piece| {
            let word = fold(piece.trim_matches(|c: char| !c.is_alphanumeric()));
            corrections
                .iter()
                .find(|(typo, _)| *typo == word)
                .map_or_else(|| piece.to_string(), |(_, fixed)| fixed.clone())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// One page of results from the index.
#[derive(Debug, Clone)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub next_offset: Option<u32>,
    pub corrected_query: Option<String>,
}

/// An event found: shared with the index, not copied, until a caller needs it as its own.
#[derive(Debug, Clone)]
pub struct Hit {
    pub event: Arc<Event>,
    /// How far the venue is from where the search was asked `near`, in km.
    pub distance_km: Option<f64>,
    json: Arc<OnceLock<Box<str>>>,
}

impl Hit {
    /// An event that is not in the index (Postgres found it).
    pub fn loaded(event: Event) -> Self {
        Self { distance_km: event.distance_km, event: Arc::new(event), json: Arc::default() }
    }

    /// The event as its own, with its distance.
    pub fn into_event(self) -> Event {
        let mut event = Arc::unwrap_or_clone(self.event);
        event.distance_km = self.distance_km;
        event
    }

    /// The event's JSON members that no translation changes
    /// ([`Event::json_members_in_every_language`]), rendered once per event and version, not
    /// once per search.
    pub fn json_members_in_every_language(&self) -> &str {
        self.json.get_or_init(|| self.event.json_members_in_every_language().into_boxed_str())
    }
}

/// What a search works in, kept by each thread from one search to the next so that a search
/// neither allocates nor clears arrays the size of the catalog.
#[derive(Default)]
struct Work {
    scores: Scores,
    /// Each candidate's score so far, and how many terms it held.
    total: Vec<f32>,
    matched: Vec<u16>,
    /// The events holding the first term: the only ones that can hold them all.
    candidates: Vec<u32>,
}

thread_local! {
    static WORK: std::cell::RefCell<Work> = std::cell::RefCell::default();
}

/// The best score of each event for one query term.
#[derive(Default)]
struct Scores {
    best: Vec<f32>,
    touched: Vec<u32>,
}

impl Scores {
    /// Room for `docs` events.
    fn fit(&mut self, docs: usize) {
        if self.best.len() < docs {
            self.best.resize(docs, 0.0);
        }
    }

    fn clear(&mut self) {
        for doc in self.touched.drain(..) {
            self.best[doc as usize] = 0.0;
        }
    }

    fn offer(&mut self, doc: u32, score: f32) {
        let best = &mut self.best[doc as usize];
        if *best == 0.0 {
            self.touched.push(doc);
        }
        if score > *best {
            *best = score;
        }
    }

    fn drain(&mut self) -> impl Iterator<Item = (u32, f32)> + '_ {
        let best = &mut self.best;
        self.touched.drain(..).map(move |doc| (doc, std::mem::take(&mut best[doc as usize])))
    }
}

/// Levenshtein automata for one and two typos (a transposition counts as one).
static LEVENSHTEIN: LazyLock<[LevenshteinAutomatonBuilder; 2]> =
    LazyLock::new(|| [LevenshteinAutomatonBuilder::new(1, true), LevenshteinAutomatonBuilder::new(2, true)]);

/// A Levenshtein automaton walking the term dictionary.
struct Typos<'a>(&'a DFA);

impl Automaton for Typos<'_> {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}
