//! The OpenAPI document against the server: schemathesis generates requests for every
//! documented route from the document itself (valid ones and ones that break its schemas) and
//! sends them to a real server signed in as an admin. Any 5xx, or any status the document does
//! not list for that route, fails the test.

use std::path::PathBuf;
use std::process::Command;

use sqlx::PgPool;
use tessera_tests::{TestApp, sample_event};

/// Where `scripts/ensure-services.sh --fuzz` installs schemathesis (a venv of its own, pinned).
fn schemathesis() -> PathBuf {
    if let Some(path) = std::env::var_os("TESSERA_SCHEMATHESIS") {
        return path.into();
    }
    let home = std::env::var_os("HOME").expect("HOME");
    PathBuf::from(home).join(".cache/tessera/venv/bin/st")
}

#[sqlx::test(migrator = "tessera_migrations::MIGRATOR")]
async fn fuzzing_every_documented_route_finds_no_server_error_and_no_undocumented_status(db: PgPool) {
    let st = schemathesis();
    assert!(
        st.exists(),
        "{} is missing: scripts/ensure-services.sh --fuzz installs schemathesis",
        st.display()
    );
    let app = TestApp::served(db, &[]).await;
    // Something to find: ids the fuzzer sends are random, but listings and searches read these.
    for (slug, title, days) in [("fuzz-lisbon", "Fado by the River", 5), ("fuzz-porto", "Porto Jazz", 12)] {
        app.insert_event(&sample_event(slug, title, days)).await;
    }
    let admin = app.sign_in(true).await;
    let base = app.state.config.public_url.as_str().trim_end_matches('/').to_string();

    let args: Vec<String> = vec![
        "run".into(),
        format!("{base}/api/openapi.json"),
        "--checks".into(),
        "not_a_server_error,status_code_conformance".into(),
        // Bounded: a few examples per operation and a time budget for the whole run, so it
        // stays a couple of minutes in `make test`; the seed makes a failure reproducible.
        "--max-examples".into(),
        "25".into(),
        "--max-time".into(),
        "120".into(),
        "--seed".into(),
        "16".into(),
        "--phases".into(),
        "examples,coverage,fuzzing".into(),
        // One worker: with two, the coverage phase can trip over a CPython 3.11 bug (its `ast`
        // is not safe across threads: "AST constructor recursion depth mismatch"), which fails
        // the run without anything being wrong with the server.
        "--workers".into(),
        "1".into(),
        "--request-timeout".into(),
        "20".into(),
        "--max-response-time".into(),
        "10".into(),
        "--no-shrink".into(),
        // As an admin, so the handlers run rather than only the 401 of the extractors. No
        // Origin header: writes from scripts pass the cross-site guard, as they do in use.
        "--header".into(),
        format!("Cookie: {admin}"),
        // Logging out would end the session every other request uses.
        "--exclude-path".into(),
        "/api/auth/logout".into(),
        // Webhooks are signed by their sender; unsigned they are a documented 400 and nothing
        // more can be reached without the provider's secret.
        "--exclude-path-regex".into(),
        "^/webhooks/".into(),
        "--warnings".into(),
        "off".into(),
    ];
    // Schemathesis keeps a cache in its working directory: not in the repository.
    let workdir = tempfile::tempdir().expect("a working directory");
    let cwd = workdir.path().to_path_buf();
    let started = std::time::Instant::now();
    // The server runs on this test's runtime: wait for schemathesis off it.
    let output = tokio::task::spawn_blocking(move || Command::new(st).args(&args).current_dir(cwd).output())
        .await
        .expect("join")
        .expect("schemathesis runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    eprintln!("schemathesis took {:?}", started.elapsed());
    assert!(output.status.success(), "schemathesis found problems:\n{stdout}\n{stderr}");
}
