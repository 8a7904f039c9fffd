//! Admin analytics against a seeded ledger on every rail: each figure the report gives is
//! recomputed here from the seeded orders, receipts and payments, not from SQL.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use chrono::{Duration, NaiveDate, TimeZone as _, Utc};
use chrono_tz::Tz;
use serde_json::Value;
use sqlx::PgPool;
use tessera_tests::TestApp;
use tessera_tests::ledger::{self, Ledger, SeededOrder, SeededReceipt};

const ZONE: Tz = chrono_tz::Asia::Tokyo;

fn day_of(t: chrono::DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&ZONE).date_naive()
}

fn sold(o: &SeededOrder) -> bool {
    matches!(o.status, "paid" | "fulfilled")
}

/// What the report should say for `from..=to`, worked out from the seed alone.
struct Expected {
    received: BTreeMap<String, u128>,
    by_method: BTreeMap<(String, String), (i64, i64, i64)>,
    placed: BTreeMap<NaiveDate, i64>,
    paid: BTreeMap<NaiveDate, (i64, i64)>,
    cities: BTreeMap<String, i64>,
    funnel: BTreeMap<&'static str, i64>,
}

fn expected(ledger: &Ledger, from: NaiveDate, to: NaiveDate) -> Expected {
    let in_range = |d: NaiveDate| d >= from && d <= to;
    let paid_in_range = |o: &&SeededOrder| sold(o) && o.paid_at.is_some_and(|t| in_range(day_of(t)));
    let mut e = Expected {
        received: BTreeMap::new(),
        by_method: BTreeMap::new(),
        placed: BTreeMap::new(),
        paid: BTreeMap::new(),
        cities: BTreeMap::new(),
        funnel: BTreeMap::new(),
    };
    for o in ledger.orders.iter().filter(paid_in_range) {
        for r in &o.receipts {
            let (asset, amount) = match r {
                SeededReceipt::Card { amount_minor, .. } => (o.currency.clone(), *amount_minor as u128),
                SeededReceipt::Btc { sats, status: "settled", .. } => ("BTC".into(), *sats as u128),
                SeededReceipt::Eth {
                    amount,
                    status: "confirmed",
                    outcome: Some("paid" | "paid_late" | "overpaid"),
                    ..
                } => (o.quote.unwrap().0.to_string(), *amount),
                _ => continue,
            };
            *e.received.entry(asset).or_default() += amount;
        }
        let m = e.by_method.entry((o.method.to_string(), o.currency.clone())).or_default();
        m.0 += 1;
        m.1 += i64::from(o.tickets);
        m.2 += o.total_minor;
        let p = e.paid.entry(day_of(o.paid_at.unwrap())).or_default();
        p.0 += 1;
        p.1 += i64::from(o.tickets);
        *e.cities.entry(o.city.clone()).or_default() += i64::from(o.tickets);
    }
    for o in ledger.orders.iter().filter(|o| in_range(day_of(o.created_at))) {
        *e.placed.entry(day_of(o.created_at)).or_default() += 1;
        *e.funnel.entry("created").or_default() += 1;
        if o.paid_at.is_some() {
            *e.funnel.entry("paid").or_default() += 1;
        }
        // Where it is now (paid and refunded orders are counted by `paid` above).
        let now = match o.status {
            "pending_payment" => Some("pending"),
            "paid" | "refunded" => None,
            other => Some(other),
        };
        if let Some(now) = now {
            *e.funnel.entry(now).or_default() += 1;
        }
        if o.payment_status == "refund_due" || o.overpaid_minor > 0 {
            *e.funnel.entry("refund_due").or_default() += 1;
        }
    }
    e
}

async fn app_with_ledger(db: PgPool) -> (TestApp, Ledger, NaiveDate) {
    let app = TestApp::with_settings(db, &[("TESSERA_REPORTING_TIME_ZONE", "Asia/Tokyo")]);
    let noon =
        Utc.from_utc_datetime(&(Utc::now().date_naive() - Duration::days(5)).and_hms_opt(12, 0, 0).unwrap());
    let ledger = ledger::seed(&app, noon).await;
    (app, ledger, day_of(noon))
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_figure_matches_the_ledger_recomputed_by_hand(db: PgPool) {
    let (app, ledger, first_day) = app_with_ledger(db).await;
    let admin = app.sign_in(true).await;
    let (from, to) = (first_day, first_day + Duration::days(2));
    let report = app.get_with_cookie(&format!("/api/admin/analytics?from={from}&to={to}"), &admin).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.text());
    let report = report.json();
    let want = expected(&ledger, from, to);
    assert_eq!(report["time_zone"], "Asia/Tokyo");

    // What came in and stayed, per asset in its own unit, exactly (20 ETH in wei does not fit
    // 64 bits); the card order refunded since counts in what came in and in what went back.
    let received: BTreeMap<String, u128> = report["received"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["asset"].as_str().unwrap().to_string(), r["net_base"].as_str().unwrap().parse().unwrap()))
        .collect();
    assert_eq!(received, want.received);
    let eur = report["received"].as_array().unwrap().iter().find(|r| r["asset"] == "EUR").unwrap();
    let gross: u128 = eur["amount_base"].as_str().unwrap().parse().unwrap();
    let refunded: u128 = eur["refunded_base"].as_str().unwrap().parse().unwrap();
    assert!(refunded > 0, "the refunded card order went back: {eur}");
    assert_eq!(gross, want.received["EUR"] + refunded);
    assert!(want.received["ETH"] >= ledger::TWENTY_ETH);
    let btc = report["received"].as_array().unwrap().iter().find(|r| r["asset"] == "BTC").unwrap();
    assert_eq!(btc["amount"], "0.00071", "satoshis shown as BTC");
    let eth = report["received"].as_array().unwrap().iter().find(|r| r["asset"] == "ETH").unwrap();
    assert_eq!(eth["amount"], "20");

    let by_method: BTreeMap<(String, String), (i64, i64, i64)> = report["by_method"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                (m["method"].as_str().unwrap().to_string(), m["currency"].as_str().unwrap().to_string()),
                (
                    m["orders"].as_i64().unwrap(),
                    m["tickets"].as_i64().unwrap(),
                    m["amount_minor"].as_i64().unwrap(),
                ),
            )
        })
        .collect();
    assert_eq!(by_method, want.by_method);

    // Day by day, in Tokyo: the order placed at 23:30 UTC counts on the next day there.
    let days = report["days"].as_array().unwrap();
    assert_eq!(days.len(), 3);
    for d in days {
        let date: NaiveDate = d["date"].as_str().unwrap().parse().unwrap();
        assert_eq!(
            d["orders_placed"].as_i64().unwrap(),
            want.placed.get(&date).copied().unwrap_or(0),
            "{date}"
        );
        let (paid, tickets) = want.paid.get(&date).copied().unwrap_or((0, 0));
        assert_eq!(
            (d["orders_paid"].as_i64().unwrap(), d["tickets_sold"].as_i64().unwrap()),
            (paid, tickets),
            "{date}"
        );
    }
    let late = ledger
        .orders
        .iter()
        .find(|o| o.created_at.time() == chrono::NaiveTime::from_hms_opt(23, 30, 0).unwrap());
    assert_eq!(day_of(late.unwrap().created_at), first_day + Duration::days(1));

    for (key, n) in &want.funnel {
        assert_eq!(report["funnel"][key].as_i64().unwrap(), *n, "funnel {key}");
    }
    assert_eq!(report["funnel"]["refunded"], Value::Null);

    let cities: BTreeMap<String, i64> = report["top_cities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["name"].as_str().unwrap().to_string(), c["tickets"].as_i64().unwrap()))
        .collect();
    assert_eq!(cities, want.cities);

    // Per event, now: sold and held from the orders, revenue from the paid ones.
    for event in report["events"].as_array().unwrap() {
        let id: uuid::Uuid = event["event_id"].as_str().unwrap().parse().unwrap();
        let of_event: Vec<&SeededOrder> = ledger.orders.iter().filter(|o| o.event_id == id).collect();
        let sold_tickets: i64 = of_event.iter().filter(|o| sold(o)).map(|o| i64::from(o.tickets)).sum();
        let held: i64 =
            of_event.iter().filter(|o| o.status == "pending_payment").map(|o| i64::from(o.tickets)).sum();
        let revenue: i64 = of_event.iter().filter(|o| sold(o)).map(|o| o.total_minor).sum();
        assert_eq!(event["sold"].as_i64().unwrap(), sold_tickets);
        assert_eq!(event["held"].as_i64().unwrap(), held);
        assert_eq!(event["revenue_minor"].as_i64().unwrap(), revenue);
        let capacity = event["capacity"].as_i64().unwrap();
        assert_eq!(event["sell_through_permille"].as_i64().unwrap(), sold_tickets * 1000 / capacity);
    }

    // One event only.
    let lisbon = ledger.orders[0].event_id;
    let one = app
        .get_with_cookie(&format!("/api/admin/analytics?from={from}&to={to}&event_id={lisbon}"), &admin)
        .await
        .json();
    assert_eq!(one["events"].as_array().unwrap().len(), 1);
    let lisbon_ledger = Ledger {
        orders: ledger.orders.iter().filter(|o| o.event_id == lisbon).cloned().collect(),
        ..ledger.clone()
    };
    assert_eq!(
        one["funnel"]["created"].as_i64().unwrap(),
        expected(&lisbon_ledger, from, to).funnel["created"]
    );

    // The page: charts beside their tables.
    let page = app.get_with_cookie(&format!("/admin/analytics?from={from}&to={to}"), &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("0.00071 BTC") && html.contains("20 ETH"), "{html}");
    assert!(html.matches("<svg class=\"chart\"").count() >= 4);
    assert!(html.contains("Asia/Tokyo"));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn customers_are_refused_and_bad_filters_are_named(db: PgPool) {
    let app = TestApp::new(db);
    let customer = app.sign_in(false).await;
    assert_eq!(app.get_with_cookie("/api/admin/analytics", &customer).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get_with_cookie("/admin/analytics", &customer).await.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get("/api/admin/analytics").await.status, StatusCode::UNAUTHORIZED);
    let admin = app.sign_in(true).await;
    for (query, field) in [
        ("from=yesterday", "from"),
        ("to=2026-13-01", "to"),
        ("from=2026-12-02&to=2026-12-01", "from"),
        ("from=2020-01-01&to=2026-12-01", "from"),
        ("event_id=fado", "event_id"),
    ] {
        let response = app.get_with_cookie(&format!("/api/admin/analytics?{query}"), &admin).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(response.json()["error"]["field"], field, "{query}");
        // The page says so, over the default range.
        let page = app.get_with_cookie(&format!("/admin/analytics?{query}"), &admin).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("role=\"alert\""), "{query}");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_report_taken_while_orders_are_paid_agrees_with_itself(db: PgPool) {
    let (app, _, _) = app_with_ledger(db).await;
    let admin = app.sign_in(true).await;
    let event: uuid::Uuid =
        sqlx::query_scalar("select event_id from event limit 1").fetch_one(&app.db).await.unwrap();
    let writer = {
        let app_db = app.db.clone();
        tokio::spawn(async move {
            for _ in 0..60 {
                let mut tx = app_db.begin().await.unwrap();
                let order = uuid::Uuid::now_v7();
                sqlx::query(
                    r#"insert into customer_order (order_id, account_id, event_id, status, payment_method, currency,
                           total_minor, expires_at, paid_at)
                       select $1, account_id, $2, 'paid', 'card', 'EUR', 1000, now() + interval '15 minutes', now()
                       from account limit 1"#,
                )
                .bind(order)
                .bind(event)
                .execute(&mut *tx)
                .await
                .unwrap();
                sqlx::query(
                    r#"insert into order_item (order_id, ticket_type_id, ticket_type_name, unit_price_minor, quantity)
                       select $1, ticket_type_id, 'General', 1000, 1 from ticket_type where event_id = $2 limit 1"#,
                )
                .bind(order)
                .bind(event)
                .execute(&mut *tx)
                .await
                .unwrap();
                sqlx::query(
                    r#"insert into payment (payment_id, order_id, provider, provider_ref, status, currency, amount_minor,
                           received_minor, received_at)
                       values ($1, $2, 'stripe', $3, 'succeeded', 'EUR', 1000, 1000, now())"#,
                )
                .bind(uuid::Uuid::now_v7())
                .bind(order)
                .bind(format!("cs_test_live_{}", order.simple()))
                .execute(&mut *tx)
                .await
                .unwrap();
                tx.commit().await.unwrap();
            }
        })
    };
    let today = Utc::now().with_timezone(&ZONE).date_naive();
    let mut reports = 0;
    while !writer.is_finished() || reports == 0 {
        let r = app.get_with_cookie(&format!("/api/admin/analytics?to={today}"), &admin).await.json();
        let paid_per_day: i64 =
            r["days"].as_array().unwrap().iter().map(|d| d["orders_paid"].as_i64().unwrap()).sum();
        let paid_per_method: i64 =
            r["by_method"].as_array().unwrap().iter().map(|m| m["orders"].as_i64().unwrap()).sum();
        assert_eq!(paid_per_day, paid_per_method, "one snapshot: {r}");
        let card_eur: i64 = r["by_method"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["method"] == "card")
            .map(|m| m["amount_minor"].as_i64().unwrap())
            .sum();
        let received_eur: i64 = r["received"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["asset"] == "EUR")
            .map(|a| a["net_base"].as_str().unwrap().parse::<i64>().unwrap())
            .sum();
        assert_eq!(card_eur, received_eur, "cards kept what their orders came to: {r}");
        reports += 1;
    }
    writer.await.unwrap();
}
