#!/usr/bin/env bash
# Everything CI runs: services, cargo tests, browser smoke test.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# rustup installs here; a fresh shell may not have it on PATH yet.
export PATH="$HOME/.cargo/bin:$PATH"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tessera/target}"
export SQLX_OFFLINE=true
# sqlx::test creates a database per test from this URL.
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

scripts/ensure-services.sh --browser --mail --eth --fuzz --promtool --haproxy

echo "test.sh: formatting"
cargo fmt --all --check

echo "test.sh: query metadata (.sqlx) matches the code and the schema"
scripts/check-sqlx.sh

echo "test.sh: contract artifacts (contracts/artifacts) match the Solidity sources"
node contracts/build.mjs --check

echo "test.sh: alert rules (ops/prometheus) check and pass their tests"
promtool check rules ops/prometheus/alerts.yml
promtool test rules ops/prometheus/alerts.test.yml

echo "test.sh: clippy"
cargo clippy --workspace --all-targets --locked --quiet -- -D warnings

echo "test.sh: cargo test --workspace --locked"
cargo test --workspace --locked

echo "test.sh: chaos suite, short run (make chaos runs the long one)"
# Both binaries were built by cargo test above (tessera for the CLI tests, chaos beside the
# integration tests of its package), with the workspace's features: no second build.
"$CARGO_TARGET_DIR/debug/chaos" --seconds 120 --tessera "$CARGO_TARGET_DIR/debug/tessera"

echo "test.sh: browser tests"
scripts/browser-tests.sh
