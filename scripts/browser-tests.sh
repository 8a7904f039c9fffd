#!/usr/bin/env bash
# Build tessera, serve it against a throwaway database with the demo seed, and
# run the browser smoke test (tests/browser/smoke.mjs) against it.
#
# Env:
#   CARGO_TARGET_DIR     default $HOME/.cache/tessera/target
#   SCREENSHOT_DIR       default $CARGO_TARGET_DIR/browser-screenshots
#   PG_ADMIN_URL         server to create the throwaway database on
#                        (default postgres://postgres@127.0.0.1:5432/postgres)
#   TESSERA_BIN          use this binary instead of building one
#   FLOWS, VIEWPORTS     passed through to smoke.mjs
# Exit code: that of the smoke test (or non-zero if setup fails).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tessera/target}"
CLEAR_SCREENSHOTS=0
if [ -z "${SCREENSHOT_DIR:-}" ]; then
  SCREENSHOT_DIR="$CARGO_TARGET_DIR/browser-screenshots"
  CLEAR_SCREENSHOTS=1
fi
PG_ADMIN_URL="${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB_NAME="tessera_browser_$$"
DB_URL="${PG_ADMIN_URL%/*}/$DB_NAME"

say() { echo "browser-tests: $*"; }

"$ROOT/scripts/ensure-services.sh" --browser --eth

if [ -n "${TESSERA_BIN:-}" ]; then
  BIN="$TESSERA_BIN"
else
  say "building tessera"
  cargo build --locked -p tessera-cli --bin tessera
  BIN="$CARGO_TARGET_DIR/debug/tessera"
fi
[ -x "$BIN" ] || { echo "browser-tests: no executable at $BIN" >&2; exit 1; }

WORK="$(mktemp -d -t tessera-browser.XXXXXX)"
mkdir -p "$SCREENSHOT_DIR"
SERVER_LOG="$SCREENSHOT_DIR/server.log"
SERVER_PID=""
DB_CREATED=0

# shellcheck disable=SC2317  # called from the EXIT trap
cleanup() {
  local rc=$?
  set +e
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  # The anvil chains (started in subshells: their pids are in files).
  for pidfile in "$WORK"/*.pid; do
    [ -f "$pidfile" ] && kill -TERM "$(cat "$pidfile")" 2>/dev/null
  done
  if [ "$DB_CREATED" -eq 1 ]; then
    psql -X -q -w "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" >/dev/null \
      || echo "browser-tests: could not drop database $DB_NAME" >&2
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
  else
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
  fi
}

show_server_log() {
  if [ -s "$SERVER_LOG" ]; then
    echo "---- last lines of $SERVER_LOG" >&2
    tail -n 40 "$SERVER_LOG" >&2
    echo "----" >&2
  fi
}

# Screenshots of an earlier run would be misleading next to this run's
# (only in our own default directory; a given SCREENSHOT_DIR is left alone).
if [ "$CLEAR_SCREENSHOTS" -eq 1 ]; then
  rm -f "$SCREENSHOT_DIR"/*.png
fi

say "creating database $DB_NAME"
psql -X -q -w -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE \"$DB_NAME\"" >/dev/null
DB_CREATED=1

PORT="$(free_port)"
export DATABASE_URL="$DB_URL"
export TESSERA_DATA_DIR="$WORK/data"
export TESSERA_LISTEN="127.0.0.1:$PORT"
export TESSERA_PUBLIC_URL="http://127.0.0.1:$PORT"
# A Redis database of the browser tests' own, emptied first: the sign-up and login limits it
# counts (per address, per hour) must not remember earlier runs from this machine.
export REDIS_URL="redis://127.0.0.1:6379/13"
{
  exec 3<>/dev/tcp/127.0.0.1/6379
  printf 'SELECT 13\r\nFLUSHDB\r\n' >&3
  IFS= read -r -t 2 _ <&3 && IFS= read -r -t 2 flushed <&3
  exec 3>&- 3<&-
  [ "${flushed%$'\r'}" = "+OK" ]
} || { echo "browser-tests: cannot empty Redis database 13 on 127.0.0.1:6379" >&2; exit 1; }
# Cards and bitcoin through the sandboxes, as in the demo.
export TESSERA_CARD_SANDBOX=on
# Maps draw their markers on a blank background when tiles cannot be had: the browser tests run
# that way (no tile server reachable from here), whatever the default.
export TESSERA_MAP_TILES="http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"
export TESSERA_BTCPAY_SANDBOX=on
# ETH and USDC on two anvil chains of the tests' own, as in the demo (an "L1" on anvil's chain
# id 31337 and an "L2" on 1337): a block a second, our contract and a demo USDC deployed on
# each by `tessera contracts demo`, two confirmations.
start_anvil() { # chain-id log -> prints the URL
  local port
  port="$(free_port)"
  "$ROOT/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" \
    --host 127.0.0.1 --port "$port" --chain-id "$1" --block-time 1 >"$WORK/$2" 2>&1 &
  echo $! >"$WORK/$2.pid"
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null --max-time 1 -H 'content-type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$port" 2>/dev/null && break
    sleep 0.1
  done
  echo "http://127.0.0.1:$port"
}
export ANVIL_URL ANVIL_L2_URL
ANVIL_URL="$(start_anvil 31337 anvil.log)"
ANVIL_L2_URL="$(start_anvil 1337 anvil-l2.log)"
ETH_SETTINGS="$("$BIN" contracts demo --rpc-url "$ANVIL_URL")"
ETH_SETTINGS="$ETH_SETTINGS"$'\n'"$("$BIN" contracts demo --rpc-url "$ANVIL_L2_URL" --chain-key L2)"
while IFS='=' read -r name value; do
  [ -n "${!name:-}" ] || export "$name=$value"
done <<<"$ETH_SETTINGS"
export TESSERA_ETH_RPC_URL="$ANVIL_URL"
export TESSERA_ETH_NAME="Local L1"
export TESSERA_ETH_CHAINS=L2
export TESSERA_ETH_L2_RPC_URL="$ANVIL_L2_URL"
export TESSERA_ETH_L2_NAME="Local L2"
export TESSERA_ETH_L2_CONFIRMATIONS=2
export TESSERA_ETH_CONFIRMATIONS=2
export TESSERA_ETH_POLL_SECONDS=1
export TESSERA_ETH_SANDBOX=on
# The whole platform runs (`tessera all`), so paid orders get their tickets: its streams are
# its own, its email goes to the local capture server (scripts/ensure-services.sh --mail).
export TESSERA_STREAM_PREFIX="browser-$$-$PORT:"
export TESSERA_SMTP_URL="${TESSERA_SMTP_URL:-smtp://127.0.0.1:1025}"
export MAILDEV_URL="${MAILDEV_URL:-http://127.0.0.1:1080}"
mkdir -p "$TESSERA_DATA_DIR"

say "migrate + seed --demo"
"$BIN" migrate
"$BIN" seed --demo
# An admin for the admin console flow.
ADMIN_EMAIL="admin-smoke@example.org"
ADMIN_PASSWORD="smoke-admin-passphrase"
echo "$ADMIN_PASSWORD" | "$BIN" admin create --email "$ADMIN_EMAIL" --name "Smoke Admin" >/dev/null

say "starting tessera all on $TESSERA_PUBLIC_URL (log: $SERVER_LOG)"
"$BIN" all >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 60); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "browser-tests: tessera all exited before it was ready" >&2
    show_server_log
    exit 1
  fi
  if curl -fsS -o /dev/null --max-time 2 "$TESSERA_PUBLIC_URL/readyz" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ "$ready" -ne 1 ]; then
  echo "browser-tests: $TESSERA_PUBLIC_URL/readyz did not answer 200 within 30 s" >&2
  show_server_log
  exit 1
fi

set +e
ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  ANVIL_URL="$ANVIL_URL" BASE_URL="$TESSERA_PUBLIC_URL" SCREENSHOT_DIR="$SCREENSHOT_DIR" node "$ROOT/tests/browser/smoke.mjs"
rc=$?
set -e
if [ "$rc" -ne 0 ]; then
  show_server_log
  say "screenshots in $SCREENSHOT_DIR"
fi
exit "$rc"
