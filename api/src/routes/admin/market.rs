//! `GET /api/admin/market`: demand beside the ledger, for the founders and organisers.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse as _, Response};
use serde::Deserialize;
use tessera_core::catalog::{Category, FieldError};
use tessera_core::demand::market::{self, MarketQuery};
use utoipa::IntoParams;

use crate::auth::Admin;
use crate::error::{ErrorBody, Result};
use crate::extract::QueryParams;
use crate::routes::admin::analytics::AnalyticsQuery;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct MarketParams {
    /// First day, `YYYY-MM-DD`, in the reporting time zone (default: 29 days before `to`).
    pub from: Option<String>,
    /// Last day, inclusive (default: today in the reporting time zone).
    pub to: Option<String>,
    /// Only events in this city (without regard to case or accents).
    pub city: Option<String>,
    /// Only events of this category (`concert`, `food`, ...).
    pub category: Option<String>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
    /// With `format=csv`, the table: `funnel`, `buyers`, `cities`, `categories`, `price-bands`, `rails`,
    /// `languages`, `group-sizes`, `flows`, `channels`, `links`, `searches` or `sold-out`.
    pub table: Option<String>,
}

impl MarketParams {
    /// The report asked for, checked: the range as analytics checks it, a known category, a
    /// city of at most 100 characters.
    pub fn query(&self, state: &AppState) -> Result<MarketQuery> {
        let range =
            AnalyticsQuery { from: self.from.clone(), to: self.to.clone(), event_id: None }.range(state)?;
        let given =
            |raw: &Option<String>| raw.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(String::from);
        let city = given(&self.city);
        if city.as_ref().is_some_and(|city| city.chars().count() > 100) {
            return Err(FieldError::new(
                "city",
                tessera_i18n::t_args("error-max-characters", [("max", 100.into())]),
            )
            .into());
        }
        let category = given(&self.category);
        if let Some(category) = &category
            && category.parse::<Category>().is_err()
        {
            let known: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
            return Err(FieldError::new(
                "category",
                tessera_i18n::t_args("error-unknown-category", [("known", known.join(", ").into())]),
            )
            .into());
        }
        Ok(MarketQuery { from: range.from, to: range.to, time_zone: range.time_zone, city, category })
    }

    /// The CSV table asked for, if `format=csv`.
    pub fn csv_table(&self) -> Result<Option<&'static str>> {
        match self.format.as_deref().map(str::trim) {
            None | Some("" | "json") => Ok(None),
            Some("csv") => {
                let asked = self.table.as_deref().map(str::trim).unwrap_or("funnel");
                market::CSV_TABLES.iter().find(|table| **table == asked).copied().map(Some).ok_or_else(|| {
                    FieldError::new(
                        "table",
                        tessera_i18n::t_args(
                            "error-market-table",
                            [
                                ("value", format!("{asked:?}").into()),
                                ("known", market::CSV_TABLES.join(", ").into()),
                            ],
                        ),
                    )
                    .into()
                })
            }
            Some(other) => Err(FieldError::new(
                "format",
                tessera_i18n::t_args("error-json-or-csv", [("value", format!("{other:?}").into())]),
            )
            .into()),
        }
    }
}

/// A table of the report as a CSV download.
pub fn csv_response(report: &market::Market, table: &str) -> Response {
    let body = market::csv(report, table).unwrap_or_default();
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    let name = format!("tessera-market-{table}-{}-{}.csv", report.from, report.to);
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The market: for a range of days (in `TESSERA_REPORTING_TIME_ZONE`), optionally one city and
/// one category — the funnel from event page views to attendance (per city, category, price
/// band and payment rail), who paid (new and returning, locals and visitors, languages, group
/// sizes), where buyers live against where events are, the channels and tracking links that
/// brought them, and what is missing (searches with no or few results, sold-out ticket types).
/// Views and searches are recorded first-party; holds, payments and check-ins come from the
/// ledger, for the orders placed in the range. `format=csv&table=…` gives one table as CSV.
#[utoipa::path(get, path = "/api/admin/market", tag = "admin", params(MarketParams),
    responses(
        (status = 200, description = "The report (or one table as text/csv with format=csv)", body = crate::schemas::market::Market),
        (status = 400, description = "A bad date, range, city, category, format or table, or a query string that cannot be read", body = ErrorBody),
        Admin,
    ))]
pub async fn market(
    State(state): State<AppState>,
    _admin: Admin,
    QueryParams(params): QueryParams<MarketParams>,
) -> Result<Response> {
    let query = params.query(&state)?;
    let table = params.csv_table()?;
    let report = market::report(&state.db, &query).await?;
    Ok(match table {
        Some(table) => csv_response(&report, table),
        None => Json(report).into_response(),
    })
}
