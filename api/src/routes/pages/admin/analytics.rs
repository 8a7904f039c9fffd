//! `/admin/analytics`: the analytics report as a page, charts beside their tables.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike as _, NaiveDate};
use tessera_core::analytics::{self, Report};
use tessera_core::catalog::Category;
use tessera_i18n::format::{Style, instant};
use tessera_i18n::{current, message_args, t};
use tessera_web::chart::{self, Bar};
use tessera_web::pages::{
    AdminAnalyticsPage, Choice, Chrome, DayRow, EventSalesRow, MethodRow, ReceivedCard,
};
use tessera_web::view::price;

use crate::auth::{AdminPage, Viewer};
use crate::error::{PageError, render_html};
use crate::routes::admin::analytics::AnalyticsQuery;
use crate::routes::pages::account::viewer_chrome;
use crate::state::AppState;

pub async fn analytics(
    State(state): State<AppState>,
    admin: AdminPage,
    Query(query): Query<AnalyticsQuery>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    // A bad filter is said on the page, over the default range's figures.
    let (range, error) = match query.range(&state) {
        Ok(range) => (range, None),
        Err(err) => (AnalyticsQuery::default().range(&state)?, Some(err.to_string())),
    };
    let report = analytics::report(&state.db, &range).await?;
    let all_events = analytics::events_to_filter(&state.db).await?;
    let mut json_href = format!("/api/admin/analytics?from={}&to={}", range.from, range.to);
    if let Some(event) = range.event_id {
        json_href.push_str(&format!("&event_id={event}"));
    }
    let on_chain = |what: String, chain: Option<i64>| state.on_chain(what, chain);
    let page = page(&viewer, &report, &all_events, error, json_href, &on_chain);
    Ok(render_html(StatusCode::OK, &page))
}

pub(super) fn method_label(method: &str) -> String {
    t(match method {
        "card" => "method-card",
        "btc" => "method-btc",
        "lightning" => "method-lightning",
        "eth" => "method-eth",
        "usdc" => "method-usdc",
        "usdt" => "method-usdt",
        "eurc" => "method-eurc",
        _ => "admin-analytics-method-other",
    })
}

/// A day as the request's language writes a date: `Dec 5, 2026`, `5 déc. 2026`.
pub(super) fn date(day: NaiveDate) -> String {
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc();
    instant(current(), noon, "UTC", Style::Date)
}

/// A day as a chart's short label: `12/5`, `5.12.`.
fn short_date(day: NaiveDate) -> String {
    message_args(
        current(),
        "admin-chart-day",
        [("month", day.month().to_string().into()), ("day", day.day().to_string().into())],
    )
}

/// A category's name, from its code; a code we do not know as it is.
pub(super) fn category_name(code: &str) -> String {
    Category::ALL
        .iter()
        .find(|category| category.as_str() == code)
        .map_or_else(|| code.to_string(), |category| tessera_web::view::category_label(*category))
}

fn page(
    viewer: &Viewer,
    report: &Report,
    all_events: &[(uuid::Uuid, String, String)],
    error: Option<String>,
    json_href: String,
    on_chain: &dyn Fn(String, Option<i64>) -> String,
) -> AdminAnalyticsPage {
    let received = report
        .received
        .iter()
        .map(|r| ReceivedCard {
            amount: if r.kind == "fiat" {
                price(&r.asset, r.amount_base.parse().unwrap_or(0))
            } else {
                format!("{} {}", r.amount, r.asset)
            },
            kind: {
                let kind = t(match r.kind.as_str() {
                    "fiat" => "admin-analytics-kind-card",
                    "bitcoin" => "admin-analytics-kind-bitcoin",
                    "ether" => "admin-analytics-kind-ether",
                    _ => "admin-analytics-kind-token",
                });
                // Ether and tokens: on which chain.
                on_chain(kind, r.chain_id)
            },
            orders: r.orders,
            refunded: match (r.refunded_base.as_str(), r.kind.as_str()) {
                ("0", _) => String::new(),
                (base, "fiat") => price(&r.asset, base.parse().unwrap_or(0)),
                _ => format!("{} {}", r.refunded, r.asset),
            },
            net: match (r.refunded_base.as_str(), r.kind.as_str()) {
                ("0", _) => String::new(),
                (_, "fiat") => price(&r.asset, r.net_base.parse().unwrap_or(0)),
                _ => format!("{} {}", r.net, r.asset),
            },
        })
        .collect();
    let by_method: Vec<MethodRow> = report
        .by_method
        .iter()
        .map(|m| MethodRow {
            method: method_label(&m.method),
            orders: m.orders,
            tickets: m.tickets,
            amount: price(&m.currency, m.amount_minor),
        })
        .collect();
    let method_bars: Vec<Bar> = report
        .by_method
        .iter()
        .map(|m| Bar { label: format!("{} ({})", method_label(&m.method), m.currency), value: m.orders })
        .collect();
    let days: Vec<DayRow> = report
        .days
        .iter()
        .map(|d| DayRow {
            date: date(d.date),
            placed: d.orders_placed,
            paid: d.orders_paid,
            tickets: d.tickets_sold,
        })
        .collect();
    let day_bars = |value: fn(&analytics::Day) -> i64| -> Vec<Bar> {
        report.days.iter().map(|d| Bar { label: short_date(d.date), value: value(d) }).collect()
    };
    let f = &report.funnel;
    let funnel = vec![
        (t("admin-funnel-placed"), f.created),
        (t("admin-funnel-paid"), f.paid),
        (t("admin-funnel-delivered"), f.fulfilled),
        (t("admin-funnel-pending"), f.pending),
        (t("admin-funnel-expired"), f.expired),
        (t("admin-funnel-cancelled"), f.cancelled),
        (t("admin-funnel-failed"), f.failed),
        (t("admin-funnel-refund-due"), f.refund_due),
    ];
    let funnel_bars: Vec<Bar> =
        funnel.iter().map(|(label, n)| Bar { label: label.clone(), value: *n }).collect();
    let ranked = |rows: &[analytics::Ranked]| -> (Vec<(String, i64, i64)>, Vec<Bar>) {
        (
            rows.iter().map(|r| (r.name.clone(), r.tickets, r.orders)).collect(),
            rows.iter().map(|r| Bar { label: r.name.clone(), value: r.tickets }).collect(),
        )
    };
    let (cities, city_bars) = ranked(&report.top_cities);
    let named: Vec<analytics::Ranked> = report
        .top_categories
        .iter()
        .map(|r| analytics::Ranked { name: category_name(&r.name), ..r.clone() })
        .collect();
    let (categories, category_bars) = ranked(&named);
    AdminAnalyticsPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        from: report.from.to_string(),
        to: report.to.to_string(),
        time_zone: report.time_zone.clone(),
        range_note: message_args(
            current(),
            "admin-analytics-range",
            [
                ("zone", report.time_zone.clone().into()),
                ("from", date(report.from).into()),
                ("to", date(report.to).into()),
            ],
        ),
        events_filter: all_events
            .iter()
            .map(|(id, title, city)| Choice {
                value: id.to_string(),
                label: format!("{title} ({city})"),
                selected: report.event_id == Some(*id),
            })
            .collect(),
        error,
        json_href,
        received,
        method_chart: chart::rows(&t("admin-chart-method"), &method_bars),
        by_method,
        orders_chart: chart::columns(&t("admin-chart-orders-per-day"), &day_bars(|d| d.orders_placed)),
        tickets_chart: chart::columns(&t("admin-chart-tickets-per-day"), &day_bars(|d| d.tickets_sold)),
        days,
        funnel_chart: chart::rows(&t("admin-chart-funnel"), &funnel_bars),
        funnel,
        cities_chart: chart::rows(&t("admin-chart-cities"), &city_bars),
        cities,
        categories_chart: chart::rows(&t("admin-chart-categories"), &category_bars),
        categories,
        events: report
            .events
            .iter()
            .map(|e| EventSalesRow {
                title: e.title.clone(),
                href: format!("/admin/events/{}/edit", e.event_id),
                city: e.city.clone(),
                sold: e.sold,
                held: e.held,
                capacity: e.capacity,
                sell_through: message_args(
                    current(),
                    "admin-analytics-percent",
                    [
                        ("whole", (e.sell_through_permille / 10).to_string().into()),
                        ("tenth", (e.sell_through_permille % 10).to_string().into()),
                    ],
                ),
                revenue: price(&e.currency, e.revenue_minor),
            })
            .collect(),
    }
}
