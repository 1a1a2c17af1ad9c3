#!/usr/bin/env bash
# Runs every benchmark (figures go to docs/bench/*.md), then assembles docs/benchmarks.md.
# Speed targets are measured here, never asserted by timed tests: this machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bootstrap.sh
ensure_node; ensure_pnpm; ensure_deps; ensure_chromium; ensure_redis

log "token cipher vs raw AES-GCM";   pnpm -s --filter @byok/crypto bench -- --write
log "vault unlock (Chromium, Node)"; pnpm -s --filter @byok/web exec tsx bench/vault-bench.ts
log "next build for the HTTP bench"; pnpm -s --filter @byok/web build >/dev/null
log "cacheByokKeys over HTTP";       pnpm -s --filter @byok/web bench:cache
log "page weight (Lighthouse)";      pnpm -s --filter @byok/web bench:lighthouse
log "upload memory";                 pnpm -s --filter @byok/web bench:upload -- --write
log "pipeline";                      pnpm -s --filter @byok/worker bench
# The Redis-only store (before PostgreSQL became the record) and the code before the usage ledger,
# each run beside this one, alternating; figures in docs/bench/pipeline-history.md.
log "pipeline across revisions";     bash scripts/bench-revisions.sh f66487a c1d106a HEAD
pnpm -s exec tsx scripts/assemble-benchmarks.ts
log "wrote docs/benchmarks.md"
