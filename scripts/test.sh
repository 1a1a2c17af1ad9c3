#!/usr/bin/env bash
# The one test command (README): typecheck, lint, every vitest project against the real Redis and
# the provider emulator, then Playwright in Chromium against the production build. turbo runs each
# step. Every step runs even when an earlier one failed, so the closing summary ("N passed,
# N failed") speaks for the whole suite; the command fails if any step did.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bootstrap.sh

ensure_node
ensure_pnpm
ensure_deps
ensure_chromium
ensure_nginx
ensure_redis
# Each test file creates (and drops) a database of its own on this server, copied from a template
# migrated with the repository's migrations; DATABASE_URL names the server's admin database.
ensure_postgres postgres

start=$(date +%s)
failed=()
step() {
  local name=$1
  shift
  log "$name"
  if ! "$@"; then
    failed+=("$name")
    log "$name failed"
  fi
}

# Reports of an earlier run must not stand in for this one's.
rm -f .data/test-results/vitest.json apps/web/test-results/results.json

log "compose file"
if docker compose version >/dev/null 2>&1; then compose="docker compose"; elif command -v docker-compose >/dev/null; then compose="docker-compose"; else compose=""; fi
if [ -n "$compose" ]; then
  step compose env REDIS_PASSWORD=check POSTGRES_PASSWORD=check PLATFORM_TOKEN_SECRET=check SESSION_SECRET=check APP_URL=https://localhost SMTP_URL=smtp://localhost $compose -f docker-compose.yml config --quiet
else
  log "no docker compose client here: docker-compose.yml not validated"
fi
step typecheck pnpm -s typecheck
step lint pnpm -s lint
step vitest pnpm -s exec turbo run vitest -- --reporter=default --reporter=json --outputFile.json=.data/test-results/vitest.json
step build pnpm -s build
if [[ " ${failed[*]} " == *" build "* ]]; then
  failed+=("playwright")
  log "playwright skipped: there is no production build"
else
  step playwright pnpm -s e2e
fi

log "done in $(( $(date +%s) - start ))s"
pnpm -s exec tsx scripts/test-summary.ts "${failed[@]}"
[ ${#failed[@]} -eq 0 ]
