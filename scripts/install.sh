#!/usr/bin/env bash
# Installs the pinned dependencies (package-lock.json) when they are missing or stale.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Headless Chromium for the console's browser tests (test/e2e/console.e2e-spec.ts, driven by
# playwright-core, which downloads no browser): Debian's package, installed once. Without root
# or apt-get it only warns; the browser tests then fail saying how to install it.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "[install] installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    # Only when apt knows no candidate yet (a fresh image with no package lists).
    if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      apt-get update -qq
    fi
    apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  else
    echo "[install] warning: $CHROMIUM is missing and cannot be installed here (needs root and apt-get): the console's browser tests will fail" >&2
  fi
fi
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
