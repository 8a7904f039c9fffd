//! Tracking links: an event's address with `utm_source`, `utm_medium` and `utm_campaign`, made
//! by organisers for the places they promote it (a newsletter, a poster's QR code, a partner's
//! site), and ranked on the Market page by what they brought.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use uuid::Uuid;

use crate::catalog::FieldError;

/// One link.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TrackingLink {
    pub link_id: Uuid,
    pub event_id: Uuid,
    pub source: String,
    pub medium: String,
    pub campaign: String,
    /// The address to hand out, relative to the site: `/events/{slug}?utm_source=…`.
    pub path: String,
    pub created_at: DateTime<Utc>,
}

/// The address of an event's page tagged with a channel.
pub fn tagged_path(slug: &str, source: &str, medium: &str, campaign: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("utm_source", source)
        .append_pair("utm_medium", medium)
        .append_pair("utm_campaign", campaign)
        .finish();
    format!("/events/{slug}?{query}")
}

/// A part of a link as typed: trimmed and in lower case, spaces as hyphens; then letters,
/// digits, `.`, `_` and `-`, starting with a letter or digit, at most 60.
pub fn part(field: &'static str, raw: &str) -> Result<String, FieldError> {
    let value = raw.trim().to_lowercase().split_whitespace().collect::<Vec<_>>().join("-");
    if value.is_empty() {
        return Err(FieldError::new(field, tessera_i18n::t("error-required")));
    }
    let ok = value.len() <= 60
        && value.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if !ok {
        return Err(FieldError::new(field, tessera_i18n::t("error-tracking-part")));
    }
    Ok(value)
}

/// Why a link was not made.
#[derive(Debug, thiserror::Error)]
pub enum TrackingError {
    #[error("{0}")]
    Invalid(FieldError),
    #[error("no such event")]
    NoEvent,
    #[error("the event already has this link")]
    Exists,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// Makes a link for `event_id` from what an organiser typed.
pub async fn create(
    db: &PgPool,
    event_id: Uuid,
    source: &str,
    medium: &str,
    campaign: &str,
    by: Uuid,
) -> Result<TrackingLink, TrackingError> {
    let source = part("source", source).map_err(TrackingError::Invalid)?;
    let medium = part("medium", medium).map_err(TrackingError::Invalid)?;
    let campaign = part("campaign", campaign).map_err(TrackingError::Invalid)?;
    let row: Option<(Uuid, String, DateTime<Utc>)> = sqlx::query_as(
        "insert into tracking_link (link_id, event_id, source, medium, campaign, created_by)
         select $1, e.event_id, $3, $4, $5, $6 from event e where e.event_id = $2
         on conflict (event_id, source, medium, campaign) do nothing
         returning link_id, (select slug from event where event_id = $2), created_at",
    )
    .bind(Uuid::new_v4())
    .bind(event_id)
    .bind(&source)
    .bind(&medium)
    .bind(&campaign)
    .bind(by)
    .fetch_optional(db)
    .await?;
    let Some((link_id, slug, created_at)) = row else {
        let exists: bool = sqlx::query_scalar("select exists (select 1 from event where event_id = $1)")
            .bind(event_id)
            .fetch_one(db)
            .await?;
        return Err(if exists { TrackingError::Exists } else { TrackingError::NoEvent });
    };
    let path = tagged_path(&slug, &source, &medium, &campaign);
    Ok(TrackingLink { link_id, event_id, source, medium, campaign, path, created_at })
}

/// An event's links, newest first.
pub async fn list(db: &PgPool, event_id: Uuid) -> sqlx::Result<Vec<TrackingLink>> {
    let rows: Vec<(Uuid, String, String, String, String, DateTime<Utc>)> = sqlx::query_as(
        "select l.link_id, e.slug, l.source, l.medium, l.campaign, l.created_at
         from tracking_link l join event e using (event_id)
         where l.event_id = $1
         order by l.created_at desc, l.link_id",
    )
    .bind(event_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(link_id, slug, source, medium, campaign, created_at)| TrackingLink {
            path: tagged_path(&slug, &source, &medium, &campaign),
            link_id,
            event_id,
            source,
            medium,
            campaign,
            created_at,
        })
        .collect())
}

/// Removes one of an event's links; whether there was one. What it brought stays counted under
/// its channel.
pub async fn delete(db: &PgPool, event_id: Uuid, link_id: Uuid) -> sqlx::Result<bool> {
    let removed = sqlx::query("delete from tracking_link where event_id = $1 and link_id = $2")
        .bind(event_id)
        .bind(link_id)
        .execute(db)
        .await?
        .rows_affected();
    Ok(removed == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_tidied_and_checked() {
        assert_eq!(part("source", "  Instagram Stories ").unwrap(), "instagram-stories");
        assert_eq!(part("campaign", "summer_2027.v2").unwrap(), "summer_2027.v2");
        assert!(part("source", "").is_err());
        assert!(part("source", "-lead").is_err());
        assert!(part("source", "café").is_err());
        assert!(part("source", &"a".repeat(61)).is_err());
        assert_eq!(
            tagged_path("fado-night", "poster", "qr", "mouraria"),
            "/events/fado-night?utm_source=poster&utm_medium=qr&utm_campaign=mouraria"
        );
    }
}
