//! The customers: each signs up (a new account each time, so every order has an inbox of its
//! own), buys one or two tickets through the balancer on a rail of its choice, sending the
//! same purchase again (same idempotency key) when the answer is lost, and then pays at once,
//! pays after the hold ran out, or walks away. And the wallet that pays on chain, which the
//! controller also uses to reorganise the chain.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use alloy::network::TransactionBuilder as _;
use alloy::primitives::{Address, B256, Bytes, U256};
use alloy::providers::{DynProvider, Provider as _};
use alloy::rpc::types::TransactionRequest;
use serde_json::{Value, json};
use sqlx::PgPool;
use tokio::sync::{mpsc, oneshot};
use uuid::Uuid;

use super::providers::btcpay_webhook;
use super::{Chaos, Paid, Placed, Rail};
use crate::eth::{CUSTOMER_KEY, EthChain};

/// The events on sale: a small hall that sells out during the run (so holds, refusals and late
/// payments meet a real limit) and a large one. Returns (event, ticket type, capacity).
pub async fn events(db: &PgPool) -> anyhow::Result<Vec<(Uuid, Uuid, i32)>> {
    let mut events = Vec::new();
    for (slug, title, capacity) in
        [("chaos-tasca", "Fado in a small tasca", 40), ("chaos-hall", "Fado in the hall", 100_000)]
    {
        let mut event = crate::sample_event(slug, title, 30);
        event.fields.ticket_types[0].price_minor = 1500;
        event.fields.ticket_types[0].capacity = capacity;
        let event_id = tessera_core::catalog::upsert_event(&mut *db.acquire().await?, &event).await?;
        let ticket_type: Uuid =
            sqlx::query_scalar("select ticket_type_id from ticket_type where event_id = $1")
                .bind(event_id)
                .fetch_one(db)
                .await?;
        events.push((event_id, ticket_type, capacity));
    }
    Ok(events)
}

/// A confirmed customer with a session, made in the database (until it answers): the cookie to
/// send and the address their tickets go to.
async fn sign_up(chaos: &Chaos) -> Option<(String, String)> {
    let account = Uuid::now_v7();
    let email = format!("chaos-{}@example.org", account.simple());
    let made: sqlx::Result<tessera_core::account::SessionToken> = async {
        sqlx::query(
            "insert into account (account_id, email, name, password_hash, email_verified_at)
             values ($1, $2, 'Chaos Customer', $3, now())",
        )
        .bind(account)
        .bind(&email)
        // Nobody logs in with it: any well-formed hash.
        .bind("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA")
        .execute(&chaos.db)
        .await?;
        tessera_core::account::create_session(&chaos.db, account).await
    }
    .await;
    let session = made.ok()?;
    let name = tessera_api::auth::cookies::name(tessera_api::auth::cookies::SESSION, false);
    Some((format!("{name}={}", session.as_cookie_value()), email))
}

/// One customer after another, until the run ends.
pub async fn customer(chaos: Arc<Chaos>, n: usize) {
    let http = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().expect("client");
    // Customers start a moment apart.
    tokio::time::sleep(Duration::from_millis(150 * n as u64)).await;
    while chaos.running.load(Ordering::SeqCst) {
        let Some((cookie, email)) = sign_up(&chaos).await else {
            tokio::time::sleep(Duration::from_millis(500)).await;
            continue;
        };
        let rail = match chaos.rng.below(10) {
            0..=3 => Rail::Card,
            4..=6 => Rail::Btc,
            _ => Rail::Eth,
        };
        let (event, ticket_type, _) = chaos.events[usize::from(chaos.rng.percent(60))];
        let quantity = 1 + chaos.rng.below(2) as i32;
        let Some(bought) = buy(&chaos, &http, &cookie, event, ticket_type, quantity, rail).await else {
            continue;
        };
        let Some(order) = bought["order_id"].as_str().and_then(|id| id.parse::<Uuid>().ok()) else {
            continue;
        };
        let provider_ref = bought["payment"]["provider_ref"].as_str().unwrap_or_default().to_string();
        // Most pay at once; some after their hold ran out; some walk away.
        let choice = chaos.rng.below(100);
        let late = (88..94).contains(&choice);
        chaos.ledger.lock().expect("ledger").orders.insert(
            order,
            Placed { rail, email, event, ticket_type, quantity, provider_ref, paid: None, late },
        );
        if choice >= 94 {
            continue;
        }
        let payer = chaos.clone();
        let pay = async move {
            if late {
                let expires_at = bought["expires_at"]
                    .as_str()
                    .and_then(|at| at.parse::<chrono::DateTime<chrono::Utc>>().ok())
                    .unwrap_or_else(chrono::Utc::now);
                let wait = (expires_at - chrono::Utc::now()).to_std().unwrap_or_default();
                tokio::time::sleep(wait + payer.rng.between(Duration::from_secs(1), Duration::from_secs(10)))
                    .await;
            } else {
                tokio::time::sleep(payer.rng.between(Duration::ZERO, Duration::from_millis(1500))).await;
            }
            pay(&payer, order, rail, &bought).await;
        };
        if late {
            let paying = tokio::spawn(pay);
            chaos.late_payers.lock().expect("late payers").push(paying);
        } else {
            pay.await;
        }
    }
}

/// Sends the purchase until it is answered (the same idempotency key each time, as a page
/// that retries does): the order, or `None` when it was refused.
async fn buy(
    chaos: &Chaos,
    http: &reqwest::Client,
    cookie: &str,
    event: Uuid,
    ticket_type: Uuid,
    quantity: i32,
    rail: Rail,
) -> Option<Value> {
    let key = format!("chaos-{}", Uuid::new_v4().simple());
    let body = json!({
        "items": [{"ticket_type_id": ticket_type, "quantity": quantity}],
        "payment_method": rail.method(),
    });
    let url = format!("http://127.0.0.1:{}/api/events/{event}/buy", chaos.lb);
    let give_up = Instant::now() + Duration::from_secs(120);
    while Instant::now() < give_up {
        let answer =
            http.post(&url).header("Cookie", cookie).header("Idempotency-Key", &key).json(&body).send().await;
        let (status, text) = match answer {
            Ok(answer) => (answer.status().as_u16(), answer.text().await.unwrap_or_default()),
            Err(_) => (0, String::new()),
        };
        match status {
            200 | 201 => {
                let mut ledger = chaos.ledger.lock().expect("ledger");
                ledger.answered_at.push(Instant::now());
                return serde_json::from_str(&text).ok();
            }
            400..=499 if status != 429 && status != 408 => {
                let code = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| v["code"].as_str().map(str::to_string))
                    .unwrap_or_default();
                *chaos
                    .ledger
                    .lock()
                    .expect("ledger")
                    .refused
                    .entry(format!("{status} {code}"))
                    .or_default() += 1;
                return None;
            }
            _ => {
                chaos.ledger.lock().expect("ledger").retried += 1;
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }
    *chaos.ledger.lock().expect("ledger").refused.entry("never answered".into()).or_default() += 1;
    None
}

/// Pays the order on its rail, and notes what the provider or chain took.
async fn pay(chaos: &Chaos, order: Uuid, rail: Rail, bought: &Value) {
    let payment = &bought["payment"];
    let paid = match rail {
        Rail::Card => {
            let session = payment["provider_ref"].as_str().unwrap_or_default();
            chaos
                .stripe
                .pay(session)
                .map(|(intent, amount)| Paid { reference: intent, amount: amount.to_string() })
        }
        Rail::Btc => {
            // Seen on chain at once (BTCPay tells), confirmed a block or so later (it tells again).
            let invoice = payment["provider_ref"].as_str().unwrap_or_default();
            let order_id = order.to_string();
            let store = &chaos.btcpay.store_id;
            match chaos.btcpay.pay_in_full(invoice) {
                Some((sats, _)) => {
                    chaos.webhooks.send(btcpay_webhook(store, invoice, &order_id, "InvoiceReceivedPayment"));
                    tokio::time::sleep(chaos.rng.between(Duration::from_millis(500), Duration::from_secs(4)))
                        .await;
                    let kind = match chaos.btcpay.confirm(invoice).as_deref() {
                        Some("Settled") => "InvoiceSettled",
                        _ => "InvoicePaymentSettled",
                    };
                    chaos.webhooks.send(btcpay_webhook(store, invoice, &order_id, kind));
                    Some(Paid { reference: invoice.to_string(), amount: sats.to_string() })
                }
                None => None,
            }
        }
        Rail::Eth => {
            let transactions = payment["transactions"].as_array().cloned().unwrap_or_default();
            match chaos.eth.pay(transactions).await {
                Ok((hash, wei)) => Some(Paid { reference: format!("{hash:#x}"), amount: wei.to_string() }),
                Err(_) => None,
            }
        }
    };
    let mut ledger = chaos.ledger.lock().expect("ledger");
    match paid {
        Some(paid) => {
            if let Some(placed) = ledger.orders.get_mut(&order) {
                placed.paid = Some(paid);
            }
        }
        None => *ledger.payment_refused.entry(rail).or_default() += 1,
    }
}

enum EthCommand {
    Pay { transactions: Vec<Value>, reply: oneshot::Sender<Result<(B256, U256), String>> },
    Reorg { depth: u64, reply: oneshot::Sender<Result<u64, String>> },
}

/// The customers' wallet on chain, one transaction at a time, and a block a second (the
/// chain moves on even when nobody pays, as a real one does). Reorganisations go through it
/// too, so none lands in the middle of a payment.
pub struct EthPayer {
    commands: mpsc::Sender<EthCommand>,
}

impl EthPayer {
    pub fn start(chain: &EthChain) -> Self {
        let wallet = tessera_contracts::connect(&chain.anvil.url, CUSTOMER_KEY).expect("wallet");
        let customer = chain.customer;
        let (commands, mut inbox) = mpsc::channel::<EthCommand>(64);
        tokio::spawn(async move {
            let mut blocks = tokio::time::interval(Duration::from_secs(1));
            loop {
                tokio::select! {
                    command = inbox.recv() => match command {
                        Some(EthCommand::Pay { transactions, reply }) => {
                            let _ = reply.send(send_all(&wallet, customer, &transactions).await);
                        }
                        Some(EthCommand::Reorg { depth, reply }) => {
                            let _ = reply.send(reorg(&wallet, depth).await);
                        }
                        None => return,
                    },
                    _ = blocks.tick() => {
                        // A block that could not be mined shows as a watcher that never settles.
                        let _: Result<(), _> = wallet.raw_request("anvil_mine".into(), (U256::from(1),)).await;
                    }
                }
            }
        });
        Self { commands }
    }

    /// Sends the order's transactions (as the buy answer lists them); the payment's hash and
    /// the wei it carried, once mined and not reverted.
    pub async fn pay(&self, transactions: Vec<Value>) -> Result<(B256, U256), String> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(EthCommand::Pay { transactions, reply }).await.map_err(|e| e.to_string())?;
        answer.await.map_err(|e| e.to_string())?
    }

    /// Replaces the newest `depth` blocks; the transactions in them land again in the newest
    /// of the new blocks (the network keeps them). Returns how many moved.
    pub async fn reorg(&self, depth: u64) -> Result<u64, String> {
        let (reply, answer) = oneshot::channel();
        self.commands.send(EthCommand::Reorg { depth, reply }).await.map_err(|e| e.to_string())?;
        answer.await.map_err(|e| e.to_string())?
    }
}

async fn send_all(
    wallet: &DynProvider,
    from: Address,
    transactions: &[Value],
) -> Result<(B256, U256), String> {
    let mut last = Err("no transaction to send".to_string());
    for tx in transactions {
        let to: Address = tx["to"].as_str().unwrap_or_default().parse().map_err(|_| "to")?;
        let value = U256::from_str_radix(tx["value"].as_str().unwrap_or("0x0").trim_start_matches("0x"), 16)
            .map_err(|_| "value")?;
        let data: Bytes = tx["data"].as_str().unwrap_or_default().parse().map_err(|_| "data")?;
        let request =
            TransactionRequest::default().with_from(from).with_to(to).with_value(value).with_input(data);
        let pending = wallet.send_transaction(request).await.map_err(|e| e.to_string())?;
        let receipt = pending.get_receipt().await.map_err(|e| e.to_string())?;
        if !receipt.status() {
            return Err("reverted".into());
        }
        last = Ok((receipt.transaction_hash, value));
    }
    last
}

async fn reorg(wallet: &DynProvider, depth: u64) -> Result<u64, String> {
    let head = wallet.get_block_number().await.map_err(|e| e.to_string())?;
    if head <= depth + 1 {
        return Err(format!("the chain is only {head} blocks long"));
    }
    let mut moved: Vec<(Bytes, u64)> = Vec::new();
    for number in head + 1 - depth..=head {
        let block = wallet
            .get_block_by_number(number.into())
            .await
            .map_err(|e| e.to_string())?
            .ok_or("no such block")?;
        for hash in block.transactions.hashes() {
            let raw: Bytes = wallet
                .raw_request("eth_getRawTransactionByHash".into(), (hash,))
                .await
                .map_err(|e| e.to_string())?;
            moved.push((raw, depth - 1));
        }
    }
    let count = moved.len() as u64;
    let () = wallet.raw_request("anvil_reorg".into(), (depth, moved)).await.map_err(|e| e.to_string())?;
    Ok(count)
}
