#!/usr/bin/env bash
# `npm run hub`: the hub for real, on the system clock, from the built services
# (docs/configuration.md). Installs the pinned dependencies if needed, then hands over to
# tools/hub/run-hub.ts, which migrates, starts, and stops everything it started on Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/install.sh
exec node -r ./tools/register-ts.js tools/hub/run-hub.ts "$@"
