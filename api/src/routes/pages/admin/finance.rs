//! `/admin/finance`: the reconciliation ledger as a page, filterable, with a CSV download and
//! a "mark resolved" form on every open discrepancy.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tessera_core::reconcile::{self, Discrepancy, LedgerRow};
use tessera_i18n::{current, message_args, t};
use tessera_web::pages::{AdminFinancePage, Choice, Chrome, FinanceRow};

use crate::auth::AdminPage;
use crate::auth::csrf::{CsrfForm, CsrfToken};
use crate::error::{PageError, render_html};
use crate::routes::admin::reconciliation::{LedgerQuery, csv_name, csv_response, resolve_receipt};
use crate::routes::pages::account::viewer_chrome;

use super::{order_status_words, payment_state_label};

/// A discrepancy class in words.
fn discrepancy_label(discrepancy: Discrepancy) -> String {
    t(match discrepancy {
        Discrepancy::Underpaid => "admin-discrepancy-underpaid",
        Discrepancy::Overpaid => "admin-discrepancy-overpaid",
        Discrepancy::PaidLate => "admin-discrepancy-paid-late",
        Discrepancy::SoldOut => "admin-discrepancy-sold-out",
        Discrepancy::RefundDue => "admin-discrepancy-refund-due",
        Discrepancy::Reorged => "admin-discrepancy-reorged",
        Discrepancy::Orphan => "admin-discrepancy-orphan",
        Discrepancy::NotConfirmed => "admin-discrepancy-not-confirmed",
        Discrepancy::RefundPending => "admin-discrepancy-refund-pending",
        Discrepancy::RefundFailed => "admin-discrepancy-refund-failed",
        Discrepancy::Disputed => "admin-discrepancy-disputed",
    })
}

/// A rail in words; a code this page does not know as it is.
fn rail_label(rail: &str) -> String {
    match rail {
        "card" => t("admin-rail-card"),
        "btc" => t("admin-rail-btc"),
        "eth" => t("admin-rail-eth"),
        other => other.to_string(),
    }
}
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
                discrepancy_label(d.discrepancy),
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
        rails: ["card", "btc", "eth"]
            .into_iter()
            .map(|value| Choice {
                value: value.into(),
                label: rail_label(value),
                selected: filter.rail.as_deref() == Some(value),
            })
            .collect(),
        discrepancies: Discrepancy::ALL
            .into_iter()
            .map(|d| Choice {
                value: d.as_str().into(),
                label: discrepancy_label(d),
                selected: filter.discrepancy == Some(d),
            })
            .collect(),
        unresolved: filter.unresolved,
        error,
        // Only our own codes: a link cannot put words of its own on this page.
        flash: query.flash.and_then(|flash| {
            Some(t(match flash.as_str() {
                "resolved" => "admin-finance-flash-resolved",
                "already_resolved" => "admin-finance-flash-already-resolved",
                "nothing_to_resolve" => "admin-finance-flash-nothing",
                "unknown_receipt" => "admin-finance-flash-unknown",
                "note_needed" => "admin-finance-flash-note-needed",
                _ => return None,
            }))
        }),
        csv_href: format!("/admin/finance?{}", with("format=csv")),
        json_href: format!("/api/admin/reconciliation?{here}"),
        counts,
        totals: totals
            .into_iter()
            .map(|t| (state.on_chain(format!("{} {}", t.amount, t.asset), t.chain_id), t.receipts))
            .collect(),
        rows: rows.iter().map(|r| row(&state, r)).collect(),
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

fn row(state: &AppState, r: &LedgerRow) -> FinanceRow {
    let detail = match r.rail.as_str() {
        "eth" => message_args(
            current(),
            "admin-finance-eth-detail",
            [
                ("block", r.block_number.map(|n| n.to_string()).unwrap_or_default().into()),
                ("payer", r.payer.clone().unwrap_or_default().into()),
                ("token", r.token.clone().unwrap_or_default().into()),
            ],
        ),
        "btc" => [
            r.rate.as_deref().map(|rate| {
                message_args(
                    current(),
                    "admin-finance-btc-rate",
                    [("rate", format!("{rate} {}/BTC", r.fiat_currency.as_deref().unwrap_or("")).into())],
                )
            }),
            r.settled_at.map(|at| {
                message_args(
                    current(),
                    "admin-finance-btc-settled",
                    [("when", at.format("%Y-%m-%d %H:%M").to_string().into())],
                )
            }),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
        _ => String::new(),
    };
    FinanceRow {
        rail: r.rail.clone(),
        rail_label: state.on_chain(rail_label(&r.rail), r.chain_id),
        receipt_ref: r.receipt_ref.clone(),
        received_at: r.received_at.format("%Y-%m-%d %H:%M").to_string(),
        order_id: r.order_id.map(|id| id.to_string()).unwrap_or_default(),
        order_status: r.order_status.as_deref().map(order_status_words).unwrap_or_default(),
        received: format!("{} {}", r.amount, r.asset),
        quoted: match (&r.quoted, r.order_total_minor, &r.fiat_currency) {
            (Some(quoted), _, _) => format!("{quoted} {}", r.asset),
            (None, Some(total), Some(currency)) => tessera_web::view::price(currency, total),
            _ => "—".into(),
        },
        status: payment_state_label(&r.status),
        detail,
        discrepancy: r.discrepancy.map(discrepancy_label),
        resolution: r.resolution.as_ref().map(|res| {
            format!(
                "{} — {}, {}",
                res.note,
                res.by.clone().unwrap_or_else(|| t("admin-deleted-account")),
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
            // The page says each refusal in the reader's language, by its code.
            Err(
                crate::error::Error::Conflict { code, .. } | crate::error::Error::Unprocessable { code, .. },
            ) => code.to_string(),
            Err(crate::error::Error::NotFound(_)) => "unknown_receipt".to_string(),
            Err(crate::error::Error::InvalidField(_)) => "note_needed".to_string(),
            Err(err) => return Err(err.into()),
        };
    let separator = match (back.ends_with('?'), back.contains('?')) {
        (true, _) => "",
        (false, true) => "&",
        (false, false) => "?",
    };
    let flash = serde_urlencoded::to_string([("flash", flash)]).unwrap_or_default();
    Ok(Redirect::to(&format!("{back}{separator}{flash}")).into_response())
}
