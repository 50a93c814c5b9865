#!/usr/bin/env bash
# The full chaos suite (issue 13): every case of test/chaos with bigger bursts, including a
# PostgreSQL crash, the notifier killed three times in one burst, every service killed at once
# and FLUSHALL while the subscriber fails at random. Starts PostgreSQL and Redis when they are
# not running (the cases themselves use a private PostgreSQL cluster and Redis server), a Kafka
# broker of its own on free loopback ports (killed and restarted by the broker case), and stops
# what it started. The test command runs the bounded profile (CHAOS_PROFILE=bounded).
#
#   npm run test:chaos:full            about 10-15 minutes on 2 cores
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port_pair() {
  local port
  for port in $(seq 19300 2 19358); do
    if port_free "$port" && port_free $((port + 1)); then echo "$port"; return; fi
  done
  echo "no free port pair between 19300 and 19359" >&2
  return 1
}

export KAFKA_PORT="${KAFKA_PORT:-$(free_port_pair)}"
export KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))
export KAFKA_STATE_DIR="$ROOT/.cache/kafka-chaos-$KAFKA_PORT"
export KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
export TZ=UTC CHAOS_PROFILE=full

cleanup() {
  local status=$?
  bash scripts/infra/kafka.sh stop >/dev/null 2>&1 || true
  rm -rf "$KAFKA_STATE_DIR"
  bash scripts/infra/down.sh || true
  exit $status
}
trap cleanup EXIT

INFRA_SKIP_KAFKA=1 bash scripts/infra/up.sh
bash scripts/infra/kafka.sh start
node tools/build/build-services.js >/dev/null
npx jest -c jest.chaos.config.js "$@"
