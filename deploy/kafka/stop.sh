#!/usr/bin/env bash
# Stop the broker started by start.sh. Quietly succeeds if it is not running.
#
#   bash deploy/kafka/stop.sh           # stop, keep topics/data
#   bash deploy/kafka/stop.sh --clean   # stop and delete data + logs (jars kept)
#
# Environment: KAFKA_HOME_DIR (default <this dir>/.kafka), KAFKA_STOP_TIMEOUT
# (seconds to wait after SIGTERM before SIGKILL, default 30).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$SCRIPT_DIR"

KAFKA_HOME_DIR="${KAFKA_HOME_DIR:-$SCRIPT_DIR/.kafka}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
PID_FILE="$KAFKA_HOME_DIR/kafka.pid"

clean=0
for arg in "$@"; do
  case "$arg" in
    --clean) clean=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--clean]" >&2; exit 2 ;;
  esac
done

log() { echo "[kafka] $*"; }

pid=""
[[ -f "$PID_FILE" ]] && pid="$(tr -dc '0-9' <"$PID_FILE" || true)"

# Only signal the process if it is still our broker (guards against PID reuse).
is_our_broker() {
  [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null || return 1
  if [[ -r "/proc/$1/cmdline" ]]; then
    [[ "$(tr '\0' ' ' <"/proc/$1/cmdline")" == *" kafka.Kafka "* ]]
  else
    [[ " $(ps -o args= -p "$1" 2>/dev/null) " == *" kafka.Kafka "* ]]
  fi
}

if is_our_broker "$pid"; then
  log "Stopping Kafka (pid $pid)..."
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "Kafka did not stop within ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  log "Kafka stopped"
fi
rm -f "$PID_FILE"

if ((clean)); then
  rm -rf "$KAFKA_HOME_DIR/data" "$KAFKA_HOME_DIR/logs" "$KAFKA_HOME_DIR/config"
  log "Removed Kafka data and logs under $KAFKA_HOME_DIR"
fi
