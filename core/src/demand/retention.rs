//! Keeping demand rows a limited time: each finished day is counted into `demand_daily`, then
//! rows older than the retention go, and salts of past days with them.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::PgPool;

/// A day is counted this long after it ended, so records still on their way (queued in a web
/// process at midnight) are in it.
const SETTLE: Duration = Duration::hours(1);

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Days counted into `demand_daily`.
    pub days_rolled_up: u64,
    /// Rows removed for being older than the retention.
    pub rows_removed: u64,
    /// Salts of past days removed.
    pub salts_removed: u64,
}

/// Counts every finished day (in `zone`) not yet counted, then removes rows recorded more than
/// `retention` before `now` whose day is counted, and every salt of a day before today. Safe to
/// run from several processes at once: a day is counted once.
pub async fn sweep(
    db: &PgPool,
    zone: chrono_tz::Tz,
    retention: Duration,
    now: DateTime<Utc>,
) -> sqlx::Result<Swept> {
    let zone_name = zone.name();
    // Salts go once the day is over and settled: a record of the day still on its way would
    // otherwise make a second one.
    let settled_day = (now - SETTLE).with_timezone(&zone).date_naive();
    // Each day not yet counted, with its bounds as Postgres reads the zone (as `demand_days`
    // does; a midnight that a clock change skips is the first instant after it).
    let days: Vec<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
        "select day, day::timestamp at time zone $1, (day + 1)::timestamp at time zone $1
         from (select distinct (at at time zone $1)::date as day from demand_event e
               where at < $2
                 and not exists (select 1 from demand_rollup r
                                 where r.day = (e.at at time zone $1)::date)) days
         order by day",
    )
    .bind(zone_name)
    .bind(now - SETTLE)
    .fetch_all(db)
    .await?;
    let mut swept = Swept::default();
    for (day, start, end) in days {
        // Only days wholly over, and settled, in the zone.
        if end > now - SETTLE {
            continue;
        }
        let mut tx = db.begin().await?;
        let claimed =
            sqlx::query("insert into demand_rollup (day, time_zone) values ($1, $2) on conflict do nothing")
                .bind(day)
                .bind(zone_name)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if claimed == 1 {
            sqlx::query(
                "insert into demand_daily
                     (day, kind, event_id, city, category, words, results, lang, source, medium,
                      campaign, records, visitors, anonymous)
                 select $1, kind, event_id, city, category, words, least(results, 10), lang,
                        source, medium, campaign, count(*), count(distinct visitor),
                        count(*) filter (where visitor is null)
                 from demand_event
                 where at >= $2 and at < $3
                 group by kind, event_id, city, category, words, least(results, 10), lang,
                          source, medium, campaign",
            )
            .bind(day)
            .bind(start)
            .bind(end)
            .execute(&mut *tx)
            .await?;
            swept.days_rolled_up += 1;
        }
        tx.commit().await?;
    }
    swept.rows_removed = sqlx::query(
        "delete from demand_event e
         where at < $1
           and exists (select 1 from demand_rollup r where r.day = (e.at at time zone $2)::date)",
    )
    .bind(now - retention)
    .bind(zone_name)
    .execute(db)
    .await?
    .rows_affected();
    swept.salts_removed = sqlx::query("delete from demand_salt where day < $1")
        .bind(settled_day)
        .execute(db)
        .await?
        .rows_affected();
    Ok(swept)
}
