//! `/admin/finance`: the reconciliation ledger as a page, filterable, with a CSV download and
//! a "mark resolved" form on every open discrepancy.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::reconcile::{self, Discrepancy, LedgerRow};
use tessera_web::pages::{AdminFinancePage, Choice, Chrome, FinanceRow};

use crate::auth::AdminPage;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::error::{PageError, render_html};
use crate::routes::admin::reconciliation::{LedgerQuery, csv_name, csv_response, resolve_receipt};
use crate::routes::pages::account::viewer_chrome;
use crate::state::AppState;

#[derive(Debug, Deserialize)]
pub struct FinanceQuery {
    #[serde(flatten)]
    ledger: LedgerQuery,
    /// Said after a resolution: one of our own codes (`resolved`, ...).
    flash: Option<String>,
}

pub async fn finance(
    State(state): State<AppState>,
    admin: AdminPage,
    csrf: CsrfToken,
    Query(query): Query<FinanceQuery>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    let (filter, error) = match query.ledger.filter(&state) {
        Ok(filter) => (filter, None),
        Err(err) => (LedgerQuery::default().filter(&state)?, Some(err.to_string())),
    };
    let rows = reconcile::ledger(&state.db, &filter).await?;
    if query.ledger.format.as_deref() == Some("csv") && error.is_none() {
        return Ok(csv_response(&rows, &csv_name(&filter)));
    }
    let (totals, discrepancies) = reconcile::summarise(&rows);
    let here = query.ledger.query_string();
    let with = |extra: &str| {
        [here.as_str(), extra].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join("&")
    };
    let mut by_class = LedgerQuery { discrepancy: None, format: None, ..query.ledger.clone() };
    let counts = discrepancies
        .iter()
        .map(|d| {
            by_class.discrepancy = Some(d.discrepancy.as_str().to_string());
            (
                d.label.to_string(),
                d.receipts,
                d.unresolved,
                format!("/admin/finance?{}", by_class.query_string()),
            )
        })
        .collect();
    let page = AdminFinancePage {
        chrome: Chrome::new("", viewer_chrome(&viewer)),
        csrf: csrf.token.clone(),
        from: filter.from.map(|d| d.to_string()).unwrap_or_default(),
        to: filter.to.map(|d| d.to_string()).unwrap_or_default(),
        time_zone: filter.time_zone.clone(),
        rails: [("card", "Card"), ("btc", "Bitcoin"), ("eth", "Ethereum (ETH and tokens)")]
            .into_iter()
            .map(|(value, label)| Choice {
                value: value.into(),
                label: label.into(),
                selected: filter.rail.as_deref() == Some(value),
            })
            .collect(),
        discrepancies: Discrepancy::ALL
            .into_iter()
            .map(|d| Choice {
                value: d.as_str().into(),
                label: d.label().into(),
                selected: filter.discrepancy == Some(d),
            })
            .collect(),
        unresolved: filter.unresolved,
        error,
        // Only our own codes: a link cannot put words of its own on this page.
        flash: query.flash.and_then(|flash| {
            Some(
                match flash.as_str() {
                    "resolved" => "Marked resolved; the audit log has it.",
                    "already_resolved" => {
                        "That discrepancy was resolved already (by someone else, just now?)."
                    }
                    "nothing_to_resolve" => "That receipt has no discrepancy to resolve.",
                    "unknown_receipt" => "There is no such receipt.",
                    "note_needed" => "Say what was done, in a note of 1 to 2000 characters.",
                    _ => return None,
                }
                .to_string(),
            )
        }),
        csv_href: format!("/admin/finance?{}", with("format=csv")),
        json_href: format!("/api/admin/reconciliation?{here}"),
        counts,
        totals: totals.into_iter().map(|t| (format!("{} {}", t.amount, t.asset), t.receipts)).collect(),
        rows: rows.iter().map(row).collect(),
        back: format!("/admin/finance?{here}"),
        unreadable: reconcile::unreadable_payments(&state.db)
            .await?
            .into_iter()
            .map(|u| {
                (
                    u.first_seen_at.format("%Y-%m-%d %H:%M").to_string(),
                    u.invoice_id,
                    u.order_id.map(|id| id.to_string()).unwrap_or_default(),
                    u.problem,
                    u.raw.to_string(),
                )
            })
            .collect(),
    };
    Ok(csrf.attach(render_html(StatusCode::OK, &page)))
}

fn row(r: &LedgerRow) -> FinanceRow {
    let detail = match r.rail.as_str() {
        "eth" => format!(
            "block {} · payer {} · token {}",
            r.block_number.map(|n| n.to_string()).unwrap_or_default(),
            r.payer.as_deref().unwrap_or(""),
            r.token.as_deref().unwrap_or("")
        ),
        "btc" => format!(
            "{}{}",
            r.rate
                .as_deref()
                .map(|rate| format!("at {rate} {}/BTC", r.fiat_currency.as_deref().unwrap_or("")))
                .unwrap_or_default(),
            r.settled_at.map(|t| format!(" · settled {}", t.format("%Y-%m-%d %H:%M"))).unwrap_or_default()
        ),
        _ => String::new(),
    };
    FinanceRow {
        rail: r.rail.clone(),
        receipt_ref: r.receipt_ref.clone(),
        received_at: r.received_at.format("%Y-%m-%d %H:%M").to_string(),
        order_id: r.order_id.map(|id| id.to_string()).unwrap_or_default(),
        order_status: r.order_status.clone().unwrap_or_default(),
        received: format!("{} {}", r.amount, r.asset),
        quoted: match (&r.quoted, r.order_total_minor, &r.fiat_currency) {
            (Some(quoted), _, _) => format!("{quoted} {}", r.asset),
            (None, Some(total), Some(currency)) => tessera_web::view::price(currency, total),
            _ => "—".into(),
        },
        status: r.status.clone(),
        detail,
        discrepancy: r.discrepancy.map(|d| d.label().to_string()),
        resolution: r.resolution.as_ref().map(|res| {
            format!(
                "{} — {}, {}",
                res.note,
                res.by.as_deref().unwrap_or("(deleted account)"),
                res.at.format("%Y-%m-%d %H:%M")
            )
        }),
    }
}

#[derive(Debug, Deserialize)]
pub struct ResolveForm {
    #[serde(default)]
    rail: String,
    #[serde(default)]
    receipt_ref: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    back: String,
}

/// `POST /admin/finance/resolve`: marks the discrepancy resolved, back to the page it came from.
pub async fn resolve(
    State(state): State<AppState>,
    AdminPage(admin): AdminPage,
    CsrfForm(form): CsrfForm<ResolveForm>,
) -> Result<Response, PageError> {
    // Only back to the finance page itself.
    let back = if form.back.starts_with("/admin/finance?") || form.back == "/admin/finance" {
        form.back.clone()
    } else {
        "/admin/finance?".to_string()
    };
    let flash =
        match resolve_receipt(&state, admin.account.id, &form.rail, &form.receipt_ref, &form.note).await {
            Ok(_) => "resolved".to_string(),
            Err(err @ (crate::error::Error::Database(_) | crate::error::Error::Internal(_))) => {
                return Err(err.into());
            }
            Err(err) => err.to_string(),
        };
    let separator = if back.ends_with('?') { "" } else { "&" };
    let flash = serde_urlencoded::to_string([("flash", flash)]).unwrap_or_default();
    Ok(Redirect::to(&format!("{back}{separator}{flash}")).into_response())
}
