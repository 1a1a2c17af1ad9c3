# Sourced by scripts/test.sh, scripts/dev.sh and scripts/bench.sh: makes a fresh clone runnable on a
# Debian machine with Node 20 and nothing else set up. Each step skips what is already there
# (pnpm install always runs, and is quick when the lockfile is already installed).

PNPM_VERSION=10.34.9 # the packageManager field of package.json
# Next.js and turbo telemetry would try the network, which these machines do not have.
export NEXT_TELEMETRY_DISABLED=1
export TURBO_TELEMETRY_DISABLED=1

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

ensure_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    echo "Node.js 20.9 or newer is required (found: $(node -v 2>/dev/null || echo none))." >&2
    exit 1
  fi
}

# Any pnpm 10 already on PATH will do (it reads the same lockfile). Otherwise pnpm comes from npm at
# the pinned version, into .data/tools of this checkout rather than the global prefix: corepack,
# the usual way, cannot verify pnpm's signature offline.
ensure_pnpm() {
  local tools
  tools="$(pwd)/.data/tools"
  [ -x "$tools/node_modules/.bin/pnpm" ] && export PATH="$tools/node_modules/.bin:$PATH"
  local found
  found=$(pnpm -v 2>/dev/null || true)
  if [ "${found%%.*}" = "${PNPM_VERSION%%.*}" ]; then return; fi
  log "installing pnpm@$PNPM_VERSION into .data/tools (found: ${found:-no pnpm}; this project needs pnpm ${PNPM_VERSION%%.*})"
  npm install --prefix "$tools" --no-save --no-fund --no-audit --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null
  export PATH="$tools/node_modules/.bin:$PATH"
}

ensure_deps() {
  log "installing dependencies (pnpm install --frozen-lockfile)"
  pnpm install --frozen-lockfile --reporter=silent
}

# The end-to-end tests and the vault benchmark drive a real Chromium through Playwright, which
# cannot download its own browser here: Debian's chromium is the browser we test in.
ensure_chromium() {
  # The browser Playwright will use (apps/web/playwright.config.ts reads the same variable).
  if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    log "installing Debian's chromium with apt: Playwright drives it for the end-to-end tests (it cannot download a browser of its own here)"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
}

# The TLS edge's tests (apps/web/e2e/edge.spec.ts) run the repository's nginx config for real, so
# the test command needs Debian's nginx. The suite starts its own instance on a free port; the
# package's own service, if the install started one, is stopped again.
ensure_nginx() {
  if [ -x "${NGINX_PATH:-/usr/sbin/nginx}" ]; then return; fi
  log "installing Debian's nginx (the TLS edge is tested with the real server)"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null
  if [ -f /run/nginx.pid ]; then $sudo /usr/sbin/nginx -s stop 2>/dev/null || true; fi
}

redis_ping() { redis-cli -u "$1" ping 2>/dev/null | grep -q PONG; }

# Uses REDIS_URL when it answers; otherwise starts a private redis-server whose data lives in .data/.
# Sets REDIS_URL for the caller.
ensure_redis() {
  local url="${REDIS_URL:-redis://127.0.0.1:6379}"
  if command -v redis-cli >/dev/null && redis_ping "$url"; then
    export REDIS_URL="$url"
    return
  fi
  if ! command -v redis-server >/dev/null; then
    echo "No Redis answers at $url and redis-server is not installed." >&2
    echo "Start one with 'docker compose up -d redis', or install Redis (apt-get install redis-server) so 'redis-server' is on PATH." >&2
    exit 1
  fi
  local port="${BYOK_PRIVATE_REDIS_PORT:-6391}" dir
  dir="$(pwd)/.data/redis"
  mkdir -p "$dir"
  export REDIS_URL="redis://127.0.0.1:$port"
  if ! redis_ping "$REDIS_URL"; then
    log "starting a private redis-server on port $port (data in .data/redis)"
    redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --dir "$dir" \
      --save "" --appendonly no --maxmemory-policy noeviction --logfile "$dir/redis.log" \
      --pidfile "$dir/redis.pid"
    for _ in $(seq 1 50); do redis_ping "$REDIS_URL" && break; sleep 0.1; done
    redis_ping "$REDIS_URL" || { echo "redis-server did not start (see $dir/redis.log)" >&2; exit 1; }
  fi
}

database_check() { pnpm -s exec tsx scripts/lib/database-check.ts "$1"; }

# Uses DATABASE_URL when it answers, else PostgreSQL on 127.0.0.1:5432, else starts a private cluster
# whose data lives in .data/postgres (Debian's initdb/pg_ctl), else says how to install PostgreSQL.
# Creates the database when the server has none of that name. Sets DATABASE_URL for the caller.
ensure_postgres() {
  local name="${1:-byok}"
  if [ -n "${DATABASE_URL:-}" ]; then
    database_check "$DATABASE_URL" >/dev/null && return
    echo "DATABASE_URL is set but nothing answers there." >&2
    exit 1
  fi
  local url="postgres://postgres@127.0.0.1:5432/$name"
  if database_check "$url" 2>/dev/null; then
    export DATABASE_URL="$url"
    return
  fi
  local bin
  bin=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)")
  if [ ! -x "$bin/initdb" ]; then
    echo "No PostgreSQL answers at DATABASE_URL or 127.0.0.1:5432, and initdb is not installed." >&2
    echo "Install it with 'sudo apt-get install postgresql' (or start one with 'docker compose up -d postgres')." >&2
    exit 1
  fi
  local port="${BYOK_PRIVATE_PG_PORT:-54329}" dir as=""
  dir="$(pwd)/.data/postgres"
  # PostgreSQL refuses to run as root; Debian's package brings the postgres user for this.
  if [ "$(id -u)" -eq 0 ]; then as="runuser -u postgres --"; fi
  url="postgres://postgres@127.0.0.1:$port/$name"
  if ! database_check "$url" >/dev/null 2>&1; then
    if [ ! -f "$dir/PG_VERSION" ]; then
      log "creating a private PostgreSQL cluster in .data/postgres (loopback only, port $port)"
      mkdir -p "$dir"
      [ -n "$as" ] && chown postgres "$dir"
      $as "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    log "starting the private PostgreSQL on port $port"
    $as "$bin/pg_ctl" -D "$dir" -l "$dir/postgres.log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" start >/dev/null
    database_check "$url" >/dev/null || { echo "PostgreSQL did not start (see $dir/postgres.log)" >&2; exit 1; }
  fi
  export DATABASE_URL="$url"
}
