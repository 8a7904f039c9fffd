#!/usr/bin/env bash
# Build a release tessera, migrate, load the demo data and run everything.
set -euo pipefail
# With --cluster: HAProxy in front of two web processes, with separate ticketing and
# chain-watcher processes (scripts/cluster.sh), instead of `tessera all`.
CLUSTER=0
[ "${1:-}" = "--cluster" ] && CLUSTER=1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# rustup installs here; a fresh shell may not have it on PATH yet.
export PATH="$HOME/.cargo/bin:$PATH"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tessera/target}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tessera}"
export TESSERA_LISTEN="${TESSERA_LISTEN:-127.0.0.1:8080}"

# Ticket emails go to a local capture server with a web inbox, never to a real address.
if [ -z "${TESSERA_SMTP_URL:-}" ]; then
  scripts/ensure-services.sh --mail
  export TESSERA_SMTP_URL="smtp://127.0.0.1:${TESSERA_MAILDEV_SMTP_PORT:-1025}"
  MAIL_INBOX="http://127.0.0.1:${TESSERA_MAILDEV_WEB_PORT:-1080}/"
else
  scripts/ensure-services.sh
  MAIL_INBOX=""
fi

# Cards through the card sandbox, unless Stripe keys are configured (a sandbox only runs when
# asked for).
if [ -z "${TESSERA_STRIPE_SECRET_KEY:-}" ]; then
  export TESSERA_CARD_SANDBOX="${TESSERA_CARD_SANDBOX:-on}"
fi

# Bitcoin through the BTCPay sandbox, unless a real BTCPay Server is configured.
if [ -z "${TESSERA_BTCPAY_URL:-}" ]; then
  export TESSERA_BTCPAY_SANDBOX="${TESSERA_BTCPAY_SANDBOX:-on}"
fi

echo "demo.sh: building tessera (release)"
cargo build --locked --release -p tessera-cli --bin tessera
BIN="$CARGO_TARGET_DIR/release/tessera"

# ETH and a demo USDC on two local anvil chains, unless a real node is configured: an "L1"
# (chain id 31337) and an "L2" (chain id 1337, a block a second). Our contract and the token
# are deployed once on each (found again on the chains kept between runs), the buyer picks the
# chain at checkout, and the order page gets a sandbox button paying from an anvil dev account.
if [ -z "${TESSERA_ETH_RPC_URL:-}" ]; then
  scripts/ensure-services.sh --anvil
  ANVIL_URL="http://127.0.0.1:${TESSERA_ANVIL_PORT:-8545}"
  ANVIL_L2_URL="http://127.0.0.1:${TESSERA_ANVIL_L2_PORT:-8546}"
  echo "demo.sh: deploying the payment contract and the demo USDC on anvil ($ANVIL_URL and $ANVIL_L2_URL)"
  ETH_SETTINGS="$("$BIN" contracts demo --rpc-url "$ANVIL_URL")"
  ETH_SETTINGS="$ETH_SETTINGS"$'\n'"$("$BIN" contracts demo --rpc-url "$ANVIL_L2_URL" --chain-key L2)"
  # What is set already (a rate source of your own, say) wins.
  while IFS='=' read -r name value; do
    [ -n "${!name:-}" ] || export "$name=$value"
  done <<<"$ETH_SETTINGS"
  export TESSERA_ETH_RPC_URL="$ANVIL_URL"
  export TESSERA_ETH_NAME="${TESSERA_ETH_NAME:-Local L1}"
  export TESSERA_ETH_CHAINS="${TESSERA_ETH_CHAINS:-L2}"
  export TESSERA_ETH_L2_RPC_URL="$ANVIL_L2_URL"
  export TESSERA_ETH_L2_NAME="${TESSERA_ETH_L2_NAME:-Local L2}"
  export TESSERA_ETH_L2_CONFIRMATIONS="${TESSERA_ETH_L2_CONFIRMATIONS:-3}"
  export TESSERA_ETH_SANDBOX="${TESSERA_ETH_SANDBOX:-on}"
  export TESSERA_ETH_CONFIRMATIONS="${TESSERA_ETH_CONFIRMATIONS:-3}"
  export TESSERA_ETH_POLL_SECONDS="${TESSERA_ETH_POLL_SECONDS:-1}"
fi

echo "demo.sh: migrating $DATABASE_URL"
"$BIN" migrate
echo "demo.sh: loading demo data"
"$BIN" seed --demo

echo "demo.sh: for the admin console, run: $BIN admin create --email you@example.org  (then log in at /login)"
if [ -z "${TESSERA_STRIPE_SECRET_KEY:-}" ]; then
  echo "demo.sh: card payments run in the sandbox: sign up, buy tickets, and press \"Pay\" on its checkout page"
fi
if [ "${TESSERA_BTCPAY_SANDBOX:-}" = "on" ]; then
  echo "demo.sh: bitcoin payments run in the BTCPay sandbox: choose bitcoin at checkout, then pay (in full, in part, too much or late) and \"Mine a block\" on its invoice page"
fi
if [ "${TESSERA_ETH_SANDBOX:-}" = "on" ]; then
  echo "demo.sh: ETH and USDC payments run on two local anvil chains: choose Ether or USDC on Local L1 or Local L2 at checkout, then \"Pay from an anvil dev account\" on the order page (or connect a wallet to $TESSERA_ETH_RPC_URL, chain id 31337, or ${TESSERA_ETH_L2_RPC_URL:-the L2}, chain id 1337)"
fi
if [ -n "$MAIL_INBOX" ]; then
  echo "demo.sh: ticket emails (with their PDF) arrive in the local inbox at $MAIL_INBOX"
fi
if [ "$CLUSTER" -eq 1 ]; then
  BIN="$BIN" exec scripts/cluster.sh
fi
echo "demo.sh: Tessera is starting on ${TESSERA_PUBLIC_URL:-http://$TESSERA_LISTEN} (Ctrl-C to stop)"
exec "$BIN" all
