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
ensure_redis

start=$(date +%s)
log "typecheck";  pnpm -s typecheck
log "lint";       pnpm -s lint
log "vitest";     pnpm -s vitest
log "next build"; pnpm -s --filter @byok/web build
log "playwright"; pnpm -s e2e
log "all green in $(( $(date +%s) - start ))s"
