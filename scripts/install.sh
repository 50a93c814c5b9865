#!/usr/bin/env bash
# Installs the pinned dependencies (package-lock.json) when they are missing or stale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STAMP="node_modules/.throughcare-lock.sha256"
WANT="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" ]]; then
  exit 0
fi
echo "[install] installing the versions pinned in package-lock.json"
# `npm install` with the committed lock rather than `npm ci`: the registry this project is
# built against carries only Linux builds of native optional packages (@swc/core-*), and npm ci
# refuses a lock that cannot list the others. --no-save keeps the lock exactly as committed.
npm install --no-save --no-audit --no-fund --loglevel=error
echo "$WANT" >"$STAMP"
