#!/usr/bin/env bash
# Run Tessera as a cluster on this machine: HAProxy (ops/haproxy/tessera.cfg) on TESSERA_LISTEN
# in front of two `tessera serve` on the next two ports, one `tessera ticketing` and two
# `tessera chain-watcher` (a leader and a standby), with a fresh TESSERA_ORIGIN_SECRET between
# the balancer and the web processes. `make demo-cluster` (scripts/demo.sh --cluster) sets the
# database, the demo data and the payment sandboxes up first; BIN names the tessera binary.
# Ctrl-C stops everything. A rolling restart: `kill -TERM` one web process (it drains for
# TESSERA_DRAIN_SECONDS while the balancer moves away), start it again with the command printed
# for it (the cluster's settings are in $RUN/env), then the other. A process started again by
# hand is yours: Ctrl-C here does not stop it.
# Needs bash 5.1 or later (wait -n with process ids).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${BIN:?BIN names the tessera binary}"
"$ROOT/scripts/ensure-services.sh" --haproxy

LB="${TESSERA_LISTEN:-127.0.0.1:8080}"
HOST="${LB%:*}"
PORT="${LB##*:}"
WEB1="$HOST:$((PORT + 1))"
WEB2="$HOST:$((PORT + 2))"
export TESSERA_PUBLIC_URL="${TESSERA_PUBLIC_URL:-http://$LB}"
export TESSERA_ORIGIN_SECRET="${TESSERA_ORIGIN_SECRET:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export TESSERA_DRAIN_SECONDS="${TESSERA_DRAIN_SECONDS:-3}"
# Every process plays the same BTCPay sandbox (its API is reached through the balancer).
if [ "${TESSERA_BTCPAY_SANDBOX:-}" = "on" ]; then
  export TESSERA_BTCPAY_SANDBOX_KEY="${TESSERA_BTCPAY_SANDBOX_KEY:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
fi
# The settings every process runs with, for starting one again by hand (secrets: owner only).
RUN="$(mktemp -d -t tessera-cluster.XXXXXX)"
(umask 077 && env | grep -E '^(DATABASE_URL|REDIS_URL|TESSERA_[A-Z0-9_]+)=' | grep -v '^TESSERA_LISTEN=' \
  | sed "s/'/'\\\\''/g; s/=\(.*\)/='\1'/; s/^/export /" >"$RUN/env")

PIDS=()
stop_all() {
  trap - EXIT INT TERM
  echo "cluster.sh: stopping"
  kill -TERM "${PIDS[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$RUN"
}
trap stop_all EXIT INT TERM

TESSERA_LISTEN="$WEB1" "$BIN" serve & PIDS+=($!)
echo "cluster.sh: web1 on $WEB1 (pid $!; start it again: (. $RUN/env; TESSERA_LISTEN=$WEB1 $BIN serve))"
TESSERA_LISTEN="$WEB2" "$BIN" serve & PIDS+=($!)
echo "cluster.sh: web2 on $WEB2 (pid $!; start it again: (. $RUN/env; TESSERA_LISTEN=$WEB2 $BIN serve))"
WATCHED=()
TESSERA_METRICS_LISTEN="$HOST:$((PORT + 1021))" "$BIN" ticketing & PIDS+=($!) WATCHED+=($!)
echo "cluster.sh: ticketing (pid $!, metrics on $HOST:$((PORT + 1021)))"
for n in 1 2; do
  TESSERA_METRICS_LISTEN="$HOST:$((PORT + 1021 + n))" "$BIN" chain-watcher & PIDS+=($!) WATCHED+=($!)
  echo "cluster.sh: chain-watcher $n (pid $!, metrics on $HOST:$((PORT + 1021 + n)))"
done
TESSERA_LB_BIND="$LB" TESSERA_WEB1="$WEB1" TESSERA_WEB2="$WEB2" haproxy -db -f ops/haproxy/tessera.cfg & PIDS+=($!) WATCHED+=($!)
echo "cluster.sh: HAProxy on $LB (pid $!): Tessera is at $TESSERA_PUBLIC_URL (Ctrl-C to stop)"
# Until the balancer, ticketing or a chain-watcher stops (a web process stopped for a rolling
# restart is not waited for).
wait -n "${WATCHED[@]}"
