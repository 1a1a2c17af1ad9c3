#!/usr/bin/env bash
# The one run command (README): web + worker + provider emulator, with the Redis and PostgreSQL it
# finds or starts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bootstrap.sh

ensure_node
ensure_pnpm
ensure_deps
ensure_redis
ensure_postgres byok
log "migrating the database (pnpm db:migrate)"
pnpm -s db:migrate
log "seeding the demo accounts, one per plan (pnpm admin seed-demo)"
pnpm -s admin seed-demo

exec pnpm -s exec tsx scripts/dev.ts "$@"
