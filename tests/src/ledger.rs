//! A ledger across every payment rail and every kind of discrepancy, written straight into the
//! database, for the analytics and reconciliation tests. What was written is returned as plain
//! Rust values, so a test can compute every figure independently of the SQL under test.

use chrono::{DateTime, Duration, TimeZone as _, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::{TestApp, sample_event};

/// One on-chain or card receipt of an order, as seeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeededReceipt {
    /// A card payment collected by the provider (minor units).
    Card { amount_minor: i64, provider_ref: String },
    /// A bitcoin output: satoshis, `processing`/`settled`/`invalid`, txid; `was_settled` for an
    /// invalid output that had settled before.
    Btc { sats: i64, status: &'static str, txid: String, vout: i32 },
    /// A contract log: base units, `seen`/`confirmed`/`reorged`, its outcome, tx hash;
    /// `was_confirmed` for a reorged log that had counted before.
    Eth {
        amount: u128,
        status: &'static str,
        outcome: Option<&'static str>,
        tx_hash: String,
        log_index: i32,
        was_confirmed: bool,
    },
}

impl SeededReceipt {
    /// The receipt's name in the reconciliation ledger.
    pub fn receipt_ref(&self) -> String {
        match self {
            SeededReceipt::Card { provider_ref, .. } => provider_ref.clone(),
            SeededReceipt::Btc { txid, vout, .. } => format!("{txid}:{vout}"),
            SeededReceipt::Eth { tx_hash, log_index, .. } => format!("{tx_hash}:{log_index}"),
        }
    }

    pub fn rail(&self) -> &'static str {
        match self {
            SeededReceipt::Card { .. } => "card",
            SeededReceipt::Btc { .. } => "btc",
            SeededReceipt::Eth { .. } => "eth",
        }
    }
}

/// One seeded order and what paid it.
#[derive(Debug, Clone)]
pub struct SeededOrder {
    pub order_id: Uuid,
    pub event_id: Uuid,
    pub city: String,
    pub category: String,
    /// `card`, `btc`, `eth`, `usdc`.
    pub method: &'static str,
    pub currency: String,
    pub total_minor: i64,
    pub tickets: i32,
    pub status: &'static str,
    pub created_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    /// The payment row: its status, what was received (minor units), the excess, and why it
    /// goes back.
    pub payment_status: &'static str,
    pub received_minor: Option<i64>,
    pub overpaid_minor: i64,
    pub refund_reason: Option<&'static str>,
    /// ETH/USDC: the quote's asset, decimals and amount.
    pub quote: Option<(&'static str, i16, u128)>,
    pub receipts: Vec<SeededReceipt>,
    /// `paid_late` for an order honoured after its hold ended.
    pub status_reason: &'static str,
    /// The discrepancy finance must see on each receipt, in `receipts` order (what this seeded
    /// case is an example of).
    pub expect: Vec<Option<&'static str>>,
}

/// The seeded ledger.
#[derive(Debug, Clone)]
pub struct Ledger {
    pub orders: Vec<SeededOrder>,
    /// Contract logs naming no order of ours: (tx hash, amount in wei).
    pub orphans: Vec<(String, u128)>,
    /// Card money for no order of ours: (webhook event id, amount in minor units of EUR).
    pub card_orphans: Vec<(String, i64)>,
    /// The chain and contract the ETH receipts are on.
    pub chain_id: i64,
    pub contract: String,
    pub usdc: String,
}

fn hex64(n: u64) -> String {
    format!("0x{n:064x}")
}

/// 20 ETH: more wei than an i64 holds.
pub const TWENTY_ETH: u128 = 20_000_000_000_000_000_000;

/// Seeds two events (Lisbon concerts, Kraków food) and orders on every rail, placed and paid
/// around `day` (UTC noon), some of them at 23:30 UTC so that the reporting time zone decides
/// their day.
pub async fn seed(app: &TestApp, day: DateTime<Utc>) -> Ledger {
    let lisbon = app.insert_event(&sample_event("ledger-lisbon", "Fado in the ledger", 60)).await;
    let mut krakow_event = sample_event("ledger-krakow", "Pierogi in the ledger", 60);
    krakow_event.fields.city = "Kraków".into();
    krakow_event.fields.country = "PL".into();
    krakow_event.fields.category = tessera_core::catalog::Category::Food;
    let krakow = app.insert_event(&krakow_event).await;
    let db = &app.db;
    let account = sqlx::query_scalar::<_, Uuid>(
        "insert into account (account_id, email, name, password_hash, email_verified_at) values ($1, $2, 'Ledger Buyer', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA', now()) returning account_id",
    )
    .bind(Uuid::now_v7())
    .bind(crate::unique_email("ledger"))
    .fetch_one(db)
    .await
    .expect("account");

    let contract = format!("0x{}", "c0".repeat(20));
    let usdc = format!("0x{}", "a0".repeat(20));
    let noon = day;
    let late = Utc.from_utc_datetime(&(day.date_naive().and_hms_opt(23, 30, 0).expect("a time")));
    let next = noon + Duration::days(1);
    let mut orders = Vec::new();
    let order = |event: Uuid,
                 city: &str,
                 category: &str,
                 method: &'static str,
                 tickets: i32,
                 status: &'static str| {
        SeededOrder {
            order_id: Uuid::now_v7(),
            event_id: event,
            city: city.into(),
            category: category.into(),
            method,
            currency: "EUR".into(),
            total_minor: 1000 * i64::from(tickets),
            tickets,
            status,
            created_at: noon,
            paid_at: None,
            payment_status: "open",
            received_minor: None,
            overpaid_minor: 0,
            refund_reason: None,
            quote: None,
            receipts: Vec::new(),
            status_reason: "",
            expect: Vec::new(),
        }
    };
    let card_ref = |i: u64| format!("cs_test_ledger_{i}");

    // 1. Card, paid and delivered.
    let mut o = order(lisbon, "Lisbon", "concert", "card", 2, "fulfilled");
    o.paid_at = Some(noon + Duration::minutes(3));
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.receipts.push(SeededReceipt::Card { amount_minor: o.total_minor, provider_ref: card_ref(1) });
    o.expect = vec![None];
    orders.push(o);
    // 2. Card, placed and paid at 23:30 UTC: the next day east of UTC.
    let mut o = order(krakow, "Kraków", "food", "card", 1, "paid");
    o.created_at = late;
    o.paid_at = Some(late + Duration::minutes(5));
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.receipts.push(SeededReceipt::Card { amount_minor: o.total_minor, provider_ref: card_ref(2) });
    o.expect = vec![None];
    orders.push(o);
    // 3. Bitcoin, paid by two settled outputs.
    let mut o = order(lisbon, "Lisbon", "concert", "btc", 3, "paid");
    o.paid_at = Some(noon + Duration::minutes(40));
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.receipts.push(SeededReceipt::Btc { sats: 40_000, status: "settled", txid: "aa".repeat(32), vout: 0 });
    o.receipts.push(SeededReceipt::Btc { sats: 10_000, status: "settled", txid: "ab".repeat(32), vout: 1 });
    o.expect = vec![None, None];
    orders.push(o);
    // 4. Bitcoin, overpaid: paid, the excess due back; and a replaced output that never counted.
    let mut o = order(krakow, "Kraków", "food", "btc", 1, "fulfilled");
    o.paid_at = Some(next);
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.overpaid_minor = 250;
    o.receipts.push(SeededReceipt::Btc { sats: 21_000, status: "settled", txid: "ac".repeat(32), vout: 0 });
    o.receipts.push(SeededReceipt::Btc { sats: 21_000, status: "invalid", txid: "ad".repeat(32), vout: 0 });
    // The paying output is of an overpaid invoice; the replaced one never counted.
    o.expect = vec![Some("overpaid"), Some("reorged")];
    orders.push(o);
    // 5. Bitcoin, part-paid and expired: the money goes back.
    let mut o = order(lisbon, "Lisbon", "concert", "btc", 2, "expired");
    o.payment_status = "refund_due";
    o.received_minor = Some(700);
    o.refund_reason = Some("partial_payment");
    o.receipts.push(SeededReceipt::Btc { sats: 12_000, status: "settled", txid: "ae".repeat(32), vout: 2 });
    o.expect = vec![Some("underpaid")];
    orders.push(o);
    // 6. Ether, 20 ETH (more wei than 64 bits hold), paid.
    let mut o = order(lisbon, "Lisbon", "concert", "eth", 4, "paid");
    o.paid_at = Some(next + Duration::hours(1));
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.quote = Some(("ETH", 18, TWENTY_ETH));
    o.receipts.push(SeededReceipt::Eth {
        amount: TWENTY_ETH,
        status: "confirmed",
        outcome: Some("paid"),
        tx_hash: hex64(1),
        log_index: 0,
        was_confirmed: false,
    });
    o.expect = vec![None];
    orders.push(o);
    // 7. USDC, paid late (after the hold, stock left).
    let mut o = order(krakow, "Kraków", "food", "usdc", 2, "paid");
    o.status_reason = "paid_late";
    o.paid_at = Some(next + Duration::hours(2));
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.quote = Some(("USDC", 6, 21_739_131));
    o.receipts.push(SeededReceipt::Eth {
        amount: 21_739_131,
        status: "confirmed",
        outcome: Some("paid_late"),
        tx_hash: hex64(2),
        log_index: 3,
        was_confirmed: false,
    });
    o.expect = vec![Some("paid_late")];
    orders.push(o);
    // 8. Ether, underpaid (a stale quote): the order failed, the money goes back.
    let mut o = order(lisbon, "Lisbon", "concert", "eth", 1, "failed");
    o.payment_status = "refund_due";
    o.received_minor = Some(900);
    o.refund_reason = Some("underpaid");
    o.quote = Some(("ETH", 18, 3_333_333_333_333_334));
    o.receipts.push(SeededReceipt::Eth {
        amount: 3_000_000_000_000_000,
        status: "confirmed",
        outcome: Some("underpaid"),
        tx_hash: hex64(3),
        log_index: 0,
        was_confirmed: false,
    });
    o.expect = vec![Some("underpaid")];
    orders.push(o);
    // 9. Ether, seen then reorged out: still waiting for payment.
    let mut o = order(krakow, "Kraków", "food", "eth", 1, "pending_payment");
    o.created_at = next;
    o.quote = Some(("ETH", 18, 3_333_333_333_333_334));
    o.receipts.push(SeededReceipt::Eth {
        amount: 3_333_333_333_333_334,
        status: "reorged",
        outcome: None,
        tx_hash: hex64(4),
        log_index: 1,
        was_confirmed: false,
    });
    o.expect = vec![Some("reorged")];
    orders.push(o);
    // 10. USDC, sold out after expiry: refund due.
    let mut o = order(lisbon, "Lisbon", "concert", "usdc", 1, "expired");
    o.payment_status = "refund_due";
    o.received_minor = Some(o.total_minor);
    o.refund_reason = Some("sold_out_after_expiry");
    o.quote = Some(("USDC", 6, 10_869_566));
    o.receipts.push(SeededReceipt::Eth {
        amount: 10_869_566,
        status: "confirmed",
        outcome: Some("refund_due"),
        tx_hash: hex64(5),
        log_index: 0,
        was_confirmed: false,
    });
    o.expect = vec![Some("sold_out")];
    orders.push(o);
    // 11. Card orders that never paid: expired, cancelled, failed.
    for status in ["expired", "cancelled", "failed"] {
        let mut o = order(krakow, "Kraków", "food", "card", 1, status);
        o.payment_status = "expired";
        orders.push(o);
    }
    // 12. Card, paid and refunded since: placed, but not sold.
    let mut o = order(lisbon, "Lisbon", "concert", "card", 1, "refunded");
    o.paid_at = Some(noon + Duration::hours(2));
    o.payment_status = "refunded";
    o.received_minor = Some(o.total_minor);
    o.receipts.push(SeededReceipt::Card { amount_minor: o.total_minor, provider_ref: card_ref(12) });
    o.expect = vec![None];
    orders.push(o);
    // 13. A card order placed outside the range (ten days later), paid.
    let mut o = order(lisbon, "Lisbon", "concert", "card", 1, "paid");
    o.created_at = noon + Duration::days(10);
    o.paid_at = Some(noon + Duration::days(10));
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.receipts.push(SeededReceipt::Card { amount_minor: o.total_minor, provider_ref: card_ref(13) });
    o.expect = vec![None];
    orders.push(o);
    // 14. Ether, confirmed and paid, then reorged out deeper than the confirmations: the chain
    // no longer confirms what paid the order.
    let mut o = order(krakow, "Kraków", "food", "eth", 1, "paid");
    o.paid_at = Some(noon + Duration::hours(3));
    o.payment_status = "succeeded";
    o.received_minor = Some(o.total_minor);
    o.quote = Some(("ETH", 18, 3_333_333_333_333_334));
    o.receipts.push(SeededReceipt::Eth {
        amount: 3_333_333_333_333_334,
        status: "reorged",
        outcome: Some("paid"),
        tx_hash: hex64(6),
        log_index: 2,
        was_confirmed: true,
    });
    o.expect = vec![Some("not_confirmed")];
    orders.push(o);

    for o in &orders {
        insert(db, account, o, &contract, &usdc).await;
    }
    // An orphan: money for an order id we never quoted.
    let orphans = vec![(hex64(99), 5_000_000_000_000_000u128)];
    for (tx_hash, amount) in &orphans {
        sqlx::query(
            r#"insert into eth_receipt (eth_receipt_id, chain_id, contract, tx_hash, log_index, block_number, block_hash,
                   order_ref, order_id, payer, token, amount, status, outcome, block_time, confirmed_at)
               values ($1, 31337, $2, $3, 0, 50, $4, $5, null, $6, $7, $8::text::numeric, 'confirmed', 'orphan', $9, $9)"#,
        )
        .bind(Uuid::now_v7())
        .bind(&contract)
        .bind(tx_hash)
        .bind(hex64(5050))
        .bind(hex64(0xdead))
        .bind(format!("0x{}", "bb".repeat(20)))
        .bind(format!("0x{}", "00".repeat(20)))
        .bind(amount.to_string())
        .bind(noon)
        .execute(db)
        .await
        .expect("orphan receipt");
    }
    // Card money for no order of ours.
    let card_orphans = vec![("evt_ledger_orphan".to_string(), 4200i64)];
    for (event_id, amount) in &card_orphans {
        sqlx::query(
            r#"insert into unmatched_payment (unmatched_payment_id, provider, provider_event_id, provider_ref,
                   claimed_order_ref, currency, amount_minor, created_at)
               values ($1, 'stripe', $2, 'cs_test_ledger_orphan', null, 'eur', $3, $4)"#,
        )
        .bind(Uuid::now_v7())
        .bind(event_id)
        .bind(amount)
        .bind(noon + Duration::hours(4))
        .execute(db)
        .await
        .expect("unmatched payment");
    }
    Ledger { orders, orphans, card_orphans, chain_id: 31337, contract, usdc }
}

async fn insert(db: &PgPool, account: Uuid, o: &SeededOrder, contract: &str, usdc: &str) {
    let ticket_type: Uuid = sqlx::query_scalar(
        "select ticket_type_id from ticket_type where event_id = $1 order by position limit 1",
    )
    .bind(o.event_id)
    .fetch_one(db)
    .await
    .expect("ticket type");
    sqlx::query(
        r#"insert into customer_order (order_id, account_id, event_id, status, payment_method, currency, total_minor,
               expires_at, paid_at, created_at, updated_at, status_reason)
           values ($1, $2, $3, $4, $5, $6, $7, $8 + interval '15 minutes', $9, $8, $8, $10)"#,
    )
    .bind(o.order_id)
    .bind(account)
    .bind(o.event_id)
    .bind(o.status)
    .bind(o.method)
    .bind(&o.currency)
    .bind(o.total_minor)
    .bind(o.created_at)
    .bind(o.paid_at)
    .bind(o.status_reason)
    .execute(db)
    .await
    .expect("order");
    sqlx::query(
        "insert into order_item (order_id, ticket_type_id, ticket_type_name, unit_price_minor, quantity) values ($1, $2, 'General', 1000, $3)",
    )
    .bind(o.order_id)
    .bind(ticket_type)
    .bind(o.tickets)
    .execute(db)
    .await
    .expect("item");
    let (sold, held) = match o.status {
        "paid" | "fulfilled" => (o.tickets, 0),
        "pending_payment" => (0, o.tickets),
        _ => (0, 0),
    };
    sqlx::query("update ticket_type set sold = sold + $2, held = held + $3 where ticket_type_id = $1")
        .bind(ticket_type)
        .bind(sold)
        .bind(held)
        .execute(db)
        .await
        .expect("stock");
    let provider = match o.method {
        "card" => "stripe",
        "btc" => "btcpay",
        _ => "ethereum",
    };
    let order_ref = match o.method {
        "eth" | "usdc" => tessera_core::order::eth::order_ref(o.order_id),
        "btc" => format!("inv-{}", o.order_id.simple()),
        _ => o
            .receipts
            .iter()
            .find_map(|r| match r {
                SeededReceipt::Card { provider_ref, .. } => Some(provider_ref.clone()),
                _ => None,
            })
            .unwrap_or_else(|| format!("cs_test_unpaid_{}", o.order_id.simple())),
    };
    let received_at = o.received_minor.map(|_| o.paid_at.unwrap_or(o.created_at + Duration::minutes(20)));
    sqlx::query(
        r#"insert into payment (payment_id, order_id, provider, provider_ref, status, currency, amount_minor,
               received_minor, overpaid_minor, refund_reason, received_at, created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"#,
    )
    .bind(Uuid::now_v7())
    .bind(o.order_id)
    .bind(provider)
    .bind(&order_ref)
    .bind(o.payment_status)
    .bind(&o.currency)
    .bind(o.total_minor)
    .bind(o.received_minor)
    .bind(o.overpaid_minor)
    .bind(o.refund_reason)
    .bind(received_at)
    .bind(o.created_at)
    .execute(db)
    .await
    .expect("payment");
    if let Some((asset, decimals, amount)) = o.quote {
        let token = if asset == "ETH" { format!("0x{}", "00".repeat(20)) } else { usdc.to_string() };
        sqlx::query(
            r#"insert into eth_quote (order_id, chain_id, contract, order_ref, asset, token, decimals, amount, rate,
                   currency, total_minor, deadline, signature)
               values ($1, 31337, $2, $3, $4, $5, $6, $7::text::numeric, 3000, $8, $9, $10, $11)"#,
        )
        .bind(o.order_id)
        .bind(contract)
        .bind(&order_ref)
        .bind(asset)
        .bind(&token)
        .bind(decimals)
        .bind(amount.to_string())
        .bind(&o.currency)
        .bind(o.total_minor)
        .bind(o.created_at + Duration::minutes(15))
        .bind(format!("0x{}1b", "ab".repeat(64)))
        .execute(db)
        .await
        .expect("quote");
    }
    for (i, receipt) in o.receipts.iter().enumerate() {
        match receipt {
            SeededReceipt::Card { .. } => {}
            SeededReceipt::Btc { sats, status, txid, vout } => {
                sqlx::query(
                    r#"insert into btc_receipt (btc_receipt_id, network, txid, vout, provider, provider_ref, order_id,
                           amount_sat, rate, currency, destination, status, received_at, settled_at)
                       values ($1, 'regtest', $2, $3, 'btcpay', $4, $5, $6, 60000, $7,
                               'bcrt1qledger', $8, $9, case when $8 = 'settled' then $9 end)"#,
                )
                .bind(Uuid::now_v7())
                .bind(txid)
                .bind(vout)
                .bind(&order_ref)
                .bind(o.order_id)
                .bind(sats)
                .bind(&o.currency)
                .bind(*status)
                .bind(o.created_at + Duration::minutes(i as i64 + 1))
                .execute(db)
                .await
                .expect("btc receipt");
            }
            SeededReceipt::Eth { amount, status, outcome, tx_hash, log_index, was_confirmed } => {
                let token =
                    if o.method == "eth" { format!("0x{}", "00".repeat(20)) } else { usdc.to_string() };
                sqlx::query(
                    r#"insert into eth_receipt (eth_receipt_id, chain_id, contract, tx_hash, log_index, block_number,
                           block_hash, order_ref, order_id, payer, token, amount, status, outcome, block_time,
                           confirmed_at, reorged_at)
                       values ($1, 31337, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::numeric, $12, $13, $14,
                               case when $12 = 'confirmed' or $15 then $14 end, case when $12 = 'reorged' then $14 end)"#,
                )
                .bind(Uuid::now_v7())
                .bind(contract)
                .bind(tx_hash)
                .bind(log_index)
                .bind(100 + i64::from(*log_index))
                .bind(hex64(7000 + u64::from(log_index.unsigned_abs())))
                .bind(&order_ref)
                .bind(o.order_id)
                .bind(format!("0x{}", "bb".repeat(20)))
                .bind(&token)
                .bind(amount.to_string())
                .bind(*status)
                .bind(*outcome)
                .bind(o.paid_at.unwrap_or(o.created_at + Duration::minutes(5)))
                .bind(*was_confirmed)
                .execute(db)
                .await
                .expect("eth receipt");
            }
        }
    }
}
