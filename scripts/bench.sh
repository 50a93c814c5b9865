#!/usr/bin/env bash
# Benchmarks (bench/*.bench.ts) against the local Redis: installs dependencies, starts PostgreSQL
# and Redis when they are not running (and stops on exit only what it started), runs
# bench/run-benchmarks.ts, which writes .cache/bench/latest.{md,json} and prints the Markdown
# report on stdout. Everything else goes to stderr, so `npm run -s bench > report.md` works.
#
#   npm run bench                       all benchmarks (about 2-3 minutes)
#   npm run bench -- milestone-timers   only the ones named
#   BENCH_QUICK=1 npm run bench         scaled down, to check that they work
#
# Every Redis key a run creates starts with $BENCH_PREFIX (thub-bench-<timestamp>-<pid>); the
# benchmarks delete their keys, and the exit trap deletes any that a crash left behind.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

REDIS_PORT="${REDIS_PORT:-6379}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}"
export BENCH_PREFIX="${BENCH_PREFIX:-thub-bench-$(date +%Y%m%d%H%M%S)-$$}"

log() { echo "[bench] $*" >&2; }

bash scripts/install.sh >&2

cleanup() {
  local status=$?
  if [[ "$(redis-cli -u "$REDIS_URL" ping 2>/dev/null)" == "PONG" ]]; then
    local left
    left="$(redis-cli -u "$REDIS_URL" --scan --pattern "$BENCH_PREFIX*" | wc -l)"
    if [[ "$left" -gt 0 ]]; then
      log "deleting $left keys left under $BENCH_PREFIX"
      redis-cli -u "$REDIS_URL" --scan --pattern "$BENCH_PREFIX*" |
        xargs -r -n 500 redis-cli -u "$REDIS_URL" unlink >/dev/null
    fi
  fi
  bash scripts/infra/down.sh >&2 || true
  exit $status
}
trap cleanup EXIT

INFRA_SKIP_KAFKA=1 bash scripts/infra/up.sh >&2

START=$SECONDS
node -r ./tools/register-ts.js bench/run-benchmarks.ts "$@"
log "done in $((SECONDS - START))s"
