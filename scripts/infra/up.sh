#!/usr/bin/env bash
# Bring up local infrastructure without Docker: PostgreSQL, Redis, Kafka (KRaft).
# Services that are already running are reused, not restarted. Whatever THIS
# script starts is recorded in .cache/infra/started so that down.sh stops only
# those (entries from an earlier up.sh that were never taken down are kept).
#
# Env: PG_PORT (5432), REDIS_PORT (6379), INFRA_SKIP_KAFKA=1 (the test command runs its own
# broker), INFRA_SKIP_POSTGRES=1 / INFRA_SKIP_REDIS=1 (configured elsewhere: `npm run hub`),
# INFRA_STATE_DIR (where "started" is recorded; `npm run hub` keeps its own), plus the KAFKA_*
# vars of kafka.sh.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

HOST=127.0.0.1
PG_PORT="${PG_PORT:-5432}"
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DIR="$REPO_ROOT/.cache/redis"
STATE_DIR="${INFRA_STATE_DIR:-$REPO_ROOT/.cache/infra}"
STARTED_FILE="$STATE_DIR/started"

log() { echo "[infra] $*"; }
err() { echo "[infra] ERROR: $*" >&2; }

mkdir -p "$STATE_DIR"

record_started() {
  touch "$STARTED_FILE"
  grep -qx "$1" "$STARTED_FILE" || echo "$1" >>"$STARTED_FILE"
}

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null; then
    sudo "$@"
  else
    err "need root to run: $*"
    exit 1
  fi
}

apt_install() {
  log "installing $* via apt ..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# ---------------------------------------------------------------- PostgreSQL
pg_ready() { pg_isready -q -h "$HOST" -p "$PG_PORT" 2>/dev/null; }

start_postgres() {
  if command -v pg_isready >/dev/null && pg_ready; then
    log "postgres: already accepting connections on $HOST:$PG_PORT"
    return 0
  fi
  if ! command -v pg_ctlcluster >/dev/null || [[ -z "$(ls -A /etc/postgresql 2>/dev/null)" ]]; then
    apt_install postgresql
  fi
  local ver
  ver="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort -V | head -1)"
  log "postgres: starting cluster $ver/main ..."
  # Exit code 2 means "already running" (e.g. the apt postinst started it).
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" main start || {
    rc=$?
    [[ $rc -eq 2 ]] || { err "pg_ctlcluster $ver main start failed (rc=$rc)"; exit 1; }
  }
  record_started postgres
  local i
  for ((i = 0; i < 60; i++)); do
    pg_ready && { log "postgres: ready on $HOST:$PG_PORT"; return 0; }
    sleep 0.5
  done
  err "postgres did not become ready on $HOST:$PG_PORT within 30s"
  exit 1
}

# --------------------------------------------------------------------- Redis
redis_ping() { [[ "$(redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; }

start_redis() {
  if command -v redis-cli >/dev/null && redis_ping; then
    local policy
    policy="$(redis-cli -h "$HOST" -p "$REDIS_PORT" config get maxmemory-policy | sed -n 2p)"
    if [[ "$policy" != "noeviction" ]]; then
      redis-cli -h "$HOST" -p "$REDIS_PORT" config set maxmemory-policy noeviction >/dev/null
      log "redis: already running on $HOST:$REDIS_PORT; maxmemory-policy was '$policy', set to 'noeviction' (required by BullMQ)"
    else
      log "redis: already running on $HOST:$REDIS_PORT (maxmemory-policy noeviction)"
    fi
    return 0
  fi
  if port_open "$REDIS_PORT"; then
    err "$HOST:$REDIS_PORT is in use but does not answer redis PING with PONG (auth required, or not redis?)"
    exit 1
  fi
  command -v redis-server >/dev/null || apt_install redis-server
  mkdir -p "$REDIS_DIR"
  log "redis: starting on $HOST:$REDIS_PORT (data/log in ${REDIS_DIR#"$REPO_ROOT"/}) ..."
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" \
    --save "" --appendonly yes --appendfilename throughcare.aof \
    --dir "$REDIS_DIR" --maxmemory-policy noeviction \
    --logfile "$REDIS_DIR/redis.log"
  record_started redis
  local i
  for ((i = 0; i < 60; i++)); do
    redis_ping && { log "redis: ready on $HOST:$REDIS_PORT"; return 0; }
    sleep 0.25
  done
  err "redis did not answer PONG on $HOST:$REDIS_PORT within 15s; see $REDIS_DIR/redis.log"
  tail -n 20 "$REDIS_DIR/redis.log" >&2 || true
  exit 1
}

# --------------------------------------------------------------------- Kafka
start_kafka() {
  if "$SCRIPT_DIR/kafka.sh" status >/dev/null 2>&1; then
    "$SCRIPT_DIR/kafka.sh" start # validates it answers; reports "already running"
    return 0
  fi
  "$SCRIPT_DIR/kafka.sh" start
  record_started kafka
}

[[ "${INFRA_SKIP_POSTGRES:-0}" == 1 ]] || start_postgres
[[ "${INFRA_SKIP_REDIS:-0}" == 1 ]] || start_redis
if [[ "${INFRA_SKIP_KAFKA:-0}" == 1 ]]; then
  log "up: postgres $HOST:$PG_PORT, redis $HOST:$REDIS_PORT (kafka left to the caller)"
else
  start_kafka
  log "up: postgres $HOST:$PG_PORT, redis $HOST:$REDIS_PORT, kafka $HOST:${KAFKA_PORT:-9092}"
fi
if [[ -s "$STARTED_FILE" ]]; then
  log "started by up.sh (down.sh will stop): $(paste -sd' ' "$STARTED_FILE")"
else
  log "nothing new started; down.sh will leave everything running"
fi
