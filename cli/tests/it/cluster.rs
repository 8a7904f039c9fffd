//! Several web processes behind a real HAProxy (Debian's, with `ops/haproxy/tessera.cfg`, the
//! configuration `make demo-cluster` runs): a rolling restart, each process in turn sent
//! SIGTERM, drained, stopped and started again, under steady traffic (pages, JSON, and
//! purchases with their cancellations), loses no request.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::cli::{exchange, exit_within, free_port, http_get, terminate, tessera, url_of};

const SECRET: &str = "cluster-test-origin-secret";

/// Child processes killed when the test ends, passing or not.
struct Processes(Vec<Child>);

impl Drop for Processes {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn web(port: u16, lb: u16, db_url: &str, data: &Path) -> Child {
    tessera()
        .arg("serve")
        .env("DATABASE_URL", db_url)
        .env("TESSERA_LISTEN", format!("127.0.0.1:{port}"))
        .env("TESSERA_PUBLIC_URL", format!("http://127.0.0.1:{lb}"))
        .env("TESSERA_ORIGIN_SECRET", SECRET)
        .env("TESSERA_DRAIN_SECONDS", "2")
        .env("TESSERA_DATA_DIR", data)
        .env("TESSERA_SEARCH", "database")
        .env("TESSERA_CARD_SANDBOX", "on")
        // One buyer buys and cancels all along: no limit of theirs is the test's business.
        .env("TESSERA_PURCHASES_PER_ACCOUNT", "100000")
        .env("TESSERA_PURCHASES_PER_ADDRESS", "1000000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The web process answers `/readyz` itself (with the balancer's secret).
fn ready(port: u16) -> bool {
    let request = format!(
        "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Origin-Verify: {SECRET}\r\nConnection: close\r\n\r\n"
    );
    exchange(port, &request).is_ok_and(|answer| answer.starts_with("HTTP/1.1 200"))
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "{what}: not within {limit:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// One request through the balancer, on a connection of its own: the status line, or the
/// I/O error (a refused or reset connection) as the load generator saw it.
fn through(lb: u16, path: &str) -> Result<String, String> {
    send(lb, "GET", path, "", None).map(|(status, _)| status)
}

/// A request through the balancer, with a JSON body and extra header lines when given: the
/// status line and the whole answer.
fn send(
    lb: u16,
    method: &str,
    path: &str,
    body: &str,
    extra: Option<&str>,
) -> Result<(String, String), String> {
    let body_headers = if body.is_empty() {
        String::new()
    } else {
        format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len())
    };
    let extra = extra.unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{lb}\r\nConnection: close\r\n{body_headers}{extra}\r\n{body}"
    );
    let answer = exchange(lb, &request)?;
    Ok((answer.lines().next().unwrap_or_default().to_string(), answer))
}

/// A confirmed customer with a session (made in the database: logging in through the balancer
/// would count against the login limit of 127.0.0.1, which other tests share): the `Cookie`
/// header line to send.
async fn customer(db: &sqlx::PgPool) -> String {
    let account = uuid::Uuid::now_v7();
    sqlx::query(
        "insert into account (account_id, email, name, password_hash, email_verified_at)
         values ($1, $2, 'Cluster Buyer', $3, now())",
    )
    .bind(account)
    .bind(format!("buyer-{}@example.org", account.simple()))
    .bind(tessera_core::account::hash_password("a long passphrase").0)
    .execute(db)
    .await
    .unwrap();
    let session = tessera_core::account::create_session(db, account).await.unwrap();
    let name = tessera_api::auth::cookies::name(tessera_api::auth::cookies::SESSION, false);
    format!("Cookie: {name}={}\r\n", session.as_cookie_value())
}

/// The order id in a purchase's answer.
fn order_id(answer: &str) -> Option<String> {
    let start = answer.find("\"order_id\":\"")? + "\"order_id\":\"".len();
    Some(answer[start..].chars().take_while(|c| *c != '"').collect())
}

fn stop(child: &mut Child) -> Duration {
    let signalled = terminate(child);
    let exit = exit_within(child, signalled, Duration::from_secs(20));
    assert!(exit.success(), "{exit:?}");
    signalled.elapsed()
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn a_rolling_restart_behind_haproxy_loses_no_request(db: sqlx::PgPool) {
    let db_url = url_of(&db);
    let data = tempfile::tempdir().unwrap();
    let (lb, ports) = (free_port(), [free_port(), free_port()]);
    let mut webs = Processes(ports.iter().map(|&port| web(port, lb, &db_url, data.path())).collect());
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ops/haproxy/tessera.cfg");
    let _haproxy = Processes(vec![
        Command::new("haproxy")
            .args(["-db", "-f"])
            .arg(&config)
            .env("TESSERA_LB_BIND", format!("127.0.0.1:{lb}"))
            .env("TESSERA_WEB1", format!("127.0.0.1:{}", ports[0]))
            .env("TESSERA_WEB2", format!("127.0.0.1:{}", ports[1]))
            .env("TESSERA_ORIGIN_SECRET", SECRET)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("haproxy (scripts/ensure-services.sh --haproxy installs it)"),
    ]);
    for &port in &ports {
        wait_for("a web process ready", Duration::from_secs(30), || ready(port));
    }
    wait_for("the balancer serving", Duration::from_secs(10), || {
        through(lb, "/api/events").is_ok_and(|status| status.starts_with("HTTP/1.1 200"))
    });
    // Without the balancer's secret a web process refuses the request.
    assert!(http_get(ports[0], "/api/events", true).starts_with("HTTP/1.1 403"));
    // Something to buy, and a buyer.
    let starts_at = chrono::Utc::now() + chrono::Duration::days(20);
    let event = tessera_core::catalog::NewEvent {
        slug: "cluster-fado".into(),
        image_id: None,
        fields: tessera_core::catalog::EventFields {
            title: "Fado for the cluster".into(),
            description: "An evening in the old town.".into(),
            category: tessera_core::catalog::Category::Concert,
            city: "Lisbon".into(),
            region: "Lisboa".into(),
            country: "PT".into(),
            venue_name: "Casa do Largo".into(),
            address: "Largo do Intendente 1, Lisboa".into(),
            neighbourhood: "Intendente".into(),
            latitude: 38.7223,
            longitude: -9.1393,
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(2),
            timezone: chrono_tz::Europe::Lisbon,
            language: "pt".into(),
            tags: vec!["music".into()],
            image_alt: String::new(),
            currency: "EUR".parse().unwrap(),
            status: tessera_core::catalog::EventStatus::Published,
            ticket_types: vec![tessera_core::catalog::TicketTypeFields {
                id: None,
                name: "General".into(),
                price_minor: 1000,
                capacity: 100_000,
            }],
            translations: Default::default(),
        },
    };
    let event_id =
        tessera_core::catalog::upsert_event(&mut db.acquire().await.unwrap(), &event).await.unwrap();
    let ticket_type: uuid::Uuid =
        sqlx::query_scalar("select ticket_type_id from ticket_type where event_id = $1")
            .bind(event_id)
            .fetch_one(&db)
            .await
            .unwrap();
    let buyer = customer(&db).await;

    // Steady traffic: four clients, each a request after the other, pages and JSON.
    let running = Arc::new(AtomicBool::new(true));
    let served = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let clients: Vec<_> = (0..4)
        .map(|n| {
            let (running, served, failures) = (running.clone(), served.clone(), failures.clone());
            std::thread::spawn(move || {
                let paths = ["/api/events?limit=5", "/", "/healthz", "/search?q=fado"];
                let mut i = n;
                while running.load(Ordering::Relaxed) {
                    let path = paths[i % paths.len()];
                    i += 1;
                    match through(lb, path) {
                        Ok(status) if status.starts_with("HTTP/1.1 200") => {
                            served.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(status) => failures.lock().unwrap().push(format!("{path}: {status}")),
                        Err(err) => failures.lock().unwrap().push(format!("{path}: {err}")),
                    }
                }
            })
        })
        .collect();
    // And a buyer who buys a ticket and cancels the order, again and again: writes that are not
    // safe to repeat blindly (each purchase has its own idempotency key).
    let bought = Arc::new(AtomicU64::new(0));
    let buying = {
        let (running, bought, failures, buyer) =
            (running.clone(), bought.clone(), failures.clone(), buyer.clone());
        std::thread::spawn(move || {
            let buy = format!(
                r#"{{"items":[{{"ticket_type_id":"{ticket_type}","quantity":1}}],"payment_method":"card"}}"#
            );
            let path = format!("/api/events/{event_id}/buy");
            let mut n = 0;
            while running.load(Ordering::Relaxed) {
                n += 1;
                let headers = format!("{buyer}Idempotency-Key: cluster-{n}\r\n");
                let order = match send(lb, "POST", &path, &buy, Some(&headers)) {
                    Ok((status, answer)) if status.starts_with("HTTP/1.1 201") => order_id(&answer),
                    Ok((status, answer)) => {
                        let body = answer.lines().last().unwrap_or_default().to_string();
                        failures.lock().unwrap().push(format!("buy: {status} {body}"));
                        None
                    }
                    Err(err) => {
                        failures.lock().unwrap().push(format!("buy: {err}"));
                        None
                    }
                };
                let Some(order) = order else { continue };
                match send(lb, "POST", &format!("/api/orders/{order}/cancel"), "{}", Some(&buyer)) {
                    Ok((status, _)) if status.starts_with("HTTP/1.1 200") => {
                        bought.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok((status, _)) => failures.lock().unwrap().push(format!("cancel: {status}")),
                    Err(err) => failures.lock().unwrap().push(format!("cancel: {err}")),
                }
            }
        })
    };

    // Each web process in turn: SIGTERM (it drains, the balancer moves away), stopped,
    // started again, ready, and taken back before the next.
    std::thread::sleep(Duration::from_secs(1));
    let mut stopped_after = Vec::new();
    for (n, &port) in ports.iter().enumerate() {
        stopped_after.push(stop(&mut webs.0[n]));
        webs.0[n] = web(port, lb, &db_url, data.path());
        wait_for("the restarted process ready", Duration::from_secs(30), || ready(port));
        // Two good checks half a second apart, and a margin.
        std::thread::sleep(Duration::from_secs(2));
    }
    std::thread::sleep(Duration::from_secs(1));
    running.store(false, Ordering::Relaxed);
    for client in clients {
        client.join().unwrap();
    }
    buying.join().unwrap();

    let failures = failures.lock().unwrap().clone();
    let served = served.load(Ordering::Relaxed);
    let bought = bought.load(Ordering::Relaxed);
    println!(
        "rolling restart: {served} reads and {bought} purchases with their cancellations served, {} failed; \
         each process stopped {:?} after SIGTERM",
        failures.len(),
        stopped_after
    );
    assert!(
        failures.is_empty(),
        "{} failed of {}: {:?}",
        failures.len(),
        served,
        &failures[..failures.len().min(10)]
    );
    assert!(served > 100, "only {served} requests in the whole restart");
    assert!(bought > 10, "only {bought} purchases in the whole restart");
    // Every purchase was placed once and cancelled: nothing held, nothing doubled.
    let (cancelled, taken): (i64, i64) = sqlx::query_as(
        "select (select count(*) from customer_order where event_id = $1 and status = 'cancelled'),
                (select held + sold from ticket_type where ticket_type_id = $2)::bigint",
    )
    .bind(event_id)
    .bind(ticket_type)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!((cancelled, taken), (bought as i64, 0));
    assert!(
        stopped_after.iter().all(|after| *after >= Duration::from_secs(2)),
        "{stopped_after:?}: drained first"
    );
    for web in &mut webs.0 {
        stop(web);
    }
}
