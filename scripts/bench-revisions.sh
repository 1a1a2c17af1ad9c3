#!/usr/bin/env bash
# The pipeline benchmark on several commits of this repository, one after the other and alternating
# (A B C A B C …), with the same knobs, so that each commit's figure sits beside the others' from the
# same spell of a shared machine. Each commit gets its own work tree and node_modules under
# .data/bench-trees (reused by later runs); the commits' own benchmark scripts run, unchanged.
#
#   bash scripts/bench-revisions.sh f66487a c1d106a HEAD      # e.g. Redis-only store, before, now
#   CYCLES=2 BENCH_TRIALS=3 BENCH_WARMUP_RECORDINGS=1000 bash scripts/bench-revisions.sh …
#
# Prints one line per run (revision, cycle, load average, both kinds' recordings per second, and the
# CPU-per-recording lines of the benchmark), then a summary per revision.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/bootstrap.sh
ensure_node; ensure_pnpm; ensure_redis; ensure_postgres postgres
[ $# -ge 2 ] || { echo "usage: $0 REV REV [REV…]" >&2; exit 2; }

export BENCH_TRIALS=${BENCH_TRIALS:-3} BENCH_WARMUP_RECORDINGS=${BENCH_WARMUP_RECORDINGS:-1000} BENCH_CLIENTS=${BENCH_CLIENTS:-1000}
cycles=${CYCLES:-2}
trees=.data/bench-trees
mkdir -p "$trees"
declare -A dir
for rev in "$@"; do
  sha=$(git rev-parse --short "$rev^{commit}")
  dir[$rev]="$trees/$sha"
  if [ ! -d "${dir[$rev]}" ]; then
    log "work tree for $rev ($sha)"
    git worktree add --detach "${dir[$rev]}" "$sha" >/dev/null
    (cd "${dir[$rev]}" && pnpm install --frozen-lockfile --reporter=silent)
  fi
done

results=$(mktemp)
for cycle in $(seq 1 "$cycles"); do
  for rev in "$@"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    out=$(cd "${dir[$rev]}/apps/worker" && node --expose-gc --import tsx bench/pipeline-bench.ts 2>&1 | grep -E '^\{"perKind"|CPU per recording' || true)
    json=$(grep '^{"perKind"' <<<"$out" || echo '{}')
    echo "$rev $cycle load=$load $json" | tee -a "$results"
    grep 'CPU per' <<<"$out" | sed "s/^/  $rev: /" || true
  done
done

echo "summary (recordings per second, mean over cycles):"
for rev in "$@"; do
  grep "^$rev " "$results" | sed 's/.*load=[^ ]* //' | node -e '
    const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((r) => r.recordingsPerSecond);
    const mean = (k) => rows.reduce((s, r) => s + r.recordingsPerSecond[k], 0) / rows.length;
    console.log(`  ${process.argv[1]}: user keys ${mean("byok").toFixed(1)}, server keys ${mean("server").toFixed(1)} (${rows.length} runs)`);
  ' "$rev"
done
rm -f "$results"
