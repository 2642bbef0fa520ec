#!/usr/bin/env bash
# Stops what deploy/distributed/start.sh started (npm run stop:distributed): the gateway, the
# services (SIGTERM: they finish their relays and consumers; SIGKILL after 20 s), and Kafka and a
# private PostgreSQL cluster only if start.sh started them. Quietly succeeds when nothing runs.
#
#   bash deploy/distributed/stop.sh           # keep data (histories, read models, uploads, secret)
#   bash deploy/distributed/stop.sh --clean   # also delete the platform's data: its schemas in
#                                             # the database, the private cluster, each
#                                             # service's DATA_DIR, the run folder, and Kafka's data
#                                             # if start.sh started the broker (the secret stays)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT_DIR"

clean=0
for arg in "$@"; do
  case "$arg" in
    --clean) clean=1 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--clean]" >&2; exit 2 ;;
  esac
done

[[ -d "$RUN_DIR" ]] || { log "nothing to stop"; exit 0; }
mkdir -p "$STATE_DIR"
exec 8>"$STATE_DIR/.lock"
flock -w 60 8 || { echo "[distributed] ERROR: another start.sh or stop.sh is running" >&2; exit 1; }

# ---- gateway ------------------------------------------------------------------------------
gateway_pid="$(read_pid "$RUN_DIR/gateway/nginx.pid")"
if pid_is "$gateway_pid" nginx; then
  log "stopping the gateway (nginx, pid $gateway_pid)"
  kill -QUIT "$gateway_pid" 2>/dev/null || true # graceful: finish the requests in flight
  stop_pid "$gateway_pid" nginx 10 "gateway (nginx)"
fi

# ---- services (all at once, each given 20 s to stop cleanly) ------------------------------
for s in "${SERVICES[@]}"; do
  pid="$(read_pid "$RUN_DIR/pids/$s.pid")"
  if pid_is "$pid" "services/$s/src/main.ts"; then
    log "stopping $s (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  fi
done
for s in "${SERVICES[@]}"; do
  stop_pid "$(read_pid "$RUN_DIR/pids/$s.pid")" "services/$s/src/main.ts" 20 "$s"
  rm -f "$RUN_DIR/pids/$s.pid"
done

# ---- the platform's data (--clean), while PostgreSQL still runs ----------------------------
if ((clean)) && [[ -f "$RUN_DIR/env" ]]; then
  database_url="$(sed -n "s/^export DATABASE_URL='\([^']*\)'.*/\1/p" "$RUN_DIR/env")"
  prefix="$(sed -n "s/^export SCHEMA_PREFIX='\([^']*\)'.*/\1/p" "$RUN_DIR/env")"
  if [[ -n "$database_url" ]]; then
    # Only the schemas the platform makes: <service>, <service>_history, host, personal_data.
    schemas=("${prefix}host" "${prefix}personal_data")
    for s in "${SERVICES[@]}"; do schemas+=("${prefix}${s//-/_}" "${prefix}${s//-/_}_history"); done
    node -e '
      const { Client } = require("pg");
      const [url, ...schemas] = process.argv.slice(1);
      (async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
        console.log(`[distributed] dropped the platform schemas in ${new URL(url).pathname.slice(1)}`);
      })().catch((e) => console.error(`[distributed] WARNING: schemas not dropped: ${e.message}`));
    ' "$database_url" "${schemas[@]}" || true
  fi
fi

# ---- Kafka and PostgreSQL, only if start.sh started them ----------------------------------
if [[ -f "$RUN_DIR/started/kafka" ]]; then
  if ((clean)); then bash "$ROOT_DIR/deploy/kafka/stop.sh" --clean 8>&- | sed 's/^/  /'; else bash "$ROOT_DIR/deploy/kafka/stop.sh" 8>&- | sed 's/^/  /'; fi
  rm -f "$RUN_DIR/started/kafka"
fi
if [[ -f "$RUN_DIR/started/postgres" ]]; then
  pg_bin="$(cat "$RUN_DIR/started/postgres")"
  as_postgres "$pg_bin/pg_ctl" -D "$STATE_DIR/postgres" -m fast -w stop >/dev/null 2>&1 || true
  log "stopped the private PostgreSQL cluster"
  rm -f "$RUN_DIR/started/postgres"
fi

if ((clean)); then
  rm -rf "$STATE_DIR/data" "$STATE_DIR/postgres"
  find "$RUN_DIR" -mindepth 1 -maxdepth 1 ! -name started -exec rm -rf {} +
  log "removed the platform's data (the JWT secret stays in $SECRET_FILE)"
fi
[[ -n "${DISTRIBUTED_STOP_QUIET:-}" ]] || log "stopped"
