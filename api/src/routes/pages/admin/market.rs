//! `/admin/market`: the Market report as a page, each table beside its chart, with its CSV.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use tessera_core::catalog::Category;
use tessera_core::demand::market::{self, Funnel, FunnelRow, Market, PriceBand};
use tessera_i18n::{current, message_args, t};
use tessera_web::chart::{self, Bar};
use tessera_web::pages::{AdminMarketPage, Choice, Chrome, MarketSection, MarketTable};
use tessera_web::view::price;

use super::analytics::{category_name, date, method_label};
use crate::auth::AdminPage;
use crate::error::{PageError, render_html};
use crate::routes::admin::market::MarketParams;
use crate::routes::pages::account::viewer_chrome;
use crate::state::AppState;

pub async fn market(
    State(state): State<AppState>,
    admin: AdminPage,
    Query(params): Query<MarketParams>,
) -> Result<Response, PageError> {
    let viewer = admin.viewer();
    // A bad filter is said on the page, over the default range's figures.
    let (query, error) = match params.query(&state) {
        Ok(query) => (query, None),
        Err(err) => (MarketParams::default().query(&state)?, Some(err.to_string())),
    };
    let report = market::report(&state.db, &query).await?;
    let mut filters = vec![("from", report.from.to_string()), ("to", report.to.to_string())];
    if let Some(city) = &report.city {
        filters.push(("city", city.clone()));
    }
    if let Some(category) = &report.category {
        filters.push(("category", category.clone()));
    }
    let filters = serde_urlencoded::to_string(&filters).unwrap_or_default();
    let page = AdminMarketPage {
        chrome: Chrome::new("", viewer_chrome(&viewer)),
        from: report.from.to_string(),
        to: report.to.to_string(),
        city: report.city.clone().unwrap_or_default(),
        categories: Category::ALL
            .iter()
            .map(|category| Choice {
                value: category.as_str().to_string(),
                label: tessera_web::view::category_label(*category),
                selected: report.category.as_deref() == Some(category.as_str()),
            })
            .collect(),
        range_note: message_args(
            current(),
            "admin-analytics-range",
            [
                ("zone", report.time_zone.clone().into()),
                ("from", date(report.from).into()),
                ("to", date(report.to).into()),
            ],
        ),
        error,
        json_href: format!("/api/admin/market?{filters}"),
        cards: cards(&report),
        sections: sections(&report, &filters),
    };
    Ok(render_html(StatusCode::OK, &page))
}

/// `42.5%`, from thousandths.
fn percent(permille: i64) -> String {
    message_args(
        current(),
        "admin-analytics-percent",
        [("whole", (permille / 10).to_string().into()), ("tenth", (permille % 10).to_string().into())],
    )
}

fn cards(report: &Market) -> Vec<(String, String)> {
    let f = &report.funnel;
    let who = &report.who;
    vec![
        (t("market-views"), f.views.to_string()),
        (t("market-holds"), f.holds.to_string()),
        (t("market-paid"), f.paid.to_string()),
        (t("market-attended"), f.attended.to_string()),
        (t("market-buyers"), who.buyers.to_string()),
        (
            t("market-searches-missing"),
            report.search_gaps.iter().filter(|g| g.results == 0).map(|g| g.searches).sum::<i64>().to_string(),
        ),
    ]
}

/// The funnel's columns, after the row's name.
fn funnel_columns(first: &str) -> Vec<String> {
    [
        first,
        "market-views",
        "market-buy-views",
        "market-holds",
        "market-paid",
        "market-attended",
        "market-paid-of-holds",
    ]
    .iter()
    .enumerate()
    .map(|(i, id)| if i == 0 { (*id).to_string() } else { t(id) })
    .collect()
}

fn funnel_cells(name: String, f: &Funnel) -> Vec<String> {
    vec![
        name,
        f.views.to_string(),
        f.buy_views.to_string(),
        f.holds.to_string(),
        f.paid.to_string(),
        f.attended.to_string(),
        percent(f.paid_permille),
    ]
}

fn band_name(key: &str) -> String {
    let Some(band) = PriceBand::parse(key) else { return key.to_string() };
    match band.bounds() {
        (0, Some(0)) => t("market-band-free"),
        (from, Some(to)) => message_args(
            current(),
            "market-band",
            [("from", price(band.currency, from.max(0)).into()), ("to", price(band.currency, to).into())],
        ),
        (from, None) => {
            message_args(current(), "market-band-over", [("from", price(band.currency, from).into())])
        }
    }
}

fn language_name(tag: &str) -> String {
    tessera_i18n::format::language(current(), tag).unwrap_or_else(|| tag.to_string())
}

fn channel_name(source: &str, medium: &str, campaign: &str) -> String {
    if source.is_empty() && medium.is_empty() && campaign.is_empty() {
        return t("market-direct");
    }
    [source, medium, campaign].iter().filter(|part| !part.is_empty()).copied().collect::<Vec<_>>().join(" / ")
}

fn sections(report: &Market, filters: &str) -> Vec<MarketSection> {
    let table = |id: &str, caption: String, columns: Vec<String>, rows: Vec<Vec<String>>, bars: Vec<Bar>| {
        MarketTable {
            chart: if bars.is_empty() { String::new() } else { chart::rows(&caption, &bars) },
            caption,
            columns,
            rows,
            empty: t("market-none"),
            csv_href: format!("/api/admin/market?{filters}&format=csv&table={id}"),
        }
    };
    let f = &report.funnel;
    let funnel_steps = [
        ("market-views", f.views, None),
        ("market-buy-views", f.buy_views, Some(f.buy_view_permille)),
        ("market-holds", f.holds, Some(f.hold_permille)),
        ("market-paid", f.paid, Some(f.paid_permille)),
        ("market-attended", f.attended, Some(f.attended_permille)),
    ];
    let funnel = table(
        "funnel",
        t("market-funnel"),
        vec![t("market-step"), t("market-count"), t("market-of-previous")],
        if f.views + f.holds == 0 {
            Vec::new()
        } else {
            funnel_steps
                .iter()
                .map(|(id, n, share)| vec![t(id), n.to_string(), share.map(percent).unwrap_or_default()])
                .collect()
        },
        if f.views + f.holds == 0 {
            Vec::new()
        } else {
            funnel_steps.iter().map(|(id, n, _)| Bar { label: t(id), value: *n }).collect()
        },
    );
    let by = |id: &str, caption: &str, first: &str, rows: &[FunnelRow], name: &dyn Fn(&str) -> String| {
        table(
            id,
            t(caption),
            funnel_columns(&t(first)),
            rows.iter().map(|row| funnel_cells(name(&row.key), &row.funnel)).collect(),
            rows.iter().take(12).map(|row| Bar { label: name(&row.key), value: row.funnel.paid }).collect(),
        )
    };
    let as_is = |key: &str| key.to_string();
    let rails = table(
        "rails",
        t("market-by-rail"),
        vec![
            t("admin-analytics-col-method"),
            t("market-started"),
            t("market-paid"),
            t("market-paid-of-holds"),
        ],
        report
            .by_rail
            .iter()
            .map(|r| {
                vec![
                    method_label(&r.method),
                    r.started.to_string(),
                    r.paid.to_string(),
                    percent(r.paid_permille),
                ]
            })
            .collect(),
        report.by_rail.iter().map(|r| Bar { label: method_label(&r.method), value: r.started }).collect(),
    );
    let willing = MarketSection {
        title: t("market-willing"),
        hint: t("market-willing-hint"),
        tables: vec![
            funnel,
            by("cities", "market-by-city", "admin-col-city", &report.by_city, &as_is),
            by(
                "categories",
                "market-by-category",
                "admin-form-category",
                &report.by_category,
                &category_name,
            ),
            by("price-bands", "market-by-band", "market-band-col", &report.by_price_band, &band_name),
            rails,
        ],
    };

    let who = &report.who;
    let people = [
        ("market-new-buyers", who.new_buyers),
        ("market-returning-buyers", who.returning_buyers),
        ("market-locals", who.locals),
        ("market-visitors", who.visitors),
        ("market-home-unknown", who.home_unknown),
    ];
    let buyers = table(
        "buyers",
        t("market-buyers"),
        vec![t("market-who-col"), t("market-buyers")],
        if who.buyers == 0 {
            Vec::new()
        } else {
            people.iter().map(|(id, n)| vec![t(id), n.to_string()]).collect()
        },
        if who.buyers == 0 {
            Vec::new()
        } else {
            people.iter().map(|(id, n)| Bar { label: t(id), value: *n }).collect()
        },
    );
    let languages = table(
        "languages",
        t("market-languages"),
        vec![t("market-language"), t("market-views"), t("market-paid")],
        who.languages
            .iter()
            .map(|l| vec![language_name(&l.lang), l.views.to_string(), l.paid_orders.to_string()])
            .collect(),
        who.languages.iter().map(|l| Bar { label: language_name(&l.lang), value: l.paid_orders }).collect(),
    );
    let sizes = table(
        "group-sizes",
        t("market-group-sizes"),
        vec![t("market-tickets-per-order"), t("market-paid")],
        who.group_sizes.iter().map(|g| vec![g.key.clone(), g.count.to_string()]).collect(),
        who.group_sizes.iter().map(|g| Bar { label: g.key.clone(), value: g.count }).collect(),
    );
    let who_section = MarketSection {
        title: t("market-who"),
        hint: t("market-who-hint"),
        tables: vec![buyers, languages, sizes],
    };

    let place = |country: &str, city: &str| -> String {
        match (country.is_empty(), city.is_empty()) {
            (true, true) => t("market-home-unknown"),
            (true, false) => city.to_string(),
            (false, true) => {
                tessera_i18n::format::country(current(), country).unwrap_or_else(|| country.to_string())
            }
            (false, false) => format!(
                "{city}, {}",
                tessera_i18n::format::country(current(), country).unwrap_or_else(|| country.to_string())
            ),
        }
    };
    let flows = table(
        "flows",
        t("market-flows"),
        vec![t("market-home"), t("market-event-city"), t("market-buyers"), t("market-paid")],
        report
            .flows
            .iter()
            .map(|r| {
                vec![
                    place(&r.home_country, &r.home_city),
                    place(&r.event_country, &r.event_city),
                    r.buyers.to_string(),
                    r.paid_orders.to_string(),
                ]
            })
            .collect(),
        Vec::new(),
    );
    let where_section =
        MarketSection { title: t("market-where"), hint: t("market-where-hint"), tables: vec![flows] };

    let money = |revenue: &[market::Money]| -> String {
        revenue.iter().map(|m| price(&m.currency, m.minor)).collect::<Vec<_>>().join(" · ")
    };
    let channels = table(
        "channels",
        t("market-channels"),
        vec![
            t("market-channel"),
            t("market-page-views"),
            t("market-holds"),
            t("market-paid"),
            t("market-paid-per-views"),
            t("admin-analytics-col-revenue"),
        ],
        report
            .channels
            .iter()
            .map(|c| {
                vec![
                    channel_name(&c.source, &c.medium, &c.campaign),
                    c.page_views.to_string(),
                    c.orders.to_string(),
                    c.paid.to_string(),
                    percent(c.paid_per_mille_views),
                    money(&c.revenue),
                ]
            })
            .collect(),
        report
            .channels
            .iter()
            .take(12)
            .map(|c| Bar { label: channel_name(&c.source, &c.medium, &c.campaign), value: c.page_views })
            .collect(),
    );
    let links = table(
        "links",
        t("market-links"),
        vec![
            t("market-channel"),
            t("admin-col-event"),
            t("market-page-views"),
            t("market-holds"),
            t("market-paid"),
            t("admin-analytics-col-revenue"),
        ],
        report
            .tracking_links
            .iter()
            .map(|l| {
                vec![
                    channel_name(&l.source, &l.medium, &l.campaign),
                    l.event_title.clone(),
                    l.page_views.to_string(),
                    l.orders.to_string(),
                    l.paid.to_string(),
                    price(&l.currency, l.revenue_minor),
                ]
            })
            .collect(),
        Vec::new(),
    );
    let reach = MarketSection {
        title: t("market-reach"),
        hint: t("market-reach-hint"),
        tables: vec![channels, links],
    };

    let searches = table(
        "searches",
        t("market-search-gaps"),
        vec![
            t("market-words"),
            t("admin-col-city"),
            t("market-results"),
            t("market-searches"),
            t("market-searchers"),
        ],
        report
            .search_gaps
            .iter()
            .map(|g| {
                vec![
                    if g.words.is_empty() { t("market-no-words") } else { g.words.clone() },
                    g.city.clone(),
                    if g.results == 0 { t("market-results-none") } else { t("market-results-few") },
                    g.searches.to_string(),
                    g.searchers.to_string(),
                ]
            })
            .collect(),
        Vec::new(),
    );
    let sold_out = table(
        "sold-out",
        t("market-sold-out"),
        vec![
            t("admin-col-event"),
            t("admin-col-city"),
            t("market-ticket-type"),
            t("admin-col-capacity"),
            t("market-waiting"),
            t("market-waiting-tickets"),
        ],
        report
            .sold_out
            .iter()
            .map(|s| {
                vec![
                    s.title.clone(),
                    s.city.clone(),
                    s.ticket_type.clone(),
                    s.capacity.to_string(),
                    s.waiting.to_string(),
                    s.waiting_tickets.to_string(),
                ]
            })
            .collect(),
        Vec::new(),
    );
    let interests = table(
        "interests",
        t("market-interests"),
        vec![
            t("admin-col-city"),
            t("admin-form-category"),
            t("market-interests-open"),
            t("market-interests-answered"),
        ],
        report
            .interests
            .iter()
            .map(|i| {
                vec![
                    if i.city.is_empty() { t("market-any") } else { i.city.clone() },
                    if i.category.is_empty() { t("market-any") } else { category_name(&i.category) },
                    i.open.to_string(),
                    i.answered.to_string(),
                ]
            })
            .collect(),
        Vec::new(),
    );
    let missing = MarketSection {
        title: t("market-missing"),
        hint: t("market-missing-hint"),
        tables: vec![searches, sold_out, interests],
    };

    vec![willing, who_section, where_section, reach, missing]
}
