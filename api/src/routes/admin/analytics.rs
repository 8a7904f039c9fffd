//! `GET /api/admin/analytics`: how the shop sells, from the ledger.

use axum::Json;
use axum::extract::State;
use chrono::{Duration, NaiveDate, Utc};
use serde::Deserialize;
use tessera_core::analytics::{self, Range, Report};
use tessera_core::catalog::FieldError;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::auth::Admin;
use crate::error::{ErrorBody, Result};
use crate::extract::QueryParams;
use crate::state::AppState;

/// The longest range one report covers.
pub const MAX_DAYS: i64 = 366;

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct AnalyticsQuery {
    /// First day, `YYYY-MM-DD`, in the reporting time zone (default: 29 days before `to`).
    pub from: Option<String>,
    /// Last day, inclusive (default: today in the reporting time zone).
    pub to: Option<String>,
    /// Only this event.
    pub event_id: Option<String>,
}

impl AnalyticsQuery {
    /// The range asked for, checked: dates that parse, `from` not after `to`, at most a year.
    pub fn range(&self, state: &AppState) -> Result<Range> {
        let zone = state.config.reporting_time_zone;
        let date = |field: &'static str, raw: &Option<String>| -> Result<Option<NaiveDate>> {
            raw.as_deref()
                .map(str::trim)
                .filter(|raw| !raw.is_empty())
                .map(|raw| {
                    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
                        FieldError::new(
                            field,
                            tessera_i18n::t_args("error-not-a-date", [("value", format!("{raw:?}").into())]),
                        )
                        .into()
                    })
                })
                .transpose()
        };
        let to = date("to", &self.to)?.unwrap_or_else(|| Utc::now().with_timezone(&zone).date_naive());
        let from = date("from", &self.from)?.unwrap_or(to - Duration::days(29));
        if from > to {
            return Err(FieldError::new("from", tessera_i18n::t("error-from-after-to-plain")).into());
        }
        if (to - from).num_days() >= MAX_DAYS {
            return Err(FieldError::new(
                "from",
                tessera_i18n::t_args("error-report-days", [("max", MAX_DAYS.into())]),
            )
            .into());
        }
        let event_id = self
            .event_id
            .as_deref()
            .map(str::trim)
            .filter(|raw| !raw.is_empty())
            .map(|raw| {
                Uuid::try_parse(raw).map_err(|_| {
                    FieldError::new(
                        "event_id",
                        tessera_i18n::t_args(
                            "error-not-an-id",
                            [("value", format!("{raw:?}").into()), ("kind", "event".into())],
                        ),
                    )
                })
            })
            .transpose()?;
        Ok(Range { from, to, time_zone: zone.name().to_string(), event_id })
    }
}

/// Sales analytics: per event (sold, held, capacity, sell-through, revenue), and for the range
/// (days in `TESSERA_REPORTING_TIME_ZONE`): orders and tickets per day, what came in per asset
/// in its own unit, the split by payment method with the fiat value at each order's rate, the
/// funnel, and the top cities and categories.
#[utoipa::path(get, path = "/api/admin/analytics", tag = "admin", params(AnalyticsQuery),
    responses(
        (status = 200, description = "The figures", body = crate::schemas::analytics::Report),
        (status = 400, description = "A bad date, event id or range, or a query string that cannot be read", body = ErrorBody),
        Admin,
    ))]
pub async fn analytics(
    State(state): State<AppState>,
    _admin: Admin,
    QueryParams(query): QueryParams<AnalyticsQuery>,
) -> Result<Json<Report>> {
    let range = query.range(&state)?;
    Ok(Json(analytics::report(&state.db, &range).await?))
}
