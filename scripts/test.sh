#!/usr/bin/env bash
# The one test command (README): typecheck, lint, every vitest project against the real Redis and
# the provider emulator, then Playwright in Debian's Chromium against the production build.
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
log "compose file"
if docker compose version >/dev/null 2>&1; then compose="docker compose"; elif command -v docker-compose >/dev/null; then compose="docker-compose"; else compose=""; fi
if [ -n "$compose" ]; then
  REDIS_PASSWORD=check POSTGRES_PASSWORD=check PLATFORM_TOKEN_SECRET=check SESSION_SECRET=check APP_URL=https://localhost SMTP_URL=smtp://localhost $compose -f docker-compose.yml config --quiet
else
  log "no docker compose client here: docker-compose.yml not validated"
fi
log "typecheck";  pnpm -s typecheck
log "lint";       pnpm -s lint
log "vitest";     pnpm -s vitest --reporter=default --reporter=json --outputFile.json=.data/test-results/vitest.json
log "next build"; pnpm -s --filter @byok/web build
log "playwright"; pnpm -s e2e
log "all green in $(( $(date +%s) - start ))s"
pnpm -s exec tsx scripts/test-summary.ts
