#!/usr/bin/env bash
# The one run command (README): web + worker + provider emulator, with a Redis it finds or starts.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bootstrap.sh

ensure_node
ensure_pnpm
ensure_deps
ensure_redis

exec pnpm -s exec tsx scripts/dev.ts "$@"
