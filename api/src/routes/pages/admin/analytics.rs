//! `/admin/analytics`: the analytics report as a page, charts beside their tables.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::analytics::{self, Report};
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
    let page = page(&viewer, &report, &all_events, error, json_href);
    Ok(render_html(StatusCode::OK, &page))
}

fn method_label(method: &str) -> &'static str {
    match method {
        "card" => "Card",
        "btc" => "Bitcoin",
        "eth" => "Ether",
        "usdc" => "USDC",
        _ => "Other",
    }
}

fn page(
    viewer: &Viewer,
    report: &Report,
    all_events: &[(uuid::Uuid, String, String)],
    error: Option<String>,
    json_href: String,
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
            kind: match r.kind.as_str() {
                "fiat" => "card",
                "bitcoin" => "bitcoin, on-chain",
                "ether" => "ether, on-chain",
                _ => "token, on-chain",
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
            date: d.date.to_string(),
            placed: d.orders_placed,
            paid: d.orders_paid,
            tickets: d.tickets_sold,
        })
        .collect();
    let day_bars = |value: fn(&analytics::Day) -> i64| -> Vec<Bar> {
        report
            .days
            .iter()
            .map(|d| Bar { label: d.date.format("%b %-d").to_string(), value: value(d) })
            .collect()
    };
    let f = &report.funnel;
    let funnel = vec![
        ("Placed".to_string(), f.created),
        ("Paid".to_string(), f.paid),
        ("Tickets delivered".to_string(), f.fulfilled),
        ("Still waiting for payment".to_string(), f.pending),
        ("Expired".to_string(), f.expired),
        ("Cancelled".to_string(), f.cancelled),
        ("Failed".to_string(), f.failed),
        ("With money due back".to_string(), f.refund_due),
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
    let (categories, category_bars) = ranked(&report.top_categories);
    AdminAnalyticsPage {
        chrome: Chrome::new("", viewer_chrome(viewer)),
        from: report.from.to_string(),
        to: report.to.to_string(),
        time_zone: report.time_zone.clone(),
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
        method_chart: chart::rows("Paid orders per payment method", &method_bars),
        by_method,
        orders_chart: chart::columns("Orders placed per day", &day_bars(|d| d.orders_placed)),
        tickets_chart: chart::columns("Tickets sold per day", &day_bars(|d| d.tickets_sold)),
        days,
        funnel_chart: chart::rows("What became of the orders placed", &funnel_bars),
        funnel,
        cities_chart: chart::rows("Tickets sold per city", &city_bars),
        cities,
        categories_chart: chart::rows("Tickets sold per category", &category_bars),
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
                sell_through: format!("{}.{} %", e.sell_through_permille / 10, e.sell_through_permille % 10),
                revenue: price(&e.currency, e.revenue_minor),
            })
            .collect(),
    }
}
