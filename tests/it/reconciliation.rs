//! Finance's reconciliation against a seeded ledger on every rail and every discrepancy class:
//! the rows, the totals, the filters, the CSV parsed back and the CLI, each checked against
//! what was seeded; resolving a discrepancy; customers refused.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use chrono::{Duration, TimeZone as _, Utc};
use serde_json::{Value, json};
use sqlx::PgPool;
use tessera_core::reconcile::CSV_COLUMNS;
use tessera_tests::TestApp;
use tessera_tests::ledger::{self, Ledger, SeededReceipt};

/// Every receipt the seed wrote: (rail, receipt ref) → (expected discrepancy, asset, base units).
fn expected(ledger: &Ledger) -> BTreeMap<(String, String), (Option<String>, String, u128)> {
    let mut want = BTreeMap::new();
    for o in &ledger.orders {
        assert_eq!(o.expect.len(), o.receipts.len(), "every seeded receipt says what it is");
        for (receipt, class) in o.receipts.iter().zip(&o.expect) {
            let (asset, amount) = match receipt {
                SeededReceipt::Card { amount_minor, .. } => (o.currency.clone(), *amount_minor as u128),
                SeededReceipt::Btc { sats, .. } => ("BTC".to_string(), *sats as u128),
                SeededReceipt::Eth { amount, .. } => (o.quote.unwrap().0.to_string(), *amount),
            };
            want.insert(
                (receipt.rail().to_string(), receipt.receipt_ref()),
                (class.map(str::to_string), asset, amount),
            );
        }
    }
    for (tx, amount) in &ledger.orphans {
        want.insert(("eth".into(), format!("{tx}:0")), (Some("orphan".into()), "ETH".into(), *amount));
    }
    for (event, amount) in &ledger.card_orphans {
        want.insert(
            ("card".into(), format!("unmatched:{event}")),
            (Some("orphan".into()), "EUR".into(), *amount as u128),
        );
    }
    want
}

fn rows_of(body: &Value) -> BTreeMap<(String, String), (Option<String>, String, u128)> {
    body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                (r["rail"].as_str().unwrap().to_string(), r["receipt_ref"].as_str().unwrap().to_string()),
                (
                    r["discrepancy"].as_str().map(str::to_string),
                    r["asset"].as_str().unwrap().to_string(),
                    r["amount_base"].as_str().unwrap().parse().unwrap(),
                ),
            )
        })
        .collect()
}

async fn seeded(db: PgPool) -> (TestApp, Ledger, String) {
    let app = TestApp::new(db);
    let noon =
        Utc.from_utc_datetime(&(Utc::now().date_naive() - Duration::days(5)).and_hms_opt(12, 0, 0).unwrap());
    let ledger = ledger::seed(&app, noon).await;
    let admin = app.sign_in(true).await;
    (app, ledger, admin)
}

/// A small RFC 4180 reader: fields separated by commas, quoted when they hold one.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn every_receipt_is_listed_with_its_discrepancy_and_the_sums_add_up(db: PgPool) {
    let (app, ledger, admin) = seeded(db).await;
    let response = app.get_with_cookie("/api/admin/reconciliation", &admin).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let body = response.json();
    let want = expected(&ledger);
    assert_eq!(rows_of(&body), want);

    // Every class of the issue is there.
    for class in ["underpaid", "overpaid", "paid_late", "sold_out", "reorged", "orphan", "not_confirmed"] {
        assert!(want.values().any(|(c, _, _)| c.as_deref() == Some(class)), "the seed has a {class}");
    }

    // Totals per asset, exact, from the seed: the money that counts (collected, settled,
    // confirmed), not what is confirming or was reorged or replaced.
    let mut sums: BTreeMap<String, (u128, i64)> = BTreeMap::new();
    let mut add = |asset: &str, amount: u128| {
        let s = sums.entry(asset.to_string()).or_default();
        s.0 += amount;
        s.1 += 1;
    };
    for o in &ledger.orders {
        for r in &o.receipts {
            match r {
                SeededReceipt::Card { amount_minor, .. } => add(&o.currency, *amount_minor as u128),
                SeededReceipt::Btc { sats, status: "settled", .. } => add("BTC", *sats as u128),
                SeededReceipt::Eth { amount, status: "confirmed", .. } => add(o.quote.unwrap().0, *amount),
                _ => {}
            }
        }
    }
    for (_, amount) in &ledger.orphans {
        add("ETH", *amount);
    }
    for (_, amount) in &ledger.card_orphans {
        add("EUR", *amount as u128);
    }
    let totals: BTreeMap<String, (u128, i64)> = body["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["asset"].as_str().unwrap().to_string(),
                (t["amount_base"].as_str().unwrap().parse().unwrap(), t["receipts"].as_i64().unwrap()),
            )
        })
        .collect();
    assert_eq!(totals, sums);
    let counts: BTreeMap<String, i64> = body["discrepancies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["discrepancy"].as_str().unwrap().to_string(), d["receipts"].as_i64().unwrap()))
        .collect();
    for (class, n) in &counts {
        assert_eq!(
            *n,
            want.values().filter(|(c, _, _)| c.as_deref() == Some(class.as_str())).count() as i64,
            "{class}"
        );
    }

    // An invoice's total and what it received are said once, however many outputs paid it.
    for o in ledger.orders.iter().filter(|o| o.method == "btc") {
        let carrying = body["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                r["rail"] == "btc"
                    && r["order_id"] == o.order_id.to_string()
                    && !r["order_total_minor"].is_null()
            })
            .count();
        assert_eq!(carrying, 1, "order {}", o.order_id);
    }

    // The quote beside what came in: the underpaid ETH log against its signed quote.
    let underpaid = body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["discrepancy"] == "underpaid" && r["rail"] == "eth")
        .unwrap();
    assert_eq!(
        (underpaid["amount"].as_str(), underpaid["quoted"].as_str()),
        (Some("0.003"), Some("0.003333333333333334"))
    );

    // Filters.
    for class in ["underpaid", "orphan", "reorged"] {
        let only = app
            .get_with_cookie(&format!("/api/admin/reconciliation?discrepancy={class}"), &admin)
            .await
            .json();
        let got = rows_of(&only);
        assert!(!got.is_empty());
        assert_eq!(
            got,
            want.iter()
                .filter(|(_, v)| v.0.as_deref() == Some(class))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        );
    }
    let btc = rows_of(&app.get_with_cookie("/api/admin/reconciliation?rail=btc", &admin).await.json());
    assert_eq!(btc.len(), want.keys().filter(|(rail, _)| rail == "btc").count());
    let far = (Utc::now() + Duration::days(30)).date_naive();
    let none = app.get_with_cookie(&format!("/api/admin/reconciliation?from={far}"), &admin).await.json();
    assert!(none["rows"].as_array().unwrap().is_empty());
    for (query, field) in [
        ("rail=paypal", "rail"),
        ("discrepancy=lost", "discrepancy"),
        ("from=soon", "from"),
        ("format=xml", "format"),
    ] {
        let response = app.get_with_cookie(&format!("/api/admin/reconciliation?{query}"), &admin).await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(response.json()["error"]["field"], field);
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn the_csv_and_the_cli_say_the_same_and_parse_back_exactly(db: PgPool) {
    let (app, ledger, admin) = seeded(db).await;
    let response = app.get_with_cookie("/api/admin/reconciliation?format=csv", &admin).await;
    assert_eq!(response.status, StatusCode::OK);
    assert!(response.header("content-type").starts_with("text/csv"));
    assert!(response.header("content-disposition").contains("tessera-reconciliation-all-all.csv"));
    let csv = response.text();
    let table = parse_csv(&csv);
    assert_eq!(table[0], CSV_COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>(), "stable columns");
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let want = expected(&ledger);
    assert_eq!(table.len() - 1, want.len(), "one row per receipt");
    for row in &table[1..] {
        assert_eq!(row.len(), CSV_COLUMNS.len());
        let key = (row[col("rail")].clone(), row[col("receipt_ref")].clone());
        let (class, asset, amount) = &want[&key];
        assert_eq!(&row[col("asset")], asset);
        assert_eq!(row[col("amount_base")].parse::<u128>().unwrap(), *amount, "{key:?}");
        let decimals: u32 = row[col("decimals")].parse().unwrap();
        assert_eq!(row[col("amount")], tessera_core::money::units_decimal(&amount.to_string(), decimals));
        assert_eq!(row[col("discrepancy")], class.clone().unwrap_or_default());
    }
    // 20 ETH, exactly, in both units.
    let twenty = table.iter().find(|r| r[col("amount_base")] == ledger::TWENTY_ETH.to_string()).unwrap();
    assert_eq!(twenty[col("amount")], "20");

    // `tessera reconcile` prints the same ledger.
    let filter = tessera_core::reconcile::Filter { time_zone: "UTC".into(), ..Default::default() };
    let printed = tessera_cli::reconcile::render(&app.db, &filter, "csv").await.unwrap();
    assert_eq!(printed, csv);
    let json: Value =
        serde_json::from_str(&tessera_cli::reconcile::render(&app.db, &filter, "json").await.unwrap())
            .unwrap();
    assert_eq!(rows_of(&json), want);
    // A range: only what was received in it.
    let day = (Utc::now() - Duration::days(5)).date_naive();
    let filter = tessera_core::reconcile::Filter { from: Some(day), to: Some(day), ..filter };
    let one_day = parse_csv(&tessera_cli::reconcile::render(&app.db, &filter, "csv").await.unwrap());
    assert!(one_day.len() > 1 && one_day.len() < table.len());
    assert!(one_day[1..].iter().all(|r| r[col("received_at")].starts_with(&day.to_string())));
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_discrepancy_is_resolved_once_with_a_note_in_the_audit_log(db: PgPool) {
    let (app, ledger, admin) = seeded(db).await;
    let orphan = format!("{}:0", ledger.orphans[0].0);
    let resolve =
        |rail: &str, receipt: &str, note: &str| json!({"rail": rail, "receipt_ref": receipt, "note": note});
    let response = app
        .post_json(
            "/api/admin/reconciliation/resolve",
            resolve("eth", &orphan, "refunded off-platform"),
            Some(&admin),
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(response.json()["discrepancy"], "orphan");
    let again = app
        .post_json("/api/admin/reconciliation/resolve", resolve("eth", &orphan, "again"), Some(&admin))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let clean = ledger.orders[0].receipts[0].receipt_ref();
    let nothing = app
        .post_json("/api/admin/reconciliation/resolve", resolve("card", &clean, "fine"), Some(&admin))
        .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown =
        app.post_json("/api/admin/reconciliation/resolve", resolve("btc", "nope:0", "x"), Some(&admin)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let blank =
        app.post_json("/api/admin/reconciliation/resolve", resolve("eth", &orphan, "  "), Some(&admin)).await;
    assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);

    let body = app.get_with_cookie("/api/admin/reconciliation?discrepancy=orphan", &admin).await.json();
    let row = body["rows"].as_array().unwrap().iter().find(|r| r["receipt_ref"] == orphan).unwrap();
    assert_eq!(row["resolution"]["note"], "refunded off-platform");
    let open = app.get_with_cookie("/api/admin/reconciliation?unresolved=true", &admin).await.json();
    assert!(
        open["rows"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["receipt_ref"] != orphan && !r["discrepancy"].is_null())
    );
    let audit = app.get_with_cookie("/api/admin/audit", &admin).await.json();
    let entry = &audit["entries"][0];
    assert_eq!(entry["action"], "discrepancy.resolve");
    assert_eq!(entry["subject"], format!("eth:{orphan}"));
    assert_eq!(entry["after"]["note"], "refunded off-platform");

    // The page: the ledger, the open discrepancies with their form, and resolving from it.
    let page = app.get_with_cookie("/admin/finance?unresolved=true", &admin).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    assert!(html.contains("Mark resolved") && html.contains("Download CSV"));
    let csrf_cookie = page.cookie("tessera_csrf").unwrap();
    let token =
        html.split("name=\"csrf_token\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let underpaid =
        ledger.orders.iter().find(|o| o.expect.contains(&Some("underpaid")) && o.method == "btc").unwrap();
    let receipt = underpaid.receipts[0].receipt_ref();
    let cookies = format!("{admin}; {csrf_cookie}");
    let response = app
        .post_form(
            "/admin/finance/resolve",
            &[
                ("csrf_token", &token),
                ("rail", "btc"),
                ("receipt_ref", &receipt),
                ("note", "accepted"),
                ("back", "/admin/finance?unresolved=true"),
            ],
            Some(&cookies),
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert!(response.header("location").starts_with("/admin/finance?unresolved=true&flash=resolved"));
    // A second try is refused, and the page says why.
    let again = app
        .post_form(
            "/admin/finance/resolve",
            &[
                ("csrf_token", &token),
                ("rail", "btc"),
                ("receipt_ref", &receipt),
                ("note", "accepted twice"),
                ("back", "/admin/finance"),
            ],
            Some(&cookies),
        )
        .await;
    assert_eq!(again.header("location"), "/admin/finance?flash=already_resolved");
    let said = app.get_with_cookie(again.header("location"), &admin).await.text();
    assert!(
        said.contains(&tessera_i18n::message(
            tessera_i18n::Locale::En,
            "admin-finance-flash-already-resolved"
        ))
    );
    let audit_page = app.get_with_cookie("/admin/audit", &admin).await.text();
    assert!(audit_page.contains(&format!("btc:{receipt}")) && audit_page.contains("accepted"));
    // Only our own words on the page: a crafted flash is not shown.
    let crafted = app.get_with_cookie("/admin/finance?flash=Call%20555-0100%20now", &admin).await.text();
    assert!(!crafted.contains("555-0100"));

    // A resolution holds for the discrepancy it resolved: a reorged log, resolved, that comes back
    // in a block and confirms short is an open under-payment.
    let reorged =
        ledger.orders.iter().find(|o| o.expect == [Some("reorged")]).unwrap().receipts[0].receipt_ref();
    let response = app
        .post_json("/api/admin/reconciliation/resolve", resolve("eth", &reorged, "watching it"), Some(&admin))
        .await;
    assert_eq!(response.json()["discrepancy"], "reorged");
    sqlx::query("update eth_receipt set status = 'confirmed', outcome = 'underpaid', confirmed_at = now() where tx_hash || ':' || log_index = $1")
        .bind(&reorged)
        .execute(&app.db)
        .await
        .unwrap();
    let open = app.get_with_cookie("/api/admin/reconciliation?unresolved=true&rail=eth", &admin).await.json();
    let row =
        open["rows"].as_array().unwrap().iter().find(|r| r["receipt_ref"] == reorged).expect("open again");
    assert_eq!(row["discrepancy"], "underpaid");
    assert!(row["resolution"].is_null());
    let response = app
        .post_json("/api/admin/reconciliation/resolve", resolve("eth", &reorged, "refunded"), Some(&admin))
        .await;
    assert_eq!(response.status, StatusCode::OK);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn customers_get_403_everywhere_here(db: PgPool) {
    let app = TestApp::new(db);
    let customer = app.sign_in(false).await;
    for uri in [
        "/api/admin/reconciliation",
        "/api/admin/reconciliation?format=csv",
        "/admin/finance",
        "/api/admin/analytics",
        "/admin/analytics",
    ] {
        assert_eq!(app.get_with_cookie(uri, &customer).await.status, StatusCode::FORBIDDEN, "{uri}");
    }
    let response = app
        .post_json(
            "/api/admin/reconciliation/resolve",
            json!({"rail": "eth", "receipt_ref": "x:0", "note": "n"}),
            Some(&customer),
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn verify_chain_catches_a_receipt_tampered_in_the_database(db: PgPool) {
    use alloy::primitives::{Address, U256};
    use tessera_payments::eth::Confirmations;
    use tessera_tests::eth::{EthChain, account, place_eth_order};

    let chain = EthChain::start().await;
    let contract = chain.contract_hex();
    let app = TestApp::with_settings(
        db,
        &[
            ("TESSERA_ETH_RPC_URL", chain.anvil.url.as_str()),
            ("TESSERA_ETH_CONTRACT", contract.as_str()),
            (
                "TESSERA_ETH_OPERATOR_KEY",
                "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            ),
            ("TESSERA_ETH_RATES", "ETH/EUR=2000"),
        ],
    );
    let event = app.insert_event(&tessera_tests::sample_event("verify-chain", "Verified", 20)).await;
    let ticket_type = app.ticket_types(event).await[0];
    let buyer = account(&app.db).await;
    let (order, total) = place_eth_order(&app.db, buyer, event, ticket_type, 1).await;
    let amount = U256::from(5_000_000_000_000_000u64);
    let (_, quote, signature) =
        chain.quote_order(&app.db, order, total, ("ETH", Address::ZERO, 18), amount, "2000").await;
    chain.pay_eth(&quote, &signature).await;
    let watcher = chain.watcher(app.db.clone(), Confirmations::Blocks(1), 2000);
    watcher.catch_up().await.unwrap();
    assert_eq!(app.order_status(order).await, "paid");

    let filter = tessera_core::reconcile::Filter { time_zone: "UTC".into(), ..Default::default() };
    let verify = || tessera_cli::reconcile::verify(app.state.eth_settings.as_deref(), &app.db, &filter);
    assert_eq!(verify().await.unwrap(), (1, Vec::new()), "the ledger agrees with the chain");

    let (original_amount, payer, block_hash, tx_hash): (String, String, String, String) =
        sqlx::query_as("select amount::text, payer, block_hash, tx_hash from eth_receipt")
            .fetch_one(&app.db)
            .await
            .unwrap();
    for (tamper, says) in [
        ("update eth_receipt set amount = amount + 1", "amount"),
        ("update eth_receipt set payer = '0x000000000000000000000000000000000000beef'", "payer"),
        ("update eth_receipt set block_hash = '0x' || repeat('ab', 32)", "block"),
        ("update eth_receipt set tx_hash = '0x' || repeat('cd', 32)", "no such transaction"),
    ] {
        sqlx::query(tamper).execute(&app.db).await.unwrap();
        let (checked, problems) = verify().await.unwrap();
        assert_eq!(checked, 1);
        assert_eq!(problems.len(), 1, "{tamper}: {problems:?}");
        assert!(problems[0].contains(says), "{tamper}: {}", problems[0]);
        sqlx::query(
            "update eth_receipt set amount = $1::text::numeric, payer = $2, block_hash = $3, tx_hash = $4",
        )
        .bind(&original_amount)
        .bind(&payer)
        .bind(&block_hash)
        .bind(&tx_hash)
        .execute(&app.db)
        .await
        .unwrap();
        assert_eq!(verify().await.unwrap(), (1, Vec::new()), "put back, it agrees again");
    }
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_resolution_with_a_nul_character_is_refused_not_a_server_error(db: PgPool) {
    // Found by the fuzzer: Postgres text cannot hold NUL, and the rail went to the database.
    let app = TestApp::new(db);
    let admin = app.sign_in(true).await;
    let uri = "/api/admin/reconciliation/resolve";
    let in_rail = json!({"rail": "card\u{0}", "receipt_ref": "pi_1", "note": "refunded"});
    let response = app.post_json(uri, in_rail, Some(&admin)).await;
    assert_eq!(response.status, 404, "{}", response.text());
    let in_note = json!({"rail": "card", "receipt_ref": "pi_1", "note": "refunded\u{0}"});
    let response = app.post_json(uri, in_note, Some(&admin)).await;
    assert_eq!(response.status, 422, "{}", response.text());
    assert_eq!(response.json()["error"]["field"], "note");
}
