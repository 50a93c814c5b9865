#!/usr/bin/env bash
# Stop, in reverse order (kafka, redis, postgres), only the services that
# scripts/infra/up.sh started, as recorded in .cache/infra/started.
#
# Env: PG_PORT (5432), REDIS_PORT (6379), INFRA_STATE_DIR (as up.sh), plus the KAFKA_* vars of
# kafka.sh.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

HOST=127.0.0.1
PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
STARTED_FILE="${INFRA_STATE_DIR:-$REPO_ROOT/.cache/infra}/started"

log() { echo "[infra] $*"; }
err() { echo "[infra] ERROR: $*" >&2; }

if [[ ! -s "$STARTED_FILE" ]]; then
  log "nothing recorded in ${STARTED_FILE#"$REPO_ROOT"/}; leaving services alone"
  rm -f "$STARTED_FILE"
  exit 0
fi

started() { grep -qx "$1" "$STARTED_FILE"; }
unrecord() {
  local tmp
  tmp="$(mktemp)"
  grep -vx "$1" "$STARTED_FILE" >"$tmp" || true
  mv -f "$tmp" "$STARTED_FILE"
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

status=0

if started kafka; then
  if "$SCRIPT_DIR/kafka.sh" stop; then unrecord kafka; else status=1; fi
fi

if started redis; then
  if [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; then
    log "redis: shutting down $HOST:$REDIS_PORT ..."
    redis-cli -h "$HOST" -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    for ((i = 0; i < 40; i++)); do
      [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]] || break
      sleep 0.25
    done
    if [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; then
      err "redis still answering on $HOST:$REDIS_PORT"
      status=1
    else
      log "redis: stopped"
      unrecord redis
    fi
  else
    log "redis: not running"
    unrecord redis
  fi
fi

if started postgres; then
  ver="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | head -1)"
  if [[ -n "$ver" ]] && pg_isready -q -h "$HOST" -p "$PG_PORT" 2>/dev/null; then
    log "postgres: stopping cluster $ver/main ..."
    if as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main stop; then
      log "postgres: stopped"
      unrecord postgres
    else
      err "pg_ctlcluster $ver main stop failed"
      status=1
    fi
  else
    log "postgres: not running"
    unrecord postgres
  fi
fi

if [[ $status -eq 0 ]]; then
  rm -f "$STARTED_FILE"
  log "down"
else
  err "some services failed to stop; still recorded in ${STARTED_FILE#"$REPO_ROOT"/}"
fi
exit $status
