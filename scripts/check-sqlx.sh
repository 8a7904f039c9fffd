#!/usr/bin/env bash
# Checks that the committed query metadata (.sqlx/) matches the queries in the code and the
# schema in migrations/, so builds with SQLX_OFFLINE=true stay honest. Installs sqlx-cli
# (pinned to the sqlx version in Cargo.lock) when it is missing.
#   scripts/check-sqlx.sh           check
#   scripts/check-sqlx.sh --write   regenerate .sqlx/ after changing a query or migration
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tessera/target}"

SQLX_VERSION="$(awk '/^name = "sqlx"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)"
if ! cargo sqlx --version 2>/dev/null | grep -q "$SQLX_VERSION"; then
  echo "check-sqlx: installing sqlx-cli $SQLX_VERSION (once; takes a few minutes)"
  CARGO_TARGET_DIR="$CARGO_TARGET_DIR/sqlx-cli" cargo install --locked --quiet "sqlx-cli@$SQLX_VERSION" \
    --no-default-features --features postgres,rustls
fi

BASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB="tessera_sqlx_check_$$"
export DATABASE_URL="${BASE_URL%/*}/$DB"
cleanup() { cargo sqlx database drop -y >/dev/null 2>&1 || true; }
trap cleanup EXIT

cargo sqlx database create
cargo sqlx migrate run --source migrations >/dev/null
if [ "${1:-}" = "--write" ]; then
  SQLX_OFFLINE=false cargo sqlx prepare --workspace
else
  SQLX_OFFLINE=false cargo sqlx prepare --workspace --check
fi
