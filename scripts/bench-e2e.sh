#!/usr/bin/env bash
# The whole-stack benchmark (issue 13): starts PostgreSQL and Redis when they are not running, a
# Kafka broker of its own on free loopback ports, runs bench/e2e/run-bench-e2e.ts (the hub under
# the reception + consent + release workload at fixed rates and at the maximum, with the raw
# kafkajs and plain-HTTP baselines), writes bench/reports/bench-e2e-<stamp>-x<instances>.{md,json}
# and prints the Markdown. Stops what it started.
#
#   npm run bench:e2e                                   the full run (about 15 minutes)
#   BENCH_E2E_SECONDS=15 BENCH_E2E_MAX_SECONDS=15 npm run bench:e2e   a short run
#   BENCH_E2E_INSTANCES=2 npm run bench:e2e             two processes of each service
# Other settings: see bench/e2e/run-bench-e2e.ts.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { echo "[bench:e2e] $*" >&2; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_pair() {
  local port
  for port in $(seq 19200 2 19290); do
    if port_free "$port" && port_free $((port + 1)); then echo "$port"; return; fi
  done
  echo "no free port pair between 19200 and 19291" >&2
  return 1
}

export KAFKA_PORT="${BENCH_KAFKA_PORT:-$(free_port_pair)}"
export KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
export KAFKA_STATE_DIR="$ROOT/.cache/kafka-bench-e2e-$KAFKA_PORT"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
export TZ=UTC

cleanup() {
  local status=$?
  bash scripts/infra/kafka.sh stop >/dev/null 2>&1 || true
  rm -rf "$KAFKA_STATE_DIR"
  bash scripts/infra/down.sh >&2 || true
  exit $status
}
trap cleanup EXIT

INFRA_SKIP_KAFKA=1 bash scripts/infra/up.sh >&2
bash scripts/infra/kafka.sh start >&2
node tools/build/build-services.js >/dev/null
node -r ./tools/register-ts.js bench/e2e/run-bench-e2e.ts
