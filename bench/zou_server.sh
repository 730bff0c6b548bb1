#!/usr/bin/env bash
# Start a throw-away Zou server to benchmark against, outside this repository.
#
#   ZOU_VENV=/tmp/zouvenv bench/zou_server.sh [setup|start|stop]
#
# Needs a virtualenv with Zou installed (pip install zou gunicorn gevent), a local
# PostgreSQL reachable as $DB_USER at $DB_HOST, and redis-server on the PATH (a private
# instance is started on $ZOU_REDIS_PORT, since Zou hard-codes its Redis db numbers).
# Nothing of Zou is vendored here: this only sets environment variables and runs the
# commands Zou documents.
set -euo pipefail

ZOU_VENV=${ZOU_VENV:-/tmp/zouvenv}
WORK=${ZOU_WORK:-/tmp/zoubench}
PORT=${ZOU_PORT:-5100}
WORKERS=${ZOU_WORKERS:-2}
ZOU_REDIS_PORT=${ZOU_REDIS_PORT:-6390}
export DB_HOST=${DB_HOST:-127.0.0.1}
export DB_PORT=${DB_PORT:-5432}
export DB_USERNAME=${DB_USER:-postgres}
export DB_PASSWORD=${DB_PASSWORD:-}
export DB_DATABASE=${ZOU_DB:-zoubench}
export KV_HOST=127.0.0.1
export KV_PORT=$ZOU_REDIS_PORT
export SECRET_KEY=${ZOU_SECRET_KEY:-bench-secret-key-not-for-production-use-0123456789}
export PREVIEW_FOLDER=$WORK/previews
export TMP_DIR=$WORK/tmp
export INDEXER_KEY=""          # no Meilisearch: Zou skips indexing
export MAIL_SERVER=""
export MAIL_CHECK_DELIVERABILITY=false   # no DNS look-ups for the seeded e-mails
ADMIN_EMAIL=${ZOU_ADMIN_EMAIL:-admin@example.com}
ADMIN_PASSWORD=${ZOU_ADMIN_PASSWORD:-bench-password}

mkdir -p "$WORK/previews" "$WORK/tmp"
cmd=${1:-start}

start_redis() {
  if ! redis-cli -p "$ZOU_REDIS_PORT" ping >/dev/null 2>&1; then
    redis-server --port "$ZOU_REDIS_PORT" --save "" --appendonly no \
      --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"
    sleep 0.5
  fi
}

case "$cmd" in
  setup)
    start_redis
    createdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" "$DB_DATABASE" 2>/dev/null || true
    "$ZOU_VENV/bin/zou" init-db
    "$ZOU_VENV/bin/zou" init-data
    "$ZOU_VENV/bin/zou" create-admin "$ADMIN_EMAIL" --password "$ADMIN_PASSWORD" || true
    ;;
  start)
    if curl -sf "http://127.0.0.1:$PORT/" >/dev/null; then
      echo "something already answers on port $PORT" >&2; exit 1
    fi
    start_redis
    "$ZOU_VENV/bin/gunicorn" -k gevent -w "$WORKERS" -b "127.0.0.1:$PORT" \
      --pid "$WORK/gunicorn.pid" --daemon --error-logfile "$WORK/gunicorn.log" \
      zou.app:app
    for _ in $(seq 50); do
      curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break
      sleep 0.2
    done
    echo "Zou on http://127.0.0.1:$PORT (gunicorn master pid $(cat "$WORK/gunicorn.pid"): pass it to --pid)"
    ;;
  stop)
    for pidfile in "$WORK/gunicorn.pid" "$WORK/redis.pid"; do
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
    done
    ;;
  drop)
    dropdb -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USERNAME" --if-exists "$DB_DATABASE"
    ;;
  *) echo "usage: $0 [setup|start|stop|drop]" >&2; exit 2 ;;
esac
