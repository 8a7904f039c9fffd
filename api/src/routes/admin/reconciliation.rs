//! Finance's reconciliation over JSON and CSV: every receipt on every rail matched to its
//! order, the discrepancies named and filterable, and resolving one with a note.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tessera_core::catalog::FieldError;
use tessera_core::reconcile::{self, Discrepancy, Filter, LedgerRow, ResolveError};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Admin;
use crate::error::{Error, ErrorBody, Result};
use crate::extract::{JsonBody, QueryParams};
use crate::state::AppState;

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
pub struct LedgerQuery {
    /// First day received, `YYYY-MM-DD`, in the reporting time zone.
    pub from: Option<String>,
    /// Last day received, inclusive.
    pub to: Option<String>,
    /// `card`, `btc` or `eth`.
    pub rail: Option<String>,
    /// Only this discrepancy: `underpaid`, `overpaid`, `paid_late`, `sold_out`, `refund_due`,
    /// `reorged`, `orphan`, `not_confirmed`.
    pub discrepancy: Option<String>,
    /// `true`: only discrepancies nobody has resolved.
    pub unresolved: Option<String>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

impl LedgerQuery {
    /// The filter asked for, checked; every bad parameter is named.
    pub fn filter(&self, state: &AppState) -> Result<Filter> {
        let text = |raw: &Option<String>| {
            raw.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
        };
        let date = |field: &'static str, raw: &Option<String>| -> Result<Option<NaiveDate>> {
            text(raw)
                .map(|raw| {
                    NaiveDate::parse_from_str(&raw, "%Y-%m-%d").map_err(|_| {
                        FieldError::new(
                            field,
                            tessera_i18n::t_args("error-not-a-date", [("value", format!("{raw:?}").into())]),
                        )
                        .into()
                    })
                })
                .transpose()
        };
        let (from, to) = (date("from", &self.from)?, date("to", &self.to)?);
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(FieldError::new("from", tessera_i18n::t("error-from-after-to-plain")).into());
        }
        let rail = text(&self.rail);
        if let Some(rail) = &rail
            && rail.parse::<tessera_core::reconcile::Rail>().is_err()
        {
            return Err(FieldError::new(
                "rail",
                tessera_i18n::t_args("error-rail", [("value", format!("{rail:?}").into())]),
            )
            .into());
        }
        let discrepancy = text(&self.discrepancy)
            .map(|raw| {
                Discrepancy::parse(&raw).ok_or_else(|| {
                    let all: Vec<&str> = Discrepancy::ALL.iter().map(|d| d.as_str()).collect();
                    FieldError::new(
                        "discrepancy",
                        tessera_i18n::t_args(
                            "error-one-of",
                            [("value", format!("{raw:?}").into()), ("known", all.join(", ").into())],
                        ),
                    )
                })
            })
            .transpose()?;
        let unresolved = match text(&self.unresolved).as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                return Err(FieldError::new(
                    "unresolved",
                    tessera_i18n::t_args("error-true-or-false", [("value", format!("{other:?}").into())]),
                )
                .into());
            }
        };
        Ok(Filter {
            from,
            to,
            time_zone: state.config.reporting_time_zone.name().to_string(),
            rail,
            discrepancy,
            unresolved,
        })
    }

    /// The filters as a query string, for links that keep them (`format` left out).
    pub fn query_string(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("from", &self.from),
            ("to", &self.to),
            ("rail", &self.rail),
            ("discrepancy", &self.discrepancy),
            ("unresolved", &self.unresolved),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.as_deref().filter(|v| !v.trim().is_empty()).map(|v| (key, v)))
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    fn csv(&self) -> Result<bool> {
        match self.format.as_deref().map(str::trim) {
            None | Some("" | "json") => Ok(false),
            Some("csv") => Ok(true),
            Some(other) => Err(FieldError::new(
                "format",
                tessera_i18n::t_args("error-json-or-csv", [("value", format!("{other:?}").into())]),
            )
            .into()),
        }
    }
}

/// The ledger and what it adds up to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Reconciliation {
    #[schema(value_type = Vec<crate::schemas::reconcile::LedgerRow>)]
    pub rows: Vec<LedgerRow>,
    /// Received per asset over the rows whose money counts (`counted`), exact.
    #[schema(value_type = Vec<crate::schemas::reconcile::AssetSum>)]
    pub totals: Vec<reconcile::AssetSum>,
    /// Rows per discrepancy, and how many of them nobody has resolved.
    #[schema(value_type = Vec<crate::schemas::reconcile::DiscrepancyCount>)]
    pub discrepancies: Vec<reconcile::DiscrepancyCount>,
    /// Bitcoin payments BTCPay reported that could not be read, kept raw until they read
    /// (whatever the filters).
    #[schema(value_type = Vec<crate::schemas::reconcile::UnreadablePayment>)]
    pub unreadable: Vec<reconcile::UnreadablePayment>,
}

/// The CSV file of `rows`, as a download.
pub fn csv_response(rows: &[LedgerRow], name: &str) -> Response {
    let mut response = reconcile::to_csv(rows).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The reconciliation ledger: one row per receipt (card payments, bitcoin outputs, contract
/// logs), each matched to its order with the quote beside what came in, and its discrepancy.
/// `format=csv` gives the same rows as CSV, with stable columns.
#[utoipa::path(get, path = "/api/admin/reconciliation", tag = "admin", params(LedgerQuery),
    responses(
        (status = 200, description = "The ledger (or text/csv with format=csv)", body = Reconciliation),
        (status = 400, description = "A bad filter, or a query string that cannot be read", body = ErrorBody),
        Admin,
    ))]
pub async fn reconciliation(
    State(state): State<AppState>,
    _admin: Admin,
    QueryParams(query): QueryParams<LedgerQuery>,
) -> Result<Response> {
    let filter = query.filter(&state)?;
    let csv = query.csv()?;
    let rows = reconcile::ledger(&state.db, &filter).await?;
    if csv {
        return Ok(csv_response(&rows, &csv_name(&filter)));
    }
    let (totals, discrepancies) = reconcile::summarise(&rows);
    let unreadable = reconcile::unreadable_payments(&state.db).await?;
    Ok(Json(Reconciliation { rows, totals, discrepancies, unreadable }).into_response())
}

/// `tessera-reconciliation-2026-11-01-2026-11-30.csv`.
pub fn csv_name(filter: &Filter) -> String {
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "all".to_string(), |d| d.to_string());
    format!("tessera-reconciliation-{}-{}.csv", day(filter.from), day(filter.to))
}

/// A discrepancy dealt with.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResolveRequest {
    #[schema(example = "btc")]
    pub rail: String,
    /// As the ledger names it.
    pub receipt_ref: String,
    /// What was done: "refunded off-platform", "accepted", ...
    pub note: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Resolved {
    #[schema(value_type = crate::schemas::reconcile::Discrepancy)]
    pub discrepancy: Discrepancy,
}

/// Marks a receipt's discrepancy resolved with a note; recorded in the audit log.
#[utoipa::path(post, path = "/api/admin/reconciliation/resolve", tag = "admin", request_body = ResolveRequest,
    responses(
        (status = 200, description = "Resolved", body = Resolved),
        JsonBody<ResolveRequest>,
        Admin,
        (status = 404, description = "No such receipt", body = ErrorBody),
        (status = 409, description = "Resolved already", body = ErrorBody),
        (status = 422, description = "No note, or nothing to resolve", body = ErrorBody),
    ))]
pub async fn resolve(
    State(state): State<AppState>,
    Admin(admin): Admin,
    JsonBody(request): JsonBody<ResolveRequest>,
) -> Result<Json<Resolved>> {
    let discrepancy =
        resolve_receipt(&state, admin.account.id, &request.rail, &request.receipt_ref, &request.note).await?;
    Ok(Json(Resolved { discrepancy }))
}

/// What the JSON route and the finance page share.
pub async fn resolve_receipt(
    state: &AppState,
    admin: uuid::Uuid,
    rail: &str,
    receipt_ref: &str,
    note: &str,
) -> Result<Discrepancy> {
    if note.trim().is_empty() || note.trim().chars().count() > 2000 {
        return Err(Error::InvalidField(FieldError::new("note", tessera_i18n::t("error-resolution-note"))));
    }
    // Postgres text cannot hold NUL: refused here rather than failing in the database.
    if note.contains('\0') {
        return Err(Error::InvalidField(FieldError::new("note", tessera_i18n::t("error-no-nul"))));
    }
    if rail.contains('\0') || receipt_ref.contains('\0') {
        return Err(Error::NotFound("receipt"));
    }
    match reconcile::resolve(&state.db, admin, rail.trim(), receipt_ref.trim(), note).await {
        Ok(discrepancy) => {
            tracing::info!(
                receipt.rail = rail,
                receipt.reference = receipt_ref,
                discrepancy = discrepancy.as_str(),
                "discrepancy resolved"
            );
            Ok(discrepancy)
        }
        Err(ResolveError::UnknownReceipt) => Err(Error::NotFound("receipt")),
        Err(ResolveError::NothingToResolve) => Err(Error::Unprocessable {
            code: "nothing_to_resolve",
            message: tessera_i18n::t("error-nothing-to-resolve"),
            field: Some("receipt_ref"),
        }),
        Err(ResolveError::AlreadyResolved) => Err(Error::Conflict {
            code: "already_resolved",
            message: tessera_i18n::t("error-already-resolved"),
            field: None,
        }),
        Err(ResolveError::Database(err)) => Err(Error::Database(err)),
    }
}
