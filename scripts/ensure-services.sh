#!/usr/bin/env bash
# Make sure the local services Tessera needs are installed and running:
#   Postgres on 127.0.0.1:5432 (trust auth for user postgres, unaccent + pg_trgm available)
#   Redis on 127.0.0.1:6379
# With --browser also: /usr/bin/chromium, node + npm, and tests/browser/node_modules.
# With --mail also: a local SMTP capture server with a web inbox (maildev, from
#   tools/mail) on 127.0.0.1:1025 (SMTP) and 127.0.0.1:1080 (inbox); and, for the tests that
#   read PDFs back, pdftotext/pdftoppm (poppler-utils) and zbarimg (zbar-tools); and Noto Sans
#   CJK (fonts-noto-cjk), which the ticket PDFs print Japanese and Chinese text in.
# With --eth also: the pinned solc and anvil (npm, contracts/node_modules) for the contract
#   build check and the contract tests.
# With --fuzz also: schemathesis (pinned, in its own venv at ~/.cache/tessera/venv) for the
#   test that fuzzes the OpenAPI document's routes (tests/it/fuzz.rs).
# With --haproxy also: HAProxy (Debian's haproxy package; its own service is left stopped) for
#   the cluster (scripts/cluster.sh) and its rolling-restart test.
# With --promtool also: promtool (Debian's prometheus package; no Prometheus server is left
#   running) for checking and testing the alert rules in ops/prometheus.
# With --anvil also (implies --eth): two local anvil chains for the demo, each keeping its
#   state between runs in ~/.cache/tessera/: the "L1" on 127.0.0.1:8545 (TESSERA_ANVIL_PORT;
#   chain id 31337, a block every 2 seconds, anvil-state.json) and the "L2" on 127.0.0.1:8546
#   (TESSERA_ANVIL_L2_PORT; chain id 1337, a block a second, anvil-l2-state.json).
#
# Idempotent: prints one line per thing it does and nothing when all is present.
# Uses sudo only when not running as root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PG_HOST=127.0.0.1
PG_PORT=5432
REDIS_HOST=127.0.0.1
REDIS_PORT=6379

BROWSER=0
MAIL=0
ETH=0
ANVIL=0
FUZZ=0
PROMTOOL=0
HAPROXY=0
for arg in "$@"; do
  case "$arg" in
    --browser) BROWSER=1 ;;
    --mail) MAIL=1 ;;
    --eth) ETH=1 ;;
    --anvil) ETH=1; ANVIL=1 ;;
    --fuzz) FUZZ=1 ;;
    --promtool) PROMTOOL=1 ;;
    --haproxy) HAPROXY=1 ;;
    -h|--help)
      echo "usage: $0 [--browser] [--mail] [--eth] [--anvil] [--fuzz] [--promtool] [--haproxy]"
      exit 0
      ;;
    *)
      echo "ensure-services: unknown argument: $arg" >&2
      exit 2
      ;;
  esac
done

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi

say() { echo "ensure-services: $*"; }
die() { echo "ensure-services: error: $*" >&2; exit 1; }

APT_UPDATED=0
APT_LOG="$(mktemp -t tessera-apt.XXXXXX)"
trap 'rm -f "$APT_LOG"' EXIT

apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    say "apt-get update"
    if ! "${SUDO[@]}" apt-get update -qq >"$APT_LOG" 2>&1; then
      cat "$APT_LOG" >&2
      die "apt-get update failed"
    fi
    APT_UPDATED=1
  fi
  say "installing $*"
  if ! "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$APT_LOG" 2>&1; then
    cat "$APT_LOG" >&2
    die "apt-get install $* failed"
  fi
}

# ---------------------------------------------------------------- Postgres

pg_ready() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$PG_HOST" -p "$PG_PORT" >/dev/null 2>&1
}

pg_as_postgres() {
  # Run a command as the postgres OS user (peer auth over the local socket).
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -u postgres -- "$@"
  fi
}

pg_version() {
  # Highest installed cluster version under /etc/postgresql (e.g. 15).
  find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1
}

pg_has_contrib() {
  compgen -G "/usr/share/postgresql/*/extension/unaccent.control" >/dev/null \
    && compgen -G "/usr/share/postgresql/*/extension/pg_trgm.control" >/dev/null
}

ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null; then
    apt_install postgresql postgresql-contrib
  elif ! pg_has_contrib; then
    apt_install postgresql-contrib
  fi

  if ! pg_ready; then
    local ver
    ver="$(pg_version)"
    if [ -z "$ver" ] || [ ! -d "/etc/postgresql/$ver/main" ]; then
      ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | tail -n 1)"
      [ -n "$ver" ] || die "postgres is installed but no server version found under /usr/lib/postgresql"
      say "creating postgres cluster $ver/main"
      "${SUDO[@]}" pg_createcluster "$ver" main >/dev/null
    fi
    say "starting postgres $ver/main"
    "${SUDO[@]}" pg_ctlcluster --skip-systemctl-redirect "$ver" main start \
      || die "pg_ctlcluster $ver main start failed (see /var/log/postgresql/)"
    for _ in $(seq 1 50); do
      pg_ready && break
      sleep 0.2
    done
    pg_ready || die "postgres is not accepting connections on $PG_HOST:$PG_PORT"
  fi

  # Trust auth for user postgres over TCP on loopback.
  if ! PGCONNECT_TIMEOUT=5 psql -w -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
    local hba
    hba="$(pg_as_postgres psql -X -Atc 'show hba_file' 2>/dev/null || true)"
    [ -n "$hba" ] || die "cannot log into postgres as user postgres over $PG_HOST:$PG_PORT nor the local socket"
    say "enabling trust auth for 127.0.0.1 and ::1 in $hba"
    local tmp
    tmp="$(mktemp)"
    {
      echo "# added by tessera scripts/ensure-services.sh: trust loopback TCP"
      echo "host    all             all             127.0.0.1/32            trust"
      echo "host    all             all             ::1/128                 trust"
      "${SUDO[@]}" cat "$hba"
    } >"$tmp"
    "${SUDO[@]}" cp "$tmp" "$hba"
    rm -f "$tmp"
    pg_as_postgres psql -X -q -Atc 'select pg_reload_conf()' >/dev/null
    sleep 0.5
    PGCONNECT_TIMEOUT=5 psql -w -X -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atc 'select 1' >/dev/null \
      || die "still cannot connect as postgres@$PG_HOST:$PG_PORT without a password"
  fi
}

# ---------------------------------------------------------------- Redis

redis_ping() {
  # Plain bash so that it works without redis-cli.
  local reply=""
  {
    exec 3<>"/dev/tcp/$REDIS_HOST/$REDIS_PORT"
  } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 2 reply <&3 || true
  exec 3>&- 3<&-
  [ "${reply%$'\r'}" = "+PONG" ]
}

ensure_redis() {
  redis_ping && return 0
  if ! command -v redis-server >/dev/null 2>&1; then
    apt_install redis-server
    # The package may have started a server of its own.
    sleep 0.5
    redis_ping && return 0
  fi
  say "starting redis-server on $REDIS_HOST:$REDIS_PORT"
  (cd /tmp && redis-server --daemonize yes --bind "$REDIS_HOST" --port "$REDIS_PORT" --save "" --appendonly no >/dev/null)
  for _ in $(seq 1 50); do
    redis_ping && return 0
    sleep 0.1
  done
  die "redis is not answering PING on $REDIS_HOST:$REDIS_PORT"
}

# ---------------------------------------------------------------- Browser

lock_hash() {
  sha256sum "$1" | cut -d' ' -f1
}

SCHEMATHESIS_VERSION=4.32.5
FUZZ_VENV="$HOME/.cache/tessera/venv"

ensure_schemathesis() {
  # The fuzz test runs $FUZZ_VENV/bin/st. A venv of its own: Debian's python refuses
  # system-wide pip installs, and the pin keeps the checks' names and behaviour stable.
  if "$FUZZ_VENV/bin/st" --version 2>/dev/null | grep -qF "version $SCHEMATHESIS_VERSION"; then
    return 0
  fi
  command -v python3 >/dev/null 2>&1 || apt_install python3
  if [ ! -x "$FUZZ_VENV/bin/pip" ]; then
    rm -rf "$FUZZ_VENV"
    if ! python3 -m venv "$FUZZ_VENV" >"$APT_LOG" 2>&1; then
      # Debian ships venv separately.
      apt_install python3-venv
      rm -rf "$FUZZ_VENV"
      python3 -m venv "$FUZZ_VENV" >"$APT_LOG" 2>&1 || { cat "$APT_LOG" >&2; die "python3 -m venv failed"; }
    fi
  fi
  say "installing schemathesis $SCHEMATHESIS_VERSION (the OpenAPI fuzz test) in ${FUZZ_VENV/#$HOME/\~}"
  "$FUZZ_VENV/bin/pip" install -q "schemathesis==$SCHEMATHESIS_VERSION" >"$APT_LOG" 2>&1 \
    || { cat "$APT_LOG" >&2; die "pip install schemathesis failed"; }
}

ensure_moto() {
  # An S3-compatible server for the media-in-S3 tests.
  command -v moto_server >/dev/null 2>&1 && return 0
  command -v pip3 >/dev/null 2>&1 || apt_install python3-pip
  say "installing moto[server] (S3 for the tests)"
  pip3 install -q "moto[server]" >"$APT_LOG" 2>&1 || pip3 install -q --break-system-packages "moto[server]" >"$APT_LOG" 2>&1 \
    || { cat "$APT_LOG" >&2; die "pip install moto[server] failed"; }
}

ensure_browser() {
  if [ ! -x /usr/bin/chromium ]; then
    apt_install chromium
  fi
  ensure_node
  npm_ci_in "$ROOT/tests/browser"
}

# ---------------------------------------------------------------- Mail capture

MAIL_SMTP_PORT="${TESSERA_MAILDEV_SMTP_PORT:-1025}"
MAIL_WEB_PORT="${TESSERA_MAILDEV_WEB_PORT:-1080}"

maildev_up() {
  command -v curl >/dev/null 2>&1 || return 1
  curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$MAIL_WEB_PORT/api/email" 2>/dev/null
}

ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    local pkgs=()
    command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
    command -v npm >/dev/null 2>&1 || pkgs+=(npm)
    apt_install "${pkgs[@]}"
  fi
}

npm_ci_in() {
  # npm ci in $1 when its lock file changed since the last install.
  local dir="$1"
  local stamp="$dir/node_modules/.tessera-lock-sha256"
  [ -f "$dir/package-lock.json" ] || die "$dir/package-lock.json is missing"
  local want have=""
  want="$(lock_hash "$dir/package-lock.json")"
  [ -f "$stamp" ] && have="$(cat "$stamp")"
  if [ ! -d "$dir/node_modules" ] || [ "$want" != "$have" ]; then
    say "npm ci in ${dir#"$ROOT"/}"
    local log
    log="$(mktemp)"
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) >"$log" 2>&1; then
      cat "$log" >&2
      rm -f "$log"
      die "npm ci in $dir failed"
    fi
    rm -f "$log"
    echo "$want" >"$stamp"
  fi
}

ensure_mail() {
  local pkgs=()
  command -v pdftotext >/dev/null 2>&1 || pkgs+=(poppler-utils)
  command -v zbarimg >/dev/null 2>&1 || pkgs+=(zbar-tools)
  command -v curl >/dev/null 2>&1 || pkgs+=(curl)
  [ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || pkgs+=(fonts-noto-cjk)
  [ "${#pkgs[@]}" -eq 0 ] || apt_install "${pkgs[@]}"
  ensure_node
  npm_ci_in "$ROOT/tools/mail"
  maildev_up && return 0
  say "starting maildev: SMTP on 127.0.0.1:$MAIL_SMTP_PORT, inbox on http://127.0.0.1:$MAIL_WEB_PORT/"
  local log="${TMPDIR:-/tmp}/tessera-maildev.log"
  # The node script itself, so the process that runs is the server (stop it with its pid).
  nohup node "$ROOT/tools/mail/node_modules/maildev/dist/bin/maildev.js" \
    --ip 127.0.0.1 --web-ip 127.0.0.1 -s "$MAIL_SMTP_PORT" -w "$MAIL_WEB_PORT" \
    --mail-directory "${TMPDIR:-/tmp}/tessera-maildev" >"$log" 2>&1 &
  for _ in $(seq 1 100); do
    maildev_up && return 0
    sleep 0.1
  done
  cat "$log" >&2
  die "maildev did not start (ports $MAIL_SMTP_PORT/$MAIL_WEB_PORT taken?)"
}

# ---------------------------------------------------------------- Ethereum

ensure_eth() {
  ensure_node
  npm_ci_in "$ROOT/contracts"
  "$ROOT/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" --version >/dev/null 2>&1 \
    || die "anvil from contracts/node_modules does not run (see contracts/README.md)"
}

ANVIL_PORT="${TESSERA_ANVIL_PORT:-8545}"
ANVIL_L2_PORT="${TESSERA_ANVIL_L2_PORT:-8546}"

anvil_up() { # port
  command -v curl >/dev/null 2>&1 || return 1
  curl -fsS -o /dev/null --max-time 2 -H 'content-type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "http://127.0.0.1:$1" 2>/dev/null
}

# An anvil chain on a port, kept between runs in a state file: the "L1" (anvil's own chain id,
# 31337) and the "L2" (chain id 1337, a block a second as on a rollup).
start_anvil() { # port name chain-id block-time
  local port="$1" name="$2" chain_id="$3" block_time="$4"
  anvil_up "$port" && return 0
  local state="$HOME/.cache/tessera/$name-state.json"
  mkdir -p "$(dirname "$state")"
  say "starting $name on http://127.0.0.1:$port (chain id $chain_id, a block every $block_time s; state in $state)"
  local log="${TMPDIR:-/tmp}/tessera-$name.log"
  nohup "$ROOT/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil" \
    --host 127.0.0.1 --port "$port" --chain-id "$chain_id" --block-time "$block_time" \
    --state "$state" --state-interval 10 >"$log" 2>&1 &
  for _ in $(seq 1 100); do
    anvil_up "$port" && return 0
    sleep 0.1
  done
  cat "$log" >&2
  die "$name did not start (port $port taken?)"
}

ensure_anvil() {
  command -v curl >/dev/null 2>&1 || apt_install curl
  start_anvil "$ANVIL_PORT" anvil 31337 2
  start_anvil "$ANVIL_L2_PORT" anvil-l2 1337 1
}

# ---------------------------------------------------------------- Rust toolchain

ensure_rust() {
  # A C compiler for the few crates that build C (ring), then Rust itself through rustup
  # (Debian's own rustc is too old for this workspace's edition).
  if ! command -v cc >/dev/null 2>&1; then
    apt_install build-essential pkg-config
  fi
  if command -v cargo >/dev/null 2>&1; then
    return 0
  fi
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    say "Rust is installed in ~/.cargo/bin but not on PATH: run 'source ~/.cargo/env' or open a new shell"
    return 0
  fi
  command -v curl >/dev/null 2>&1 || apt_install curl ca-certificates
  say "installing Rust (rustup, stable toolchain)"
  curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --component clippy,rustfmt >/dev/null \
    || die "installing Rust failed; see https://rustup.rs"
  say "Rust installed; scripts pick it up from ~/.cargo/bin"
}

# promtool comes with Debian's prometheus package, whose install may start the server: it is
# stopped again (only the tool is wanted).
ensure_promtool() {
  command -v promtool >/dev/null 2>&1 && return 0
  apt_install --no-install-recommends prometheus
  if pgrep -u prometheus -x prometheus >/dev/null 2>&1; then
    say "stopping the Prometheus server the package started"
    "${SUDO[@]}" systemctl disable --now prometheus >/dev/null 2>&1 \
      || "${SUDO[@]}" pkill -u prometheus -x prometheus || true
  fi
  command -v promtool >/dev/null 2>&1 || die "promtool is missing after installing prometheus"
}

# HAProxy from Debian; a server its package started is stopped (the cluster runs its own).
ensure_haproxy() {
  command -v haproxy >/dev/null 2>&1 && return 0
  apt_install --no-install-recommends haproxy
  if pgrep -u haproxy -x haproxy >/dev/null 2>&1 || pgrep -f '^/usr/sbin/haproxy -Ws' >/dev/null 2>&1; then
    say "stopping the HAProxy service the package started"
    "${SUDO[@]}" systemctl disable --now haproxy >/dev/null 2>&1 \
      || "${SUDO[@]}" pkill -f '^/usr/sbin/haproxy -Ws' || true
  fi
  command -v haproxy >/dev/null 2>&1 || die "haproxy is missing after installing it"
}

ensure_rust
ensure_postgres
ensure_redis
if [ "$BROWSER" -eq 1 ]; then
  ensure_moto
  ensure_browser
fi
if [ "$MAIL" -eq 1 ]; then
  ensure_mail
fi
if [ "$ETH" -eq 1 ]; then
  ensure_eth
fi
if [ "$ANVIL" -eq 1 ]; then
  ensure_anvil
fi
if [ "$FUZZ" -eq 1 ]; then
  ensure_schemathesis
fi
if [ "$PROMTOOL" -eq 1 ]; then
  ensure_promtool
fi
if [ "$HAPROXY" -eq 1 ]; then
  ensure_haproxy
fi
