//! Instant search: an in-memory index of the upcoming catalog in every web process, kept in
//! step with Postgres (the source of truth) by `LISTEN/NOTIFY` and rebuilt from it at start.
//!
//! Prefixes match the word being typed (`lisb` finds Lisbon), typos are forgiven (one edit in
//! words of five letters or more, two in nine or more), case and accents are ignored, words are
//! stemmed in English, French, German, Spanish, Portuguese and Polish, and Japanese and
//! Chinese are cut into character grams. A title hit beats the venue and city, which beat the
//! tags and category, which beat the description; ties go to the sooner event.
//!
//! `TESSERA_SEARCH=database` answers from Postgres's full-text search instead
//! ([`crate::catalog::search`]), the path the index replaced; the benchmark runs both.

mod index;
mod live;
pub mod text;

use std::time::Duration;

use chrono::Utc;
use sqlx::PgPool;

pub use index::{Found, Hit, Snapshot};
pub use live::{CHANNEL, NotReady, SearchIndex};

use crate::catalog::{self, Cursor, EventFilter, Limit, SearchHits};

/// How long a search waits for the index's first load before giving up.
pub const FIRST_LOAD_WAIT: Duration = Duration::from_secs(10);

/// Why a search could not be answered.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    NotReady(#[from] NotReady),
}

/// Searches upcoming published events, in the index when there is one, else in Postgres. An
/// empty query lists events like [`catalog::list_upcoming`]; so does, on one page, a query of
/// nothing but stop words.
pub async fn search(
    index: Option<&SearchIndex>,
    db: &PgPool,
    text: &str,
    filter: &EventFilter,
    limit: Limit,
    cursor: Option<Cursor>,
) -> Result<SearchHits, SearchError> {
    let page = search_hits(index, db, text, filter, limit, cursor).await?;
    Ok(SearchHits {
        events: page.hits.into_iter().map(Hit::into_event).collect(),
        next_cursor: page.next_cursor,
        corrected_query: page.corrected_query,
    })
}

/// One page of [`search_hits`].
#[derive(Debug, Clone)]
pub struct Hits {
    /// The events found, shared with the index where it found them.
    pub hits: Vec<Hit>,
    pub next_cursor: Option<Cursor>,
    /// The query as it was actually run when a misspelt word was corrected.
    pub corrected_query: Option<String>,
}

/// As [`search`], with the events found by the index shared with it rather than copied: for
/// writing them out at once.
pub async fn search_hits(
    index: Option<&SearchIndex>,
    db: &PgPool,
    text: &str,
    filter: &EventFilter,
    limit: Limit,
    cursor: Option<Cursor>,
) -> Result<Hits, SearchError> {
    let loaded = |found: SearchHits| Hits {
        hits: found.events.into_iter().map(Hit::loaded).collect(),
        next_cursor: found.next_cursor,
        corrected_query: found.corrected_query,
    };
    let Some(index) = index else {
        return Ok(loaded(catalog::search(db, text, filter, limit, cursor).await?));
    };
    if !text.trim().is_empty() {
        // Until the index has loaded (a process just started), Postgres answers.
        let Some(snapshot) = index.loaded() else {
            return Ok(loaded(catalog::search(db, text, filter, limit, cursor).await?));
        };
        if let Some(found) = snapshot.search(text, filter, limit, cursor, Utc::now()) {
            return Ok(Hits {
                hits: found.hits,
                next_cursor: found.next_offset.map(Cursor::Offset),
                corrected_query: found.corrected_query,
            });
        }
        // Only stop words: list events, on one page unless nearest first (which counts its way
        // through as a search does).
        if !filter.by_distance {
            let page = catalog::list_upcoming(db, filter, limit, None).await?;
            return Ok(loaded(SearchHits { events: page.events, next_cursor: None, corrected_query: None }));
        }
    }
    let page = catalog::list_upcoming(db, filter, limit, cursor).await?;
    Ok(loaded(SearchHits { events: page.events, next_cursor: page.next_cursor, corrected_query: None }))
}

/// What is related to `event` ([`catalog::related`]), nearby events and those of the same kind
/// from the index once it has loaded.
pub async fn related(
    index: Option<&SearchIndex>,
    db: &PgPool,
    event: &catalog::Event,
    per_list: u16,
) -> sqlx::Result<catalog::Related> {
    match index.and_then(SearchIndex::loaded) {
        Some(snapshot) => {
            let now = Utc::now();
            let nearest = |filter: &EventFilter, limit: Limit| snapshot.nearest(filter, limit, now);
            catalog::related(db, event, per_list, Some(&nearest)).await
        }
        None => catalog::related(db, event, per_list, None).await,
    }
}

/// What the search box offers for what has been typed so far.
#[derive(Debug, Clone, Default)]
pub struct Suggestions {
    /// The best matching events (the last word completed as a prefix).
    pub events: Vec<crate::catalog::Event>,
    /// Cities with upcoming events whose name starts with the text, most events first:
    /// (name, country, upcoming events).
    pub cities: Vec<(String, String, usize)>,
    /// Categories whose name (in any of the interface's languages) starts with the text, with
    /// their upcoming events.
    pub categories: Vec<(crate::catalog::Category, usize)>,
}

/// Events shown as suggestions.
pub const SUGGESTED_EVENTS: u16 = 5;
/// Cities and categories shown as suggestions, each.
pub const SUGGESTED_PLACES: usize = 3;

/// Suggestions for `text`: the top events (the same search as [`search`], filters included),
/// and the cities and categories it could be the start of.
pub async fn suggest(
    index: Option<&SearchIndex>,
    db: &PgPool,
    text: &str,
    filter: &EventFilter,
) -> Result<Suggestions, SearchError> {
    let typed = text::fold(text.trim());
    if typed.is_empty() {
        return Ok(Suggestions::default());
    }
    let limit = Limit::parse(Some(&SUGGESTED_EVENTS.to_string())).unwrap_or(Limit::DEFAULT);
    let now = Utc::now();
    let (events, cities, counts) = match index.and_then(SearchIndex::loaded) {
        Some(snapshot) => {
            // The word being typed is completed even when it is, so far, a stop word ("the"
            // on its way to "theatre"); nothing to search by suggests no events.
            let events = snapshot.suggest_events(text, filter, limit, now).unwrap_or_default();
            let counts = snapshot.category_counts(now);
            (events, snapshot.cities_like(&typed, now, SUGGESTED_PLACES), counts)
        }
        None => {
            let events = if text::query_terms(&typed).is_empty() {
                Vec::new()
            } else {
                catalog::search(db, text, filter, limit, None).await?.events
            };
            let mut cities: Vec<(String, String, usize)> = catalog::cities(db, None)
                .await?
                .into_iter()
                .filter(|city| text::starts_a_word(&text::fold(&city.name), &typed))
                .map(|city| (city.name, city.country, usize::try_from(city.events).unwrap_or(0)))
                .collect();
            cities.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
            cities.truncate(SUGGESTED_PLACES);
            let mut counts = [0usize; 10];
            for row in sqlx::query!(
                r#"select category as "category!", count(*) as "events!" from event
                   where status = 'published' and ends_at > now() group by category"#
            )
            .fetch_all(db)
            .await?
            {
                if let Some(i) = crate::catalog::Category::ALL.iter().position(|c| c.as_str() == row.category)
                {
                    counts[i] = usize::try_from(row.events).unwrap_or(0);
                }
            }
            (events, cities, counts)
        }
    };
    let mut categories: Vec<(crate::catalog::Category, usize)> = crate::catalog::Category::ALL
        .into_iter()
        .zip(counts)
        .filter(|(category, events)| {
            *events > 0
                && (text::starts_a_word(category.as_str(), &typed)
                    || index::folded_category_names(*category)
                        .iter()
                        .any(|label| text::starts_a_word(label, &typed)))
        })
        .collect();
    categories.sort_by_key(|(_, events)| std::cmp::Reverse(*events));
    categories.truncate(SUGGESTED_PLACES);
    Ok(Suggestions { events, cities, categories })
}
