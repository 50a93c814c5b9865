#!/usr/bin/env bash
# The hub end to end on this machine: installs, starts PostgreSQL, Redis and a fresh Kafka,
# migrates, starts all four services, plays a six-week scenario on the simulated clock, prints
# what each recipient received, then keeps serving until Ctrl-C.
#
#   npm start                          play, then keep serving (API on http://127.0.0.1:3000)
#   npm start -- --exit-after-scenario play, then stop everything
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/install.sh
# PostgreSQL and Redis as usual; Kafka once, here: the demo's own broker starts empty each time,
# so earlier runs never leak into the story.
INFRA_SKIP_KAFKA=1 bash scripts/infra/up.sh
bash scripts/infra/kafka.sh stop >/dev/null
bash scripts/infra/kafka.sh start

stop_infra() {
  bash scripts/infra/kafka.sh stop >/dev/null || true
  bash scripts/infra/down.sh || true
}
trap stop_infra EXIT
node -r ./tools/register-ts.js tools/demo/run-demo.ts "$@"
