//! "Tell me when": a customer asks to hear, once, when an event matching a city, a category
//! and some words is published (see `migrations/20261220000028_interests.sql`). The web
//! process's task (`api::interest::notify_interests`) finds the matches and emails them.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::catalog::{Category, FieldError};

/// What a customer asked to hear about.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Interest {
    pub interest_id: Uuid,
    pub city: String,
    /// A category's code, or empty for any.
    pub category: String,
    /// Search words, folded; empty for any.
    pub words: String,
    pub created_at: DateTime<Utc>,
    /// When it was answered (then it is done).
    pub notified_at: Option<DateTime<Utc>>,
}

/// The request as typed: a city of at most 100 characters, a known category, words of at most
/// 200 characters (folded); at least one of them.
pub fn parse(city: &str, category: &str, words: &str) -> Result<(String, String, String), FieldError> {
    let city = city.split_whitespace().collect::<Vec<_>>().join(" ");
    if city.chars().count() > 100 || city.chars().any(char::is_control) {
        return Err(FieldError::new(
            "city",
            tessera_i18n::t_args("error-max-characters", [("max", 100.into())]),
        ));
    }
    let category = category.trim().to_string();
    if !category.is_empty() && category.parse::<Category>().is_err() {
        let known: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
        return Err(FieldError::new(
            "category",
            tessera_i18n::t_args("error-unknown-category", [("known", known.join(", ").into())]),
        ));
    }
    let words = crate::search::text::fold(words).split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() > 200 {
        return Err(FieldError::new(
            "q",
            tessera_i18n::t_args("error-max-characters", [("max", 200.into())]),
        ));
    }
    if city.is_empty() && category.is_empty() && words.is_empty() {
        return Err(FieldError::new("city", tessera_i18n::t("error-interest-empty")));
    }
    Ok((city, category, words))
}

/// The most open requests one account keeps.
pub const MAX_OPEN: i64 = 20;

/// Why a request was not kept.
#[derive(Debug, thiserror::Error)]
pub enum InterestError {
    #[error("{}", .0.message)]
    Invalid(FieldError),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Keeps a request for `account_id`; an identical open one is kept instead of a second.
pub async fn create(
    db: &PgPool,
    account_id: Uuid,
    city: &str,
    category: &str,
    words: &str,
    locale: &str,
) -> Result<(), InterestError> {
    let (city, category, words) = parse(city, category, words).map_err(InterestError::Invalid)?;
    // Words that are all stop words ("the", "der") would never match anything.
    if !words.is_empty() {
        let empty: bool = sqlx::query_scalar("select numnode(plainto_tsquery('tessera_search', $1)) = 0")
            .bind(&words)
            .fetch_one(db)
            .await?;
        if empty {
            return Err(InterestError::Invalid(FieldError::new(
                "q",
                tessera_i18n::t("error-interest-words"),
            )));
        }
    }
    let open: i64 =
        sqlx::query_scalar("select count(*) from interest where account_id = $1 and notified_at is null")
            .bind(account_id)
            .fetch_one(db)
            .await?;
    if open >= MAX_OPEN {
        return Err(InterestError::Invalid(FieldError::new(
            "city",
            tessera_i18n::t_args("error-interest-too-many", [("max", MAX_OPEN.into())]),
        )));
    }
    sqlx::query(
        "insert into interest (interest_id, account_id, city, category, words, locale)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (account_id, city_key, category, words) where notified_at is null do nothing",
    )
    .bind(Uuid::now_v7())
    .bind(account_id)
    .bind(&city)
    .bind(&category)
    .bind(&words)
    .bind(locale)
    .execute(db)
    .await?;
    Ok(())
}

/// An account's requests, the open ones first, newest first.
pub async fn of_account(db: &PgPool, account_id: Uuid) -> sqlx::Result<Vec<Interest>> {
    type Row = (Uuid, String, String, String, DateTime<Utc>, Option<DateTime<Utc>>);
    let rows: Vec<Row> = sqlx::query_as(
        "select interest_id, city, category, words, created_at, notified_at from interest
         where account_id = $1
         order by notified_at is not null, created_at desc
         limit 50",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(interest_id, city, category, words, created_at, notified_at)| Interest {
            interest_id,
            city,
            category,
            words,
            created_at,
            notified_at,
        })
        .collect())
}

/// Withdraws an open request; whether there was one.
pub async fn remove(db: &PgPool, account_id: Uuid, interest_id: Uuid) -> sqlx::Result<bool> {
    let removed = sqlx::query(
        "delete from interest where interest_id = $1 and account_id = $2 and notified_at is null",
    )
    .bind(interest_id)
    .bind(account_id)
    .execute(db)
    .await?
    .rows_affected();
    Ok(removed == 1)
}

/// An open request and the first upcoming event published since it was made that matches it.
#[derive(Debug, Clone)]
pub struct Match {
    pub interest_id: Uuid,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub event_id: Uuid,
    pub title: String,
    pub slug: String,
    pub city: String,
    pub starts_at: DateTime<Utc>,
    pub timezone: String,
}

/// Open requests with a match, at most 100 at a time.
pub async fn matches(db: &PgPool) -> sqlx::Result<Vec<Match>> {
    type Row = (Uuid, String, String, String, Uuid, String, String, String, DateTime<Utc>, String);
    let rows: Vec<Row> = sqlx::query_as(
        "select i.interest_id, a.email, a.name, i.locale, e.event_id, e.title, e.slug, e.city, e.starts_at, e.timezone
         from interest i
         join account a using (account_id)
         join lateral (
             select e.* from event e
             where e.status = 'published' and e.starts_at > now() and e.published_at >= i.created_at
               and (i.city_key = '' or e.city_key = i.city_key)
               and (i.category = '' or e.category = i.category)
               and (i.words = '' or e.search_vector @@ plainto_tsquery('tessera_search', i.words))
             order by e.starts_at, e.event_id
             limit 1
         ) e on true
         where i.notified_at is null and a.email_verified_at is not null
         order by i.created_at
         limit 100",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(interest_id, email, name, locale, event_id, title, slug, city, starts_at, timezone)| Match {
            interest_id,
            email,
            name,
            locale,
            event_id,
            title,
            slug,
            city,
            starts_at,
            timezone,
        })
        .collect())
}

/// Notes that a request was answered with `event_id`; whether it was still open.
pub async fn answered(db: &PgPool, interest_id: Uuid, event_id: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update interest set notified_at = now(), event_id = $2 where interest_id = $1 and notified_at is null",
    )
    .bind(interest_id)
    .bind(event_id)
    .execute(db)
    .await?
    .rows_affected();
    Ok(done == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_names_something() {
        assert_eq!(
            parse(" Lisbon ", "concert", "  Fado  Vadio ").unwrap(),
            ("Lisbon".into(), "concert".into(), "fado vadio".into())
        );
        assert!(parse("", "", " ").is_err());
        assert!(parse("", "circus", "").is_err());
        assert!(parse(&"x".repeat(101), "", "").is_err());
    }
}
