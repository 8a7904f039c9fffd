#!/usr/bin/env bash
# Build a release tessera, migrate, load the demo data and run everything.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# rustup installs here; a fresh shell may not have it on PATH yet.
export PATH="$HOME/.cargo/bin:$PATH"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tessera/target}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tessera}"
export TESSERA_LISTEN="${TESSERA_LISTEN:-127.0.0.1:8080}"

scripts/ensure-services.sh

echo "demo.sh: building tessera (release)"
cargo build --locked --release -p tessera-api --bin tessera
BIN="$CARGO_TARGET_DIR/release/tessera"

echo "demo.sh: migrating $DATABASE_URL"
"$BIN" migrate
echo "demo.sh: loading demo data"
"$BIN" seed --demo

echo "demo.sh: for the admin console, run: $BIN admin create --email you@example.org  (then log in at /login)"
if [ -z "${TESSERA_STRIPE_SECRET_KEY:-}" ]; then
  echo "demo.sh: card payments run in the sandbox: sign up, buy tickets, and press \"Pay\" on its checkout page"
fi
echo "demo.sh: Tessera is starting on ${TESSERA_PUBLIC_URL:-http://$TESSERA_LISTEN} (Ctrl-C to stop)"
exec "$BIN" all
