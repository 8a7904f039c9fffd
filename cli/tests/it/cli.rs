use std::io::Read as _;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn tessera() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tessera"));
    // Start from a clean slate: only what a test sets.
    for var in ["TESSERA_LISTEN", "TESSERA_PUBLIC_URL", "TESSERA_DB_MAX_CONNECTIONS", "TESSERA_LOG_FORMAT"] {
        command.env_remove(var);
    }
    command
}

#[test]
fn help_lists_every_command() {
    let output = tessera().arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for command in
        ["migrate", "seed", "serve", "all", "reconcile", "contracts", "chain-watcher", "backup", "restore"]
    {
        assert!(help.contains(&format!("  {command} ")), "{command} missing from:\n{help}");
    }
    let seed_help = String::from_utf8(tessera().args(["seed", "--help"]).output().unwrap().stdout).unwrap();
    assert!(seed_help.contains("--demo"));
}

#[test]
fn a_malformed_setting_is_one_line_naming_the_variable() {
    for (var, value) in [
        ("TESSERA_LISTEN", "not-an-address"),
        ("DATABASE_URL", "mysql://root@localhost/x"),
        ("REDIS_URL", "http://localhost"),
        ("TESSERA_PUBLIC_URL", "tickets.example.org"),
        ("TESSERA_LOG_FORMAT", "xml"),
    ] {
        let output = tessera().arg("serve").env(var, value).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{var}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{var}: {stderr}");
        assert!(stderr.contains(var), "{var}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn seed_without_a_dataset_says_what_to_pass() {
    let output = tessera().arg("seed").output().unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8(output.stderr).unwrap().contains("--demo"));
}

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let port = free_port();
    let data_dir = tempfile::tempdir().unwrap();
    let mut child = tessera()
        .arg("serve")
        .env("TESSERA_LISTEN", format!("127.0.0.1:{port}"))
        .env("TESSERA_DATA_DIR", data_dir.path())
        // Serving does not wait for the database: liveness answers without it.
        .env("DATABASE_URL", "postgres://postgres@127.0.0.1:1/unused")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();

    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < Duration::from_secs(20), "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let signalled = terminate(&child);
    let exit = exit_within(&mut child, signalled, Duration::from_secs(10));
    let mut logs = String::new();
    child.stdout.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(exit.success(), "exit {exit:?}: {logs}");
    assert!(logs.contains("stopped"), "{logs}");
}

/// A free local port.
pub(crate) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Sends `request` (as it goes on the wire) to the local port on a connection of its own and
/// reads the answer until the server closes the connection: the answer, or what failed (a
/// refused or reset connection, or no end within 5 s).
pub(crate) fn exchange(port: u16, request: &str) -> Result<String, String> {
    use std::io::Write as _;
    let mut stream =
        std::net::TcpStream::connect(("127.0.0.1", port)).map_err(|err| format!("connect: {err}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    stream.write_all(request.as_bytes()).map_err(|err| format!("write: {err}"))?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).map_err(|err| format!("read: {err}"))?;
    Ok(String::from_utf8_lossy(&answer).into_owned())
}

/// `GET path` on the local port, keeping the connection alive unless `close`: the answer, empty
/// when there was none.
pub(crate) fn http_get(port: u16, path: &str, close: bool) -> String {
    let connection = if close { "Connection: close\r\n" } else { "" };
    exchange(port, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{connection}\r\n"))
        .unwrap_or_default()
}

/// Waits for `child`, sent SIGTERM at `signalled`, to exit within `limit`.
pub(crate) fn exit_within(
    child: &mut std::process::Child,
    signalled: Instant,
    limit: Duration,
) -> std::process::ExitStatus {
    loop {
        if let Some(exit) = child.try_wait().unwrap() {
            return exit;
        }
        assert!(signalled.elapsed() < limit, "still running {limit:?} after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Sends SIGTERM to `child`; when it was sent.
pub(crate) fn terminate(child: &std::process::Child) -> Instant {
    assert!(Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap().success());
    Instant::now()
}

#[test]
fn serve_drains_before_it_stops_so_a_load_balancer_moves_away_first() {
    let port = free_port();
    let data_dir = tempfile::tempdir().unwrap();
    let mut child = tessera()
        .arg("serve")
        .env("TESSERA_LISTEN", format!("127.0.0.1:{port}"))
        .env("TESSERA_DATA_DIR", data_dir.path())
        .env("TESSERA_SEARCH", "database")
        .env("TESSERA_DRAIN_SECONDS", "3")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !http_get_ok(port) {
        assert!(started.elapsed() < Duration::from_secs(30), "never ready");
        std::thread::sleep(Duration::from_millis(100));
    }
    let signalled = terminate(&child);

    // Unready at once, yet still serving, each answer closing its connection (a keep-alive
    // request gets its answer and the connection ends, instead of waiting).
    let mut ready = String::new();
    while signalled.elapsed() < Duration::from_secs(2) {
        ready = http_get(port, "/readyz", true);
        if ready.starts_with("HTTP/1.1 503") {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(ready.starts_with("HTTP/1.1 503") && ready.contains("\"draining\""), "{ready}");
    let alive = http_get(port, "/healthz", false);
    assert!(alive.starts_with("HTTP/1.1 200"), "{alive}");
    assert!(alive.to_ascii_lowercase().contains("connection: close"), "{alive}");
    assert!(signalled.elapsed() < Duration::from_secs(3), "the keep-alive connection was closed at once");

    // Then it stops, not before the drain is over.
    let exit = exit_within(&mut child, signalled, Duration::from_secs(20));
    assert!(signalled.elapsed() >= Duration::from_millis(2900), "stopped after {:?}", signalled.elapsed());
    let mut logs = String::new();
    child.stdout.take().unwrap().read_to_string(&mut logs).unwrap();
    assert!(exit.success(), "exit {exit:?}: {logs}");
    assert!(logs.contains("draining for 3 s"), "{logs}");
}

fn http_get_ok(port: u16) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        && http_get(port, "/readyz", true).starts_with("HTTP/1.1 200")
}

/// The URL of a `#[sqlx::test]` database, for the binary to connect to.
pub(crate) fn url_of(db: &sqlx::PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL for sqlx::test");
    let name = db.connect_options().get_database().expect("a database name").to_string();
    let (server, _) = base.rsplit_once('/').expect("a URL with a database");
    format!("{server}/{name}")
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn admin_create_makes_an_admin_or_promotes_an_account(db: sqlx::PgPool) {
    use std::io::Write as _;
    let run = |email: &str, password: &str, promote: bool| {
        let mut args = vec!["admin", "create", "--email", email, "--name", "Marta"];
        if promote {
            args.push("--promote");
        }
        let mut child = tessera()
            .args(&args)
            .env("DATABASE_URL", url_of(&db))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let output = run("marta@example.org", "an admin passphrase", false);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("created admin"));
    let role: String = sqlx::query_scalar("select role from account where email = 'marta@example.org'")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(role, "admin");

    // An existing account is only promoted when asked to, and never duplicated; any session it
    // had ends, so an old cookie does not become an admin's.
    let account: uuid::Uuid =
        sqlx::query_scalar("select account_id from account").fetch_one(&db).await.unwrap();
    sqlx::query("insert into session (session_id, account_id, expires_at) values (repeat('a', 64), $1, now() + interval '1 day')")
        .bind(account)
        .execute(&db)
        .await
        .unwrap();
    let refused = run("MARTA@example.org", "another passphrase", false);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--promote"));
    let output = run("MARTA@example.org", "another passphrase", true);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let count: i64 = sqlx::query_scalar("select count(*) from account").fetch_one(&db).await.unwrap();
    assert_eq!(count, 1);
    let sessions: i64 = sqlx::query_scalar("select count(*) from session").fetch_one(&db).await.unwrap();
    assert_eq!(sessions, 0);

    let short = run("x@example.org", "short", false);
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10 characters"));
}

/// anvil's first dev account, funded on every fresh anvil.
const DEV_KEY: &str = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

#[tokio::test]
async fn contracts_deploy_prints_the_address_of_a_working_contract_with_the_roles_asked_for() {
    use alloy::providers::Provider as _;

    let anvil = tessera_contracts::anvil::Anvil::start();
    let treasury = "0x00000000000000000000000000000000000000aa";
    let output = tessera()
        .args(["contracts", "deploy", "--rpc-url", &anvil.url, "--treasury", treasury])
        .env("TESSERA_ETH_DEPLOYER_KEY", DEV_KEY)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let printed = String::from_utf8(output.stdout).unwrap();
    let address: alloy::primitives::Address = printed.trim().parse().expect("the contract's address, alone");

    let provider = tessera_contracts::connect(&anvil.url, DEV_KEY).unwrap();
    assert!(!provider.get_code_at(address).await.unwrap().is_empty(), "code at {address}");
    let pay = tessera_contracts::TesseraPay::new(address, &provider);
    let deployer: alloy::signers::local::PrivateKeySigner = DEV_KEY.parse().unwrap();
    assert_eq!(pay.owner().call().await.unwrap(), deployer.address());
    assert_eq!(pay.treasury().call().await.unwrap(), treasury.parse::<alloy::primitives::Address>().unwrap());
    assert!(!stderr.contains(&DEV_KEY[2..]), "the key never shows");
}

#[test]
fn contracts_deploy_refuses_a_bad_address_or_an_unreachable_node_in_one_line() {
    for (args, says) in [
        (vec!["--rpc-url", "http://127.0.0.1:1", "--operator", "nope"], "--operator"),
        (vec!["--rpc-url", "http://127.0.0.1:1"], "cannot reach the node at --rpc-url"),
    ] {
        let output = tessera()
            .args(["contracts", "deploy"])
            .args(&args)
            .env("TESSERA_ETH_DEPLOYER_KEY", DEV_KEY)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!stderr.contains(&DEV_KEY[2..]), "the key never shows: {stderr}");
        assert!(!stderr.contains("127.0.0.1:1"), "nor the node's URL (providers put keys in it): {stderr}");
    }
}

#[tokio::test]
async fn contracts_demo_deploys_once_and_prints_the_settings_that_point_at_it() {
    use alloy::providers::Provider as _;

    let anvil = tessera_contracts::anvil::Anvil::start();
    let run = || {
        let output = tessera().args(["contracts", "demo", "--rpc-url", &anvil.url]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let first = run();
    let settings: std::collections::HashMap<&str, &str> =
        first.lines().map(|line| line.split_once('=').expect("NAME=value")).collect();
    let contract: alloy::primitives::Address = settings["TESSERA_ETH_CONTRACT"].parse().unwrap();
    let tokens: Vec<(&str, alloy::primitives::Address)> = settings["TESSERA_ETH_TOKENS"]
        .split(',')
        .map(|pair| pair.split_once('=').map(|(symbol, address)| (symbol, address.parse().unwrap())).unwrap())
        .collect();
    assert_eq!(tokens.iter().map(|(symbol, _)| *symbol).collect::<Vec<_>>(), ["USDC", "USDT"]);
    let (token, usdt) = (tokens[0].1, tokens[1].1);
    assert_eq!(settings["TESSERA_ETH_OPERATOR_KEY"], DEV_KEY);

    let provider = tessera_contracts::connect(&anvil.url, DEV_KEY).unwrap();
    let pay = tessera_contracts::TesseraPay::new(contract, &provider);
    assert!(pay.tokenAllowed(token).call().await.unwrap(), "the demo USDC is allow-listed");
    assert!(pay.tokenAllowed(usdt).call().await.unwrap(), "and the demo USDT");
    let nonce = provider.get_transaction_count(pay.operator().call().await.unwrap()).await.unwrap();

    // A restarted demo finds them in place and sends nothing.
    assert_eq!(run(), first);
    let deployer: alloy::signers::local::PrivateKeySigner = DEV_KEY.parse().unwrap();
    assert_eq!(provider.get_transaction_count(deployer.address()).await.unwrap(), nonce);
    config_accepts(&first, &anvil.url);

    // A second local chain (the demo's "L2"): its own settings, beside the first chain's.
    let l2 = tessera_contracts::anvil::Anvil::start_on(Some(1337));
    let output =
        tessera().args(["contracts", "demo", "--rpc-url", &l2.url, "--chain-key", "l2"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let second = String::from_utf8(output.stdout).unwrap();
    let names: Vec<&str> = second.lines().map(|line| line.split_once('=').unwrap().0).collect();
    assert_eq!(names, ["TESSERA_ETH_L2_CONTRACT", "TESSERA_ETH_L2_TOKENS", "TESSERA_ETH_L2_CHAIN_ID"]);
    assert!(second.contains("TESSERA_ETH_L2_CHAIN_ID=1337"), "{second}");
    let both = format!("{first}{second}TESSERA_ETH_CHAINS=L2\nTESSERA_ETH_L2_RPC_URL={}\n", l2.url);
    config_accepts(&both, &anvil.url);
}

/// The printed settings, with the node, make a valid configuration.
fn config_accepts(printed: &str, rpc_url: &str) {
    let mut vars: Vec<(String, String)> = printed
        .lines()
        .map(|line| line.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())).unwrap())
        .collect();
    vars.push(("TESSERA_ETH_RPC_URL".into(), rpc_url.into()));
    let settings = tessera_api::settings::Settings::from_lookup(|name| {
        vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    })
    .unwrap();
    assert_eq!(settings.eth.unwrap().primary().tokens[0].symbol, "USDC");
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn reconcile_prints_the_ledger_and_refuses_what_it_cannot_do_in_one_line(db: sqlx::PgPool) {
    let db_url = url_of(&db);
    // An empty ledger: the header row alone.
    let output =
        tessera().args(["reconcile", "--format", "csv"]).env("DATABASE_URL", &db_url).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let csv = String::from_utf8(output.stdout).unwrap();
    assert_eq!(csv.lines().count(), 1);
    assert!(csv.starts_with("rail,receipt_ref,received_at,"), "{csv}");
    let output =
        tessera().args(["reconcile", "--format", "json"]).env("DATABASE_URL", &db_url).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["rows"], serde_json::json!([]));
    for (args, says) in [
        (vec!["reconcile", "--format", "xml"], "xml"),
        (vec!["reconcile", "--from", "yesterday"], "yesterday"),
        (vec!["reconcile", "--verify-chain"], "TESSERA_ETH_RPC_URL"),
    ] {
        let output = tessera().args(&args).env("DATABASE_URL", &db_url).output().unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}
